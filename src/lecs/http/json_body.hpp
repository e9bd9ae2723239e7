// Reading JSON request bodies, for the handlers of every module.
//
// Contract: parse_json_object() applies the server's limits (size, depth) and
// returns 400 http.bad_json on anything that is not one JSON object. The field
// readers return typed 400 errors whose `field` is the JSON field name and
// whose message names the field in Chinese (label_zh):
//   validation.required  「label」不能为空
//   validation.too_long  「label」不能超过N个字
//   validation.wrong_type 「label」格式不正确
// String lengths count Unicode code points, not bytes. Strings are trimmed of
// surrounding ASCII whitespace; an all-blank required string is missing.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/http.hpp"

namespace lecs::http {

inline constexpr size_t kMaxJsonDepth = 32;
inline constexpr size_t kMaxJsonBytes = 8u << 20;

Result<boost::json::object> parse_json_object(std::string_view body);

Result<std::string> required_string(const boost::json::object& o, std::string_view field, size_t max_chars,
                                    std::string_view label_zh);
// Absent or null → nullopt; "" (after trimming) → "" (a caller may clear a field).
Result<std::optional<std::string>> optional_string(const boost::json::object& o, std::string_view field,
                                                   size_t max_chars, std::string_view label_zh);
Result<int64_t> required_int64(const boost::json::object& o, std::string_view field, std::string_view label_zh);
Result<std::optional<int64_t>> optional_int64(const boost::json::object& o, std::string_view field,
                                              std::string_view label_zh);
Result<bool> required_bool(const boost::json::object& o, std::string_view field, std::string_view label_zh);
Result<std::optional<bool>> optional_bool(const boost::json::object& o, std::string_view field,
                                          std::string_view label_zh);
// An id travels as a JSON string of digits ("123"); a positive JSON integer is accepted too.
Result<int64_t> required_id(const boost::json::object& o, std::string_view field, std::string_view label_zh);
Result<std::optional<int64_t>> optional_id(const boost::json::object& o, std::string_view field,
                                           std::string_view label_zh);
// Strict YYYY-MM-DD, a real calendar date.
Result<Date> required_date(const boost::json::object& o, std::string_view field, std::string_view label_zh);
Result<std::optional<Date>> optional_date(const boost::json::object& o, std::string_view field,
                                          std::string_view label_zh);

// Whether s holds a control character other than tab and line breaks (NUL truncates silently in
// PostgreSQL, and no text field needs the others). Shared by the JSON fields and the CSV imports.
bool has_control_char(std::string_view s);

// Code points in a UTF-8 string (invalid bytes count one each).
size_t utf8_length(std::string_view s);

// A paging query parameter (page, size): its value clamped to 1..max, or `fallback` when it is
// absent, longer than 6 characters or not all digits (paging never refuses a request). In query.cpp,
// apart from the body readers, which the fuzz target builds without the router.
int int_query_param(const Request& req, std::string_view name, int fallback, int max);

}  // namespace lecs::http
