#include "lecs/audit/rules.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <stdexcept>

#include "lecs/base/crypto.hpp"

namespace lecs::audit::rules {
namespace {

constexpr std::string_view kCanonicalTag = "LECS-AUDIT-1";

void put_u64(std::string& out, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_int(std::string& out, int64_t v) {
    out.push_back('I');
    put_u64(out, static_cast<uint64_t>(v), 8);
}
void put_opt_int(std::string& out, const std::optional<int64_t>& v) {
    if (!v) {
        out.push_back('N');
        return;
    }
    put_int(out, *v);
}
void put_str(std::string& out, std::string_view s) {
    out.push_back('S');
    put_u64(out, s.size(), 4);
    out.append(s);
}
void put_opt_str(std::string& out, const std::optional<std::string>& s) {
    if (!s) {
        out.push_back('N');
        return;
    }
    put_str(out, *s);
}

bool is_hash_hex(std::string_view h) {
    return h.size() == 2 * kHashBytes &&
           std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string lower(std::string_view s) {
    std::string r(s);
    for (auto& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

bool is_secret_key(std::string_view key) {
    std::string k = lower(key);
    for (std::string_view w : {"password", "passwd", "token", "secret", "totp", "csrf"})
        if (k.find(w) != std::string::npos) return true;
    if (k.size() >= 4 && k.compare(k.size() - 4, 4, "_enc") == 0) return true;
    return k == "id_no" || k == "id_number" || k == "id_card" || k == "idno";
}

void redact(boost::json::value& v) {
    if (auto* o = v.if_object()) {
        for (auto& kv : *o) {
            if (is_secret_key(kv.key()))
                kv.value() = "[redacted]";
            else
                redact(kv.value());
        }
    } else if (auto* a = v.if_array()) {
        for (auto& e : *a) redact(e);
    }
}

std::optional<int64_t> parse_int(std::string_view s) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

}  // namespace

std::string genesis_hash_hex() { return std::string(2 * kHashBytes, '0'); }

std::string canonical(const Record& r) {
    std::string out;
    out.reserve(256);
    put_str(out, kCanonicalTag);
    put_int(out, r.id);
    put_opt_int(out, r.seq);
    put_int(out, r.at_ms);
    put_opt_int(out, r.user_id);
    put_opt_str(out, r.username);
    put_opt_str(out, r.role);
    put_opt_str(out, r.ip);
    put_opt_int(out, r.session_id);
    put_opt_str(out, r.request_id);
    put_str(out, r.action);
    put_opt_str(out, r.object_kind);
    put_opt_str(out, r.object_id);
    put_str(out, r.result);
    put_opt_str(out, r.before_json);
    put_opt_str(out, r.after_json);
    put_opt_str(out, r.detail);
    put_opt_str(out, r.key_id);
    return out;
}

std::string chain_hash(std::string_view key, const Record& r, std::string_view prev_hash_hex) {
    return crypto::hex(crypto::hmac_sm3(key, canonical(r) + crypto::unhex(prev_hash_hex)));
}

std::string checkpoint_message(int64_t seq, std::string_view head_hash_hex) {
    return std::to_string(seq) + "|" + std::string(head_hash_hex);
}

std::string checkpoint_file_line(const Checkpoint& c) {
    return std::to_string(c.seq) + " " + c.head_hash + " " + std::to_string(c.at_ms) + " " + c.signature + " " +
           crypto::base64(c.public_key_pem);
}

std::optional<Checkpoint> parse_checkpoint_file_line(std::string_view line) {
    std::vector<std::string_view> parts;
    size_t pos = 0;
    while (pos <= line.size()) {
        size_t sp = line.find(' ', pos);
        if (sp == std::string_view::npos) sp = line.size();
        parts.push_back(line.substr(pos, sp - pos));
        pos = sp + 1;
    }
    if (parts.size() != 5) return std::nullopt;
    auto seq = parse_int(parts[0]);
    auto at = parse_int(parts[2]);
    if (!seq || *seq < 1 || !at || !is_hash_hex(parts[1]) || parts[3].empty() || parts[4].empty()) return std::nullopt;
    Checkpoint c;
    c.seq = *seq;
    c.head_hash = std::string(parts[1]);
    c.at_ms = *at;
    c.signature = std::string(parts[3]);
    try {
        c.public_key_pem = crypto::unbase64(parts[4]);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    c.origin = "file";
    return c;
}

ChainWalk::ChainWalk(KeyLookup keys, std::vector<Checkpoint> checkpoints)
    : keys_(std::move(keys)), checkpoints_(std::move(checkpoints)), head_(genesis_hash_hex()) {
    std::stable_sort(checkpoints_.begin(), checkpoints_.end(),
                     [](const Checkpoint& a, const Checkpoint& b) { return a.seq < b.seq; });
}

bool ChainWalk::fail(int64_t seq, std::string reason) {
    finding_ = Finding{seq, std::move(reason)};
    return false;
}

bool ChainWalk::check_checkpoint(const Checkpoint& c) {
    bool sig_ok = false;
    try {
        sig_ok =
            crypto::sm2_verify(c.public_key_pem, checkpoint_message(c.seq, c.head_hash), crypto::unbase64(c.signature));
    } catch (const std::exception&) {
        // A malformed key or base64 is as bad as a wrong signature.
        sig_ok = false;
    }
    if (!sig_ok) return fail(c.seq, "checkpoint signature invalid (" + c.origin + ")");
    return true;
}

bool ChainWalk::feed(const Record& r) {
    if (finding_) return false;
    if (!r.seq) return fail(last_seq_ + 1, "unsealed record id " + std::to_string(r.id) + " in the sealed chain");
    const int64_t expected = last_seq_ + 1;
    if (*r.seq > expected) return fail(expected, "missing record (gap in seq)");
    if (*r.seq < expected) return fail(*r.seq, "duplicate or out-of-order seq");
    if (!r.prev_hash || *r.prev_hash != head_) return fail(*r.seq, "prev_hash mismatch");
    if (!r.key_id) return fail(*r.seq, "no key id");
    auto key = keys_(*r.key_id);
    if (!key) return fail(*r.seq, "unknown audit key id " + *r.key_id);
    const std::string h = chain_hash(*key, r, head_);
    if (!r.hash || !crypto::constant_time_equal(*r.hash, h)) return fail(*r.seq, "hash mismatch");
    head_ = h;
    last_seq_ = *r.seq;
    ++records_;
    while (next_cp_ < checkpoints_.size() && checkpoints_[next_cp_].seq <= last_seq_) {
        const Checkpoint& c = checkpoints_[next_cp_++];
        // Checkpoints are consumed in seq order as the walk reaches them, so
        // c.seq == last_seq_ here (smaller seqs were consumed earlier, and seq 0
        // or negative ones are never a valid head).
        if (c.seq != last_seq_) return fail(c.seq, "checkpoint names an invalid seq (" + c.origin + ")");
        if (!check_checkpoint(c)) return false;
        if (c.head_hash != head_) return fail(c.seq, "chain head differs from checkpoint (" + c.origin + ")");
    }
    return true;
}

std::optional<Finding> ChainWalk::finish() {
    if (finding_) return finding_;
    if (next_cp_ < checkpoints_.size()) {
        const Checkpoint& c = checkpoints_[next_cp_];
        if (!check_checkpoint(c)) return finding_;
        fail(c.seq, "log truncated: ends at seq " + std::to_string(last_seq_) + " but a checkpoint (" + c.origin +
                        ") names seq " + std::to_string(c.seq));
    }
    return finding_;
}

std::optional<Finding> verify_chain(const std::vector<Record>& records, const std::vector<Checkpoint>& checkpoints,
                                    const KeyLookup& keys) {
    ChainWalk walk(keys, checkpoints);
    for (const auto& r : records)
        if (!walk.feed(r)) break;
    return walk.finish();
}

std::string redact_json(std::string_view json) {
    if (json.empty()) return std::string(json);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(json, ec);
    if (ec) return std::string(json);
    redact(v);
    return boost::json::serialize(v);
}

int64_t shanghai_day_start_ms(const Date& d) {
    constexpr int64_t kDayMs = 86'400'000;
    constexpr int64_t kShanghaiOffsetMs = 8 * 3'600'000;  // UTC+8, no DST since 1991
    return d.days() * kDayMs - kShanghaiOffsetMs;
}

std::optional<int64_t> Query::from_ms() const {
    if (!from) return std::nullopt;
    return shanghai_day_start_ms(*from);
}

std::optional<int64_t> Query::to_ms_exclusive() const {
    if (!to) return std::nullopt;
    return shanghai_day_start_ms(to->plus_days(1));
}

Result<Query> parse_query(const std::vector<std::pair<std::string, std::string>>& params) {
    Query q;
    for (const auto& [name, value] : params) {
        if (name == "from" || name == "to") {
            if (value.empty()) continue;
            auto d = Date::parse(value);
            if (!d)
                return Error::validation(
                    "validation.wrong_type",
                    std::string(name == "from" ? "「开始日期」" : "「结束日期」") + "格式不正确，应为YYYY-MM-DD", name);
            (name == "from" ? q.from : q.to) = *d;
        } else if (name == "username") {
            q.username = value;
        } else if (name == "action") {
            q.action = value;
        } else if (name == "object_kind") {
            q.object_kind = value;
        } else if (name == "object_id") {
            q.object_id = value;
        } else if (name == "result") {
            if (!value.empty() && value != "ok" && value != "denied" && value != "failed")
                return Error::validation("validation.wrong_type", "「结果」只能是ok、denied或failed", "result");
            q.result = value;
        } else if (name == "page") {
            auto n = parse_int(value);
            if (!n || *n < 1 || *n > 1'000'000'000)
                return Error::validation("validation.wrong_type", "「页码」应为正整数", "page");
            q.page = *n;
        } else if (name == "size") {
            auto n = parse_int(value);
            if (!n || *n < 1 || *n > kMaxPageSize)
                return Error::validation("validation.wrong_type", "「每页条数」应为1至200的整数", "size");
            q.size = *n;
        }
    }
    if (q.from && q.to && *q.to < *q.from)
        return Error::validation("validation.date_range", "「结束日期」不能早于「开始日期」", "to");
    return q;
}

}  // namespace lecs::audit::rules
