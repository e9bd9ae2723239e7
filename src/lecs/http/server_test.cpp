#include "lecs/http/server.hpp"

#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "lecs/http/detail/test_client.hpp"

namespace lecs::http {
namespace {

using testing::RawClient;
using testing::RawResponse;

RouteSpec spec(std::string perm, ScopeRule scope, size_t body_limit = 1 << 20) {
    RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    s.body_limit = body_limit;
    return s;
}

Response ping(const Request& req, const auth::Caller& who) {
    return Response::json(200, R"({"pong":true,"q":")" + req.query_param("q").value_or("") + "\"}");
}
Response org_detail(const Request& req, const auth::Caller& who) {
    return Response::json(200, R"({"id":")" + std::string(req.param("id")) + "\"}");
}
Response created(const Request& req, const auth::Caller& who) {
    return Response::json(201, R"({"created":true,"bytes":)" + std::to_string(req.body.size()) + "}");
}
Response me(const Request& req, const auth::Caller& who) {
    return Response::json(200, R"({"user":")" + who.username + "\"}");
}
Response boom(const Request&, const auth::Caller&) { throw std::runtime_error("secret table xyz exploded"); }

// The session store of these tests: three users.
std::optional<auth::Caller> authenticate(std::string_view token, const Request&) {
    auth::Caller c;
    c.scope.region_prefixes = {"1305"};
    if (token == "admin-token") {
        c.user_id = 1;
        c.username = "admin";
        c.permissions = {"org.read", "org.write"};
        c.csrf_token = "csrf-admin";
        return c;
    }
    if (token == "viewer-token") {
        c.user_id = 2;
        c.username = "viewer";
        c.csrf_token = "csrf-viewer";
        return c;
    }
    if (token == "newbie-token") {
        c.user_id = 3;
        c.username = "newbie";
        c.permissions = {"org.read"};
        c.csrf_token = "csrf-newbie";
        c.must_change_password = true;
        return c;
    }
    return std::nullopt;
}

std::optional<auth::Owner> resolve_owner(std::string_view kind, int64_t id) {
    if (kind != "org") return std::nullopt;
    if (id == 1) return auth::Owner{"130502", 1};  // inside the callers' scope 1305…
    if (id == 2) return auth::Owner{"130602", 2};  // outside it
    return std::nullopt;
}

std::string get(const std::string& path, const std::string& extra = {}) {
    return "GET " + path + " HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n";
}
std::string post(const std::string& path, const std::string& body, const std::string& extra = {}) {
    return "POST " + path +
           " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n" + extra + "\r\n" + body;
}

RawResponse roundtrip(uint16_t port, const std::string& request, bool head_only = false) {
    RawClient c(port);
    EXPECT_TRUE(c.send(request));
    auto r = c.read_response(head_only);
    if (!r) throw std::runtime_error("no response");
    return *r;
}

std::string error_code(const RawResponse& r) {
    return std::string(boost::json::parse(r.body).at("error").at("code").as_string());
}

class ServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router_.get("/api/v1/ping", spec(std::string(kPublic), ScopeRule::public_data()), ping);
        router_.post("/api/v1/login", spec(std::string(kPublic), ScopeRule::public_data()), created);
        router_.get("/api/v1/orgs/{id}", spec("org.read", ScopeRule::object("org")), org_detail);
        router_.patch("/api/v1/orgs/{id}", spec("org.write", ScopeRule::object("org")), org_detail);
        router_.post("/api/v1/orgs", spec("org.write", ScopeRule::filtered(), 1024), created);
        router_.get("/api/v1/me", spec(std::string(kAuthenticated), ScopeRule::self()), me);
        router_.post("/api/v1/password", spec(std::string(kAuthenticated), ScopeRule::self()), created);
        router_.get("/api/v1/boom", spec(std::string(kPublic), ScopeRule::public_data()), boom);
        hooks_.authenticate = authenticate;
        hooks_.resolve_owner = resolve_owner;
        hooks_.on_refused = [this](const auth::Caller& c, const Request&, int status, std::string_view code) {
            std::lock_guard lock(mu_);
            refusals_.push_back(std::to_string(status) + " " + std::string(code) +
                                " user=" + std::to_string(c.user_id));
        };
        hooks_.ready = [this] { return ready_.load(); };
    }
    void TearDown() override {
        if (server_) server_->stop();
    }

    uint16_t start(ServerConfig cfg = {}) {
        cfg.port = 0;
        server_ = std::make_unique<Server>(cfg, router_, hooks_);
        return server_->start();
    }
    std::vector<std::string> refusals() {
        std::lock_guard lock(mu_);
        return refusals_;
    }

    Router router_;
    ServerHooks hooks_;
    std::unique_ptr<Server> server_;
    std::mutex mu_;
    std::vector<std::string> refusals_;
    std::atomic<bool> ready_{true};
};

