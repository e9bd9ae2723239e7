#include "lecs/monitoring/api.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <stdexcept>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"

namespace lecs::monitoring {
namespace {

namespace json = boost::json;
namespace ws = warning_state;
using http::Response;
using http::ScopeRule;

Response ok_json(const json::value& v, int status = 200) { return Response::json(status, json::serialize(v)); }

http::RouteSpec spec(std::string perm, ScopeRule scope, std::string summary) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    s.summary = std::move(summary);
    return s;
}

Error wrong_type(const std::string& field, std::string_view label) {
    return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确", field);
}

json::value opt_instant(const std::optional<int64_t>& v) {
    return v ? json::value(iso_instant(*v)) : json::value(nullptr);
}
json::value opt_text(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

std::string month_text(int yyyymm) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", yyyymm / 100, yyyymm % 100);
    return buf;
}

// YYYY-MM → yyyymm; nullopt when malformed.
std::optional<int> parse_month(const std::string& s) {
    if (s.size() != 7 || s[4] != '-') return std::nullopt;
    int y = 0, m = 0;
    for (int i = 0; i < 7; ++i) {
        if (i == 4) continue;
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        (i < 4 ? y : m) = (i < 4 ? y : m) * 10 + (s[i] - '0');
    }
    if (y < 1990 || y > 2100 || m < 1 || m > 12) return std::nullopt;
    return y * 100 + m;
}

int months_between(int from, int to) { return (to / 100 - from / 100) * 12 + (to % 100 - from % 100); }

// A 6-digit county/city or 9-digit township code.
Result<std::optional<std::string>> region_param(const http::Request& req) {
    auto v = req.query_param("region");
    if (!v || v->empty()) return std::optional<std::string>{};
    bool digits = std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || (v->size() != 6 && v->size() != 9)) return wrong_type("region", "行政区划");
    return std::optional<std::string>{*v};
}

Result<std::optional<int64_t>> id_param(const http::Request& req, std::string_view name, std::string_view label) {
    auto v = req.query_param(name);
    if (!v || v->empty()) return std::optional<int64_t>{};
    const int64_t id = parse_id(*v);
    if (id <= 0) return wrong_type(std::string(name), label);
    return std::optional<int64_t>{id};
}

// from/to as YYYY-MM; by default the twelve months up to the current one.
Result<std::pair<int, int>> period_param(const http::Request& req, int64_t now) {
    const Date today = shanghai_date(now);
    int to = today.y * 100 + today.m;
    if (auto v = req.query_param("to"); v && !v->empty()) {
        auto m = parse_month(*v);
        if (!m) return wrong_type("to", "截止月份");
        to = *m;
    }
    int from = 0;
    if (auto v = req.query_param("from"); v && !v->empty()) {
        auto m = parse_month(*v);
        if (!m) return wrong_type("from", "起始月份");
        from = *m;
    } else {
        const int total = (to / 100) * 12 + (to % 100 - 1) - 11;
        from = (total / 12) * 100 + total % 12 + 1;
    }
    if (from > to) return Error::validation("validation.wrong_value", "「起始月份」不能晚于「截止月份」", "from");
    if (months_between(from, to) >= 120)
        return Error::validation("validation.wrong_value", "统计期间不能超过120个月", "to");
    return std::pair{from, to};
}

std::string region_name(db::Tx& tx, const std::string& code) {
    auto r = org::store::find_current_region(tx, code);
    return r ? r->name : std::string();
}

json::object warning_item(const Warning& w) {
    auto rule = rule_from_string(w.rule);
    return json::object{{"id", id_to_string(w.id)},
                        {"rule", w.rule},
                        {"rule_name", rule ? std::string(rules::info(*rule).name) : std::string()},
                        {"severity", w.severity},
                        {"state", w.state},
                        {"state_label", std::string(state_label(w.state))},
                        {"agency_id", id_to_string(w.agency_id)},
                        {"agency_name", w.agency_name},
                        {"region_code", w.region_code},
                        {"act_date", w.act_date},
                        {"summary", w.summary},
                        {"external_id", w.external_id},
                        {"case_no", w.case_no},
                        {"version", w.version}};
}

