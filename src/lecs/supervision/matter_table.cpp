#include "lecs/supervision/matter_table.hpp"

#include <any>
#include <stdexcept>

#include "lecs/base/provision.hpp"

namespace lecs::supervision {
namespace {

using workflow::Definition;
using workflow::FireContext;

const MatterFacts& facts_of(const FireContext& ctx) {
    const auto* f = std::any_cast<const MatterFacts*>(&ctx.data);
    if (!f || !*f) throw std::logic_error("state machine 'supervision_matter': guards need MatterFacts");
    return **f;
}

// Art 3 ¶2: the department that handles the matter acts on it, no other.
Result<void> handling_department(const auth::Caller& who, const FireContext& ctx) {
    const auto& f = facts_of(ctx);
    if (who.org_id == 0 || who.org_id != f.handling_org_id)
        return Error::forbidden("只有承办本监督事项的行政执法协调监督部门可以办理", cite(Provision::kMeasuresArt3));
    return ok();
}

// Art 18 and REQUIREMENTS §8: an upper department may take a lower one's matter over (提级监督).
Result<void> upper_department(const auth::Caller& who, const FireContext& ctx) {
    if (!facts_of(ctx).caller_is_upper)
        return Error::forbidden("只有上级行政执法协调监督部门可以提级办理本事项", cite(Provision::kMeasuresArt18));
    return ok();
}

Result<void> notice_findings(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(handling_department(who, ctx));
    if (!facts_of(ctx).has_notice_findings)
        return Error::conflict("matter.no_notice_findings", "尚无需以监督通知书责令改正的问题，不能制发通知书", "",
                               cite(Provision::kMeasuresArt14));
    return ok();
}

Result<void> nothing_pending(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(handling_department(who, ctx));
    if (facts_of(ctx).has_notice_findings)
        return Error::conflict("matter.findings_pending", "尚有问题需制发监督通知书责令改正，不能办结", "",
                               cite(Provision::kMeasuresArt14));
    return ok();
}

Result<void> target_agency(const auth::Caller& who, const FireContext& ctx) {
    if (who.org_id == 0 || who.org_id != facts_of(ctx).target_org_id)
        return Error::forbidden("只有被监督的行政执法机关可以报送整改情况", cite(Provision::kMeasuresArt14));
    return ok();
}

// Art 14 ¶2: 逾期不改正 — only once the notice's deadline has passed.
Result<void> correction_overdue(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(handling_department(who, ctx));
    if (!facts_of(ctx).correction_overdue)
        return Error::conflict("matter.not_overdue", "整改期限尚未届满，不能以逾期不改正报请本级人民政府", "",
                               cite(Provision::kMeasuresArt14));
    return ok();
}

// Art 14 ¶2: 报请本级人民政府: the handling department's own government decides.
Result<void> same_level_government(const auth::Caller& who, const FireContext& ctx) {
    const auto& f = facts_of(ctx);
    if (f.government_id == 0 || who.org_id != f.government_id)
        return Error::forbidden("只有承办部门的本级人民政府可以作出行政执法监督决定", cite(Provision::kMeasuresArt14));
    return ok();
}

Result<void> decision_carried_out(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(handling_department(who, ctx));
    if (!facts_of(ctx).decision_received)
        return Error::conflict("matter.receipt_pending", "行政执法监督决定书尚未送达被监督单位并签收，不能办结");
    if (!facts_of(ctx).items_fulfilled)
        return Error::conflict("matter.items_pending", "决定事项尚未全部记录执行情况，不能办结", "",
                               cite(Provision::kMeasuresArt14));
    return ok();
}

Definition matter_definition() {
    using namespace matter_state;
    using namespace matter_event;
    // clang-format off
    return Definition{
        "supervision_matter",
        {{kOpen, "办理中"}, {kNoticePending, "通知书待签发"}, {kRectifying, "整改中"}, {kVerifying, "待复查"},
         {kRectificationFailed, "整改未到位"}, {kAwaitingGovernment, "报请本级人民政府决定"},
         {kDecided, "已作出监督决定"}, {kClosed, "已办结"}},
        {{kRecordInspection, "记录现场监督"}, {kRecordFileReview, "记录案卷评查"}, {kAddFinding, "记录发现的问题"},
         {kAddMember, "增加监督人员"}, {kTakeOver, "提级办理"}, {kProposeNotice, "拟制监督通知书"},
         {kIssueNotice, "签发监督通知书"}, {kReturnNotice, "退回监督通知书"}, {kSubmitReport, "报送整改情况"},
         {kVerifyPass, "复查通过"}, {kVerifyFail, "复查未通过"}, {kReportToGovernment, "报请本级人民政府"},
         {kDecide, "作出监督决定"}, {kRecordFulfilment, "记录执行情况"}, {kClose, "办结"}},
        kOpen,
        {
            // from                event                 who               to                    guard
            {kOpen,                kRecordInspection,    "supervisor",     kOpen,                handling_department, "handling_department"},
            {kOpen,                kRecordFileReview,    "supervisor",     kOpen,                handling_department, "handling_department"},
            {kOpen,                kAddFinding,          "supervisor",     kOpen,                handling_department, "handling_department"},
            {kOpen,                kAddMember,           "supervisor",     kOpen,                handling_department, "handling_department"},
            {kOpen,                kAddMember,           "dept_leader",    kOpen,                handling_department, "handling_department"},
            {kOpen,                kTakeOver,            "dept_leader",    kOpen,                upper_department, "upper_department"},
            {kOpen,                kProposeNotice,       "supervisor",     kNoticePending,       notice_findings, "notice_findings"},
            {kOpen,                kClose,               "supervisor",     kClosed,              nothing_pending, "nothing_pending"},
            {kNoticePending,       kIssueNotice,         "dept_leader",    kRectifying,          handling_department, "handling_department"},
            {kNoticePending,       kReturnNotice,        "dept_leader",    kOpen,                handling_department, "handling_department"},
            {kRectifying,          kSubmitReport,        "agency_liaison", kVerifying,           target_agency, "target_agency"},
            {kRectifying,          kReportToGovernment,  "dept_leader",    kAwaitingGovernment,  correction_overdue, "correction_overdue"},
            {kVerifying,           kVerifyPass,          "supervisor",     kClosed,              handling_department, "handling_department"},
            {kVerifying,           kVerifyFail,          "supervisor",     kRectificationFailed, handling_department, "handling_department"},
            {kRectificationFailed, kReportToGovernment,  "dept_leader",    kAwaitingGovernment,  handling_department, "handling_department"},
            {kAwaitingGovernment,  kDecide,              "gov_leader",     kDecided,             same_level_government, "same_level_government"},
            {kDecided,             kRecordFulfilment,    "supervisor",     kDecided,             handling_department, "handling_department"},
            {kDecided,             kClose,               "supervisor",     kClosed,              decision_carried_out, "decision_carried_out"},
        }};
    // clang-format on
}

}  // namespace

const workflow::StateMachine& matter_machine() {
    static const workflow::StateMachine sm(matter_definition());
    return sm;
}

bool is_concluded(std::string_view state) { return state == matter_state::kClosed; }

void register_machines(workflow::MachineRegistry& registry) { registry.add(matter_machine()); }

}  // namespace lecs::supervision