const std::string kAdmin = "Cookie: lecs_session=admin-token\r\n";
const std::string kAdminCsrf = "Cookie: lecs_session=admin-token\r\nX-CSRF-Token: csrf-admin\r\n";

TEST_F(ServerTest, PublicRouteAnswersJson) {
    uint16_t port = start();
    auto r = roundtrip(port, get("/api/v1/ping?q=%E4%BD%A0%E5%A5%BD"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(r.body, R"({"pong":true,"q":"你好"})");
    EXPECT_EQ(r.header("x-request-id").size(), 16u);
}

TEST_F(ServerTest, UnknownRouteIs404Json) {
    uint16_t port = start();
    auto r = roundtrip(port, get("/api/v1/nothing"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"接口不存在","field":"","basis":""}})");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
    uint16_t port = start();
    auto r = roundtrip(port, "DELETE /api/v1/orgs/1 HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("allow"), "GET, PATCH");
    EXPECT_EQ(error_code(r), "http.method_not_allowed");
    EXPECT_EQ(refusals(), (std::vector<std::string>{"405 http.method_not_allowed user=0"}));
}

TEST_F(ServerTest, OversizedBodyIs413WithoutReadingIt) {
    uint16_t port = start();
    RawClient c(port);
    // Announce 5000 bytes on a route capped at 1024, send none of them.
    ASSERT_TRUE(c.send("POST /api/v1/orgs HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" + kAdminCsrf +
                       "Content-Length: 5000\r\n\r\n"));
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(error_code(*r), "http.body_too_large");
    EXPECT_NE(r->body.find("请求体过大"), std::string::npos);
    EXPECT_TRUE(c.closed_within(2000));
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
    uint16_t port = start();
    std::string chunk(2000, 'x');
    auto r = roundtrip(port, "POST /api/v1/orgs HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" +
                                 kAdminCsrf + "Transfer-Encoding: chunked\r\n\r\n7d0\r\n" + chunk + "\r\n0\r\n\r\n");
    EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, HugeHeaderIs431) {
    uint16_t port = start();
    auto r = roundtrip(port, get("/api/v1/ping", "X-Big: " + std::string(20 * 1024, 'a') + "\r\n"));
    EXPECT_EQ(r.status, 431);
    EXPECT_EQ(error_code(r), "http.header_too_large");
    EXPECT_NE(r.body.find("请求头过大"), std::string::npos);
}

TEST_F(ServerTest, SlowlorisIsCutOffAtTheHeaderTimeout) {
    ServerConfig cfg;
    cfg.header_timeout = std::chrono::milliseconds(300);
    uint16_t port = start(cfg);
    RawClient c(port);
    ASSERT_TRUE(c.send("GET /api/v1/ping HTTP/1.1\r\nHost: t\r\nX-Slow: a"));
    EXPECT_TRUE(c.closed_within(2000));
}

TEST_F(ServerTest, NoSessionIs401) {
    uint16_t port = start();
    auto r = roundtrip(port, get("/api/v1/orgs/1"));
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"error":{"code":"unauthenticated","message":"请先登录","field":"","basis":""}})");
    auto unknown = roundtrip(port, get("/api/v1/orgs/1", "Cookie: lecs_session=forged\r\n"));
    EXPECT_EQ(unknown.status, 401);
}

