// MatterService: plans, matters, their team and competence, the timeline and
// what the caller may do, and the township rooms' clues.
#include "lecs/supervision/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/files/service.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"
#include "lecs/supervision/detail/support.hpp"

namespace lecs::supervision {

namespace json = boost::json;
namespace ev = matter_event;
using namespace detail;

namespace detail {

bool has_text(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; });
}

std::string matter_json(const Matter& m) {
    json::object o{{"id", id_to_string(m.id)},
                   {"status", m.status},
                   {"version", m.version},
                   {"region_code", m.region_code},
                   {"handling_org_id", id_to_string(m.handling_org_id)},
                   {"target_org_id", id_to_string(m.target_org_id)},
                   {"source", m.source}};
    if (m.upper_reason) o["upper_reason"] = *m.upper_reason;
    if (m.correction_due) o["correction_due"] = m.correction_due->iso();
    if (m.tracked) o["tracked"] = true;
    json::array team;
    for (const auto& t : m.team) team.push_back(json::value(id_to_string(t.person_id)));
    o["team"] = std::move(team);
    return json::serialize(o);
}

Result<org::Org> department_of(db::Tx& tx, const auth::Caller& who, Provision basis) {
    auto dept = who.org_id > 0 ? org::store::find_org(tx, who.org_id) : std::nullopt;
    if (!dept || dept->kind != org::kind::kSupervisionDept)
        return Error::forbidden("只有行政执法协调监督部门的人员可以办理行政执法监督事项", cite(basis));
    return std::move(*dept);
}

workflow::TodoInput matter_todo(const Matter& m, const char* role, int64_t org_id, std::string_view action,
                                std::string title, int64_t deadline_id) {
    workflow::TodoInput t;
    t.role = role;
    t.org_id = org_id;
    t.region_code = m.region_code;
    t.object_kind = "matter";
    t.object_id = m.id;
    t.action = std::string(action);
    t.title = std::move(title);
    t.deadline_id = deadline_id;
    return t;
}

auth::Caller acting_for(const auth::Caller& who, const Matter& m) {
    auth::Caller c = who;
    c.scope.org_ids.push_back(m.handling_org_id);
    c.scope.org_ids.push_back(m.target_org_id);
    return c;
}

std::vector<std::string> paragraphs(std::vector<std::string> head, const std::vector<std::string>& body) {
    for (const auto& s : body)
        if (has_text(s)) head.push_back(s);
    return head;
}

std::string org_name(db::Tx& tx, int64_t id) {
    auto o = org::store::find_org(tx, id);
    return o ? o->name : std::string();
}

}  // namespace detail

namespace {

rules::TargetFacts target_facts(const org::Org& o) { return rules::TargetFacts{o.id, o.name, o.region_code}; }

// The target of supervision: a registered, active 行政执法机关 (Art 27), not a coordination body.
Result<org::Org> target_of(db::Tx& tx, int64_t id, const std::string& field) {
    auto o = id > 0 ? org::store::find_org(tx, id) : std::nullopt;
    if (!o || o->status != "active")
        return Error::validation("matter.unknown_target", "被监督单位须为已登记的行政执法机关", field);
    if (!org::rules::is_agency_kind(o->kind) && o->kind != "government")
        return Error::validation("matter.target_not_agency", o->name + "不是行政执法机关，不能作为被监督单位", field,
                                 cite(Provision::kMeasuresArt11));
    return std::move(*o);
}

// What the caller reads of matters: its data scope and its own organisation. store::visible matches
// a team member's organisation among scope.org_ids (Art 18: lower-level staff on an upper matter,
// cross supervision), but a department's scope is its region only (org::rules::compute_scope), so
// without its own organisation a member's department would never see the matter it works on.
auth::DataScope reach_of(const auth::Caller& who) {
    auth::DataScope s = who.scope;
    if (who.org_id > 0 && std::find(s.org_ids.begin(), s.org_ids.end(), who.org_id) == s.org_ids.end())
        s.org_ids.push_back(who.org_id);
    return s;
}

Result<void> check_codes(const std::vector<std::string>& codes, std::span<const rules::Named> vocab, const char* field,
                         const char* label, bool required) {
    if (required && codes.empty())
        return Error::validation("validation.required", std::string("请至少选择一项「") + label + "」", field,
                                 cite(Provision::kMeasuresArt11));
    std::set<std::string> seen;
    for (size_t i = 0; i < codes.size(); ++i) {
        if (!rules::find(vocab, codes[i]) || !seen.insert(codes[i]).second)
            return Error::validation("validation.wrong_value", std::string("「") + label + "」的选项不正确",
                                     std::string(field) + "[" + std::to_string(i) + "]");
    }
    return ok();
}

}  // namespace

