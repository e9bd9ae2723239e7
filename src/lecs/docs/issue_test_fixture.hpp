// Shared set-up of the issuance tests (not compiled into the library): a fresh
// migrated database with a few organisations of Xingtai, the real calendar,
// keys, audit log, deadline service and DocService, callers of each role, and
// helpers that run the poppler tools and openssl as a reader would.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "lecs/audit/audit.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/docs/service.hpp"
#include "lecs/workflow/service.hpp"
#include "support/test_db.hpp"

namespace lecs::docs::testing {

// 2026-11-27 10:00 Beijing time (02:00Z).
inline constexpr int64_t kNov27 = 1795744800000;
// 2027-01-04 10:00 Beijing time: a new year, a new sequence.
inline constexpr int64_t kJan4 = 1799028000000;

inline constexpr int64_t kCityGov = 9001;       // 邢台市人民政府
inline constexpr int64_t kCityJustice = 9002;   // 邢台市司法局
inline constexpr int64_t kScjg = 9003;          // 邢台市市场监督管理局
inline constexpr int64_t kSthj = 9004;          // 邢台市生态环境局
inline constexpr int64_t kXinduGov = 9011;      // 信都区人民政府
inline constexpr int64_t kXinduJustice = 9012;  // 信都区司法局

struct CmdResult {
    int status = -1;
    std::string out;
};

// Runs a shell command, stdout and stderr together.
inline CmdResult run_cmd(const std::string& cmd) {
    CmdResult r;
    FILE* f = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!f) return r;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) r.out.append(buf, n);
    int rc = ::pclose(f);
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return r;
}

class IssueFixture : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-docs-issue-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        calendar_ = std::make_unique<calendar::CalendarService>(*audit_);
        deadlines_ = std::make_unique<workflow::DeadlineService>(*audit_, *calendar_);
        svc_ = std::make_unique<DocService>(database(), *audit_, *keys_, *deadlines_,
                                            DocServiceOptions{"https://lecs.xingtai.example", {}});
        database().write([](db::Tx& tx) {
            calendar::ensure_calendar(tx, kNov27);
            auto org = [&](int64_t id, const char* name, const char* kind, const char* level, const char* region,
                           std::optional<int64_t> gov) {
                tx.exec(
                    "INSERT INTO organizations (id, name, kind, level, region_code, government_id, created_at, "
                    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                    {id, std::string(name), std::string(kind), std::string(level), std::string(region),
                     gov ? db::Value(*gov) : db::Value(nullptr), kNov27});
            };
            org(kCityGov, "邢台市人民政府", "government", "city", "130500", std::nullopt);
            org(kCityJustice, "邢台市司法局", "supervision_dept", "city", "130500", kCityGov);
            org(kScjg, "邢台市市场监督管理局", "agency", "city", "130500", kCityGov);
            org(kSthj, "邢台市生态环境局", "agency", "city", "130500", kCityGov);
            org(kXinduGov, "邢台市信都区人民政府", "government", "county", "130503", std::nullopt);
            org(kXinduJustice, "邢台市信都区司法局", "supervision_dept", "county", "130503", kXinduGov);
        });
    }
    void TearDown() override {
        svc_.reset();
        deadlines_.reset();
        calendar_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    static auth::Caller caller(int64_t user, const char* name, int64_t org, const char* region, const char* role,
                               std::vector<std::string> perms) {
        auth::Caller c;
        c.user_id = user;
        c.username = name;
        c.org_id = org;
        c.org_region = region;
        c.roles = {role};
        std::sort(perms.begin(), perms.end());
        c.permissions = std::move(perms);
        return c;
    }
    // city.leader: dept_leader of 邢台市司法局 (whole city).
    static auth::Caller city_leader() {
        auto c = caller(11, "city.leader", kCityJustice, "130500", "dept_leader",
                        {"doc.draft", "doc.issue", "doc.read", "doc.receipt"});
        c.scope.whole_city = true;
        return c;
    }
    static auth::Caller city_supervisor() {
        auto c =
            caller(12, "city.sup1", kCityJustice, "130500", "supervisor", {"doc.draft", "doc.read", "doc.receipt"});
        c.scope.whole_city = true;
        return c;
    }
    // gov.leader: gov_leader of 邢台市人民政府.
    static auth::Caller gov_leader() {
        auto c = caller(13, "gov.leader", kCityGov, "130500", "gov_leader", {"doc.issue", "doc.read"});
        c.scope.whole_city = true;
        return c;
    }
    static auth::Caller xindu_gov_leader() {
        auto c = caller(14, "xindu.gov", kXinduGov, "130503", "gov_leader", {"doc.issue", "doc.read"});
        c.scope.region_prefixes = {"130503"};
        return c;
    }
    static auth::Caller xindu_leader() {
        auto c = caller(15, "xindu.leader", kXinduJustice, "130503", "dept_leader",
                        {"doc.draft", "doc.issue", "doc.read", "doc.receipt"});
        c.scope.region_prefixes = {"130503"};
        return c;
    }
    static auth::Caller scjg_liaison() {
        auto c = caller(16, "scjg.liaison", kScjg, "130500", "agency_liaison", {"doc.read", "doc.receipt"});
        c.scope.org_ids = {kScjg};
        return c;
    }
    static auth::Caller sthj_liaison() {
        auto c = caller(17, "sthj.liaison", kSthj, "130500", "agency_liaison", {"doc.read", "doc.receipt"});
        c.scope.org_ids = {kSthj};
        return c;
    }

    static DocumentInput notice_input() {
        DocumentInput in;
        in.doc_type = "supervision_notice";
        in.title = "关于纠正行政处罚案卷不规范问题的通知";
        in.recipients = {Recipient{"邢台市市场监督管理局", kScjg}};
        in.body = {"经查，你局2026年办理的部分行政处罚案卷存在送达程序不规范的问题。",
                   "请你局于收到本通知之日起三十日内完成整改，并书面报告整改情况。"};
        in.fields = {{"target_org", "邢台市市场监督管理局"}, {"correction_deadline", "30日"}};
        return in;
    }

    int64_t draft(const auth::Caller& who, const DocumentInput& in, int64_t now = kNov27) {
        auto r = database().write([&](db::Tx& tx) { return svc_->create_draft(tx, who, in, now); });
        if (!r.ok()) ADD_FAILURE() << "draft: " << r.error().code << " " << r.error().message;
        return r.ok() ? r->id : 0;
    }
    Document issue_ok(const auth::Caller& who, int64_t id, int64_t now = kNov27) {
        auto r = svc_->issue(who, id, now);
        if (!r.ok()) ADD_FAILURE() << "issue: " << r.error().code << " " << r.error().message;
        return r.ok() ? r.value() : Document{};
    }
    std::string stored_pdf(int64_t id) {
        return *database().read([&](db::Tx& tx) { return store::load_pdf(tx, id); });
    }
    std::filesystem::path write_file(const std::string& name, const std::string& bytes) {
        auto p = dir_ / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }
    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<calendar::CalendarService> calendar_;
    std::unique_ptr<workflow::DeadlineService> deadlines_;
    std::unique_ptr<DocService> svc_;
};

}  // namespace lecs::docs::testing
