#include "lecs/reports/service.hpp"

#include <boost/json.hpp>
#include <set>
#include <stdexcept>

#include "lecs/base/embedded.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/org/model.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"
#include "lecs/reports/state_rules.hpp"

namespace lecs::reports {
namespace json = boost::json;
namespace ss = submission_state;
namespace se = submission_event;

namespace {

std::string basis() { return cite(Provision::kMeasuresArt15); }

size_t utf8_chars(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The stored figures as cells, in 分, for the template's validation.
Submission cells_of(const ReportTemplate& t, const Values& values) {
    Submission s{t.code, t.version, {}};
    for (const auto& [code, v] : values) s.cells[code] = std::to_string(v);
    return s;
}

// What a draft cannot hold: a cell that is no number, too large, or of no field. The rest (sums,
// signs, blanks) is judged when the report is submitted; the draft keeps it meanwhile.
bool storable(const CellFailure& f) {
    return f.rule != "cell.not_number" && f.rule != "cell.overflow" && f.rule != "cell.unknown_field" &&
           f.rule != "report.template_mismatch";
}

std::string submission_json(const ReportSubmission& s) {
    json::object values;
    for (const auto& [code, v] : s.values) values[code] = v;
    json::object o{{"id", id_to_string(s.id)},
                   {"template", s.template_code},
                   {"template_version", s.template_version},
                   {"agency_id", id_to_string(s.agency_id)},
                   {"period", s.period_key},
                   {"state", s.state},
                   {"version", s.version},
                   {"values", std::move(values)}};
    return json::serialize(o);
}

// The audit detail of a return (English, codes only): the reasons themselves stay in report_returns.
std::string return_detail(int round, const std::vector<ReturnReason>& reasons) {
    std::string fields;
    for (const auto& r : reasons) fields += (fields.empty() ? "" : ",") + r.field_code;
    return "round=" + std::to_string(round) + " fields=" + fields;
}

// What the state table's guards read, resolved from the caller's organisation.
SubmissionFacts facts_for(db::Tx& tx, const auth::Caller& who, const ReportSubmission& s) {
    SubmissionFacts f;
    f.agency_id = s.agency_id;
    f.agency_region = s.region_code;
    auto own = who.org_id > 0 ? org::store::find_org(tx, who.org_id) : std::nullopt;
    f.caller_is_department = own && own->status == "active" &&
                             (own->kind == org::kind::kSupervisionDept || own->kind == org::kind::kSupervisionRoom);
    return f;
}

}  // namespace

TemplateSource default_annual_source() {
    auto text = embedded::find("data/report-templates/annual-v1.json");
    if (!text) throw std::logic_error("data/report-templates/annual-v1.json is not embedded");
    return TemplateSource{default_annual_template(), std::string(*text)};
}

ReportService::ReportService(audit::AuditLog& audit, workflow::WorkflowService& workflow,
                             std::vector<TemplateSource> templates)
    : audit_(audit), workflow_(workflow), templates_(std::move(templates)) {
    std::set<std::pair<std::string, int>> seen;
    for (const auto& t : templates_)
        if (!seen.insert({t.tmpl.code, t.tmpl.version}).second)
            throw std::logic_error("report template " + t.tmpl.code + " v" + std::to_string(t.tmpl.version) +
                                   " is given twice");
}

const TemplateSource* ReportService::current(const std::string& code) const {
    const TemplateSource* best = nullptr;
    for (const auto& t : templates_)
        if (t.tmpl.code == code && (!best || t.tmpl.version > best->tmpl.version)) best = &t;
    return best;
}

Result<ReportTemplate> ReportService::bound_template(db::Tx& tx, const ReportSubmission& s) const {
    for (const auto& t : templates_)
        if (t.tmpl.code == s.template_code && t.tmpl.version == s.template_version) return t.tmpl;
    // A version the service no longer offers: the submission stays bound to it (REQUIREMENTS §9).
    auto stored = store::template_json(tx, s.template_code, s.template_version);
    if (!stored) throw std::logic_error("report template " + s.template_code + " is missing from report_templates");
    return parse_template(*stored);
}

Result<ReportSubmission> ReportService::load(db::Tx& tx, const auth::Caller& who, int64_t id) const {
    auto s = id > 0 ? store::find_submission(tx, id) : std::nullopt;
    if (!s || who.anonymous() || !who.scope.covers(s->region_code, s->agency_id)) return Error::not_found();
    return std::move(*s);
}

Result<SubmissionView> ReportService::view(db::Tx& tx, ReportSubmission s, int64_t now_ms) const {
    LECS_ASSIGN(ReportTemplate t, bound_template(tx, s));
    SubmissionView v;
    v.failures = validate_submission(t, cells_of(t, s.values), AmountUnit::kFen).failures;
    v.returns = store::returns_of(tx, s.id);
    v.lateness = lateness(s.due_on, s.submitted_at, shanghai_date(now_ms));
    v.prefilled = !s.prefill.empty();
    if (s.state != ss::kDraft) {
        LECS_ASSIGN(DataFigures data, data_figures(tx, s));
        if (data.has_data) v.differences = reconcile(t, s.values, data.computed);
    }
    v.submission = std::move(s);
    return v;
}

Result<SubmissionView> ReportService::commit(db::Tx& tx, const auth::Caller& who, const ReportSubmission& before,
                                             ReportSubmission after, const std::string& action,
                                             const std::string& detail, int64_t now_ms) {
    after.updated_at = now_ms;
    if (store::update_submission(tx, after, before.version) == 0) return Error::stale_version();
    after.version = before.version + 1;
    audit_.append(tx, who,
                  {.action = action,
                   .object_kind = "report_submission",
                   .object_id = id_to_string(after.id),
                   .before_json = submission_json(before),
                   .after_json = submission_json(after),
                   .detail = detail},
                  now_ms);
    return view(tx, std::move(after), now_ms);
}

Result<SubmissionView> ReportService::open_draft(db::Tx& tx, const auth::Caller& who, int64_t agency_id,
                                                 const std::string& template_code, const std::string& period_key,
                                                 int64_t now_ms) {
    auto agency = agency_id > 0 ? org::store::find_org(tx, agency_id) : std::nullopt;
    if (!agency || who.anonymous() || !who.scope.covers(agency->region_code, agency->id)) return Error::not_found();
    const TemplateSource* src = current(template_code);
    if (!src)
        return Error::validation("report.template_unknown", "统计报表模板“" + template_code + "”不存在",
                                 "template_code", basis());
    auto period = parse_period(period_key);
    if (!period)
        return Error::validation("report.period",
                                 "报送期间“" + period_key + "”格式不正确，应为2026、2026-H1、2026-Q1或2026-03",
                                 "period", basis());
    LECS_ASSIGN(Date due, report_due_date(src->tmpl, *period));
    if (auto existing = store::find_submission(tx, agency_id, template_code, period->key()))
        return view(tx, std::move(*existing), now_ms);

    // Opening a draft is its first save: the agency's own liaison, nobody else (Art 15).
    ReportSubmission s;
    s.agency_id = agency_id;
    s.region_code = agency->region_code;
    s.state = std::string(ss::kDraft);
    LECS_TRY(fire_submission(ss::kDraft, se::kSave, who, facts_for(tx, who, s)));
    if (!org::rules::is_agency_kind(agency->kind) || agency->status != "active")
        return Error::validation("report.not_an_agency", "只有行政执法机关报送行政执法统计报表", "agency_id", basis());

    store::insert_template(tx, src->tmpl.code, src->tmpl.version, src->tmpl.name,
                           std::string(to_string(src->tmpl.period)), src->json, now_ms, who.user_id);
    if (store::template_json(tx, src->tmpl.code, src->tmpl.version) != src->json)
        return Error::conflict("report.template_changed",
                               "统计报表模板“" + src->tmpl.name + "”第" + std::to_string(src->tmpl.version) +
                                   "版已发布且内容不同；修改模板须发布新版本",
                               "template_code", basis());

    // REQUIREMENTS §9 and §15: one entry, no re-typing — start from what monitoring holds.
    bool has_data = false;
    LECS_ASSIGN(Values computed, computed_figures(tx, src->tmpl, agency_id, *period, &has_data));
    if (has_data) {
        s.prefill = computed;
        s.values = std::move(computed);
    }
    s.id = new_id();
    s.template_code = src->tmpl.code;
    s.template_version = src->tmpl.version;
    s.period_key = period->key();
    s.due_on = due;
    s.created_at = s.updated_at = now_ms;
    s.created_by = who.user_id;
    store::insert_submission(tx, s);
    audit_.append(tx, who,
                  {.action = "report.create",
                   .object_kind = "report_submission",
                   .object_id = id_to_string(s.id),
                   .after_json = submission_json(s),
                   .detail = has_data ? "prefilled" : "no monitoring data"},
                  now_ms);
    LECS_ASSIGN(SubmissionView v, view(tx, std::move(s), now_ms));
    v.created = true;
    return v;
}

Result<SubmissionView> ReportService::get(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms) {
    LECS_ASSIGN(ReportSubmission s, load(tx, who, id));
    return view(tx, std::move(s), now_ms);
}

SubmissionPage ReportService::list(db::Tx& tx, const auth::Caller& who, const store::SubmissionFilter& f) {
    if (who.anonymous()) return {};
    auto [items, total] = store::list_submissions(tx, who.scope, f);
    return SubmissionPage{std::move(items), total};
}

Result<SubmissionView> ReportService::save(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                           const std::map<std::string, std::string, std::less<>>& cells,
                                           AmountUnit unit, int64_t now_ms,
                                           const std::optional<TemplateRef>& declared) {
    LECS_ASSIGN(ReportSubmission s, load(tx, who, id));
    LECS_ASSIGN(std::string next, fire_submission(s.state, se::kSave, who, facts_for(tx, who, s)));
    if (s.version != version) return Error::stale_version();
    LECS_ASSIGN(ReportTemplate t, bound_template(tx, s));
    Submission in{declared ? declared->code : t.code, declared ? declared->version : t.version, {}};
    for (const auto& [code, text] : cells) in.cells.emplace(code, text);
    auto checked = validate_submission(t, in, unit);
    for (const auto& f : checked.failures)
        if (!storable(f)) return f.to_error();
    ReportSubmission after = s;
    after.state = next;
    after.values = std::move(checked.values);
    return commit(tx, who, s, std::move(after), "report.save", "", now_ms);
}

Result<SubmissionView> ReportService::file(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                           std::string_view event, int64_t now_ms) {
    LECS_ASSIGN(ReportSubmission s, load(tx, who, id));
    LECS_ASSIGN(ReportTemplate t, bound_template(tx, s));
    auto facts = facts_for(tx, who, s);
    auto checked = validate_submission(t, cells_of(t, s.values), AmountUnit::kFen);
    if (!checked.ok()) {
        facts.invalid_field = checked.failures.front().field_code;
        facts.invalid_message = checked.failures.front().message;
        if (checked.failures.size() > 1)
            facts.invalid_message += "（另有" + std::to_string(checked.failures.size() - 1) + "处）";
    }
    LECS_ASSIGN(std::string next, fire_submission(s.state, event, who, facts));
    if (s.version != version) return Error::stale_version();
    ReportSubmission after = s;
    after.state = next;
    if (!after.submitted_at) after.submitted_at = now_ms;
    after.last_submitted_at = now_ms;
    // The reminder to file (remind()) and the return's to-do are done once the report is (re)filed.
    workflow_.complete_todos(tx, "report_due", s.agency_id, "submit:" + s.template_code + ":" + s.period_key, now_ms);
    workflow_.complete_todos(tx, "report_submission", s.id, std::string(se::kResubmit), now_ms);
    return commit(tx, who, s, std::move(after), "report." + std::string(event), "", now_ms);
}

Result<SubmissionView> ReportService::submit(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                             int64_t now_ms) {
    return file(tx, who, id, version, se::kSubmit, now_ms);
}

Result<SubmissionView> ReportService::resubmit(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                               int64_t now_ms) {
    return file(tx, who, id, version, se::kResubmit, now_ms);
}

Result<SubmissionView> ReportService::return_report(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                                    const std::vector<ReturnReason>& reasons, int64_t now_ms) {
    LECS_ASSIGN(ReportSubmission s, load(tx, who, id));
    auto facts = facts_for(tx, who, s);
    facts.return_reasons = static_cast<int>(reasons.size());
    LECS_ASSIGN(std::string next, fire_submission(s.state, se::kReturn, who, facts));
    if (s.version != version) return Error::stale_version();
    LECS_ASSIGN(ReportTemplate t, bound_template(tx, s));
    std::set<std::string> seen;
    for (size_t i = 0; i < reasons.size(); ++i) {
        const auto& r = reasons[i];
        const std::string at = "reasons[" + std::to_string(i) + "]";
        if (!t.find(r.field_code).field)
            return Error::validation("report.return_field", "退回理由所指的栏目“" + r.field_code + "”不在本报表模板中",
                                     at + ".field_code", basis());
        if (!seen.insert(r.field_code).second)
            return Error::validation("report.return_field_repeated",
                                     "栏目“" + r.field_code + "”的退回理由重复，每个栏目写一条", at + ".field_code",
                                     basis());
        if (blank(r.reason) || utf8_chars(r.reason) > kMaxReturnReasonChars)
            return Error::validation("report.return_reason", "退回理由不能为空，且不超过500字", at + ".reason",
                                     basis());
    }
    const int round = store::last_return_round(tx, s.id) + 1;
    store::insert_returns(tx, s.id, round, reasons, now_ms, who.user_id);
    ReportSubmission after = s;
    after.state = next;
    // The agency's liaisons find the returned report on their to-do list.
    workflow::TodoInput todo;
    todo.role = "agency_liaison";
    todo.org_id = s.agency_id;
    todo.region_code = s.region_code;
    todo.object_kind = "report_submission";
    todo.object_id = s.id;
    todo.action = std::string(se::kResubmit);
    todo.title = "统计报表被退回，请按退回理由修改后重新报送（" + s.period_key + "）";
    workflow_.add_todo(tx, todo, now_ms);
    return commit(tx, who, s, std::move(after), "report.return", return_detail(round, reasons), now_ms);
}

Result<SubmissionView> ReportService::accept(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version,
                                             int64_t now_ms) {
    LECS_ASSIGN(ReportSubmission s, load(tx, who, id));
    LECS_ASSIGN(std::string next, fire_submission(s.state, se::kAccept, who, facts_for(tx, who, s)));
    if (s.version != version) return Error::stale_version();
    ReportSubmission after = s;
    after.state = next;
    after.accepted_at = now_ms;
    after.accepted_by = who.user_id;
    return commit(tx, who, s, std::move(after), "report.accept", "", now_ms);
}

}  // namespace lecs::reports
