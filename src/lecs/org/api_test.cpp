// The org routes, called through the real Router and handlers (the server's
// middleware — login, permission, CSRF, object scope — is tested in http/).
#include "lecs/org/api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "lecs/base/validate.hpp"
#include "lecs/org/domains.hpp"
#include "lecs/org/org_test_fixture.hpp"

namespace lecs::org {
namespace {

namespace json = boost::json;
using testing::kNow;

class OrgApiTest : public testing::OrgFixture {
  protected:
    void SetUp() override {
        OrgFixture::SetUp();
        register_api(router_, svc(), database());
    }

    http::Response call(const std::string& method, const std::string& path, const std::string& body = "",
                        std::vector<http::Header> query = {}, std::optional<auth::Caller> who = std::nullopt,
                        const std::string& ip = "10.0.0.1") {
        auto m = router_.match(method, path);
        if (!m.route) {
            ADD_FAILURE() << "no route " << method << " " << path;
            return {};
        }
        http::Request req;
        req.method = method;
        req.path = path;
        req.target = path;
        req.query = std::move(query);
        req.path_params = m.params;
        req.body = body;
        req.remote_ip = ip;
        return m.route->handler(req, who.value_or(admin()));
    }
    static json::object obj(const http::Response& r) { return json::parse(r.body).as_object(); }
    static std::string err_code(const http::Response& r) {
        return std::string(obj(r)["error"].as_object()["code"].as_string());
    }
    static std::string err_field(const http::Response& r) {
        return std::string(obj(r)["error"].as_object()["field"].as_string());
    }

