#include "lecs/monitoring/model.hpp"

#include <array>

namespace lecs::monitoring {
namespace {

template <class E, size_t N>
struct Vocab {
    std::array<std::pair<E, std::string_view>, N> words;

    std::string_view name(E e) const {
        for (const auto& [v, w] : words)
            if (v == e) return w;
        return {};
    }
    std::optional<E> find(std::string_view s) const {
        for (const auto& [v, w] : words)
            if (w == s) return v;
        return std::nullopt;
    }
};

constexpr Vocab<ActKind, kActKindCount> kKinds{{{
    {ActKind::kPenalty, "penalty"},
    {ActKind::kCoercion, "coercion"},
    {ActKind::kInspection, "inspection"},
    {ActKind::kLicense, "license"},
    {ActKind::kLevy, "levy"},
    {ActKind::kExpropriation, "expropriation"},
    {ActKind::kPayment, "payment"},
    {ActKind::kConfirmation, "confirmation"},
    {ActKind::kOther, "other"},
}}};

// The categories of 行政执法行为 of the 三项制度 (国办发〔2018〕118号).
constexpr Vocab<ActKind, kActKindCount> kKindLabels{{{
    {ActKind::kPenalty, "行政处罚"},
    {ActKind::kCoercion, "行政强制"},
    {ActKind::kInspection, "行政检查"},
    {ActKind::kLicense, "行政许可"},
    {ActKind::kLevy, "行政征收"},
    {ActKind::kExpropriation, "行政征用"},
    {ActKind::kPayment, "行政给付"},
    {ActKind::kConfirmation, "行政确认"},
    {ActKind::kOther, "其他行政执法行为"},
}}};

constexpr Vocab<PenaltyType, 7> kPenaltyTypes{{{
    {PenaltyType::kWarning, "warning"},
    {PenaltyType::kFine, "fine"},
    {PenaltyType::kConfiscation, "confiscation"},
    {PenaltyType::kSuspension, "suspension"},
    {PenaltyType::kRevocation, "revocation"},
    {PenaltyType::kDetention, "detention"},
    {PenaltyType::kOther, "other"},
}}};

constexpr Vocab<Procedure, 2> kProcedures{{{{Procedure::kGeneral, "general"}, {Procedure::kSimple, "simple"}}}};
constexpr Vocab<PartyType, 2> kPartyTypes{{{{PartyType::kPerson, "person"}, {PartyType::kOrg, "org"}}}};
constexpr Vocab<CaseKind, 2> kCaseKinds{
    {{{CaseKind::kReconsideration, "reconsideration"}, {CaseKind::kLitigation, "litigation"}}}};
constexpr Vocab<RuleCode, kRuleCount> kRules{{{
    {RuleCode::kR1, "R1"},
    {RuleCode::kR2, "R2"},
    {RuleCode::kR3, "R3"},
    {RuleCode::kR4, "R4"},
    {RuleCode::kR5, "R5"},
    {RuleCode::kR6, "R6"},
    {RuleCode::kR7, "R7"},
    {RuleCode::kR8, "R8"},
}}};

}  // namespace

std::string_view to_string(ActKind k) { return kKinds.name(k); }
std::optional<ActKind> act_kind_from_string(std::string_view s) { return kKinds.find(s); }
std::string_view kind_label(ActKind k) { return kKindLabels.name(k); }
std::string_view to_string(PenaltyType t) { return kPenaltyTypes.name(t); }
std::optional<PenaltyType> penalty_type_from_string(std::string_view s) { return kPenaltyTypes.find(s); }
std::string_view to_string(Procedure p) { return kProcedures.name(p); }
std::optional<Procedure> procedure_from_string(std::string_view s) { return kProcedures.find(s); }
std::string_view to_string(PartyType p) { return kPartyTypes.name(p); }
std::optional<PartyType> party_type_from_string(std::string_view s) { return kPartyTypes.find(s); }
std::string_view to_string(CaseKind k) { return kCaseKinds.name(k); }
std::optional<CaseKind> case_kind_from_string(std::string_view s) { return kCaseKinds.find(s); }
std::string_view to_string(RuleCode r) { return kRules.name(r); }
std::optional<RuleCode> rule_from_string(std::string_view s) { return kRules.find(s); }
std::string_view to_string(Severity s) { return s == Severity::kRed ? "red" : "yellow"; }

bool is_case_outcome(std::string_view s) {
    for (auto o : kCaseOutcomes)
        if (o == s) return true;
    return false;
}

std::optional<Date> act_date(const ActRow& a) {
    if (a.decided_on) return a.decided_on;
    if (a.filed_on) return a.filed_on;
    if (a.closed_on) return a.closed_on;
    return a.served_on;
}

int64_t ext_key_of(std::string_view external_id) {
    // FNV-1a 64 (offset basis 14695981039346656037, prime 1099511628211), over the bytes.
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : external_id) {
        h ^= c;
        h *= 1099511628211ull;
    }
    // Fold the top bit in and clear it: a non-negative BIGINT on both databases.
    return static_cast<int64_t>((h ^ (h >> 63)) & 0x7fffffffffffffffull);
}

}  // namespace lecs::monitoring
