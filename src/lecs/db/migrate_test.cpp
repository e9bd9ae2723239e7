// Migration runner tests, on both databases, with test-only migration lists.
#include "lecs/db/migrate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "support/test_db.hpp"

namespace lecs::db {
namespace {

using embedded::File;

// Tables that no real migration uses, so the lists apply on top of the
// embedded schema the test database already has.
const std::vector<File> kList = {
    {"migrations/9001_alpha.sql", "CREATE TABLE zz_alpha (id BIGINT PRIMARY KEY, note TEXT);"},
    {"migrations/9002_beta.sql",
     "CREATE TABLE zz_beta (id BIGINT PRIMARY KEY, alpha_id BIGINT REFERENCES zz_alpha (id));\n"
     "INSERT INTO zz_alpha (id, note) VALUES (1, 'seeded by 9002');"},
    {"data/not_a_migration.csv", "a,b\n"},
};

std::vector<File> with_embedded(const std::vector<File>& extra) {
    std::vector<File> all = embedded::files();
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
}

class MigrateTest : public lecs::testing::DbTest {};

TEST_P(MigrateTest, AppliesInOrderThenIsIdempotent) {
    auto files = with_embedded(kList);
    size_t embedded_count = select_migrations(embedded::files(), database().dialect()).size();
    auto first = migrate(database(), 1700000000000, files);
    EXPECT_EQ(first.applied, (std::vector<int64_t>{9001, 9002}));
    EXPECT_EQ(first.already_applied, embedded_count);
    auto note = database().read([](Tx& tx) { return tx.query_one("SELECT note FROM zz_alpha WHERE id = 1")->str(0); });
    EXPECT_EQ(note, "seeded by 9002");

    auto second = migrate(database(), 1700000000999, files);
    EXPECT_TRUE(second.applied.empty());
    EXPECT_EQ(second.already_applied, embedded_count + 2);

    auto row = database().read([](Tx& tx) {
        return tx.query_one("SELECT name, checksum, applied_at FROM schema_migrations WHERE version = $1",
                            {int64_t{9001}});
    });
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->str(0), "alpha");
    EXPECT_EQ(row->str(1), sha256_hex("CREATE TABLE zz_alpha (id BIGINT PRIMARY KEY, note TEXT);"));
    EXPECT_EQ(row->i64(2), 1700000000000);

