#include "lecs/cockpit/service.hpp"

#include <cstdio>
#include <map>

#include "lecs/base/provision.hpp"
#include "lecs/base/time.hpp"
#include "lecs/coordination/dispute_table.hpp"
#include "lecs/monitoring/rules.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"
#include "lecs/reports/period.hpp"

namespace lecs::cockpit {
namespace {

std::string month_text(int yyyymm) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", yyyymm / 100, yyyymm % 100);
    return buf;
}

int add_months(int yyyymm, int n) {
    const int total = (yyyymm / 100) * 12 + (yyyymm % 100 - 1) + n;
    return (total / 12) * 100 + total % 12 + 1;
}

bool inside_scope(const auth::Caller& who, const std::string& code, const std::string& level) {
    if (who.scope.whole_city) return true;
    if (level == "city") return false;  // the whole city needs a city-wide scope
    for (const auto& prefix : who.scope.region_prefixes)
        if (!prefix.empty() && code.compare(0, prefix.size(), prefix) == 0) return true;
    return false;
}

bool in_region(const std::string& region_code, const RegionRef& r) {
    return r.whole_city() || region_code.compare(0, r.code.size(), r.code) == 0;
}

// The region filter the other modules' reads take: none for the whole city (the caller's scope is
// then the city), the code's prefix otherwise.
std::optional<std::string> region_filter(const RegionRef& r) {
    return r.whole_city() ? std::nullopt : std::optional<std::string>(r.code);
}

// The active 行政执法机关 of the region that the caller's scope covers, by region and id.
std::vector<org::Org> agencies_of(db::Tx& tx, const auth::Caller& who, const RegionRef& region) {
    std::vector<org::Org> out;
    for (auto& o : org::store::all_orgs(tx, who.scope))
        if (org::rules::is_agency_kind(o.kind) && o.status == "active" && in_region(o.region_code, region))
            out.push_back(std::move(o));
    return out;
}

std::optional<std::string> ingest_date(monitoring::MonitoringService& m, db::Tx& tx, const auth::Caller& who) {
    auto at = m.last_ingest_at(tx, who);
    if (!at) return std::nullopt;
    return shanghai_date(*at).iso();
}

std::optional<double> rate_of(const monitoring::Ratio& r) {
    if (r.denominator <= 0) return std::nullopt;
    return static_cast<double>(r.numerator) * 100.0 / static_cast<double>(r.denominator);
}

Query with(Query q, std::string key, std::string value) {
    q.emplace_back(std::move(key), std::move(value));
    return q;
}

}  // namespace

Result<RegionRef> resolve_region(db::Tx& tx, const auth::Caller& who, const std::optional<std::string>& region) {
    if (who.anonymous()) return Error::not_found("该行政区划不在您的数据权限范围内");
    const std::string code = region ? *region : who.org_region.substr(0, 6);
    auto found = code.empty() ? std::nullopt : org::store::find_current_region(tx, code);
    if (!found) return Error::not_found("行政区划不存在或不在您的数据权限范围内");
    RegionRef r{found->code, found->name, found->level};
    if (!inside_scope(who, r.code, r.level)) return Error::not_found("该行政区划不在您的数据权限范围内");
    return r;
}

