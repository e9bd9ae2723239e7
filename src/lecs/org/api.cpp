#include "lecs/org/api.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <memory>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/org/detail/rate_limiter.hpp"
#include "lecs/org/domains.hpp"
#include "lecs/org/render.hpp"

namespace lecs::org {
namespace {

namespace json = boost::json;
using auth::Caller;
using http::Request;
using http::Response;
using http::RouteSpec;
using http::ScopeRule;

constexpr size_t kSmallBody = 64 * 1024;

Response ok_json(int status, const json::value& v) { return Response::json(status, json::serialize(v)); }

template <class T>
json::object page_json(const PageOf<T>& p, json::object (*one)(const T&)) {
    json::array items;
    for (const auto& x : p.items) items.push_back(one(x));
    return json::object{{"items", std::move(items)}, {"total", p.total}};
}

// ---- query parameters ----------------------------------------------------

Result<std::optional<int64_t>> query_int(const Request& r, std::string_view name, int64_t lo, int64_t hi) {
    auto v = r.query_param(name);
    if (!v || v->empty()) return std::optional<int64_t>{};
    int64_t n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || p != v->data() + v->size() || n < lo || n > hi)
        return Error::validation("validation.wrong_type", "参数「" + std::string(name) + "」格式不正确",
                                 std::string(name));
    return std::optional<int64_t>(n);
}

Result<std::optional<int64_t>> query_id(const Request& r, std::string_view name) {
    auto v = r.query_param(name);
    if (!v || v->empty()) return std::optional<int64_t>{};
    int64_t id = parse_id(*v);
    if (id == 0)
        return Error::validation("validation.wrong_type", "参数「" + std::string(name) + "」格式不正确",
                                 std::string(name));
    return std::optional<int64_t>(id);
}

Result<std::optional<std::string>> query_text(const Request& r, std::string_view name, size_t max_chars) {
    auto v = r.query_param(name);
    if (!v || v->empty()) return std::optional<std::string>{};
    if (http::utf8_length(*v) > max_chars)
        return Error::validation("validation.too_long",
                                 "参数「" + std::string(name) + "」不能超过" + std::to_string(max_chars) + "个字",
                                 std::string(name));
    return v;
}

Result<store::Page> query_page(const Request& r) {
    LECS_ASSIGN(auto page, query_int(r, "page", 1, 1000000));
    LECS_ASSIGN(auto size, query_int(r, "size", 1, 200));
    return store::Page{page.value_or(1), size.value_or(20)};
}

Result<int64_t> path_id(const Request& r) {
    int64_t id = parse_id(r.param("id"));
    if (id == 0) return Error::not_found();
    return id;
}

// ---- body fields beyond json_body's ---------------------------------------

Result<std::vector<std::string>> string_array(const json::object& o, std::string_view field, size_t max_items,
                                              size_t max_chars, std::string_view label) {
    std::vector<std::string> out;
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return out;
    auto wrong = [&] {
        return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确",
                                 std::string(field));
    };
    if (!it->value().is_array() || it->value().get_array().size() > max_items) return wrong();
    for (const auto& v : it->value().get_array()) {
        if (!v.is_string() || http::utf8_length(v.get_string()) > max_chars) return wrong();
        out.emplace_back(v.get_string());
    }
    return out;
}

Result<std::vector<int64_t>> id_array(const json::object& o, std::string_view field, size_t max_items,
                                      std::string_view label) {
    std::vector<int64_t> out;
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return out;
    auto wrong = [&] {
        return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确",
                                 std::string(field));
    };
    if (!it->value().is_array() || it->value().get_array().size() > max_items) return wrong();
    for (const auto& v : it->value().get_array()) {
        int64_t id = 0;
        if (v.is_string())
            id = parse_id(v.get_string());
        else if (v.is_int64() && v.get_int64() > 0)
            id = v.get_int64();
        if (id == 0) return wrong();
        out.push_back(id);
    }
    return out;
}

// ---- bodies ---------------------------------------------------------------

