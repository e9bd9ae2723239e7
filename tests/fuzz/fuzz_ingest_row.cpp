// libFuzzer target: the enforcement-data row parser (lecs/monitoring/parse.hpp). The first byte
// picks the path (act/case × JSON/CSV, or the row reader over the whole input); the rest is
// the row. Every result must be a row or a RowError with a non-empty reason, and an accepted
// act always has the date the rules need.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "lecs/monitoring/parse.hpp"

namespace parse = lecs::monitoring::parse;

namespace {

template <class T>
void check(const parse::Parsed<T>& r) {
    if (auto* e = std::get_if<parse::RowError>(&r)) {
        if (e->reason.empty()) std::abort();
    }
}

const parse::CsvHeader& act_header() {
    static const parse::CsvHeader h =
        parse::CsvHeader::parse(
            "agency,external_id,kind,case_no,item_code,officers,party_type,party_key,filed_on,"
            "decided_on,served_on,closed_on,published_on,penalty_types,amount_fen,procedure,"
            "legal_review,major,publish_required,extension_days,excluded_days,entrusted_body,region",
            parse::CsvHeader::What::kActs)
            .value();
    return h;
}
const parse::CsvHeader& case_header() {
    static const parse::CsvHeader h =
        parse::CsvHeader::parse("agency,external_id,kind,received_on,concluded_on,outcome",
                                parse::CsvHeader::What::kCases)
            .value();
    return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t mode = data[0] % 6;
    std::string_view row(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (mode) {
        case 0: {
            auto r = parse::parse_act_json(row);
            check(r);
            if (auto* a = std::get_if<lecs::monitoring::ActRow>(&r)) {
                if (!lecs::monitoring::act_date(*a)) std::abort();
                if (a->officers.size() > 20 || a->amount_fen < 0) std::abort();
            }
            break;
        }
        case 1:
            check(parse::parse_case_json(row));
            break;
        case 2:
            check(parse::parse_act_csv(act_header(), row));
            break;
        case 3:
            check(parse::parse_case_csv(case_header(), row));
            break;
        case 4: {
            auto h = parse::CsvHeader::parse(row, parse::CsvHeader::What::kActs);
            (void)parse::split_csv(row);
            (void)parse::detect_format(row);
            (void)h;
            break;
        }
        default: {
            std::istringstream in{std::string(row)};
            parse::RowReader rr(in);
            rr.set_csv(data[0] & 0x80);
            std::string line;
            int64_t first = 0, prev = 0;
            bool too_long = false;
            while (rr.next(line, first, too_long)) {
                if (first <= prev || line.size() > parse::kMaxRowBytes) std::abort();
                prev = first;
                check(parse::parse_act_json(line));
            }
            break;
        }
    }
    return 0;
}
