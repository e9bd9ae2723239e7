// SQLite driver: RAII around sqlite3, one writer connection, a reader pool.
#include "lecs/db/sqlite/sqlite.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lecs::db::sqlite {
namespace {

// Portable SQLSTATEs for constraint failures, so a service can tell them apart
// the same way on both databases.
std::string sqlstate_of(int ext) {
    switch (ext) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return "23505";
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return "23503";
        case SQLITE_CONSTRAINT_NOTNULL:
            return "23502";
        case SQLITE_CONSTRAINT_CHECK:
            return "23514";
        default:
            return {};
    }
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
    int ext = db ? sqlite3_extended_errcode(db) : rc;
    std::string msg = "sqlite: ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (!context.empty()) {
        msg += " [";
        msg += context.substr(0, 200);
        msg += "]";
    }
    std::string state = sqlstate_of(ext);
    if (state == "23505") throw UniqueViolation(msg, state);
    throw DbError(msg, state);
}

class Connection {
  public:
    Connection(const std::string& path, bool reader) {
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg =
                "cannot open SQLite database '" + path + "': " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw DbError(msg);
        }
        sqlite3_extended_result_codes(db_, 1);
        script("PRAGMA busy_timeout=5000");
        if (!reader) script("PRAGMA journal_mode=WAL");
        script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
        // The writer's page cache holds the working set of a bulk ingest (the upper levels of the
        // acts' B-tree and its index, ARCHITECTURE "Big-table design": 37.8 s → 21.6 s with a larger
        // cache); the default 2 MB made every batch re-read pages from the OS. A cap, not an allocation.
        // The WAL is checkpointed every 16 MB rather than every 4 MB, so that a page written by
        // several consecutive batches is copied into the database once.
        if (!reader) script("PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=4000");
        // A read Tx must not write: catch the mistake on SQLite as READ ONLY does on PostgreSQL.
        if (reader) script("PRAGMA query_only=ON");
    }
    ~Connection() {
        for (auto& [sql, st] : cache_) sqlite3_finalize(st.stmt);
        sqlite3_close_v2(db_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* handle() { return db_; }

    void script(std::string_view sql) {
        std::string s(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
        if (err) sqlite3_free(err);
        if (rc != SQLITE_OK) fail(db_, rc, sql);
    }

    // A prepared statement, and the position of each $N in it: SQLite numbers "$N" parameters by
    // order of appearance, and looking a name up on every bind cost 8 % of a bulk ingest.
    struct Prepared {
        sqlite3_stmt* stmt = nullptr;
        std::vector<int> index;  // index[n-1] = SQLite's position of $n (0 = not used)
    };

    // Prepared statements are cached by SQL text for the life of the connection.
    const Prepared& prepare(std::string_view sql) {
        if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
        std::string key(sql);
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        int rc =
            sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
        if (rc != SQLITE_OK) fail(db_, rc, sql);
        if (!stmt) throw DbError("sqlite: empty statement");
        for (const char* p = tail; p && p < key.data() + key.size(); ++p) {
            if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
                sqlite3_finalize(stmt);
                throw DbError("sqlite: several statements in one query; use exec_script [" + key.substr(0, 200) + "]");
            }
        }
        Prepared p{stmt, {}};
        const int n = sqlite3_bind_parameter_count(stmt);
        for (int i = 1; i <= n; ++i) {
            const char* name = sqlite3_bind_parameter_name(stmt, i);
            if (!name || name[0] != '$') continue;
            const int num = std::atoi(name + 1);
            if (num < 1) continue;
            if (static_cast<size_t>(num) > p.index.size()) p.index.resize(num, 0);
            p.index[num - 1] = i;
        }
        return cache_.emplace(std::move(key), std::move(p)).first->second;
    }

    // Runs one statement; fills rows when given. Returns rows changed.
    int64_t run(std::string_view sql, const Params& params, Rows* out) {
        const Prepared& prepared = prepare(sql);
        sqlite3_stmt* stmt = prepared.stmt;
        struct Reset {
            sqlite3_stmt* s;
            ~Reset() {
                sqlite3_reset(s);
                sqlite3_clear_bindings(s);
            }
        } reset{stmt};
        for (size_t i = 0; i < params.size(); ++i) {
            const int idx = i < prepared.index.size() ? prepared.index[i] : 0;
            if (idx == 0) {
                throw DbError("sqlite: parameter $" + std::to_string(i + 1) + " is not used by the statement [" +
                              std::string(sql.substr(0, 200)) + "]");
            }
            const Value& v = params[i];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::nullptr_t>(v)) {
                rc = sqlite3_bind_null(stmt, idx);
            } else if (auto p = std::get_if<int64_t>(&v)) {
                rc = sqlite3_bind_int64(stmt, idx, *p);
            } else if (auto p = std::get_if<double>(&v)) {
                rc = sqlite3_bind_double(stmt, idx, *p);
            } else if (auto p = std::get_if<std::string>(&v)) {
                rc = sqlite3_bind_text64(stmt, idx, p->data(), p->size(), SQLITE_STATIC, SQLITE_UTF8);
            } else {
                const auto& b = std::get<Blob>(v).bytes;
                rc = sqlite3_bind_blob64(stmt, idx, b.data(), b.size(), SQLITE_STATIC);
            }
            if (rc != SQLITE_OK) fail(db_, rc, sql);
        }
        int ncol = sqlite3_column_count(stmt);
        if (out) {
            out->columns.clear();
            for (int c = 0; c < ncol; ++c) out->columns.emplace_back(sqlite3_column_name(stmt, c));
        }
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) fail(db_, rc, sql);
            if (!out) continue;
            Row row;
            row.cols.reserve(ncol);
            for (int c = 0; c < ncol; ++c) {
                switch (sqlite3_column_type(stmt, c)) {
                    case SQLITE_INTEGER:
                        row.cols.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
                        break;
                    case SQLITE_FLOAT:
                        row.cols.emplace_back(sqlite3_column_double(stmt, c));
                        break;
                    case SQLITE_TEXT: {
                        auto t = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                        row.cols.emplace_back(std::string(t, sqlite3_column_bytes(stmt, c)));
                        break;
                    }
                    case SQLITE_BLOB: {
                        auto b = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                        int n = sqlite3_column_bytes(stmt, c);
                        row.cols.emplace_back(Blob{n ? std::string(b, n) : std::string()});
                        break;
                    }
                    default:
                        row.cols.emplace_back(nullptr);
                }
            }
            out->rows.push_back(std::move(row));
        }
        return sqlite3_changes64(db_);
    }

  private:
    sqlite3* db_ = nullptr;
    // Looked up by string_view, without copying the SQL on every call.
    struct SqlHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, Prepared, SqlHash, std::equal_to<>> cache_;
};