Result<OrgInput> org_input(const json::object& o) {
    OrgInput in;
    LECS_ASSIGN(in.name, http::required_string(o, "name", 100, "机构名称"));
    LECS_ASSIGN(auto short_name, http::optional_string(o, "short_name", 50, "简称"));
    in.short_name = short_name.value_or("");
    LECS_ASSIGN(in.kind, http::required_string(o, "kind", 32, "机构类型"));
    LECS_ASSIGN(in.external_kind, http::optional_string(o, "external_kind", 32, "外部机关类型"));
    LECS_ASSIGN(auto level, http::optional_string(o, "level", 16, "层级"));
    in.level = level.value_or("");
    LECS_ASSIGN(in.region_code, http::required_string(o, "region_code", 12, "行政区划"));
    LECS_ASSIGN(in.uscc, http::optional_string(o, "uscc", 18, "统一社会信用代码"));
    LECS_ASSIGN(in.superior_id, http::optional_id(o, "superior_id", "上级机关"));
    LECS_ASSIGN(in.parent_id, http::optional_id(o, "parent_id", "所属机关"));
    LECS_ASSIGN(in.entrusting_id, http::optional_id(o, "entrusting_id", "委托机关"));
    LECS_ASSIGN(in.government_id, http::optional_id(o, "government_id", "本级人民政府"));
    LECS_ASSIGN(in.head_person_id, http::optional_id(o, "head_person_id", "负责人"));
    LECS_ASSIGN(auto domain, http::optional_string(o, "domain", 32, "执法领域"));
    in.domain = domain.value_or("");
    return in;
}

// An id field that may be cleared with null: absent → unchanged, null → 0 (clear).
Result<std::optional<int64_t>> clearable_id(const json::object& o, std::string_view field, std::string_view label) {
    auto it = o.find(field);
    if (it != o.end() && it->value().is_null()) return std::optional<int64_t>(0);
    return http::optional_id(o, field, label);
}

Result<OrgPatch> org_patch(const json::object& o) {
    OrgPatch p;
    LECS_ASSIGN(p.version, http::required_int64(o, "version", "版本"));
    LECS_ASSIGN(p.name, http::optional_string(o, "name", 100, "机构名称"));
    LECS_ASSIGN(p.short_name, http::optional_string(o, "short_name", 50, "简称"));
    LECS_ASSIGN(p.uscc, http::optional_string(o, "uscc", 18, "统一社会信用代码"));
    LECS_ASSIGN(p.domain, http::optional_string(o, "domain", 32, "执法领域"));
    LECS_ASSIGN(p.superior_id, clearable_id(o, "superior_id", "上级机关"));
    LECS_ASSIGN(p.parent_id, clearable_id(o, "parent_id", "所属机关"));
    LECS_ASSIGN(p.entrusting_id, clearable_id(o, "entrusting_id", "委托机关"));
    LECS_ASSIGN(p.government_id, clearable_id(o, "government_id", "本级人民政府"));
    LECS_ASSIGN(p.head_person_id, clearable_id(o, "head_person_id", "负责人"));
    LECS_ASSIGN(p.successor_id, clearable_id(o, "successor_id", "承继机关"));
    LECS_ASSIGN(p.status, http::optional_string(o, "status", 16, "状态"));
    LECS_ASSIGN(p.abolished_on, http::optional_date(o, "abolished_on", "撤销日期"));
    LECS_ASSIGN(auto reason, http::optional_string(o, "reason", 500, "变更事由"));
    p.reason = reason.value_or("");
    return p;
}

Result<PersonInput> person_input(const json::object& o) {
    PersonInput in;
    LECS_ASSIGN(in.name, http::required_string(o, "name", 50, "姓名"));
    LECS_ASSIGN(in.org_id, http::required_id(o, "org_id", "所属机构"));
    LECS_ASSIGN(auto position, http::optional_string(o, "position", 50, "职务"));
    in.position = position.value_or("");
    LECS_ASSIGN(auto is_head, http::optional_bool(o, "is_head", "是否负责人"));
    in.is_head = is_head.value_or(false);
    LECS_ASSIGN(auto ps, http::optional_bool(o, "is_public_servant", "是否公职人员"));
    in.is_public_servant = ps.value_or(true);
    LECS_ASSIGN(in.id_no, http::optional_string(o, "id_no", 18, "身份证号码"));
    LECS_ASSIGN(in.phone, http::optional_string(o, "phone", 20, "电话号码"));
    return in;
}

