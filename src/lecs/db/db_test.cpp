// Driver tests: run on SQLite and PostgreSQL (Db/ suites).
#include "lecs/db/db.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <thread>

#include "lecs/base/result.hpp"
#include "support/test_db.hpp"

namespace lecs::db {
namespace {

class DriverTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        database().write([](Tx& tx) {
            tx.exec_script("CREATE TABLE kv (id BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, t TEXT, b " +
                           std::string(tx.dialect() == Dialect::kPostgres ? "BYTEA" : "BLOB") + ")");
        });
    }
};

TEST_P(DriverTest, RoundtripsEveryValueType) {
    const std::string bytes("a\0b\xff\x00z", 6);
    database().write([&](Tx& tx) {
        EXPECT_EQ(tx.exec("INSERT INTO kv (id, i, d, t, b) VALUES ($1, $2, $3, $4, $5)",
                          {int64_t{1}, std::numeric_limits<int64_t>::max(), 2.5, std::string("邢台 ok"), Blob{bytes}}),
                  1);
        tx.exec("INSERT INTO kv (id, i, d, t, b) VALUES ($1, $2, $3, $4, $5)",
                {int64_t{2}, std::numeric_limits<int64_t>::min(), -0.125, std::string(""), Blob{""}});
    });
    auto rows = database().read([](Tx& tx) { return tx.query("SELECT id, i, d, t, b FROM kv ORDER BY id"); });
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows.columns, (std::vector<std::string>{"id", "i", "d", "t", "b"}));
    EXPECT_EQ(rows[0].i64(0), 1);
    EXPECT_EQ(rows[0].i64(1), INT64_C(9223372036854775807));
    EXPECT_EQ(rows[0].f64(2), 2.5);
    EXPECT_EQ(rows[0].str(3), "邢台 ok");
    EXPECT_EQ(rows[0].blob(4), std::string("a\0b\xff\x00z", 6));
    EXPECT_EQ(rows[0].cols[4], Value(Blob{std::string("a\0b\xff\x00z", 6)}));
    EXPECT_EQ(rows[1].i64(1), INT64_MIN);
    EXPECT_EQ(rows[1].f64(2), -0.125);
    EXPECT_EQ(rows[1].str(3), "");
    EXPECT_EQ(rows[1].blob(4), "");
}

TEST_P(DriverTest, HandlesNull) {
    database().write([](Tx& tx) {
        tx.exec("INSERT INTO kv (id, i, d, t, b) VALUES ($1, $2, $3, $4, $5)",
                {int64_t{7}, nullptr, nullptr, nullptr, nullptr});
    });
    auto row =
        database().read([](Tx& tx) { return tx.query_one("SELECT i, d, t, b FROM kv WHERE id = $1", {int64_t{7}}); });
    ASSERT_TRUE(row.has_value());
    for (size_t i = 0; i < 4; ++i) EXPECT_TRUE(row->is_null(i)) << i;
    EXPECT_EQ(row->opt_i64(0), std::nullopt);
    EXPECT_EQ(row->opt_str(2), std::nullopt);
    EXPECT_EQ(row->opt_blob(3), std::nullopt);
    EXPECT_THROW(row->i64(0), DbError);
    EXPECT_THROW(row->str(2), DbError);
    // IS NULL with a NULL parameter finds the row (PostgreSQL needs the CAST to type an untyped NULL).
    auto n = database().read([](Tx& tx) {
        return tx.query_one("SELECT count(*) FROM kv WHERE t IS NULL AND (CAST($1 AS TEXT) IS NULL)", {nullptr})
            ->i64(0);
    });
    EXPECT_EQ(n, 1);
}

TEST_P(DriverTest, BindsPlaceholdersByNumberNotOrder) {
    database().write([](Tx& tx) {
        tx.exec("INSERT INTO kv (t, id) VALUES ($2, $1)", {int64_t{5}, std::string("five")});
    });
    auto row = database().read([](Tx& tx) {
        return tx.query_one("SELECT t, id FROM kv WHERE id = $1 AND t = $2", {int64_t{5}, std::string("five")});
    });
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->str(0), "five");
    EXPECT_EQ(row->i64(1), 5);
}

