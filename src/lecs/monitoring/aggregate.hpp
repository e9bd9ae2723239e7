// The indicators kept at ingest (issue 6 step 6; REQUIREMENTS §15): metric names and the share of
// one act or one case in them, so that an update subtracts the old share and adds the new one.
// Shares are accumulated per batch in memory (Deltas) and written at the end of the batch, in the
// batch's transaction, into monitoring_agg (agency × month) and monitoring_agg_region (the
// agency's region × level × month) by store::apply_deltas. Pure, except apply_warning_change.
//
// Metrics, per (agency, yyyymm of the act date; for cases, of concluded_on else received_on):
// - acts.<kind>, amount.<kind> (分)                  every act, by model.hpp ActKind
// - warn.R1 … warn.R8                               acts on which the rule fires and whose warning is
//                                                   not dismissed
// - pub.due, pub.on_time                            publish_required decisions whose publication
//                                                   deadline has passed or which are published; of
//                                                   those, published by the deadline (R5's limits)
// - cert.slots, cert.valid                          officers named on acts; of those, holding an
//                                                   enforcement certificate valid on the act date
//                                                   (持证率 = cert.valid / cert.slots)
// - recon.concluded, recon.corrected                复议纠错率 = corrected / concluded
// - lit.concluded, lit.lost                         诉讼败诉率 = lost / concluded
//   (concluded = an outcome outside RateDefinition::excluded; the numerator = in ::numerator)
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <tuple>

#include "lecs/db/db.hpp"
#include "lecs/monitoring/model.hpp"
#include "lecs/monitoring/rules.hpp"

namespace lecs::monitoring::agg {

enum Metric : int {
    kActsFirst = 0,                             // acts.<kind>: kActsFirst + ActKind
    kAmountFirst = kActsFirst + kActKindCount,  // amount.<kind>
    kWarnFirst = kAmountFirst + kActKindCount,  // warn.R1 … : kWarnFirst + rule - 1
    kPubDue = kWarnFirst + kRuleCount,
    kPubOnTime,
    kCertSlots,
    kCertValid,
    kReconConcluded,
    kReconCorrected,
    kLitConcluded,
    kLitLost,
    kMetricCount
};

std::string_view metric_name(int metric);  // "acts.penalty", "warn.R2", "cert.valid", …
inline int acts_metric(ActKind k) { return kActsFirst + static_cast<int>(k); }
inline int amount_metric(ActKind k) { return kAmountFirst + static_cast<int>(k); }
inline int warn_metric(RuleCode r) { return kWarnFirst + static_cast<int>(r) - 1; }

// pub_state of an act (stored in monitoring_acts.pub_state).
enum PubState : int { kPubNotDue = 0, kPubLate = 1, kPubOnTimeState = 2 };

// The share of one act, as stored on its row (monitoring_acts).
struct ActShare {
    int64_t agency_id = 0;
    int month = 0;
    ActKind kind = ActKind::kOther;
    int64_t amount_fen = 0;
    int cert_slots = 0;
    int cert_valid = 0;
    int pub_state = kPubNotDue;
    uint32_t warn_counted = 0;  // bit n-1: warn.Rn counts this act (fires and not dismissed)
};

// The share of one case.
struct CaseShare {
    int64_t agency_id = 0;
    int month = 0;
    CaseKind kind = CaseKind::kReconsideration;
    bool concluded = false;
    bool numerator = false;  // 纠错 / 败诉
};
CaseShare case_share(int64_t agency_id, const CaseRow& c, const rules::RuleSet& rs);
int case_month(const CaseRow& c);

// Publication of a decision (R5's limits): whether it is due (published, or the deadline passed by
// today) and on time. Working days from the official calendar.
int pub_state_of(const ActRow& a, const rules::RuleSet& rs, const calendar::Calendar& cal, Date today);

// Deltas of one batch: (agency, month, metric) → change.
class Deltas {
  public:
    void add(int64_t agency_id, int month, int metric, int64_t delta) {
        if (delta != 0) values_[{agency_id, month, metric}] += delta;
    }
    void add_act(const ActShare& s, int sign);
    void add_case(const CaseShare& s, int sign);
    void clear() { values_.clear(); }
    bool empty() const { return values_.empty(); }
    // Sorted by key: the upserts run in index order.
    const std::map<std::tuple<int64_t, int, int>, int64_t>& values() const { return values_; }

  private:
    std::map<std::tuple<int64_t, int, int>, int64_t> values_;
};

// For the warnings service (dismiss of a warning whose rule fires, or its undoing): warn.<rule> of
// the act's agency and month changes by delta, in the caller's transaction.
void apply_warning_change(db::Tx& tx, int64_t agency_id, int month, RuleCode rule, int64_t delta);

}  // namespace lecs::monitoring::agg