Result<Matter> MatterService::load_visible(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto m = store::find_matter(tx, id);
    if (!m || who.anonymous() || !store::visible(*m, reach_of(who))) return Error::not_found();
    return std::move(*m);
}

MatterFacts MatterService::facts_of(db::Tx& tx, const Matter& m, const auth::Caller& who, int64_t now_ms) {
    MatterFacts f;
    f.handling_org_id = m.handling_org_id;
    f.target_org_id = m.target_org_id;
    if (auto dept = org::store::find_org(tx, m.handling_org_id); dept && dept->government_id)
        f.government_id = *dept->government_id;
    if (auto mine = who.org_id > 0 ? org::store::find_org(tx, who.org_id) : std::nullopt;
        mine && mine->kind == org::kind::kSupervisionDept && mine->id != m.handling_org_id) {
        // Only the city's department is above another here (Art 3 ¶2: 市 over 县（市、区）).
        f.caller_is_upper = org::rules::region_level(mine->region_code) == std::optional<std::string>("city") &&
                            m.region_code != mine->region_code;
    }
    if (m.status == matter_state::kOpen) {
        const auto findings = store::findings_of(tx, m.id);
        f.has_notice_findings =
            std::any_of(findings.begin(), findings.end(), [](const Finding& x) { return x.disposition == "notice"; });
    }
    f.correction_overdue = m.correction_due && shanghai_date(now_ms) > *m.correction_due;
    if (m.status == matter_state::kRectifying) {
        // 逾期 as the correction deadline counts it, as disputes judge their 补正: a last day on a rest
        // day ends on the next working day (REQUIREMENTS §18), and an extension granted on it counts.
        for (const auto& r : tx.query("SELECT id FROM deadlines WHERE owner_kind = 'matter' AND owner_id = $1 AND "
                                      "name = 'correction' AND status = 'open' ORDER BY created_at DESC, id DESC",
                                      {m.id})) {
            if (auto d = deadlines_.get(tx, acting_for(who, m), r.i64(0), now_ms); d.ok())
                f.correction_overdue = d->state.overdue;
            break;
        }
    }
    if (m.status == matter_state::kDecided) {
        const auto items = store::decision_items_of(tx, m.id);
        f.items_fulfilled =
            std::all_of(items.begin(), items.end(), [](const DecisionItem& i) { return !i.due_on || i.fulfilled_on; });
    }
    if (m.status == matter_state::kDecided && m.decision_document_id) {
        const auto ds = docs_.deliveries(tx, *m.decision_document_id);
        f.decision_received = std::any_of(ds.begin(), ds.end(), [&](const docs::Delivery& d) {
            return d.recipient_org_id == m.target_org_id && d.received_on.has_value();
        });
    }
    return f;
}

Result<std::string> MatterService::fire(db::Tx& tx, const Matter& m, std::string_view event, const auth::Caller& who,
                                        int64_t now_ms) {
    const MatterFacts f = facts_of(tx, m, who, now_ms);
    workflow::FireContext ctx;
    ctx.tx = &tx;
    ctx.object_kind = "matter";
    ctx.object_id = m.id;
    ctx.data = &f;
    return matter_machine().fire(m.status, event, who, ctx);
}