TEST_F(ServerTest, MissingPermissionIs403) {
    uint16_t port = start();
    auto r = roundtrip(port, get("/api/v1/orgs/1", "Cookie: lecs_session=viewer-token\r\n"));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"error":{"code":"forbidden","message":"您没有执行此操作的权限","field":"","basis":""}})");
    EXPECT_EQ(refusals(), (std::vector<std::string>{"403 forbidden user=2"}));
}

TEST_F(ServerTest, CsrfTokenIsRequiredForStateChanges) {
    uint16_t port = start();
    auto missing = roundtrip(port, post("/api/v1/orgs", "{}", kAdmin));
    EXPECT_EQ(missing.status, 403);
    EXPECT_EQ(error_code(missing), "csrf.invalid");
    EXPECT_NE(missing.body.find("请求校验失败，请刷新页面后重试"), std::string::npos);
    auto wrong = roundtrip(port, post("/api/v1/orgs", "{}", kAdmin + "X-CSRF-Token: csrf-viewer\r\n"));
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(error_code(wrong), "csrf.invalid");
    auto right = roundtrip(port, post("/api/v1/orgs", "{\"a\":1}", kAdminCsrf));
    EXPECT_EQ(right.status, 201);
    EXPECT_EQ(right.body, R"({"created":true,"bytes":7})");
    // A GET needs no token.
    EXPECT_EQ(roundtrip(port, get("/api/v1/orgs/1", kAdmin)).status, 200);
}

TEST_F(ServerTest, PublicPostNeedsJsonContentType) {
    uint16_t port = start();
    auto form = roundtrip(port,
                          "POST /api/v1/login HTTP/1.1\r\nHost: t\r\nContent-Type: "
                          "application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b");
    EXPECT_EQ(form.status, 400);
    EXPECT_EQ(error_code(form), "http.content_type");
    EXPECT_EQ(roundtrip(port, post("/api/v1/login", "{}")).status, 201);
}

TEST_F(ServerTest, PasswordChangeFirstRestrictsToSelfRoutes) {
    uint16_t port = start();
    const std::string newbie = "Cookie: lecs_session=newbie-token\r\nX-CSRF-Token: csrf-newbie\r\n";
    auto blocked = roundtrip(port, get("/api/v1/orgs/1", newbie));
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(error_code(blocked), "auth.password_change_required");
    EXPECT_NE(blocked.body.find("首次登录请先修改密码"), std::string::npos);
    auto self = roundtrip(port, get("/api/v1/me", newbie));
    EXPECT_EQ(self.status, 200);
    EXPECT_EQ(self.body, R"({"user":"newbie"})");
    EXPECT_EQ(roundtrip(port, post("/api/v1/password", "{}", newbie)).status, 201);
    // What anyone may see without logging in stays open to an account that must change its password.
    EXPECT_EQ(roundtrip(port, get("/api/v1/ping", newbie)).status, 200);
}

TEST_F(ServerTest, ObjectOutsideScopeIs404) {
    uint16_t port = start();
    auto in = roundtrip(port, get("/api/v1/orgs/1", kAdmin));
    EXPECT_EQ(in.status, 200);
    EXPECT_EQ(in.body, R"({"id":"1"})");
    for (std::string path : {"/api/v1/orgs/2", "/api/v1/orgs/3", "/api/v1/orgs/abc", "/api/v1/orgs/-1"}) {
        auto r = roundtrip(port, get(path, kAdmin));
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(
            r.body,
            R"({"error":{"code":"not_found","message":"对象不存在或不在您的数据权限范围内","field":"","basis":""}})");
    }
}

