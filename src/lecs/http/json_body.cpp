#include "lecs/http/json_body.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/id.hpp"

namespace lecs::http {
namespace {

namespace json = boost::json;

std::string quoted(std::string_view label) { return "「" + std::string(label) + "」"; }

Error required_error(std::string_view field, std::string_view label) {
    return Error::validation("validation.required", quoted(label) + "不能为空", std::string(field));
}
Error wrong_type(std::string_view field, std::string_view label) {
    return Error::validation("validation.wrong_type", quoted(label) + "格式不正确", std::string(field));
}

std::string_view trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

// nullptr when absent or JSON null.
const json::value* find(const json::object& o, std::string_view field) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return nullptr;
    return &it->value();
}

Result<std::string> read_string(const json::value& v, std::string_view field, size_t max_chars,
                                std::string_view label) {
    if (!v.is_string()) return wrong_type(field, label);
    std::string_view s = trim(std::string_view(v.get_string()));
    if (has_control_char(s))
        return Error::validation("validation.control_char", quoted(label) + "包含不可见的控制字符", std::string(field));
    if (utf8_length(s) > max_chars)
        return Error::validation("validation.too_long", quoted(label) + "不能超过" + std::to_string(max_chars) + "个字",
                                 std::string(field));
    return std::string(s);
}

Result<int64_t> read_int64(const json::value& v, std::string_view field, std::string_view label) {
    // A uint64 above the int64 range, a double or a string is the wrong type.
    if (v.is_int64()) return v.get_int64();
    return wrong_type(field, label);
}

Result<int64_t> read_id(const json::value& v, std::string_view field, std::string_view label) {
    int64_t id = 0;
    if (v.is_string())
        id = parse_id(std::string_view(v.get_string()));
    else if (v.is_int64())
        id = v.get_int64();
    if (id <= 0) return wrong_type(field, label);
    return id;
}

Result<Date> read_date(const json::value& v, std::string_view field, std::string_view label) {
    if (!v.is_string()) return wrong_type(field, label);
    auto d = Date::parse(std::string_view(v.get_string()));
    if (!d) return wrong_type(field, label);
    return *d;
}

}  // namespace

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

Result<json::object> parse_json_object(std::string_view body) {
    auto bad = [] { return Error::validation("http.bad_json", "请求体不是有效的JSON"); };
    if (body.size() > kMaxJsonBytes) return bad();
    json::parse_options opt;
    opt.max_depth = kMaxJsonDepth;
    boost::system::error_code ec;
    json::value v = json::parse(body, ec, {}, opt);
    if (ec || !v.is_object()) return bad();
    return std::move(v.as_object());
}

Result<std::string> required_string(const json::object& o, std::string_view field, size_t max_chars,
                                    std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v) return required_error(field, label_zh);
    LECS_ASSIGN(std::string s, read_string(*v, field, max_chars, label_zh));
    if (s.empty()) return required_error(field, label_zh);
    return s;
}

Result<std::optional<std::string>> optional_string(const json::object& o, std::string_view field, size_t max_chars,
                                                   std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v) return std::optional<std::string>();
    LECS_ASSIGN(std::string s, read_string(*v, field, max_chars, label_zh));
    return std::optional<std::string>(std::move(s));
}

Result<int64_t> required_int64(const json::object& o, std::string_view field, std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v) return required_error(field, label_zh);
    return read_int64(*v, field, label_zh);
}

Result<std::optional<int64_t>> optional_int64(const json::object& o, std::string_view field,
                                              std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v) return std::optional<int64_t>();
    LECS_ASSIGN(int64_t x, read_int64(*v, field, label_zh));
    return std::optional<int64_t>(x);
}

Result<bool> required_bool(const json::object& o, std::string_view field, std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v) return required_error(field, label_zh);
    if (!v->is_bool()) return wrong_type(field, label_zh);
    return v->get_bool();
}

Result<std::optional<bool>> optional_bool(const json::object& o, std::string_view field, std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v) return std::optional<bool>();
    if (!v->is_bool()) return wrong_type(field, label_zh);
    return std::optional<bool>(v->get_bool());
}

Result<int64_t> required_id(const json::object& o, std::string_view field, std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v || (v->is_string() && trim(std::string_view(v->get_string())).empty()))
        return required_error(field, label_zh);
    return read_id(*v, field, label_zh);
}

Result<std::optional<int64_t>> optional_id(const json::object& o, std::string_view field, std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v || (v->is_string() && v->get_string().empty())) return std::optional<int64_t>();
    LECS_ASSIGN(int64_t x, read_id(*v, field, label_zh));
    return std::optional<int64_t>(x);
}

Result<Date> required_date(const json::object& o, std::string_view field, std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v || (v->is_string() && v->get_string().empty())) return required_error(field, label_zh);
    return read_date(*v, field, label_zh);
}

Result<std::optional<Date>> optional_date(const json::object& o, std::string_view field, std::string_view label_zh) {
    const json::value* v = find(o, field);
    if (!v || (v->is_string() && v->get_string().empty())) return std::optional<Date>();
    LECS_ASSIGN(Date d, read_date(*v, field, label_zh));
    return std::optional<Date>(d);
}

bool has_control_char(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f;
    });
}

}  // namespace lecs::http
