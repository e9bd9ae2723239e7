#include "lecs/workflow/rules.hpp"

#include "lecs/base/crypto.hpp"

namespace lecs::workflow {

std::string_view to_string(ReminderStep s) {
    switch (s) {
        case ReminderStep::kT3:
            return "t-3";
        case ReminderStep::kT1:
            return "t-1";
        case ReminderStep::kDue:
            return "due";
        case ReminderStep::kOverdue:
            return "overdue";
    }
    return "";
}

std::optional<ReminderStep> reminder_step_from(std::string_view s) {
    if (s == "t-3") return ReminderStep::kT3;
    if (s == "t-1") return ReminderStep::kT1;
    if (s == "due") return ReminderStep::kDue;
    if (s == "overdue") return ReminderStep::kOverdue;
    return std::nullopt;
}

std::optional<ReminderStep> current_step(const calendar::Calendar& cal, Date due, Date today) {
    if (today > due) return ReminderStep::kOverdue;
    if (today == due) return ReminderStep::kDue;
    int left = cal.working_days_between(today, due);
    if (left <= 1) return ReminderStep::kT1;
    if (left <= 3) return ReminderStep::kT3;
    return std::nullopt;
}

std::string_view to_string(calendar::Unit u) { return u == calendar::Unit::kWorkingDays ? "working" : "calendar"; }

std::optional<calendar::Unit> unit_from(std::string_view s) {
    if (s == "working") return calendar::Unit::kWorkingDays;
    if (s == "calendar") return calendar::Unit::kCalendarDays;
    return std::nullopt;
}

calendar::Period period_of(const Deadline& d) {
    calendar::Period p;
    p.start = d.start_date;
    p.days = d.days;
    p.unit = d.unit;
    for (const auto& x : d.pauses) p.pauses.push_back(calendar::Pause{x.reason, x.start, x.end});
    for (const auto& e : d.extensions)
        p.extensions.push_back(calendar::Extension{std::to_string(e.approver_user_id), e.basis, e.days, e.unit});
    return p;
}

Result<void> check_deadline_input(const DeadlineInput& in) {
    if (in.owner_kind.empty() || in.owner_id <= 0)
        return Error::validation("workflow.owner_required", "期限必须属于一个案件", "owner_id");
    if (in.name.empty()) return Error::validation("validation.required", "「期限名称」不能为空", "name");
    if (in.start_event.empty()) return Error::validation("validation.required", "「起算事件」不能为空", "start_event");
    if (in.owner.region_code.empty())
        return Error::validation("validation.required", "「所属区域」不能为空", "region_code");
    if (in.days <= 0 || in.days > 3660)
        return Error::validation("workflow.bad_days", "期限天数必须在1至3660之间", "days");
    return ok();
}

int64_t backoff_ms(int failed_attempts) {
    if (failed_attempts < 1) failed_attempts = 1;
    if (failed_attempts > 20) return kMaxBackoffMs;
    int64_t ms = int64_t{1000} << (failed_attempts - 1);
    return ms < kMaxBackoffMs ? ms : kMaxBackoffMs;
}

std::string webhook_signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
    std::string data;
    data.reserve(timestamp.size() + 1 + body.size());
    data.append(timestamp).append(".").append(body);
    return crypto::hex(crypto::hmac_sm3(secret, data));
}

std::string reminder_title(ReminderStep s, const Deadline& d) {
    switch (s) {
        case ReminderStep::kT3:
        case ReminderStep::kT1:
            return "期限提醒：" + d.name + "即将届满";
        case ReminderStep::kDue:
            return "期限提醒：" + d.name + "今日届满";
        case ReminderStep::kOverdue:
            return "逾期提醒：" + d.name + "已逾期";
    }
    return {};
}

std::string reminder_body(ReminderStep s, const Deadline& d, const calendar::DueState& state) {
    const std::string due = d.due_date.chinese();
    switch (s) {
        case ReminderStep::kT3:
        case ReminderStep::kT1:
            return d.name + "将于" + due + "届满（还剩" + std::to_string(state.days_left) + "个工作日）";
        case ReminderStep::kDue:
            return d.name + "于今日（" + due + "）届满";
        case ReminderStep::kOverdue:
            return d.name + "已于" + due + "届满，现已逾期，请尽快办理";
    }
    return {};
}

}  // namespace lecs::workflow
