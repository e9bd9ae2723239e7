// Rows of the docs module (REQUIREMENTS §17): documents, 文号, deliveries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs::docs {

struct Recipient {
    std::string name;               // 主送机关 / 受送达人, as printed
    std::optional<int64_t> org_id;  // when the recipient is an organisation in LECS
    bool operator==(const Recipient&) const = default;
};

using Fields = std::vector<std::pair<std::string, std::string>>;  // type-specific fields, in order

struct DocumentInput {
    std::string doc_type;
    int64_t issuer_org_id = 0;  // 0: the caller's department, or its government for a government type
    std::string title;
    std::vector<Recipient> recipients;
    std::vector<std::string> body;  // paragraphs
    Fields fields;
    std::string cc;                         // 抄送
    std::optional<std::string> disclosure;  // 公开属性; default: the type's
};

struct Document {
    int64_t id = 0;
    std::string doc_type;
    int64_t issuer_org_id = 0;
    std::string region_code;
    bool internal = false;
    std::string status = "draft";  // 'draft' | 'issued'
    std::string title;
    std::vector<Recipient> recipients;
    std::vector<std::string> body;
    Fields fields;
    std::string cc;
    std::string disclosure;
    // set at issue
    std::optional<std::string> number_text;
    std::optional<int64_t> year, no;
    std::optional<Date> issue_date;
    std::optional<std::string> sm3_hex, signature_b64, key_id, verify_token;
    std::optional<int64_t> issued_at, issued_by;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct NumberRecord {
    int64_t org_id = 0;
    std::string doc_type;
    int64_t year = 0, no = 0;
    std::string number_text;
    std::string status;  // 'reserved' | 'issued' | 'voided'
    int64_t document_id = 0;
    std::string reason;
    int64_t at_ms = 0;
};

struct Delivery {
    int64_t id = 0;
    int64_t document_id = 0;
    std::optional<int64_t> recipient_org_id;
    std::string recipient_name;
    std::string address;
    std::string channel;  // 'direct' | 'post' | 'electronic' | 'public_notice'
    Date delivered_on;
    std::optional<Date> received_on;
    std::optional<int64_t> receipt_by, receipt_at, deadline_id;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct SignKey {
    std::string key_id;
    int64_t org_id = 0;
    std::string public_pem;
    std::string private_sealed;
    std::string wrap_key_id;
    int64_t created_at = 0;
};

}  // namespace lecs::docs
