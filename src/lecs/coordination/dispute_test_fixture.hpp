// Shared set-up of the dispute store and service tests (not compiled into the
// library): a fresh migrated database (SQLite or PostgreSQL) with the real
// calendar and a few organisations of Xingtai and beyond, the audit log, the
// deadline service, DocService, WorkflowService (to-dos), DisputeService,
// callers of each role with its permissions and the data scope
// org::rules::compute_scope gives them, and a complete application.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/rules.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/docs/service.hpp"
#include "lecs/workflow/service.hpp"
#include "support/test_db.hpp"

namespace lecs::coordination::testing {

inline constexpr int64_t kDay = 86400000;
// 2026-11-27 (a Friday) 10:00 Beijing time.
inline constexpr int64_t kNov27 = 1795744800000;
inline constexpr int64_t kDec1 = kNov27 + 4 * kDay;  // Tuesday
inline constexpr int64_t kDec3 = kNov27 + 6 * kDay;  // Thursday

inline constexpr int64_t kCityGov = 9001;         // 邢台市人民政府
inline constexpr int64_t kCityJustice = 9002;     // 邢台市司法局 (the city's supervision department)
inline constexpr int64_t kScjg = 9003;            // 邢台市市场监督管理局
inline constexpr int64_t kXinduGov = 9011;        // 邢台市信都区人民政府
inline constexpr int64_t kXinduJustice = 9012;    // 邢台市信都区司法局
inline constexpr int64_t kXinduAgri = 9013;       // 邢台市信都区农业农村局
inline constexpr int64_t kNingjinGov = 9021;      // 宁晋县人民政府
inline constexpr int64_t kNingjinJustice = 9022;  // 宁晋县司法局
inline constexpr int64_t kNingjinScjg = 9023;     // 宁晋县市场监督管理局
inline constexpr int64_t kNingjinEdu = 9024;      // 宁晋县教育局
inline constexpr int64_t kNingjinStation = 9025;  // its township 市场监管所 (派出机构)
inline constexpr int64_t kTax = 9031;             // 国家税务总局邢台市税务局 (垂直管理)
inline constexpr int64_t kSjzScjg = 9041;         // 石家庄市市场监督管理局 (outside 邢台市)
inline constexpr int64_t kNanhe1 = 9051;          // 邢台市南和区农业农村局 } 南和区 has no registered
inline constexpr int64_t kNanhe2 = 9052;          // 邢台市南和区教育局     } supervision department here

class DisputeFixture : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-dispute-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        calendar_ = std::make_unique<calendar::CalendarService>(*audit_);
        deadlines_ = std::make_unique<workflow::DeadlineService>(*audit_, *calendar_);
        docs_ = std::make_unique<docs::DocService>(database(), *audit_, *keys_, *deadlines_,
                                                   docs::DocServiceOptions{"https://lecs.xingtai.example", {}});
        workflow_ = std::make_unique<workflow::WorkflowService>(*calendar_);
        svc_ = std::make_unique<DisputeService>(*audit_, *deadlines_, *docs_, *workflow_);
        database().write([](db::Tx& tx) {
            calendar::ensure_calendar(tx, kNov27);
            auto org = [&](int64_t id, const char* name, const char* kind, const char* level, const char* region,
                           std::optional<int64_t> gov, std::optional<int64_t> parent = std::nullopt) {
                tx.exec(
                    "INSERT INTO organizations (id, name, kind, level, region_code, government_id, parent_id, "
                    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                    {id, std::string(name), std::string(kind), std::string(level), std::string(region),
                     gov ? db::Value(*gov) : db::Value(nullptr), parent ? db::Value(*parent) : db::Value(nullptr),
                     kNov27});
            };
            org(kCityGov, "邢台市人民政府", "government", "city", "130500", std::nullopt);
            org(kCityJustice, "邢台市司法局", "supervision_dept", "city", "130500", kCityGov);
            org(kScjg, "邢台市市场监督管理局", "organ", "city", "130500", kCityGov);
            org(kXinduGov, "邢台市信都区人民政府", "government", "county", "130503", std::nullopt);
            org(kXinduJustice, "邢台市信都区司法局", "supervision_dept", "county", "130503", kXinduGov);
            org(kXinduAgri, "邢台市信都区农业农村局", "organ", "county", "130503", kXinduGov);
            org(kNingjinGov, "宁晋县人民政府", "government", "county", "130528", std::nullopt);
            org(kNingjinJustice, "宁晋县司法局", "supervision_dept", "county", "130528", kNingjinGov);
            org(kNingjinScjg, "宁晋县市场监督管理局", "organ", "county", "130528", kNingjinGov);
            org(kNingjinEdu, "宁晋县教育局", "organ", "county", "130528", kNingjinGov);
            org(kNingjinStation, "宁晋县市场监督管理局凤凰市场监管所", "dispatched", "township", "130528100",
                std::nullopt, kNingjinScjg);
            org(kTax, "国家税务总局邢台市税务局", "vertical", "city", "130500", std::nullopt);
            org(kSjzScjg, "石家庄市市场监督管理局", "organ", "city", "130100", std::nullopt);
            org(kNanhe1, "邢台市南和区农业农村局", "organ", "county", "130506", std::nullopt);
            org(kNanhe2, "邢台市南和区教育局", "organ", "county", "130506", std::nullopt);
        });
    }
    void TearDown() override {
        svc_.reset();
        workflow_.reset();
        docs_.reset();
        deadlines_.reset();
        calendar_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    static auth::Caller caller(int64_t user, const char* name, int64_t org, const char* region, const char* role) {
        auth::Caller c;
        c.user_id = user;
        c.username = name;
        c.org_id = org;
        c.org_region = region;
        c.roles = {role};
        c.permissions = auth::rules::permissions_of(c.roles);  // the role's own (docs/api-contract.md)
        return c;
    }
    // An agency's liaison sees what concerns its agency (org_ids).
    static auth::Caller liaison(int64_t user, int64_t org, const char* region) {
        auto c = caller(user, "liaison", org, region, "agency_liaison");
        c.scope.org_ids = {org};
        return c;
    }
    static auth::Caller scjg_liaison() { return liaison(21, kScjg, "130500"); }  // agency.scjg
    static auth::Caller xindu_agri_liaison() { return liaison(22, kXinduAgri, "130503"); }
    static auth::Caller ningjin_scjg_liaison() { return liaison(23, kNingjinScjg, "130528"); }  // ningjin.agency
    static auth::Caller ningjin_edu_liaison() { return liaison(24, kNingjinEdu, "130528"); }    // ningjin.agency2
    static auth::Caller city_sup() {                                                            // city.sup1
        auto c = caller(12, "city.sup1", kCityJustice, "130500", "supervisor");
        c.scope.whole_city = true;
        return c;
    }
    static auth::Caller city_leader() {
        auto c = caller(11, "city.leader", kCityJustice, "130500", "dept_leader");
        c.scope.whole_city = true;
        return c;
    }
    static auth::Caller xindu_sup() {
        auto c = caller(31, "xindu.sup1", kXinduJustice, "130503", "supervisor");
        c.scope.region_prefixes = {"130503"};
        return c;
    }
    static auth::Caller ningjin_sup() {
        auto c = caller(32, "ningjin.sup1", kNingjinJustice, "130528", "supervisor");
        c.scope.region_prefixes = {"130528"};
        return c;
    }
    static auth::Caller ningjin_leader() {  // ningjin.leader
        auto c = caller(33, "ningjin.leader", kNingjinJustice, "130528", "dept_leader");
        c.scope.region_prefixes = {"130528"};
        return c;
    }
    static auth::Caller xindu_leader() {
        auto c = caller(34, "xindu.leader", kXinduJustice, "130503", "dept_leader");
        c.scope.region_prefixes = {"130503"};
        return c;
    }
    static auth::Caller city_gov_leader() {  // gov.leader, of 邢台市人民政府
        auto c = caller(41, "gov.leader", kCityGov, "130500", "gov_leader");
        c.scope.whole_city = true;
        return c;
    }
    static auth::Caller ningjin_gov_leader() {  // ningjin.gov, of 宁晋县人民政府
        auto c = caller(42, "ningjin.gov", kNingjinGov, "130528", "gov_leader");
        c.scope.region_prefixes = {"130528"};
        return c;
    }

    // A complete application between the caller's agency and `other`.
    static ApplicationInput application(int64_t applicant, int64_t other) {
        ApplicationInput in;
        in.letter_attachment_id = 7001;
        in.focus = "农贸市场内活禽销售环节的检疫证明查验职责归属";
        in.parties = {
            {other, "属流通环节经营行为，应由市场监管部门查处", {{"《中华人民共和国食品安全法》", "第三十四条"}}},
            {applicant,
             "活禽检疫证明查验属动物防疫监管，应由农业农村部门负责",
             {{"《中华人民共和国动物防疫法》", "第八条"}}},
        };
        in.negotiation_date = Date{2026, 11, 20};
        in.negotiation_participants = "双方法制机构负责人";
        in.negotiation_outcome = "各执己见，未能达成一致";
        return in;
    }

    Result<Dispute> draft(const auth::Caller& who, const ApplicationInput& in, int64_t now = kNov27) {
        return database().write([&](db::Tx& tx) { return svc_->create_draft(tx, who, in, now); });
    }
    Dispute draft_ok(const auth::Caller& who, const ApplicationInput& in) {
        auto r = draft(who, in);
        if (!r.ok()) ADD_FAILURE() << "draft: " << r.error().code << " " << r.error().message;
        return r.ok() ? r.value() : Dispute{};
    }
    Result<Dispute> submit(const auth::Caller& who, int64_t id, int64_t version, bool confirm = false,
                           int64_t now = kNov27) {
        return database().write([&](db::Tx& tx) {
            return svc_->submit(tx, who, id, SubmitInput{version, confirm}, now);
        });
    }
    // Drafted and submitted by `who`.
    Dispute filed(const auth::Caller& who, int64_t other) {
        auto d = draft_ok(who, application(who.org_id, other));
        auto r = submit(who, d.id, d.version);
        if (!r.ok()) ADD_FAILURE() << "submit: " << r.error().code << " " << r.error().message;
        return r.ok() ? r.value() : Dispute{};
    }
    std::optional<Dispute> stored(int64_t id) {
        return database().read([&](db::Tx& tx) { return store::find_dispute(tx, id); });
    }
    workflow::DeadlineView deadline(int64_t id, int64_t now = kNov27) {
        auth::Caller all = city_sup();
        auto r = database().read([&](db::Tx& tx) { return deadlines_->get(tx, all, id, now); });
        if (!r.ok()) ADD_FAILURE() << "deadline: " << r.error().message;
        return r.ok() ? r.value() : workflow::DeadlineView{};
    }
    std::vector<std::string> event_kinds(int64_t id) {
        std::vector<std::string> out;
        database().read([&](db::Tx& tx) {
            for (const auto& e : store::list_events(tx, id)) out.push_back(e.kind);
        });
        return out;
    }
    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }
    int64_t audits(const std::string& action) {
        return count("SELECT COUNT(*) FROM audit_log WHERE action = $1", {action});
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<calendar::CalendarService> calendar_;
    std::unique_ptr<workflow::DeadlineService> deadlines_;
    std::unique_ptr<docs::DocService> docs_;
    std::unique_ptr<workflow::WorkflowService> workflow_;
    std::unique_ptr<DisputeService> svc_;
};

}  // namespace lecs::coordination::testing
