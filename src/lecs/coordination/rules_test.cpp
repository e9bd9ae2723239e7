#include "lecs/coordination/rules.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace lecs::coordination {
namespace {

AgencyFacts A(int64_t id, const char* name, const char* kind, const char* level, const char* region) {
    return AgencyFacts{id, name, kind, level, region};
}

PartyFacts P(AgencyFacts org, std::vector<AgencyFacts> acts_for = {}) {
    return PartyFacts{std::move(org), std::move(acts_for)};
}

// ---- the parties ------------------------------------------------------------
// Region codes from data/xingtai-counties-2022.csv and -townships-2022.csv:
// 信都区 130503 (李村镇 130503101), 宁晋县 130528 (凤凰镇 130528100),
// 邢台经济开发区 130571 (东汪镇 130571100); 石家庄市 130100, 正定县 130123.

const AgencyFacts kCityScjg = A(101, "邢台市市场监督管理局", "organ", "city", "130500");
const AgencyFacts kCitySthj = A(102, "邢台市生态环境局", "organ", "city", "130500");
const AgencyFacts kCityWater = A(106, "邢台市水利局", "organ", "city", "130500");
const AgencyFacts kXinduWater = A(207, "信都区水利局", "organ", "county", "130503");
const AgencyFacts kXinduScjg = A(201, "信都区市场监督管理局", "organ", "county", "130503");
const AgencyFacts kNingjinTax = A(304, "国家税务总局宁晋县税务局", "vertical", "county", "130528");

struct Fixture {
    const char* key;
    PartyFacts party;
    // Written out: where the party counts ("city", a county code, "out"),
    // whether it is flagged vertical, and the note explaining the placement.
    const char* placed;
    bool vertical;
    const char* note;
};

const std::vector<Fixture>& fixtures() {
    static const std::vector<Fixture> f = {
        // city
        {"cO", P(kCityScjg), "city", false, ""},
        {"cO2", P(kCitySthj), "city", false, ""},
        {"cW", P(kCityWater), "city", false, ""},
        {"cV", P(A(103, "国家税务总局邢台市税务局", "vertical", "city", "130500")), "city", true, ""},
        {"cA", P(A(104, "邢台市住房公积金管理中心", "authorized", "city", "130500")), "city", false, ""},
        {"cE", P(A(105, "邢台市水利工程管理处", "entrusted", "city", "130500"), {kCityWater}), "city", false,
         "邢台市水利工程管理处受邢台市水利局委托，以邢台市水利局名义实施行政执法（《中华人民共和国行政处罚法》第二十"
         "条），按邢台市水利局确定协调管辖。"},
        {"cD", P(A(107, "邢台市市场监督管理局经济开发区分局", "dispatched", "city", "130571"), {kCityScjg}), "city",
         false,
         "邢台市市场监督管理局经济开发区分局为邢台市市场监督管理局的派出机构，按邢台市市场监督管理局确定协调管辖。"},
        // 邢台经济开发区
        {"zO", P(A(108, "邢台经济开发区综合执法局", "organ", "city", "130571")), "city", false,
         "邢台经济开发区综合执法局位于邢台经济开发区，开发区设管理委员会、不设人民政府，按市本级确定协调管辖。"},
        {"zT", P(A(109, "邢台经济开发区东汪镇人民政府", "township_gov", "township", "130571100")), "city", false,
         "邢台经济开发区东汪镇人民政府位于邢台经济开发区，开发区设管理委员会、不设人民政府，按市本级确定协调管辖。"},
        // 信都区
        {"xO", P(kXinduScjg), "130503", false, ""},
        {"xO2", P(A(202, "信都区综合行政执法局", "organ", "county", "130503")), "130503", false, ""},
        {"xT", P(A(203, "信都区李村镇人民政府", "township_gov", "township", "130503101")), "130503", false,
         "信都区李村镇人民政府属乡镇（街道），按其所在县（市、区）确定协调管辖。"},
        {"xQ", P(A(204, "信都区李村镇综合行政执法队", "enforcement_team", "township", "130503101")), "130503", false,
         "信都区李村镇综合行政执法队属乡镇（街道），按其所在县（市、区）确定协调管辖。"},
        {"xD", P(A(205, "信都区市场监督管理局李村市场监督管理所", "dispatched", "county", "130503101"), {kXinduScjg}),
         "130503", false,
         "信都区市场监督管理局李村市场监督管理所为信都区市场监督管理局的派出机构，按信都区市场监督管理局确定协调管辖"
         "。"},
        {"xE", P(A(206, "信都区水利工程服务中心", "entrusted", "county", "130503"), {kXinduWater}), "130503", false,
         "信都区水利工程服务中心受信都区水利局委托，以信都区水利局名义实施行政执法（《中华人民共和国行政处罚法》第二十"
         "条），按信都区水利局确定协调管辖。"},
        // A city bureau's branch sitting in 信都区 counts as the city bureau.
        {"xC", P(A(208, "邢台市生态环境局信都区分局", "dispatched", "county", "130503"), {kCitySthj}), "city", false,
         "邢台市生态环境局信都区分局为邢台市生态环境局的派出机构，按邢台市生态环境局确定协调管辖。"},
        // 宁晋县
        {"nO", P(A(301, "宁晋县市场监督管理局", "organ", "county", "130528")), "130528", false, ""},
        {"nO2", P(A(302, "宁晋县自然资源和规划局", "organ", "county", "130528")), "130528", false, ""},
        {"nT", P(A(303, "宁晋县凤凰镇人民政府", "township_gov", "township", "130528100")), "130528", false,
         "宁晋县凤凰镇人民政府属乡镇（街道），按其所在县（市、区）确定协调管辖。"},
        {"nV", P(kNingjinTax), "130528", true, ""},
        {"nD", P(A(305, "国家税务总局宁晋县税务局凤凰税务分局", "dispatched", "county", "130528100"), {kNingjinTax}),
         "130528", true,
         "国家税务总局宁晋县税务局凤凰税务分局为国家税务总局宁晋县税务局的派出机构，按国家税务总局宁晋县税务局确定协调"
         "管辖。"},
        // outside 邢台市
        {"sO", P(A(401, "石家庄市市场监督管理局", "organ", "city", "130100")), "out", false, ""},
        {"sK", P(A(402, "正定县市场监督管理局", "organ", "county", "130123")), "out", false, ""},
    };
    return f;
}

const PartyFacts& F(std::string_view key) {
    for (const auto& f : fixtures())
        if (f.key == key) return f.party;
    throw std::logic_error("no fixture " + std::string(key));
}

Result<Routing> R(std::initializer_list<std::string_view> keys) {
    std::vector<PartyFacts> v;
    for (auto k : keys) v.push_back(F(k));
    return route(v);
}

// ---- where one party counts -------------------------------------------------

TEST(Placement, EachKindLevelAndRegion) {
    for (const auto& f : fixtures()) {
        SCOPED_TRACE(f.key);
        auto p = place(f.party);
        ASSERT_TRUE(p.ok()) << p.error().message;
        const std::string placed = f.placed;
        EXPECT_EQ(p->inside_city, placed != "out");
        EXPECT_EQ(p->city_level, placed == "city");
        EXPECT_EQ(p->county_code, placed == "city" || placed == "out" ? "" : placed);
        EXPECT_EQ(p->vertical, f.vertical);
        EXPECT_EQ(p->note, f.note);
    }
}

TEST(Placement, EntrustedBodyLocatedOutsideCountsAsItsXingtaiEntrustingAgency) {
    auto p = place(P(A(501, "某检测中心", "entrusted", "city", "130100"), {kCityScjg}));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_TRUE(p->inside_city);
    EXPECT_TRUE(p->city_level);
}

TEST(Placement, DispatchedBodyOfAnOutsideAgencyIsOutside) {
    auto p = place(P(A(502, "河北省某局邢台分局", "dispatched", "city", "130500"),
                     {A(503, "河北省某局", "organ", "city", "130000")}));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_FALSE(p->inside_city);
}

TEST(Placement, DispatchedChainIsWalkedToTheGovernmentThatSetItUp) {
    // A body set up by 邢台经济开发区管理委员会, itself set up by the city government.
    auto p = place(P(A(504, "开发区某中队", "dispatched", "city", "130571"),
                     {A(505, "邢台经济开发区管理委员会", "dispatched", "city", "130571"),
                      A(506, "邢台市人民政府", "government", "city", "130500")}));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_TRUE(p->city_level);
    EXPECT_EQ(p->note,
              "开发区某中队为邢台经济开发区管理委员会的派出机构，按邢台经济开发区管理委员会确定协调管辖。"
              "邢台经济开发区管理委员会为邢台市人民政府的派出机构，按邢台市人民政府确定协调管辖。");
}

TEST(Placement, EntrustedByAVerticalAgencyIsFlagged) {
    auto p = place(P(A(507, "宁晋县某代征点", "entrusted", "county", "130528"), {kNingjinTax}));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_TRUE(p->vertical);
    EXPECT_EQ(p->county_code, "130528");
}

TEST(Placement, AgencyAtTownshipLevelCountsAsItsCounty) {
    auto p = place(P(A(508, "宁晋县凤凰镇某执法站", "authorized", "township", "130528100")));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->county_code, "130528");
    EXPECT_EQ(p->note, "宁晋县凤凰镇某执法站属乡镇（街道），按其所在县（市、区）确定协调管辖。");
}

