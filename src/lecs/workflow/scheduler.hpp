// The reminder scheduler (REQUIREMENTS §18): each (deadline, step, due date)
// fires exactly once in-app, across restarts, missed runs and several nodes. A
// due date that moves (extension, pause, calendar edit) owes its steps again.
//
// Contract:
// - Leadership is a lease ROW (scheduler_lease), not a session advisory lock
//   (which breaks behind pgbouncer). Each tick, in its own write Tx:
//     INSERT … ON CONFLICT DO NOTHING (the row exists), then
//     UPDATE scheduler_lease SET holder=$me, fencing_token=fencing_token+1,
//            expires_at=now+lease_ms WHERE name=$n AND (holder=$me OR expires_at < now).
//   One row changed → this node holds the lease with the new token. Only the
//   holder runs the jobs.
// - Every claim carries the token and runs in one write Tx with its
//   notifications: first "UPDATE scheduler_lease … WHERE holder=$me AND
//   fencing_token=$token" (locks the row on PostgreSQL; no row → the token is
//   stale and the claim is refused), then INSERT INTO reminder_claims …
//   ON CONFLICT DO NOTHING (the primary key (deadline_id, step, due_date) makes
//   the reminder fire once per due date), then the notifications. A crash before commit leaves
//   no claim, so the next run fires the step again, once.
// - Which step fires: rules.hpp current_step() — only the latest applicable
//   step (a deadline found overdue on start gets "overdue", not stale T-3s).
//   Deadlines suspended by an open-ended pause get no reminder while paused.
//   Recipients: the responsible user; "overdue" also the responsible leader.
//   When a reminder has a recipient, the same Tx also enqueues one outbox
//   message per active webhook endpoint, idempotency key
//   "reminder:<deadline>:<step>:<due date>:<endpoint>"; tick() delivers the outbox when
//   the Scheduler was given one (lease holder only).
// - Jobs (SchedulerOptions::jobs) are other modules' periodic work (reports' automatic reminders).
//   The lease holder runs each job after the reminders when `every_ms` has passed since this node
//   last ran it (the first tick as holder runs it at once), in one write Tx that first locks the
//   lease row as a claim does: a stale token skips the job and commits nothing. A job must be
//   idempotent (a new holder runs it again); its exceptions propagate like the reminders'.
// - start(interval) runs tick(now_ms()) on a background thread until stop().
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lecs/calendar/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/workflow/rules.hpp"

namespace lecs::workflow {

class Outbox;

struct SchedulerJob {
    std::string name;
    int64_t every_ms = 0;
    // Runs in the job's Tx; returns how many things it did (for the TickReport and the log).
    std::function<int(db::Tx& tx, int64_t now_ms)> run;
};

struct SchedulerOptions {
    std::vector<SchedulerJob> jobs;
    std::string lease_name = "main";
    int64_t lease_ms = 15000;
    // Test seam: called inside each claim's Tx after the claim and its notifications
    // are written, before commit, with the number of claims this tick so far (1-based).
    std::function<void(int)> after_claim;
};

struct TickReport {
    bool leader = false;
    int64_t fencing_token = 0;
    int fired = 0;      // claims made by this tick
    int delivered = 0;  // outbox messages delivered by this tick
    int job_items = 0;  // what the jobs run by this tick did
};

enum class ClaimResult { kClaimed, kAlreadyClaimed, kStaleToken };

// Claims (deadline, step, due date) for node with token, inside tx. kStaleToken when the
// lease row no longer carries (node, token). A moved due date owes every step again.
ClaimResult claim_step(db::Tx& tx, const std::string& lease_name, const std::string& node, int64_t token,
                       int64_t deadline_id, ReminderStep step, const Date& due, int64_t now_ms);

class Scheduler {
  public:
    Scheduler(db::Database& db, std::string node, const calendar::CalendarService& calendar,
              SchedulerOptions options = {}, Outbox* outbox = nullptr);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // One run: lease, then reminders (and the outbox, when given). Exceptions propagate.
    TickReport tick(int64_t now_ms);
    // Acquires or renews the lease; returns the new token, or 0 when another node holds it.
    int64_t acquire_lease(int64_t now_ms);

    void start(int64_t interval_ms);
    void stop();

    const std::string& node() const { return node_; }

  private:
    int fire_reminders(int64_t token, int64_t now_ms);
    int run_jobs(int64_t token, int64_t now_ms);

    db::Database& db_;
    std::string node_;
    const calendar::CalendarService& calendar_;
    SchedulerOptions options_;
    Outbox* outbox_;
    std::vector<int64_t> job_last_run_;  // per job, this node's last run (ms; 0 = never); tick()'s thread only
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
};

}  // namespace lecs::workflow
