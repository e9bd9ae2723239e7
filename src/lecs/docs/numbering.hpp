// 文号 allocation (REQUIREMENTS §17 Numbering).
//
// Contract:
// - reserve_number() runs in the caller's short write Tx: it takes the next
//   number of (organisation, type, year) from doc_sequences (store.hpp:
//   allocate_number, atomic on both databases) and records it in doc_numbers
//   as 'reserved' for the document, so every allocated number is accounted
//   for: the sequence has no gap.
// - settle_number() moves a reserved number to 'issued' or 'voided' (with the
//   reason). A voided number stays recorded and is never handed out again,
//   because the sequence only moves forward. Returns false when the number was
//   not reserved (already settled).
#pragma once

#include <cstdint>
#include <string>

#include "lecs/db/db.hpp"

namespace lecs::docs {

struct Reservation {
    int64_t org_id = 0;
    std::string doc_type;
    int64_t year = 0;
    int64_t no = 0;
    std::string number_text;  // 邢执监通〔2026〕3号
};

Reservation reserve_number(db::Tx& tx, int64_t org_id, const std::string& doc_type, int year, const std::string& prefix,
                           int64_t document_id, int64_t now_ms);
bool settle_number(db::Tx& tx, const Reservation& r, const std::string& status, const std::string& reason,
                   int64_t now_ms);

}  // namespace lecs::docs
