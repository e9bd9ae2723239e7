// Report templates (template.hpp), periods and due dates (period.hpp), amounts and cells: the
// default annual template as issue 7 lists it, every way a template can be wrong, and the bounds.
#include "lecs/reports/template.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <functional>

namespace lecs::reports {
namespace {

namespace json = boost::json;

Date D(const char* iso) { return *Date::parse(iso); }

std::vector<std::string> field_names(const Table& t) {
    std::vector<std::string> out;
    for (const auto& f : t.fields) out.push_back(f.name);
    return out;
}

// ---- the default annual template ----------------------------------------------------------

TEST(AnnualTemplate, ParsesWithItsIdentityPeriodAndDueDate) {
    const ReportTemplate& t = default_annual_template();
    EXPECT_EQ(t.code, "annual");
    EXPECT_EQ(t.version, 1);
    EXPECT_EQ(t.name, "行政执法统计年报");
    EXPECT_EQ(t.period, PeriodKind::kYear);
    // REQUIREMENTS §9 (国办发〔2018〕118号): 31 January of the next year.
    EXPECT_EQ(t.due.months_after_end, 1);
    EXPECT_EQ(t.due.day, 31);
    EXPECT_EQ(due_date(t.due, PeriodRef{PeriodKind::kYear, 2026, 1}), D("2027-01-31"));
    EXPECT_NE(t.due_basis.find("国办发〔2018〕118号"), std::string::npos);
    EXPECT_TRUE(t.publishable);
    EXPECT_EQ(t.tables.size(), 9u);
    EXPECT_EQ(t.field_count(), 66u);
    EXPECT_EQ(t.rules.size(), 19u);
    ASSERT_EQ(t.ratios.size(), 3u);
    EXPECT_EQ(t.ratios[0].name, "持证率");
    EXPECT_EQ(t.ratios[0].numerator, "Z_HOLDERS");
    EXPECT_EQ(t.ratios[0].denominator, "Z_STAFF");
}

TEST(AnnualTemplate, PenaltyTableHasTheEightTypesTheTotalAndTheAmount) {
    const Table* p = default_annual_template().find_table("penalty");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(field_names(*p),
              (std::vector<std::string>{"警告", "通报批评", "罚款", "没收违法所得、没收非法财物", "暂扣、吊销许可证件",
                                        "限制开展生产经营活动、责令停产停业、责令关闭、限制从业", "行政拘留",
                                        "其他行政处罚", "处罚决定合计", "罚没金额"}));
    EXPECT_EQ(p->fields.back().kind, FieldKind::kAmount);
    EXPECT_EQ(p->fields[2].kind, FieldKind::kCount);
}

TEST(AnnualTemplate, LicenseCoercionAndCasesTablesAsIssue7ListsThem) {
    const ReportTemplate& t = default_annual_template();
    EXPECT_EQ(field_names(*t.find_table("license")),
              (std::vector<std::string>{"申请", "受理", "准予许可", "不予许可", "许可决定合计", "撤销许可"}));
    const auto coercion = field_names(*t.find_table("coercion"));
    for (const char* n :
         {"查封", "扣押", "冻结", "其他强制措施", "加处罚款或者滞纳金", "划拨存款、汇款", "拍卖或者依法处理",
          "排除妨碍、恢复原状", "代履行", "其他强制执行方式", "申请人民法院强制执行"})
        EXPECT_NE(std::find(coercion.begin(), coercion.end(), n), coercion.end()) << n;
    EXPECT_NE(t.find_table("inspection"), nullptr);
    EXPECT_NE(t.find_table("levy"), nullptr);
    EXPECT_EQ(t.find("R_CORRECTED").table->name, "行政复议");
    EXPECT_EQ(t.find("G_LOST").table->name, "行政诉讼");
    EXPECT_EQ(t.find("Z_HOLDERS").table->code, "certificates");
}

TEST(AnnualTemplate, CombinedPenaltyCountingIsConfiguredHeaviestFirst) {
    const auto& pc = default_annual_template().penalty_counting;
    ASSERT_TRUE(pc.has_value());
    EXPECT_EQ(pc->order, default_severity_order());
    EXPECT_EQ(pc->order.front(), PenaltyType::kDetention);
    EXPECT_EQ(pc->order.back(), PenaltyType::kOther);
    ASSERT_EQ(pc->fields.size(), 7u);
    EXPECT_EQ(pc->fields.at(PenaltyType::kWarning), "P_WARNING");
    EXPECT_EQ(pc->fields.at(PenaltyType::kFine), "P_FINE");
    EXPECT_EQ(pc->fields.at(PenaltyType::kConfiscation), "P_CONFISCATION");
    EXPECT_EQ(pc->fields.at(PenaltyType::kSuspension), "P_BUSINESS");
    EXPECT_EQ(pc->fields.at(PenaltyType::kRevocation), "P_PERMIT");
    EXPECT_EQ(pc->fields.at(PenaltyType::kDetention), "P_DETENTION");
    EXPECT_EQ(pc->fields.at(PenaltyType::kOther), "P_OTHER");
}

TEST(AnnualTemplate, TheTotalOfPenaltiesIsTheSumOfTheTypesAndTheSummaryMatchesIt) {
    const ReportTemplate& t = default_annual_template();
    const ValidationRule* sum = nullptr;
    const ValidationRule* cross = nullptr;
    for (const auto& r : t.rules) {
        if (r.kind == RuleKind::kSum && r.target == "P_TOTAL") sum = &r;
        if (r.kind == RuleKind::kCompare && r.left == "S_PENALTY") cross = &r;
    }
    ASSERT_NE(sum, nullptr);
    EXPECT_EQ(sum->addends.size(), 8u);
    ASSERT_NE(cross, nullptr);
    EXPECT_EQ(cross->op, CompareOp::kEq);
    EXPECT_EQ(cross->right, "P_TOTAL");
    // The non_negative rule with neither fields nor table covers every field.
    EXPECT_EQ(t.rules[0].kind, RuleKind::kNonNegative);
    EXPECT_EQ(t.rules[0].fields.size(), 66u);
}

TEST(AnnualTemplate, PrefillSourcesAreMonitoringMetricsOfTheRightKind) {
    const ReportTemplate& t = default_annual_template();
    EXPECT_EQ(t.find("P_TOTAL").field->from, (std::vector<std::string>{"acts.penalty"}));
    EXPECT_EQ(t.find("P_AMOUNT").field->from, (std::vector<std::string>{"amount.penalty"}));
    EXPECT_EQ(t.find("S_TOTAL").field->from.size(), 5u);
    EXPECT_TRUE(t.find("P_FINE").field->from.empty());
    EXPECT_TRUE(t.find("Z_STAFF").field->from.empty());
}

// ---- bad templates ------------------------------------------------------------------------

// A small valid template; each case below breaks one thing in it.
constexpr const char* kSmall = R"({
  "_comment": "测试用",
  "code": "t", "version": 2, "name": "测试月报", "period": "month",
  "due": {"months_after_end": 1, "day": 10},
  "tables": [
    {"code": "a", "name": "甲表", "fields": [
      {"code": "A1", "name": "甲一", "kind": "count", "from": ["acts.penalty"]},
      {"code": "A2", "name": "甲二", "kind": "count"},
      {"code": "AT", "name": "甲合计", "kind": "count"},
      {"code": "AM", "name": "甲金额", "kind": "amount", "required": false}]},
    {"code": "b", "name": "乙表", "fields": [
      {"code": "B1", "name": "乙一", "kind": "count"},
      {"code": "BM", "name": "乙金额", "kind": "amount"}]}
  ],
  "rules": [
    {"kind": "sum", "target": "AT", "addends": ["A1", "A2"]},
    {"kind": "non_negative", "table": "a"},
    {"kind": "compare", "left": "B1", "op": "le", "right": "AT"}
  ],
  "ratios": [{"code": "RA", "name": "比率", "numerator": "A1", "denominator": "AT"}]
})";

