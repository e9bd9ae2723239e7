#include "lecs/coordination/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/coordination/application_rules.hpp"
#include "lecs/coordination/detail/service_support.hpp"
#include "lecs/coordination/dispute_table.hpp"
#include "lecs/org/model.hpp"
#include "lecs/org/store.hpp"

namespace lecs::coordination {
// Shared with the other service_*.cpp files (detail/service_support.hpp).
namespace detail {

namespace json = boost::json;

std::string dispute_json(const Dispute& d) {
    json::object o{{"id", id_to_string(d.id)},
                   {"status", d.status},
                   {"version", d.version},
                   {"region_code", d.region_code},
                   {"applicant_org_id", id_to_string(d.applicant_org_id)}};
    if (d.competent_org_id) o["competent_org_id"] = id_to_string(*d.competent_org_id);
    if (d.rule_code) o["rule_code"] = *d.rule_code;
    if (d.vertical_flag) o["vertical_flag"] = true;
    if (d.refusal_code) o["refusal_code"] = *d.refusal_code;
    if (!d.domain.empty()) o["domain"] = d.domain;
    if (d.concluded_on) o["concluded_on"] = d.concluded_on->iso();
    return json::serialize(o);
}

workflow::FireContext context_of(db::Tx& tx, const Dispute& d, const DisputeFacts& f) {
    workflow::FireContext ctx;
    ctx.tx = &tx;
    ctx.object_kind = "dispute";
    ctx.object_id = d.id;
    ctx.data = &f;
    return ctx;
}

// The competent department's people's government (Art 6: 报本级人民政府决定).
int64_t government_of(db::Tx& tx, std::optional<int64_t> org_id) {
    if (!org_id) return 0;
    auto o = org::store::find_org(tx, *org_id);
    return o && o->government_id ? *o->government_id : 0;
}

DisputeFacts facts_of(db::Tx& tx, const Dispute& d) {
    DisputeFacts f;
    f.applicant_org_id = d.applicant_org_id;
    for (const auto& p : d.parties) f.party_org_ids.push_back(p.org_id);
    f.competent_org_id = d.competent_org_id.value_or(0);
    f.competent_government_id = government_of(tx, d.competent_org_id);
    return f;
}

AgencyFacts agency_of(const org::Org& o) { return AgencyFacts{o.id, o.name, o.kind, o.level, o.region_code}; }

// Routing facts of one party: an entrusted body acts for its entrusting agency
// (行政处罚法第二十条), a dispatched body for the agency that set it up (parent);
// the chain is followed while the next body is itself one of those.
PartyFacts party_facts(db::Tx& tx, const org::Org& o) {
    PartyFacts p;
    p.org = agency_of(o);
    const org::Org* cur = &o;
    std::optional<org::Org> next;
    for (int depth = 0; depth < 8; ++depth) {  // a chain longer than this is a data error route() reports
        std::optional<int64_t> up;
        if (cur->kind == org::kind::kEntrusted)
            up = cur->entrusting_id;
        else if (cur->kind == org::kind::kDispatched)
            up = cur->parent_id;
        if (!up) break;
        next = org::store::find_org(tx, *up);
        if (!next) break;
        p.acts_for.push_back(agency_of(*next));
        cur = &*next;
    }
    return p;
}

// The registered 行政执法协调监督部门 of a region (130500 or a county's code).
std::optional<org::Org> department_of(db::Tx& tx, const std::string& region_code) {
    org::store::OrgFilter f;
    f.region = region_code;
    f.kind = org::kind::kSupervisionDept;
    f.status = "active";
    auth::DataScope all;
    all.whole_city = true;
    int64_t total = 0;
    for (auto& o : org::store::list_orgs(tx, f, all, org::store::Page{1, 100}, &total))
        if (o.region_code == region_code) return std::move(o);
    return std::nullopt;
}

// The deadlines belong to the dispute, in the competent department's scope.
// The service has already checked the caller may act on the dispute, so the
// deadline calls run with the caller's identity and that owner added to its scope.
auth::Caller acting_for(const auth::Caller& who, const Dispute& d) {
    auth::Caller c = who;
    if (d.competent_org_id) c.scope.org_ids.push_back(*d.competent_org_id);
    return c;
}

workflow::DeadlineInput deadline_of(const Dispute& d, const char* name, const char* start_event, Date start, int days) {
    workflow::DeadlineInput in;
    in.owner_kind = "dispute";
    in.owner_id = d.id;
    in.name = name;
    in.owner = auth::Owner{d.region_code, d.competent_org_id.value_or(0)};
    in.start_event = start_event;
    in.start_date = start;
    in.days = days;
    in.unit = calendar::Unit::kWorkingDays;
    return in;
}

}  // namespace detail

using namespace detail;

namespace {

namespace json = boost::json;
namespace ev = dispute_event;

bool same_party_set(const Dispute& d, const std::vector<DisputeParty>& ps) {
    std::set<int64_t> a, b;
    for (const auto& p : d.parties) a.insert(p.org_id);
    for (const auto& p : ps) b.insert(p.org_id);
    return a == b;
}

void apply(Dispute& d, const ApplicationInput& in, std::vector<DisputeParty> parties) {
    d.letter_attachment_id = in.letter_attachment_id;
    d.focus = in.focus;
    d.negotiation_date = in.negotiation_date;
    d.negotiation_participants = in.negotiation_participants;
    d.negotiation_outcome = in.negotiation_outcome;
    d.other_info = in.other_info;
    d.domain = in.domain;
    d.parties = std::move(parties);
}

// The parties of an application, the applicant (the caller's organisation) first.
Result<std::vector<DisputeParty>> resolve_parties(db::Tx& tx, const ApplicationInput& in, int64_t applicant_org_id) {
    std::vector<DisputeParty> out;
    bool applicant_found = false;
    std::set<int64_t> seen;
    for (size_t i = 0; i < in.parties.size(); ++i) {
        const auto& p = in.parties[i];
        const std::string field = "parties[" + std::to_string(i) + "].org_id";
        auto o = p.org_id > 0 ? org::store::find_org(tx, p.org_id) : std::nullopt;
        if (!o) return Error::validation("dispute.unknown_party", "当事方须为已登记的机构", field);
        if (!seen.insert(p.org_id).second)
            return Error::validation("dispute.same_party", o->name + "重复列为当事方", field,
                                     cite(Provision::kMeasuresArt6));
        DisputeParty dp;
        dp.org_id = o->id;
        dp.org_name = o->name;
        dp.position = p.position;
        dp.legal_basis = p.legal_basis;
        if (o->id == applicant_org_id) {
            applicant_found = true;
            dp.role = party_role::kApplicant;
            out.insert(out.begin(), std::move(dp));
        } else {
            dp.role = party_role::kRespondent;
            out.push_back(std::move(dp));
        }
    }
    if (!applicant_found)
        return Error::validation("dispute.applicant_not_party", "申请机关须是争议的一方：请将本机关列为当事方",
                                 "parties", cite(Provision::kMeasuresArt6));
    return out;
}

// "2026年11月27日", the filing date as a notice prints it.
std::string filed_text(const Dispute& d) { return d.filed_on ? d.filed_on->chinese() : std::string(); }

std::string refusal_label(std::string_view code) {
    if (code == refusal::kNotJurisdictionDispute) return "不属于行政执法职责争议";
    if (code == refusal::kNotNegotiated) return "未经协商";
    if (code == refusal::kNotCompetent) return "不属于本部门管辖";
    if (code == refusal::kOther) return "其他";
    return {};
}

}  // namespace

Result<Dispute> DisputeService::load_visible(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto d = store::find_dispute(tx, id);
    if (!d || who.anonymous() || !store::visible(*d, who.scope)) return Error::not_found();
    return std::move(*d);
}

Result<Dispute> DisputeService::commit_change(db::Tx& tx, const auth::Caller& who, Dispute d, const std::string& before,
                                              int64_t expected_version, const std::string& event_kind,
                                              const std::string& payload_json, int64_t now_ms) {
    d.updated_at = now_ms;
    d.updated_by = who.user_id;
    if (is_concluded(d.status) && !d.concluded_on) d.concluded_on = shanghai_date(now_ms);
    if (store::update_dispute(tx, d, expected_version) != 1) return Error::stale_version();
    d.version = expected_version + 1;
    store::insert_event(tx, DisputeEvent{new_id(), d.id, event_kind, now_ms, who.user_id, who.org_id, payload_json});
    audit_.append(tx, who,
                  {.action = "dispute." + event_kind,
                   .object_kind = "dispute",
                   .object_id = id_to_string(d.id),
                   .before_json = before,
                   .after_json = dispute_json(d)},
                  now_ms);
    return d;
}

Result<Dispute> DisputeService::create_draft(db::Tx& tx, const auth::Caller& who, const ApplicationInput& in,
                                             int64_t now_ms) {
    // The application is the agency's own act (Art 6, 8): its liaison files it.
    if (who.anonymous() || !who.has_role("agency_liaison"))
        return Error::forbidden("只有行政执法机关的联络员可以提请协调", cite(Provision::kMeasuresArt6));
    auto applicant = who.org_id > 0 ? org::store::find_org(tx, who.org_id) : std::nullopt;
    if (!applicant) return Error::forbidden("您的账号未关联机构，不能提请协调");
    LECS_ASSIGN(auto parties, resolve_parties(tx, in, applicant->id));
    Dispute d;
    d.id = new_id();
    d.status = std::string(dispute_state::kDraft);
    d.region_code = applicant->region_code;
    d.applicant_org_id = applicant->id;
    apply(d, in, std::move(parties));
    d.version = 1;
    d.created_at = d.updated_at = now_ms;
    d.created_by = d.updated_by = who.user_id;
    store::insert_dispute(tx, d);
    store::insert_event(tx, DisputeEvent{new_id(), d.id, "drafted", now_ms, who.user_id, who.org_id, "{}"});
    audit_.append(tx, who,
                  {.action = "dispute.drafted",
                   .object_kind = "dispute",
                   .object_id = id_to_string(d.id),
                   .after_json = dispute_json(d)},
                  now_ms);
    return d;
}

Result<Dispute> DisputeService::update_draft(db::Tx& tx, const auth::Caller& who, int64_t id,
                                             const ApplicationInput& in, int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_TRY(dispute_machine().fire(d.status, ev::kUpdate, who, context_of(tx, d, f)));
    LECS_ASSIGN(auto parties, resolve_parties(tx, in, d.applicant_org_id));
    const std::string before = dispute_json(d);
    apply(d, in, std::move(parties));
    store::replace_parties(tx, d.id, d.parties);
    return commit_change(tx, who, std::move(d), before, expected_version, "updated", "{}", now_ms);
}

Result<std::vector<Error>> DisputeService::check(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    return check_application(application_of(d), shanghai_date(now_ms));
}

Result<Routing> DisputeService::preview_routing(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    std::vector<PartyFacts> facts;
    for (const auto& p : d.parties) {
        auto o = org::store::find_org(tx, p.org_id);
        if (!o) return Error::not_found();
        facts.push_back(party_facts(tx, *o));
    }
    return route(facts);
}

Result<Dispute> DisputeService::submit(db::Tx& tx, const auth::Caller& who, int64_t id, const SubmitInput& in,
                                       int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != in.expected_version) return Error::stale_version();
    const Date today = shanghai_date(now_ms);
    DisputeFacts f = facts_of(tx, d);
    f.art8_problems = check_application(application_of(d), today);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kSubmit, who, context_of(tx, d, f)));

    // Art 7: computed, never chosen by hand.
    LECS_ASSIGN(Routing r, preview_routing(tx, who, id));
    if (r.outcome == outcome::kOutOfScope)
        return Error::validation("dispute.out_of_scope", r.reason, "parties", r.basis);
    if (r.vertical_flag && !in.confirm_vertical)
        return Error::validation("dispute.vertical_unconfirmed", r.vertical_note + "请确认后再提交。",
                                 "confirm_vertical", cite(Provision::kMeasuresArt27));
    auto dept = department_of(tx, r.competent_region_code);
    if (!dept)
        return Error::conflict("dispute.no_competent_department",
                               "尚未登记区划代码" + r.competent_region_code + "的行政执法协调监督部门，暂不能提交",
                               "parties", r.basis);
    LECS_TRY(bind_letter(tx, who, d, now_ms));  // the 公函 becomes the dispute's (service_letter.cpp)

    const std::string before = dispute_json(d);
    const int64_t expected = d.version;
    d.status = std::move(to);
    d.region_code = r.competent_region_code;
    d.competent_level = r.competent_level;
    d.competent_org_id = dept->id;
    d.rule_code = r.rule_code;
    d.routing_reason = r.reason;
    d.routing_basis = r.basis;
    d.vertical_flag = r.vertical_flag;
    d.vertical_note = r.vertical_note;
    if (r.vertical_flag) {
        d.vertical_confirmed_by = who.user_id;
        d.vertical_confirmed_at = now_ms;
    }
    d.filed_on = today;

    // The review clock starts on receipt; each other party is invited to state its position.
    const auth::Caller acting = acting_for(who, d);
    LECS_ASSIGN(int64_t review,
                deadlines_.create(
                    tx, acting, deadline_of(d, "completeness_review", "filed", today, procedure(tx).limits.review_days),
                    now_ms));
    d.review_deadline_id = review;
    // The competent department's supervisors have the review to do, by its deadline.
    workflow_.add_todo(tx, dispute_todo(d, "supervisor", dept->id, ev::kAccept, "受理审核：" + d.focus, review),
                       now_ms);
    json::array invited;
    for (auto& p : d.parties) {
        if (p.role != party_role::kRespondent) continue;
        LECS_ASSIGN(int64_t pid,
                    deadlines_.create(
                        tx, acting,
                        deadline_of(d, "party_position", "filed", today, procedure(tx).limits.position_days), now_ms));
        LECS_ASSIGN(auto view, deadlines_.get(tx, acting, pid, now_ms));
        p.position_deadline_id = pid;
        p.position_due_on = view.deadline.due_date;
        store::update_party_deadline(tx, d.id, p.org_id, view.deadline.due_date, pid);
        invited.push_back(json::object{{"org_id", id_to_string(p.org_id)}, {"due_on", view.deadline.due_date.iso()}});
    }
    json::object payload{{"rule_code", r.rule_code},
                         {"reason", r.reason},
                         {"basis", r.basis},
                         {"competent_org_id", id_to_string(dept->id)},
                         {"competent_level", r.competent_level},
                         {"vertical_flag", r.vertical_flag},
                         {"position_invited", std::move(invited)}};
    return commit_change(tx, who, std::move(d), before, expected, "filed", json::serialize(payload), now_ms);
}

