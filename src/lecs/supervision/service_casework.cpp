// MatterService: the casework of an open matter — inspections (Art 13), case-file
// reviews, findings (Art 14 ¶1) — and the 《行政执法监督通知书》 with the agency's
// rectification report and the department's 复查.
#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/files/service.hpp"
#include "lecs/org/store.hpp"
#include "lecs/supervision/detail/support.hpp"
#include "lecs/supervision/service.hpp"

namespace lecs::supervision {

namespace json = boost::json;
namespace ev = matter_event;
using namespace detail;

namespace {

constexpr const char* kNoticeTitle = "行政执法监督通知书";

// The supervisors as Art 13 judges them: every certificate each holds, with its status history.
std::vector<rules::InspectorFacts> inspectors(db::Tx& tx, const std::vector<int64_t>& person_ids) {
    auth::DataScope all;
    all.whole_city = true;  // a system check of the certificates, not a read on the caller's behalf
    std::vector<rules::InspectorFacts> out;
    for (int64_t pid : person_ids) {
        rules::InspectorFacts f;
        f.person_id = pid;
        f.name = org::store::person_name(tx, pid).value_or("");
        org::store::CertificateFilter cf;
        cf.person_id = pid;
        for (auto& c : org::store::list_certificates(tx, cf, all)) {
            auto events = org::store::certificate_events(tx, c.id);
            f.certificates.push_back(rules::SupervisorCertificate{std::move(c), std::move(events)});
        }
        out.push_back(std::move(f));
    }
    return out;
}

json::object id_payload(const char* key, int64_t id) { return json::object{{key, id_to_string(id)}}; }

}  // namespace

Result<Matter> MatterService::record_inspection(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                const InspectionInput& in, int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kRecordInspection, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (!in.inspected_on) return Error::validation("validation.required", "「监督日期」不能为空", "inspected_on");
    if (*in.inspected_on > shanghai_date(now_ms))
        return Error::validation("inspection.future_date", "监督日期不能晚于今天", "inspected_on");
    if (!has_text(in.place)) return Error::validation("validation.required", "「监督地点」不能为空", "place");
    if (!has_text(in.record)) return Error::validation("validation.required", "「监督情况记录」不能为空", "record");
    for (size_t i = 0; i < in.supervisor_person_ids.size(); ++i) {
        const int64_t pid = in.supervisor_person_ids[i];
        if (std::none_of(m.team.begin(), m.team.end(), [&](const TeamMember& t) { return t.person_id == pid; }))
            return Error::validation("inspection.not_on_team", "参加现场监督的人员须为本事项监督组成员",
                                     "supervisors[" + std::to_string(i) + "]", cite(Provision::kMeasuresArt13));
    }
    // Art 13: ≥ 2 supervisors, each with a 行政执法监督证 valid on the inspection date, shown and recorded.
    const auto team = inspectors(tx, in.supervisor_person_ids);
    LECS_ASSIGN(std::vector<int64_t> shown, rules::check_inspection_team(team, *in.inspected_on));
    Inspection i;
    i.id = new_id();
    i.matter_id = m.id;
    i.inspected_on = *in.inspected_on;
    i.place = in.place;
    i.people_met = in.people_met;
    i.record = in.record;
    i.attachment_id = in.attachment_id;
    i.offline = in.offline;
    i.created_at = now_ms;
    i.created_by = who.user_id;
    for (size_t k = 0; k < team.size(); ++k) {
        auto cert = org::store::find_certificate(tx, shown[k]);
        i.supervisors.push_back(
            InspectionSupervisor{team[k].person_id, team[k].name, shown[k], cert ? cert->number : std::string()});
    }
    if (i.attachment_id && files_) {
        // The photo or scan of the inspection record, the supervisor's own upload, bound to the matter.
        auto bound = files_->bind(tx, who, *i.attachment_id, "matter", m.id, now_ms);
        if (!bound.ok()) {
            Error e = bound.take_error();
            e.field = "attachment_id";
            return e;
        }
    }
    store::insert_inspection(tx, i);
    const std::string before = matter_json(m);
    m.status = std::move(to);
    json::array names;
    for (const auto& s : i.supervisors) names.push_back(json::value(s.name + "（" + s.certificate_number + "）"));
    return commit(tx, who, std::move(m), before, version, "inspection_recorded",
                  json::serialize(json::object{{"inspection_id", id_to_string(i.id)},
                                               {"inspected_on", i.inspected_on.iso()},
                                               {"supervisors", std::move(names)}}),
                  now_ms);
}

Result<Matter> MatterService::record_file_review(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                 const std::string& case_no, const rules::ReviewInput& in,
                                                 int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kRecordFileReview, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (!has_text(case_no)) return Error::validation("validation.required", "「案卷编号」不能为空", "case_no");
    LECS_ASSIGN(rules::ReviewScore score, rules::score_file_review(checklist_, in));
    FileReview r{new_id(),    m.id,        case_no, in.legality_failures, in.found,
                 score.score, score.grade, now_ms,  who.user_id};
    store::insert_file_review(tx, r);
    const std::string before = matter_json(m);
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, "file_reviewed",
                  json::serialize(json::object{{"file_review_id", id_to_string(r.id)},
                                               {"case_no", case_no},
                                               {"score", score.score},
                                               {"grade", score.grade_label}}),
                  now_ms);
}

