// AuthService on both databases: login, lockout, per-IP limit, login audit, sessions.
#include <gtest/gtest.h>

#include "lecs/auth/detail/service_test_fixture.hpp"
#include "lecs/base/crypto.hpp"

namespace lecs::auth {
namespace {

using namespace lecs::auth::test_support;  // NOLINT: the fixture's constants

class AuthLoginTest : public AuthServiceFixture {};

// ---- login ----

TEST_P(AuthLoginTest, LoginCreatesASessionThatAuthenticates) {
    int64_t id = create("ZhangSan");  // stored lower-case
    auto out = login("zhangsan", kPassword, kT, {}, "198.51.100.7");
    ASSERT_TRUE(out.succeeded());
    EXPECT_EQ(out.success->token.size(), 43u);  // 32 bytes, base64url without padding
    EXPECT_EQ(out.success->csrf_token.size(), 43u);
    EXPECT_EQ(out.success->account.username, "zhangsan");
    EXPECT_EQ(out.success->account.org.name, "襄都区司法局");
    EXPECT_EQ(out.success->permissions,
              (std::vector<std::string>{"catalog.read", "catalog.write", "cert.read", "dispute.handle", "dispute.read",
                                        "doc.draft", "doc.read", "doc.receipt", "file.read", "file.upload",
                                        "monitoring.handle", "monitoring.read", "org.read", "person.read",
                                        "report.read", "report.review", "supervision.handle", "supervision.read"}));

    auto who = svc_->authenticate(database(), out.success->token, "198.51.100.7", kT + 1000);
    ASSERT_TRUE(who.has_value());
    EXPECT_EQ(who->user_id, id);
    EXPECT_EQ(who->username, "zhangsan");
    EXPECT_EQ(who->roles, std::vector<std::string>{"supervisor"});
    EXPECT_EQ(who->permissions,
              (std::vector<std::string>{"catalog.read", "catalog.write", "cert.read", "dispute.handle", "dispute.read",
                                        "doc.draft", "doc.read", "doc.receipt", "file.read", "file.upload",
                                        "monitoring.handle", "monitoring.read", "org.read", "person.read",
                                        "report.read", "report.review", "supervision.handle", "supervision.read"}));
    EXPECT_EQ(who->csrf_token, out.success->csrf_token);
    EXPECT_EQ(who->session_id, out.success->session_id);
    EXPECT_EQ(who->org_id, kCountyOrg);
    EXPECT_EQ(who->org_region, "130502");
    EXPECT_EQ(who->scope.region_prefixes, std::vector<std::string>{"130502"});
    EXPECT_FALSE(who->must_change_password);
    // The token itself is never stored.
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE token_hash = $1", {out.success->token}), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_id = $1", {id}), 1);
}

TEST_P(AuthLoginTest, UsernameIsCaseInsensitiveAtLogin) {
    create("lisi");
    EXPECT_TRUE(login("LiSi", kPassword, kT).succeeded());
}

TEST_P(AuthLoginTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
    create("zhangsan");
    auto wrong = login("zhangsan", "Zt9#kq2Lm8$x", kT);
    auto unknown = login("nobody", kPassword, kT);
    ASSERT_FALSE(wrong.succeeded());
    ASSERT_FALSE(unknown.succeeded());
    EXPECT_EQ(wrong.error->code, "auth.invalid_credentials");
    EXPECT_EQ(wrong.error->message, "用户名或密码错误");
    EXPECT_EQ(wrong.error->http_status, 401);
    EXPECT_EQ(unknown.error->code, wrong.error->code);
    EXPECT_EQ(unknown.error->message, wrong.error->message);
    EXPECT_EQ(unknown.error->field, wrong.error->field);
    EXPECT_EQ(unknown.error->http_status, wrong.error->http_status);
}

TEST_P(AuthLoginTest, LongChineseNameAndOddUserAgentAreStoredSafely) {
    // 70 characters, 210 bytes: the failure key is cut at a character boundary.
    std::string name;
    for (int i = 0; i < 70; ++i) name += "张";
    auto out = svc_->login(database(), LoginRequest{name, kPassword, {}, "192.0.2.1", "ua\xff\n"}, kT);
    ASSERT_FALSE(out.succeeded());
    EXPECT_EQ(out.error->code, "auth.invalid_credentials");
    auto key =
        database().read([](db::Tx& tx) { return tx.query_one("SELECT username_lower FROM login_failures")->str(0); });
    EXPECT_EQ(key.size(), 63u);  // 21 characters of 3 bytes
    create("zhangsan");
    auto ok = svc_->login(database(), LoginRequest{"zhangsan", kPassword, {}, "192.0.2.1", "ua\xff\n"}, kT);
    ASSERT_TRUE(ok.succeeded());
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_agent = $1", {std::string("ua") + "?" + "?"}), 1);
}

