#include "lecs/supervision/api.hpp"

#include <boost/json.hpp>
#include <tuple>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/supervision/detail/api_support.hpp"
#include "lecs/supervision/detail/support.hpp"

namespace lecs::supervision {
namespace {

namespace json = boost::json;
using http::Response;
using http::ScopeRule;

Response ok_json(const json::value& v, int status = 200) { return Response::json(status, json::serialize(v)); }
using detail::opt_date;
using detail::opt_id;
using detail::spec;

Error wrong_type(const std::string& field, std::string_view label) {
    return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确", field);
}

Result<std::string> text(const json::object& o, std::string_view field, size_t max, std::string_view label) {
    LECS_ASSIGN(auto v, http::optional_string(o, field, max, label));
    return v.value_or("");
}

Result<std::vector<std::string>> strings(const json::object& o, std::string_view field, size_t max_chars,
                                         std::string_view label, bool required) {
    const std::string f(field);
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) {
        if (required) return Error::validation("validation.required", "「" + std::string(label) + "」不能为空", f);
        return std::vector<std::string>{};
    }
    if (!it->value().is_array()) return wrong_type(f, label);
    const auto& a = it->value().as_array();
    if (a.size() > kMaxListItems)
        return Error::validation("validation.too_many",
                                 "「" + std::string(label) + "」不能超过" + std::to_string(kMaxListItems) + "项", f);
    std::vector<std::string> out;
    for (size_t i = 0; i < a.size(); ++i) {
        const std::string at = f + "[" + std::to_string(i) + "]";
        if (!a[i].is_string()) return wrong_type(at, label);
        std::string s(a[i].as_string());
        if (http::utf8_length(s) > max_chars)
            return Error::validation("validation.too_long",
                                     "「" + std::string(label) + "」每项不能超过" + std::to_string(max_chars) + "字",
                                     at);
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::vector<int64_t>> ids(const json::object& o, std::string_view field, std::string_view label, bool required) {
    const std::string f(field);
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) {
        if (required) return Error::validation("validation.required", "「" + std::string(label) + "」不能为空", f);
        return std::vector<int64_t>{};
    }
    if (!it->value().is_array()) return wrong_type(f, label);
    const auto& a = it->value().as_array();
    if (a.size() > kMaxListItems)
        return Error::validation("validation.too_many",
                                 "「" + std::string(label) + "」不能超过" + std::to_string(kMaxListItems) + "项", f);
    std::vector<int64_t> out;
    for (size_t i = 0; i < a.size(); ++i) {
        int64_t id = 0;
        if (a[i].is_string()) id = parse_id(a[i].as_string());
        if (a[i].is_int64() && a[i].as_int64() > 0) id = a[i].as_int64();
        if (id <= 0) return wrong_type(f + "[" + std::to_string(i) + "]", label);
        out.push_back(id);
    }
    return out;
}

json::array named_json(std::span<const rules::Named> list) {
    json::array out;
    for (const auto& n : list) out.push_back(json::object{{"code", n.code}, {"label", n.label}});
    return out;
}

std::string label_in(std::span<const rules::Named> list, const std::string& code) {
    const auto* n = rules::find(list, code);
    return n ? std::string(n->label) : code;
}

json::object matter_json(db::Tx& tx, const Matter& m) {
    auto name = [&](int64_t id) { return detail::org_name(tx, id); };
    json::array cats;
    for (const auto& c : m.categories)
        cats.push_back(json::object{{"code", c}, {"label", label_in(rules::content_categories(), c)}});
    return json::object{{"id", id_to_string(m.id)},
                        {"status", m.status},
                        {"status_label", matter_machine().label_of_state(m.status)},
                        {"plan_id", opt_id(m.plan_id)},
                        {"source", m.source},
                        {"source_label", label_in(rules::matter_sources(), m.source)},
                        {"source_ref", opt_id(m.source_ref)},
                        {"mode", m.mode},
                        {"mode_label", label_in(rules::supervision_modes(), m.mode)},
                        {"categories", std::move(cats)},
                        {"subject", m.subject},
                        {"target_org_id", id_to_string(m.target_org_id)},
                        {"target_org_name", name(m.target_org_id)},
                        {"handling_org_id", id_to_string(m.handling_org_id)},
                        {"handling_org_name", name(m.handling_org_id)},
                        {"region_code", m.region_code},
                        {"upper_reason", m.upper_reason ? json::value(*m.upper_reason) : json::value(nullptr)},
                        {"tracked", m.tracked},
                        {"tracked_label", m.tracked_label},
                        {"tracked_due", opt_date(m.tracked_due)},
                        {"correction_due", opt_date(m.correction_due)},
                        {"notice_document_id", opt_id(m.notice_document_id)},
                        {"report_document_id", opt_id(m.report_document_id)},
                        {"decision_document_id", opt_id(m.decision_document_id)},
                        {"concluded_on", opt_date(m.concluded_on)},
                        {"version", m.version},
                        {"created_at", iso_instant(m.created_at)},
                        {"updated_at", iso_instant(m.updated_at)}};
}

json::object detail_json(db::Tx& tx, MatterService& svc, const auth::Caller& who, const Matter& m, int64_t now) {
    json::object o = matter_json(tx, m);
    json::array team;
    for (const auto& t : m.team) {
        team.push_back(json::object{{"person_id", id_to_string(t.person_id)},
                                    {"name", t.name},
                                    {"org_id", id_to_string(t.org_id)},
                                    {"org_name", detail::org_name(tx, t.org_id)},
                                    {"role", t.role}});
    }
    o["team"] = std::move(team);
    json::array actions;
    for (const auto& a : svc.actions(tx, who, m, now)) actions.push_back(json::value(a));
    o["actions"] = std::move(actions);
    return o;
}

json::object clue_json(db::Tx& tx, const Clue& c) {
    auto name = [&](int64_t id) { return detail::org_name(tx, id); };
    return json::object{{"id", id_to_string(c.id)},
                        {"status", c.status},
                        {"status_label", c.status == "submitted"  ? "待处理"
                                         : c.status == "accepted" ? "已立项"
                                                                  : "已退回"},
                        {"room_org_id", id_to_string(c.room_org_id)},
                        {"room_org_name", name(c.room_org_id)},
                        {"county_org_id", id_to_string(c.county_org_id)},
                        {"county_org_name", name(c.county_org_id)},
                        {"target_org_id", id_to_string(c.target_org_id)},
                        {"target_org_name", name(c.target_org_id)},
                        {"content", c.content},
                        {"attachment_id", opt_id(c.attachment_id)},
                        {"return_reason", c.return_reason},
                        {"matter_id", opt_id(c.matter_id)},
                        {"version", c.version},
                        {"created_at", iso_instant(c.created_at)}};
}

json::object records_json(const MatterService::Records& r) {
    json::array inspections, reviews, findings, reports, items;
    for (const auto& i : r.inspections) {
        json::array sups;
        for (const auto& s : i.supervisors)
            sups.push_back(json::object{{"person_id", id_to_string(s.person_id)},
                                        {"name", s.name},
                                        {"certificate_id", id_to_string(s.certificate_id)},
                                        {"certificate_number", s.certificate_number}});
        inspections.push_back(json::object{{"id", id_to_string(i.id)},
                                           {"inspected_on", i.inspected_on.iso()},
                                           {"place", i.place},
                                           {"people_met", i.people_met},
                                           {"record", i.record},
                                           {"attachment_id", opt_id(i.attachment_id)},
                                           {"offline", i.offline},
                                           {"supervisors", std::move(sups)}});
    }
    for (const auto& f : r.file_reviews) {
        json::array found, legality;
        for (const auto& [code, n] : f.found) found.push_back(json::object{{"code", code}, {"times", n}});
        for (const auto& l : f.legality_failures)
            legality.push_back(json::object{{"code", l}, {"label", label_in(rules::legality_failures(), l)}});
        reviews.push_back(json::object{{"id", id_to_string(f.id)},
                                       {"case_no", f.case_no},
                                       {"score", f.score},
                                       {"grade", f.grade},
                                       {"legality_failures", std::move(legality)},
                                       {"found", std::move(found)}});
    }
    for (const auto& f : r.findings)
        findings.push_back(json::object{{"id", id_to_string(f.id)},
                                        {"category", f.category},
                                        {"category_label", label_in(rules::finding_categories(), f.category)},
                                        {"facts", f.facts},
                                        {"evidence", f.evidence},
                                        {"legal_basis", f.legal_basis},
                                        {"disposition", f.disposition},
                                        {"on_spot_record", f.on_spot_record}});
    for (const auto& p : r.reports)
        reports.push_back(json::object{{"id", id_to_string(p.id)},
                                       {"content", p.content},
                                       {"attachment_id", opt_id(p.attachment_id)},
                                       {"submitted_at", iso_instant(p.submitted_at)},
                                       {"verdict", p.verdict ? json::value(*p.verdict) : json::value(nullptr)},
                                       {"verdict_reason", p.verdict_reason}});
    for (const auto& i : r.decision_items)
        items.push_back(json::object{{"kind", i.kind},
                                     {"kind_label", label_in(rules::decision_item_kinds(), i.kind)},
                                     {"content", i.content},
                                     {"due_on", opt_date(i.due_on)},
                                     {"deadline_id", opt_id(i.deadline_id)},
                                     {"fulfilled_on", opt_date(i.fulfilled_on)},
                                     {"fulfilment", i.fulfilment}});
    return json::object{{"inspections", std::move(inspections)},
                        {"file_reviews", std::move(reviews)},
                        {"findings", std::move(findings)},
                        {"reports", std::move(reports)},
                        {"decision_items", std::move(items)}};
}

Result<MatterInput> parse_matter(const json::object& o, bool from_clue) {
    MatterInput in;
    if (!from_clue) {
        LECS_ASSIGN(in.source, http::required_string(o, "source", 40, "线索来源"));
        LECS_ASSIGN(in.target_org_id, http::required_id(o, "target_org_id", "被监督单位"));
        LECS_ASSIGN(in.subject, http::required_string(o, "subject", kMaxTitleChars, "监督事项"));
    } else {
        LECS_ASSIGN(in.subject, text(o, "subject", kMaxTitleChars, "监督事项"));
    }
    LECS_ASSIGN(auto mode, http::optional_string(o, "mode", 20, "监督方式"));
    in.mode = mode.value_or("routine");
    LECS_ASSIGN(in.categories, strings(o, "categories", 20, "监督内容", true));
    LECS_ASSIGN(in.member_person_ids, ids(o, "member_person_ids", "监督人员", false));
    LECS_ASSIGN(in.upper_reason, text(o, "upper_reason", kMaxTextChars, "提级监督理由"));
    LECS_ASSIGN(auto tracked, http::optional_bool(o, "tracked", "挂牌督办"));
    in.tracked = tracked.value_or(false);
    LECS_ASSIGN(in.tracked_label, text(o, "tracked_label", 100, "督办标识"));
    LECS_ASSIGN(in.tracked_due, http::optional_date(o, "tracked_due", "督办期限"));
    return in;
}

Result<std::vector<DecisionItem>> parse_items(const json::object& o) {
    auto it = o.find("items");
    if (it == o.end() || it->value().is_null())
        return Error::validation("validation.required", "「决定事项」不能为空", "items");
    if (!it->value().is_array()) return wrong_type("items", "决定事项");
    const auto& a = it->value().as_array();
    if (a.size() > 20) return Error::validation("validation.too_many", "「决定事项」不能超过20项", "items");
    std::vector<DecisionItem> out;
    for (size_t i = 0; i < a.size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        if (!a[i].is_object()) return wrong_type(at, "决定事项");
        const auto& x = a[i].as_object();
        DecisionItem d;
        auto kind = http::required_string(x, "kind", 40, "决定种类");
        if (!kind.ok()) return Error::validation(kind.error().code, kind.error().message, at + ".kind");
        d.kind = kind.value();
        auto content = http::required_string(x, "content", kMaxTextChars, "决定内容");
        if (!content.ok()) return Error::validation(content.error().code, content.error().message, at + ".content");
        d.content = content.value();
        auto due = http::optional_date(x, "due_on", "期限");
        if (!due.ok()) return Error::validation(due.error().code, due.error().message, at + ".due_on");
        d.due_on = due.value();
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace

void register_api(http::Router& r, MatterService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    auto id_of = [](const http::Request& req) { return parse_id(req.param("id")); };
    // A change in one write transaction, answered as GET answers the matter.
    auto change = [&svc, &db, clock](const auth::Caller& who, int status, auto&& act) {
        const int64_t now = clock();
        auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
            LECS_ASSIGN(Matter m, act(tx, now));
            return detail_json(tx, svc, who, m, now);
        });
        if (!res.ok()) return http::error_response(res.error());
        return ok_json(res.value(), status);
    };
    // A change whose service method runs its own transactions (it issues a document).
    auto own = [&svc, &db, clock](const auth::Caller& who, auto&& act) {
        const int64_t now = clock();
        Result<Matter> m = act(now);
        if (!m.ok()) return http::error_response(m.error());
        auto res = db.read([&](db::Tx& tx) { return detail_json(tx, svc, who, m.value(), now); });
        return ok_json(res);
    };
    // A versioned POST on a matter: the body and its version, the route's fields, then run.
    auto post_versioned = [&r, id_of](std::string path, std::string perm, std::string summary, auto parse, auto run) {
        r.post(std::move(path), spec(std::move(perm), ScopeRule::object("matter"), std::move(summary)),
               [id_of, parse, run](const http::Request& req, const auth::Caller& who) {
                   auto body = http::parse_json_object(req.body);
                   if (!body.ok()) return http::error_response(body.error());
                   auto version = http::required_int64(body.value(), "version", "版本");
                   if (!version.ok()) return http::error_response(version.error());
                   auto in = parse(body.value());
                   if (!in.ok()) return http::error_response(in.error());
                   return run(who, id_of(req), in.value(), version.value());
               });
    };

    r.get("/api/v1/supervision/vocabularies",
          spec("supervision.read", ScopeRule::public_data(), "监督内容、来源、方式、问题类别、决定种类和评查标准"),
          [&svc](const http::Request&, const auth::Caller&) {
              json::array checklist;
              for (const auto& i : svc.checklist().items)
                  checklist.push_back(json::object{{"code", i.code}, {"label", i.label}, {"deduction", i.deduction}});
              return ok_json(json::object{{"categories", named_json(rules::content_categories())},
                                          {"sources", named_json(rules::matter_sources())},
                                          {"modes", named_json(rules::supervision_modes())},
                                          {"finding_categories", named_json(rules::finding_categories())},
                                          {"decision_item_kinds", named_json(rules::decision_item_kinds())},
                                          {"legality_failures", named_json(rules::legality_failures())},
                                          {"checklist", std::move(checklist)}});
          });

    r.post("/api/v1/supervision/plans",
           spec("supervision.handle", ScopeRule::filtered(), "制定监督计划（日常、专项、巡查）", true),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               const auto& o = body.value();
               auto parsed = [&]() -> Result<PlanInput> {
                   PlanInput in;
                   LECS_ASSIGN(in.kind, http::required_string(o, "kind", 20, "监督方式"));
                   LECS_ASSIGN(in.title, http::required_string(o, "title", kMaxTitleChars, "计划名称"));
                   LECS_ASSIGN(in.theme, text(o, "theme", kMaxTitleChars, "专项主题"));
                   LECS_ASSIGN(in.scope_text, text(o, "scope_text", kMaxTextChars, "监督范围"));
                   LECS_ASSIGN(in.period_start, http::optional_date(o, "period_start", "开始日期"));
                   LECS_ASSIGN(in.period_end, http::optional_date(o, "period_end", "结束日期"));
                   LECS_ASSIGN(in.categories, strings(o, "categories", 20, "监督内容", true));
                   LECS_ASSIGN(in.target_org_ids, ids(o, "target_org_ids", "被监督单位", true));
                   LECS_ASSIGN(in.upper_reason, text(o, "upper_reason", kMaxTextChars, "提级监督理由"));
                   return in;
               }();
               if (!parsed.ok()) return http::error_response(parsed.error());
               const int64_t now = clock();
               auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(auto made, svc.create_plan(tx, who, parsed.value(), now));
                   const Plan& p = made.first;
                   json::array matters;
                   for (int64_t id : made.second) matters.push_back(json::value(id_to_string(id)));
                   return json::object{{"plan", json::object{{"id", id_to_string(p.id)},
                                                             {"kind", p.kind},
                                                             {"title", p.title},
                                                             {"theme", p.theme},
                                                             {"period_start", p.period_start.iso()},
                                                             {"period_end", p.period_end.iso()},
                                                             {"org_id", id_to_string(p.org_id)}}},
                                       {"matter_ids", std::move(matters)}};
               });
               if (!res.ok()) return http::error_response(res.error());
               return ok_json(res.value(), 201);
           });

    r.get("/api/v1/supervision/plans/{id}", spec("supervision.read", ScopeRule::object("plan"), "监督计划"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(Plan p, svc.get_plan(tx, who, id_of(req)));
                  json::array targets, cats;
                  for (int64_t t : p.target_org_ids) targets.push_back(json::value(id_to_string(t)));
                  for (const auto& c : p.categories) cats.push_back(json::value(c));
                  return json::object{{"id", id_to_string(p.id)},
                                      {"kind", p.kind},
                                      {"title", p.title},
                                      {"theme", p.theme},
                                      {"scope_text", p.scope_text},
                                      {"period_start", p.period_start.iso()},
                                      {"period_end", p.period_end.iso()},
                                      {"org_id", id_to_string(p.org_id)},
                                      {"categories", std::move(cats)},
                                      {"target_org_ids", std::move(targets)},
                                      {"created_at", iso_instant(p.created_at)}};
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.get(
        "/api/v1/supervision/matters",
        spec("supervision.read", ScopeRule::filtered(), "行政执法监督事项（数据权限内）"),
        [&svc, &db](const http::Request& req, const auth::Caller& who) {
            store::MatterFilter f;
            if (auto s = req.query_param("status"); s && !s->empty()) {
                const auto& states = matter_machine().definition().states;
                if (std::none_of(states.begin(), states.end(), [&](const workflow::Named& n) { return n.name == *s; }))
                    return http::error_response(wrong_type("status", "状态"));
                f.status = *s;
            }
            if (auto s = req.query_param("source"); s && !s->empty()) {
                if (!rules::find(rules::matter_sources(), *s))
                    return http::error_response(wrong_type("source", "线索来源"));
                f.source = *s;
            }
            if (auto p = req.query_param("plan"); p && !p->empty()) {
                const int64_t id = parse_id(*p);
                if (id <= 0) return http::error_response(wrong_type("plan", "监督计划"));
                f.plan_id = id;
            }
            const int page = http::int_query_param(req, "page", 1, 1000000),
                      size = http::int_query_param(req, "size", 20, 100);
            f.limit = size;
            f.offset = (page - 1) * size;
            return db.read([&](db::Tx& tx) {
                auto page_of = svc.list(tx, who, f);
                json::array items;
                for (const auto& m : page_of.items) items.push_back(matter_json(tx, m));
                return ok_json(json::object{{"items", std::move(items)}, {"total", page_of.total}});
            });
        });

    r.post("/api/v1/supervision/matters", spec("supervision.handle", ScopeRule::filtered(), "行政执法监督立项", true),
           [&svc, change](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto in = parse_matter(body.value(), false);
               if (!in.ok()) return http::error_response(in.error());
               return change(who, 201,
                             [&](db::Tx& tx, int64_t now) { return svc.create_matter(tx, who, in.value(), now); });
           });

    r.get("/api/v1/supervision/matters/{id}", spec("supervision.read", ScopeRule::object("matter"), "监督事项详情"),
          [&svc, &db, clock, id_of](const http::Request& req, const auth::Caller& who) {
              const int64_t now = clock();
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(Matter m, svc.get(tx, who, id_of(req)));
                  return detail_json(tx, svc, who, m, now);
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.get("/api/v1/supervision/matters/{id}/records",
          spec("supervision.read", ScopeRule::object("matter"), "现场监督、案卷评查、发现的问题、整改报告和决定事项"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) { return svc.records(tx, who, id_of(req)); });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(records_json(res.value()));
          });

    r.get("/api/v1/supervision/matters/{id}/timeline",
          spec("supervision.read", ScopeRule::object("matter"), "监督事项办理过程"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) { return svc.timeline(tx, who, id_of(req)); });
              if (!res.ok()) return http::error_response(res.error());
              json::array items;
              for (const auto& e : res.value())
                  items.push_back(json::object{{"id", id_to_string(e.id)},
                                               {"kind", e.kind},
                                               {"at", iso_instant(e.at)},
                                               {"by_user", id_to_string(e.by_user)},
                                               {"payload", json::parse(e.payload_json)}});
              return ok_json(json::object{{"items", std::move(items)}});
          });

    post_versioned(
        "/api/v1/supervision/matters/{id}/members", "supervision.handle", "增加监督人员（回避审查）",
        [](const json::object& o) { return http::required_id(o, "person_id", "监督人员"); },
        [&svc, change](const auth::Caller& who, int64_t id, int64_t person, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.add_member(tx, who, id, person, version, now); });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/take-over", "supervision.handle", "提级监督",
        [](const json::object& o) { return http::required_string(o, "reason", kMaxTextChars, "提级监督理由"); },
        [&svc, change](const auth::Caller& who, int64_t id, const std::string& reason, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.take_over(tx, who, id, reason, version, now); });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/inspections", "supervision.handle", "记录现场监督（第十三条）",
        [](const json::object& o) -> Result<InspectionInput> {
            InspectionInput in;
            LECS_ASSIGN(in.supervisor_person_ids, ids(o, "supervisors", "监督人员", true));
            LECS_ASSIGN(in.inspected_on, http::optional_date(o, "inspected_on", "监督日期"));
            LECS_ASSIGN(in.place, text(o, "place", kMaxTitleChars, "监督地点"));
            LECS_ASSIGN(in.people_met, text(o, "people_met", kMaxTextChars, "被监督单位在场人员"));
            LECS_ASSIGN(in.record, text(o, "record", kMaxLongTextChars, "监督情况记录"));
            LECS_ASSIGN(in.attachment_id, http::optional_id(o, "attachment_id", "现场照片或记录扫描件"));
            LECS_ASSIGN(auto offline, http::optional_bool(o, "offline", "离线记录"));
            in.offline = offline.value_or(false);
            return in;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const InspectionInput& in, int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.record_inspection(tx, who, id, in, version, now);
            });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/file-reviews", "supervision.handle", "记录案卷评查",
        [](const json::object& o) -> Result<std::pair<std::string, rules::ReviewInput>> {
            std::pair<std::string, rules::ReviewInput> out;
            LECS_ASSIGN(out.first, http::required_string(o, "case_no", 100, "案卷编号"));
            LECS_ASSIGN(out.second.legality_failures, strings(o, "legality_failures", 40, "合法性问题", false));
            auto it = o.find("found");
            if (it != o.end() && !it->value().is_null()) {
                if (!it->value().is_array()) return wrong_type("found", "扣分项");
                const auto& a = it->value().as_array();
                if (a.size() > kMaxListItems)
                    return Error::validation("validation.too_many", "「扣分项」过多", "found");
                for (size_t i = 0; i < a.size(); ++i) {
                    const std::string at = "found[" + std::to_string(i) + "]";
                    if (!a[i].is_object()) return wrong_type(at, "扣分项");
                    const auto& x = a[i].as_object();
                    auto code = http::required_string(x, "code", 40, "扣分项");
                    if (!code.ok()) return wrong_type(at + ".code", "扣分项");
                    auto times = http::optional_int64(x, "times", "次数");
                    if (!times.ok() || times.value().value_or(1) < 1 || times.value().value_or(1) > 100)
                        return wrong_type(at + ".times", "次数");
                    out.second.found.emplace_back(code.value(), static_cast<int>(times.value().value_or(1)));
                }
            }
            return out;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const std::pair<std::string, rules::ReviewInput>& in,
                       int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.record_file_review(tx, who, id, in.first, in.second, version, now);
            });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/findings", "supervision.handle", "记录发现的问题（第十四条）",
        [](const json::object& o) -> Result<FindingInput> {
            FindingInput in;
            LECS_ASSIGN(in.category, http::required_string(o, "category", 40, "问题类别"));
            LECS_ASSIGN(in.facts, http::required_string(o, "facts", kMaxLongTextChars, "问题事实"));
            LECS_ASSIGN(in.evidence, text(o, "evidence", kMaxLongTextChars, "证据"));
            LECS_ASSIGN(in.legal_basis, http::required_string(o, "legal_basis", kMaxTextChars, "法律依据"));
            LECS_ASSIGN(in.disposition, http::required_string(o, "disposition", 20, "处理方式"));
            LECS_ASSIGN(in.on_spot_record, text(o, "on_spot_record", kMaxTextChars, "当场改正情况"));
            return in;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const FindingInput& in, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.add_finding(tx, who, id, in, version, now); });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/notice", "supervision.handle", "拟制行政执法监督通知书",
        [](const json::object& o) -> Result<NoticeInput> {
            NoticeInput in;
            LECS_ASSIGN(in.correction_due, http::optional_date(o, "correction_due", "整改期限"));
            LECS_ASSIGN(in.requirements, strings(o, "requirements", kMaxTextChars, "整改要求", false));
            return in;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const NoticeInput& in, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.propose_notice(tx, who, id, in, version, now); });
        });

    struct NoFields {};
    auto no_fields = [](const json::object&) -> Result<NoFields> { return NoFields{}; };
    auto reason_of = [](const char* label) {
        return [label](const json::object& o) { return http::required_string(o, "reason", kMaxTextChars, label); };
    };

    post_versioned("/api/v1/supervision/matters/{id}/notice/issue", "supervision.handle",
                   "签发并送达行政执法监督通知书", no_fields,
                   [&svc, &db, own](const auth::Caller& who, int64_t id, NoFields, int64_t version) {
                       return own(who, [&](int64_t now) { return svc.issue_notice(db, who, id, version, now); });
                   });

    post_versioned("/api/v1/supervision/matters/{id}/notice/return", "supervision.handle", "退回行政执法监督通知书",
                   reason_of("退回理由"),
                   [&svc, change](const auth::Caller& who, int64_t id, const std::string& reason, int64_t version) {
                       return change(who, 200, [&](db::Tx& tx, int64_t now) {
                           return svc.return_notice(tx, who, id, reason, version, now);
                       });
                   });

    post_versioned(
        "/api/v1/supervision/matters/{id}/rectification", "supervision.respond", "报送整改情况",
        [](const json::object& o) -> Result<std::pair<std::string, std::optional<int64_t>>> {
            std::pair<std::string, std::optional<int64_t>> out;
            LECS_ASSIGN(out.first, http::required_string(o, "content", kMaxLongTextChars, "整改情况"));
            LECS_ASSIGN(out.second, http::optional_id(o, "attachment_id", "整改材料"));
            return out;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const std::pair<std::string, std::optional<int64_t>>& in,
                       int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.submit_report(tx, who, id, in.first, in.second, version, now);
            });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/verification", "supervision.handle", "复查整改情况",
        [](const json::object& o) -> Result<std::pair<bool, std::string>> {
            std::pair<bool, std::string> out;
            LECS_ASSIGN(out.first, http::required_bool(o, "passed", "复查结论"));
            LECS_ASSIGN(out.second, text(o, "reason", kMaxTextChars, "复查意见"));
            return out;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const std::pair<bool, std::string>& in, int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.verify(tx, who, id, in.first, in.second, version, now);
            });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/escalation", "supervision.handle", "报请本级人民政府决定（第十四条第二款）",
        [](const json::object& o) { return strings(o, "body", kMaxTextChars, "呈报事项", true); },
        [&svc, &db, own](const auth::Caller& who, int64_t id, const std::vector<std::string>& body, int64_t version) {
            return own(who, [&](int64_t now) { return svc.report_to_government(db, who, id, body, version, now); });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/decision", "supervision.decide", "作出行政执法监督决定（第十四条第二款）",
        [](const json::object& o) -> Result<DecisionInput> {
            DecisionInput in;
            LECS_ASSIGN(in.items, parse_items(o));
            LECS_ASSIGN(in.reasons, strings(o, "reasons", kMaxTextChars, "决定理由", false));
            return in;
        },
        [&svc, &db, own](const auth::Caller& who, int64_t id, const DecisionInput& in, int64_t version) {
            return own(who, [&](int64_t now) { return svc.decide(db, who, id, in, version, now); });
        });

    post_versioned(
        "/api/v1/supervision/matters/{id}/fulfilment", "supervision.handle", "记录决定事项的执行情况",
        [](const json::object& o) -> Result<std::tuple<int, std::optional<Date>, std::string>> {
            LECS_ASSIGN(int64_t ordinal, http::required_int64(o, "ordinal", "决定事项序号"));
            if (ordinal < 0 || ordinal > 1000) return wrong_type("ordinal", "决定事项序号");
            LECS_ASSIGN(auto on, http::optional_date(o, "fulfilled_on", "执行日期"));
            LECS_ASSIGN(auto note, text(o, "note", kMaxTextChars, "执行情况"));
            return std::tuple{static_cast<int>(ordinal), on, note};
        },
        [&svc, change](const auth::Caller& who, int64_t id, const std::tuple<int, std::optional<Date>, std::string>& in,
                       int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.record_fulfilment(tx, who, id, std::get<0>(in), std::get<1>(in), std::get<2>(in), version,
                                             now);
            });
        });

    post_versioned("/api/v1/supervision/matters/{id}/close", "supervision.handle", "监督事项办结", no_fields,
                   [&svc, change](const auth::Caller& who, int64_t id, NoFields, int64_t version) {
                       return change(who, 200,
                                     [&](db::Tx& tx, int64_t now) { return svc.close(tx, who, id, version, now); });
                   });

    // ---- township rooms' clues ----

    r.post("/api/v1/supervision/clues",
           spec("supervision.clue", ScopeRule::filtered(), "报送监督线索（第三条第三款）", true),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto in = [&]() -> Result<ClueInput> {
                   ClueInput c;
                   LECS_ASSIGN(c.target_org_id, http::required_id(body.value(), "target_org_id", "被监督单位"));
                   LECS_ASSIGN(c.content,
                               http::required_string(body.value(), "content", kMaxLongTextChars, "线索内容"));
                   LECS_ASSIGN(c.attachment_id, http::optional_id(body.value(), "attachment_id", "附件"));
                   return c;
               }();
               if (!in.ok()) return http::error_response(in.error());
               const int64_t now = clock();
               auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(Clue c, svc.create_clue(tx, who, in.value(), now));
                   return clue_json(tx, c);
               });
               if (!res.ok()) return http::error_response(res.error());
               return ok_json(res.value(), 201);
           });

    r.get("/api/v1/supervision/clues", spec("supervision.read", ScopeRule::filtered(), "监督线索（数据权限内）"),
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              std::optional<std::string> status;
              if (auto s = req.query_param("status"); s && !s->empty()) {
                  if (*s != "submitted" && *s != "accepted" && *s != "returned")
                      return http::error_response(wrong_type("status", "状态"));
                  status = *s;
              }
              return db.read([&](db::Tx& tx) {
                  json::array items;
                  for (const auto& c : svc.list_clues(tx, who, status)) items.push_back(clue_json(tx, c));
                  return ok_json(json::object{{"items", std::move(items)}});
              });
          });

    r.get("/api/v1/supervision/clues/{id}", spec("supervision.read", ScopeRule::object("clue"), "监督线索详情"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(Clue c, svc.get_clue(tx, who, id_of(req)));
                  return clue_json(tx, c);
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.post("/api/v1/supervision/clues/{id}/accept",
           spec("supervision.handle", ScopeRule::object("clue"), "受理监督线索并立项"),
           [&svc, &db, clock, id_of](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto version = http::required_int64(body.value(), "version", "版本");
               if (!version.ok()) return http::error_response(version.error());
               auto in = parse_matter(body.value(), true);
               if (!in.ok()) return http::error_response(in.error());
               const int64_t now = clock();
               auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(auto made, svc.accept_clue(tx, who, id_of(req), in.value(), version.value(), now));
                   return json::object{{"clue", clue_json(tx, made.first)},
                                       {"matter", detail_json(tx, svc, who, made.second, now)}};
               });
               if (!res.ok()) return http::error_response(res.error());
               return ok_json(res.value());
           });

    r.post("/api/v1/supervision/clues/{id}/return",
           spec("supervision.handle", ScopeRule::object("clue"), "退回监督线索"),
           [&svc, &db, clock, id_of](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto version = http::required_int64(body.value(), "version", "版本");
               if (!version.ok()) return http::error_response(version.error());
               auto reason = http::required_string(body.value(), "reason", kMaxTextChars, "退回理由");
               if (!reason.ok()) return http::error_response(reason.error());
               const int64_t now = clock();
               auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(Clue c, svc.return_clue(tx, who, id_of(req), reason.value(), version.value(), now));
                   return clue_json(tx, c);
               });
               if (!res.ok()) return http::error_response(res.error());
               return ok_json(res.value());
           });
}

}  // namespace lecs::supervision