TEST_P(DriverTest, MapsUniqueViolation) {
    database().write([](Tx& tx) { tx.exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{1}}); });
    try {
        database().write([](Tx& tx) { tx.exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{1}}); });
        FAIL() << "expected UniqueViolation";
    } catch (const UniqueViolation& e) {
        EXPECT_EQ(e.sqlstate(), "23505");
    }
    // Other failures are plain DbError, not UniqueViolation.
    try {
        database().write([](Tx& tx) { tx.exec("INSERT INTO no_such_table (id) VALUES ($1)", {int64_t{1}}); });
        FAIL() << "expected DbError";
    } catch (const UniqueViolation&) {
        FAIL() << "not a unique violation";
    } catch (const DbError&) {
    }
    // The connection is usable afterwards.
    auto n = database().read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM kv")->i64(0); });
    EXPECT_EQ(n, 1);
}

TEST_P(DriverTest, RollsBackWhenTxDestroyedWithoutCommit) {
    {
        auto tx = database().begin(Mode::kWrite);
        tx->exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{1}});
        // Read-your-writes inside the transaction.
        EXPECT_EQ(tx->query_one("SELECT count(*) FROM kv")->i64(0), 1);
    }
    EXPECT_EQ(database().read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM kv")->i64(0); }), 0);
    {
        auto tx = database().begin(Mode::kWrite);
        tx->exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{2}});
        tx->rollback();
        EXPECT_THROW(tx->commit(), DbError);
    }
    EXPECT_EQ(database().read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM kv")->i64(0); }), 0);
}

TEST_P(DriverTest, TransactCommitsOnlyOkResult) {
    Result<int> bad = database().write([](Tx& tx) -> Result<int> {
        tx.exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{1}});
        return Error::validation("x.bad", "不行");
    });
    EXPECT_FALSE(bad.ok());
    Result<int> good = database().write([](Tx& tx) -> Result<int> {
        tx.exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{2}});
        return 2;
    });
    ASSERT_TRUE(good.ok());
    EXPECT_THROW(database().write([](Tx& tx) {
        tx.exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{3}});
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    auto ids = database().read([](Tx& tx) { return tx.query("SELECT id FROM kv ORDER BY id"); });
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_EQ(ids[0].i64(0), 2);
}

TEST_P(DriverTest, CommittedWriteVisibleToNextRead) {
    for (int64_t i = 1; i <= 3; ++i) {
        database().write([&](Tx& tx) { tx.exec("INSERT INTO kv (id, i) VALUES ($1, $2)", {i, i * 10}); });
        auto sum = database().read([](Tx& tx) { return tx.query_one("SELECT sum(i) FROM kv")->i64(0); });
        EXPECT_EQ(sum, i == 1 ? 10 : i == 2 ? 30 : 60);
    }
}

TEST_P(DriverTest, ExecReturnsRowsChanged) {
    database().write([](Tx& tx) {
        for (int64_t i = 1; i <= 4; ++i) tx.exec("INSERT INTO kv (id, i) VALUES ($1, $2)", {i, i % 2});
        EXPECT_EQ(tx.exec("UPDATE kv SET t = $1 WHERE i = $2", {std::string("odd"), int64_t{1}}), 2);
        EXPECT_EQ(tx.exec("DELETE FROM kv WHERE id > $1", {int64_t{100}}), 0);
    });
}

TEST_P(DriverTest, ReadTxRefusesWrites) {
    EXPECT_THROW(database().read([](Tx& tx) { tx.exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{1}}); }), DbError);
    EXPECT_EQ(database().read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM kv")->i64(0); }), 0);
}

TEST_P(DriverTest, FailedStatementAbortsCommit) {
    // On PostgreSQL a failed statement poisons the transaction; commit must not
    // pretend it succeeded. On SQLite the earlier insert commits. Both refuse the
    // duplicate row.
    auto tx = database().begin(Mode::kWrite);
    tx->exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{1}});
    EXPECT_THROW(tx->exec("INSERT INTO kv (id) VALUES ($1)", {int64_t{1}}), UniqueViolation);
    if (tx->dialect() == Dialect::kPostgres) {
        EXPECT_THROW(tx->commit(), DbError);
        EXPECT_EQ(database().read([](Tx& t) { return t.query_one("SELECT count(*) FROM kv")->i64(0); }), 0);
    } else {
        tx->commit();
        EXPECT_EQ(database().read([](Tx& t) { return t.query_one("SELECT count(*) FROM kv")->i64(0); }), 1);
    }
}

