// Shared set-up of the supervision store and service tests (not compiled into
// the library): a fresh migrated database (SQLite or PostgreSQL) with the real
// calendar; the city, 信都区 and 宁晋县 with their governments, 行政执法协调监督部门
// (each department's government_id set: the government that decides, Art 14 ¶2)
// and agencies; a 信都区 township (李村镇) with its government and its
// 行政执法协调监督室; the people of the departments with their 行政执法监督证
// (刘伟 and 王敏 valid, 张某's expired on 2026-03-01, 赵强 with only a
// 行政执法证); the audit log, DeadlineService, DocService, WorkflowService and
// MatterService with the embedded checklist; callers of each role with the
// permissions of their role and the data scope org::rules::compute_scope gives
// them, supervisors with their person.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/rules.hpp"
#include "lecs/base/embedded.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/docs/service.hpp"
#include "lecs/docs/store.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"
#include "lecs/supervision/service.hpp"
#include "lecs/supervision/store.hpp"
#include "lecs/workflow/service.hpp"
#include "support/test_db.hpp"

namespace lecs::supervision::testing {

inline constexpr int64_t kDay = 86400000;
// 2026-11-27 (a Friday) 10:00 Beijing time.
inline constexpr int64_t kNov27 = 1795744800000;
inline constexpr int64_t kDec1 = kNov27 + 4 * kDay;    // Tuesday
inline constexpr int64_t kDec11 = kNov27 + 14 * kDay;  // Friday: the notices' correction deadline below
inline constexpr int64_t kDec14 = kNov27 + 17 * kDay;  // Monday, the deadline passed
inline constexpr int64_t kDec15 = kNov27 + 18 * kDay;

// Organisations.
inline constexpr int64_t kCityGov = 9001;       // 邢台市人民政府
inline constexpr int64_t kCityJustice = 9002;   // 邢台市司法局 (the city's department)
inline constexpr int64_t kScjg = 9003;          // 邢台市市场监督管理局
inline constexpr int64_t kCityEdu = 9004;       // 邢台市教育局
inline constexpr int64_t kXinduGov = 9011;      // 邢台市信都区人民政府
inline constexpr int64_t kXinduJustice = 9012;  // 邢台市信都区司法局
inline constexpr int64_t kXinduAgri = 9013;     // 邢台市信都区农业农村局
inline constexpr int64_t kLicunGov = 9014;      // 信都区李村镇人民政府 (130503101)
inline constexpr int64_t kLicunRoom = 9015;     // 信都区李村镇行政执法协调监督室
inline constexpr int64_t kNanshimenGov = 9016;  // 信都区南石门镇人民政府 (130503102)
inline constexpr int64_t kWangkuaiGov = 9017;   // 邢台经济开发区王快镇人民政府 (130571101, city-managed)
inline constexpr int64_t kWangkuaiRoom = 9018;  // 邢台经济开发区王快镇行政执法协调监督室
inline constexpr int64_t kNingjinGov = 9021;    // 宁晋县人民政府
inline constexpr int64_t kNingjinJustice = 9022;  // 宁晋县司法局
inline constexpr int64_t kNingjinScjg = 9023;     // 宁晋县市场监督管理局

// People.
inline constexpr int64_t kLiuWei = 5001;       // 刘伟, city.sup1: 行政执法监督证 valid
inline constexpr int64_t kWangMin = 5002;      // 王敏, city supervisor: valid
inline constexpr int64_t kZhang = 5003;        // 张某: expired on 2026-03-01
inline constexpr int64_t kZhaoQiang = 5004;    // 赵强: only a 行政执法证
inline constexpr int64_t kChenJing = 5005;     // 陈静, city.leader
inline constexpr int64_t kLiMing = 5011;       // 李明, xindu.sup1: valid
inline constexpr int64_t kXinduHead = 5012;    // 何涛, xindu.leader
inline constexpr int64_t kSunLi = 5021;        // 孙丽, ningjin.sup1: valid
inline constexpr int64_t kNingjinHead = 5022;  // 马骏, ningjin.leader
inline constexpr int64_t kZhouRoom = 5031;     // 周红, the 李村镇 room's supervisor
inline constexpr int64_t kScjgStaff = 5041;    // 吴刚, of 邢台市市场监督管理局 (a target)

inline constexpr const char* kLiuWeiCert = "冀监130500-0001";
inline constexpr const char* kWangMinCert = "冀监130500-0002";

class SupervisionFixture : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-supervision-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        calendar_ = std::make_unique<calendar::CalendarService>(*audit_);
        deadlines_ = std::make_unique<workflow::DeadlineService>(*audit_, *calendar_);
        docs_ = std::make_unique<docs::DocService>(database(), *audit_, *keys_, *deadlines_,
                                                   docs::DocServiceOptions{"https://lecs.xingtai.example", {}});
        workflow_ = std::make_unique<workflow::WorkflowService>(*calendar_);
        svc_ = std::make_unique<MatterService>(*audit_, *deadlines_, *docs_, *workflow_, default_checklist());
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
            org(kScjg, "邢台市市场监督管理局", "organ", "city", "130500", kCityGov);
            org(kCityEdu, "邢台市教育局", "organ", "city", "130500", kCityGov);
            org(kXinduGov, "邢台市信都区人民政府", "government", "county", "130503", std::nullopt);
            org(kXinduJustice, "邢台市信都区司法局", "supervision_dept", "county", "130503", kXinduGov);
            org(kXinduAgri, "邢台市信都区农业农村局", "organ", "county", "130503", kXinduGov);
            org(kLicunGov, "邢台市信都区李村镇人民政府", "township_gov", "township", "130503101", std::nullopt);
            org(kLicunRoom, "邢台市信都区李村镇行政执法协调监督室", "supervision_room", "township", "130503101",
                std::nullopt);
            org(kNanshimenGov, "邢台市信都区南石门镇人民政府", "township_gov", "township", "130503102", std::nullopt);
            org(kWangkuaiGov, "邢台经济开发区王快镇人民政府", "township_gov", "township", "130571101", std::nullopt);
            org(kWangkuaiRoom, "邢台经济开发区王快镇行政执法协调监督室", "supervision_room", "township", "130571101",
                std::nullopt);
            org(kNingjinGov, "宁晋县人民政府", "government", "county", "130528", std::nullopt);
            org(kNingjinJustice, "宁晋县司法局", "supervision_dept", "county", "130528", kNingjinGov);
            org(kNingjinScjg, "宁晋县市场监督管理局", "organ", "county", "130528", kNingjinGov);