    http::Router router_;
};

TEST_P(OrgApiTest, EveryRouteDeclaresPermissionAndScope) {
    std::map<std::string, std::string> got;
    for (const auto& r : router_.routes())
        got[r.method + " " + r.pattern] = r.spec.permission + " " + r.spec.scope.describe();
    const std::map<std::string, std::string> want = {
        {"GET /api/v1/regions", "authenticated " + http::ScopeRule::public_data().describe()},
        {"GET /api/v1/org-directory", "authenticated " + http::ScopeRule::public_data().describe()},
        {"GET /api/v1/enforcement-domains", "authenticated " + http::ScopeRule::public_data().describe()},
        {"GET /api/v1/orgs", "org.read " + http::ScopeRule::filtered().describe()},
        {"GET /api/v1/orgs/tree", "org.read " + http::ScopeRule::filtered().describe()},
        {"GET /api/v1/orgs/{id}", "org.read " + http::ScopeRule::object("org").describe()},
        {"POST /api/v1/orgs", "org.write " + http::ScopeRule::filtered().describe()},
        {"PATCH /api/v1/orgs/{id}", "org.write " + http::ScopeRule::object("org").describe()},
        {"GET /api/v1/orgs/{id}/staffing", "org.read " + http::ScopeRule::object("org").describe()},
        {"PUT /api/v1/orgs/{id}/staffing", "org.write " + http::ScopeRule::object("org").describe()},
        {"GET /api/v1/people", "person.read " + http::ScopeRule::filtered().describe()},
        {"GET /api/v1/people/{id}", "person.read " + http::ScopeRule::object("person").describe()},
        {"POST /api/v1/people", "person.write " + http::ScopeRule::filtered().describe()},
        {"PATCH /api/v1/people/{id}", "person.write " + http::ScopeRule::object("person").describe()},
        {"POST /api/v1/people/{id}/unmask", "pii.unmask " + http::ScopeRule::object("person").describe()},
        {"GET /api/v1/certificates", "cert.read " + http::ScopeRule::filtered().describe()},
        {"GET /api/v1/certificates/{id}", "cert.read " + http::ScopeRule::object("certificate").describe()},
        {"POST /api/v1/certificates", "cert.write " + http::ScopeRule::filtered().describe()},
        {"POST /api/v1/certificates/{id}/events", "cert.write " + http::ScopeRule::object("certificate").describe()},
        {"GET /api/v1/public/certificates/{number}", "public " + http::ScopeRule::public_data().describe()},
        {"GET /api/v1/trainings", "org.read " + http::ScopeRule::filtered().describe()},
        {"POST /api/v1/trainings", "org.write " + http::ScopeRule::filtered().describe()},
    };
    EXPECT_EQ(got, want);
}

TEST_P(OrgApiTest, CreateOrgBadInputTable) {
    struct Row {
        std::string body;
        int status;
        std::string code, field;
    };
    const std::string good_uscc = uscc_with_check("11130500MB0000077");
    const std::string bad_uscc = good_uscc.substr(0, 17) + (good_uscc[17] == '1' ? "2" : "1");
    const Row rows[] = {
        {R"({"kind":"organ","region_code":"130500"})", 400, "validation.required", "name"},
        {R"({"name":")" + std::string(101, 'a') + R"(","kind":"organ","region_code":"130500"})", 400,
         "validation.too_long", "name"},
        {R"({"name":5,"kind":"organ","region_code":"130500"})", 400, "validation.wrong_type", "name"},
        {R"({"name":"邢台市甲局","kind":"organ","region_code":"130500","uscc":")" + bad_uscc + R"("})", 400,
         "org.uscc_invalid", "uscc"},
        {R"({"name":"邢台市甲局","kind":"nope","region_code":"130500"})", 400, "org.kind_invalid", "kind"},
        {R"({"name":"邢台市甲局","kind":"organ","region_code":"130599"})", 400, "org.region_invalid", "region_code"},
        {R"({"name":"邢台市甲局","kind":"organ","region_code":"130500","superior_id":"abc"})", 400,
         "validation.wrong_type", "superior_id"},
        {"[1,2]", 400, "http.bad_json", ""},
    };
    for (const auto& r : rows) {
        auto resp = call("POST", "/api/v1/orgs", r.body);
        EXPECT_EQ(resp.status, r.status) << r.body << " → " << resp.body;
        EXPECT_EQ(err_code(resp), r.code) << r.body;
        if (!r.field.empty()) {
            EXPECT_EQ(err_field(resp), r.field) << r.body;
        }
    }
    auto ok = call("POST", "/api/v1/orgs",
                   R"({"name":"邢台市甲局","kind":"organ","region_code":"130500","uscc":")" + good_uscc + R"("})");
    ASSERT_EQ(ok.status, 201) << ok.body;
    auto o = obj(ok);
    EXPECT_EQ(o["level"].as_string(), "city");
    EXPECT_TRUE(o["id"].is_string());
    EXPECT_EQ(o["version"].as_int64(), 1);
}

TEST_P(OrgApiTest, PatchWithStaleVersionIs409) {
    int64_t id = make_org("邢台市甲局", "organ", "130500");
    std::string path = "/api/v1/orgs/" + id_to_string(id);
    EXPECT_EQ(call("PATCH", path, R"({"version":1,"name":"邢台市乙局"})").status, 200);
    auto stale = call("PATCH", path, R"({"version":1,"name":"邢台市丙局"})");
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(err_code(stale), "version_conflict");
    auto detail = obj(call("GET", path));
    EXPECT_EQ(detail["name"].as_string(), "邢台市乙局");
    EXPECT_EQ(detail["history"].as_array().size(), 1u);
}

TEST_P(OrgApiTest, PeopleAreMaskedAndUnmaskIsAudited) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    auto created = call("POST", "/api/v1/people",
                        R"({"name":"张三","org_id":")" + id_to_string(org) +
                            R"(","id_no":"130503199001011235","phone":"13812345678"})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto p = obj(created);
    EXPECT_EQ(p["id_no"].as_string(), "130***********1235");
    EXPECT_EQ(p["phone"].as_string(), "138****5678");
    auto list = call("GET", "/api/v1/people", "", {{"org_id", id_to_string(org)}});
    EXPECT_EQ(list.body.find("130503199001011235"), std::string::npos);
    EXPECT_EQ(obj(list)["total"].as_int64(), 1);

    std::string unmask = "/api/v1/people/" + std::string(p["id"].as_string()) + "/unmask";
    auto missing = call("POST", unmask, "{}");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(err_field(missing), "reason");
    auto full = call("POST", unmask, R"({"reason":"核对当事人身份"})");
    ASSERT_EQ(full.status, 200) << full.body;
    EXPECT_EQ(obj(full)["id_no"].as_string(), "130503199001011235");
    EXPECT_EQ(database().read([](db::Tx& tx) {
        return tx.query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'person.unmask'")->i64(0);
    }),
              1);
}