Result<PersonPatch> person_patch(const json::object& o) {
    PersonPatch p;
    LECS_ASSIGN(p.version, http::required_int64(o, "version", "版本"));
    LECS_ASSIGN(p.name, http::optional_string(o, "name", 50, "姓名"));
    LECS_ASSIGN(p.org_id, http::optional_id(o, "org_id", "所属机构"));
    LECS_ASSIGN(p.position, http::optional_string(o, "position", 50, "职务"));
    LECS_ASSIGN(p.is_head, http::optional_bool(o, "is_head", "是否负责人"));
    LECS_ASSIGN(p.is_public_servant, http::optional_bool(o, "is_public_servant", "是否公职人员"));
    LECS_ASSIGN(p.id_no, http::optional_string(o, "id_no", 18, "身份证号码"));
    LECS_ASSIGN(p.phone, http::optional_string(o, "phone", 20, "电话号码"));
    return p;
}

Result<CertificateInput> certificate_input(const json::object& o) {
    CertificateInput in;
    LECS_ASSIGN(in.kind, http::required_string(o, "kind", 16, "证件类型"));
    LECS_ASSIGN(in.number, http::required_string(o, "number", 64, "证件编号"));
    LECS_ASSIGN(in.person_id, http::required_id(o, "person_id", "持证人"));
    LECS_ASSIGN(auto issuer, http::optional_string(o, "issuer", 100, "发证机关"));
    in.issuer = issuer.value_or("");
    LECS_ASSIGN(in.issued_on, http::required_date(o, "issued_on", "发证日期"));
    LECS_ASSIGN(in.expires_on, http::required_date(o, "expires_on", "有效期至"));
    LECS_ASSIGN(in.fields, string_array(o, "fields", 50, 50, "执法领域"));
    return in;
}

Result<CertificateEventInput> event_input(const json::object& o) {
    CertificateEventInput in;
    LECS_ASSIGN(in.event, http::required_string(o, "event", 16, "状态事件"));
    LECS_ASSIGN(in.effective_on, http::required_date(o, "effective_on", "生效日期"));
    LECS_ASSIGN(auto reason, http::optional_string(o, "reason", 500, "理由"));
    in.reason = reason.value_or("");
    LECS_ASSIGN(in.version, http::required_int64(o, "version", "版本"));
    return in;
}

Result<StaffingInput> staffing_input(const json::object& o) {
    StaffingInput in;
    LECS_ASSIGN(auto year, http::required_int64(o, "year", "年度"));
    in.year = static_cast<int>(std::clamp<int64_t>(year, 0, 10000));
    LECS_ASSIGN(in.approved_posts, http::required_int64(o, "approved_posts", "编制数"));
    LECS_ASSIGN(in.actual_staff, http::required_int64(o, "actual_staff", "实有人数"));
    LECS_ASSIGN(in.supervised_agencies, http::required_int64(o, "supervised_agencies", "监督的行政执法机关数"));
    LECS_ASSIGN(auto version, http::optional_int64(o, "version", "版本"));
    in.version = version.value_or(0);
    return in;
}

Result<TrainingInput> training_input(const json::object& o) {
    TrainingInput in;
    LECS_ASSIGN(in.org_id, http::required_id(o, "org_id", "组织机构"));
    LECS_ASSIGN(in.course, http::required_string(o, "course", 200, "培训课程"));
    LECS_ASSIGN(in.held_on, http::required_date(o, "held_on", "培训日期"));
    LECS_ASSIGN(in.minutes, http::required_int64(o, "minutes", "培训时长（分钟）"));
    LECS_ASSIGN(in.attendees, id_array(o, "attendees", 2000, "参训人员"));
    return in;
}