TEST_P(AuthLoginTest, DisabledAccountCannotLogIn) {
    int64_t id = create("zhangsan");
    database().write([&](db::Tx& tx) { tx.exec("UPDATE users SET status = 'disabled' WHERE id = $1", {id}); });
    auto out = login("zhangsan", kPassword, kT);
    ASSERT_FALSE(out.succeeded());
    EXPECT_EQ(out.error->code, "auth.invalid_credentials");
}

// ---- lockout ----

TEST_P(AuthLoginTest, FiveFailuresLockThirtyMinutes) {
    create("zhangsan");
    for (int i = 0; i < 4; ++i) {
        auto out = login("zhangsan", "Wrong#pass123", kT + i * 1000);
        ASSERT_FALSE(out.succeeded());
        EXPECT_EQ(out.error->code, "auth.invalid_credentials") << i;
    }
    const int64_t fifth = kT + 4000;
    auto out = login("zhangsan", "Wrong#pass123", fifth);
    ASSERT_FALSE(out.succeeded());
    EXPECT_EQ(out.error->code, "auth.locked");
    EXPECT_EQ(out.error->message, "登录失败次数过多，账户已被锁定30分钟，请稍后再试或联系安全管理员解锁");
    // The right password does not help while locked…
    auto locked = login("zhangsan", kPassword, fifth + 30 * kMinute - 1);
    ASSERT_FALSE(locked.succeeded());
    EXPECT_EQ(locked.error->code, "auth.locked");
    // …and works again when the 30 minutes are over.
    EXPECT_TRUE(login("zhangsan", kPassword, fifth + 30 * kMinute).succeeded());
    EXPECT_EQ(count("SELECT COUNT(*) FROM login_failures WHERE username_lower = 'zhangsan'"), 0);
}

TEST_P(AuthLoginTest, UnknownNamesLockIdentically) {
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(login("Nobody", "Wrong#pass123", kT + i).error->code, "auth.invalid_credentials");
    EXPECT_EQ(login("nobody", "Wrong#pass123", kT + 4).error->code, "auth.locked");
    EXPECT_EQ(login("nobody", "Wrong#pass123", kT + 5).error->code, "auth.locked");
    auto row = database().read([](db::Tx& tx) {
        return *tx.query_one(
            "SELECT failures, last_failure_at, locked_until FROM login_failures "
            "WHERE username_lower = 'nobody'");
    });
    EXPECT_EQ(row.i64(0), 5);
    EXPECT_EQ(row.i64(1), kT + 4);
    EXPECT_EQ(row.i64(2), kT + 4 + 1'800'000);
}

TEST_P(AuthLoginTest, SuccessResetsTheFailureCount) {
    create("zhangsan");
    for (int i = 0; i < 4; ++i) login("zhangsan", "Wrong#pass123", kT + i);
    EXPECT_TRUE(login("zhangsan", kPassword, kT + 10).succeeded());
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(login("zhangsan", "Wrong#pass123", kT + 20 + i).error->code, "auth.invalid_credentials");
}