Result<Dispute> DisputeService::get(db::Tx& tx, const auth::Caller& who, int64_t id) {
    return load_visible(tx, who, id);
}

store::DisputePage DisputeService::list(db::Tx& tx, const auth::Caller& who, const store::ListFilter& f) {
    if (who.anonymous()) return {};
    return store::list_disputes(tx, who.scope, f);
}

Result<std::vector<DisputeEvent>> DisputeService::timeline(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    return store::list_events(tx, d.id);
}

Result<Dispute> DisputeService::ask_supplement(db::Tx& tx, const auth::Caller& who, int64_t id,
                                               const std::string& reason, int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kAskSupplement, who, context_of(tx, d, f)));
    if (!has_text(reason)) return Error::validation("validation.required", "「补正事项」不能为空", "reason");
    const Date today = shanghai_date(now_ms);
    const std::string before = dispute_json(d);
    const auth::Caller acting = acting_for(who, d);
    // REQUIREMENTS §4: the review clock pauses until the supplement arrives. A
    // period starts counting the day after its start, so a 补正 asked on the
    // filing day pauses from the next day.
    Date pause_from = today;
    if (d.filed_on && pause_from <= *d.filed_on) pause_from = d.filed_on->plus_days(1);
    if (d.review_deadline_id)
        LECS_TRY(deadlines_.pause(tx, acting, *d.review_deadline_id, "要求补正：" + reason, pause_from, now_ms));
    LECS_ASSIGN(int64_t sid, deadlines_.create(tx, acting,
                                               deadline_of(d, "supplement", "supplement_requested", today,
                                                           procedure(tx).limits.supplement_days),
                                               now_ms));
    LECS_ASSIGN(auto view, deadlines_.get(tx, acting, sid, now_ms));
    // The 补正通知书 names what is missing and by when (REQUIREMENTS §17, §18).
    LECS_ASSIGN(
        int64_t notice,
        draft_notice(tx, who, d, "supplement_notice", doc_purpose::kSupplementNotice,
                     {"你单位于" + filed_text(d) + "提请协调的" + d.focus + "职责争议，经审核，申请材料不符合" +
                          cite(Provision::kMeasuresArt8) + "的规定，需补正以下事项：" + reason,
                      "请你单位于" + view.deadline.due_date.chinese() + "前补正。逾期未补正的，视为撤回协调申请。"},
                     {{"applicant", d.parties.front().org_name}, {"missing_items", reason}}, now_ms));
    d.status = std::move(to);
    d.supplement_deadline_id = sid;
    workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kAccept), now_ms);
    workflow_.add_todo(
        tx, dispute_todo(d, "agency_liaison", d.applicant_org_id, ev::kSupplement, "补正申请材料：" + reason, sid),
        now_ms);
    json::object payload{
        {"reason", reason}, {"supplement_due_on", view.deadline.due_date.iso()}, {"document_id", id_to_string(notice)}};
    return commit_change(tx, who, std::move(d), before, expected_version, "supplement_requested",
                         json::serialize(payload), now_ms);
}