// Parse, run in one transaction, render: the shape of every handler.
template <class Parse, class Call, class Render>
Response handle(const Request& req, Parse parse, Call call, Render render, int status = 200) {
    auto parsed = parse(req);
    if (!parsed.ok()) return http::error_response(parsed.error());
    auto r = call(parsed.value());
    if (!r.ok()) return http::error_response(r.error());
    return ok_json(status, render(r.value()));
}

Result<json::object> body_of(const Request& req) { return http::parse_json_object(req.body); }

}  // namespace

void register_api(http::Router& r, OrgService& svc, db::Database& db) {
    auto* S = &svc;
    auto* D = &db;
    auto limiter = std::make_shared<detail::WindowLimiter>(kPublicVerifyPerMinute, 60'000);

    auto spec = [](std::string perm, ScopeRule scope, std::string summary, bool create = false) {
        RouteSpec s;
        s.permission = std::move(perm);
        s.scope = std::move(scope);
        s.body_limit = kSmallBody;
        s.idempotent_create = create;
        s.summary = std::move(summary);
        return s;
    };

    // ---- regions ----
    r.get("/api/v1/regions", spec(std::string(http::kAuthenticated), ScopeRule::public_data(), "行政区划树"),
          [S, D](const Request&, const Caller&) {
              auto tree = D->read([&](db::Tx& tx) { return S->region_tree(tx); });
              return ok_json(200, render::region_tree(tree));
          });

    // ---- organisations ----
    r.get("/api/v1/orgs", spec("org.read", ScopeRule::filtered(), "机构列表"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req,
                  [](const Request& q) -> Result<std::pair<store::OrgFilter, store::Page>> {
                      store::OrgFilter f;
                      LECS_ASSIGN(f.region, query_text(q, "region", 12));
                      LECS_ASSIGN(f.kind, query_text(q, "kind", 32));
                      LECS_ASSIGN(f.q, query_text(q, "q", 50));
                      LECS_ASSIGN(f.status, query_text(q, "status", 16));
                      LECS_ASSIGN(auto page, query_page(q));
                      return std::pair{f, page};
                  },
                  [&](const auto& p) {
                      return D->read([&](db::Tx& tx) { return S->list_orgs(tx, who, p.first, p.second); });
                  },
                  [](const PageOf<Org>& p) { return page_json<Org>(p, render::org); });
          });
    r.get("/api/v1/org-directory",
          spec(std::string(http::kAuthenticated), ScopeRule::public_data(), "机构名录（选择争议当事方等）"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req,
                  [](const Request& q) -> Result<std::pair<store::OrgFilter, store::Page>> {
                      store::OrgFilter f;
                      LECS_ASSIGN(f.region, query_text(q, "region", 12));
                      LECS_ASSIGN(f.kind, query_text(q, "kind", 32));
                      LECS_ASSIGN(f.q, query_text(q, "q", 50));
                      f.status = "active";
                      LECS_ASSIGN(auto page, query_page(q));
                      return std::pair{f, page};
                  },
                  [&](const auto& p) {
                      return D->read([&](db::Tx& tx) { return S->directory(tx, who, p.first, p.second); });
                  },
                  [](const PageOf<Org>& p) {
                      json::array items;
                      for (const auto& o : p.items)
                          items.push_back(json::object{{"id", id_to_string(o.id)},
                                                       {"name", o.name},
                                                       {"short_name", o.short_name},
                                                       {"kind", o.kind},
                                                       {"level", o.level},
                                                       {"region_code", o.region_code}});
                      return json::object{{"items", std::move(items)}, {"total", p.total}};
                  });
          });
    r.get("/api/v1/enforcement-domains",
          spec(std::string(http::kAuthenticated), ScopeRule::public_data(), "执法领域（登记、筛选和统计的分类）"),
          [](const Request&, const Caller&) {
              json::array items;
              for (const auto& d : enforcement_domains())
                  items.push_back(json::object{{"code", d.code}, {"name", d.name}});
              return ok_json(200, json::object{{"items", std::move(items)}});
          });
    r.get("/api/v1/orgs/tree", spec("org.read", ScopeRule::filtered(), "机构树（按行政区划和上级机关）"),
          [S, D](const Request&, const Caller& who) {
              auto t = D->read([&](db::Tx& tx) { return S->org_tree(tx, who); });
              if (!t.ok()) return http::error_response(t.error());
              return ok_json(200, render::org_tree(t.value()));
          });
    r.get("/api/v1/orgs/{id}", spec("org.read", ScopeRule::object("org"), "机构详情"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req, path_id,
                  [&](int64_t id) { return D->read([&](db::Tx& tx) { return S->get_org(tx, who, id); }); },
                  render::org_detail);
          });
    r.post("/api/v1/orgs", spec("org.write", ScopeRule::filtered(), "新建机构", true),
           [S, D](const Request& req, const Caller& who) {
               return handle(
                   req,
                   [](const Request& q) -> Result<OrgInput> {
                       LECS_ASSIGN(auto o, body_of(q));
                       return org_input(o);
                   },
                   [&](const OrgInput& in) {
                       return D->write([&](db::Tx& tx) { return S->create_org(tx, who, in, now_ms()); });
                   },
                   render::org, 201);
           });
    r.patch("/api/v1/orgs/{id}", spec("org.write", ScopeRule::object("org"), "修改、更名或撤销机构"),
            [S, D](const Request& req, const Caller& who) {
                return handle(
                    req,
                    [](const Request& q) -> Result<std::pair<int64_t, OrgPatch>> {
                        LECS_ASSIGN(int64_t id, path_id(q));
                        LECS_ASSIGN(auto o, body_of(q));
                        LECS_ASSIGN(auto p, org_patch(o));
                        return std::pair{id, p};
                    },
                    [&](const auto& p) {
                        return D->write([&](db::Tx& tx) { return S->patch_org(tx, who, p.first, p.second, now_ms()); });
                    },
                    render::org);
            });
    r.get("/api/v1/orgs/{id}/staffing", spec("org.read", ScopeRule::object("org"), "机构编制与人员配备"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req, path_id,
                  [&](int64_t id) { return D->read([&](db::Tx& tx) { return S->get_staffing(tx, who, id); }); },
                  [](const std::vector<Staffing>& v) {
                      json::array items;
                      for (const auto& s : v) items.push_back(render::staffing(s));
                      return json::object{{"items", std::move(items)}, {"total", static_cast<int64_t>(v.size())}};
                  });
          });
    r.put(
        "/api/v1/orgs/{id}/staffing", spec("org.write", ScopeRule::object("org"), "填报机构编制与人员配备"),
        [S, D](const Request& req, const Caller& who) {
            return handle(
                req,
                [](const Request& q) -> Result<std::pair<int64_t, StaffingInput>> {
                    LECS_ASSIGN(int64_t id, path_id(q));
                    LECS_ASSIGN(auto o, body_of(q));
                    LECS_ASSIGN(auto in, staffing_input(o));
                    return std::pair{id, in};
                },
                [&](const auto& p) {
                    return D->write([&](db::Tx& tx) { return S->put_staffing(tx, who, p.first, p.second, now_ms()); });
                },
                render::staffing);
        });

    // ---- people ----
    r.get("/api/v1/people", spec("person.read", ScopeRule::filtered(), "人员列表（个人信息脱敏）"),
          [S, D](const Request& req, const Caller& who) {
              struct Q {
                  std::optional<int64_t> org_id;
                  std::optional<std::string> q;
                  store::Page page;
              };
              return handle(
                  req,
                  [](const Request& q) -> Result<Q> {
                      Q x;
                      LECS_ASSIGN(x.org_id, query_id(q, "org_id"));
                      LECS_ASSIGN(x.q, query_text(q, "q", 50));
                      LECS_ASSIGN(x.page, query_page(q));
                      return x;
                  },
                  [&](const Q& x) {
                      return D->read([&](db::Tx& tx) { return S->list_people(tx, who, x.org_id, x.q, x.page); });
                  },
                  [](const PageOf<PersonView>& p) { return page_json<PersonView>(p, render::person); });
          });
    r.get("/api/v1/people/{id}", spec("person.read", ScopeRule::object("person"), "人员详情（个人信息脱敏）"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req, path_id,
                  [&](int64_t id) { return D->read([&](db::Tx& tx) { return S->get_person(tx, who, id); }); },
                  render::person);
          });
    r.post("/api/v1/people", spec("person.write", ScopeRule::filtered(), "新建人员", true),
           [S, D](const Request& req, const Caller& who) {
               return handle(
                   req,
                   [](const Request& q) -> Result<PersonInput> {
                       LECS_ASSIGN(auto o, body_of(q));
                       return person_input(o);
                   },
                   [&](const PersonInput& in) {
                       return D->write([&](db::Tx& tx) { return S->create_person(tx, who, in, now_ms()); });
                   },
                   render::person, 201);
           });
    r.patch(
        "/api/v1/people/{id}", spec("person.write", ScopeRule::object("person"), "修改人员"),
        [S, D](const Request& req, const Caller& who) {
            return handle(
                req,
                [](const Request& q) -> Result<std::pair<int64_t, PersonPatch>> {
                    LECS_ASSIGN(int64_t id, path_id(q));
                    LECS_ASSIGN(auto o, body_of(q));
                    LECS_ASSIGN(auto p, person_patch(o));
                    return std::pair{id, p};
                },
                [&](const auto& p) {
                    return D->write([&](db::Tx& tx) { return S->patch_person(tx, who, p.first, p.second, now_ms()); });
                },
                render::person);
        });
    r.post(
        "/api/v1/people/{id}/unmask",
        spec("pii.unmask", ScopeRule::object("person"), "查看完整个人信息（须填事由，逐条审计）"),
        [S, D](const Request& req, const Caller& who) {
            return handle(
                req,
                [](const Request& q) -> Result<std::pair<int64_t, std::string>> {
                    LECS_ASSIGN(int64_t id, path_id(q));
                    LECS_ASSIGN(auto o, body_of(q));
                    LECS_ASSIGN(auto reason, http::required_string(o, "reason", 200, "查看事由"));
                    return std::pair{id, reason};
                },
                [&](const auto& p) {
                    return D->write([&](db::Tx& tx) { return S->unmask_person(tx, who, p.first, p.second, now_ms()); });
                },
                [](const Unmasked& u) {
                    return json::object{{"id_no", u.id_no}, {"phone", u.phone}};
                });
        });

    // ---- certificates ----
    r.get("/api/v1/certificates", spec("cert.read", ScopeRule::filtered(), "证件列表（按日期判断有效性）"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req,
                  [](const Request& q) -> Result<CertificateQuery> {
                      CertificateQuery x;
                      LECS_ASSIGN(x.org_id, query_id(q, "org_id"));
                      LECS_ASSIGN(x.person_id, query_id(q, "person_id"));
                      LECS_ASSIGN(x.kind, query_text(q, "kind", 16));
                      LECS_ASSIGN(x.status, query_text(q, "status", 16));
                      LECS_ASSIGN(x.page, query_page(q));
                      x.at = today_shanghai();
                      if (auto at = q.query_param("at"); at && !at->empty()) {
                          auto d = Date::parse(*at);
                          if (!d) return Error::validation("validation.wrong_type", "参数「at」格式不正确", "at");
                          x.at = *d;
                      }
                      return x;
                  },
                  [&](const CertificateQuery& x) {
                      return D->read([&](db::Tx& tx) { return S->list_certificates(tx, who, x); });
                  },
                  [](const PageOf<CertificateView>& p) {
                      json::array items;
                      for (const auto& c : p.items) items.push_back(render::certificate(c, false));
                      return json::object{{"items", std::move(items)}, {"total", p.total}};
                  });
          });
    r.get("/api/v1/certificates/{id}", spec("cert.read", ScopeRule::object("certificate"), "证件详情与状态记录"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req,
                  [](const Request& q) -> Result<std::pair<int64_t, Date>> {
                      LECS_ASSIGN(int64_t id, path_id(q));
                      Date at = today_shanghai();
                      if (auto a = q.query_param("at"); a && !a->empty()) {
                          auto d = Date::parse(*a);
                          if (!d) return Error::validation("validation.wrong_type", "参数「at」格式不正确", "at");
                          at = *d;
                      }
                      return std::pair{id, at};
                  },
                  [&](const auto& p) {
                      return D->read([&](db::Tx& tx) { return S->get_certificate(tx, who, p.first, p.second); });
                  },
                  [](const CertificateView& v) { return render::certificate(v, true); });
          });
    r.post("/api/v1/certificates", spec("cert.write", ScopeRule::filtered(), "登记证件", true),
           [S, D](const Request& req, const Caller& who) {
               return handle(
                   req,
                   [](const Request& q) -> Result<CertificateInput> {
                       LECS_ASSIGN(auto o, body_of(q));
                       return certificate_input(o);
                   },
                   [&](const CertificateInput& in) {
                       return D->write([&](db::Tx& tx) { return S->create_certificate(tx, who, in, now_ms()); });
                   },
                   [](const CertificateView& v) { return render::certificate(v, true); }, 201);
           });
    r.post("/api/v1/certificates/{id}/events",
           spec("cert.write", ScopeRule::object("certificate"), "证件暂停、恢复、吊销"),
           [S, D](const Request& req, const Caller& who) {
               return handle(
                   req,
                   [](const Request& q) -> Result<std::pair<int64_t, CertificateEventInput>> {
                       LECS_ASSIGN(int64_t id, path_id(q));
                       LECS_ASSIGN(auto o, body_of(q));
                       LECS_ASSIGN(auto in, event_input(o));
                       return std::pair{id, in};
                   },
                   [&](const auto& p) {
                       return D->write(
                           [&](db::Tx& tx) { return S->add_certificate_event(tx, who, p.first, p.second, now_ms()); });
                   },
                   [](const CertificateView& v) { return render::certificate(v, true); });
           });
    r.get("/api/v1/public/certificates/{number}",
          spec(std::string(http::kPublic), ScopeRule::public_data(), "公众查验证件（限流）"),
          [S, D, limiter](const Request& req, const Caller&) {
              if (!limiter->allow(req.remote_ip, now_ms()))
                  return http::error_response(Error{"rate_limited", "查询过于频繁，请稍后再试", {}, {}, 429});
              std::string number(req.param("number"));
              if (number.empty() || http::utf8_length(number) > 64)
                  return http::error_response(Error::not_found("未查询到该证件，请核对证件编号"));
              auto r = D->read([&](db::Tx& tx) { return S->verify_public(tx, number, now_ms()); });
              if (!r.ok()) return http::error_response(r.error());
              return ok_json(200, render::public_certificate(r.value()));
          });

    // ---- training (Art 23) ----
    r.get("/api/v1/trainings", spec("org.read", ScopeRule::filtered(), "培训记录"),
          [S, D](const Request& req, const Caller& who) {
              return handle(
                  req,
                  [](const Request& q) -> Result<std::pair<store::TrainingFilter, store::Page>> {
                      store::TrainingFilter f;
                      LECS_ASSIGN(f.org_id, query_id(q, "org_id"));
                      LECS_ASSIGN(auto year, query_int(q, "year", 2000, 2100));
                      if (year) f.year = static_cast<int>(*year);
                      LECS_ASSIGN(auto page, query_page(q));
                      return std::pair{f, page};
                  },
                  [&](const auto& p) {
                      return D->read([&](db::Tx& tx) { return S->list_trainings(tx, who, p.first, p.second); });
                  },
                  [](const PageOf<Training>& p) { return page_json<Training>(p, render::training); });
          });
    r.post("/api/v1/trainings", spec("org.write", ScopeRule::filtered(), "登记培训", true),
           [S, D](const Request& req, const Caller& who) {
               return handle(
                   req,
                   [](const Request& q) -> Result<TrainingInput> {
                       LECS_ASSIGN(auto o, body_of(q));
                       return training_input(o);
                   },
                   [&](const TrainingInput& in) {
                       return D->write([&](db::Tx& tx) { return S->create_training(tx, who, in, now_ms()); });
                   },
                   render::training, 201);
           });
}

}  // namespace lecs::org
