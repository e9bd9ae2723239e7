#include "lecs/calendar/store.hpp"

#include "lecs/calendar/rules.hpp"

namespace lecs::calendar::store {
namespace {

constexpr std::string_view kDayCols = "date, type, holiday, source, version, updated_at, updated_by";

DayRecord day_from(const db::Row& row) {
    DayRecord r;
    auto d = Date::parse(row.str(0));
    auto t = day_type_from(row.str(1));
    if (!d || !t) throw db::DbError("calendar_days holds a bad row: " + row.str(0) + " " + row.str(1));
    r.entry = DayEntry{*d, *t, row.opt_str(2).value_or("")};
    r.source = row.opt_str(3).value_or("");
    r.version = row.i64(4);
    r.updated_at = row.i64(5);
    r.updated_by = row.str(6);
    return r;
}

YearRecord year_from(const db::Row& row) {
    return YearRecord{static_cast<int>(row.i64(0)), row.boolean(1), row.opt_str(2).value_or(""),
                      row.opt_str(3).value_or("")};
}

db::Value text_or_null(const std::string& s) { return s.empty() ? db::Value(nullptr) : db::Value(s); }

}  // namespace

std::vector<YearRecord> years(db::Tx& tx) {
    std::vector<YearRecord> out;
    for (const auto& row : tx.query("SELECT year, published, source, note FROM calendar_years ORDER BY year"))
        out.push_back(year_from(row));
    return out;
}

std::optional<YearRecord> find_year(db::Tx& tx, int year) {
    auto row =
        tx.query_one("SELECT year, published, source, note FROM calendar_years WHERE year = $1", {int64_t{year}});
    if (!row) return std::nullopt;
    return year_from(*row);
}

void upsert_year(db::Tx& tx, const YearRecord& y) {
    tx.exec(
        "INSERT INTO calendar_years (year, published, source, note) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (year) DO UPDATE SET published = excluded.published, source = excluded.source, "
        "note = excluded.note",
        {int64_t{y.year}, int64_t{y.published ? 1 : 0}, text_or_null(y.source), text_or_null(y.note)});
}

std::vector<DayRecord> days(db::Tx& tx, std::optional<int> year) {
    std::vector<DayRecord> out;
    std::string sql = "SELECT " + std::string(kDayCols) + " FROM calendar_days";
    db::Params params;
    if (year) {
        // Legal dates are TEXT YYYY-MM-DD, so a year is a string range.
        sql += " WHERE date >= $1 AND date <= $2";
        params = {Date{*year, 1, 1}.iso(), Date{*year, 12, 31}.iso()};
    }
    sql += " ORDER BY date";
    for (const auto& row : tx.query(sql, params)) out.push_back(day_from(row));
    return out;
}

std::optional<DayRecord> find_day(db::Tx& tx, Date d) {
    auto row = tx.query_one("SELECT " + std::string(kDayCols) + " FROM calendar_days WHERE date = $1", {d.iso()});
    if (!row) return std::nullopt;
    return day_from(*row);
}

void insert_day(db::Tx& tx, const DayRecord& r) {
    tx.exec("INSERT INTO calendar_days (" + std::string(kDayCols) + ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {r.entry.date.iso(), std::string(to_string(r.entry.type)), text_or_null(r.entry.holiday),
             text_or_null(r.source), r.version, r.updated_at, r.updated_by});
}

bool update_day(db::Tx& tx, const DayRecord& r, int64_t expected_version) {
    return tx.exec(
               "UPDATE calendar_days SET type = $2, holiday = $3, source = $4, version = $5, updated_at = $6, "
               "updated_by = $7 WHERE date = $1 AND version = $8",
               {r.entry.date.iso(), std::string(to_string(r.entry.type)), text_or_null(r.entry.holiday),
                text_or_null(r.source), r.version, r.updated_at, r.updated_by, expected_version}) == 1;
}

void insert_revision(db::Tx& tx, int64_t id, int64_t at_ms, const std::string& by_user,
                     const std::string& change_json) {
    tx.exec("INSERT INTO calendar_revisions (id, at_ms, by_user, change_json) VALUES ($1, $2, $3, $4)",
            {id, at_ms, by_user, change_json});
}

int64_t count_revisions(db::Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM calendar_revisions")->i64(0); }

}  // namespace lecs::calendar::store
