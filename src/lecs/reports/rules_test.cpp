// The pure rules of statistical reports (rules.hpp): validation naming the cell and the rule, the
// heaviest-penalty count with the default and a configured order, the roll-up from township to
// county to city with real 邢台 division codes, year-on-year, reconciliation, pre-fill and lateness.
// Every expected figure is written out by hand.
#include "lecs/reports/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "lecs/monitoring/model.hpp"  // only to pin the penalty bits; reports does not link monitoring

namespace lecs::reports {
namespace {

// reports repeats monitoring's penalty bits (template.hpp); a change on either side fails here.
#define LECS_SAME_BIT(name) \
    static_assert(static_cast<int>(PenaltyType::name) == static_cast<int>(monitoring::PenaltyType::name))
LECS_SAME_BIT(kWarning);
LECS_SAME_BIT(kFine);
LECS_SAME_BIT(kConfiscation);
LECS_SAME_BIT(kSuspension);
LECS_SAME_BIT(kRevocation);
LECS_SAME_BIT(kDetention);
LECS_SAME_BIT(kOther);
#undef LECS_SAME_BIT

Date D(const char* iso) { return *Date::parse(iso); }

const ReportTemplate& annual() { return default_annual_template(); }

// Every field of the annual template at "0".
Submission zeros() {
    Submission s{"annual", 1, {}};
    for (const auto& t : annual().tables)
        for (const auto& f : t.fields) s.cells[f.code] = "0";
    return s;
}

// A consistent annual submission with real figures: 12 penalty decisions, 9 licence decisions,
// 5 coercive acts, 40 inspections, 2 levies; 45 of 50 officers hold a certificate.
Submission filled() {
    Submission s = zeros();
    auto set = [&](const char* code, const char* v) { s.cells[code] = v; };
    set("P_WARNING", "3");
    set("P_FINE", "6");
    set("P_CONFISCATION", "2");
    set("P_DETENTION", "1");
    set("P_TOTAL", "12");
    set("P_AMOUNT", "12.5");  // 万元
    set("L_APPLIED", "10");
    set("L_ACCEPTED", "10");
    set("L_GRANTED", "8");
    set("L_REFUSED", "1");
    set("L_DECIDED", "9");
    set("C_SEAL", "2");
    set("C_SEIZE", "1");
    set("C_MEASURES", "3");
    set("C_SUBSTITUTE", "2");
    set("C_EXECUTION", "2");
    set("C_TOTAL", "5");
    set("C_COURT", "1");
    set("I_TOTAL", "40");
    set("V_COUNT", "2");
    set("V_AMOUNT", "0.3");
    set("S_PENALTY", "12");
    set("S_LICENSE", "9");
    set("S_COERCION", "5");
    set("S_INSPECTION", "40");
    set("S_LEVY", "2");
    set("S_TOTAL", "68");
    set("R_UPHELD", "3");
    set("R_REVOKED", "1");
    set("R_CORRECTED", "1");
    set("R_COUNTED", "4");
    set("R_SETTLED", "1");
    set("R_CONCLUDED", "5");
    set("G_UPHELD", "1");
    set("G_COUNTED", "1");
    set("G_WITHDRAWN", "1");
    set("G_CONCLUDED", "2");
    set("Z_STAFF", "50");
    set("Z_HOLDERS", "45");
    return s;
}

std::vector<std::string> rules_of(const Validation& v) {
    std::vector<std::string> out;
    for (const auto& f : v.failures) out.push_back(f.rule + ":" + f.field_code);
    return out;
}

// ---- (a) validation ------------------------------------------------------------------------

TEST(Validate, AllZeroAnnualSubmissionHoldsEveryRuleOfTheTemplate) {
    auto v = validate_submission(annual(), zeros(), AmountUnit::kWanYuan);
    EXPECT_TRUE(v.ok()) << (v.failures.empty() ? "" : v.failures[0].message);
    EXPECT_EQ(v.values.size(), 66u);
    EXPECT_EQ(v.values.at("P_AMOUNT"), 0);
}

TEST(Validate, AConsistentAnnualSubmissionPassesWithAmountsInFen) {
    auto v = validate_submission(annual(), filled(), AmountUnit::kWanYuan);
    ASSERT_TRUE(v.ok()) << v.failures[0].message;
    EXPECT_EQ(v.values.at("P_TOTAL"), 12);
    EXPECT_EQ(v.values.at("P_AMOUNT"), 12'500'000);  // 12.5万元
    EXPECT_EQ(v.values.at("V_AMOUNT"), 300'000);     // 0.3万元 = 3000元
    EXPECT_EQ(v.values.at("S_TOTAL"), 68);
}

TEST(Validate, ASubmissionOnAnotherTemplateVersionIsRefusedWhole) {
    Submission s = zeros();
    s.template_version = 2;
    s.cells["P_FINE"] = "abc";  // not even looked at
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(v.failures.size(), 1u);
    EXPECT_EQ(v.failures[0].rule, "report.template_mismatch");
    EXPECT_EQ(v.failures[0].message, "报表按模板“annual”第2版填报，与模板“行政执法统计年报”（annual）第1版不符");
    s.template_version = 1;
    s.template_code = "quarterly";
    EXPECT_EQ(validate_submission(annual(), s, AmountUnit::kWanYuan).failures[0].rule, "report.template_mismatch");
}

TEST(Validate, TextInANumberCellNamesTableFieldCodeAndRule) {
    Submission s = filled();
    s.cells["P_FINE"] = "六";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    // Only the cell: the sum it belongs to is not judged on a cell that failed.
    ASSERT_EQ(v.failures.size(), 1u);
    const CellFailure& f = v.failures[0];
    EXPECT_EQ(f.rule, "cell.not_number");
    EXPECT_EQ(f.table_code, "penalty");
    EXPECT_EQ(f.field_code, "P_FINE");
    EXPECT_EQ(f.message, "表“行政处罚”栏目“罚款”（P_FINE）：数值格式：应填写整数，填写的是“六”");
    EXPECT_EQ(v.values.count("P_FINE"), 0u);
}

TEST(Validate, AmountCellsSayWhichUnitTheyExpect) {
    Submission s = filled();
    s.cells["P_AMOUNT"] = "12.5万";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(v.failures.size(), 1u);
    EXPECT_EQ(
        v.failures[0].message,
        "表“行政处罚”栏目“罚没金额”（P_AMOUNT）：数值格式：应填写以万元为单位的数字（最多6位小数），填写的是“12.5万”");
    // In 分 (the API's JSON) a decimal is not an amount; an integer is.
    s.cells["P_AMOUNT"] = "12.5";
    s.cells["V_AMOUNT"] = "300000";
    v = validate_submission(annual(), s, AmountUnit::kFen);
    ASSERT_EQ(v.failures.size(), 1u);
    EXPECT_EQ(v.failures[0].field_code, "P_AMOUNT");
    EXPECT_NE(v.failures[0].message.find("应填写以分为单位的整数金额"), std::string::npos);
    EXPECT_EQ(v.values.at("V_AMOUNT"), 300'000);
}

TEST(Validate, ANegativeNumberBreaksTheNonNegativeRule) {
    Submission s = filled();
    s.cells["P_FINE"] = "-1";
    s.cells["P_WARNING"] = "10";  // the sum still holds: 10 - 1 + 2 + 1 = 12
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(v.failures.size(), 1u);
    EXPECT_EQ(v.failures[0].rule, "rule.non_negative");
    EXPECT_EQ(v.failures[0].message, "表“行政处罚”栏目“罚款”（P_FINE）：非负：不能为负数，填写的是-1");
    // Zero is the boundary, and is allowed.
    s.cells["P_FINE"] = "0";
    s.cells["P_WARNING"] = "9";
    EXPECT_TRUE(validate_submission(annual(), s, AmountUnit::kWanYuan).ok());
}

TEST(Validate, ANegativeAmountIsShownInWanYuan) {
    Submission s = filled();
    s.cells["V_AMOUNT"] = "-0.3";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(v.failures.size(), 1u);
    EXPECT_EQ(v.failures[0].message, "表“行政征收”栏目“征收金额”（V_AMOUNT）：非负：不能为负数，填写的是-0.30万元");
}

TEST(Validate, OverflowAtOneAboveTheBound) {
    Submission s = zeros();
    s.cells["I_TOTAL"] = "1000000000";
    s.cells["S_INSPECTION"] = "1000000000";
    s.cells["S_TOTAL"] = "1000000000";
    s.cells["P_AMOUNT"] = "1000000000";  // 万元: exactly 10万亿元
    EXPECT_TRUE(validate_submission(annual(), s, AmountUnit::kWanYuan).ok());
    s.cells["I_TOTAL"] = "1000000001";
    s.cells["P_AMOUNT"] = "1000000000.000001";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"cell.overflow:P_AMOUNT", "cell.overflow:I_TOTAL"}));
    EXPECT_EQ(v.failures[1].message,
              "表“行政检查”栏目“行政检查次数”（I_TOTAL）：数值范围：超出上限1000000000件，填写的是“1000000001”");
    EXPECT_NE(v.failures[0].message.find("超出上限1000000000.00万元"), std::string::npos);
    // In 分, the bound is 10^15.
    s.cells["I_TOTAL"] = "1000000000";
    s.cells["P_AMOUNT"] = "1000000000000001";
    v = validate_submission(annual(), s, AmountUnit::kFen);
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"cell.overflow:P_AMOUNT"}));
}

