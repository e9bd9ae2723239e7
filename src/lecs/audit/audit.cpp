// AuditLog: append (inline chain on SQLite, unsealed on PostgreSQL), sealing,
// checkpoints and the streaming verification.
#include "lecs/audit/audit.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <system_error>

#include "lecs/audit/rules.hpp"
#include "lecs/audit/store.hpp"
#include "lecs/base/crypto.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/base/time.hpp"

namespace lecs::audit {
namespace {

constexpr int64_t kVerifyChunk = 10'000;
constexpr int64_t kSealChunk = 1'000;
// ARCHITECTURE §Transactions: rows left unsealed for more than a minute are a fault.
constexpr int64_t kUnsealedGraceMs = 60'000;
// pg_advisory_xact_lock key of the sealer ("LECSAUD" in ASCII); a transaction
// lock, so it is released at commit and survives pgbouncer transaction mode.
constexpr std::string_view kSealLockSql = "SELECT pg_advisory_xact_lock(76697883658568)";
constexpr std::string_view kCheckpointFile = "audit-checkpoints.log";

std::optional<std::string> non_empty(std::string_view s) {
    if (s.empty()) return std::nullopt;
    return std::string(s);
}
std::optional<int64_t> non_zero(int64_t v) {
    if (v == 0) return std::nullopt;
    return v;
}

void append_line_durably(const std::string& dir, const std::string& path, const std::string& line) {
    std::filesystem::create_directories(dir);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + path);
    std::string data = line + "\n";
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ::close(fd);
            throw std::system_error(e, std::generic_category(), "write " + path);
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        int e = errno;
        ::close(fd);
        throw std::system_error(e, std::generic_category(), "fsync " + path);
    }
    ::close(fd);
}

// The last non-empty line of the checkpoint file; nullopt when there is no file.
std::optional<std::string> last_line(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    if (last.empty()) return std::nullopt;
    return last;
}

}  // namespace

AuditLog::AuditLog(KeyProvider& keys, std::string checkpoint_dir)
    : keys_(keys), checkpoint_dir_(std::move(checkpoint_dir)) {}

std::string AuditLog::checkpoint_file() const {
    return (std::filesystem::path(checkpoint_dir_) / kCheckpointFile).string();
}

int64_t AuditLog::append(db::Tx& tx, const auth::Caller& who, const Entry& e, int64_t now_ms) {
    if (tx.mode() != db::Mode::kWrite) throw std::logic_error("audit append needs a write transaction");
    rules::Record r;
    r.id = new_id();
    r.at_ms = now_ms;
    r.user_id = non_zero(who.user_id);
    r.username = non_empty(who.username);
    r.role = non_empty(who.primary_role());
    r.ip = non_empty(who.ip);
    r.session_id = non_zero(who.session_id);
    r.request_id = non_empty(who.request_id);
    r.action = e.action;
    r.object_kind = non_empty(e.object_kind);
    r.object_id = non_empty(e.object_id);
    r.result = e.result;
    r.before_json = non_empty(rules::redact_json(e.before_json));
    r.after_json = non_empty(rules::redact_json(e.after_json));
    r.detail = non_empty(e.detail);
    if (tx.dialect() == db::Dialect::kSqlite) {
        // One writer connection (BEGIN IMMEDIATE): max(seq)+1 cannot race.
        auto h = store::head(tx);
        const Key key = keys_.current(KeyPurpose::kAudit);
        r.seq = h ? h->seq + 1 : 1;
        r.key_id = key.id;
        r.prev_hash = h ? h->hash : rules::genesis_hash_hex();
        r.hash = rules::chain_hash(key.bytes, r, *r.prev_hash);
    }
    // PostgreSQL: unsealed (seq, key_id, hashes NULL) until seal_pending().
    store::insert(tx, r);
    return r.id;
}

