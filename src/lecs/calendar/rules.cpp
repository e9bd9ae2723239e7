#include "lecs/calendar/rules.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace lecs::calendar {

std::string_view to_string(DayType t) {
    switch (t) {
        case DayType::kOff:
            return "off";
        case DayType::kWorkday:
            return "workday";
        case DayType::kNormal:
            return "normal";
    }
    return "normal";
}

std::optional<DayType> day_type_from(std::string_view s) {
    if (s == "off") return DayType::kOff;
    if (s == "workday") return DayType::kWorkday;
    if (s == "normal") return DayType::kNormal;
    return std::nullopt;
}

namespace {

constexpr std::array<std::string_view, 7> kWeekdayShort = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
constexpr std::array<std::string_view, 7> kWeekdayLong = {"星期一", "星期二", "星期三", "星期四",
                                                          "星期五", "星期六", "星期日"};

bool weekend(Date d) { return d.weekday() >= 6; }

// The pauses of a period with open ends closed at as_of (never before their start).
struct Span {
    Date from, to;
};

std::vector<Span> close_pauses(const std::vector<Pause>& pauses, Date as_of) {
    std::vector<Span> out;
    for (const auto& p : pauses) {
        Date end = p.end ? *p.end : std::max(as_of, p.start);
        if (end < p.start) continue;  // an empty pause
        out.push_back({p.start, end});
    }
    return out;
}

bool paused(const std::vector<Span>& spans, Date d) {
    return std::any_of(spans.begin(), spans.end(), [&](const Span& s) { return s.from <= d && d <= s.to; });
}

}  // namespace

Calendar::Calendar(std::vector<DayEntry> entries, std::set<int> published_years, PeriodRules rules)
    : published_(std::move(published_years)), rules_(rules) {
    for (auto& e : entries) {
        const int64_t k = e.date.days();
        entries_[k] = std::move(e);
    }
}

Calendar Calendar::from_entries(std::vector<DayEntry> entries, PeriodRules rules) {
    std::set<int> years;
    for (const auto& e : entries) years.insert(e.date.y);
    return Calendar(std::move(entries), std::move(years), rules);
}

DayInfo Calendar::day(Date d) const {
    DayInfo info;
    if (!is_published(d.y)) {
        // legal-facts §3 (2027): no notice yet, so Mon–Fri, flagged provisional.
        info.working = !weekend(d);
        info.provisional = true;
        return info;
    }
    auto it = entries_.find(d.days());
    if (it != entries_.end() && it->second.type != DayType::kNormal) {
        info.entry = it->second.type;
        info.holiday = it->second.holiday;
        info.working = it->second.type == DayType::kWorkday;
        return info;
    }
    info.working = !weekend(d);
    return info;
}

// The same answer as day(d).working. Monitoring's rule R5 and the publication rate ask it for
// every day of a 7- or 20-working-day period of every act, so no DayInfo (and its holiday name).
bool Calendar::is_working_day(Date d) const {
    if (is_published(d.y)) {
        auto it = entries_.find(d.days());
        if (it != entries_.end() && it->second.type != DayType::kNormal) return it->second.type == DayType::kWorkday;
    }
    return !weekend(d);
}

Date Calendar::next_working_day(Date d) const {
    Date x = d.plus_days(1);
    while (!is_working_day(x)) x = x.plus_days(1);
    return x;
}

DueDate Calendar::add_working_days(Date start, int n) const {
    return compute(Period{start, n, Unit::kWorkingDays, {}, {}}, start);
}

DueDate Calendar::add_calendar_days(Date start, int n) const {
    return compute(Period{start, n, Unit::kCalendarDays, {}, {}}, start);
}