TEST_F(ServerTest, RateLimitAnswers429WithRetryAfter) {
    ServerConfig cfg;
    cfg.per_ip_rate = 0.5;
    cfg.per_ip_burst = 3;
    uint16_t port = start(cfg);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(roundtrip(port, get("/api/v1/ping")).status, 200);
    auto r = roundtrip(port, get("/api/v1/ping"));
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.body,
              R"({"error":{"code":"rate_limited","message":"请求过于频繁，请稍后再试","field":"","basis":""}})");
    EXPECT_EQ(r.header("retry-after"), "2");
    // Probes are not limited.
    EXPECT_EQ(roundtrip(port, get("/healthz")).status, 200);
}

TEST_F(ServerTest, HandlerExceptionIs500WithRequestIdAndNoLeak) {
    uint16_t port = start();
    auto r = roundtrip(port, get("/api/v1/boom", "X-Request-Id: trace-0001\r\n"));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.header("x-request-id"), "trace-0001");
    EXPECT_EQ(boost::json::parse(r.body).at("error").at("request_id").as_string(), "trace-0001");
    EXPECT_EQ(r.body.find("secret"), std::string::npos);
    EXPECT_EQ(r.body.find("exploded"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
    uint16_t port = start();
    RawClient c(port);
    ASSERT_TRUE(c.send(get("/api/v1/ping?q=1")));
    auto a = c.read_response();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->body, R"({"pong":true,"q":"1"})");
    ASSERT_TRUE(c.send(get("/api/v1/ping?q=2")));
    auto b = c.read_response();
    ASSERT_TRUE(b);
    EXPECT_EQ(b->body, R"({"pong":true,"q":"2"})");
}

TEST_F(ServerTest, RequestIdIsEchoedWhenSaneAndReplacedOtherwise) {
    uint16_t port = start();
    EXPECT_EQ(roundtrip(port, get("/api/v1/ping", "X-Request-Id: abc-DEF-123\r\n")).header("x-request-id"),
              "abc-DEF-123");
    std::string replaced =
        roundtrip(port, get("/api/v1/ping", "X-Request-Id: bad id<script>\r\n")).header("x-request-id");
    EXPECT_EQ(replaced.size(), 16u);
    EXPECT_NE(replaced, "bad id<script>");
    std::string long_id(65, 'a');
    EXPECT_NE(roundtrip(port, get("/api/v1/ping", "X-Request-Id: " + long_id + "\r\n")).header("x-request-id"),
              long_id);
}

TEST_F(ServerTest, HealthReadyAndMetrics) {
    uint16_t port = start();
    auto h = roundtrip(port, get("/healthz"));
    EXPECT_EQ(h.status, 200);
    EXPECT_EQ(h.body, R"({"status":"ok"})");
    EXPECT_EQ(roundtrip(port, get("/readyz")).status, 200);
    ready_ = false;
    EXPECT_EQ(roundtrip(port, get("/readyz")).status, 503);
    roundtrip(port, get("/api/v1/ping"));
    roundtrip(port, get("/api/v1/orgs/1"));
    auto m = roundtrip(port, get("/metrics"));
    EXPECT_EQ(m.status, 200);
    EXPECT_NE(m.body.find(R"(lecs_http_requests_total{route="/api/v1/ping",method="GET",status="200"} 1)"),
              std::string::npos)
        << m.body;
    EXPECT_NE(m.body.find(R"(lecs_http_requests_total{route="/api/v1/orgs/{id}",method="GET",status="401"} 1)"),
              std::string::npos);
    EXPECT_NE(m.body.find(R"(lecs_http_request_duration_seconds_bucket{route="/api/v1/ping",le="+Inf"} 1)"),
              std::string::npos);
    EXPECT_NE(m.body.find(R"(lecs_http_request_duration_seconds_count{route="/api/v1/ping"} 1)"), std::string::npos);
    EXPECT_NE(server_->metrics_text().find(R"(route="/readyz",method="GET",status="503"} 1)"), std::string::npos);
}

