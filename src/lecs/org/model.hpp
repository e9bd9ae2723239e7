// Plain data of the org module: regions, organisations, people, certificates,
// staffing, training (REQUIREMENTS §2). Strings are the stored values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs::org {

// Organisation kinds (REQUIREMENTS §1 glossary). An Agency (行政执法机关) is any
// of organ, authorized, entrusted, dispatched, township_gov, vertical, and the
// Art 27 subordinate enforcement_team of a township government.
namespace kind {
inline constexpr const char* kGovernment = "government";             // 人民政府
inline constexpr const char* kSupervisionDept = "supervision_dept";  // 行政执法协调监督部门
inline constexpr const char* kSupervisionRoom = "supervision_room";  // 乡镇（街道）协调监督室
inline constexpr const char* kOrgan = "organ";                       // 行政机关
inline constexpr const char* kAuthorized = "authorized";             // 法律法规授权组织
inline constexpr const char* kEntrusted = "entrusted";               // 受委托组织
inline constexpr const char* kDispatched = "dispatched";             // 派出机构
inline constexpr const char* kTownshipGov = "township_gov";          // 乡镇政府/街道办事处
inline constexpr const char* kVertical = "vertical";                 // 垂直管理部门
inline constexpr const char* kEnforcementTeam = "enforcement_team";  // 乡镇综合行政执法队 (Art 27)
inline constexpr const char* kExternalBody = "external_body";        // 立法/监察/司法机关
}  // namespace kind

struct Region {
    std::string code;
    std::string name;
    std::string level;  // city | county | township
    std::string parent_code;
    std::string effective_from;
    std::optional<std::string> effective_to;
    std::string note;
};

struct Org {
    int64_t id = 0;
    std::string name;
    std::string short_name;
    std::string kind;
    std::optional<std::string> external_kind;
    std::string level;
    std::string region_code;
    std::optional<std::string> uscc;
    std::optional<int64_t> superior_id, parent_id, entrusting_id, government_id, head_person_id;
    std::string domain;  // 执法领域 (org/domains.hpp code); "" = 未分类
    std::string status = "active";
    std::optional<std::string> abolished_on;
    std::optional<int64_t> successor_id;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

// What scope computation needs to know about the user's organisation.
struct OrgFacts {
    int64_t id = 0;
    std::string kind;
    std::string level;
    std::string region_code;
};

struct OrgHistory {
    int64_t id = 0;
    int64_t org_id = 0;
    int64_t at_ms = 0;
    std::string change_json;
    std::string reason;
    int64_t by_user = 0;
};

// A person with PII still sealed; the service opens and masks.
struct PersonRow {
    int64_t id = 0;
    std::string name;
    int64_t org_id = 0;
    std::string position;
    bool is_head = false;
    bool is_public_servant = true;
    std::optional<std::string> id_no_enc, id_no_idx, phone_enc;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct CertificateEvent {
    int64_t id = 0;
    int64_t certificate_id = 0;
    std::string event;  // issued | suspended | reinstated | revoked
    Date effective_on;
    std::string reason;
    int64_t at_ms = 0;
    int64_t by_user = 0;
};

struct Certificate {
    int64_t id = 0;
    std::string kind;  // enforcement | supervision
    std::string number;
    int64_t person_id = 0;
    int64_t org_id = 0;
    std::string issuer;
    Date issued_on, expires_on;
    std::string fields_json = "[]";
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct Staffing {
    int64_t org_id = 0;
    int year = 0;
    int64_t approved_posts = 0, actual_staff = 0, supervised_agencies = 0;
    int64_t version = 1;
};

struct Training {
    int64_t id = 0;
    int64_t org_id = 0;
    std::string course;
    Date held_on;
    int64_t minutes = 0;
    std::vector<int64_t> attendees;
    int64_t version = 1;
};

}  // namespace lecs::org
