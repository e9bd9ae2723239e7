// The row parser (parse.hpp): NDJSON and CSV acts and cases, the row reader.
#include "lecs/monitoring/parse.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace lecs::monitoring::parse {
namespace {

Date D(const char* iso) { return *Date::parse(iso); }

constexpr const char* kAgency = "11130503MB0000031F";  // 信都区市场监督管理局 (demo seed)
constexpr const char* kOther = "11130528MB0000076A";   // 宁晋县市场监督管理局

const std::string kFull =
    R"({"agency":"11130503MB0000031F","external_id":"XD-2026-0001","kind":"penalty","case_no":"信市监罚〔2026〕1号",)"
    R"("item_code":"330201001","officers":["冀执13050300110","冀执13050300111"],"party_type":"org",)"
    R"("party_key":"9f2c4e0b7d1a3c5e9f2c4e0b7d1a3c5e","filed_on":"2026-03-02","decided_on":"2026-04-10","served_on":"2026-04-12",)"
    R"("closed_on":"2026-05-20","published_on":"2026-04-15","penalty_types":["warning","fine"],"amount_fen":500000,)"
    R"("procedure":"general","legal_review":true,"major":false,"publish_required":true,"extension_days":30,)"
    R"("excluded_days":5,"entrusted_body":"11130528MB0000076A","region":"130503"})";

ActRow ok_act(const std::string& line) {
    auto r = parse_act_json(line);
    if (auto* e = std::get_if<RowError>(&r)) {
        ADD_FAILURE() << line << " → " << e->field << ": " << e->reason;
        return {};
    }
    return std::get<ActRow>(r);
}

RowError bad_act(const std::string& line) {
    auto r = parse_act_json(line);
    if (std::holds_alternative<ActRow>(r)) {
        ADD_FAILURE() << "accepted: " << line;
        return {};
    }
    return std::get<RowError>(r);
}

// The minimal row with one field replaced or added.
std::string with(const std::string& extra) {
    return std::string(
               R"({"agency":"11130503MB0000031F","external_id":"X1","kind":"inspection","filed_on":"2026-03-02")") +
           (extra.empty() ? "" : "," + extra) + "}";
}

TEST(ParseActJson, EveryFieldIsRead) {
    ActRow a = ok_act(kFull);
    EXPECT_EQ(a.agency_uscc, kAgency);
    EXPECT_EQ(a.external_id, "XD-2026-0001");
    EXPECT_EQ(a.kind, ActKind::kPenalty);
    EXPECT_EQ(a.case_no, "信市监罚〔2026〕1号");
    EXPECT_EQ(a.item_code, "330201001");
    EXPECT_EQ(a.officers, (std::vector<std::string>{"冀执13050300110", "冀执13050300111"}));
    EXPECT_EQ(a.party_type, PartyType::kOrg);
    EXPECT_EQ(a.party_key, "9f2c4e0b7d1a3c5e9f2c4e0b7d1a3c5e");
    EXPECT_EQ(a.filed_on, D("2026-03-02"));
    EXPECT_EQ(a.decided_on, D("2026-04-10"));
    EXPECT_EQ(a.served_on, D("2026-04-12"));
    EXPECT_EQ(a.closed_on, D("2026-05-20"));
    EXPECT_EQ(a.published_on, D("2026-04-15"));
    EXPECT_EQ(a.penalty_types, static_cast<uint8_t>(PenaltyType::kWarning) | static_cast<uint8_t>(PenaltyType::kFine));
    EXPECT_EQ(a.amount_fen, 500000);
    EXPECT_EQ(a.procedure, Procedure::kGeneral);
    EXPECT_TRUE(a.legal_review);
    EXPECT_FALSE(a.major);
    EXPECT_TRUE(a.publish_required);
    EXPECT_EQ(a.extension_days, 30);
    EXPECT_EQ(a.excluded_days, 5);
    EXPECT_EQ(a.entrusted_uscc, kOther);
    EXPECT_EQ(a.region, "130503");
}

TEST(ParseActJson, MinimalRowTakesDefaultsAndNullIsAbsent) {
    ActRow a = ok_act(with(R"("decided_on":null,"region":null,"officers":[])"));
    EXPECT_EQ(a.kind, ActKind::kInspection);
    EXPECT_FALSE(a.decided_on);
    EXPECT_TRUE(a.officers.empty());
    EXPECT_EQ(a.procedure, Procedure::kGeneral);
    EXPECT_FALSE(a.publish_required);
    EXPECT_EQ(a.amount_fen, 0);
    EXPECT_TRUE(a.region.empty());
    // Whitespace around the object is fine.
    EXPECT_EQ(ok_act("  " + with("") + " \t").external_id, "X1");
}

TEST(ParseActJson, RequiredFieldsAreNamed) {
    auto e = bad_act(R"({"external_id":"X1","kind":"inspection","filed_on":"2026-03-02"})");
    EXPECT_EQ(e.field, "agency");
    EXPECT_EQ(e.reason, "缺少必填字段");
    EXPECT_EQ(bad_act(R"({"agency":"11130503MB0000031F","kind":"inspection","filed_on":"2026-03-02"})").field,
              "external_id");
    EXPECT_EQ(bad_act(R"({"agency":"11130503MB0000031F","external_id":"X","filed_on":"2026-03-02"})").field, "kind");
    e = bad_act(R"({"agency":"11130503MB0000031F","external_id":"X","kind":"license"})");
    EXPECT_EQ(e.field, "decided_on");
    EXPECT_EQ(e.reason, "立案、决定、送达、结案日期至少应填写一项");
    EXPECT_EQ(bad_act(R"({"agency":null,"external_id":"X","kind":"license","filed_on":"2026-03-02"})").field, "agency");
}

TEST(ParseActJson, UnknownAndDuplicateKeysAreRefused) {
    auto e = bad_act(with(R"("filed":"2026-03-02")"));
    EXPECT_EQ(e.field, "filed");
    EXPECT_EQ(e.reason, "未知字段");
    e = bad_act(with(R"("kind":"penalty")"));
    EXPECT_EQ(e.field, "kind");
    EXPECT_EQ(e.reason, "字段重复");
}

TEST(ParseActJson, DatesAreStrict) {
    for (auto bad : {"2026-3-02", "2026-02-30", "20260302", "2026-03-02T00:00", "", "0201-03-02"}) {
        auto e = bad_act(with(std::string(R"("decided_on":")") + bad + "\""));
        EXPECT_EQ(e.field, "decided_on") << bad;
        EXPECT_TRUE(e.reason == "日期格式应为YYYY-MM-DD" || e.reason == "日期应在1990年至2100年之间") << e.reason;
    }
    EXPECT_EQ(bad_act(with(R"("served_on":"2026-13-01")")).reason, "日期格式应为YYYY-MM-DD");
    EXPECT_EQ(bad_act(with(R"("closed_on":20260301)")).reason, "应为字符串");
    auto e = bad_act(with(R"("decided_on":"2026-03-01")"));
    EXPECT_EQ(e.field, "decided_on");
    EXPECT_EQ(e.reason, "决定日期不能早于立案日期");
    e = bad_act(with(R"("decided_on":"2026-03-05","published_on":"2026-03-04")"));
    EXPECT_EQ(e.field, "published_on");
    EXPECT_EQ(bad_act(with(R"("published_on":"2026-03-04")")).field, "published_on");
    EXPECT_EQ(ok_act(with(R"("decided_on":"2026-03-02","published_on":"2026-03-02")")).published_on, D("2026-03-02"));
}

TEST(ParseActJson, VocabulariesAndTypes) {
    EXPECT_EQ(bad_act(with(R"("kind":"fine")")).field, "kind");
    auto e = bad_act(R"({"agency":"11130503MB0000031F","external_id":"X","kind":"处罚","filed_on":"2026-03-02"})");
    EXPECT_EQ(e.field, "kind");
    EXPECT_NE(e.reason.find("penalty"), std::string::npos);
    EXPECT_EQ(bad_act(with(R"("party_type":"company")")).field, "party_type");
    EXPECT_EQ(bad_act(with(R"("procedure":"summary")")).field, "procedure");
    e = bad_act(with(R"("penalty_types":["fine","罚款"])"));
    EXPECT_EQ(e.field, "penalty_types");
    EXPECT_EQ(bad_act(with(R"("penalty_types":"fine")")).reason, "应为字符串数组");
    EXPECT_EQ(bad_act(with(R"("officers":"冀执1")")).reason, "应为字符串数组");
    EXPECT_EQ(bad_act(with(R"("officers":[1])")).reason, "数组元素应为字符串");
    EXPECT_EQ(bad_act(with(R"("officers":[["a"]])")).reason, "不能嵌套数组");
    EXPECT_EQ(bad_act(with(R"("officers":{"a":1})")).reason, "应为字符串数组");
    EXPECT_EQ(bad_act(with(R"("major":"true")")).reason, "应为布尔值（true或false）");
    EXPECT_EQ(bad_act(with(R"("legal_review":1)")).field, "legal_review");
    EXPECT_EQ(bad_act(with(R"("amount_fen":"100")")).reason, "应为整数");
    EXPECT_EQ(bad_act(with(R"("amount_fen":1.5)")).reason, "应为整数");
    EXPECT_EQ(bad_act(with(R"("amount_fen":1e3)")).reason, "应为整数");
    EXPECT_EQ(bad_act(with(R"("external_id":5)")).field, "external_id");
}

TEST(ParseActJson, RangesAtTheirBoundaries) {
    EXPECT_EQ(ok_act(with(R"("amount_fen":0)")).amount_fen, 0);
    EXPECT_EQ(ok_act(with(R"("amount_fen":10000000000000)")).amount_fen, 10000000000000);
    auto e = bad_act(with(R"("amount_fen":10000000000001)"));
    EXPECT_EQ(e.field, "amount_fen");
    EXPECT_EQ(e.reason, "金额（分）应在0到10000000000000之间");
    EXPECT_EQ(bad_act(with(R"("amount_fen":-1)")).field, "amount_fen");
    EXPECT_EQ(bad_act(with(R"("amount_fen":18446744073709551615)")).field, "amount_fen");
    EXPECT_EQ(ok_act(with(R"("extension_days":3650,"excluded_days":0)")).extension_days, 3650);
    e = bad_act(with(R"("extension_days":3651)"));
    EXPECT_EQ(e.field, "extension_days");
    EXPECT_EQ(e.reason, "天数应在0到3650之间");
    EXPECT_EQ(bad_act(with(R"("excluded_days":-1)")).field, "excluded_days");
}

TEST(ParseActJson, LengthCapsCountCharacters) {
    std::string id64(64, 'a');
    EXPECT_EQ(ok_act(R"({"agency":"11130503MB0000031F","external_id":")" + id64 +
                     R"(","kind":"license","decided_on":"2026-03-02"})")
                  .external_id,
              id64);
    auto e = bad_act(R"({"agency":"11130503MB0000031F","external_id":")" + id64 +
                     R"(a","kind":"license","decided_on":"2026-03-02"})");
    EXPECT_EQ(e.field, "external_id");
    EXPECT_EQ(e.reason, "长度不能超过64个字符");
    EXPECT_EQ(bad_act(with(R"("external_id":"")")).reason, "字段重复");
    EXPECT_EQ(bad_act(R"({"agency":"11130503MB0000031F","external_id":"","kind":"license","decided_on":"2026-03-02"})")
                  .reason,
              "不能为空");
    // 200 CJK characters (600 bytes) are 200 characters.
    std::string cjk;
    for (int i = 0; i < 200; ++i) cjk += "罚";
    EXPECT_EQ(ok_act(with(R"("case_no":")" + cjk + "\"")).case_no, cjk);
    e = bad_act(with(R"("case_no":")" + cjk + "罚\""));
    EXPECT_EQ(e.field, "case_no");
    EXPECT_EQ(e.reason, "长度不能超过200个字符");
    EXPECT_EQ(ok_act(with(R"("party_key":")" + std::string(128, 'f') + "\"")).party_key.size(), 128u);
    EXPECT_EQ(bad_act(with(R"("party_key":")" + std::string(129, 'f') + "\"")).field, "party_key");
    // A digest, never the identifier: an ID card number, a USCC, a phone number or any other text is refused.
    for (int n : {16, 32, 40, 64})
        EXPECT_EQ(ok_act(with(R"("party_key":")" + std::string(n, 'A') + "\"")).party_key.size(), size_t(n));
    for (const char* raw : {"130503198001011234", "13050319800101123X", "91130500MA0A1B2C3D", "13812345678", "9f2c4e",
                            "zz2c4e0b7d1a3c5e9f2c4e0b7d1a3c5e", "9f2c4e0b7d1a3c5e9f2c4e0b7d1a3c5"}) {
        const auto e = bad_act(with(std::string(R"("party_key":")") + raw + "\""));
        EXPECT_EQ(e.field, "party_key") << raw;
        EXPECT_NE(e.reason.find("散列值"), std::string::npos) << raw << " " << e.reason;
    }
    EXPECT_EQ(bad_act(with(R"("case_no":"a\u0001b")")).reason, "含有非法字符或不是UTF-8编码");
}

