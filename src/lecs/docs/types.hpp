// The template registry of official documents (REQUIREMENTS §17) and the pure
// rules of issuing and numbering them.
//
// Contract (pure, no I/O):
// - all_types() lists every §17 type once: a stable code, the Chinese name,
//   the issuer kind (the supervision department, or the GOVERNMENT for the
//   SupervisionDecision, the decision on a dispute, commendations and the
//   engagement of social supervisors), whether it is internal (呈报件, 约谈记录:
//   the public verification shows only authentic or not), the default 文号
//   abbreviation, the legal basis and the fields the draft must fill.
// - check_issue(): department types are issued by a dept_leader of that very
//   supervision department; government types only by a gov_leader of that very
//   government. Refusals are 403 with a Chinese message and the basis.
// - check_draft(): department staff (supervisor, dept_leader) draft for their
//   own department; a government type is drafted by the department for its
//   same-level government (or by that government's own staff).
// - default_prefix(org name, type) = the first character of the organisation's
//   name + the type's abbreviation: 邢台市司法局 + 执监通 = 邢执监通.
// - number_text("邢执监通", 2026, 3) = "邢执监通〔2026〕3号" (GB/T 9704 §7.2.4:
//   the year in 〔〕, no leading zeros, 号 at the end).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/base/result.hpp"

namespace lecs::docs {

enum class IssuerKind { kDepartment, kGovernment };

struct DocType {
    std::string_view code;  // "supervision_notice"
    std::string_view name;  // 行政执法监督通知书
    IssuerKind issuer = IssuerKind::kDepartment;
    bool internal = false;          // 呈报件, 约谈记录: verification shows authenticity only
    std::string_view abbreviation;  // 文号 abbreviation after the organisation's character, e.g. 执监通
    Provision basis = Provision::kMeasuresArt14;
    std::vector<std::string_view> required_fields;  // keys of fields_json that must be non-empty
    std::vector<std::string_view> field_labels;     // Chinese labels, same order
    std::string_view disclosure;                    // 公开属性 printed by default
};

const std::vector<DocType>& all_types();
const DocType* find_type(std::string_view code);

// Facts about an organisation that the rules need.
struct OrgFacts {
    int64_t id = 0;
    std::string name;
    std::string kind;  // "government", "supervision_dept", …
    std::string region_code;
    std::optional<int64_t> government_id;  // the same-level people's government
};

Result<void> check_issue(const DocType& t, const OrgFacts& issuer, const auth::Caller& who);
Result<void> check_draft(const DocType& t, const OrgFacts& issuer, const OrgFacts& caller_org, const auth::Caller& who);

// The missing required field, as a 400 error; ok when every required field is non-empty.
Result<void> check_fields(const DocType& t, const std::vector<std::pair<std::string, std::string>>& fields);

std::string default_prefix(std::string_view org_name, const DocType& t);
std::string number_text(std::string_view prefix, int year, int64_t no);

}  // namespace lecs::docs
