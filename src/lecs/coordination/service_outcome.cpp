// DisputeService: the outcome of coordination (Art 6; REQUIREMENTS §4 step 4):
// the 行政执法争议协调处理意见书 (drafted, approved and issued, delivered to every
// party, closed once each has signed for it), or the 呈报件 to the same-level
// people's government and its decision designating the responsible agency.
#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/coordination/detail/service_support.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"

namespace lecs::coordination {

using namespace detail;

namespace {

namespace json = boost::json;
namespace ev = dispute_event;

constexpr const char* kOpinionTitle = "行政执法争议协调处理意见书";

std::string party_names(const Dispute& d) {
    std::string out;
    for (const auto& p : d.parties) out += (out.empty() ? "" : "、") + p.org_name;
    return out;
}

std::vector<docs::Recipient> party_recipients(const Dispute& d) {
    std::vector<docs::Recipient> out;
    for (const auto& p : d.parties) out.push_back(docs::Recipient{p.org_name, p.org_id});
    return out;
}

Result<void> check_paragraphs(const std::vector<std::string>& body, const char* label, const char* field) {
    if (std::none_of(body.begin(), body.end(), [](const std::string& s) { return has_text(s); }))
        return Error::validation("validation.required", std::string("「") + label + "」不能为空", field);
    return ok();
}

// Paragraphs with text only: an empty line is not a paragraph of an official document.
std::vector<std::string> paragraphs(std::vector<std::string> head, const std::vector<std::string>& body) {
    for (const auto& s : body)
        if (has_text(s)) head.push_back(s);
    return head;
}

// The gov_leader role signs documents but has no doc.draft: the department
// usually drafts what a government issues (docs/types.hpp check_draft). When
// the gov_leader decides a dispute, the 决定书 is the record of that very
// decision, which the dispute table has just allowed (same_level_government),
// so drafting it is part of the act; check_draft still requires the caller to
// belong to the issuing government. Nothing else is widened: the government's
// documents are still delivered by its department (docs lifecycle: 登记送达).
auth::Caller as_author(const auth::Caller& who) {
    auth::Caller c = who;
    if (!c.can("doc.draft")) {
        c.permissions.push_back("doc.draft");
        std::sort(c.permissions.begin(), c.permissions.end());
    }
    return c;
}

// Delivers an issued document to each organisation (electronic, today: the
// parties are on the platform and sign for it there).
Result<std::vector<docs::Delivery>> deliver_to(db::Tx& tx, docs::DocService& docs, const auth::Caller& who,
                                               int64_t document_id, const std::vector<int64_t>& orgs, Date today,
                                               int64_t now_ms) {
    std::vector<docs::Delivery> out;
    for (int64_t org : orgs) {
        docs::DeliveryInput in;
        in.recipient_org_id = org;
        in.channel = "electronic";
        in.delivered_on = today;
        LECS_ASSIGN(docs::Delivery v, docs.add_delivery(tx, who, document_id, in, now_ms));
        out.push_back(std::move(v));
    }
    return out;
}

json::array deliveries_json(const std::vector<docs::Delivery>& vs) {
    json::array out;
    for (const auto& v : vs)
        out.push_back(json::object{{"delivery_id", id_to_string(v.id)},
                                   {"org_id", id_to_string(v.recipient_org_id.value_or(0))}});
    return out;
}

// Each recipient agency's liaisons sign for the document (DocService::record_receipt completes it).
void receipt_todos(db::Tx& tx, workflow::WorkflowService& workflow, const Dispute& d,
                   const std::vector<docs::Delivery>& vs, const std::string& title, int64_t now_ms) {
    for (const auto& v : vs) {
        workflow::TodoInput t;
        t.role = "agency_liaison";
        t.org_id = v.recipient_org_id.value_or(0);
        t.region_code = d.region_code;
        t.object_kind = "delivery";
        t.object_id = v.id;
        t.action = "receipt";
        t.title = "签收《" + title + "》";
        workflow.add_todo(tx, t, now_ms);
    }
}

std::vector<int64_t> party_ids(const Dispute& d) {
    std::vector<int64_t> out;
    for (const auto& p : d.parties) out.push_back(p.org_id);
    return out;
}

}  // namespace

Result<Dispute> DisputeService::propose_opinion(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                const std::vector<std::string>& body, int64_t expected_version,
                                                int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kProposeOpinion, who, context_of(tx, d, f)));
    LECS_TRY(check_paragraphs(body, "协调处理意见", "body"));
    const std::string before = dispute_json(d);
    docs::DocumentInput in;
    in.doc_type = "dispute_opinion";
    in.issuer_org_id = *d.competent_org_id;
    in.title = kOpinionTitle;
    in.recipients = party_recipients(d);
    // Art 6: 经协调达成一致意见的，出具《行政执法争议协调处理意见书》.
    in.body = paragraphs({party_names(d) + "就" + d.focus + "存在行政执法职责争议。经本部门依照" +
                          cite(Provision::kMeasuresArt6) + "组织协调，各方达成一致意见如下："},
                         body);
    in.fields = {{"parties", party_names(d)}, {"matter", d.focus}};
    LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, who, in, now_ms));
    store::link_document(tx, d.id, doc.id, doc_purpose::kOpinion, now_ms);
    workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kProposeOpinion), now_ms);
    workflow_.add_todo(tx,
                       dispute_todo(d, "dept_leader", *d.competent_org_id, ev::kApproveOpinion,
                                    "审批《" + std::string(kOpinionTitle) + "》"),
                       now_ms);
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, "opinion_proposed",
                         json::serialize(json::object{{"document_id", id_to_string(doc.id)}}), now_ms);
}

