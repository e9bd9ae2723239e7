// The middleware chain of the server, free of Beast so that it compiles fast
// and reads top to bottom (order in lecs/http/server.hpp). The Beast side
// (server.cpp) reads the head, calls prepare() on the I/O thread, reads the
// body, calls run() on a worker thread, writes, then calls finish().
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lecs/http/detail/metrics.hpp"
#include "lecs/http/detail/rate_limit.hpp"
#include "lecs/http/http.hpp"
#include "lecs/http/server.hpp"

namespace lecs::http::detail {

struct Prepared {
    enum class Kind { kApi, kHealth, kReady, kMetrics, kStatic };
    Kind kind = Kind::kApi;
    const Route* route = nullptr;
    std::string label;              // route pattern (or "static", "unmatched", …) for metrics and the access log
    size_t body_limit = 0;          // for the body still to be read
    std::optional<Response> early;  // a refusal decided from the head alone
};

class Pipeline {
  public:
    Pipeline(ServerConfig config, const Router& router, ServerHooks hooks);

    // I/O thread, after the head: request id, rate limit, route, body limit.
    Prepared prepare(Request& req, std::optional<uint64_t> content_length);
    // Worker thread: session, password change, permission, CSRF, content type,
    // scope, idempotency, handler. Sets *user_id for the access log.
    Response run(Request& req, const Prepared& p, int64_t* user_id);
    // spool_body routes, worker thread, before the body is read: session, password change,
    // permission, CSRF, scope. A refusal, or nullopt with *caller set (and *user_id).
    std::optional<Response> admit(Request& req, const Prepared& p, auth::Caller* caller, int64_t* user_id);
    // spool_body routes, worker thread, after the body is on disk: the handler, with run()'s
    // exception boundary (500 with the request id).
    Response run_admitted(Request& req, const Prepared& p, const auth::Caller& caller);
    // After the response is written: metrics and the access-log line.
    void finish(const Request& req, const Prepared& p, int status, size_t bytes, int64_t user_id, double seconds);

    // A refusal: the error body, plus hooks.on_refused.
    Response refuse(const Request& req, const auth::Caller& caller, const Error& e);

    std::string metrics_text() const { return metrics_.text(); }
    const ServerConfig& config() const { return config_; }

  private:
    Response run_api(Request& req, const Route& route, int64_t* user_id);
    std::optional<Response> check(Request& req, const Route& route, auth::Caller* caller, int64_t* user_id);
    Response internal(const Request& req, const Prepared& p, const std::exception& e);
    Response call_handler(Request& req, const Route& route, const auth::Caller& caller);

    ServerConfig config_;
    const Router& router_;
    ServerHooks hooks_;
    Metrics metrics_;
    RateLimiter limiter_;
};

// A client's X-Request-Id when sane (1–64 of [A-Za-z0-9-]), else 16 random hex chars.
std::string request_id_for(std::optional<std::string_view> client_id);

}  // namespace lecs::http::detail
