// The reminder scheduler on SQLite and PostgreSQL: exactly once over repeated
// ticks, missed steps on start, a crash in the middle of a run, lease expiry
// with fencing, and two schedulers (two connection pools) on one database.
#include "lecs/workflow/scheduler.hpp"

#include <gtest/gtest.h>

#include <barrier>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "lecs/workflow/test_fixture.hpp"

namespace lecs::workflow {
namespace {

using namespace lecs::workflow::testing;
using calendar::Unit;

class SchedulerTest : public WorkflowDbTest {
  protected:
    // (deadline_id, kind, user_id) → number of notifications
    std::map<std::tuple<int64_t, std::string, int64_t>, int64_t> reminders() {
        return database().read([](db::Tx& tx) {
            std::map<std::tuple<int64_t, std::string, int64_t>, int64_t> out;
            for (const auto& r :
                 tx.query("SELECT object_id, kind, user_id, COUNT(*) FROM notifications WHERE kind LIKE 'reminder.%' "
                          "GROUP BY object_id, kind, user_id"))
                out[{r.i64(0), r.str(1), r.i64(2)}] = r.i64(3);
            return out;
        });
    }
};

struct CrashAfter : std::runtime_error {
    CrashAfter() : std::runtime_error("simulated crash") {}
};

// Deadline due 2026-02-26 (5 working days from 02-12): T-3 on 02-14 (Sat, 调休上班),
// T-1 on 02-25, due on 02-26, overdue from 02-27.
TEST_P(SchedulerTest, EachStepFiresExactlyOnceOverRepeatedTicks) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 501);
    Scheduler s(database(), "node-a", *calendar_);
    EXPECT_EQ(s.tick(k0213).fired, 0);
    EXPECT_EQ(s.tick(k0214).fired, 1);
    EXPECT_EQ(s.tick(k0214 + 60000).fired, 0);
    EXPECT_EQ(s.tick(k0220).fired, 0);  // still T-3 during the holiday: already claimed
    EXPECT_EQ(s.tick(k0225).fired, 1);
    EXPECT_EQ(s.tick(k0225 + 60000).fired, 0);
    EXPECT_EQ(s.tick(k0226).fired, 1);
    EXPECT_EQ(s.tick(k0227).fired, 1);
    EXPECT_EQ(s.tick(k0227 + 60000).fired, 0);
    EXPECT_EQ(s.tick(k0227 + 86400000).fired, 0);
    auto got = reminders();
    std::map<std::tuple<int64_t, std::string, int64_t>, int64_t> want{{{501, "reminder.t-3", 7}, 1},
                                                                      {{501, "reminder.t-1", 7}, 1},
                                                                      {{501, "reminder.due", 7}, 1},
                                                                      {{501, "reminder.overdue", 7}, 1},
                                                                      {{501, "reminder.overdue", 9}, 1}};
    EXPECT_EQ(got, want);
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims WHERE deadline_id = $1", {id}), 4);
}