std::vector<std::string> MatterService::actions(db::Tx& tx, const auth::Caller& who, const Matter& m, int64_t now_ms) {
    MatterFacts f = facts_of(tx, m, who, now_ms);
    // Content checks answer when fired (the button stays, the refusal explains).
    f.has_notice_findings = m.status == matter_state::kOpen ? true : f.has_notice_findings;
    f.decision_received = true;
    f.items_fulfilled = true;
    workflow::FireContext ctx;
    ctx.tx = &tx;
    ctx.object_kind = "matter";
    ctx.object_id = m.id;
    ctx.data = static_cast<const MatterFacts*>(&f);
    std::vector<std::string> out;
    const auto& sm = matter_machine();
    for (const auto& e : sm.allowed_events(m.status, who.roles)) {
        if (e == ev::kClose && m.status == matter_state::kOpen) {
            // close from open needs no notice finding: judge it with the real facts.
            MatterFacts real = facts_of(tx, m, who, now_ms);
            workflow::FireContext c2 = ctx;
            c2.data = static_cast<const MatterFacts*>(&real);
            if (sm.fire(m.status, e, who, c2).ok()) out.push_back(e);
            continue;
        }
        if (sm.fire(m.status, e, who, ctx).ok()) out.push_back(e);
    }
    return out;
}

Result<Matter> MatterService::commit(db::Tx& tx, const auth::Caller& who, Matter m, const std::string& before,
                                     int64_t expected_version, const std::string& event_kind,
                                     const std::string& payload_json, int64_t now_ms) {
    m.updated_at = now_ms;
    m.updated_by = who.user_id;
    if (is_concluded(m.status) && !m.concluded_on) m.concluded_on = shanghai_date(now_ms);
    if (store::update_matter(tx, m, expected_version) != 1) return Error::stale_version();
    m.version = expected_version + 1;
    store::insert_event(tx, MatterEvent{new_id(), m.id, event_kind, now_ms, who.user_id, payload_json});
    audit_.append(tx, who,
                  {.action = "matter." + event_kind,
                   .object_kind = "matter",
                   .object_id = id_to_string(m.id),
                   .before_json = before,
                   .after_json = matter_json(m)},
                  now_ms);
    return m;
}

Result<TeamMember> MatterService::member_for(db::Tx& tx, int64_t person_id, const Matter& m, const std::string& role) {
    auto p = person_id > 0 ? org::store::find_person(tx, person_id) : std::nullopt;
    if (!p) return Error::validation("team.unknown_person", "监督人员须为已登记的人员", "person_id");
    auto o = org::store::find_org(tx, p->org_id);
    if (!o || (o->kind != org::kind::kSupervisionDept && o->kind != org::kind::kSupervisionRoom))
        return Error::validation("team.not_supervisor", p->name + "不是行政执法协调监督机构的人员，不能参加监督",
                                 "person_id", cite(Provision::kMeasuresArt13));
    auto target = org::store::find_org(tx, m.target_org_id);
    auto avoid = rules::check_avoidance(rules::MemberFacts{p->id, p->name, o->id, o->region_code},
                                        target_facts(*target), m.source == "cross_supervision");
    if (!avoid.ok()) {
        Error e = avoid.take_error();
        e.field = "person_id";  // the callers name the list position where there is one
        return e;
    }
    return TeamMember{p->id, p->name, o->id, role};
}

// ---- plans ----

