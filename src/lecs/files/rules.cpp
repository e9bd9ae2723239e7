#include "lecs/files/rules.hpp"

#include <stdexcept>
#include <vector>

namespace lecs::files::rules {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// One code point of a UTF-8 string: its value and its bytes.
struct CodePoint {
    char32_t cp;
    std::string_view bytes;
};

// The length of the well-formed UTF-8 sequence at s[i] (Unicode 15 §3.9, Table 3-7), 0 when it
// is ill-formed: overlong forms, surrogates and values above U+10FFFF are ill-formed.
size_t sequence_length(std::string_view s, size_t i, char32_t* out) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const auto in = [](unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; };
    const unsigned char c0 = b(0);
    const size_t left = s.size() - i;
    if (c0 < 0x80) {
        *out = c0;
        return 1;
    }
    if (in(c0, 0xC2, 0xDF)) {
        if (left < 2 || !in(b(1), 0x80, 0xBF)) return 0;
        *out = (char32_t(c0 & 0x1F) << 6) | (b(1) & 0x3F);
        return 2;
    }
    if (in(c0, 0xE0, 0xEF)) {
        if (left < 3) return 0;
        const unsigned char lo = c0 == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = c0 == 0xED ? 0x9F : 0xBF;
        if (!in(b(1), lo, hi) || !in(b(2), 0x80, 0xBF)) return 0;
        *out = (char32_t(c0 & 0x0F) << 12) | (char32_t(b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        return 3;
    }
    if (in(c0, 0xF0, 0xF4)) {
        if (left < 4) return 0;
        const unsigned char lo = c0 == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c0 == 0xF4 ? 0x8F : 0xBF;
        if (!in(b(1), lo, hi) || !in(b(2), 0x80, 0xBF) || !in(b(3), 0x80, 0xBF)) return 0;
        *out =
            (char32_t(c0 & 0x07) << 18) | (char32_t(b(1) & 0x3F) << 12) | (char32_t(b(2) & 0x3F) << 6) | (b(3) & 0x3F);
        return 4;
    }
    return 0;
}

// Well-formed code points of s; ill-formed bytes are skipped one at a time.
std::vector<CodePoint> decode(std::string_view s) {
    std::vector<CodePoint> out;
    for (size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const size_t n = sequence_length(s, i, &cp);
        if (n == 0) {
            ++i;
            continue;
        }
        out.push_back({cp, s.substr(i, n)});
        i += n;
    }
    return out;
}

// Characters that must not reach a display name: controls, and the invisible ones that change
// how the rest is displayed.
bool removed(char32_t c) {
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return true;  // C0, DEL, C1
    if (c == 0x200E || c == 0x200F) return true;                         // LRM, RLM
    if (c >= 0x202A && c <= 0x202E) return true;                         // LRE … RLO
    if (c >= 0x2066 && c <= 0x2069) return true;                         // LRI … PDI
    if (c == 0x2028 || c == 0x2029 || c == 0xFEFF) return true;          // line/paragraph separator, BOM
    return false;
}

bool blank(char32_t c) { return c == U' ' || c == U'\u3000'; }

std::string join(const std::vector<CodePoint>& cps, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) out += cps[i].bytes;
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 5987 §3.2.1 attr-char.
bool attr_char(unsigned char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool valid_owner_kind(std::string_view k) {
    if (k.empty() || k.size() > 32) return false;
    for (char c : k)
        if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
    return true;
}

}  // namespace

std::optional<std::string_view> sniff_media_type(std::string_view b) {
    if (starts_with(b, "%PDF-")) return kPdf;
    // The signature, then the first chunk: length (4 bytes), type "IHDR".
    if (b.size() >= 16 && starts_with(b, std::string_view("\x89PNG\r\n\x1a\n", 8)) && b.substr(12, 4) == "IHDR")
        return kPng;
    if (starts_with(b, std::string_view("\xFF\xD8\xFF", 3))) return kJpeg;
    return std::nullopt;
}

std::string size_text(int64_t bytes) {
    constexpr int64_t kKiB = 1024, kMiB = 1024 * 1024;
    if (bytes > 0 && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + "MB";
    if (bytes > 0 && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + "KB";
    return std::to_string(bytes) + "字节";
}

Result<std::string> check_content(std::string_view bytes, int64_t max_bytes) {
    if (bytes.empty()) return Error::validation("file.empty", "上传的文件为空", "file");
    if (static_cast<int64_t>(bytes.size()) > max_bytes)
        return Error{"file.too_large", "上传的文件不能超过" + size_text(max_bytes), "file", {}, 413};
    auto type = sniff_media_type(bytes);
    if (!type) return Error::validation("file.type_not_allowed", "只能上传PDF或图片（PNG、JPEG）文件", "file");
    return std::string(*type);
}

Result<std::string> sanitize_file_name(std::string_view raw) {
    const size_t slash = raw.find_last_of("/\\");
    if (slash != std::string_view::npos) raw = raw.substr(slash + 1);
    std::vector<CodePoint> cps;
    for (const auto& c : decode(raw))
        if (!removed(c.cp)) cps.push_back(c);
    size_t from = 0, to = cps.size();
    while (from < to && blank(cps[from].cp)) ++from;
    while (to > from && blank(cps[to - 1].cp)) --to;
    std::string name = join(cps, from, to);
    if (name.empty() || name == "." || name == "..")
        return Error::validation("file.name_required", "请提供文件名", "file_name");
    if (to - from <= kMaxNameChars) return name;
    // Cut the stem, keep an extension of up to 10 characters (dot included) so the name still says what it is.
    constexpr size_t kMaxExtension = 10;
    size_t dot = to;
    for (size_t i = to; i > from + 1; --i)
        if (cps[i - 1].cp == U'.') {
            dot = i - 1;
            break;
        }
    const size_t ext = to - dot;
    if (dot == to || ext > kMaxExtension) return join(cps, from, from + kMaxNameChars);
    return join(cps, from, from + kMaxNameChars - ext) + join(cps, dot, to);
}

std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

std::string content_disposition(std::string_view name, Disposition d) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string fallback, encoded;
    for (const auto& c : decode(name)) {
        const bool plain = c.cp >= 0x20 && c.cp < 0x7F && c.cp != U'"' && c.cp != U'\\' && c.cp != U'%';
        fallback += plain ? static_cast<char>(c.cp) : '_';
        for (unsigned char b : c.bytes) {
            if (attr_char(b)) {
                encoded += static_cast<char>(b);
            } else {
                encoded += '%';
                encoded += kHex[b >> 4];
                encoded += kHex[b & 0x0F];
            }
        }
    }
    return std::string(d == Disposition::kAttachment ? "attachment" : "inline") + "; filename=\"" + fallback +
           "\"; filename*=UTF-8''" + encoded;
}

bool is_sm3_hex(std::string_view s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Result<BindAction> check_bind(const Attachment& a, const auth::Caller& who, std::string_view owner_kind,
                              int64_t owner_id) {
    if (!valid_owner_kind(owner_kind) || owner_id <= 0)
        throw std::invalid_argument("files::bind: bad owner " + std::string(owner_kind) + "/" +
                                    std::to_string(owner_id));
    // The file is vouched for by whoever uploaded it: another user's upload, even a colleague's,
    // cannot be attached to one's own application.
    if (a.created_by != who.user_id || who.user_id == 0)
        return Error{"file.not_uploader", "只能使用本人上传的附件", "attachment_id", {}, 403};
    if (a.bound()) {
        if (*a.owner_kind == owner_kind && *a.owner_id == owner_id) return BindAction::kAlreadyThere;
        return Error::conflict("file.already_bound", "该附件已用于其他事项，请重新上传", "attachment_id");
    }
    return BindAction::kBind;
}

}  // namespace lecs::files::rules
