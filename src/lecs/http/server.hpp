// The HTTP server (Beast + C++20 coroutines behind this Boost-free header).
//
// Contract:
// - Server(config, router, hooks); start() binds and returns the port (config
//   port 0 = ephemeral), then serves on io_threads in the background; stop()
//   stops accepting, lets in-flight requests finish (bounded: 5 s) and joins;
//   wait() blocks until stop() has completed.
// - One coroutine per connection, keep-alive. Handlers run on a worker pool of
//   worker_threads, never on the I/O threads.
// - For /api paths, the middleware runs in this order: request id (X-Request-Id,
//   echoed) → per-IP rate limit (429) → route match (404/405) → body limit (413,
//   the body is not read) → session from cookie `lecs_session` via
//   hooks.authenticate (401) → must_change_password (403) → permission (403) →
//   CSRF on state-changing calls with a session (403 csrf.invalid) → JSON
//   content type on public POSTs (400 http.content_type) → object scope via
//   hooks.resolve_owner (404) → Idempotency-Key (422/409/replay) → handler.
//   A spool_body route runs session … scope BEFORE its body is read (a stranger
//   cannot fill the disk), answers `Expect: 100-continue` only then, and streams
//   the body to a 0600 file in spool_dir with a per-chunk deadline of
//   body_timeout (a large upload is not cut off, a stalled one is).
//   Handler exceptions become 500 with the request id; the cause is logged only.
// - Built in: /healthz, /readyz (hooks.ready), /metrics (Prometheus text).
// - Other GET/HEAD paths serve static_dir (ETag, gzip siblings, SPA fallback).
// - One JSON access-log line per request to stdout (no bodies, cookies, tokens).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/http/http.hpp"

namespace lecs::db {
class Database;
}

namespace lecs::http {

struct ServerConfig {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;  // 0 = ephemeral
    int io_threads = 1;
    int worker_threads = 4;
    size_t max_header_bytes = 16 * 1024;              // 431 above
    std::chrono::milliseconds header_timeout{10000};  // from the first byte of a request to its last header byte
    std::chrono::milliseconds body_timeout{30000};
    std::chrono::milliseconds idle_keepalive{30000};  // wait for the next request on a kept-alive connection
    int max_connections = 2048;                       // over the cap a new connection is closed at once
    double per_ip_rate = 200;                         // requests per second, token bucket …
    double per_ip_burst = 400;                        // … of this size
    std::string static_dir;                           // empty: no static files
    std::string spool_dir;                            // spooled bodies (spool_body routes); empty: $TMPDIR or /tmp
    std::optional<bool> secure_cookies;               // unset: Secure unless host is loopback
    std::optional<std::string> tls_cert_file;         // both set: HTTPS only (PEM chain)
    std::optional<std::string> tls_key_file;

    bool cookies_secure() const;
};

struct ServerHooks {
    // The Caller of a session token (cookie lecs_session), or nullopt when the
    // session is unknown/expired. Runs on a worker thread.
    std::function<std::optional<auth::Caller>(std::string_view session_token, const Request&)> authenticate;
    // The owner of an object for ScopeRule::kObject; nullopt when it does not exist.
    std::function<std::optional<auth::Owner>(std::string_view object_kind, int64_t id)> resolve_owner;
    // Every refusal (401/403/404 scope/405/413/422/429/…), with its error code.
    // May run on an I/O thread: keep it cheap and in memory (ARCHITECTURE:
    // refusals are counted in memory and audited as aggregates).
    std::function<void(const auth::Caller&, const Request&, int status, std::string_view code)> on_refused;
    // /readyz: true when the server can take traffic (database reachable, migrated).
    std::function<bool()> ready;
    // For Idempotency-Key (migrations/0004_http.sql); null: the header is ignored.
    db::Database* db = nullptr;
};

class Server {
  public:
    Server(ServerConfig config, const Router& router, ServerHooks hooks);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    uint16_t start();  // throws std::runtime_error when it cannot bind or load the TLS files
    void stop();
    void wait();
    std::string metrics_text() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace lecs::http
