// Backup and restore tests.
#include "lecs/db/backup.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "lecs/db/db.hpp"
#include "lecs/db/migrate.hpp"
#include "lecs/db/postgres/pg.hpp"
#include "support/test_db.hpp"

namespace lecs::db {
namespace {

std::string temp_path(const std::string& tag) {
    char path[] = "/tmp/lecs-backup-XXXXXX";
    int fd = ::mkstemp(path);
    EXPECT_GE(fd, 0);
    ::close(fd);
    std::remove(path);
    return std::string(path) + tag;
}

void remove_all(const std::string& p) {
    for (const char* s : {"", "-wal", "-shm", "-journal", ".tmp"}) std::remove((p + s).c_str());
}

void fill(Database& db, int64_t rows) {
    db.write([&](Tx& tx) {
        tx.exec_script("CREATE TABLE bk (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)");
        tx.exec_script("CREATE INDEX bk_payload ON bk (payload)");
        for (int64_t i = 1; i <= rows; ++i)
            tx.exec("INSERT INTO bk (id, payload) VALUES ($1, $2)",
                    {i, "row-" + std::to_string(i) + std::string(200, 'x')});
    });
}

int64_t count(Database& db) {
    return db.read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM bk")->i64(0); });
}

TEST(BackupSqlite, RoundtripRestoresData) {
    std::string db_path = temp_path(".db");
    std::string bak = temp_path(".bak");
    std::string url = "sqlite://" + db_path;
    {
        auto db = Database::open(url);
        fill(*db, 500);
        // Backup while the database is open (online).
        backup(url, bak);
        db->write([](Tx& tx) { tx.exec("DELETE FROM bk WHERE id > $1", {int64_t{10}}); });
        EXPECT_EQ(count(*db), 10);
    }
    restore(bak, url);
    {
        auto db = Database::open(url);
        EXPECT_EQ(count(*db), 500);
        EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT payload FROM bk WHERE id = 500")->str(0); }),
                  "row-500" + std::string(200, 'x'));
    }
    remove_all(db_path);
    remove_all(bak);
}

TEST(BackupSqlite, RefusesCorruptedBackup) {
    std::string db_path = temp_path(".db");
    std::string bak = temp_path(".bak");
    std::string url = "sqlite://" + db_path;
    {
        auto db = Database::open(url);
        fill(*db, 500);
        backup(url, bak);
        db->write([](Tx& tx) { tx.exec("DELETE FROM bk WHERE id > $1", {int64_t{10}}); });
    }
    // Overwrite 8 KiB in the middle of the file with garbage.
    {
        std::fstream f(bak, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(0, std::ios::end);
        auto size = static_cast<std::streamoff>(f.tellg());
        ASSERT_GT(size, 100000);
        f.seekp(size / 2);
        std::string junk(8192, '\xA5');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    EXPECT_THROW(restore(bak, url), DbError);
    // The database was not touched.
    auto db = Database::open(url);
    EXPECT_EQ(count(*db), 10);
    db.reset();
    remove_all(db_path);
    remove_all(bak);
}

TEST(BackupSqlite, RefusesMemoryDatabase) { EXPECT_THROW(backup("sqlite::memory:", temp_path(".bak")), DbError); }

// Runs in the pg ctest entry (filter *PgOnly*).
TEST(BackupPgOnly, RoundtripRestoresData) {
    const char* kind = std::getenv("LECS_TEST_DB");
    if (!kind || std::string(kind) != "postgres") GTEST_SKIP() << "PostgreSQL run only";
    const char* admin = std::getenv("LECS_TEST_PG_URL");
    ASSERT_TRUE(admin && *admin) << "LECS_TEST_DB=postgres needs LECS_TEST_PG_URL";
    auto tdb = lecs::testing::make_test_database("postgres");
    fill(*tdb->db, 300);
    std::string bak = temp_path(".dump");
    backup(tdb->url, bak);
    tdb->db->write([](Tx& tx) { tx.exec("DELETE FROM bk WHERE id > $1", {int64_t{3}}); });
    EXPECT_EQ(count(*tdb->db), 3);
    restore(bak, tdb->url);
    EXPECT_EQ(count(*tdb->db), 300);
    // The migrated schema came back too.
    EXPECT_EQ(migration_status(*tdb->db).size(), select_migrations(embedded::files(), Dialect::kPostgres).size());
    // A damaged archive is refused.
    {
        std::ofstream f(bak, std::ios::binary | std::ios::trunc);
        f << "not a pg_dump archive";
    }
    EXPECT_THROW(restore(bak, tdb->url), DbError);
    EXPECT_EQ(count(*tdb->db), 300);
    std::remove(bak.c_str());
}

}  // namespace
}  // namespace lecs::db
