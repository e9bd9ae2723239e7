// The eight monitoring rules (rules.hpp) against the real embedded 2025/2026 calendar. Every
// expected date was counted by hand from data/cn-holidays-2025-2026.csv.
#include "lecs/monitoring/rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "lecs/base/embedded.hpp"

namespace lecs::monitoring::rules {
namespace {

namespace json = boost::json;

Date D(const char* iso) { return *Date::parse(iso); }

const calendar::Calendar& official() {
    static const calendar::Calendar cal = [] {
        auto csv = embedded::find("data/cn-holidays-2025-2026.csv");
        auto entries = calendar::parse_holiday_csv(*csv);
        return calendar::Calendar::from_entries(std::move(entries.value()));
    }();
    return cal;
}

struct World {
    RuleSet rules = default_rule_set();
    Date today = D("2026-11-27");
    std::map<std::string, CertificateFacts, std::less<>> certs;
    std::map<std::string, std::vector<CatalogFacts>, std::less<>> catalog;

    World() {
        auto valid = [](const char* holder) {
            CertificateFacts c;
            c.known = true;
            c.holder = holder;
            c.enforcement = true;
            c.issued_on = D("2024-01-01");
            c.expires_on = D("2029-12-31");
            return c;
        };
        certs["冀执A"] = valid("张伟");
        certs["冀执B"] = valid("李娜");
        certs["冀执C"] = valid("王芳");
        catalog["330201001"] = {{"对未按规定公示信息的处罚", D("2025-01-01"), D("2026-06-30"), 100000, 500000}};
        catalog["330201002"] = {{"对销售不合格产品的处罚", D("2026-01-01"), std::nullopt, std::nullopt, std::nullopt}};
        catalog["INSP-01"] = {{"食品经营场所监督检查", D("2025-01-01"), std::nullopt, std::nullopt, std::nullopt}};
    }

    ActFacts facts() {
        ActFacts f;
        f.agency_id = 7;
        f.certificate = [this](std::string_view n) {
            auto it = certs.find(n);
            return it == certs.end() ? CertificateFacts{} : it->second;
        };
        f.catalog = [this](std::string_view code) {
            auto it = catalog.find(code);
            return it == catalog.end() ? std::vector<CatalogFacts>{} : it->second;
        };
        return f;
    }

