// PostgreSQL driver: libpq, a connection pool, text results mapped by type OID.
#include "lecs/db/postgres/pg.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace lecs::db::postgres {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

struct ResultPtr {
    PGresult* r;
    explicit ResultPtr(PGresult* p) : r(p) {}
    ~ResultPtr() { PQclear(r); }
    ResultPtr(const ResultPtr&) = delete;
    ResultPtr& operator=(const ResultPtr&) = delete;
};

// libpq's own message, without the URL (which may carry a password).
std::string connect_error(PGconn* c) {
    std::string where;
    const char* host = PQhost(c);
    const char* port = PQport(c);
    const char* db = PQdb(c);
    where = std::string(host && *host ? host : "(default host)") + ":" + (port && *port ? port : "5432") + "/" +
            (db ? db : "");
    std::string msg = PQerrorMessage(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return "cannot connect to PostgreSQL at " + where + ": " + msg;
}

PGconn* connect(const std::string& url) {
    PGconn* c = PQconnectdb(url.c_str());
    if (!c) throw DbError("cannot connect to PostgreSQL: out of memory");
    if (PQstatus(c) != CONNECTION_OK) {
        std::string msg = connect_error(c);
        PQfinish(c);
        throw DbError(msg);
    }
    return c;
}

Value convert(Oid type, const char* s, int len) {
    switch (type) {
        case kInt2:
        case kInt4:
        case kInt8: {
            int64_t v = 0;
            std::from_chars(s, s + len, v);
            return v;
        }
        case kBool:
            return static_cast<int64_t>(s[0] == 't' ? 1 : 0);
        case kNumeric: {
            // SUM(bigint) is numeric: keep exact integers as integers.
            int64_t v = 0;
            auto [p, ec] = std::from_chars(s, s + len, v);
            if (ec == std::errc() && p == s + len) return v;
            return std::strtod(s, nullptr);
        }
        case kFloat4:
        case kFloat8:
            return std::strtod(s, nullptr);
        case kBytea: {
            size_t n = 0;
            unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(s), &n);
            if (!raw) throw DbError("postgres: cannot decode bytea");
            Blob b{std::string(reinterpret_cast<const char*>(raw), n)};
            PQfreemem(raw);
            return b;
        }
        default:
            return std::string(s, len);
    }
}

class PgDatabase;

class PgTx : public Tx {
  public:
    PgTx(PgDatabase& owner, PGconn* conn, Mode mode) : owner_(owner), conn_(conn), mode_(mode) {
        simple(mode == Mode::kWrite ? "BEGIN" : "BEGIN READ ONLY");
    }
    ~PgTx() override {
        if (!done_) finish(false);
    }

    Dialect dialect() const override { return Dialect::kPostgres; }
    Mode mode() const override { return mode_; }

    Rows query(std::string_view sql, const Params& params) override {
        ResultPtr r(run(sql, params));
        Rows rows;
        int nf = PQnfields(r.r), nt = PQntuples(r.r);
        rows.columns.reserve(nf);
        std::vector<Oid> types(nf);
        for (int c = 0; c < nf; ++c) {
            rows.columns.emplace_back(PQfname(r.r, c));
            types[c] = PQftype(r.r, c);
        }
        rows.rows.reserve(nt);
        for (int i = 0; i < nt; ++i) {
            Row row;
            row.cols.reserve(nf);
            for (int c = 0; c < nf; ++c) {
                if (PQgetisnull(r.r, i, c))
                    row.cols.emplace_back(nullptr);
                else
                    row.cols.push_back(convert(types[c], PQgetvalue(r.r, i, c), PQgetlength(r.r, i, c)));
            }
            rows.rows.push_back(std::move(row));
        }
        return rows;
    }

    int64_t exec(std::string_view sql, const Params& params) override {
        ResultPtr r(run(sql, params));
        const char* n = PQcmdTuples(r.r);
        int64_t v = 0;
        if (n && *n) std::from_chars(n, n + std::char_traits<char>::length(n), v);
        return v;
    }

