// The fixture of the org module's store/service tests: a fresh migrated
// database (SQLite or PostgreSQL) with the regions loaded, real keys in a temp
// key file, a real audit log, and helpers that create rows through the service.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "lecs/audit/audit.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/org/service.hpp"
#include "support/test_db.hpp"

namespace lecs::org::testing {

inline constexpr int64_t kNow = 1'780'000'000'000;  // 2026-05-28T20:26:40Z

class OrgFixture : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-org-test-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        pii_ = std::make_unique<Pii>(*keys_);
        audit_ = std::make_unique<audit::AuditLog>(*keys_, (dir_ / "checkpoints").string());
        svc_ = std::make_unique<OrgService>(*audit_, *pii_);
        database().write([](db::Tx& tx) { ensure_regions(tx); });
    }
    void TearDown() override {
        svc_.reset();
        audit_.reset();
        pii_.reset();
        keys_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
        DbTest::TearDown();
    }

    OrgService& svc() { return *svc_; }
    Pii& pii() { return *pii_; }

    // A system administrator of the whole city with every org permission.
    static auth::Caller admin() {
        auth::Caller c;
        c.user_id = 1;
        c.username = "sysadmin";
        c.roles = {"sys_admin"};
        c.permissions = {"cert.read",   "cert.write",   "org.read",  "org.write",
                         "person.read", "person.write", "pii.unmask"};
        c.scope.whole_city = true;
        return c;
    }

    int64_t make_org(const std::string& name, const std::string& kind, const std::string& region,
                     const std::string& level = "", std::optional<int64_t> parent = std::nullopt) {
        OrgInput in;
        in.name = name;
        in.kind = kind;
        in.region_code = region;
        in.level = level;
        in.parent_id = parent;
        auto r = database().write([&](db::Tx& tx) { return svc_->create_org(tx, admin(), in, kNow); });
        if (!r.ok()) ADD_FAILURE() << "make_org " << name << ": " << r.error().code << " " << r.error().message;
        return r.ok() ? r->id : 0;
    }

    int64_t make_person(int64_t org, const std::string& name, const std::string& id_no, const std::string& phone) {
        auto r = database().write([&](db::Tx& tx) {
            return svc_->create_person(tx, admin(), PersonInput{name, org, "科员", false, true, id_no, phone}, kNow);
        });
        if (!r.ok()) ADD_FAILURE() << "make_person " << name << ": " << r.error().message;
        return r.ok() ? r->id : 0;
    }

    int64_t make_cert(int64_t person, const std::string& kind, const std::string& number, const char* issued,
                      const char* expires) {
        CertificateInput in{kind,
                            number,
                            person,
                            kind == "supervision" ? "" : "邢台市人民政府",
                            *Date::parse(issued),
                            *Date::parse(expires),
                            {}};
        auto r = database().write([&](db::Tx& tx) { return svc_->create_certificate(tx, admin(), in, kNow); });
        if (!r.ok()) ADD_FAILURE() << "make_cert " << number << ": " << r.error().message;
        return r.ok() ? r->cert.id : 0;
    }

  private:
    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<Pii> pii_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<OrgService> svc_;
};

}  // namespace lecs::org::testing
