// The SQL of monitoring's ingest side: acts, cases, R8's inspections, warnings, aggregates and
// batches (migrations/0018_monitoring.*.sql), plus the facts the rules read (organisations,
// certificates with their status history, the catalog). Every function runs in the caller's Tx.
//
// Contract:
// - Lookups take a whole batch of keys in one query (find_acts, find_cases, warnings_of,
//   inspections_of): no per-row query on the ingest path.
// - write_acts() writes rows sorted by (agency_id, ext_key) (the clustered key, ARCHITECTURE
//   "Big-table design"): on SQLite one cached statement per row, bound by position; on PostgreSQL
//   new rows by one COPY into the table, changed rows by one COPY into a temporary staging table
//   and one INSERT … SELECT … ON CONFLICT (agency_id, ext_key) DO UPDATE.
// - apply_deltas() upserts value = value + delta into monitoring_agg and, rolled up by the
//   agency's region_code and level, into monitoring_agg_region.
// - acts_after() / inspections_after() page in key order (keyset), for reevaluate's bounded memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lecs/db/db.hpp"
#include "lecs/monitoring/aggregate.hpp"
#include "lecs/monitoring/model.hpp"
#include "lecs/monitoring/rules.hpp"

namespace lecs::monitoring::store {

using Key = std::pair<int64_t, int64_t>;  // (agency_id, ext_key)

// ---- facts, loaded once per run ----

struct OrgFacts {
    int64_t id = 0;
    std::string uscc;
    std::string region_code;
    std::string level;  // city | county | township
    std::string name;
};
struct OrgIndex {
    std::unordered_map<std::string, OrgFacts> by_uscc;
    std::unordered_map<int64_t, OrgFacts> by_id;
    const OrgFacts* find_uscc(std::string_view uscc) const;
    const OrgFacts* find_id(int64_t id) const;
};
OrgIndex load_orgs(db::Tx& tx);

// Certificates by number, with suspension / reinstatement / revocation from certificate_events.
std::unordered_map<std::string, rules::CertificateFacts> load_certificate_facts(db::Tx& tx);

// Active catalog items by (agency_id, item_code), every effective period.
struct CatalogKey {
    int64_t agency_id = 0;
    std::string item_code;
    bool operator==(const CatalogKey&) const = default;
};
struct CatalogKeyHash {
    size_t operator()(const CatalogKey& k) const noexcept;
};
using CatalogIndex = std::unordered_map<CatalogKey, std::vector<rules::CatalogFacts>, CatalogKeyHash>;
CatalogIndex load_catalog_facts(db::Tx& tx);

// ---- acts ----

struct StoredAct {
    int64_t agency_id = 0;
    int64_t ext_key = 0;
    ActRow row;  // agency_uscc and entrusted_uscc are not stored (agency_id, entrusted_id are)
    Date act_date;
    int month = 0;
    std::string region_code;
    int64_t entrusted_id = 0;  // 0 = none
    uint32_t warn_mask = 0;    // bit n-1: Rn fires
    int cert_slots = 0, cert_valid = 0, pub_state = 0;
    int64_t batch_id = 0;
    int64_t updated_at = 0;

