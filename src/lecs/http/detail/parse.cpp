#include "lecs/http/detail/parse.hpp"

#include <cstdint>

namespace lecs::http::detail {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Decoded paths and query values reach SQL and logs: they must be valid UTF-8
// without control characters (PostgreSQL rejects invalid UTF-8 outright).
bool clean_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f) return false;
            ++i;
            continue;
        }
        size_t n = 0;
        uint32_t cp = 0;
        if ((c & 0xe0) == 0xc0) {
            n = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        // Overlong forms, surrogates and code points beyond U+10FFFF are not UTF-8.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += n + 1;
    }
    return true;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            int hi = hex_value(s[i + 1]);
            int lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            char d = static_cast<char>(hi * 16 + lo);
            if (d == '\0') return std::nullopt;
            out.push_back(d);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else if (c == '\0') {
            return std::nullopt;
        } else {
            out.push_back(c);
        }
    }
    if (!clean_utf8(out)) return std::nullopt;
    return out;
}

std::optional<std::vector<Header>> parse_query_strict(std::string_view query) {
    std::vector<Header> out;
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view part = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (part.empty()) continue;
        size_t eq = part.find('=');
        auto dk = percent_decode(part.substr(0, eq), true);
        auto dv = percent_decode(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1), true);
        if (!dk || !dv) return std::nullopt;
        if (dk->empty()) continue;
        out.emplace_back(std::move(*dk), std::move(*dv));
    }
    return out;
}

std::vector<Header> parse_query(std::string_view query) {
    std::vector<Header> out;
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view part = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (part.empty()) continue;
        size_t eq = part.find('=');
        std::string_view k = part.substr(0, eq);
        std::string_view v = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
        auto dk = percent_decode(k, true);
        auto dv = percent_decode(v, true);
        if (!dk || !dv || dk->empty()) continue;
        out.emplace_back(std::move(*dk), std::move(*dv));
    }
    return out;
}

std::optional<Target> parse_target(std::string_view target) {
    if (target.empty() || target.front() != '/') return std::nullopt;
    size_t q = target.find('?');
    std::string_view raw_path = target.substr(0, q);
    size_t hash = raw_path.find('#');
    if (hash != std::string_view::npos) raw_path = raw_path.substr(0, hash);
    auto path = percent_decode(raw_path, false);
    if (!path || path->find('\\') != std::string::npos) return std::nullopt;
    Target t;
    t.path = std::move(*path);
    if (q != std::string_view::npos) {
        std::string_view query = target.substr(q + 1);
        size_t qh = query.find('#');
        if (qh != std::string_view::npos) query = query.substr(0, qh);
        auto parsed = parse_query_strict(query);
        if (!parsed) return std::nullopt;  // a value that is not clean UTF-8 makes the request a 400
        t.query = std::move(*parsed);
    }
    return t;
}

std::vector<Header> parse_cookies(std::string_view header) {
    std::vector<Header> out;
    while (!header.empty()) {
        size_t semi = header.find(';');
        std::string_view part = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        size_t eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        std::string_view name = trim(part.substr(0, eq));
        std::string_view value = trim(part.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (name.empty()) continue;
        out.emplace_back(std::string(name), std::string(value));
    }
    return out;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace lecs::http::detail