Result<Dispute> DisputeService::return_opinion(db::Tx& tx, const auth::Caller& who, int64_t id,
                                               const std::string& reason, int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kReturnOpinion, who, context_of(tx, d, f)));
    if (!has_text(reason)) return Error::validation("validation.required", "「退回理由」不能为空", "reason");
    auto doc_id = store::document_for(tx, d.id, doc_purpose::kOpinion);
    if (!doc_id) return Error::not_found();
    const std::string before = dispute_json(d);
    // The returned draft stays with the dispute, for the record; the next proposal drafts anew.
    store::relabel_document(tx, d.id, *doc_id, doc_purpose::kOpinionReturned);
    workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kApproveOpinion), now_ms);
    workflow_.add_todo(tx,
                       dispute_todo(d, "supervisor", *d.competent_org_id, ev::kProposeOpinion,
                                    "修改《" + std::string(kOpinionTitle) + "》：" + reason),
                       now_ms);
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, "opinion_returned",
                         json::serialize(json::object{{"reason", reason}, {"document_id", id_to_string(*doc_id)}}),
                         now_ms);
}

Result<Dispute> DisputeService::approve_opinion(db::Database& db, const auth::Caller& who, int64_t id,
                                                int64_t expected_version, int64_t now_ms) {
    // 1. Everything the approval needs, without writing.
    auto checked = db.read([&](db::Tx& tx) -> Result<std::pair<int64_t, std::string>> {
        LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
        if (d.version != expected_version) return Error::stale_version();
        const DisputeFacts f = facts_of(tx, d);
        LECS_TRY(dispute_machine().fire(d.status, ev::kApproveOpinion, who, context_of(tx, d, f)));
        auto doc_id = store::document_for(tx, d.id, doc_purpose::kOpinion);
        if (!doc_id) return Error::not_found();
        LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, *doc_id));
        return std::make_pair(doc.id, doc.status);
    });
    if (!checked.ok()) return checked.take_error();
    const auto [doc_id, doc_status] = checked.value();
    // 2. The 文号, PDF and signature, in DocService's own transactions; a retry skips it.
    if (doc_status != "issued") {
        auto issued = docs_.issue(who, doc_id, now_ms);
        if (!issued.ok()) return issued.take_error();
    }
    // 3. The transition and the delivery to every party, together.
    return db.write([&](db::Tx& tx) -> Result<Dispute> {
        LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
        if (d.version != expected_version) return Error::stale_version();
        const DisputeFacts f = facts_of(tx, d);
        LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kApproveOpinion, who, context_of(tx, d, f)));
        LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, doc_id));
        if (doc.status != "issued") return Error::conflict("doc.not_issued", "协调处理意见书尚未签发");
        const Date today = shanghai_date(now_ms);
        const std::string before = dispute_json(d);
        LECS_ASSIGN(auto deliveries, deliver_to(tx, docs_, who, doc_id, party_ids(d), today, now_ms));
        // Art 6: the opinion ends the coordination period (REQUIREMENTS §18).
        if (d.coordination_deadline_id) {
            const auth::Caller acting = acting_for(who, d);
            LECS_ASSIGN(auto view, deadlines_.get(tx, acting, *d.coordination_deadline_id, now_ms));
            if (view.deadline.status == "open")
                LECS_TRY(deadlines_.mark_met(tx, acting, *d.coordination_deadline_id, today, now_ms));
        }
        workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kApproveOpinion), now_ms);
        receipt_todos(tx, workflow_, d, deliveries, kOpinionTitle, now_ms);
        d.status = std::move(to);
        json::object payload{{"document_id", id_to_string(doc_id)},
                             {"number_text", doc.number_text.value_or("")},
                             {"deliveries", deliveries_json(deliveries)}};
        return commit_change(tx, who, std::move(d), before, expected_version, "opinion_issued",
                             json::serialize(payload), now_ms);
    });
}