json::object small() { return json::parse(kSmall).as_object(); }
json::object& table(json::object& t, size_t i) { return t["tables"].as_array()[i].as_object(); }
json::object& field(json::object& t, size_t ti, size_t fi) { return table(t, ti)["fields"].as_array()[fi].as_object(); }
json::object& rule(json::object& t, size_t i) { return t["rules"].as_array()[i].as_object(); }

json::object counting() {
    return json::parse(
               R"({"order": ["detention", "revocation", "suspension", "confiscation", "fine", "warning", "other"],
        "fields": {"detention": "A1", "revocation": "A1", "suspension": "A1", "confiscation": "A2", "fine": "A2",
                   "warning": "B1", "other": "B1"}})")
        .as_object();
}

TEST(TemplateParse, TheSmallTemplateIsAccepted) {
    auto r = parse_template(json::serialize(small()));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->code, "t");
    EXPECT_EQ(r->version, 2);
    EXPECT_EQ(r->period, PeriodKind::kMonth);
    EXPECT_FALSE(r->publishable);  // the default
    EXPECT_FALSE(r->penalty_counting.has_value());
    EXPECT_TRUE(r->find("A2").field->required);
    EXPECT_FALSE(r->find("AM").field->required);
    EXPECT_EQ(r->find("AM").field->kind, FieldKind::kAmount);
    EXPECT_EQ(r->find("BM").table->code, "b");
    EXPECT_EQ(r->find("ZZ").field, nullptr);
    EXPECT_EQ(r->find_table("c"), nullptr);
    // non_negative by table expands to that table's fields, in order.
    EXPECT_EQ(r->rules[1].fields, (std::vector<std::string>{"A1", "A2", "AT", "AM"}));
    EXPECT_EQ(r->rules[2].op, CompareOp::kLe);
}

