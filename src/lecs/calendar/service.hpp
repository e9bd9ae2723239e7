// The calendar module's use cases (REQUIREMENTS §18): the stored working-day
// calendar, its versioned edits by sys_admin, and publishing a new year.
//
// Contract:
// - ensure_calendar(tx) loads the State Council notices embedded in the binary
//   (data/cn-holidays-2025-2026.csv) for every year that has no calendar_years
//   row yet; it never touches a year already present, so an admin's edits
//   survive restarts. The lead calls it at start-up after migrations.
// - load(tx) builds the pure Calendar (rules.hpp) from the published years.
// - Writes need the permission "calendar.write" (sys_admin, api-contract),
//   are versioned (409 version_conflict on a stale version; a day never stored
//   has version 0), append a calendar_revisions row and an audit record in the
//   caller's Tx, so they commit or roll back together.
// - Recomputing the due dates of open deadlines after a change belongs to
//   workflow: it calls load() again and recomputes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/calendar/model.hpp"
#include "lecs/calendar/rules.hpp"
#include "lecs/db/db.hpp"

namespace lecs::calendar {

inline constexpr std::string_view kEmbeddedCalendar = "data/cn-holidays-2025-2026.csv";
inline constexpr std::string_view kWritePermission = "calendar.write";

// Returns the number of days inserted (0 when every embedded year was present).
// Throws std::runtime_error when the embedded data is missing or malformed.
int ensure_calendar(db::Tx& tx, int64_t now_ms = lecs::now_ms());

class CalendarService {
  public:
    explicit CalendarService(audit::AuditLog& audit, PeriodRules rules = {}) : audit_(audit), rules_(rules) {}

    Calendar load(db::Tx& tx) const;
    std::vector<YearRecord> years(db::Tx& tx) const;
    std::vector<DayRecord> days(db::Tx& tx, std::optional<int> year) const;

    // Sets one day of a published year: "off", "workday" (调休上班, Sat/Sun only)
    // or "normal" (back to the weekday rule). version: the day's current version
    // (0 for a day never stored).
    Result<DayRecord> set_day(db::Tx& tx, const auth::Caller& who, Date date, DayType type, std::string holiday,
                              int64_t version, int64_t now_ms);

    // Publishes a year that is not published yet, with the days of its notice.
    // Returns the number of days stored.
    Result<int> publish_year(db::Tx& tx, const auth::Caller& who, int year, const std::vector<DayEntry>& days,
                             const std::string& source, const std::string& note, int64_t now_ms);

  private:
    audit::AuditLog& audit_;
    PeriodRules rules_;
};

}  // namespace lecs::calendar