Result<Dispute> DisputeService::close(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t expected_version,
                                      int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    DisputeFacts f = facts_of(tx, d);
    // Every party has signed for the issued opinion (送达回证).
    if (auto doc_id = store::document_for(tx, d.id, doc_purpose::kOpinion)) {
        const auto deliveries = docs_.deliveries(tx, *doc_id);
        f.all_receipts_recorded = std::all_of(d.parties.begin(), d.parties.end(), [&](const DisputeParty& p) {
            return std::any_of(deliveries.begin(), deliveries.end(), [&](const docs::Delivery& v) {
                return v.recipient_org_id == p.org_id && v.received_on.has_value();
            });
        });
    }
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kClose, who, context_of(tx, d, f)));
    const std::string before = dispute_json(d);
    LECS_TRY(cancel_open_deadlines(tx, who, d, now_ms));
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, "closed", "{}", now_ms);
}

Result<Dispute> DisputeService::report_to_government(db::Database& db, const auth::Caller& who, int64_t id,
                                                     const std::vector<std::string>& body, int64_t expected_version,
                                                     int64_t now_ms) {
    // 1. Check, then draft (or rewrite an unissued draft of an earlier try) the 呈报件.
    auto drafted = db.write([&](db::Tx& tx) -> Result<std::pair<int64_t, std::string>> {
        LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
        if (d.version != expected_version) return Error::stale_version();
        const DisputeFacts f = facts_of(tx, d);
        LECS_TRY(dispute_machine().fire(d.status, ev::kReportToGovernment, who, context_of(tx, d, f)));
        LECS_TRY(check_paragraphs(body, "呈报事项", "body"));
        // Art 6: 报本级人民政府: the competent department's own government, never another level's.
        auto gov = f.competent_government_id ? org::store::find_org(tx, f.competent_government_id) : std::nullopt;
        if (!gov)
            return Error::conflict("dispute.no_government", "未登记本部门的本级人民政府，不能呈报", "",
                                   cite(Provision::kMeasuresArt6));
        docs::DocumentInput in;
        in.doc_type = "report_to_government";
        in.issuer_org_id = *d.competent_org_id;
        in.title = "关于提请决定" + d.focus + "职责争议的呈报件";
        in.recipients = {docs::Recipient{gov->name, gov->id}};
        std::string intro = party_names(d) + "就" + d.focus + "存在行政执法职责争议";
        if (d.filed_on) intro += "，于" + d.filed_on->chinese() + "提请本部门协调";
        if (d.accepted_on) intro += "。本部门于" + d.accepted_on->chinese() + "受理后组织协调";
        intro +=
            "，各方未能达成一致意见。依照" + cite(Provision::kMeasuresArt6) + "的规定，现报请" + gov->name + "决定。";
        in.body = paragraphs({intro}, body);
        in.fields = {{"matter", d.focus}};
        if (auto existing = store::document_for(tx, d.id, doc_purpose::kReport)) {
            LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, *existing));
            if (doc.status == "issued") return std::make_pair(doc.id, doc.status);
            LECS_ASSIGN(docs::Document updated, docs_.update_draft(tx, who, doc.id, in, doc.version, now_ms));
            return std::make_pair(updated.id, updated.status);
        }
        LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, who, in, now_ms));
        store::link_document(tx, d.id, doc.id, doc_purpose::kReport, now_ms);
        return std::make_pair(doc.id, doc.status);
    });
    if (!drafted.ok()) return drafted.take_error();
    const auto [doc_id, doc_status] = drafted.value();
    // 2. The dept_leader issues the department's 呈报件 (its own transactions).
    if (doc_status != "issued") {
        auto issued = docs_.issue(who, doc_id, now_ms);
        if (!issued.ok()) return issued.take_error();
    }
    // 3. The transition; the government's leaders now have it to decide.
    return db.write([&](db::Tx& tx) -> Result<Dispute> {
        LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
        if (d.version != expected_version) return Error::stale_version();
        const DisputeFacts f = facts_of(tx, d);
        LECS_ASSIGN(std::string to,
                    dispute_machine().fire(d.status, ev::kReportToGovernment, who, context_of(tx, d, f)));
        const Date today = shanghai_date(now_ms);
        const std::string before = dispute_json(d);
        if (d.coordination_deadline_id) {
            const auth::Caller acting = acting_for(who, d);
            LECS_ASSIGN(auto view, deadlines_.get(tx, acting, *d.coordination_deadline_id, now_ms));
            if (view.deadline.status == "open")
                LECS_TRY(deadlines_.mark_met(tx, acting, *d.coordination_deadline_id, today, now_ms));
        }
        workflow_.add_todo(
            tx,
            dispute_todo(d, "gov_leader", f.competent_government_id, ev::kDecide, "决定行政执法职责争议：" + d.focus),
            now_ms);
        d.status = std::move(to);
        json::object payload{{"government_org_id", id_to_string(f.competent_government_id)},
                             {"document_id", id_to_string(doc_id)}};
        return commit_change(tx, who, std::move(d), before, expected_version, "reported_to_government",
                             json::serialize(payload), now_ms);
    });
}

