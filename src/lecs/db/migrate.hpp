// Migration runner.
//
// Contract:
// - Migrations are files "migrations/NNNN_name.sql" (portable) with optional
//   "NNNN_name.pg.sql" / "NNNN_name.sqlite.sql" variants that replace the
//   portable file for that dialect. By default they come from the binary
//   (lecs::embedded::files()); non-migration files in the list are ignored.
// - schema_migrations(version BIGINT PRIMARY KEY, name TEXT, checksum TEXT
//   (hex SHA-256 of the file applied), applied_at BIGINT ms UTC).
// - migrate() first verifies every applied migration: a changed checksum, or an
//   applied version this binary does not know, throws DbError and applies
//   nothing. Then it applies the pending ones in version order, each with its
//   row in schema_migrations in one write Tx. On PostgreSQL each of those Tx
//   takes pg_advisory_xact_lock, so two nodes starting at once apply each
//   migration exactly once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/base/embedded.hpp"
#include "lecs/db/db.hpp"

namespace lecs::db {

struct Migration {
    int64_t version = 0;
    std::string name;  // "audit" for 0001_audit.sql
    std::string path;  // the file chosen for the dialect
    std::string sql;
    std::string checksum;  // hex SHA-256 of sql
};

struct MigrationReport {
    std::vector<int64_t> applied;  // versions applied by this run, in order
    size_t already_applied = 0;
};

struct MigrationStatus {
    int64_t version = 0;
    std::string name;
    bool applied = false;
    std::optional<int64_t> applied_at;
    bool checksum_matches = true;  // false when the applied file differs from the embedded one
};

// The migrations in files for dialect d, sorted by version. Throws DbError on a
// malformed list (two names for one version, no file for this dialect).
std::vector<Migration> select_migrations(const std::vector<embedded::File>& files, Dialect d);

MigrationReport migrate(Database& db, int64_t now_ms);
MigrationReport migrate(Database& db, int64_t now_ms, const std::vector<embedded::File>& files);

std::vector<MigrationStatus> migration_status(Database& db);
std::vector<MigrationStatus> migration_status(Database& db, const std::vector<embedded::File>& files);

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);

}  // namespace lecs::db