    std::vector<Finding> run(const ActRow& a) {
        Context ctx{rules, official(), today};
        return evaluate_act(a, facts(), ctx);
    }
    std::optional<Finding> find(const ActRow& a, RuleCode r) {
        for (auto& f : run(a))
            if (f.rule == r) return f;
        return std::nullopt;
    }
};

// A clean general-procedure penalty: two valid officers, a listed item, decided in time,
// published in time, not major. Each test breaks one thing.
ActRow clean_penalty() {
    ActRow a;
    a.agency_uscc = "11130503MB0000031F";
    a.external_id = "XD-1";
    a.kind = ActKind::kPenalty;
    a.item_code = "330201002";
    a.officers = {"冀执A", "冀执B"};
    a.filed_on = D("2026-06-03");
    a.decided_on = D("2026-07-01");
    a.published_on = D("2026-07-02");
    a.publish_required = true;
    a.penalty_types = static_cast<uint8_t>(PenaltyType::kWarning);
    return a;
}

json::object ev(const Finding& f) { return json::parse(f.evidence).as_object(); }

TEST(RulesClean, ACleanPenaltyHasNoFinding) {
    World w;
    EXPECT_TRUE(w.run(clean_penalty()).empty());
}

TEST(RulesInfo, EightRulesWithNamesAndBasis) {
    ASSERT_EQ(all_rules().size(), 8u);
    for (int i = 1; i <= 8; ++i) {
        const auto& r = info(static_cast<RuleCode>(i));
        EXPECT_EQ(r.code, static_cast<RuleCode>(i));
        EXPECT_FALSE(r.name.empty());
        EXPECT_NE(r.basis.find("《"), std::string_view::npos);
    }
    EXPECT_EQ(info(RuleCode::kR2).name, "单人执法");
    EXPECT_EQ(info(RuleCode::kR4).basis, "《中华人民共和国行政处罚法》第六十条");
    EXPECT_NE(info(RuleCode::kR5).basis.find("国办发〔2018〕118号"), std::string_view::npos);
    EXPECT_NE(info(RuleCode::kR6).basis.find("第五十八条"), std::string_view::npos);
}

// ---------------------------------------------------------------- R1

TEST(RulesR1, CertificateValidThroughItsExpiryDayOnly) {
    World w;
    w.certs["冀执B"].expires_on = D("2026-03-01");
    auto a = clean_penalty();
    a.filed_on = D("2026-02-01");
    a.decided_on = D("2026-03-01");
    a.published_on = std::nullopt;
    a.publish_required = false;
    EXPECT_FALSE(w.find(a, RuleCode::kR1));
    a.decided_on = D("2026-03-02");
    auto f = w.find(a, RuleCode::kR1);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kRed);
    EXPECT_EQ(
        f->summary,
        "2026年3月2日的执法行为中，1名执法人员在执法当日无有效行政执法证件：李娜（冀执B）执法证已于2026年3月1日到期");
    auto e = ev(*f);
    EXPECT_EQ(e["act_date"], "2026-03-02");
    EXPECT_EQ(e["invalid"], 1);
    EXPECT_EQ(e["officers"], 2);
    EXPECT_EQ(e["certificates"].as_array()[0].as_object().at("number"), "冀执B");
    EXPECT_EQ(e["certificates"].as_array()[0].as_object().at("expires_on"), "2026-03-01");
}

TEST(RulesR1, SuspendedUntilReinstatedAndRevoked) {
    World w;
    w.certs["冀执A"].suspended_from = D("2026-05-01");
    w.certs["冀执A"].reinstated_on = D("2026-06-01");
    w.certs["冀执B"].revoked_on = D("2026-07-01");
    auto a = clean_penalty();
    a.publish_required = false;
    a.filed_on = D("2026-04-01");
    auto at = [&](const char* d) {
        a.decided_on = D(d);
        return w.find(a, RuleCode::kR1);
    };
    EXPECT_FALSE(at("2026-04-30"));
    auto f = at("2026-05-01");
    ASSERT_TRUE(f);
    EXPECT_NE(f->summary.find("张伟（冀执A）执法证自2026年5月1日起被暂扣"), std::string::npos);
    EXPECT_EQ(ev(*f)["certificates"].as_array()[0].as_object().at("suspended_from"), "2026-05-01");
    EXPECT_TRUE(at("2026-05-31"));
    EXPECT_FALSE(at("2026-06-01"));
    EXPECT_FALSE(at("2026-06-30"));
    f = at("2026-07-01");
    ASSERT_TRUE(f);
    EXPECT_NE(f->summary.find("被吊销"), std::string::npos);
}

TEST(RulesR1, UnknownSupervisionAndNotYetIssuedCertificates) {
    World w;
    w.certs["冀监X"] = w.certs["冀执C"];
    w.certs["冀监X"].enforcement = false;
    w.certs["冀执C"].issued_on = D("2026-08-01");
    auto a = clean_penalty();
    a.officers = {"冀执无此号", "冀监X", "冀执C", "冀执A"};
    auto f = w.find(a, RuleCode::kR1);
    ASSERT_TRUE(f);
    auto e = ev(*f);
    EXPECT_EQ(e["invalid"], 3);
    EXPECT_EQ(e["officers"], 4);
    auto& list = e["certificates"].as_array();
    EXPECT_EQ(list[0].as_object().at("reason"), "执法证号未在执法人员资格库登记");
    EXPECT_EQ(list[1].as_object().at("reason"), "所持证件不是行政执法证");
    EXPECT_EQ(list[2].as_object().at("reason"), "执法证于2026年8月1日才核发");
}

TEST(RulesR1, CertificateValidOnDirectly) {
    CertificateFacts c;
    std::string why;
    EXPECT_FALSE(certificate_valid_on(c, D("2026-01-01"), &why));
    EXPECT_EQ(why, "执法证号未在执法人员资格库登记");
    c.known = c.enforcement = true;
    EXPECT_TRUE(certificate_valid_on(c, D("2026-01-01"), nullptr));
    c.revoked_on = D("2026-01-01");
    EXPECT_FALSE(certificate_valid_on(c, D("2026-01-01"), nullptr));
    EXPECT_TRUE(certificate_valid_on(c, D("2025-12-31"), nullptr));
}

TEST(RulesR1, DuplicateOfficerListedOnceAndDisabledRuleIsSilent) {
    World w;
    auto a = clean_penalty();
    a.officers = {"冀执X", "冀执X", "冀执A"};
    auto f = w.find(a, RuleCode::kR1);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["invalid"], 1);
    EXPECT_EQ(ev(*f)["officers"], 2);
    w.rules.r1_enabled = false;
    EXPECT_FALSE(w.find(a, RuleCode::kR1));
}