TEST(TemplateParse, DueByDaysAfterEndAndPenaltyCountingAreRead) {
    auto t = small();
    t["due"] = json::parse(R"({"days_after_end": 15, "basis": "测试"})");
    t["penalty_counting"] = counting();
    t["publishable"] = true;
    auto r = parse_template(json::serialize(t));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->due.day, 0);
    EXPECT_EQ(r->due.days_after_end, 15);
    EXPECT_EQ(r->due_basis, "测试");
    EXPECT_TRUE(r->publishable);
    ASSERT_TRUE(r->penalty_counting);
    EXPECT_EQ(r->penalty_counting->fields.at(PenaltyType::kWarning), "B1");
}

struct BadCase {
    const char* name;
    std::function<void(json::object&)> breaks;
    const char* path;     // Error::field
    const char* message;  // a part of the Chinese message
};

TEST(TemplateParse, EachBadTemplateIsRefusedNamingThePlace) {
    const BadCase cases[] = {
        {"unknown top key", [](json::object& t) { t["colour"] = "red"; }, "colour", "未知的键"},
        {"comment not a string", [](json::object& t) { t["_comment"] = 1; }, "_comment", "应为字符串"},
        {"no code", [](json::object& t) { t.erase("code"); }, "code", "缺少此项"},
        {"upper-case template code", [](json::object& t) { t["code"] = "Annual"; }, "code", "不合规"},
        {"version 0", [](json::object& t) { t["version"] = 0; }, "version", "1至9999"},
        {"version as text", [](json::object& t) { t["version"] = "1"; }, "version", "应为整数"},
        {"empty name", [](json::object& t) { t["name"] = ""; }, "name", "不能为空"},
        {"weekly period", [](json::object& t) { t["period"] = "week"; }, "period", "报送周期“week”未知"},
        {"due with both forms", [](json::object& t) { t["due"].as_object()["days_after_end"] = 5; }, "due", "之一"},
        {"due with neither form", [](json::object& t) { t["due"] = json::object{}; }, "due", "之一"},
        {"due day 32", [](json::object& t) { t["due"].as_object()["day"] = 32; }, "due.day", "1至31"},
        {"due in the period itself", [](json::object& t) { t["due"].as_object()["months_after_end"] = 0; },
         "due.months_after_end", "1至12"},
        {"due 0 days after", [](json::object& t) { t["due"] = json::parse(R"({"days_after_end": 0})"); },
         "due.days_after_end", "1至366"},
        {"months without day",
         [](json::object& t) { t["due"] = json::parse(R"({"days_after_end": 3, "months_after_end": 1})"); },
         "due.months_after_end", "只能与day一起使用"},
        {"publishable as text", [](json::object& t) { t["publishable"] = "是"; }, "publishable", "true或false"},
        {"no tables", [](json::object& t) { t["tables"] = json::array{}; }, "tables", "不能为空"},
        {"table without fields", [](json::object& t) { table(t, 0)["fields"] = json::array{}; }, "tables[0].fields",
         "不能为空"},
        {"table not an object", [](json::object& t) { t["tables"].as_array()[1] = 5; }, "tables[1]", "应为对象"},
        {"duplicate table code", [](json::object& t) { table(t, 1)["code"] = "a"; }, "tables[1].code", "表代码“a”重复"},
        {"duplicate field code across tables", [](json::object& t) { field(t, 1, 0)["code"] = "A2"; },
         "tables[1].fields[0].code", "栏目代码“A2”重复"},
        {"lower-case field code", [](json::object& t) { field(t, 0, 0)["code"] = "a1"; }, "tables[0].fields[0].code",
         "大写字母开头"},
        {"misspelt key", [](json::object& t) { field(t, 0, 1)["requried"] = false; }, "tables[0].fields[1].requried",
         "未知的键"},
        {"unknown field kind", [](json::object& t) { field(t, 0, 1)["kind"] = "money"; }, "tables[0].fields[1].kind",
         "栏目类型“money”未知"},
        {"required as text", [](json::object& t) { field(t, 0, 1)["required"] = "否"; }, "tables[0].fields[1].required",
         "true或false"},
        {"unknown metric", [](json::object& t) { field(t, 0, 0)["from"] = json::array{"acts.penalties"}; },
         "tables[0].fields[0].from[0]", "未知的监测指标“acts.penalties”"},
        {"amount metric into a count", [](json::object& t) { field(t, 0, 0)["from"] = json::array{"amount.penalty"}; },
         "tables[0].fields[0].from[0]", "件数栏目不能由金额指标"},
        {"count metric into an amount", [](json::object& t) { field(t, 1, 1)["from"] = json::array{"acts.levy"}; },
         "tables[1].fields[1].from[0]", "金额栏目只能由金额指标"},
        {"duplicate metric",
         [](json::object& t) {
             field(t, 0, 0)["from"] = json::array{"acts.penalty", "acts.penalty"};
         },
         "tables[0].fields[0].from[1]", "重复"},
        {"empty from", [](json::object& t) { field(t, 0, 0)["from"] = json::array{}; }, "tables[0].fields[0].from",
         "不能为空"},
        {"unknown rule kind", [](json::object& t) { rule(t, 0)["kind"] = "avg"; }, "rules[0].kind",
         "校验规则类型“avg”未知"},
        {"sum of an unknown field",
         [](json::object& t) {
             rule(t, 0)["addends"] = json::array{"A1", "A9"};
         },
         "rules[0].addends[1]", "不存在的栏目“A9”"},
        {"sum of an unknown target", [](json::object& t) { rule(t, 0)["target"] = "X"; }, "rules[0].target",
         "不存在的栏目“X”"},
        {"sum with itself as addend",
         [](json::object& t) {
             rule(t, 0)["addends"] = json::array{"A1", "AT"};
         },
         "rules[0].addends", "不能是自己的加数"},
        {"sum adding an amount to counts",
         [](json::object& t) {
             rule(t, 0)["addends"] = json::array{"A1", "AM"};
         },
         "rules[0].addends[1]", "类型不同"},
        {"sum with a duplicate addend",
         [](json::object& t) {
             rule(t, 0)["addends"] = json::array{"A1", "A1"};
         },
         "rules[0].addends[1]", "重复"},
        {"sum without addends", [](json::object& t) { rule(t, 0)["addends"] = json::array{}; }, "rules[0].addends",
         "不能为空"},
        {"sum cycle",
         [](json::object& t) {
             t["rules"].as_array().push_back(json::parse(R"({"kind": "sum", "target": "A1", "addends": ["AT"]})"));
         },
         "rules", "合计规则循环引用：A1 → AT → A1"},
        {"compare with an unknown op", [](json::object& t) { rule(t, 2)["op"] = "lt"; }, "rules[2].op",
         "比较方式“lt”未知"},
        {"compare a field with itself", [](json::object& t) { rule(t, 2)["right"] = "B1"; }, "rules[2]",
         "同一栏目“B1”"},
        {"compare a count with an amount", [](json::object& t) { rule(t, 2)["right"] = "BM"; }, "rules[2]", "类型不同"},
        {"compare an unknown field", [](json::object& t) { rule(t, 2)["left"] = "Q"; }, "rules[2].left",
         "不存在的栏目“Q”"},
        {"non_negative of an unknown table", [](json::object& t) { rule(t, 1)["table"] = "z"; }, "rules[1].table",
         "不存在的表“z”"},
        {"non_negative with fields and table", [](json::object& t) { rule(t, 1)["fields"] = json::array{"A1"}; },
         "rules[1]", "fields与table只能给出其一"},
        {"sum rule with a compare key", [](json::object& t) { rule(t, 0)["op"] = "eq"; }, "rules[0].op", "未知的键"},
        {"ratio code equal to a field code",
         [](json::object& t) { t["ratios"].as_array()[0].as_object()["code"] = "A1"; }, "ratios[0].code", "重复"},
        {"ratio of a field to itself",
         [](json::object& t) { t["ratios"].as_array()[0].as_object()["denominator"] = "A1"; }, "ratios[0]",
         "分子与分母是同一栏目"},
        {"ratio of an unknown field", [](json::object& t) { t["ratios"].as_array()[0].as_object()["numerator"] = "N"; },
         "ratios[0].numerator", "不存在的栏目"},
        {"counting order missing a type",
         [](json::object& t) {
             auto c = counting();
             c["order"].as_array().pop_back();
             t["penalty_counting"] = c;
         },
         "penalty_counting.order", "缺少other"},
        {"counting order with a duplicate",
         [](json::object& t) {
             auto c = counting();
             c["order"].as_array()[6] = "fine";
             t["penalty_counting"] = c;
         },
         "penalty_counting.order", "“fine”重复"},
        {"counting order with an unknown type",
         [](json::object& t) {
             auto c = counting();
             c["order"].as_array()[0] = "caning";
             t["penalty_counting"] = c;
         },
         "penalty_counting.order", "未知种类“caning”"},
        {"counting without a field for a type",
         [](json::object& t) {
             auto c = counting();
             c["fields"].as_object().erase("other");
             t["penalty_counting"] = c;
         },
         "penalty_counting.fields", "缺少处罚种类other"},
        {"counting into an amount",
         [](json::object& t) {
             auto c = counting();
             c["fields"].as_object()["fine"] = "BM";
             t["penalty_counting"] = c;
         },
         "penalty_counting.fields.fine", "只能计入件数栏目"},
        {"counting an unknown type",
         [](json::object& t) {
             auto c = counting();
             c["fields"].as_object()["caning"] = "A1";
             t["penalty_counting"] = c;
         },
         "penalty_counting.fields.caning", "未知的处罚种类"},
        {"counting into an unknown field",
         [](json::object& t) {
             auto c = counting();
             c["fields"].as_object()["fine"] = "NOPE";
             t["penalty_counting"] = c;
         },
         "penalty_counting.fields.fine", "不存在的栏目"},
        {"51 tables",
         [](json::object& t) {
             auto& a = t["tables"].as_array();
             for (int i = 0; i < 49; ++i) {
                 json::object tb;
                 tb["code"] = "t" + std::to_string(i);
                 tb["name"] = "表";
                 tb["fields"] =
                     json::array{json::object{{"code", "F" + std::to_string(i)}, {"name", "栏"}, {"kind", "count"}}};
                 a.push_back(tb);
             }
         },
         "tables", "表过多"},
    };
    for (const auto& c : cases) {
        auto t = small();
        c.breaks(t);
        auto r = parse_template(json::serialize(t));
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_EQ(r.error().code, "reports.template") << c.name;
        EXPECT_EQ(r.error().field, c.path) << c.name << ": " << r.error().message;
        EXPECT_NE(r.error().message.find(c.message), std::string::npos) << c.name << ": " << r.error().message;
        EXPECT_EQ(r.error().http_status, 400) << c.name;
    }
}

