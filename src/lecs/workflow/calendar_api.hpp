// Routes of the working-day calendar (REQUIREMENTS §18), registered here rather
// than in calendar/ because an edit must recompute the due dates of every open
// deadline in the same transaction, and calendar/ may not depend on workflow.
//
//   GET /api/v1/calendar/years                 authenticated, public data → [{year, published, provisional, source,
//   note}] GET /api/v1/calendar/days?year=YYYY        authenticated, public data → [{date, type, holiday, source,
//   version}] GET /api/v1/calendar/due?from=&working_days=|calendar_days=
//                                              authenticated, public data → {due, original, provisional, moved_reason}
//   PUT /api/v1/calendar/days/{date}           calendar.write, system → {date, type, holiday, version, moved_deadlines}
#pragma once

#include "lecs/calendar/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::workflow {

void register_calendar_api(http::Router& r, calendar::CalendarService& cal, DeadlineService& deadlines,
                           db::Database& db);

}  // namespace lecs::workflow