TEST_P(AuthLoginTest, SecurityAdminUnlocks) {
    int64_t id = create("zhangsan");
    int64_t sec = create("anquan", {"security_admin"});
    for (int i = 0; i < 5; ++i) login("zhangsan", "Wrong#pass123", kT + i);
    ASSERT_EQ(login("zhangsan", kPassword, kT + 10).error->code, "auth.locked");
    // Without user.unlock: refused.
    auto refused =
        database().write([&](db::Tx& tx) { return svc_->unlock(tx, admin(sec, {"user.read"}), id, kT + 20); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().http_status, 403);
    auto r = database().write([&](db::Tx& tx) { return svc_->unlock(tx, admin(sec, {"user.unlock"}), id, kT + 20); });
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(login("zhangsan", kPassword, kT + 30).succeeded());
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.unlock' AND object_id = $1", {id_to_string(id)}), 1);
}

TEST_P(AuthLoginTest, UnlockByNameWorksForNamesWithoutAccount) {
    for (int i = 0; i < 5; ++i) login("ghost", "Wrong#pass123", kT + i);
    auto r = database().write(
        [&](db::Tx& tx) { return svc_->unlock_name(tx, AuthService::system_caller(), "GHOST", kT + 10); });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM login_failures"), 0);
}

TEST_P(AuthLoginTest, PerIpLimitAnswers429BeforeHashing) {
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(login("nobody" + std::to_string(i), "Wrong#pass123", kT + i, {}, "203.0.113.9").error->code,
                  "auth.invalid_credentials");
    auto out = login("another", "Wrong#pass123", kT + 20, {}, "203.0.113.9");
    ASSERT_FALSE(out.succeeded());
    EXPECT_EQ(out.error->code, "rate_limited");
    EXPECT_EQ(out.error->http_status, 429);
    EXPECT_EQ(out.error->message, "登录尝试过于频繁，请稍后再试");
    // The refused attempt was not counted against the name.
    EXPECT_EQ(count("SELECT COUNT(*) FROM login_failures WHERE username_lower = 'another'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed' AND detail = 'rate_limited'"),
              1);
    // Another address is not limited.
    EXPECT_EQ(login("another", "Wrong#pass123", kT + 21, {}, "203.0.113.10").error->code, "auth.invalid_credentials");
}

// ---- audit of logins ----

TEST_P(AuthLoginTest, LoginsFailuresAndLockoutAreAuditedWithoutThePassword) {
    create("zhangsan");
    const std::string wrong = "Secret#Wrong42";
    for (int i = 0; i < 5; ++i) login("zhangsan", wrong, kT + i);
    auto ok = login("zhangsan", kPassword, kT + 31 * kMinute);
    ASSERT_TRUE(ok.succeeded());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed' AND username = 'zhangsan' "
                    "AND result = 'failed'"),
              5);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.lockout'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login' AND result = 'ok' AND session_id = $1",
                    {ok.success->session_id}),
              1);
    auto rows = database().read([](db::Tx& tx) { return tx.query("SELECT * FROM audit_log"); });
    ASSERT_GE(rows.size(), 7u);
    for (const auto& row : rows)
        for (size_t i = 0; i < row.cols.size(); ++i) {
            auto v = row.opt_str(i);
            if (!v) continue;
            EXPECT_EQ(v->find(wrong), std::string::npos) << rows.columns[i];
            EXPECT_EQ(v->find(kPassword), std::string::npos) << rows.columns[i];
            EXPECT_EQ(v->find(ok.success->token), std::string::npos) << rows.columns[i];
        }
}

// ---- sessions ----

TEST_P(AuthLoginTest, IdleSessionExpiresAtThirtyMinutes) {
    create("zhangsan");
    std::string a = login_ok("zhangsan", kT);
    std::string b = login_ok("zhangsan", kT);
    EXPECT_TRUE(svc_->authenticate(database(), a, "", kT + 30 * kMinute - 1).has_value());
    EXPECT_FALSE(svc_->authenticate(database(), b, "", kT + 30 * kMinute).has_value());
}

TEST_P(AuthLoginTest, ActiveSessionEndsAtTwelveHours) {
    create("zhangsan");
    std::string t = login_ok("zhangsan", kT);
    for (int64_t at = kT + 25 * kMinute; at < kT + 12 * 60 * kMinute; at += 25 * kMinute)
        ASSERT_TRUE(svc_->authenticate(database(), t, "", at).has_value()) << (at - kT) / kMinute;
    EXPECT_TRUE(svc_->authenticate(database(), t, "", kT + 12 * 60 * kMinute - 1).has_value());
    EXPECT_FALSE(svc_->authenticate(database(), t, "", kT + 12 * 60 * kMinute).has_value());
}

TEST_P(AuthLoginTest, LastSeenIsWrittenAtMostOnceAMinute) {
    create("zhangsan");
    auto out = login("zhangsan", kPassword, kT);
    ASSERT_TRUE(out.succeeded());
    auto last_seen = [&] {
        return count("SELECT last_seen_at FROM sessions WHERE id = $1", {out.success->session_id});
    };
    ASSERT_TRUE(svc_->authenticate(database(), out.success->token, "", kT + 59'999));
    EXPECT_EQ(last_seen(), kT);
    ASSERT_TRUE(svc_->authenticate(database(), out.success->token, "", kT + 60'000));
    EXPECT_EQ(last_seen(), kT + 60'000);
    ASSERT_TRUE(svc_->authenticate(database(), out.success->token, "", kT + 60'000 + 59'999));
    EXPECT_EQ(last_seen(), kT + 60'000);
}

TEST_P(AuthLoginTest, UnknownOrGarbageTokensDoNotAuthenticate) {
    EXPECT_FALSE(svc_->authenticate(database(), "", "", kT).has_value());
    EXPECT_FALSE(svc_->authenticate(database(), "not-a-token", "", kT).has_value());
    EXPECT_FALSE(svc_->authenticate(database(), std::string(500, 'x'), "", kT).has_value());
}

TEST_P(AuthLoginTest, LogoutEndsTheSession) {
    create("zhangsan");
    std::string t = login_ok("zhangsan", kT);
    auto who = svc_->authenticate(database(), t, "", kT + 1);
    ASSERT_TRUE(who);
    ASSERT_TRUE(database().write([&](db::Tx& tx) { return svc_->logout(tx, *who, kT + 2); }).ok());
    EXPECT_FALSE(svc_->authenticate(database(), t, "", kT + 3).has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.logout'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Db, AuthLoginTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::auth
