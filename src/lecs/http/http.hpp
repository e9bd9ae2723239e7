// The HTTP types every module sees. No Boost here: Beast and Asio live only in
// the .cpp files of src/lecs/http/ (ARCHITECTURE §Known traps, compile time).
//
// Contract for modules:
// - A module registers routes on a Router in its api.cpp. Every route declares
//   its permission AND its scope rule (RouteSpec); Router::add throws if either
//   is missing, and the scope-matrix test walks Router::routes().
// - Handlers are synchronous and run on the worker pool, never on I/O threads.
//   They receive the parsed Request and the Caller; the middleware has already
//   checked login, permission, CSRF, body limit and (for ScopeRule::object)
//   that the object exists and is inside the caller's scope (404 otherwise).
// - A route with spool_body (bulk uploads) gets its body streamed to a temporary
//   file instead of memory: the middleware checks login, permission, CSRF and
//   scope BEFORE reading the body, then writes it in chunks to a 0600 file and
//   hands the handler its path in Request::body_file. The file is removed after
//   the response on every path (handler done or thrown, client gone, 413).
// - Handlers return a Response; domain errors become error_response(Error).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"

namespace lecs::http {

using Header = std::pair<std::string, std::string>;

struct Request {
    std::string method;  // "GET", "POST", …
    std::string target;  // raw target, with query
    std::string path;    // decoded path, no query
    std::vector<Header> query;
    std::vector<Header> headers;  // names lower-cased
    std::vector<Header> path_params;
    std::string body;       // empty for a spool_body route: see body_file
    std::string body_file;  // spool_body routes: the path of the body on disk (read-only use)
    std::string remote_ip;
    std::string request_id;

    std::optional<std::string_view> header(std::string_view lower_name) const;
    std::optional<std::string> query_param(std::string_view name) const;
    std::string_view param(std::string_view name) const;  // path parameter; empty if absent
    std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<Header> headers;
    std::string body;

    static Response json(int status, std::string body) {
        return Response{status, "application/json; charset=utf-8", {}, std::move(body)};
    }
    static Response no_content() { return Response{204, {}, {}, {}}; }
};

// {"error":{"code","message","field","basis"}} with error.http_status.
Response error_response(const Error& e);
// 500 with the request id; the caller logs the cause.
Response internal_error(std::string_view request_id);

// Permission sentinels.
inline constexpr std::string_view kPublic = "public";                // no login
inline constexpr std::string_view kAuthenticated = "authenticated";  // any logged-in user

struct ScopeRule {
    enum class Kind {
        kUnset,     // a route left like this fails registration
        kPublic,    // public data, no owner (e.g. certificate verification)
        kSelf,      // only the caller's own account/session
        kSystem,    // system administration objects: permission alone decides
        kFiltered,  // a list/search: the handler filters by caller.scope in SQL
        kObject,    // path parameter `param` names an object of `object_kind`;
                    // the middleware resolves its Owner and checks caller.scope
    };
    Kind kind = Kind::kUnset;
    std::string object_kind;
    std::string param;

    static ScopeRule public_data() { return {Kind::kPublic, {}, {}}; }
    static ScopeRule self() { return {Kind::kSelf, {}, {}}; }
    static ScopeRule system() { return {Kind::kSystem, {}, {}}; }
    static ScopeRule filtered() { return {Kind::kFiltered, {}, {}}; }
    static ScopeRule object(std::string kind, std::string param = "id") {
        return {Kind::kObject, std::move(kind), std::move(param)};
    }
    std::string describe() const;  // "object:org:id", "filtered", …
};

struct RouteSpec {
    std::string permission;  // kPublic, kAuthenticated, or a permission name like "org.read"
    ScopeRule scope;
    size_t body_limit = 1 << 20;     // 413 above this
    bool idempotent_create = false;  // a creating POST: honours Idempotency-Key
    // Stream the body to a temporary file (Request::body_file) rather than memory, so that memory
    // does not grow with it; body_limit still applies (413). Not with idempotent_create (the key
    // hashes the body in memory).
    bool spool_body = false;
    // When not empty, the media types the body may have: any other Content-Type is refused (400
    // http.content_type) with the other checks, before the body is read.
    std::vector<std::string> content_types = {};
    std::string summary;  // one line, for docs/openapi and the route dump
};

using Handler = std::function<Response(const Request&, const auth::Caller&)>;

struct Route {
    std::string method;
    std::string pattern;  // "/api/v1/orgs/{id}"
    RouteSpec spec;
    Handler handler;
};

struct Match {
    const Route* route = nullptr;  // set on success
    std::vector<Header> params;
    std::vector<std::string> allowed;  // when the path matched but the method did not (405)
};

class Router {
  public:
    // Throws std::logic_error if spec.permission is empty or spec.scope is kUnset,
    // or if the same method+pattern is registered twice.
    void add(std::string method, std::string pattern, RouteSpec spec, Handler h);
    void get(std::string p, RouteSpec s, Handler h) { add("GET", std::move(p), std::move(s), std::move(h)); }
    void post(std::string p, RouteSpec s, Handler h) { add("POST", std::move(p), std::move(s), std::move(h)); }
    void put(std::string p, RouteSpec s, Handler h) { add("PUT", std::move(p), std::move(s), std::move(h)); }
    void patch(std::string p, RouteSpec s, Handler h) { add("PATCH", std::move(p), std::move(s), std::move(h)); }
    void del(std::string p, RouteSpec s, Handler h) { add("DELETE", std::move(p), std::move(s), std::move(h)); }

    Match match(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

  private:
    std::vector<Route> routes_;
};

}  // namespace lecs::http
