// ReportService's reads across submissions (service.hpp): the data figures behind a report, the
// compliance of a period, the reminders, and the roll-up.
#include <algorithm>
#include <stdexcept>

#include "lecs/auth/service.hpp"
#include "lecs/auth/store.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/org/domains.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"
#include "lecs/reports/service.hpp"
#include "lecs/reports/state_rules.hpp"

namespace lecs::reports {
namespace ss = submission_state;

namespace {

std::string basis() { return cite(Provision::kMeasuresArt15); }

int yyyymm(Date d) { return d.y * 100 + d.m; }

bool filed(std::string_view state) { return state != ss::kDraft; }

// Whether the caller's scope reaches the whole of `region` (a region filter of a roll-up).
bool scope_reaches(const auth::DataScope& scope, const std::string& region) {
    if (scope.whole_city) return true;
    return std::any_of(scope.region_prefixes.begin(), scope.region_prefixes.end(),
                       [&](const std::string& p) { return !p.empty() && region.starts_with(p); });
}

// The prefix a region code covers: "1305" for the city, the 6 digits for a county, 9 for a township.
std::string region_prefix(const std::string& code) {
    auto level = region_level(code);
    if (level == RegionLevel::kCity) return code.substr(0, 4);
    return code.substr(0, level == RegionLevel::kTownship ? 9 : 6);
}

Result<std::optional<std::string>> checked_region(const auth::Caller& who, const std::optional<std::string>& region) {
    if (!region) return std::optional<std::string>{};
    if (!region_level(*region))
        return Error::validation("validation.wrong_type", "「行政区划」格式不正确", "region", basis());
    if (!scope_reaches(who.scope, region_prefix(*region))) return Error::not_found();
    return std::optional<std::string>{region_prefix(*region)};
}

}  // namespace

Result<Values> ReportService::computed_figures(db::Tx& tx, const ReportTemplate& t, int64_t agency_id,
                                               const PeriodRef& period, bool* has_data) const {
    const int first = yyyymm(period.first_day()), last = yyyymm(period.last_day());
    auto metrics = store::sum_metrics(tx, agency_id, first, last);
    *has_data = !metrics.empty();
    if (metrics.empty()) return Values{};
    LECS_ASSIGN(Prefill p, prefill_from_metrics(t, metrics));
    if (t.penalty_counting) {
        // A combined penalty counts once, under its heaviest type (the template's severity order).
        auto groups = store::penalty_type_counts(tx, agency_id, first, last);
        LECS_ASSIGN(PenaltyTally tally, tally_penalties(groups, *t.penalty_counting));
        for (auto& [code, n] : tally.values) p.values[code] = n;
    }
    return std::move(p.values);
}

Result<DataFigures> ReportService::data_figures(db::Tx& tx, const ReportSubmission& s) const {
    LECS_ASSIGN(ReportTemplate t, bound_template(tx, s));
    auto period = parse_period(s.period_key);
    if (!period) throw std::logic_error("report_submissions.period_key is not a period: " + s.period_key);
    DataFigures out;
    LECS_ASSIGN(out.computed, computed_figures(tx, t, s.agency_id, *period, &out.has_data));
    return out;
}

std::vector<const TemplateSource*> ReportService::offered() const {
    std::vector<const TemplateSource*> out;
    for (const auto& t : templates_)
        if (current(t.tmpl.code) == &t) out.push_back(&t);
    return out;
}

Result<std::pair<const TemplateSource*, PeriodRef>> ReportService::template_and_period(
    const std::string& template_code, const std::string& period_key) const {
    const TemplateSource* src = current(template_code);
    if (!src)
        return Error::validation("report.template_unknown", "统计报表模板“" + template_code + "”不存在", "template",
                                 basis());
    auto period = parse_period(period_key);
    if (!period || period->kind != src->tmpl.period)
        return Error::validation("report.period",
                                 "报送期间“" + period_key + "”不是" + std::string(period_kind_label(src->tmpl.period)) +
                                     "的期间（年报如2026）",
                                 "period", basis());
    return std::pair{src, *period};
}

Result<Compliance> ReportService::compliance(db::Tx& tx, const auth::Caller& who, const std::string& template_code,
                                             const std::string& period_key, const std::optional<std::string>& region,
                                             int64_t now_ms) {
    if (who.anonymous()) return Error::not_found();
    LECS_ASSIGN(auto prefix, checked_region(who, region));
    return compliance_in(tx, who.scope, template_code, period_key, prefix, now_ms);
}

Result<Compliance> ReportService::compliance_in(db::Tx& tx, const auth::DataScope& scope,
                                                const std::string& template_code, const std::string& period_key,
                                                const std::optional<std::string>& prefix, int64_t now_ms) {
    LECS_ASSIGN(auto tp, template_and_period(template_code, period_key));
    Compliance out;
    out.tmpl = &tp.first->tmpl;
    out.period = tp.second;
    LECS_ASSIGN(out.due, report_due_date(tp.first->tmpl, tp.second));
    const Date today = shanghai_date(now_ms);
    std::map<int64_t, ReportSubmission> by_agency;
    store::SubmissionFilter f;
    f.template_code = template_code;
    f.period_key = tp.second.key();
    f.limit = 100000;
    for (auto& s : store::list_submissions(tx, scope, f).first) by_agency.emplace(s.agency_id, std::move(s));
    for (auto& o : org::store::all_orgs(tx, scope)) {
        if (!org::rules::is_agency_kind(o.kind) || o.status != "active") continue;
        if (prefix && !o.region_code.starts_with(*prefix)) continue;
        ComplianceItem item;
        item.agency_id = o.id;
        item.agency_name = o.name;
        item.region_code = o.region_code;
        std::optional<int64_t> submitted;
        if (auto it = by_agency.find(o.id); it != by_agency.end()) {
            if (filed(it->second.state)) submitted = it->second.submitted_at;
            item.submission = std::move(it->second);
        }
        item.lateness = lateness(out.due, submitted, today);
        ++out.expected;
        switch (item.lateness.state) {
            case Timeliness::kNotYetDue:
                ++out.not_yet_due;
                break;
            case Timeliness::kOnTime:
                ++out.on_time;
                break;
            case Timeliness::kLate:
                ++out.late;
                break;
            case Timeliness::kMissing:
                ++out.missing;
                break;
        }
        out.items.push_back(std::move(item));
    }
    std::sort(out.items.begin(), out.items.end(), [](const ComplianceItem& a, const ComplianceItem& b) {
        return std::tie(a.region_code, a.agency_name, a.agency_id) <
               std::tie(b.region_code, b.agency_name, b.agency_id);
    });
    return out;
}

Result<int> ReportService::remind(db::Tx& tx, const auth::Caller& who, const std::string& template_code,
                                  const std::string& period_key, int64_t now_ms) {
    LECS_ASSIGN(Compliance c, compliance(tx, who, template_code, period_key, std::nullopt, now_ms));
    const Date today = shanghai_date(now_ms);
    if (today.days() + kRemindDays < c.due.days())
        return Error::conflict(
            "report.remind_too_early",
            "报送截止日为" + c.due.iso() + "，截止前" + std::to_string(kRemindDays) + "日内或逾期后才催报", "period",
            basis());
    const int reminded = remind_owing(tx, c, now_ms);
    audit_.append(tx, who,
                  {.action = "report.remind",
                   .object_kind = "report_period",
                   .object_id = c.tmpl->code + ":" + c.period.key(),
                   .detail = "reminded=" + std::to_string(reminded)},
                  now_ms);
    return reminded;
}

int ReportService::remind_due(db::Tx& tx, int64_t now_ms) {
    const auth::Caller system = auth::AuthService::system_caller();
    const Date today = shanghai_date(now_ms);
    int total = 0;
    for (const auto* source : offered()) {
        for (const auto& period : periods_to_remind(source->tmpl, today, kRemindDays, kAutoRemindDaysAfter)) {
            auto c = compliance_in(tx, system.scope, source->tmpl.code, period.key(), std::nullopt, now_ms);
            if (!c.ok()) throw std::runtime_error("reports: automatic reminder: " + c.error().message);
            const int reminded = remind_owing(tx, *c, now_ms);
            if (reminded == 0) continue;
            audit_.append(tx, system,
                          {.action = "report.remind",
                           .object_kind = "report_period",
                           .object_id = c->tmpl->code + ":" + c->period.key(),
                           .detail = "reminded=" + std::to_string(reminded) + " automatic"},
                          now_ms);
            total += reminded;
        }
    }
    return total;
}

int ReportService::remind_owing(db::Tx& tx, const Compliance& c, int64_t now_ms) {
    const std::string action = "submit:" + c.tmpl->code + ":" + c.period.key();
    int reminded = 0;
    for (const auto& item : c.items) {
        if (item.submission && filed(item.submission->state)) continue;
        if (workflow_.has_open_todo(tx, "report_due", item.agency_id, action)) continue;
        workflow::TodoInput todo;
        todo.role = "agency_liaison";
        todo.org_id = item.agency_id;
        todo.region_code = item.region_code;
        todo.object_kind = "report_due";
        todo.object_id = item.agency_id;
        todo.action = action;
        todo.title =
            "请报送" + c.period.label() + c.tmpl->name + "（截止" + c.due.iso() +
            (item.lateness.state == Timeliness::kMissing ? "，已逾期" + std::to_string(item.lateness.days_late) + "日"
                                                         : "") +
            "）";
        workflow_.add_todo(tx, todo, now_ms);
        // And a message in each liaison's inbox, so that the reminder is seen where it arrives.
        for (int64_t user : auth::store::active_user_ids_with_role(tx, item.agency_id, todo.role))
            workflow_.notify(tx, user, "report.remind", "催报：" + todo.title,
                             item.agency_name + "尚未报送" + c.period.label() + c.tmpl->name + "，报送截止日为" +
                                 c.due.chinese() +
                                 "。请在“统计报表”中填报并报送（《邢台市行政执法协调监督工作办法》第十五条）。",
                             "report_due", item.agency_id, now_ms);
        ++reminded;
    }
    return reminded;
}

Result<std::vector<ReportSubmission>> ReportService::published(db::Tx& tx, const std::string& template_code,
                                                               const std::string& period_key) const {
    LECS_ASSIGN(auto tp, template_and_period(template_code, period_key));
    if (!tp.first->tmpl.publishable) return Error::not_found();
    auth::DataScope everyone;
    everyone.whole_city = true;
    return store::submissions_of(tx, everyone, template_code, tp.second.key(), {std::string(ss::kAccepted)},
                                 std::nullopt);
}

Result<Aggregate> ReportService::aggregate(db::Tx& tx, const auth::Caller& who, const AggregateQuery& q) {
    if (who.anonymous()) return Error::not_found();
    LECS_ASSIGN(auto tp, template_and_period(q.template_code, q.period_key));
    LECS_ASSIGN(auto prefix, checked_region(who, q.region));
    if (q.domain && !q.domain->empty() && !org::find_domain(*q.domain))
        return Error::validation("validation.wrong_type", "「执法领域」不在目录中", "domain", basis());
    Aggregate out;
    out.tmpl = &tp.first->tmpl;
    out.period = tp.second;
    out.previous = tp.second.year_before();
    out.level = q.level;
    out.include = q.include;
    out.region = q.region;
    out.domain = q.domain;
    std::vector<std::string> states{std::string(ss::kAccepted)};
    if (q.include == AggregateInclude::kSubmitted) {
        states.emplace_back(ss::kSubmitted);
        states.emplace_back(ss::kResubmitted);
    }
    std::vector<DomainFigures> by_domain;  // the current period's
    auto figures = [&](const PeriodRef& p, AggregateRow& total,
                       std::vector<DomainFigures>* domains) -> Result<std::vector<RegionFigures>> {
        auto subs = store::submissions_of(tx, who.scope, q.template_code, p.key(), states, prefix);
        std::vector<int64_t> ids;
        for (const auto& s : subs) ids.push_back(s.agency_id);
        auto domain_of = org::store::domains_of(tx, ids);
        std::vector<RegionFigures> entries;
        for (auto& s : subs) {
            if (q.domain && domain_of[s.agency_id] != *q.domain) continue;
            ++total.reports;
            for (const auto& [code, v] : s.values) {
                int64_t& t = total.values[code];
                if (__builtin_add_overflow(t, v, &t))
                    return Error::validation("reports.overflow", "汇总数值超出范围", code, basis());
            }
            if (domains) domains->push_back(DomainFigures{domain_of[s.agency_id], s.values});
            entries.push_back(RegionFigures{s.region_code, std::move(s.values)});
        }
        return entries;
    };
    LECS_ASSIGN(auto current_entries, figures(out.period, out.total, &by_domain));
    LECS_ASSIGN(auto previous_entries, figures(out.previous, out.previous_total, nullptr));
    LECS_ASSIGN(auto rolled, roll_up(current_entries, q.level));
    LECS_ASSIGN(out.domains, roll_up_by_domain(by_domain));
    std::map<std::string, int64_t> counts;
    for (const auto& e : current_entries)
        if (auto r = region_at(e.region, q.level)) ++counts[*r];
    for (auto& [code, values] : rolled) {
        auto reg = org::store::find_current_region(tx, code);
        out.rows.push_back(AggregateRow{code, reg ? reg->name : code, counts[code], std::move(values)});
    }
    out.total.region_code = q.region.value_or("");
    out.year_on_year = year_on_year(*out.tmpl, out.total.values, out.previous_total.values);
    return out;
}

}  // namespace lecs::reports