    void exec_script(std::string_view sql) override {
        check_open();
        ResultPtr r(PQexec(conn_, std::string(sql).c_str()));
        check(r.r, sql);
    }

    void copy_in(std::string_view copy_sql, std::string_view data) override {
        check_open();
        std::string s(copy_sql);
        ResultPtr r(PQexec(conn_, s.c_str()));
        if (PQresultStatus(r.r) != PGRES_COPY_IN) {
            check(r.r, copy_sql);
            throw DbError("postgres: not a COPY … FROM STDIN [" + std::string(copy_sql.substr(0, 200)) + "]");
        }
        // libpq takes int lengths: send in chunks.
        constexpr size_t kChunk = 1 << 20;
        for (size_t off = 0; off < data.size(); off += kChunk) {
            const size_t n = std::min(kChunk, data.size() - off);
            if (PQputCopyData(conn_, data.data() + off, static_cast<int>(n)) != 1) {
                std::string msg = error_message(nullptr);
                PQputCopyEnd(conn_, "client failed to send the data");
                while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
                throw DbError("postgres: COPY failed: " + msg);
            }
        }
        if (PQputCopyEnd(conn_, nullptr) != 1) throw DbError("postgres: COPY end failed: " + error_message(nullptr));
        ResultPtr fin(PQgetResult(conn_));
        while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
        check(fin.r, copy_sql);
    }

    void commit() override {
        check_open();
        ResultPtr r(PQexec(conn_, "COMMIT"));
        auto st = PQresultStatus(r.r);
        if (st != PGRES_COMMAND_OK) {
            std::string msg = error_message(r.r);
            finish(false);
            throw DbError("postgres: commit failed: " + msg, sqlstate(r.r));
        }
        // COMMIT of a transaction that already failed answers "ROLLBACK".
        if (std::string_view(PQcmdStatus(r.r)) == "ROLLBACK") {
            done_ = true;
            release();
            throw DbError("postgres: transaction had failed and was rolled back");
        }
        done_ = true;
        release();
    }

    void rollback() override {
        check_open();
        finish(false);
    }

  private:
    static std::string sqlstate(PGresult* r) {
        const char* s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        return s ? s : "";
    }
    std::string error_message(PGresult* r) const {
        std::string m = r ? PQresultErrorMessage(r) : "";
        if (m.empty()) m = PQerrorMessage(conn_);
        while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
        return m;
    }

    void check_open() const {
        if (done_) throw DbError("transaction already finished");
    }

    void simple(const char* sql) {
        ResultPtr r(PQexec(conn_, sql));
        check(r.r, sql);
    }

    void check(PGresult* r, std::string_view sql) {
        auto st = PQresultStatus(r);
        if (r && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)) return;
        std::string state = sqlstate(r);
        std::string msg = "postgres: " + error_message(r) + " [" + std::string(sql.substr(0, 200)) + "]";
        if (state == "23505") throw UniqueViolation(msg, state);
        throw DbError(msg, state);
    }

    PGresult* run(std::string_view sql, const Params& params) {
        check_open();
        size_t n = params.size();
        std::vector<Oid> types(n, 0);
        std::vector<const char*> values(n, nullptr);
        std::vector<int> lengths(n, 0), formats(n, 0);
        std::vector<std::string> text(n);
        for (size_t i = 0; i < n; ++i) {
            const Value& v = params[i];
            if (std::holds_alternative<std::nullptr_t>(v)) continue;
            if (auto p = std::get_if<int64_t>(&v)) {
                types[i] = kInt8;
                text[i] = std::to_string(*p);
                values[i] = text[i].c_str();
            } else if (auto p = std::get_if<double>(&v)) {
                types[i] = kFloat8;
                char buf[64];
                auto [e, ec] = std::to_chars(buf, buf + sizeof buf, *p);
                text[i].assign(buf, e);
                values[i] = text[i].c_str();
            } else if (auto p = std::get_if<std::string>(&v)) {
                // Untyped: the server infers text, date, bigint… from the context.
                values[i] = p->c_str();
            } else {
                const auto& b = std::get<Blob>(v).bytes;
                types[i] = kBytea;
                values[i] = b.data();
                lengths[i] = static_cast<int>(b.size());
                formats[i] = 1;
            }
        }
        std::string s(sql);
        PGresult* r = PQexecParams(conn_, s.c_str(), static_cast<int>(n), types.data(), values.data(), lengths.data(),
                                   formats.data(), 0);
        try {
            check(r, sql);
        } catch (...) {
            PQclear(r);
            throw;
        }
        return r;
    }

    void finish(bool committed);
    void release();

    PgDatabase& owner_;
    PGconn* conn_;
    Mode mode_;
    bool done_ = false;
    bool released_ = false;
};