Result<std::pair<Plan, std::vector<int64_t>>> MatterService::create_plan(db::Tx& tx, const auth::Caller& who,
                                                                         const PlanInput& in, int64_t now_ms) {
    LECS_ASSIGN(org::Org dept, department_of(tx, who, Provision::kMeasuresArt12));
    if (!rules::find(rules::supervision_modes(), in.kind))
        return Error::validation("validation.wrong_value", "「监督方式」须为日常监督、专项监督或巡查监督", "kind",
                                 cite(Provision::kMeasuresArt12));
    if (!has_text(in.title)) return Error::validation("validation.required", "「计划名称」不能为空", "title");
    if (!in.period_start) return Error::validation("validation.required", "「开始日期」不能为空", "period_start");
    if (!in.period_end) return Error::validation("validation.required", "「结束日期」不能为空", "period_end");
    if (*in.period_end < *in.period_start)
        return Error::validation("plan.period_invalid", "结束日期不能早于开始日期", "period_end");
    if (in.kind == "special" && !has_text(in.theme))
        return Error::validation("validation.required", "专项监督须写明「专项主题」", "theme",
                                 cite(Provision::kMeasuresArt12));
    LECS_TRY(check_codes(in.categories, rules::content_categories(), "categories", "监督内容", true));
    if (in.target_org_ids.empty())
        return Error::validation("validation.required", "请至少选择一个被监督单位", "target_org_ids");
    Plan p;
    p.id = new_id();
    p.kind = in.kind;
    p.title = in.title;
    p.theme = in.theme;
    p.scope_text = in.scope_text;
    p.period_start = *in.period_start;
    p.period_end = *in.period_end;
    p.org_id = dept.id;
    p.region_code = dept.region_code;
    p.categories = in.categories;
    p.target_org_ids = in.target_org_ids;
    p.created_at = p.updated_at = now_ms;
    p.created_by = who.user_id;
    store::insert_plan(tx, p);
    std::vector<int64_t> matters;
    std::set<int64_t> seen;
    for (size_t i = 0; i < in.target_org_ids.size(); ++i) {
        if (!seen.insert(in.target_org_ids[i]).second)
            return Error::validation("plan.duplicate_target", "被监督单位重复",
                                     "target_org_ids[" + std::to_string(i) + "]");
        MatterInput m;
        m.source = in.kind == "routine" ? "plan" : in.kind;  // special | patrol
        m.mode = in.kind;
        m.categories = in.categories;
        m.subject = in.title;
        m.target_org_id = in.target_org_ids[i];
        m.upper_reason = in.upper_reason;
        m.plan_id = p.id;
        auto made = create_matter(tx, who, m, now_ms);
        if (!made.ok()) {
            Error e = made.take_error();
            if (e.field == "target_org_id" || e.field == "upper_reason")
                e.field = e.field == "target_org_id" ? "target_org_ids[" + std::to_string(i) + "]" : e.field;
            return e;
        }
        matters.push_back(made->id);
    }
    audit_.append(tx, who,
                  {.action = "plan.created",
                   .object_kind = "plan",
                   .object_id = id_to_string(p.id),
                   .after_json = json::serialize(json::object{{"kind", p.kind}, {"title", p.title}})},
                  now_ms);
    return std::make_pair(std::move(p), std::move(matters));
}

Result<Plan> MatterService::get_plan(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto p = store::find_plan(tx, id);
    if (!p || who.anonymous() || !who.scope.covers(p->region_code, p->org_id)) return Error::not_found();
    return std::move(*p);
}

// ---- matters ----

