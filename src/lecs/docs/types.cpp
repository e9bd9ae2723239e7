#include "lecs/docs/types.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>
#include <string>

#include "lecs/base/embedded.hpp"

namespace lecs::docs {
namespace {

// The 《行政执法监督意见书》 of the national 条例 (Decree 825): its required contents are not yet
// verified (legal-facts §1.3, a GAP), so its fields are configuration — data/supervision-opinion-fields.csv
// ("key,label" with a header) — until they are. Read once; the strings live as long as the registry.
struct ConfiguredFields {
    std::vector<std::string_view> keys, labels;
};
const ConfiguredFields& supervision_opinion_fields() {
    static const ConfiguredFields fields = [] {
        static std::deque<std::string> storage;
        ConfiguredFields out;
        auto csv = embedded::find("data/supervision-opinion-fields.csv");
        if (!csv) throw std::logic_error("data/supervision-opinion-fields.csv is not embedded in this binary");
        size_t pos = 0;
        bool header = true;
        while (pos < csv->size()) {
            size_t end = csv->find('\n', pos);
            if (end == std::string_view::npos) end = csv->size();
            std::string_view line = csv->substr(pos, end - pos);
            pos = end + 1;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (line.empty()) continue;
            if (header) {
                header = false;
                continue;
            }
            const size_t comma = line.find(',');
            if (comma == std::string_view::npos || comma == 0 || comma + 1 >= line.size())
                throw std::logic_error("data/supervision-opinion-fields.csv: a line is not \"key,label\"");
            out.keys.push_back(storage.emplace_back(line.substr(0, comma)));
            out.labels.push_back(storage.emplace_back(line.substr(comma + 1)));
        }
        return out;
    }();
    return fields;
}

}  // namespace

const std::vector<DocType>& all_types() {
    using enum IssuerKind;
    static const std::vector<DocType> kTypes = {
        // Disputes over duties (Art 6–8): the department's acceptance review and opinion.
        {"acceptance_notice",
         "受理通知书",
         kDepartment,
         false,
         "协受",
         Provision::kMeasuresArt8,
         {"applicant", "matter"},
         {"申请人", "争议事项"},
         "此件不公开"},
        {"rejection_notice",
         "不予受理通知书",
         kDepartment,
         false,
         "协不受",
         Provision::kMeasuresArt8,
         {"applicant", "matter", "reason"},
         {"申请人", "争议事项", "不予受理理由"},
         "此件不公开"},
        {"supplement_notice",
         "补正通知书",
         kDepartment,
         false,
         "协补",
         Provision::kMeasuresArt8,
         {"applicant", "missing_items"},
         {"申请人", "需补正材料"},
         "此件不公开"},
        {"dispute_opinion",
         "行政执法争议协调处理意见书",
         kDepartment,
         false,
         "协意",
         Provision::kMeasuresArt7,
         {"parties", "matter"},
         {"争议各方", "争议事项"},
         "此件不公开"},
        // Art 7, Art 14 ¶2: the department reports to the same-level government; internal.
        {"report_to_government",
         "呈报件",
         kDepartment,
         true,
         "执监呈",
         Provision::kMeasuresArt14,
         {"matter"},
         {"呈报事项"},
         "此件不公开"},
        // Art 14: supervision notice; Art 15: suggestion.
        {"supervision_notice",
         "行政执法监督通知书",
         kDepartment,
         false,
         "执监通",
         Provision::kMeasuresArt14,
         {"target_org", "correction_deadline"},
         {"被监督单位", "整改期限"},
         "此件不公开"},
        // Decree 825's 意见书: its own type; fields from configuration until its contents are verified.
        {"supervision_opinion", "行政执法监督意见书", kDepartment, false, "执监意", Provision::kDecree825,
         supervision_opinion_fields().keys, supervision_opinion_fields().labels, "此件不公开"},
        {"supervision_suggestion",
         "行政执法监督建议书",
         kDepartment,
         false,
         "执监建",
         Provision::kMeasuresArt15,
         {"target_org"},
         {"被建议单位"},
         "此件不公开"},
        // Art 19: interview and rectification.
        {"interview_notice",
         "约谈通知书",
         kDepartment,
         false,
         "执监约",
         Provision::kMeasuresArt19,
         {"interviewee", "interview_time", "interview_place"},
         {"约谈对象", "约谈时间", "约谈地点"},
         "此件不公开"},
        {"interview_record",
         "约谈记录",
         kDepartment,
         true,
         "执监谈",
         Provision::kMeasuresArt19,
         {"interviewee", "interview_time"},
         {"约谈对象", "约谈时间"},
         "此件不公开"},
        {"rectification_notice",
         "整改通知书",
         kDepartment,
         false,
         "执监改",
         Provision::kMeasuresArt19,
         {"target_org", "correction_deadline"},
         {"整改单位", "整改期限"},
         "此件不公开"},
        {"transfer_letter",
         "移送函",
         kDepartment,
         false,
         "执监移",
         Provision::kMeasuresArt11,
         {"receiving_org", "matter"},
         {"接收单位", "移送事项"},
         "此件不公开"},
        {"circular", "通报", kDepartment, false, "执监报", Provision::kMeasuresArt16, {}, {}, "此件公开发布"},
        // The GOVERNMENT's documents.
        {"supervision_decision",
         "行政执法监督决定书",
         kGovernment,
         false,
         "政监决",
         Provision::kMeasuresArt14,
         {"target_org", "decision_items"},
         {"被监督单位", "决定事项"},
         "此件不公开"},
        {"dispute_decision",
         "职责争议协调决定书",
         kGovernment,
         false,
         "政协决",
         Provision::kMeasuresArt7,
         {"parties", "matter"},
         {"争议各方", "争议事项"},
         "此件不公开"},
        {"commendation", "通报表扬", kGovernment, false, "政表", Provision::kMeasuresArt26, {}, {}, "此件公开发布"},
        {"social_supervisor_engagement",
         "社会监督员聘请决定",
         kGovernment,
         false,
         "政聘",
         Provision::kMeasuresArt17,
         {"term"},
         {"聘期"},
         "此件公开发布"},
    };
    return kTypes;
}

const DocType* find_type(std::string_view code) {
    for (const auto& t : all_types())
        if (t.code == code) return &t;
    return nullptr;
}

namespace {

std::string issuer_refusal(const DocType& t) {
    if (t.issuer == IssuerKind::kGovernment) return std::string(t.name) + "应由本级人民政府作出，由政府负责人签发";
    return std::string(t.name) + "应由本部门负责人签发";
}

}  // namespace

Result<void> check_issue(const DocType& t, const OrgFacts& issuer, const auth::Caller& who) {
    if (t.issuer == IssuerKind::kGovernment) {
        // Art 14 ¶2, Art 17, Art 26, Art 7: the government decides, under its own 文号 and key.
        if (issuer.kind != "government")
            return Error::forbidden(std::string(t.name) + "应由本级人民政府作出", cite(t.basis));
        if (!who.has_role("gov_leader") || who.org_id != issuer.id)
            return Error::forbidden(issuer_refusal(t), cite(t.basis));
        return ok();
    }
    if (issuer.kind != "supervision_dept")
        return Error::forbidden(std::string(t.name) + "应由行政执法协调监督部门出具", cite(t.basis));
    if (!who.has_role("dept_leader") || who.org_id != issuer.id)
        return Error::forbidden(issuer_refusal(t), cite(t.basis));
    return ok();
}

Result<void> check_draft(const DocType& t, const OrgFacts& issuer, const OrgFacts& caller_org,
                         const auth::Caller& who) {
    if (t.issuer == IssuerKind::kGovernment) {
        if (issuer.kind != "government")
            return Error::forbidden(std::string(t.name) + "应由本级人民政府作出", cite(t.basis));
        // The department prepares the government's document (报请本级人民政府).
        bool own_government = caller_org.id == issuer.id ||
                              (caller_org.kind == "supervision_dept" && caller_org.government_id == issuer.id);
        if (!own_government) return Error::forbidden("只能为本级人民政府起草" + std::string(t.name), cite(t.basis));
        return ok();
    }
    if (issuer.kind != "supervision_dept")
        return Error::forbidden(std::string(t.name) + "应由行政执法协调监督部门出具", cite(t.basis));
    if (caller_org.id != issuer.id) return Error::forbidden("只能以本部门名义起草文书", cite(t.basis));
    if (!who.has_role("supervisor") && !who.has_role("dept_leader"))
        return Error::forbidden("只有本部门执法监督人员可以起草文书", cite(t.basis));
    return ok();
}

Result<void> check_fields(const DocType& t, const std::vector<std::pair<std::string, std::string>>& fields) {
    for (size_t i = 0; i < t.required_fields.size(); ++i) {
        auto it = std::find_if(fields.begin(), fields.end(),
                               [&](const auto& kv) { return kv.first == t.required_fields[i]; });
        if (it == fields.end() || it->second.empty())
            return Error::validation("validation.required", "「" + std::string(t.field_labels[i]) + "」不能为空",
                                     "fields." + std::string(t.required_fields[i]));
    }
    return ok();
}

std::string default_prefix(std::string_view org_name, const DocType& t) {
    // The first UTF-8 code point of the name: 邢台市司法局 → 邢.
    size_t n = 0;
    if (!org_name.empty()) {
        auto c = static_cast<unsigned char>(org_name[0]);
        n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        n = std::min(n, org_name.size());
    }
    return std::string(org_name.substr(0, n)) + std::string(t.abbreviation);
}

std::string number_text(std::string_view prefix, int year, int64_t no) {
    return std::string(prefix) + "〔" + std::to_string(year) + "〕" + std::to_string(no) + "号";
}

}  // namespace lecs::docs