int64_t AuditLog::seal_pending(db::Database& db, int64_t now_ms) {
    if (db.dialect() != db::Dialect::kPostgres) return 0;  // SQLite seals inline
    int64_t sealed = 0;
    for (;;) {
        // One short Tx per chunk. The advisory lock serialises sealers on
        // several nodes. Rows are chained in (at_ms, id) order among the rows
        // committed when the chunk is read: that approximates commit order. A
        // transaction that commits late with an older at_ms is simply chained
        // by a later run; the chain's order is seq, never at_ms, so nothing breaks.
        int64_t n = db.write([&](db::Tx& tx) {
            tx.query(kSealLockSql);
            auto h = store::head(tx);
            int64_t seq = h ? h->seq : 0;
            std::string prev = h ? h->hash : rules::genesis_hash_hex();
            const Key key = keys_.current(KeyPurpose::kAudit);
            auto rows = store::unsealed(tx, kSealChunk);
            for (auto& r : rows) {
                r.seq = ++seq;
                r.key_id = key.id;
                r.prev_hash = prev;
                r.hash = rules::chain_hash(key.bytes, r, prev);
                store::seal(tx, r);
                prev = *r.hash;
            }
            return static_cast<int64_t>(rows.size());
        });
        sealed += n;
        if (n < kSealChunk) break;
    }
    return sealed;
}

void AuditLog::checkpoint(db::Database& db, int64_t now_ms) {
    std::optional<rules::Checkpoint> written = db.write([&](db::Tx& tx) -> std::optional<rules::Checkpoint> {
        auto h = store::head(tx);
        if (!h) return std::nullopt;  // nothing to sign yet
        rules::Checkpoint c;
        c.seq = h->seq;
        c.head_hash = h->hash;
        c.at_ms = now_ms;
        c.signature = crypto::base64(
            crypto::sm2_sign(keys_.audit_sm2_private_pem(), rules::checkpoint_message(c.seq, c.head_hash)));
        c.public_key_pem = keys_.audit_sm2_public_pem();
        if (!store::insert_checkpoint(tx, c)) return std::nullopt;  // head unchanged since the last one
        return c;
    });
    // After the commit: a file line never names a head the database lost to a rollback.
    if (written) append_line_durably(checkpoint_dir_, checkpoint_file(), rules::checkpoint_file_line(*written));
}

VerifyReport AuditLog::verify(db::Database& db, int64_t now_ms) {
    VerifyReport rep;
    auto cps = db.read([&](db::Tx& tx) { return store::checkpoints(tx); });
    if (auto line = last_line(checkpoint_file())) {
        auto c = rules::parse_checkpoint_file_line(*line);
        if (!c) {
            rep.ok = false;
            rep.reason = "checkpoint file " + checkpoint_file() + ": last line is malformed";
            return rep;
        }
        cps.push_back(*c);
    }
    rules::ChainWalk walk(
        [this](const std::string& id) -> std::optional<std::string> {
            auto k = keys_.find(KeyPurpose::kAudit, id);
            if (!k) return std::nullopt;
            return k->bytes;
        },
        std::move(cps));
    // Streamed in chunks of kVerifyChunk rows, each its own short read Tx, so a
    // big log neither sits in memory nor holds a snapshot for long. Rows sealed
    // meanwhile get higher seqs and are simply walked too.
    // From the smallest int64, so a forged row with seq 0 or below is walked (and named) too.
    int64_t after = std::numeric_limits<int64_t>::min();
    bool going = true;
    while (going) {
        auto chunk = db.read([&](db::Tx& tx) { return store::sealed_after(tx, after, kVerifyChunk); });
        for (const auto& r : chunk) {
            if (!walk.feed(r)) {
                going = false;
                break;
            }
            after = *r.seq;
        }
        if (static_cast<int64_t>(chunk.size()) < kVerifyChunk) break;
    }
    auto finding = walk.finish();
    rep.records = walk.records();
    if (finding) {
        rep.ok = false;
        rep.first_bad_seq = finding->seq;
        rep.reason = finding->reason;
        return rep;
    }
    // Unsealed rows: on SQLite there must be none (rows are sealed inline, so
    // one is a forged insert); on PostgreSQL the sealer runs every second, so
    // one older than a minute means the sealer is down or a row was forged.
    const bool sqlite = db.dialect() == db::Dialect::kSqlite;
    auto u =
        db.read([&](db::Tx& tx) { return store::unsealed_before(tx, sqlite ? INT64_MAX : now_ms - kUnsealedGraceMs); });
    if (u.count > 0) {
        rep.ok = false;
        rep.reason = std::to_string(u.count) +
                     (sqlite ? " unsealed row(s) on SQLite" : " unsealed row(s) older than 60 s") + " (oldest id " +
                     std::to_string(u.oldest_id.value_or(0)) + ")";
    }
    return rep;
}

