// Request-target, query and cookie parsing shared by the server and the fuzz
// target (tests/fuzz/fuzz_http_request.cpp). No Boost: pure string work.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/http/http.hpp"

namespace lecs::http::detail {

// Percent-decodes s; with plus_is_space, '+' becomes ' ' (query strings). nullopt on a bad
// escape, or when the result is not clean UTF-8 (invalid sequences, control characters).
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

struct Target {
    std::string path;  // decoded
    std::vector<Header> query;
};

// Splits "/a%20b?x=1&y" into a decoded path and query pairs. Returns nullopt
// when the target does not start with '/', or the path does not decode, or the
// decoded path contains a NUL or a backslash.
std::optional<Target> parse_target(std::string_view target);

// "a=1&b=%20&c" → {a,1},{b," "},{c,""}; pairs that do not decode are skipped.
std::vector<Header> parse_query(std::string_view query);
// As parse_query, but nullopt when any key or value is not decodable to clean
// UTF-8 (no control characters); parse_target uses this one.
std::optional<std::vector<Header>> parse_query_strict(std::string_view query);

// "a=1; b=2" → {a,1},{b,2}; surrounding spaces trimmed, quotes around values removed.
std::vector<Header> parse_cookies(std::string_view header);

// Lower-cases ASCII letters.
std::string to_lower(std::string_view s);

}  // namespace lecs::http::detail
