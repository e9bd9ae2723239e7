// libFuzzer target: JSON request bodies through the helpers every handler
// uses (lecs/http/json_body.hpp), with the server's size and depth limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lecs/http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    auto o = lecs::http::parse_json_object(body);
    if (!o.ok()) return 0;
    (void)lecs::http::required_string(*o, "name", 50, "名称");
    (void)lecs::http::optional_string(*o, "note", 200, "备注");
    (void)lecs::http::required_int64(*o, "n", "数量");
    (void)lecs::http::optional_int64(*o, "m", "数量");
    (void)lecs::http::required_bool(*o, "flag", "启用");
    (void)lecs::http::optional_bool(*o, "flag2", "启用");
    (void)lecs::http::required_id(*o, "id", "编号");
    (void)lecs::http::optional_id(*o, "org_id", "机构");
    (void)lecs::http::required_date(*o, "date", "日期");
    (void)lecs::http::optional_date(*o, "until", "日期");
    return 0;
}