json::object act_json(const ActView& a) {
    // Stored by the ingest as a JSON array: anything else is a damaged row, an infrastructure failure
    // for the request boundary to log with the request id, not something to show as "no officers".
    boost::system::error_code ec;
    json::value ov = json::parse(a.officers_json, ec);
    if (ec || !ov.is_array()) throw std::runtime_error("monitoring: stored officers of an act are not a JSON array");
    json::array officers = std::move(ov.as_array());
    json::array penalties;
    for (uint8_t bit = 1; bit != 0 && bit <= 64; bit <<= 1)
        if (a.penalty_types & bit)
            penalties.push_back(json::value(std::string(to_string(static_cast<PenaltyType>(bit)))));
    json::array fires;
    for (int r = 1; r <= kRuleCount; ++r)
        if (a.warn_mask & (int64_t{1} << (r - 1)))
            fires.push_back(json::value(std::string(to_string(static_cast<RuleCode>(r)))));
    auto kind = act_kind_from_string(a.kind);
    return json::object{
        {"external_id", a.external_id},
        {"agency_id", id_to_string(a.agency_id)},
        {"kind", a.kind},
        {"kind_label", kind ? std::string(kind_label(*kind)) : a.kind},
        {"act_date", a.act_date},
        {"region_code", a.region_code},
        {"case_no", a.case_no},
        {"item_code", a.item_code},
        {"officers", std::move(officers)},
        {"party_type", a.party_type},
        {"filed_on", opt_text(a.filed_on)},
        {"decided_on", opt_text(a.decided_on)},
        {"served_on", opt_text(a.served_on)},
        {"closed_on", opt_text(a.closed_on)},
        {"published_on", opt_text(a.published_on)},
        {"penalty_types", std::move(penalties)},
        {"amount_fen", a.amount_fen},
        {"procedure", a.procedure},
        {"legal_review", a.legal_review},
        {"major", a.major},
        {"publish_required", a.publish_required},
        {"extension_days", a.extension_days},
        {"excluded_days", a.excluded_days},
        {"entrusted_id", a.entrusted_id ? json::value(id_to_string(*a.entrusted_id)) : json::value(nullptr)},
        {"rules_firing", std::move(fires)}};
}

json::array actions_of(const auth::Caller& who, const Warning& w) {
    json::array out;
    const bool handle = who.can("monitoring.handle");
    const bool live = w.state == ws::kOpen || w.state == ws::kSent || w.state == ws::kResponded;
    if (handle && live) out.push_back("dismiss");
    if (handle && w.state == ws::kOpen) out.push_back("send");
    if (handle && live && who.can("supervision.handle")) out.push_back("matter");
    // The same test as the service's respond() (own_agency): the caller's own organisation counts too.
    const bool own =
        std::find(who.scope.org_ids.begin(), who.scope.org_ids.end(), w.agency_id) != who.scope.org_ids.end() ||
        who.org_id == w.agency_id;
    if (who.can("monitoring.respond") && own && w.state == ws::kSent) out.push_back("respond");
    return out;
}

json::object detail_json(const auth::Caller& who, const WarningDetail& d) {
    const Warning& w = d.warning;
    json::object o = warning_item(w);
    boost::system::error_code ec;
    json::value evidence = json::parse(w.evidence, ec);
    if (ec) throw std::runtime_error("monitoring: stored evidence of warning " + std::to_string(w.id) + " is not JSON");
    auto rule = rule_from_string(w.rule);
    o["evidence"] = std::move(evidence);
    o["basis"] = rule ? std::string(rules::info(*rule).basis) : std::string();
    o["month"] = month_text(w.month);
    o["dismiss_reason"] = opt_text(w.dismiss_reason);
    o["response"] = opt_text(w.response);
    o["responded_at"] = opt_instant(w.responded_at);
    o["sent_at"] = opt_instant(w.sent_at);
    o["matter_id"] = w.matter_id ? json::value(id_to_string(*w.matter_id)) : json::value(nullptr);
    o["resolved_at"] = opt_instant(w.resolved_at);
    o["evaluated_at"] = iso_instant(w.evaluated_at);
    o["created_at"] = iso_instant(w.created_at);
    o["updated_at"] = iso_instant(w.updated_at);
    o["act"] = d.act ? json::value(act_json(*d.act)) : json::value(nullptr);
    json::array history;
    for (const auto& h : d.history)
        history.push_back(
            json::object{{"action", h.action}, {"at", iso_instant(h.at)}, {"by", h.by}, {"detail", h.detail}});
    o["history"] = std::move(history);
    o["actions"] = actions_of(who, w);
    return o;
}

