// Pure rules of the workflow module (no I/O).
//
// Contract:
// - Reminder steps (REQUIREMENTS §18): T-3 and T-1 working days before the due
//   day, the due day itself, and overdue. current_step() returns the LATEST
//   step that applies today, so a node that was down over several steps fires
//   only the step that is current when it comes back (plus nothing stale):
//   a deadline already overdue gets only "overdue", not the missed T-3/T-1/due.
//   days_left = working days in (today, due]:
//     today > due → overdue; today == due → due; days_left <= 1 → t-1;
//     days_left <= 3 → t-3; otherwise none.
// - Outbox back-off: after the n-th failed attempt the next one is
//   min(2^(n-1) s, 10 min) later (1 s, 2 s, 4 s …).
// - Webhook signature: hex(HMAC-SM3(secret, timestamp + "." + body)).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lecs/calendar/rules.hpp"
#include "lecs/workflow/model.hpp"

namespace lecs::workflow {

enum class ReminderStep { kT3, kT1, kDue, kOverdue };

std::string_view to_string(ReminderStep s);  // "t-3" | "t-1" | "due" | "overdue"
std::optional<ReminderStep> reminder_step_from(std::string_view s);

std::optional<ReminderStep> current_step(const calendar::Calendar& cal, Date due, Date today);

std::string_view to_string(calendar::Unit u);  // "working" | "calendar"
std::optional<calendar::Unit> unit_from(std::string_view s);

// The Period the calendar computes from (pauses and extensions in order).
calendar::Period period_of(const Deadline& d);

// Checks of DeadlineInput (Chinese messages, field names of the input).
Result<void> check_deadline_input(const DeadlineInput& in);

inline constexpr int64_t kMaxBackoffMs = 10 * 60 * 1000;
int64_t backoff_ms(int failed_attempts);

std::string webhook_signature(std::string_view secret, std::string_view timestamp, std::string_view body);

// Reminder texts: "期限提醒：复查申请答复将于2026年2月26日届满（还剩3个工作日）".
std::string reminder_title(ReminderStep s, const Deadline& d);
std::string reminder_body(ReminderStep s, const Deadline& d, const calendar::DueState& state);

}  // namespace lecs::workflow