TEST(Validate, UnknownFieldsAreListedAfterTheCells) {
    Submission s = zeros();
    s.cells["P_CANING"] = "1";
    s.cells["A_NOTE"] = "x";
    s.cells["P_FINE"] = "x";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"cell.not_number:P_FINE", "cell.unknown_field:A_NOTE",
                                                     "cell.unknown_field:P_CANING"}));
    EXPECT_EQ(v.failures[2].message, "栏目代码“P_CANING”不在模板“行政执法统计年报”第1版中");
    EXPECT_EQ(v.failures[2].table_code, "");
}

TEST(Validate, ALongCellIsQuotedBackCutOnACharacterBoundary) {
    std::string han;
    for (int i = 0; i < 100; ++i) han += "汉";  // 300 bytes
    Submission s = filled();
    s.cells["I_TOTAL"] = han;
    s.cells["P_FINE"] = "a" + han;
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(v.failures.size(), 2u);
    // 60 bytes are 20 characters of 3 bytes; after "a", the 20th character would cross byte 60.
    EXPECT_EQ(v.failures[0].message,
              "表“行政处罚”栏目“罚款”（P_FINE）：数值格式：应填写整数，填写的是“a" + han.substr(0, 57) + "…”");
    EXPECT_EQ(v.failures[1].message,
              "表“行政检查”栏目“行政检查次数”（I_TOTAL）：数值格式：应填写整数，填写的是“" + han.substr(0, 60) + "…”");
}

TEST(Validate, AMissingOrBlankRequiredCellIsReported) {
    Submission s = filled();
    s.cells.erase("P_FINE");
    s.cells["Z_STAFF"] = "  ";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    // The sum of P_TOTAL and the Z_HOLDERS ≤ Z_STAFF comparison are not judged.
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"cell.missing:P_FINE", "cell.missing:Z_STAFF"}));
    EXPECT_EQ(v.failures[0].message, "表“行政处罚”栏目“罚款”（P_FINE）：必填：未填写（没有发生请填0）");
}

