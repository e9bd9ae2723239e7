// The document routes, called through http::Router with a Caller.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "lecs/base/crypto.hpp"
#include "lecs/docs/api.hpp"
#include "lecs/docs/issue_test_fixture.hpp"

namespace lecs::docs {
namespace {

using namespace lecs::docs::testing;

class DocsApiTest : public IssueFixture {
  protected:
    void SetUp() override {
        IssueFixture::SetUp();
        register_api(router_, *svc_, database(), [] { return kNov27; });
    }
    http::Response call(const std::string& method, const std::string& path, const auth::Caller& who,
                        std::string body = {}, std::string content_type = "application/json") {
        auto m = router_.match(method, path);
        EXPECT_NE(m.route, nullptr) << method << " " << path;
        if (!m.route) return http::Response{404, {}, {}, {}};
        http::Request req;
        req.method = method;
        req.path = path;
        req.path_params = m.params;
        req.body = std::move(body);
        req.headers.emplace_back("content-type", content_type);
        return m.route->handler(req, who);
    }
    static boost::json::object json(const http::Response& r) { return boost::json::parse(r.body).as_object(); }

    http::Router router_;
};

TEST_P(DocsApiTest, RoutesDeclarePermissionAndScope) {
    std::map<std::string, std::string> expected = {
        {"GET /api/v1/document-types", "doc.read public"},
        {"POST /api/v1/documents", "doc.draft filtered"},
        {"GET /api/v1/documents", "doc.read filtered"},
        {"GET /api/v1/documents/{id}", "doc.read object:document:id"},
        {"PUT /api/v1/documents/{id}", "doc.draft object:document:id"},
        {"GET /api/v1/documents/{id}/preview", "doc.read object:document:id"},
        {"POST /api/v1/documents/{id}/issue", "doc.issue object:document:id"},
        {"GET /api/v1/documents/{id}/pdf", "doc.read object:document:id"},
        {"GET /api/v1/documents/{id}/signature", "doc.read object:document:id"},
        {"GET /api/v1/documents/{id}/print", "doc.read object:document:id"},
        {"GET /api/v1/documents/{id}/deliveries", "doc.read object:document:id"},
        {"POST /api/v1/documents/{id}/deliveries", "doc.draft object:document:id"},
        {"POST /api/v1/deliveries/{id}/receipt", "doc.receipt object:delivery:id"},
        {"GET /api/v1/deliveries/{id}/form", "doc.read object:delivery:id"},
        {"PUT /api/v1/orgs/{id}/doc-prefixes/{doc_type}", "doc.issue object:org:id"},
        {"GET /api/v1/public/documents/{token}/verify", "public public"},
        {"POST /api/v1/public/documents/{token}/verify", "public public"},
        {"GET /api/v1/public/orgs/{id}/sign-key", "public public"},
        {"GET /api/v1/public/documents/{token}/page", "public public"},
    };
    ASSERT_EQ(router_.routes().size(), expected.size());
    for (const auto& r : router_.routes()) {
        auto it = expected.find(r.method + " " + r.pattern);
        ASSERT_NE(it, expected.end()) << r.method << " " << r.pattern;
        EXPECT_EQ(r.spec.permission + " " + r.spec.scope.describe(), it->second) << it->first;
    }
    EXPECT_EQ(router_.match("POST", "/api/v1/public/documents/x/verify").route->spec.body_limit,
              27966120u);  // 20 MiB of PDF in base64 + 4 KiB
}

TEST_P(DocsApiTest, DraftIssueAndVerifyThroughTheRoutes) {
    auto created = call("POST", "/api/v1/documents", city_supervisor(), R"({
        "doc_type": "supervision_notice",
        "title": "关于纠正行政处罚案卷不规范问题的通知",
        "recipients": [{"name": "邢台市市场监督管理局", "org_id": "9003"}],
        "body": ["经查，你局部分案卷送达程序不规范。", "请于三十日内整改。"],
        "fields": {"target_org": "邢台市市场监督管理局", "correction_deadline": "30日"}})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = std::string(json(created).at("id").as_string());
    EXPECT_EQ(json(created).at("status").as_string(), "draft");
    EXPECT_TRUE(json(created).at("number_text").is_null());

    auto preview = call("GET", "/api/v1/documents/" + id + "/preview", city_supervisor());
    EXPECT_EQ(preview.status, 200);
    EXPECT_EQ(preview.content_type, "text/html; charset=utf-8");

    EXPECT_EQ(call("POST", "/api/v1/documents/" + id + "/issue", city_supervisor()).status, 403);
    auto issued = call("POST", "/api/v1/documents/" + id + "/issue", city_leader());
    ASSERT_EQ(issued.status, 200) << issued.body;
    auto doc = json(issued);
    EXPECT_EQ(doc.at("number_text").as_string(), "邢执监通〔2026〕1号");
    EXPECT_EQ(doc.at("issue_date").as_string(), "2026-11-27");
    const std::string token = std::string(doc.at("verify_token").as_string());

