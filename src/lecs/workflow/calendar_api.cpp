#include "lecs/workflow/calendar_api.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "lecs/base/time.hpp"
#include "lecs/http/json_body.hpp"

namespace lecs::workflow {
namespace {

namespace json = boost::json;

http::Response ok_json(const json::value& v) { return http::Response::json(200, json::serialize(v)); }

std::optional<int> parse_int(std::string_view s, int lo, int hi) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
    return v;
}

json::object day_json(const calendar::DayRecord& d) {
    return json::object{{"date", d.entry.date.iso()},
                        {"type", std::string(calendar::to_string(d.entry.type))},
                        {"holiday", d.entry.holiday},
                        {"source", d.source},
                        {"version", d.version}};
}

}  // namespace

void register_calendar_api(http::Router& r, calendar::CalendarService& cal, DeadlineService& deadlines,
                           db::Database& db) {
    const std::string k_public(http::kAuthenticated);

    r.get("/api/v1/calendar/years",
          {.permission = k_public, .scope = http::ScopeRule::public_data(), .summary = "工作日历年度及发布状态"},
          [&cal, &db](const http::Request&, const auth::Caller&) {
              const auto years = db.read([&](db::Tx& tx) { return cal.years(tx); });
              json::array out;
              for (const auto& y : years)
                  out.push_back(json::object{{"year", y.year},
                                             {"published", y.published},
                                             {"provisional", !y.published},
                                             {"source", y.source},
                                             {"note", y.note}});
              return ok_json(json::object{{"items", out}, {"total", out.size()}});
          });

    r.get("/api/v1/calendar/days",
          {.permission = k_public, .scope = http::ScopeRule::public_data(), .summary = "某年度的节假日与调休上班日"},
          [&cal, &db](const http::Request& req, const auth::Caller&) {
              const auto y = req.query_param("year");
              const auto year = y ? parse_int(*y, 1900, 2999) : std::nullopt;
              if (!year)
                  return http::error_response(
                      Error::validation("validation.wrong_type", "「年度」格式不正确，应为四位年份", "year"));
              const auto days = db.read([&](db::Tx& tx) { return cal.days(tx, *year); });
              json::array out;
              for (const auto& d : days) out.push_back(day_json(d));
              return ok_json(json::object{{"items", out}, {"total", out.size()}});
          });

    r.get(
        "/api/v1/calendar/due",
        {.permission = k_public, .scope = http::ScopeRule::public_data(), .summary = "按工作日或自然日计算期限届满日"},
        [&cal, &db](const http::Request& req, const auth::Caller&) {
            const auto from_s = req.query_param("from");
            const auto from = from_s ? Date::parse(*from_s) : std::nullopt;
            if (!from)
                return http::error_response(
                    Error::validation("validation.wrong_type", "「起算日」格式不正确，应为YYYY-MM-DD", "from"));
            const auto wd = req.query_param("working_days");
            const auto cd = req.query_param("calendar_days");
            if (wd.has_value() == cd.has_value())
                return http::error_response(Error::validation("validation.required",
                                                              "请指定「工作日」或「自然日」中的一项",
                                                              wd ? "calendar_days" : "working_days"));
            const auto n = parse_int(wd ? *wd : *cd, 0, 3650);
            if (!n)
                return http::error_response(Error::validation("validation.wrong_type", "「天数」应为0至3650的整数",
                                                              wd ? "working_days" : "calendar_days"));
            const auto c = db.read([&](db::Tx& tx) { return cal.load(tx); });
            const auto due = wd ? c.add_working_days(*from, *n) : c.add_calendar_days(*from, *n);
            return ok_json(json::object{{"due", due.date.iso()},
                                        {"original", due.original ? json::value(due.original->iso()) : nullptr},
                                        {"provisional", due.provisional},
                                        {"moved_reason", due.moved_reason}});
        });

    r.put("/api/v1/calendar/days/{date}",
          {.permission = "calendar.write",
           .scope = http::ScopeRule::system(),
           .summary = "调整某日的节假日安排（重新计算未结期限）"},
          [&cal, &deadlines, &db](const http::Request& req, const auth::Caller& who) {
              const auto date = Date::parse(req.param("date"));
              if (!date)
                  return http::error_response(
                      Error::validation("validation.wrong_type", "日期格式不正确，应为YYYY-MM-DD", "date"));
              auto body = http::parse_json_object(req.body);
              if (!body.ok()) return http::error_response(body.error());
              auto type_s = http::required_string(*body, "type", 16, "类型");
              if (!type_s.ok()) return http::error_response(type_s.error());
              const auto type = calendar::day_type_from(*type_s);
              if (!type)
                  return http::error_response(Error::validation(
                      "validation.wrong_type", "「类型」应为 off（休息）、workday（调休上班）或 normal（按周一至周五）",
                      "type"));
              auto holiday = http::optional_string(*body, "holiday", 32, "节日名称");
              if (!holiday.ok()) return http::error_response(holiday.error());
              auto version = http::required_int64(*body, "version", "版本号");
              if (!version.ok()) return http::error_response(version.error());
              const int64_t now = now_ms();
              struct Out {
                  calendar::DayRecord day;
                  int moved = 0;
              };
              auto r = db.write([&](db::Tx& tx) -> Result<Out> {
                  auto day = cal.set_day(tx, who, *date, *type, holiday->value_or(""), *version, now);
                  if (!day.ok()) return day.take_error();
                  // REQUIREMENTS §18: when the calendar changes, open deadlines are recomputed and each shows it.
                  const int moved = deadlines.recompute_open(tx, "工作日历调整：" + date->iso(), now);
                  return Out{std::move(day).value(), moved};
              });
              if (!r.ok()) return http::error_response(r.error());
              auto o = day_json(r->day);
              o["moved_deadlines"] = r->moved;
              return ok_json(o);
          });
}

}  // namespace lecs::workflow