TEST(Validate, SumRuleFiresOneOffEitherWay) {
    Submission s = filled();
    s.cells["P_TOTAL"] = "13";
    s.cells["S_PENALTY"] = "13";
    s.cells["S_TOTAL"] = "69";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(rules_of(v), (std::vector<std::string>{"rule.sum:P_TOTAL"}));
    EXPECT_EQ(v.failures[0].table_code, "penalty");
    EXPECT_EQ(
        v.failures[0].message,
        "表“行政处罚”栏目“处罚决定合计”（P_TOTAL）：合计：应等于警告、通报批评、罚款、没收违法所得、没收非法财物、"
        "暂扣、吊销许可证件、限制开展生产经营活动、责令停产停业、责令关闭、限制从业、行政拘留、其他行政处罚之和12，"
        "填写的是13（相差1件）");
    s.cells["P_TOTAL"] = "11";
    s.cells["S_PENALTY"] = "11";
    s.cells["S_TOTAL"] = "67";
    v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(rules_of(v), (std::vector<std::string>{"rule.sum:P_TOTAL"}));
    EXPECT_NE(v.failures[0].message.find("填写的是11（相差-1件）"), std::string::npos);
}

TEST(Validate, NestedSumsAreEachJudged) {
    Submission s = filled();
    s.cells["C_SEAL"] = "3";  // measures 4, but C_MEASURES says 3
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"rule.sum:C_MEASURES"}));
    s.cells["C_MEASURES"] = "4";  // now C_TOTAL = 4 + 2 ≠ 5
    v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"rule.sum:C_TOTAL"}));
}

TEST(Validate, CrossTableEqualityNamesBothCells) {
    Submission s = filled();
    s.cells["S_INSPECTION"] = "41";
    s.cells["S_TOTAL"] = "69";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(rules_of(v), (std::vector<std::string>{"rule.compare:S_INSPECTION"}));
    EXPECT_EQ(v.failures[0].table_code, "summary");
    EXPECT_EQ(v.failures[0].message,
              "表“行政执法情况总表”栏目“行政检查”（S_INSPECTION）：一致性：应等于表“行政检查”栏目“行政检查次数”"
              "（I_TOTAL）的40，填写的是41");
}

TEST(Validate, HoldersMayEqualButNotExceedStaff) {
    Submission s = filled();
    s.cells["Z_HOLDERS"] = "50";
    EXPECT_TRUE(validate_submission(annual(), s, AmountUnit::kWanYuan).ok());
    s.cells["Z_HOLDERS"] = "51";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(rules_of(v), (std::vector<std::string>{"rule.compare:Z_HOLDERS"}));
    EXPECT_EQ(
        v.failures[0].message,
        "表“行政执法人员持证情况”栏目“持有有效行政执法证件人数”（Z_HOLDERS）：一致性：应不大于表“行政执法人员持证情况”"
        "栏目“行政执法人员数”（Z_STAFF）的50，填写的是51");
}

TEST(Validate, EveryFailureIsReportedInOrder) {
    Submission s = filled();
    s.cells["P_FINE"] = "x";      // cell
    s.cells["NOPE"] = "1";        // unknown
    s.cells["L_GRANTED"] = "9";   // L_DECIDED 9 ≠ 10
    s.cells["Z_HOLDERS"] = "60";  // > 50
    s.cells["R_SETTLED"] = "-1";  // negative, and R_CONCLUDED 5 ≠ 3
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"cell.not_number:P_FINE", "cell.unknown_field:NOPE",
                                                     "rule.non_negative:R_SETTLED", "rule.sum:L_DECIDED",
                                                     "rule.sum:R_CONCLUDED", "rule.compare:Z_HOLDERS"}));
}

TEST(Validate, FailureBecomesAnErrorCitingArt15) {
    Submission s = filled();
    s.cells["P_FINE"] = "-";
    auto v = validate_submission(annual(), s, AmountUnit::kWanYuan);
    ASSERT_EQ(v.failures.size(), 1u);
    Error e = v.failures[0].to_error();
    EXPECT_EQ(e.code, "cell.not_number");
    EXPECT_EQ(e.field, "P_FINE");
    EXPECT_EQ(e.basis, "《邢台市行政执法协调监督工作办法》第十五条");
    EXPECT_EQ(e.http_status, 400);
    EXPECT_EQ(e.message, v.failures[0].message);
}

// A small template for what the annual one does not have: optional cells, ≥, sums of amounts and a
// field no non_negative rule covers.
const ReportTemplate& small() {
    static const ReportTemplate t = parse_template(R"({
      "code": "t", "version": 3, "name": "测试季报", "period": "quarter",
      "due": {"days_after_end": 15},
      "tables": [
        {"code": "a", "name": "甲表", "fields": [
          {"code": "A1", "name": "甲一", "kind": "count"},
          {"code": "A2", "name": "甲二", "kind": "count", "required": false},
          {"code": "AT", "name": "甲合计", "kind": "count"},
          {"code": "AM", "name": "甲金额", "kind": "amount", "required": false}]},
        {"code": "b", "name": "乙表", "fields": [
          {"code": "B1", "name": "乙一", "kind": "count"},
          {"code": "BN", "name": "乙其他", "kind": "amount"},
          {"code": "BM", "name": "乙金额", "kind": "amount"}]}
      ],
      "rules": [
        {"kind": "sum", "target": "AT", "addends": ["A1", "A2"]},
        {"kind": "sum", "target": "BM", "addends": ["AM", "BN"]},
        {"kind": "non_negative", "fields": ["A1", "A2", "AT"]},
        {"kind": "non_negative", "table": "a"},
        {"kind": "compare", "left": "B1", "op": "ge", "right": "A1"}
      ],
      "ratios": [{"code": "RA", "name": "甲一占比", "numerator": "A1", "denominator": "AT"}]
    })")
                                        .value();
    return t;
}

