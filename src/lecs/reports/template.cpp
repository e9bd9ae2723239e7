#include "lecs/reports/template.hpp"

#include <array>
#include <set>
#include <stdexcept>

#include "lecs/base/embedded.hpp"

namespace lecs::reports {
namespace {

struct PenaltyWord {
    PenaltyType type;
    std::string_view word;   // monitoring's stored word
    std::string_view label;  // as monitoring's web page shows it
};
constexpr std::array<PenaltyWord, kPenaltyTypeCount> kPenaltyWords{{
    {PenaltyType::kWarning, "warning", "警告"},
    {PenaltyType::kFine, "fine", "罚款"},
    {PenaltyType::kConfiscation, "confiscation", "没收"},
    {PenaltyType::kSuspension, "suspension", "暂扣/责令停产停业"},
    {PenaltyType::kRevocation, "revocation", "吊销"},
    {PenaltyType::kDetention, "detention", "行政拘留"},
    {PenaltyType::kOther, "other", "其他"},
}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Accumulates decimal digits into v, stopping (overflow = true) once v passes limit, so that a
// 40-digit cell is an overflow, not a wrap-around.
bool accumulate(std::string_view digits, int64_t limit, int64_t& v, bool& overflow) {
    for (char c : digits) {
        if (!is_digit(c)) return false;
        if (!overflow) {
            v = v * 10 + (c - '0');
            if (v > limit) overflow = true;
        }
    }
    return true;
}

CellNumber number(bool negative, int64_t v, bool overflow) {
    if (overflow) return {CellNumber::Status::kOverflow, 0};
    return {CellNumber::Status::kOk, negative ? -v : v};
}

}  // namespace

std::string_view to_string(PenaltyType t) {
    for (const auto& w : kPenaltyWords)
        if (w.type == t) return w.word;
    return {};
}

std::optional<PenaltyType> penalty_type_from_string(std::string_view s) {
    for (const auto& w : kPenaltyWords)
        if (w.word == s) return w.type;
    return std::nullopt;
}

std::string_view penalty_type_label(PenaltyType t) {
    for (const auto& w : kPenaltyWords)
        if (w.type == t) return w.label;
    return {};
}

SeverityOrder default_severity_order() {
    return {PenaltyType::kDetention, PenaltyType::kRevocation, PenaltyType::kSuspension, PenaltyType::kConfiscation,
            PenaltyType::kFine,      PenaltyType::kWarning,    PenaltyType::kOther};
}

Result<SeverityOrder> parse_severity_order(const std::vector<std::string>& words) {
    SeverityOrder out;
    std::set<PenaltyType> seen;
    for (const auto& w : words) {
        auto t = penalty_type_from_string(w);
        if (!t)
            return Error::validation(
                "reports.severity_order",
                "处罚种类轻重顺序含未知种类“" + w +
                    "”，应为warning、fine、confiscation、suspension、revocation、detention、other之一",
                "penalty_counting.order");
        if (!seen.insert(*t).second)
            return Error::validation("reports.severity_order", "处罚种类轻重顺序中“" + w + "”重复",
                                     "penalty_counting.order");
        out.push_back(*t);
    }
    if (out.size() != kPenaltyTypeCount) {
        std::string missing;
        for (const auto& w : kPenaltyWords)
            if (!seen.count(w.type)) missing += (missing.empty() ? "" : "、") + std::string(w.word);
        return Error::validation("reports.severity_order", "处罚种类轻重顺序须列出全部7种，缺少" + missing,
                                 "penalty_counting.order");
    }
    return out;
}

bool is_monitoring_metric(std::string_view name) {
    // monitoring/model.cpp ActKind words; aggregate.cpp metric names.
    static const std::set<std::string, std::less<>> kNames = [] {
        std::set<std::string, std::less<>> s;
        for (std::string_view k : {"penalty", "coercion", "inspection", "license", "levy", "expropriation", "payment",
                                   "confirmation", "other"}) {
            s.insert("acts." + std::string(k));
            s.insert("amount." + std::string(k));
        }
        for (int r = 1; r <= 8; ++r) s.insert("warn.R" + std::to_string(r));
        for (std::string_view m : {"pub.due", "pub.on_time", "cert.slots", "cert.valid", "recon.concluded",
                                   "recon.corrected", "lit.concluded", "lit.lost"})
            s.insert(std::string(m));
        return s;
    }();
    return kNames.count(name) > 0;
}

std::string_view to_string(FieldKind k) { return k == FieldKind::kAmount ? "amount" : "count"; }

std::string_view rule_kind_label(RuleKind k) {
    switch (k) {
        case RuleKind::kSum:
            return "合计";
        case RuleKind::kNonNegative:
            return "非负";
        case RuleKind::kCompare:
            return "一致性";
    }
    return {};
}

FieldRef ReportTemplate::find(std::string_view field_code) const {
    for (const auto& t : tables)
        for (const auto& f : t.fields)
            if (f.code == field_code) return {&t, &f};
    return {};
}

const Table* ReportTemplate::find_table(std::string_view table_code) const {
    for (const auto& t : tables)
        if (t.code == table_code) return &t;
    return nullptr;
}

size_t ReportTemplate::field_count() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.fields.size();
    return n;
}

const ReportTemplate& default_annual_template() {
    static const ReportTemplate t = [] {
        constexpr std::string_view kPath = "data/report-templates/annual-v1.json";
        auto text = embedded::find(kPath);
        if (!text) throw std::logic_error("data/report-templates/annual-v1.json is not embedded");
        auto r = parse_template(*text);
        if (!r) throw std::logic_error("data/report-templates/annual-v1.json: " + r.error().message);
        return std::move(r).value();
    }();
    return t;
}

std::string format_wan_yuan(int64_t fen) {
    // 2 decimals of 万元 = units of 10000分 (100元); round half away from zero.
    constexpr int64_t kUnit = kFenPerWanYuan / 100;
    const bool negative = fen < 0;
    // Work on the magnitude as unsigned, so that INT64_MIN has one.
    const uint64_t mag = negative ? uint64_t{0} - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
    const uint64_t units = (mag + kUnit / 2) / kUnit;
    const uint64_t whole = units / 100, cents = units % 100;
    std::string out = negative && units != 0 ? "-" : "";
    out += std::to_string(whole);
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return out;
}

CellNumber parse_integer_cell(std::string_view text, int64_t max) {
    std::string_view s = trim(text);
    const bool negative = !s.empty() && s.front() == '-';
    if (negative) s.remove_prefix(1);
    if (s.empty()) return {};
    int64_t v = 0;
    bool overflow = false;
    if (!accumulate(s, max, v, overflow)) return {};
    return number(negative, v, overflow);
}

CellNumber parse_wan_yuan(std::string_view text, int64_t max_fen) {
    std::string_view s = trim(text);
    const bool negative = !s.empty() && s.front() == '-';
    if (negative) s.remove_prefix(1);
    const size_t dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    // "12." and ".5" are refused: a cell is either an integer or has digits on both sides.
    if (whole.empty() || (dot != std::string_view::npos && frac.empty()) || frac.size() > 6) return {};
    int64_t w = 0, f = 0;
    bool overflow = false, frac_overflow = false;
    if (!accumulate(whole, max_fen / kFenPerWanYuan + 1, w, overflow)) return {};
    if (!accumulate(frac, kFenPerWanYuan, f, frac_overflow)) return {};
    if (overflow) return {CellNumber::Status::kOverflow, 0};
    for (size_t i = frac.size(); i < 6; ++i) f *= 10;
    const int64_t fen = w * kFenPerWanYuan + f;
    return number(negative, fen, fen > max_fen);
}

}  // namespace lecs::reports
