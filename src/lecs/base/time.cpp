#include "lecs/base/time.hpp"

#include <chrono>
#include <cstdio>

namespace lecs {

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap_year(y)) return 29;
    return kDays[m - 1];
}

std::optional<Date> Date::parse(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t n, int& out) {
        out = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    Date d;
    if (!digits(0, 4, d.y) || !digits(5, 2, d.m) || !digits(8, 2, d.d)) return std::nullopt;
    if (d.y < 1900 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > days_in_month(d.y, d.m)) return std::nullopt;
    return d;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t Date::days() const {
    const int yy = y - (m <= 2);
    const int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(yy - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Date Date::from_days(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Date::weekday() const {
    const int64_t z = days();  // 1970-01-01 was a Thursday (4)
    return static_cast<int>(((z % 7) + 7 + 3) % 7) + 1;
}

std::string Date::iso() const {
    // Bulk ingest formats several dates per act: digits by hand, not snprintf (5 % of an import).
    if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        return buf;
    }
    std::string s(10, '-');
    s[0] = static_cast<char>('0' + y / 1000);
    s[1] = static_cast<char>('0' + y / 100 % 10);
    s[2] = static_cast<char>('0' + y / 10 % 10);
    s[3] = static_cast<char>('0' + y % 10);
    s[5] = static_cast<char>('0' + m / 10);
    s[6] = static_cast<char>('0' + m % 10);
    s[8] = static_cast<char>('0' + d / 10);
    s[9] = static_cast<char>('0' + d % 10);
    return s;
}

std::string Date::chinese() const {
    return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

Date shanghai_date(int64_t utc_ms) {
    constexpr int64_t kOffsetMs = 8LL * 3600 * 1000;
    const int64_t local = utc_ms + kOffsetMs;
    int64_t days = local / 86400000;
    if (local % 86400000 < 0) --days;
    return Date::from_days(days);
}

std::string iso_instant(int64_t utc_ms) {
    int64_t days = utc_ms / 86400000;
    int64_t rem = utc_ms % 86400000;
    if (rem < 0) {
        rem += 86400000;
        --days;
    }
    const Date d = Date::from_days(days);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", d.iso().c_str(), static_cast<int>(rem / 3600000),
                  static_cast<int>(rem / 60000 % 60), static_cast<int>(rem / 1000 % 60), static_cast<int>(rem % 1000));
    return buf;
}

}  // namespace lecs