TEST_F(ServerTest, ConnectionsOverTheCapAreClosed) {
    ServerConfig cfg;
    cfg.max_connections = 1;
    uint16_t port = start(cfg);
    RawClient first(port);
    ASSERT_TRUE(first.send(get("/api/v1/ping")));
    ASSERT_TRUE(first.read_response());  // served, and kept open
    RawClient second(port);
    second.send(get("/api/v1/ping"));
    EXPECT_TRUE(second.closed_within(2000));
    ASSERT_TRUE(first.send(get("/api/v1/ping")));
    auto again = first.read_response();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
}

TEST_F(ServerTest, StopLetsTheRequestInFlightFinish) {
    std::promise<void> entered;
    std::promise<void> release;
    auto released = release.get_future().share();
    router_.get("/api/v1/slow", spec(std::string(kPublic), ScopeRule::public_data()),
                [&entered, released](const Request&, const auth::Caller&) {
                    entered.set_value();
                    released.wait();
                    return Response::json(200, R"({"slow":true})");
                });
    uint16_t port = start();
    RawClient c(port);
    ASSERT_TRUE(c.send(get("/api/v1/slow")));
    entered.get_future().wait();
    std::thread stopper([this] { server_->stop(); });
    // Give stop() time to close the acceptor and start waiting; the assertions
    // hold whichever comes first.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    release.set_value();
    auto r = c.read_response();
    stopper.join();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, R"({"slow":true})");
    EXPECT_THROW(RawClient{port}, std::runtime_error);  // no longer accepting
}

TEST_F(ServerTest, TlsWithMissingFilesFailsToStart) {
    ServerConfig cfg;
    cfg.port = 0;
    cfg.tls_cert_file = "/nonexistent/cert.pem";
    cfg.tls_key_file = "/nonexistent/key.pem";
    Server s(cfg, router_, hooks_);
    EXPECT_ANY_THROW(s.start());
}