Result<Matter> MatterService::create_matter(db::Tx& tx, const auth::Caller& who, const MatterInput& in,
                                            int64_t now_ms) {
    if (!who.has_role("supervisor") && !who.has_role("dept_leader"))
        return Error::forbidden("只有行政执法协调监督部门的监督人员可以立项", cite(Provision::kMeasuresArt3));
    LECS_ASSIGN(org::Org dept, department_of(tx, who, Provision::kMeasuresArt3));
    if (!rules::find(rules::matter_sources(), in.source))
        return Error::validation("validation.wrong_value", "「线索来源」的选项不正确", "source");
    if (!rules::find(rules::supervision_modes(), in.mode))
        return Error::validation("validation.wrong_value", "「监督方式」须为日常监督、专项监督或巡查监督", "mode",
                                 cite(Provision::kMeasuresArt12));
    LECS_TRY(check_codes(in.categories, rules::content_categories(), "categories", "监督内容", true));
    if (!has_text(in.subject)) return Error::validation("validation.required", "「监督事项」不能为空", "subject");
    LECS_ASSIGN(org::Org target, target_of(tx, in.target_org_id, "target_org_id"));
    const auto tf = target_facts(target);
    // Art 3 ¶2, Art 18: the department of the target's level and region, or an upper one.
    if (!rules::may_supervise(dept.region_code, tf))
        return Error::forbidden(dept.name + "不能对" + target.name + "实施监督：被监督单位不在本部门的管辖范围内",
                                cite(Provision::kMeasuresArt3));
    const bool upper = rules::is_upper_level(dept.region_code, tf);
    if (upper && !has_text(in.upper_reason))
        return Error::validation("matter.upper_reason_required",
                                 target.name + "属下级行政执法协调监督部门监督，提级监督须写明理由", "upper_reason",
                                 cite(Provision::kMeasuresArt18));
    if (in.tracked && !in.tracked_due)
        return Error::validation("validation.required", "挂牌督办须写明「督办期限」", "tracked_due");
    Matter m;
    m.id = new_id();
    m.status = std::string(matter_state::kOpen);
    m.plan_id = in.plan_id;
    m.source = in.source;
    m.source_ref = in.source_ref;
    m.mode = in.mode;
    m.categories = in.categories;
    m.subject = in.subject;
    m.target_org_id = target.id;
    m.handling_org_id = dept.id;
    m.region_code = dept.region_code;
    if (upper) m.upper_reason = in.upper_reason;
    m.tracked = in.tracked;
    m.tracked_label = in.tracked_label;
    m.tracked_due = in.tracked_due;
    m.created_at = m.updated_at = now_ms;
    m.created_by = m.updated_by = who.user_id;
    if (who.person_id > 0) {
        LECS_ASSIGN(TeamMember lead, member_for(tx, who.person_id, m, "lead"));
        m.team.push_back(std::move(lead));
    }
    for (size_t i = 0; i < in.member_person_ids.size(); ++i) {
        const int64_t pid = in.member_person_ids[i];
        if (std::any_of(m.team.begin(), m.team.end(), [&](const TeamMember& t) { return t.person_id == pid; }))
            continue;
        auto member = member_for(tx, pid, m, "member");
        if (!member.ok()) {
            Error e = member.take_error();
            e.field = "member_person_ids[" + std::to_string(i) + "]";
            return e;
        }
        m.team.push_back(std::move(member).value());
    }
    store::insert_matter(tx, m);
    store::insert_event(tx, MatterEvent{new_id(), m.id, "opened", now_ms, who.user_id,
                                        json::serialize(json::object{{"source", m.source}})});
    audit_.append(tx, who,
                  {.action = "matter.opened",
                   .object_kind = "matter",
                   .object_id = id_to_string(m.id),
                   .after_json = matter_json(m)},
                  now_ms);
    return m;
}

Result<Matter> MatterService::get(db::Tx& tx, const auth::Caller& who, int64_t id) { return load_visible(tx, who, id); }

store::MatterPage MatterService::list(db::Tx& tx, const auth::Caller& who, const store::MatterFilter& f) {
    if (who.anonymous()) return {};
    return store::list_matters(tx, reach_of(who), f);
}

std::vector<MatterService::StateCount> MatterService::state_counts(db::Tx& tx, const auth::Caller& who,
                                                                  const std::optional<std::string>& region) {
    std::vector<StateCount> out;
    for (const auto& s : matter_machine().definition().states)
        out.push_back(StateCount{std::string(s.name), std::string(s.label), 0});
    if (who.anonymous()) return out;
    store::MatterFilter f;
    f.region = region;
    for (const auto& [state, n] : store::count_matters_by_status(tx, reach_of(who), f))
        for (auto& c : out)
            if (c.state == state) c.count = n;
    return out;
}

Result<std::vector<MatterEvent>> MatterService::timeline(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    return store::list_events(tx, m.id);
}

Result<Matter> MatterService::add_member(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t person_id,
                                         int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kAddMember, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (std::any_of(m.team.begin(), m.team.end(), [&](const TeamMember& t) { return t.person_id == person_id; }))
        return Error::conflict("team.already_member", "该人员已在监督组中", "person_id");
    LECS_ASSIGN(TeamMember member, member_for(tx, person_id, m, "member"));
    const std::string before = matter_json(m);
    store::insert_member(tx, m.id, member, now_ms);
    m.team.push_back(member);
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, "member_added",
                  json::serialize(json::object{{"person_id", id_to_string(member.person_id)}, {"name", member.name}}),
                  now_ms);
}

