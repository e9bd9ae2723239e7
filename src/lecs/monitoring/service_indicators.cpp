// MonitoringService: the summary and the indicators (REQUIREMENTS §15; issue 6 step 6). Both read the
// aggregate tables kept at ingest (monitoring_agg per agency × month, monitoring_agg_region per
// region × level × month), never monitoring_acts: their cost does not grow with the acts.
#include <map>

#include "lecs/db/values.hpp"
#include "lecs/monitoring/service.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"

namespace lecs::monitoring {

namespace {

// yyyymm + n months.
int add_months(int yyyymm, int n) {
    const int total = (yyyymm / 100) * 12 + (yyyymm % 100 - 1) + n;
    return (total / 12) * 100 + total % 12 + 1;
}

// Adds one aggregate row to a month's figures (metric names: aggregate.hpp).
void add_metric(MonthFigures& f, const std::string& metric, int64_t v) {
    auto dot = metric.find('.');
    if (dot == std::string::npos) return;
    const std::string head = metric.substr(0, dot), tail = metric.substr(dot + 1);
    if (head == "acts" || head == "amount") {
        auto k = act_kind_from_string(tail);
        if (!k) return;
        (head == "acts" ? f.acts : f.amount)[static_cast<size_t>(*k)] += v;
    } else if (head == "warn") {
        auto r = rule_from_string(tail);
        if (r) f.warnings[static_cast<size_t>(*r) - 1] += v;
    } else if (metric == "pub.due") {
        f.publication.denominator += v;
    } else if (metric == "pub.on_time") {
        f.publication.numerator += v;
    } else if (metric == "cert.slots") {
        f.certification.denominator += v;
    } else if (metric == "cert.valid") {
        f.certification.numerator += v;
    } else if (metric == "recon.concluded") {
        f.recon.denominator += v;
    } else if (metric == "recon.corrected") {
        f.recon.numerator += v;
    } else if (metric == "lit.concluded") {
        f.lit.denominator += v;
    } else if (metric == "lit.lost") {
        f.lit.numerator += v;
    }
}

void add_figures(MonthFigures& into, const MonthFigures& f) {
    for (int i = 0; i < kActKindCount; ++i) {
        into.acts[i] += f.acts[i];
        into.amount[i] += f.amount[i];
    }
    for (int i = 0; i < kRuleCount; ++i) into.warnings[i] += f.warnings[i];
    for (auto [a, b] :
         {std::pair{&into.recon, &f.recon}, std::pair{&into.lit, &f.lit}, std::pair{&into.publication, &f.publication},
          std::pair{&into.certification, &f.certification}}) {
        a->numerator += b->numerator;
        a->denominator += b->denominator;
    }
}

}  // namespace

Result<std::string> MonitoringService::region_clause(const auth::Caller& who, const std::optional<std::string>& region,
                                                     const std::string& column, db::Params& p) {
    auto arg = [&](db::Value v) { return db::bind(p, std::move(v)); };
    if (!region) {
        if (who.scope.whole_city) return std::string("1 = 1");
        std::string s;
        for (const auto& prefix : who.scope.region_prefixes)
            if (!prefix.empty())
                s += std::string(s.empty() ? "" : " OR ") + "substr(" + column + ", 1, " +
                     std::to_string(prefix.size()) + ") = " + arg(prefix);
        return s.empty() ? std::string("1 = 0") : "(" + s + ")";
    }
    // The city's code stands for the whole city (its own agencies and every county's).
    if (org::rules::region_level(*region) == std::optional<std::string>("city")) {
        if (!who.scope.whole_city) return Error::not_found("该行政区划不在您的数据权限范围内");
        return std::string("1 = 1");
    }
    bool inside = who.scope.whole_city;
    for (const auto& prefix : who.scope.region_prefixes)
        if (!prefix.empty() && region->compare(0, prefix.size(), prefix) == 0) inside = true;
    if (!inside) return Error::not_found("该行政区划不在您的数据权限范围内");
    return "substr(" + column + ", 1, " + std::to_string(region->size()) + ") = " + arg(*region);
}

Result<Summary> MonitoringService::summary(db::Tx& tx, const auth::Caller& who,
                                           const std::optional<std::string>& region, int from, int to) {
    if (who.anonymous() || !who.can("monitoring.read")) return Error::forbidden();
    db::Params p;
    LECS_ASSIGN(std::string where, region_clause(who, region, "region_code", p));
    p.push_back(int64_t{from});
    p.push_back(int64_t{to});
    const std::string months =
        " AND month >= $" + std::to_string(p.size() - 1) + " AND month <= $" + std::to_string(p.size());
    std::map<std::pair<std::string, std::string>, int64_t> cells;
    std::map<int, std::array<int64_t, kRuleCount>> by_month;
    for (const auto& r : tx.query("SELECT region_code, month, metric, SUM(value) FROM monitoring_agg_region WHERE " +
                                      where + months + " AND metric LIKE 'warn.%' GROUP BY region_code, month, metric",
                                  p)) {
        auto rule = rule_from_string(r.str(2).substr(5));
        if (!rule) continue;
        const int64_t v = r.i64(3);
        // By county: a township's figures count for its county.
        cells[{r.str(0).substr(0, 6), std::string(to_string(*rule))}] += v;
        by_month[static_cast<int>(r.i64(1))][static_cast<size_t>(*rule) - 1] += v;
    }
    Summary s;
    for (const auto& [key, v] : cells)
        if (v != 0) s.by_rule_region.push_back(Summary::Cell{key.first, key.second, v});
    for (int m = from; m <= to; m = add_months(m, 1)) {
        auto it = by_month.find(m);
        s.by_month.emplace_back(m, it == by_month.end() ? std::array<int64_t, kRuleCount>{} : it->second);
    }
    return s;
}

Result<Indicators> MonitoringService::indicators(db::Tx& tx, const auth::Caller& who, const IndicatorQuery& q) {
    if (who.anonymous() || !who.can("monitoring.read")) return Error::forbidden();
    db::Params p;
    std::string sql;
    if (q.agency_id) {
        auto agency = org::store::find_org(tx, *q.agency_id);
        if (!agency || !who.scope.covers(agency->region_code, agency->id)) return Error::not_found();
        if (q.region && agency->region_code.compare(0, q.region->size(), *q.region) != 0 &&
            org::rules::region_level(*q.region) != std::optional<std::string>("city"))
            return Error::validation("monitoring.agency_outside_region", "所选执法机关不在所选行政区划内", "agency");
        p.push_back(*q.agency_id);
        sql = "SELECT month, metric, SUM(value) FROM monitoring_agg WHERE agency_id = $1";
    } else {
        LECS_ASSIGN(std::string where, region_clause(who, q.region, "region_code", p));
        sql = "SELECT month, metric, SUM(value) FROM monitoring_agg_region WHERE " + where;
    }
    p.push_back(int64_t{q.from});
    p.push_back(int64_t{q.to});
    sql += " AND month >= $" + std::to_string(p.size() - 1) + " AND month <= $" + std::to_string(p.size()) +
           " GROUP BY month, metric";
    std::map<int, MonthFigures> months;
    for (const auto& r : tx.query(sql, p)) {
        const int m = static_cast<int>(r.i64(0));
        auto& f = months[m];
        f.month = m;
        add_metric(f, r.str(1), r.i64(2));
    }
    Indicators out;
    out.query = q;
    for (int m = q.from; m <= q.to; m = add_months(m, 1)) {
        auto it = months.find(m);
        MonthFigures f = it == months.end() ? MonthFigures{} : it->second;
        f.month = m;
        add_figures(out.total, f);
        out.series.push_back(f);
    }
    return out;
}

Result<std::vector<AgencyFigures>> MonitoringService::agency_figures(db::Tx& tx, const auth::Caller& who,
                                                                     const std::optional<std::string>& region, int from,
                                                                     int to) {
    if (who.anonymous() || !who.can("monitoring.read")) return Error::forbidden();
    db::Params p;
    LECS_ASSIGN(std::string where, region_clause(who, region, "o.region_code", p));
    p.push_back(int64_t{from});
    p.push_back(int64_t{to});
    const std::string sql =
        "SELECT a.agency_id, o.region_code, a.metric, SUM(a.value) FROM monitoring_agg a JOIN organizations o ON "
        "o.id = a.agency_id WHERE " +
        where + " AND a.month >= $" + std::to_string(p.size() - 1) + " AND a.month <= $" + std::to_string(p.size()) +
        " GROUP BY a.agency_id, o.region_code, a.metric ORDER BY a.agency_id";
    std::map<int64_t, AgencyFigures> by_agency;
    for (const auto& r : tx.query(sql, p)) {
        const int64_t agency = r.i64(0);
        // region_clause filters by region prefix; an agency user's scope (its own organisation) is
        // checked here as well, so the scope is the whole rule, not only its regions.
        if (!who.scope.covers(r.str(1), agency)) continue;
        auto& f = by_agency[agency];
        f.agency_id = agency;
        add_metric(f.total, r.str(2), r.i64(3));
    }
    std::vector<AgencyFigures> out;
    out.reserve(by_agency.size());
    for (auto& [id, f] : by_agency) out.push_back(std::move(f));
    return out;
}

std::optional<int64_t> MonitoringService::last_ingest_at(db::Tx& tx, const auth::Caller& who) {
    if (who.anonymous() || !who.can("monitoring.read")) return std::nullopt;
    auto r = tx.query_one("SELECT MAX(at_ms) FROM monitoring_batches");
    if (!r || r->is_null(0)) return std::nullopt;
    return r->i64(0);
}

}  // namespace lecs::monitoring
