// The lifecycle of a 行政执法监督事项 (Art 11–14; REQUIREMENTS §8; issue 5) as a
// state-machine table: MatterService fires it, so what it refuses is what
// docs/diagrams/supervision_matter.md shows.
//
// Contract:
// - open 办理中: the handling department's supervisors record inspections (Art 13),
//   case-file reviews and findings (Art 14 ¶1), each a self-loop (guard
//   handling_department: the caller's organisation handles the matter). A finding
//   corrected on the spot is recorded with it. An upper department's dept_leader
//   may take the matter over (take_over 提级监督, guard upper_department, with the
//   reason), a self-loop that changes the handling department.
// - propose_notice (supervisor, guard notice_findings: a finding to be corrected by
//   notice) → notice_pending 通知书待签发; the dept_leader issues it (issue_notice →
//   rectifying 整改中: 《行政执法监督通知书》 issued, delivered to the target with the
//   correction deadline) or returns it (return_notice → open).
// - rectifying: submit_report 报送整改情况 (the target's agency_liaison, guard
//   target_agency) → verifying 待复查; verify_pass 复查通过 (supervisor) → closed;
//   verify_fail 复查未通过 → rectification_failed 整改未到位.
// - report_to_government 报请本级人民政府 (dept_leader, Art 14 ¶2 "逾期不改正或者拒不
//   改正的"): from rectification_failed, or from rectifying once the correction
//   deadline has passed (guard correction_overdue) → awaiting_government.
// - decide 作出监督决定 (gov_leader, guard same_level_government: the handling
//   department's own people's government) → decided: the GOVERNMENT issues the
//   《行政执法监督决定书》 with its items (Art 14 ¶2).
// - decided: record_fulfilment 记录执行情况 (supervisor, handling department) records
//   how the agency carried out one decision item (Art 14 ¶2: each with its own
//   deadline and follow-up), a self-loop.
// - close 办结 (supervisor): from open when no finding waits for a notice (guard
//   nothing_pending), from decided once the target signed for the decision and every
//   dated item's fulfilment is recorded (guard decision_carried_out).
// - Guards read FireContext::data = const MatterFacts*.
#pragma once

#include <cstdint>
#include <string_view>

#include "lecs/workflow/machines.hpp"
#include "lecs/workflow/state_machine.hpp"

namespace lecs::supervision {

namespace matter_state {
inline constexpr std::string_view kOpen = "open";
inline constexpr std::string_view kNoticePending = "notice_pending";
inline constexpr std::string_view kRectifying = "rectifying";
inline constexpr std::string_view kVerifying = "verifying";
inline constexpr std::string_view kRectificationFailed = "rectification_failed";
inline constexpr std::string_view kAwaitingGovernment = "awaiting_government";
inline constexpr std::string_view kDecided = "decided";
inline constexpr std::string_view kClosed = "closed";
}  // namespace matter_state

namespace matter_event {
inline constexpr std::string_view kRecordInspection = "record_inspection";
inline constexpr std::string_view kRecordFileReview = "record_file_review";
inline constexpr std::string_view kAddFinding = "add_finding";
inline constexpr std::string_view kAddMember = "add_member";
inline constexpr std::string_view kTakeOver = "take_over";
inline constexpr std::string_view kProposeNotice = "propose_notice";
inline constexpr std::string_view kIssueNotice = "issue_notice";
inline constexpr std::string_view kReturnNotice = "return_notice";
inline constexpr std::string_view kSubmitReport = "submit_report";
inline constexpr std::string_view kVerifyPass = "verify_pass";
inline constexpr std::string_view kVerifyFail = "verify_fail";
inline constexpr std::string_view kReportToGovernment = "report_to_government";
inline constexpr std::string_view kDecide = "decide";
inline constexpr std::string_view kRecordFulfilment = "record_fulfilment";
inline constexpr std::string_view kClose = "close";
}  // namespace matter_event

// What the guards read about one matter, resolved by the service.
struct MatterFacts {
    int64_t handling_org_id = 0;
    int64_t target_org_id = 0;
    int64_t government_id = 0;     // the handling department's people's government; 0 unknown
    bool caller_is_upper = false;  // the caller's department is above the handling one (take_over)
    bool has_notice_findings = false;
    bool correction_overdue = false;  // the notice's deadline has passed
    bool decision_received = false;   // the target signed for the decision
    bool items_fulfilled = false;     // every decision item with a due date has its fulfilment recorded
};

const workflow::StateMachine& matter_machine();
bool is_concluded(std::string_view state);
void register_machines(workflow::MachineRegistry& registry);

}  // namespace lecs::supervision
