// `lecs calendar due` output, expected strings counted by hand from the 2025/2026 notices.
#include "lecs/calendar/cli.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "lecs/base/embedded.hpp"

namespace lecs::calendar {
namespace {

Calendar official() {
    auto entries = parse_holiday_csv(*embedded::find("data/cn-holidays-2025-2026.csv"));
    EXPECT_TRUE(entries.ok());
    return Calendar::from_entries(std::move(entries.value()));
}

struct Run {
    int rc;
    std::string out;
};

Run run(const std::string& from, std::optional<int> wd, std::optional<int> cd) {
    std::ostringstream out;
    int rc = run_calendar_due_cli(official(), from, wd, cd, out);
    return {rc, out.str()};
}

const std::string kUsage =
    "usage: lecs calendar due --from YYYY-MM-DD (--working-days N | --calendar-days N)\n"
    "  N >= 0; the start day is not counted; a calendar-day period ending on a holiday\n"
    "  or rest day moves to the next working day.\n";

TEST(CalendarDueCli, WorkingDaysAcrossSpringFestival) {
    auto r = run("2026-02-12", 5, std::nullopt);
    EXPECT_EQ(r.rc, 0);
    EXPECT_EQ(r.out, "2026-02-26\n");
}

TEST(CalendarDueCli, CalendarDaysEndingInNationalDayMove) {
    auto r = run("2026-09-03", std::nullopt, 30);
    EXPECT_EQ(r.rc, 0);
    EXPECT_EQ(r.out, "2026-10-08\n");
}

TEST(CalendarDueCli, ReachingInto2027IsProvisional) {
    auto r = run("2026-12-28", 5, std::nullopt);
    EXPECT_EQ(r.rc, 0);
    EXPECT_EQ(r.out, "2027-01-04 provisional\n");
}

TEST(CalendarDueCli, ImpossibleDateIsUsageError) {
    auto r = run("2026-02-30", 5, std::nullopt);
    EXPECT_EQ(r.rc, 2);
    EXPECT_EQ(r.out, "error: --from must be a date YYYY-MM-DD, got '2026-02-30'\n" + kUsage);
}

TEST(CalendarDueCli, BothOrNeitherAllowanceIsUsageError) {
    EXPECT_EQ(run("2026-02-12", 5, 5).out, "error: give exactly one of --working-days and --calendar-days\n" + kUsage);
    EXPECT_EQ(run("2026-02-12", std::nullopt, std::nullopt).rc, 2);
}

TEST(CalendarDueCli, NegativeDaysIsUsageError) {
    auto r = run("2026-02-12", -1, std::nullopt);
    EXPECT_EQ(r.rc, 2);
    EXPECT_EQ(r.out, "error: the number of days must be >= 0\n" + kUsage);
}

}  // namespace
}  // namespace lecs::calendar
