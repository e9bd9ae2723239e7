// The pure rules of supervision casework, written so a lawyer can check them
// against the Measures: Art 13 (the on-site team), 案卷评查 scoring, Art 18
// (回避 in cross supervision) and which department is competent for a target.
#include "lecs/supervision/rules.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "lecs/base/embedded.hpp"

namespace lecs::supervision::rules {
namespace {

const std::string kArt13 = "《邢台市行政执法协调监督工作办法》第十三条";
const std::string kArt18 = "《邢台市行政执法协调监督工作办法》第十八条";

Date D(const char* iso) { return *Date::parse(iso); }

org::CertificateEvent event(const char* what, const char* on, int64_t at_ms = 0) {
    org::CertificateEvent e;
    e.event = what;
    e.effective_on = D(on);
    e.at_ms = at_ms;
    return e;
}

// A certificate of `person`, issued on its first day (the `issued` event), with
// any later status events.
SupervisorCertificate cert(int64_t id, int64_t person, const char* kind, const char* issued, const char* expires,
                           std::vector<org::CertificateEvent> later = {}) {
    SupervisorCertificate sc;
    sc.certificate.id = id;
    sc.certificate.kind = kind;
    sc.certificate.number = "冀监130500-" + std::to_string(id);
    sc.certificate.person_id = person;
    sc.certificate.issuer = "河北省人民政府";
    sc.certificate.issued_on = D(issued);
    sc.certificate.expires_on = D(expires);
    sc.events.push_back(event("issued", issued));
    for (auto& e : later) sc.events.push_back(std::move(e));
    return sc;
}

InspectorFacts supervisor(int64_t person, const char* name, std::vector<SupervisorCertificate> certs) {
    return InspectorFacts{person, name, std::move(certs)};
}

// The seeded city supervisors: sup1 and sup2 hold certificates valid 2024-06-01
// to 2028-05-31; sup3's ran 2021-03-02 to 2026-03-01.
InspectorFacts sup1() { return supervisor(1, "王某", {cert(11, 1, "supervision", "2024-06-01", "2028-05-31")}); }
InspectorFacts sup2() { return supervisor(2, "刘某", {cert(21, 2, "supervision", "2024-06-01", "2028-05-31")}); }
InspectorFacts sup3() { return supervisor(3, "李某", {cert(31, 3, "supervision", "2021-03-02", "2026-03-01")}); }

Result<std::vector<int64_t>> check(std::vector<InspectorFacts> team, const char* on) {
    return check_inspection_team(team, D(on));
}

// ---- the vocabularies ---------------------------------------------------------

TEST(Vocabulary, Article11HasItsSevenContentsInOrder) {
    auto c = content_categories();
    ASSERT_EQ(c.size(), 7u);
    EXPECT_EQ(c[0].code, "art11_1");
    EXPECT_EQ(c[0].label, "主体资格情况");
    EXPECT_EQ(c[1].label, "执法制度建设及实施情况");
    EXPECT_EQ(c[2].label, "执法行为合法性和适当性");
    EXPECT_EQ(c[3].label, "执法质效情况");
    EXPECT_EQ(c[4].label, "执法体制改革推进情况");
    EXPECT_EQ(c[5].label, "执法保障情况");
    EXPECT_EQ(c[6].code, "art11_7");
    EXPECT_EQ(c[6].label, "其他依法应当监督的事项");
}

TEST(Vocabulary, Article12ModesArticle14CategoriesAndDecisions) {
    ASSERT_EQ(supervision_modes().size(), 3u);
    EXPECT_EQ(find(supervision_modes(), "patrol")->label, "巡查监督");
    ASSERT_EQ(finding_categories().size(), 4u);
    EXPECT_EQ(find(finding_categories(), "nonperformance")->label, "不履行法定职责");
    EXPECT_EQ(find(finding_categories(), "improper")->label, "行为不当");
    ASSERT_EQ(decision_item_kinds().size(), 5u);
    EXPECT_EQ(find(decision_item_kinds(), "order_correction")->label, "责令补正或者改正");
    EXPECT_EQ(find(decision_item_kinds(), "confirm_invalid")->label, "确认无效");
}

TEST(Vocabulary, SourcesAndLegalityFailures) {
    ASSERT_EQ(matter_sources().size(), 10u);
    EXPECT_EQ(matter_sources()[0].code, "plan");
    EXPECT_EQ(matter_sources()[9].code, "other");
    EXPECT_NE(find(matter_sources(), "township_referral"), nullptr);
    EXPECT_NE(find(matter_sources(), "cross_supervision"), nullptr);
    ASSERT_EQ(legality_failures().size(), 6u);
    EXPECT_EQ(find(legality_failures(), "fewer_than_two_officers")->label, "执法人员少于2人");
    EXPECT_EQ(find(legality_failures(), "illegal_procedure")->label, "程序违法");
}

TEST(Vocabulary, UnknownCodeIsNotFound) {
    EXPECT_EQ(find(content_categories(), "art11_8"), nullptr);
    EXPECT_EQ(find(supervision_modes(), ""), nullptr);
}

// ---- Art 13: at least two supervisors ---------------------------------------------

TEST(InspectionTeam, OneSupervisorIsRefusedWithTheArticle13Reason) {
    auto r = check({sup1()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.too_few_supervisors");
    EXPECT_EQ(r.error().message, "现场监督的监督人员不得少于2人（第十三条）");
    EXPECT_EQ(r.error().field, "supervisors");
    EXPECT_EQ(r.error().basis, kArt13);
    EXPECT_EQ(r.error().http_status, 400);
}

TEST(InspectionTeam, NoSupervisorIsRefused) {
    auto r = check({}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.too_few_supervisors");
}

TEST(InspectionTeam, OneSupervisorWithAnExpiredCertificateIsRefusedAsTooFew) {
    // Even a valid certificate could not make a team of one lawful: say that.
    auto r = check({sup3()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.too_few_supervisors");
}

TEST(InspectionTeam, TwoValidSupervisorsPassAndTheCertificatesShownAreRecorded) {
    auto r = check({sup1(), sup2()}, "2026-11-27");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), (std::vector<int64_t>{11, 21}));
}

TEST(InspectionTeam, CertificatesAreReturnedInTeamOrder) {
    auto r = check({sup2(), sup1()}, "2026-11-27");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), (std::vector<int64_t>{21, 11}));
}

TEST(InspectionTeam, ThreeValidSupervisorsPass) {
    auto r = check({sup1(), sup2(), sup3()}, "2026-02-10");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), (std::vector<int64_t>{11, 21, 31}));
}

TEST(InspectionTeam, DuplicateSupervisorIsRefusedAtTheRepeat) {
    auto r = check({sup1(), sup2(), sup1()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.duplicate_supervisor");
    EXPECT_EQ(r.error().field, "supervisors[2]");
    EXPECT_EQ(r.error().message, "监督人员王某在名单中重复出现，同一人只计一次（第十三条）");
    EXPECT_EQ(r.error().basis, kArt13);
}

TEST(InspectionTeam, TheSamePersonTwiceIsNotTwoSupervisors) {
    auto r = check({sup1(), sup1()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.duplicate_supervisor");
    EXPECT_EQ(r.error().field, "supervisors[1]");
}

// ---- Art 13: each holds a supervision certificate valid on the day ---------------

TEST(InspectionTeam, CertificateExpiredBeforeTheInspectionIsRefusedNamingTheSupervisor) {
    // city.sup3: certificate 2021-03-02 … 2026-03-01, inspection on 2026-11-27.
    auto r = check({sup1(), sup3()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.certificate_invalid");
    EXPECT_EQ(r.error().message, "监督人员李某的行政执法监督证已于2026年3月1日过期");
    EXPECT_EQ(r.error().field, "supervisors[1]");
    EXPECT_EQ(r.error().basis, kArt13);
    EXPECT_EQ(r.error().http_status, 400);
}

TEST(InspectionTeam, CertificateIsValidOnItsLastDay) {
    auto r = check({sup1(), sup3()}, "2026-03-01");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), (std::vector<int64_t>{11, 31}));
}

TEST(InspectionTeam, CertificateExpiredTheDayBeforeIsRefused) {
    auto r = check({sup1(), sup3()}, "2026-03-02");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "监督人员李某的行政执法监督证已于2026年3月1日过期");
}

TEST(InspectionTeam, CertificateIsValidFromItsIssueDay) {
    auto newcomer = supervisor(4, "赵某", {cert(41, 4, "supervision", "2026-11-27", "2031-11-26")});
    EXPECT_TRUE(check({sup1(), newcomer}, "2026-11-27").ok());
}

TEST(InspectionTeam, CertificateNotYetValidIsRefused) {
    auto newcomer = supervisor(4, "赵某", {cert(41, 4, "supervision", "2026-11-28", "2031-11-27")});
    auto r = check({sup1(), newcomer}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.certificate_invalid");
    EXPECT_EQ(r.error().message, "监督人员赵某的行政执法监督证自2026年11月28日起生效，2026年11月27日尚未生效");
    EXPECT_EQ(r.error().field, "supervisors[1]");
}

TEST(InspectionTeam, CertificateSuspendedOnTheDayIsRefused) {
    auto s = supervisor(5, "孙某",
                        {cert(51, 5, "supervision", "2024-06-01", "2028-05-31", {event("suspended", "2026-10-01")})});
    auto r = check({s, sup1()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.certificate_invalid");
    EXPECT_EQ(r.error().message, "监督人员孙某的行政执法监督证已于2026年10月1日被暂停");
    EXPECT_EQ(r.error().field, "supervisors[0]");
}

TEST(InspectionTeam, SuspendedThenReinstatedBeforeTheDayIsAccepted) {
    auto s = supervisor(5, "孙某",
                        {cert(51, 5, "supervision", "2024-06-01", "2028-05-31",
                              {event("suspended", "2026-10-01"), event("reinstated", "2026-11-20")})});
    auto r = check({s, sup1()}, "2026-11-27");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), (std::vector<int64_t>{51, 11}));
}

TEST(InspectionTeam, ReinstatedOnlyAfterTheDayIsStillRefused) {
    // Judged at the date of the inspection: a later reinstatement does not cure it.
    auto s = supervisor(5, "孙某",
                        {cert(51, 5, "supervision", "2024-06-01", "2028-05-31",
                              {event("suspended", "2026-10-01"), event("reinstated", "2026-12-01")})});
    auto r = check({s, sup1()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "监督人员孙某的行政执法监督证已于2026年10月1日被暂停");
}

TEST(InspectionTeam, SuspensionAfterTheDayDoesNotReachBack) {
    auto s = supervisor(5, "孙某",
                        {cert(51, 5, "supervision", "2024-06-01", "2028-05-31", {event("suspended", "2026-12-01")})});
    EXPECT_TRUE(check({s, sup1()}, "2026-11-27").ok());
}

TEST(InspectionTeam, RevokedCertificateIsRefused) {
    auto s = supervisor(6, "周某",
                        {cert(61, 6, "supervision", "2024-06-01", "2028-05-31", {event("revoked", "2026-05-10")})});
    auto r = check({sup1(), s}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.certificate_invalid");
    EXPECT_EQ(r.error().message, "监督人员周某的行政执法监督证已于2026年5月10日被吊销");
    EXPECT_EQ(r.error().field, "supervisors[1]");
}

TEST(InspectionTeam, RenewedCertificateIsTheOneShownAndRecorded) {
    auto renewed = supervisor(3, "李某",
                              {cert(31, 3, "supervision", "2021-03-02", "2026-03-01"),
                               cert(32, 3, "supervision", "2026-03-02", "2031-03-01")});
    auto r = check({sup1(), renewed}, "2026-11-27");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), (std::vector<int64_t>{11, 32}));
    // Before the renewal, the old certificate is the valid one.
    auto before = check({sup1(), renewed}, "2025-11-27");
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before.value(), (std::vector<int64_t>{11, 31}));
}

TEST(InspectionTeam, RenewedCertificateListedFirstIsStillChosenByDate) {
    auto renewed = supervisor(3, "李某",
                              {cert(32, 3, "supervision", "2026-03-02", "2031-03-01"),
                               cert(31, 3, "supervision", "2021-03-02", "2026-03-01")});
    auto r = check({sup1(), renewed}, "2026-03-01");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), (std::vector<int64_t>{11, 31}));
}

TEST(InspectionTeam, OverlappingRenewalRecordsTheLongerRunningCertificate) {
    auto renewed = supervisor(3, "李某",
                              {cert(31, 3, "supervision", "2021-03-02", "2026-03-01"),
                               cert(32, 3, "supervision", "2026-02-01", "2031-01-31")});
    auto r = check({sup1(), renewed}, "2026-02-15");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), (std::vector<int64_t>{11, 32}));
}

