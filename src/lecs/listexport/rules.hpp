// The 导出Excel of every list (issue 7): how the items of a JSON list page become one sheet.
// Pure: no I/O, no database; the route (listexport/api.hpp) reads the items through the list's own
// handler, so the rows, the filters, the permission, the data scope and the masking are the list's.
//
// Contract:
// - A Layout names the list route it exports (`list`), the sheet's title and file name, the
//   columns (each a JSON key of an item and how its value becomes a cell), the 口径 (what the
//   rows are) and the Chinese names of the list's query parameters for the 筛选条件 note.
// - cell_of(): null or a missing key is an empty cell.
//   kText: a string as is, a number as its decimal text, a boolean 是/否, an object by its
//     "name" (else its "label"), an array's elements so, joined by "、".
//   kInstant: an RFC 3339 UTC instant becomes Beijing time "YYYY-MM-DD HH:MM" (text).
//   kDate: the first 10 characters of a "YYYY-MM-DD…" string (text).
//   kLabel: the code looked up in `labels` (the code itself when absent); an array of codes
//     each so, joined by "、".
//   kInteger: an integral JSON number (or a string of digits).
//   kFenToWan: an amount in 分 (as the API sends money) in 万元 (divided by 1 000 000), shown
//     with two decimals.
//   A value that does not fit its kind (a text where a number is due) is kept as text, never
//   dropped.
// - sheet_of(): the title row "<title>", the header, one row per item (at most `cap`), then the
//   notes: 口径, 筛选条件 (the query's parameters with their Chinese names, in the request's
//   order; paging and unnamed parameters left out; "全部（数据权限内）" when none), 数据日期
//   (Beijing date of now_ms), 导出人, and, when the cap cut the rows (total > cap), the line
//   saying so and how many rows matched.
// - file_name(): "<file_stem>-YYYY-MM-DD.xlsx", the Beijing date of now_ms.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lecs/xlsx/xlsx.hpp"

namespace lecs::listexport {

// At most this many rows in one export; more are cut, with a note (docs/api-contract.md).
inline constexpr int64_t kMaxRows = 10000;

enum class Format { kText, kInstant, kDate, kLabel, kInteger, kFenToWan };

struct Field {
    std::string key;  // the item's JSON key; "a.b" reads a nested object
    std::string header;
    Format format = Format::kText;
    double width = 14;
    std::map<std::string, std::string> labels = {};  // kLabel: code → 中文
};

struct Layout {
    std::string list;       // the JSON list route, e.g. "/api/v1/people"; the export is list + "/export.xlsx"
    std::string title;      // the sheet's title row and the route's summary
    std::string file_stem;  // the download's name before the date
    std::vector<Field> fields;
    std::string basis;                                        // 口径: what one row is, which rows are in
    std::vector<std::pair<std::string, std::string>> params;  // query parameter → its Chinese name
    int page_size = 100;                                      // what the list route accepts per page
};

xlsx::Cell cell_of(const boost::json::value* v, const Field& f);
xlsx::Column column_of(const Field& f);

struct SheetInput {
    const Layout& layout;
    const boost::json::array& items;  // the list's items, in its order
    int64_t total = 0;                // the list's total (the rows that matched)
    std::vector<std::pair<std::string, std::string>> query;
    std::string exporter;
    int64_t now_ms = 0;
    int64_t cap = kMaxRows;
};
xlsx::Sheet sheet_of(const SheetInput& in);

std::string filter_text(const Layout& l, const std::vector<std::pair<std::string, std::string>>& query);
std::string file_name(const Layout& l, int64_t now_ms);

}  // namespace lecs::listexport
