#include "lecs/calendar/service.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>
#include <stdexcept>

#include "lecs/base/embedded.hpp"
#include "lecs/base/id.hpp"
#include "lecs/calendar/store.hpp"

namespace lecs::calendar {
namespace {

// The notices behind the embedded data (legal-facts §3).
std::string notice_of(int year) {
    if (year == 2025) return "国办发明电〔2024〕12号";
    if (year == 2026) return "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）";
    return "国务院办公厅节假日安排通知";
}

boost::json::object day_json(const DayRecord& r) {
    return {{"date", r.entry.date.iso()},
            {"type", std::string(to_string(r.entry.type))},
            {"holiday", r.entry.holiday},
            {"source", r.source},
            {"version", r.version}};
}

std::string who_name(const auth::Caller& who) { return who.username.empty() ? "system" : who.username; }

}  // namespace

int ensure_calendar(db::Tx& tx, int64_t now_ms) {
    auto csv = embedded::find(kEmbeddedCalendar);
    if (!csv) throw std::runtime_error("embedded calendar missing: " + std::string(kEmbeddedCalendar));
    auto parsed = parse_holiday_csv(*csv);
    if (!parsed.ok()) throw std::runtime_error("embedded calendar malformed: " + parsed.error().message);

    std::map<int, std::vector<DayEntry>> by_year;
    for (auto& e : parsed.value()) by_year[e.date.y].push_back(std::move(e));
    std::set<int> present;
    for (const auto& y : store::years(tx)) present.insert(y.year);

    int inserted = 0;
    for (const auto& [year, entries] : by_year) {
        if (present.count(year)) continue;  // an admin's edits to a loaded year are never overwritten
        const std::string source = notice_of(year);
        for (const auto& e : entries) {
            store::insert_day(tx, DayRecord{e, source, 1, now_ms, "system"});
            ++inserted;
        }
        store::upsert_year(tx, YearRecord{year, true, source, "embedded " + std::string(kEmbeddedCalendar)});
        boost::json::object change{
            {"action", "load"}, {"year", year}, {"days", static_cast<int64_t>(entries.size())}, {"source", source}};
        store::insert_revision(tx, new_id(), now_ms, "system", boost::json::serialize(change));
    }
    return inserted;
}

Calendar CalendarService::load(db::Tx& tx) const {
    std::set<int> published;
    for (const auto& y : store::years(tx))
        if (y.published) published.insert(y.year);
    std::vector<DayEntry> entries;
    for (auto& r : store::days(tx)) entries.push_back(std::move(r.entry));
    return Calendar(std::move(entries), std::move(published), rules_);
}

std::vector<YearRecord> CalendarService::years(db::Tx& tx) const { return store::years(tx); }

std::vector<DayRecord> CalendarService::days(db::Tx& tx, std::optional<int> year) const {
    return store::days(tx, year);
}

Result<DayRecord> CalendarService::set_day(db::Tx& tx, const auth::Caller& who, Date date, DayType type,
                                           std::string holiday, int64_t version, int64_t now_ms) {
    if (!who.can(kWritePermission)) return Error::forbidden();
    if (type == DayType::kNormal) holiday.clear();
    DayEntry entry{date, type, std::move(holiday)};
    LECS_TRY(check_day_entry(entry));
    auto year = store::find_year(tx, date.y);
    if (!year || !year->published)
        return Error::validation("calendar.year_not_published",
                                 std::to_string(date.y) + "年节假日安排尚未发布，请先发布全年安排", "date");

    auto before = store::find_day(tx, date);
    if ((before ? before->version : 0) != version) return Error::stale_version();
    DayRecord after{entry, "edit", version + 1, now_ms, who_name(who)};
    if (before) {
        if (!store::update_day(tx, after, version)) return Error::stale_version();
    } else {
        store::insert_day(tx, after);
    }

    boost::json::object change{{"action", "set_day"}, {"date", date.iso()}, {"after", day_json(after)}};
    if (before) change["before"] = day_json(*before);
    store::insert_revision(tx, new_id(), now_ms, who_name(who), boost::json::serialize(change));
    audit::Entry e;
    e.action = "calendar.set_day";
    e.object_kind = "calendar_day";
    e.object_id = date.iso();
    if (before) e.before_json = boost::json::serialize(day_json(*before));
    e.after_json = boost::json::serialize(day_json(after));
    audit_.append(tx, who, e, now_ms);
    return after;
}

Result<int> CalendarService::publish_year(db::Tx& tx, const auth::Caller& who, int year,
                                          const std::vector<DayEntry>& days, const std::string& source,
                                          const std::string& note, int64_t now_ms) {
    if (!who.can(kWritePermission)) return Error::forbidden();
    if (year < 1970 || year > 9999) return Error::validation("calendar.year_invalid", "年份无效", "year");
    if (auto y = store::find_year(tx, year); y && y->published)
        return Error::conflict("calendar.year_published",
                               std::to_string(year) + "年节假日安排已发布，如需调整请逐日修改", "year");
    if (days.empty()) return Error::validation("calendar.days_required", "请填写该年的放假和调休上班日期", "days");
    if (source.empty()) return Error::validation("calendar.source_required", "请注明节假日安排的发文依据", "source");

    std::set<Date> seen;
    for (size_t i = 0; i < days.size(); ++i) {
        const auto& d = days[i];
        const std::string field = "days[" + std::to_string(i) + "]";
        if (d.date.y != year)
            return Error::validation("calendar.day_outside_year",
                                     d.date.chinese() + "不在" + std::to_string(year) + "年内", field);
        if (d.type == DayType::kNormal)
            return Error::validation("calendar.type_invalid", "类型应为放假（off）或调休上班（workday）", field);
        if (!seen.insert(d.date).second)
            return Error::validation("calendar.day_duplicate", d.date.chinese() + "重复", field);
        if (auto r = check_day_entry(d); !r) {
            auto err = r.take_error();
            err.field = field;
            return err;
        }
    }

    // A year row with published = 0 (set by an operator to withdraw a notice)
    // may still have days stored: publishing replaces them, version + 1.
    boost::json::array listed;
    for (const auto& d : days) {
        auto before = store::find_day(tx, d.date);
        DayRecord r{d, source, before ? before->version + 1 : 1, now_ms, who_name(who)};
        if (before) {
            if (!store::update_day(tx, r, before->version)) return Error::stale_version();
        } else {
            store::insert_day(tx, r);
        }
        listed.push_back(day_json(r));
    }
    store::upsert_year(tx, YearRecord{year, true, source, note});

    boost::json::object change{{"action", "publish_year"}, {"year", year}, {"source", source}, {"days", listed}};
    store::insert_revision(tx, new_id(), now_ms, who_name(who), boost::json::serialize(change));
    audit::Entry e;
    e.action = "calendar.publish_year";
    e.object_kind = "calendar_year";
    e.object_id = std::to_string(year);
    e.after_json = boost::json::serialize(boost::json::object{
        {"year", year}, {"source", source}, {"note", note}, {"days", static_cast<int64_t>(days.size())}});
    audit_.append(tx, who, e, now_ms);
    return static_cast<int>(days.size());
}

}  // namespace lecs::calendar
