#include "lecs/workflow/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/workflow/outbox.hpp"
#include "lecs/workflow/store.hpp"

namespace lecs::workflow {

ClaimResult claim_step(db::Tx& tx, const std::string& lease_name, const std::string& node, int64_t token,
                       int64_t deadline_id, ReminderStep step, const Date& due, int64_t now_ms) {
    // Locks the lease row (PostgreSQL) so a takeover cannot interleave with this claim.
    if (tx.exec("UPDATE scheduler_lease SET holder = holder WHERE name = $1 AND holder = $2 AND fencing_token = $3",
                {lease_name, node, token}) != 1)
        return ClaimResult::kStaleToken;
    int64_t n = tx.exec(
        "INSERT INTO reminder_claims (deadline_id, step, due_date, claimed_at, node, fencing_token) "
        "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (deadline_id, step, due_date) DO NOTHING",
        {deadline_id, std::string(to_string(step)), due.iso(), now_ms, node, token});
    return n == 1 ? ClaimResult::kClaimed : ClaimResult::kAlreadyClaimed;
}

Scheduler::Scheduler(db::Database& db, std::string node, const calendar::CalendarService& calendar,
                     SchedulerOptions options, Outbox* outbox)
    : db_(db), node_(std::move(node)), calendar_(calendar), options_(std::move(options)), outbox_(outbox) {}

Scheduler::~Scheduler() { stop(); }

int64_t Scheduler::acquire_lease(int64_t now_ms) {
    return db_.write([&](db::Tx& tx) -> int64_t {
        tx.exec(
            "INSERT INTO scheduler_lease (name, holder, fencing_token, expires_at) VALUES ($1, '', 0, 0) "
            "ON CONFLICT (name) DO NOTHING",
            {options_.lease_name});
        int64_t n = tx.exec(
            "UPDATE scheduler_lease SET holder = $1, fencing_token = fencing_token + 1, expires_at = $2 "
            "WHERE name = $3 AND (holder = $1 OR expires_at < $4)",
            {node_, now_ms + options_.lease_ms, options_.lease_name, now_ms});
        if (n != 1) return 0;
        return tx.query_one("SELECT fencing_token FROM scheduler_lease WHERE name = $1", {options_.lease_name})->i64(0);
    });
}

TickReport Scheduler::tick(int64_t now_ms) {
    TickReport r;
    r.fencing_token = acquire_lease(now_ms);
    if (r.fencing_token == 0) return r;
    r.leader = true;
    r.fired = fire_reminders(r.fencing_token, now_ms);
    if (outbox_) r.delivered = outbox_->deliver_due(db_, now_ms).delivered;
    r.job_items = run_jobs(r.fencing_token, now_ms);
    return r;
}

int Scheduler::run_jobs(int64_t token, int64_t now_ms) {
    job_last_run_.resize(options_.jobs.size(), 0);
    int done = 0;
    for (size_t i = 0; i < options_.jobs.size(); ++i) {
        const auto& job = options_.jobs[i];
        if (job_last_run_[i] != 0 && now_ms - job_last_run_[i] < job.every_ms) continue;
        bool stale = false;
        const int n = db_.write([&](db::Tx& tx) {
            // As a claim: lock the lease row, so that a takeover cannot interleave with the job.
            if (tx.exec("UPDATE scheduler_lease SET holder = holder WHERE name = $1 AND holder = $2 AND "
                        "fencing_token = $3",
                        {options_.lease_name, node_, token}) != 1) {
                stale = true;
                return 0;
            }
            return job.run(tx, now_ms);
        });
        if (stale) {
            spdlog::warn("scheduler {}: lease lost (token {}), job {} not run", node_, token, job.name);
            break;
        }
        job_last_run_[i] = now_ms;
        if (n > 0) spdlog::info("scheduler {}: job {}: {}", node_, job.name, n);
        done += n;
    }
    return done;
}

int Scheduler::fire_reminders(int64_t token, int64_t now_ms) {
    struct Due {
        int64_t id;
        ReminderStep step;
        Date due;
    };
    const Date today = shanghai_date(now_ms);
    // Which steps are due: read once, outside the claim transactions.
    std::vector<Due> due = db_.read([&](db::Tx& tx) {
        std::vector<Due> out;
        const auto cal = calendar_.load(tx);
        for (int64_t id : store::open_deadline_ids(tx)) {
            auto d = store::find_deadline(tx, id);
            if (!d) continue;
            auto computed = cal.compute(period_of(*d), today);
            if (computed.suspended) continue;  // paused: the due date moves on while it lasts
            auto step = current_step(cal, computed.date, today);
            if (!step) continue;
            if (tx.query_one("SELECT 1 FROM reminder_claims WHERE deadline_id = $1 AND step = $2 AND due_date = $3",
                             {id, std::string(to_string(*step)), computed.date.iso()}))
                continue;
            out.push_back(Due{id, *step, computed.date});
        }
        return out;
    });
    int fired = 0;
    for (const auto& item : due) {
        bool stale = false;
        db_.write([&](db::Tx& tx) {
            auto d = store::find_deadline(tx, item.id);
            const auto cal = calendar_.load(tx);
            auto computed = cal.compute(period_of(*d), today);
            // The date moved between the read and this claim (a concurrent extension): the next tick owes it.
            if (computed.suspended || computed.date != item.due) return;
            auto res = claim_step(tx, options_.lease_name, node_, token, item.id, item.step, item.due, now_ms);
            if (res == ClaimResult::kStaleToken) {
                stale = true;
                return;
            }
            if (res == ClaimResult::kAlreadyClaimed) return;
            auto state = cal.due_state(computed, today);
            d->due_date = computed.date;
            const std::string kind = "reminder." + std::string(to_string(item.step));
            const std::string title = reminder_title(item.step, *d);
            const std::string body = reminder_body(item.step, *d, state);
            std::vector<int64_t> to;
            if (d->responsible_user_id > 0) to.push_back(d->responsible_user_id);
            if (item.step == ReminderStep::kOverdue && d->leader_user_id > 0 &&
                d->leader_user_id != d->responsible_user_id)
                to.push_back(d->leader_user_id);
            for (int64_t user : to)
                store::insert_notification(
                    tx, Notification{new_id(), user, kind, title, body, d->owner_kind, d->owner_id, now_ms, {}});
            // The outbound channel is fed in the same Tx, one message per active
            // endpoint, keyed so that a receiver can drop duplicates.
            if (!to.empty()) {
                boost::json::object msg{{"kind", kind},
                                        {"deadline_id", id_to_string(d->id)},
                                        {"step", std::string(to_string(item.step))},
                                        {"owner_kind", d->owner_kind},
                                        {"owner_id", id_to_string(d->owner_id)},
                                        {"due_date", d->due_date.iso()},
                                        {"title", title},
                                        {"body", body}};
                const std::string payload = boost::json::serialize(msg);
                for (const auto& e : tx.query("SELECT id, url FROM webhook_endpoints WHERE active = 1 ORDER BY id"))
                    Outbox::enqueue(tx, "webhook", e.str(1), payload,
                                    "reminder:" + id_to_string(d->id) + ":" + std::string(to_string(item.step)) + ":" +
                                        item.due.iso() + ":" + id_to_string(e.i64(0)),
                                    now_ms);
            }
            ++fired;
            if (options_.after_claim) options_.after_claim(fired);
        });
        if (stale) {
            spdlog::warn("scheduler {}: lease lost (token {}), stopping this run", node_, token);
            break;
        }
    }
    return fired;
}

void Scheduler::start(int64_t interval_ms) {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this, interval_ms] {
        std::unique_lock lock(mu_);
        while (!stopping_) {
            lock.unlock();
            try {
                tick(lecs::now_ms());
            } catch (const std::exception& e) {
                // A failed run is retried at the next tick; claims are transactional.
                spdlog::error("scheduler {}: tick failed: {}", node_, e.what());
            }
            lock.lock();
            cv_.wait_for(lock, std::chrono::milliseconds(interval_ms), [this] { return stopping_; });
        }
    });
}

void Scheduler::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

}  // namespace lecs::workflow