TEST(Placement, OutsideAgencyNeedsNoXingtaiLevel) {
    auto p = place(P(A(509, "北京市某局", "organ", "", "110000")));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_FALSE(p->inside_city);
}

// ---- every pair -------------------------------------------------------------
// Row i, column j: the routing of route({fixture i, fixture j}). Columns are in
// the rows' order; '|' only separates the groups (city and 开发区 | 信都区 |
// 宁晋县 | outside) and is skipped.
//   C art7.city_party → 130500      X art7.cross_county → 130500
//   x art7.same_county → 130503     n art7.same_county → 130528
//   O out_of_scope.outside_city      - refused: dispute.same_party
// (cW, cE) is refused: 邢台市水利工程管理处 acts in 邢台市水利局's name.
constexpr const char* kPairs[] = {
    "-CCCCCCCC|CCCCCCC|CCCCC|OO",  //  0 cO
    "C-CCCCCCC|CCCCCCC|CCCCC|OO",  //  1 cO2
    "CC-CC-CCC|CCCCCCC|CCCCC|OO",  //  2 cW
    "CCC-CCCCC|CCCCCCC|CCCCC|OO",  //  3 cV
    "CCCC-CCCC|CCCCCCC|CCCCC|OO",  //  4 cA
    "CC-CC-CCC|CCCCCCC|CCCCC|OO",  //  5 cE
    "CCCCCC-CC|CCCCCCC|CCCCC|OO",  //  6 cD
    "CCCCCCC-C|CCCCCCC|CCCCC|OO",  //  7 zO
    "CCCCCCCC-|CCCCCCC|CCCCC|OO",  //  8 zT
    "CCCCCCCCC|-xxxxxC|XXXXX|OO",  //  9 xO
    "CCCCCCCCC|x-xxxxC|XXXXX|OO",  // 10 xO2
    "CCCCCCCCC|xx-xxxC|XXXXX|OO",  // 11 xT
    "CCCCCCCCC|xxx-xxC|XXXXX|OO",  // 12 xQ
    "CCCCCCCCC|xxxx-xC|XXXXX|OO",  // 13 xD
    "CCCCCCCCC|xxxxx-C|XXXXX|OO",  // 14 xE
    "CCCCCCCCC|CCCCCC-|CCCCC|OO",  // 15 xC
    "CCCCCCCCC|XXXXXXC|-nnnn|OO",  // 16 nO
    "CCCCCCCCC|XXXXXXC|n-nnn|OO",  // 17 nO2
    "CCCCCCCCC|XXXXXXC|nn-nn|OO",  // 18 nT
    "CCCCCCCCC|XXXXXXC|nnn-n|OO",  // 19 nV
    "CCCCCCCCC|XXXXXXC|nnnn-|OO",  // 20 nD
    "OOOOOOOOO|OOOOOOO|OOOOO|-O",  // 21 sO
    "OOOOOOOOO|OOOOOOO|OOOOO|O-",  // 22 sK
};

