// The 文号 sequence under concurrency: many threads on one database, and two
// server processes (fork, each with its own connection pool) on one
// PostgreSQL. Every number 1..N is handed out exactly once: no duplicate, no gap.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "lecs/docs/issue_test_fixture.hpp"
#include "lecs/docs/numbering.hpp"
#include "lecs/docs/store.hpp"

namespace lecs::docs {
namespace {

using namespace lecs::docs::testing;

class NumberingConcurrencyTest : public IssueFixture {};

// Every allocated number of (org, type, year) in order.
std::vector<int64_t> allocated(db::Database& db, int64_t org, const std::string& type, int64_t year) {
    std::vector<int64_t> out;
    db.read([&](db::Tx& tx) {
        for (const auto& n : store::list_numbers(tx, org, type, year)) out.push_back(n.no);
    });
    return out;
}

std::vector<int64_t> one_to(int64_t n) {
    std::vector<int64_t> v;
    for (int64_t i = 1; i <= n; ++i) v.push_back(i);
    return v;
}

TEST_P(NumberingConcurrencyTest, EightThreadsTimesTwentyFiveReservationsAreGapless) {
    constexpr int kThreads = 8, kEach = 25;
    std::mutex mu;
    std::vector<int64_t> seen;
    std::atomic<int> failures{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < kThreads; ++t) {
        ts.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                try {
                    auto r = database().write([&](db::Tx& tx) {
                        return reserve_number(tx, kCityJustice, "supervision_notice", 2026, "邢执监通", t * 1000 + i,
                                              kNov27);
                    });
                    std::lock_guard lock(mu);
                    seen.push_back(r.no);
                } catch (const std::exception& e) {
                    ++failures;
                    ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& t : ts) t.join();
    EXPECT_EQ(failures.load(), 0);
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(seen, one_to(200));
    EXPECT_EQ(allocated(database(), kCityJustice, "supervision_notice", 2026), one_to(200));
}

// The whole issue (number, render, sign, store) from several threads at once.
TEST_P(NumberingConcurrencyTest, ConcurrentIssuesGetDistinctConsecutiveNumbers) {
    constexpr int kThreads = 4, kEach = 3;
    std::vector<std::vector<int64_t>> drafts(kThreads);
    for (int t = 0; t < kThreads; ++t)
        for (int i = 0; i < kEach; ++i) drafts[t].push_back(draft(city_supervisor(), notice_input()));
    std::mutex mu;
    std::set<std::string> numbers;
    std::vector<std::thread> ts;
    for (int t = 0; t < kThreads; ++t) {
        ts.emplace_back([&, t] {
            for (int64_t id : drafts[t]) {
                auto r = svc_->issue(city_leader(), id, kNov27);
                if (!r.ok()) {
                    ADD_FAILURE() << r.error().message;
                    continue;
                }
                std::lock_guard lock(mu);
                numbers.insert(*r->number_text);
            }
        });
    }
    for (auto& t : ts) t.join();
    std::set<std::string> expected;
    for (int i = 1; i <= kThreads * kEach; ++i) expected.insert("邢执监通〔2026〕" + std::to_string(i) + "号");
    EXPECT_EQ(numbers, expected);
    EXPECT_EQ(count("SELECT COUNT(*) FROM doc_numbers WHERE status = 'issued'"), kThreads * kEach);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT key_id) FROM org_sign_keys WHERE org_id = $1", {kCityJustice}), 1);
}

INSTANTIATE_TEST_SUITE_P(Db, NumberingConcurrencyTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

// Two processes, each with its own pool of connections, on one PostgreSQL
// database: like two LECS server nodes. The children use only their own
// connections and leave with _exit, so the parent's connections are untouched.
TEST(NumberingPgOnly, TwoProcessesShareOneGaplessSequence) {
    const char* kind = std::getenv("LECS_TEST_DB");
    if (!kind || std::string(kind) != "postgres") GTEST_SKIP() << "PostgreSQL run only";
    auto tdb = lecs::testing::make_test_database("postgres");
    tdb->db->write([](db::Tx& tx) {
        tx.exec(
            "INSERT INTO organizations (id, name, kind, level, region_code, created_at, updated_at) "
            "VALUES (9002, '邢台市司法局', 'supervision_dept', 'city', '130500', 0, 0)");
    });
    constexpr int kProcesses = 2, kThreads = 4, kEach = 25;
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
        pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            int rc = 0;
            try {
                auto db = db::Database::open(tdb->url, kThreads);
                std::atomic<int> bad{0};
                std::vector<std::thread> ts;
                for (int t = 0; t < kThreads; ++t) {
                    ts.emplace_back([&, t] {
                        for (int i = 0; i < kEach; ++i) {
                            try {
                                db->write([&](db::Tx& tx) {
                                    reserve_number(tx, 9002, "supervision_notice", 2026, "邢执监通",
                                                   (p + 1) * 100000 + t * 1000 + i, kNov27);
                                });
                            } catch (const std::exception&) {
                                ++bad;
                            }
                        }
                    });
                }
                for (auto& t : ts) t.join();
                rc = bad.load() == 0 ? 0 : 2;
            } catch (const std::exception&) {
                rc = 3;
            }
            ::_exit(rc);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFEXITED(status));
        EXPECT_EQ(WEXITSTATUS(status), 0);
    }
    EXPECT_EQ(allocated(*tdb->db, 9002, "supervision_notice", 2026), one_to(kProcesses * kThreads * kEach));
    // Each process allocated its 100 numbers (document ids tell them apart).
    auto per = tdb->db->read([](db::Tx& tx) {
        return tx.query(
            "SELECT document_id / 100000, COUNT(*) FROM doc_numbers GROUP BY document_id / 100000 "
            "ORDER BY 1");
    });
    ASSERT_EQ(per.size(), 2u);
    EXPECT_EQ(per[0].i64(1), kThreads * kEach);
    EXPECT_EQ(per[1].i64(1), kThreads * kEach);
}

}  // namespace
}  // namespace lecs::docs
