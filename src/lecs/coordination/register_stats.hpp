// The dispute register's statistics (issue 4 §4; REQUIREMENTS §4 "statistics (by
// status, domain, level, handling time)"), as a pure function of the register's rows.
//
// Contract:
// - summarize() counts the rows by status (every state of the dispute table, in the
//   table's order, zeros included, so a chart's axis never changes shape), by level
//   (city, county; a draft has none and is not counted there) and by domain (the
//   domains present, most first, ties by code; "" is 未分类).
// - open = not concluded (dispute_table.hpp is_concluded) and not a draft; overdue
//   counts the rows flagged overdue.
// - Handling time is measured on the 办结 (closed) disputes with both a filing date
//   and an end date: calendar days and working days (Calendar::working_days_between:
//   the filing day not counted, the end day counted) from filed_on to concluded_on.
//   Refused and withdrawn disputes ended without handling, so they are not averaged.
//   The averages are absent when no dispute qualifies, never 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lecs/base/time.hpp"
#include "lecs/calendar/rules.hpp"
#include "lecs/coordination/model.hpp"

namespace lecs::coordination {

struct RegisterStatistics {
    Date as_of;
    int64_t total = 0, drafts = 0, open = 0, concluded = 0, overdue = 0;
    std::vector<std::pair<std::string, int64_t>> by_status, by_level, by_domain;
    int64_t timed = 0;  // closed disputes the averages are taken over
    std::optional<double> avg_calendar_days, avg_working_days;
    std::optional<int> max_working_days;
};

RegisterStatistics summarize(const std::vector<RegisterFacts>& rows, const calendar::Calendar& cal, Date as_of);

}  // namespace lecs::coordination
