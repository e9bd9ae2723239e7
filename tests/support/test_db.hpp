// Test databases for store and service tests (one suite, run on both databases).
//
// Usage in a *_test.cpp:
//
//   class OrgStoreTest : public lecs::testing::DbTest {};
//   TEST_P(OrgStoreTest, InsertsAndReads) { auto& db = database(); ... }
//   INSTANTIATE_TEST_SUITE_P(Db, OrgStoreTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);
//
// ctest runs every test binary twice: once plainly (db_kinds() = {"sqlite"}) and
// once with LECS_TEST_DB=postgres and --gtest_filter=Db/* (db_kinds() =
// {"postgres"}). The PostgreSQL run needs LECS_TEST_PG_URL (an admin URL of the
// server scripts/test started); without it the suite FAILS, never skips.
// Each test gets a fresh, fully migrated database: a temp file for SQLite, a new
// database created from a migrated template for PostgreSQL; both are dropped after.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "lecs/db/db.hpp"

namespace lecs::testing {

::testing::internal::ParamGenerator<std::string> db_kinds();
std::string db_kind_name(const ::testing::TestParamInfo<std::string>& info);

// A fresh migrated database of the given kind ("sqlite" | "postgres").
struct TestDatabase {
    std::unique_ptr<db::Database> db;
    std::string url;
    std::string cleanup;  // file path or database name
    std::string kind;
    ~TestDatabase();
};
std::unique_ptr<TestDatabase> make_test_database(const std::string& kind);

class DbTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override { tdb_ = make_test_database(GetParam()); }
    void TearDown() override { tdb_.reset(); }
    db::Database& database() { return *tdb_->db; }
    const std::string& db_url() const { return tdb_->url; }

  private:
    std::unique_ptr<TestDatabase> tdb_;
};

// A new, empty directory under the system temp dir (mkdtemp), unique across the test processes
// ctest runs at once; the caller removes it.
std::filesystem::path make_temp_dir(const std::string& prefix);

}  // namespace lecs::testing