            auto person = [&](int64_t id, const char* name, int64_t org_id, const char* position) {
                org::PersonRow p;
                p.id = id;
                p.name = name;
                p.org_id = org_id;
                p.position = position;
                p.created_at = p.updated_at = kNov27;
                org::store::insert_person(tx, p);
            };
            person(kLiuWei, "刘伟", kCityJustice, "科长");
            person(kWangMin, "王敏", kCityJustice, "科员");
            person(kZhang, "张某", kCityJustice, "科员");
            person(kZhaoQiang, "赵强", kCityJustice, "科员");
            person(kChenJing, "陈静", kCityJustice, "局长");
            person(kLiMing, "李明", kXinduJustice, "科长");
            person(kXinduHead, "何涛", kXinduJustice, "局长");
            person(kSunLi, "孙丽", kNingjinJustice, "科长");
            person(kNingjinHead, "马骏", kNingjinJustice, "局长");
            person(kZhouRoom, "周红", kLicunRoom, "主任");
            person(kScjgStaff, "吴刚", kScjg, "法制科科长");

            // A certificate with its 'issued' event, as org's service_people.cpp writes it.
            auto cert = [&](int64_t id, const char* kind, const char* number, int64_t person_id, int64_t org_id,
                            Date issued, Date expires) {
                org::Certificate c;
                c.id = id;
                c.kind = kind;
                c.number = number;
                c.person_id = person_id;
                c.org_id = org_id;
                c.issuer = "河北省人民政府";
                c.issued_on = issued;
                c.expires_on = expires;
                c.created_at = c.updated_at = kNov27;
                org::store::insert_certificate(tx, c);
                org::store::insert_certificate_event(
                    tx, org::CertificateEvent{id + 100, id, "issued", issued, "", kNov27, 0});
            };
            cert(6001, "supervision", kLiuWeiCert, kLiuWei, kCityJustice, Date{2024, 6, 1}, Date{2029, 5, 31});
            cert(6002, "supervision", kWangMinCert, kWangMin, kCityJustice, Date{2025, 1, 1}, Date{2029, 12, 31});
            cert(6003, "supervision", "冀监130500-0003", kZhang, kCityJustice, Date{2023, 3, 2}, Date{2026, 3, 1});
            cert(6004, "enforcement", "冀执130500-0004", kZhaoQiang, kCityJustice, Date{2024, 1, 1},
                 Date{2029, 12, 31});
            cert(6011, "supervision", "冀监130503-0001", kLiMing, kXinduJustice, Date{2024, 1, 1}, Date{2029, 12, 31});
            cert(6021, "supervision", "冀监130528-0001", kSunLi, kNingjinJustice, Date{2024, 1, 1}, Date{2029, 12, 31});
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

