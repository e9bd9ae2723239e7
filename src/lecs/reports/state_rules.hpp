// The submission states of a statistical report (Art 15; REQUIREMENTS §9; issue 7 §2) as a
// state-machine table: ReportService fires it, so what it refuses is what
// docs/diagrams/report_submission.md shows.
//
// Contract:
// - draft 草稿: save 保存 (self-loop) and submit 报送 → submitted, by the agency's own
//   agency_liaison (guard own_agency: the caller's organisation is the reporting agency); submit
//   also needs the figures to pass the template's validation (guard own_agency_valid).
// - submitted 已报送 / resubmitted 已重新报送: return 退回 → returned, with at least one reason
//   naming a field (guard receiving_department_with_reasons), or accept 接收 → accepted (guard
//   receiving_department), by a supervisor or dept_leader of a receiving department. Art 15 has
//   the agency report to the same-level department AND the upper-level department, so either may
//   return or accept: receiving_regions() names them.
// - returned 已退回: save (self-loop) and resubmit 重新报送 → resubmitted, by the agency's
//   liaison, resubmit with the same validation as submit.
// - accepted 已接收 is terminal.
// - Every refusal of fire_submission() is an Error with a Chinese message and the basis Art 15:
//   the table's own refusals (409 workflow.wrong_state, 403 workflow.role_not_allowed) get it
//   added; a guard's carries it.
// - Guards read FireContext::data = const SubmissionFacts*; without it a guarded fire() throws
//   std::logic_error (a programming error).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/workflow/machines.hpp"
#include "lecs/workflow/state_machine.hpp"

namespace lecs::reports {

namespace submission_state {
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kSubmitted = "submitted";
inline constexpr std::string_view kReturned = "returned";
inline constexpr std::string_view kResubmitted = "resubmitted";
inline constexpr std::string_view kAccepted = "accepted";
}  // namespace submission_state

namespace submission_event {
inline constexpr std::string_view kSave = "save";
inline constexpr std::string_view kSubmit = "submit";
inline constexpr std::string_view kReturn = "return";
inline constexpr std::string_view kResubmit = "resubmit";
inline constexpr std::string_view kAccept = "accept";
}  // namespace submission_event

// What the guards read about one submission, resolved by the service.
struct SubmissionFacts {
    int64_t agency_id = 0;
    std::string agency_region;          // the reporting agency's region code
    bool caller_is_department = false;  // the caller's organisation is a 行政执法协调监督部门
    // The template's validation of the figures as they stand (rules.hpp validate_submission):
    // the first failure's field and message; empty when they pass.
    std::string invalid_field, invalid_message;
    int return_reasons = 0;  // the reasons given with a return, one per field
};

// Art 15: the same-level and the upper-level department's regions for an agency in `agency_region`:
// a city agency (130500) → {130500} (the province is outside LECS); a county-level one (130503)
// → {130503, 130500}; a township (130503101) → {130503101, 130503}, whose same-level 协调监督室
// holds no supervisor, so the county handles it. Empty for a code that is no region.
std::vector<std::string> receiving_regions(std::string_view agency_region);

const workflow::StateMachine& submission_machine();

// The table's fire(), with Art 15 as the basis of every refusal.
Result<std::string> fire_submission(std::string_view state, std::string_view event, const auth::Caller& who,
                                    const SubmissionFacts& facts);

std::string_view state_label(std::string_view state);  // 草稿, 已报送, …
bool is_state(std::string_view state);

void register_machines(workflow::MachineRegistry& registry);

}  // namespace lecs::reports