Result<AnalysisView> CockpitService::analysis(db::Tx& tx, const auth::Caller& who, int year,
                                              const std::optional<std::string>& region,
                                              const analysis::Params& params) {
    if (who.anonymous() || !who.can("report.review"))
        return Error::forbidden("只有行政执法协调监督部门的人员可以进行统计分析", cite(Provision::kMeasuresArt15));
    LECS_TRY(analysis::check_params(params));
    LECS_ASSIGN(RegionRef r, resolve_region(tx, who, region));
    const auto orgs = agencies_of(tx, who, r);
    LECS_ASSIGN(auto figures, monitoring_.agency_figures(tx, who, region_filter(r), year * 100 + 1, year * 100 + 12));
    std::map<int64_t, monitoring::MonthFigures> by_agency;
    for (auto& f : figures) by_agency[f.agency_id] = f.total;
    const auto items = catalog_.in_force_counts(tx, who, Date{year, 1, 1}, Date{year, 12, 31});
    std::vector<analysis::AgencyFacts> facts;
    facts.reserve(orgs.size());
    for (const auto& o : orgs) {
        analysis::AgencyFacts a;
        a.agency_id = o.id;
        a.agency_name = o.name;
        a.region_code = o.region_code;
        if (auto it = by_agency.find(o.id); it != by_agency.end()) {
            const auto& t = it->second;
            for (int64_t n : t.acts) a.acts_total += n;
            a.penalties = t.acts[static_cast<size_t>(monitoring::ActKind::kPenalty)];
            a.inspections = t.acts[static_cast<size_t>(monitoring::ActKind::kInspection)];
            a.penalty_amount_fen = t.amount[static_cast<size_t>(monitoring::ActKind::kPenalty)];
            for (int64_t n : t.warnings) a.warnings += n;
            a.recon_concluded = t.recon.denominator;
            a.recon_corrected = t.recon.numerator;
        }
        if (auto it = items.find(o.id); it != items.end()) a.catalog_items = it->second;
        facts.push_back(std::move(a));
    }
    AnalysisView v;
    v.region = r;
    v.year = year;
    v.agencies = static_cast<int64_t>(facts.size());
    v.data_date = ingest_date(monitoring_, tx, who);
    v.result = analysis::analyse(year, facts, params);
    return v;
}

Result<Section> CockpitService::reports_section(db::Tx& tx, const auth::Caller& who, const RegionRef& region,
                                                int64_t now_ms) {
    const Date today = shanghai_date(now_ms);
    const auto source = reports::default_annual_source();
    const reports::ReportTemplate& t = source.tmpl;
    const reports::PeriodRef period{reports::PeriodKind::kYear, today.y - 1, 1};
    LECS_ASSIGN(Date due, reports::report_due_date(t, period));
    // The first submission of each agency's report (reports::ReportService::list: the caller's scope).
    std::map<int64_t, std::optional<int64_t>> submitted;
    reports::store::SubmissionFilter f;
    f.template_code = t.code;
    f.period_key = period.key();
    f.limit = 500;
    for (f.offset = 0;; f.offset += f.limit) {
        auto page = reports_.list(tx, who, f);
        for (const auto& s : page.items) submitted[s.agency_id] = s.submitted_at;
        if (static_cast<int>(page.items.size()) < f.limit) break;
    }
    int64_t expected = 0, not_yet_due = 0, on_time = 0, late = 0, missing = 0;
    for (const auto& o : agencies_of(tx, who, region)) {
        ++expected;
        auto it = submitted.find(o.id);
        const auto l = reports::lateness(due, it == submitted.end() ? std::nullopt : it->second, today);
        switch (l.state) {
            case reports::Timeliness::kNotYetDue:
                ++not_yet_due;
                break;
            case reports::Timeliness::kOnTime:
                ++on_time;
                break;
            case reports::Timeliness::kLate:
                ++late;
                break;
            case reports::Timeliness::kMissing:
                ++missing;
                break;
        }
    }
    Section s;
    s.key = "reports";
    s.title = period.label() + t.name + "报送情况";
    s.chart = "bar";
    s.definition =
        "应报机关：所选区划内、本人数据权限内的全部在用行政执法机关（" + std::to_string(expected) + "个）。报送期间" +
        period.label() + "，截止日期" + due.iso() +
        "（按北京时间判断）。按时报送：首次提交不晚于截止日期；逾期报送：截止日期后首次提交；逾期未报：截止日期已过仍未"
        "提交（草稿不计为提交）；未到期：截止日期未到且尚未提交。依据《邢台市行政执法协调监督工作办法》第十五条。";
    s.data_date = today.iso();
    const Query base{{"template", t.code}, {"period", period.key()}};
    s.drill = Drill{"/reports", base};
    s.items = {{"on_time", "按时报送", on_time, {"/reports", with(base, "timeliness", "on_time")}},
               {"late", "逾期报送", late, {"/reports", with(base, "timeliness", "late")}},
               {"missing", "逾期未报", missing, {"/reports", with(base, "timeliness", "missing")}},
               {"not_yet_due", "未到期", not_yet_due, {"/reports", with(base, "timeliness", "not_yet_due")}}};
    s.facts = {{"template", t.code},
               {"period", period.key()},
               {"period_label", period.label()},
               {"due_on", due.iso()},
               {"expected", std::to_string(expected)}};
    return s;
}

