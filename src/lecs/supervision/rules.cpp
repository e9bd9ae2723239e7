#include "lecs/supervision/rules.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <set>

#include "lecs/base/embedded.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/org/rules.hpp"

namespace lecs::supervision::rules {
namespace {

// clang-format off
// Art 11 (一)–(七), in the order of the article.
constexpr Named kContentCategories[] = {
    {"art11_1", "主体资格情况"},
    {"art11_2", "执法制度建设及实施情况"},
    {"art11_3", "执法行为合法性和适当性"},
    {"art11_4", "执法质效情况"},
    {"art11_5", "执法体制改革推进情况"},
    {"art11_6", "执法保障情况"},
    {"art11_7", "其他依法应当监督的事项"},
};

constexpr Named kMatterSources[] = {
    {"plan", "监督计划"},
    {"special", "专项监督"},
    {"patrol", "巡查监督"},
    {"complaint", "投诉举报"},
    {"social_clue", "社会监督员反映线索"},
    {"data_warning", "执法数据预警"},
    {"upper_assignment", "上级交办"},
    {"township_referral", "乡镇（街道）协调监督室移送"},
    {"cross_supervision", "交叉监督"},
    {"other", "其他"},
};

// Art 12.
constexpr Named kSupervisionModes[] = {
    {"routine", "日常监督"},
    {"special", "专项监督"},
    {"patrol", "巡查监督"},
};

// Art 14 ¶1.
constexpr Named kFindingCategories[] = {
    {"nonperformance", "不履行法定职责"},
    {"system_breach", "不遵守行政执法制度"},
    {"illegal", "行为违法"},
    {"improper", "行为不当"},
};

// Art 14 ¶2: what the government may decide, by the nature and degree of the act.
constexpr Named kDecisionItemKinds[] = {
    {"order_performance", "责令限期履行"},
    {"order_correction", "责令补正或者改正"},
    {"revoke", "撤销"},
    {"confirm_illegal", "确认违法"},
    {"confirm_invalid", "确认无效"},
};

// The 案卷评查 veto items: any one of them makes the file 不合格 whatever the
// rest, as in practice (REQUIREMENTS §8). They are not checklist deductions.
constexpr Named kLegalityFailures[] = {
    {"wrong_subject", "主体不合法"},
    {"no_qualification", "执法人员无资格"},
    {"insufficient_evidence", "证据不足"},
    {"wrong_law", "适用依据错误"},
    {"illegal_procedure", "程序违法"},
    {"fewer_than_two_officers", "执法人员少于2人"},
};
// clang-format on

std::string field_at(std::string_view name, size_t i) { return std::string(name) + "[" + std::to_string(i) + "]"; }

// ---- Art 13 -----------------------------------------------------------------

Error team_error(std::string code, std::string message, std::string field) {
    return Error::validation(std::move(code), std::move(message), std::move(field), cite(Provision::kMeasuresArt13));
}

// The supervision certificate a supervisor shows on the date, or the reason
// none can be shown. Only the person's own supervision certificates count: a
// 行政执法证 is not a 行政执法监督证 (Art 13), and a certificate of someone
// else is not theirs to show.
struct Shown {
    const SupervisorCertificate* used = nullptr;  // valid on the date
    const SupervisorCertificate* latest = nullptr;
    std::string reason;  // of `latest` when none is valid
};

Shown shown_on(const InspectorFacts& s, Date on) {
    Shown out;
    for (const auto& sc : s.certificates) {
        const auto& c = sc.certificate;
        if (c.person_id != s.person_id || c.kind != "supervision") continue;
        auto v = org::rules::certificate_validity(c, sc.events, on);
        if (v.valid) {
            // Overlapping renewals: the one running longest, so the record
            // names the certificate the supervisor would naturally carry.
            if (!out.used || c.expires_on > out.used->certificate.expires_on ||
                (c.expires_on == out.used->certificate.expires_on && c.id > out.used->certificate.id))
                out.used = &sc;
            continue;
        }
        // With none valid, the latest certificate explains why: an old expired
        // one says nothing once a newer one has been issued.
        if (!out.latest || c.expires_on > out.latest->certificate.expires_on ||
            (c.expires_on == out.latest->certificate.expires_on && c.id > out.latest->certificate.id)) {
            out.latest = &sc;
            out.reason = std::move(v.reason);
        }
    }
    return out;
}

// ---- CSV --------------------------------------------------------------------

// One CSV line into fields, RFC 4180 quotes ("" inside quotes is a quote).
// nullopt for an unterminated quote.
std::optional<std::vector<std::string>> csv_fields(std::string_view line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char ch = line[i];
        if (quoted) {
            if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                out.back() += ch;
            }
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            out.emplace_back();
        } else {
            out.back() += ch;
        }
    }
    if (quoted) return std::nullopt;
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_code(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// ---- regions ----------------------------------------------------------------

// The county-level name for a message, from the embedded division table
// (data/xingtai-counties-2022.csv); the code itself when the table lacks it.
std::string county_name(std::string_view county_code) {
    static const std::vector<std::pair<std::string, std::string>> names = [] {
        std::vector<std::pair<std::string, std::string>> v;
        auto csv = embedded::find("data/xingtai-counties-2022.csv");
        if (!csv) return v;
        size_t pos = 0;
        bool header = true;
        while (pos < csv->size()) {
            size_t nl = csv->find('\n', pos);
            std::string_view line = csv->substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
            pos = nl == std::string_view::npos ? csv->size() : nl + 1;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (line.empty()) continue;
            if (header) {
                header = false;
                continue;
            }
            auto f = csv_fields(line);
            if (f && f->size() >= 2) v.emplace_back((*f)[0], (*f)[1]);
        }
        return v;
    }();
    for (const auto& [code, name] : names)
        if (code == county_code) return name;
    if (county_code == org::rules::kDevZoneCode) return "邢台经济开发区";
    return "行政区划" + std::string(county_code);
}

bool in_city(std::string_view code) { return org::rules::region_level(code).has_value(); }

}  // namespace

const Named* find(std::span<const Named> list, std::string_view code) {
    for (const auto& n : list)
        if (n.code == code) return &n;
    return nullptr;
}

std::span<const Named> content_categories() { return kContentCategories; }
std::span<const Named> matter_sources() { return kMatterSources; }
std::span<const Named> supervision_modes() { return kSupervisionModes; }
std::span<const Named> finding_categories() { return kFindingCategories; }
std::span<const Named> decision_item_kinds() { return kDecisionItemKinds; }
std::span<const Named> legality_failures() { return kLegalityFailures; }

// ---- Art 13: the inspection team ----------------------------------------------

Result<std::vector<int64_t>> check_inspection_team(std::span<const InspectorFacts> team, Date on) {
    // A team of one cannot be rescued by anything else on the list: say so
    // first. From two entries on, a repeated person is what makes it too small.
    if (team.size() < 2)
        return team_error("inspection.too_few_supervisors", "现场监督的监督人员不得少于2人（第十三条）", "supervisors");
    std::set<int64_t> seen;
    for (size_t i = 0; i < team.size(); ++i)
        if (!seen.insert(team[i].person_id).second)
            return team_error("inspection.duplicate_supervisor",
                              "监督人员" + team[i].name + "在名单中重复出现，同一人只计一次（第十三条）",
                              field_at("supervisors", i));
    std::vector<int64_t> used;
    used.reserve(team.size());
    for (size_t i = 0; i < team.size(); ++i) {
        const auto& s = team[i];
        Shown shown = shown_on(s, on);
        if (shown.used) {
            used.push_back(shown.used->certificate.id);
            continue;
        }
        if (!shown.latest)
            return team_error("inspection.no_certificate",
                              "监督人员" + s.name + "未持有行政执法监督证，不能参加现场监督",
                              field_at("supervisors", i));
        return team_error("inspection.certificate_invalid", "监督人员" + s.name + "的" + shown.reason,
                          field_at("supervisors", i));
    }
    return used;
}

// ---- 案卷评查 -----------------------------------------------------------------

Result<Checklist> parse_checklist(std::string_view csv) {
    auto bad = [](int line_no, const std::string& why) {
        return Error::validation("review.checklist_invalid", "评查标准第" + std::to_string(line_no) + "行" + why,
                                 "checklist");
    };
    // A file saved by Excel starts with a UTF-8 byte-order mark.
    if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
    Checklist out;
    std::set<std::string> codes;
    bool header_seen = false;
    int line_no = 0;
    size_t pos = 0;
    while (pos < csv.size()) {
        size_t nl = csv.find('\n', pos);
        std::string_view line = csv.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? csv.size() : nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty()) continue;
        auto f = csv_fields(line);
        if (!f) return bad(line_no, "引号不配对");
        if (!header_seen) {
            header_seen = true;
            if (f->size() != 3 || trim((*f)[0]) != "code" || trim((*f)[1]) != "label" || trim((*f)[2]) != "deduction")
                return bad(line_no, "应为表头code,label,deduction");
            continue;
        }
        if (f->size() != 3) return bad(line_no, "应有3列（code,label,deduction）");
        std::string code(trim((*f)[0]));
        std::string label(trim((*f)[1]));
        std::string_view ded = trim((*f)[2]);
        if (!is_code(code)) return bad(line_no, "编码只能由小写字母、数字和下划线组成");
        // A veto item decides the file by itself; as a deduction it would let
        // 程序违法 pass with 95 points.
        if (find(legality_failures(), code)) return bad(line_no, "编码" + code + "是合法性否决项，不能作为扣分项");
        if (!codes.insert(code).second) return bad(line_no, "编码" + code + "重复");
        if (label.empty()) return bad(line_no, "缺少评查项目名称");
        int n = 0;
        auto [end, ec] = std::from_chars(ded.data(), ded.data() + ded.size(), n);
        if (ded.empty() || ec != std::errc() || end != ded.data() + ded.size() || n < 1 || n > 100)
            return bad(line_no, "扣分应为1至100的整数");
        out.items.push_back({std::move(code), std::move(label), n});
    }
    if (!header_seen) return bad(1, "应为表头code,label,deduction");
    return out;
}