TEST(ParseActJson, OfficersCappedAtTwenty) {
    std::string list;
    for (int i = 0; i < 20; ++i) list += (i ? ",\"" : "\"") + std::string("冀执") + std::to_string(i) + "\"";
    EXPECT_EQ(ok_act(with(R"("officers":[)" + list + "]")).officers.size(), 20u);
    auto e = bad_act(with(R"("officers":[)" + list + R"(,"冀执99"])"));
    EXPECT_EQ(e.field, "officers");
    EXPECT_EQ(e.reason, "执法人员不能超过20名");
    EXPECT_EQ(bad_act(with(R"("officers":[""])")).reason, "执法证号不能为空");
}

TEST(ParseActJson, UsccAndRegionShapes) {
    auto e = bad_act(R"({"agency":"11130503MB0000031G","external_id":"X","kind":"license","decided_on":"2026-03-02"})");
    EXPECT_EQ(e.field, "agency");
    EXPECT_EQ(e.reason, "统一社会信用代码校验不通过");
    e = bad_act(R"({"agency":"1113","external_id":"X","kind":"license","decided_on":"2026-03-02"})");
    EXPECT_EQ(e.reason, "统一社会信用代码应为18位");
    EXPECT_EQ(bad_act(with(R"("entrusted_body":"12345678901234567X")")).field, "entrusted_body");
    EXPECT_TRUE(ok_act(with(R"("entrusted_body":"")")).entrusted_uscc.empty());
    EXPECT_EQ(bad_act(with(R"("region":"13050")")).reason, "行政区划代码应为6位数字");
    EXPECT_EQ(bad_act(with(R"("region":"13050a")")).field, "region");
}