    static rules::Checklist default_checklist() {
        auto csv = embedded::find("data/file-review-checklist.csv");
        if (!csv) throw std::logic_error("data/file-review-checklist.csv is not embedded");
        auto parsed = rules::parse_checklist(*csv);
        if (!parsed.ok()) throw std::logic_error(parsed.error().message);
        return parsed.value();
    }

    // A caller of `role` in `org` with the role's permissions and the scope compute_scope gives it.
    static auth::Caller caller(int64_t user, const char* name, int64_t org, const char* kind, const char* level,
                               const char* region, const char* role, int64_t person = 0) {
        auth::Caller c;
        c.user_id = user;
        c.username = name;
        c.person_id = person;
        c.org_id = org;
        c.org_region = region;
        c.roles = {role};
        c.permissions = auth::rules::permissions_of(c.roles);
        c.scope = org::rules::compute_scope(org::OrgFacts{org, kind, level, region}, c.roles, {});
        return c;
    }
    static auth::Caller city_sup() {  // city.sup1, 刘伟
        return caller(12, "city.sup1", kCityJustice, "supervision_dept", "city", "130500", "supervisor", kLiuWei);
    }
    static auth::Caller city_sup2() {  // 王敏
        return caller(13, "city.sup2", kCityJustice, "supervision_dept", "city", "130500", "supervisor", kWangMin);
    }
    static auth::Caller city_leader() {  // city.leader, 陈静
        return caller(11, "city.leader", kCityJustice, "supervision_dept", "city", "130500", "dept_leader", kChenJing);
    }
    static auth::Caller xindu_sup() {  // xindu.sup1, 李明
        return caller(31, "xindu.sup1", kXinduJustice, "supervision_dept", "county", "130503", "supervisor", kLiMing);
    }
    static auth::Caller xindu_leader() {
        return caller(34, "xindu.leader", kXinduJustice, "supervision_dept", "county", "130503", "dept_leader",
                      kXinduHead);
    }
    static auth::Caller ningjin_sup() {  // ningjin.sup1, 孙丽
        return caller(32, "ningjin.sup1", kNingjinJustice, "supervision_dept", "county", "130528", "supervisor",
                      kSunLi);
    }
    static auth::Caller ningjin_leader() {
        return caller(33, "ningjin.leader", kNingjinJustice, "supervision_dept", "county", "130528", "dept_leader",
                      kNingjinHead);
    }
    static auth::Caller city_gov_leader() {  // gov.leader, of 邢台市人民政府
        return caller(41, "gov.leader", kCityGov, "government", "city", "130500", "gov_leader");
    }
    static auth::Caller ningjin_gov_leader() {
        return caller(42, "ningjin.gov", kNingjinGov, "government", "county", "130528", "gov_leader");
    }
    static auth::Caller xindu_gov_leader() {
        return caller(43, "xindu.gov", kXinduGov, "government", "county", "130503", "gov_leader");
    }
    static auth::Caller room_sup() {  // xindu.room: the 李村镇 room's supervisor, 周红
        return caller(51, "xindu.room", kLicunRoom, "supervision_room", "township", "130503101", "room_supervisor",
                      kZhouRoom);
    }
    static auth::Caller devzone_room_sup() {  // the 王快镇 room's supervisor (邢台经济开发区)
        return caller(52, "devzone.room", kWangkuaiRoom, "supervision_room", "township", "130571101",
                      "room_supervisor");
    }
    static auth::Caller liaison(int64_t user, int64_t org, const char* level, const char* region) {
        return caller(user, "liaison", org, "organ", level, region, "agency_liaison");
    }
    static auth::Caller scjg_liaison() { return liaison(21, kScjg, "city", "130500"); }
    static auth::Caller xindu_agri_liaison() { return liaison(22, kXinduAgri, "county", "130503"); }
    static auth::Caller ningjin_scjg_liaison() { return liaison(23, kNingjinScjg, "county", "130528"); }