// ---------------------------------------------------------------- R2

TEST(RulesR2, ByKind) {
    World w;
    auto a = clean_penalty();
    a.officers = {"冀执A"};
    auto f = w.find(a, RuleCode::kR2);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kRed);
    EXPECT_EQ(f->summary, "行政处罚由1名执法人员实施，少于2名（《中华人民共和国行政处罚法》第四十二条）");
    EXPECT_EQ(ev(*f)["officers"], 1);
    EXPECT_EQ(ev(*f)["min_officers"], 2);
    EXPECT_EQ(ev(*f)["basis"], "《中华人民共和国行政处罚法》第四十二条");

    a.kind = ActKind::kCoercion;
    f = w.find(a, RuleCode::kR2);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["basis"], "《中华人民共和国行政强制法》第十八条");

    a.kind = ActKind::kInspection;
    a.officers.clear();
    f = w.find(a, RuleCode::kR2);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["officers"], 0);

    a.kind = ActKind::kLicense;  // not a kind R2 applies to
    EXPECT_FALSE(w.find(a, RuleCode::kR2));
}

TEST(RulesR2, TwoDistinctOfficersAreEnoughTheSameTwiceIsNot) {
    World w;
    auto a = clean_penalty();
    EXPECT_FALSE(w.find(a, RuleCode::kR2));
    a.officers = {"冀执A", "冀执A"};
    auto f = w.find(a, RuleCode::kR2);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["officers"], 1);
    w.rules.r2_min_officers = 3;
    a.officers = {"冀执A", "冀执B"};
    EXPECT_TRUE(w.find(a, RuleCode::kR2));
    a.officers.push_back("冀执C");
    EXPECT_FALSE(w.find(a, RuleCode::kR2));
}

TEST(RulesR2, SectorExemptions) {
    World w;
    auto a = clean_penalty();
    a.officers = {"冀执A"};
    w.rules.r2_exempt_item_prefixes = {"3302"};
    EXPECT_FALSE(w.find(a, RuleCode::kR2));
    a.item_code = "3303001";
    EXPECT_TRUE(w.find(a, RuleCode::kR2));
    a.procedure = Procedure::kSimple;
    EXPECT_TRUE(w.find(a, RuleCode::kR2));  // not exempt by default
    w.rules.r2_exempt_simple_procedure = true;
    EXPECT_FALSE(w.find(a, RuleCode::kR2));
    w.rules.r2_kinds = {ActKind::kCoercion};
    a.procedure = Procedure::kGeneral;
    EXPECT_FALSE(w.find(a, RuleCode::kR2));
}

// ---------------------------------------------------------------- R3

TEST(RulesR3, InForceFromEffectiveFromThroughEffectiveTo) {
    World w;
    auto a = clean_penalty();
    a.item_code = "330201001";  // 2025-01-01 .. 2026-06-30
    a.penalty_types = 0;
    a.filed_on = D("2026-06-01");
    a.decided_on = D("2026-06-30");
    a.published_on = D("2026-06-30");
    EXPECT_FALSE(w.find(a, RuleCode::kR3));
    a.decided_on = a.published_on = D("2026-07-01");
    auto f = w.find(a, RuleCode::kR3);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->summary, "执法事项330201001（对未按规定公示信息的处罚）在2026年7月1日不在有效期内");
    auto e = ev(*f);
    EXPECT_EQ(e["catalog_periods"].as_array()[0].as_object().at("effective_to"), "2026-06-30");

    a.item_code = "330201002";  // from 2026-01-01, open-ended
    a.filed_on = D("2025-12-01");
    a.decided_on = a.published_on = D("2025-12-31");
    EXPECT_TRUE(w.find(a, RuleCode::kR3));
    a.decided_on = a.published_on = D("2026-01-01");
    EXPECT_FALSE(w.find(a, RuleCode::kR3));
}

