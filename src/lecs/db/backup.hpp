// Online backup and restore.
//
// Contract:
// - backup(db_url, out): SQLite copies the live database with the sqlite3
//   online backup API (consistent while the server runs), switches the copy to
//   a self-contained rollback-journal file and runs PRAGMA integrity_check on
//   it; PostgreSQL runs `pg_dump --format=custom` and checks the archive with
//   `pg_restore --list`. The file appears at out only when complete (written
//   to out + ".tmp", then renamed). Throws DbError on any failure.
// - restore(backup, db_url): the backup is checked first (SQLite:
//   integrity_check; PostgreSQL: pg_restore --list), so a damaged backup is
//   refused before the database is touched. SQLite then replaces the database
//   file atomically (temp file + rename, stale -wal/-shm removed): the server
//   MUST be stopped. PostgreSQL runs `pg_restore --clean --if-exists --no-owner
//   --single-transaction --exit-on-error` into the database.
// - The PostgreSQL client programs are looked up in $LECS_PG_BIN, then
//   /usr/lib/postgresql/15/bin, then PATH.
#pragma once

#include <string>

namespace lecs::db {

void backup(const std::string& db_url, const std::string& out_path);
void restore(const std::string& backup_path, const std::string& db_url);

}  // namespace lecs::db
