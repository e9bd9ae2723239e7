// Plain data of supervision casework (Art 11–14, 18, Art 3 ¶3). Strings are the stored values;
// codes are rules.hpp's vocabularies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs::supervision {

struct Plan {
    int64_t id = 0;
    std::string kind;  // routine | special | patrol (Art 12)
    std::string title, theme, scope_text;
    Date period_start, period_end;
    int64_t org_id = 0;  // the department
    std::string region_code;
    std::vector<std::string> categories;  // Art 11
    std::vector<int64_t> target_org_ids;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct TeamMember {
    int64_t person_id = 0;
    std::string name;  // read from people
    int64_t org_id = 0;
    std::string role;  // lead | member
};

struct Matter {
    int64_t id = 0;
    std::string status;
    std::optional<int64_t> plan_id;
    std::string source;
    std::optional<int64_t> source_ref;
    std::string mode;
    std::vector<std::string> categories;
    std::string subject;
    int64_t target_org_id = 0;
    int64_t handling_org_id = 0;
    std::string region_code;  // the handling department's region
    std::optional<std::string> upper_reason;
    bool tracked = false;
    std::string tracked_label;
    std::optional<Date> tracked_due, correction_due;
    std::optional<int64_t> notice_document_id, report_document_id, decision_document_id;
    std::optional<Date> concluded_on;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0, updated_by = 0;
    std::vector<TeamMember> team;
};

struct InspectionSupervisor {
    int64_t person_id = 0;
    std::string name;
    int64_t certificate_id = 0;
    std::string certificate_number;
};

struct Inspection {
    int64_t id = 0;
    int64_t matter_id = 0;
    Date inspected_on;
    std::string place, people_met, record;
    std::optional<int64_t> attachment_id;
    bool offline = false;
    std::vector<InspectionSupervisor> supervisors;
    int64_t created_at = 0, created_by = 0;
};

struct FileReview {
    int64_t id = 0;
    int64_t matter_id = 0;
    std::string case_no;
    std::vector<std::string> legality_failures;
    std::vector<std::pair<std::string, int>> found;
    int score = 0;
    std::string grade;
    int64_t created_at = 0, created_by = 0;
};

struct Finding {
    int64_t id = 0;
    int64_t matter_id = 0;
    std::string category;  // Art 14 ¶1
    std::string facts, evidence, legal_basis;
    std::string disposition;  // on_spot | notice
    std::string on_spot_record;
    int64_t created_at = 0, created_by = 0;
};

struct RectificationReport {
    int64_t id = 0;
    int64_t matter_id = 0;
    std::string content;
    std::optional<int64_t> attachment_id;
    int64_t submitted_at = 0, submitted_by = 0;
    std::optional<std::string> verdict;  // passed | failed
    std::string verdict_reason;
    std::optional<int64_t> verified_at, verified_by;
};

struct DecisionItem {
    std::string kind;  // rules::decision_item_kinds()
    std::string content;
    std::optional<Date> due_on;
    std::optional<int64_t> deadline_id;
    std::optional<Date> fulfilled_on = {};  // the follow-up: when the agency carried it out
    std::string fulfilment = {};            // and what the department recorded of it
};

struct Clue {
    int64_t id = 0;
    std::string status;  // submitted | accepted | returned
    int64_t room_org_id = 0, county_org_id = 0;
    std::string region_code;  // the county's
    int64_t target_org_id = 0;
    std::string content;
    std::optional<int64_t> attachment_id;
    std::string return_reason;
    std::optional<int64_t> matter_id;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct MatterEvent {
    int64_t id = 0;
    int64_t matter_id = 0;
    std::string kind;
    int64_t at = 0;
    int64_t by_user = 0;
    std::string payload_json = "{}";
};

}  // namespace lecs::supervision