Result<Matter> MatterService::add_finding(db::Tx& tx, const auth::Caller& who, int64_t id, const FindingInput& in,
                                          int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kAddFinding, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (!rules::find(rules::finding_categories(), in.category))
        return Error::validation("validation.wrong_value",
                                 "「问题类别」须为不履行法定职责、不遵守行政执法制度、行为违法或行为不当", "category",
                                 cite(Provision::kMeasuresArt14));
    if (!has_text(in.facts)) return Error::validation("validation.required", "「问题事实」不能为空", "facts");
    if (!has_text(in.legal_basis))
        return Error::validation("validation.required", "「法律依据」不能为空", "legal_basis",
                                 cite(Provision::kMeasuresArt14));
    if (in.disposition != "on_spot" && in.disposition != "notice")
        return Error::validation("validation.wrong_value", "「处理方式」须为当场改正或制发监督通知书", "disposition",
                                 cite(Provision::kMeasuresArt14));
    if (in.disposition == "on_spot" && !has_text(in.on_spot_record))
        return Error::validation("validation.required", "当场改正的，须记录改正情况", "on_spot_record",
                                 cite(Provision::kMeasuresArt14));
    Finding f{new_id(),       m.id,           in.category,       in.facts, in.evidence,
              in.legal_basis, in.disposition, in.on_spot_record, now_ms,   who.user_id};
    store::insert_finding(tx, f);
    const std::string before = matter_json(m);
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, "finding_added",
                  json::serialize(json::object{
                      {"finding_id", id_to_string(f.id)}, {"category", f.category}, {"disposition", f.disposition}}),
                  now_ms);
}

Result<Matter> MatterService::propose_notice(db::Tx& tx, const auth::Caller& who, int64_t id, const NoticeInput& in,
                                             int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kProposeNotice, who, now_ms));
    if (m.version != version) return Error::stale_version();
    const Date today = shanghai_date(now_ms);
    if (!in.correction_due)
        return Error::validation("validation.required", "「整改期限」不能为空", "correction_due",
                                 cite(Provision::kMeasuresArt14));
    if (*in.correction_due <= today)
        return Error::validation("notice.deadline_past", "整改期限须晚于今天", "correction_due");
    if (in.correction_due->days() - today.days() > limits_.max_correction_days)
        return Error::validation("notice.deadline_too_far",
                                 "整改期限不得超过" + std::to_string(limits_.max_correction_days) + "日",
                                 "correction_due");
    const auto findings = store::findings_of(tx, m.id);
    const std::string target = org_name(tx, m.target_org_id);
    std::vector<std::string> body{target + "：", "本部门依照" + cite(Provision::kMeasuresArt14) + "对你单位" +
                                                     m.subject + "开展行政执法监督，发现以下问题："};
    int n = 0;
    for (const auto& f : findings) {
        if (f.disposition != "notice") continue;
        const auto* cat = rules::find(rules::finding_categories(), f.category);
        body.push_back(std::to_string(++n) + "．" + std::string(cat ? cat->label : "") + "：" + f.facts + "（依据：" +
                       f.legal_basis + "）");
    }
    body = paragraphs(std::move(body), in.requirements);
    body.push_back("请你单位于" + in.correction_due->chinese() +
                   "前改正，并将整改情况书面报告本部门。逾期不改正或者拒不改正的，本部门将依照" +
                   cite(Provision::kMeasuresArt14) + "第二款报请本级人民政府作出决定。");
    docs::DocumentInput d;
    d.doc_type = "supervision_notice";
    d.issuer_org_id = m.handling_org_id;
    d.title = "关于" + m.subject + "的行政执法监督通知书";
    d.recipients = {docs::Recipient{target, m.target_org_id}};
    d.body = std::move(body);
    d.fields = {{"target_org", target}, {"correction_deadline", in.correction_due->chinese()}};
    LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, who, d, now_ms));
    const std::string before = matter_json(m);
    m.notice_document_id = doc.id;
    m.correction_due = in.correction_due;
    // A returned notice left the supervisor a "修改" to-do: this proposal is it.
    workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kProposeNotice), now_ms);
    workflow_.add_todo(tx,
                       matter_todo(m, "dept_leader", m.handling_org_id, ev::kIssueNotice,
                                   "签发《" + std::string(kNoticeTitle) + "》：" + target),
                       now_ms);
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, "notice_proposed",
                  json::serialize(id_payload("document_id", doc.id)), now_ms);
}

