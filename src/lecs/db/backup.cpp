// Online backup and restore (see backup.hpp).
#include "lecs/db/backup.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "lecs/db/db.hpp"
#include "lecs/db/sqlite/sqlite.hpp"

extern char** environ;

namespace lecs::db {
namespace {

bool is_sqlite(const std::string& url) { return url.rfind("sqlite:", 0) == 0; }

struct SqliteHandle {
    sqlite3* db = nullptr;
    SqliteHandle(const std::string& path, int flags) {
        int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg =
                "cannot open SQLite file '" + path + "': " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
            sqlite3_close_v2(db);
            db = nullptr;
            throw DbError(msg);
        }
        sqlite3_busy_timeout(db, 5000);
    }
    ~SqliteHandle() { sqlite3_close_v2(db); }
    SqliteHandle(const SqliteHandle&) = delete;
    SqliteHandle& operator=(const SqliteHandle&) = delete;

    void exec(const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw DbError(std::string("sqlite: ") + sqlite3_errmsg(db) + " [" + sql + "]");
    }
};

// Copies src into dst with the online backup API.
void copy_sqlite(sqlite3* src, sqlite3* dst) {
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) throw DbError(std::string("sqlite backup: ") + sqlite3_errmsg(dst));
    int rc;
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (rc != SQLITE_OK) sqlite3_sleep(20);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw DbError(std::string("sqlite backup: ") + sqlite3_errstr(rc));
}

void check_integrity(const std::string& path) {
    SqliteHandle h(path, SQLITE_OPEN_READONLY);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(h.db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    if (rc != SQLITE_OK) throw DbError("backup '" + path + "' is damaged: " + sqlite3_errmsg(h.db));
    std::string result;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!result.empty()) result += "; ";
        result += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    std::string err = rc == SQLITE_DONE ? "" : sqlite3_errmsg(h.db);
    sqlite3_finalize(stmt);
    if (!err.empty()) throw DbError("backup '" + path + "' is damaged: " + err);
    if (result != "ok") throw DbError("backup '" + path + "' failed the integrity check: " + result.substr(0, 500));
}

void remove_sqlite_files(const std::string& path) {
    for (const char* s : {"", "-journal", "-wal", "-shm"}) std::remove((path + s).c_str());
}

// Copies a SQLite database at src_path into a new file dst_path (replaced
// atomically), in rollback-journal mode so the file stands alone.
void sqlite_copy_file(const std::string& src_path, int src_flags, const std::string& dst_path) {
    std::string tmp = dst_path + ".tmp";
    remove_sqlite_files(tmp);
    try {
        {
            SqliteHandle src(src_path, src_flags);
            SqliteHandle dst(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            copy_sqlite(src.db, dst.db);
            dst.exec("PRAGMA journal_mode=DELETE");
        }
        check_integrity(tmp);
    } catch (...) {
        remove_sqlite_files(tmp);
        throw;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, dst_path, ec);
    if (ec) {
        remove_sqlite_files(tmp);
        throw DbError("cannot move backup into place at '" + dst_path + "': " + ec.message());
    }
}

std::string pg_program(const std::string& name) {
    if (const char* dir = std::getenv("LECS_PG_BIN"); dir && *dir) return std::string(dir) + "/" + name;
    std::string debian = "/usr/lib/postgresql/15/bin/" + name;
    if (::access(debian.c_str(), X_OK) == 0) return debian;
    return name;
}

// Runs a program (no shell: the URL is one argv entry, never interpreted),
// with stdout discarded. Throws when it cannot start or exits non-zero.
void run(const std::vector<std::string>& argv, const std::string& what) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) throw DbError(what + ": cannot start " + argv[0] + ": " + std::strerror(rc));
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw DbError(what + ": waitpid failed");
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw DbError(what + ": " + argv[0] + " failed (exit status " +
                      std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

void pg_check_archive(const std::string& path) {
    run({pg_program("pg_restore"), "--list", path}, "backup '" + path + "' is not a readable archive");
}

}  // namespace

void backup(const std::string& db_url, const std::string& out_path) {
    if (is_sqlite(db_url)) {
        std::string path = sqlite::path_from_url(db_url);
        if (path == ":memory:") throw DbError("cannot back up an in-memory SQLite database");
        // Read-write (never create): a read-only handle cannot open a WAL database whose -shm is absent.
        sqlite_copy_file(path, SQLITE_OPEN_READWRITE, out_path);
        return;
    }
    std::string tmp = out_path + ".tmp";
    std::remove(tmp.c_str());
    try {
        run({pg_program("pg_dump"), "--format=custom", "--file=" + tmp, "--dbname=" + db_url}, "pg_dump");
        pg_check_archive(tmp);
    } catch (...) {
        std::remove(tmp.c_str());
        throw;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, out_path, ec);
    if (ec) throw DbError("cannot move backup into place at '" + out_path + "': " + ec.message());
}

void restore(const std::string& backup_path, const std::string& db_url) {
    if (is_sqlite(db_url)) {
        std::string path = sqlite::path_from_url(db_url);
        if (path == ":memory:") throw DbError("cannot restore into an in-memory SQLite database");
        check_integrity(backup_path);
        // A stale WAL next to the new file would be replayed into it: remove it
        // together with the old file (the server is stopped, per the contract).
        std::string tmp_target = path + ".restore";
        sqlite_copy_file(backup_path, SQLITE_OPEN_READONLY, tmp_target);
        std::remove((path + "-wal").c_str());
        std::remove((path + "-shm").c_str());
        std::error_code ec;
        std::filesystem::rename(tmp_target, path, ec);
        if (ec) {
            remove_sqlite_files(tmp_target);
            throw DbError("cannot move restored database into place at '" + path + "': " + ec.message());
        }
        return;
    }
    pg_check_archive(backup_path);
    run({pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
         "--dbname=" + db_url, backup_path},
        "pg_restore");
}

}  // namespace lecs::db