    static MatterInput matter_input(int64_t target, const char* source = "complaint") {
        MatterInput in;
        in.source = source;
        in.mode = "routine";
        in.categories = {"art11_3", "art11_4"};
        in.subject = "行政处罚案件办理情况";
        in.target_org_id = target;
        return in;
    }
    static FindingInput notice_finding() {
        return FindingInput{"illegal",
                            "抽查的3件行政处罚案件中有2件未履行告知程序",
                            "案卷2026-017、2026-021",
                            "《中华人民共和国行政处罚法》第四十四条",
                            "notice",
                            ""};
    }

    template <class F>
    auto tx(F&& f) {
        return database().write([&](db::Tx& t) { return f(t); });
    }
    static void expect_ok(const Result<Matter>& r, const char* what) {
        if (!r.ok()) ADD_FAILURE() << what << ": " << r.error().code << " " << r.error().message;
    }
    Matter opened(const auth::Caller& who, const MatterInput& in, int64_t now = kNov27) {
        auto r = tx([&](db::Tx& t) { return svc_->create_matter(t, who, in, now); });
        expect_ok(r, "create_matter");
        return r.ok() ? r.value() : Matter{};
    }
    // Open, with a notice finding and a proposed notice due on 2026-12-11: notice_pending.
    Matter with_notice(const auth::Caller& sup, const MatterInput& in, Date due = Date{2026, 12, 11}) {
        Matter m = opened(sup, in);
        auto f = tx([&](db::Tx& t) { return svc_->add_finding(t, sup, m.id, notice_finding(), m.version, kNov27); });
        expect_ok(f, "add_finding");
        if (!f.ok()) return m;
        auto p = tx([&](db::Tx& t) {
            return svc_->propose_notice(t, sup, m.id, NoticeInput{due, {"对上述案件逐一整改"}}, f->version, kNov27);
        });
        expect_ok(p, "propose_notice");
        return p.ok() ? p.value() : m;
    }
    // ... and issued by the department's leader: rectifying.
    Matter rectifying(const auth::Caller& sup, const auth::Caller& leader, const MatterInput& in) {
        Matter m = with_notice(sup, in);
        auto r = svc_->issue_notice(database(), leader, m.id, m.version, kNov27);
        expect_ok(r, "issue_notice");
        return r.ok() ? r.value() : m;
    }
    // ... the agency reported, and 复查 failed: rectification_failed.
    Matter failed(const auth::Caller& sup, const auth::Caller& leader, const auth::Caller& agency,
                  const MatterInput& in) {
        Matter m = rectifying(sup, leader, in);
        auto s = tx(
            [&](db::Tx& t) { return svc_->submit_report(t, agency, m.id, "已整改", std::nullopt, m.version, kDec1); });
        expect_ok(s, "submit_report");
        if (!s.ok()) return m;
        auto v = tx([&](db::Tx& t) { return svc_->verify(t, sup, m.id, false, "未补正告知程序", s->version, kDec1); });
        expect_ok(v, "verify");
        return v.ok() ? v.value() : m;
    }