    Key key() const { return {agency_id, ext_key}; }
};

// The stored rows of these keys (any order in, key order out; missing keys are absent).
std::vector<StoredAct> find_acts(db::Tx& tx, const std::vector<Key>& keys);
// What R8's reconciliation needs of an act (reevaluate's party pass, ingest's neighbours of a
// party): five columns, without decoding the whole row.
struct ActMark {
    int64_t agency_id = 0;
    int64_t ext_key = 0;
    std::string act_date;
    int month = 0;
    uint32_t warn_mask = 0;
    Key key() const { return {agency_id, ext_key}; }
};
std::vector<ActMark> find_marks(db::Tx& tx, const std::vector<Key>& keys);
// Up to limit rows after `after` (exclusive), in key order.
std::vector<StoredAct> acts_after(db::Tx& tx, std::optional<Key> after, int limit);
// Serialises the transactions that write acts (ingest batches, re-evaluation): a transaction-level
// advisory lock on PostgreSQL, where two batches could otherwise look up, then both insert, the same
// key, or miss each other's inspections in R8; a no-op on SQLite, whose writes are serial already.
inline constexpr int64_t kActsLockKey = 0x4c454353'0006;  // "LECS", issue 6
void lock_acts(db::Tx& tx);
// Rows sorted by key. `fresh` are keys that find_acts did not return in this transaction (after
// lock_acts): inserted; `changed` exist: every column overwritten.
void write_acts(db::Tx& tx, const std::vector<const StoredAct*>& fresh, const std::vector<const StoredAct*>& changed);
// Re-evaluation results of one act (warn_mask, cert_*, pub_state).
void update_evaluation(db::Tx& tx, const StoredAct& a);
void set_warn_mask(db::Tx& tx, const Key& k, uint32_t warn_mask);

// ---- R8: inspections by party ----

struct Inspection {
    int64_t party_hash = 0;
    Date act_date;
    int64_t agency_id = 0;
    int64_t ext_key = 0;
};
// Whole batches: one statement on PostgreSQL (json_to_recordset), a cached one per row on SQLite.
void insert_inspections(db::Tx& tx, const std::vector<Inspection>& rows);
void delete_inspections(db::Tx& tx, const std::vector<Inspection>& rows);
// Every inspection of these parties, ordered by (party_hash, act_date, agency_id, ext_key).
std::vector<Inspection> inspections_of(db::Tx& tx, const std::vector<int64_t>& party_hashes);
// Up to about limit rows after party `after` (exclusive), whole parties only, in key order.
std::vector<Inspection> inspections_after(db::Tx& tx, std::optional<int64_t> after_party, int limit);

// ---- warnings ----

struct StoredWarning {
    int64_t id = 0;
    int64_t agency_id = 0;
    int64_t ext_key = 0;
    RuleCode rule = RuleCode::kR1;
    std::string severity;
    std::string state;  // open | sent | responded | dismissed | matter | resolved
    std::string summary;
    std::string evidence;
    std::string act_date;
    int month = 0;
    int64_t version = 1;
};
// The warnings of these acts (rule filter optional), ordered by (agency_id, ext_key, rule).
std::vector<StoredWarning> warnings_of(db::Tx& tx, const std::vector<Key>& keys, std::optional<RuleCode> rule = {});
// The warnings of the acts with keys in (from, to] (from exclusive, absent = from the start).
std::vector<StoredWarning> warnings_between(db::Tx& tx, std::optional<Key> from, const Key& to);

struct NewWarning {
    int64_t id = 0;
    int64_t agency_id = 0, ext_key = 0;
    RuleCode rule = RuleCode::kR1;
    const Finding* finding = nullptr;
    std::string region_code;
    std::string act_date;
    int month = 0;
};
void insert_warnings(db::Tx& tx, const std::vector<NewWarning>& rows, int64_t now_ms);
// The finding changed (severity, summary, evidence, act date): rewrite it, keeping the state;
// reopen = a resolved warning whose condition came back becomes open again.
void refresh_warning(db::Tx& tx, int64_t id, const Finding& f, const std::string& act_date, int month, bool reopen,
                     int64_t now_ms);
void resolve_warning(db::Tx& tx, int64_t id, int64_t now_ms);

// ---- cases ----

struct StoredCase {
    int64_t agency_id = 0;
    int64_t ext_key = 0;
    CaseRow row;
    int month = 0;
    int64_t batch_id = 0;
    Key key() const { return {agency_id, ext_key}; }
};
std::vector<StoredCase> find_cases(db::Tx& tx, const std::vector<Key>& keys);
std::vector<StoredCase> cases_after(db::Tx& tx, std::optional<Key> after, int limit);
void upsert_case(db::Tx& tx, const StoredCase& c, int64_t now_ms);

// ---- batches, aggregates ----

struct BatchRow {
    int64_t id = 0;
    std::string source, what;
    int64_t first_line = 0, last_line = 0;
    int64_t accepted = 0, updated = 0, rejected = 0;
    int64_t at_ms = 0;
    int64_t by_user = 0;
};
void insert_batch(db::Tx& tx, const BatchRow& b);

void apply_deltas(db::Tx& tx, const agg::Deltas& d, const OrgIndex& orgs);
// The current agency-level values of these metrics (reevaluate's case pass), (agency, month, metric).
std::vector<std::tuple<int64_t, int, int, int64_t>> agg_values(db::Tx& tx, const std::vector<int>& metrics);

// Helpers shared with the tests.
std::string officers_json(const std::vector<std::string>& officers);

}  // namespace lecs::monitoring::store