TEST(TemplateParse, FiftyTablesAreStillAccepted) {
    auto t = small();
    auto& a = t["tables"].as_array();
    for (int i = 0; i < 48; ++i)
        a.push_back(json::object{
            {"code", "t" + std::to_string(i)},
            {"name", "表"},
            {"fields",
             json::array{json::object{{"code", "F" + std::to_string(i)}, {"name", "栏"}, {"kind", "count"}}}}});
    ASSERT_EQ(a.size(), 50u);
    EXPECT_TRUE(parse_template(json::serialize(t)).ok());
}

TEST(TemplateParse, BoundsAreInclusive) {
    auto accepted = [](const std::function<void(json::object&)>& change) {
        auto t = small();
        change(t);
        auto r = parse_template(json::serialize(t));
        return r.ok() ? std::string("ok") : r.error().field;
    };
    const std::string code32(32, 'a'), han100 = [] {
        std::string s;
        for (int i = 0; i < 100; ++i) s += "表";
        return s;
    }();
    EXPECT_EQ(accepted([&](json::object& t) { t["code"] = code32; }), "ok");
    EXPECT_EQ(accepted([&](json::object& t) { t["code"] = code32 + "a"; }), "code");
    EXPECT_EQ(accepted([&](json::object& t) { t["name"] = han100; }), "ok");
    EXPECT_EQ(accepted([&](json::object& t) { t["name"] = han100 + "表"; }), "name");
    EXPECT_EQ(accepted([](json::object& t) { t["version"] = 1; }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t["version"] = 9999; }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t["version"] = 10000; }), "version");
    EXPECT_EQ(accepted([](json::object& t) { t["version"] = -1; }), "version");
    EXPECT_EQ(accepted([](json::object& t) { t["version"] = 1.5; }), "version");
    EXPECT_EQ(accepted([](json::object& t) { t["due"].as_object()["day"] = 1; }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t["due"].as_object()["day"] = 31; }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t["due"].as_object()["day"] = 0; }), "due.day");
    EXPECT_EQ(accepted([](json::object& t) { t["due"].as_object()["months_after_end"] = 12; }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t["due"].as_object()["months_after_end"] = 13; }), "due.months_after_end");
    EXPECT_EQ(accepted([](json::object& t) { t["due"] = json::parse(R"({"days_after_end": 1})"); }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t["due"] = json::parse(R"({"days_after_end": 366})"); }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t["due"] = json::parse(R"({"days_after_end": 367})"); }),
              "due.days_after_end");
    EXPECT_EQ(accepted([](json::object& t) { t["rules"] = json::array{}; }), "ok");  // rules are optional
    EXPECT_EQ(accepted([](json::object& t) { t.erase("rules"); }), "ok");
    EXPECT_EQ(accepted([](json::object& t) { t.erase("ratios"); }), "ok");
}