Result<Matter> MatterService::take_over(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                        int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    LECS_ASSIGN(std::string to, fire(tx, m, ev::kTakeOver, who, now_ms));
    if (m.version != version) return Error::stale_version();
    if (!has_text(reason))
        return Error::validation("matter.upper_reason_required", "提级监督须写明理由", "reason",
                                 cite(Provision::kMeasuresArt18));
    LECS_ASSIGN(org::Org dept, department_of(tx, who, Provision::kMeasuresArt18));
    const std::string before = matter_json(m);
    const int64_t from = m.handling_org_id;
    m.handling_org_id = dept.id;
    m.region_code = dept.region_code;
    m.upper_reason = reason;
    // An open matter's only to-do is the lower department's "修改通知书" after a returned notice; it
    // no longer handles the matter.
    workflow_.complete_todos(tx, "matter", m.id, std::string(ev::kProposeNotice), now_ms);
    m.status = std::move(to);
    return commit(tx, who, std::move(m), before, version, "taken_over",
                  json::serialize(json::object{{"from_org_id", id_to_string(from)}, {"reason", reason}}), now_ms);
}

Result<MatterService::Records> MatterService::records(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Matter m, load_visible(tx, who, id));
    return Records{store::inspections_of(tx, m.id), store::file_reviews_of(tx, m.id), store::findings_of(tx, m.id),
                   store::reports_of(tx, m.id), store::decision_items_of(tx, m.id)};
}

// ---- township rooms' clues (Art 3 ¶3) ----

Result<Clue> MatterService::create_clue(db::Tx& tx, const auth::Caller& who, const ClueInput& in, int64_t now_ms) {
    auto room = who.org_id > 0 ? org::store::find_org(tx, who.org_id) : std::nullopt;
    if (!who.has_role("room_supervisor") || !room || room->kind != org::kind::kSupervisionRoom)
        return Error::forbidden("只有乡镇（街道）行政执法协调监督室的人员可以报送监督线索",
                                cite(Provision::kMeasuresArt3));
    LECS_ASSIGN(org::Org target, target_of(tx, in.target_org_id, "target_org_id"));
    // Art 3 ¶3: the room supervises its own township's enforcement.
    if (target.region_code != room->region_code)
        return Error::validation("clue.outside_township", target.name + "不在本乡镇（街道），监督室不能报送其线索",
                                 "target_org_id", cite(Provision::kMeasuresArt3));
    if (!has_text(in.content)) return Error::validation("validation.required", "「线索内容」不能为空", "content");
    // The county's department; 邢台经济开发区's townships are city-managed (no county department, no
    // government of its own: REQUIREMENTS §2), so their clues go to the city's.
    const std::string county = rules::default_competent_region(target_facts(*room));
    std::optional<int64_t> county_dept;
    for (const auto& r : tx.query("SELECT id FROM organizations WHERE kind = $1 AND region_code = $2 AND status = "
                                  "'active' ORDER BY id",
                                  {std::string(org::kind::kSupervisionDept), county}))
        county_dept = r.i64(0);
    if (!county_dept)
        return Error::conflict("clue.no_county_department", "未登记本县（市、区）的行政执法协调监督部门，不能报送", "",
                               cite(Provision::kMeasuresArt3));
    Clue c;
    c.id = new_id();
    c.status = "submitted";
    c.room_org_id = room->id;
    c.county_org_id = *county_dept;
    c.region_code = county;
    c.target_org_id = target.id;
    c.content = in.content;
    c.attachment_id = in.attachment_id;
    c.created_at = c.updated_at = now_ms;
    c.created_by = who.user_id;
    if (c.attachment_id && files_) {
        // The room's own upload (its material on the clue), bound to the clue, as inspections and reports do.
        auto bound = files_->bind(tx, who, *c.attachment_id, "clue", c.id, now_ms);
        if (!bound.ok()) {
            Error e = bound.take_error();
            e.field = "attachment_id";
            return e;
        }
    }
    store::insert_clue(tx, c);
    workflow::TodoInput t;
    t.role = "supervisor";
    t.org_id = c.county_org_id;
    t.region_code = c.region_code;
    t.object_kind = "clue";
    t.object_id = c.id;
    t.action = "accept";
    t.title = "处理监督线索：" + target.name;
    workflow_.add_todo(tx, t, now_ms);
    audit_.append(tx, who,
                  {.action = "clue.submitted",
                   .object_kind = "clue",
                   .object_id = id_to_string(c.id),
                   .after_json = json::serialize(json::object{{"target_org_id", id_to_string(c.target_org_id)}})},
                  now_ms);
    return c;
}