// COPY … FROM STDIN (the ingest's bulk path): escapes, NULL, a large input sent in chunks, the
// rows visible in the same Tx and gone on rollback; a bad row fails the Tx. SQLite has no COPY.
TEST_P(DriverTest, CopyInLoadsRowsOnPostgresOnly) {
    if (database().dialect() == Dialect::kSqlite) {
        database().write([](Tx& tx) { EXPECT_THROW(tx.copy_in("COPY kv (id, t) FROM STDIN", "1\tx\n"), DbError); });
        return;
    }
    std::string data = "1\ttab\\there\\\\ and 邢台\n2\t\\N\n";
    for (int i = 3; i <= 30000; ++i) data += std::to_string(i) + "\trow " + std::to_string(i) + " padding padding\n";
    database().write([&](Tx& tx) {
        tx.copy_in("COPY kv (id, t) FROM STDIN", data);
        EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM kv")->i64(0), 30000);
    });
    auto rows = database().read([](Tx& tx) { return tx.query("SELECT id, t FROM kv WHERE id <= 2 ORDER BY id"); });
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].str(1), "tab\there\\ and 邢台");
    EXPECT_TRUE(rows[1].is_null(1));
    {
        auto tx = database().begin(Mode::kWrite);
        tx->copy_in("COPY kv (id, t) FROM STDIN", "40001\tgone\n");
        tx->rollback();
    }
    EXPECT_EQ(database().read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM kv WHERE id = 40001")->i64(0); }),
              0);
    EXPECT_THROW(database().write([](Tx& tx) { tx.copy_in("COPY kv (id, t) FROM STDIN", "notanumber\tx\n"); }),
                 DbError);
    EXPECT_THROW(database().write([](Tx& tx) { tx.copy_in("SELECT 1", ""); }), DbError);
    // The pool's connection is usable after the failed COPY.
    EXPECT_EQ(database().read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM kv")->i64(0); }), 30000);
}

TEST_P(DriverTest, UrlIsKept) { EXPECT_EQ(database().url(), db_url()); }

TEST_P(DriverTest, ConcurrentWritersAndReadersLoseNothing) {
    database().write([](Tx& tx) { tx.exec("INSERT INTO kv (id, i) VALUES ($1, $2)", {int64_t{1}, int64_t{0}}); });
    std::vector<std::thread> threads;
    std::atomic<int> bad_reads{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int k = 0; k < 25; ++k) {
                database().write([](Tx& tx) {
                    tx.exec("UPDATE kv SET i = i + $1 WHERE id = $2", {int64_t{1}, int64_t{1}});
                });
                int64_t seen =
                    database().read([](Tx& tx) { return tx.query_one("SELECT i FROM kv WHERE id = 1")->i64(0); });
                if (seen < 1 || seen > 100) ++bad_reads;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(bad_reads.load(), 0);
    EXPECT_EQ(database().read([](Tx& tx) { return tx.query_one("SELECT i FROM kv WHERE id = 1")->i64(0); }), 100);
}

INSTANTIATE_TEST_SUITE_P(Db, DriverTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::db

namespace lecs::db {
namespace {

// A pooled connection whose server process died is discarded, and the next
// transaction gets a fresh one.
TEST(PoolPgOnly, DiscardsBrokenConnection) {
    const char* kind = std::getenv("LECS_TEST_DB");
    if (!kind || std::string(kind) != "postgres") GTEST_SKIP() << "PostgreSQL run only";
    auto tdb = lecs::testing::make_test_database("postgres");
    auto db = Database::open(tdb->url, 1);
    int64_t pid = db->read([](Tx& tx) { return tx.query_one("SELECT pg_backend_pid()")->i64(0); });
    auto killer = Database::open(tdb->url, 1);
    bool killed = killer->read(
        [&](Tx& tx) { return tx.query_one("SELECT pg_terminate_backend($1::int, 5000)", {pid})->boolean(0); });
    ASSERT_TRUE(killed);
    int64_t pid2 = db->read([](Tx& tx) { return tx.query_one("SELECT pg_backend_pid()")->i64(0); });
    EXPECT_NE(pid2, pid);
}

}  // namespace
}  // namespace lecs::db