    std::optional<Matter> stored(int64_t id) {
        return database().read([&](db::Tx& t) { return store::find_matter(t, id); });
    }
    MatterService::Records records(int64_t id) {
        return database().read([&](db::Tx& t) { return svc_->records(t, city_sup(), id); }).value();
    }
    docs::Document document(int64_t doc_id) {
        return *database().read([&](db::Tx& t) { return docs::store::find_document(t, doc_id); });
    }
    std::vector<docs::Delivery> deliveries(int64_t doc_id) {
        return database().read([&](db::Tx& t) { return docs_->deliveries(t, doc_id); });
    }
    std::vector<workflow::Todo> todos_of(const auth::Caller& who) {
        return database().read([&](db::Tx& t) { return workflow_->todos(t, who, kNov27); });
    }
    static bool has_todo(const std::vector<workflow::Todo>& ts, const std::string& kind, int64_t object_id,
                         const std::string& action) {
        return std::any_of(ts.begin(), ts.end(), [&](const workflow::Todo& t) {
            return t.input.object_kind == kind && t.input.object_id == object_id && t.input.action == action;
        });
    }
    static const workflow::Todo* find_todo(const std::vector<workflow::Todo>& ts, const std::string& kind,
                                           int64_t object_id, const std::string& action) {
        for (const auto& t : ts)
            if (t.input.object_kind == kind && t.input.object_id == object_id && t.input.action == action) return &t;
        return nullptr;
    }
    // The matter's deadlines, by name.
    std::vector<workflow::Deadline> deadlines_of(int64_t matter_id, int64_t now = kNov27) {
        std::vector<workflow::Deadline> out;
        auth::Caller all = city_sup();
        database().read([&](db::Tx& t) {
            for (const auto& r : t.query("SELECT id FROM deadlines WHERE owner_kind = 'matter' AND owner_id = $1 "
                                         "ORDER BY name, id",
                                         {matter_id})) {
                auto v = deadlines_->get(t, all, r.i64(0), now);
                if (v.ok()) out.push_back(v->deadline);
            }
        });
        return out;
    }
    std::vector<std::string> event_kinds(int64_t id) {
        std::vector<std::string> out;
        database().read([&](db::Tx& t) {
            for (const auto& e : store::list_events(t, id)) out.push_back(e.kind);
        });
        return out;
    }
    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& t) { return t.query_one(sql, p)->i64(0); });
    }
    int64_t audits(const std::string& action) {
        return count("SELECT COUNT(*) FROM audit_log WHERE action = $1", {action});
    }
    // Everything a refused call must leave as it was: the matter's status and version and the
    // number of rows of every table the casework writes.
    std::string snapshot(int64_t matter_id = 0) {
        return database().read([&](db::Tx& t) {
            std::string out;
            if (matter_id) {
                auto m = store::find_matter(t, matter_id);
                out += m ? m->status + "/v" + std::to_string(m->version) + "/team" + std::to_string(m->team.size())
                         : std::string("none");
            }
            for (const char* table :
                 {"supervision_plans", "supervision_matters", "supervision_team", "supervision_inspections",
                  "supervision_inspection_supervisors", "supervision_file_reviews", "supervision_findings",
                  "supervision_reports", "supervision_decision_items", "supervision_clues", "supervision_events",
                  "audit_log", "documents", "deliveries", "doc_numbers", "todos", "deadlines"})
                out += std::string(" ") + table + "=" +
                       std::to_string(t.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0));
            out += " open_deadlines=" +
                   std::to_string(t.query_one("SELECT COUNT(*) FROM deadlines WHERE status = 'open'")->i64(0));
            out += " done_todos=" +
                   std::to_string(t.query_one("SELECT COUNT(*) FROM todos WHERE done_at IS NOT NULL")->i64(0));
            out += " open_clues=" +
                   std::to_string(
                       t.query_one("SELECT COUNT(*) FROM supervision_clues WHERE status = 'submitted'")->i64(0));
            return out;
        });
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<calendar::CalendarService> calendar_;
    std::unique_ptr<workflow::DeadlineService> deadlines_;
    std::unique_ptr<docs::DocService> docs_;
    std::unique_ptr<workflow::WorkflowService> workflow_;
    std::unique_ptr<MatterService> svc_;
};

}  // namespace lecs::supervision::testing
