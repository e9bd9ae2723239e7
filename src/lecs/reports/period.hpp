// Report periods and due dates (REQUIREMENTS §9; Art 15 "定期报送"). Pure: no I/O.
//
// Contract:
// - A PeriodRef is one month, quarter, half year or year of a calendar year (2000–2100). Its key
//   is "2026-03", "2026-Q1", "2026-H2" or "2026"; parse_period() accepts exactly these.
// - A DueRule gives the due date from the period's last day, in one of two forms:
//   months_after_end + day (day `day` of the month `months_after_end` months after the period's
//   last month, clamped to the month's length: 31 → 28/29 February), or days_after_end (calendar
//   days after the period's last day). The annual report is {1, 31}: 31 January of the next year
//   (REQUIREMENTS §9 and issue 7, citing 国办发〔2018〕118号; legal-facts.md §5.3 verifies that
//   document only for the 7 and 20 working-day publication limits, not for this date, so the date
//   is the template's parameter). Due dates are calendar dates: the sources set a fixed date, not a
//   count of working days, so no holiday moves them.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "lecs/base/time.hpp"

namespace lecs::reports {

enum class PeriodKind { kMonth, kQuarter, kHalfYear, kYear };

std::string_view to_string(PeriodKind k);  // "month" | "quarter" | "half_year" | "year"
std::optional<PeriodKind> period_kind_from_string(std::string_view s);
std::string_view period_kind_label(PeriodKind k);  // 月报 | 季报 | 半年报 | 年报

inline constexpr int kMinYear = 2000;
inline constexpr int kMaxYear = 2100;

struct PeriodRef {
    PeriodKind kind = PeriodKind::kYear;
    int year = 2026;
    int index = 1;  // month 1–12, quarter 1–4, half 1–2; 1 for a year

    Date first_day() const;
    Date last_day() const;
    std::string key() const;    // "2026-03", "2026-Q1", "2026-H2", "2026"
    std::string label() const;  // 2026年3月, 2026年第一季度, 2026年上半年, 2026年度
    // The same period one year earlier, for the year-on-year comparison.
    PeriodRef year_before() const { return PeriodRef{kind, year - 1, index}; }
    auto operator<=>(const PeriodRef&) const = default;
};

std::optional<PeriodRef> parse_period(std::string_view key);

struct DueRule {
    int months_after_end = 0;  // with day > 0
    int day = 0;               // 1–31; 0 = the days_after_end form
    int days_after_end = 0;    // 1–366, when day == 0
};

Date due_date(const DueRule& rule, const PeriodRef& period);

}  // namespace lecs::reports
