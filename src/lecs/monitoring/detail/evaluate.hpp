// What ingest and reevaluate share: the facts loaded once per run, the evaluation of one act
// (R1–R7, its share of cert.* and pub.*), R8 over the inspections of a set of parties, and the
// reconciliation of an act's warnings with its findings. Internal to the monitoring module.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/calendar/rules.hpp"
#include "lecs/db/db.hpp"
#include "lecs/monitoring/aggregate.hpp"
#include "lecs/monitoring/rules.hpp"
#include "lecs/monitoring/store.hpp"

namespace lecs::monitoring::detail {

inline constexpr uint32_t kR8Bit = 1u << (static_cast<int>(RuleCode::kR8) - 1);
inline constexpr uint32_t kAllRules = (1u << kRuleCount) - 1;
inline uint32_t rule_bit(RuleCode r) { return 1u << (static_cast<int>(r) - 1); }

struct RunFacts {
    store::OrgIndex orgs;
    std::unordered_map<std::string, rules::CertificateFacts> certs;
    store::CatalogIndex catalog;
    calendar::Calendar calendar;
};
RunFacts load_facts(db::Tx& tx, audit::AuditLog& audit);

class Evaluator {
  public:
    Evaluator(const RunFacts& facts, const rules::RuleSet& rs, Date today);
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    // R1–R7 on a.row: sets a.warn_mask's bits 0–6 (bit 7, R8, is kept), cert_slots, cert_valid and
    // pub_state; the findings go to out (cleared first).
    void evaluate(store::StoredAct& a, std::vector<Finding>& out);
    const rules::Context& context() const { return ctx_; }
    const RunFacts& facts() const { return facts_; }

  private:
    const RunFacts& facts_;
    const rules::RuleSet& rules_;
    rules::Context ctx_;
    int64_t agency_ = 0;
    rules::ActFacts act_facts_;
};

// R8 findings of every inspection of the parties in `visits` (sorted by party): key → finding.
std::map<store::Key, Finding> evaluate_r8(const std::vector<store::Inspection>& visits, const RunFacts& facts,
                                          const rules::Context& ctx);

struct ReconcileCounts {
    int64_t opened = 0, resolved = 0, kept = 0;
    std::array<int64_t, kRuleCount> firing{};  // per rule: opened or kept open (not dismissed)
};

// An act's findings, one slot per rule (nullptr: the rule does not fire).
using Fires = std::array<const Finding*, kRuleCount>;

// Writes the changes that make the act's warnings of the rules in `rules_mask` follow `fires`:
// a new finding opens a warning; an open/sent/responded one whose finding is gone is resolved; a
// resolved one whose finding came back reopens; dismissed stays dismissed; a changed finding is
// rewritten. `existing` are the act's current warnings (any rules). New warnings are appended to
// `opened` (the caller inserts them in one go, store::insert_warnings). Returns the dismissed mask
// (rules whose warning is dismissed: they do not count in warn.*).
uint32_t reconcile(db::Tx& tx, const store::Key& key, const std::string& region_code, const std::string& act_date,
                   int month, const Fires& fires, uint32_t rules_mask, const store::StoredWarning* const* existing,
                   size_t n_existing, int64_t now_ms, ReconcileCounts& counts, std::vector<store::NewWarning>& opened);

agg::ActShare share_of(const store::StoredAct& a, uint32_t dismissed_mask);

}  // namespace lecs::monitoring::detail
