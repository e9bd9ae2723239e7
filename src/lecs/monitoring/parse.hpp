// The row parser of enforcement-data ingest (issue 6 step 1): one NDJSON object, or one CSV row
// with the same columns, per act or per case. Pure: no I/O beyond the std::istream handed in.
// Fuzzed by tests/fuzz/fuzz_ingest_row.cpp.
//
// Contract:
// - parse_act_json(line) / parse_case_json(line): one JSON object; unknown keys are refused
//   (a typo must not silently drop a field), every field type- and range-checked, dates strict
//   YYYY-MM-DD, strings length-capped. Errors name the field and say why in Chinese.
// - CSV: RFC 4180 (quoted fields, "" escapes, a quoted field may span lines); the first row is the
//   header naming the same keys; officers and penalty_types are ';'-separated lists; booleans are
//   true/false/1/0/是/否. CsvHeader::parse refuses unknown and duplicate columns and missing
//   required ones.
// - RowReader yields logical rows from a stream with their 1-based first line number, never
//   holding more than one row (memory does not grow with the input); a row longer than
//   kMaxRowBytes is reported as an error row and skipped.
// - detect_format(first_row): '{' → NDJSON, otherwise CSV.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/monitoring/model.hpp"

namespace lecs::monitoring::parse {

inline constexpr size_t kMaxRowBytes = 64 * 1024;

struct RowError {
    std::string field;   // empty when the row as a whole is bad (not JSON, too long …)
    std::string reason;  // Chinese
};

template <class T>
using Parsed = std::variant<T, RowError>;

enum class Format { kNdjson, kCsv };
Format detect_format(std::string_view first_row);

Parsed<ActRow> parse_act_json(std::string_view line);
Parsed<CaseRow> parse_case_json(std::string_view line);

class CsvHeader {
  public:
    enum class What { kActs, kCases };
    static Result<CsvHeader> parse(std::string_view line, What what);
    const std::vector<std::string>& columns() const { return columns_; }

  private:
    std::vector<std::string> columns_;
};
// Splits one logical CSV row into fields (quotes removed); nullopt when the quoting is broken.
std::optional<std::vector<std::string>> split_csv(std::string_view row);
Parsed<ActRow> parse_act_csv(const CsvHeader& h, std::string_view row);
Parsed<CaseRow> parse_case_csv(const CsvHeader& h, std::string_view row);

class RowReader {
  public:
    explicit RowReader(std::istream& in) : in_(in) {}
    // The next logical row (a CSV quoted field may span lines) without its line end; false at
    // the end. too_long is set for a row over kMaxRowBytes (its text is not returned).
    bool next(std::string& row, int64_t& first_line, bool& too_long);
    void set_csv(bool csv) { csv_ = csv; }

  private:
    std::istream& in_;
    int64_t line_ = 0;
    bool csv_ = false;
};

}  // namespace lecs::monitoring::parse
