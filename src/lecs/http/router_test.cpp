#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "lecs/http/detail/parse.hpp"
#include "lecs/http/http.hpp"

namespace lecs::http {
namespace {

Response ok_handler(const Request&, const auth::Caller&) { return Response::json(200, "{}"); }

RouteSpec spec(std::string perm, ScopeRule scope) {
    RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    return s;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
    Router r;
    r.get("/api/v1/orgs", spec("org.read", ScopeRule::filtered()), ok_handler);
    r.get("/api/v1/orgs/{id}", spec("org.read", ScopeRule::object("org")), ok_handler);
    r.get("/api/v1/orgs/{id}/staffing/{year}", spec("org.read", ScopeRule::object("org")), ok_handler);

    Match m = r.match("GET", "/api/v1/orgs/42/staffing/2026");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/api/v1/orgs/{id}/staffing/{year}");
    ASSERT_EQ(m.params.size(), 2u);
    EXPECT_EQ(m.params[0], (Header{"id", "42"}));
    EXPECT_EQ(m.params[1], (Header{"year", "2026"}));

    Match list = r.match("GET", "/api/v1/orgs");
    ASSERT_NE(list.route, nullptr);
    EXPECT_EQ(list.route->pattern, "/api/v1/orgs");
    EXPECT_TRUE(list.params.empty());

    EXPECT_EQ(r.match("GET", "/api/v1/orgs/").route, nullptr);  // empty parameter
    EXPECT_EQ(r.match("GET", "/api/v1/org").route, nullptr);
    EXPECT_EQ(r.match("GET", "/api/v1/orgs/1/2").route, nullptr);
}

TEST(Router, LiteralSegmentBeatsParameter) {
    Router r;
    r.get("/api/v1/orgs/{id}", spec("org.read", ScopeRule::object("org")), ok_handler);
    r.get("/api/v1/orgs/tree", spec("org.read", ScopeRule::filtered()), ok_handler);
    EXPECT_EQ(r.match("GET", "/api/v1/orgs/tree").route->pattern, "/api/v1/orgs/tree");
    EXPECT_EQ(r.match("GET", "/api/v1/orgs/7").route->pattern, "/api/v1/orgs/{id}");
}

TEST(Router, WrongMethodListsAllowedMethods) {
    Router r;
    r.get("/api/v1/orgs/{id}", spec("org.read", ScopeRule::object("org")), ok_handler);
    r.patch("/api/v1/orgs/{id}", spec("org.write", ScopeRule::object("org")), ok_handler);
    Match m = r.match("DELETE", "/api/v1/orgs/5");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "PATCH"}));
    Match none = r.match("DELETE", "/api/v1/nothing");
    EXPECT_EQ(none.route, nullptr);
    EXPECT_TRUE(none.allowed.empty());
}

TEST(Router, HeadIsServedByGet) {
    Router r;
    r.get("/api/v1/regions", spec(std::string(kAuthenticated), ScopeRule::public_data()), ok_handler);
    EXPECT_NE(r.match("HEAD", "/api/v1/regions").route, nullptr);
}

TEST(Router, RegistrationWithoutPermissionThrows) {
    Router r;
    EXPECT_THROW(r.get("/api/v1/x", spec("", ScopeRule::system()), ok_handler), std::logic_error);
}

TEST(Router, RegistrationWithoutScopeThrows) {
    Router r;
    EXPECT_THROW(r.get("/api/v1/x", spec("org.read", ScopeRule{}), ok_handler), std::logic_error);
}

TEST(Router, DuplicateRegistrationThrows) {
    Router r;
    r.get("/api/v1/orgs/{id}", spec("org.read", ScopeRule::object("org")), ok_handler);
    EXPECT_THROW(r.get("/api/v1/orgs/{org}", spec("org.read", ScopeRule::object("org", "org")), ok_handler),
                 std::logic_error);
    // Another method on the same pattern is fine.
    EXPECT_NO_THROW(r.put("/api/v1/orgs/{id}", spec("org.write", ScopeRule::object("org")), ok_handler));
    EXPECT_EQ(r.routes().size(), 2u);
}

TEST(Router, ObjectScopeOnAMissingParameterThrows) {
    Router r;
    EXPECT_THROW(r.get("/api/v1/orgs/{org_id}", spec("org.read", ScopeRule::object("org", "id")), ok_handler),
                 std::logic_error);
}

TEST(ScopeRule, Describes) {
    EXPECT_EQ(ScopeRule::object("org").describe(), "object:org:id");
    EXPECT_EQ(ScopeRule::object("person", "pid").describe(), "object:person:pid");
    EXPECT_EQ(ScopeRule::filtered().describe(), "filtered");
    EXPECT_EQ(ScopeRule::self().describe(), "self");
    EXPECT_EQ(ScopeRule::system().describe(), "system");
    EXPECT_EQ(ScopeRule::public_data().describe(), "public");
    EXPECT_EQ(ScopeRule{}.describe(), "unset");
}