Result<ReviewScore> score_file_review(const Checklist& checklist, const ReviewInput& in) {
    for (size_t i = 0; i < in.legality_failures.size(); ++i)
        if (!find(legality_failures(), in.legality_failures[i]))
            return Error::validation("review.legality_unknown", "合法性否决项" + in.legality_failures[i] + "不存在",
                                     field_at("legality_failures", i));
    int64_t sum = 0;
    std::set<std::string> seen;
    for (size_t i = 0; i < in.found.size(); ++i) {
        const auto& [code, times] = in.found[i];
        auto item = std::find_if(checklist.items.begin(), checklist.items.end(),
                                 [&](const ChecklistItem& it) { return it.code == code; });
        if (item == checklist.items.end())
            return Error::validation("review.item_unknown", "评查项目" + code + "不在评查标准中", field_at("found", i));
        if (times < 1)
            return Error::validation("review.count_invalid", "评查项目“" + item->label + "”的发现次数应至少为1",
                                     field_at("found", i));
        // One line per item: the times say how often it was found.
        if (!seen.insert(code).second)
            return Error::validation("review.item_duplicate", "评查项目“" + item->label + "”重复填写，请合并为发现次数",
                                     field_at("found", i));
        sum += int64_t{item->deduction} * times;
    }
    ReviewScore s;
    if (!in.legality_failures.empty()) {
        s.score = 0;
        s.grade = "fail";
        s.grade_label = "不合格";
        s.legality_failed = true;
        s.deductions = 0;
        return s;
    }
    s.deductions = static_cast<int>(std::min<int64_t>(sum, std::numeric_limits<int>::max()));
    s.score = static_cast<int>(std::max<int64_t>(0, 100 - sum));
    if (s.score >= 90) {
        s.grade = "excellent";
        s.grade_label = "优秀";
    } else if (s.score >= 60) {
        s.grade = "pass";
        s.grade_label = "合格";
    } else {
        s.grade = "fail";
        s.grade_label = "不合格";
    }
    return s;
}