json::object ratio_json(const Ratio& r) {
    json::value rate = nullptr;
    if (r.denominator > 0) rate = std::round(10000.0 * static_cast<double>(r.numerator) / r.denominator) / 10000.0;
    return json::object{{"numerator", r.numerator}, {"denominator", r.denominator}, {"rate", rate}};
}

json::object figures_json(const MonthFigures& f) {
    json::object by_kind, amount_by_kind, by_rule;
    int64_t acts = 0, amount = 0, warnings = 0;
    for (int k = 0; k < kActKindCount; ++k) {
        const std::string name(to_string(static_cast<ActKind>(k)));
        by_kind[name] = f.acts[k];
        amount_by_kind[name] = f.amount[k];
        acts += f.acts[k];
        amount += f.amount[k];
    }
    for (int r = 0; r < kRuleCount; ++r) {
        by_rule[std::string(to_string(static_cast<RuleCode>(r + 1)))] = f.warnings[r];
        warnings += f.warnings[r];
    }
    return json::object{{"acts", acts},
                        {"acts_by_kind", std::move(by_kind)},
                        {"amount_fen", amount},
                        {"amount_by_kind", std::move(amount_by_kind)},
                        {"warnings", warnings},
                        {"warnings_by_rule", std::move(by_rule)},
                        {"reconsideration_correction_rate", ratio_json(f.recon)},
                        {"litigation_loss_rate", ratio_json(f.lit)},
                        {"publication_on_time_rate", ratio_json(f.publication)},
                        {"certification_rate", ratio_json(f.certification)}};
}

json::array strings_json(const auto& xs) {
    json::array a;
    for (const auto& x : xs) a.push_back(json::value(std::string(x)));
    return a;
}

json::object params_json(const rules::RuleSet& s, RuleCode r) {
    json::array r2_kinds, r3_kinds;
    for (auto k : s.r2_kinds) r2_kinds.push_back(json::value(std::string(to_string(k))));
    for (auto k : s.r3_kinds) r3_kinds.push_back(json::value(std::string(to_string(k))));
    switch (r) {
        case RuleCode::kR1:
            return {{"enabled", s.r1_enabled}};
        case RuleCode::kR2:
            return {{"enabled", s.r2_enabled},
                    {"min_officers", s.r2_min_officers},
                    {"kinds", std::move(r2_kinds)},
                    {"exempt_item_prefixes", strings_json(s.r2_exempt_item_prefixes)},
                    {"exempt_simple_procedure", s.r2_exempt_simple_procedure}};
        case RuleCode::kR3:
            return {{"enabled", s.r3_enabled}, {"kinds", std::move(r3_kinds)}};
        case RuleCode::kR4:
            return {{"enabled", s.r4_enabled},
                    {"limit_days", s.r4_limit_days},
                    {"yellow_days_left", s.r4_yellow_days_left}};
        case RuleCode::kR5:
            return {{"enabled", s.r5_enabled},
                    {"fast_working_days", s.r5_fast_working_days},
                    {"other_working_days", s.r5_other_working_days}};
        case RuleCode::kR6:
            return {{"enabled", s.r6_enabled}};
        case RuleCode::kR7:
            return {{"enabled", s.r7_enabled}};
        case RuleCode::kR8:
            return {{"enabled", s.r8_enabled}, {"window_days", s.r8_window_days}, {"min_agencies", s.r8_min_agencies}};
    }
    return {};
}

json::object rate_definition_json(const rules::RateDefinition& d) {
    return json::object{{"numerator", strings_json(d.numerator)}, {"excluded", strings_json(d.excluded)}};
}

}  // namespace

