// MatterService: Art 14 ¶2 — the 呈报件 to the handling department's own people's
// government, the government's decision with its items (the GOVERNMENT issues the
// 《行政执法监督决定书》), and closing.
#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/org/store.hpp"
#include "lecs/supervision/detail/support.hpp"
#include "lecs/supervision/service.hpp"

namespace lecs::supervision {

namespace json = boost::json;
namespace ev = matter_event;
using namespace detail;

namespace {

// As disputes do (coordination/service_outcome.cpp): the gov_leader has no doc.draft, but the
// decision document IS the record of the decision the table has just allowed
// (same_level_government); DocService still checks the caller belongs to the issuing government.
auth::Caller as_author(const auth::Caller& who) {
    auth::Caller c = who;
    if (!c.can("doc.draft")) {
        c.permissions.push_back("doc.draft");
        std::sort(c.permissions.begin(), c.permissions.end());
    }
    return c;
}

bool needs_due_date(std::string_view kind) { return kind == "order_performance" || kind == "order_correction"; }

Result<void> check_items(const std::vector<DecisionItem>& items, Date today) {
    if (items.empty())
        return Error::validation("validation.required", "监督决定至少包含一项决定事项", "items",
                                 cite(Provision::kMeasuresArt14));
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        if (!rules::find(rules::decision_item_kinds(), items[i].kind))
            return Error::validation("validation.wrong_value",
                                     "决定事项须为责令限期履行、责令补正或者改正、撤销、确认违法或确认无效",
                                     at + ".kind", cite(Provision::kMeasuresArt14));
        if (!has_text(items[i].content))
            return Error::validation("validation.required", "「决定内容」不能为空", at + ".content");
        if (needs_due_date(items[i].kind) && !items[i].due_on)
            return Error::validation("validation.required", "责令限期履行、责令补正或者改正的，须写明期限",
                                     at + ".due_on", cite(Provision::kMeasuresArt14));
        if (items[i].due_on && *items[i].due_on <= today)
            return Error::validation("decision.deadline_past", "期限须晚于今天", at + ".due_on");
    }
    return ok();
}

}  // namespace

Result<Matter> MatterService::report_to_government(db::Database& db, const auth::Caller& who, int64_t id,
                                                   const std::vector<std::string>& body, int64_t version,
                                                   int64_t now_ms) {
    // 1. Check, then draft (or reuse an issued one of an earlier try) the 呈报件.
    auto drafted = db.write([&](db::Tx& tx) -> Result<std::pair<int64_t, std::string>> {
        LECS_ASSIGN(Matter m, load_visible(tx, who, id));
        LECS_TRY(fire(tx, m, ev::kReportToGovernment, who, now_ms));
        if (m.version != version) return Error::stale_version();
        if (std::none_of(body.begin(), body.end(), [](const std::string& s) { return has_text(s); }))
            return Error::validation("validation.required", "「呈报事项」不能为空", "body");
        const MatterFacts f = facts_of(tx, m, who, now_ms);
        auto gov = f.government_id ? org::store::find_org(tx, f.government_id) : std::nullopt;
        if (!gov)
            return Error::conflict("matter.no_government", "未登记本部门的本级人民政府，不能呈报", "",
                                   cite(Provision::kMeasuresArt14));
        if (m.report_document_id) {
            // An earlier try's 呈报件: issued, only finish; a draft, issue it now (the body is the first try's).
            LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, *m.report_document_id));
            return std::make_pair(doc.id, doc.status);
        }
        const std::string target = org_name(tx, m.target_org_id);
        std::string intro = "本部门对" + target + m.subject + "开展行政执法监督，发现问题";
        if (m.correction_due) intro += "，已制发行政执法监督通知书责令其于" + m.correction_due->chinese() + "前改正";
        intro += m.status == matter_state::kRectificationFailed ? "，经复查整改未到位" : "，其逾期未改正";
        intro += "。依照" + cite(Provision::kMeasuresArt14) + "第二款的规定，现报请" + gov->name + "作出决定。";
        docs::DocumentInput in;
        in.doc_type = "report_to_government";
        in.issuer_org_id = m.handling_org_id;
        in.title = "关于提请对" + target + "作出行政执法监督决定的呈报件";
        in.recipients = {docs::Recipient{gov->name, gov->id}};
        in.body = paragraphs({intro}, body);
        in.fields = {{"matter", m.subject}};
        LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, who, in, now_ms));
        // Linked now, without a new version, so that a retry after a failed issue reuses this draft
        // instead of drafting (and numbering) a second 呈报件.
        if (store::link_report_document(tx, m.id, doc.id, version) != 1) return Error::stale_version();
        return std::make_pair(doc.id, doc.status);
    });
    if (!drafted.ok()) return drafted.take_error();
    const auto [doc_id, doc_status] = drafted.value();
    if (doc_status != "issued") {
        auto issued = docs_.issue(who, doc_id, now_ms);
        if (!issued.ok()) return issued.take_error();
    }
    return db.write([&](db::Tx& tx) -> Result<Matter> {
        LECS_ASSIGN(Matter m, load_visible(tx, who, id));
        LECS_ASSIGN(std::string to, fire(tx, m, ev::kReportToGovernment, who, now_ms));
        if (m.version != version) return Error::stale_version();
        const MatterFacts f = facts_of(tx, m, who, now_ms);
        const std::string before = matter_json(m);
        m.report_document_id = doc_id;
        workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kReportToGovernment), now_ms);
        // Reported as 逾期不改正 from rectifying: the agency can no longer report, its to-do goes.
        workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kSubmitReport), now_ms);
        workflow_.add_todo(tx,
                           matter_todo(m, "gov_leader", f.government_id, ev::kDecide,
                                       "作出行政执法监督决定：" + org_name(tx, m.target_org_id)),
                           now_ms);
        m.status = std::move(to);
        return commit(tx, who, std::move(m), before, version, "reported_to_government",
                      json::serialize(json::object{{"government_org_id", id_to_string(f.government_id)},
                                                   {"document_id", id_to_string(doc_id)}}),
                      now_ms);
    });
}

