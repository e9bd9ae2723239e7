#include "lecs/http/json_body.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace lecs::http {
namespace {

boost::json::object obj(std::string_view text) { return boost::json::parse(text).as_object(); }

TEST(JsonBody, ParsesAnObject) {
    auto r = parse_json_object(R"({"a":1})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->at("a").as_int64(), 1);
}

TEST(JsonBody, RefusesNonObjectsAndGarbage) {
    for (std::string_view body : {"", "[1]", "\"x\"", "{", "{\"a\":}", "nul"}) {
        auto r = parse_json_object(body);
        ASSERT_FALSE(r.ok()) << body;
        EXPECT_EQ(r.error().code, "http.bad_json");
        EXPECT_EQ(r.error().message, "请求体不是有效的JSON");
        EXPECT_EQ(r.error().http_status, 400);
    }
}

TEST(JsonBody, RefusesControlCharactersButKeepsLineBreaks) {
    auto nul = required_string(obj(R"({"name":"a\u0000b"})"), "name", 50, "姓名");
    ASSERT_FALSE(nul.ok());
    EXPECT_EQ(nul.error().code, "validation.control_char");
    EXPECT_EQ(nul.error().field, "name");
    EXPECT_EQ(nul.error().message, "「姓名」包含不可见的控制字符");
    EXPECT_FALSE(required_string(obj(R"({"name":"a\u001bb"})"), "name", 50, "姓名").ok());
    auto text = required_string(obj(R"({"body":"第一段\n第二段\t"})"), "body", 50, "正文");
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, "第一段\n第二段");  // trailing tab trimmed
}

TEST(JsonBody, RefusesDeepNesting) {
    std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
    EXPECT_FALSE(parse_json_object(deep).ok());
    std::string shallow = "{\"a\":" + std::string(20, '[') + std::string(20, ']') + "}";
    EXPECT_TRUE(parse_json_object(shallow).ok());
}

TEST(JsonBody, RequiredString) {
    auto o = obj(R"({"name":"  邢台市司法局 ","blank":"  ","num":3,"long":"一二三四五六"})");
    auto ok = required_string(o, "name", 10, "名称");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, "邢台市司法局");

    auto missing = required_string(o, "absent", 10, "名称");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "validation.required");
    EXPECT_EQ(missing.error().message, "「名称」不能为空");
    EXPECT_EQ(missing.error().field, "absent");

    EXPECT_EQ(required_string(o, "blank", 10, "名称").error().code, "validation.required");

    auto wrong = required_string(o, "num", 10, "名称");
    EXPECT_EQ(wrong.error().code, "validation.wrong_type");
    EXPECT_EQ(wrong.error().message, "「名称」格式不正确");

    auto too_long = required_string(o, "long", 5, "名称");
    EXPECT_EQ(too_long.error().code, "validation.too_long");
    EXPECT_EQ(too_long.error().message, "「名称」不能超过5个字");
    EXPECT_TRUE(required_string(o, "long", 6, "名称").ok());  // six characters, 18 bytes
}

TEST(JsonBody, OptionalString) {
    auto o = obj(R"({"a":"x","n":null,"e":""})");
    EXPECT_EQ(optional_string(o, "a", 5, "甲").value(), std::optional<std::string>("x"));
    EXPECT_EQ(optional_string(o, "n", 5, "甲").value(), std::nullopt);
    EXPECT_EQ(optional_string(o, "absent", 5, "甲").value(), std::nullopt);
    EXPECT_EQ(optional_string(o, "e", 5, "甲").value(), std::optional<std::string>(""));
}

TEST(JsonBody, Integers) {
    auto o = obj(R"({"i":-5,"f":1.5,"s":"3","big":18446744073709551615})");
    EXPECT_EQ(required_int64(o, "i", "数量").value(), -5);
    EXPECT_EQ(required_int64(o, "f", "数量").error().code, "validation.wrong_type");
    EXPECT_EQ(required_int64(o, "s", "数量").error().code, "validation.wrong_type");
    EXPECT_EQ(required_int64(o, "big", "数量").error().code, "validation.wrong_type");
    EXPECT_EQ(required_int64(o, "absent", "数量").error().code, "validation.required");
    EXPECT_EQ(optional_int64(o, "absent", "数量").value(), std::nullopt);
}

TEST(JsonBody, Bools) {
    auto o = obj(R"({"t":true,"n":1})");
    EXPECT_EQ(required_bool(o, "t", "启用").value(), true);
    EXPECT_EQ(required_bool(o, "n", "启用").error().code, "validation.wrong_type");
    EXPECT_EQ(optional_bool(o, "absent", "启用").value(), std::nullopt);
    EXPECT_EQ(optional_bool(o, "t", "启用").value(), std::optional<bool>(true));
}

TEST(JsonBody, Ids) {
    auto o = obj(R"({"a":"123","b":"12x","c":"0","d":"-1","e":"","n":77})");
    EXPECT_EQ(required_id(o, "a", "机构").value(), 123);
    EXPECT_EQ(required_id(o, "n", "机构").value(), 77);
    EXPECT_EQ(required_id(o, "b", "机构").error().code, "validation.wrong_type");
    EXPECT_EQ(required_id(o, "c", "机构").error().code, "validation.wrong_type");
    EXPECT_EQ(required_id(o, "d", "机构").error().code, "validation.wrong_type");
    EXPECT_EQ(required_id(o, "e", "机构").error().code, "validation.required");
    EXPECT_EQ(optional_id(o, "e", "机构").value(), std::nullopt);
}

TEST(JsonBody, Dates) {
    auto o = obj(R"({"d":"2026-02-28","bad":"2026-02-29","fmt":"2026/01/01"})");
    auto d = required_date(o, "d", "日期");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->iso(), "2026-02-28");
    EXPECT_EQ(required_date(o, "bad", "日期").error().code, "validation.wrong_type");
    EXPECT_EQ(required_date(o, "fmt", "日期").error().code, "validation.wrong_type");
    EXPECT_EQ(required_date(o, "absent", "日期").error().code, "validation.required");
    EXPECT_EQ(optional_date(o, "absent", "日期").value(), std::nullopt);
}

}  // namespace
}  // namespace lecs::http