// Speaks HTTPS to 127.0.0.1:port, sends one request with Connection: close and
// returns everything the server sent back.
std::string https_exchange(uint16_t port, const std::string& request) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect failed");
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    std::string out;
    if (SSL_connect(ssl) == 1) {
        SSL_write(ssl, request.data(), static_cast<int>(request.size()));
        char buf[4096];
        int n;
        while ((n = SSL_read(ssl, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    ::close(fd);
    return out;
}

TEST_F(ServerTest, ServesHttpsOnlyWhenTlsFilesAreSet) {
    auto dir = std::filesystem::temp_directory_path() / ("lecs-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + (dir / "key.pem").string() + " -out " +
                      (dir / "cert.pem").string() + " -days 1 -subj /CN=localhost >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    ServerConfig cfg;
    cfg.tls_cert_file = (dir / "cert.pem").string();
    cfg.tls_key_file = (dir / "key.pem").string();
    uint16_t port = start(cfg);
    std::string answer = https_exchange(port, "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer;
    EXPECT_NE(answer.find(R"({"status":"ok"})"), std::string::npos);
    // Plain HTTP on the HTTPS port gets no HTTP answer.
    RawClient plain(port);
    plain.send(get("/healthz"));
    EXPECT_FALSE(plain.read_response(false, 3000));
    std::filesystem::remove_all(dir);
}

TEST(ServerConfig, CookiesAreSecureUnlessOnLoopback) {
    ServerConfig cfg;
    EXPECT_FALSE(cfg.cookies_secure());
    cfg.host = "0.0.0.0";
    EXPECT_TRUE(cfg.cookies_secure());
    cfg.secure_cookies = false;
    EXPECT_FALSE(cfg.cookies_secure());
}

class StaticTest : public ServerTest {
  protected:
    void SetUp() override {
        ServerTest::SetUp();
        dir_ = std::filesystem::temp_directory_path() / ("lecs-static-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_ / "assets");
        write(dir_ / "index.html", "<html>app</html>");
        write(dir_ / "assets" / "app.js", "console.log(1)");
        write(dir_ / "assets" / "app.js.gz", "GZIPPED");
        write(dir_.parent_path() / ("lecs-secret-" + std::to_string(::getpid())), "top secret");
        ServerConfig cfg;
        cfg.static_dir = dir_.string();
        port_ = start(cfg);
    }
    void TearDown() override {
        ServerTest::TearDown();
        std::filesystem::remove_all(dir_);
        std::filesystem::remove(dir_.parent_path() / ("lecs-secret-" + std::to_string(::getpid())));
    }
    static void write(const std::filesystem::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

    std::filesystem::path dir_;
    uint16_t port_ = 0;
};

TEST_F(StaticTest, ServesFilesWithTypesAndCaching) {
    auto js = roundtrip(port_, get("/assets/app.js"));
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(js.body, "console.log(1)");
    EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(js.header("content-encoding"), "");
    auto index = roundtrip(port_, get("/"));
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.body, "<html>app</html>");
    EXPECT_EQ(index.header("cache-control"), "no-cache");
    auto head = roundtrip(port_, "HEAD /assets/app.js HTTP/1.1\r\nHost: t\r\n\r\n", true);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), "14");
}

TEST_F(StaticTest, EtagGives304) {
    auto first = roundtrip(port_, get("/assets/app.js"));
    std::string etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    auto again = roundtrip(port_, get("/assets/app.js", "If-None-Match: " + etag + "\r\n"));
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(roundtrip(port_, get("/assets/app.js", "If-None-Match: \"other\"\r\n")).status, 200);
}

TEST_F(StaticTest, GzipSiblingWhenAccepted) {
    auto r = roundtrip(port_, get("/assets/app.js", "Accept-Encoding: br, gzip\r\n"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-encoding"), "gzip");
    EXPECT_EQ(r.body, "GZIPPED");
    EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
}

TEST_F(StaticTest, SpaFallbackAndMissingAssets) {
    auto spa = roundtrip(port_, get("/orgs/123/edit"));
    EXPECT_EQ(spa.status, 200);
    EXPECT_EQ(spa.body, "<html>app</html>");
    EXPECT_EQ(roundtrip(port_, get("/assets/missing.js")).status, 404);
    EXPECT_EQ(roundtrip(port_, get("/favicon.ico")).status, 404);
    // /api never falls back to the SPA.
    EXPECT_EQ(roundtrip(port_, get("/api/v1/unknown")).header("content-type"), "application/json; charset=utf-8");
}

TEST_F(StaticTest, TraversalIsRefused) {
    std::string secret = "lecs-secret-" + std::to_string(::getpid());
    for (std::string path :
         {"/../" + secret, "/assets/../../" + secret, "/%2e%2e/" + secret, "/assets/%2E%2E/%2E%2E/" + secret}) {
        auto r = roundtrip(port_, get(path));
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.body.find("top secret"), std::string::npos) << path;
    }
}

// ---- spooled bodies (spool_body routes: bulk uploads) ----

namespace fs = std::filesystem;

class SpoolTest : public ServerTest {
  protected:
    void SetUp() override {
        ServerTest::SetUp();
        dir_ = fs::temp_directory_path() / ("lecs-spool-test-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        RouteSpec s = spec("org.write", ScopeRule::filtered(), 256 * 1024);
        s.spool_body = true;
        router_.post("/api/v1/uploads", s, [this](const Request& req, const auth::Caller& who) {
            Seen seen;
            seen.path = req.body_file;
            seen.in_memory = req.body.size();
            struct stat st {};
            if (::stat(req.body_file.c_str(), &st) == 0) seen.mode = st.st_mode & 0777;
            std::error_code ec;
            seen.target = fs::read_symlink(req.body_file, ec).string();
            seen.names_while_handled = files_left();
            std::ifstream in(req.body_file, std::ios::binary);
            seen.content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            seen.user = who.username;
            {
                std::lock_guard lock(mu_);
                seen_.push_back(seen);
            }
            if (req.query_param("fail")) throw std::runtime_error("handler failed after reading");
            return Response::json(200, R"({"bytes":)" + std::to_string(seen.content.size()) + "}");
        });
    }
    void TearDown() override {
        ServerTest::TearDown();
        fs::remove_all(dir_);
    }
    uint16_t start_spooling() {
        ServerConfig cfg;
        cfg.spool_dir = dir_.string();
        return start(cfg);
    }
    // Spool files open in this process (the server runs in it): unlinked, so found through /proc.
    size_t spooling_now() const {
        size_t n = 0;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator("/proc/self/fd", ec)) {
            std::error_code link_ec;
            const std::string target = fs::read_symlink(e.path(), link_ec).string();
            if (!link_ec && target.rfind(dir_.string() + "/lecs-body-", 0) == 0) ++n;
        }
        return n;
    }
    size_t files_left() const {
        size_t n = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++n;
        return n;
    }
    struct Seen {
        std::string path, content, user;
        std::string target;  // what /proc/self/fd/N points to
        size_t names_while_handled = 99;
        size_t in_memory = 0;
        unsigned mode = 0;
    };
    std::vector<Seen> seen() {
        std::lock_guard lock(mu_);
        return seen_;
    }
    static std::string binary_body(size_t n) {
        std::string b(n, '\0');
        uint32_t x = 2463534242u;
        for (auto& c : b) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            c = static_cast<char>(x & 0xff);
        }
        return b;
    }
    static std::string upload(const std::string& body, const std::string& extra = kAdminCsrf,
                              const std::string& query = {}) {
        return "POST /api/v1/uploads" + query + " HTTP/1.1\r\nHost: t\r\nContent-Type: text/csv\r\n" + extra +
               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    }

    fs::path dir_;
    std::vector<Seen> seen_;
};

TEST_F(SpoolTest, SpooledBodyArrivesIntactInA0600FileThatIsThenRemoved) {
    uint16_t port = start_spooling();
    std::string body = binary_body(200 * 1024);  // many reads; NULs and every byte value
    auto r = roundtrip(port, upload(body));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"bytes":204800})");
    auto s = seen();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].content, body);
    EXPECT_EQ(s[0].in_memory, 0u);  // not in Request::body
    EXPECT_EQ(s[0].mode, 0600u);
    // Unlinked as soon as it was created: no name to find, even while the handler reads it, and
    // nothing left behind should the process be killed.
    EXPECT_EQ(s[0].path.rfind("/proc/self/fd/", 0), 0u) << s[0].path;
    EXPECT_EQ(fs::path(s[0].target).parent_path(), dir_) << s[0].target;
    EXPECT_NE(s[0].target.find("(deleted)"), std::string::npos) << s[0].target;
    EXPECT_EQ(s[0].names_while_handled, 0u);
    EXPECT_EQ(s[0].user, "admin");
    EXPECT_EQ(files_left(), 0u);
}