Result<Dispute> DisputeService::supplement(db::Tx& tx, const auth::Caller& who, int64_t id, const ApplicationInput& in,
                                           const std::string& note, int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const Date today = shanghai_date(now_ms);
    const std::string before = dispute_json(d);
    const DisputeFacts plain = facts_of(tx, d);
    // The role, state and applicant come first, so a stranger learns nothing about the content rules.
    {
        DisputeFacts probe = plain;
        probe.art8_problems.clear();
        LECS_TRY(dispute_machine().fire(d.status, ev::kSupplement, who, context_of(tx, d, probe)));
    }
    LECS_ASSIGN(auto parties, resolve_parties(tx, in, d.applicant_org_id));
    // A change of parties changes the routing: that is a new application.
    if (!same_party_set(d, parties))
        return Error::validation("dispute.parties_changed", "补正不能变更争议当事方；如需变更，请撤回后重新申请",
                                 "parties");
    // Keep the position deadlines already set for each party.
    for (auto& p : parties)
        for (const auto& old : d.parties)
            if (old.org_id == p.org_id) {
                p.position_due_on = old.position_due_on;
                p.position_deadline_id = old.position_deadline_id;
            }
    apply(d, in, std::move(parties));
    DisputeFacts f = plain;
    f.art8_problems = check_application(application_of(d), today);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kSupplement, who, context_of(tx, d, f)));
    LECS_TRY(bind_letter(tx, who, d, now_ms));  // a new 公函 becomes the dispute's too
    store::replace_parties(tx, d.id, d.parties);

    const auth::Caller acting = acting_for(who, d);
    if (d.review_deadline_id) {
        LECS_ASSIGN(auto review, deadlines_.get(tx, acting, *d.review_deadline_id, now_ms));
        Date resume_on = today;
        for (const auto& p : review.deadline.pauses)
            if (!p.end && resume_on < p.start) resume_on = p.start;
        LECS_TRY(deadlines_.resume(tx, acting, *d.review_deadline_id, resume_on, now_ms));
    }
    if (d.supplement_deadline_id) LECS_TRY(deadlines_.mark_met(tx, acting, *d.supplement_deadline_id, today, now_ms));
    // Back to the review, whose clock resumed.
    workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kSupplement), now_ms);
    if (d.competent_org_id)
        workflow_.add_todo(tx,
                           dispute_todo(d, "supervisor", *d.competent_org_id, ev::kAccept, "受理审核：" + d.focus,
                                        d.review_deadline_id.value_or(0)),
                           now_ms);
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, "supplemented",
                         json::serialize(json::object{{"note", note}}), now_ms);
}