std::string cells(const char* row) {
    std::string s;
    for (const char* c = row; *c; ++c)
        if (*c != '|') s += *c;
    return s;
}

TEST(Routing, EveryPairOfPartyKindsLevelsAndRegions) {
    const auto& fx = fixtures();
    ASSERT_EQ(std::size(kPairs), fx.size());
    int checked = 0;
    for (size_t i = 0; i < fx.size(); ++i) {
        const std::string row = cells(kPairs[i]);
        ASSERT_EQ(row.size(), fx.size()) << "row " << i;
        for (size_t j = 0; j < fx.size(); ++j) {
            SCOPED_TRACE(std::string(fx[i].key) + " × " + fx[j].key);
            const PartyFacts pair[] = {fx[i].party, fx[j].party};
            auto r = route(pair);
            const char want = row[j];
            ++checked;
            if (want == '-') {
                ASSERT_FALSE(r.ok());
                EXPECT_EQ(r.error().code, "dispute.same_party");
                EXPECT_EQ(r.error().field, "parties[1]");
                EXPECT_EQ(r.error().http_status, 400);
                continue;
            }
            ASSERT_TRUE(r.ok()) << r.error().message;
            switch (want) {
                case 'C':
                case 'X':
                    EXPECT_EQ(r->outcome, "competent");
                    EXPECT_EQ(r->rule_code, want == 'C' ? "art7.city_party" : "art7.cross_county");
                    EXPECT_EQ(r->competent_level, "city");
                    EXPECT_EQ(r->competent_region_code, "130500");
                    break;
                case 'x':
                case 'n':
                    EXPECT_EQ(r->outcome, "competent");
                    EXPECT_EQ(r->rule_code, "art7.same_county");
                    EXPECT_EQ(r->competent_level, "county");
                    EXPECT_EQ(r->competent_region_code, want == 'x' ? "130503" : "130528");
                    break;
                case 'O':
                    EXPECT_EQ(r->outcome, "out_of_scope");
                    EXPECT_EQ(r->rule_code, "out_of_scope.outside_city");
                    EXPECT_EQ(r->competent_level, "");
                    EXPECT_EQ(r->competent_region_code, "");
                    break;
                default:
                    FAIL() << "bad cell " << want;
            }
            std::vector<std::string> vertical;
            if (fx[i].vertical) vertical.push_back(fx[i].party.org.name);
            if (fx[j].vertical) vertical.push_back(fx[j].party.org.name);
            EXPECT_EQ(r->vertical_flag, !vertical.empty());
            EXPECT_EQ(r->vertical_parties, vertical);
            EXPECT_EQ(r->vertical_note.empty(), vertical.empty());
        }
    }
    EXPECT_EQ(checked, 23 * 23);
}

