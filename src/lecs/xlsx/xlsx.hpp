// Server-side Excel export: every list's "导出Excel" becomes one or more Sheets
// written into an .xlsx by libxlsxwriter (docs/architecture.md §Excel export).
//
// Contract:
// - write_workbook() returns the bytes of a complete .xlsx, sheets in order.
//   Each sheet is laid out top-down as: the title row (when `title` is not
//   empty) merged across all columns, the header row (bold, light grey fill,
//   thin border; the pane is frozen below it and it repeats on every printed
//   page), the data rows, one empty row, then `notes`, one line per row.
// - Sheet names are made acceptable to Excel rather than refused: the
//   characters []:*?/\ (and control characters) become '_', a leading or
//   trailing apostrophe becomes '_', the name is cut to 31 characters without
//   splitting a UTF-8 sequence, an empty name becomes "Sheet<n>" (n = position,
//   from 1), and a name already used (compared ignoring ASCII case, as Excel
//   does) gets " (2)", " (3)", ... with the name cut so that it still fits.
// - Cells: std::monostate is an empty cell, std::string is text, int64_t and
//   double are numbers formatted by the column's kind (kInteger "0",
//   kAmount2 "#,##0.00"). kDate columns hold "YYYY-MM-DD" text and keep it as
//   text. Text longer than Excel's cell limit (32767 UTF-16 units) is cut at a
//   character boundary; invalid UTF-8 bytes become U+FFFD. An integer with
//   more than 15 digits is written as text, because Excel keeps only 15
//   significant digits and would silently change it.
// - A row shorter than `columns` leaves the rest of its cells empty.
// - Caller errors throw std::invalid_argument: no sheets, a row with more
//   cells than columns, a NaN or infinite number, more rows or columns than a
//   worksheet holds, created_utc_s <= 0 (libxlsxwriter reads 0 as "now").
// - A libxlsxwriter or file-system failure throws std::runtime_error.
// - Deterministic: the document's created/modified properties are
//   `created_utc_s` and the zip entries carry a fixed date, so identical input
//   gives identical bytes.
// - libxlsxwriter 1.1.4 writes only to a file: the workbook goes through a
//   mkstemp file "lecs-xlsx-XXXXXX" in std::filesystem::temp_directory_path(),
//   removed before write_workbook returns or throws.
// - Safe to call from several threads at once (the final packaging step is
//   serialised, see xlsx.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace lecs::xlsx {

// Empty, text, integer, number.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

enum class ColumnKind {
    kText,
    kInteger,  // format "0"
    kAmount2,  // two decimals with thousands separators, e.g. 万元: "#,##0.00"
    kDate,     // text "YYYY-MM-DD", kept as text (cell format "@")
};

struct Column {
    std::string header;
    ColumnKind kind = ColumnKind::kText;
    double width = 14;  // in Excel's character units
};

struct Sheet {
    std::string name;   // sheet tab name, sanitised as described above
    std::string title;  // merged bold title row above the header; skipped when empty
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    std::vector<std::string> notes;  // lines under the table: 口径, 数据日期, 导出人
};

// Returns the bytes of an .xlsx with `sheets` in order; see the contract above.
std::string write_workbook(const std::vector<Sheet>& sheets, int64_t created_utc_s);

inline constexpr const char* kContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The download header for an export is files::rules::content_disposition (one encoder for every download).

}  // namespace lecs::xlsx
