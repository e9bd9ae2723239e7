// The calendar module (ARCHITECTURE §Layout: working-day calendar, period
// arithmetic, deadline computation; REQUIREMENTS §18).
//
// Contract (details in each header):
// - model.hpp: DayEntry, Period {start, days, unit, pauses, extensions},
//   DueDate {date, original, provisional, moved_reason, suspended, paused_days},
//   DueState {overdue, due_soon, days_left}.
// - rules.hpp: the pure Calendar (is_working_day, add_working_days,
//   add_calendar_days, compute, working_days_between, due_state), the period
//   rules with their legal basis (PeriodRules parameters), the CSV parser.
// - service.hpp: ensure_calendar(tx) at start-up; CalendarService load(),
//   set_day(), publish_year() (permission calendar.write, versioned, audited).
// - cli.hpp: run_calendar_due_cli for `lecs calendar due`.
#pragma once

#include "lecs/calendar/cli.hpp"
#include "lecs/calendar/model.hpp"
#include "lecs/calendar/rules.hpp"
#include "lecs/calendar/service.hpp"
