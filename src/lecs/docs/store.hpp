// SQL of the docs module. Every function runs in the caller's Tx.
//
// Contract:
// - allocate_number(): the next number of (org, type, year), atomically: the
//   sequence row is created with INSERT … ON CONFLICT DO NOTHING and advanced
//   with one UPDATE … RETURNING, which holds the row lock on PostgreSQL until
//   the Tx ends and runs under the single writer on SQLite. Gapless as long as
//   every allocated number is recorded in doc_numbers in the same Tx.
// - mark_issued() only changes a draft of the given version (0 rows otherwise):
//   an issued document is never updated again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"
#include "lecs/docs/model.hpp"

namespace lecs::docs::store {

void insert_document(db::Tx& tx, const Document& d);
// Updates a draft's editable columns when its version matches; returns rows changed.
int64_t update_draft(db::Tx& tx, const Document& d, int64_t expected_version);
std::optional<Document> find_document(db::Tx& tx, int64_t id);
std::optional<Document> find_by_token(db::Tx& tx, const std::string& token);
std::optional<std::string> load_pdf(db::Tx& tx, int64_t id);
int64_t mark_issued(db::Tx& tx, const Document& d, const std::string& pdf, int64_t expected_version);

struct ListFilter {
    std::optional<std::string> doc_type, status;
    std::optional<int64_t> issuer_org_id;
    int limit = 50, offset = 0;
};
struct DocumentPage {
    std::vector<Document> items;
    int64_t total = 0;  // every match of the filter, for the pager
};
// Documents inside the scope (whole city, region prefixes, organisations), newest first.
DocumentPage list_documents(db::Tx& tx, const auth::DataScope& scope, const ListFilter& f);

std::optional<std::string> find_prefix(db::Tx& tx, int64_t org_id, const std::string& doc_type);
void upsert_prefix(db::Tx& tx, int64_t org_id, const std::string& doc_type, const std::string& prefix, int64_t user_id,
                   int64_t now_ms);

int64_t allocate_number(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year);
void insert_number(db::Tx& tx, const NumberRecord& n);
// Moves a number from 'reserved' to status; returns rows changed (0 when it was not reserved).
int64_t set_number_status(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year, int64_t no,
                          const std::string& status, const std::string& reason, int64_t now_ms);
std::vector<NumberRecord> list_numbers(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year);

std::optional<SignKey> find_active_key(db::Tx& tx, int64_t org_id);
std::optional<SignKey> find_key(db::Tx& tx, const std::string& key_id);
// Inserts k unless the organisation already has an active key (a concurrent first use).
void insert_key_if_absent(db::Tx& tx, const SignKey& k);

void insert_delivery(db::Tx& tx, const Delivery& d, int64_t user_id);
std::optional<Delivery> find_delivery(db::Tx& tx, int64_t id);
std::vector<Delivery> list_deliveries(db::Tx& tx, int64_t document_id);
int64_t record_receipt(db::Tx& tx, const Delivery& d, int64_t expected_version);

// Scope owners: a document belongs to its issuing organisation; a delivery to its recipient
// organisation (so the recipient agency may enter the receipt), else to the document's issuer.
std::optional<auth::Owner> document_owner(db::Tx& tx, int64_t id);
std::optional<auth::Owner> delivery_owner(db::Tx& tx, int64_t id);

}  // namespace lecs::docs::store