// An extension moves the due date, so its steps are owed again, once each for the new date.
// Due 2026-02-26 (T-1 on 02-25). Extended on 02-25 by 5 working days: 02-27, 02-28 (Sat, 调休上班),
// 03-02, 03-03, 03-04 → due 2026-03-04; T-3 on 02-28, T-1 on 03-03.
TEST_P(SchedulerTest, AnExtensionOwesTheStepsAgainForTheNewDueDate) {
    constexpr int64_t kDay = 86400000;
    const int64_t k0228 = k0227 + kDay, k0303 = k0305 - 2 * kDay, k0304 = k0305 - kDay;
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 501);
    Scheduler s(database(), "node-a", *calendar_);
    EXPECT_EQ(s.tick(k0225).fired, 1);  // T-1 for 02-26
    ASSERT_TRUE(database()
                    .write([&](db::Tx& tx) {
                        return deadlines_->extend(tx, who_, id, 5, Unit::kWorkingDays, "经批准延长", k0225 + 1000);
                    })
                    .ok());
    EXPECT_EQ(s.tick(k0225 + 60000).fired, 0);
    EXPECT_EQ(s.tick(k0226).fired, 0);  // 5 working days before the new date: nothing owed
    EXPECT_EQ(s.tick(k0227).fired, 0);  // not overdue: the old date no longer counts
    EXPECT_EQ(s.tick(k0228).fired, 1);  // T-3 for 03-04
    EXPECT_EQ(s.tick(k0228 + 60000).fired, 0);
    EXPECT_EQ(s.tick(k0303).fired, 1);  // T-1 again, now for 03-04
    EXPECT_EQ(s.tick(k0304).fired, 1);  // due
    EXPECT_EQ(s.tick(k0305).fired, 1);  // overdue
    EXPECT_EQ(s.tick(k0305 + 60000).fired, 0);
    auto claims = database().read([&](db::Tx& tx) {
        std::set<std::pair<std::string, std::string>> out;
        for (const auto& r : tx.query("SELECT step, due_date FROM reminder_claims WHERE deadline_id = $1", {id}))
            out.insert({r.str(0), r.str(1)});
        return out;
    });
    EXPECT_EQ(claims, (std::set<std::pair<std::string, std::string>>{{"t-1", "2026-02-26"},
                                                                     {"t-3", "2026-03-04"},
                                                                     {"t-1", "2026-03-04"},
                                                                     {"due", "2026-03-04"},
                                                                     {"overdue", "2026-03-04"}}));
    std::map<std::tuple<int64_t, std::string, int64_t>, int64_t> want{{{501, "reminder.t-3", 7}, 1},
                                                                      {{501, "reminder.t-1", 7}, 2},
                                                                      {{501, "reminder.due", 7}, 1},
                                                                      {{501, "reminder.overdue", 7}, 1},
                                                                      {{501, "reminder.overdue", 9}, 1}};
    EXPECT_EQ(reminders(), want);
}

TEST_P(SchedulerTest, MissedStepsFireOnceOnStartOnlyTheLatest) {
    make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 501);
    Scheduler s(database(), "node-a", *calendar_);
    EXPECT_EQ(s.tick(k0227).fired, 1);  // down from 02-13 to 02-27: only "overdue"
    EXPECT_EQ(s.tick(k0227 + 1000).fired, 0);
    std::map<std::tuple<int64_t, std::string, int64_t>, int64_t> want{{{501, "reminder.overdue", 7}, 1},
                                                                      {{501, "reminder.overdue", 9}, 1}};
    EXPECT_EQ(reminders(), want);
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims"), 1);
}

TEST_P(SchedulerTest, PausedDeadlineGetsNoReminder) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 501);
    ASSERT_TRUE(database()
                    .write([&](db::Tx& tx) { return deadlines_->pause(tx, who_, id, "鉴定", D("2026-02-13"), k0213); })
                    .ok());
    Scheduler s(database(), "node-a", *calendar_);
    EXPECT_EQ(s.tick(k0227).fired, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims"), 0);
}

TEST_P(SchedulerTest, RestartInTheMiddleOfARunFiresEachStepOnce) {
    for (int64_t owner = 501; owner <= 505; ++owner)
        make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, owner);
    SchedulerOptions crashing;
    crashing.after_claim = [](int n) {
        if (n == 3) throw CrashAfter();  // the 3rd claim's Tx rolls back
    };
    {
        Scheduler first(database(), "node-a", *calendar_, crashing);
        EXPECT_THROW(first.tick(k0227), CrashAfter);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims"), 2);
    // The restarted node (same name) renews its own lease at once and completes the run.
    Scheduler second(database(), "node-a", *calendar_);
    auto r = second.tick(k0227 + 1000);
    EXPECT_TRUE(r.leader);
    EXPECT_EQ(r.fired, 3);
    EXPECT_EQ(second.tick(k0227 + 2000).fired, 0);
    auto got = reminders();
    EXPECT_EQ(got.size(), 10u);  // 5 deadlines × (responsible, leader)
    for (const auto& [key, n] : got) EXPECT_EQ(n, 1) << std::get<0>(key) << " " << std::get<1>(key);
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims WHERE step = 'overdue'"), 5);
}