Result<Dispute> DisputeService::accept(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t expected_version,
                                       int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kAccept, who, context_of(tx, d, f)));
    const Date today = shanghai_date(now_ms);
    const std::string before = dispute_json(d);
    const auth::Caller acting = acting_for(who, d);
    if (d.review_deadline_id) LECS_TRY(deadlines_.mark_met(tx, acting, *d.review_deadline_id, today, now_ms));
    LECS_ASSIGN(int64_t cid,
                deadlines_.create(
                    tx, acting,
                    deadline_of(d, "coordination", "accepted", today, procedure(tx).limits.coordination_days), now_ms));
    LECS_ASSIGN(auto view, deadlines_.get(tx, acting, cid, now_ms));
    LECS_ASSIGN(
        int64_t notice,
        draft_notice(tx, who, d, "acceptance_notice", doc_purpose::kAcceptanceNotice,
                     {"你单位于" + filed_text(d) + "提请协调的" + d.focus + "职责争议，经审核，符合" +
                          cite(Provision::kMeasuresArt8) + "的规定，本部门决定予以受理。",
                      "本部门将依照" + cite(Provision::kMeasuresArt6) + "组织争议各方协调处理，请你单位予以配合。"},
                     {{"applicant", d.parties.front().org_name}, {"matter", d.focus}}, now_ms));
    d.status = std::move(to);
    d.accepted_on = today;
    d.coordination_deadline_id = cid;
    workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kAccept), now_ms);
    return commit_change(tx, who, std::move(d), before, expected_version, "accepted",
                         json::serialize(json::object{{"coordination_due_on", view.deadline.due_date.iso()},
                                                      {"document_id", id_to_string(notice)}}),
                         now_ms);
}

