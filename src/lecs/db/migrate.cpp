// Migration runner (see migrate.hpp).
#include "lecs/db/migrate.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace lecs::db {
namespace {

// Arbitrary constant shared by every node: the key of the migration advisory lock.
constexpr int64_t kMigrationLockKey = 0x4c454353'4d494752;  // "LECSMIGR"

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)";

std::string pad4(int64_t v) {
    std::string s = std::to_string(v);
    return s.size() < 4 ? std::string(4 - s.size(), '0') + s : s;
}

struct Parsed {
    int64_t version;
    std::string name;
    std::string variant;  // "", "pg" or "sqlite"
};

std::optional<Parsed> parse_path(std::string_view path) {
    constexpr std::string_view kDir = "migrations/";
    if (path.substr(0, kDir.size()) != kDir) return std::nullopt;
    std::string_view f = path.substr(kDir.size());
    if (f.find('/') != std::string_view::npos || f.size() < 4 || f.substr(f.size() - 4) != ".sql") return std::nullopt;
    f.remove_suffix(4);
    Parsed p;
    if (f.size() > 3 && f.substr(f.size() - 3) == ".pg") {
        p.variant = "pg";
        f.remove_suffix(3);
    } else if (f.size() > 7 && f.substr(f.size() - 7) == ".sqlite") {
        p.variant = "sqlite";
        f.remove_suffix(7);
    }
    auto us = f.find('_');
    if (us == std::string_view::npos || us == 0) throw DbError("bad migration file name: " + std::string(path));
    auto [e, ec] = std::from_chars(f.data(), f.data() + us, p.version);
    if (ec != std::errc() || e != f.data() + us || p.version < 0)
        throw DbError("bad migration file name: " + std::string(path));
    p.name = std::string(f.substr(us + 1));
    return p;
}

void lock(Tx& tx) {
    if (tx.dialect() == Dialect::kPostgres) tx.query("SELECT pg_advisory_xact_lock($1)", {kMigrationLockKey});
}

struct Applied {
    std::string name;
    std::string checksum;
    int64_t applied_at;
};

std::map<int64_t, Applied> read_applied(Tx& tx) {
    std::map<int64_t, Applied> out;
    for (const auto& r : tx.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"))
        out[r.i64(0)] = Applied{r.str(1), r.str(2), r.i64(3)};
    return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) throw DbError("SHA-256 failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned i = 0; i < len; ++i) {
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 15];
    }
    return out;
}

std::vector<Migration> select_migrations(const std::vector<embedded::File>& files, Dialect d) {
    struct Group {
        std::string name;
        const embedded::File* portable = nullptr;
        const embedded::File* pg = nullptr;
        const embedded::File* sqlite = nullptr;
    };
    std::map<int64_t, Group> groups;
    for (const auto& f : files) {
        auto p = parse_path(f.path);
        if (!p) continue;
        Group& g = groups[p->version];
        if (!g.name.empty() && g.name != p->name)
            throw DbError("migration " + pad4(p->version) + " has two names: " + g.name + " and " + p->name);
        g.name = p->name;
        const embedded::File*& slot = p->variant == "pg" ? g.pg : p->variant == "sqlite" ? g.sqlite : g.portable;
        if (slot) throw DbError("duplicate migration file: " + std::string(f.path));
        slot = &f;
    }
    std::vector<Migration> out;
    for (const auto& [version, g] : groups) {
        const embedded::File* f = d == Dialect::kPostgres ? g.pg : g.sqlite;
        if (!f) f = g.portable;
        if (!f)
            throw DbError("migration " + pad4(version) + "_" + g.name + " has no file for " +
                          (d == Dialect::kPostgres ? "PostgreSQL" : "SQLite"));
        Migration m;
        m.version = version;
        m.name = g.name;
        m.path = std::string(f->path);
        m.sql = std::string(f->content);
        m.checksum = sha256_hex(m.sql);
        out.push_back(std::move(m));
    }
    return out;
}

MigrationReport migrate(Database& db, int64_t now_ms) { return migrate(db, now_ms, embedded::files()); }

MigrationReport migrate(Database& db, int64_t now_ms, const std::vector<embedded::File>& files) {
    auto migrations = select_migrations(files, db.dialect());
    std::map<int64_t, const Migration*> known;
    for (const auto& m : migrations) known[m.version] = &m;

    // Verify everything before applying anything.
    auto applied = db.write([&](Tx& tx) {
        lock(tx);
        tx.exec_script(kCreateTable);
        return read_applied(tx);
    });
    for (const auto& [version, a] : applied) {
        auto it = known.find(version);
        if (it == known.end())
            throw DbError("database has migration " + pad4(version) + "_" + a.name +
                          " which this binary does not contain (a newer version migrated it)");
        if (it->second->checksum != a.checksum)
            throw DbError("migration " + pad4(version) + " checksum mismatch: applied " + a.checksum +
                          " differs from embedded " + it->second->checksum);
    }

    MigrationReport report;
    for (const auto& m : migrations) {
        if (applied.count(m.version)) {
            ++report.already_applied;
            continue;
        }
        bool did = db.write([&](Tx& tx) {
            lock(tx);
            // Another node may have applied it while we waited for the lock.
            if (auto row = tx.query_one("SELECT checksum FROM schema_migrations WHERE version = $1", {m.version})) {
                if (row->str(0) != m.checksum)
                    throw DbError("migration " + pad4(m.version) + " checksum mismatch: applied " + row->str(0) +
                                  " differs from embedded " + m.checksum);
                return false;
            }
            tx.exec_script(m.sql);
            tx.exec("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
                    {m.version, m.name, m.checksum, now_ms});
            return true;
        });
        if (did)
            report.applied.push_back(m.version);
        else
            ++report.already_applied;
    }
    return report;
}

std::vector<MigrationStatus> migration_status(Database& db) { return migration_status(db, embedded::files()); }

std::vector<MigrationStatus> migration_status(Database& db, const std::vector<embedded::File>& files) {
    auto migrations = select_migrations(files, db.dialect());
    auto applied = db.read([&](Tx& tx) {
        bool exists = tx.dialect() == Dialect::kPostgres
                          ? tx.query_one("SELECT to_regclass('schema_migrations') IS NOT NULL")->boolean(0)
                          : tx.query_one(
                                  "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                  "name = 'schema_migrations'")
                                    ->i64(0) > 0;
        return exists ? read_applied(tx) : std::map<int64_t, Applied>{};
    });
    std::vector<MigrationStatus> out;
    for (const auto& m : migrations) {
        MigrationStatus s;
        s.version = m.version;
        s.name = m.name;
        if (auto it = applied.find(m.version); it != applied.end()) {
            s.applied = true;
            s.applied_at = it->second.applied_at;
            s.checksum_matches = it->second.checksum == m.checksum;
            applied.erase(it);
        }
        out.push_back(std::move(s));
    }
    // Applied versions this binary does not know are listed too, as mismatches.
    for (const auto& [version, a] : applied) {
        MigrationStatus s;
        s.version = version;
        s.name = a.name;
        s.applied = true;
        s.applied_at = a.applied_at;
        s.checksum_matches = false;
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}

}  // namespace lecs::db
