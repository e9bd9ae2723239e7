// Rows of the files module: attachment metadata (the bytes are in the blob directory).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lecs::files {

// 20 MiB: a scanned multi-page 公函 at 300 dpi fits; [storage] max_attachment_bytes overrides it.
inline constexpr int64_t kDefaultMaxAttachmentBytes = int64_t{20} << 20;

struct Attachment {
    int64_t id = 0;
    std::string sm3_hex;  // 64 lower-case hex digits
    int64_t size_bytes = 0;
    std::string media_type;                 // sniffed: application/pdf | image/png | image/jpeg
    std::string original_name;              // sanitised (rules::sanitize_file_name)
    std::optional<std::string> owner_kind;  // set once bound ("dispute", …)
    std::optional<int64_t> owner_id;
    std::string region_code;  // the uploader's organisation: the data scope
    int64_t org_id = 0;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;

    bool bound() const { return owner_id.has_value(); }
};

}  // namespace lecs::files