Result<Dispute> DisputeService::refuse(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& code,
                                       const std::string& reason, int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, ev::kRefuse, who, context_of(tx, d, f)));
    const std::string label = refusal_label(code);
    if (label.empty()) return Error::validation("dispute.refusal_code_invalid", "不予受理的理由类别不正确", "code");
    if (!has_text(reason)) return Error::validation("validation.required", "「不予受理理由」不能为空", "reason");
    const Date today = shanghai_date(now_ms);
    const std::string before = dispute_json(d);
    const auth::Caller acting = acting_for(who, d);
    if (d.review_deadline_id) LECS_TRY(deadlines_.mark_met(tx, acting, *d.review_deadline_id, today, now_ms));
    // Nobody owes a position on a refused application.
    for (const auto& p : d.parties) {
        if (!p.position_deadline_id) continue;
        LECS_ASSIGN(auto view, deadlines_.get(tx, acting, *p.position_deadline_id, now_ms));
        if (view.deadline.status == "open") LECS_TRY(deadlines_.cancel(tx, acting, *p.position_deadline_id, now_ms));
    }
    LECS_ASSIGN(int64_t notice,
                draft_notice(
                    tx, who, d, "rejection_notice", doc_purpose::kRejectionNotice,
                    {"你单位于" + filed_text(d) + "提请协调的" + d.focus + "职责争议，经审核，" + label + "：" +
                     reason + "。本部门决定不予受理。"},
                    {{"applicant", d.parties.front().org_name}, {"matter", d.focus}, {"reason", label + "：" + reason}},
                    now_ms));
    d.status = std::move(to);
    d.refusal_code = code;
    d.refusal_reason = reason;
    workflow_.complete_todos(tx, "dispute", d.id, std::string(ev::kAccept), now_ms);
    return commit_change(
        tx, who, std::move(d), before, expected_version, "refused",
        json::serialize(
            json::object{{"code", code}, {"label", label}, {"reason", reason}, {"document_id", id_to_string(notice)}}),
        now_ms);
}

}  // namespace lecs::coordination
