#include "lecs/http/detail/pipeline.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/crypto.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/detail/idempotency.hpp"
#include "lecs/http/detail/static_files.hpp"

namespace lecs::http::detail {
namespace {

using Kind = Prepared::Kind;

constexpr size_t kMaxIdempotencyKey = 128;

bool is_api_path(std::string_view path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

bool changes_state(std::string_view m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

spdlog::logger& access_logger() {
    static std::shared_ptr<spdlog::logger> logger = [] {
        auto l = spdlog::get("lecs.access");
        if (!l) {
            l = spdlog::stdout_logger_mt("lecs.access");
            l->set_pattern("%v");
        }
        return l;
    }();
    return *logger;
}

// Whether the Content-Type header names the media type t (case-insensitive, parameters allowed).
bool has_media_type(std::optional<std::string_view> content_type, std::string_view t) {
    if (!content_type) return false;
    std::string v(*content_type);
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v.rfind(t, 0) == 0 && (v.size() == t.size() || v[t.size()] == ';' || v[t.size()] == ' ');
}

bool is_json(std::optional<std::string_view> content_type) { return has_media_type(content_type, "application/json"); }

Response text_response(int status, std::string content_type, std::string body) {
    Response r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

}  // namespace

std::string request_id_for(std::optional<std::string_view> client_id) {
    if (client_id && !client_id->empty() && client_id->size() <= 64) {
        bool sane = true;
        for (char c : *client_id)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') sane = false;
        if (sane) return std::string(*client_id);
    }
    return crypto::hex(crypto::random_bytes(8));
}

Pipeline::Pipeline(ServerConfig config, const Router& router, ServerHooks hooks)
    : config_(std::move(config)),
      router_(router),
      hooks_(std::move(hooks)),
      limiter_(config_.per_ip_rate, config_.per_ip_burst) {}

Response Pipeline::refuse(const Request& req, const auth::Caller& caller, const Error& e) {
    if (hooks_.on_refused) hooks_.on_refused(caller, req, e.http_status, e.code);
    return error_response(e);
}

Prepared Pipeline::prepare(Request& req, std::optional<uint64_t> content_length) {
    req.request_id = request_id_for(req.header("x-request-id"));
    Prepared p;
    auth::Caller anonymous;
    anonymous.ip = req.remote_ip;
    anonymous.request_id = req.request_id;
    bool get_like = req.method == "GET" || req.method == "HEAD";

    // Probes are exempt from the rate limit: a load balancer polls them.
    if (req.path == "/healthz" || req.path == "/readyz" || req.path == "/metrics") {
        p.kind = req.path == "/healthz" ? Kind::kHealth : req.path == "/readyz" ? Kind::kReady : Kind::kMetrics;
        p.label = req.path;
        if (!get_like) {
            p.early = refuse(req, anonymous, Error{"http.method_not_allowed", "不支持该请求方法", {}, {}, 405});
            p.early->headers.emplace_back("Allow", "GET, HEAD");
        }
        return p;
    }

    int retry_after = 1;
    if (!limiter_.allow(req.remote_ip, RateLimiter::Clock::now(), &retry_after)) {
        p.label = "rate_limited";
        p.early = refuse(req, anonymous, Error{"rate_limited", "请求过于频繁，请稍后再试", {}, {}, 429});
        p.early->headers.emplace_back("Retry-After", std::to_string(retry_after));
        return p;
    }

    if (!is_api_path(req.path)) {
        p.kind = Kind::kStatic;
        p.label = "static";
        if (config_.static_dir.empty()) {
            p.early = refuse(req, anonymous, Error{"not_found", "页面不存在", {}, {}, 404});
        } else if (!get_like) {
            p.early = refuse(req, anonymous, Error{"http.method_not_allowed", "不支持该请求方法", {}, {}, 405});
            p.early->headers.emplace_back("Allow", "GET, HEAD");
        }
        return p;
    }

    Match m = router_.match(req.method, req.path);
    if (!m.route) {
        if (!m.allowed.empty()) {
            p.label = "method_not_allowed";
            p.early = refuse(req, anonymous, Error{"http.method_not_allowed", "不支持该请求方法", {}, {}, 405});
            p.early->headers.emplace_back("Allow", join(m.allowed));
        } else {
            p.label = "unmatched";
            p.early = refuse(req, anonymous, Error{"not_found", "接口不存在", {}, {}, 404});
        }
        return p;
    }
    p.route = m.route;
    p.label = m.route->pattern;
    req.path_params = std::move(m.params);
    p.body_limit = m.route->spec.body_limit;
    if (content_length && *content_length > p.body_limit)
        p.early = refuse(req, anonymous, Error{"http.body_too_large", "请求体过大", {}, {}, 413});
    return p;
}

Response Pipeline::run(Request& req, const Prepared& p, int64_t* user_id) {
    *user_id = 0;
    try {
        switch (p.kind) {
            case Kind::kHealth:
                return text_response(200, "application/json; charset=utf-8", R"({"status":"ok"})");
            case Kind::kReady: {
                bool ready = !hooks_.ready || hooks_.ready();
                return text_response(ready ? 200 : 503, "application/json; charset=utf-8",
                                     ready ? R"({"status":"ready"})" : R"({"status":"not_ready"})");
            }
            case Kind::kMetrics:
                return text_response(200, "text/plain; version=0.0.4; charset=utf-8", metrics_.text());
            case Kind::kStatic:
                return serve_static(config_.static_dir, req);
            case Kind::kApi:
                return run_api(req, *p.route, user_id);
        }
    } catch (const std::exception& e) {
        return internal(req, p, e);
    }
    return internal_error(req.request_id);
}

Response Pipeline::internal(const Request& req, const Prepared& p, const std::exception& e) {
    boost::json::object line{{"level", "error"}, {"ts", iso_instant(now_ms())}, {"request_id", req.request_id},
                             {"route", p.label}, {"method", req.method},        {"error", e.what()}};
    spdlog::error("{}", boost::json::serialize(line));
    return internal_error(req.request_id);
}

std::optional<Response> Pipeline::admit(Request& req, const Prepared& p, auth::Caller* caller, int64_t* user_id) {
    *user_id = 0;
    try {
        return check(req, *p.route, caller, user_id);
    } catch (const std::exception& e) {
        return internal(req, p, e);
    }
}

Response Pipeline::run_admitted(Request& req, const Prepared& p, const auth::Caller& caller) {
    try {
        return call_handler(req, *p.route, caller);
    } catch (const std::exception& e) {
        return internal(req, p, e);
    }
}

Response Pipeline::run_api(Request& req, const Route& route, int64_t* user_id) {
    auth::Caller caller;
    if (auto refused = check(req, route, &caller, user_id)) return std::move(*refused);
    return call_handler(req, route, caller);
}

std::optional<Response> Pipeline::check(Request& req, const Route& route, auth::Caller* out, int64_t* user_id) {
    const RouteSpec& spec = route.spec;
    auth::Caller& caller = *out;
    auto token = req.cookie("lecs_session");
    if (token && !token->empty() && hooks_.authenticate) {
        if (auto c = hooks_.authenticate(*token, req)) caller = std::move(*c);
    }
    caller.ip = req.remote_ip;
    caller.request_id = req.request_id;
    *user_id = caller.user_id;

    bool is_public = spec.permission == kPublic;
    if (!is_public && caller.anonymous()) return refuse(req, caller, Error::unauthenticated());
    // Until the password is changed, only the caller's own account routes — and what anyone may
    // see without logging in — are open.
    if (!caller.anonymous() && caller.must_change_password && !is_public &&
        !(spec.permission == kAuthenticated && spec.scope.kind == ScopeRule::Kind::kSelf))
        return refuse(req, caller, Error{"auth.password_change_required", "首次登录请先修改密码", {}, {}, 403});
    if (!is_public && spec.permission != kAuthenticated && !caller.can(spec.permission))
        return refuse(req, caller, Error::forbidden());
    if (changes_state(req.method) && !caller.anonymous()) {
        auto sent = req.header("x-csrf-token");
        if (!sent || caller.csrf_token.empty() || !crypto::constant_time_equal(*sent, caller.csrf_token))
            return refuse(req, caller, Error{"csrf.invalid", "请求校验失败，请刷新页面后重试", {}, {}, 403});
    }
    // A cross-site form cannot send application/json without a CORS preflight,
    // so public POSTs (login) insist on it.
    if (req.method == "POST" && is_public && !is_json(req.header("content-type")))
        return refuse(req, caller, Error::validation("http.content_type", "请求的内容类型必须为 application/json"));
    // Before the body is read: a spooled upload of the wrong type must not fill the disk first.
    if (!spec.content_types.empty()) {
        const auto sent = req.header("content-type");
        if (std::none_of(spec.content_types.begin(), spec.content_types.end(),
                         [&](const std::string& t) { return has_media_type(sent, t); })) {
            std::string allowed;
            for (const auto& t : spec.content_types) allowed += (allowed.empty() ? "" : " 或 ") + t;
            return refuse(req, caller, Error::validation("http.content_type", "请求的内容类型必须为 " + allowed));
        }
    }
    if (spec.scope.kind == ScopeRule::Kind::kObject) {
        int64_t id = parse_id(req.param(spec.scope.param));
        std::optional<auth::Owner> owner;
        if (id > 0 && hooks_.resolve_owner) owner = hooks_.resolve_owner(spec.scope.object_kind, id);
        if (!owner || !caller.scope.covers(*owner)) return refuse(req, caller, Error::not_found());
    }
    return std::nullopt;
}

Response Pipeline::call_handler(Request& req, const Route& route, const auth::Caller& caller) {
    auto key = req.header("idempotency-key");
    bool idempotent = route.spec.idempotent_create && req.method == "POST" && key && hooks_.db;
    if (!idempotent) return route.handler(req, caller);

    if (key->empty() || key->size() > kMaxIdempotencyKey)
        return refuse(req, caller,
                      Error{"idempotency.key_invalid", "幂等键长度须为1至128个字符", "Idempotency-Key", {}, 422});
    std::string hash = crypto::hex(crypto::sm3(req.method + "\n" + req.path + "\n" + req.body));
    auto c = claim_idempotency_key(*hooks_.db, caller.user_id, *key, route.pattern, hash, now_ms());
    using State = IdempotencyClaim::State;
    switch (c.state) {
        case State::kReused:
            return refuse(req, caller,
                          Error{"idempotency.key_reused", "同一幂等键不能用于不同的请求", "Idempotency-Key", {}, 422});
        case State::kInProgress:
            return refuse(
                req, caller,
                Error{"idempotency.in_progress", "相同的请求正在处理中，请稍后再试", "Idempotency-Key", {}, 409});
        case State::kReplay: {
            Response r = Response::json(c.status, std::move(c.body));
            r.headers.emplace_back("Idempotent-Replayed", "true");
            return r;
        }
        case State::kClaimed:
            break;
    }
    std::string owned_key(*key);
    Response r;
    try {
        r = route.handler(req, caller);
    } catch (...) {
        // The request failed: free the key so the client may retry, then let
        // the boundary in run() log it and answer 500.
        release_idempotency_key(*hooks_.db, caller.user_id, owned_key);
        throw;
    }
    if (r.status >= 200 && r.status < 300)
        complete_idempotency_key(*hooks_.db, caller.user_id, owned_key, r.status, r.body);
    else
        release_idempotency_key(*hooks_.db, caller.user_id, owned_key);
    return r;
}

void Pipeline::finish(const Request& req, const Prepared& p, int status, size_t bytes, int64_t user_id,
                      double seconds) {
    metrics_.record(p.label, req.method, status, seconds);
    boost::json::object line{{"ts", iso_instant(now_ms())},
                             {"request_id", req.request_id},
                             {"method", req.method},
                             {"route", p.label},
                             {"status", status},
                             {"duration_ms", seconds * 1000.0},
                             {"bytes", bytes},
                             {"ip", req.remote_ip},
                             {"user_id", id_to_string(user_id)}};
    access_logger().info("{}", boost::json::serialize(line));
}

}  // namespace lecs::http::detail
