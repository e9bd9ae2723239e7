// Pure rules of the audit chain (REQUIREMENTS §3): the canonical form of a
// record, the chain step, the verification walk, query validation and the
// redaction of secrets. No I/O here; store.cpp feeds the walk from the database.
//
// Chain: h_i = HMAC-SM3(K_audit[key_id_i], canonical(rec_i) || h_{i-1}),
// h_0 = 32 zero bytes; seq is gapless from 1. A checkpoint is an SM2 signature
// over "seq|hash_hex" of a chain head.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"

namespace lecs::audit::rules {

// One audit_log row. Nullable columns are optionals so that NULL and "" hash
// differently: any change of any column, NULL-ness included, breaks the chain.
struct Record {
    int64_t id = 0;
    std::optional<int64_t> seq;  // nullopt: not sealed yet (PostgreSQL)
    int64_t at_ms = 0;
    std::optional<int64_t> user_id;
    std::optional<std::string> username;
    std::optional<std::string> role;
    std::optional<std::string> ip;
    std::optional<int64_t> session_id;
    std::optional<std::string> request_id;
    std::string action;
    std::optional<std::string> object_kind;
    std::optional<std::string> object_id;
    std::string result;
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
    std::optional<std::string> detail;
    std::optional<std::string> key_id;
    std::optional<std::string> prev_hash;  // hex
    std::optional<std::string> hash;       // hex
};

struct Checkpoint {
    int64_t seq = 0;
    std::string head_hash;  // hex
    int64_t at_ms = 0;
    std::string signature;  // base64 of the DER signature
    std::string public_key_pem;
    std::string origin = "db";  // "db" | "file", for the report
};

inline constexpr size_t kHashBytes = 32;
// h_0 in hex: 64 zeros.
std::string genesis_hash_hex();

// Deterministic bytes of every hashed column (all but prev_hash and hash):
// a version tag, then per column 'N' (NULL), 'I' + 8 bytes big-endian, or
// 'S' + 4 bytes big-endian length + bytes. Length prefixes make the encoding
// unambiguous ("ab","c" ≠ "a","bc").
std::string canonical(const Record& r);

// Returns hex(HMAC-SM3(key, canonical(r) || unhex(prev_hash_hex))).
std::string chain_hash(std::string_view key, const Record& r, std::string_view prev_hash_hex);

// The message a checkpoint signs: "seq|hash_hex".
std::string checkpoint_message(int64_t seq, std::string_view head_hash_hex);

// One line of the checkpoint file: "seq head_hash at_ms signature_b64 pubkey_pem_b64".
std::string checkpoint_file_line(const Checkpoint& c);
std::optional<Checkpoint> parse_checkpoint_file_line(std::string_view line);

struct Finding {
    int64_t seq = 0;
    std::string reason;  // English
};

// Looks up an audit key's bytes by key id (rotation: old ids stay findable).
using KeyLookup = std::function<std::optional<std::string>(const std::string& key_id)>;

// The verification walk. Feed sealed records in ascending seq order (in chunks,
// so a big log is never held in memory); checkpoints (DB rows and the file's
// last line) are given up front. The first fault stops the walk:
// - seq must run 1, 2, 3 … : a skipped seq is a deleted record (the first
//   missing seq is reported); a repeated or smaller seq is an inserted one;
// - prev_hash must equal the previous record's hash, and hash must equal the
//   recomputed chain hash under the record's key id (changed or swapped
//   records fail here, at the first changed seq);
// - at a checkpoint's seq, its SM2 signature must verify with its public key
//   and the chain head must equal its head_hash;
// - a checkpoint beyond the last record means the log was truncated: its seq
//   (the missing head) is reported.
class ChainWalk {
  public:
    ChainWalk(KeyLookup keys, std::vector<Checkpoint> checkpoints);

    // Returns false once a fault was found (further records are ignored).
    bool feed(const Record& r);
    // Call after the last record.
    std::optional<Finding> finish();

    int64_t records() const { return records_; }
    int64_t last_seq() const { return last_seq_; }
    const std::string& head() const { return head_; }

  private:
    bool fail(int64_t seq, std::string reason);
    bool check_checkpoint(const Checkpoint& c);

    KeyLookup keys_;
    std::vector<Checkpoint> checkpoints_;  // sorted by seq
    size_t next_cp_ = 0;
    int64_t records_ = 0;
    int64_t last_seq_ = 0;
    std::string head_;
    std::optional<Finding> finding_;
};

// Convenience for in-memory sequences.
std::optional<Finding> verify_chain(const std::vector<Record>& records, const std::vector<Checkpoint>& checkpoints,
                                    const KeyLookup& keys);

// Never passwords, tokens or full ID numbers in the log (REQUIREMENTS §3): in a
// JSON text, values of keys that name a secret (password, token, secret, totp,
// csrf, *_enc) or an ID number (id_no, id_number, id_card) become "[redacted]",
// at any depth. Text that is not JSON is returned unchanged.
std::string redact_json(std::string_view json);

// GET /audit filters.
struct Query {
    std::optional<Date> from;  // Asia/Shanghai days, inclusive
    std::optional<Date> to;
    std::string username, action, object_kind, object_id, result;
    int64_t page = 1;
    int64_t size = 20;

    // [from 00:00, to+1 00:00) Beijing time in UTC ms.
    std::optional<int64_t> from_ms() const;
    std::optional<int64_t> to_ms_exclusive() const;
};

inline constexpr int64_t kMaxPageSize = 200;

Result<Query> parse_query(const std::vector<std::pair<std::string, std::string>>& params);

// UTC ms of 00:00 Asia/Shanghai on day d.
int64_t shanghai_day_start_ms(const Date& d);

}  // namespace lecs::audit::rules