TEST(RulesR3, UnlistedOrMissingItemAndKindsItDoesNotApplyTo) {
    World w;
    auto a = clean_penalty();
    a.item_code = "999";
    auto f = w.find(a, RuleCode::kR3);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->summary, "执法事项999不在本机关行政执法事项清单内");
    a.item_code.clear();
    f = w.find(a, RuleCode::kR3);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->summary, "行政处罚未填写执法事项编码，无法对应本机关行政执法事项清单");
    a.kind = ActKind::kOther;
    EXPECT_FALSE(w.find(a, RuleCode::kR3));
    a.kind = ActKind::kPenalty;
    ActFacts no_catalog = w.facts();
    no_catalog.catalog = nullptr;
    Context ctx{w.rules, official(), w.today};
    for (const auto& x : evaluate_act(a, no_catalog, ctx)) EXPECT_NE(x.rule, RuleCode::kR3);
}

// ---------------------------------------------------------------- R4

ActRow open_penalty(const char* filed) {
    auto a = clean_penalty();
    a.filed_on = D(filed);
    a.decided_on = std::nullopt;
    a.published_on = std::nullopt;
    return a;
}

TEST(RulesR4, Day90IsInTimeDay91IsLate) {
    // Filed 2026-06-03 (the day not counted): day 90 is 2026-09-01, a Tuesday.
    World w;
    auto a = clean_penalty();
    a.publish_required = false;
    a.decided_on = D("2026-09-01");
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
    a.decided_on = D("2026-09-02");
    auto f = w.find(a, RuleCode::kR4);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kRed);
    EXPECT_EQ(f->summary, "立案于2026年6月3日，决定于2026年9月2日，历时91日，超过办案期限（90日，至2026年9月1日）1日");
    auto e = ev(*f);
    EXPECT_EQ(e["filed_on"], "2026-06-03");
    EXPECT_EQ(e["decided_on"], "2026-09-02");
    EXPECT_EQ(e["limit_days"], 90);
    EXPECT_EQ(e["due"], "2026-09-01");
    EXPECT_EQ(e["days"], 91);
    EXPECT_EQ(e["days_over"], 1);
}

TEST(RulesR4, ExtensionAndExcludedDaysLengthenTheLimit) {
    // 90 + 10 extension + 5 excluded = 105 days from 2026-06-03: 2026-09-16, a Wednesday.
    World w;
    auto a = clean_penalty();
    a.publish_required = false;
    a.extension_days = 10;
    a.excluded_days = 5;
    a.decided_on = D("2026-09-16");
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
    a.decided_on = D("2026-09-17");
    auto f = w.find(a, RuleCode::kR4);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["due"], "2026-09-16");
    EXPECT_EQ(ev(*f)["extension_days"], 10);
    EXPECT_EQ(ev(*f)["excluded_days"], 5);
    EXPECT_NE(f->summary.find("90日，延长10日，不计入5日"), std::string::npos);
    a.excluded_days = 6;  // one more day not counted: 09-17 is day 105 again
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
}

TEST(RulesR4, LastDayInGuoqingMovesToTheNextWorkingDay) {
    // Filed 2026-07-03: day 90 is 2026-10-01 (国庆节), so the limit ends on 2026-10-08.
    World w;
    auto a = clean_penalty();
    a.publish_required = false;
    a.filed_on = D("2026-07-03");
    a.decided_on = D("2026-10-08");
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
    a.decided_on = D("2026-10-09");
    auto f = w.find(a, RuleCode::kR4);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["due"], "2026-10-08");
    EXPECT_EQ(ev(*f)["due_unmoved"], "2026-10-01");
}

TEST(RulesR4, SameDueDateAsCalendarAddCalendarDays) {
    World w;
    auto a = clean_penalty();
    a.publish_required = false;
    for (Date filed = D("2025-01-02"); filed < D("2026-09-01"); filed = filed.plus_days(3)) {
        Date due = official().add_calendar_days(filed, 90).date;
        a.filed_on = filed;
        a.decided_on = due;
        EXPECT_FALSE(w.find(a, RuleCode::kR4)) << filed.iso();
        a.decided_on = due.plus_days(1);
        auto f = w.find(a, RuleCode::kR4);
        ASSERT_TRUE(f) << filed.iso();
        EXPECT_EQ(std::string(ev(*f)["due"].as_string()), due.iso());
    }
}