TEST(InspectionTeam, WithNoneValidTheReasonIsTheLatestCertificates) {
    // The old one expired in 2021; the latest, in 2026: that is what to tell.
    auto lapsed = supervisor(3, "李某",
                             {cert(32, 3, "supervision", "2021-03-02", "2026-03-01"),
                              cert(31, 3, "supervision", "2016-03-02", "2021-03-01")});
    auto r = check({sup1(), lapsed}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "监督人员李某的行政执法监督证已于2026年3月1日过期");
}

TEST(InspectionTeam, RenewalNotYetInForceIsWhatTheReasonSays) {
    auto waiting = supervisor(3, "李某",
                              {cert(31, 3, "supervision", "2021-03-02", "2026-03-01"),
                               cert(32, 3, "supervision", "2026-12-01", "2031-11-30")});
    auto r = check({sup1(), waiting}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "监督人员李某的行政执法监督证自2026年12月1日起生效，2026年11月27日尚未生效");
}

TEST(InspectionTeam, EnforcementCertificateIsNotASupervisionCertificate) {
    auto officer = supervisor(7, "吴某", {cert(71, 7, "enforcement", "2024-06-01", "2028-05-31")});
    auto r = check({sup1(), officer}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.no_certificate");
    EXPECT_EQ(r.error().message, "监督人员吴某未持有行政执法监督证，不能参加现场监督");
    EXPECT_EQ(r.error().field, "supervisors[1]");
    EXPECT_EQ(r.error().basis, kArt13);
}

TEST(InspectionTeam, EnforcementCertificateBesideAnExpiredSupervisionCertificateDoesNotHelp) {
    auto s = supervisor(3, "李某",
                        {cert(71, 3, "enforcement", "2024-06-01", "2028-05-31"),
                         cert(31, 3, "supervision", "2021-03-02", "2026-03-01")});
    auto r = check({sup1(), s}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.certificate_invalid");
    EXPECT_EQ(r.error().message, "监督人员李某的行政执法监督证已于2026年3月1日过期");
}

TEST(InspectionTeam, SupervisorWithoutAnyCertificateIsRefused) {
    auto r = check({supervisor(8, "郑某", {}), sup1()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.no_certificate");
    EXPECT_EQ(r.error().message, "监督人员郑某未持有行政执法监督证，不能参加现场监督");
    EXPECT_EQ(r.error().field, "supervisors[0]");
}

TEST(InspectionTeam, SomeoneElsesCertificateIsNotTheirs) {
    // 郑某 is listed with 王某's valid certificate: it proves nothing about 郑某.
    auto r =
        check({sup1(), supervisor(8, "郑某", {cert(11, 1, "supervision", "2024-06-01", "2028-05-31")})}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.no_certificate");
    EXPECT_EQ(r.error().message, "监督人员郑某未持有行政执法监督证，不能参加现场监督");
    EXPECT_EQ(r.error().field, "supervisors[1]");
}

TEST(InspectionTeam, AnInvalidSupervisorIsNotDroppedFromALargerTeam) {
    // Two valid supervisors would be enough, but a third who may not act is refused.
    auto r = check({sup1(), sup2(), sup3()}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "supervisors[2]");
}

TEST(InspectionTeam, TheFirstProblemInTeamOrderIsReported) {
    auto r = check({sup1(), sup3(), supervisor(8, "郑某", {})}, "2026-11-27");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "inspection.certificate_invalid");
    EXPECT_EQ(r.error().field, "supervisors[1]");
}

// ---- 案卷评查: the checklist as configuration ------------------------------------

TEST(Checklist, TheEmbeddedDefaultParses) {
    auto csv = embedded::find("data/file-review-checklist.csv");
    ASSERT_TRUE(csv.has_value());
    auto r = parse_checklist(*csv);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->items.size(), 20u);
    const ChecklistItem* signed_record = nullptr;
    for (const auto& it : r->items) {
        EXPECT_FALSE(it.label.empty());
        // Deductions stay modest: no single defect may decide a file by itself.
        EXPECT_GE(it.deduction, 2) << it.code;
        EXPECT_LE(it.deduction, 10) << it.code;
        if (it.code == "record_unsigned_by_officers") signed_record = &it;
    }
    ASSERT_NE(signed_record, nullptr);
    EXPECT_EQ(signed_record->label, "调查取证笔录缺少执法人员签名");
    EXPECT_EQ(signed_record->deduction, 5);
    EXPECT_EQ(r->items[0].code, "case_source_unrecorded");
}

TEST(Checklist, WindowsLineEndsByteOrderMarkQuotesAndBlankLinesAreRead) {
    auto r = parse_checklist(
        "\xEF\xBB\xBF"
        "code,label,deduction\r\n"
        "\r\n"
        "a,\"送达回证填写不规范, 或者送达方式不符合规定\",5\r\n"
        "b,\"笔录中的\"\"签名\"\"不全\", 3 \r\n");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->items.size(), 2u);
    EXPECT_EQ(r->items[0].code, "a");
    EXPECT_EQ(r->items[0].label, "送达回证填写不规范, 或者送达方式不符合规定");
    EXPECT_EQ(r->items[0].deduction, 5);
    EXPECT_EQ(r->items[1].label, "笔录中的\"签名\"不全");
    EXPECT_EQ(r->items[1].deduction, 3);
}

TEST(Checklist, AHeaderAloneIsAnEmptyChecklist) {
    auto r = parse_checklist("code,label,deduction\n");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->items.empty());
}

TEST(Checklist, DeductionBoundariesOneAndHundredAreAccepted) {
    auto r = parse_checklist("code,label,deduction\na,甲,1\nb,乙,100\n");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->items[0].deduction, 1);
    EXPECT_EQ(r->items[1].deduction, 100);
}