TEST_P(SchedulerTest, AnotherNodeTakesOverAfterACrashOnlyWhenTheLeaseExpires) {
    for (int64_t owner = 501; owner <= 503; ++owner)
        make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, owner);
    SchedulerOptions crashing;
    crashing.after_claim = [](int n) {
        if (n == 2) throw CrashAfter();
    };
    Scheduler a(database(), "node-a", *calendar_, crashing);
    EXPECT_THROW(a.tick(k0227), CrashAfter);
    Scheduler b(database(), "node-b", *calendar_);
    auto early = b.tick(k0227 + 5000);  // node-a's lease runs until k0227 + 15000
    EXPECT_FALSE(early.leader);
    EXPECT_EQ(early.fired, 0);
    auto later = b.tick(k0227 + 15001);
    EXPECT_TRUE(later.leader);
    EXPECT_EQ(later.fencing_token, 2);
    EXPECT_EQ(later.fired, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'reminder.overdue'"), 6);
}

TEST_P(SchedulerTest, LeaseExpiryHandsOverWithAHigherTokenAndTheOldTokenIsRefused) {
    int64_t id = make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 501);
    Scheduler a(database(), "node-a", *calendar_);
    Scheduler b(database(), "node-b", *calendar_);
    const int64_t t0 = k0213;
    EXPECT_EQ(a.acquire_lease(t0), 1);
    EXPECT_EQ(b.acquire_lease(t0 + 1000), 0);
    EXPECT_EQ(a.acquire_lease(t0 + 5000), 2);   // renewal: expires t0 + 20000
    EXPECT_EQ(b.acquire_lease(t0 + 20000), 0);  // not expired yet (expires_at < now is strict)
    EXPECT_EQ(b.acquire_lease(t0 + 20001), 3);
    EXPECT_EQ(a.acquire_lease(t0 + 20002), 0);
    auto stale = database().write([&](db::Tx& tx) {
        return claim_step(tx, "main", "node-a", 2, id, ReminderStep::kT3, D("2026-02-26"), t0 + 20003);
    });
    EXPECT_EQ(stale, ClaimResult::kStaleToken);
    auto fresh = database().write([&](db::Tx& tx) {
        return claim_step(tx, "main", "node-b", 3, id, ReminderStep::kT3, D("2026-02-26"), t0 + 20003);
    });
    EXPECT_EQ(fresh, ClaimResult::kClaimed);
    auto dup = database().write([&](db::Tx& tx) {
        return claim_step(tx, "main", "node-b", 3, id, ReminderStep::kT3, D("2026-02-26"), t0 + 20004);
    });
    EXPECT_EQ(dup, ClaimResult::kAlreadyClaimed);
    auto row = database().read([&](db::Tx& tx) {
        return tx.query_one("SELECT node, fencing_token FROM reminder_claims WHERE deadline_id = $1", {id});
    });
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->str(0), "node-b");
    EXPECT_EQ(row->i64(1), 3);
}

