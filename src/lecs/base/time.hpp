// Instants and legal dates.
//
// Contract: instants are int64 ms UTC. Legal dates (deadlines, act dates,
// "today") are civil dates in Asia/Shanghai (UTC+8 all year: China has had no
// daylight saving since 1991), so 07:30 Beijing time on the 5th is the 5th,
// though it is still the 4th in UTC.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lecs {

int64_t now_ms();  // wall clock, UTC ms

struct Date {
    int y = 1970, m = 1, d = 1;

    static std::optional<Date> parse(std::string_view iso);  // strict YYYY-MM-DD, real calendar date
    static Date from_days(int64_t days_since_epoch);
    int64_t days() const;  // days since 1970-01-01
    int weekday() const;   // 1 = Monday … 7 = Sunday (ISO)
    Date plus_days(int64_t n) const { return from_days(days() + n); }
    std::string iso() const;      // "2026-11-27"
    std::string chinese() const;  // "2026年11月27日"
    auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int y);
int days_in_month(int y, int m);

// The Asia/Shanghai civil date of a UTC instant.
Date shanghai_date(int64_t utc_ms);
inline Date today_shanghai() { return shanghai_date(now_ms()); }

// RFC 3339 UTC, e.g. "2026-11-27T01:02:03.456Z", for JSON.
std::string iso_instant(int64_t utc_ms);

}  // namespace lecs
