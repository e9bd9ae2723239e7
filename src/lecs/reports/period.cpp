#include "lecs/reports/period.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace lecs::reports {
namespace {

constexpr std::array<std::pair<PeriodKind, std::string_view>, 4> kKinds{{
    {PeriodKind::kMonth, "month"},
    {PeriodKind::kQuarter, "quarter"},
    {PeriodKind::kHalfYear, "half_year"},
    {PeriodKind::kYear, "year"},
}};

constexpr std::array<std::string_view, 4> kQuarterNames = {"一", "二", "三", "四"};

// Digits only (no sign, no spaces), as the keys are machine-made.
std::optional<int> digits(std::string_view s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || s.front() == '+' || s.front() == '-') return std::nullopt;
    return v;
}

int months_in(PeriodKind k) {
    switch (k) {
        case PeriodKind::kMonth:
            return 1;
        case PeriodKind::kQuarter:
            return 3;
        case PeriodKind::kHalfYear:
            return 6;
        case PeriodKind::kYear:
            return 12;
    }
    return 12;
}

int last_month(const PeriodRef& p) { return p.index * months_in(p.kind); }

}  // namespace

std::string_view to_string(PeriodKind k) {
    for (const auto& [v, w] : kKinds)
        if (v == k) return w;
    return {};
}

std::optional<PeriodKind> period_kind_from_string(std::string_view s) {
    for (const auto& [v, w] : kKinds)
        if (w == s) return v;
    return std::nullopt;
}

std::string_view period_kind_label(PeriodKind k) {
    switch (k) {
        case PeriodKind::kMonth:
            return "月报";
        case PeriodKind::kQuarter:
            return "季报";
        case PeriodKind::kHalfYear:
            return "半年报";
        case PeriodKind::kYear:
            return "年报";
    }
    return {};
}

Date PeriodRef::first_day() const { return Date{year, last_month(*this) - months_in(kind) + 1, 1}; }

Date PeriodRef::last_day() const {
    const int m = last_month(*this);
    return Date{year, m, days_in_month(year, m)};
}

std::string PeriodRef::key() const {
    std::string y = std::to_string(year);
    switch (kind) {
        case PeriodKind::kMonth:
            return y + (index < 10 ? "-0" : "-") + std::to_string(index);
        case PeriodKind::kQuarter:
            return y + "-Q" + std::to_string(index);
        case PeriodKind::kHalfYear:
            return y + "-H" + std::to_string(index);
        case PeriodKind::kYear:
            return y;
    }
    return y;
}

std::string PeriodRef::label() const {
    std::string y = std::to_string(year) + "年";
    switch (kind) {
        case PeriodKind::kMonth:
            return y + std::to_string(index) + "月";
        case PeriodKind::kQuarter:
            return y + "第" + std::string(kQuarterNames[index - 1]) + "季度";
        case PeriodKind::kHalfYear:
            return y + (index == 1 ? "上半年" : "下半年");
        case PeriodKind::kYear:
            return y + "度";
    }
    return y;
}

std::optional<PeriodRef> parse_period(std::string_view key) {
    if (key.size() < 4) return std::nullopt;
    auto year = digits(key.substr(0, 4));
    if (!year || *year < kMinYear || *year > kMaxYear) return std::nullopt;
    if (key.size() == 4) return PeriodRef{PeriodKind::kYear, *year, 1};
    if (key[4] != '-' || key.size() < 6) return std::nullopt;
    std::string_view rest = key.substr(5);
    auto one_of = [&](PeriodKind k, std::string_view n, int max) -> std::optional<PeriodRef> {
        auto i = digits(n);
        if (!i || n.size() != 1 || *i < 1 || *i > max) return std::nullopt;
        return PeriodRef{k, *year, *i};
    };
    if (rest.front() == 'Q') return one_of(PeriodKind::kQuarter, rest.substr(1), 4);
    if (rest.front() == 'H') return one_of(PeriodKind::kHalfYear, rest.substr(1), 2);
    auto m = digits(rest);
    if (!m || rest.size() != 2 || *m < 1 || *m > 12) return std::nullopt;
    return PeriodRef{PeriodKind::kMonth, *year, *m};
}

Date due_date(const DueRule& rule, const PeriodRef& period) {
    const Date end = period.last_day();
    if (rule.day == 0) return end.plus_days(rule.days_after_end);
    const int months = end.y * 12 + (end.m - 1) + rule.months_after_end;
    const int y = months / 12;
    const int m = months % 12 + 1;
    return Date{y, m, std::min(rule.day, days_in_month(y, m))};
}

}  // namespace lecs::reports
