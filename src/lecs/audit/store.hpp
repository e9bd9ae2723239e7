// SQL of the audit module (audit_log, audit_checkpoint, audit_refusal_agg).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/audit/rules.hpp"
#include "lecs/db/db.hpp"

namespace lecs::audit::store {

struct Head {
    int64_t seq = 0;
    std::string hash;  // hex
};

// The sealed head (max seq), nullopt for an empty chain.
std::optional<Head> head(db::Tx& tx);
void insert(db::Tx& tx, const rules::Record& r);
// Unsealed rows in sealing order (at_ms, id).
std::vector<rules::Record> unsealed(db::Tx& tx, int64_t limit);
void seal(db::Tx& tx, const rules::Record& r);  // sets seq, key_id, prev_hash, hash of r.id
// Sealed rows with seq > after_seq, ascending, at most limit.
std::vector<rules::Record> sealed_after(db::Tx& tx, int64_t after_seq, int64_t limit);

struct Unsealed {
    int64_t count = 0;
    std::optional<int64_t> oldest_id;
    std::optional<int64_t> oldest_at_ms;
};
// Unsealed rows with at_ms < before_ms.
Unsealed unsealed_before(db::Tx& tx, int64_t before_ms);

std::vector<rules::Checkpoint> checkpoints(db::Tx& tx);
// Returns false when a checkpoint of that seq exists already.
bool insert_checkpoint(db::Tx& tx, const rules::Checkpoint& c);

int64_t count(db::Tx& tx, const rules::Query& q);
// Newest first.
std::vector<rules::Record> list(db::Tx& tx, const rules::Query& q);

void add_refusals(db::Tx& tx, int64_t minute, int64_t user_id, const std::string& route, int status,
                  const std::string& code, int64_t count);

}  // namespace lecs::audit::store
