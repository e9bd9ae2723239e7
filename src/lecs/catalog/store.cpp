#include "lecs/catalog/store.hpp"

#include "lecs/org/store.hpp"

namespace lecs::catalog::store {
namespace {

constexpr const char* kColumns =
    "i.id, i.agency_id, i.item_code, i.name, i.kind, i.effective_from, i.effective_to, i.min_amount_fen, "
    "i.max_amount_fen, i.basis, i.status, i.version, i.created_at, i.updated_at, i.created_by";

db::Value opt(const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value opt(const std::optional<Date>& v) { return v ? db::Value(v->iso()) : db::Value(nullptr); }

Item item_from(const db::Row& r) {
    Item i;
    i.id = r.i64(0);
    i.agency_id = r.i64(1);
    i.item_code = r.str(2);
    i.name = r.str(3);
    i.kind = r.str(4);
    i.effective_from = Date::parse(r.str(5)).value_or(Date{});
    if (auto to = r.opt_str(6)) i.effective_to = Date::parse(*to);
    i.min_amount_fen = r.opt_i64(7);
    i.max_amount_fen = r.opt_i64(8);
    i.basis = r.str(9);
    i.status = r.str(10);
    i.version = r.i64(11);
    i.created_at = r.i64(12);
    i.updated_at = r.i64(13);
    i.created_by = r.i64(14);
    return i;
}

}  // namespace

void insert_item(db::Tx& tx, const Item& i) {
    tx.exec(
        "INSERT INTO catalog_items (id, agency_id, item_code, name, kind, effective_from, effective_to, "
        "min_amount_fen, max_amount_fen, basis, status, version, created_at, updated_at, created_by) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        {i.id, i.agency_id, i.item_code, i.name, i.kind, i.effective_from.iso(), opt(i.effective_to),
         opt(i.min_amount_fen), opt(i.max_amount_fen), i.basis, i.status, i.version, i.created_at, i.updated_at,
         i.created_by});
}

int64_t update_item(db::Tx& tx, const Item& i, int64_t expected_version) {
    return tx.exec(
        "UPDATE catalog_items SET name = $1, kind = $2, effective_to = $3, min_amount_fen = $4, max_amount_fen = $5, "
        "basis = $6, status = $7, version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10",
        {i.name, i.kind, opt(i.effective_to), opt(i.min_amount_fen), opt(i.max_amount_fen), i.basis, i.status,
         i.updated_at, i.id, expected_version});
}

std::optional<Item> find_item(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kColumns + " FROM catalog_items i WHERE i.id = $1", {id});
    if (!r) return std::nullopt;
    return item_from(*r);
}

std::optional<Item> find_by_key(db::Tx& tx, int64_t agency_id, const std::string& item_code, Date effective_from) {
    auto r = tx.query_one(std::string("SELECT ") + kColumns +
                              " FROM catalog_items i WHERE i.agency_id = $1 AND i.item_code = $2 AND "
                              "i.effective_from = $3",
                          {agency_id, item_code, effective_from.iso()});
    if (!r) return std::nullopt;
    return item_from(*r);
}

ItemPage list_items(db::Tx& tx, const auth::DataScope& scope, const ItemFilter& f) {
    db::Params p;
    std::string where = " WHERE " + org::store::scope_clause(scope, "o", p);
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    if (f.agency_id) where += " AND i.agency_id = " + arg(*f.agency_id);
    if (f.item_code) where += " AND i.item_code = " + arg(*f.item_code);
    if (f.in_force_on) {
        const std::string d = arg(f.in_force_on->iso());
        where += " AND i.status = 'active' AND i.effective_from <= " + d + " AND (i.effective_to IS NULL OR " + d +
                 " <= i.effective_to)";
    }
    const std::string from = " FROM catalog_items i JOIN organizations o ON o.id = i.agency_id";
    ItemPage page;
    page.total = tx.query_one("SELECT COUNT(*)" + from + where, p)->i64(0);
    const std::string lim = arg(int64_t{f.limit}), off = arg(int64_t{f.offset});
    for (const auto& r :
         tx.query(std::string("SELECT ") + kColumns + from + where +
                      " ORDER BY i.agency_id, i.item_code, i.effective_from LIMIT " + lim + " OFFSET " + off,
                  p))
        page.items.push_back(item_from(r));
    return page;
}

std::vector<Item> active_items(db::Tx& tx) {
    std::vector<Item> out;
    for (const auto& r : tx.query(std::string("SELECT ") + kColumns +
                                  " FROM catalog_items i WHERE i.status = 'active' ORDER BY i.agency_id, i.item_code, "
                                  "i.effective_from"))
        out.push_back(item_from(r));
    return out;
}

std::map<int64_t, int64_t> in_force_counts(db::Tx& tx, const auth::DataScope& scope, Date from, Date to) {
    db::Params p;
    std::string where = org::store::scope_clause(scope, "o", p);
    p.push_back(to.iso());
    const std::string last = "$" + std::to_string(p.size());
    p.push_back(from.iso());
    const std::string first = "$" + std::to_string(p.size());
    std::map<int64_t, int64_t> out;
    for (const auto& r :
         tx.query("SELECT i.agency_id, COUNT(*) FROM catalog_items i JOIN organizations o ON o.id = "
                  "i.agency_id WHERE " +
                      where + " AND i.status = 'active' AND i.effective_from <= " + last +
                      " AND (i.effective_to IS NULL OR i.effective_to >= " + first + ") GROUP BY i.agency_id",
                  p))
        out[r.i64(0)] = r.i64(1);
    return out;
}

}  // namespace lecs::catalog::store