struct BadCsv {
    const char* why;
    const char* csv;
    const char* message;
};

void PrintTo(const BadCsv& c, std::ostream* os) { *os << c.why; }

class ChecklistRefused : public ::testing::TestWithParam<BadCsv> {};

TEST_P(ChecklistRefused, WithTheLineAndTheReason) {
    auto r = parse_checklist(GetParam().csv);
    ASSERT_FALSE(r.ok()) << GetParam().why;
    EXPECT_EQ(r.error().code, "review.checklist_invalid");
    EXPECT_EQ(r.error().field, "checklist");
    EXPECT_EQ(r.error().message, GetParam().message) << GetParam().why;
}

INSTANTIATE_TEST_SUITE_P(
    Csv, ChecklistRefused,
    ::testing::Values(
        BadCsv{"empty file", "", "评查标准第1行应为表头code,label,deduction"},
        BadCsv{"no header", "a,甲,5\n", "评查标准第1行应为表头code,label,deduction"},
        BadCsv{"wrong header", "code,name,points\na,甲,5\n", "评查标准第1行应为表头code,label,deduction"},
        BadCsv{"duplicate code", "code,label,deduction\na,甲,5\na,乙,3\n", "评查标准第3行编码a重复"},
        BadCsv{"deduction 0", "code,label,deduction\na,甲,0\n", "评查标准第2行扣分应为1至100的整数"},
        BadCsv{"deduction 101", "code,label,deduction\na,甲,101\n", "评查标准第2行扣分应为1至100的整数"},
        BadCsv{"negative deduction", "code,label,deduction\na,甲,-5\n", "评查标准第2行扣分应为1至100的整数"},
        BadCsv{"deduction in words", "code,label,deduction\na,甲,五\n", "评查标准第2行扣分应为1至100的整数"},
        BadCsv{"fractional deduction", "code,label,deduction\na,甲,2.5\n", "评查标准第2行扣分应为1至100的整数"},
        BadCsv{"empty deduction", "code,label,deduction\na,甲,\n", "评查标准第2行扣分应为1至100的整数"},
        BadCsv{"missing column", "code,label,deduction\na,甲\n", "评查标准第2行应有3列（code,label,deduction）"},
        BadCsv{"extra column", "code,label,deduction\na,甲,5,x\n", "评查标准第2行应有3列（code,label,deduction）"},
        BadCsv{"empty label", "code,label,deduction\na,,5\n", "评查标准第2行缺少评查项目名称"},
        BadCsv{"bad code", "code,label,deduction\nA-1,甲,5\n", "评查标准第2行编码只能由小写字母、数字和下划线组成"},
        BadCsv{"empty code", "code,label,deduction\n,甲,5\n", "评查标准第2行编码只能由小写字母、数字和下划线组成"},
        BadCsv{"veto item as deduction", "code,label,deduction\nillegal_procedure,程序违法,40\n",
               "评查标准第2行编码illegal_procedure是合法性否决项，不能作为扣分项"},
        BadCsv{"unterminated quote", "code,label,deduction\na,\"甲,5\n", "评查标准第2行引号不配对"}));

