#include "lecs/workflow/service.hpp"

#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/workflow/deadline_lifecycle.hpp"
#include "lecs/workflow/rules.hpp"
#include "lecs/workflow/store.hpp"

namespace lecs::workflow {
namespace {

std::string deadline_json(const Deadline& d) {
    boost::json::object o{{"owner_kind", d.owner_kind},
                          {"owner_id", id_to_string(d.owner_id)},
                          {"name", d.name},
                          {"start_event", d.start_event},
                          {"start_date", d.start_date.iso()},
                          {"unit", std::string(to_string(d.unit))},
                          {"days", d.days},
                          {"due_date", d.due_date.iso()},
                          {"status", d.status}};
    return boost::json::serialize(o);
}

// The deadline's lifecycle decides whether the event may happen now (409 workflow.wrong_state
// otherwise) and into which status it leads.
Result<std::string> fire(db::Tx& tx, const auth::Caller& who, const Deadline& d, std::string_view event) {
    FireContext ctx;
    ctx.tx = &tx;
    ctx.object_kind = "deadline";
    ctx.object_id = d.id;
    return deadline_machine().fire(d.status, event, who, ctx);
}

void audit_deadline(audit::AuditLog& log, db::Tx& tx, const auth::Caller& who, const std::string& action,
                    const Deadline& d, std::string before, std::string after, int64_t now_ms) {
    log.append(tx, who,
               audit::Entry{.action = action,
                            .object_kind = "deadline",
                            .object_id = id_to_string(d.id),
                            .before_json = std::move(before),
                            .after_json = std::move(after)},
               now_ms);
}

}  // namespace

Result<int64_t> DeadlineService::create(db::Tx& tx, const auth::Caller& who, const DeadlineInput& in, int64_t now_ms) {
    LECS_TRY(check_deadline_input(in));
    if (!who.scope.covers(in.owner)) return Error::not_found();
    const auto cal = calendar_.load(tx);
    Deadline d;
    d.id = new_id();
    d.owner_kind = in.owner_kind;
    d.owner_id = in.owner_id;
    d.name = in.name;
    d.owner = in.owner;
    d.responsible_user_id = in.responsible_user_id;
    d.leader_user_id = in.leader_user_id;
    d.start_event = in.start_event;
    d.start_date = in.start_date;
    d.unit = in.unit;
    d.days = in.days;
    auto due = cal.compute(period_of(d), shanghai_date(now_ms));
    d.due_date = due.date;
    d.original_due_date = due.date;
    d.provisional = due.provisional;
    d.version = 1;
    d.created_at = now_ms;
    d.updated_at = now_ms;
    store::insert_deadline(tx, d, who.username.empty() ? std::string("system") : who.username);
    audit_deadline(audit_, tx, who, "deadline.create", d, {}, deadline_json(d), now_ms);
    return d.id;
}

Result<Deadline> DeadlineService::load_in_scope(db::Tx& tx, const auth::Caller& who, int64_t id) const {
    auto d = store::find_deadline(tx, id);
    if (!d || !who.scope.covers(d->owner)) return Error::not_found();
    return std::move(*d);
}

Result<DeadlineView> DeadlineService::get(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms) const {
    LECS_ASSIGN(Deadline d, load_in_scope(tx, who, id));
    const auto cal = calendar_.load(tx);
    const Date today = shanghai_date(now_ms);
    DeadlineView v;
    v.due = cal.compute(period_of(d), today);
    if (v.due.date != d.original_due_date && !v.due.original) v.due.original = d.original_due_date;
    // A deadline that is met or cancelled is neither overdue nor due soon.
    if (d.status == "open") v.state = cal.due_state(v.due, today);
    v.changes = store::changes(tx, d.id);
    v.deadline = std::move(d);
    return v;
}

Result<bool> DeadlineService::refresh_due(db::Tx& tx, Deadline& d, const calendar::Calendar& cal,
                                          const std::string& reason, int64_t now_ms) {
    auto due = cal.compute(period_of(d), shanghai_date(now_ms));
    if (due.date == d.due_date && due.provisional == d.provisional) return false;
    const Date old = d.due_date;
    d.due_date = due.date;
    d.provisional = due.provisional;
    // Another transaction changed the deadline since it was read (PostgreSQL): 409, retry.
    if (!store::update_deadline_due(tx, d, now_ms)) return Error::stale_version();
    ++d.version;
    if (old == due.date) return false;
    store::insert_change(tx, d.id, ChangeRecord{new_id(), now_ms, old, due.date, reason});
    return true;
}

Result<void> DeadlineService::pause(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                    Date start, int64_t now_ms) {
    LECS_ASSIGN(Deadline d, load_in_scope(tx, who, id));
    LECS_TRY(fire(tx, who, d, deadline_event::kPause));
    if (reason.empty()) return Error::validation("validation.required", "「中止原因」不能为空", "reason");
    if (start <= d.start_date) return Error::validation("workflow.bad_pause", "中止日期必须在起算日之后", "start_date");
    for (const auto& p : d.pauses)
        if (!p.end) return Error::conflict("workflow.already_paused", "该期限已处于中止状态");
    const std::string before = deadline_json(d);
    PauseRecord p{new_id(), reason, start, std::nullopt};
    store::insert_pause(tx, d.id, p);
    d.pauses.push_back(p);
    LECS_TRY(refresh_due(tx, d, calendar_.load(tx), "期限中止：" + reason, now_ms));
    audit_deadline(audit_, tx, who, "deadline.pause", d, before, deadline_json(d), now_ms);
    return ok();
}

Result<void> DeadlineService::resume(db::Tx& tx, const auth::Caller& who, int64_t id, Date end, int64_t now_ms) {
    LECS_ASSIGN(Deadline d, load_in_scope(tx, who, id));
    LECS_TRY(fire(tx, who, d, deadline_event::kResume));
    PauseRecord* open = nullptr;
    for (auto& p : d.pauses)
        if (!p.end) open = &p;
    if (!open) return Error::conflict("workflow.not_paused", "该期限未处于中止状态");
    if (end < open->start) return Error::validation("workflow.bad_pause", "恢复日期不能早于中止日期", "end_date");
    const std::string before = deadline_json(d);
    store::end_pause(tx, open->id, end);
    open->end = end;
    const std::string reason = "期限恢复计算（中止原因：" + open->reason + "）";
    LECS_TRY(refresh_due(tx, d, calendar_.load(tx), reason, now_ms));
    audit_deadline(audit_, tx, who, "deadline.resume", d, before, deadline_json(d), now_ms);
    return ok();
}

Result<void> DeadlineService::extend(db::Tx& tx, const auth::Caller& who, int64_t id, int days, calendar::Unit unit,
                                     const std::string& basis, int64_t now_ms) {
    LECS_ASSIGN(Deadline d, load_in_scope(tx, who, id));
    LECS_TRY(fire(tx, who, d, deadline_event::kExtend));
    if (basis.empty()) return Error::validation("validation.required", "「延长依据」不能为空", "basis");
    if (days <= 0 || days > 3660) return Error::validation("workflow.bad_days", "延长天数必须在1至3660之间", "days");
    if (who.user_id <= 0) return Error::unauthenticated();
    const std::string before = deadline_json(d);
    ExtensionRecord e{new_id(), days, unit, who.user_id, basis, now_ms};
    store::insert_extension(tx, d.id, e);
    d.extensions.push_back(e);
    LECS_TRY(refresh_due(tx, d, calendar_.load(tx), "期限延长：" + basis, now_ms));
    audit_deadline(audit_, tx, who, "deadline.extend", d, before, deadline_json(d), now_ms);
    return ok();
}

Result<void> DeadlineService::mark_met(db::Tx& tx, const auth::Caller& who, int64_t id, Date met_on, int64_t now_ms) {
    LECS_ASSIGN(Deadline d, load_in_scope(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, who, d, deadline_event::kMeet));
    const std::string before = deadline_json(d);
    if (!store::update_deadline_status(tx, d.id, d.version, to, met_on, now_ms)) return Error::stale_version();
    d.status = std::move(to);
    d.met_on = met_on;
    audit_deadline(audit_, tx, who, "deadline.met", d, before, deadline_json(d), now_ms);
    return ok();
}

Result<void> DeadlineService::cancel(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms) {
    LECS_ASSIGN(Deadline d, load_in_scope(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, who, d, deadline_event::kCancel));
    const std::string before = deadline_json(d);
    if (!store::update_deadline_status(tx, d.id, d.version, to, std::nullopt, now_ms)) return Error::stale_version();
    d.status = std::move(to);
    audit_deadline(audit_, tx, who, "deadline.cancel", d, before, deadline_json(d), now_ms);
    return ok();
}

int DeadlineService::recompute_open(db::Tx& tx, const std::string& reason, int64_t now_ms) {
    const auto cal = calendar_.load(tx);
    int moved = 0;
    for (int64_t id : store::open_deadline_ids(tx)) {
        // A deadline changed by a concurrent writer (PostgreSQL) is read again and recomputed
        // with this calendar; a few attempts are plenty for the rare race.
        std::optional<Deadline> d;
        Date old;
        bool did_move = false;
        for (int attempt = 0; attempt < 5; ++attempt) {
            d = store::find_deadline(tx, id);
            if (!d || d->status != "open") break;
            old = d->due_date;
            auto r = refresh_due(tx, *d, cal, reason, now_ms);
            if (!r.ok()) continue;
            did_move = r.value();
            break;
        }
        if (!d || !did_move) continue;
        ++moved;
        if (d->responsible_user_id > 0)
            store::insert_notification(
                tx, Notification{new_id(), d->responsible_user_id, "deadline.moved", "期限变更：" + d->name,
                                 d->name + "的届满日由" + old.chinese() + "变更为" + d->due_date.chinese() + "（" +
                                     reason + "）",
                                 d->owner_kind, d->owner_id, now_ms, std::nullopt});
    }
    return moved;
}

int64_t WorkflowService::add_todo(db::Tx& tx, const TodoInput& t, int64_t now_ms) {
    const int64_t id = new_id();
    store::insert_todo(tx, id, t, now_ms);
    return id;
}

int64_t WorkflowService::complete_todos(db::Tx& tx, const std::string& object_kind, int64_t object_id,
                                        const std::string& action, int64_t now_ms) {
    return store::complete_todos(tx, object_kind, object_id, action, now_ms);
}

bool WorkflowService::has_open_todo(db::Tx& tx, const std::string& object_kind, int64_t object_id,
                                    const std::string& action) const {
    return store::has_open_todo(tx, object_kind, object_id, action);
}

std::vector<Todo> WorkflowService::todos(db::Tx& tx, const auth::Caller& who, int64_t now_ms) const {
    if (who.anonymous()) return {};
    auto out = store::open_todos(tx, who.user_id, who.roles, who.org_id);
    bool any_due = std::any_of(out.begin(), out.end(), [](const Todo& t) { return t.due_date.has_value(); });
    if (!any_due) return out;
    const auto cal = calendar_.load(tx);
    const Date today = shanghai_date(now_ms);
    for (auto& t : out) {
        if (!t.due_date) continue;
        calendar::DueDate due;
        due.date = *t.due_date;
        t.due_state = cal.due_state(due, today);
    }
    return out;
}

int64_t WorkflowService::notify(db::Tx& tx, int64_t user_id, const std::string& kind, const std::string& title,
                                const std::string& body, const std::string& object_kind, int64_t object_id,
                                int64_t now_ms) {
    const int64_t id = new_id();
    store::insert_notification(tx, Notification{id, user_id, kind, title, body, object_kind, object_id, now_ms, {}});
    return id;
}

InboxPage WorkflowService::inbox(db::Tx& tx, const auth::Caller& who, int page, int size) const {
    InboxPage p;
    if (who.anonymous()) return p;
    if (page < 1) page = 1;
    if (size < 1 || size > 200) size = 20;
    p.items = store::notifications(tx, who.user_id, size, int64_t{page - 1} * size);
    p.total = store::count_notifications(tx, who.user_id, false);
    p.unread = store::count_notifications(tx, who.user_id, true);
    return p;
}

Result<void> WorkflowService::mark_read(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms) {
    if (who.anonymous() || !store::mark_notification_read(tx, who.user_id, id, now_ms)) return Error::not_found();
    return ok();
}

}  // namespace lecs::workflow
