#include "lecs/coordination/scope.hpp"

#include "lecs/coordination/store.hpp"

namespace lecs::coordination {

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    if (kind != "dispute") return std::nullopt;
    auto d = store::find_dispute(tx, id);
    if (!d) return std::nullopt;
    auth::Owner o{d->region_code, d->competent_org_id.value_or(d->applicant_org_id)};
    // A party's own staff see the dispute wherever their region lies (Art 8: the other
    // parties state their positions; the register shows it to each of them).
    for (const auto& r :
         tx.query("SELECT o.id, o.region_code FROM dispute_parties p JOIN organizations o ON o.id = p.org_id "
                  "WHERE p.dispute_id = $1 ORDER BY o.id",
                  {id}))
        o.parties.push_back(auth::PartyRef{r.i64(0), r.str(1)});
    return o;
}

}  // namespace lecs::coordination