Result<Matter> MatterService::return_notice(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                            int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kReturnNotice, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (!has_text(reason)) return Error::validation("validation.required", "「退回理由」不能为空", "reason");
    const std::string before = matter_json(m);
    const auto returned = m.notice_document_id;
    // The returned draft stays in the documents register, unissued; the next proposal drafts anew.
    m.notice_document_id.reset();
    m.correction_due.reset();
    workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kIssueNotice), now_ms);
    workflow_.add_todo(tx,
                       matter_todo(m, "supervisor", m.handling_org_id, ev::kProposeNotice,
                                   "修改《" + std::string(kNoticeTitle) + "》：" + reason),
                       now_ms);
    m.status = std::move(to);
    return commit(
        tx, who, std::move(m), before, version, "notice_returned",
        json::serialize(json::object{{"reason", reason}, {"document_id", returned ? id_to_string(*returned) : ""}}),
        now_ms);
}

Result<Matter> MatterService::issue_notice(db::Database& db, const auth::Caller& who, int64_t id, int64_t version,
                                           int64_t now_ms) {
    // 1. Check without writing.
    auto checked = db.read([&](db::Tx& tx) -> Result<std::pair<int64_t, std::string>> {
        LECS_ASSIGN(Matter m, load_visible(tx, who, id));
        LECS_TRY(fire(tx, m, ev::kIssueNotice, who, now_ms));
        if (m.version != version) return Error::stale_version();
        if (!m.notice_document_id) return Error::not_found();
        // Checked before the 文号 is taken: a notice left unsigned past its own deadline would order a
        // correction "before" a day already gone; the leader returns it for a new deadline.
        if (m.correction_due && *m.correction_due <= shanghai_date(now_ms))
            return Error::conflict(
                "notice.deadline_past",
                "通知书的整改期限（" + m.correction_due->chinese() + "）已届满，请退回重新拟定整改期限",
                "correction_due", cite(Provision::kMeasuresArt14));
        LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, *m.notice_document_id));
        return std::make_pair(doc.id, doc.status);
    });
    if (!checked.ok()) return checked.take_error();
    const auto [doc_id, doc_status] = checked.value();
    // 2. The 文号, PDF and signature, in DocService's transactions; a retry skips it.
    if (doc_status != "issued") {
        auto issued = docs_.issue(who, doc_id, now_ms);
        if (!issued.ok()) return issued.take_error();
    }
    // 3. The transition, the delivery to the target and its to-dos, together.
    return db.write([&](db::Tx& tx) -> Result<Matter> {
        LECS_ASSIGN(Matter m, load_visible(tx, who, id));
        LECS_ASSIGN(std::string to, fire(tx, m, ev::kIssueNotice, who, now_ms));
        if (m.version != version) return Error::stale_version();
        LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, doc_id));
        if (doc.status != "issued") return Error::conflict("doc.not_issued", "监督通知书尚未签发");
        const Date today = shanghai_date(now_ms);
        docs::DeliveryInput din;
        din.recipient_org_id = m.target_org_id;
        din.channel = "electronic";
        din.delivered_on = today;
        LECS_ASSIGN(docs::Delivery delivery, docs_.add_delivery(tx, who, doc_id, din, now_ms));
        // The correction period, on the working-day calendar's rules for calendar-day periods.
        workflow::DeadlineInput dl;
        dl.owner_kind = "matter";
        dl.owner_id = m.id;
        dl.name = "correction";
        dl.owner = auth::Owner{m.region_code, m.handling_org_id};
        dl.start_event = "notice_issued";
        dl.start_date = today;
        dl.days = static_cast<int>(m.correction_due->days() - today.days());
        dl.unit = calendar::Unit::kCalendarDays;
        LECS_ASSIGN(int64_t deadline, deadlines_.create(tx, acting_for(who, m), dl, now_ms));
        const std::string before = matter_json(m);
        workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kIssueNotice), now_ms);
        workflow::TodoInput receipt;
        receipt.role = "agency_liaison";
        receipt.org_id = m.target_org_id;
        receipt.region_code = m.region_code;
        receipt.object_kind = "delivery";
        receipt.object_id = delivery.id;
        receipt.action = "receipt";
        receipt.title = "签收《" + std::string(kNoticeTitle) + "》";
        workflow_.add_todo(tx, receipt, now_ms);
        workflow_.add_todo(tx,
                           matter_todo(m, "agency_liaison", m.target_org_id, ev::kSubmitReport,
                                       "报送整改情况：" + m.subject, deadline),
                           now_ms);
        m.status = std::move(to);
        return commit(tx, who, std::move(m), before, version, "notice_issued",
                      json::serialize(json::object{{"document_id", id_to_string(doc_id)},
                                                   {"number_text", doc.number_text.value_or("")},
                                                   {"delivery_id", id_to_string(delivery.id)},
                                                   {"deadline_id", id_to_string(deadline)}}),
                      now_ms);
    });
}