TEST_P(OrgApiTest, CertificateListAtADate) {
    int64_t org = make_org("邢台市司法局", "supervision_dept", "130500");
    int64_t p = make_person(org, "李四", "130503199001011235", "13812345678");
    make_cert(p, "supervision", "冀监130500-0004", "2021-03-02", "2026-03-01");
    auto on = call("GET", "/api/v1/certificates", "", {{"at", "2026-03-01"}});
    ASSERT_EQ(on.status, 200) << on.body;
    auto item = obj(on)["items"].as_array()[0].as_object();
    EXPECT_TRUE(item["valid"].as_bool());
    auto after =
        obj(call("GET", "/api/v1/certificates", "", {{"at", "2026-03-02"}}))["items"].as_array()[0].as_object();
    EXPECT_FALSE(after["valid"].as_bool());
    EXPECT_EQ(after["status"].as_string(), "expired");
    EXPECT_EQ(after["reason"].as_string(), "行政执法监督证已于2026年3月1日过期");
    auto bad = call("GET", "/api/v1/certificates", "", {{"at", "2026-02-30"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(err_field(bad), "at");
}

TEST_P(OrgApiTest, PublicVerificationIsMaskedAndRateLimited) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    int64_t p = make_person(org, "张三丰", "130503199001011235", "13812345678");
    make_cert(p, "enforcement", "冀执130503-00001", "2024-01-01", "2099-12-31");
    auth::Caller anonymous;
    auto r = call("GET", "/api/v1/public/certificates/冀执130503-00001", "", {}, anonymous, "203.0.113.9");
    ASSERT_EQ(r.status, 200) << r.body;
    auto o = obj(r);
    EXPECT_EQ(o["holder"].as_string(), "张*丰");
    EXPECT_EQ(o["org_name"].as_string(), "信都区市场监督管理局");
    EXPECT_TRUE(o["valid"].as_bool());
    EXPECT_EQ(o["expires_on"].as_string(), "2099-12-31");
    EXPECT_EQ(r.body.find("130503199001011235"), std::string::npos);
    EXPECT_FALSE(o.contains("person_id"));
    // The limit is per IP: 30 a minute, the first answered above.
    int limited = 0;
    for (int i = 0; i < kPublicVerifyPerMinute; ++i)
        if (call("GET", "/api/v1/public/certificates/冀执130503-00001", "", {}, anonymous, "203.0.113.9").status == 429)
            ++limited;
    EXPECT_EQ(limited, 1);
    EXPECT_EQ(call("GET", "/api/v1/public/certificates/冀执130503-00001", "", {}, anonymous, "203.0.113.10").status,
              200);
}

TEST_P(OrgApiTest, RegionsTree) {
    auto r = call("GET", "/api/v1/regions");
    ASSERT_EQ(r.status, 200);
    auto a = json::parse(r.body).as_array();
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].as_object().at("code").as_string(), "130500");
    EXPECT_EQ(a[0].as_object().at("children").as_array().size(), 19u);
}

TEST_P(OrgApiTest, EnforcementDomainsAreTheVocabularyInOrder) {
    auto r = call("GET", "/api/v1/enforcement-domains");
    ASSERT_EQ(r.status, 200);
    auto items = json::parse(r.body).as_object().at("items").as_array();
    ASSERT_EQ(items.size(), enforcement_domains().size());
    EXPECT_EQ(items[0].as_object().at("code").as_string(), "market");
    EXPECT_EQ(items[0].as_object().at("name").as_string(), "市场监管");
    EXPECT_EQ(domain_name(""), "未分类");
    EXPECT_EQ(domain_name("retired_code"), "retired_code");
    ASSERT_NE(find_domain("ecology"), nullptr);
    EXPECT_EQ(find_domain("ecology")->name, "生态环境");
    EXPECT_EQ(find_domain("weather"), nullptr);
}

TEST_P(OrgApiTest, OrgTreeNestsByRegionAndSuperior) {
    int64_t gov = make_org("信都区人民政府", "government", "130503");
    OrgInput in;
    in.name = "信都区市场监督管理局";
    in.kind = "organ";
    in.region_code = "130503";
    in.superior_id = gov;
    ASSERT_TRUE(database().write([&](db::Tx& tx) { return svc().create_org(tx, admin(), in, kNow); }).ok());
    auto r = call("GET", "/api/v1/orgs/tree");
    ASSERT_EQ(r.status, 200);
    auto city = json::parse(r.body).as_array()[0].as_object();
    auto county = city.at("children").as_array()[0].as_object();
    EXPECT_EQ(county.at("code").as_string(), "130503");
    auto roots = county.at("orgs").as_array();
    ASSERT_EQ(roots.size(), 1u);
    EXPECT_EQ(roots[0].as_object().at("name").as_string(), "信都区人民政府");
    EXPECT_EQ(roots[0].as_object().at("children").as_array()[0].as_object().at("name").as_string(),
              "信都区市场监督管理局");
}

INSTANTIATE_TEST_SUITE_P(Db, OrgApiTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::org
