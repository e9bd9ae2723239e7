// Database access: one interface, two drivers (SQLite, PostgreSQL via libpq).
//
// Contract:
// - SQL uses $1, $2 … placeholders in both dialects (the SQLite driver binds
//   by name, so "$2 … $1" works). DML is portable; where DDL must differ, the
//   migration has a .pg.sql / .sqlite.sql variant.
// - Database::open(url): "sqlite:///abs/path.db", "sqlite://relative.db",
//   "sqlite::memory:" or "postgresql://…". SQLite gets WAL, synchronous=FULL,
//   foreign_keys=ON, busy_timeout=5000 on every connection, ONE writer
//   connection (writes serialise on it, BEGIN IMMEDIATE) and a small reader pool.
// - A Tx is a transaction on a pooled connection. Destroying a Tx that was not
//   committed rolls it back. There is no nested BEGIN: services take Tx&.
// - Failures (I/O, syntax, constraint) throw db::DbError (infrastructure);
//   unique violations throw db::UniqueViolation so a service may turn a known
//   race into a domain Error.
// - Values: NULL, int64, double, text, blob. Booleans are 0/1; instants are
//   int64 ms UTC; legal dates are TEXT YYYY-MM-DD; money is int64 分.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace lecs::db {

enum class Dialect { kSqlite, kPostgres };

struct Blob {
    std::string bytes;
    bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

class DbError : public std::runtime_error {
  public:
    DbError(const std::string& what, std::string sqlstate = {})
        : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }

  private:
    std::string sqlstate_;
};

class UniqueViolation : public DbError {
  public:
    using DbError::DbError;
};

struct Row {
    std::vector<Value> cols;

    bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(cols.at(i)); }
    int64_t i64(size_t i) const;  // int, or text holding an int; throws DbError on NULL
    std::optional<int64_t> opt_i64(size_t i) const;
    double f64(size_t i) const;
    std::string str(size_t i) const;  // text (blob bytes as-is); throws on NULL
    std::optional<std::string> opt_str(size_t i) const;
    std::string blob(size_t i) const;  // blob or text bytes
    std::optional<std::string> opt_blob(size_t i) const;
    bool boolean(size_t i) const { return i64(i) != 0; }
};

struct Rows {
    std::vector<std::string> columns;
    std::vector<Row> rows;
    size_t size() const { return rows.size(); }
    bool empty() const { return rows.empty(); }
    const Row& operator[](size_t i) const { return rows[i]; }
    auto begin() const { return rows.begin(); }
    auto end() const { return rows.end(); }
};

enum class Mode { kRead, kWrite };

class Tx {
  public:
    virtual ~Tx() = default;
    virtual Dialect dialect() const = 0;
    virtual Mode mode() const = 0;
    virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
    // Returns the number of rows changed.
    virtual int64_t exec(std::string_view sql, const Params& params = {}) = 0;
    // Runs several statements without parameters (migrations).
    virtual void exec_script(std::string_view sql) = 0;
    // Bulk load (PostgreSQL only): runs copy_sql, a `COPY … FROM STDIN` in text format, and sends
    // data (tab-separated rows, `\N` for NULL, backslash escapes) as its input. Throws DbError on a
    // driver without COPY (SQLite) and on any error the server reports.
    virtual void copy_in(std::string_view copy_sql, std::string_view data);
    virtual void commit() = 0;
    virtual void rollback() = 0;

    std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
        auto r = query(sql, params);
        if (r.rows.empty()) return std::nullopt;
        return std::move(r.rows.front());
    }
};

class Database {
  public:
    virtual ~Database() = default;
    static std::unique_ptr<Database> open(const std::string& url, int pool_size = 4);

    virtual Dialect dialect() const = 0;
    virtual const std::string& url() const = 0;
    virtual std::unique_ptr<Tx> begin(Mode mode) = 0;

    // Runs f(tx) in one transaction. Commits when f returns normally and, if f
    // returns a Result, only when it is ok(); otherwise rolls back, so a refused
    // request never half-writes. Exceptions roll back and propagate.
    template <class F>
    auto transact(Mode mode, F&& f) -> decltype(f(std::declval<Tx&>())) {
        auto tx = begin(mode);
        using R = decltype(f(*tx));
        if constexpr (std::is_void_v<R>) {
            f(*tx);
            tx->commit();
        } else {
            R r = f(*tx);
            if constexpr (requires { r.ok(); }) {
                if (r.ok())
                    tx->commit();
                else
                    tx->rollback();
            } else {
                tx->commit();
            }
            return r;
        }
    }
    template <class F>
    auto write(F&& f) {
        return transact(Mode::kWrite, std::forward<F>(f));
    }
    template <class F>
    auto read(F&& f) {
        return transact(Mode::kRead, std::forward<F>(f));
    }
};

}  // namespace lecs::db
