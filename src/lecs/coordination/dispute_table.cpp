#include "lecs/coordination/dispute_table.hpp"

#include <algorithm>
#include <any>
#include <stdexcept>

#include "lecs/base/provision.hpp"
#include "lecs/coordination/application_rules.hpp"

namespace lecs::coordination {
namespace {

using workflow::Definition;
using workflow::FireContext;

const DisputeFacts& facts_of(const FireContext& ctx) {
    const auto* f = std::any_cast<const DisputeFacts*>(&ctx.data);
    if (!f || !*f) throw std::logic_error("state machine 'dispute': guards need DisputeFacts in FireContext");
    return **f;
}

Result<void> applicant(const auth::Caller& who, const FireContext& ctx) {
    const auto& f = facts_of(ctx);
    if (who.org_id == 0 || who.org_id != f.applicant_org_id)
        return Error::forbidden("只有申请机关的联络员可以办理本申请", cite(Provision::kMeasuresArt6));
    return ok();
}

// Art 8: the application says everything it must (application_rules.hpp).
Result<void> complete_per_art8(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(applicant(who, ctx));
    const auto& f = facts_of(ctx);
    if (!f.art8_problems.empty()) return incomplete(f.art8_problems);
    return ok();
}

Result<void> party(const auth::Caller& who, const FireContext& ctx) {
    const auto& f = facts_of(ctx);
    if (who.org_id == 0 ||
        std::find(f.party_org_ids.begin(), f.party_org_ids.end(), who.org_id) == f.party_org_ids.end())
        return Error::forbidden("只有争议当事方的联络员可以提交书面意见");
    return ok();
}

// Art 7: the department the routing made competent handles the dispute, no other.
Result<void> competent_department(const auth::Caller& who, const FireContext& ctx) {
    const auto& f = facts_of(ctx);
    if (f.competent_org_id == 0 || who.org_id != f.competent_org_id)
        return Error::forbidden("只有负责协调本争议的行政执法协调监督部门可以办理", cite(Provision::kMeasuresArt7));
    return ok();
}

Result<void> all_receipts_recorded(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(competent_department(who, ctx));
    if (!facts_of(ctx).all_receipts_recorded)
        return Error::conflict("dispute.receipts_pending", "协调处理意见书尚未送达全部当事方并签收，不能办结");
    return ok();
}

// Art 6: 协调不成的，报本级人民政府决定: the competent department's own government decides.
Result<void> same_level_government(const auth::Caller& who, const FireContext& ctx) {
    const auto& f = facts_of(ctx);
    if (f.competent_government_id == 0 || who.org_id != f.competent_government_id)
        return Error::forbidden("只有本级人民政府可以对本争议作出决定", cite(Provision::kMeasuresArt6));
    return ok();
}

Definition dispute_definition() {
    using namespace dispute_state;
    using namespace dispute_event;
    // clang-format off
    return Definition{
        "dispute",
        {{kDraft, "草稿"}, {kUnderReview, "受理审核"}, {kAwaitingSupplement, "待补正"}, {kRefused, "不予受理"},
         {kWithdrawn, "已撤回"}, {kCoordinating, "协调处理"}, {kOpinionPending, "意见书待审批"},
         {kOpinionIssued, "意见书已出具"}, {kAwaitingGovernment, "报请本级人民政府决定"}, {kClosed, "已办结"}},
        {{kUpdate, "修改申请"}, {kSubmit, "提交申请"}, {kAccept, "受理"}, {kAskSupplement, "要求补正"},
         {kSupplement, "补正"}, {kSupplementLapsed, "逾期未补正"}, {kRefuse, "不予受理"}, {kWithdraw, "撤回申请"},
         {kFilePosition, "提交书面意见"}, {kRecordMeeting, "记录协调会议"}, {kRecordConsultation, "书面征求意见"},
         {kRecordExpertOpinion, "记录专家意见"}, {kRecordStatement, "记录当事方陈述"},
         {kProposeOpinion, "提交协调处理意见书"}, {kApproveOpinion, "批准意见书"}, {kReturnOpinion, "退回意见书"},
         {kClose, "办结"}, {kReportToGovernment, "报本级人民政府决定"}, {kDecide, "作出决定"}},
        kDraft,
        {
            // from               event                 who               to                   guard
            {kDraft,              kUpdate,              "agency_liaison", kDraft,              applicant, "applicant"},
            {kDraft,              kSubmit,              "agency_liaison", kUnderReview,        complete_per_art8, "complete_per_art8"},
            {kUnderReview,        kAccept,              "supervisor",     kCoordinating,       competent_department, "competent_department"},
            {kUnderReview,        kAskSupplement,       "supervisor",     kAwaitingSupplement, competent_department, "competent_department"},
            {kUnderReview,        kRefuse,              "supervisor",     kRefused,            competent_department, "competent_department"},
            {kUnderReview,        kWithdraw,            "agency_liaison", kWithdrawn,          applicant, "applicant"},
            {kUnderReview,        kFilePosition,        "agency_liaison", kUnderReview,        party, "party"},
            {kAwaitingSupplement, kSupplement,          "agency_liaison", kUnderReview,        complete_per_art8, "complete_per_art8"},
            {kAwaitingSupplement, kSupplementLapsed,    "supervisor",     kWithdrawn,          competent_department, "competent_department"},
            {kAwaitingSupplement, kWithdraw,            "agency_liaison", kWithdrawn,          applicant, "applicant"},
            {kCoordinating,       kFilePosition,        "agency_liaison", kCoordinating,       party, "party"},
            {kCoordinating,       kRecordMeeting,       "supervisor",     kCoordinating,       competent_department, "competent_department"},
            {kCoordinating,       kRecordConsultation,  "supervisor",     kCoordinating,       competent_department, "competent_department"},
            {kCoordinating,       kRecordExpertOpinion, "supervisor",     kCoordinating,       competent_department, "competent_department"},
            {kCoordinating,       kRecordStatement,     "supervisor",     kCoordinating,       competent_department, "competent_department"},
            {kCoordinating,       kProposeOpinion,      "supervisor",     kOpinionPending,     competent_department, "competent_department"},
            {kCoordinating,       kReportToGovernment,  "dept_leader",    kAwaitingGovernment, competent_department, "competent_department"},
            {kOpinionPending,     kApproveOpinion,      "dept_leader",    kOpinionIssued,      competent_department, "competent_department"},
            {kOpinionPending,     kReturnOpinion,       "dept_leader",    kCoordinating,       competent_department, "competent_department"},
            {kOpinionIssued,      kClose,               "supervisor",     kClosed,             all_receipts_recorded, "all_receipts_recorded"},
            {kAwaitingGovernment, kDecide,              "gov_leader",     kClosed,             same_level_government, "same_level_government"},
        }};
    // clang-format on
}

}  // namespace

bool is_concluded(std::string_view state) {
    return state == dispute_state::kClosed || state == dispute_state::kRefused || state == dispute_state::kWithdrawn;
}

const workflow::StateMachine& dispute_machine() {
    static const workflow::StateMachine sm(dispute_definition());
    return sm;
}

void register_machines(workflow::MachineRegistry& registry) { registry.add(dispute_machine()); }

}  // namespace lecs::coordination
