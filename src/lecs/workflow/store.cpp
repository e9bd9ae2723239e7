#include "lecs/workflow/store.hpp"

#include "lecs/workflow/rules.hpp"

namespace lecs::workflow::store {
namespace {

Date date_of(const db::Row& r, size_t i) {
    auto d = Date::parse(r.str(i));
    if (!d) throw db::DbError("workflow: bad date in the database: " + r.str(i));
    return *d;
}

std::optional<Date> opt_date_of(const db::Row& r, size_t i) {
    if (r.is_null(i)) return std::nullopt;
    return date_of(r, i);
}

calendar::Unit unit_of(const db::Row& r, size_t i) {
    auto u = unit_from(r.str(i));
    if (!u) throw db::DbError("workflow: bad unit in the database: " + r.str(i));
    return *u;
}

db::Value id_or_null(int64_t id) { return id > 0 ? db::Value(id) : db::Value(nullptr); }
db::Value text_or_null(const std::string& s) { return s.empty() ? db::Value(nullptr) : db::Value(s); }

constexpr std::string_view kDeadlineCols =
    "id, owner_kind, owner_id, name, region_code, org_id, responsible_user_id, leader_user_id, start_event, "
    "start_date, unit, days, due_date, original_due_date, provisional, status, met_on, version, created_at, "
    "updated_at";

Notification notification_from(const db::Row& r) {
    Notification n;
    n.id = r.i64(0);
    n.user_id = r.i64(1);
    n.kind = r.str(2);
    n.title = r.str(3);
    n.body = r.str(4);
    n.object_kind = r.opt_str(5).value_or("");
    n.object_id = r.opt_i64(6).value_or(0);
    n.created_at = r.i64(7);
    n.read_at = r.opt_i64(8);
    return n;
}

}  // namespace

void insert_deadline(db::Tx& tx, const Deadline& d, const std::string& created_by) {
    tx.exec("INSERT INTO deadlines (" + std::string(kDeadlineCols) +
                ", created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)",
            {d.id,
             d.owner_kind,
             d.owner_id,
             d.name,
             d.owner.region_code,
             d.owner.org_id,
             id_or_null(d.responsible_user_id),
             id_or_null(d.leader_user_id),
             d.start_event,
             d.start_date.iso(),
             std::string(to_string(d.unit)),
             int64_t{d.days},
             d.due_date.iso(),
             d.original_due_date.iso(),
             int64_t{d.provisional ? 1 : 0},
             d.status,
             d.met_on ? db::Value(d.met_on->iso()) : db::Value(nullptr),
             d.version,
             d.created_at,
             d.updated_at,
             created_by});
}

std::optional<Deadline> find_deadline(db::Tx& tx, int64_t id) {
    auto row = tx.query_one("SELECT " + std::string(kDeadlineCols) + " FROM deadlines WHERE id = $1", {id});
    if (!row) return std::nullopt;
    const auto& r = *row;
    Deadline d;
    d.id = r.i64(0);
    d.owner_kind = r.str(1);
    d.owner_id = r.i64(2);
    d.name = r.str(3);
    d.owner = auth::Owner{r.str(4), r.i64(5)};
    d.responsible_user_id = r.opt_i64(6).value_or(0);
    d.leader_user_id = r.opt_i64(7).value_or(0);
    d.start_event = r.str(8);
    d.start_date = date_of(r, 9);
    d.unit = unit_of(r, 10);
    d.days = static_cast<int>(r.i64(11));
    d.due_date = date_of(r, 12);
    d.original_due_date = date_of(r, 13);
    d.provisional = r.boolean(14);
    d.status = r.str(15);
    d.met_on = opt_date_of(r, 16);
    d.version = r.i64(17);
    d.created_at = r.i64(18);
    d.updated_at = r.i64(19);
    for (const auto& p : tx.query("SELECT id, reason, start_date, end_date FROM deadline_pauses WHERE deadline_id = $1 "
                                  "ORDER BY start_date, id",
                                  {id}))
        d.pauses.push_back(PauseRecord{p.i64(0), p.str(1), date_of(p, 2), opt_date_of(p, 3)});
    for (const auto& e : tx.query("SELECT id, days, unit, approver_user_id, basis, at_ms FROM deadline_extensions "
                                  "WHERE deadline_id = $1 ORDER BY at_ms, id",
                                  {id}))
        d.extensions.push_back(
            ExtensionRecord{e.i64(0), static_cast<int>(e.i64(1)), unit_of(e, 2), e.i64(3), e.str(4), e.i64(5)});
    return d;
}

std::vector<int64_t> open_deadline_ids(db::Tx& tx) {
    std::vector<int64_t> out;
    for (const auto& r : tx.query("SELECT id FROM deadlines WHERE status = 'open' ORDER BY id"))
        out.push_back(r.i64(0));
    return out;
}

bool update_deadline_due(db::Tx& tx, const Deadline& d, int64_t now_ms) {
    return tx.exec(
               "UPDATE deadlines SET due_date = $1, provisional = $2, version = version + 1, updated_at = $3 "
               "WHERE id = $4 AND version = $5",
               {d.due_date.iso(), int64_t{d.provisional ? 1 : 0}, now_ms, d.id, d.version}) == 1;
}

bool update_deadline_status(db::Tx& tx, int64_t id, int64_t version, const std::string& status,
                            std::optional<Date> met_on, int64_t now_ms) {
    return tx.exec(
               "UPDATE deadlines SET status = $1, met_on = $2, version = version + 1, updated_at = $3 "
               "WHERE id = $4 AND version = $5",
               {status, met_on ? db::Value(met_on->iso()) : db::Value(nullptr), now_ms, id, version}) == 1;
}

void insert_pause(db::Tx& tx, int64_t deadline_id, const PauseRecord& p) {
    tx.exec("INSERT INTO deadline_pauses (id, deadline_id, reason, start_date, end_date) VALUES ($1,$2,$3,$4,$5)",
            {p.id, deadline_id, p.reason, p.start.iso(), p.end ? db::Value(p.end->iso()) : db::Value(nullptr)});
}

void end_pause(db::Tx& tx, int64_t pause_id, Date end) {
    tx.exec("UPDATE deadline_pauses SET end_date = $1 WHERE id = $2", {end.iso(), pause_id});
}

void insert_extension(db::Tx& tx, int64_t deadline_id, const ExtensionRecord& e) {
    tx.exec(
        "INSERT INTO deadline_extensions (id, deadline_id, days, unit, approver_user_id, basis, at_ms) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7)",
        {e.id, deadline_id, int64_t{e.days}, std::string(to_string(e.unit)), e.approver_user_id, e.basis, e.at_ms});
}

void insert_change(db::Tx& tx, int64_t deadline_id, const ChangeRecord& c) {
    tx.exec(
        "INSERT INTO deadline_changes (id, deadline_id, at_ms, old_due, new_due, reason) VALUES ($1,$2,$3,$4,$5,$6)",
        {c.id, deadline_id, c.at_ms, c.old_due.iso(), c.new_due.iso(), c.reason});
}

std::vector<ChangeRecord> changes(db::Tx& tx, int64_t deadline_id) {
    std::vector<ChangeRecord> out;
    for (const auto& r : tx.query("SELECT id, at_ms, old_due, new_due, reason FROM deadline_changes "
                                  "WHERE deadline_id = $1 ORDER BY at_ms, id",
                                  {deadline_id}))
        out.push_back(ChangeRecord{r.i64(0), r.i64(1), date_of(r, 2), date_of(r, 3), r.str(4)});
    return out;
}

void insert_notification(db::Tx& tx, const Notification& n) {
    tx.exec(
        "INSERT INTO notifications (id, user_id, kind, title, body, object_kind, object_id, created_at, read_at) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,NULL)",
        {n.id, n.user_id, n.kind, n.title, n.body, text_or_null(n.object_kind), id_or_null(n.object_id), n.created_at});
}

std::vector<Notification> notifications(db::Tx& tx, int64_t user_id, int64_t limit, int64_t offset) {
    std::vector<Notification> out;
    for (const auto& r : tx.query("SELECT id, user_id, kind, title, body, object_kind, object_id, created_at, read_at "
                                  "FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC "
                                  "LIMIT $2 OFFSET $3",
                                  {user_id, limit, offset}))
        out.push_back(notification_from(r));
    return out;
}

int64_t count_notifications(db::Tx& tx, int64_t user_id, bool unread_only) {
    std::string sql = "SELECT COUNT(*) FROM notifications WHERE user_id = $1";
    if (unread_only) sql += " AND read_at IS NULL";
    return tx.query_one(sql, {user_id})->i64(0);
}

bool mark_notification_read(db::Tx& tx, int64_t user_id, int64_t id, int64_t now_ms) {
    auto row = tx.query_one("SELECT read_at FROM notifications WHERE id = $1 AND user_id = $2", {id, user_id});
    if (!row) return false;
    if (row->is_null(0))
        tx.exec("UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3", {now_ms, id, user_id});
    return true;
}

void insert_todo(db::Tx& tx, int64_t id, const TodoInput& t, int64_t now_ms) {
    tx.exec(
        "INSERT INTO todos (id, user_id, role, org_id, region_code, object_kind, object_id, action, title, "
        "deadline_id, created_at, done_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,NULL)",
        {id, id_or_null(t.user_id), text_or_null(t.role), id_or_null(t.org_id), t.region_code, t.object_kind,
         t.object_id, t.action, t.title, id_or_null(t.deadline_id), now_ms});
}

int64_t complete_todos(db::Tx& tx, const std::string& object_kind, int64_t object_id, const std::string& action,
                       int64_t now_ms) {
    return tx.exec(
        "UPDATE todos SET done_at = $1 WHERE object_kind = $2 AND object_id = $3 AND action = $4 "
        "AND done_at IS NULL",
        {now_ms, object_kind, object_id, action});
}

bool has_open_todo(db::Tx& tx, const std::string& object_kind, int64_t object_id, const std::string& action) {
    return tx.query_one(
                 "SELECT COUNT(*) FROM todos WHERE object_kind = $1 AND object_id = $2 AND action = $3 AND done_at IS "
                 "NULL",
                 {object_kind, object_id, action})
               ->i64(0) > 0;
}

std::vector<Todo> open_todos(db::Tx& tx, int64_t user_id, const std::vector<std::string>& roles, int64_t org_id) {
    std::string sql =
        "SELECT t.id, t.user_id, t.role, t.org_id, t.region_code, t.object_kind, t.object_id, t.action, t.title, "
        "t.deadline_id, t.created_at, d.due_date FROM todos t LEFT JOIN deadlines d ON d.id = t.deadline_id "
        "WHERE t.done_at IS NULL AND (t.user_id = $1";
    db::Params params{user_id, org_id};
    if (!roles.empty() && org_id > 0) {
        sql += " OR (t.user_id IS NULL AND t.org_id = $2 AND t.role IN (";
        for (size_t i = 0; i < roles.size(); ++i) {
            sql += (i ? ",$" : "$") + std::to_string(i + 3);
            params.push_back(roles[i]);
        }
        sql += "))";
    } else {
        sql += " OR $2 = -1";  // keeps $2 bound on both drivers
    }
    sql += ") ORDER BY CASE WHEN d.due_date IS NULL THEN 1 ELSE 0 END, d.due_date, t.created_at, t.id";
    std::vector<Todo> out;
    for (const auto& r : tx.query(sql, params)) {
        Todo t;
        t.id = r.i64(0);
        t.input.user_id = r.opt_i64(1).value_or(0);
        t.input.role = r.opt_str(2).value_or("");
        t.input.org_id = r.opt_i64(3).value_or(0);
        t.input.region_code = r.str(4);
        t.input.object_kind = r.str(5);
        t.input.object_id = r.i64(6);
        t.input.action = r.str(7);
        t.input.title = r.str(8);
        t.input.deadline_id = r.opt_i64(9).value_or(0);
        t.created_at = r.i64(10);
        t.due_date = opt_date_of(r, 11);
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace lecs::workflow::store
