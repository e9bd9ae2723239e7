// Pure rules of supervision casework (Art 11–14, 18; REQUIREMENTS §8), no I/O:
// the vocabularies, the Art 13 inspection team check, case-file review scoring,
// 回避 in cross supervision, and which department is competent for a target.
//
// Contract:
// - The vocabularies are code → Chinese label, in display order; codes are stored.
// - check_inspection_team(): Art 13 — at least 2 distinct supervisors, each
//   holding a 行政执法监督证 (kind "supervision") of their own that is valid ON
//   THE INSPECTION DATE (org::rules::certificate_validity, with its status
//   history). When a supervisor has several certificates (a renewal), the one
//   valid on the date is used; with none valid, the reason is the latest one's
//   (by expires_on). The first problem is returned as a 400:
//     inspection.too_few_supervisors  field "supervisors"
//        "现场监督的监督人员不得少于2人（第十三条）"
//     inspection.duplicate_supervisor field "supervisors[i]"
//     inspection.no_certificate       field "supervisors[i]"
//        "监督人员张某未持有行政执法监督证，不能参加现场监督"
//     inspection.certificate_invalid  field "supervisors[i]"
//        "监督人员张某的行政执法监督证已于2026年3月1日过期" (the validity reason)
//   each with basis cite(Provision::kMeasuresArt13). On success, the certificate
//   used for each supervisor (in team order) is returned, to be recorded as shown.
//   Order of the checks: a team of fewer than 2 entries is too_few (nothing on
//   the list could cure it); then a repeated person_id is duplicate_supervisor at
//   the repeat ("监督人员张某在名单中重复出现，同一人只计一次（第十三条）"), so
//   the distinct count is then >= 2; then each supervisor in team order. A
//   certificate whose person_id is not the supervisor's, or of kind
//   "enforcement", is ignored. With several valid (overlapping renewal), the one
//   expiring last is used.
// - File review (案卷评查): any legality failure scores 0 (grade 不合格);
//   otherwise 100 minus the deductions of the checklist items found, floored at
//   0. Grades: >= 90 excellent 优秀, 60–89 pass 合格, < 60 fail 不合格. The
//   checklist is configuration (parse_checklist: CSV "code,label,deduction" with a
//   header line; codes unique, deduction 1..100). Unknown item codes, unknown
//   legality codes, counts < 1 → 400 review.* naming the field.
//   parse_checklist: 400 review.checklist_invalid, field "checklist", message
//   "评查标准第N行…"; accepts a UTF-8 BOM, CRLF, blank lines and RFC 4180
//   quotes; refuses codes other than [a-z0-9_]+ and a legality_failures() code
//   as a checklist item (a veto item is never a deduction). A header alone is an
//   empty checklist. The default is data/file-review-checklist.csv (embedded).
//   score_file_review: all input is checked first, even with a legality failure:
//   review.legality_unknown "legality_failures[i]", review.item_unknown /
//   review.count_invalid / review.item_duplicate (the same code on two lines)
//   "found[i]". Deductions are summed as deduction × times.
// - check_avoidance() (回避, Art 18): nobody is on a team for their own agency;
//   in a cross-supervision matter nobody is on a team for their own region
//   (the county of the member's organisation equals the target's county, or both
//   are city-managed). 400 team.avoidance naming the member and why, field
//   "team" (the service knows the index and may re-point it to "team[i]"), basis
//   cite(kMeasuresArt18):
//     "张某是被监督单位邢台市市场监督管理局的工作人员，应当回避（第十八条）"
//     "交叉监督中，张某所在单位与被监督单位同属信都区，应当回避（第十八条）"
//     "交叉监督中，张某所在单位与被监督单位同属市本级（含邢台经济开发区），应当回避（第十八条）"
//   The county is named from the embedded data/xingtai-counties-2022.csv
//   ("行政区划130503" if missing). org_id 0 and an empty region never match.
// - Competence (Art 3 ¶2, Art 18): by default the department of the target's own
//   level and region (default_competent_region: "130500" for a city-managed
//   target, the county code otherwise). An upper department (the city's) may
//   supervise a lower-level target itself: may_supervise() is true for the
//   default region and for the city over any target in 邢台市; is_upper_level()
//   says the handling department is not the default one (the matter records why:
//   提级监督). A township target (9 digits) belongs to its county; 开发区
//   (130571) and its townships are city-managed. For a region outside 邢台市
//   (or empty) default_competent_region() is "" and may_supervise() is false.
//   Only 130500 and county codes are department regions: may_supervise() is
//   false for "130571" or a township code as the department.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/org/model.hpp"

