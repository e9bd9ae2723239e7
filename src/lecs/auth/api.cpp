#include "lecs/auth/api.hpp"

#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/json_body.hpp"

namespace lecs::auth {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr size_t kMaxPasswordChars = 128;
constexpr int64_t kCookieMaxAgeS = 12 * 3600;  // the absolute session timeout
constexpr size_t kSmallBody = 16 * 1024;

json::array string_array(const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
}

json::object account_json(const Account& a) {
    return json::object{
        {"id", id_to_string(a.id)},
        {"username", a.username},
        {"display_name", a.display_name},
        {"roles", string_array(a.roles)},
        {"org", json::object{{"id", id_to_string(a.org.id)}, {"name", a.org.name}, {"region_code", a.org.region_code}}},
        {"person_id", a.person_id ? json::value(id_to_string(*a.person_id)) : json::value(nullptr)},
        {"must_change_password", a.must_change_password},
        {"totp_enabled", a.totp_enabled},
        {"must_enrol_totp", a.must_enrol_totp},
        {"status", a.status},
        {"version", a.version},
    };
}

Response session_answer(const Account& a, const std::vector<std::string>& permissions, const std::string& csrf) {
    json::object o{{"user", account_json(a)}, {"permissions", string_array(permissions)}, {"csrf_token", csrf}};
    return Response::json(200, json::serialize(o));
}

std::string session_cookie(std::string_view value, int64_t max_age_s, bool secure) {
    std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                    "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age_s);
    if (secure) c += "; Secure";
    return c;
}

// Passwords are read as typed: unlike http::required_string they are NOT
// trimmed (a space is a valid password character), with the same error shape.
Result<std::string> password_field(const json::object& o, std::string_view field, std::string_view label) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null() || (it->value().is_string() && it->value().get_string().empty()))
        return Error::validation("validation.required", "「" + std::string(label) + "」不能为空", std::string(field));
    if (!it->value().is_string())
        return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确",
                                 std::string(field));
    std::string s(it->value().get_string());
    if (http::utf8_length(s) > kMaxPasswordChars)
        return Error::validation("validation.too_long",
                                 "「" + std::string(label) + "」不能超过" + std::to_string(kMaxPasswordChars) + "个字",
                                 std::string(field));
    return s;
}

Result<std::vector<std::string>> roles_field(const json::object& o) {
    auto it = o.find("roles");
    if (it == o.end() || it->value().is_null())
        return Error::validation("validation.required", "「角色」不能为空", "roles");
    if (!it->value().is_array()) return Error::validation("validation.wrong_type", "「角色」格式不正确", "roles");
    std::vector<std::string> roles;
    for (const auto& v : it->value().get_array()) {
        if (!v.is_string() || v.get_string().size() > 64)
            return Error::validation("validation.wrong_type", "「角色」格式不正确", "roles");
        roles.emplace_back(v.get_string());
    }
    return roles;
}

Result<int64_t> path_id(const Request& req) {
    int64_t id = parse_id(req.param("id"));
    if (id == 0) return Error::not_found();
    return id;
}

int64_t query_int(const Request& req, std::string_view name, int64_t fallback) {
    auto v = req.query_param(name);
    if (!v) return fallback;
    int64_t n = parse_id(*v);
    return n > 0 ? n : fallback;
}

Response or_error(const Result<void>& r) { return r.ok() ? Response::no_content() : http::error_response(r.error()); }

http::RouteSpec spec(std::string_view permission, http::ScopeRule scope, std::string summary, bool create = false) {
    http::RouteSpec s;
    s.permission = std::string(permission);
    s.scope = std::move(scope);
    s.body_limit = kSmallBody;
    s.idempotent_create = create;
    s.summary = std::move(summary);
    return s;
}

// ---- handlers (plain functions: parse, call the service, render) -------------