Result<Dispute> DisputeService::decide(db::Database& db, const auth::Caller& who, int64_t id, const DecisionInput& in,
                                       int64_t expected_version, int64_t now_ms) {
    const auth::Caller author = as_author(who);
    struct Drafted {
        int64_t doc_id = 0;
        std::string doc_status;
    };
    // 1. Check, then draft the government's 决定书 (or rewrite an unissued draft of an earlier try).
    auto drafted = db.write([&](db::Tx& tx) -> Result<Drafted> {
        LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
        if (d.version != expected_version) return Error::stale_version();
        const DisputeFacts f = facts_of(tx, d);
        LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kDecide, who, context_of(tx, d, f)));
        LECS_TRY(check_paragraphs(in.decision, "决定内容", "decision"));
        // The government designates the responsible agency: a party, or another 行政执法机关 of the
        // competent region (Art 7: a county government decides within its county).
        auto responsible = in.responsible_org_id > 0 ? org::store::find_org(tx, in.responsible_org_id) : std::nullopt;
        const bool is_party =
            responsible && std::any_of(d.parties.begin(), d.parties.end(),
                                       [&](const DisputeParty& p) { return p.org_id == responsible->id; });
        const std::string region =
            d.competent_level == std::optional<std::string>("city") ? d.region_code.substr(0, 4) : d.region_code;
        const bool in_region = responsible && responsible->status == "active" &&
                               org::rules::is_agency_kind(responsible->kind) &&
                               responsible->region_code.compare(0, region.size(), region) == 0;
        if (!is_party && !in_region)
            return Error::validation("dispute.responsible_invalid",
                                     "责任机关须为争议当事方或本行政区域内的行政执法机关", "responsible_org_id",
                                     cite(Provision::kMeasuresArt6));
        Drafted out;
        auto gov = org::store::find_org(tx, f.competent_government_id);
        if (!gov) return Error::not_found();
        docs::DocumentInput doc_in;
        doc_in.doc_type = "dispute_decision";
        doc_in.issuer_org_id = gov->id;
        doc_in.title = "关于" + d.focus + "职责争议的决定";
        doc_in.recipients = party_recipients(d);
        if (!is_party) doc_in.recipients.push_back(docs::Recipient{responsible->name, responsible->id});
        auto dept = org::store::find_org(tx, *d.competent_org_id);
        doc_in.body = paragraphs({party_names(d) + "就" + d.focus + "存在行政执法职责争议，经" +
                                  (dept ? dept->name : std::string("行政执法协调监督部门")) +
                                  "协调未能达成一致意见，报请本级人民政府决定。依照" + cite(Provision::kMeasuresArt6) +
                                  "的规定，决定如下："},
                                 in.decision);
        doc_in.body.push_back("指定" + responsible->name + "为该事项的责任机关，依法履行相应行政执法职责。");
        doc_in.fields = {{"parties", party_names(d)}, {"matter", d.focus}};
        if (auto existing = store::document_for(tx, d.id, doc_purpose::kDecision)) {
            LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, *existing));
            if (doc.status == "issued") {  // issued by an earlier try: only finish
                out.doc_id = doc.id;
                out.doc_status = doc.status;
                return out;
            }
            // The draft of a failed earlier try gives way to this one (the docs lifecycle lets
            // only department staff edit a draft); it stays linked, for the record.
            store::relabel_document(tx, d.id, doc.id, doc_purpose::kDecisionSuperseded);
        }
        LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, author, doc_in, now_ms));
        store::link_document(tx, d.id, doc.id, doc_purpose::kDecision, now_ms);
        out.doc_id = doc.id;
        out.doc_status = doc.status;
        return out;
    });
    if (!drafted.ok()) return drafted.take_error();
    const Drafted doc = drafted.value();
    // 2. The government's leader issues its decision under the government's 文号 and key.
    if (doc.doc_status != "issued") {
        auto issued = docs_.issue(who, doc.doc_id, now_ms);
        if (!issued.ok()) return issued.take_error();
    }
    // 3. The decision recorded, delivered, and the dispute closed, together.
    return db.write([&](db::Tx& tx) -> Result<Dispute> {
        LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
        if (d.version != expected_version) return Error::stale_version();
        const DisputeFacts f = facts_of(tx, d);
        LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kDecide, who, context_of(tx, d, f)));
        const Date today = shanghai_date(now_ms);
        const std::string before = dispute_json(d);
        std::string text;
        for (const auto& s : in.decision)
            if (has_text(s)) text += (text.empty() ? "" : "\n") + s;
        store::insert_decision(tx, DisputeDecision{d.id, f.competent_government_id, in.responsible_org_id, "", text,
                                                   today, who.user_id, doc.doc_id, now_ms});
        LECS_TRY(cancel_open_deadlines(tx, who, d, now_ms));
        workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kDecide), now_ms);
        // The government's department delivers the government's documents (docs: 登记送达 is
        // department staff's); the to-do is done once every addressee has a delivery.
        workflow::TodoInput deliver;
        deliver.role = "supervisor";
        deliver.org_id = *d.competent_org_id;
        deliver.region_code = d.region_code;
        deliver.object_kind = "document";
        deliver.object_id = doc.doc_id;
        deliver.action = "deliver";
        deliver.title = "送达《关于" + d.focus + "职责争议的决定》";
        workflow_.add_todo(tx, deliver, now_ms);
        d.status = std::move(to);
        json::object payload{{"responsible_org_id", id_to_string(in.responsible_org_id)},
                             {"government_org_id", id_to_string(f.competent_government_id)},
                             {"document_id", id_to_string(doc.doc_id)}};
        return commit_change(tx, who, std::move(d), before, expected_version, "decided", json::serialize(payload),
                             now_ms);
    });
}

}  // namespace lecs::coordination
