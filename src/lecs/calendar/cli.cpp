#include "lecs/calendar/cli.hpp"

namespace lecs::calendar {

namespace {
constexpr const char* kUsage =
    "usage: lecs calendar due --from YYYY-MM-DD (--working-days N | --calendar-days N)\n"
    "  N >= 0; the start day is not counted; a calendar-day period ending on a holiday\n"
    "  or rest day moves to the next working day.\n";

int usage(std::ostream& out, const std::string& why) {
    out << "error: " << why << "\n" << kUsage;
    return 2;
}
}  // namespace

int run_calendar_due_cli(const Calendar& cal, const std::string& from, std::optional<int> working_days,
                         std::optional<int> calendar_days, std::ostream& out) {
    auto start = Date::parse(from);
    if (!start) return usage(out, "--from must be a date YYYY-MM-DD, got '" + from + "'");
    if (working_days.has_value() == calendar_days.has_value())
        return usage(out, "give exactly one of --working-days and --calendar-days");
    const int n = working_days ? *working_days : *calendar_days;
    if (n < 0) return usage(out, "the number of days must be >= 0");
    const DueDate due = working_days ? cal.add_working_days(*start, n) : cal.add_calendar_days(*start, n);
    out << due.date.iso() << (due.provisional ? " provisional" : "") << "\n";
    return 0;
}

}  // namespace lecs::calendar
