// Router, Request helpers and the error shape (ARCHITECTURE §API).
#include <boost/json.hpp>
#include <stdexcept>

#include "lecs/http/detail/parse.hpp"
#include "lecs/http/http.hpp"

namespace lecs::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segs;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
        size_t slash = path.find('/');
        segs.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segs;
}

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// Matches path against pattern; on success appends the parameters.
bool match_pattern(std::string_view pattern, std::string_view path, std::vector<Header>* params) {
    auto ps = split_path(pattern);
    auto xs = split_path(path);
    if (ps.size() != xs.size()) return false;
    std::vector<Header> found;
    for (size_t i = 0; i < ps.size(); ++i) {
        if (is_param(ps[i])) {
            if (xs[i].empty()) return false;
            found.emplace_back(std::string(ps[i].substr(1, ps[i].size() - 2)), std::string(xs[i]));
        } else if (ps[i] != xs[i]) {
            return false;
        }
    }
    if (params) *params = std::move(found);
    return true;
}

// Two patterns collide when every segment is equal or both are parameters.
bool same_shape(std::string_view a, std::string_view b) {
    auto as = split_path(a);
    auto bs = split_path(b);
    if (as.size() != bs.size()) return false;
    for (size_t i = 0; i < as.size(); ++i) {
        if (is_param(as[i]) && is_param(bs[i])) continue;
        if (as[i] != bs[i]) return false;
    }
    return true;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
        if (k == lower_name) return std::string_view(v);
    return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    for (const auto& [k, v] : query)
        if (k == name) return v;
    return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
    for (const auto& [k, v] : path_params)
        if (k == name) return v;
    return {};
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (k != "cookie") continue;
        for (auto& [ck, cv] : detail::parse_cookies(v))
            if (ck == name) return std::move(cv);
    }
    return std::nullopt;
}

Response error_response(const Error& e) {
    boost::json::object inner;
    inner["code"] = e.code;
    inner["message"] = e.message;
    inner["field"] = e.field;
    inner["basis"] = e.basis;
    boost::json::object outer;
    outer["error"] = std::move(inner);
    return Response::json(e.http_status, boost::json::serialize(outer));
}

Response internal_error(std::string_view request_id) {
    Error e{"internal", "服务器内部错误，请稍后重试（请求编号 " + std::string(request_id) + "）", {}, {}, 500};
    Response r = error_response(e);
    // The request id travels as its own field too, so support can grep the logs for it.
    auto v = boost::json::parse(r.body).as_object();
    v["error"].as_object()["request_id"] = std::string(request_id);
    r.body = boost::json::serialize(v);
    return r;
}

std::string ScopeRule::describe() const {
    switch (kind) {
        case Kind::kUnset:
            return "unset";
        case Kind::kPublic:
            return "public";
        case Kind::kSelf:
            return "self";
        case Kind::kSystem:
            return "system";
        case Kind::kFiltered:
            return "filtered";
        case Kind::kObject:
            return "object:" + object_kind + ":" + param;
    }
    return "unset";
}

void Router::add(std::string method, std::string pattern, RouteSpec spec, Handler h) {
    if (spec.permission.empty()) throw std::logic_error("route " + method + " " + pattern + " declares no permission");
    if (spec.scope.kind == ScopeRule::Kind::kUnset)
        throw std::logic_error("route " + method + " " + pattern + " declares no scope rule");
    if (pattern.empty() || pattern.front() != '/')
        throw std::logic_error("route pattern must start with '/': " + pattern);
    if (spec.scope.kind == ScopeRule::Kind::kObject) {
        if (spec.scope.object_kind.empty() || pattern.find("{" + spec.scope.param + "}") == std::string::npos)
            throw std::logic_error("route " + method + " " + pattern + " has an object scope on a missing parameter");
    }
    if (!h) throw std::logic_error("route " + method + " " + pattern + " has no handler");
    if (spec.spool_body && spec.idempotent_create)
        throw std::logic_error("route " + method + " " + pattern + " cannot spool its body and honour Idempotency-Key");
    for (const auto& r : routes_)
        if (r.method == method && same_shape(r.pattern, pattern))
            throw std::logic_error("route " + method + " " + pattern + " registered twice");
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(spec), std::move(h)});
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match m;
    // A literal segment beats a parameter: prefer the route with more literal segments.
    int best_literals = -1;
    for (const auto& r : routes_) {
        std::vector<Header> params;
        if (!match_pattern(r.pattern, path, &params)) continue;
        if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
            if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end())
                m.allowed.push_back(r.method);
            continue;
        }
        int literals = static_cast<int>(split_path(r.pattern).size() - params.size());
        if (literals > best_literals) {
            best_literals = literals;
            m.route = &r;
            m.params = std::move(params);
        }
    }
    if (m.route) m.allowed.clear();
    std::sort(m.allowed.begin(), m.allowed.end());
    return m;
}

}  // namespace lecs::http