    auto status = migration_status(database(), files);
    ASSERT_EQ(status.size(), embedded_count + 2);
    EXPECT_EQ(status.back().version, 9002);
    EXPECT_EQ(status.back().name, "beta");
    EXPECT_TRUE(status.back().applied);
    EXPECT_TRUE(status.back().checksum_matches);
    EXPECT_EQ(status.back().applied_at, 1700000000000);
}

TEST_P(MigrateTest, RefusesChangedChecksumAndAppliesNothing) {
    migrate(database(), 1, with_embedded({kList[0]}));
    std::vector<File> changed = {
        {"migrations/9001_alpha.sql", "CREATE TABLE zz_alpha (id BIGINT PRIMARY KEY, note TEXT, extra TEXT);"},
        kList[1],
    };
    try {
        migrate(database(), 2, with_embedded(changed));
        FAIL() << "expected a checksum mismatch";
    } catch (const DbError& e) {
        std::string what = e.what();
        EXPECT_NE(what.find("migration 9001 checksum mismatch: applied " +
                            sha256_hex("CREATE TABLE zz_alpha (id BIGINT PRIMARY KEY, note TEXT);") +
                            " differs from embedded "),
                  std::string::npos)
            << what;
    }
    // 9002 was not applied.
    auto n = database().read([](Tx& tx) {
        return tx.query_one("SELECT count(*) FROM schema_migrations WHERE version = $1", {int64_t{9002}})->i64(0);
    });
    EXPECT_EQ(n, 0);
    auto status = migration_status(database(), with_embedded(changed));
    EXPECT_EQ(status.back().version, 9002);
    EXPECT_FALSE(status.back().applied);
    EXPECT_FALSE(status[status.size() - 2].checksum_matches);
}

TEST_P(MigrateTest, RefusesUnknownAppliedVersion) {
    migrate(database(), 1, with_embedded(kList));
    EXPECT_THROW(migrate(database(), 2, with_embedded({kList[0]})), DbError);
}

TEST_P(MigrateTest, ChoosesDialectVariant) {
    std::vector<File> list = {
        {"migrations/9003_variant.sql",
         "CREATE TABLE zz_variant (which TEXT);\nINSERT INTO zz_variant VALUES ('portable');"},
        {"migrations/9003_variant.pg.sql",
         "CREATE TABLE zz_variant (which TEXT);\nINSERT INTO zz_variant VALUES ('pg');"},
        {"migrations/9003_variant.sqlite.sql",
         "CREATE TABLE zz_variant (which TEXT);\nINSERT INTO zz_variant VALUES ('sqlite');"},
        {"migrations/9004_plain.sql", "CREATE TABLE zz_plain (which TEXT);\nINSERT INTO zz_plain VALUES ('portable');"},
        {"migrations/9004_plain.pg.sql", "CREATE TABLE zz_plain (which TEXT);\nINSERT INTO zz_plain VALUES ('pg');"},
    };
    migrate(database(), 1, with_embedded(list));
    auto got = database().read([](Tx& tx) {
        return std::make_pair(tx.query_one("SELECT which FROM zz_variant")->str(0),
                              tx.query_one("SELECT which FROM zz_plain")->str(0));
    });
    if (database().dialect() == Dialect::kPostgres) {
        EXPECT_EQ(got.first, "pg");
        EXPECT_EQ(got.second, "pg");
    } else {
        EXPECT_EQ(got.first, "sqlite");
        EXPECT_EQ(got.second, "portable");
    }
}

TEST_P(MigrateTest, FailedMigrationLeavesNoTrace) {
    std::vector<File> list = {
        {"migrations/9005_broken.sql", "CREATE TABLE zz_broken (id BIGINT);\nINSERT INTO no_such_table VALUES (1);"},
    };
    EXPECT_THROW(migrate(database(), 1, with_embedded(list)), DbError);
    auto n = database().read([](Tx& tx) {
        return tx.query_one("SELECT count(*) FROM schema_migrations WHERE version = $1", {int64_t{9005}})->i64(0);
    });
    EXPECT_EQ(n, 0);
    // The CREATE TABLE rolled back with it: creating the table again works.
    database().write([](Tx& tx) { tx.exec_script("CREATE TABLE zz_broken (id BIGINT)"); });
}

TEST_P(MigrateTest, TwoNodesMigratingAtOnceApplyEachOnce) {
    auto files = with_embedded(kList);
    auto other = Database::open(db_url());
    MigrationReport a, b;
    std::thread t1([&] { a = migrate(database(), 1, files); });
    std::thread t2([&] { b = migrate(*other, 2, files); });
    t1.join();
    t2.join();
    std::vector<int64_t> all = a.applied;
    all.insert(all.end(), b.applied.begin(), b.applied.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, (std::vector<int64_t>{9001, 9002}));
    auto n = database().read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM zz_alpha")->i64(0); });
    EXPECT_EQ(n, 1);
}

INSTANTIATE_TEST_SUITE_P(Db, MigrateTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

TEST(SelectMigrations, ParsesNamesAndRejectsMalformedLists) {
    auto ms = select_migrations({{"migrations/0002_org.sql", "B"},
                                 {"migrations/0001_audit.sql", "A"},
                                 {"migrations/0001_audit.sqlite.sql", "AS"},
                                 {"data/x.csv", "x"}},
                                Dialect::kSqlite);
    ASSERT_EQ(ms.size(), 2u);
    EXPECT_EQ(ms[0].version, 1);
    EXPECT_EQ(ms[0].name, "audit");
    EXPECT_EQ(ms[0].path, "migrations/0001_audit.sqlite.sql");
    EXPECT_EQ(ms[0].sql, "AS");
    EXPECT_EQ(ms[1].version, 2);
    EXPECT_EQ(ms[1].path, "migrations/0002_org.sql");
    EXPECT_THROW(select_migrations({{"migrations/0001_a.sql", ""}, {"migrations/0001_b.sql", ""}}, Dialect::kSqlite),
                 DbError);
    EXPECT_THROW(select_migrations({{"migrations/0001_a.pg.sql", ""}}, Dialect::kSqlite), DbError);
    EXPECT_THROW(select_migrations({{"migrations/x_a.sql", ""}}, Dialect::kSqlite), DbError);
}

TEST(Sha256Hex, KnownVector) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace lecs::db
