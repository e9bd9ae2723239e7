#include "lecs/audit/store.hpp"

#include "lecs/db/values.hpp"

namespace lecs::audit::store {
namespace {

constexpr std::string_view kColumns =
    "id, seq, at_ms, user_id, username, role, ip, session_id, request_id, action, object_kind, object_id, "
    "result, before_json, after_json, detail, key_id, prev_hash, hash";

using db::opt;

rules::Record from_row(const db::Row& row) {
    rules::Record r;
    r.id = row.i64(0);
    r.seq = row.opt_i64(1);
    r.at_ms = row.i64(2);
    r.user_id = row.opt_i64(3);
    r.username = row.opt_str(4);
    r.role = row.opt_str(5);
    r.ip = row.opt_str(6);
    r.session_id = row.opt_i64(7);
    r.request_id = row.opt_str(8);
    r.action = row.str(9);
    r.object_kind = row.opt_str(10);
    r.object_id = row.opt_str(11);
    r.result = row.str(12);
    r.before_json = row.opt_str(13);
    r.after_json = row.opt_str(14);
    r.detail = row.opt_str(15);
    r.key_id = row.opt_str(16);
    r.prev_hash = row.opt_str(17);
    r.hash = row.opt_str(18);
    return r;
}

std::vector<rules::Record> records(const db::Rows& rows) {
    std::vector<rules::Record> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(from_row(row));
    return out;
}

// WHERE clause and parameters of the filtered list.
std::string where(const rules::Query& q, db::Params& p) {
    std::string w = " WHERE 1 = 1";
    auto add = [&](std::string_view cond, db::Value v) {
        p.push_back(std::move(v));
        w += " AND ";
        w += cond;
        w += " $" + std::to_string(p.size());
    };
    if (auto f = q.from_ms()) add("at_ms >=", *f);
    if (auto t = q.to_ms_exclusive()) add("at_ms <", *t);
    if (!q.username.empty())
        add("lower(username) =", [&] {
            std::string s = q.username;
            for (auto& c : s)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            return s;
        }());
    if (!q.action.empty()) add("action =", q.action);
    if (!q.object_kind.empty()) add("object_kind =", q.object_kind);
    if (!q.object_id.empty()) add("object_id =", q.object_id);
    if (!q.result.empty()) add("result =", q.result);
    return w;
}

}  // namespace

std::optional<Head> head(db::Tx& tx) {
    auto row = tx.query_one("SELECT seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)");
    if (!row) return std::nullopt;
    return Head{row->i64(0), row->opt_str(1).value_or("")};
}

void insert(db::Tx& tx, const rules::Record& r) {
    tx.exec(
        "INSERT INTO audit_log (id, seq, at_ms, user_id, username, role, ip, session_id, request_id, action, "
        "object_kind, object_id, result, before_json, after_json, detail, key_id, prev_hash, hash) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
        {r.id, opt(r.seq), r.at_ms, opt(r.user_id), opt(r.username), opt(r.role), opt(r.ip), opt(r.session_id),
         opt(r.request_id), r.action, opt(r.object_kind), opt(r.object_id), r.result, opt(r.before_json),
         opt(r.after_json), opt(r.detail), opt(r.key_id), opt(r.prev_hash), opt(r.hash)});
}

std::vector<rules::Record> unsealed(db::Tx& tx, int64_t limit) {
    return records(tx.query(
        "SELECT " + std::string(kColumns) + " FROM audit_log WHERE seq IS NULL ORDER BY at_ms, id LIMIT $1", {limit}));
}

void seal(db::Tx& tx, const rules::Record& r) {
    tx.exec("UPDATE audit_log SET seq = $1, key_id = $2, prev_hash = $3, hash = $4 WHERE id = $5 AND seq IS NULL",
            {opt(r.seq), opt(r.key_id), opt(r.prev_hash), opt(r.hash), r.id});
}

std::vector<rules::Record> sealed_after(db::Tx& tx, int64_t after_seq, int64_t limit) {
    return records(tx.query("SELECT " + std::string(kColumns) + " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                            {after_seq, limit}));
}

Unsealed unsealed_before(db::Tx& tx, int64_t before_ms) {
    Unsealed u;
    u.count = tx.query_one("SELECT count(*) FROM audit_log WHERE seq IS NULL AND at_ms < $1", {before_ms})->i64(0);
    if (u.count > 0) {
        auto row = tx.query_one(
            "SELECT id, at_ms FROM audit_log WHERE seq IS NULL AND at_ms < $1 ORDER BY at_ms, id LIMIT 1", {before_ms});
        if (row) {
            u.oldest_id = row->i64(0);
            u.oldest_at_ms = row->i64(1);
        }
    }
    return u;
}

std::vector<rules::Checkpoint> checkpoints(db::Tx& tx) {
    std::vector<rules::Checkpoint> out;
    for (const auto& row :
         tx.query("SELECT seq, head_hash, at_ms, signature, public_key_pem FROM audit_checkpoint ORDER BY seq")) {
        rules::Checkpoint c;
        c.seq = row.i64(0);
        c.head_hash = row.str(1);
        c.at_ms = row.i64(2);
        c.signature = row.str(3);
        c.public_key_pem = row.str(4);
        c.origin = "db";
        out.push_back(std::move(c));
    }
    return out;
}

bool insert_checkpoint(db::Tx& tx, const rules::Checkpoint& c) {
    return tx.exec(
               "INSERT INTO audit_checkpoint (seq, head_hash, at_ms, signature, public_key_pem) "
               "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (seq) DO NOTHING",
               {c.seq, c.head_hash, c.at_ms, c.signature, c.public_key_pem}) > 0;
}

int64_t count(db::Tx& tx, const rules::Query& q) {
    db::Params p;
    std::string sql = "SELECT count(*) FROM audit_log" + where(q, p);
    return tx.query_one(sql, p)->i64(0);
}

std::vector<rules::Record> list(db::Tx& tx, const rules::Query& q) {
    db::Params p;
    std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log" + where(q, p);
    p.push_back(q.size);
    sql += " ORDER BY at_ms DESC, id DESC LIMIT $" + std::to_string(p.size());
    p.push_back((q.page - 1) * q.size);
    sql += " OFFSET $" + std::to_string(p.size());
    return records(tx.query(sql, p));
}

void add_refusals(db::Tx& tx, int64_t minute, int64_t user_id, const std::string& route, int status,
                  const std::string& code, int64_t count) {
    tx.exec(
        "INSERT INTO audit_refusal_agg (minute, user_id, route, status, code, count) VALUES ($1, $2, $3, $4, $5, $6) "
        "ON CONFLICT (minute, user_id, route, status) DO UPDATE SET count = audit_refusal_agg.count + excluded.count, "
        "code = excluded.code",
        {minute, user_id, route, int64_t{status}, code, count});
}

}  // namespace lecs::audit::store