// ---- 案卷评查: scoring ---------------------------------------------------------------

Checklist sample() {
    return Checklist{{
        {"filing_approval_incomplete", "立案审批手续不全", 5},
        {"evidence_source_unmarked", "证据材料未注明来源", 3},
        {"grave", "（测试用）严重缺陷", 10},
        {"file_binding_irregular", "案卷装订不规范", 2},
        {"minor", "（测试用）轻微缺陷", 1},
    }};
}

struct Case {
    const char* what;
    std::vector<std::pair<std::string, int>> found;
    int score;
    const char* grade;
    const char* grade_label;
    int deductions;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.what; }

class FileReviewScore : public ::testing::TestWithParam<Case> {};

TEST_P(FileReviewScore, IsOneHundredMinusTheDeductions) {
    const Case& c = GetParam();
    auto r = score_file_review(sample(), ReviewInput{{}, c.found});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->score, c.score) << c.what;
    EXPECT_EQ(r->grade, c.grade) << c.what;
    EXPECT_EQ(r->grade_label, c.grade_label) << c.what;
    EXPECT_EQ(r->deductions, c.deductions) << c.what;
    EXPECT_FALSE(r->legality_failed);
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Boundaries, FileReviewScore, ::testing::Values(
    //   what                            found                                         score grade        label     deductions
    Case{"nothing found",                {},                                           100, "excellent", "优秀",   0},
    Case{"5 + 3 + 2 = 10 → 90, 优秀",    {{"filing_approval_incomplete", 1},
                                          {"evidence_source_unmarked", 1},
                                          {"file_binding_irregular", 1}},              90,  "excellent", "优秀",   10},
    Case{"5 × 2 = 10 → 90, 优秀",        {{"filing_approval_incomplete", 2}},          90,  "excellent", "优秀",   10},
    Case{"10 + 1 = 11 → 89, 合格",       {{"grave", 1}, {"minor", 1}},                 89,  "pass",      "合格",   11},
    Case{"10 × 4 = 40 → 60, 合格",       {{"grave", 4}},                               60,  "pass",      "合格",   40},
    Case{"10 × 4 + 1 = 41 → 59, 不合格", {{"grave", 4}, {"minor", 1}},                 59,  "fail",      "不合格", 41},
    Case{"10 × 10 = 100 → 0",            {{"grave", 10}},                              0,   "fail",      "不合格", 100},
    Case{"105 is floored at 0",          {{"grave", 10}, {"filing_approval_incomplete", 1}}, 0, "fail",  "不合格", 105}));
