#include "lecs/http/detail/idempotency.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "lecs/http/detail/test_client.hpp"
#include "lecs/http/idempotency.hpp"
#include "lecs/http/server.hpp"
#include "support/test_db.hpp"

namespace lecs::http {
namespace {

using detail::IdempotencyClaim;
using State = IdempotencyClaim::State;

class IdempotencyStoreTest : public lecs::testing::DbTest {};

TEST_P(IdempotencyStoreTest, ClaimCompleteReplay) {
    auto& db = database();
    auto first = detail::claim_idempotency_key(db, 7, "k1", "/api/v1/items", "hash-a", 1000);
    EXPECT_EQ(first.state, State::kClaimed);
    auto running = detail::claim_idempotency_key(db, 7, "k1", "/api/v1/items", "hash-a", 2000);
    EXPECT_EQ(running.state, State::kInProgress);
    detail::complete_idempotency_key(db, 7, "k1", 201, R"({"id":"5"})");
    auto replay = detail::claim_idempotency_key(db, 7, "k1", "/api/v1/items", "hash-a", 3000);
    EXPECT_EQ(replay.state, State::kReplay);
    EXPECT_EQ(replay.status, 201);
    EXPECT_EQ(replay.body, R"({"id":"5"})");
    auto reused = detail::claim_idempotency_key(db, 7, "k1", "/api/v1/items", "hash-b", 3000);
    EXPECT_EQ(reused.state, State::kReused);
}

TEST_P(IdempotencyStoreTest, PurgeForgetsKeysOlderThanTheRetentionOnly) {
    auto& db = database();
    const int64_t t0 = 1'000'000'000;
    ASSERT_EQ(detail::claim_idempotency_key(db, 7, "old", "/r", "h", t0).state, State::kClaimed);
    detail::complete_idempotency_key(db, 7, "old", 201, "{}");
    ASSERT_EQ(detail::claim_idempotency_key(db, 7, "young", "/r", "h", t0 + 1000).state, State::kClaimed);
    // Exactly at the retention the key still holds; one ms later it is gone.
    EXPECT_EQ(purge_idempotency_keys(db, t0 + kIdempotencyRetentionMs), 0);
    EXPECT_EQ(detail::claim_idempotency_key(db, 7, "old", "/r", "h", t0 + kIdempotencyRetentionMs).state,
              State::kReplay);
    EXPECT_EQ(purge_idempotency_keys(db, t0 + kIdempotencyRetentionMs + 1), 1);
    // A forgotten key starts a new request; the younger one is still honoured.
    EXPECT_EQ(detail::claim_idempotency_key(db, 7, "old", "/r", "other", t0 + kIdempotencyRetentionMs + 2).state,
              State::kClaimed);
    EXPECT_EQ(detail::claim_idempotency_key(db, 7, "young", "/r", "other", t0 + kIdempotencyRetentionMs + 2).state,
              State::kReused);
}

TEST_P(IdempotencyStoreTest, KeysArePerUser) {
    auto& db = database();
    EXPECT_EQ(detail::claim_idempotency_key(db, 1, "same", "/r", "h", 1000).state, State::kClaimed);
    EXPECT_EQ(detail::claim_idempotency_key(db, 2, "same", "/r", "h", 1000).state, State::kClaimed);
}

TEST_P(IdempotencyStoreTest, ReleasedKeyMayBeClaimedAgain) {
    auto& db = database();
    EXPECT_EQ(detail::claim_idempotency_key(db, 1, "k", "/r", "h", 1000).state, State::kClaimed);
    detail::release_idempotency_key(db, 1, "k");
    EXPECT_EQ(detail::claim_idempotency_key(db, 1, "k", "/r", "h", 1500).state, State::kClaimed);
}

TEST_P(IdempotencyStoreTest, AbandonedClaimIsTakenOver) {
    auto& db = database();
    EXPECT_EQ(detail::claim_idempotency_key(db, 1, "k", "/r", "h", 1000).state, State::kClaimed);
    // Five minutes later the first claim counts as abandoned (kAbandonedClaimMs).
    EXPECT_EQ(detail::claim_idempotency_key(db, 1, "k", "/r", "h", 1000 + 299999).state, State::kInProgress);
    EXPECT_EQ(detail::claim_idempotency_key(db, 1, "k", "/r", "h", 1000 + 300000).state, State::kClaimed);
}

INSTANTIATE_TEST_SUITE_P(Db, IdempotencyStoreTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

// The same through the server: POST with Idempotency-Key.
class IdempotencyServerTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        RouteSpec s;
        s.permission = "item.write";
        s.scope = ScopeRule::filtered();
        s.idempotent_create = true;
        router_.post("/api/v1/items", s, [this](const Request& req, const auth::Caller&) {
            int n = ++calls_;
            if (req.body == R"({"fail":true})") return error_response(Error::validation("item.bad", "不行"));
            return Response::json(201, R"({"n":)" + std::to_string(n) + "}");
        });
        hooks_.authenticate = [](std::string_view token, const Request&) -> std::optional<auth::Caller> {
            if (token != "t") return std::nullopt;
            auth::Caller c;
            c.user_id = 9;
            c.permissions = {"item.write"};
            c.csrf_token = "c";
            return c;
        };
        hooks_.db = &database();
        ServerConfig cfg;
        cfg.port = 0;
        server_ = std::make_unique<Server>(cfg, router_, hooks_);
        port_ = server_->start();
    }
    void TearDown() override {
        server_->stop();
        server_.reset();
        DbTest::TearDown();
    }
    testing::RawResponse post(const std::string& body, const std::string& key) {
        testing::RawClient c(port_);
        std::string req =
            "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nCookie: lecs_session=t\r\nX-CSRF-Token: c\r\n"
            "Content-Type: application/json\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n" + (key.empty() ? "" : "Idempotency-Key: " + key + "\r\n") + "\r\n" +
            body;
        EXPECT_TRUE(c.send(req));
        auto r = c.read_response();
        if (!r) throw std::runtime_error("no response");
        return *r;
    }

