#include "lecs/coordination/model.hpp"

namespace lecs::coordination {

Application application_of(const Dispute& d) {
    Application a;
    a.letter_attachment_id = d.letter_attachment_id;
    a.focus = d.focus;
    for (const auto& p : d.parties) a.parties.push_back(PartyPosition{p.org_id, p.org_name, p.position, p.legal_basis});
    a.negotiation = Negotiation{d.negotiation_date, d.negotiation_participants, d.negotiation_outcome};
    a.other_info = d.other_info;
    return a;
}

}  // namespace lecs::coordination