class PgDatabase : public Database {
  public:
    PgDatabase(std::string url, int pool_size) : url_(std::move(url)), max_(pool_size < 1 ? 1 : pool_size) {
        idle_.push_back(connect(url_));
        total_ = 1;
    }
    ~PgDatabase() override {
        for (PGconn* c : idle_) PQfinish(c);
    }

    Dialect dialect() const override { return Dialect::kPostgres; }
    const std::string& url() const override { return url_; }

    std::unique_ptr<Tx> begin(Mode mode) override {
        // An idle pooled connection may have died (server restart, idle
        // timeout): discard it and try the next one, up to a fresh connection.
        for (int attempt = 0;; ++attempt) {
            PGconn* c = acquire();
            try {
                return std::make_unique<PgTx>(*this, c, mode);
            } catch (const DbError&) {
                bool broken = PQstatus(c) != CONNECTION_OK;
                give_back(c);
                if (!broken || attempt > max_) throw;
            }
        }
    }

    // A connection goes back to the pool only when it is healthy and idle;
    // anything else (broken socket, stuck transaction) is closed.
    void give_back(PGconn* c) {
        bool healthy = PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE;
        {
            std::lock_guard lock(mutex_);
            if (healthy) {
                idle_.push_back(c);
            } else {
                --total_;
            }
        }
        if (!healthy) PQfinish(c);
        cv_.notify_one();
    }

  private:
    PGconn* acquire() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return !idle_.empty() || total_ < max_; });
        if (!idle_.empty()) {
            PGconn* c = idle_.back();
            idle_.pop_back();
            return c;
        }
        ++total_;
        lock.unlock();
        try {
            return connect(url_);
        } catch (...) {
            lock.lock();
            --total_;
            lock.unlock();
            cv_.notify_one();
            throw;
        }
    }

    std::string url_;
    int max_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<PGconn*> idle_;
    int total_ = 0;
};

void PgTx::finish(bool committed) {
    if (!committed && PQstatus(conn_) == CONNECTION_OK) {
        // A failed ROLLBACK leaves the connection non-idle, and give_back then discards it.
        PQclear(PQexec(conn_, "ROLLBACK"));
    }
    done_ = true;
    release();
}

void PgTx::release() {
    if (released_) return;
    released_ = true;
    owner_.give_back(conn_);
}

}  // namespace

std::unique_ptr<Database> open(const std::string& url, int pool_size) {
    return std::make_unique<PgDatabase>(url, pool_size);
}

void exec_admin(const std::string& url, std::string_view sql) {
    PGconn* c = connect(url);
    PGresult* r = PQexec(c, std::string(sql).c_str());
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    std::string msg = ok ? "" : std::string("postgres: ") + PQresultErrorMessage(r);
    const char* st = ok ? nullptr : PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string state = st ? st : "";
    PQclear(r);
    PQfinish(c);
    if (!ok) throw DbError(msg, state);
}

std::string with_database(const std::string& url, const std::string& dbname) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) throw DbError("bad PostgreSQL URL (expected postgresql://…)");
    auto auth_end = url.find_first_of("/?", scheme + 3);
    std::string head = url.substr(0, auth_end == std::string::npos ? url.size() : auth_end);
    std::string query;
    if (auth_end != std::string::npos) {
        auto q = url.find('?', auth_end);
        if (q != std::string::npos) query = url.substr(q);
    }
    return head + "/" + dbname + query;
}

}  // namespace lecs::db::postgres
