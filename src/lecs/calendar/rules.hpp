// The working-day calendar and period arithmetic (REQUIREMENTS §18). Pure: no I/O.
//
// Contract:
// - A Calendar is built from day entries and the set of PUBLISHED years.
//   is_working_day(d): in a published year an "off" entry is not a working day,
//   a "workday" entry (调休上班) is, and any other day is one when Mon–Fri. In a
//   year with no published calendar Mon–Fri is assumed and the answer is
//   provisional (legal-facts §3, 2027: "do not compute working-day deadlines
//   into 2027 without a warning").
// - Periods follow the rules below (PeriodRules), each a parameter because
//   legal-facts.md has not verified the statute text:
//   * start day not counted: REQUIREMENTS §12 ("the day of receipt not
//     counted"); 《中华人民共和国民法典》第二百零一条 (开始的当日不计入，自下一日开始计算) [M];
//   * last-day rule: REQUIREMENTS §18 citing 《民法典》第二百零三条 (期间的最后一日是
//     法定休假日的，以法定休假日结束的次日为期间的最后一日) [M]; REQUIREMENTS §18 reads
//     it as "a statutory holiday or a rest day → the next working day". It
//     applies to calendar-day periods only: a working-day period ends on a
//     working day by construction;
//   * pauses: time that a rule says "is not counted" (legal-facts §5.3 [V]: the
//     听证, 公告 and 鉴定 time of the former 工商 penalty procedure rule, Art 57)
//     is skipped day by day. For a working-day period a paused day is never
//     counted; for a calendar-day period each paused day inside the span
//     pushes the end by one day, and a paused day the extended span reaches
//     pushes it again (the count simply skips paused days);
//   * extensions are counted after the period before them, from its UNMOVED
//     last day (an extended period is one period, so 第二百零三条 applies only
//     to the last day of the whole period).
// - Provisional: any day of the span (start+1 … due) in an unpublished year.
// - due_state() is computed when read: overdue when today > due; days_left
//   counts working days between today and due; due_soon when not overdue and
//   days_left <= PeriodRules::due_soon_working_days.
#pragma once

#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/calendar/model.hpp"

namespace lecs::calendar {

// Where each period rule comes from (cited in moved_reason and in the report).
inline constexpr std::string_view kBasisStartDayNotCounted = "《中华人民共和国民法典》第二百零一条";
inline constexpr std::string_view kBasisLastDayMoves = "《中华人民共和国民法典》第二百零三条";

struct PeriodRules {
    bool start_day_counted = false;        // 民法典第二百零一条: not counted
    bool move_last_day_to_working = true;  // 民法典第二百零三条 (calendar-day periods)
    int due_soon_working_days = 3;         // REQUIREMENTS §18: reminders from T-3 working days
};

class Calendar {
  public:
    Calendar() = default;
    Calendar(std::vector<DayEntry> entries, std::set<int> published_years, PeriodRules rules = {});
    // Published years = the years that have any entry.
    static Calendar from_entries(std::vector<DayEntry> entries, PeriodRules rules = {});

    bool is_published(int year) const { return published_.count(year) > 0; }
    const std::set<int>& published_years() const { return published_; }
    const PeriodRules& rules() const { return rules_; }

    DayInfo day(Date d) const;
    bool is_working_day(Date d) const;  // day(d).working, without building the DayInfo
    // The first working day strictly after d.
    Date next_working_day(Date d) const;

    // The n-th working day after start (n >= 0; start itself not counted).
    DueDate add_working_days(Date start, int n) const;
    // start + n days; a last day that is not a working day moves to the next one.
    DueDate add_calendar_days(Date start, int n) const;
    // The whole deadline: base allowance, pauses, extensions. An open-ended
    // pause is taken to last until as_of (inclusive) and marks the result suspended.
    DueDate compute(const Period& p, Date as_of) const;

    // Working days d with a < d <= b; negative (-(count in (b, a])) when b < a.
    int working_days_between(Date a, Date b) const;
    DueState due_state(const DueDate& due, Date today) const;

  private:
    std::map<int64_t, DayEntry> entries_;  // by Date::days()
    std::set<int> published_;
    PeriodRules rules_;
};

// The embedded CSV (data/cn-holidays-2025-2026.csv): header
// "date,weekday,type,holiday", type off|workday. Returns the rows, or an error
// naming the first bad line.
Result<std::vector<DayEntry>> parse_holiday_csv(std::string_view csv);

// A day change by sys_admin (REQUIREMENTS §18): a make-up working day falls on
// a Saturday or Sunday (legal-facts §3 note), an "off" day names its holiday.
Result<void> check_day_entry(const DayEntry& e);

// "期间届满日为国庆节假日，顺延至2026年10月8日" / "期间届满日为休息日（星期六），顺延至…".
std::string moved_reason(const DayInfo& last_day, Date last, Date moved_to);

}  // namespace lecs::calendar
