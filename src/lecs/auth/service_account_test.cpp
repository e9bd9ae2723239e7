// AuthService on both databases: passwords, users, roles (三权分立) and TOTP.
#include <gtest/gtest.h>

#include "lecs/auth/detail/service_test_fixture.hpp"
#include "lecs/base/crypto.hpp"

namespace lecs::auth {
namespace {

using namespace lecs::auth::test_support;  // NOLINT: the fixture's constants

class AuthAccountTest : public AuthServiceFixture {};

// ---- passwords ----

TEST_P(AuthAccountTest, FirstLoginMustChangeAndHasNoPermissionsUntilThen) {
    create("zhangsan", {"supervisor"}, /*must_change=*/true);
    auto out = login("zhangsan", kPassword, kT);
    ASSERT_TRUE(out.succeeded());
    EXPECT_TRUE(out.success->account.must_change_password);
    EXPECT_TRUE(out.success->permissions.empty());
    auto who = svc_->authenticate(database(), out.success->token, "", kT + 1);
    ASSERT_TRUE(who);
    EXPECT_TRUE(who->must_change_password);
    EXPECT_TRUE(who->permissions.empty());
    ASSERT_TRUE(
        database()
            .write([&](db::Tx& tx) { return svc_->change_password(tx, *who, kPassword, "Nw4$plqR8xzv", kT + 2); })
            .ok());
    who = svc_->authenticate(database(), out.success->token, "", kT + 3);
    ASSERT_TRUE(who);
    EXPECT_FALSE(who->must_change_password);
    EXPECT_EQ(who->permissions,
              (std::vector<std::string>{"catalog.read", "catalog.write", "cert.read", "dispute.handle", "dispute.read",
                                        "doc.draft", "doc.read", "doc.receipt", "file.read", "file.upload",
                                        "monitoring.handle", "monitoring.read", "org.read", "person.read",
                                        "report.read", "report.review", "supervision.handle", "supervision.read"}));
}

TEST_P(AuthAccountTest, ChangePasswordChecksTheOldOneAndThePolicy) {
    create("zhangsan");
    auto who = svc_->authenticate(database(), login_ok("zhangsan", kT), "", kT + 1);
    ASSERT_TRUE(who);
    auto change = [&](const std::string& old_pw, const std::string& new_pw) {
        return database().write([&](db::Tx& tx) { return svc_->change_password(tx, *who, old_pw, new_pw, kT + 2); });
    };
    auto wrong_old = change("Wrong#pass123", "Nw4$plqR8xzv");
    ASSERT_FALSE(wrong_old.ok());
    EXPECT_EQ(wrong_old.error().code, "auth.wrong_password");
    EXPECT_EQ(wrong_old.error().field, "old_password");
    auto weak = change(kPassword, "Aa123456789!");
    ASSERT_FALSE(weak.ok());
    EXPECT_EQ(weak.error().message, "密码过于常见，请更换");
    EXPECT_EQ(weak.error().field, "new_password");
    auto with_name = change(kPassword, "Zhangsan#2026");
    ASSERT_FALSE(with_name.ok());
    EXPECT_EQ(with_name.error().message, "密码不能包含用户名");
    auto same = change(kPassword, kPassword);
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().message, "不能与最近5次使用过的密码相同");
}

TEST_P(AuthAccountTest, NoneOfTheLastFivePasswordsMayBeReused) {
    create("zhangsan");
    auto who = svc_->authenticate(database(), login_ok("zhangsan", kT), "", kT + 1);
    ASSERT_TRUE(who);
    const std::vector<std::string> pw = {kPassword,      "Nw4$plqR8xz1", "Nw4$plqR8xz2",
                                         "Nw4$plqR8xz3", "Nw4$plqR8xz4", "Nw4$plqR8xz5"};
    int64_t at = kT + 10;
    auto change = [&](const std::string& old_pw, const std::string& new_pw) {
        ++at;
        return database().write([&](db::Tx& tx) { return svc_->change_password(tx, *who, old_pw, new_pw, at); });
    };
    for (size_t i = 1; i <= 4; ++i) ASSERT_TRUE(change(pw[i - 1], pw[i]).ok()) << i;
    // The history is pw[0..4]: the first password is the fifth last.
    auto reuse = change(pw[4], pw[0]);
    ASSERT_FALSE(reuse.ok());
    EXPECT_EQ(reuse.error().message, "不能与最近5次使用过的密码相同");
    ASSERT_TRUE(change(pw[4], pw[5]).ok());
    // Now pw[0] is the sixth last and may come back.
    EXPECT_TRUE(change(pw[5], pw[0]).ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM password_history"), 5);
}

TEST_P(AuthAccountTest, ChangingThePasswordEndsTheOtherSessions) {
    create("zhangsan");
    std::string a = login_ok("zhangsan", kT);
    std::string b = login_ok("zhangsan", kT);
    auto who = svc_->authenticate(database(), a, "", kT + 1);
    ASSERT_TRUE(who);
    ASSERT_TRUE(
        database()
            .write([&](db::Tx& tx) { return svc_->change_password(tx, *who, kPassword, "Nw4$plqR8xzv", kT + 2); })
            .ok());
    EXPECT_TRUE(svc_->authenticate(database(), a, "", kT + 3).has_value());
    EXPECT_FALSE(svc_->authenticate(database(), b, "", kT + 3).has_value());
    EXPECT_FALSE(login("zhangsan", kPassword, kT + 4).succeeded());
    EXPECT_TRUE(login("zhangsan", "Nw4$plqR8xzv", kT + 5).succeeded());
}

TEST_P(AuthAccountTest, ResetPasswordForcesAChangeAndEndsSessions) {
    int64_t id = create("zhangsan");
    int64_t sec = create("anquan", {"security_admin"});
    std::string t = login_ok("zhangsan", kT);
    auto r = database().write([&](db::Tx& tx) {
        return svc_->reset_password(tx, admin(sec, {"user.unlock"}), id, "Tmp#Reset2026x", kT + 1);
    });
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(svc_->authenticate(database(), t, "", kT + 2).has_value());
    EXPECT_FALSE(login("zhangsan", kPassword, kT + 3).succeeded());
    auto out = login("zhangsan", "Tmp#Reset2026x", kT + 4);
    ASSERT_TRUE(out.succeeded());
    EXPECT_TRUE(out.success->account.must_change_password);
    // A weak temporary password is refused too.
    auto weak = database().write(
        [&](db::Tx& tx) { return svc_->reset_password(tx, admin(sec, {"user.unlock"}), id, "short", kT + 5); });
    ASSERT_FALSE(weak.ok());
    EXPECT_EQ(weak.error().code, "auth.password_policy");
}

TEST_P(AuthAccountTest, AdminPasswordOlderThanNinetyDaysMustChange) {
    create("xitong", {"sys_admin"});  // password set at kT - 1 min
    const int64_t d90 = 90LL * 24 * 60 * kMinute;
    auto fresh = login("xitong", kPassword, kT + d90 - kMinute - 1);
    ASSERT_TRUE(fresh.succeeded());
    EXPECT_FALSE(fresh.success->account.must_change_password);
    auto old = login("xitong", kPassword, kT + d90);
    ASSERT_TRUE(old.succeeded());
    EXPECT_TRUE(old.success->account.must_change_password);
}

// ---- users and roles ----

TEST_P(AuthAccountTest, CreateUserChecksPermissionScopeNameAndPolicy) {
    int64_t sys = create("xitong", {"sys_admin"});
    Caller county_admin = admin(sys, {"user.write"});
    county_admin.scope = DataScope{};
    county_admin.scope.region_prefixes = {"130502"};
    auto make = [&](const Caller& who, NewUser in) {
        return database().write([&](db::Tx& tx) { return svc_->create_user(tx, who, in, kT); });
    };
    NewUser in{"wangwu", "王五", kCountyOrg, std::nullopt, kPassword, true, {}};
    auto ok = make(county_admin, in);
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(ok->must_change_password);
    EXPECT_EQ(ok->org.region_code, "130502");

    auto taken = make(county_admin, in);
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().code, "auth.username_taken");
    EXPECT_EQ(taken.error().http_status, 409);

    NewUser other = in;
    other.username = "zhaoliu";
    other.org_id = kOtherCountyOrg;
    auto out_of_scope = make(county_admin, other);
    ASSERT_FALSE(out_of_scope.ok());
    EXPECT_EQ(out_of_scope.error().http_status, 404);

    other.org_id = kCountyOrg;
    other.password = "zhaoliu#2026X";
    EXPECT_EQ(make(county_admin, other).error().message, "密码不能包含用户名");

    other.password = kPassword;
    other.roles = {"supervisor"};
    EXPECT_EQ(make(county_admin, other).error().http_status, 403);  // roles need role.assign

    auto no_perm = make(admin(sys, {"user.read"}), in);
    EXPECT_EQ(no_perm.error().http_status, 403);

    // The account's person must exist and belong to the account's organisation.
    other.roles = {};
    other.person_id = 999999999;
    auto ghost = make(county_admin, other);
    ASSERT_FALSE(ghost.ok());
    EXPECT_EQ(ghost.error().code, "auth.person_not_found");
    EXPECT_EQ(ghost.error().field, "person_id");
    database().write([](db::Tx& tx) {
        tx.exec(
            "INSERT INTO people (id, name, org_id, position, is_head, is_public_servant, version, created_at, "
            "updated_at) VALUES (7001, '孙七', $1, '科员', 0, 1, 1, 0, 0)",
            {kOtherCountyOrg});
    });
    other.person_id = 7001;
    auto foreign = make(county_admin, other);
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, "auth.person_other_org");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create'"), 2);  // xitong, wangwu
}