DueDate Calendar::compute(const Period& p, Date as_of) const {
    if (p.days < 0) throw std::invalid_argument("period days must be >= 0");
    for (const auto& e : p.extensions)
        if (e.days < 0) throw std::invalid_argument("extension days must be >= 0");
    const auto pauses = close_pauses(p.pauses, as_of);

    // Art 201: the start day is not counted; counting begins the next day.
    const Date origin = rules_.start_day_counted ? p.start.plus_days(-1) : p.start;

    // Counts n days after cur: working days or all days, never a paused day.
    auto walk = [&](Date cur, int n, Unit unit) {
        while (n > 0) {
            cur = cur.plus_days(1);
            if (paused(pauses, cur)) continue;
            if (unit == Unit::kWorkingDays && !is_working_day(cur)) continue;
            --n;
        }
        return cur;
    };

    Date cur = walk(origin, p.days, p.unit);
    Unit last_unit = p.unit;
    // An extension runs on from the unmoved end of the period before it.
    for (const auto& e : p.extensions) {
        if (e.days == 0) continue;
        cur = walk(cur, e.days, e.unit);
        last_unit = e.unit;
    }

    DueDate out;
    out.date = cur;
    // Art 203: a calendar-day period whose last day is a statutory holiday or
    // a rest day ends on the next working day (REQUIREMENTS §18).
    if (last_unit == Unit::kCalendarDays && rules_.move_last_day_to_working && !is_working_day(cur)) {
        Date moved = next_working_day(cur);
        while (paused(pauses, moved)) moved = next_working_day(moved);
        out.original = cur;
        out.date = moved;
        out.moved_reason = moved_reason(day(cur), cur, moved);
    }

    for (int y = origin.plus_days(1).y; y <= out.date.y; ++y)
        if (!is_published(y)) out.provisional = true;
    for (Date d = origin.plus_days(1); d <= out.date; d = d.plus_days(1))
        if (paused(pauses, d)) ++out.paused_days;
    for (const auto& pz : p.pauses)
        if (!pz.end && pz.start <= out.date) out.suspended = true;
    return out;
}

int Calendar::working_days_between(Date a, Date b) const {
    if (b < a) return -working_days_between(b, a);
    int n = 0;
    for (Date d = a.plus_days(1); d <= b; d = d.plus_days(1))
        if (is_working_day(d)) ++n;
    return n;
}

DueState Calendar::due_state(const DueDate& due, Date today) const {
    DueState s;
    s.days_left = working_days_between(today, due.date);
    if (due.suspended) return s;  // the clock stands still: neither overdue nor due soon
    s.overdue = today > due.date;
    s.due_soon = !s.overdue && s.days_left <= rules_.due_soon_working_days;
    return s;
}

std::string moved_reason(const DayInfo& last_day, Date last, Date moved_to) {
    std::string what;
    if (last_day.entry == DayType::kOff && !last_day.holiday.empty())
        what = last_day.holiday + "假日";
    else
        what = "休息日（" + std::string(kWeekdayLong[last.weekday() - 1]) + "）";
    return "期间届满日为" + what + "，顺延至" + moved_to.chinese();
}

Result<void> check_day_entry(const DayEntry& e) {
    // legal-facts §3: make-up working days (调休上班) fall on Saturdays or Sundays.
    if (e.type == DayType::kWorkday && !weekend(e.date))
        return Error::validation("calendar.workday_not_weekend",
                                 e.date.chinese() + "是" + std::string(kWeekdayLong[e.date.weekday() - 1]) +
                                     "，调休上班日应为星期六或星期日",
                                 "type");
    if (e.type == DayType::kOff && e.holiday.empty())
        return Error::validation("calendar.holiday_required", "放假日应注明节假日名称", "holiday");
    return ok();
}

Result<std::vector<DayEntry>> parse_holiday_csv(std::string_view csv) {
    std::vector<DayEntry> out;
    int line_no = 0;
    size_t pos = 0;
    while (pos < csv.size()) {
        size_t nl = csv.find('\n', pos);
        std::string_view line = csv.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? csv.size() : nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line_no == 1) continue;  // the header, blank lines
        std::vector<std::string_view> f;
        size_t s = 0;
        for (;;) {
            size_t c = line.find(',', s);
            f.push_back(line.substr(s, c == std::string_view::npos ? std::string_view::npos : c - s));
            if (c == std::string_view::npos) break;
            s = c + 1;
        }
        auto bad = [&](const std::string& why) {
            return Error::validation("calendar.csv_invalid", "节假日数据第" + std::to_string(line_no) + "行" + why);
        };
        if (f.size() != 4) return bad("应有4列");
        auto date = Date::parse(f[0]);
        if (!date) return bad("日期无效");
        if (f[1] != kWeekdayShort[date->weekday() - 1]) return bad("星期与日期不符");
        auto type = day_type_from(f[2]);
        if (!type || *type == DayType::kNormal) return bad("类型应为off或workday");
        DayEntry e{*date, *type, std::string(f[3])};
        if (auto r = check_day_entry(e); !r) return bad("：" + r.error().message);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace lecs::calendar