TEST(TemplateParse, FiveHundredFieldsAreTheMost) {
    auto with_fields = [](int n) {
        auto t = small();  // has 6 fields
        json::array fields;
        for (int i = 0; i < n - 6; ++i)
            fields.push_back(json::object{{"code", "X" + std::to_string(i)}, {"name", "栏"}, {"kind", "count"}});
        t["tables"].as_array().push_back(json::object{{"code", "x"}, {"name", "大表"}, {"fields", fields}});
        return parse_template(json::serialize(t));
    };
    auto ok = with_fields(500);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->field_count(), 500u);
    auto over = with_fields(501);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().field, "tables");
    EXPECT_NE(over.error().message.find("栏目过多（最多500个）"), std::string::npos);
}

TEST(TemplateParse, NotJsonOrNotAnObject) {
    auto r = parse_template("{\"code\": ");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("不是合法的JSON"), std::string::npos);
    EXPECT_EQ(r.error().field, "");
    r = parse_template("[1, 2]");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("应为JSON对象"), std::string::npos);
}

TEST(SeverityOrder, ParsesAPermutationAndRefusesAnythingElse) {
    auto ok =
        parse_severity_order({"other", "warning", "fine", "confiscation", "suspension", "revocation", "detention"});
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->front(), PenaltyType::kOther);
    EXPECT_EQ(ok->back(), PenaltyType::kDetention);
    auto short_one = parse_severity_order({"detention", "fine"});
    ASSERT_FALSE(short_one.ok());
    EXPECT_EQ(short_one.error().code, "reports.severity_order");
    EXPECT_NE(short_one.error().message.find("缺少warning、confiscation、suspension、revocation、other"),
              std::string::npos)
        << short_one.error().message;
    EXPECT_FALSE(parse_severity_order({}).ok());
}