    auto put = call("PUT", "/api/v1/documents/" + id, city_supervisor(),
                    R"({"doc_type":"supervision_notice","title":"改","body":["x"],"recipients":[{"name":"甲"}],
                        "fields":{"target_org":"甲","correction_deadline":"1日"},"version":2})");
    EXPECT_EQ(put.status, 409);

    auto pdf = call("GET", "/api/v1/documents/" + id + "/pdf", city_leader());
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

    auto v = call("GET", "/api/v1/public/documents/" + token + "/verify", auth::Caller{});
    ASSERT_EQ(v.status, 200);
    auto vo = json(v);
    EXPECT_EQ(vo.at("authentic").as_bool(), true);
    EXPECT_EQ(vo.at("issuer").as_string(), "邢台市司法局");
    EXPECT_EQ(vo.at("number_text").as_string(), "邢执监通〔2026〕1号");
    EXPECT_EQ(vo.at("issue_date_text").as_string(), "2026年11月27日");
    EXPECT_EQ(vo.at("type_name").as_string(), "行政执法监督通知书");

    const std::string verify = "/api/v1/public/documents/" + token + "/verify";
    auto up = call("POST", verify, auth::Caller{}, R"({"pdf_base64":")" + crypto::base64(pdf.body) + "\"}");
    ASSERT_EQ(up.status, 200) << up.body;
    EXPECT_EQ(json(up).at("authentic").as_bool(), true);
    std::string changed = pdf.body;
    changed.back() ^= 0x01;
    auto up2 = call("POST", verify, auth::Caller{}, R"({"pdf_base64":")" + crypto::base64(changed) + "\"}");
    EXPECT_EQ(json(up2).at("authentic").as_bool(), false);
    auto raw = call("POST", verify, auth::Caller{}, pdf.body, "application/pdf");
    EXPECT_EQ(json(raw).at("authentic").as_bool(), true);
    auto raw_changed = call("POST", verify, auth::Caller{}, changed, "application/pdf");
    EXPECT_EQ(json(raw_changed).at("authentic").as_bool(), false);
    EXPECT_EQ(call("POST", verify, auth::Caller{}, R"({"pdf_base64":"*"})").status, 400);
    EXPECT_EQ(call("POST", verify, auth::Caller{}, R"({})").status, 400);
    EXPECT_EQ(call("GET", "/api/v1/public/documents/nope/verify", auth::Caller{}).status, 404);

    auto page = call("GET", "/api/v1/public/documents/" + token + "/page", auth::Caller{});
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("文书真实有效"), std::string::npos);
    EXPECT_NE(page.body.find("邢执监通〔2026〕1号"), std::string::npos);

    auto key = call("GET", "/api/v1/public/orgs/9002/sign-key", auth::Caller{});
    EXPECT_EQ(key.status, 200);
    EXPECT_EQ(key.body.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
    EXPECT_EQ(call("GET", "/api/v1/public/orgs/9003/sign-key", auth::Caller{}).status, 404);

    auto del = call("POST", "/api/v1/documents/" + id + "/deliveries", city_supervisor(),
                    R"({"recipient_org_id":"9003","channel":"direct","delivered_on":"2026-11-30"})");
    ASSERT_EQ(del.status, 201) << del.body;
    const std::string did = std::string(json(del).at("id").as_string());
    auto rec = call("POST", "/api/v1/deliveries/" + did + "/receipt", scjg_liaison(),
                    R"({"received_on":"2026-12-01","deadline":{"name":"整改报告","days":30,"unit":"calendar_days"}})");
    ASSERT_EQ(rec.status, 200) << rec.body;
    EXPECT_EQ(json(rec).at("received_on").as_string(), "2026-12-01");
    EXPECT_FALSE(json(rec).at("deadline_id").is_null());
    auto list = call("GET", "/api/v1/documents/" + id + "/deliveries", city_leader());
    EXPECT_EQ(json(list).at("items").as_array().size(), 1u);
}

TEST_P(DocsApiTest, InternalDocumentVerificationShowsNoContents) {
    DocumentInput in;
    in.doc_type = "interview_record";
    in.title = "约谈记录";
    in.body = {"约谈对象承认案卷送达不规范，承诺三十日内整改。"};
    in.fields = {{"interviewee", "邢台市市场监督管理局负责人"}, {"interview_time", "2026-11-26 09:00"}};
    auto doc = issue_ok(city_leader(), draft(city_supervisor(), in));
    auto v = call("GET", "/api/v1/public/documents/" + *doc.verify_token + "/verify", auth::Caller{});
    ASSERT_EQ(v.status, 200);
    auto o = json(v);
    EXPECT_EQ(boost::json::serialize(o), R"({"found":true,"authentic":true,"internal":true})");
    auto page = call("GET", "/api/v1/public/documents/" + *doc.verify_token + "/page", auth::Caller{});
    EXPECT_EQ(page.body.find("约谈"), std::string::npos);
    EXPECT_EQ(page.body.find("邢执监谈"), std::string::npos);
    EXPECT_NE(page.body.find("文书真实有效"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Db, DocsApiTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::docs