Submission small_cells(std::map<std::string, std::string, std::less<>> cells) { return Submission{"t", 3, cells}; }

TEST(Validate, OptionalBlankCellsCountAsZeroInTheRules) {
    auto v = validate_submission(
        small(), small_cells({{"A1", "2"}, {"AT", "2"}, {"B1", "2"}, {"BN", "1"}, {"BM", "1"}}), AmountUnit::kWanYuan);
    EXPECT_TRUE(v.ok()) << v.failures[0].message;
    EXPECT_EQ(v.values.count("A2"), 0u);
    EXPECT_EQ(v.values.count("AM"), 0u);
}

TEST(Validate, GreaterOrEqualHoldsAtEqualityAndFailsBelow) {
    auto cells = [](const char* b1) {
        return small_cells({{"A1", "2"}, {"AT", "2"}, {"B1", b1}, {"BN", "0"}, {"BM", "0"}});
    };
    EXPECT_TRUE(validate_submission(small(), cells("2"), AmountUnit::kFen).ok());
    EXPECT_TRUE(validate_submission(small(), cells("3"), AmountUnit::kFen).ok());
    auto v = validate_submission(small(), cells("1"), AmountUnit::kFen);
    ASSERT_EQ(rules_of(v), (std::vector<std::string>{"rule.compare:B1"}));
    EXPECT_EQ(v.failures[0].message,
              "表“乙表”栏目“乙一”（B1）：一致性：应不小于表“甲表”栏目“甲一”（A1）的2，填写的是1");
}

TEST(Validate, AmountSumsShowTheGapInYuanWhenWanYuanRoundsItAway) {
    auto v = validate_submission(
        small(), small_cells({{"A1", "0"}, {"AT", "0"}, {"B1", "0"}, {"AM", "50"}, {"BN", "49"}, {"BM", "100"}}),
        AmountUnit::kFen);
    ASSERT_EQ(rules_of(v), (std::vector<std::string>{"rule.sum:BM"}));
    EXPECT_EQ(v.failures[0].message,
              "表“乙表”栏目“乙金额”（BM）：合计：应等于甲金额、乙其他之和0.00万元，填写的是0.00万元（相差0.01元）");
    v = validate_submission(
        small(), small_cells({{"A1", "0"}, {"AT", "0"}, {"B1", "0"}, {"AM", "0.5"}, {"BN", "0.49"}, {"BM", "1"}}),
        AmountUnit::kWanYuan);
    ASSERT_EQ(rules_of(v), (std::vector<std::string>{"rule.sum:BM"}));
    EXPECT_NE(v.failures[0].message.find("之和0.99万元，填写的是1.00万元（相差100.00元）"), std::string::npos);
}

TEST(Validate, NegativeReportedOnceWhenTwoRulesCoverTheCellAndNotAtAllWhereNoneDoes) {
    auto v = validate_submission(
        small(), small_cells({{"A1", "-1"}, {"A2", "1"}, {"AT", "0"}, {"B1", "0"}, {"BN", "-5"}, {"BM", "-5"}}),
        AmountUnit::kFen);
    // A1 is covered by both non_negative rules; BN and BM by none.
    EXPECT_EQ(rules_of(v), (std::vector<std::string>{"rule.non_negative:A1"}));
}

TEST(Ratios, PercentOfTheDenominatorOrADash) {
    const Ratio& rate = annual().ratios[0];  // 持证率
    EXPECT_EQ(format_percent(ratio_percent(rate, {{"Z_HOLDERS", 45}, {"Z_STAFF", 50}})), "90.00%");
    EXPECT_EQ(format_percent(ratio_percent(rate, {{"Z_HOLDERS", 2}, {"Z_STAFF", 3}})), "66.67%");
    EXPECT_EQ(format_percent(ratio_percent(rate, {{"Z_HOLDERS", 50}, {"Z_STAFF", 50}})), "100.00%");
    EXPECT_EQ(format_percent(ratio_percent(rate, {{"Z_HOLDERS", 0}, {"Z_STAFF", 0}})), "—");
    EXPECT_EQ(format_percent(ratio_percent(rate, {{"Z_HOLDERS", 3}})), "—");
}

// ---- (b) the heaviest penalty --------------------------------------------------------------

constexpr uint8_t bits(std::initializer_list<PenaltyType> ts) {
    uint8_t b = 0;
    for (auto t : ts) b |= static_cast<uint8_t>(t);
    return b;
}
using P = PenaltyType;

// The type counted, or a test failure (and kOther) when the rule refuses.
PenaltyType heaviest(uint8_t type_bits, const SeverityOrder& order) {
    auto r = heaviest_penalty(type_bits, order);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r.value() : P::kOther;
}

TEST(HeaviestPenalty, ASingleTypeIsItself) {
    for (uint8_t bit = 1; bit <= 64; bit <<= 1) {
        auto r = heaviest_penalty(bit, default_severity_order());
        ASSERT_TRUE(r.ok()) << int(bit);
        EXPECT_EQ(static_cast<uint8_t>(*r), bit);
    }
}

TEST(HeaviestPenalty, DefaultOrderCountsACombinedPenaltyUnderItsHeaviestType) {
    const SeverityOrder o = default_severity_order();
    EXPECT_EQ(heaviest(bits({P::kFine, P::kWarning}), o), P::kFine);
    EXPECT_EQ(heaviest(bits({P::kFine, P::kConfiscation}), o), P::kConfiscation);
    EXPECT_EQ(heaviest(bits({P::kFine, P::kConfiscation, P::kSuspension}), o), P::kSuspension);
    EXPECT_EQ(heaviest(bits({P::kSuspension, P::kRevocation}), o), P::kRevocation);
    EXPECT_EQ(heaviest(bits({P::kDetention, P::kFine}), o), P::kDetention);
    EXPECT_EQ(heaviest(bits({P::kOther, P::kWarning}), o), P::kWarning);  // a named type wins
    EXPECT_EQ(heaviest(kAllPenaltyBits, o), P::kDetention);
}