TEST(ErrorResponse, HasTheApiShapeWithEscaping) {
    Error e{"inspection.too_few_supervisors", "现场监督的监督人员不得少于2人\"", "team", "《办法》第十三条", 400};
    Response r = error_response(e);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(
        r.body,
        "{\"error\":{\"code\":\"inspection.too_few_supervisors\",\"message\":\"现场监督的监督人员不得少于2人\\\"\","
        "\"field\":\"team\",\"basis\":\"《办法》第十三条\"}}");
}

TEST(ErrorResponse, EmptyFieldAndBasisArePresent) {
    Response r = error_response(Error::forbidden());
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(
        r.body,
        "{\"error\":{\"code\":\"forbidden\",\"message\":\"您没有执行此操作的权限\",\"field\":\"\",\"basis\":\"\"}}");
}

TEST(ErrorResponse, InternalErrorCarriesTheRequestId) {
    Response r = internal_error("abc123");
    EXPECT_EQ(r.status, 500);
    auto v = boost::json::parse(r.body);
    EXPECT_EQ(v.at("error").at("code").as_string(), "internal");
    EXPECT_EQ(v.at("error").at("request_id").as_string(), "abc123");
    EXPECT_NE(std::string(v.at("error").at("message").as_string()).find("abc123"), std::string::npos);
}

TEST(Request, HeaderQueryParamAndCookie) {
    Request req;
    req.headers = {{"content-type", "application/json"}, {"cookie", "a=1; lecs_session=\"tok en\" ; b=2"}};
    req.query = detail::parse_query("q=%E5%BC%A0+%E4%B8%89&page=2&empty=&flag");
    req.path_params = {{"id", "42"}};
    EXPECT_EQ(req.header("content-type"), std::optional<std::string_view>("application/json"));
    EXPECT_EQ(req.header("accept"), std::nullopt);
    EXPECT_EQ(req.query_param("q"), std::optional<std::string>("张 三"));
    EXPECT_EQ(req.query_param("page"), std::optional<std::string>("2"));
    EXPECT_EQ(req.query_param("empty"), std::optional<std::string>(""));
    EXPECT_EQ(req.query_param("flag"), std::optional<std::string>(""));
    EXPECT_EQ(req.query_param("nope"), std::nullopt);
    EXPECT_EQ(req.param("id"), "42");
    EXPECT_EQ(req.param("other"), "");
    EXPECT_EQ(req.cookie("lecs_session"), std::optional<std::string>("tok en"));
    EXPECT_EQ(req.cookie("b"), std::optional<std::string>("2"));
    EXPECT_EQ(req.cookie("c"), std::nullopt);
}

TEST(Parse, TargetDecodesPathAndQuery) {
    auto t = detail::parse_target("/api/v1/people%2Fx?q=a%26b&size=20#frag");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->path, "/api/v1/people/x");
    ASSERT_EQ(t->query.size(), 2u);
    EXPECT_EQ(t->query[0], (Header{"q", "a&b"}));
    EXPECT_EQ(t->query[1], (Header{"size", "20"}));
}

TEST(Parse, TargetRefusesBadInput) {
    EXPECT_FALSE(detail::parse_target("api/v1"));
    EXPECT_FALSE(detail::parse_target(""));
    EXPECT_FALSE(detail::parse_target("/a%zz"));
    EXPECT_FALSE(detail::parse_target("/a%2"));
    EXPECT_FALSE(detail::parse_target("/a%00b"));
    EXPECT_FALSE(detail::parse_target("/a%5Cb"));  // backslash
}

TEST(Parse, TargetRefusesWhatIsNotCleanUtf8) {
    EXPECT_FALSE(detail::parse_target("/api/v1/public/certificates/%ff"));  // invalid UTF-8 in the path
    EXPECT_FALSE(detail::parse_target("/api/v1/people?q=%ff"));             // … in a query value
    EXPECT_FALSE(detail::parse_target("/api/v1/people?q=%c0%af"));          // overlong '/'
    EXPECT_FALSE(detail::parse_target("/api/v1/people?q=%ed%a0%80"));       // a surrogate
    EXPECT_FALSE(detail::parse_target("/api/v1/people?q=a%0ab"));           // a control character
    auto ok = detail::parse_target("/api/v1/people?q=%E5%88%98%E4%BC%9F");  // 刘伟
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->query[0], (Header{"q", "刘伟"}));
}

TEST(Parse, QuerySkipsUndecodablePairs) {
    auto q = detail::parse_query("a=%zz&b=1&&=3");
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0], (Header{"b", "1"}));
}

}  // namespace
}  // namespace lecs::http
