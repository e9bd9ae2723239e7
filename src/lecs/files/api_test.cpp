// The attachment routes, called through http::Router with a Caller (the HTTP pipeline itself
// is tested over real HTTP in tests/api/files.test.mjs).
#include "lecs/files/api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "lecs/files/files_test_fixture.hpp"

namespace lecs::files {
namespace {

using namespace lecs::files::testing;

class FilesApiTest : public FilesFixture {
  protected:
    void SetUp() override {
        FilesFixture::SetUp();
        register_api(router_, *svc_, database(), [] { return kNow; });
    }
    http::Response call(const std::string& method, const std::string& path, const auth::Caller& who,
                        std::string body = {}, std::vector<http::Header> headers = {}) {
        auto m = router_.match(method, path);
        EXPECT_NE(m.route, nullptr) << method << " " << path;
        if (!m.route) return http::Response{404, {}, {}, {}};
        http::Request req;
        req.method = method;
        req.path = path;
        req.path_params = m.params;
        req.body = std::move(body);
        req.headers = std::move(headers);
        return m.route->handler(req, who);
    }
    static boost::json::object json(const http::Response& r) { return boost::json::parse(r.body).as_object(); }
    static std::string header(const http::Response& r, const std::string& name) {
        for (const auto& [k, v] : r.headers)
            if (k == name) return v;
        return {};
    }

    http::Router router_;
};

TEST_P(FilesApiTest, RoutesDeclarePermissionScopeAndTheUploadLimit) {
    std::map<std::string, std::string> expected = {
        {"POST /api/v1/attachments", "file.upload filtered"},
        {"GET /api/v1/attachments/{id}", "file.read object:attachment:id"},
        {"GET /api/v1/attachments/{id}/content", "file.read object:attachment:id"},
    };
    ASSERT_EQ(router_.routes().size(), expected.size());
    for (const auto& r : router_.routes()) {
        auto it = expected.find(r.method + " " + r.pattern);
        ASSERT_NE(it, expected.end()) << r.method << " " << r.pattern;
        EXPECT_EQ(r.spec.permission + " " + r.spec.scope.describe(), it->second) << it->first;
    }
    const auto* upload = router_.match("POST", "/api/v1/attachments").route;
    EXPECT_EQ(upload->spec.body_limit, static_cast<size_t>(kCap));
    EXPECT_TRUE(upload->spec.idempotent_create);
    EXPECT_EQ(router_.match("GET", "/api/v1/attachments/1").route->spec.body_limit, 1u << 20);
}

TEST_P(FilesApiTest, UploadThenMetadataThenContent) {
    auto up = call("POST", "/api/v1/attachments", scjg_liaison(), kPdf,
                   {{"content-type", "image/png"}, {"x-file-name", "%E5%85%AC%E5%87%BD.pdf"}});
    ASSERT_EQ(up.status, 201) << up.body;
    auto o = json(up);
    EXPECT_EQ(o.at("sm3_hex").as_string(), kPdfSm3);
    EXPECT_EQ(o.at("size_bytes").as_int64(), static_cast<int64_t>(kPdf.size()));
    EXPECT_EQ(o.at("media_type").as_string(), "application/pdf");  // the declared image/png is ignored
    EXPECT_EQ(o.at("original_name").as_string(), "公函.pdf");
    EXPECT_EQ(o.at("org_id").as_string(), "9003");
    EXPECT_TRUE(o.at("owner_kind").is_null());
    EXPECT_TRUE(o.at("owner_id").is_null());
    EXPECT_EQ(o.at("created_at").as_string(), "2026-11-27T02:00:00.000Z");
    const std::string id(o.at("id").as_string());

    auto meta = call("GET", "/api/v1/attachments/" + id, scjg_liaison());
    ASSERT_EQ(meta.status, 200);
    EXPECT_EQ(json(meta), o);

    auto content = call("GET", "/api/v1/attachments/" + id + "/content", scjg_liaison());
    ASSERT_EQ(content.status, 200);
    EXPECT_EQ(content.body, kPdf);
    EXPECT_EQ(content.content_type, "application/pdf");
    EXPECT_EQ(header(content, "Content-Disposition"),
              "inline; filename=\"__.pdf\"; filename*=UTF-8''%E5%85%AC%E5%87%BD.pdf");
    EXPECT_EQ(header(content, "Cache-Control"), "no-store");

    EXPECT_EQ(call("GET", "/api/v1/attachments/" + id, ningjin_supervisor()).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/attachments/" + id + "/content", ningjin_supervisor()).status, 404);
}

TEST_P(FilesApiTest, TheFileNameHeaderIsRequiredAndPercentEncoded) {
    auto missing = call("POST", "/api/v1/attachments", scjg_liaison(), kPdf);
    ASSERT_EQ(missing.status, 400);
    EXPECT_EQ(json(missing).at("error").at("code").as_string(), "file.name_required");
    EXPECT_EQ(json(missing).at("error").at("field").as_string(), "file_name");
    auto empty = call("POST", "/api/v1/attachments", scjg_liaison(), kPdf, {{"x-file-name", ""}});
    EXPECT_EQ(json(empty).at("error").at("code").as_string(), "file.name_required");
    auto bad = call("POST", "/api/v1/attachments", scjg_liaison(), kPdf, {{"x-file-name", "%E5%8"}});
    ASSERT_EQ(bad.status, 400);
    EXPECT_EQ(json(bad).at("error").at("code").as_string(), "validation.wrong_type");
    auto path = call("POST", "/api/v1/attachments", scjg_liaison(), kPdf, {{"x-file-name", "..%2F..%2Fx.pdf"}});
    ASSERT_EQ(path.status, 201);
    EXPECT_EQ(json(path).at("original_name").as_string(), "x.pdf");
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachments"), 1);
}

TEST_P(FilesApiTest, RefusalsSpeakChinese) {
    auto text = call("POST", "/api/v1/attachments", scjg_liaison(), "纯文本", {{"x-file-name", "a.pdf"}});
    ASSERT_EQ(text.status, 400);
    EXPECT_EQ(json(text).at("error").at("code").as_string(), "file.type_not_allowed");
    EXPECT_EQ(json(text).at("error").at("message").as_string(), "只能上传PDF或图片（PNG、JPEG）文件");
    auto big = call("POST", "/api/v1/attachments", scjg_liaison(), "%PDF-" + std::string(kCap, 'x'),
                    {{"x-file-name", "a.pdf"}});
    ASSERT_EQ(big.status, 413);
    EXPECT_EQ(json(big).at("error").at("message").as_string(), "上传的文件不能超过4KB");
}

INSTANTIATE_TEST_SUITE_P(Db, FilesApiTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::files