TEST(HeaviestPenalty, AConfiguredOrderIsFollowed) {
    // A sector that ranks the fine above confiscation and "other" (e.g. 责令改正 with a fine) first.
    auto o =
        parse_severity_order({"other", "detention", "revocation", "suspension", "fine", "confiscation", "warning"});
    ASSERT_TRUE(o.ok());
    EXPECT_EQ(heaviest(bits({P::kFine, P::kConfiscation}), *o), P::kFine);
    EXPECT_EQ(heaviest(bits({P::kOther, P::kDetention}), *o), P::kOther);
    EXPECT_EQ(heaviest(bits({P::kWarning, P::kConfiscation}), *o), P::kConfiscation);
    // The reverse of the default turns every answer around.
    SeverityOrder rev = default_severity_order();
    std::reverse(rev.begin(), rev.end());
    EXPECT_EQ(heaviest(bits({P::kDetention, P::kFine}), rev), P::kFine);
    EXPECT_EQ(heaviest(kAllPenaltyBits, rev), P::kOther);
}

TEST(HeaviestPenalty, NoTypeAnUnknownBitOrAnOrderWithoutTheTypeAreErrors) {
    auto none = heaviest_penalty(0, default_severity_order());
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, "reports.no_penalty_type");
    auto unknown = heaviest_penalty(128 | 2, default_severity_order());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "reports.unknown_penalty_type");
    EXPECT_NE(unknown.error().message.find("130"), std::string::npos);
    auto partial = heaviest_penalty(bits({P::kWarning, P::kOther}), SeverityOrder{P::kFine});
    ASSERT_FALSE(partial.ok());
    EXPECT_EQ(partial.error().code, "reports.severity_order");
    EXPECT_EQ(partial.error().message, "处罚种类轻重顺序未列出warning、other");
}

TEST(CountPenalties, EachActCountsOnceUnderTheAnnualTemplatesFields) {
    const uint8_t acts[] = {
        bits({P::kFine, P::kWarning}),                      // P_FINE
        bits({P::kFine}),                                   // P_FINE
        bits({P::kDetention, P::kFine, P::kConfiscation}),  // P_DETENTION
        bits({P::kOther}),                                  // P_OTHER
        bits({P::kWarning, P::kOther}),                     // P_WARNING
        bits({P::kSuspension, P::kRevocation}),             // revocation → P_PERMIT
        bits({P::kSuspension, P::kFine}),                   // suspension → P_BUSINESS
    };
    auto r = count_penalties(acts, *annual().penalty_counting);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Values want = {{"P_FINE", 2},   {"P_DETENTION", 1}, {"P_OTHER", 1},       {"P_WARNING", 1},
                         {"P_PERMIT", 1}, {"P_BUSINESS", 1},  {"P_CONFISCATION", 0}};
    EXPECT_EQ(*r, want);
    int64_t total = 0;
    for (const auto& [_, n] : *r) total += n;
    EXPECT_EQ(total, 7);  // one per decision
}

TEST(CountPenalties, NoActsGivesZeroesAndABadActIsNamedByPosition) {
    auto empty = count_penalties({}, *annual().penalty_counting);
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty->size(), 7u);
    EXPECT_EQ(empty->at("P_FINE"), 0);
    const uint8_t acts[] = {2, 1, 0};
    auto bad = count_penalties(acts, *annual().penalty_counting);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "第3个处罚决定：处罚决定未载明处罚种类，无法计数");
}

TEST(TallyPenalties, GroupsCountTheirActsUnderTheHeaviestTypeAndUntypedActsAreSetAside) {
    const std::pair<uint8_t, int64_t> groups[] = {
        {bits({P::kFine}), 40},                // P_FINE
        {bits({P::kFine, P::kWarning}), 3},    // P_FINE
        {bits({P::kDetention, P::kFine}), 2},  // P_DETENTION
        {bits({P::kWarning}), 5},              // P_WARNING
        {0, 4},                                // no type: set aside
    };
    auto r = tally_penalties(groups, *annual().penalty_counting);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->values.at("P_FINE"), 43);
    EXPECT_EQ(r->values.at("P_DETENTION"), 2);
    EXPECT_EQ(r->values.at("P_WARNING"), 5);
    EXPECT_EQ(r->values.at("P_OTHER"), 0);
    EXPECT_EQ(r->values.size(), 7u);
    EXPECT_EQ(r->untyped, 4);
    // The same acts one by one give the same counts (the two counts are one rule).
    std::vector<uint8_t> acts;
    for (const auto& [b, n] : groups)
        if (b != 0) acts.insert(acts.end(), static_cast<size_t>(n), b);
    auto one_by_one = count_penalties(acts, *annual().penalty_counting);
    ASSERT_TRUE(one_by_one.ok());
    EXPECT_EQ(*one_by_one, r->values);
}

TEST(TallyPenalties, AnUnknownBitOrANegativeCountIsAnError) {
    const std::pair<uint8_t, int64_t> unknown[] = {{128, 1}};
    EXPECT_EQ(tally_penalties(unknown, *annual().penalty_counting).error().code, "reports.unknown_penalty_type");
    const std::pair<uint8_t, int64_t> negative[] = {{2, -1}};
    EXPECT_EQ(tally_penalties(negative, *annual().penalty_counting).error().code, "reports.negative_count");
    auto none = tally_penalties({}, *annual().penalty_counting);
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->untyped, 0);
    EXPECT_EQ(none->values.size(), 7u);
}

// ---- (c) roll-up and year-on-year ----------------------------------------------------------