// ---- three and more parties -------------------------------------------------

struct Multi {
    std::vector<std::string_view> keys;
    const char* rule_code;
    const char* region;  // competent region code; "" when out of scope
    std::vector<std::string> vertical;
};

TEST(Routing, ThreeAndMoreParties) {
    const std::vector<Multi> cases = {
        {{"xO", "xO2", "xT"}, "art7.same_county", "130503", {}},
        {{"xD", "xE", "xQ"}, "art7.same_county", "130503", {}},
        {{"nV", "nO", "nT"}, "art7.same_county", "130528", {"国家税务总局宁晋县税务局"}},
        {{"xO", "xT", "nT"}, "art7.cross_county", "130500", {}},
        {{"xO", "xO2", "xT", "nO"}, "art7.cross_county", "130500", {}},
        {{"cO", "xO", "nO"}, "art7.city_party", "130500", {}},
        {{"xC", "xO", "xO2"}, "art7.city_party", "130500", {}},
        {{"zT", "xT", "nT"}, "art7.city_party", "130500", {}},
        {{"nD", "cV", "xO"},
         "art7.city_party",
         "130500",
         {"国家税务总局宁晋县税务局凤凰税务分局", "国家税务总局邢台市税务局"}},
        {{"xO", "nO", "sO"}, "out_of_scope.outside_city", "", {}},
        {{"cO", "cO2", "sK"}, "out_of_scope.outside_city", "", {}},
    };
    for (const auto& c : cases) {
        std::vector<PartyFacts> v;
        std::string trace;
        for (auto k : c.keys) {
            v.push_back(F(k));
            trace += std::string(k) + " ";
        }
        SCOPED_TRACE(trace);
        auto r = route(v);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->rule_code, c.rule_code);
        EXPECT_EQ(r->competent_region_code, c.region);
        EXPECT_EQ(r->vertical_parties, c.vertical);
        EXPECT_EQ(r->vertical_flag, !c.vertical.empty());
    }
}

