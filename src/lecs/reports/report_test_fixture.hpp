// Shared set-up of the reports service tests (not compiled into the library): a fresh migrated
// database (SQLite or PostgreSQL), the city, 信都区 and 宁晋县 with their 行政执法协调监督部门 and
// agencies, the audit log, a ReportService with the embedded annual template, and callers of each
// role with the permissions of their role and the data scope org::rules::compute_scope gives them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/rules.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/reports/service.hpp"
#include "support/test_db.hpp"

namespace lecs::reports::testing {

inline constexpr int64_t kDay = 86400000;
// 2026-11-27 (a Friday) 10:00 Beijing time.
inline constexpr int64_t kNov27 = 1795744800000;
// 2027-01-31 23:59 and 2027-02-01 00:00 Beijing time: the annual report's due date, and the day after.
inline constexpr int64_t kJan31Late = 1801411140000;
inline constexpr int64_t kFeb1 = 1801411200000;

inline constexpr int64_t kCityGov = 9001;         // 邢台市人民政府
inline constexpr int64_t kCityJustice = 9002;     // 邢台市司法局
inline constexpr int64_t kScjg = 9003;            // 邢台市市场监督管理局 (agency.scjg)
inline constexpr int64_t kXinduJustice = 9012;    // 邢台市信都区司法局
inline constexpr int64_t kXinduAgri = 9013;       // 邢台市信都区农业农村局
inline constexpr int64_t kNingjinJustice = 9022;  // 宁晋县司法局
inline constexpr int64_t kNingjinScjg = 9023;     // 宁晋县市场监督管理局

class ReportsFixture : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-reports-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        calendar_ = std::make_unique<calendar::CalendarService>(*audit_);
        workflow_ = std::make_unique<workflow::WorkflowService>(*calendar_);
        svc_ =
            std::make_unique<ReportService>(*audit_, *workflow_, std::vector<TemplateSource>{default_annual_source()});
        database().write([](db::Tx& tx) {
            auto org = [&](int64_t id, const char* name, const char* kind, const char* level, const char* region,
                           const char* domain = "") {
                tx.exec(
                    "INSERT INTO organizations (id, name, kind, level, region_code, created_at, updated_at, domain) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
                    {id, std::string(name), std::string(kind), std::string(level), std::string(region), kNov27,
                     std::string(domain)});
            };
            org(kCityGov, "邢台市人民政府", "government", "city", "130500");
            org(kCityJustice, "邢台市司法局", "supervision_dept", "city", "130500");
            org(kScjg, "邢台市市场监督管理局", "organ", "city", "130500", "market");
            org(kXinduJustice, "邢台市信都区司法局", "supervision_dept", "county", "130503");
            org(kXinduAgri, "邢台市信都区农业农村局", "organ", "county", "130503", "agriculture");
            org(kNingjinJustice, "宁晋县司法局", "supervision_dept", "county", "130528");
            org(kNingjinScjg, "宁晋县市场监督管理局", "organ", "county", "130528", "market");
        });
    }
    void TearDown() override {
        svc_.reset();
        workflow_.reset();
        calendar_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    // A caller of `role` in `org` with the role's permissions and the scope compute_scope gives it.
    static auth::Caller caller(int64_t user, const char* name, int64_t org, const char* kind, const char* level,
                               const char* region, const char* role) {
        auth::Caller c;
        c.user_id = user;
        c.username = name;
        c.org_id = org;
        c.org_region = region;
        c.roles = {role};
        c.permissions = auth::rules::permissions_of(c.roles);
        c.scope = org::rules::compute_scope(org::OrgFacts{org, kind, level, region}, c.roles, {});
        return c;
    }
    static auth::Caller city_sup() {
        return caller(12, "city.sup1", kCityJustice, "supervision_dept", "city", "130500", "supervisor");
    }
    static auth::Caller city_leader() {
        return caller(11, "city.leader", kCityJustice, "supervision_dept", "city", "130500", "dept_leader");
    }
    static auth::Caller xindu_sup() {
        return caller(31, "xindu.sup1", kXinduJustice, "supervision_dept", "county", "130503", "supervisor");
    }
    static auth::Caller ningjin_sup() {
        return caller(32, "ningjin.sup1", kNingjinJustice, "supervision_dept", "county", "130528", "supervisor");
    }
    static auth::Caller scjg_liaison() {
        return caller(21, "agency.scjg", kScjg, "organ", "city", "130500", "agency_liaison");
    }
    static auth::Caller scjg_head() { return caller(24, "scjg.head", kScjg, "organ", "city", "130500", "agency_head"); }
    static auth::Caller xindu_agri_liaison() {
        return caller(22, "xindu.agri", kXinduAgri, "organ", "county", "130503", "agency_liaison");
    }
    static auth::Caller ningjin_scjg_liaison() {
        return caller(23, "ningjin.scjg", kNingjinScjg, "organ", "county", "130528", "agency_liaison");
    }

    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }
    template <class F>
    auto change(F&& f) {
        return database().write([&](db::Tx& t) { return f(t); });
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<calendar::CalendarService> calendar_;
    std::unique_ptr<workflow::WorkflowService> workflow_;
    std::unique_ptr<ReportService> svc_;
};

}  // namespace lecs::reports::testing
