#include "lecs/base/time.hpp"

#include <gtest/gtest.h>

namespace lecs {
namespace {

TEST(DateParse, AcceptsRealDates) {
    auto d = Date::parse("2026-11-27");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->y, 2026);
    EXPECT_EQ(d->m, 11);
    EXPECT_EQ(d->d, 27);
    EXPECT_TRUE(Date::parse("2024-02-29"));  // leap year
    EXPECT_TRUE(Date::parse("2000-02-29"));  // divisible by 400
    EXPECT_TRUE(Date::parse("2026-12-31"));
}

TEST(DateParse, RejectsImpossibleDates) {
    EXPECT_FALSE(Date::parse("2026-02-29"));
    EXPECT_FALSE(Date::parse("1900-02-29"));  // divisible by 100, not by 400
    EXPECT_FALSE(Date::parse("2026-04-31"));
    EXPECT_FALSE(Date::parse("2026-13-01"));
    EXPECT_FALSE(Date::parse("2026-00-10"));
    EXPECT_FALSE(Date::parse("2026-01-00"));
}

TEST(DateParse, StrictFormat) {
    EXPECT_FALSE(Date::parse(""));
    EXPECT_FALSE(Date::parse("2026-1-27"));
    EXPECT_FALSE(Date::parse("2026/11/27"));
    EXPECT_FALSE(Date::parse("2026-11-27T00:00"));
    EXPECT_FALSE(Date::parse(" 2026-11-27"));
    EXPECT_FALSE(Date::parse("2026-1a-27"));
    EXPECT_FALSE(Date::parse("20261127"));
}

TEST(Date, WeekdayIsIso) {
    EXPECT_EQ(Date::parse("2026-11-27")->weekday(), 5);  // Friday
    EXPECT_EQ(Date::parse("2026-11-29")->weekday(), 7);  // Sunday
    EXPECT_EQ(Date::parse("2026-11-30")->weekday(), 1);  // Monday
    EXPECT_EQ(Date::parse("1970-01-01")->weekday(), 4);  // Thursday
    EXPECT_EQ(Date::parse("2024-02-29")->weekday(), 4);
}

TEST(Date, DaysRoundTrip) {
    EXPECT_EQ(Date::parse("1970-01-01")->days(), 0);
    EXPECT_EQ(Date::parse("2026-11-27")->days(), 20784);
    EXPECT_EQ(Date::parse("2000-03-01")->days(), 11017);
    EXPECT_EQ(Date::from_days(20784).iso(), "2026-11-27");
    EXPECT_EQ(Date::from_days(-1).iso(), "1969-12-31");
    EXPECT_EQ(Date::parse("2024-02-28")->plus_days(1).iso(), "2024-02-29");
    EXPECT_EQ(Date::parse("2026-02-28")->plus_days(1).iso(), "2026-03-01");
    EXPECT_EQ(Date::parse("2026-12-31")->plus_days(1).iso(), "2027-01-01");
    EXPECT_EQ((Date{5, 3, 9}.iso()), "0005-03-09");
    EXPECT_EQ((Date{9999, 12, 31}.iso()), "9999-12-31");
    EXPECT_EQ(Date::parse("2026-03-01")->plus_days(-1).iso(), "2026-02-28");
}

TEST(Date, Formats) {
    EXPECT_EQ(Date::parse("2026-01-05")->iso(), "2026-01-05");
    EXPECT_EQ(Date::parse("2026-01-05")->chinese(), "2026年1月5日");
    EXPECT_EQ(Date::parse("2026-11-27")->chinese(), "2026年11月27日");
}

TEST(Date, Ordering) {
    EXPECT_LT(*Date::parse("2026-11-27"), *Date::parse("2026-11-28"));
    EXPECT_LT(*Date::parse("2026-02-28"), *Date::parse("2026-10-01"));
    EXPECT_EQ(*Date::parse("2026-11-27"), (Date{2026, 11, 27}));
}

TEST(Calendar, LeapYearsAndMonthLengths) {
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_FALSE(is_leap_year(2026));
    EXPECT_FALSE(is_leap_year(2100));
    EXPECT_TRUE(is_leap_year(2000));
    EXPECT_EQ(days_in_month(2024, 2), 29);
    EXPECT_EQ(days_in_month(2026, 2), 28);
    EXPECT_EQ(days_in_month(2026, 4), 30);
    EXPECT_EQ(days_in_month(2026, 12), 31);
}

TEST(ShanghaiDate, IsUtcPlusEight) {
    // 2026-11-26T23:30Z is 07:30 on the 27th in Beijing.
    EXPECT_EQ(shanghai_date(1795735800000).iso(), "2026-11-27");
    // 2026-11-26T15:59:59Z = 23:59:59 Beijing, still the 26th; one second later the 27th.
    EXPECT_EQ(shanghai_date(1795708799000).iso(), "2026-11-26");
    EXPECT_EQ(shanghai_date(1795708800000).iso(), "2026-11-27");
    EXPECT_EQ(shanghai_date(0).iso(), "1970-01-01");
    EXPECT_EQ(shanghai_date(-8LL * 3600 * 1000 - 1).iso(), "1969-12-31");
}

TEST(IsoInstant, Rfc3339Utc) {
    EXPECT_EQ(iso_instant(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(iso_instant(1795735800000), "2026-11-26T23:30:00.000Z");
    EXPECT_EQ(iso_instant(1795708799000 + 456), "2026-11-26T15:59:59.456Z");
    EXPECT_EQ(iso_instant(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace lecs
