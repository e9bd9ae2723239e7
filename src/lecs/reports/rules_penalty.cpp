// (b) The heaviest-penalty rule (rules.hpp): a decision that imposes several penalties at once
// (并处) is counted once, under its heaviest type, so that the types of the penalty table add up to
// the number of decisions (issue 7; REQUIREMENTS §9 "counted once under its heaviest type").
#include "lecs/reports/rules.hpp"

namespace lecs::reports {

Result<PenaltyType> heaviest_penalty(uint8_t type_bits, const SeverityOrder& order) {
    if (type_bits == 0) return Error::validation("reports.no_penalty_type", "处罚决定未载明处罚种类，无法计数");
    if ((type_bits & ~kAllPenaltyBits) != 0)
        return Error::validation("reports.unknown_penalty_type",
                                 "处罚种类含未知的取值（" + std::to_string(type_bits) + "），无法计数");
    for (PenaltyType t : order)
        if (type_bits & static_cast<uint8_t>(t)) return t;
    // Only an order that leaves out a type the act has gets here: parse_severity_order never
    // makes one, a hand-built order might.
    std::string missing;
    for (uint8_t bit = 1; bit <= 64; bit <<= 1)
        if (type_bits & bit) missing += (missing.empty() ? "" : "、") + std::string(to_string(PenaltyType{bit}));
    return Error::validation("reports.severity_order", "处罚种类轻重顺序未列出" + missing);
}

Result<Values> count_penalties(std::span<const uint8_t> acts_type_bits, const PenaltyCounting& counting) {
    Values out;
    for (const auto& [type, field] : counting.fields) out[field] = 0;
    for (size_t i = 0; i < acts_type_bits.size(); ++i) {
        auto t = heaviest_penalty(acts_type_bits[i], counting.order);
        if (!t) {
            Error e = t.take_error();
            e.message = "第" + std::to_string(i + 1) + "个处罚决定：" + e.message;
            return e;
        }
        auto f = counting.fields.find(*t);
        if (f == counting.fields.end())
            return Error::validation("reports.severity_order",
                                     "处罚种类" + std::string(to_string(*t)) + "没有对应的统计栏目");
        out[f->second] += 1;
    }
    return out;
}

Result<PenaltyTally> tally_penalties(std::span<const std::pair<uint8_t, int64_t>> groups,
                                     const PenaltyCounting& counting) {
    PenaltyTally out;
    for (const auto& [type, field] : counting.fields) out.values[field] = 0;
    for (const auto& [bits, n] : groups) {
        if (n < 0) return Error::validation("reports.negative_count", "处罚决定数不能为负数");
        if (bits == 0) {
            out.untyped += n;
            continue;
        }
        LECS_ASSIGN(PenaltyType t, heaviest_penalty(bits, counting.order));
        auto f = counting.fields.find(t);
        if (f == counting.fields.end())
            return Error::validation("reports.severity_order",
                                     "处罚种类" + std::string(to_string(t)) + "没有对应的统计栏目");
        out.values[f->second] += n;
    }
    return out;
}

}  // namespace lecs::reports
