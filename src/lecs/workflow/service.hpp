// The workflow use cases (REQUIREMENTS §18). Each takes the caller's Tx: other
// modules call them inside their own transaction (ARCHITECTURE §Transactions).
//
// Contract:
// - DeadlineService::create computes the due date with the stored calendar
//   (calendar::CalendarService::load) as of today in Asia/Shanghai (from
//   now_ms); original_due_date keeps the first due date for good.
// - pause / resume / extend / mark_met / cancel check the caller's data scope
//   over the deadline's owner (404 outside it), fire the deadline's lifecycle
//   (deadline_lifecycle.hpp; a met or cancelled deadline is 409
//   workflow.wrong_state), write, recompute the due date, record a
//   deadline_changes row whenever the due date moves and append an audit
//   record, all in the caller's Tx. extend needs a basis; the approver is the
//   caller.
// - recompute_open(tx, reason) after a calendar edit: every open deadline is
//   recomputed; each one whose due date moved gets a deadline_changes row and
//   its responsible user a notification. Returns how many moved.
// - get() returns the deadline with its due date and DueState computed now
//   (overdue / due_soon are never stored) and its change trail.
// - WorkflowService: to-dos (what waits on a user or on a role in an org,
//   with the due state computed when read) and the in-app inbox.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/workflow/model.hpp"

namespace lecs::workflow {

class DeadlineService {
  public:
    DeadlineService(audit::AuditLog& audit, const calendar::CalendarService& calendar)
        : audit_(audit), calendar_(calendar) {}

    Result<int64_t> create(db::Tx& tx, const auth::Caller& who, const DeadlineInput& in, int64_t now_ms);
    Result<DeadlineView> get(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms) const;

    // A pause counts from start (inclusive) until resume()'s end (inclusive).
    Result<void> pause(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason, Date start,
                       int64_t now_ms);
    Result<void> resume(db::Tx& tx, const auth::Caller& who, int64_t id, Date end, int64_t now_ms);
    Result<void> extend(db::Tx& tx, const auth::Caller& who, int64_t id, int days, calendar::Unit unit,
                        const std::string& basis, int64_t now_ms);
    Result<void> mark_met(db::Tx& tx, const auth::Caller& who, int64_t id, Date met_on, int64_t now_ms);
    Result<void> cancel(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms);

    // System use after a calendar edit (no caller): returns the number of deadlines whose due date moved.
    int recompute_open(db::Tx& tx, const std::string& reason, int64_t now_ms);

    // The working-day calendar the deadlines are counted on (for figures measured on it, e.g. handling days).
    const calendar::CalendarService& calendar() const { return calendar_; }

  private:
    Result<Deadline> load_in_scope(db::Tx& tx, const auth::Caller& who, int64_t id) const;
    // Recomputes d's due date, stores it, records the move; true when it moved; 409 on a stale version.
    Result<bool> refresh_due(db::Tx& tx, Deadline& d, const calendar::Calendar& cal, const std::string& reason,
                             int64_t now_ms);

    audit::AuditLog& audit_;
    const calendar::CalendarService& calendar_;
};

struct InboxPage {
    std::vector<Notification> items;
    int64_t total = 0;
    int64_t unread = 0;
};

class WorkflowService {
  public:
    explicit WorkflowService(const calendar::CalendarService& calendar) : calendar_(calendar) {}

    int64_t add_todo(db::Tx& tx, const TodoInput& t, int64_t now_ms);
    // Marks done every open to-do for (object, action); returns how many.
    int64_t complete_todos(db::Tx& tx, const std::string& object_kind, int64_t object_id, const std::string& action,
                           int64_t now_ms);
    // Whether an open to-do for (object, action) exists: a reminder is not repeated while one waits.
    bool has_open_todo(db::Tx& tx, const std::string& object_kind, int64_t object_id, const std::string& action) const;
    // What waits on the caller (own, or for one of the caller's roles in the caller's org),
    // sorted by due date, with the due state computed as of today (Asia/Shanghai from now_ms).
    std::vector<Todo> todos(db::Tx& tx, const auth::Caller& who, int64_t now_ms) const;

    int64_t notify(db::Tx& tx, int64_t user_id, const std::string& kind, const std::string& title,
                   const std::string& body, const std::string& object_kind, int64_t object_id, int64_t now_ms);
    InboxPage inbox(db::Tx& tx, const auth::Caller& who, int page, int size) const;
    // 404 when the notification does not exist or is not the caller's.
    Result<void> mark_read(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms);

  private:
    const calendar::CalendarService& calendar_;
};

}  // namespace lecs::workflow