TEST_P(AuthAccountTest, ListUsersIsFilteredByScope) {
    create("aaa", {"supervisor"}, false, kCountyOrg);
    create("bbb", {"supervisor"}, false, kOtherCountyOrg);
    create("ccc", {"supervisor"}, false, kCountyOrg);
    Caller reader = admin(1, {"user.read"});
    reader.scope = DataScope{};
    reader.scope.region_prefixes = {"130502"};
    auto page = database().read([&](db::Tx& tx) { return svc_->list_users(tx, reader, 1, 1, kT); });
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 2);
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_EQ(page->items[0].username, "aaa");
    auto second = database().read([&](db::Tx& tx) { return svc_->list_users(tx, reader, 2, 1, kT); });
    ASSERT_EQ(second->items.size(), 1u);
    EXPECT_EQ(second->items[0].username, "ccc");
}

TEST_P(AuthAccountTest, SeparationOfDutiesIsRefused) {
    int64_t id = create("zhangsan");
    int64_t sec = create("anquan", {"security_admin"});
    auto r = database().write([&](db::Tx& tx) {
        return svc_->set_roles(tx, admin(sec, {"role.assign"}), id, {"sys_admin", "audit_admin"}, 1, kT);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "auth.separation_of_duties");
    EXPECT_EQ(r.error().message, "三权分立：系统管理员、安全管理员、审计管理员不得由同一账号兼任");
    EXPECT_EQ(count("SELECT version FROM users WHERE id = $1", {id}), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM user_roles WHERE user_id = $1 AND role = 'supervisor'", {id}), 1);
    // Creating an account with two admin roles is refused the same way.
    NewUser two{"liangge", "两个", kCountyOrg, std::nullopt, kPassword, true, {"security_admin", "audit_admin"}};
    auto c = database().write([&](db::Tx& tx) { return svc_->create_user(tx, AuthService::system_caller(), two, kT); });
    EXPECT_EQ(c.error().code, "auth.separation_of_duties");
}

TEST_P(AuthAccountTest, SetRolesWithStaleVersionIs409AndAuditsBeforeAfter) {
    int64_t id = create("zhangsan");
    int64_t sec = create("anquan", {"security_admin"});
    Caller who = admin(sec, {"role.assign"});
    auto first = database().write([&](db::Tx& tx) {
        return svc_->set_roles(tx, who, id, {"supervisor", "dept_leader"}, 1, kT);
    });
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->version, 2);
    EXPECT_EQ(first->roles, (std::vector<std::string>{"dept_leader", "supervisor"}));
    auto stale = database().write([&](db::Tx& tx) { return svc_->set_roles(tx, who, id, {"expert"}, 1, kT + 1); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    EXPECT_EQ(stale.error().http_status, 409);
    auto row = database().read([&](db::Tx& tx) {
        return *tx.query_one("SELECT before_json, after_json FROM audit_log WHERE action = 'user.set_roles'");
    });
    EXPECT_EQ(row.str(0), R"({"roles":["supervisor"]})");
    EXPECT_EQ(row.str(1), R"({"roles":["dept_leader","supervisor"]})");
    // Nobody changes their own roles.
    auto self = database().write([&](db::Tx& tx) { return svc_->set_roles(tx, who, sec, {"sys_admin"}, 1, kT + 2); });
    EXPECT_EQ(self.error().http_status, 403);
}

// ---- TOTP ----

TEST_P(AuthAccountTest, TotpEnrolConfirmAndLogin) {
    create("zhangsan");
    auto who = svc_->authenticate(database(), login_ok("zhangsan", kT), "", kT + 1);
    ASSERT_TRUE(who);
    auto e = database().write([&](db::Tx& tx) { return svc_->totp_enroll(tx, *who, kT + 2); });
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->secret.size(), 32u);  // 20 bytes in base32
    EXPECT_EQ(e->otpauth_uri, "otpauth://totp/LECS:zhangsan?secret=" + e->secret + "&issuer=LECS");
    // Stored sealed: the secret does not appear in the row.
    auto stored = database().read([](db::Tx& tx) {
        return tx.query_one("SELECT totp_secret_enc FROM users WHERE username = 'zhangsan'")->str(0);
    });
    EXPECT_EQ(stored.find(e->secret), std::string::npos);

    const std::string secret = crypto::unbase32(e->secret);
    const int64_t at = kT + 10 * kMinute;
    auto wrong = database().write([&](db::Tx& tx) { return svc_->totp_confirm(tx, *who, "000000", at); });
    std::string right_code = crypto::totp(secret, at / 1000);
    if (right_code != "000000") {
        ASSERT_FALSE(wrong.ok());
        EXPECT_EQ(wrong.error().code, "auth.totp_invalid");
    }
    ASSERT_TRUE(database().write([&](db::Tx& tx) { return svc_->totp_confirm(tx, *who, right_code, at); }).ok());
    EXPECT_EQ(count("SELECT totp_enabled FROM users WHERE username = 'zhangsan'"), 1);

    // Now login needs the code.
    const int64_t later = at + 5 * kMinute;
    auto no_code = login("zhangsan", kPassword, later);
    ASSERT_FALSE(no_code.succeeded());
    EXPECT_EQ(no_code.error->code, "auth.totp_required");
    const std::string code = crypto::totp(secret, later / 1000);
    EXPECT_TRUE(login("zhangsan", kPassword, later, code).succeeded());
    // The same code again (same 30-s step) is a replay.
    auto replay = login("zhangsan", kPassword, later + 1, code);
    ASSERT_FALSE(replay.succeeded());
    EXPECT_EQ(replay.error->code, "auth.totp_invalid");
    // A confirmed TOTP cannot be re-enrolled over.
    auto again = database().write([&](db::Tx& tx) { return svc_->totp_enroll(tx, *who, later + 2); });
    EXPECT_EQ(again.error().code, "auth.totp_already_enabled");
}

TEST_P(AuthAccountTest, AdminWithoutTotpMayLogInOnlyToEnrol) {
    create("shenji", {"audit_admin"});
    auto out = login("shenji", kPassword, kT);
    ASSERT_TRUE(out.succeeded());
    EXPECT_TRUE(out.success->account.must_enrol_totp);
    EXPECT_TRUE(out.success->permissions.empty());
    auto who = svc_->authenticate(database(), out.success->token, "", kT + 1);
    ASSERT_TRUE(who);
    EXPECT_TRUE(who->permissions.empty());
    auto e = database().write([&](db::Tx& tx) { return svc_->totp_enroll(tx, *who, kT + 2); });
    ASSERT_TRUE(e.ok());
    std::string code = crypto::totp(crypto::unbase32(e->secret), (kT + 3) / 1000);
    ASSERT_TRUE(database().write([&](db::Tx& tx) { return svc_->totp_confirm(tx, *who, code, kT + 3); }).ok());
    who = svc_->authenticate(database(), out.success->token, "", kT + 4);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->permissions, std::vector<std::string>{"audit.read"});
}

TEST_P(AuthAccountTest, SecurityAdminResetsALostTotp) {
    int64_t id = create("zhangsan");
    int64_t sec = create("anquan", {"security_admin"});
    std::string token = login_ok("zhangsan", kT);
    auto who = svc_->authenticate(database(), token, "", kT + 1);
    ASSERT_TRUE(who);
    auto e = database().write([&](db::Tx& tx) { return svc_->totp_enroll(tx, *who, kT + 2); });
    ASSERT_TRUE(e.ok());
    std::string code = crypto::totp(crypto::unbase32(e->secret), (kT + 3) / 1000);
    ASSERT_TRUE(database().write([&](db::Tx& tx) { return svc_->totp_confirm(tx, *who, code, kT + 3); }).ok());
    auto refused =
        database().write([&](db::Tx& tx) { return svc_->reset_totp(tx, admin(sec, {"role.assign"}), id, kT + 4); });
    EXPECT_EQ(refused.error().http_status, 403);
    ASSERT_TRUE(database()
                    .write([&](db::Tx& tx) { return svc_->reset_totp(tx, admin(sec, {"user.unlock"}), id, kT + 4); })
                    .ok());
    EXPECT_FALSE(svc_->authenticate(database(), token, "", kT + 5).has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = $1 AND totp_enabled = 0 AND totp_secret_enc IS NULL", {id}),
              1);
    EXPECT_TRUE(login("zhangsan", kPassword, kT + 6).succeeded());  // no code asked any more
}

INSTANTIATE_TEST_SUITE_P(Db, AuthAccountTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::auth
