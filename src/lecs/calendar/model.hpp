// Plain data of the working-day calendar and of periods (REQUIREMENTS §18).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs::calendar {

// One row of the State Council's yearly holiday notice (国务院办公厅 notice,
// legal-facts §3): an "off" day (statutory holiday or rest day moved into the
// holiday) or a make-up working day (调休上班) on a Saturday or Sunday. "normal"
// is an edited day that follows the weekday rule again (it keeps its version).
enum class DayType { kOff, kWorkday, kNormal };

std::string_view to_string(DayType t);                     // "off" | "workday" | "normal"
std::optional<DayType> day_type_from(std::string_view s);  // nullopt for anything else

struct DayEntry {
    Date date;
    DayType type = DayType::kOff;
    std::string holiday;  // "国庆节", "春节"; empty for "normal"
};

// A stored day with its version (calendar_days).
struct DayRecord {
    DayEntry entry;
    std::string source;  // the notice, or "edit"
    int64_t version = 0;
    int64_t updated_at = 0;  // ms UTC
    std::string updated_by;
};

struct YearRecord {
    int year = 0;
    bool published = false;
    std::string source;
    std::string note;
};

// The answer for one day.
struct DayInfo {
    bool working = false;
    bool provisional = false;      // the year has no published calendar: Mon–Fri was assumed
    std::optional<DayType> entry;  // the published entry, if any
    std::string holiday;
};

enum class Unit { kWorkingDays, kCalendarDays };

// Days inside a pause (both ends inclusive) do not count. end = nullopt: the
// pause is still running.
struct Pause {
    std::string reason;  // "听证", "鉴定", "公告"
    Date start;
    std::optional<Date> end;
};

// An approved extension, counted after the period before it.
struct Extension {
    std::string approver;
    std::string basis;
    int days = 0;
    Unit unit = Unit::kWorkingDays;
};

// A deadline as data: start event date, allowance, pauses and extensions.
struct Period {
    Date start;  // the day of the start event (receipt, acceptance …)
    int days = 0;
    Unit unit = Unit::kWorkingDays;
    std::vector<Pause> pauses;
    std::vector<Extension> extensions;
};

struct DueDate {
    Date date;                     // the last day of the period, after any move
    std::optional<Date> original;  // the unmoved last day, set only when it moved
    bool provisional = false;      // some day of the span lies in a year with no published calendar
    std::string moved_reason;  // "期间届满日为国庆节假日，顺延至2026年10月8日"; empty when not moved
    bool suspended = false;    // an open-ended pause covers as_of: the date moves on while it lasts
    int paused_days = 0;       // days of the span not counted because of pauses
};

// Computed when read, never stored (REQUIREMENTS §18).
struct DueState {
    bool overdue = false;
    bool due_soon = false;  // not overdue and at most N working days left (N = 3 by default)
    int days_left = 0;      // working days in (today, due]; negative: working days in (due, today]
};

}  // namespace lecs::calendar
