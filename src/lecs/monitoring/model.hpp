// Monitoring of enforcement data (REQUIREMENTS §15; Art 4 智能高效): the plain structs of one
// ingested enforcement act, one 复议/诉讼 case, and a rule's finding. No I/O.
//
// Contract:
// - ActRow / CaseRow are what a parsed input row says (agency by 统一社会信用代码). The store
//   keeps them under (agency_id, ext_key), ext_key = ext_key_of(external_id).
// - act_date(row) is the date the rules and the indicators use: decided_on, else filed_on, else
//   closed_on, else served_on (an inspection or a license may have only one of them). A row with
//   none of them is rejected by the parser.
// - Vocabularies convert to and from their stored/input strings; *_from_string returns nullopt
//   for an unknown word (the parser turns that into a row error naming the field).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs::monitoring {

enum class ActKind {
    kPenalty,
    kCoercion,
    kInspection,
    kLicense,
    kLevy,
    kExpropriation,
    kPayment,
    kConfirmation,
    kOther
};
inline constexpr int kActKindCount = 9;

// Bits of ActRow::penalty_types (stored as INTEGER).
enum class PenaltyType : uint8_t {
    kWarning = 1,
    kFine = 2,
    kConfiscation = 4,
    kSuspension = 8,
    kRevocation = 16,
    kDetention = 32,
    kOther = 64
};

enum class Procedure { kGeneral, kSimple };
enum class PartyType { kPerson, kOrg };

struct ActRow {
    std::string agency_uscc;
    std::string external_id;
    ActKind kind = ActKind::kOther;
    std::string case_no;
    std::string item_code;
    std::vector<std::string> officers;  // enforcement certificate numbers
    PartyType party_type = PartyType::kPerson;
    std::string party_key;  // a hash of the party's id, never the id itself
    std::optional<Date> filed_on, decided_on, served_on, closed_on, published_on;
    uint8_t penalty_types = 0;  // PenaltyType bits
    int64_t amount_fen = 0;
    Procedure procedure = Procedure::kGeneral;
    bool legal_review = false;
    bool major = false;
    bool publish_required = false;
    int extension_days = 0;
    int excluded_days = 0;
    std::string entrusted_uscc;  // empty unless an entrusted body acted in the agency's name
    std::string region;          // 6-digit division code; empty = the agency's
};

enum class CaseKind { kReconsideration, kLitigation };

struct CaseRow {
    std::string agency_uscc;
    std::string external_id;
    CaseKind kind = CaseKind::kReconsideration;
    Date received_on;
    std::optional<Date> concluded_on;
    std::string outcome;  // one of kCaseOutcomes; empty while pending
};

// The outcome words the cases format accepts (legal-facts §5.1, §5.2). Which of them count as
// 纠错 / 败诉 and which are in the denominator is configuration (rules.hpp RateDefinition).
inline constexpr std::string_view kCaseOutcomes[] = {"维持",     "驳回",     "撤销", "部分撤销", "变更", "确认违法",
                                                     "确认无效", "责令履行", "给付", "赔偿",     "调解", "和解",
                                                     "撤诉",     "终止",     "败诉", "胜诉"};

enum class RuleCode { kR1 = 1, kR2, kR3, kR4, kR5, kR6, kR7, kR8 };
inline constexpr int kRuleCount = 8;
enum class Severity { kYellow, kRed };

// One rule firing on one act. evidence is a JSON object of the figures and dates that fired it
// (e.g. {"filed_on":"2026-01-05","decided_on":"2026-04-10","limit_days":90,"days":95}).
struct Finding {
    RuleCode rule = RuleCode::kR1;
    Severity severity = Severity::kRed;
    std::string summary;   // one Chinese sentence with the figures
    std::string evidence;  // JSON object text
};

std::string_view to_string(ActKind k);
std::optional<ActKind> act_kind_from_string(std::string_view s);
std::string_view kind_label(ActKind k);  // 行政处罚, 行政强制, 行政检查, …
std::string_view to_string(PenaltyType t);
std::optional<PenaltyType> penalty_type_from_string(std::string_view s);
std::string_view to_string(Procedure p);
std::optional<Procedure> procedure_from_string(std::string_view s);
std::string_view to_string(PartyType p);
std::optional<PartyType> party_type_from_string(std::string_view s);
std::string_view to_string(CaseKind k);
std::optional<CaseKind> case_kind_from_string(std::string_view s);
bool is_case_outcome(std::string_view s);
std::string_view to_string(RuleCode r);  // "R1" …
std::optional<RuleCode> rule_from_string(std::string_view s);
std::string_view to_string(Severity s);  // "yellow" | "red"

std::optional<Date> act_date(const ActRow& a);
inline int month_of(Date d) { return d.y * 100 + d.m; }
// A stable 64-bit key of an external id or a party key (FNV-1a 64, folded to a non-negative
// int64 so that both databases store it as BIGINT). Equal inputs give equal keys on every
// machine; the store checks the stored text on a key match.
int64_t ext_key_of(std::string_view external_id);

}  // namespace lecs::monitoring