namespace lecs::supervision::rules {

struct Named {
    std::string_view code;
    std::string_view label;
};
const Named* find(std::span<const Named> list, std::string_view code);

// Art 11 (一)–(七): art11_1 主体资格 … art11_7 其他.
std::span<const Named> content_categories();
// plan, special, patrol, complaint, social_clue, data_warning, upper_assignment, township_referral,
// cross_supervision, other.
std::span<const Named> matter_sources();
// Art 12: routine 日常监督, special 专项监督, patrol 巡查监督.
std::span<const Named> supervision_modes();
// Art 14 ¶1: nonperformance 不履行法定职责, system_breach 不遵守行政执法制度, illegal 行为违法,
// improper 行为不当.
std::span<const Named> finding_categories();
// Art 14 ¶2: order_performance 责令限期履行, order_correction 责令补正或者改正, revoke 撤销,
// confirm_illegal 确认违法, confirm_invalid 确认无效.
std::span<const Named> decision_item_kinds();
// wrong_subject 主体不合法, no_qualification 执法人员无资格, insufficient_evidence 证据不足,
// wrong_law 适用依据错误, illegal_procedure 程序违法, fewer_than_two_officers 执法人员少于2人.
std::span<const Named> legality_failures();

// ---- Art 13: the inspection team ----

struct SupervisorCertificate {
    org::Certificate certificate;
    std::vector<org::CertificateEvent> events;
};
struct InspectorFacts {
    int64_t person_id = 0;
    std::string name;
    std::vector<SupervisorCertificate> certificates;  // every certificate of the person, any kind
};
// The certificate id recorded as shown for each supervisor, in team order.
Result<std::vector<int64_t>> check_inspection_team(std::span<const InspectorFacts> team, Date on);

// ---- 案卷评查 ----

struct ChecklistItem {
    std::string code;
    std::string label;
    int deduction = 0;
};
struct Checklist {
    std::vector<ChecklistItem> items;
};
Result<Checklist> parse_checklist(std::string_view csv);

struct ReviewInput {
    std::vector<std::string> legality_failures;      // codes of legality_failures()
    std::vector<std::pair<std::string, int>> found;  // checklist item code, times found (>= 1)
};
struct ReviewScore {
    int score = 0;
    std::string grade;        // excellent | pass | fail
    std::string grade_label;  // 优秀 | 合格 | 不合格
    bool legality_failed = false;
    int deductions = 0;  // the sum before flooring (0 when a legality failure decided it)
};
Result<ReviewScore> score_file_review(const Checklist& checklist, const ReviewInput& in);

// ---- 回避 and competence ----

struct MemberFacts {
    int64_t person_id = 0;
    std::string name;
    int64_t org_id = 0;
    std::string org_region;  // region_code of the member's organisation
};
struct TargetFacts {
    int64_t org_id = 0;
    std::string name;
    std::string region_code;  // of the target agency (a township body's is 9 digits)
};
Result<void> check_avoidance(const MemberFacts& member, const TargetFacts& target, bool cross_supervision);

std::string default_competent_region(const TargetFacts& target);
bool may_supervise(std::string_view department_region, const TargetFacts& target);
bool is_upper_level(std::string_view department_region, const TargetFacts& target);

}  // namespace lecs::supervision::rules