TEST(PenaltyTypes, WordsAndLabelsRoundTrip) {
    for (uint8_t bit = 1; bit <= 64; bit <<= 1) {
        const auto t = static_cast<PenaltyType>(bit);
        EXPECT_EQ(penalty_type_from_string(to_string(t)), t);
        EXPECT_FALSE(penalty_type_label(t).empty());
    }
    EXPECT_EQ(to_string(PenaltyType::kDetention), "detention");
    EXPECT_EQ(penalty_type_label(PenaltyType::kFine), "罚款");
    EXPECT_FALSE(penalty_type_from_string("Fine").has_value());
}

// ---- periods and due dates ----------------------------------------------------------------

TEST(Period, KeysParseAndPrint) {
    struct Case {
        const char* key;
        PeriodKind kind;
        int index;
        const char* label;
        const char* first;
        const char* last;
    };
    const Case cases[] = {
        {"2026", PeriodKind::kYear, 1, "2026年度", "2026-01-01", "2026-12-31"},
        {"2026-H1", PeriodKind::kHalfYear, 1, "2026年上半年", "2026-01-01", "2026-06-30"},
        {"2026-H2", PeriodKind::kHalfYear, 2, "2026年下半年", "2026-07-01", "2026-12-31"},
        {"2026-Q1", PeriodKind::kQuarter, 1, "2026年第一季度", "2026-01-01", "2026-03-31"},
        {"2026-Q3", PeriodKind::kQuarter, 3, "2026年第三季度", "2026-07-01", "2026-09-30"},
        {"2026-Q4", PeriodKind::kQuarter, 4, "2026年第四季度", "2026-10-01", "2026-12-31"},
        {"2028-02", PeriodKind::kMonth, 2, "2028年2月", "2028-02-01", "2028-02-29"},
        {"2027-02", PeriodKind::kMonth, 2, "2027年2月", "2027-02-01", "2027-02-28"},
        {"2026-12", PeriodKind::kMonth, 12, "2026年12月", "2026-12-01", "2026-12-31"},
    };
    for (const auto& c : cases) {
        auto p = parse_period(c.key);
        ASSERT_TRUE(p.has_value()) << c.key;
        EXPECT_EQ(p->kind, c.kind) << c.key;
        EXPECT_EQ(p->index, c.index) << c.key;
        EXPECT_EQ(p->key(), c.key);
        EXPECT_EQ(p->label(), c.label);
        EXPECT_EQ(p->first_day(), D(c.first)) << c.key;
        EXPECT_EQ(p->last_day(), D(c.last)) << c.key;
    }
}

