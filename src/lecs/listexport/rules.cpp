#include "lecs/listexport/rules.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

#include "lecs/base/time.hpp"

namespace lecs::listexport {
namespace json = boost::json;
using xlsx::Cell;

namespace {

bool digits(std::string_view s, size_t from, size_t n) {
    if (s.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

// "2026-11-27T17:02:03.456Z" (UTC) → "2026-11-28 01:02" (Beijing); anything else: nullopt.
std::optional<std::string> beijing_time(std::string_view s) {
    if (s.size() < 17 || s[10] != 'T' || s.back() != 'Z' || !digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2))
        return std::nullopt;
    auto day = Date::parse(s.substr(0, 10));
    if (!day) return std::nullopt;
    int minutes = ((s[11] - '0') * 10 + (s[12] - '0')) * 60 + (s[14] - '0') * 10 + (s[15] - '0') + 8 * 60;
    Date d = *day;
    if (minutes >= 24 * 60) {
        minutes -= 24 * 60;
        d = d.plus_days(1);
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return d.iso() + " " + buf;
}

std::string text_of(const json::value& v) {
    switch (v.kind()) {
        case json::kind::string:
            return std::string(v.get_string());
        case json::kind::bool_:
            return v.get_bool() ? "是" : "否";
        case json::kind::int64:
            return std::to_string(v.get_int64());
        case json::kind::uint64:
            return std::to_string(v.get_uint64());
        case json::kind::double_: {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.15g", v.get_double());
            return buf;
        }
        case json::kind::array: {
            std::string out;
            for (const auto& e : v.get_array()) {
                std::string one;
                if (e.is_object()) {
                    one = text_of(e);
                } else {
                    one = text_of(e);
                }
                if (one.empty()) continue;
                out += (out.empty() ? "" : "、") + one;
            }
            return out;
        }
        case json::kind::object: {
            if (auto* n = v.get_object().if_contains("name")) return text_of(*n);
            if (auto* n = v.get_object().if_contains("label")) return text_of(*n);
            return json::serialize(v);
        }
        case json::kind::null:
            return {};
    }
    return {};
}

}  // namespace

xlsx::Column column_of(const Field& f) {
    xlsx::ColumnKind k = xlsx::ColumnKind::kText;
    if (f.format == Format::kInteger) k = xlsx::ColumnKind::kInteger;
    if (f.format == Format::kFenToWan) k = xlsx::ColumnKind::kAmount2;
    if (f.format == Format::kDate) k = xlsx::ColumnKind::kDate;
    return xlsx::Column{f.header, k, f.width};
}

Cell cell_of(const json::value* v, const Field& f) {
    if (!v || v->is_null()) return Cell();
    switch (f.format) {
        case Format::kText: {
            auto t = text_of(*v);
            return t.empty() ? Cell() : Cell(std::move(t));
        }
        case Format::kInstant: {
            if (v->is_string())
                if (auto t = beijing_time(v->get_string())) return Cell(*t);
            return Cell(text_of(*v));
        }
        case Format::kDate: {
            if (v->is_string()) {
                std::string_view s = v->get_string();
                if (s.size() >= 10 && Date::parse(s.substr(0, 10))) return Cell(std::string(s.substr(0, 10)));
            }
            return Cell(text_of(*v));
        }
        case Format::kLabel: {
            auto one = [&](const std::string& code) {
                auto it = f.labels.find(code);
                return it == f.labels.end() ? code : it->second;
            };
            if (v->is_array()) {  // a list of codes: each by its label
                std::string out;
                for (const auto& e : v->get_array()) {
                    auto t = one(text_of(e));
                    if (!t.empty()) out += (out.empty() ? "" : "、") + t;
                }
                return out.empty() ? Cell() : Cell(std::move(out));
            }
            auto code = text_of(*v);
            auto it = f.labels.find(code);
            return Cell(it == f.labels.end() ? code : it->second);
        }
        case Format::kInteger: {
            if (v->is_int64()) return Cell(v->get_int64());
            if (v->is_uint64() && v->get_uint64() <= uint64_t(INT64_MAX)) return Cell(int64_t(v->get_uint64()));
            if (v->is_double() && std::isfinite(v->get_double()) && std::trunc(v->get_double()) == v->get_double() &&
                std::fabs(v->get_double()) < 9.0e15)
                return Cell(int64_t(v->get_double()));
            if (v->is_string()) {
                std::string_view s = v->get_string();
                if (!s.empty() && s.size() <= 18 && digits(s, 0, s.size()))
                    return Cell(int64_t(std::stoll(std::string(s))));
            }
            return Cell(text_of(*v));
        }
        case Format::kFenToWan: {
            if (v->is_number()) {
                const double fen = v->to_number<double>();
                if (std::isfinite(fen)) return Cell(fen / 1000000.0);
            }
            return Cell(text_of(*v));
        }
    }
    return Cell();
}

std::string filter_text(const Layout& l, const std::vector<std::pair<std::string, std::string>>& query) {
    std::string out;
    for (const auto& [k, v] : query) {
        if (v.empty()) continue;
        for (const auto& [name, label] : l.params) {
            if (name != k) continue;
            out += (out.empty() ? "" : "；") + label + "：" + v;
            break;
        }
    }
    return out.empty() ? "全部（数据权限内）" : out;
}

std::string file_name(const Layout& l, int64_t now_ms) {
    return l.file_stem + "-" + shanghai_date(now_ms).iso() + ".xlsx";
}

xlsx::Sheet sheet_of(const SheetInput& in) {
    const Layout& l = in.layout;
    xlsx::Sheet s;
    s.name = l.title;
    s.title = l.title;
    for (const auto& f : l.fields) s.columns.push_back(column_of(f));
    const size_t n = std::min<size_t>(in.items.size(), size_t(std::max<int64_t>(in.cap, 0)));
    s.rows.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        std::vector<Cell> row;
        row.reserve(l.fields.size());
        for (const auto& f : l.fields) {
            const json::value* v = &in.items[i];
            // "a.b": a nested object's member.
            std::string_view key = f.key;
            for (;;) {
                const auto dot = key.find('.');
                const auto* o = v->if_object();
                v = o ? o->if_contains(key.substr(0, dot)) : nullptr;
                if (!v || dot == std::string_view::npos) break;
                key = key.substr(dot + 1);
            }
            row.push_back(cell_of(v, f));
        }
        s.rows.push_back(std::move(row));
    }
    s.notes.push_back("口径：" + l.basis);
    s.notes.push_back("筛选条件：" + filter_text(l, in.query));
    s.notes.push_back("数据日期：" + shanghai_date(in.now_ms).iso() + "（北京时间）");
    s.notes.push_back("导出人：" + in.exporter);
    if (in.total > int64_t(n) && int64_t(n) >= in.cap)
        s.notes.push_back("符合条件的共" + std::to_string(in.total) + "条，本表只列出前" + std::to_string(n) +
                          "条（单次导出上限" + std::to_string(in.cap) + "条），请缩小筛选范围后分次导出。");
    return s;
}

}  // namespace lecs::listexport