Result<Cockpit> CockpitService::cockpit(db::Tx& tx, const auth::Caller& who, const std::optional<std::string>& region,
                                        int64_t now_ms) {
    if (who.anonymous() || !who.can("cockpit.read")) return Error::forbidden();
    LECS_ASSIGN(RegionRef r, resolve_region(tx, who, region));
    const Date today = shanghai_date(now_ms);
    const int to = today.y * 100 + today.m, from = add_months(to, -11);
    const auto filter = region_filter(r);
    const Query where = filter ? Query{{"region", *filter}} : Query{};
    const Query period = {{"from", month_text(from)}, {"to", month_text(to)}};
    Query where_period = where;
    where_period.insert(where_period.end(), period.begin(), period.end());
    const auto ingested = ingest_date(monitoring_, tx, who);

    Cockpit c;
    c.region = r;
    c.data_date = today.iso();

    {
        Section s;
        s.key = "matters";
        s.title = "行政执法监督事项（按状态）";
        s.chart = "bar";
        s.definition =
            "本人数据权限内、承办部门所在区划属于所选区划的行政执法监督事项（含已办结），按统计时的状态计数。依据《邢台"
            "市行政执法协调监督工作办法》第十一条至第十四条。";
        s.data_date = today.iso();
        s.drill = Drill{"/supervision/matters", {}};
        for (auto& sc : matters_.state_counts(tx, who, filter))
            s.items.push_back(
                Item{sc.state, sc.label, sc.count, Drill{"/supervision/matters", {{"status", sc.state}}}});
        c.sections.push_back(std::move(s));
    }
    {
        coordination::store::ListFilter f;
        f.region_code = filter;
        f.today = today;
        const auto stats = disputes_.statistics(tx, who, f);
        Section s;
        s.key = "disputes";
        s.title = "行政执法职责争议（按状态）";
        s.chart = "bar";
        s.definition =
            "本人数据权限内、协调机关所在区划属于所选区划的职责争议（不含未提交的草稿），按统计时的状态计数。依据《邢台"
            "市行政执法协调监督工作办法》第六条至第八条。";
        s.data_date = today.iso();
        s.drill = Drill{"/disputes", where};
        for (const auto& [state, n] : stats.by_status) {
            if (state == coordination::dispute_state::kDraft) continue;
            s.items.push_back(Item{state, coordination::dispute_machine().label_of_state(state), n,
                                   Drill{"/disputes", with(where, "status", state)}});
        }
        s.facts = {{"open", std::to_string(stats.open)}, {"overdue", std::to_string(stats.overdue)}};
        c.sections.push_back(std::move(s));
    }
    {
        LECS_ASSIGN(auto sum, monitoring_.summary(tx, who, filter, from, to));
        std::map<std::string, int64_t> by_rule;
        for (const auto& cell : sum.by_rule_region) by_rule[cell.rule] += cell.count;
        Section s;
        s.key = "warnings";
        s.title = "执法数据预警（按规则，近12个月）";
        s.chart = "bar";
        s.definition = "所选区划内执法机关" + month_text(from) + "至" + month_text(to) +
                       "的执法行为（按行为日期归月）触发各监测规则、且未被排除的预警数，取自监测汇总表；数据日期为最近"
                       "一次执法数据入库的日期。";
        s.data_date = ingested;
        s.drill = Drill{"/monitoring/warnings", where_period};
        for (const auto& info : monitoring::rules::all_rules()) {
            const std::string code(monitoring::to_string(info.code));
            auto it = by_rule.find(code);
            s.items.push_back(Item{code, code + " " + std::string(info.name), it == by_rule.end() ? 0 : it->second,
                                   Drill{"/monitoring/warnings", with(where_period, "rule", code)}});
        }
        c.sections.push_back(std::move(s));
    }
    {
        LECS_ASSIGN(Section s, reports_section(tx, who, r, now_ms));
        c.sections.push_back(std::move(s));
    }
    {
        monitoring::IndicatorQuery q;
        q.region = filter;
        q.from = from;
        q.to = to;
        LECS_ASSIGN(auto ind, monitoring_.indicators(tx, who, q));
        Section rates;
        rates.key = "rates";
        rates.title = "月度比率趋势（近12个月）";
        rates.chart = "line";
        rates.definition =
            "复议纠错率＝被纠错（撤销、变更、确认违法或无效、责令履行）的行政复议案件数÷审结数；诉讼败诉率＝败诉的行政"
            "诉讼案件数÷审结数（案件按审结日期归月）；公示及时率＝按期公示的行政处罚决定数÷应公示数；持证率＝执法行为中"
            "持有效执法证件的执法人员人次÷执法人员人次（按行为日期归月）。当月无分母的不计算。取自监测汇总表；数据日期"
            "为最近一次执法数据入库的日期。";
        rates.data_date = ingested;
        rates.drill = Drill{"/monitoring", where_period};
        Section acts;
        acts.key = "acts";
        acts.title = "执法行为数（月度，近12个月）";
        acts.chart = "line";
        acts.definition =
            "所选区划内执法机关各月的执法行为数（按行为日期归月），合计含全部执法行为类别，另列行政处罚和行政检查；取自"
            "监测汇总表；数据日期为最近一次执法数据入库的日期。";
        acts.data_date = ingested;
        acts.drill = Drill{"/monitoring", where_period};
        Series recon{"reconsideration_correction_rate", "复议纠错率", "%", {}, {}, {}};
        Series lit{"litigation_loss_rate", "诉讼败诉率", "%", {}, {}, {}};
        Series pub{"publication_on_time_rate", "公示及时率", "%", {}, {}, {}};
        Series cert{"certification_rate", "持证率", "%", {}, {}, {}};
        Series total{"acts", "执法行为", "件", {}, {}, {}};
        Series penalty{"acts.penalty", "行政处罚", "件", {}, {}, {}};
        Series inspection{"acts.inspection", "行政检查", "件", {}, {}, {}};
        for (const auto& m : ind.series) {
            const std::string label = month_text(m.month);
            rates.months.push_back(label);
            acts.months.push_back(label);
            for (auto [series, ratio] : {std::pair{&recon, &m.recon}, std::pair{&lit, &m.lit},
                                         std::pair{&pub, &m.publication}, std::pair{&cert, &m.certification}}) {
                series->data.push_back(rate_of(*ratio));
                series->numerators.push_back(ratio->numerator);
                series->denominators.push_back(ratio->denominator);
            }
            int64_t n = 0;
            for (int64_t k : m.acts) n += k;
            total.data.push_back(static_cast<double>(n));
            penalty.data.push_back(static_cast<double>(m.acts[static_cast<size_t>(monitoring::ActKind::kPenalty)]));
            inspection.data.push_back(
                static_cast<double>(m.acts[static_cast<size_t>(monitoring::ActKind::kInspection)]));
        }
        rates.series = {std::move(recon), std::move(lit), std::move(pub), std::move(cert)};
        acts.series = {std::move(total), std::move(penalty), std::move(inspection)};
        c.sections.push_back(std::move(rates));
        c.sections.push_back(std::move(acts));
    }
    return c;
}

}  // namespace lecs::cockpit