TEST(Period, MalformedKeysAreRefused) {
    for (const char* k : {"", "202", "1999", "2101", "2026-00", "2026-13", "2026-3", "2026-Q0", "2026-Q5", "2026-H0",
                          "2026-H3", "2026Q1", "2026-", "2026-q1", " 2026", "2026 ", "2026-Q12", "+026", "2026-1a"})
        EXPECT_FALSE(parse_period(k).has_value()) << "'" << k << "'";
    EXPECT_TRUE(parse_period("2000").has_value());
    EXPECT_TRUE(parse_period("2100-12").has_value());
}

TEST(Period, YearBeforeAndKinds) {
    EXPECT_EQ(parse_period("2026-Q2")->year_before(), *parse_period("2025-Q2"));
    EXPECT_EQ(period_kind_from_string("half_year"), PeriodKind::kHalfYear);
    EXPECT_EQ(to_string(PeriodKind::kQuarter), "quarter");
    EXPECT_EQ(period_kind_label(PeriodKind::kYear), "年报");
    EXPECT_FALSE(period_kind_from_string("annual").has_value());
}

TEST(DueDate, DayOfAMonthAfterTheEndIsClampedToTheMonth) {
    const DueRule annual{1, 31, 0};
    EXPECT_EQ(due_date(annual, *parse_period("2026")), D("2027-01-31"));
    EXPECT_EQ(due_date(annual, *parse_period("2026-Q1")), D("2026-04-30"));  // April has 30 days
    EXPECT_EQ(due_date(annual, *parse_period("2026-Q4")), D("2027-01-31"));
    EXPECT_EQ(due_date(annual, *parse_period("2028-01")), D("2028-02-29"));  // leap year
    EXPECT_EQ(due_date(annual, *parse_period("2027-01")), D("2027-02-28"));
    EXPECT_EQ(due_date(DueRule{1, 15, 0}, *parse_period("2026-H1")), D("2026-07-15"));
    EXPECT_EQ(due_date(DueRule{2, 10, 0}, *parse_period("2026-11")), D("2027-01-10"));
    EXPECT_EQ(due_date(DueRule{12, 1, 0}, *parse_period("2026-12")), D("2027-12-01"));
}