TEST(RulesR4, OpenCaseYellowWithTenDaysLeftRedAfter) {
    World w;
    auto a = open_penalty("2026-06-03");  // due 2026-09-01
    w.today = D("2026-08-21");
    EXPECT_FALSE(w.find(a, RuleCode::kR4));  // 11 days left
    w.today = D("2026-08-22");
    auto f = w.find(a, RuleCode::kR4);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kYellow);
    EXPECT_EQ(ev(*f)["days_left"], 10);
    EXPECT_EQ(f->summary, "立案于2026年6月3日，尚未作出决定，距办案期限届满（2026年9月1日）还有10日");
    w.today = D("2026-09-01");
    f = w.find(a, RuleCode::kR4);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kYellow);
    EXPECT_EQ(ev(*f)["days_left"], 0);
    w.today = D("2026-09-02");
    f = w.find(a, RuleCode::kR4);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kRed);
    EXPECT_EQ(ev(*f)["days_left"], -1);
    EXPECT_NE(f->summary.find("至今未作出决定，已超过办案期限"), std::string::npos);
}

TEST(RulesR4, ClosedWithoutDecisionIsJudgedOnItsClosingDay) {
    World w;
    auto a = open_penalty("2026-06-03");
    a.closed_on = D("2026-09-02");
    auto f = w.find(a, RuleCode::kR4);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["closed_on"], "2026-09-02");
    a.closed_on = D("2026-09-01");
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
}

TEST(RulesR4, SimpleProcedureOtherKindsAndNoFilingDateAreExempt) {
    World w;
    auto a = clean_penalty();
    a.publish_required = false;
    a.decided_on = D("2026-12-01");
    ASSERT_TRUE(w.find(a, RuleCode::kR4));
    a.procedure = Procedure::kSimple;
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
    a.procedure = Procedure::kGeneral;
    a.kind = ActKind::kLicense;
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
    a.kind = ActKind::kPenalty;
    a.filed_on = std::nullopt;
    EXPECT_FALSE(w.find(a, RuleCode::kR4));
}

// ---------------------------------------------------------------- R5

TEST(RulesR5, SevenWorkingDaysAcrossGuoqing2026) {
    // Decided Tue 2026-09-29. Working days after it: 09-30 (1); 10-01..10-07 off (国庆节);
    // 10-08 (2), 10-09 (3), Sat 10-10 调休上班 (4), Sun 10-11 off, 10-12 (5), 10-13 (6), 10-14 (7).
    World w;
    auto a = clean_penalty();
    a.filed_on = D("2026-09-01");
    a.decided_on = D("2026-09-29");
    a.published_on = D("2026-10-14");
    EXPECT_FALSE(w.find(a, RuleCode::kR5));
    a.published_on = D("2026-10-15");
    auto f = w.find(a, RuleCode::kR5);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kRed);
    EXPECT_EQ(f->summary,
              "行政处罚决定于2026年9月29日作出，应在7个工作日内（2026年10月14日前）公示，实际于2026年10月15日公示，"
              "超期1个工作日");
    auto e = ev(*f);
    EXPECT_EQ(e["due"], "2026-10-14");
    EXPECT_EQ(e["working_days"], 7);
    EXPECT_EQ(e["working_days_late"], 1);
    EXPECT_EQ(e.count("provisional"), 0u);
}

TEST(RulesR5, UnpublishedYellowWithTwoWorkingDaysLeftThenRed) {
    World w;
    auto a = clean_penalty();
    a.kind = ActKind::kLicense;
    a.filed_on = std::nullopt;
    a.decided_on = D("2026-09-29");  // due 2026-10-14
    a.published_on = std::nullopt;
    w.today = D("2026-10-10");  // working days left: 10-12, 10-13, 10-14
    EXPECT_FALSE(w.find(a, RuleCode::kR5));
    w.today = D("2026-10-11");  // a Sunday: still 3 left
    EXPECT_FALSE(w.find(a, RuleCode::kR5));
    w.today = D("2026-10-12");
    auto f = w.find(a, RuleCode::kR5);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kYellow);
    EXPECT_EQ(ev(*f)["working_days_left"], 2);
    EXPECT_NE(f->summary.find("行政许可决定于2026年9月29日作出"), std::string::npos);
    w.today = D("2026-10-14");
    f = w.find(a, RuleCode::kR5);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kYellow);
    EXPECT_EQ(ev(*f)["working_days_left"], 0);
    w.today = D("2026-10-15");
    f = w.find(a, RuleCode::kR5);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kRed);
    EXPECT_EQ(ev(*f)["working_days_late"], 1);
}

