// The fixture of the AuthService suites (service_login_test.cpp,
// service_account_test.cpp): a migrated database of either kind, three
// organisations, a key file, the audit log and a service at 1000 PBKDF2
// iterations. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/service.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/keys.hpp"
#include "support/test_db.hpp"

namespace lecs::auth::test_support {

namespace fs = std::filesystem;

constexpr int64_t kT = 1'790'000'000'000;  // 2026-09-21, UTC ms
constexpr int64_t kMinute = 60'000;
constexpr int64_t kCityOrg = 5001;
constexpr int64_t kCountyOrg = 5002;
constexpr int64_t kOtherCountyOrg = 5003;
inline const std::string kPassword = "Zt9#kq2Lm8$w";

class AuthServiceFixture : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-auth-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        svc_ = std::make_unique<AuthService>(AuthConfig{1000, 20}, *audit_, *keys_);
        // The org module computes scopes; the test hook: an organisation's own region.
        svc_->set_scope_of([](db::Tx& tx, int64_t org_id, const std::vector<std::string>&) {
            DataScope s;
            auto r = tx.query_one("SELECT region_code FROM organizations WHERE id = $1", {org_id});
            if (r) s.region_prefixes.push_back(r->str(0));
            return s;
        });
        database().write([](db::Tx& tx) {
            const char* sql =
                "INSERT INTO organizations (id, name, kind, level, region_code, created_at, updated_at) "
                "VALUES ($1, $2, 'organ', $3, $4, 0, 0)";
            tx.exec(sql, {kCityOrg, std::string("邢台市司法局"), std::string("city"), std::string("130500")});
            tx.exec(sql, {kCountyOrg, std::string("襄都区司法局"), std::string("county"), std::string("130502")});
            tx.exec(sql, {kOtherCountyOrg, std::string("信都区司法局"), std::string("county"), std::string("130503")});
        });
    }
    void TearDown() override {
        svc_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    int64_t create(const std::string& username, std::vector<std::string> roles = {"supervisor"},
                   bool must_change = false, int64_t org = kCountyOrg, const std::string& password = kPassword) {
        NewUser in;
        in.username = username;
        in.display_name = "测试用户";
        in.org_id = org;
        in.password = password;
        in.must_change_password = must_change;
        in.roles = std::move(roles);
        auto r = database().write(
            [&](db::Tx& tx) { return svc_->create_user(tx, AuthService::system_caller(), in, kT - kMinute); });
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r->id : 0;
    }

    LoginOutcome login(const std::string& username, const std::string& password, int64_t now,
                       const std::string& totp = {}, const std::string& ip = "192.0.2.1") {
        return svc_->login(database(), LoginRequest{username, password, totp, ip, "test-agent"}, now);
    }

    std::string login_ok(const std::string& username, int64_t now, const std::string& password = kPassword) {
        auto out = login(username, password, now);
        EXPECT_TRUE(out.succeeded()) << (out.error ? out.error->code : "");
        return out.succeeded() ? out.success->token : std::string();
    }

    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }

    Caller admin(int64_t user_id, std::vector<std::string> perms) {
        Caller c;
        c.user_id = user_id;
        c.username = "admin";
        std::sort(perms.begin(), perms.end());
        c.permissions = std::move(perms);
        c.scope.whole_city = true;
        return c;
    }

    fs::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<AuthService> svc_;
};

}  // namespace lecs::auth::test_support
