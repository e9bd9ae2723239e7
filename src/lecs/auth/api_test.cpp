// The auth routes through the real http::Router: login sets the cookie and
// answers {user, permissions, csrf_token}; bad input gets the §API error shape.
#include "lecs/auth/api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "lecs/audit/audit.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/base/time.hpp"
#include "support/test_db.hpp"

namespace lecs::auth {
namespace {
namespace json = boost::json;
namespace fs = std::filesystem;
const std::string kPassword = "Zt9#kq2Lm8$w";

class AuthApiTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-authapi-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        svc_ = std::make_unique<AuthService>(AuthConfig{1000, 20}, *audit_, *keys_);
        database().write([](db::Tx& tx) {
            tx.exec(
                "INSERT INTO organizations (id, name, kind, level, region_code, created_at, updated_at) "
                "VALUES (5002, '襄都区司法局', 'organ', 'county', '130502', 0, 0)");
        });
        NewUser in{"zhangsan", "张三", 5002, std::nullopt, kPassword, false, {"supervisor"}};
        auto r = database().write(
            [&](db::Tx& tx) { return svc_->create_user(tx, AuthService::system_caller(), in, now_ms()); });
        ASSERT_TRUE(r.ok());
        user_id_ = r->id;
        register_api(router_, *svc_, database(), AuthApiConfig{true});
    }
    void TearDown() override {
        svc_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        fs::remove_all(dir_);
    }

    http::Response call(const std::string& method, const std::string& path, const std::string& body,
                        const Caller& who = {}) {
        auto m = router_.match(method, path);
        EXPECT_NE(m.route, nullptr) << method << " " << path;
        http::Request req;
        req.method = method;
        req.path = path;
        req.body = body;
        req.path_params = m.params;
        req.remote_ip = "192.0.2.1";
        req.headers = {{"content-type", "application/json"}, {"user-agent", "scratch"}};
        return m.route->handler(req, who);
    }
    std::string header(const http::Response& r, const std::string& name) {
        for (auto& [k, v] : r.headers)
            if (k == name) return v;
        return {};
    }

    fs::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<AuthService> svc_;
    http::Router router_;
    int64_t user_id_ = 0;
};

TEST_P(AuthApiTest, LoginMeLogout) {
    auto r = call("POST", "/api/v1/auth/login", R"({"username":"ZhangSan","password":"Zt9#kq2Lm8$w"})");
    ASSERT_EQ(r.status, 200) << r.body;
    std::string cookie = header(r, "Set-Cookie");
    EXPECT_EQ(cookie.rfind("lecs_session=", 0), 0u);
    EXPECT_NE(cookie.find("; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200; Secure"), std::string::npos) << cookie;
    auto body = json::parse(r.body).as_object();
    EXPECT_EQ(body["user"].as_object()["username"].as_string(), "zhangsan");
    EXPECT_EQ(body["user"].as_object()["id"].as_string(), id_to_string(user_id_));
    EXPECT_EQ(body["user"].as_object()["org"].as_object()["region_code"].as_string(), "130502");
    EXPECT_EQ(body["user"].as_object()["must_enrol_totp"].as_bool(), false);
    EXPECT_EQ(json::serialize(body["permissions"]),
              R"(["catalog.read","catalog.write","cert.read","dispute.handle","dispute.read","doc.draft",)"
              R"("doc.read","doc.receipt","file.read","file.upload","monitoring.handle","monitoring.read",)"
              R"("org.read","person.read","report.read","report.review","supervision.handle","supervision.read"])");
    std::string token = cookie.substr(13, cookie.find(';') - 13);
    auto who = svc_->authenticate(database(), token, "192.0.2.1", now_ms());
    ASSERT_TRUE(who);
    EXPECT_EQ(body["csrf_token"].as_string(), who->csrf_token);

    auto me = call("GET", "/api/v1/me", "", *who);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_NE(me.body.find("\"display_name\":\"张三\""), std::string::npos) << me.body;

    auto out = call("POST", "/api/v1/auth/logout", "", *who);
    EXPECT_EQ(out.status, 204);
    EXPECT_EQ(header(out, "Set-Cookie"), "lecs_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure");
    EXPECT_FALSE(svc_->authenticate(database(), token, "192.0.2.1", now_ms()));
}

TEST_P(AuthApiTest, BadBodies) {
    auto r = call("POST", "/api/v1/auth/login", R"({"password":"x"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("\"field\":\"username\""), std::string::npos) << r.body;
    r = call("POST", "/api/v1/auth/login", R"({"username":"a","password":12})");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("validation.wrong_type"), std::string::npos) << r.body;
    r = call("POST", "/api/v1/auth/login", R"({"username":"zhangsan","password":"wrong-password-1A"})");
    EXPECT_EQ(r.status, 401);
    EXPECT_NE(r.body.find("auth.invalid_credentials"), std::string::npos) << r.body;
    Caller sec;
    sec.user_id = 1;
    sec.permissions = {"role.assign"};
    sec.scope.whole_city = true;
    r = call("PUT", "/api/v1/users/" + id_to_string(user_id_) + "/roles", R"({"roles":"sys_admin","version":1})", sec);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("\"field\":\"roles\""), std::string::npos) << r.body;
    r = call("PUT", "/api/v1/users/" + id_to_string(user_id_) + "/roles",
             R"({"roles":["sys_admin","audit_admin"],"version":1})", sec);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("auth.separation_of_duties"), std::string::npos) << r.body;
    r = call("PUT", "/api/v1/users/" + id_to_string(user_id_) + "/roles", R"({"roles":["dept_leader"],"version":1})",
             sec);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("\"version\":2"), std::string::npos) << r.body;
    r = call("PUT", "/api/v1/users/" + id_to_string(user_id_) + "/roles", R"({"roles":["dept_leader"],"version":1})",
             sec);
    EXPECT_EQ(r.status, 409) << r.body;
}

TEST_P(AuthApiTest, UsersListAndCreate) {
    Caller sys;
    sys.user_id = 1;
    sys.permissions = {"user.read", "user.write"};
    sys.scope.whole_city = true;
    auto r = call("POST", "/api/v1/users",
                  R"({"username":"lisi","display_name":"李四","org_id":"5002","password":"Nw4$plqR8xzv"})", sys);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_NE(r.body.find("\"must_change_password\":true"), std::string::npos) << r.body;
    r = call("GET", "/api/v1/users", "", sys);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("\"total\":2"), std::string::npos) << r.body;
    EXPECT_EQ(router_.routes().size(), 11u);
}

INSTANTIATE_TEST_SUITE_P(Db, AuthApiTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);
}  // namespace
}  // namespace lecs::auth
