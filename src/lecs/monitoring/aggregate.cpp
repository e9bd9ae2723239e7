#include "lecs/monitoring/aggregate.hpp"

#include <stdexcept>
#include <string>

namespace lecs::monitoring::agg {
namespace {

const std::array<std::string, kMetricCount>& names() {
    static const std::array<std::string, kMetricCount> n = [] {
        std::array<std::string, kMetricCount> a;
        for (int k = 0; k < kActKindCount; ++k) {
            const auto kind = std::string(to_string(static_cast<ActKind>(k)));
            a[kActsFirst + k] = "acts." + kind;
            a[kAmountFirst + k] = "amount." + kind;
        }
        for (int r = 1; r <= kRuleCount; ++r) a[kWarnFirst + r - 1] = "warn." + std::string(to_string(RuleCode(r)));
        a[kPubDue] = "pub.due";
        a[kPubOnTime] = "pub.on_time";
        a[kCertSlots] = "cert.slots";
        a[kCertValid] = "cert.valid";
        a[kReconConcluded] = "recon.concluded";
        a[kReconCorrected] = "recon.corrected";
        a[kLitConcluded] = "lit.concluded";
        a[kLitLost] = "lit.lost";
        return a;
    }();
    return n;
}

}  // namespace

std::string_view metric_name(int metric) {
    if (metric < 0 || metric >= kMetricCount) throw std::out_of_range("monitoring: metric index");
    return names()[metric];
}

int case_month(const CaseRow& c) { return month_of(c.concluded_on ? *c.concluded_on : c.received_on); }

CaseShare case_share(int64_t agency_id, const CaseRow& c, const rules::RuleSet& rs) {
    CaseShare s;
    s.agency_id = agency_id;
    s.month = case_month(c);
    s.kind = c.kind;
    // legal-facts §5.1/§5.2: the rates' sets are configuration; a pending case (no conclusion or
    // no outcome) and an excluded outcome (调解, 撤诉 …) are outside the denominator.
    const rules::RateDefinition& def = c.kind == CaseKind::kReconsideration ? rs.reconsideration : rs.litigation;
    if (c.concluded_on && !c.outcome.empty() && def.excluded.count(c.outcome) == 0) {
        s.concluded = true;
        s.numerator = def.numerator.count(c.outcome) > 0;
    }
    return s;
}

int pub_state_of(const ActRow& a, const rules::RuleSet& rs, const calendar::Calendar& cal, Date today) {
    if (!a.publish_required || !a.decided_on) return kPubNotDue;
    // 国办发〔2018〕118号: 许可 and 处罚 decisions within 7 working days, others within 20.
    const bool fast = a.kind == ActKind::kPenalty || a.kind == ActKind::kLicense;
    const Date deadline =
        cal.add_working_days(*a.decided_on, fast ? rs.r5_fast_working_days : rs.r5_other_working_days).date;
    if (a.published_on) return *a.published_on <= deadline ? kPubOnTimeState : kPubLate;
    return today > deadline ? kPubLate : kPubNotDue;
}

void Deltas::add_act(const ActShare& s, int sign) {
    add(s.agency_id, s.month, acts_metric(s.kind), sign);
    add(s.agency_id, s.month, amount_metric(s.kind), sign * s.amount_fen);
    add(s.agency_id, s.month, kCertSlots, sign * s.cert_slots);
    add(s.agency_id, s.month, kCertValid, sign * s.cert_valid);
    if (s.pub_state != kPubNotDue) add(s.agency_id, s.month, kPubDue, sign);
    if (s.pub_state == kPubOnTimeState) add(s.agency_id, s.month, kPubOnTime, sign);
    for (int r = 0; r < kRuleCount; ++r)
        if (s.warn_counted & (1u << r)) add(s.agency_id, s.month, kWarnFirst + r, sign);
}

void Deltas::add_case(const CaseShare& s, int sign) {
    if (!s.concluded) return;
    const bool recon = s.kind == CaseKind::kReconsideration;
    add(s.agency_id, s.month, recon ? kReconConcluded : kLitConcluded, sign);
    if (s.numerator) add(s.agency_id, s.month, recon ? kReconCorrected : kLitLost, sign);
}

void apply_warning_change(db::Tx& tx, int64_t agency_id, int month, RuleCode rule, int64_t delta) {
    if (delta == 0) return;
    const auto org = tx.query_one("SELECT region_code, level FROM organizations WHERE id = $1", {agency_id});
    if (!org) throw db::DbError("monitoring: warning of an unknown agency " + std::to_string(agency_id));
    const std::string metric(metric_name(warn_metric(rule)));
    tx.exec(
        "INSERT INTO monitoring_agg (agency_id, month, metric, value) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (agency_id, month, metric) DO UPDATE SET value = monitoring_agg.value + excluded.value",
        {agency_id, int64_t{month}, metric, delta});
    tx.exec(
        "INSERT INTO monitoring_agg_region (region_code, level, month, metric, value) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (region_code, level, month, metric) DO UPDATE SET value = monitoring_agg_region.value + "
        "excluded.value",
        {org->str(0), org->str(1), int64_t{month}, metric, delta});
}

}  // namespace lecs::monitoring::agg