    Router router_;
    ServerHooks hooks_;
    std::unique_ptr<Server> server_;
    uint16_t port_ = 0;
    std::atomic<int> calls_{0};
};

TEST_P(IdempotencyServerTest, SameKeySameBodyReplays) {
    auto a = post(R"({"x":1})", "key-1");
    EXPECT_EQ(a.status, 201);
    EXPECT_EQ(a.body, R"({"n":1})");
    EXPECT_EQ(a.header("idempotent-replayed"), "");
    auto b = post(R"({"x":1})", "key-1");
    EXPECT_EQ(b.status, 201);
    EXPECT_EQ(b.body, R"({"n":1})");
    EXPECT_EQ(b.header("idempotent-replayed"), "true");
    EXPECT_EQ(calls_.load(), 1);
}

TEST_P(IdempotencyServerTest, SameKeyOtherBodyIs422) {
    EXPECT_EQ(post(R"({"x":1})", "key-2").status, 201);
    auto r = post(R"({"x":2})", "key-2");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(
        r.body,
        R"({"error":{"code":"idempotency.key_reused","message":"同一幂等键不能用于不同的请求","field":"Idempotency-Key","basis":""}})");
}

TEST_P(IdempotencyServerTest, FailedRequestFreesTheKey) {
    EXPECT_EQ(post(R"({"fail":true})", "key-3").status, 400);
    EXPECT_EQ(post(R"({"fail":true})", "key-3").status, 400);
    EXPECT_EQ(calls_.load(), 2);  // not replayed: the handler ran again
}

TEST_P(IdempotencyServerTest, OverlongKeyIs422AndNoKeyRunsEveryTime) {
    EXPECT_EQ(post(R"({"x":1})", std::string(129, 'k')).status, 422);
    EXPECT_EQ(post(R"({"x":1})", std::string(128, 'k')).status, 201);
    EXPECT_EQ(post(R"({"x":1})", "").body, R"({"n":2})");
    EXPECT_EQ(post(R"({"x":1})", "").body, R"({"n":3})");
}

INSTANTIATE_TEST_SUITE_P(Db, IdempotencyServerTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::http
