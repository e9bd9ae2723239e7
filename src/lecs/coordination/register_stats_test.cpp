// The register's statistics over hand-made rows, on the official calendar. Every
// working-day figure below was counted by hand from data/cn-holidays-2025-2026.csv.
#include "lecs/coordination/register_stats.hpp"

#include <gtest/gtest.h>

#include "lecs/base/embedded.hpp"
#include "lecs/calendar/rules.hpp"

namespace lecs::coordination {
namespace {

Date D(const char* iso) { return *Date::parse(iso); }

calendar::Calendar official() {
    auto csv = embedded::find("data/cn-holidays-2025-2026.csv");
    EXPECT_TRUE(csv.has_value());
    auto entries = calendar::parse_holiday_csv(*csv);
    EXPECT_TRUE(entries.ok());
    return calendar::Calendar::from_entries(std::move(entries.value()));
}

RegisterFacts row(const char* status, const char* level, const char* domain, const char* filed = nullptr,
                  const char* concluded = nullptr, bool overdue = false) {
    RegisterFacts r;
    r.status = status;
    if (level) r.competent_level = level;
    r.domain = domain;
    if (filed) r.filed_on = D(filed);
    if (concluded) r.concluded_on = D(concluded);
    r.overdue = overdue;
    return r;
}

int64_t count_of(const std::vector<std::pair<std::string, int64_t>>& v, const std::string& key) {
    for (const auto& [k, n] : v)
        if (k == key) return n;
    return -1;  // absent
}

TEST(RegisterStatistics, NothingToCountGivesZerosAndNoAverage) {
    auto s = summarize({}, official(), D("2026-11-27"));
    EXPECT_EQ(s.total, 0);
    EXPECT_EQ(s.as_of, D("2026-11-27"));
    EXPECT_EQ(s.by_status.size(), 10u);  // every state of the table, zeros included
    EXPECT_EQ(count_of(s.by_status, "draft"), 0);
    EXPECT_EQ(count_of(s.by_level, "city"), 0);
    EXPECT_EQ(count_of(s.by_level, "county"), 0);
    EXPECT_TRUE(s.by_domain.empty());
    EXPECT_FALSE(s.avg_working_days);
    EXPECT_FALSE(s.avg_calendar_days);
    EXPECT_FALSE(s.max_working_days);
}

TEST(RegisterStatistics, CountsByStatusLevelDomainAndOpenness) {
    std::vector<RegisterFacts> rows{
        row("draft", nullptr, ""),
        row("under_review", "city", "market", "2026-11-02", nullptr, true),
        row("coordinating", "county", "market", "2026-10-09"),
        row("awaiting_government_decision", "county", "agriculture", "2026-09-01", nullptr, true),
        row("refused", "city", "market", "2026-11-02", "2026-11-05"),
        row("withdrawn", "county", "", "2026-11-02", "2026-11-03"),
    };
    auto s = summarize(rows, official(), D("2026-11-27"));
    EXPECT_EQ(s.total, 6);
    EXPECT_EQ(s.drafts, 1);
    EXPECT_EQ(s.open, 3);
    EXPECT_EQ(s.concluded, 2);
    EXPECT_EQ(s.overdue, 2);
    EXPECT_EQ(count_of(s.by_status, "draft"), 1);
    EXPECT_EQ(count_of(s.by_status, "closed"), 0);
    EXPECT_EQ(count_of(s.by_status, "refused"), 1);
    EXPECT_EQ(s.by_status.front().first, "draft");  // the table's order
    EXPECT_EQ(count_of(s.by_level, "city"), 2);     // the draft has no level
    EXPECT_EQ(count_of(s.by_level, "county"), 3);
    ASSERT_EQ(s.by_domain.size(), 3u);
    EXPECT_EQ(s.by_domain[0], (std::pair<std::string, int64_t>{"market", 3}));  // most first
    EXPECT_EQ(s.by_domain[1], (std::pair<std::string, int64_t>{"", 2}));        // ties by code
    EXPECT_EQ(s.by_domain[2], (std::pair<std::string, int64_t>{"agriculture", 1}));
    // Refused and withdrawn ended without handling: no average.
    EXPECT_EQ(s.timed, 0);
    EXPECT_FALSE(s.avg_working_days);
}

TEST(RegisterStatistics, HandlingDaysOfClosedDisputesOnTheWorkingDayCalendar) {
    std::vector<RegisterFacts> rows{
        // Mon 09-28 → Fri 10-09: 国庆节 10-01..07 off (Sat 10-10 a working day, but after the end).
        // Working days after 09-28 up to 10-09: 09-29, 09-30, 10-08, 10-09 = 4; calendar 11.
        row("closed", "city", "market", "2026-09-28", "2026-10-09"),
        // Fri 11-20 → Fri 11-27: 11-23..27 = 5 working days; calendar 7.
        row("closed", "county", "agriculture", "2026-11-20", "2026-11-27"),
        // Closed without a filing date (data before the register): left out, not guessed.
        row("closed", "county", "agriculture", nullptr, "2026-11-27"),
        // Closed before this migration: no end date.
        row("closed", "county", "agriculture", "2026-11-20", nullptr),
    };
    auto s = summarize(rows, official(), D("2026-11-27"));
    EXPECT_EQ(s.concluded, 4);
    EXPECT_EQ(s.timed, 2);
    ASSERT_TRUE(s.avg_calendar_days);
    EXPECT_DOUBLE_EQ(*s.avg_calendar_days, 9.0);  // (11 + 7) / 2
    ASSERT_TRUE(s.avg_working_days);
    EXPECT_DOUBLE_EQ(*s.avg_working_days, 4.5);  // (4 + 5) / 2
    EXPECT_EQ(s.max_working_days, 5);
}

}  // namespace
}  // namespace lecs::coordination
