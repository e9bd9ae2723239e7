// Unit tests without a database server: URL handling and Row accessors.
#include <gtest/gtest.h>

#include "lecs/db/db.hpp"
#include "lecs/db/postgres/pg.hpp"
#include "lecs/db/sqlite/sqlite.hpp"

namespace lecs::db {
namespace {

TEST(SqliteUrl, Forms) {
    EXPECT_EQ(sqlite::path_from_url("sqlite:///var/lib/lecs/lecs.db"), "/var/lib/lecs/lecs.db");
    EXPECT_EQ(sqlite::path_from_url("sqlite://data/lecs.db"), "data/lecs.db");
    EXPECT_EQ(sqlite::path_from_url("sqlite::memory:"), ":memory:");
    EXPECT_THROW(sqlite::path_from_url("sqlite:"), DbError);
    EXPECT_THROW(Database::open("mysql://x"), DbError);
}

TEST(PgUrl, WithDatabase) {
    EXPECT_EQ(postgres::with_database("postgresql://u@h:5432/postgres?sslmode=disable", "t1"),
              "postgresql://u@h:5432/t1?sslmode=disable");
    EXPECT_EQ(postgres::with_database("postgresql://u:pw@h", "t2"), "postgresql://u:pw@h/t2");
    EXPECT_EQ(postgres::with_database("postgresql://h:1/a", "b"), "postgresql://h:1/b");
}

TEST(PgOpen, FailureMessageHidesPassword) {
    try {
        Database::open("postgresql://lecs:s3cretpw@127.0.0.1:1/lecs?connect_timeout=2");
        FAIL() << "expected DbError";
    } catch (const DbError& e) {
        std::string what = e.what();
        EXPECT_EQ(what.find("s3cretpw"), std::string::npos) << what;
        EXPECT_EQ(what.rfind("cannot connect to PostgreSQL at 127.0.0.1:1/lecs", 0), 0u) << what;
    }
}

TEST(RowAccessors, ConvertAndRefuse) {
    Row r{{int64_t{42}, std::string("-17"), 3.0, std::string("x1"), Blob{std::string("\0a", 2)}, nullptr, 2.5}};
    EXPECT_EQ(r.i64(0), 42);
    EXPECT_EQ(r.i64(1), -17);
    EXPECT_EQ(r.i64(2), 3);
    EXPECT_THROW(r.i64(3), DbError);
    EXPECT_THROW(r.i64(4), DbError);
    EXPECT_THROW(r.i64(6), DbError);
    EXPECT_EQ(r.f64(0), 42.0);
    EXPECT_EQ(r.str(0), "42");
    EXPECT_EQ(r.blob(4), std::string("\0a", 2));
    EXPECT_EQ(r.str(4), std::string("\0a", 2));
    EXPECT_TRUE(r.boolean(0));
    EXPECT_EQ(r.opt_i64(5), std::nullopt);
    EXPECT_THROW(r.f64(5), DbError);
    EXPECT_THROW(r.blob(5), DbError);
}

TEST(SqliteMemory, WorksOnOneConnection) {
    auto db = Database::open("sqlite::memory:");
    db->write([](Tx& tx) {
        tx.exec_script("CREATE TABLE m (id BIGINT)");
        tx.exec("INSERT INTO m VALUES ($1)", {int64_t{9}});
    });
    EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT id FROM m")->i64(0); }), 9);
    EXPECT_THROW(db->write([](Tx& tx) { tx.query("SELECT 1; SELECT 2"); }), DbError);
}

}  // namespace
}  // namespace lecs::db