TEST(Routing, ThreePartiesNamingOneTwiceIsRefused) {
    auto r = R({"xO", "xO2", "xO"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.same_party");
    EXPECT_EQ(r.error().field, "parties[2]");
    EXPECT_EQ(r.error().message, "信都区市场监督管理局重复列为当事方：一个机关不能与自身发生职责争议");
    EXPECT_EQ(r.error().basis, "《邢台市行政执法协调监督工作办法》第六条、第八条");
}

// ---- the reasons, word for word ---------------------------------------------

TEST(Reason, CityAgenciesAmongThemselves) {
    auto r = R({"cO", "cO2"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->basis, "《邢台市行政执法协调监督工作办法》第七条第一款");
    EXPECT_EQ(r->reason,
              "依据《邢台市行政执法协调监督工作办法》第七条第一款：“市本级行政机关之间……存在职责争议的，由市行政执法"
              "协调监督部门负责协调。”当事方邢台市市场监督管理局、邢台市生态环境局均属市本级。");
}

TEST(Reason, CityAgencyAndCountyAgency) {
    // The first e2e story: 邢台市市场监督管理局 and a 信都区 agency.
    auto r = R({"xO", "cO"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->rule_code, "art7.city_party");
    EXPECT_EQ(r->reason,
              "依据《邢台市行政执法协调监督工作办法》第七条第一款：“……市本级行政机关与县（市、区）行政机关之间……存在"
              "职责争议的，由市行政执法协调监督部门负责协调。”当事方中，邢台市市场监督管理局属市本级。");
}

TEST(Reason, DifferentCounties) {
    auto r = R({"xO", "nO"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->basis, "《邢台市行政执法协调监督工作办法》第七条第一款");
    EXPECT_EQ(
        r->reason,
        "依据《邢台市行政执法协调监督工作办法》第七条第一款：“……不同县（市、区）行政机关之间存在职责争议的，由"
        "市行政执法协调监督部门负责协调。”当事方信都区市场监督管理局、宁晋县市场监督管理局分属不同县（市、区）。");
}

TEST(Reason, SameCounty) {
    // The second e2e story: two 宁晋县 agencies go to the 宁晋县 department.
    auto r = R({"nO", "nO2"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->competent_level, "county");
    EXPECT_EQ(r->competent_region_code, "130528");
    EXPECT_EQ(r->basis, "《邢台市行政执法协调监督工作办法》第七条第二款");
    EXPECT_EQ(
        r->reason,
        "依据《邢台市行政执法协调监督工作办法》第七条第二款：“同一县（市、区）行政机关之间存在职责争议的，由县（"
        "市、区）行政执法协调监督部门负责协调。”当事方宁晋县市场监督管理局、宁晋县自然资源和规划局均属同一县（市、"
        "区）。");
}

TEST(Reason, SameCountyThroughADispatchedStationAndATownship) {
    auto r = R({"xD", "xT"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(
        r->reason,
        "依据《邢台市行政执法协调监督工作办法》第七条第二款：“同一县（市、区）行政机关之间存在职责争议的，由县（"
        "市、区）行政执法协调监督部门负责协调。”当事方信都区市场监督管理局李村市场监督管理所、信都区李村镇人民政府"
        "均属同一县（市、区）。信都区市场监督管理局李村市场监督管理所为信都区市场监督管理局的派出机构，按信都区市场"
        "监督管理局确定协调管辖。信都区李村镇人民政府属乡镇（街道），按其所在县（市、区）确定协调管辖。");
}

TEST(Reason, DevelopmentZoneBodyCountsAsCityLevel) {
    auto r = R({"zO", "xO"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(
        r->reason,
        "依据《邢台市行政执法协调监督工作办法》第七条第一款：“……市本级行政机关与县（市、区）行政机关之间……存在"
        "职责争议的，由市行政执法协调监督部门负责协调。”当事方中，邢台经济开发区综合执法局属市本级。邢台经济开发区综"
        "合执法局位于邢台经济开发区，开发区设管理委员会、不设人民政府，按市本级确定协调管辖。");
}

TEST(Reason, EntrustedBodyCountsAsItsEntrustingAgency) {
    auto r = R({"cE", "xO"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(
        r->reason,
        "依据《邢台市行政执法协调监督工作办法》第七条第一款：“……市本级行政机关与县（市、区）行政机关之间……存在"
        "职责争议的，由市行政执法协调监督部门负责协调。”当事方中，邢台市水利工程管理处属市本级。邢台市水利工程管理"
        "处受邢台市水利局委托，以邢台市水利局名义实施行政执法（《中华人民共和国行政处罚法》第二十条），按邢台市水利"
        "局确定协调管辖。");
}

TEST(Reason, OutsideTheCity) {
    auto r = R({"xO", "sO"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->outcome, "out_of_scope");
    EXPECT_EQ(r->basis, "《邢台市行政执法协调监督工作办法》第二条、第七条");
    EXPECT_EQ(r->reason,
              "依据《邢台市行政执法协调监督工作办法》第二条：“本市行政区域内开展行政执法协调监督工作，适用本办法。”石家"
              "庄市市场监督管理局不是邢台市行政区域内的行政执法机关，该争议不属于本办法第七条规定的协调范围。");
}

TEST(Reason, OutsideTheCityNamesEveryOutsideParty) {
    auto r = R({"sO", "xO", "sK"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(
        r->reason,
        "依据《邢台市行政执法协调监督工作办法》第二条：“本市行政区域内开展行政执法协调监督工作，适用本办法。”石家"
        "庄市市场监督管理局、正定县市场监督管理局不是邢台市行政区域内的行政执法机关，该争议不属于本办法第七条规定的"
        "协调范围。");
}

TEST(Reason, VerticalPartyIsFlaggedWithArt27AndDecree825Art42) {
    auto r = R({"cO", "cV"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->rule_code, "art7.city_party");  // routed as usual, but to be confirmed
    EXPECT_TRUE(r->vertical_flag);
    EXPECT_EQ(r->vertical_parties, std::vector<std::string>{"国家税务总局邢台市税务局"});
    EXPECT_EQ(
        r->vertical_note,
        "国家税务总局邢台市税务局属实行垂直管理的行政执法部门。依据《邢台市行政执法协调监督工作办法》第二十七条："
        "“对设立在本行政区域内实行垂直管理的行政执法部门的行政执法协调监督，依照法律、法规和有关规定执行。”按照《"
        "行政执法监督条例》第四十二条，地方人民政府对设在本地区的实行垂直管理的行政执法机关，“将发现的问题及时告知其"
        "上一级主管部门”。请确认后再继续办理。");
}

TEST(Reason, NoVerticalPartyNoNote) {
    auto r = R({"xO", "xO2"});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->vertical_flag);
    EXPECT_TRUE(r->vertical_parties.empty());
    EXPECT_EQ(r->vertical_note, "");
}

// ---- refusals ---------------------------------------------------------------

TEST(Refusal, NoPartyOrOnePartyIsNotADispute) {
    for (size_t n : {0u, 1u}) {
        std::vector<PartyFacts> v;
        if (n == 1) v.push_back(F("xO"));
        auto r = route(v);
        ASSERT_FALSE(r.ok()) << n;
        EXPECT_EQ(r.error().code, "dispute.too_few_parties");
        EXPECT_EQ(r.error().field, "parties");
        EXPECT_EQ(r.error().message, "行政执法职责争议发生在行政执法机关之间，须有两个以上不同的当事方");
        EXPECT_EQ(r.error().basis, "《邢台市行政执法协调监督工作办法》第六条、第八条");
        EXPECT_EQ(r.error().http_status, 400);
    }
}

TEST(Refusal, EntrustedBodyAndItsEntrustingAgency) {
    auto r = R({"cW", "cE"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.same_party");
    EXPECT_EQ(r.error().field, "parties[1]");
    EXPECT_EQ(r.error().message,
              "邢台市水利局与邢台市水利工程管理处均以邢台市水利局名义实施行政执法，不构成不同机关之间的职责争议");
    EXPECT_EQ(r.error().basis, "《中华人民共和国行政处罚法》第二十条");
}

TEST(Refusal, TwoBodiesEntrustedByTheSameAgency) {
    std::vector<PartyFacts> v = {F("cE"),
                                 P(A(110, "邢台市水资源服务中心", "entrusted", "city", "130500"), {kCityWater})};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.same_party");
    EXPECT_EQ(r.error().field, "parties[1]");
}

TEST(Refusal, DispatchedBodyAndItsParentMayDispute) {
    // Not refused: a 派出机构 may hold powers in its own name; only the
    // entrusted body has none (行政处罚法第二十条).
    auto r = R({"xO", "xD"});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->rule_code, "art7.same_county");
}

TEST(Refusal, PartyThatIsNotAnEnforcementAgency) {
    for (const char* kind : {"government", "supervision_dept", "supervision_room", "external_body", "nonsense"}) {
        SCOPED_TRACE(kind);
        std::vector<PartyFacts> v = {F("xO"), P(A(601, "某机构", kind, "county", "130503"))};
        auto r = route(v);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, "dispute.party_not_agency");
        EXPECT_EQ(r.error().field, "parties[1].kind");
        EXPECT_EQ(r.error().message, "某机构不是行政执法机关，不能作为行政执法职责争议的当事方");
        EXPECT_EQ(r.error().basis, "《邢台市行政执法协调监督工作办法》第六条");
    }
}

TEST(Refusal, EntrustedBodyWithoutItsEntrustingAgency) {
    std::vector<PartyFacts> v = {F("xO"), P(A(602, "某受托单位", "entrusted", "county", "130503"))};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.principal_required");
    EXPECT_EQ(r.error().field, "parties[1].acts_for");
    EXPECT_EQ(r.error().message, "受委托组织某受托单位以委托机关名义实施行政执法，须提供委托机关");
    EXPECT_EQ(r.error().basis, "《中华人民共和国行政处罚法》第二十条");
}

TEST(Refusal, DispatchedBodyWithoutItsParent) {
    std::vector<PartyFacts> v = {P(A(603, "某派出所", "dispatched", "county", "130503101")), F("xO")};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.principal_required");
    EXPECT_EQ(r.error().field, "parties[0].acts_for");
    EXPECT_EQ(r.error().message, "派出机构某派出所须提供设立它的机关");
    EXPECT_EQ(r.error().basis, "《邢台市行政执法协调监督工作办法》第二十七条");
}

TEST(Refusal, DispatchedChainThatStopsAtADispatchedBody) {
    std::vector<PartyFacts> v = {F("xO"), P(A(604, "某中队", "dispatched", "city", "130571"),
                                            {A(605, "某管委会", "dispatched", "city", "130571")})};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.principal_required");
    EXPECT_EQ(r.error().message, "派出机构某管委会须提供设立它的机关");
}

TEST(Refusal, AgencyThatActsInItsOwnNameCarriesNoPrincipal) {
    std::vector<PartyFacts> v = {P(A(606, "某局", "organ", "county", "130503"), {kCityScjg}), F("nO")};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.principal_unexpected");
    EXPECT_EQ(r.error().field, "parties[0].acts_for[0]");

    // Nor does the chain go on past the first self-standing agency.
    v = {F("nO"), P(A(607, "某所", "dispatched", "county", "130503101"), {kXinduScjg, kCityScjg})};
    r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.principal_unexpected");
    EXPECT_EQ(r.error().field, "parties[1].acts_for[1]");
    EXPECT_EQ(r.error().message, "信都区市场监督管理局不是受委托组织或派出机构，不按其他机关确定协调管辖");
}

TEST(Refusal, EntrustedBodyCannotEntrustFurther) {
    const AgencyFacts entrusted = F("xE").org;
    std::vector<PartyFacts> v = {F("nO"), P(A(608, "某再受托单位", "entrusted", "county", "130503"), {entrusted})};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.re_entrusted");
    EXPECT_EQ(r.error().field, "parties[1].acts_for[0].kind");
    EXPECT_EQ(r.error().message, "信都区水利工程服务中心是受委托组织，不得再委托某再受托单位实施行政执法");
    EXPECT_EQ(r.error().basis, "《中华人民共和国行政处罚法》第二十条");
}

TEST(Refusal, PrincipalThatIsNotAnAgencyOrGovernment) {
    std::vector<PartyFacts> v = {F("nO"), P(A(609, "某受托单位", "entrusted", "county", "130503"),
                                            {A(610, "某法院", "external_body", "county", "130503")})};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.principal_invalid");
    EXPECT_EQ(r.error().field, "parties[1].acts_for[0].kind");
    EXPECT_EQ(r.error().message, "某法院不是行政执法机关或人民政府，不能作为某受托单位的委托机关");
}

TEST(Refusal, MalformedRegionCode) {
    for (const char* code : {"", "1305", "13050", "13050312", "130503abc", "130500001", "1305001"}) {
        SCOPED_TRACE(code);
        std::vector<PartyFacts> v = {F("xO"), P(A(611, "某局", "organ", "county", code))};
        auto r = route(v);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, "dispute.region_invalid");
        EXPECT_EQ(r.error().field, "parties[1].region_code");
        EXPECT_EQ(r.error().message, "某局的行政区划代码不正确");
    }
}

TEST(Refusal, MalformedRegionCodeOfTheAgencyActedFor) {
    std::vector<PartyFacts> v = {
        F("xO"), P(A(612, "某所", "dispatched", "county", "130503101"), {A(613, "某局", "organ", "county", "")})};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.region_invalid");
    EXPECT_EQ(r.error().field, "parties[1].acts_for[0].region_code");
}

TEST(Refusal, XingtaiAgencyWithoutALevel) {
    std::vector<PartyFacts> v = {F("xO"), P(A(614, "某局", "organ", "", "130528"))};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.level_invalid");
    EXPECT_EQ(r.error().field, "parties[1].level");
}

TEST(Refusal, UnregisteredParty) {
    std::vector<PartyFacts> v = {F("xO"), P(A(0, "某局", "organ", "county", "130528"))};
    auto r = route(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "dispute.party_unregistered");
    EXPECT_EQ(r.error().field, "parties[1].id");
}

}  // namespace
}  // namespace lecs::coordination
