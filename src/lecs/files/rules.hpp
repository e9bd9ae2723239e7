// Pure rules of attachments: what an upload may be, what its name may be, and who may bind it.
// No I/O.
//
// Contract:
// - The kind of a file is decided from its bytes alone (magic numbers). The Content-Type the
//   client declared and the extension of its name are never consulted: a PDF named .png is a
//   PDF, a text file named .pdf is refused.
// - check_content(): empty → 400 file.empty; over the cap → 413 file.too_large; not PDF, PNG
//   or JPEG → 400 file.type_not_allowed (ARCHITECTURE §API has no 415: unsupported media is a
//   validation error). On success, the sniffed media type.
// - sanitize_file_name(): the name shown to users and sent back in Content-Disposition; never
//   a path. 400 file.name_required when nothing displayable is left.
// - check_bind(): only the uploader binds, once; binding again to the same object is a no-op.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/files/model.hpp"

namespace lecs::files::rules {

inline constexpr std::string_view kPdf = "application/pdf";
inline constexpr std::string_view kPng = "image/png";
inline constexpr std::string_view kJpeg = "image/jpeg";
inline constexpr size_t kMaxNameChars = 200;  // code points

// The media type of bytes by their magic number, nullopt when they are none of the allowed kinds:
//   PDF  "%PDF-" at offset 0 (ISO 32000-1 §7.5.2 file header);
//   PNG  the 8-byte signature 89 50 4E 47 0D 0A 1A 0A followed by the IHDR chunk (ISO/IEC 15948 §5.2, §11.2.2);
//   JPEG FF D8 FF: the SOI marker and the start of the next marker (ISO/IEC 10918-1 Annex B).
std::optional<std::string_view> sniff_media_type(std::string_view bytes);

// The media type of an acceptable upload of at most max_bytes, or the refusal.
Result<std::string> check_content(std::string_view bytes, int64_t max_bytes);

// "20MB", "512KB", "1000字节": a size cap as the messages print it.
std::string size_text(int64_t bytes);

// The display name of an upload:
//   - the last segment after '/' or '\' (browsers may send "C:\fakepath\公函.pdf");
//   - invalid UTF-8 dropped, and every control character (C0, DEL, C1) and every bidirectional
//     control (U+200E/F, U+202A–E, U+2066–9: "公函<U+202E>fdp.exe" displays as "公函exe.pdf") removed,
//     as are U+2028/U+2029 and U+FEFF;
//   - surrounding spaces (ASCII and U+3000) trimmed;
//   - at most kMaxNameChars code points, cut on a code point boundary, keeping a short extension
//     (".pdf") when the name is cut.
// "", "." and ".." (after all that) → 400 file.name_required.
Result<std::string> sanitize_file_name(std::string_view raw);

// Strict percent-decoding of the X-File-Name header ("%E5%85%AC%E5%87%BD.pdf"): every '%' needs
// two hex digits; '+' stays '+'. nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view s);

// Content-Disposition for a download (RFC 6266 §4.3, RFC 5987 §3.2):
//   inline; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded UTF-8>
// The fallback replaces non-ASCII, '"', '\' and '%' by '_'. kAttachment (a file the browser
// cannot show, e.g. an Excel export) asks the browser to save it rather than open it.
enum class Disposition { kInline, kAttachment };
std::string content_disposition(std::string_view name, Disposition d = Disposition::kInline);

// 64 lower-case hex digits.
bool is_sm3_hex(std::string_view s);

enum class BindAction {
    kBind,          // write the owner
    kAlreadyThere,  // already bound to this very object: nothing to do
};
// May `who` bind `a` to (owner_kind, owner_id)? The caller has already checked that the
// attachment exists inside who's scope (404 otherwise).
//   another user's upload → 403 file.not_uploader; bound to another object → 409 file.already_bound.
// owner_kind must be [a-z_]{1,32} and owner_id positive: anything else is a programming error of
// the calling module (std::invalid_argument), not a user's.
Result<BindAction> check_bind(const Attachment& a, const auth::Caller& who, std::string_view owner_kind,
                              int64_t owner_id);

}  // namespace lecs::files::rules