TEST_F(SpoolTest, ChunkedAndEmptyBodiesAndKeepAlive) {
    uint16_t port = start_spooling();
    RawClient c(port);
    std::string a(70000, 'a'), b(5, 'b');
    std::ostringstream hex;
    hex << std::hex << a.size();
    ASSERT_TRUE(c.send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\n" + kAdminCsrf +
                       "Transfer-Encoding: chunked\r\n\r\n" + hex.str() + "\r\n" + a + "\r\n5\r\n" + b +
                       "\r\n0\r\n\r\n"));
    auto r1 = c.read_response();
    ASSERT_TRUE(r1);
    EXPECT_EQ(r1->status, 200);
    // The same connection serves the next (empty) upload.
    ASSERT_TRUE(c.send(upload("")));
    auto r2 = c.read_response();
    ASSERT_TRUE(r2);
    EXPECT_EQ(r2->status, 200);
    EXPECT_EQ(r2->body, R"({"bytes":0})");
    auto s = seen();
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].content, a + b);
    EXPECT_EQ(s[1].content, "");
    EXPECT_EQ(files_left(), 0u);
}

TEST_F(SpoolTest, OverTheLimitIs413AndLeavesNoFile) {
    uint16_t port = start_spooling();
    // Announced: refused from the head (no body sent, none read).
    RawClient a(port);
    ASSERT_TRUE(a.send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\n" + kAdminCsrf + "Content-Length: 300000\r\n\r\n"));
    auto announced = a.read_response();
    ASSERT_TRUE(announced);
    EXPECT_EQ(announced->status, 413);
    EXPECT_EQ(error_code(*announced), "http.body_too_large");
    // Chunked: refused once the spooled bytes would pass the limit (256 KiB spooled, then the
    // head of a fifth 64 KiB chunk; its data is never sent, so every byte sent is read).
    std::string chunk(64 * 1024, 'y');
    std::string req =
        "POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\n" + kAdminCsrf + "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 4; ++i) req += "10000\r\n" + chunk + "\r\n";
    req += "10000\r\n";
    RawClient c(port);
    ASSERT_TRUE(c.send(req));
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_TRUE(seen().empty());
    EXPECT_EQ(files_left(), 0u);
}

TEST_F(SpoolTest, FileIsRemovedWhenTheHandlerThrows) {
    uint16_t port = start_spooling();
    auto r = roundtrip(port, upload("a,b\n1,2\n", kAdminCsrf + "X-Request-Id: spool-0001\r\n", "?fail=1"));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(boost::json::parse(r.body).at("error").at("request_id").as_string(), "spool-0001");
    auto s = seen();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].content, "a,b\n1,2\n");
    EXPECT_EQ(s[0].names_while_handled, 0u);
    EXPECT_EQ(files_left(), 0u);
}