TEST(ParseActJson, NotAnObjectOrBrokenJson) {
    EXPECT_EQ(bad_act("[1,2]").reason, "每行应为一个JSON对象");
    EXPECT_EQ(bad_act("\"x\"").reason, "每行应为一个JSON对象");
    EXPECT_EQ(bad_act("42").reason, "每行应为一个JSON对象");
    auto e = bad_act(R"({"agency":"11130503MB0000031F",)");
    EXPECT_TRUE(e.field.empty());
    EXPECT_NE(e.reason.find("不是合法的JSON对象"), std::string::npos);
    EXPECT_NE(bad_act(with("") + "x").reason.find("不是合法的JSON对象"), std::string::npos);
    EXPECT_NE(bad_act(with("") + "{}").reason.find("不是合法的JSON对象"), std::string::npos);
    EXPECT_NE(bad_act("").reason.find("不是合法的JSON对象"), std::string::npos);
    EXPECT_EQ(bad_act(with(R"("kind":{"x":1})")).field, "kind");
}

TEST(ParseActJson, EscapesAreDecoded) {
    ActRow a = ok_act(with(R"("case_no":"\u4fe1\u5e02\u76d1\u7f5a \"1\"")"));
    EXPECT_EQ(a.case_no, "信市监罚 \"1\"");
}

TEST(ParseCaseJson, FieldsAndConsistency) {
    auto r = parse_case_json(
        R"({"agency":"11130503MB0000031F","external_id":"FY-1","kind":"reconsideration","received_on":"2026-02-01",)"
        R"("concluded_on":"2026-04-01","outcome":"撤销"})");
    ASSERT_TRUE(std::holds_alternative<CaseRow>(r)) << std::get<RowError>(r).reason;
    auto& c = std::get<CaseRow>(r);
    EXPECT_EQ(c.kind, CaseKind::kReconsideration);
    EXPECT_EQ(c.received_on, D("2026-02-01"));
    EXPECT_EQ(c.concluded_on, D("2026-04-01"));
    EXPECT_EQ(c.outcome, "撤销");
    auto pending = parse_case_json(
        R"({"agency":"11130503MB0000031F","external_id":"SS-1","kind":"litigation","received_on":"2026-02-01"})");
    ASSERT_TRUE(std::holds_alternative<CaseRow>(pending));
    EXPECT_FALSE(std::get<CaseRow>(pending).concluded_on);

    auto err = [](const std::string& s) {
        auto r = parse_case_json(s);
        EXPECT_TRUE(std::holds_alternative<RowError>(r)) << s;
        return std::holds_alternative<RowError>(r) ? std::get<RowError>(r) : RowError{};
    };
    auto e = err(R"({"agency":"11130503MB0000031F","external_id":"F","kind":"复议","received_on":"2026-02-01"})");
    EXPECT_EQ(e.field, "kind");
    e = err(R"({"agency":"11130503MB0000031F","external_id":"F","kind":"litigation","received_on":"2026-02-01",)"
            R"("concluded_on":"2026-03-01","outcome":"输了"})");
    EXPECT_EQ(e.field, "outcome");
    EXPECT_NE(e.reason.find("确认违法"), std::string::npos);
    e = err(R"({"agency":"11130503MB0000031F","external_id":"F","kind":"litigation","received_on":"2026-02-01",)"
            R"("concluded_on":"2026-03-01"})");
    EXPECT_EQ(e.field, "outcome");
    e = err(R"({"agency":"11130503MB0000031F","external_id":"F","kind":"litigation","received_on":"2026-02-01",)"
            R"("outcome":"败诉"})");
    EXPECT_EQ(e.field, "concluded_on");
    e = err(R"({"agency":"11130503MB0000031F","external_id":"F","kind":"litigation","received_on":"2026-02-01",)"
            R"("concluded_on":"2026-01-31","outcome":"败诉"})");
    EXPECT_EQ(e.reason, "审结日期不能早于收案日期");
    e = err(R"({"agency":"11130503MB0000031F","external_id":"F","kind":"litigation"})");
    EXPECT_EQ(e.field, "received_on");
    e = err(
        R"({"agency":"11130503MB0000031F","external_id":"F","kind":"litigation","received_on":"2026-02-01","amount_fen":1})");
    EXPECT_EQ(e.field, "amount_fen");
    EXPECT_EQ(e.reason, "未知字段");
}

TEST(ParseDetect, BraceMeansNdjson) {
    EXPECT_EQ(detect_format(R"({"agency":1})"), Format::kNdjson);
    EXPECT_EQ(detect_format("\xEF\xBB\xBF  {"), Format::kNdjson);
    EXPECT_EQ(detect_format("agency,external_id,kind"), Format::kCsv);
    EXPECT_EQ(detect_format(""), Format::kCsv);
}

TEST(ParseCsv, SplitFollowsRfc4180) {
    EXPECT_EQ(*split_csv("a,b,c"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(*split_csv("a,,c,"), (std::vector<std::string>{"a", "", "c", ""}));
    EXPECT_EQ(*split_csv(""), (std::vector<std::string>{""}));
    EXPECT_EQ(*split_csv(R"("a,b","say ""hi""",c)"), (std::vector<std::string>{"a,b", "say \"hi\"", "c"}));
    EXPECT_EQ(*split_csv("\"line\nbreak\",x"), (std::vector<std::string>{"line\nbreak", "x"}));
    EXPECT_EQ(*split_csv(R"("")"), (std::vector<std::string>{""}));
    EXPECT_FALSE(split_csv(R"("open,b)"));
    EXPECT_FALSE(split_csv(R"("a"b,c)"));
    EXPECT_FALSE(split_csv(R"(a"b,c)"));
}

TEST(ParseCsv, HeaderRefusesUnknownDuplicateAndMissing) {
    auto h = CsvHeader::parse("agency,external_id,kind,decided_on", CsvHeader::What::kActs);
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(h->columns().size(), 4u);
    auto bad = CsvHeader::parse("agency,external_id,kind,decided", CsvHeader::What::kActs);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "decided");
    EXPECT_EQ(bad.error().message, "CSV表头含未知列“decided”");
    bad = CsvHeader::parse("agency,external_id,kind,kind", CsvHeader::What::kActs);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "CSV表头列“kind”重复");
    bad = CsvHeader::parse("agency,kind,decided_on", CsvHeader::What::kActs);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "external_id");
    EXPECT_TRUE(CsvHeader::parse("\xEF\xBB\xBF"
                                 "agency,external_id,kind,received_on",
                                 CsvHeader::What::kCases)
                    .ok());
    bad = CsvHeader::parse("agency,external_id,kind", CsvHeader::What::kCases);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "received_on");
    EXPECT_FALSE(CsvHeader::parse("agency,external_id,kind,received_on,officers", CsvHeader::What::kCases).ok());
}

TEST(ParseCsv, ActRowWithListsBooleansAndEmptyCells) {
    auto h = CsvHeader::parse(
                 "agency,external_id,kind,officers,penalty_types,amount_fen,legal_review,major,publish_required,"
                 "decided_on,filed_on,region,case_no",
                 CsvHeader::What::kActs)
                 .value();
    auto r = parse_act_csv(h,
                           "11130503MB0000031F,XD-9,penalty,冀执13050300110;冀执13050300111,warning;fine,20000,是,0,"
                           "true,2026-04-10,,,\"信市监罚〔2026〕9号, 附\"");
    ASSERT_TRUE(std::holds_alternative<ActRow>(r)) << std::get<RowError>(r).field << std::get<RowError>(r).reason;
    auto& a = std::get<ActRow>(r);
    EXPECT_EQ(a.officers.size(), 2u);
    EXPECT_EQ(a.penalty_types, 3);
    EXPECT_EQ(a.amount_fen, 20000);
    EXPECT_TRUE(a.legal_review);
    EXPECT_FALSE(a.major);
    EXPECT_TRUE(a.publish_required);
    EXPECT_FALSE(a.filed_on);
    EXPECT_EQ(a.case_no, "信市监罚〔2026〕9号, 附");

    auto bad = [&](const std::string& row) {
        auto r = parse_act_csv(h, row);
        EXPECT_TRUE(std::holds_alternative<RowError>(r)) << row;
        return std::holds_alternative<RowError>(r) ? std::get<RowError>(r) : RowError{};
    };
    auto e = bad("11130503MB0000031F,XD-9,penalty,,,12a,,,,2026-04-10,,,");
    EXPECT_EQ(e.field, "amount_fen");
    EXPECT_EQ(e.reason, "应为整数");
    e = bad("11130503MB0000031F,XD-9,penalty,,,,也许,,,2026-04-10,,,");
    EXPECT_EQ(e.field, "legal_review");
    e = bad("11130503MB0000031F,XD-9,penalty,;,,,,,,2026-04-10,,,");
    EXPECT_EQ(e.field, "officers");
    e = bad("11130503MB0000031F,XD-9,penalty,,,,,,,2026-04-10,,");
    EXPECT_EQ(e.reason, "列数为12，与表头的13列不一致");
    e = bad("11130503MB0000031F,XD-9,penalty,,,99999999999999999999,,,,2026-04-10,,,");
    EXPECT_EQ(e.field, "amount_fen");
    EXPECT_EQ(bad("11130503MB0000031F,,penalty,,,,,,,2026-04-10,,,").field, "external_id");
    EXPECT_EQ(bad("\"11130503MB0000031F,XD-9,penalty,,,,,,,2026-04-10,,,").reason, "CSV引号不匹配");
    EXPECT_EQ(bad("11130503MB0000031F,XD-9,penalty,,,,,,,2026-04-10,,,\xff").field, "case_no");
}

TEST(ParseCsv, CaseRow) {
    auto h =
        CsvHeader::parse("agency,external_id,kind,received_on,concluded_on,outcome", CsvHeader::What::kCases).value();
    auto r = parse_case_csv(h, "11130503MB0000031F,SS-2,litigation,2026-01-05,2026-06-30,败诉");
    ASSERT_TRUE(std::holds_alternative<CaseRow>(r));
    EXPECT_EQ(std::get<CaseRow>(r).outcome, "败诉");
    r = parse_case_csv(h, "11130503MB0000031F,SS-2,litigation,2026-01-05,,");
    ASSERT_TRUE(std::holds_alternative<CaseRow>(r));
    EXPECT_TRUE(std::get<CaseRow>(r).outcome.empty());
}

struct Got {
    std::string row;
    int64_t line;
    bool too_long;
};
std::vector<Got> read_all(const std::string& text, bool csv) {
    std::istringstream in(text);
    RowReader rr(in);
    rr.set_csv(csv);
    std::vector<Got> out;
    std::string row;
    int64_t line = 0;
    bool too_long = false;
    while (rr.next(row, line, too_long)) out.push_back({row, line, too_long});
    return out;
}

TEST(ParseRowReader, LinesWithNumbersSkippingBlanksAndCr) {
    auto rows = read_all("a\r\n\nb\n\n\nc", false);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].row, "a");
    EXPECT_EQ(rows[0].line, 1);
    EXPECT_EQ(rows[1].row, "b");
    EXPECT_EQ(rows[1].line, 3);
    EXPECT_EQ(rows[2].row, "c");
    EXPECT_EQ(rows[2].line, 6);
    EXPECT_TRUE(read_all("", false).empty());
    EXPECT_TRUE(read_all("\n\n", false).empty());
    EXPECT_EQ(read_all("x\n", false).size(), 1u);
}

TEST(ParseRowReader, CsvQuotedFieldSpansLines) {
    auto rows = read_all("h1,h2\r\n\"two\r\nlines\",x\nnext,\"a\"\"b\"\n", true);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].row, "\"two\nlines\",x");
    EXPECT_EQ(rows[1].line, 2);
    EXPECT_EQ(rows[2].row, "next,\"a\"\"b\"");
    EXPECT_EQ(rows[2].line, 4);
    // An unterminated quote runs to the end and is returned for split_csv to refuse.
    rows = read_all("\"open\nmore", true);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_FALSE(split_csv(rows[0].row));
}

TEST(ParseRowReader, OverlongRowIsReportedAndSkipped) {
    std::string big(kMaxRowBytes + 10, 'x');
    auto rows = read_all("a\n" + big + "\nb\n", false);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_FALSE(rows[0].too_long);
    EXPECT_TRUE(rows[1].too_long);
    EXPECT_TRUE(rows[1].row.empty());
    EXPECT_EQ(rows[1].line, 2);
    EXPECT_EQ(rows[2].row, "b");
    EXPECT_EQ(rows[2].line, 3);
    // Exactly the cap is still a row.
    std::string cap(kMaxRowBytes, 'y');
    rows = read_all(cap + "\n", false);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_FALSE(rows[0].too_long);
    EXPECT_EQ(rows[0].row.size(), kMaxRowBytes);
    // A too-long last line without a line end.
    rows = read_all("a\n" + big, false);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_TRUE(rows[1].too_long);
}

}  // namespace
}  // namespace lecs::monitoring::parse
