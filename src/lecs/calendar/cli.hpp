// `lecs calendar due`: the due date of a period, for operators and scripts.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "lecs/calendar/rules.hpp"

namespace lecs::calendar {

// Exactly one of working_days / calendar_days, >= 0; from is YYYY-MM-DD.
// Prints "YYYY-MM-DD" (plus " provisional" when a day of the span lies in a
// year with no published calendar) and a newline, returns 0; on bad input
// prints an English usage message and returns 2.
int run_calendar_due_cli(const Calendar& cal, const std::string& from, std::optional<int> working_days,
                         std::optional<int> calendar_days, std::ostream& out);

}  // namespace lecs::calendar