Response login(AuthService& svc, const AuthApiConfig& cfg, db::Database& db, const Request& req) {
    // The middleware has refused a public POST without a JSON content type
    // (a cross-site HTML form cannot send one).
    auto body = http::parse_json_object(req.body);
    if (!body) return http::error_response(body.error());
    auto username = http::required_string(*body, "username", 64, "用户名");
    if (!username) return http::error_response(username.error());
    auto password = password_field(*body, "password", "密码");
    if (!password) return http::error_response(password.error());
    auto totp = http::optional_string(*body, "totp", 8, "动态验证码");
    if (!totp) return http::error_response(totp.error());

    LoginRequest in;
    in.username = *username;
    in.password = *password;
    in.totp = totp->value_or("");
    in.ip = req.remote_ip;
    in.user_agent = std::string(req.header("user-agent").value_or(""));
    LoginOutcome out = svc.login(db, in, now_ms());
    if (!out.succeeded()) return http::error_response(*out.error);
    Response r = session_answer(out.success->account, out.success->permissions, out.success->csrf_token);
    r.headers.emplace_back("Set-Cookie", session_cookie(out.success->token, kCookieMaxAgeS, cfg.secure_cookies));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response logout(AuthService& svc, const AuthApiConfig& cfg, db::Database& db, const Caller& who) {
    auto r = db.write([&](db::Tx& tx) { return svc.logout(tx, who, now_ms()); });
    if (!r) return http::error_response(r.error());
    Response resp = Response::no_content();
    resp.headers.emplace_back("Set-Cookie", session_cookie("", 0, cfg.secure_cookies));
    return resp;
}

Response me(AuthService& svc, db::Database& db, const Caller& who) {
    auto a = db.read([&](db::Tx& tx) { return svc.me(tx, who, now_ms()); });
    if (!a) return http::error_response(a.error());
    Response r = session_answer(*a, who.permissions, who.csrf_token);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response change_password(AuthService& svc, db::Database& db, const Request& req, const Caller& who) {
    auto body = http::parse_json_object(req.body);
    if (!body) return http::error_response(body.error());
    auto old_pw = password_field(*body, "old_password", "原密码");
    if (!old_pw) return http::error_response(old_pw.error());
    auto new_pw = password_field(*body, "new_password", "新密码");
    if (!new_pw) return http::error_response(new_pw.error());
    return or_error(db.write([&](db::Tx& tx) { return svc.change_password(tx, who, *old_pw, *new_pw, now_ms()); }));
}

Response totp_enroll(AuthService& svc, db::Database& db, const Caller& who) {
    auto e = db.write([&](db::Tx& tx) { return svc.totp_enroll(tx, who, now_ms()); });
    if (!e) return http::error_response(e.error());
    Response r =
        Response::json(200, json::serialize(json::object{{"secret", e->secret}, {"otpauth_uri", e->otpauth_uri}}));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response totp_confirm(AuthService& svc, db::Database& db, const Request& req, const Caller& who) {
    auto body = http::parse_json_object(req.body);
    if (!body) return http::error_response(body.error());
    auto code = http::required_string(*body, "code", 8, "动态验证码");
    if (!code) return http::error_response(code.error());
    return or_error(db.write([&](db::Tx& tx) { return svc.totp_confirm(tx, who, *code, now_ms()); }));
}

Response list_users(AuthService& svc, db::Database& db, const Request& req, const Caller& who) {
    int64_t page = query_int(req, "page", 1);
    int64_t size = query_int(req, "size", 20);
    auto p = db.read([&](db::Tx& tx) { return svc.list_users(tx, who, page, size, now_ms()); });
    if (!p) return http::error_response(p.error());
    json::array items;
    for (const auto& a : p->items) items.emplace_back(account_json(a));
    return Response::json(200, json::serialize(json::object{{"items", std::move(items)}, {"total", p->total}}));
}

Response create_user(AuthService& svc, db::Database& db, const Request& req, const Caller& who) {
    auto body = http::parse_json_object(req.body);
    if (!body) return http::error_response(body.error());
    auto username = http::required_string(*body, "username", 32, "用户名");
    if (!username) return http::error_response(username.error());
    auto display_name = http::required_string(*body, "display_name", 64, "姓名");
    if (!display_name) return http::error_response(display_name.error());
    auto org_id = http::required_id(*body, "org_id", "所属单位");
    if (!org_id) return http::error_response(org_id.error());
    auto person_id = http::optional_id(*body, "person_id", "人员");
    if (!person_id) return http::error_response(person_id.error());
    auto password = password_field(*body, "password", "初始密码");
    if (!password) return http::error_response(password.error());

    NewUser in;
    in.username = *username;
    in.display_name = *display_name;
    in.org_id = *org_id;
    in.person_id = *person_id;
    in.password = *password;
    auto a = db.write([&](db::Tx& tx) { return svc.create_user(tx, who, in, now_ms()); });
    if (!a) return http::error_response(a.error());
    return Response::json(201, json::serialize(account_json(*a)));
}

Response set_roles(AuthService& svc, db::Database& db, const Request& req, const Caller& who) {
    auto id = path_id(req);
    if (!id) return http::error_response(id.error());
    auto body = http::parse_json_object(req.body);
    if (!body) return http::error_response(body.error());
    auto roles = roles_field(*body);
    if (!roles) return http::error_response(roles.error());
    auto version = http::required_int64(*body, "version", "版本号");
    if (!version) return http::error_response(version.error());
    auto a = db.write([&](db::Tx& tx) { return svc.set_roles(tx, who, *id, *roles, *version, now_ms()); });
    if (!a) return http::error_response(a.error());
    return Response::json(200, json::serialize(account_json(*a)));
}

Response unlock(AuthService& svc, db::Database& db, const Request& req, const Caller& who) {
    auto id = path_id(req);
    if (!id) return http::error_response(id.error());
    return or_error(db.write([&](db::Tx& tx) { return svc.unlock(tx, who, *id, now_ms()); }));
}

Response reset_password(AuthService& svc, db::Database& db, const Request& req, const Caller& who) {
    auto id = path_id(req);
    if (!id) return http::error_response(id.error());
    auto body = http::parse_json_object(req.body);
    if (!body) return http::error_response(body.error());
    auto pw = password_field(*body, "new_password", "新密码");
    if (!pw) return http::error_response(pw.error());
    return or_error(db.write([&](db::Tx& tx) { return svc.reset_password(tx, who, *id, *pw, now_ms()); }));
}

}  // namespace

void register_api(http::Router& r, AuthService& svc, db::Database& db, const AuthApiConfig& config) {
    using http::ScopeRule;
    AuthService* s = &svc;
    db::Database* d = &db;
    AuthApiConfig cfg = config;
    r.post("/api/v1/auth/login", spec(http::kPublic, ScopeRule::public_data(), "登录"),
           [s, d, cfg](const Request& req, const Caller&) { return login(*s, cfg, *d, req); });
    r.post("/api/v1/auth/logout", spec(http::kAuthenticated, ScopeRule::self(), "退出登录"),
           [s, d, cfg](const Request&, const Caller& who) { return logout(*s, cfg, *d, who); });
    r.get("/api/v1/me", spec(http::kAuthenticated, ScopeRule::self(), "当前用户"),
          [s, d](const Request&, const Caller& who) { return me(*s, *d, who); });
    r.post("/api/v1/auth/password", spec(http::kAuthenticated, ScopeRule::self(), "修改密码"),
           [s, d](const Request& req, const Caller& who) { return change_password(*s, *d, req, who); });
    r.post("/api/v1/auth/totp/enroll", spec(http::kAuthenticated, ScopeRule::self(), "生成动态验证码密钥"),
           [s, d](const Request&, const Caller& who) { return totp_enroll(*s, *d, who); });
    r.post("/api/v1/auth/totp/confirm", spec(http::kAuthenticated, ScopeRule::self(), "启用动态验证码"),
           [s, d](const Request& req, const Caller& who) { return totp_confirm(*s, *d, req, who); });
    r.get("/api/v1/users", spec("user.read", ScopeRule::filtered(), "用户列表"),
          [s, d](const Request& req, const Caller& who) { return list_users(*s, *d, req, who); });
    r.post("/api/v1/users", spec("user.write", ScopeRule::filtered(), "新建用户", true),
           [s, d](const Request& req, const Caller& who) { return create_user(*s, *d, req, who); });
    r.put("/api/v1/users/{id}/roles", spec("role.assign", ScopeRule::object("user"), "设置用户角色"),
          [s, d](const Request& req, const Caller& who) { return set_roles(*s, *d, req, who); });
    r.post("/api/v1/users/{id}/unlock", spec("user.unlock", ScopeRule::object("user"), "解除登录锁定"),
           [s, d](const Request& req, const Caller& who) { return unlock(*s, *d, req, who); });
    r.post("/api/v1/users/{id}/reset-password", spec("user.unlock", ScopeRule::object("user"), "重置密码"),
           [s, d](const Request& req, const Caller& who) { return reset_password(*s, *d, req, who); });
}

}  // namespace lecs::auth