Result<Matter> MatterService::decide(db::Database& db, const auth::Caller& who, int64_t id, const DecisionInput& in,
                                     int64_t version, int64_t now_ms) {
    const auth::Caller author = as_author(who);
    // 1. Check, then draft the government's 决定书 (an unissued draft of an earlier try is replaced).
    auto drafted = db.write([&](db::Tx& tx) -> Result<std::pair<int64_t, std::string>> {
        LECS_ASSIGN(Matter m, load_visible(tx, who, id));
        LECS_TRY(fire(tx, m, ev::kDecide, who, now_ms));
        if (m.version != version) return Error::stale_version();
        LECS_TRY(check_items(in.items, shanghai_date(now_ms)));
        if (m.decision_document_id) {
            LECS_ASSIGN(docs::Document doc, docs_.get(tx, who, *m.decision_document_id));
            if (doc.status == "issued") return std::make_pair(doc.id, doc.status);
        }
        const MatterFacts f = facts_of(tx, m, who, now_ms);
        const std::string target = org_name(tx, m.target_org_id);
        std::vector<std::string> body{target + "：", org_name(tx, m.handling_org_id) + "报请本府对你单位" + m.subject +
                                                         "中存在的问题作出决定。经研究，依照" +
                                                         cite(Provision::kMeasuresArt14) + "第二款的规定，决定如下："};
        body = paragraphs(std::move(body), in.reasons);
        std::string items_text;
        for (size_t i = 0; i < in.items.size(); ++i) {
            const auto* k = rules::find(rules::decision_item_kinds(), in.items[i].kind);
            std::string line = std::to_string(i + 1) + "．" + std::string(k->label) + "：" + in.items[i].content;
            if (in.items[i].due_on) line += "（于" + in.items[i].due_on->chinese() + "前完成）";
            body.push_back(line);
            items_text += (items_text.empty() ? "" : "；") + std::string(k->label);
        }
        body.push_back("请你单位按期执行，并将执行情况书面报告" + org_name(tx, m.handling_org_id) + "。");
        docs::DocumentInput d;
        d.doc_type = "supervision_decision";
        d.issuer_org_id = f.government_id;
        d.title = "关于对" + target + "作出行政执法监督决定的决定书";
        d.recipients = {docs::Recipient{target, m.target_org_id}};
        d.body = std::move(body);
        d.fields = {{"target_org", target}, {"decision_items", items_text}};
        LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, author, d, now_ms));
        // Linked now, without a new version, so that a retry after a failed issue finds the draft.
        if (store::link_decision_document(tx, m.id, doc.id, version) != 1) return Error::stale_version();
        return std::make_pair(doc.id, doc.status);
    });
    if (!drafted.ok()) return drafted.take_error();
    const auto [doc_id, doc_status] = drafted.value();
    // 2. The government's leader issues it under the government's 文号 and key (Art 14 ¶2).
    if (doc_status != "issued") {
        auto issued = docs_.issue(who, doc_id, now_ms);
        if (!issued.ok()) return issued.take_error();
    }
    // 3. The items with their deadlines, the department's 送达 to-do, the transition.
    return db.write([&](db::Tx& tx) -> Result<Matter> {
        LECS_ASSIGN(Matter m, load_visible(tx, who, id));
        LECS_ASSIGN(std::string to, fire(tx, m, ev::kDecide, who, now_ms));
        if (m.version != version) return Error::stale_version();
        const Date today = shanghai_date(now_ms);
        std::vector<DecisionItem> items = in.items;
        for (auto& item : items) {
            if (!item.due_on) continue;
            workflow::DeadlineInput dl;
            dl.owner_kind = "matter";
            dl.owner_id = m.id;
            dl.name = "decision_" + item.kind;
            dl.owner = auth::Owner{m.region_code, m.handling_org_id};
            dl.start_event = "decided";
            dl.start_date = today;
            dl.days = static_cast<int>(item.due_on->days() - today.days());
            dl.unit = calendar::Unit::kCalendarDays;
            LECS_ASSIGN(int64_t deadline, deadlines_.create(tx, acting_for(who, m), dl, now_ms));
            item.deadline_id = deadline;
        }
        store::insert_decision_items(tx, m.id, items);
        // The correction period the notice set is over: the decision's own deadlines follow.
        for (const auto& d : tx.query("SELECT id FROM deadlines WHERE owner_kind = 'matter' AND owner_id = $1 AND "
                                      "name = 'correction' AND status = 'open'",
                                      {m.id}))
            LECS_TRY(deadlines_.cancel(tx, acting_for(who, m), d.i64(0), now_ms));
        const std::string before = matter_json(m);
        workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kDecide), now_ms);
        // The government's department delivers the government's documents (docs: 登记送达).
        workflow::TodoInput deliver;
        deliver.role = "supervisor";
        deliver.org_id = m.handling_org_id;
        deliver.region_code = m.region_code;
        deliver.object_kind = "document";
        deliver.object_id = doc_id;
        deliver.action = "deliver";
        deliver.title = "送达《行政执法监督决定书》：" + org_name(tx, m.target_org_id);
        workflow_.add_todo(tx, deliver, now_ms);
        m.status = std::move(to);
        json::array kinds;
        for (const auto& i : items) kinds.push_back(json::value(i.kind));
        return commit(tx, who, std::move(m), before, version, "decided",
                      json::serialize(json::object{{"document_id", id_to_string(doc_id)}, {"items", kinds}}), now_ms);
    });
}

