// The lifecycle of a 行政执法职责争议 (Art 6–8, REQUIREMENTS §4, issue 4 §3) as a
// state-machine table: DisputeService fires it, so what the service refuses is
// what docs/diagrams/dispute.md shows.
//
// Contract:
// - draft 草稿 → submit (the applicant's agency_liaison, guard
//   complete_per_art8: the caller's organisation is the applicant and the
//   application has every Art 8 item, application_rules.hpp) → under_review
//   受理审核. There is no separate "filed" state: the submission IS the filing
//   (its date is filed_on and the timeline's "filed" event), and the review
//   starts on it, with its clock.
// - under_review: accept 受理 → coordinating; ask_supplement 要求补正 →
//   awaiting_supplement (the review clock pauses, REQUIREMENTS §4); refuse
//   不予受理 (with a reason) → refused (terminal). All three by a supervisor of
//   the competent department (guard competent_department: the caller's
//   organisation is the one Art 7 made competent).
// - awaiting_supplement: supplement 补正 (the applicant's liaison, the Art 8
//   check again) → under_review (the clock resumes); supplement_lapsed
//   逾期未补正 (supervisor, competent) → withdrawn: REQUIREMENTS §18 treats an
//   unanswered 补正 as withdrawn.
// - withdraw 撤回申请 (the applicant's liaison) from under_review or
//   awaiting_supplement → withdrawn (terminal).
// - file_position 提交书面意见 (a party's liaison, guard party) in under_review
//   and coordinating: the other parties' written positions (REQUIREMENTS §4).
// - coordinating 协调处理: record_meeting 协调会议, record_consultation 书面征求意见,
//   record_expert_opinion 专家意见, record_statement 当事方陈述 are self-loops by
//   a supervisor of the competent department. Then either
//     propose_opinion (supervisor) → opinion_pending 意见书待审批, where the
//     competent department's dept_leader approves (approve_opinion →
//     opinion_issued: 《行政执法争议协调处理意见书》 issued) or returns it
//     (return_opinion → coordinating); close 办结 (supervisor, guard
//     all_receipts_recorded: every party has signed for the opinion) → closed;
//   or report_to_government 报本级人民政府决定 (the competent dept_leader, Art 6
//     "协调不成的，报本级人民政府决定") → awaiting_government_decision, and decide
//     (gov_leader, guard same_level_government: the caller's organisation is
//     the competent department's own people's government) → closed.
// - Guards read FireContext::data = const DisputeFacts*; without it a guarded
//   fire() throws std::logic_error (a programming error).
// - register_machines() adds the dispute machine to a registry.
// - is_concluded() names the terminal states; a test keeps it equal to "no
//   transition leaves the state".
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/workflow/machines.hpp"
#include "lecs/workflow/state_machine.hpp"

namespace lecs::coordination {

namespace dispute_state {
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kUnderReview = "under_review";
inline constexpr std::string_view kAwaitingSupplement = "awaiting_supplement";
inline constexpr std::string_view kRefused = "refused";
inline constexpr std::string_view kWithdrawn = "withdrawn";
inline constexpr std::string_view kCoordinating = "coordinating";
inline constexpr std::string_view kOpinionPending = "opinion_pending";
inline constexpr std::string_view kOpinionIssued = "opinion_issued";
inline constexpr std::string_view kAwaitingGovernment = "awaiting_government_decision";
inline constexpr std::string_view kClosed = "closed";
}  // namespace dispute_state

namespace dispute_event {
inline constexpr std::string_view kUpdate = "update";
inline constexpr std::string_view kSubmit = "submit";
inline constexpr std::string_view kAccept = "accept";
inline constexpr std::string_view kAskSupplement = "ask_supplement";
inline constexpr std::string_view kSupplement = "supplement";
inline constexpr std::string_view kSupplementLapsed = "supplement_lapsed";
inline constexpr std::string_view kRefuse = "refuse";
inline constexpr std::string_view kWithdraw = "withdraw";
inline constexpr std::string_view kFilePosition = "file_position";
inline constexpr std::string_view kRecordMeeting = "record_meeting";
inline constexpr std::string_view kRecordConsultation = "record_consultation";
inline constexpr std::string_view kRecordExpertOpinion = "record_expert_opinion";
inline constexpr std::string_view kRecordStatement = "record_statement";
inline constexpr std::string_view kProposeOpinion = "propose_opinion";
inline constexpr std::string_view kApproveOpinion = "approve_opinion";
inline constexpr std::string_view kReturnOpinion = "return_opinion";
inline constexpr std::string_view kClose = "close";
inline constexpr std::string_view kReportToGovernment = "report_to_government";
inline constexpr std::string_view kDecide = "decide";
}  // namespace dispute_event

// What the guards read about one dispute, resolved by the service.
struct DisputeFacts {
    int64_t applicant_org_id = 0;
    std::vector<int64_t> party_org_ids;   // every party, the applicant included
    int64_t competent_org_id = 0;         // 0 while a draft (not routed yet)
    int64_t competent_government_id = 0;  // the competent department's people's government; 0 when unknown
    std::vector<Error> art8_problems;     // application_rules::check_application(); empty when complete
    bool all_receipts_recorded = false;   // every party signed for the issued opinion
};

const workflow::StateMachine& dispute_machine();

// closed, refused and withdrawn: the states the table leaves no more (the register's 已结).
bool is_concluded(std::string_view state);

void register_machines(workflow::MachineRegistry& registry);

}  // namespace lecs::coordination
