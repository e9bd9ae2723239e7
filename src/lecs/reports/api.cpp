#include "lecs/reports/api.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <cmath>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/base/time.hpp"
#include "lecs/files/rules.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/org/domains.hpp"
#include "lecs/org/store.hpp"
#include "lecs/reports/state_rules.hpp"
#include "lecs/xlsx/xlsx.hpp"

namespace lecs::reports {
namespace {

namespace json = boost::json;
namespace ss = submission_state;
using http::Response;
using http::ScopeRule;

constexpr int kMaxPageSize = 200;
constexpr size_t kMaxCodeChars = 64;
constexpr size_t kMaxCellChars = 40;

Response ok_json(const json::value& v, int status = 200) { return Response::json(status, json::serialize(v)); }

http::RouteSpec spec(std::string perm, ScopeRule scope, std::string summary) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    s.summary = std::move(summary);
    return s;
}

std::string basis() { return cite(Provision::kMeasuresArt15); }

Error wrong_type(const std::string& field, std::string_view label) {
    return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确", field, basis());
}

json::value opt_instant(const std::optional<int64_t>& v) {
    return v ? json::value(iso_instant(*v)) : json::value(nullptr);
}

std::string month_text(Date d) {
    std::string s = d.iso();
    return s.substr(0, 7);
}

// A short code of letters, digits, '-' and '_' (template codes, period keys, states).
Result<std::optional<std::string>> code_param(const http::Request& req, std::string_view name, std::string_view label) {
    auto v = req.query_param(name);
    if (!v || v->empty()) return std::optional<std::string>{};
    if (v->size() > kMaxCodeChars) return wrong_type(std::string(name), label);
    for (char c : *v)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return wrong_type(std::string(name), label);
    return std::optional<std::string>{*v};
}

Result<std::string> required_code_param(const http::Request& req, std::string_view name, std::string_view label) {
    LECS_ASSIGN(auto v, code_param(req, name, label));
    if (!v)
        return Error::validation("validation.required", "「" + std::string(label) + "」不能为空", std::string(name),
                                 basis());
    return *v;
}

// A 6-digit county/city or 9-digit township code.
Result<std::optional<std::string>> region_param(const http::Request& req) {
    auto v = req.query_param("region");
    if (!v || v->empty()) return std::optional<std::string>{};
    if (!region_level(*v)) return wrong_type("region", "行政区划");
    return std::optional<std::string>{*v};
}

// ---- JSON shapes ----------------------------------------------------------------------------

json::object template_json(const ReportTemplate& t) {
    json::array tables;
    for (const auto& tb : t.tables) {
        json::array fields;
        for (const auto& f : tb.fields) {
            json::array from;
            for (const auto& m : f.from) from.push_back(json::value(m));
            fields.push_back(json::object{{"code", f.code},
                                          {"name", f.name},
                                          {"kind", std::string(to_string(f.kind))},
                                          {"required", f.required},
                                          {"prefill_from", std::move(from)}});
        }
        tables.push_back(json::object{{"code", tb.code}, {"name", tb.name}, {"fields", std::move(fields)}});
    }
    auto field_name = [&](const std::string& code) {
        auto ref = t.find(code);
        return ref.field ? ref.field->name : code;
    };
    json::array rules;
    for (const auto& r : t.rules) {
        std::string text;
        switch (r.kind) {
            case RuleKind::kSum: {
                text = field_name(r.target) + " = ";
                for (size_t i = 0; i < r.addends.size(); ++i) text += (i ? " + " : "") + field_name(r.addends[i]);
                break;
            }
            case RuleKind::kCompare: {
                const char* op = r.op == CompareOp::kEq ? " = " : r.op == CompareOp::kLe ? " ≤ " : " ≥ ";
                text = field_name(r.left) + op + field_name(r.right);
                break;
            }
            case RuleKind::kNonNegative:
                text = r.fields.empty() ? "各栏目不得为负数" : "所列栏目不得为负数";
                break;
        }
        json::array fields;
        for (const auto& f : r.fields) fields.push_back(json::value(f));
        rules.push_back(json::object{{"kind", r.kind == RuleKind::kSum       ? "sum"
                                              : r.kind == RuleKind::kCompare ? "compare"
                                                                             : "non_negative"},
                                     {"label", std::string(rule_kind_label(r.kind))},
                                     {"text", text},
                                     {"target", r.target},
                                     {"fields", std::move(fields)}});
    }
    json::array ratios;
    for (const auto& r : t.ratios)
        ratios.push_back(json::object{
            {"code", r.code}, {"name", r.name}, {"numerator", r.numerator}, {"denominator", r.denominator}});
    json::array order;
    if (t.penalty_counting)
        for (auto type : t.penalty_counting->order) {
            auto f = t.penalty_counting->fields.find(type);
            order.push_back(json::object{{"type", std::string(to_string(type))},
                                         {"label", std::string(penalty_type_label(type))},
                                         {"field_code", f == t.penalty_counting->fields.end() ? "" : f->second}});
        }
    json::object due;
    if (t.due.day > 0)
        due = json::object{{"months_after_end", t.due.months_after_end}, {"day", t.due.day}};
    else
        due = json::object{{"days_after_end", t.due.days_after_end}};
    return json::object{{"code", t.code},
                        {"version", t.version},
                        {"name", t.name},
                        {"period", std::string(to_string(t.period))},
                        {"period_label", std::string(period_kind_label(t.period))},
                        {"due_rule", std::move(due)},
                        {"due_basis", t.due_basis},
                        {"publishable", t.publishable},
                        {"tables", std::move(tables)},
                        {"rules", std::move(rules)},
                        {"ratios", std::move(ratios)},
                        {"penalty_order", std::move(order)}};
}

json::object values_json(const Values& v) {
    json::object o;
    for (const auto& [code, n] : v) o[code] = n;
    return o;
}

std::string agency_name(db::Tx& tx, int64_t id) {
    auto o = org::store::find_org(tx, id);
    return o ? o->name : std::string();
}

json::object item_json(db::Tx& tx, const ReportSubmission& s, const std::string& template_name, int64_t now_ms) {
    auto period = parse_period(s.period_key);
    const Lateness late = lateness(s.due_on, s.submitted_at, shanghai_date(now_ms));
    return json::object{{"id", id_to_string(s.id)},
                        {"template", s.template_code},
                        {"template_version", s.template_version},
                        {"template_name", template_name},
                        {"agency_id", id_to_string(s.agency_id)},
                        {"agency_name", agency_name(tx, s.agency_id)},
                        {"region_code", s.region_code},
                        {"period", s.period_key},
                        {"period_label", period ? period->label() : s.period_key},
                        {"state", s.state},
                        {"state_label", std::string(state_label(s.state))},
                        {"due_on", s.due_on.iso()},
                        {"submitted_at", opt_instant(s.submitted_at)},
                        {"last_submitted_at", opt_instant(s.last_submitted_at)},
                        {"accepted_at", opt_instant(s.accepted_at)},
                        {"timeliness", std::string(timeliness_word(late.state))},
                        {"timeliness_label", std::string(timeliness_label(late.state))},
                        {"days_late", late.days_late},
                        {"version", s.version}};
}

// What the caller may do now, for the buttons; the service's state table has the last word.
json::array actions_of(const auth::Caller& who, const ReportSubmission& s) {
    json::array out;
    if (who.can("report.fill") && who.org_id == s.agency_id) {
        if (s.state == ss::kDraft || s.state == ss::kReturned) out.push_back("save");
        if (s.state == ss::kDraft) out.push_back("submit");
        if (s.state == ss::kReturned) out.push_back("resubmit");
    }
    if (who.can("report.review") && (s.state == ss::kSubmitted || s.state == ss::kResubmitted)) {
        auto receiving = receiving_regions(s.region_code);
        if (std::find(receiving.begin(), receiving.end(), who.org_region) != receiving.end()) {
            out.push_back("return");
            out.push_back("accept");
        }
    }
    return out;
}

json::object view_json(db::Tx& tx, const auth::Caller& who, const ReportService& svc, const SubmissionView& v,
                       int64_t now_ms) {
    const ReportSubmission& s = v.submission;
    auto t = svc.template_of(tx, s);
    if (!t.ok()) throw std::logic_error("reports: a stored submission's template does not parse");
    json::object o = item_json(tx, s, t->name, now_ms);
    o["template_def"] = template_json(*t);
    o["values"] = values_json(s.values);
    o["prefill"] = values_json(s.prefill);
    o["prefilled"] = v.prefilled;
    json::array failures;
    for (const auto& f : v.failures)
        failures.push_back(json::object{
            {"rule", f.rule}, {"table_code", f.table_code}, {"field_code", f.field_code}, {"message", f.message}});
    o["failures"] = std::move(failures);
    json::array returns;
    for (const auto& r : v.returns) {
        auto ref = t->find(r.field_code);
        returns.push_back(json::object{{"round", r.round},
                                       {"field_code", r.field_code},
                                       {"field_name", ref.field ? ref.field->name : r.field_code},
                                       {"reason", r.reason},
                                       {"created_at", iso_instant(r.created_at)}});
    }
    o["returns"] = std::move(returns);
    auto period = parse_period(s.period_key);
    json::array diffs;
    for (const auto& d : v.differences) {
        // Where the data figure comes from: the acts of the agency in the period, of the kinds the
        // field's metrics count (acts.<kind> / amount.<kind>; the penalty-type fields are penalties).
        auto ref = t->find(d.field_code);
        json::array kinds;
        if (ref.field && !ref.field->from.empty()) {
            for (const auto& m : ref.field->from) {
                auto dot = m.find('.');
                std::string k = dot == std::string::npos ? m : m.substr(dot + 1);
                if (m.starts_with("acts.") || m.starts_with("amount.")) kinds.push_back(json::value(k));
            }
        } else {
            kinds.push_back("penalty");
        }
        diffs.push_back(json::object{{"table_code", d.table_code},
                                     {"table_name", d.table_name},
                                     {"field_code", d.field_code},
                                     {"field_name", d.field_name},
                                     {"kind", ref.field ? std::string(to_string(ref.field->kind)) : "count"},
                                     {"filed", d.filed},
                                     {"computed", d.computed},
                                     {"difference", d.difference},
                                     {"acts", json::object{{"agency", id_to_string(s.agency_id)},
                                                           {"kinds", std::move(kinds)},
                                                           {"from", period ? month_text(period->first_day()) : ""},
                                                           {"to", period ? month_text(period->last_day()) : ""}}}});
    }
    o["differences"] = std::move(diffs);
    json::array ratios;
    for (const auto& r : t->ratios) {
        auto pct = ratio_percent(r, s.values);
        ratios.push_back(json::object{{"code", r.code},
                                      {"name", r.name},
                                      {"value", pct ? json::value(*pct) : json::value(nullptr)},
                                      {"text", format_percent(pct)}});
    }
    o["ratios"] = std::move(ratios);
    o["actions"] = actions_of(who, s);
    return o;
}

// The cells of a PUT: a number (an integer: a count, or 分 with unit fen), a string (the text typed
// or read from an .xlsx/CSV), or null/"" (blank).
Result<std::map<std::string, std::string, std::less<>>> parse_cells(const json::object& body) {
    auto it = body.find("cells");
    if (it == body.end() || it->value().is_null())
        return Error::validation("validation.required", "「报表数据」不能为空", "cells", basis());
    if (!it->value().is_object()) return wrong_type("cells", "报表数据");
    const auto& cells = it->value().as_object();
    if (cells.size() > kMaxFields) return Error::validation("validation.too_long", "报表栏目过多", "cells", basis());
    std::map<std::string, std::string, std::less<>> out;
    for (const auto& [k, v] : cells) {
        const std::string key(k);
        const std::string at = "cells." + key;
        if (key.empty() || key.size() > kMaxCodeChars) return wrong_type("cells", "栏目代码");
        if (v.is_null()) continue;
        if (v.is_int64()) {
            out[key] = std::to_string(v.as_int64());
        } else if (v.is_uint64()) {
            out[key] = std::to_string(v.as_uint64());
        } else if (v.is_string()) {
            const auto& text = v.as_string();
            if (http::utf8_length(text) > kMaxCellChars)
                return Error::validation("validation.too_long", "栏目“" + key + "”的内容过长", at, basis());
            if (http::has_control_char(text)) return wrong_type(at, "栏目数值");
            if (text.find_first_not_of(" \t") == json::string::npos) continue;
            out[key] = std::string(text);
        } else {
            // A JSON double (1.5) is refused rather than rounded: a count is whole and an amount in
            // 分 is whole; a 万元 amount travels as text ("1.5").
            return Error::validation(
                "validation.wrong_type",
                "栏目“" + key + "”的数值格式不正确：件数须为整数，金额以分为单位的整数或以万元为单位的文本", at,
                basis());
        }
    }
    return out;
}

Result<AmountUnit> parse_unit(const json::object& body) {
    LECS_ASSIGN(auto unit, http::optional_string(body, "unit", 16, "金额单位"));
    if (!unit || *unit == "fen") return AmountUnit::kFen;
    if (*unit == "wan_yuan") return AmountUnit::kWanYuan;
    return wrong_type("unit", "金额单位");
}

// {template, template_version}: what an uploaded file says it was filled on (both or neither).
Result<std::optional<TemplateRef>> parse_declared(const json::object& body) {
    LECS_ASSIGN(auto code, http::optional_string(body, "template", kMaxCodeChars, "报表模板"));
    LECS_ASSIGN(auto version, http::optional_int64(body, "template_version", "报表模板版本"));
    if (!code && !version) return std::optional<TemplateRef>{};
    if (!code) return Error::validation("validation.required", "「报表模板」不能为空", "template", basis());
    if (!version)
        return Error::validation("validation.required", "「报表模板版本」不能为空", "template_version", basis());
    if (*version < 1 || *version > 100000) return wrong_type("template_version", "报表模板版本");
    return std::optional<TemplateRef>{TemplateRef{*code, static_cast<int>(*version)}};
}

Result<std::vector<ReturnReason>> parse_reasons(const json::object& body) {
    auto it = body.find("reasons");
    if (it == body.end() || it->value().is_null())
        return Error::validation("validation.required", "「退回理由」不能为空", "reasons", basis());
    if (!it->value().is_array()) return wrong_type("reasons", "退回理由");
    const auto& a = it->value().as_array();
    if (a.size() > kMaxReturnReasons)
        return Error::validation("validation.too_long", "退回理由不能超过100条", "reasons", basis());
    std::vector<ReturnReason> out;
    for (size_t i = 0; i < a.size(); ++i) {
        const std::string at = "reasons[" + std::to_string(i) + "]";
        if (!a[i].is_object()) return wrong_type(at, "退回理由");
        const auto& o = a[i].as_object();
        auto field = http::required_string(o, "field_code", kMaxCodeChars, "栏目");
        if (!field.ok()) {
            Error e = field.take_error();
            e.field = at + ".field_code";
            return e;
        }
        auto reason = http::optional_string(o, "reason", kMaxReturnReasonChars, "退回理由");
        if (!reason.ok()) {
            Error e = reason.take_error();
            e.field = at + ".reason";
            return e;
        }
        out.push_back(ReturnReason{field.value(), reason.value().value_or("")});
    }
    return out;
}

Result<RegionLevel> level_param(const http::Request& req) {
    auto v = req.query_param("level");
    if (!v || v->empty() || *v == "county") return RegionLevel::kCounty;
    if (*v == "city") return RegionLevel::kCity;
    if (*v == "township") return RegionLevel::kTownship;
    return wrong_type("level", "汇总层级");
}

Result<AggregateInclude> include_param(const http::Request& req) {
    auto v = req.query_param("include");
    if (!v || v->empty() || *v == "submitted") return AggregateInclude::kSubmitted;
    if (*v == "accepted") return AggregateInclude::kAccepted;
    return wrong_type("include", "汇总范围");
}

// domain=<org/domains.hpp code> or none (未分类, as the dispute register's filter has it).
Result<std::optional<std::string>> domain_param(const http::Request& req) {
    auto v = req.query_param("domain");
    if (!v || v->empty()) return std::optional<std::string>{};
    if (*v == "none") return std::optional<std::string>{""};
    if (!org::find_domain(*v)) return wrong_type("domain", "执法领域");
    return std::optional<std::string>{*v};
}

std::string_view level_word(RegionLevel l) {
    return l == RegionLevel::kCity ? "city" : l == RegionLevel::kTownship ? "township" : "county";
}
std::string_view level_label(RegionLevel l) {
    return l == RegionLevel::kCity ? "市级" : l == RegionLevel::kTownship ? "乡镇（街道）" : "县级";
}

json::object aggregate_json(const Aggregate& a) {
    auto row_json = [](const AggregateRow& r) {
        return json::object{{"region_code", r.region_code},
                            {"region_name", r.region_name},
                            {"reports", r.reports},
                            {"values", values_json(r.values)}};
    };
    json::array rows;
    for (const auto& r : a.rows) rows.push_back(row_json(r));
    json::array domains;
    for (const auto& d : a.domains)
        domains.push_back(json::object{{"domain", d.domain.empty() ? "none" : d.domain},
                                       {"domain_name", org::domain_name(d.domain)},
                                       {"reports", d.reports},
                                       {"values", values_json(d.values)}});
    json::array yoy;
    for (const auto& y : a.year_on_year) {
        auto ref = a.tmpl->find(y.field_code);
        yoy.push_back(json::object{
            {"field_code", y.field_code},
            {"field_name", ref.field ? ref.field->name : y.field_code},
            {"kind", ref.field ? std::string(to_string(ref.field->kind)) : "count"},
            {"current", y.current},
            {"previous", y.previous},
            {"change", y.change},
            {"change_pct", y.change_pct ? json::value(std::round(*y.change_pct * 100) / 100) : json::value(nullptr)}});
    }
    return json::object{
        {"template", template_json(*a.tmpl)},
        {"period", a.period.key()},
        {"period_label", a.period.label()},
        {"previous_period", a.previous.key()},
        {"level", std::string(level_word(a.level))},
        {"include", a.include == AggregateInclude::kAccepted ? "accepted" : "submitted"},
        {"region", a.region ? json::value(*a.region) : json::value(nullptr)},
        {"domain", a.domain ? json::value(a.domain->empty() ? "none" : *a.domain) : json::value(nullptr)},
        {"domain_name", a.domain ? json::value(org::domain_name(*a.domain)) : json::value(nullptr)},
        {"rows", std::move(rows)},
        {"domains", std::move(domains)},
        {"total", row_json(a.total)},
        {"previous_total", row_json(a.previous_total)},
        {"year_on_year", std::move(yoy)}};
}

// The roll-up in the template's layout: one sheet per table (a row per region, the total, and the
// same period a year before), then the year-on-year sheet. Amounts in 万元.
std::vector<xlsx::Sheet> aggregate_sheets(const Aggregate& a, const std::string& exported_by, int64_t now_ms) {
    const std::string scope_note =
        std::string("口径：") +
        (a.include == AggregateInclude::kAccepted ? "已接收的报表" : "已报送（含重新报送）和已接收的报表") + "，按" +
        std::string(level_label(a.level)) + "行政区划汇总；市级部门的数字只计入合计" +
        (a.domain ? "；执法领域：" + org::domain_name(*a.domain) : std::string()) + "。";
    std::vector<std::string> notes = {scope_note, "依据：《邢台市行政执法协调监督工作办法》第十五条",
                                      "数据日期：" + shanghai_date(now_ms).iso(), "导出人：" + exported_by};
    auto cell = [](const Field& f, const Values& v) -> xlsx::Cell {
        auto it = v.find(f.code);
        const int64_t n = it == v.end() ? 0 : it->second;
        if (f.kind == FieldKind::kAmount) return static_cast<double>(n) / static_cast<double>(kFenPerWanYuan);
        return n;
    };
    std::vector<xlsx::Sheet> out;
    for (const auto& tb : a.tmpl->tables) {
        xlsx::Sheet sh;
        sh.name = tb.name;
        sh.title = a.period.label() + a.tmpl->name + "（汇总）— " + tb.name;
        sh.columns.push_back({"行政区划代码", xlsx::ColumnKind::kText, 14});
        sh.columns.push_back({"地区", xlsx::ColumnKind::kText, 18});
        sh.columns.push_back({"报表数", xlsx::ColumnKind::kInteger, 8});
        for (const auto& f : tb.fields)
            sh.columns.push_back(
                {f.kind == FieldKind::kAmount ? f.name + "（万元）" : f.name,
                 f.kind == FieldKind::kAmount ? xlsx::ColumnKind::kAmount2 : xlsx::ColumnKind::kInteger,
                 std::max(10.0, std::min(30.0, static_cast<double>(f.name.size()) / 2))});
        auto row = [&](const std::string& code, const std::string& name, int64_t reports, const Values& v) {
            std::vector<xlsx::Cell> r{code, name, reports};
            for (const auto& f : tb.fields) r.push_back(cell(f, v));
            sh.rows.push_back(std::move(r));
        };
        for (const auto& r : a.rows) row(r.region_code, r.region_name, r.reports, r.values);
        row(a.region.value_or(""), "合计", a.total.reports, a.total.values);
        row("", "上年同期合计（" + a.previous.label() + "）", a.previous_total.reports, a.previous_total.values);
        // The same total by enforcement domain, below (issue 7 §4): its rows add up to 合计.
        for (const auto& d : a.domains) row("", "执法领域：" + org::domain_name(d.domain), d.reports, d.values);
        sh.notes = notes;
        out.push_back(std::move(sh));
    }
    xlsx::Sheet yoy;
    yoy.name = "同比";
    yoy.title = a.period.label() + a.tmpl->name + "（汇总）— 同比";
    yoy.columns = {{"栏目代码", xlsx::ColumnKind::kText, 14}, {"栏目", xlsx::ColumnKind::kText, 30},
                   {"本期", xlsx::ColumnKind::kAmount2, 14},  {"上年同期", xlsx::ColumnKind::kAmount2, 14},
                   {"增减", xlsx::ColumnKind::kAmount2, 14},  {"增减幅度（%）", xlsx::ColumnKind::kAmount2, 14}};
    for (const auto& y : a.year_on_year) {
        auto ref = a.tmpl->find(y.field_code);
        const double scale = ref.field && ref.field->kind == FieldKind::kAmount ? kFenPerWanYuan : 1;
        yoy.rows.push_back({y.field_code, ref.field ? ref.field->name : y.field_code, y.current / scale,
                            y.previous / scale, y.change / scale,
                            y.change_pct ? xlsx::Cell(*y.change_pct) : xlsx::Cell(std::string("—"))});
    }
    yoy.notes = notes;
    yoy.notes.insert(yoy.notes.begin(), "金额栏目以万元计；上年同期为0时增减幅度记“—”。");
    out.push_back(std::move(yoy));
    return out;
}

}  // namespace

