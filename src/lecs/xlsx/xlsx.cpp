#include "lecs/xlsx/xlsx.hpp"

#include <stdlib.h>  // mkstemp
#include <unistd.h>  // close
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace lecs::xlsx {
namespace {

// Excel's limits (the same as LXW_SHEETNAME_MAX, LXW_STR_MAX, LXW_ROW_MAX,
// LXW_COL_MAX). Excel counts lengths in UTF-16 units, so a character outside
// the BMP (a rare 汉字 of CJK Extension B in a person's name) counts twice;
// for every other character a unit is a code point.
constexpr size_t kSheetNameMax = 31;
constexpr size_t kCellTextMax = 32767;
constexpr size_t kMaxRows = 1048576;
constexpr size_t kMaxColumns = 16384;
constexpr double kMaxColumnWidth = 255;
// Excel keeps 15 significant digits: a longer integer (an 18-digit 统一社会信用代码
// or 身份证号 passed as a number by mistake) would be silently changed.
constexpr int64_t kMaxExactInteger = 999'999'999'999'999;

constexpr char32_t kReplacement = 0xFFFD;
constexpr const char* kTempPrefix = "lecs-xlsx-";
// 宋体 is what Chinese government spreadsheets are set in; Excel and WPS map
// it to SimSun, LibreOffice to its CJK fallback.
constexpr const char* kFontName = "宋体";

struct CodePoint {
    char32_t value;
    size_t length;  // bytes consumed
};

// Decodes the UTF-8 sequence at s[i]; an invalid or truncated sequence,
// an overlong form or a surrogate consumes one byte and yields U+FFFD.
CodePoint decode_at(std::string_view s, size_t i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) return {lead, 1};
    size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return {kReplacement, 1};
    }
    if (i + length > s.size()) return {kReplacement, 1};
    for (size_t k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {kReplacement, 1};
        value = (value << 6) | (b & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {kReplacement, 1};
    return {value, length};
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

size_t utf16_units(char32_t cp) { return cp >= 0x10000 ? 2 : 1; }

// `s` as valid UTF-8 (invalid bytes become U+FFFD: an invalid byte in the XML
// makes Excel refuse the whole file), cut at a character boundary to at most
// `max_units` UTF-16 units. `map` rewrites each code point (sheet names).
template <typename Map>
std::string clean_utf8(std::string_view s, size_t max_units, Map map) {
    std::string out;
    out.reserve(s.size());
    size_t units = 0;
    for (size_t i = 0; i < s.size();) {
        const CodePoint cp = decode_at(s, i);
        const char32_t value = map(cp.value);
        if (units + utf16_units(value) > max_units) break;
        units += utf16_units(value);
        append_utf8(out, value);
        i += cp.length;
    }
    return out;
}

std::string clean_utf8(std::string_view s, size_t max_units) {
    return clean_utf8(s, max_units, [](char32_t cp) { return cp; });
}

// Cell text beyond Excel's 32767-unit limit is cut rather than refused:
// libxlsxwriter would fail the whole export for one oversized 情况说明, and Excel
// itself cannot hold more in a cell.
std::string cell_text(std::string_view s) { return clean_utf8(s, kCellTextMax); }

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Excel's sheet-name rules: no []:*?/\, no apostrophe at either end, at most
// 31 characters, not empty, not the reserved "History".
std::string sanitise_sheet_name(std::string_view raw, size_t position) {
    std::string name = clean_utf8(raw, kSheetNameMax, [](char32_t cp) -> char32_t {
        if (cp < 0x20 || cp == 0x7F) return U'_';
        switch (cp) {
            case U'[':
            case U']':
            case U':':
            case U'*':
            case U'?':
            case U'/':
            case U'\\':
                return U'_';
            default:
                return cp;
        }
    });
    if (!name.empty() && name.front() == '\'') name.front() = '_';
    if (!name.empty() && name.back() == '\'') name.back() = '_';
    if (name.empty()) return "Sheet" + std::to_string(position);
    if (ascii_lower(name) == "history") name += '_';
    return name;
}

// Excel compares sheet names ignoring case: after "Data", "DATA" becomes "DATA (2)".
std::string unique_sheet_name(const std::string& name, std::set<std::string>& used) {
    if (used.insert(ascii_lower(name)).second) return name;
    for (size_t k = 2;; ++k) {
        const std::string suffix = " (" + std::to_string(k) + ")";
        std::string candidate = clean_utf8(name, kSheetNameMax - suffix.size()) + suffix;
        if (used.insert(ascii_lower(candidate)).second) return candidate;
    }
}

[[noreturn]] void fail(const std::string& what, lxw_error err) {
    throw std::runtime_error("xlsx: " + what + ": " + lxw_strerror(err));
}

void check(lxw_error err, const char* what) {
    if (err != LXW_NO_ERROR) fail(what, err);
}

// The file libxlsxwriter writes to (1.1.4 has no in-memory output). mkstemp
// makes the name unique and the file private (0600); it is removed on every
// path out of write_workbook.
class TempFile {
  public:
    TempFile() : dir_(std::filesystem::temp_directory_path().string()) {
        std::string name = (std::filesystem::path(dir_) / (std::string(kTempPrefix) + "XXXXXX")).string();
        const int fd = ::mkstemp(name.data());
        if (fd < 0) throw std::runtime_error("xlsx: mkstemp in " + dir_ + ": " + std::strerror(errno));
        ::close(fd);
        path_ = std::move(name);
    }
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& path() const { return path_; }
    std::string& dir() { return dir_; }

    std::string read() const {
        std::ifstream in(path_, std::ios::binary | std::ios::ate);
        const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
        if (size < 0) throw std::runtime_error("xlsx: cannot open " + path_ + " to read it back");
        std::string bytes(static_cast<size_t>(size), '\0');
        in.seekg(0);
        if (!in.read(bytes.data(), size)) throw std::runtime_error("xlsx: cannot read back " + path_);
        return bytes;
    }

  private:
    std::string dir_;
    std::string path_;
};

// Frees a workbook that never reached workbook_close (which frees it itself).
struct WorkbookGuard {
    lxw_workbook* workbook;
    ~WorkbookGuard() {
        if (workbook != nullptr) lxw_workbook_free(workbook);
    }
    lxw_workbook* release() { return std::exchange(workbook, nullptr); }
};

struct Formats {
    lxw_format* title;
    lxw_format* header;
    lxw_format* text;
    lxw_format* integer;
    lxw_format* amount;
    lxw_format* date;
    lxw_format* note;

    lxw_format* body(ColumnKind kind) const {
        switch (kind) {
            case ColumnKind::kInteger:
                return integer;
            case ColumnKind::kAmount2:
                return amount;
            case ColumnKind::kDate:
                return date;
            case ColumnKind::kText:
                break;
        }
        return text;
    }
};

lxw_format* new_format(lxw_workbook* wb) {
    lxw_format* f = workbook_add_format(wb);
    if (f == nullptr) fail("workbook_add_format", LXW_ERROR_MEMORY_MALLOC_FAILED);
    format_set_font_name(f, kFontName);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
}

lxw_format* new_body_format(lxw_workbook* wb) {
    lxw_format* f = new_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    return f;
}

Formats make_formats(lxw_workbook* wb) {
    Formats f{};
    f.title = new_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    format_set_align(f.title, LXW_ALIGN_CENTER);

    f.header = new_format(wb);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xD9D9D9);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_text_wrap(f.header);

    // "0" and "@" are Excel's built-in formats 1 and 49; by index, so Excel
    // shows them as its own 数值 and 文本 rather than as custom formats
    // (libxlsxwriter 1.1.4 would store the strings as custom ones).
    f.text = new_body_format(wb);
    f.integer = new_body_format(wb);
    format_set_num_format_index(f.integer, 1);  // "0"
    f.amount = new_body_format(wb);
    format_set_num_format(f.amount, "#,##0.00");
    // Text: the date stays the string the caller gave, and editing the cell
    // does not turn it into a serial number.
    f.date = new_body_format(wb);
    format_set_num_format_index(f.date, 49);  // "@"
    f.note = new_format(wb);
    return f;
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell, lxw_format* format) {
    lxw_error err = std::visit(
        [&](const auto& v) -> lxw_error {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                // A formatted blank keeps the border around an empty cell.
                return worksheet_write_blank(ws, row, col, format);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return worksheet_write_string(ws, row, col, cell_text(v).c_str(), format);
            } else if constexpr (std::is_same_v<T, int64_t>) {
                if (v > kMaxExactInteger || v < -kMaxExactInteger) {
                    return worksheet_write_string(ws, row, col, std::to_string(v).c_str(), format);
                }
                return worksheet_write_number(ws, row, col, static_cast<double>(v), format);
            } else {
                if (!std::isfinite(v)) throw std::invalid_argument("xlsx: a number cell is NaN or infinite");
                return worksheet_write_number(ws, row, col, v, format);
            }
        },
        cell);
    check(err, "write cell");
}

void write_sheet(lxw_workbook* wb, const Formats& formats, const Sheet& sheet, const std::string& name) {
    const size_t ncols = sheet.columns.size();
    const bool has_title = !sheet.title.empty();
    const size_t header_row = has_title ? 1 : 0;
    const size_t first_data_row = header_row + (ncols > 0 ? 1 : 0);
    const size_t used_rows = first_data_row + sheet.rows.size() + (sheet.notes.empty() ? 0 : 1 + sheet.notes.size());
    if (ncols > kMaxColumns)
        throw std::invalid_argument("xlsx: sheet '" + name + "' has more columns than Excel holds");
    if (used_rows > kMaxRows) throw std::invalid_argument("xlsx: sheet '" + name + "' has more rows than Excel holds");

    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (ws == nullptr) throw std::runtime_error("xlsx: workbook_add_worksheet refused '" + name + "'");

    for (size_t c = 0; c < ncols; ++c) {
        const double width = sheet.columns[c].width;
        if (!(width >= 0 && width <= kMaxColumnWidth)) {
            throw std::invalid_argument("xlsx: column width outside 0-255 in sheet '" + name + "'");
        }
        check(worksheet_set_column(ws, c, c, width, nullptr), "set_column");
    }

    if (has_title) {
        const std::string title = cell_text(sheet.title);
        check(worksheet_set_row(ws, 0, 24, nullptr), "set_row");
        if (ncols >= 2) {
            check(worksheet_merge_range(ws, 0, 0, 0, ncols - 1, title.c_str(), formats.title), "merge title");
        } else {  // Excel refuses a merge of one cell
            check(worksheet_write_string(ws, 0, 0, title.c_str(), formats.title), "write title");
        }
    }

    if (ncols > 0) {
        for (size_t c = 0; c < ncols; ++c) {
            check(worksheet_write_string(ws, header_row, c, cell_text(sheet.columns[c].header).c_str(), formats.header),
                  "write header");
        }
        worksheet_freeze_panes(ws, header_row + 1, 0);
        check(worksheet_repeat_rows(ws, header_row, header_row), "repeat_rows");
    }

    for (size_t r = 0; r < sheet.rows.size(); ++r) {
        const std::vector<Cell>& cells = sheet.rows[r];
        if (cells.size() > ncols) {
            throw std::invalid_argument("xlsx: sheet '" + name + "' row " + std::to_string(r + 1) + " has " +
                                        std::to_string(cells.size()) + " cells for " + std::to_string(ncols) +
                                        " columns");
        }
        const lxw_row_t row = first_data_row + r;
        for (size_t c = 0; c < ncols; ++c) {
            lxw_format* format = formats.body(sheet.columns[c].kind);
            if (c < cells.size()) {
                write_cell(ws, row, c, cells[c], format);
            } else {
                check(worksheet_write_blank(ws, row, c, format), "write blank");
            }
        }
    }

    const size_t first_note_row = first_data_row + sheet.rows.size() + 1;
    for (size_t i = 0; i < sheet.notes.size(); ++i) {
        check(worksheet_write_string(ws, first_note_row + i, 0, cell_text(sheet.notes[i]).c_str(), formats.note),
              "write note");
    }
}

// libxlsxwriter formats the created date with gmtime(), whose result is one
// buffer for the whole process: two exports packaging at once could each get
// the other's date (and lose determinism). Packaging is short next to the
// query that feeds an export, so it is serialised.
std::mutex& packaging_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace

std::string write_workbook(const std::vector<Sheet>& sheets, int64_t created_utc_s) {
    if (sheets.empty()) throw std::invalid_argument("xlsx: a workbook needs at least one sheet");
    if (created_utc_s <= 0) throw std::invalid_argument("xlsx: created_utc_s must be positive");

    TempFile file;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;  // the title merge and the formats need random access
    options.tmpdir = file.dir().data();
    options.use_zip64 = LXW_FALSE;
    WorkbookGuard guard{workbook_new_opt(file.path().c_str(), &options)};
    if (guard.workbook == nullptr) fail("workbook_new_opt " + file.path(), LXW_ERROR_MEMORY_MALLOC_FAILED);

    lxw_doc_properties properties{};
    properties.created = static_cast<time_t>(created_utc_s);
    check(workbook_set_properties(guard.workbook, &properties), "set_properties");

    const Formats formats = make_formats(guard.workbook);
    std::set<std::string> used;
    for (size_t i = 0; i < sheets.size(); ++i) {
        const std::string name = unique_sheet_name(sanitise_sheet_name(sheets[i].name, i + 1), used);
        write_sheet(guard.workbook, formats, sheets[i], name);
    }

    {
        std::lock_guard<std::mutex> lock(packaging_mutex());
        check(workbook_close(guard.release()), "workbook_close");
    }
    return file.read();
}

}  // namespace lecs::xlsx