TEST(RulesR5, OtherDecisionsHaveTwentyWorkingDays) {
    // Coercion decided 2026-09-29: 09-30 (1), 10-08..10-10 (2-4), 10-12..10-16 (5-9),
    // 10-19..10-23 (10-14), 10-26..10-30 (15-19), 11-02 (20).
    World w;
    auto a = clean_penalty();
    a.kind = ActKind::kCoercion;
    a.filed_on = std::nullopt;
    a.decided_on = D("2026-09-29");
    a.published_on = D("2026-11-02");
    EXPECT_FALSE(w.find(a, RuleCode::kR5));
    a.published_on = D("2026-11-03");
    auto f = w.find(a, RuleCode::kR5);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["working_days"], 20);
    EXPECT_EQ(ev(*f)["due"], "2026-11-02");
}

TEST(RulesR5, NotRequiredOrUndecidedIsSilent) {
    World w;
    auto a = clean_penalty();
    a.published_on = std::nullopt;
    ASSERT_TRUE(w.find(a, RuleCode::kR5));
    a.publish_required = false;
    EXPECT_FALSE(w.find(a, RuleCode::kR5));
    a.publish_required = true;
    a.decided_on = std::nullopt;
    w.today = D("2026-06-20");
    EXPECT_FALSE(w.find(a, RuleCode::kR5));
}

TEST(RulesR5, ProvisionalIn2027IsMarked) {
    World w;
    auto a = clean_penalty();
    a.filed_on = D("2026-12-01");
    a.decided_on = D("2026-12-28");
    a.published_on = D("2027-01-20");
    auto f = w.find(a, RuleCode::kR5);
    ASSERT_TRUE(f);
    EXPECT_EQ(ev(*f)["provisional"], true);
}

// ---------------------------------------------------------------- R6

TEST(RulesR6, MajorDecisionWithoutLegalReview) {
    World w;
    auto a = clean_penalty();
    a.major = true;
    a.legal_review = true;
    EXPECT_FALSE(w.find(a, RuleCode::kR6));
    a.legal_review = false;
    auto f = w.find(a, RuleCode::kR6);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::kRed);
    EXPECT_EQ(ev(*f)["decided_on"], "2026-07-01");
    EXPECT_NE(f->summary.find("重大行政处罚决定于2026年7月1日作出，未经法制审核"), std::string::npos);
    a.major = false;
    EXPECT_FALSE(w.find(a, RuleCode::kR6));
    a.major = true;
    a.decided_on = std::nullopt;  // not decided yet: the review may still come
    a.published_on = std::nullopt;
    w.today = D("2026-06-10");
    EXPECT_FALSE(w.find(a, RuleCode::kR6));
}

// ---------------------------------------------------------------- R7

TEST(RulesR7, AmountAtMinAndMaxIsInsideOneFenOutsideIsNot) {
    // 330201001: baseline 1000元..5000元, in force until 2026-06-30.
    World w;
    auto a = clean_penalty();
    a.item_code = "330201001";
    a.filed_on = D("2026-05-04");
    a.decided_on = a.published_on = D("2026-06-01");
    a.penalty_types = static_cast<uint8_t>(PenaltyType::kFine);
    for (int64_t amount : {100000, 300000, 500000}) {
        a.amount_fen = amount;
        EXPECT_FALSE(w.find(a, RuleCode::kR7)) << amount;
    }
    a.amount_fen = 99999;
    auto f = w.find(a, RuleCode::kR7);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->summary, "罚款999.99元低于执法事项330201001（对未按规定公示信息的处罚）的裁量基准1000元至5000元");
    EXPECT_EQ(ev(*f)["amount_fen"], 99999);
    EXPECT_EQ(ev(*f)["min_amount_fen"], 100000);
    EXPECT_EQ(ev(*f)["max_amount_fen"], 500000);
    a.amount_fen = 500001;
    f = w.find(a, RuleCode::kR7);
    ASSERT_TRUE(f);
    EXPECT_NE(f->summary.find("罚款5000.01元高于"), std::string::npos);
}