void RefusalCounter::count(const auth::Caller& who, std::string_view route, int status, std::string_view code) {
    count_at(who, route, status, code, now_ms());
}

void RefusalCounter::count_at(const auth::Caller& who, std::string_view route, int status, std::string_view code,
                              int64_t at_ms) {
    const int64_t minute = at_ms - ((at_ms % 60'000) + 60'000) % 60'000;
    std::lock_guard lock(mu_);
    Bucket& b = buckets_[Key{minute, who.user_id, std::string(route), status}];
    ++b.count;
    b.code = std::string(code);
    b.username = who.username;
    b.role = who.primary_role();
    b.ip = who.ip;
    b.session_id = who.session_id;
    b.request_id = who.request_id;
}

size_t RefusalCounter::pending() const {
    std::lock_guard lock(mu_);
    return buckets_.size();
}

int64_t RefusalCounter::flush(db::Database& db, int64_t now_ms, bool include_current_minute) {
    std::map<Key, Bucket> done;
    {
        std::lock_guard lock(mu_);
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            if (include_current_minute || std::get<0>(it->first) + 60'000 <= now_ms) {
                done.insert(buckets_.extract(it++));
            } else {
                ++it;
            }
        }
    }
    if (done.empty()) return 0;
    try {
        db.write([&](db::Tx& tx) {
            for (const auto& [key, b] : done) {
                const auto& [minute, user_id, route, status] = key;
                store::add_refusals(tx, minute, user_id, route, status, b.code, b.count);
                auth::Caller who;
                who.user_id = user_id;
                who.username = b.username;
                if (!b.role.empty()) who.roles = {b.role};
                who.ip = b.ip;
                who.session_id = b.session_id;
                who.request_id = b.request_id;
                Entry e;
                e.action = "http.refused";
                e.object_kind = "route";
                e.object_id = route;
                e.result = "denied";
                e.detail = "count=" + std::to_string(b.count) + " status=" + std::to_string(status) +
                           " code=" + b.code + " minute=" + iso_instant(minute);
                log_.append(tx, who, e, now_ms);
            }
        });
    } catch (const std::exception&) {
        // Keep the counts for the next flush rather than lose refusals.
        std::lock_guard lock(mu_);
        for (auto& [key, b] : done) {
            Bucket& into = buckets_[key];
            into.count += b.count;
            if (into.code.empty()) into = b;
        }
        throw;
    }
    return static_cast<int64_t>(done.size());
}

int run_verify_cli(db::Database& db, KeyProvider& keys, const std::string& checkpoint_dir) {
    AuditLog log(keys, checkpoint_dir);
    VerifyReport r = log.verify(db, now_ms());
    if (r.ok) {
        std::printf("audit log OK: %lld records\n", static_cast<long long>(r.records));
        return 0;
    }
    if (r.first_bad_seq)
        std::printf("audit log BROKEN at seq %lld: %s\n", static_cast<long long>(*r.first_bad_seq), r.reason.c_str());
    else
        std::printf("audit log BROKEN: %s\n", r.reason.c_str());
    return 1;
}

}  // namespace lecs::audit