class SqliteDatabase;

class SqliteTx : public Tx {
  public:
    SqliteTx(SqliteDatabase& owner, Connection& conn, Mode mode, std::unique_lock<std::mutex> writer_lock)
        : owner_(owner), conn_(conn), mode_(mode), writer_lock_(std::move(writer_lock)) {
        conn_.script(mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    }
    ~SqliteTx() override;

    Dialect dialect() const override { return Dialect::kSqlite; }
    Mode mode() const override { return mode_; }

    Rows query(std::string_view sql, const Params& params) override {
        check_open();
        Rows rows;
        conn_.run(sql, params, &rows);
        return rows;
    }
    int64_t exec(std::string_view sql, const Params& params) override {
        check_open();
        return conn_.run(sql, params, nullptr);
    }
    void exec_script(std::string_view sql) override {
        check_open();
        conn_.script(sql);
    }
    void commit() override {
        check_open();
        int rc = sqlite3_exec(conn_.handle(), "COMMIT", nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = std::string("sqlite: commit failed: ") + sqlite3_errmsg(conn_.handle());
            finish(false);
            throw DbError(msg);
        }
        finish(true);
    }
    void rollback() override {
        check_open();
        finish(false);
    }

  private:
    void check_open() const {
        if (done_) throw DbError("transaction already finished");
    }
    void finish(bool committed);

    SqliteDatabase& owner_;
    Connection& conn_;
    Mode mode_;
    std::unique_lock<std::mutex> writer_lock_;
    bool done_ = false;
};

class SqliteDatabase : public Database {
  public:
    SqliteDatabase(std::string url, std::string path, int pool_size)
        : url_(std::move(url)), path_(std::move(path)), max_readers_(pool_size < 1 ? 1 : pool_size) {
        writer_ = std::make_unique<Connection>(path_, false);
        memory_ = path_ == ":memory:";
    }

    Dialect dialect() const override { return Dialect::kSqlite; }
    const std::string& url() const override { return url_; }

    std::unique_ptr<Tx> begin(Mode mode) override {
        if (mode == Mode::kWrite || memory_) {
            std::unique_lock lock(writer_mutex_);
            return std::make_unique<SqliteTx>(*this, *writer_, mode, std::move(lock));
        }
        Connection* c = acquire_reader();
        try {
            return std::make_unique<SqliteTx>(*this, *c, mode, std::unique_lock<std::mutex>());
        } catch (...) {
            release_reader(c);
            throw;
        }
    }

    void release(Connection& c) {
        if (&c != writer_.get()) release_reader(&c);
    }

  private:
    Connection* acquire_reader() {
        std::unique_lock lock(pool_mutex_);
        pool_cv_.wait(lock, [&] { return !idle_.empty() || static_cast<int>(readers_.size()) < max_readers_; });
        if (!idle_.empty()) {
            Connection* c = idle_.back();
            idle_.pop_back();
            return c;
        }
        readers_.push_back(std::make_unique<Connection>(path_, true));
        return readers_.back().get();
    }
    void release_reader(Connection* c) {
        {
            std::lock_guard lock(pool_mutex_);
            idle_.push_back(c);
        }
        pool_cv_.notify_one();
    }

    std::string url_;
    std::string path_;
    int max_readers_;
    bool memory_ = false;
    std::mutex writer_mutex_;
    std::unique_ptr<Connection> writer_;
    std::mutex pool_mutex_;
    std::condition_variable pool_cv_;
    std::vector<std::unique_ptr<Connection>> readers_;
    std::vector<Connection*> idle_;
};

void SqliteTx::finish(bool committed) {
    if (!committed && sqlite3_get_autocommit(conn_.handle()) == 0) {
        // ROLLBACK fails only when no transaction is open, which the check above rules out.
        sqlite3_exec(conn_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    done_ = true;
    owner_.release(conn_);
    if (writer_lock_.owns_lock()) writer_lock_.unlock();
}

SqliteTx::~SqliteTx() {
    if (!done_) finish(false);
}

}  // namespace

std::string path_from_url(const std::string& url) {
    if (url == "sqlite::memory:") return ":memory:";
    const std::string prefix = "sqlite://";
    if (url.rfind(prefix, 0) != 0 || url.size() == prefix.size())
        throw DbError("bad SQLite URL (expected sqlite:///abs/path, sqlite://rel/path or sqlite::memory:)");
    return url.substr(prefix.size());
}

std::unique_ptr<Database> open(const std::string& url, int pool_size) {
    return std::make_unique<SqliteDatabase>(url, path_from_url(url), pool_size);
}

}  // namespace lecs::db::sqlite