TEST_F(SpoolTest, RefusedCallersNeverGetTheirBodyRead) {
    uint16_t port = start_spooling();
    // Announce a body and send none: the refusal comes from the checks alone.
    for (const std::string& who :
         {std::string(), std::string("Cookie: lecs_session=viewer-token\r\nX-CSRF-Token: csrf-viewer\r\n"),
          std::string("Cookie: lecs_session=admin-token\r\n")}) {
        RawClient c(port);
        ASSERT_TRUE(c.send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\n" + who + "Content-Length: 1000\r\n\r\n"));
        auto r = c.read_response();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, who.empty() ? 401 : 403) << who;
        EXPECT_TRUE(c.closed_within(2000));
    }
    EXPECT_TRUE(seen().empty());
    EXPECT_EQ(files_left(), 0u);
}

TEST_F(SpoolTest, ExpectContinueIsAnsweredAfterTheChecks) {
    uint16_t port = start_spooling();
    RawClient c(port);
    ASSERT_TRUE(c.send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\n" + kAdminCsrf +
                       "Expect: 100-continue\r\nContent-Length: 3\r\n\r\n"));
    auto cont = c.read_response();
    ASSERT_TRUE(cont);
    EXPECT_EQ(cont->status, 100);
    ASSERT_TRUE(c.send("x,y"));
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, R"({"bytes":3})");
}

TEST_F(SpoolTest, ClientGoneMidBodyLeavesNoFile) {
    uint16_t port = start_spooling();
    {
        RawClient c(port);
        ASSERT_TRUE(c.send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\n" + kAdminCsrf +
                           "Content-Length: 100000\r\n\r\n" + std::string(50000, 'z')));
        // Wait until the server has created the file and spooled some of it.
        for (int i = 0; i < 500 && spooling_now() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_GE(spooling_now(), 1u);  // its write end and the descriptor that keeps it
        EXPECT_EQ(files_left(), 0u);    // and no name in the directory, even now
    }                                   // the client closes half-way
    for (int i = 0; i < 500 && spooling_now() != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(spooling_now(), 0u);
    EXPECT_EQ(files_left(), 0u);
    EXPECT_TRUE(seen().empty());
}

TEST(RouterSpool, SpoolingAndIdempotencyKeyDoNotMix) {
    Router r;
    RouteSpec s = spec("org.write", ScopeRule::filtered());
    s.spool_body = true;
    s.idempotent_create = true;
    EXPECT_THROW(r.post("/api/v1/x", s, created), std::logic_error);
}

}  // namespace
}  // namespace lecs::http