TEST(DueDate, DaysAfterTheEndAreCalendarDays) {
    EXPECT_EQ(due_date(DueRule{0, 0, 15}, *parse_period("2026-02")), D("2026-03-15"));
    EXPECT_EQ(due_date(DueRule{0, 0, 1}, *parse_period("2026-Q3")), D("2026-10-01"));  // 国庆: not moved
    EXPECT_EQ(due_date(DueRule{0, 0, 31}, *parse_period("2026")), D("2027-01-31"));
}

// ---- amounts and cells --------------------------------------------------------------------

TEST(Amounts, WanYuanWithTwoDecimalsRoundedHalfAwayFromZero) {
    EXPECT_EQ(format_wan_yuan(0), "0.00");
    EXPECT_EQ(format_wan_yuan(1'000'000), "1.00");      // 10000元
    EXPECT_EQ(format_wan_yuan(123'456'789), "123.46");  // 1234567.89元
    EXPECT_EQ(format_wan_yuan(4'999), "0.00");          // 49.99元
    EXPECT_EQ(format_wan_yuan(5'000), "0.01");          // 50元: half rounds up
    EXPECT_EQ(format_wan_yuan(-5'000), "-0.01");
    EXPECT_EQ(format_wan_yuan(-4'999), "0.00");  // no "-0.00"
    EXPECT_EQ(format_wan_yuan(kMaxAmountFen), "1000000000.00");
    EXPECT_EQ(format_wan_yuan(INT64_MIN), "-9223372036854.78");
}

TEST(Cells, IntegersAndTheirBounds) {
    using S = CellNumber::Status;
    auto p = [](const char* s) { return parse_integer_cell(s, kMaxCount); };
    EXPECT_EQ(p("0").status, S::kOk);
    EXPECT_EQ(p(" 42 ").value, 42);
    EXPECT_EQ(p("-3").value, -3);
    EXPECT_EQ(p("1000000000").status, S::kOk);
    EXPECT_EQ(p("1000000000").value, kMaxCount);
    EXPECT_EQ(p("1000000001").status, S::kOverflow);
    EXPECT_EQ(p("-1000000001").status, S::kOverflow);
    EXPECT_EQ(p("99999999999999999999999999999999999999").status, S::kOverflow);
    for (const char* bad : {"", " ", "-", "abc", "1.5", "1,000", "１２", "+5", "1e3", "12a", "- 3", "0x10", "五"})
        EXPECT_EQ(p(bad).status, S::kNotNumber) << "'" << bad << "'";
}

TEST(Cells, WanYuanExactToTheFen) {
    using S = CellNumber::Status;
    auto p = [](const char* s) { return parse_wan_yuan(s, kMaxAmountFen); };
    EXPECT_EQ(p("12.5").value, 12'500'000);
    EXPECT_EQ(p("12").value, 12'000'000);
    EXPECT_EQ(p("0.000001").value, 1);
    EXPECT_EQ(p("-1.25").value, -1'250'000);
    EXPECT_EQ(p(" 3.14 ").value, 3'140'000);
    EXPECT_EQ(p("1000000000").status, S::kOk);  // 10万亿元, the bound
    EXPECT_EQ(p("1000000000").value, kMaxAmountFen);
    EXPECT_EQ(p("1000000000.000001").status, S::kOverflow);
    EXPECT_EQ(p("99999999999999999999").status, S::kOverflow);
    for (const char* bad : {"", "0.0000001", "12.", ".5", "1.2.3", "abc", "1,5", "12万", "-", "1e2", "１.5"})
        EXPECT_EQ(p(bad).status, S::kNotNumber) << "'" << bad << "'";
}

TEST(Metrics, MonitoringNamesAreKnown) {
    for (const char* m : {"acts.penalty", "amount.levy", "warn.R1", "warn.R8", "pub.on_time", "cert.valid",
                          "recon.corrected", "lit.lost", "acts.other"})
        EXPECT_TRUE(is_monitoring_metric(m)) << m;
    for (const char* m : {"acts.fine", "warn.R9", "warn.R0", "amount", "cert", "lit.won"})
        EXPECT_FALSE(is_monitoring_metric(m)) << m;
    EXPECT_TRUE(is_amount_metric("amount.penalty"));
    EXPECT_FALSE(is_amount_metric("acts.penalty"));
}

}  // namespace
}  // namespace lecs::reports