Result<Matter> MatterService::submit_report(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& content,
                                            std::optional<int64_t> attachment_id, int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kSubmitReport, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (!has_text(content))
        return Error::validation("validation.required", "「整改情况」不能为空", "content",
                                 cite(Provision::kMeasuresArt14));
    RectificationReport r;
    r.id = new_id();
    r.matter_id = m.id;
    r.content = content;
    r.attachment_id = attachment_id;
    r.submitted_at = now_ms;
    r.submitted_by = who.user_id;
    if (attachment_id && files_) {
        auto bound = files_->bind(tx, who, *attachment_id, "matter_report", r.id, now_ms);
        if (!bound.ok()) {
            Error e = bound.take_error();
            e.field = "attachment_id";
            return e;
        }
    }
    store::insert_report(tx, r);
    const std::string before = matter_json(m);
    workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kSubmitReport), now_ms);
    workflow_.add_todo(tx,
                       matter_todo(m, "supervisor", m.handling_org_id, ev::kVerifyPass,
                                   "复查整改情况：" + org_name(tx, m.target_org_id)),
                       now_ms);
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, "report_submitted",
                  json::serialize(id_payload("report_id", r.id)), now_ms);
}

Result<Matter> MatterService::verify(db::Tx& tx, const auth::Caller& who, int64_t id, bool passed,
                                     const std::string& reason, int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, passed ? ev::kVerifyPass : ev::kVerifyFail, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (!passed && !has_text(reason))
        return Error::validation("validation.required", "复查未通过的，须写明理由", "reason",
                                 cite(Provision::kMeasuresArt14));
    auto reports = store::reports_of(tx, m.id);
    if (reports.empty() || reports.back().verdict) return Error::not_found();
    RectificationReport r = reports.back();
    r.verdict = passed ? "passed" : "failed";
    r.verdict_reason = reason;
    r.verified_at = now_ms;
    r.verified_by = who.user_id;
    if (store::update_report_verdict(tx, r) != 1) return Error::stale_version();
    const std::string before = matter_json(m);
    workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kVerifyPass), now_ms);
    // The correction deadline is met once the report is accepted, or stays open (overdue) when it is not.
    if (passed) {
        for (const auto& d : tx.query("SELECT id FROM deadlines WHERE owner_kind = 'matter' AND owner_id = $1 AND "
                                      "name = 'correction' AND status = 'open'",
                                      {m.id}))
            LECS_TRY(deadlines_.mark_met(tx, acting_for(who, m), d.i64(0), shanghai_date(now_ms), now_ms));
    } else {
        workflow_.add_todo(tx,
                           matter_todo(m, "dept_leader", m.handling_org_id, ev::kReportToGovernment,
                                       "整改未到位，报请本级人民政府：" + m.subject),
                           now_ms);
    }
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, passed ? "verified_passed" : "verified_failed",
                  json::serialize(json::object{{"report_id", id_to_string(r.id)}, {"reason", reason}}), now_ms);
}

}  // namespace lecs::supervision