TEST(Regions, LevelsAndEnclosingRegions) {
    EXPECT_EQ(region_level("130500"), RegionLevel::kCity);
    EXPECT_EQ(region_level("130503"), RegionLevel::kCounty);
    EXPECT_EQ(region_level("130571"), RegionLevel::kCounty);  // 开发区: a county-level row by its code
    EXPECT_EQ(region_level("130503101"), RegionLevel::kTownship);
    EXPECT_EQ(region_level("130503101000"), RegionLevel::kTownship);
    for (const char* bad :
         {"", "13050", "1305030", "1305031010", "130503101001", "130000", "000000", "13050a", "130500001", " 130503"})
        EXPECT_FALSE(region_level(bad).has_value()) << "'" << bad << "'";
    EXPECT_EQ(region_at("130503101", RegionLevel::kCounty), "130503");
    EXPECT_EQ(region_at("130503101", RegionLevel::kCity), "130500");
    EXPECT_EQ(region_at("130503101000", RegionLevel::kTownship), "130503101");
    EXPECT_EQ(region_at("130503", RegionLevel::kCity), "130500");
    EXPECT_EQ(region_at("130500", RegionLevel::kCity), "130500");
    EXPECT_FALSE(region_at("130503", RegionLevel::kTownship).has_value());
    EXPECT_FALSE(region_at("130500", RegionLevel::kCounty).has_value());
}

