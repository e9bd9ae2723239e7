#include "lecs/cockpit/api.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdlib>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/base/time.hpp"

namespace lecs::cockpit {
namespace {

namespace json = boost::json;
using http::Response;
using http::ScopeRule;

Response ok_json(const json::value& v) { return Response::json(200, json::serialize(v)); }

http::RouteSpec spec(std::string perm, std::string summary) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = ScopeRule::filtered();
    s.summary = std::move(summary);
    return s;
}

Error wrong_type(const std::string& field, std::string_view label) {
    return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确", field);
}

bool digits(std::string_view v) {
    return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A 6-digit county/city or 9-digit township code.
Result<std::optional<std::string>> region_param(const http::Request& req) {
    auto v = req.query_param("region");
    if (!v || v->empty()) return std::optional<std::string>{};
    if (!digits(*v) || (v->size() != 6 && v->size() != 9)) return wrong_type("region", "行政区划");
    return std::optional<std::string>{*v};
}

Result<void> int_param(const http::Request& req, const char* name, std::string_view label, int64_t& into) {
    auto v = req.query_param(name);
    if (!v || v->empty()) return ok();
    if (!digits(*v) || v->size() > 9) return wrong_type(name, label);
    into = std::stoll(std::string(*v));
    return ok();
}

Result<analysis::Params> params_of(const http::Request& req) {
    analysis::Params p;
    if (auto v = req.query_param("band_k"); v && !v->empty()) {
        const std::string s(*v);
        int dots = 0;
        bool good = s.size() <= 8 && s.front() != '.' && s.back() != '.';
        for (char c : s) {
            if (c == '.')
                ++dots;
            else if (c < '0' || c > '9')
                good = false;
        }
        if (!good || dots > 1) return wrong_type("band_k", "区间倍数 k");
        p.band_k = std::strtod(s.c_str(), nullptr);
    }
    LECS_TRY(int_param(req, "min_group", "最少比较机关数", p.min_group));
    LECS_TRY(int_param(req, "min_acts_for_rate", "预警率比较门槛", p.min_acts_for_rate));
    LECS_TRY(int_param(req, "recon_threshold_percent", "复议纠错率关注线", p.recon_threshold_percent));
    LECS_TRY(int_param(req, "recon_min_concluded", "复议审结案件门槛", p.recon_min_concluded));
    LECS_TRY(int_param(req, "inaction_min_items", "有效执法事项门槛", p.inaction_min_items));
    return p;
}

// Numbers to 4 decimals in the JSON (the texts round to 2).
double rounded(double v) { return std::round(v * 10000.0) / 10000.0; }

json::value opt_text(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::value band_json(const std::optional<analysis::Band>& b) {
    if (!b) return nullptr;
    return json::object{{"median", rounded(b->median)},
                        {"spread", rounded(b->spread)},
                        {"spread_kind", b->mean_deviation ? "mean_deviation" : "mad"},
                        {"lower", rounded(b->lower)},
                        {"upper", rounded(b->upper)}};
}

json::object params_json(const analysis::Params& p) {
    return json::object{{"band_k", p.band_k},
                        {"min_group", p.min_group},
                        {"min_acts_for_rate", p.min_acts_for_rate},
                        {"recon_threshold_percent", p.recon_threshold_percent},
                        {"recon_min_concluded", p.recon_min_concluded},
                        {"inaction_min_items", p.inaction_min_items}};
}

json::array strings(const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
}

json::object finding_json(const analysis::Finding& f) {
    const auto& a = f.agency;
    return json::object{{"kind", f.kind},
                        {"agency_id", id_to_string(a.agency_id)},
                        {"agency_name", a.agency_name},
                        {"region_code", a.region_code},
                        {"metric", f.metric},
                        {"metric_label", f.metric_label},
                        {"unit", f.unit},
                        {"direction", f.direction},
                        {"value", rounded(f.value)},
                        {"band", band_json(f.band)},
                        {"group_size", f.group_size},
                        {"figures", json::object{{"acts_total", a.acts_total},
                                                 {"penalties", a.penalties},
                                                 {"inspections", a.inspections},
                                                 {"penalty_amount_fen", a.penalty_amount_fen},
                                                 {"warnings", a.warnings},
                                                 {"recon_concluded", a.recon_concluded},
                                                 {"recon_corrected", a.recon_corrected},
                                                 {"catalog_items", a.catalog_items}}},
                        {"explanation", f.explanation},
                        {"basis", cite(Provision::kMeasuresArt15)},
                        {"suggestion_draft", json::object{{"target_org_id", id_to_string(f.suggestion.target_org_id)},
                                                          {"subject", f.suggestion.subject},
                                                          {"body", strings(f.suggestion.body)}}},
                        {"matter_draft", json::object{{"source", f.matter.source},
                                                      {"mode", f.matter.mode},
                                                      {"categories", strings(f.matter.categories)},
                                                      {"subject", f.matter.subject},
                                                      {"target_org_id", id_to_string(f.matter.target_org_id)}}}};
}

json::array findings_json(const std::vector<analysis::Finding>& v) {
    json::array a;
    for (const auto& f : v) a.push_back(finding_json(f));
    return a;
}

json::object query_json(const Query& q) {
    json::object o;
    for (const auto& [k, v] : q) o[k] = v;
    return o;
}
json::object drill_json(const Drill& d) { return json::object{{"route", d.route}, {"query", query_json(d.query)}}; }

json::object section_json(const Section& s) {
    json::array items;
    for (const auto& i : s.items)
        items.push_back(
            json::object{{"key", i.key}, {"label", i.label}, {"value", i.value}, {"drill", drill_json(i.drill)}});
    json::array months;
    for (const auto& m : s.months) months.emplace_back(m);
    json::array series;
    for (const auto& x : s.series) {
        json::array data;
        for (const auto& d : x.data) data.push_back(d ? json::value(rounded(*d)) : json::value(nullptr));
        json::object o{{"key", x.key}, {"name", x.name}, {"unit", x.unit}, {"data", std::move(data)}};
        if (!x.denominators.empty()) {
            json::array n, d;
            for (int64_t v : x.numerators) n.emplace_back(v);
            for (int64_t v : x.denominators) d.emplace_back(v);
            o["numerators"] = std::move(n);
            o["denominators"] = std::move(d);
        }
        series.push_back(std::move(o));
    }
    return json::object{{"key", s.key},
                        {"title", s.title},
                        {"chart", s.chart},
                        {"definition", s.definition},
                        {"data_date", opt_text(s.data_date)},
                        {"items", std::move(items)},
                        {"months", std::move(months)},
                        {"series", std::move(series)},
                        {"facts", query_json(s.facts)},
                        {"drill", drill_json(s.drill)}};
}

}  // namespace

void register_api(http::Router& r, CockpitService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };

    r.get("/api/v1/analysis",
          spec("report.review", "统计分析：异常值、零执法、复议纠错率偏高（第十五条），每项附监督建议与立案监督草稿"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              const int64_t now = clock();
              int year = shanghai_date(now).y;
              if (auto v = req.query_param("period"); v && !v->empty()) {
                  if (!digits(*v) || v->size() != 4) return http::error_response(wrong_type("period", "统计年度"));
                  year = std::stoi(std::string(*v));
                  if (year < 2000 || year > 2100)
                      return http::error_response(
                          Error::validation("validation.wrong_value", "「统计年度」须在2000年至2100年之间", "period"));
              }
              auto region = region_param(req);
              if (!region.ok()) return http::error_response(region.error());
              auto params = params_of(req);
              if (!params.ok()) return http::error_response(params.error());
              auto res =
                  db.read([&](db::Tx& tx) { return svc.analysis(tx, who, year, region.value(), params.value()); });
              if (!res.ok()) return http::error_response(res.error());
              const AnalysisView& v = res.value();
              json::array metrics;
              for (const auto& m : v.result.metrics)
                  metrics.push_back(json::object{{"key", m.info->key},
                                                 {"label", m.info->label},
                                                 {"unit", m.info->unit},
                                                 {"group", m.info->group},
                                                 {"group_size", m.group_size},
                                                 {"band", band_json(m.band)},
                                                 {"note", m.note}});
              return ok_json(json::object{{"period", std::to_string(v.year)},
                                          {"region_code", v.region.code},
                                          {"region_name", v.region.name},
                                          {"data_date", opt_text(v.data_date)},
                                          {"agencies", v.agencies},
                                          {"basis", cite(Provision::kMeasuresArt15)},
                                          {"params", params_json(v.result.params)},
                                          {"metrics", std::move(metrics)},
                                          {"outliers", findings_json(v.result.outliers)},
                                          {"inaction", findings_json(v.result.inaction)},
                                          {"reconsideration", findings_json(v.result.reconsideration)}});
          });

    r.get("/api/v1/cockpit",
          spec("cockpit.read", "领导驾驶舱：监督事项、职责争议、预警、报表报送和月度趋势（本级或所选区划）"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              auto region = region_param(req);
              if (!region.ok()) return http::error_response(region.error());
              const int64_t now = clock();
              auto res = db.read([&](db::Tx& tx) { return svc.cockpit(tx, who, region.value(), now); });
              if (!res.ok()) return http::error_response(res.error());
              const Cockpit& c = res.value();
              json::array sections;
              for (const auto& s : c.sections) sections.push_back(section_json(s));
              return ok_json(json::object{{"region_code", c.region.code},
                                          {"region_name", c.region.name},
                                          {"region_level", c.region.level},
                                          {"data_date", c.data_date},
                                          {"sections", std::move(sections)}});
          });
}

}  // namespace lecs::cockpit
