#include "lecs/files/store.hpp"

#include "lecs/db/values.hpp"

namespace lecs::files::store {
namespace {

constexpr const char* kColumns =
    "id, sm3_hex, size_bytes, media_type, original_name, owner_kind, owner_id, region_code, org_id, version, "
    "created_at, updated_at, created_by";

Attachment from_row(const db::Row& r) {
    Attachment a;
    a.id = r.i64(0);
    a.sm3_hex = r.str(1);
    a.size_bytes = r.i64(2);
    a.media_type = r.str(3);
    a.original_name = r.str(4);
    a.owner_kind = r.opt_str(5);
    a.owner_id = r.opt_i64(6);
    a.region_code = r.str(7);
    a.org_id = r.i64(8);
    a.version = r.i64(9);
    a.created_at = r.i64(10);
    a.updated_at = r.i64(11);
    a.created_by = r.i64(12);
    return a;
}

}  // namespace

void insert_attachment(db::Tx& tx, const Attachment& a) {
    tx.exec(std::string("INSERT INTO attachments (") + kColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            {a.id, a.sm3_hex, a.size_bytes, a.media_type, a.original_name, db::opt(a.owner_kind), db::opt(a.owner_id),
             a.region_code, a.org_id, a.version, a.created_at, a.updated_at, a.created_by});
}

std::optional<Attachment> find_attachment(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kColumns + " FROM attachments WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return from_row(*r);
}

int64_t bind(db::Tx& tx, int64_t id, std::string_view owner_kind, int64_t owner_id, int64_t expected_version,
             int64_t now_ms) {
    return tx.exec(
        "UPDATE attachments SET owner_kind = $1, owner_id = $2, version = version + 1, updated_at = $3 "
        "WHERE id = $4 AND version = $5 AND owner_id IS NULL",
        {std::string(owner_kind), owner_id, now_ms, id, expected_version});
}

std::vector<Attachment> list_bound(db::Tx& tx, std::string_view owner_kind, int64_t owner_id) {
    std::vector<Attachment> out;
    for (const auto& r : tx.query(std::string("SELECT ") + kColumns +
                                      " FROM attachments WHERE owner_kind = $1 AND owner_id = $2 ORDER BY id",
                                  {std::string(owner_kind), owner_id}))
        out.push_back(from_row(r));
    return out;
}

std::optional<auth::Owner> attachment_owner(db::Tx& tx, int64_t id) {
    auto r = tx.query_one("SELECT region_code, org_id FROM attachments WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return auth::Owner{r->str(0), r->i64(1)};
}

}  // namespace lecs::files::store