Result<Clue> MatterService::get_clue(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto c = store::find_clue(tx, id);
    if (!c || who.anonymous() || !store::clue_visible(*c, who.scope)) return Error::not_found();
    return std::move(*c);
}

std::vector<Clue> MatterService::list_clues(db::Tx& tx, const auth::Caller& who, std::optional<std::string> status) {
    if (who.anonymous()) return {};
    return store::list_clues(tx, who.scope, std::move(status));
}

namespace {
// A matter's subject taken from a clue: its first characters, cut on a UTF-8 boundary (a cut inside
// a character is invalid text that PostgreSQL refuses).
constexpr size_t kClueSubjectChars = 100;
std::string first_chars(const std::string& s, size_t n) {
    size_t i = 0, count = 0;
    while (i < s.size() && count < n) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
        if (i + len > s.size()) break;
        i += len;
        ++count;
    }
    return s.substr(0, i);
}

Result<void> county_handles(const auth::Caller& who, const Clue& c) {
    if (!who.has_role("supervisor") || who.org_id != c.county_org_id)
        return Error::forbidden("只有县级行政执法协调监督部门的监督人员可以处理监督线索",
                                cite(Provision::kMeasuresArt3));
    if (c.status != "submitted")
        return Error::conflict(
            "workflow.wrong_state",
            "该线索已处理（" + std::string(c.status == "accepted" ? "已立项" : "已退回") + "），不能再次处理");
    return ok();
}
}  // namespace

Result<std::pair<Clue, Matter>> MatterService::accept_clue(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                           const MatterInput& in, int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Clue c, get_clue(tx, who, id));
    LECS_TRY(county_handles(who, c));
    if (c.version != version) return Error::stale_version();
    MatterInput m = in;
    m.source = "township_referral";
    m.source_ref = c.id;
    m.target_org_id = c.target_org_id;
    if (!has_text(m.subject)) m.subject = first_chars(c.content, kClueSubjectChars);
    LECS_ASSIGN(Matter matter, create_matter(tx, who, m, now_ms));
    c.status = "accepted";
    c.matter_id = matter.id;
    c.updated_at = now_ms;
    if (store::update_clue(tx, c, version) != 1) return Error::stale_version();
    c.version = version + 1;
    workflow_.complete_todos(tx, "clue", c.id, "accept", now_ms);
    audit_.append(tx, who,
                  {.action = "clue.accepted",
                   .object_kind = "clue",
                   .object_id = id_to_string(c.id),
                   .after_json = json::serialize(json::object{{"matter_id", id_to_string(matter.id)}})},
                  now_ms);
    return std::make_pair(std::move(c), std::move(matter));
}

Result<Clue> MatterService::return_clue(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                        int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Clue c, get_clue(tx, who, id));
    LECS_TRY(county_handles(who, c));
    if (c.version != version) return Error::stale_version();
    if (!has_text(reason)) return Error::validation("validation.required", "「退回理由」不能为空", "reason");
    c.status = "returned";
    c.return_reason = reason;
    c.updated_at = now_ms;
    if (store::update_clue(tx, c, version) != 1) return Error::stale_version();
    c.version = version + 1;
    workflow_.complete_todos(tx, "clue", c.id, "accept", now_ms);
    audit_.append(tx, who,
                  {.action = "clue.returned",
                   .object_kind = "clue",
                   .object_id = id_to_string(c.id),
                   .after_json = json::serialize(json::object{{"reason", reason}})},
                  now_ms);
    return c;
}

}  // namespace lecs::supervision