TEST(RulesR7, OnlyFinesOnlyWithABaselineOnlyInForce) {
    World w;
    auto a = clean_penalty();
    a.item_code = "330201001";
    a.filed_on = D("2026-05-04");
    a.decided_on = a.published_on = D("2026-06-01");
    a.amount_fen = 1;
    a.penalty_types = static_cast<uint8_t>(PenaltyType::kWarning);
    EXPECT_FALSE(w.find(a, RuleCode::kR7));  // no fine
    a.penalty_types = static_cast<uint8_t>(PenaltyType::kFine);
    EXPECT_TRUE(w.find(a, RuleCode::kR7));
    a.decided_on = a.published_on = D("2026-07-01");  // the item is no longer in force: R3, not R7
    EXPECT_FALSE(w.find(a, RuleCode::kR7));
    EXPECT_TRUE(w.find(a, RuleCode::kR3));
    a.item_code = "330201002";  // no baseline set
    EXPECT_FALSE(w.find(a, RuleCode::kR7));
    w.catalog["330201002"][0].max_amount_fen = 0;  // only a maximum
    EXPECT_TRUE(w.find(a, RuleCode::kR7));
    a.amount_fen = 0;
    EXPECT_FALSE(w.find(a, RuleCode::kR7));
}

// ---------------------------------------------------------------- R8

std::vector<Visit> visits(std::initializer_list<std::pair<int64_t, const char*>> v) {
    std::vector<Visit> out;
    int64_t k = 100;
    for (auto& [agency, date] : v) out.push_back({agency, ++k, D(date), "机关" + std::to_string(agency)});
    return out;
}

std::vector<AttachedFinding> r8(const std::vector<Visit>& v, World& w) {
    Context ctx{w.rules, official(), w.today};
    return evaluate_repeat_inspection(v, ctx);
}

TEST(RulesR8, ThreeAgenciesWithinDay30FireDay31DoesNot) {
    World w;
    auto out = r8(visits({{1, "2026-03-01"}, {2, "2026-03-15"}, {3, "2026-03-30"}}), w);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].agency_id, 3);
    EXPECT_EQ(out[0].ext_key, 103);
    EXPECT_EQ(out[0].finding.rule, RuleCode::kR8);
    auto e = ev(out[0].finding);
    EXPECT_EQ(e["window_from"], "2026-03-01");
    EXPECT_EQ(e["date"], "2026-03-30");
    EXPECT_EQ(e["agencies"], 3);
    EXPECT_EQ(e["inspections"].as_array().size(), 3u);
    EXPECT_EQ(out[0].finding.summary,
              "同一检查对象在2026年3月1日至2026年3月30日的30日内被3个机关检查（机关1、机关2、机关3），"
              "建议实行联合检查、综合查一次");
    EXPECT_TRUE(r8(visits({{1, "2026-03-01"}, {2, "2026-03-15"}, {3, "2026-03-31"}}), w).empty());
}

TEST(RulesR8, TwoAgenciesNeverFire) {
    World w;
    EXPECT_TRUE(r8(visits({{1, "2026-03-01"}, {2, "2026-03-02"}, {1, "2026-03-03"}, {2, "2026-03-04"}}), w).empty());
    w.rules.r8_min_agencies = 2;
    EXPECT_EQ(r8(visits({{1, "2026-03-01"}, {2, "2026-03-02"}, {1, "2026-03-03"}, {2, "2026-03-04"}}), w).size(), 3u);
}

TEST(RulesR8, SameDayVisitsAllCompleteTheWindowAndOrderDoesNotMatter) {
    World w;
    auto out = r8(visits({{3, "2026-05-10"}, {1, "2026-05-10"}, {2, "2026-05-10"}}), w);
    ASSERT_EQ(out.size(), 3u);
    std::set<int64_t> agencies;
    for (auto& f : out) agencies.insert(f.agency_id);
    EXPECT_EQ(agencies, (std::set<int64_t>{1, 2, 3}));
    // A fourth agency later in the window: it fires too, with 4 agencies.
    out = r8(visits({{1, "2026-05-10"}, {2, "2026-05-11"}, {3, "2026-05-20"}, {4, "2026-06-08"}}), w);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1].agency_id, 4);
    EXPECT_EQ(ev(out[1].finding)["agencies"], 4);
    w.rules.r8_enabled = false;
    EXPECT_TRUE(r8(visits({{1, "2026-05-10"}, {2, "2026-05-10"}, {3, "2026-05-10"}}), w).empty());
}

// ---------------------------------------------------------------- parameters