// 信都区 (130503): 钢铁路街道 130503001, 南大郭镇 130503100, 太子井乡 130503202, and a county
// bureau; 襄都区 (130502): 东郭村镇 130502100; and a city department (legal-facts §4.1, §4.3).
std::vector<RegionFigures> xingtai() {
    return {
        {"130503001", {{"P_TOTAL", 3}, {"P_AMOUNT", 150'000}}},
        {"130503100", {{"P_TOTAL", 5}, {"P_AMOUNT", 20'000}, {"I_TOTAL", 7}}},
        {"130503202000", {{"P_TOTAL", 1}}},  // the 12-digit form
        {"130503", {{"P_TOTAL", 10}, {"I_TOTAL", 2}}},
        {"130502100", {{"P_TOTAL", 4}, {"P_AMOUNT", 1'000'000}}},
        {"130500", {{"P_TOTAL", 100}, {"I_TOTAL", 50}}},
    };
}

TEST(RollUp, ThreeTownshipsToTheCountyToTheCity) {
    const auto entries = xingtai();
    auto townships = roll_up(entries, RegionLevel::kTownship);
    ASSERT_TRUE(townships.ok());
    EXPECT_EQ(townships->size(), 4u);
    EXPECT_EQ(townships->at("130503202").at("P_TOTAL"), 1);

    auto counties = roll_up(entries, RegionLevel::kCounty);
    ASSERT_TRUE(counties.ok());
    ASSERT_EQ(counties->size(), 2u);
    // 3 + 5 + 1 from the townships, 10 from the county bureau.
    EXPECT_EQ(counties->at("130503"), (Values{{"P_TOTAL", 19}, {"P_AMOUNT", 170'000}, {"I_TOTAL", 9}}));
    EXPECT_EQ(counties->at("130502"), (Values{{"P_TOTAL", 4}, {"P_AMOUNT", 1'000'000}}));

    auto city = roll_up(entries, RegionLevel::kCity);
    ASSERT_TRUE(city.ok());
    ASSERT_EQ(city->size(), 1u);
    EXPECT_EQ(city->at("130500"), (Values{{"P_TOTAL", 123}, {"P_AMOUNT", 1'170'000}, {"I_TOTAL", 59}}));

    // The same city total by steps: the county totals, plus the city department's own figures.
    std::vector<RegionFigures> step;
    for (const auto& [code, v] : *counties) step.push_back({code, v});
    step.push_back(entries.back());
    auto city2 = roll_up(step, RegionLevel::kCity);
    ASSERT_TRUE(city2.ok());
    EXPECT_EQ(city2->at("130500"), city->at("130500"));
}

TEST(RollUp, NothingToRollIsEmptyABadCodeOrAnOverflowIsAnError) {
    auto none = roll_up({}, RegionLevel::kCity);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    std::vector<RegionFigures> bad = {{"130503001", {{"P_TOTAL", 1}}}, {"1305", {{"P_TOTAL", 1}}}};
    auto r = roll_up(bad, RegionLevel::kCounty);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "reports.region");
    EXPECT_EQ(r.error().message, "行政区划代码“1305”无效，应为6位县级或9位乡级代码");
    std::vector<RegionFigures> big = {{"130503", {{"P_AMOUNT", INT64_MAX}}}, {"130502", {{"P_AMOUNT", 1}}}};
    EXPECT_TRUE(roll_up(big, RegionLevel::kCounty).ok());  // two counties: no sum
    auto over = roll_up(big, RegionLevel::kCity);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, "reports.overflow");
    EXPECT_EQ(over.error().field, "P_AMOUNT");
}

TEST(RollUpByDomain, DirectoryOrderThenRetiredCodesThenUnclassifiedAddingUpToTheTotal) {
    std::vector<DomainFigures> entries = {{"", {{"P_TOTAL", 1}}},
                                          {"agriculture", {{"P_TOTAL", 2}, {"P_AMOUNT", 500}}},
                                          {"forestry", {{"P_TOTAL", 4}}},  // a code the directory no longer holds
                                          {"market", {{"P_TOTAL", 8}}},
                                          {"agriculture", {{"P_TOTAL", 16}}}};
    auto r = roll_up_by_domain(entries);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 4u);
    EXPECT_EQ((*r)[0].domain, "market");
    EXPECT_EQ((*r)[1].domain, "agriculture");
    EXPECT_EQ((*r)[1].reports, 2);
    EXPECT_EQ((*r)[1].values.at("P_TOTAL"), 18);
    EXPECT_EQ((*r)[1].values.at("P_AMOUNT"), 500);
    EXPECT_EQ((*r)[2].domain, "forestry");
    EXPECT_EQ((*r)[3].domain, "");
    int64_t sum = 0;
    for (const auto& d : *r) sum += d.values.at("P_TOTAL");
    EXPECT_EQ(sum, 31);
    EXPECT_TRUE(roll_up_by_domain({})->empty());
    std::vector<DomainFigures> big = {{"market", {{"P_AMOUNT", INT64_MAX}}}, {"market", {{"P_AMOUNT", 1}}}};
    auto over = roll_up_by_domain(big);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, "reports.overflow");
}

TEST(YearOnYear, ChangeAndPercentPerFieldInTemplateOrder) {
    auto rows = year_on_year(small(), {{"A1", 120}, {"AT", 120}, {"BM", 5}}, {{"A1", 100}, {"A2", 8}, {"AT", 108}});
    ASSERT_EQ(rows.size(), 7u);
    EXPECT_EQ(rows[0].field_code, "A1");
    EXPECT_EQ(rows[0].change, 20);
    ASSERT_TRUE(rows[0].change_pct);
    EXPECT_DOUBLE_EQ(*rows[0].change_pct, 20.0);
    EXPECT_EQ(rows[1].field_code, "A2");
    EXPECT_EQ(rows[1].current, 0);
    EXPECT_EQ(rows[1].change, -8);
    EXPECT_DOUBLE_EQ(*rows[1].change_pct, -100.0);
    EXPECT_EQ(rows[2].change, 12);
    EXPECT_NEAR(*rows[2].change_pct, 11.1111, 1e-4);
    EXPECT_EQ(rows[3].field_code, "AM");
    EXPECT_FALSE(rows[3].change_pct.has_value());  // 0 → 0
    EXPECT_EQ(rows[6].field_code, "BM");
    EXPECT_EQ(rows[6].change, 5);
    EXPECT_FALSE(rows[6].change_pct.has_value());  // from nothing: no percentage
}

// ---- (d) reconciliation --------------------------------------------------------------------

TEST(Reconcile, ListsEachDifferingFieldWithFiledComputedAndDifference) {
    const Values filed = {{"P_TOTAL", 12}, {"P_AMOUNT", 500'000}, {"S_PENALTY", 12}, {"I_TOTAL", 40}, {"P_FINE", 7}};
    const Values computed = {{"P_TOTAL", 10}, {"P_AMOUNT", 500'000}, {"S_PENALTY", 10},
                             {"I_TOTAL", 41}, {"C_TOTAL", 3},        {"NOT_A_FIELD", 9}};
    auto d = reconcile(annual(), filed, computed);
    ASSERT_EQ(d.size(), 4u);
    EXPECT_EQ(d[0].field_code, "S_PENALTY");  // the summary table comes first
    EXPECT_EQ(d[0].table_name, "行政执法情况总表");
    EXPECT_EQ(d[0].field_name, "行政处罚");
    EXPECT_EQ(d[0].filed, 12);
    EXPECT_EQ(d[0].computed, 10);
    EXPECT_EQ(d[0].difference, 2);
    EXPECT_EQ(d[1].field_code, "P_TOTAL");
    EXPECT_EQ(d[1].table_code, "penalty");
    EXPECT_EQ(d[1].difference, 2);
    EXPECT_EQ(d[2].field_code, "C_TOTAL");  // left blank: filed 0
    EXPECT_EQ(d[2].filed, 0);
    EXPECT_EQ(d[2].difference, -3);
    EXPECT_EQ(d[3].field_code, "I_TOTAL");
    EXPECT_EQ(d[3].difference, -1);
}

TEST(Reconcile, EqualFiguresGiveNoDifference) {
    EXPECT_TRUE(reconcile(annual(), {{"P_TOTAL", 10}}, {{"P_TOTAL", 10}}).empty());
    EXPECT_TRUE(reconcile(annual(), {{"P_TOTAL", 10}}, {}).empty());  // nothing computed, nothing compared
}

// ---- (e) pre-fill ------------------------------------------------------------------------

TEST(Prefill, MapsTheMonitoringMetricsOntoTheAnnualFields) {
    const std::map<std::string, int64_t, std::less<>> metrics = {{"acts.penalty", 10},    {"amount.penalty", 1'234'567},
                                                                 {"acts.license", 4},     {"acts.coercion", 3},
                                                                 {"acts.inspection", 40}, {"acts.levy", 2},
                                                                 {"amount.levy", 900},    {"recon.concluded", 5},
                                                                 {"recon.corrected", 1},  {"lit.concluded", 2},
                                                                 {"lit.lost", 1},         {"acts.payment", 9},
                                                                 {"warn.R1", 3},          {"cert.slots", 80},
                                                                 {"cert.valid", 78}};
    auto p = prefill_from_metrics(annual(), metrics);
    ASSERT_TRUE(p.ok());
    const Values want = {{"S_PENALTY", 10}, {"S_LICENSE", 4},   {"S_COERCION", 3}, {"S_INSPECTION", 40},
                         {"S_LEVY", 2},     {"S_TOTAL", 59},    {"P_TOTAL", 10},   {"P_AMOUNT", 1'234'567},
                         {"L_DECIDED", 4},  {"C_TOTAL", 3},     {"I_TOTAL", 40},   {"V_COUNT", 2},
                         {"V_AMOUNT", 900}, {"R_CORRECTED", 1}, {"R_COUNTED", 5},  {"G_LOST", 1},
                         {"G_COUNTED", 2}};
    EXPECT_EQ(p->values, want);
    EXPECT_EQ(p->not_prefilled.size(), 66u - 17u);
    EXPECT_EQ(p->not_prefilled.front(), "P_WARNING");
    EXPECT_EQ(p->not_prefilled.back(), "Z_HOLDERS");
    for (const char* code : {"P_FINE", "P_CRITICISM", "L_APPLIED", "C_COURT", "C_SEAL", "Z_STAFF", "R_SETTLED"})
        EXPECT_NE(std::find(p->not_prefilled.begin(), p->not_prefilled.end(), code), p->not_prefilled.end()) << code;
    // The pre-filled figures reconcile with themselves: what the form starts with is the data.
    EXPECT_TRUE(reconcile(annual(), p->values, p->values).empty());
}

TEST(Prefill, AbsentMetricsAreZeroAndAnOverflowIsAnError) {
    auto p = prefill_from_metrics(annual(), {});
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->values.size(), 17u);
    EXPECT_EQ(p->values.at("S_TOTAL"), 0);
    auto over = prefill_from_metrics(annual(), {{"acts.penalty", INT64_MAX}, {"acts.license", 1}});
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, "reports.overflow");
    EXPECT_EQ(over.error().field, "S_TOTAL");
}

// ---- (f) due date and lateness -------------------------------------------------------------

int64_t beijing_ms(const char* date, int h, int m, int s = 0, int ms = 0) {
    return (D(date).days() * 86400 + (h - 8) * 3600 + m * 60 + s) * 1000 + ms;
}

TEST(DueAndLateness, TheAnnualReportIsDueOn31JanuaryOfTheNextYear) {
    auto due = report_due_date(annual(), *parse_period("2026"));
    ASSERT_TRUE(due.ok());
    EXPECT_EQ(*due, D("2027-01-31"));
    auto wrong = report_due_date(annual(), *parse_period("2026-Q1"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "reports.period_mismatch");
    EXPECT_EQ(wrong.error().message, "报表“行政执法统计年报”是年报，不能按2026年第一季度填报");
    EXPECT_EQ(report_due_date(small(), *parse_period("2026-Q3")).value(), D("2026-10-15"));
}

TEST(DueAndLateness, TheAutomaticReminderWindowRunsFromBeforeTheDueDateToAfterIt) {
    auto keys = [](const std::vector<PeriodRef>& ps) {
        std::vector<std::string> out;
        for (const auto& p : ps) out.push_back(p.key());
        return out;
    };
    using V = std::vector<std::string>;
    // The annual report of 2026 is due 2027-01-31: reminded from 2027-01-16 to 2027-03-02.
    EXPECT_EQ(keys(periods_to_remind(annual(), D("2027-01-15"), 15, 30)), V{});
    EXPECT_EQ(keys(periods_to_remind(annual(), D("2027-01-16"), 15, 30)), V{"2026"});
    EXPECT_EQ(keys(periods_to_remind(annual(), D("2027-03-02"), 15, 30)), V{"2026"});
    EXPECT_EQ(keys(periods_to_remind(annual(), D("2027-03-03"), 15, 30)), V{});
    EXPECT_EQ(keys(periods_to_remind(annual(), D("2026-11-28"), 15, 30)), V{});
    // The quarterly one is due 15 days after the quarter: 2026-Q3 on 2026-10-15; across a year's turn.
    EXPECT_EQ(keys(periods_to_remind(small(), D("2026-10-01"), 15, 30)), V{"2026-Q3"});
    EXPECT_EQ(keys(periods_to_remind(small(), D("2026-09-29"), 15, 30)), V{});
    EXPECT_EQ(keys(periods_to_remind(small(), D("2027-01-10"), 15, 30)), V{"2026-Q4"});
    // A window longer than the period: two at once, oldest first.
    EXPECT_EQ(keys(periods_to_remind(small(), D("2027-01-10"), 15, 120)), (V{"2026-Q3", "2026-Q4"}));
}

TEST(DueAndLateness, SubmittedUpToMidnightBeijingTimeOfTheDueDateIsOnTime) {
    const Date due = D("2027-01-31");
    const Date today = D("2027-03-01");
    auto on_time = lateness(due, beijing_ms("2027-01-31", 23, 59, 59, 999), today);
    EXPECT_EQ(on_time.state, Timeliness::kOnTime);
    EXPECT_EQ(on_time.days_late, 0);
    // 00:00 Beijing on 1 February is still 31 January in UTC, and late.
    auto late = lateness(due, beijing_ms("2027-02-01", 0, 0), today);
    EXPECT_EQ(late.state, Timeliness::kLate);
    EXPECT_EQ(late.days_late, 1);
    EXPECT_EQ(lateness(due, beijing_ms("2027-02-10", 9, 0), today).days_late, 10);
    EXPECT_EQ(lateness(due, beijing_ms("2027-01-05", 9, 0), today).state, Timeliness::kOnTime);
}

TEST(DueAndLateness, NotSubmittedIsNotYetDueThroughTheDueDateThenMissing) {
    const Date due = D("2027-01-31");
    EXPECT_EQ(lateness(due, std::nullopt, D("2027-01-31")).state, Timeliness::kNotYetDue);
    auto missing = lateness(due, std::nullopt, D("2027-02-01"));
    EXPECT_EQ(missing.state, Timeliness::kMissing);
    EXPECT_EQ(missing.days_late, 1);
    EXPECT_EQ(lateness(due, std::nullopt, D("2027-03-03")).days_late, 31);
    EXPECT_EQ(timeliness_label(Timeliness::kMissing), "逾期未报");
    EXPECT_EQ(timeliness_label(Timeliness::kLate), "逾期报送");
    EXPECT_EQ(timeliness_label(Timeliness::kOnTime), "按时报送");
    EXPECT_EQ(timeliness_label(Timeliness::kNotYetDue), "未到期");
}

}  // namespace
}  // namespace lecs::reports