// clang-format on

TEST(FileReview, AnEmptyChecklistWithNothingFoundIsExcellent) {
    auto r = score_file_review(Checklist{}, ReviewInput{});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->score, 100);
    EXPECT_EQ(r->grade, "excellent");
    EXPECT_EQ(r->grade_label, "优秀");
}

class LegalityFailure : public ::testing::TestWithParam<const char*> {};

TEST_P(LegalityFailure, ScoresZeroWhateverElseWasFound) {
    auto r = score_file_review(sample(), ReviewInput{{GetParam()}, {{"minor", 1}}});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->score, 0);
    EXPECT_EQ(r->grade, "fail");
    EXPECT_EQ(r->grade_label, "不合格");
    EXPECT_TRUE(r->legality_failed);
    EXPECT_EQ(r->deductions, 0);
}

TEST_P(LegalityFailure, ScoresZeroEvenWithNoDeduction) {
    auto r = score_file_review(sample(), ReviewInput{{GetParam()}, {}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->score, 0);
    EXPECT_TRUE(r->legality_failed);
}

INSTANTIATE_TEST_SUITE_P(EachVetoItem, LegalityFailure,
                         ::testing::Values("wrong_subject", "no_qualification", "insufficient_evidence", "wrong_law",
                                           "illegal_procedure", "fewer_than_two_officers"));

TEST(FileReview, SeveralLegalityFailuresStillScoreZero) {
    auto r = score_file_review(sample(), ReviewInput{{"wrong_law", "illegal_procedure"}, {}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->score, 0);
    EXPECT_TRUE(r->legality_failed);
}

TEST(FileReview, UnknownLegalityCodeIsRefused) {
    auto r = score_file_review(sample(), ReviewInput{{"wrong_law", "bad_attitude"}, {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "review.legality_unknown");
    EXPECT_EQ(r.error().field, "legality_failures[1]");
    EXPECT_EQ(r.error().message, "合法性否决项bad_attitude不存在");
}

TEST(FileReview, ItemOutsideTheChecklistIsRefused) {
    auto r = score_file_review(sample(), ReviewInput{{}, {{"minor", 1}, {"no_such_item", 1}}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "review.item_unknown");
    EXPECT_EQ(r.error().field, "found[1]");
    EXPECT_EQ(r.error().message, "评查项目no_such_item不在评查标准中");
}

TEST(FileReview, ALegalityFailureDoesNotExcuseABadItem) {
    auto r = score_file_review(sample(), ReviewInput{{"wrong_law"}, {{"no_such_item", 1}}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "review.item_unknown");
}

TEST(FileReview, ItemFoundZeroOrNegativeTimesIsRefused) {
    for (int times : {0, -1}) {
        auto r = score_file_review(sample(), ReviewInput{{}, {{"filing_approval_incomplete", times}}});
        ASSERT_FALSE(r.ok()) << times;
        EXPECT_EQ(r.error().code, "review.count_invalid");
        EXPECT_EQ(r.error().field, "found[0]");
        EXPECT_EQ(r.error().message, "评查项目“立案审批手续不全”的发现次数应至少为1");
    }
}

TEST(FileReview, TheSameItemOnTwoLinesIsRefused) {
    auto r = score_file_review(sample(), ReviewInput{{}, {{"minor", 1}, {"grave", 1}, {"minor", 2}}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "review.item_duplicate");
    EXPECT_EQ(r.error().field, "found[2]");
}

TEST(FileReview, AnAbsurdCountDoesNotOverflow) {
    auto r = score_file_review(sample(), ReviewInput{{}, {{"grave", std::numeric_limits<int>::max()}}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->score, 0);
    EXPECT_EQ(r->grade, "fail");
    EXPECT_EQ(r->deductions, std::numeric_limits<int>::max());
}

// ---- Art 18: 回避 ----------------------------------------------------------------------
// Regions from data/xingtai-counties-2022.csv and -townships-2022.csv: 信都区
// 130503 (李村镇 130503101), 宁晋县 130528, 邢台经济开发区 130571 (东汪镇 130571100).

MemberFacts member(const char* name, int64_t org, const char* region) { return MemberFacts{100, name, org, region}; }
TargetFacts target(int64_t org, const char* name, const char* region) { return TargetFacts{org, name, region}; }

const TargetFacts kCityScjg = target(101, "邢台市市场监督管理局", "130500");
const TargetFacts kXinduScjg = target(201, "信都区市场监督管理局", "130503");
const TargetFacts kLicunGov = target(210, "信都区李村镇人民政府", "130503101");
const TargetFacts kNingjinScjg = target(301, "宁晋县市场监督管理局", "130528");
const TargetFacts kDevzoneBureau = target(401, "邢台经济开发区综合执法局", "130571");
const TargetFacts kDongwangOffice = target(410, "邢台经济开发区东汪镇人民政府", "130571100");

void expect_avoid(const Result<void>& r, const std::string& message) {
    ASSERT_FALSE(r.ok()) << message;
    EXPECT_EQ(r.error().code, "team.avoidance");
    EXPECT_EQ(r.error().message, message);
    EXPECT_EQ(r.error().field, "team");
    EXPECT_EQ(r.error().basis, kArt18);
    EXPECT_EQ(r.error().http_status, 400);
}

TEST(Avoidance, NobodySupervisesTheirOwnAgency) {
    expect_avoid(check_avoidance(member("张某", 101, "130500"), kCityScjg, false),
                 "张某是被监督单位邢台市市场监督管理局的工作人员，应当回避（第十八条）");
}

TEST(Avoidance, NobodySupervisesTheirOwnAgencyInCrossSupervisionEither) {
    expect_avoid(check_avoidance(member("张某", 201, "130503"), kXinduScjg, true),
                 "张某是被监督单位信都区市场监督管理局的工作人员，应当回避（第十八条）");
}

TEST(Avoidance, CrossSupervisionInTheMembersOwnCountyIsRefused) {
    // A 信都区司法局 supervisor may not cross-supervise 信都区's own agencies.
    expect_avoid(check_avoidance(member("张某", 202, "130503"), kXinduScjg, true),
                 "交叉监督中，张某所在单位与被监督单位同属信都区，应当回避（第十八条）");
}

TEST(Avoidance, ATownshipBodyBelongsToItsCounty) {
    expect_avoid(check_avoidance(member("张某", 202, "130503"), kLicunGov, true),
                 "交叉监督中，张某所在单位与被监督单位同属信都区，应当回避（第十八条）");
    // And a member from a township room of the county, against a county agency.
    expect_avoid(check_avoidance(member("钱某", 211, "130503101"), kXinduScjg, true),
                 "交叉监督中，钱某所在单位与被监督单位同属信都区，应当回避（第十八条）");
}

TEST(Avoidance, CrossSupervisionOfAnotherCountyIsAllowed) {
    EXPECT_TRUE(check_avoidance(member("张某", 202, "130503"), kNingjinScjg, true).ok());
    EXPECT_TRUE(check_avoidance(member("陈某", 302, "130528"), kLicunGov, true).ok());
}

TEST(Avoidance, CityAndDevelopmentZoneAreBothCityManaged) {
    const std::string both = "交叉监督中，张某所在单位与被监督单位同属市本级（含邢台经济开发区），应当回避（第十八条）";
    expect_avoid(check_avoidance(member("张某", 102, "130500"), kCityScjg, true), both);
    expect_avoid(check_avoidance(member("张某", 102, "130500"), kDevzoneBureau, true), both);
    expect_avoid(check_avoidance(member("张某", 402, "130571"), kCityScjg, true), both);
    expect_avoid(check_avoidance(member("张某", 102, "130500"), kDongwangOffice, true), both);
}

TEST(Avoidance, CityStaffMayCrossSuperviseACounty) {
    EXPECT_TRUE(check_avoidance(member("张某", 102, "130500"), kXinduScjg, true).ok());
    EXPECT_TRUE(check_avoidance(member("张某", 402, "130571"), kNingjinScjg, true).ok());
    EXPECT_TRUE(check_avoidance(member("陈某", 302, "130528"), kDevzoneBureau, true).ok());
}

TEST(Avoidance, OutsideCrossSupervisionTheSameRegionIsNormal) {
    // Art 3 ¶2: a department supervises its own region's agencies.
    EXPECT_TRUE(check_avoidance(member("张某", 202, "130503"), kXinduScjg, false).ok());
    EXPECT_TRUE(check_avoidance(member("张某", 202, "130503"), kLicunGov, false).ok());
    EXPECT_TRUE(check_avoidance(member("张某", 102, "130500"), kCityScjg, false).ok());
}

// ---- Competence: which department handles a target (Art 3 ¶2, Art 18) ----------------

struct Competence {
    TargetFacts target;
    const char* default_region;  // "" when no department of 邢台市 is competent
    // may_supervise / is_upper_level for the departments of 邢台市, 信都区, 宁晋县,
    // and the codes no department has (开发区 130571, a township 130503101).
    bool city, xindu, ningjin, devzone, township;
    bool city_upper, xindu_upper;
};

void PrintTo(const Competence& c, std::ostream* os) { *os << c.target.name; }

class CompetenceMatrix : public ::testing::TestWithParam<Competence> {};

TEST_P(CompetenceMatrix, ByDefaultTheTargetsOwnLevelAndRegion) {
    const Competence& c = GetParam();
    EXPECT_EQ(default_competent_region(c.target), c.default_region) << c.target.name;
    EXPECT_EQ(may_supervise("130500", c.target), c.city) << c.target.name;
    EXPECT_EQ(may_supervise("130503", c.target), c.xindu) << c.target.name;
    EXPECT_EQ(may_supervise("130528", c.target), c.ningjin) << c.target.name;
    EXPECT_EQ(may_supervise("130571", c.target), c.devzone) << c.target.name;
    EXPECT_EQ(may_supervise("130503101", c.target), c.township) << c.target.name;
    EXPECT_EQ(is_upper_level("130500", c.target), c.city_upper) << c.target.name;
    EXPECT_EQ(is_upper_level("130503", c.target), c.xindu_upper) << c.target.name;
    // Nobody handles a target they may not supervise, so it is never 提级.
    EXPECT_FALSE(is_upper_level("130528", c.target) && !c.ningjin) << c.target.name;
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Targets, CompetenceMatrix, ::testing::Values(
    //         target                                                default   city   信都区 宁晋县 130571 130503101 city↑  信都区↑
    Competence{kCityScjg,                                            "130500", true,  false, false, false, false,    false, false},
    Competence{kXinduScjg,                                           "130503", true,  true,  false, false, false,    true,  false},
    Competence{kLicunGov,                                            "130503", true,  true,  false, false, false,    true,  false},
    Competence{kNingjinScjg,                                         "130528", true,  false, true,  false, false,    true,  false},
    Competence{kDevzoneBureau,                                       "130500", true,  false, false, false, false,    false, false},
    Competence{kDongwangOffice,                                      "130500", true,  false, false, false, false,    false, false},
    Competence{target(901, "石家庄市市场监督管理局", "130100"),      "",       false, false, false, false, false,    false, false},
    Competence{target(902, "正定县市场监督管理局", "130123"),        "",       false, false, false, false, false,    false, false},
    Competence{target(903, "未填写行政区划的单位", ""),              "",       false, false, false, false, false,    false, false}));
// clang-format on

TEST(Competence, AnOutsideDepartmentMayNotSuperviseAnOutsideTarget) {
    EXPECT_FALSE(may_supervise("130100", target(901, "石家庄市市场监督管理局", "130100")));
}

}  // namespace
}  // namespace lecs::supervision::rules