TEST(RulesParams, EmbeddedDefaultsMatchTheIssue) {
    RuleSet rs = default_rule_set();
    EXPECT_EQ(rs.r2_min_officers, 2);
    EXPECT_EQ(rs.r2_kinds, (std::set<ActKind>{ActKind::kPenalty, ActKind::kCoercion, ActKind::kInspection}));
    EXPECT_EQ(rs.r4_limit_days, 90);
    EXPECT_EQ(rs.r4_yellow_days_left, 10);
    EXPECT_EQ(rs.r5_fast_working_days, 7);
    EXPECT_EQ(rs.r5_other_working_days, 20);
    EXPECT_EQ(rs.r5_yellow_working_days_left, 2);
    EXPECT_EQ(rs.r8_window_days, 30);
    EXPECT_EQ(rs.r8_min_agencies, 3);
    EXPECT_TRUE(rs.reconsideration.numerator.count("撤销"));
    EXPECT_TRUE(rs.reconsideration.excluded.count("调解"));
    EXPECT_TRUE(rs.litigation.numerator.count("败诉"));
    EXPECT_FALSE(rs.litigation.numerator.count("撤诉"));
}

TEST(RulesParams, PartialFileKeepsTheRest) {
    auto r = parse_rule_params(R"({"R4":{"limit_days":60},"R2":{"exempt_item_prefixes":["33"]}})");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->r4_limit_days, 60);
    EXPECT_EQ(r->r4_yellow_days_left, 10);
    EXPECT_EQ(r->r2_exempt_item_prefixes, (std::vector<std::string>{"33"}));
    EXPECT_TRUE(r->reconsideration.numerator.count("变更"));
}

TEST(RulesParams, UnknownKeysAndOutOfRangeValuesNameTheKey) {
    auto bad = [](const char* text) {
        auto r = parse_rule_params(text);
        EXPECT_FALSE(r.ok()) << text;
        return r.ok() ? Error{} : r.error();
    };
    auto e = bad(R"({"R9":{}})");
    EXPECT_EQ(e.field, "R9");
    EXPECT_EQ(e.message, "监测规则参数R9未知");
    e = bad(R"({"R4":{"limit":90}})");
    EXPECT_EQ(e.field, "R4.limit");
    e = bad(R"({"R4":{"limit_days":0}})");
    EXPECT_EQ(e.field, "R4.limit_days");
    EXPECT_EQ(e.message, "监测规则参数R4.limit_days应在1到3650之间");
    EXPECT_EQ(bad(R"({"R4":{"limit_days":3651}})").field, "R4.limit_days");
    EXPECT_TRUE(parse_rule_params(R"({"R4":{"limit_days":3650}})").ok());
    EXPECT_EQ(bad(R"({"R4":{"limit_days":"90"}})").message, "监测规则参数R4.limit_days应为整数");
    EXPECT_EQ(bad(R"({"R8":{"min_agencies":1}})").field, "R8.min_agencies");
    EXPECT_EQ(bad(R"({"R8":{"window_days":367}})").field, "R8.window_days");
    EXPECT_EQ(bad(R"({"R2":{"min_officers":0}})").field, "R2.min_officers");
    EXPECT_EQ(bad(R"({"R2":{"kinds":["penalty","fine"]}})").message, "监测规则参数R2.kinds含未知的执法行为类别“fine”");
    EXPECT_EQ(bad(R"({"R2":{"exempt_item_prefixes":[""]}})").field, "R2.exempt_item_prefixes");
    EXPECT_EQ(bad(R"({"R1":{"enabled":1}})").field, "R1.enabled");
    EXPECT_EQ(bad(R"({"R5":{"fast_working_days":-1}})").field, "R5.fast_working_days");
    EXPECT_EQ(bad(R"({"R6":true})").field, "R6");
    EXPECT_EQ(bad(R"({"litigation":{"numerator":["输"]}})").field, "litigation.numerator");
    EXPECT_EQ(bad(R"({"litigation":{"numerator":["败诉"],"excluded":["败诉"]}})").field, "litigation.excluded");
    EXPECT_EQ(bad(R"({"reconsideration":{"denominator":[]}})").field, "reconsideration.denominator");
    EXPECT_EQ(bad("[1]").code, "monitoring.rule_params");
    EXPECT_EQ(bad("{").code, "monitoring.rule_params");
}

}  // namespace
}  // namespace lecs::monitoring::rules