// A job runs on the lease holder only, at its interval, in a Tx that commits what it wrote; a job
// that throws leaves nothing and runs again at the next tick.
TEST_P(SchedulerTest, JobsRunOnTheLeaseHolderAtTheirIntervalAndRollBackOnFailure) {
    int runs = 0;
    bool fail = false;
    auto options = [&] {
        SchedulerOptions o;
        o.jobs.push_back({"test.job", 3600000, [&](db::Tx& tx, int64_t now) {
                              ++runs;
                              tx.exec(
                                  "INSERT INTO scheduler_lease (name, holder, fencing_token, expires_at) VALUES "
                                  "($1, 'job', 0, 0)",
                                  {"job-" + std::to_string(now)});
                              if (fail) throw std::runtime_error("job failed");
                              return 1;
                          }});
        return o;
    };
    Scheduler a(database(), "node-a", *calendar_, options());
    Scheduler b(database(), "node-b", *calendar_, options());
    EXPECT_EQ(a.tick(k0213).job_items, 1);
    EXPECT_EQ(a.tick(k0213 + 60000).job_items, 0);  // within the hour: not again
    auto other = b.tick(k0213 + 61000);             // node-a holds the lease
    EXPECT_FALSE(other.leader);
    EXPECT_EQ(runs, 1);
    fail = true;
    EXPECT_THROW(a.tick(k0213 + 3600000), std::runtime_error);
    EXPECT_EQ(count("SELECT COUNT(*) FROM scheduler_lease WHERE holder = 'job'"), 1);  // the failed run left nothing
    fail = false;
    EXPECT_EQ(a.tick(k0213 + 3600000 + 1000).job_items, 1);  // retried at the next tick
    EXPECT_EQ(runs, 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM scheduler_lease WHERE holder = 'job'"), 2);
}

// Two schedulers, each with its own connection pool on the same database, run
// concurrently in rounds of one simulated clock (every 2 hours from 02-20 to
// 03-04). In each round one node ticks at the hour and the other 30 minutes
// later (alternating), so the later one takes the 15 s lease over while the
// first may still be claiming: its remaining claims are fenced off.
TEST_P(SchedulerTest, TwoSchedulersOnOneDatabaseFireEachStepOnce) {
    // Due 02-26 (5 working days), 02-27 (6), 03-02 (7): 3 deadlines × 4 steps by 03-03.
    make_deadline(D("2026-02-12"), 5, Unit::kWorkingDays, k0212, 501);
    make_deadline(D("2026-02-12"), 6, Unit::kWorkingDays, k0212, 502);
    make_deadline(D("2026-02-12"), 7, Unit::kWorkingDays, k0212, 503);
    auto db_a = db::Database::open(db_url(), 2);
    auto db_b = db::Database::open(db_url(), 2);
    std::mutex mu;
    std::vector<int64_t> tokens;
    std::barrier round(2);
    auto run = [&](db::Database& db, std::string node, int parity) {
        Scheduler s(db, node, *calendar_);
        for (int k = 0; k < 140; ++k) {
            const int64_t now = k0220 + int64_t{k} * 2 * 3600 * 1000 + (k % 2 == parity ? 30 * 60 * 1000 : 0);
            auto r = s.tick(now);
            {
                std::lock_guard lock(mu);
                if (r.leader) tokens.push_back(r.fencing_token);
            }
            round.arrive_and_wait();
        }
    };
    std::thread ta(run, std::ref(*db_a), "node-a", 0);
    std::thread tb(run, std::ref(*db_b), "node-b", 1);
    ta.join();
    tb.join();
    std::set<int64_t> unique(tokens.begin(), tokens.end());
    EXPECT_EQ(unique.size(), tokens.size());  // never two holders with one token
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims"), 12);
    if (count("SELECT COUNT(*) FROM reminder_claims") != 12)
        database().read([](db::Tx& tx) {
            for (const auto& r :
                 tx.query("SELECT d.owner_id, c.step, c.claimed_at, c.node, c.fencing_token FROM reminder_claims c "
                          "JOIN deadlines d ON d.id = c.deadline_id ORDER BY c.claimed_at"))
                std::cerr << r.i64(0) << " " << r.str(1) << " " << iso_instant(r.i64(2)) << " " << r.str(3) << " "
                          << r.i64(4) << "\n";
        });
    auto got = reminders();
    EXPECT_EQ(got.size(), 15u);  // 3 × 4 steps to the responsible user + 3 overdue to the leader
    for (const auto& [key, n] : got) EXPECT_EQ(n, 1) << std::get<0>(key) << " " << std::get<1>(key);
}

TEST_P(SchedulerTest, BackgroundThreadTicksUntilStopped) {
    make_deadline(D("2026-02-12"), 1, Unit::kWorkingDays, k0212, 501);  // due 02-13: long overdue now
    Scheduler s(database(), "node-a", *calendar_);
    s.start(10);
    for (int i = 0; i < 500 && count("SELECT COUNT(*) FROM reminder_claims") == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s.stop();
    EXPECT_EQ(count("SELECT COUNT(*) FROM reminder_claims WHERE step = 'overdue'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Db, SchedulerTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::workflow