Result<Matter> MatterService::record_fulfilment(db::Tx& tx, const auth::Caller& who, int64_t id, int ordinal,
                                                std::optional<Date> fulfilled_on, const std::string& note,
                                                int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kRecordFulfilment, who, now_ms));
    if (m.version != version) return Error::stale_version();
    const auto items = store::decision_items_of(tx, m.id);
    if (ordinal < 0 || static_cast<size_t>(ordinal) >= items.size())
        return Error::validation("matter.unknown_item", "没有这一项决定事项", "ordinal");
    const DecisionItem& item = items[static_cast<size_t>(ordinal)];
    if (item.fulfilled_on) return Error::conflict("matter.item_recorded", "该决定事项的执行情况已经记录", "ordinal");
    if (!fulfilled_on) return Error::validation("validation.required", "「执行日期」不能为空", "fulfilled_on");
    if (*fulfilled_on > shanghai_date(now_ms))
        return Error::validation("matter.future_date", "执行日期不能晚于今天", "fulfilled_on");
    if (!has_text(note))
        return Error::validation("validation.required", "「执行情况」不能为空", "note",
                                 cite(Provision::kMeasuresArt14));
    if (store::record_fulfilment(tx, m.id, ordinal, *fulfilled_on, note) != 1)
        return Error::conflict("matter.item_recorded", "该决定事项的执行情况已经记录", "ordinal");
    if (item.deadline_id) {
        const auth::Caller acting = acting_for(who, m);
        LECS_ASSIGN(auto view, deadlines_.get(tx, acting, *item.deadline_id, now_ms));
        if (view.deadline.status == "open")
            LECS_TRY(deadlines_.mark_met(tx, acting, *item.deadline_id, *fulfilled_on, now_ms));
    }
    const std::string before = matter_json(m);
    m.status = std::move(to);
    return commit(
        tx, who, std::move(m), before, version, "fulfilment_recorded",
        json::serialize(json::object{{"ordinal", ordinal}, {"kind", item.kind}, {"fulfilled_on", fulfilled_on->iso()}}),
        now_ms);
}

Result<Matter> MatterService::close(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kClose, who, now_ms));
    if (m.version != version) return Error::stale_version();
    const std::string before = matter_json(m);
    for (const auto& d :
         tx.query("SELECT id FROM deadlines WHERE owner_kind = 'matter' AND owner_id = $1 AND status = 'open'", {m.id}))
        LECS_TRY(deadlines_.cancel(tx, acting_for(who, m), d.i64(0), now_ms));
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, "closed", "{}", now_ms);
}

}  // namespace lecs::supervision
