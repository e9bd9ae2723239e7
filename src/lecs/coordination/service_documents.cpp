// DisputeService: the review notices and the dispute's documents (issue 4 §3.2,
// REQUIREMENTS §4, §17), and the shared deadline clean-up.
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/coordination/detail/service_support.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/docs/types.hpp"

namespace lecs::coordination {

using namespace detail;

Result<int64_t> DisputeService::draft_notice(db::Tx& tx, const auth::Caller& who, const Dispute& d,
                                             const char* doc_type, const char* purpose, std::vector<std::string> body,
                                             std::vector<std::pair<std::string, std::string>> fields, int64_t now_ms) {
    const docs::DocType* t = docs::find_type(doc_type);
    if (!t || d.parties.empty() || !d.competent_org_id) return Error::not_found();
    const DisputeParty& applicant = d.parties.front();  // stored first
    docs::DocumentInput in;
    in.doc_type = doc_type;
    in.issuer_org_id = *d.competent_org_id;
    in.title = std::string(t->name);
    in.recipients = {docs::Recipient{applicant.org_name, applicant.org_id}};
    in.body = std::move(body);
    in.fields = std::move(fields);
    // The acting supervisor drafts for its department (check_draft); the dept_leader issues it.
    LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, who, in, now_ms));
    store::link_document(tx, d.id, doc.id, purpose, now_ms);
    workflow::TodoInput todo;
    todo.role = "dept_leader";
    todo.org_id = *d.competent_org_id;
    todo.region_code = d.region_code;
    todo.object_kind = "document";
    todo.object_id = doc.id;
    todo.action = "issue";
    todo.title = "签发《" + std::string(t->name) + "》";
    workflow_.add_todo(tx, todo, now_ms);
    return doc.id;
}

namespace detail {

workflow::TodoInput dispute_todo(const Dispute& d, const char* role, int64_t org_id, std::string_view action,
                                 std::string title, int64_t deadline_id) {
    workflow::TodoInput t;
    t.role = role;
    t.org_id = org_id;
    t.region_code = d.region_code;
    t.object_kind = "dispute";
    t.object_id = d.id;
    t.action = std::string(action);
    t.title = std::move(title);
    t.deadline_id = deadline_id;
    return t;
}

}  // namespace detail

Result<void> DisputeService::cancel_open_deadlines(db::Tx& tx, const auth::Caller& who, const Dispute& d,
                                                   int64_t now_ms) {
    const auth::Caller acting = acting_for(who, d);
    std::vector<int64_t> ids;
    for (auto id : {d.review_deadline_id, d.supplement_deadline_id, d.coordination_deadline_id})
        if (id) ids.push_back(*id);
    for (const auto& p : d.parties)
        if (p.position_deadline_id) ids.push_back(*p.position_deadline_id);
    for (int64_t id : ids) {
        LECS_ASSIGN(auto view, deadlines_.get(tx, acting, id, now_ms));
        if (view.deadline.status == "open") LECS_TRY(deadlines_.cancel(tx, acting, id, now_ms));
    }
    return ok();
}

Result<std::vector<DisputeDocument>> DisputeService::documents(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    return store::documents_of(tx, d.id);
}

Result<std::optional<DisputeDecision>> DisputeService::decision(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    return store::find_decision(tx, d.id);
}

}  // namespace lecs::coordination
