// Routes of the 监督建议书 (Art 15) and guidance requests (Art 18); the contract is api.hpp's.
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/supervision/advice.hpp"
#include "lecs/supervision/api.hpp"
#include "lecs/supervision/detail/api_support.hpp"
#include "lecs/supervision/detail/support.hpp"

namespace lecs::supervision {
namespace {

namespace json = boost::json;
using http::Response;
using http::ScopeRule;

Response answer(const Result<json::object>& r, int status = 200) {
    if (!r.ok()) return http::error_response(r.error());
    return Response::json(status, json::serialize(r.value()));
}

using detail::opt_id;
using detail::opt_instant;
using detail::org_name;
using detail::spec;

json::object suggestion_json(db::Tx& tx, const Suggestion& s) {
    return json::object{{"id", id_to_string(s.id)},
                        {"status", s.status},
                        {"status_label", s.status == "drafted"  ? "待签发"
                                         : s.status == "issued" ? "待反馈"
                                                                : "已反馈"},
                        {"matter_id", opt_id(s.matter_id)},
                        {"org_id", id_to_string(s.org_id)},
                        {"org_name", org_name(tx, s.org_id)},
                        {"target_org_id", id_to_string(s.target_org_id)},
                        {"target_org_name", org_name(tx, s.target_org_id)},
                        {"subject", s.subject},
                        {"document_id", id_to_string(s.document_id)},
                        {"response", s.response},
                        {"responded_at", opt_instant(s.responded_at)},
                        {"version", s.version},
                        {"created_at", iso_instant(s.created_at)}};
}

json::object guidance_json(db::Tx& tx, const GuidanceRequest& g) {
    return json::object{{"id", id_to_string(g.id)},
                        {"status", g.status},
                        {"status_label", g.status == "open" ? "待答复" : "已答复"},
                        {"from_org_id", id_to_string(g.from_org_id)},
                        {"from_org_name", org_name(tx, g.from_org_id)},
                        {"to_org_id", id_to_string(g.to_org_id)},
                        {"to_org_name", org_name(tx, g.to_org_id)},
                        {"matter_id", opt_id(g.matter_id)},
                        {"question", g.question},
                        {"answer", g.answer},
                        {"answered_at", opt_instant(g.answered_at)},
                        {"version", g.version},
                        {"created_at", iso_instant(g.created_at)}};
}

Result<std::vector<std::string>> paragraphs(const json::object& o) {
    auto it = o.find("body");
    if (it == o.end() || it->value().is_null())
        return Error::validation("validation.required", "「分析与建议」不能为空", "body");
    if (!it->value().is_array()) return Error::validation("validation.wrong_type", "「分析与建议」格式不正确", "body");
    const auto& a = it->value().as_array();
    if (a.size() > kMaxListItems) return Error::validation("validation.too_many", "「分析与建议」段落过多", "body");
    std::vector<std::string> out;
    for (size_t i = 0; i < a.size(); ++i) {
        const std::string at = "body[" + std::to_string(i) + "]";
        if (!a[i].is_string()) return Error::validation("validation.wrong_type", "「分析与建议」格式不正确", at);
        if (http::utf8_length(a[i].as_string()) > kMaxTextChars)
            return Error::validation("validation.too_long",
                                     "「分析与建议」每段不能超过" + std::to_string(kMaxTextChars) + "字", at);
        out.emplace_back(a[i].as_string());
    }
    return out;
}

}  // namespace

void register_advice_api(http::Router& r, AdviceService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    auto id_of = [](const http::Request& req) { return parse_id(req.param("id")); };
    auto versioned = [](const http::Request& req) -> Result<std::pair<json::object, int64_t>> {
        LECS_ASSIGN(auto body, http::parse_json_object(req.body));
        LECS_ASSIGN(auto version, http::required_int64(body, "version", "版本"));
        return std::pair{std::move(body), version};
    };

    r.get("/api/v1/supervision/suggestions",
          spec("supervision.read", ScopeRule::filtered(), "行政执法监督建议书（数据权限内）"),
          [&svc, &db](const http::Request&, const auth::Caller& who) {
              return db.read([&](db::Tx& tx) {
                  json::array items;
                  for (const auto& s : svc.list_suggestions(tx, who)) items.push_back(suggestion_json(tx, s));
                  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}}));
              });
          });
    r.post("/api/v1/supervision/suggestions",
           spec("supervision.handle", ScopeRule::filtered(), "拟制行政执法监督建议书（第十五条）", true),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto in = [&]() -> Result<SuggestionInput> {
                   LECS_ASSIGN(auto o, http::parse_json_object(req.body));
                   SuggestionInput s;
                   LECS_ASSIGN(s.target_org_id, http::required_id(o, "target_org_id", "被建议单位"));
                   LECS_ASSIGN(s.matter_id, http::optional_id(o, "matter_id", "监督事项"));
                   LECS_ASSIGN(s.subject, http::required_string(o, "subject", kMaxTitleChars, "建议事项"));
                   LECS_ASSIGN(s.body, paragraphs(o));
                   return s;
               }();
               if (!in.ok()) return http::error_response(in.error());
               return answer(db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(Suggestion s, svc.draft_suggestion(tx, who, in.value(), clock()));
                   return suggestion_json(tx, s);
               }),
                             201);
           });
    r.get("/api/v1/supervision/suggestions/{id}",
          spec("supervision.read", ScopeRule::object("suggestion"), "监督建议书详情"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              return answer(db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(Suggestion s, svc.get_suggestion(tx, who, id_of(req)));
                  return suggestion_json(tx, s);
              }));
          });
    r.post(
        "/api/v1/supervision/suggestions/{id}/issue",
        spec("supervision.handle", ScopeRule::object("suggestion"), "签发并送达监督建议书"),
        [&svc, &db, clock, id_of, versioned](const http::Request& req, const auth::Caller& who) {
            auto b = versioned(req);
            if (!b.ok()) return http::error_response(b.error());
            auto s = svc.issue_suggestion(db, who, id_of(req), b->second, clock());
            if (!s.ok()) return http::error_response(s.error());
            return answer(db.read([&](db::Tx& tx) -> Result<json::object> { return suggestion_json(tx, s.value()); }));
        });
    r.post("/api/v1/supervision/suggestions/{id}/response",
           spec("supervision.respond", ScopeRule::object("suggestion"), "反馈监督建议采纳情况"),
           [&svc, &db, clock, id_of, versioned](const http::Request& req, const auth::Caller& who) {
               auto b = versioned(req);
               if (!b.ok()) return http::error_response(b.error());
               auto text = http::required_string(b->first, "response", kMaxLongTextChars, "采纳和落实情况");
               if (!text.ok()) return http::error_response(text.error());
               return answer(db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(Suggestion s, svc.respond(tx, who, id_of(req), text.value(), b->second, clock()));
                   return suggestion_json(tx, s);
               }));
           });

    r.get("/api/v1/supervision/guidance", spec("supervision.read", ScopeRule::filtered(), "指导请求（数据权限内）"),
          [&svc, &db](const http::Request&, const auth::Caller& who) {
              return db.read([&](db::Tx& tx) {
                  json::array items;
                  for (const auto& g : svc.list_guidance(tx, who)) items.push_back(guidance_json(tx, g));
                  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}}));
              });
          });
    r.post("/api/v1/supervision/guidance",
           spec("supervision.handle", ScopeRule::filtered(), "请上级部门指导帮助（第十八条）", true),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto question = http::required_string(body.value(), "question", kMaxLongTextChars, "请求指导的问题");
               if (!question.ok()) return http::error_response(question.error());
               auto matter = http::optional_id(body.value(), "matter_id", "监督事项");
               if (!matter.ok()) return http::error_response(matter.error());
               return answer(db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(GuidanceRequest g, svc.ask_guidance(tx, who, question.value(), matter.value(), clock()));
                   return guidance_json(tx, g);
               }),
                             201);
           });
    r.get("/api/v1/supervision/guidance/{id}", spec("supervision.read", ScopeRule::object("guidance"), "指导请求详情"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              return answer(db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(GuidanceRequest g, svc.get_guidance(tx, who, id_of(req)));
                  return guidance_json(tx, g);
              }));
          });
    r.post("/api/v1/supervision/guidance/{id}/answer",
           spec("supervision.handle", ScopeRule::object("guidance"), "答复指导请求"),
           [&svc, &db, clock, id_of, versioned](const http::Request& req, const auth::Caller& who) {
               auto b = versioned(req);
               if (!b.ok()) return http::error_response(b.error());
               auto text = http::required_string(b->first, "answer", kMaxLongTextChars, "指导意见");
               if (!text.ok()) return http::error_response(text.error());
               return answer(db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(GuidanceRequest g,
                               svc.answer_guidance(tx, who, id_of(req), text.value(), b->second, clock()));
                   return guidance_json(tx, g);
               }));
           });
}

}  // namespace lecs::supervision
