// Row accessors and Database::open dispatch.
#include "lecs/db/db.hpp"

#include <charconv>
#include <cmath>

#include "lecs/db/postgres/pg.hpp"
#include "lecs/db/sqlite/sqlite.hpp"

namespace lecs::db {
namespace {

[[noreturn]] void throw_null(size_t i) { throw DbError("column " + std::to_string(i) + " is NULL"); }

std::optional<int64_t> parse_i64(std::string_view s) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

std::optional<int64_t> Row::opt_i64(size_t i) const {
    const Value& v = cols.at(i);
    if (std::holds_alternative<std::nullptr_t>(v)) return std::nullopt;
    if (auto p = std::get_if<int64_t>(&v)) return *p;
    if (auto p = std::get_if<double>(&v)) {
        // PostgreSQL returns SUM(bigint) as numeric; accept it when it is an exact integer.
        if (std::isfinite(*p) && std::trunc(*p) == *p && std::fabs(*p) < 9.2e18) return static_cast<int64_t>(*p);
        throw DbError("column " + std::to_string(i) + " is not an integer");
    }
    if (auto p = std::get_if<std::string>(&v)) {
        if (auto n = parse_i64(*p)) return n;
        throw DbError("column " + std::to_string(i) + " is not an integer: '" + *p + "'");
    }
    throw DbError("column " + std::to_string(i) + " is a blob, not an integer");
}

void Tx::copy_in(std::string_view copy_sql, std::string_view) {
    throw DbError("COPY is not supported by this database driver [" + std::string(copy_sql.substr(0, 200)) + "]");
}

int64_t Row::i64(size_t i) const {
    auto v = opt_i64(i);
    if (!v) throw_null(i);
    return *v;
}

double Row::f64(size_t i) const {
    const Value& v = cols.at(i);
    if (std::holds_alternative<std::nullptr_t>(v)) throw_null(i);
    if (auto p = std::get_if<double>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
    if (auto p = std::get_if<std::string>(&v)) {
        double d = 0;
        auto [e, ec] = std::from_chars(p->data(), p->data() + p->size(), d);
        if (ec == std::errc() && e == p->data() + p->size()) return d;
        throw DbError("column " + std::to_string(i) + " is not a number: '" + *p + "'");
    }
    throw DbError("column " + std::to_string(i) + " is a blob, not a number");
}

std::optional<std::string> Row::opt_str(size_t i) const {
    const Value& v = cols.at(i);
    if (std::holds_alternative<std::nullptr_t>(v)) return std::nullopt;
    if (auto p = std::get_if<std::string>(&v)) return *p;
    if (auto p = std::get_if<Blob>(&v)) return p->bytes;
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    char buf[64];
    auto [e, ec] = std::to_chars(buf, buf + sizeof buf, std::get<double>(v));
    return std::string(buf, e);
}

std::string Row::str(size_t i) const {
    auto v = opt_str(i);
    if (!v) throw_null(i);
    return std::move(*v);
}

std::optional<std::string> Row::opt_blob(size_t i) const {
    const Value& v = cols.at(i);
    if (std::holds_alternative<std::nullptr_t>(v)) return std::nullopt;
    if (auto p = std::get_if<Blob>(&v)) return p->bytes;
    if (auto p = std::get_if<std::string>(&v)) return *p;
    throw DbError("column " + std::to_string(i) + " is a number, not a blob");
}

std::string Row::blob(size_t i) const {
    auto v = opt_blob(i);
    if (!v) throw_null(i);
    return std::move(*v);
}

std::unique_ptr<Database> Database::open(const std::string& url, int pool_size) {
    if (url.rfind("sqlite:", 0) == 0) return sqlite::open(url, pool_size);
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return postgres::open(url, pool_size);
    throw DbError("unsupported database URL scheme (expected sqlite: or postgresql://)");
}

}  // namespace lecs::db
