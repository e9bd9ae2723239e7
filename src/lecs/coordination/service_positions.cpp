// DisputeService: withdrawal (撤回, 逾期未补正) and the parties' written positions
// (REQUIREMENTS §4, §18; dispute_table.hpp).
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/coordination/detail/service_support.hpp"
#include "lecs/coordination/service.hpp"

namespace lecs::coordination {

using namespace detail;

namespace {
namespace json = boost::json;
namespace ev = dispute_event;
}  // namespace

Result<Dispute> DisputeService::withdraw(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                         int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kWithdraw, who, context_of(tx, d, f)));
    const std::string before = dispute_json(d);
    // A withdrawn application owes nothing more: no review, no 补正, no position.
    LECS_TRY(cancel_open_deadlines(tx, who, d, now_ms));
    for (auto action : {ev::kAccept, ev::kSupplement})
        workflow_.complete_todos(tx, "dispute", d.id, std::string(action), now_ms);
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, "withdrawn",
                         json::serialize(json::object{{"reason", reason}}), now_ms);
}

Result<Dispute> DisputeService::treat_as_withdrawn(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                   int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kSupplementLapsed, who, context_of(tx, d, f)));
    // REQUIREMENTS §18: only an unanswered 补正 whose period has run out counts as withdrawn.
    if (!d.supplement_deadline_id) return Error::not_found();
    LECS_ASSIGN(auto sup, deadlines_.get(tx, acting_for(who, d), *d.supplement_deadline_id, now_ms));
    if (!sup.state.overdue)
        return Error::conflict("dispute.supplement_not_overdue",
                               "补正期限至" + sup.deadline.due_date.chinese() + "届满，期限届满前不能按撤回处理");
    const std::string before = dispute_json(d);
    LECS_TRY(cancel_open_deadlines(tx, who, d, now_ms));
    workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kSupplement), now_ms);
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, "supplement_lapsed",
                         json::serialize(json::object{{"supplement_due_on", sup.deadline.due_date.iso()}}), now_ms);
}

Result<Dispute> DisputeService::file_position(db::Tx& tx, const auth::Caller& who, int64_t id, const PositionInput& in,
                                              int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kFilePosition, who, context_of(tx, d, f)));
    // Art 8 (三): a position is stated with its legal basis.
    if (!has_text(in.position)) return Error::validation("validation.required", "「本方观点」不能为空", "position");
    if (in.legal_basis.empty())
        return Error::validation("validation.required", "「法律依据」不能为空", "legal_basis",
                                 cite(Provision::kMeasuresArt8));
    for (size_t i = 0; i < in.legal_basis.size(); ++i) {
        const std::string field = "legal_basis[" + std::to_string(i) + "]";
        if (!has_text(in.legal_basis[i].law))
            return Error::validation("validation.required", "「法律、法规、规章名称」不能为空", field + ".law");
        if (!has_text(in.legal_basis[i].article))
            return Error::validation("validation.required", "「条款」不能为空", field + ".article");
    }
    const std::string before = dispute_json(d);
    const Date today = shanghai_date(now_ms);
    DisputeParty* party = nullptr;
    for (auto& p : d.parties)
        if (p.org_id == who.org_id) party = &p;
    if (!party) return Error::not_found();  // the guard saw it among the parties
    if (party->position_deadline_id) {
        const auth::Caller acting = acting_for(who, d);
        LECS_ASSIGN(auto view, deadlines_.get(tx, acting, *party->position_deadline_id, now_ms));
        if (view.deadline.status == "open")
            LECS_TRY(deadlines_.mark_met(tx, acting, *party->position_deadline_id, today, now_ms));
    }
    party->position = in.position;
    party->legal_basis = in.legal_basis;
    store::update_party_position(tx, d.id, party->org_id, in.position, in.legal_basis);
    json::array basis;
    for (const auto& b : in.legal_basis) basis.push_back(json::object{{"law", b.law}, {"article", b.article}});
    json::object payload{{"org_id", id_to_string(who.org_id)}, {"position", in.position}, {"legal_basis", basis}};
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, "position_filed", json::serialize(payload),
                         now_ms);
}

}  // namespace lecs::coordination
