// Pure rules of the org module (no I/O): certificate validity at a date,
// certificate status transitions, region codes, organisation shape checks and
// the data-scope table (REQUIREMENTS §2, §3).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/org/model.hpp"

namespace lecs::org::rules {

// ---- certificates -------------------------------------------------------

// "行政执法证" | "行政执法监督证"
std::string_view certificate_kind_name(std::string_view kind);
bool is_certificate_kind(std::string_view kind);
bool is_certificate_event(std::string_view event);

// Derived status at a date: valid | expired | not_yet_valid | suspended | revoked.
struct Validity {
    bool valid = false;
    std::string status;
    std::string reason;  // Chinese, empty when valid
    std::string basis;   // the provision cited when invalid (Art 13 for supervision certificates)
};

// Validity is judged AT THE DATE OF THE ACT, never today (REQUIREMENTS §2;
// Art 13 for supervision certificates). Valid iff issued_on <= d <= expires_on
// and the latest status event effective on or before d is issued/reinstated.
// Events may come in any order; ties on a date are broken by at_ms.
Validity certificate_validity(const Certificate& c, std::span<const CertificateEvent> events, Date d);

// The latest state (whatever its date): active | suspended | revoked.
std::string current_state(std::span<const CertificateEvent> events);

// Status transitions: suspend only an active certificate, reinstate only a
// suspended one, revocation is final, `issued` only as the first event, and
// an event may not take effect before the last one.
Result<void> check_certificate_event(std::span<const CertificateEvent> events, std::string_view event,
                                     Date effective_on);

// ---- regions --------------------------------------------------------------

inline constexpr std::string_view kCityCode = "130500";
// 邢台经济开发区: a statistical code for a city-managed area with a 管委会 and
// no people's government; its bodies count as city-level (REQUIREMENTS §2).
inline constexpr std::string_view kDevZoneCode = "130571";

// "city" for 130500, "county" for other 6-digit 1305xx codes, "township" for
// 9-digit codes under a county; nullopt for anything else.
std::optional<std::string> region_level(std::string_view code);
// The county-level code of a township or county code ("130503101" → "130503").
std::string county_of(std::string_view code);
bool is_city_managed(std::string_view code);  // 130500 or 130571 (and its townships)

// ---- organisations -------------------------------------------------------

bool is_org_kind(std::string_view kind);
bool is_agency_kind(std::string_view kind);  // 行政执法机关 in the Art 27 sense
bool is_level(std::string_view level);
// The level an organisation in region_code has: devzone bodies are city-level.
std::string level_for_region(std::string_view region_code);

struct OrgShape {
    std::string kind;
    std::string level;
    std::string region_code;
    bool has_parent = false;
    bool has_entrusting = false;
    std::optional<std::string> uscc;
};
// Kind/level/region consistency, the Art 27 links, the USCC check digit.
Result<void> check_org_shape(const OrgShape& s);

// ---- data scope -----------------------------------------------------------

enum class ScopeShape {
    kWholeCity,           // city government / city department: everything
    kOwnCounty,           // county government / county department: its county prefix
    kRoomTownship,        // township room: its township prefix + own/subordinate orgs
    kOrgAndSubordinates,  // an agency: itself and its dispatched/entrusted/subordinate bodies
    kOwnOrgOnly,          // external bodies, participants
};

struct ScopeRow {
    std::string_view kind;   // "*" = any
    std::string_view level;  // "*" = any
    ScopeShape shape;
};

// The table compute_scope reads, first match wins (REQUIREMENTS §3).
std::span<const ScopeRow> scope_table();
ScopeShape scope_shape(std::string_view kind, std::string_view level);

// Roles that see the whole city whatever their organisation (三权分立 admins).
bool is_admin_role(std::string_view role);
// Participants (expert, social_supervisor, evaluator) see their own org only.
bool is_participant_role(std::string_view role);

auth::DataScope compute_scope(const OrgFacts& user_org, const std::vector<std::string>& roles,
                              const std::vector<int64_t>& subordinate_org_ids);

}  // namespace lecs::org::rules
