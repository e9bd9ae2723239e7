// The catalog's use cases (Art 5(2); issue 6 step 3).
//
// Contract (every change in the caller's Tx, with its audit record; a refusal writes nothing):
// - list(): the items of the agencies in the caller's data scope, filtered by agency, item code and
//   "in force on" a date.
// - create(): one item. The agency must be a registered, active 行政执法机关 inside the caller's scope
//   (else 400 catalog.unknown_agency / 404 outside the scope); the code, name and kind are required, the
//   kind one of kKinds, effective_to not before effective_from, amounts only for penalties, 0 <= min <=
//   max; an item with the same (agency, code, effective_from) is 409 catalog.duplicate.
// - load_csv(): a CSV file (header agency_uscc,item_code,name,kind,effective_from[,effective_to]
//   [,min_amount_fen][,max_amount_fen][,basis], any order; a UTF-8 BOM allowed), all or nothing: every
//   row is checked as create() checks it, with the agency by its 统一社会信用代码; any bad row (or a key
//   twice in the file) fills `errors` with {line, field, reason in Chinese} and the call returns 400
//   catalog.invalid_rows writing nothing. A row whose key exists updates that item (a re-sent file is
//   idempotent). who == nullptr is the CLI (the system: every agency).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/catalog/model.hpp"
#include "lecs/catalog/store.hpp"
#include "lecs/db/db.hpp"

namespace lecs::catalog {

inline constexpr size_t kMaxCodeChars = 64;
inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxBasisChars = 500;
inline constexpr int64_t kMaxAmountFen = 100'000'000'000'00;  // 1000亿元: above any fine in force
inline constexpr size_t kMaxCsvRows = 50'000;

struct ItemInput {
    int64_t agency_id = 0;
    std::string item_code, name, kind;
    std::optional<Date> effective_from, effective_to;
    std::optional<int64_t> min_amount_fen, max_amount_fen;
    std::string basis;
};

struct RowError {
    int64_t line = 0;
    std::string field;
    std::string reason;
};

struct LoadReport {
    int64_t created = 0, updated = 0;
};

class CatalogService {
  public:
    explicit CatalogService(audit::AuditLog& audit) : audit_(audit) {}

    store::ItemPage list(db::Tx& tx, const auth::Caller& who, const store::ItemFilter& f);
    // Per agency in the caller's scope: the number of items in force on some day of [from, to] (Art
    // 5(2); the analysis of Art 15 compares them with the agency's acts). Anonymous: empty.
    std::map<int64_t, int64_t> in_force_counts(db::Tx& tx, const auth::Caller& who, Date from, Date to);
    Result<Item> create(db::Tx& tx, const auth::Caller& who, const ItemInput& in, int64_t now_ms);
    Result<LoadReport> load_csv(db::Tx& tx, const auth::Caller* who, std::string_view csv, int64_t now_ms,
                                std::vector<RowError>& errors);

  private:
    audit::AuditLog& audit_;
};

// The checks of one item's own fields (not the agency): the first failure with its field.
Result<void> check_item(const ItemInput& in);
std::string item_json(const Item& i);

}  // namespace lecs::catalog
