#include "lecs/docs/numbering.hpp"

#include <stdexcept>

#include "lecs/docs/store.hpp"
#include "lecs/docs/types.hpp"

namespace lecs::docs {

Reservation reserve_number(db::Tx& tx, int64_t org_id, const std::string& doc_type, int year, const std::string& prefix,
                           int64_t document_id, int64_t now_ms) {
    Reservation r{org_id, doc_type, year, 0, {}};
    r.no = store::allocate_number(tx, org_id, doc_type, year);
    r.number_text = number_text(prefix, year, r.no);
    store::insert_number(
        tx, NumberRecord{org_id, doc_type, year, r.no, r.number_text, "reserved", document_id, "", now_ms});
    return r;
}

bool settle_number(db::Tx& tx, const Reservation& r, const std::string& status, const std::string& reason,
                   int64_t now_ms) {
    if (status != "issued" && status != "voided") throw std::invalid_argument("settle_number: bad status " + status);
    return store::set_number_status(tx, r.org_id, r.doc_type, r.year, r.no, status, reason, now_ms) == 1;
}

}  // namespace lecs::docs
