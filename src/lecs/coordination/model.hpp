// Plain data of the coordination module's disputes (Art 6–8, REQUIREMENTS §4).
// Strings are the stored values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/base/time.hpp"
#include "lecs/coordination/application_rules.hpp"

namespace lecs::coordination {

namespace party_role {
inline constexpr const char* kApplicant = "applicant";
inline constexpr const char* kRespondent = "respondent";
}  // namespace party_role

struct DisputeParty {
    int64_t org_id = 0;
    std::string org_name;  // read from organizations, not stored here
    std::string role;      // party_role::*
    std::string position;
    std::vector<LegalBasis> legal_basis;
    std::optional<Date> position_due_on;
    std::optional<int64_t> position_deadline_id;
};

struct Dispute {
    int64_t id = 0;
    std::string status;       // dispute_state::*
    std::string region_code;  // the competent region once submitted; the applicant's while a draft
    std::optional<std::string> competent_level;
    std::optional<int64_t> competent_org_id;
    // Art 7 routing, as computed at submission.
    std::optional<std::string> rule_code, routing_reason, routing_basis;
    bool vertical_flag = false;
    std::string vertical_note;
    std::optional<int64_t> vertical_confirmed_by, vertical_confirmed_at;
    // The application (Art 6, 8).
    int64_t applicant_org_id = 0;
    std::string focus;
    std::optional<Date> negotiation_date;
    std::string negotiation_participants, negotiation_outcome;
    std::string other_info;
    std::optional<int64_t> letter_attachment_id;
    std::string domain;  // org/domains.hpp code of the enforcement domain; "" unclassified
    // Review.
    std::optional<Date> filed_on, accepted_on;
    std::optional<std::string> refusal_code, refusal_reason;
    std::optional<int64_t> review_deadline_id, supplement_deadline_id, coordination_deadline_id;
    std::optional<Date> concluded_on;  // entered closed, refused or withdrawn (Asia/Shanghai)
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0, updated_by = 0;
    std::vector<DisputeParty> parties;  // the applicant first
};

// One entry of the timeline.
struct DisputeEvent {
    int64_t id = 0;
    int64_t dispute_id = 0;
    std::string kind;  // "drafted", "filed", "supplement_requested", …
    int64_t at = 0;
    int64_t by_user = 0;
    std::optional<int64_t> by_org;
    std::string payload_json = "{}";
};

// What the register's statistics count of one dispute (store::register_facts).
struct RegisterFacts {
    std::string status;
    std::optional<std::string> competent_level;
    std::string domain;
    std::optional<Date> filed_on, concluded_on;
    bool overdue = false;
};

// The application as Art 8 reads it.
Application application_of(const Dispute& d);

}  // namespace lecs::coordination