void register_api(http::Router& r, ReportService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    auto id_of = [](const http::Request& req) { return parse_id(req.param("id")); };

    r.get("/api/v1/reports/templates", spec("report.read", ScopeRule::public_data(), "统计报表模板（在用版本）"),
          [&svc](const http::Request&, const auth::Caller&) {
              json::array items;
              for (const auto* t : svc.offered()) items.push_back(template_json(t->tmpl));
              return ok_json(json::object{{"items", std::move(items)}});
          });

    r.get("/api/v1/reports", spec("report.read", ScopeRule::filtered(), "统计报表（数据权限内）"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              store::SubmissionFilter f;
              auto tmpl = code_param(req, "template", "报表模板");
              if (!tmpl.ok()) return http::error_response(tmpl.error());
              auto period = code_param(req, "period", "报送期间");
              if (!period.ok()) return http::error_response(period.error());
              auto state = code_param(req, "state", "状态");
              if (!state.ok()) return http::error_response(state.error());
              if (state.value() && !is_state(*state.value())) return http::error_response(wrong_type("state", "状态"));
              f.template_code = tmpl.value();
              f.period_key = period.value();
              f.state = state.value();
              const int size = http::int_query_param(req, "size", 20, kMaxPageSize);
              f.limit = size;
              f.offset = (http::int_query_param(req, "page", 1, 100000) - 1) * size;
              const int64_t now = clock();
              return db.read([&](db::Tx& tx) {
                  auto page = svc.list(tx, who, f);
                  json::array items;
                  for (const auto& s : page.items) {
                      auto t = svc.template_of(tx, s);
                      items.push_back(item_json(tx, s, t.ok() ? t->name : s.template_code, now));
                  }
                  return ok_json(json::object{{"items", std::move(items)}, {"total", page.total}});
              });
          });

    r.post("/api/v1/reports", spec("report.fill", ScopeRule::filtered(), "打开本机关的统计报表（新建时按数据预填）"),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto agency = http::required_id(body.value(), "agency_id", "执法机关");
               if (!agency.ok()) return http::error_response(agency.error());
               auto tmpl = http::required_string(body.value(), "template", kMaxCodeChars, "报表模板");
               if (!tmpl.ok()) return http::error_response(tmpl.error());
               auto period = http::required_string(body.value(), "period", 16, "报送期间");
               if (!period.ok()) return http::error_response(period.error());
               const int64_t now = clock();
               auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(SubmissionView v,
                               svc.open_draft(tx, who, agency.value(), tmpl.value(), period.value(), now));
                   json::object o = view_json(tx, who, svc, v, now);
                   o["created"] = v.created;
                   return o;
               });
               if (!res.ok()) return http::error_response(res.error());
               return ok_json(res.value());
           });

    r.get("/api/v1/public/reports",
          spec(std::string(http::kPublic), ScopeRule::public_data(), "公开的行政执法统计数据（已接收的年报）"),
          [&svc, &db](const http::Request& req, const auth::Caller&) {
              auto tmpl = required_code_param(req, "template", "报表模板");
              if (!tmpl.ok()) return http::error_response(tmpl.error());
              auto period = required_code_param(req, "period", "报送期间");
              if (!period.ok()) return http::error_response(period.error());
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(auto subs, svc.published(tx, tmpl.value(), period.value()));
                  json::array items;
                  for (const auto& s : subs)
                      items.push_back(json::object{{"agency_name", agency_name(tx, s.agency_id)},
                                                   {"region_code", s.region_code},
                                                   {"accepted_at", opt_instant(s.accepted_at)},
                                                   {"values", values_json(s.values)}});
                  auto period_ref = parse_period(period.value());
                  return json::object{
                      {"template", tmpl.value()},
                      {"period", period.value()},
                      {"period_label", period_ref ? period_ref->label() : period.value()},
                      {"basis", "国办发〔2018〕118号：行政执法机关于每年1月31日前公开上年度行政执法总体情况数据"},
                      {"items", std::move(items)}};
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.get("/api/v1/reports/compliance",
          spec("report.read", ScopeRule::filtered(), "统计报表报送情况（按时、逾期、未报）"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              auto tmpl = required_code_param(req, "template", "报表模板");
              if (!tmpl.ok()) return http::error_response(tmpl.error());
              auto period = required_code_param(req, "period", "报送期间");
              if (!period.ok()) return http::error_response(period.error());
              auto region = region_param(req);
              if (!region.ok()) return http::error_response(region.error());
              // timeliness= narrows the items (and so their export); the counts stay the period's.
              auto timeliness = code_param(req, "timeliness", "报送情况");
              if (!timeliness.ok()) return http::error_response(timeliness.error());
              std::optional<Timeliness> only;
              if (const auto& t = timeliness.value()) {
                  for (auto k : {Timeliness::kNotYetDue, Timeliness::kMissing, Timeliness::kOnTime, Timeliness::kLate})
                      if (timeliness_word(k) == *t) only = k;
                  if (!only) return http::error_response(wrong_type("timeliness", "报送情况"));
              }
              const int64_t now = clock();
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(Compliance c, svc.compliance(tx, who, tmpl.value(), period.value(), region.value(), now));
                  json::array items;
                  for (const auto& i : c.items) {
                      if (only && i.lateness.state != *only) continue;
                      const auto& s = i.submission;
                      items.push_back(
                          json::object{{"agency_id", id_to_string(i.agency_id)},
                                       {"agency_name", i.agency_name},
                                       {"region_code", i.region_code},
                                       {"report_id", s ? json::value(id_to_string(s->id)) : json::value(nullptr)},
                                       {"state", s ? json::value(s->state) : json::value(nullptr)},
                                       {"state_label", s ? std::string(state_label(s->state)) : std::string("未填报")},
                                       {"submitted_at", s ? opt_instant(s->submitted_at) : json::value(nullptr)},
                                       {"timeliness", std::string(timeliness_word(i.lateness.state))},
                                       {"timeliness_label", std::string(timeliness_label(i.lateness.state))},
                                       {"days_late", i.lateness.days_late}});
                  }
                  return json::object{{"template", c.tmpl->code},
                                      {"template_name", c.tmpl->name},
                                      {"period", c.period.key()},
                                      {"period_label", c.period.label()},
                                      {"due_on", c.due.iso()},
                                      {"counts", json::object{{"expected", c.expected},
                                                              {"not_yet_due", c.not_yet_due},
                                                              {"on_time", c.on_time},
                                                              {"late", c.late},
                                                              {"missing", c.missing}}},
                                      {"items", std::move(items)}};
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.post("/api/v1/reports/compliance/remind",
           spec("report.review", ScopeRule::filtered(), "催报：给尚未报送的执法机关发待办"),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto tmpl = http::required_string(body.value(), "template", kMaxCodeChars, "报表模板");
               if (!tmpl.ok()) return http::error_response(tmpl.error());
               auto period = http::required_string(body.value(), "period", 16, "报送期间");
               if (!period.ok()) return http::error_response(period.error());
               const int64_t now = clock();
               auto res = db.write(
                   [&](db::Tx& tx) -> Result<int> { return svc.remind(tx, who, tmpl.value(), period.value(), now); });
               if (!res.ok()) return http::error_response(res.error());
               return ok_json(json::object{{"reminded", res.value()}});
           });

    auto aggregate_of = [&svc, &db](const http::Request& req, const auth::Caller& who) -> Result<Aggregate> {
        LECS_ASSIGN(std::string tmpl, required_code_param(req, "template", "报表模板"));
        LECS_ASSIGN(std::string period, required_code_param(req, "period", "报送期间"));
        LECS_ASSIGN(auto region, region_param(req));
        LECS_ASSIGN(RegionLevel level, level_param(req));
        LECS_ASSIGN(AggregateInclude include, include_param(req));
        LECS_ASSIGN(auto domain, domain_param(req));
        const AggregateQuery q{tmpl, period, level, region, domain, include};
        return db.read([&](db::Tx& tx) { return svc.aggregate(tx, who, q); });
    };

    r.get("/api/v1/reports/aggregate",
          spec("report.review", ScopeRule::filtered(), "统计报表汇总（按地区、执法领域、同比）"),
          [aggregate_of](const http::Request& req, const auth::Caller& who) {
              auto a = aggregate_of(req, who);
              if (!a.ok()) return http::error_response(a.error());
              return ok_json(aggregate_json(a.value()));
          });

    r.get("/api/v1/reports/aggregate.xlsx",
          spec("report.review", ScopeRule::filtered(), "导出统计报表汇总（Excel，按模板格式）"),
          [aggregate_of, clock](const http::Request& req, const auth::Caller& who) {
              auto a = aggregate_of(req, who);
              if (!a.ok()) return http::error_response(a.error());
              const int64_t now = clock();
              const auto& agg = a.value();
              Response res{200,
                           xlsx::kContentType,
                           {},
                           xlsx::write_workbook(aggregate_sheets(agg, who.display_name, now), now / 1000)};
              res.headers.emplace_back("Content-Disposition",
                                       files::rules::content_disposition(agg.period.label() + agg.tmpl->name + "汇总-" +
                                                                             shanghai_date(now).iso() + ".xlsx",
                                                                         files::rules::Disposition::kAttachment));
              res.headers.emplace_back("Cache-Control", "no-store");
              return res;
          });

    r.get("/api/v1/reports/{id}", spec("report.read", ScopeRule::object("report"), "统计报表（含校验结果与数据比对）"),
          [&svc, &db, clock, id_of](const http::Request& req, const auth::Caller& who) {
              const int64_t now = clock();
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(SubmissionView v, svc.get(tx, who, id_of(req), now));
                  return view_json(tx, who, svc, v, now);
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.put("/api/v1/reports/{id}", spec("report.fill", ScopeRule::object("report"), "保存统计报表数据（草稿或退回后）"),
          [&svc, &db, clock, id_of](const http::Request& req, const auth::Caller& who) {
              auto body = http::parse_json_object(req.body);
              if (!body.ok()) return http::error_response(body.error());
              auto version = http::required_int64(body.value(), "version", "版本");
              if (!version.ok()) return http::error_response(version.error());
              auto cells = parse_cells(body.value());
              if (!cells.ok()) return http::error_response(cells.error());
              auto unit = parse_unit(body.value());
              if (!unit.ok()) return http::error_response(unit.error());
              auto declared = parse_declared(body.value());
              if (!declared.ok()) return http::error_response(declared.error());
              const int64_t now = clock();
              auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(SubmissionView v, svc.save(tx, who, id_of(req), version.value(), cells.value(),
                                                         unit.value(), now, declared.value()));
                  return view_json(tx, who, svc, v, now);
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    // A versioned POST on a report: {version, …}, one write transaction, answered with the view.
    auto post_versioned = [&r, &svc, &db, clock, id_of](std::string path, std::string perm, std::string summary,
                                                        auto run) {
        r.post(std::move(path), spec(std::move(perm), ScopeRule::object("report"), std::move(summary)),
               [&svc, &db, clock, id_of, run](const http::Request& req, const auth::Caller& who) {
                   auto body = http::parse_json_object(req.body);
                   if (!body.ok()) return http::error_response(body.error());
                   auto version = http::required_int64(body.value(), "version", "版本");
                   if (!version.ok()) return http::error_response(version.error());
                   const int64_t now = clock();
                   auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                       LECS_ASSIGN(SubmissionView v, run(tx, who, id_of(req), version.value(), body.value(), now));
                       return view_json(tx, who, svc, v, now);
                   });
                   if (!res.ok()) return http::error_response(res.error());
                   return ok_json(res.value());
               });
    };
    using View = Result<SubmissionView>;
    post_versioned("/api/v1/reports/{id}/submit", "report.fill", "报送统计报表",
                   [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, const json::object&,
                          int64_t now) -> View { return svc.submit(tx, who, id, version, now); });
    post_versioned("/api/v1/reports/{id}/resubmit", "report.fill", "重新报送统计报表",
                   [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, const json::object&,
                          int64_t now) -> View { return svc.resubmit(tx, who, id, version, now); });
    post_versioned("/api/v1/reports/{id}/return", "report.review", "退回统计报表（逐栏写明理由）",
                   [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, const json::object& body,
                          int64_t now) -> View {
                       LECS_ASSIGN(auto reasons, parse_reasons(body));
                       return svc.return_report(tx, who, id, version, reasons, now);
                   });
    post_versioned("/api/v1/reports/{id}/accept", "report.review", "接收统计报表",
                   [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, const json::object&,
                          int64_t now) -> View { return svc.accept(tx, who, id, version, now); });
}

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    if (kind != "report") return std::nullopt;
    auto s = store::find_submission(tx, id);
    if (!s) return std::nullopt;
    return auth::Owner{s->region_code, s->agency_id};
}

}  // namespace lecs::reports