// ---- 回避 and competence ----------------------------------------------------------

Result<void> check_avoidance(const MemberFacts& member, const TargetFacts& target, bool cross_supervision) {
    const std::string basis = cite(Provision::kMeasuresArt18);
    if (member.org_id != 0 && member.org_id == target.org_id)
        return Error::validation("team.avoidance",
                                 member.name + "是被监督单位" + target.name + "的工作人员，应当回避（第十八条）",
                                 "team", basis);
    if (!cross_supervision) return ok();
    // Cross supervision exists so that region A looks at region B: someone of
    // B's own region would be supervising at home.
    const std::string& a = member.org_region;
    const std::string& b = target.region_code;
    if (a.empty() || b.empty()) return ok();
    std::string shared;
    if (org::rules::is_city_managed(a) && org::rules::is_city_managed(b))
        shared = "市本级（含邢台经济开发区）";
    else if (org::rules::county_of(a) == org::rules::county_of(b))
        shared = county_name(org::rules::county_of(a));
    if (shared.empty()) return ok();
    return Error::validation(
        "team.avoidance", "交叉监督中，" + member.name + "所在单位与被监督单位同属" + shared + "，应当回避（第十八条）",
        "team", basis);
}

std::string default_competent_region(const TargetFacts& target) {
    if (!in_city(target.region_code)) return {};
    if (org::rules::is_city_managed(target.region_code)) return std::string(org::rules::kCityCode);
    return org::rules::county_of(target.region_code);
}

bool may_supervise(std::string_view department_region, const TargetFacts& target) {
    std::string def = default_competent_region(target);
    if (def.empty()) return false;
    return department_region == def || department_region == org::rules::kCityCode;
}

bool is_upper_level(std::string_view department_region, const TargetFacts& target) {
    return may_supervise(department_region, target) && department_region != default_competent_region(target);
}

}  // namespace lecs::supervision::rules
