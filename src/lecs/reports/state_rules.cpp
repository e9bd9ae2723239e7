#include "lecs/reports/state_rules.hpp"

#include <algorithm>
#include <any>
#include <stdexcept>

#include "lecs/base/provision.hpp"
#include "lecs/reports/rules.hpp"

namespace lecs::reports {
namespace {

using workflow::Definition;
using workflow::FireContext;

const SubmissionFacts& facts_of(const FireContext& ctx) {
    const auto* f = std::any_cast<const SubmissionFacts*>(&ctx.data);
    if (!f || !*f) throw std::logic_error("state machine 'report_submission': guards need SubmissionFacts");
    return **f;
}

// Art 15: the agency reports its own statistics; no other agency files or edits them.
Result<void> own_agency(const auth::Caller& who, const FireContext& ctx) {
    if (who.org_id == 0 || who.org_id != facts_of(ctx).agency_id)
        return Error::forbidden("只有报送单位本机关的联络员可以填报本统计报表", cite(Provision::kMeasuresArt15));
    return ok();
}

// A report goes up only once its figures pass the template's rules (REQUIREMENTS §9).
Result<void> own_agency_valid(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(own_agency(who, ctx));
    const auto& f = facts_of(ctx);
    if (!f.invalid_message.empty())
        return Error::validation("report.invalid", "统计报表未通过校验，不能报送：" + f.invalid_message,
                                 f.invalid_field, cite(Provision::kMeasuresArt15));
    return ok();
}

// Art 15: the same-level and the upper-level 行政执法协调监督部门 receive the report.
Result<void> receiving_department(const auth::Caller& who, const FireContext& ctx) {
    const auto& f = facts_of(ctx);
    const auto regions = receiving_regions(f.agency_region);
    if (!f.caller_is_department || std::find(regions.begin(), regions.end(), who.org_region) == regions.end())
        return Error::forbidden("只有报送单位的本级或上一级行政执法协调监督部门可以退回或接收本统计报表",
                                cite(Provision::kMeasuresArt15));
    return ok();
}

// A return says what to correct, field by field (issue 7 §2: returned with reasons per field).
Result<void> receiving_department_with_reasons(const auth::Caller& who, const FireContext& ctx) {
    LECS_TRY(receiving_department(who, ctx));
    if (facts_of(ctx).return_reasons <= 0)
        return Error::validation("report.return_reason_missing", "退回统计报表须逐项写明需要更正的栏目和理由",
                                 "reasons", cite(Provision::kMeasuresArt15));
    return ok();
}

Definition submission_definition() {
    using namespace submission_state;
    using namespace submission_event;
    // clang-format off
    return Definition{
        "report_submission",
        {{kDraft, "草稿"}, {kSubmitted, "已报送"}, {kReturned, "已退回"}, {kResubmitted, "已重新报送"},
         {kAccepted, "已接收"}},
        {{kSave, "保存"}, {kSubmit, "报送"}, {kReturn, "退回"}, {kResubmit, "重新报送"}, {kAccept, "接收"}},
        kDraft,
        {
            // from        event      who               to            guard
            {kDraft,       kSave,     "agency_liaison", kDraft,       own_agency, "own_agency"},
            {kDraft,       kSubmit,   "agency_liaison", kSubmitted,   own_agency_valid, "own_agency_valid"},
            {kSubmitted,   kReturn,   "supervisor",     kReturned,    receiving_department_with_reasons, "receiving_department_with_reasons"},
            {kSubmitted,   kReturn,   "dept_leader",    kReturned,    receiving_department_with_reasons, "receiving_department_with_reasons"},
            {kSubmitted,   kAccept,   "supervisor",     kAccepted,    receiving_department, "receiving_department"},
            {kSubmitted,   kAccept,   "dept_leader",    kAccepted,    receiving_department, "receiving_department"},
            {kReturned,    kSave,     "agency_liaison", kReturned,    own_agency, "own_agency"},
            {kReturned,    kResubmit, "agency_liaison", kResubmitted, own_agency_valid, "own_agency_valid"},
            {kResubmitted, kReturn,   "supervisor",     kReturned,    receiving_department_with_reasons, "receiving_department_with_reasons"},
            {kResubmitted, kReturn,   "dept_leader",    kReturned,    receiving_department_with_reasons, "receiving_department_with_reasons"},
            {kResubmitted, kAccept,   "supervisor",     kAccepted,    receiving_department, "receiving_department"},
            {kResubmitted, kAccept,   "dept_leader",    kAccepted,    receiving_department, "receiving_department"},
        }};
    // clang-format on
}

}  // namespace

std::vector<std::string> receiving_regions(std::string_view agency_region) {
    auto level = region_level(agency_region);
    if (!level) return {};
    switch (*level) {
        case RegionLevel::kCity:
            return {*region_at(agency_region, RegionLevel::kCity)};
        case RegionLevel::kCounty:
            return {*region_at(agency_region, RegionLevel::kCounty), *region_at(agency_region, RegionLevel::kCity)};
        case RegionLevel::kTownship:
            return {*region_at(agency_region, RegionLevel::kTownship), *region_at(agency_region, RegionLevel::kCounty)};
    }
    return {};
}

const workflow::StateMachine& submission_machine() {
    static const workflow::StateMachine sm(submission_definition());
    return sm;
}

Result<std::string> fire_submission(std::string_view state, std::string_view event, const auth::Caller& who,
                                    const SubmissionFacts& facts) {
    FireContext ctx;
    ctx.object_kind = "report_submission";
    ctx.data = &facts;
    auto r = submission_machine().fire(state, event, who, ctx);
    if (!r.ok() && r.error().basis.empty()) {
        Error e = r.error();
        e.basis = cite(Provision::kMeasuresArt15);
        return e;
    }
    return r;
}

std::string_view state_label(std::string_view state) {
    for (const auto& s : submission_machine().definition().states)
        if (s.name == state) return s.label;
    return state;
}

bool is_state(std::string_view state) {
    const auto& states = submission_machine().definition().states;
    return std::any_of(states.begin(), states.end(), [&](const workflow::Named& s) { return s.name == state; });
}

void register_machines(workflow::MachineRegistry& registry) { registry.add(submission_machine()); }

}  // namespace lecs::reports