void register_api(http::Router& r, MonitoringService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    auto id_of = [](const http::Request& req) { return parse_id(req.param("id")); };

    r.get("/api/v1/monitoring/rules", spec("monitoring.read", ScopeRule::public_data(), "监测规则及其在用参数"),
          [&svc](const http::Request&, const auth::Caller&) {
              const auto& set = svc.rule_set();
              json::array items;
              for (const auto& info : rules::all_rules()) {
                  // R4 and R5 warn ahead (黄色: open, or not yet published, with few days left); the others
                  // report a breach.
                  json::array levels;
                  if (info.code == RuleCode::kR4 || info.code == RuleCode::kR5) levels.push_back("yellow");
                  levels.push_back("red");
                  items.push_back(json::object{{"code", std::string(to_string(info.code))},
                                               {"name", std::string(info.name)},
                                               {"basis", std::string(info.basis)},
                                               {"severity_levels", std::move(levels)},
                                               {"params", params_json(set, info.code)}});
              }
              return ok_json(json::object{
                  {"items", std::move(items)},
                  {"indicators", json::object{{"reconsideration", rate_definition_json(set.reconsideration)},
                                              {"litigation", rate_definition_json(set.litigation)}}}});
          });

    r.get("/api/v1/monitoring/warnings", spec("monitoring.read", ScopeRule::filtered(), "执法数据预警（数据权限内）"),
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              WarningFilter f;
              if (auto v = req.query_param("rule"); v && !v->empty()) {
                  if (!rule_from_string(*v)) return http::error_response(wrong_type("rule", "规则"));
                  f.rule = *v;
              }
              if (auto v = req.query_param("severity"); v && !v->empty()) {
                  if (*v != "yellow" && *v != "red") return http::error_response(wrong_type("severity", "预警等级"));
                  f.severity = *v;
              }
              if (auto v = req.query_param("state"); v && !v->empty()) {
                  if (!is_state(*v)) return http::error_response(wrong_type("state", "状态"));
                  f.state = *v;
              }
              auto agency = id_param(req, "agency", "执法机关");
              if (!agency.ok()) return http::error_response(agency.error());
              f.agency_id = agency.value();
              auto region = region_param(req);
              if (!region.ok()) return http::error_response(region.error());
              // The city's code is the whole city: no narrowing.
              if (region.value() && org::rules::region_level(*region.value()) != std::optional<std::string>("city"))
                  f.region = region.value();
              for (const char* name : {"from", "to"}) {
                  if (auto v = req.query_param(name); v && !v->empty()) {
                      auto d = Date::parse(*v);
                      if (!d)
                          return http::error_response(
                              wrong_type(name, std::string(name) == "from" ? "起始日期" : "截止日期"));
                      (std::string(name) == "from" ? f.from : f.to) = d;
                  }
              }
              const int page = http::int_query_param(req, "page", 1, 1000000),
                        size = http::int_query_param(req, "size", 20, 100);
              f.limit = size;
              f.offset = (page - 1) * size;
              return db.read([&](db::Tx& tx) {
                  auto p = svc.list(tx, who, f);
                  if (!p.ok()) return http::error_response(p.error());
                  json::array items;
                  for (const auto& w : p.value().items) items.push_back(warning_item(w));
                  return ok_json(json::object{{"items", std::move(items)}, {"total", p.value().total}});
              });
          });

    r.get("/api/v1/monitoring/warnings/summary",
          spec("monitoring.read", ScopeRule::filtered(), "预警按规则、地区和月份统计（来自汇总表）"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              auto region = region_param(req);
              if (!region.ok()) return http::error_response(region.error());
              auto period = period_param(req, clock());
              if (!period.ok()) return http::error_response(period.error());
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(Summary s, svc.summary(tx, who, region.value(), period->first, period->second));
                  json::array cells, months;
                  for (const auto& c : s.by_rule_region)
                      cells.push_back(json::object{{"region_code", c.region_code},
                                                   {"region_name", region_name(tx, c.region_code)},
                                                   {"rule", c.rule},
                                                   {"count", c.count}});
                  for (const auto& [m, counts] : s.by_month) {
                      json::object per;
                      for (int i = 0; i < kRuleCount; ++i)
                          per[std::string(to_string(static_cast<RuleCode>(i + 1)))] = counts[i];
                      months.push_back(json::object{{"month", month_text(m)}, {"counts", std::move(per)}});
                  }
                  return json::object{{"from", month_text(period->first)},
                                      {"to", month_text(period->second)},
                                      {"by_rule_region", std::move(cells)},
                                      {"by_month", std::move(months)}};
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.get("/api/v1/monitoring/warnings/{id}",
          spec(std::string(http::kAuthenticated), ScopeRule::object("warning"),
               "执法数据预警详情（证据、依据和执法行为）"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(WarningDetail d, svc.get(tx, who, id_of(req)));
                  return detail_json(who, d);
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    // A versioned POST on a warning: the body, its version and the route's fields, then one write
    // transaction answered with the warning as GET shows it.
    auto post_versioned = [&r, &svc, &db, clock, id_of](std::string path, std::string perm, std::string summary,
                                                        auto parse, auto run) {
        r.post(std::move(path), spec(std::move(perm), ScopeRule::object("warning"), std::move(summary)),
               [&svc, &db, clock, id_of, parse, run](const http::Request& req, const auth::Caller& who) {
                   auto body = http::parse_json_object(req.body);
                   if (!body.ok()) return http::error_response(body.error());
                   auto version = http::required_int64(body.value(), "version", "版本");
                   if (!version.ok()) return http::error_response(version.error());
                   auto in = parse(body.value());
                   if (!in.ok()) return http::error_response(in.error());
                   const int64_t now = clock();
                   const int64_t id = id_of(req);
                   auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                       LECS_ASSIGN(json::object extra, run(tx, who, id, in.value(), version.value(), now));
                       LECS_ASSIGN(WarningDetail d, svc.get(tx, who, id));
                       json::object o = detail_json(who, d);
                       for (const auto& kv : extra) o[kv.key()] = kv.value();
                       return o;
                   });
                   if (!res.ok()) return http::error_response(res.error());
                   return ok_json(res.value());
               });
    };
    using Extra = Result<json::object>;

    post_versioned(
        "/api/v1/monitoring/warnings/{id}/dismiss", "monitoring.handle", "排除预警（须写明理由）",
        // Only the shape here: whether a reason is there at all is the service's, after the state and
        // the version (a dismissed warning is 409 whatever the body says).
        [](const json::object& o) -> Result<std::string> {
            LECS_ASSIGN(auto reason, http::optional_string(o, "reason", kMaxReasonChars, "排除理由"));
            return reason.value_or("");
        },
        [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason, int64_t version,
               int64_t now) -> Extra {
            LECS_TRY(svc.dismiss(tx, who, id, reason, version, now));
            return json::object{};
        });

    post_versioned(
        "/api/v1/monitoring/warnings/{id}/send", "monitoring.handle", "发送执法机关核查反馈",
        [](const json::object& o) -> Result<std::string> {
            LECS_ASSIGN(auto note, http::optional_string(o, "note", kMaxNoteChars, "说明"));
            return note.value_or("");
        },
        [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& note, int64_t version,
               int64_t now) -> Extra {
            LECS_TRY(svc.send(tx, who, id, note, version, now));
            return json::object{};
        });

    post_versioned(
        "/api/v1/monitoring/warnings/{id}/respond", "monitoring.respond", "执法机关反馈预警核查情况",
        [](const json::object& o) -> Result<std::string> {
            LECS_ASSIGN(auto response, http::optional_string(o, "response", kMaxResponseChars, "反馈情况"));
            return response.value_or("");
        },
        [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& response, int64_t version,
               int64_t now) -> Extra {
            LECS_TRY(svc.respond(tx, who, id, response, version, now));
            return json::object{};
        });

    post_versioned(
        "/api/v1/monitoring/warnings/{id}/matter", "monitoring.handle", "预警转为行政执法监督事项",
        [](const json::object& o) -> Result<MatterRequest> {
            MatterRequest in;
            auto it = o.find("categories");
            if (it != o.end() && !it->value().is_null()) {
                if (!it->value().is_array()) return wrong_type("categories", "监督内容");
                const auto& a = it->value().as_array();
                if (a.size() > 7) return wrong_type("categories", "监督内容");
                for (size_t i = 0; i < a.size(); ++i) {
                    if (!a[i].is_string() || a[i].as_string().size() > 20)
                        return wrong_type("categories[" + std::to_string(i) + "]", "监督内容");
                    in.categories.emplace_back(a[i].as_string());
                }
            }
            LECS_ASSIGN(auto subject, http::optional_string(o, "subject", 200, "监督事项"));
            in.subject = subject.value_or("");
            LECS_ASSIGN(auto upper, http::optional_string(o, "upper_reason", 4000, "提级监督理由"));
            in.upper_reason = upper.value_or("");
            return in;
        },
        [&svc](db::Tx& tx, const auth::Caller& who, int64_t id, const MatterRequest& in, int64_t version,
               int64_t now) -> Extra {
            LECS_ASSIGN(auto made, svc.to_matter(tx, who, id, in, version, now));
            return json::object{{"matter_id", id_to_string(made.second.id)}};
        });

    r.get("/api/v1/monitoring/indicators",
          spec("monitoring.read", ScopeRule::filtered(), "执法监测指标（来自汇总表，不扫描执法行为）"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              IndicatorQuery q;
              auto region = region_param(req);
              if (!region.ok()) return http::error_response(region.error());
              q.region = region.value();
              auto agency = id_param(req, "agency", "执法机关");
              if (!agency.ok()) return http::error_response(agency.error());
              q.agency_id = agency.value();
              auto period = period_param(req, clock());
              if (!period.ok()) return http::error_response(period.error());
              q.from = period->first;
              q.to = period->second;
              auto res = db.read([&](db::Tx& tx) { return svc.indicators(tx, who, q); });
              if (!res.ok()) return http::error_response(res.error());
              const auto& ind = res.value();
              json::array series;
              for (const auto& f : ind.series) {
                  json::object o = figures_json(f);
                  o["month"] = month_text(f.month);
                  series.push_back(std::move(o));
              }
              json::object out = figures_json(ind.total);
              out["region"] = q.region ? json::value(*q.region) : json::value(nullptr);
              out["agency_id"] = q.agency_id ? json::value(id_to_string(*q.agency_id)) : json::value(nullptr);
              out["from"] = month_text(q.from);
              out["to"] = month_text(q.to);
              out["series"] = std::move(series);
              return ok_json(out);
          });

    r.get(
        "/api/v1/monitoring/acts",
        spec("monitoring.read", ScopeRule::filtered(), "指标下钻：某执法机关某月的执法行为及其预警"),
        [&svc, &db](const http::Request& req, const auth::Caller& who) {
            ActFilter f;
            auto agency = id_param(req, "agency", "执法机关");
            if (!agency.ok()) return http::error_response(agency.error());
            if (!agency.value())
                return http::error_response(Error::validation("validation.required", "「执法机关」不能为空", "agency"));
            f.agency_id = *agency.value();
            auto month = req.query_param("month");
            if (!month || month->empty())
                return http::error_response(Error::validation("validation.required", "「月份」不能为空", "month"));
            auto m = parse_month(*month);
            if (!m) return http::error_response(wrong_type("month", "月份"));
            f.month = *m;
            if (auto v = req.query_param("rule"); v && !v->empty()) {
                if (!rule_from_string(*v)) return http::error_response(wrong_type("rule", "规则"));
                f.rule = *v;
            }
            if (auto v = req.query_param("kind"); v && !v->empty()) {
                if (!act_kind_from_string(*v)) return http::error_response(wrong_type("kind", "执法行为类别"));
                f.kind = *v;
            }
            const int page = http::int_query_param(req, "page", 1, 1000000),
                      size = http::int_query_param(req, "size", 20, 100);
            f.limit = size;
            f.offset = (page - 1) * size;
            auto res = db.read([&](db::Tx& tx) { return svc.acts(tx, who, f); });
            if (!res.ok()) return http::error_response(res.error());
            json::array items;
            for (size_t i = 0; i < res->items.size(); ++i) {
                json::object o = act_json(res->items[i]);
                json::array ws;
                for (const auto& w : res->warnings[i]) ws.push_back(warning_item(w));
                o["warnings"] = std::move(ws);
                items.push_back(std::move(o));
            }
            return ok_json(json::object{{"items", std::move(items)}, {"total", res->total}});
        });
}

}  // namespace lecs::monitoring
