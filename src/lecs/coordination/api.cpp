#include "lecs/coordination/api.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <tuple>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/coordination/dispute_table.hpp"
#include "lecs/coordination/register_export.hpp"
#include "lecs/docs/types.hpp"
#include "lecs/files/rules.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/listexport/api.hpp"
#include "lecs/org/domains.hpp"
#include "lecs/org/store.hpp"
#include "lecs/xlsx/xlsx.hpp"

namespace lecs::coordination {
namespace {

namespace json = boost::json;
using http::Response;
using http::ScopeRule;

http::RouteSpec spec(std::string perm, ScopeRule scope, std::string summary) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    s.summary = std::move(summary);
    return s;
}

Response ok_json(const json::object& o, int status = 200) { return Response::json(status, json::serialize(o)); }

json::value opt_id(const std::optional<int64_t>& v) { return v ? json::value(id_to_string(*v)) : json::value(nullptr); }
json::value opt_str(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt_date(const std::optional<Date>& v) { return v ? json::value(v->iso()) : json::value(nullptr); }
json::value opt_instant(const std::optional<int64_t>& v) {
    return v ? json::value(iso_instant(*v)) : json::value(nullptr);
}

// Organisation names for the register, read once per request.
class OrgNames {
  public:
    explicit OrgNames(db::Tx& tx) : tx_(tx) {}
    json::value operator()(std::optional<int64_t> id) {
        if (!id) return nullptr;
        auto it = cache_.find(*id);
        if (it == cache_.end()) {
            auto o = org::store::find_org(tx_, *id);
            it = cache_.emplace(*id, o ? o->name : std::string()).first;
        }
        return json::value(it->second);
    }

  private:
    db::Tx& tx_;
    std::map<int64_t, std::string> cache_;
};

json::object routing_json(const Dispute& d) {
    return json::object{{"rule_code", *d.rule_code},
                        {"reason", d.routing_reason.value_or("")},
                        {"basis", d.routing_basis.value_or("")},
                        {"competent_level", opt_str(d.competent_level)},
                        {"competent_region_code", d.region_code},
                        {"competent_org_id", opt_id(d.competent_org_id)},
                        {"vertical_flag", d.vertical_flag},
                        {"vertical_note", d.vertical_note},
                        {"confirmed_by", opt_id(d.vertical_confirmed_by)},
                        {"confirmed_at", opt_instant(d.vertical_confirmed_at)}};
}

// The stored dispute, as a list item and as the head of the detail.
json::object dispute_json(const Dispute& d, OrgNames& names) {
    json::object o{{"id", id_to_string(d.id)},
                   {"status", d.status},
                   {"status_label", dispute_machine().label_of_state(d.status)},
                   {"region_code", d.region_code},
                   {"competent_level", opt_str(d.competent_level)},
                   {"competent_org_id", opt_id(d.competent_org_id)},
                   {"competent_org_name", names(d.competent_org_id)},
                   {"applicant_org_id", id_to_string(d.applicant_org_id)},
                   {"applicant_org_name", names(d.applicant_org_id)},
                   {"letter_attachment_id", opt_id(d.letter_attachment_id)},
                   {"focus", d.focus},
                   {"negotiation", json::object{{"date", opt_date(d.negotiation_date)},
                                                {"participants", d.negotiation_participants},
                                                {"outcome", d.negotiation_outcome}}},
                   {"other_info", d.other_info},
                   {"domain", d.domain},
                   {"domain_name", org::domain_name(d.domain)},
                   {"filed_on", opt_date(d.filed_on)},
                   {"concluded_on", opt_date(d.concluded_on)},
                   {"accepted_on", opt_date(d.accepted_on)},
                   {"refusal_code", opt_str(d.refusal_code)},
                   {"refusal_reason", opt_str(d.refusal_reason)},
                   {"review_deadline_id", opt_id(d.review_deadline_id)},
                   {"supplement_deadline_id", opt_id(d.supplement_deadline_id)},
                   {"coordination_deadline_id", opt_id(d.coordination_deadline_id)},
                   {"version", d.version},
                   {"created_at", iso_instant(d.created_at)},
                   {"updated_at", iso_instant(d.updated_at)},
                   {"created_by", id_to_string(d.created_by)},
                   {"updated_by", id_to_string(d.updated_by)}};
    o["routing"] = d.rule_code ? json::value(routing_json(d)) : json::value(nullptr);
    return o;
}

json::array parties_json(const Dispute& d) {
    json::array out;
    for (const auto& p : d.parties) {
        json::array bases;
        for (const auto& b : p.legal_basis) bases.push_back(json::object{{"law", b.law}, {"article", b.article}});
        out.push_back(json::object{{"org_id", id_to_string(p.org_id)},
                                   {"org_name", p.org_name},
                                   {"role", p.role},
                                   {"position", p.position},
                                   {"legal_basis", std::move(bases)},
                                   {"position_due_on", opt_date(p.position_due_on)}});
    }
    return out;
}

// The events the caller may fire now: the table's events for the caller's roles in the current
// state (StateMachine::allowed_events), kept when a transition's guard admits the caller — the
// applicant, a party, the competent department, its same-level government. The content checks
// (Art 8 completeness, every receipt recorded) are left to the firing, which names what is missing:
// the button stays, the refusal explains.
std::vector<std::string> actions_of(db::Tx& tx, const auth::Caller& who, const Dispute& d) {
    DisputeFacts facts;
    facts.applicant_org_id = d.applicant_org_id;
    for (const auto& p : d.parties) facts.party_org_ids.push_back(p.org_id);
    facts.competent_org_id = d.competent_org_id.value_or(0);
    if (d.competent_org_id)
        if (auto dept = org::store::find_org(tx, *d.competent_org_id); dept && dept->government_id)
            facts.competent_government_id = *dept->government_id;
    facts.all_receipts_recorded = true;
    const DisputeFacts* data = &facts;
    workflow::FireContext ctx;
    ctx.tx = &tx;
    ctx.object_kind = "dispute";
    ctx.object_id = d.id;
    ctx.data = data;

    const auto& sm = dispute_machine();
    std::vector<std::string> out;
    for (const auto& event : sm.allowed_events(d.status, who.roles)) {
        for (const auto& t : sm.definition().transitions) {
            if (t.from != d.status || t.event != event) continue;
            if (t.role != workflow::kAnyRole && !who.has_role(t.role)) continue;
            if (!t.guard || t.guard(who, ctx).ok()) {
                out.push_back(event);
                break;
            }
        }
    }
    return out;
}

std::string deadline_label(std::string_view name) {
    if (name == "completeness_review") return "受理审核期限";
    if (name == "supplement") return "补正期限";
    if (name == "party_position") return "提交书面意见期限";
    if (name == "coordination") return "协调处理期限";
    return std::string(name);
}

// The dispute's open deadlines, with their due state computed now. The deadlines belong to the
// competent department (DisputeService::acting_for): the caller, who may see the dispute (already
// checked), reads them with that owner added to its scope.
Result<json::array> deadlines_json(db::Tx& tx, const workflow::DeadlineService& deadlines, const auth::Caller& who,
                                   const Dispute& d, int64_t now_ms) {
    auth::Caller acting = who;
    if (d.competent_org_id) acting.scope.org_ids.push_back(*d.competent_org_id);
    std::vector<std::pair<int64_t, std::optional<int64_t>>> ids;  // deadline, the party it is owed by
    for (auto id : {d.review_deadline_id, d.supplement_deadline_id, d.coordination_deadline_id})
        if (id) ids.emplace_back(*id, std::nullopt);
    for (const auto& p : d.parties)
        if (p.position_deadline_id) ids.emplace_back(*p.position_deadline_id, p.org_id);
    json::array out;
    for (const auto& [id, party] : ids) {
        LECS_ASSIGN(auto v, deadlines.get(tx, acting, id, now_ms));
        if (v.deadline.status != "open") continue;
        const workflow::PauseRecord* open_pause = nullptr;
        for (const auto& p : v.deadline.pauses)
            if (!p.end) open_pause = &p;
        json::object o{{"id", id_to_string(id)},
                       {"name", v.deadline.name},
                       {"label", deadline_label(v.deadline.name)},
                       {"party_org_id", opt_id(party)},
                       {"start_date", v.deadline.start_date.iso()},
                       {"due_date", v.due.date.iso()},
                       {"original_due_date", opt_date(v.due.original)},
                       {"moved_reason", v.due.moved_reason},
                       {"provisional", v.due.provisional},
                       {"paused", open_pause != nullptr},
                       {"pause_reason", open_pause ? json::value(open_pause->reason) : json::value(nullptr)},
                       {"paused_from", open_pause ? json::value(open_pause->start.iso()) : json::value(nullptr)},
                       {"paused_days", v.due.paused_days},
                       {"overdue", v.state.overdue},
                       {"due_soon", v.state.due_soon},
                       {"days_left", v.state.days_left}};
        out.push_back(std::move(o));
    }
    return out;
}

// The dispute as GET /disputes/{id} answers it, read in tx (the write's own, after a change).
Result<json::object> detail_json(db::Tx& tx, const workflow::DeadlineService& deadlines, const auth::Caller& who,
                                 const Dispute& d, int64_t now_ms) {
    OrgNames names(tx);
    json::object o = dispute_json(d, names);
    o["parties"] = parties_json(d);
    json::array actions;
    for (auto& a : actions_of(tx, who, d)) actions.push_back(json::value(a));
    o["actions"] = std::move(actions);
    LECS_ASSIGN(auto dl, deadlines_json(tx, deadlines, who, d, now_ms));
    o["deadlines"] = std::move(dl);
    return o;
}

json::object routing_preview_json(const Routing& r) {
    json::array vertical;
    for (const auto& n : r.vertical_parties) vertical.push_back(json::value(n));
    auto or_null = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
    return json::object{{"outcome", r.outcome},
                        {"rule_code", r.rule_code},
                        {"reason", r.reason},
                        {"basis", r.basis},
                        {"competent_level", or_null(r.competent_level)},
                        {"competent_region_code", or_null(r.competent_region_code)},
                        {"vertical_flag", r.vertical_flag},
                        {"vertical_parties", std::move(vertical)},
                        {"vertical_note", r.vertical_note}};
}

json::object event_json(const DisputeEvent& e) {
    boost::system::error_code ec;
    json::value payload = json::parse(e.payload_json, ec);
    if (ec || !payload.is_object()) payload = json::object{};
    return json::object{{"id", id_to_string(e.id)},   {"kind", e.kind},
                        {"at", iso_instant(e.at)},    {"by_user", id_to_string(e.by_user)},
                        {"by_org", opt_id(e.by_org)}, {"payload", std::move(payload)}};
}

// ---- request bodies ---------------------------------------------------------------

// A field error inside a nested value: "org_id" of parties[1] → "parties[1].org_id".
Error nested(Error e, const std::string& prefix) {
    e.field = e.field.empty() ? prefix : prefix + "." + e.field;
    return e;
}

Error wrong_type(const std::string& field, std::string_view label) {
    return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确", field);
}

Error too_many(const std::string& field, std::string_view label, size_t max) {
    return Error::validation("validation.too_many",
                             "「" + std::string(label) + "」不能超过" + std::to_string(max) + "项", field);
}

// An optional text: absent or null → "".
Result<std::string> text(const json::object& o, std::string_view field, size_t max, std::string_view label) {
    LECS_ASSIGN(auto v, http::optional_string(o, field, max, label));
    return v.value_or("");
}

Result<std::vector<LegalBasis>> parse_legal_basis(const json::object& party) {
    std::vector<LegalBasis> out;
    auto it = party.find("legal_basis");
    if (it == party.end() || it->value().is_null()) return out;
    if (!it->value().is_array()) return wrong_type("legal_basis", "法律依据");
    const auto& a = it->value().as_array();
    if (a.size() > kMaxLegalBases) return too_many("legal_basis", "法律依据", kMaxLegalBases);
    for (size_t j = 0; j < a.size(); ++j) {
        const std::string at = "legal_basis[" + std::to_string(j) + "]";
        if (!a[j].is_object()) return wrong_type(at, "法律依据");
        const auto& b = a[j].as_object();
        LegalBasis lb;
        auto law = text(b, "law", kMaxLawChars, "法律、法规、规章名称");
        if (!law) return nested(law.take_error(), at);
        lb.law = std::move(law).value();
        auto article = text(b, "article", kMaxArticleChars, "条款");
        if (!article) return nested(article.take_error(), at);
        lb.article = std::move(article).value();
        out.push_back(std::move(lb));
    }
    return out;
}

Result<std::vector<PartyInput>> parse_parties(const json::object& o) {
    auto it = o.find("parties");
    if (it == o.end() || it->value().is_null())
        return Error::validation("validation.required", "「当事方」不能为空", "parties");
    if (!it->value().is_array()) return wrong_type("parties", "当事方");
    const auto& a = it->value().as_array();
    if (a.empty()) return Error::validation("validation.required", "「当事方」不能为空", "parties");
    if (a.size() > kMaxParties) return too_many("parties", "当事方", kMaxParties);
    std::vector<PartyInput> out;
    for (size_t i = 0; i < a.size(); ++i) {
        const std::string at = "parties[" + std::to_string(i) + "]";
        if (!a[i].is_object()) return wrong_type(at, "当事方");
        const auto& p = a[i].as_object();
        PartyInput in;
        auto org = http::required_id(p, "org_id", "当事方机构");
        if (!org) return nested(org.take_error(), at);
        in.org_id = org.value();
        auto position = text(p, "position", kMaxPositionChars, "观点");
        if (!position) return nested(position.take_error(), at);
        in.position = std::move(position).value();
        auto bases = parse_legal_basis(p);
        if (!bases) return nested(bases.take_error(), at);
        in.legal_basis = std::move(bases).value();
        out.push_back(std::move(in));
    }
    return out;
}

// The application of POST, PUT and supplement. Every field but the parties may be left out of a
// draft: check() and submit() name what Art 8 still needs.
Result<ApplicationInput> parse_application(const json::object& o) {
    ApplicationInput in;
    LECS_ASSIGN(in.letter_attachment_id, http::optional_id(o, "letter_attachment_id", "提请协调的公函"));
    LECS_ASSIGN(in.focus, text(o, "focus", kMaxFocusChars, "争议焦点"));
    LECS_ASSIGN(in.parties, parse_parties(o));
    if (auto it = o.find("negotiation"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_object()) return wrong_type("negotiation", "协商情况");
        const auto& n = it->value().as_object();
        auto date = http::optional_date(n, "date", "协商日期");
        if (!date) return nested(date.take_error(), "negotiation");
        in.negotiation_date = date.value();
        auto participants = text(n, "participants", kMaxParticipantsChars, "参加协商的人员");
        if (!participants) return nested(participants.take_error(), "negotiation");
        in.negotiation_participants = std::move(participants).value();
        auto outcome = text(n, "outcome", kMaxOutcomeChars, "协商结果");
        if (!outcome) return nested(outcome.take_error(), "negotiation");
        in.negotiation_outcome = std::move(outcome).value();
    }
    LECS_ASSIGN(in.other_info, text(o, "other_info", kMaxOtherInfoChars, "其他需要说明的情况"));
    LECS_ASSIGN(in.domain, text(o, "domain", kMaxDomainChars, "执法领域"));
    if (!in.domain.empty() && !org::find_domain(in.domain))
        return Error::validation("dispute.unknown_domain", "执法领域不在可选范围内，请从列表中选择", "domain");
    return in;
}

Result<int64_t> version_of(const json::object& o) { return http::required_int64(o, "version", "版本"); }

// An ISO 8601 instant: YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or ±HH:MM (the web UI sends
// toISOString()). Without a zone the time would be ambiguous, so it is refused.
std::optional<int64_t> parse_instant(std::string_view s) {
    if (s.size() < 17 || s[10] != 'T') return std::nullopt;
    auto date = Date::parse(s.substr(0, 10));
    if (!date) return std::nullopt;
    auto digits = [&](size_t at, size_t n, int max) -> std::optional<int> {
        if (at + n > s.size()) return std::nullopt;
        int v = 0;
        for (size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        if (v > max) return std::nullopt;
        return v;
    };
    auto hh = digits(11, 2, 23);
    if (!hh || s[13] != ':') return std::nullopt;
    auto mm = digits(14, 2, 59);
    if (!mm) return std::nullopt;
    size_t at = 16;
    int sec = 0, ms = 0;
    if (at < s.size() && s[at] == ':') {
        auto ss = digits(at + 1, 2, 59);
        if (!ss) return std::nullopt;
        sec = *ss;
        at += 3;
        if (at < s.size() && s[at] == '.') {
            size_t n = 0;
            int scale = 100;
            for (++at; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at, ++n) {
                ms += (s[at] - '0') * scale;
                scale /= 10;
            }
            if (n == 0 || n > 9) return std::nullopt;
        }
    }
    int64_t offset_min = 0;
    if (at < s.size() && s[at] == 'Z') {
        ++at;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        auto oh = digits(at + 1, 2, 14);
        if (!oh || at + 3 >= s.size() || s[at + 3] != ':') return std::nullopt;
        auto om = digits(at + 4, 2, 59);
        if (!om) return std::nullopt;
        offset_min = (*oh * 60 + *om) * (s[at] == '-' ? -1 : 1);
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != s.size()) return std::nullopt;
    return ((date->days() * 24 + *hh) * 60 + *mm - offset_min) * 60000 + sec * 1000 + ms;
}

Result<int64_t> required_instant(const json::object& o, std::string_view field, std::string_view label) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null() || (it->value().is_string() && it->value().as_string().empty()))
        return Error::validation("validation.required", "「" + std::string(label) + "」不能为空", std::string(field));
    if (!it->value().is_string()) return wrong_type(std::string(field), label);
    auto v = parse_instant(std::string_view(it->value().as_string()));
    if (!v) return wrong_type(std::string(field), label);
    return *v;
}

// A document body: a non-empty array of paragraphs (strings), each capped.
Result<std::vector<std::string>> paragraphs(const json::object& o, std::string_view field, std::string_view label) {
    auto it = o.find(field);
    const std::string f(field);
    if (it == o.end() || it->value().is_null())
        return Error::validation("validation.required", "「" + std::string(label) + "」不能为空", f);
    if (!it->value().is_array()) return wrong_type(f, label);
    const auto& a = it->value().as_array();
    if (a.size() > kMaxParagraphs) return too_many(f, label, kMaxParagraphs);
    std::vector<std::string> out;
    for (size_t i = 0; i < a.size(); ++i) {
        const std::string at = f + "[" + std::to_string(i) + "]";
        if (!a[i].is_string()) return wrong_type(at, label);
        std::string p(a[i].as_string());
        if (http::utf8_length(p) > kMaxParagraphChars)
            return Error::validation(
                "validation.too_long",
                "「" + std::string(label) + "」每段不能超过" + std::to_string(kMaxParagraphChars) + "字", at);
        auto first = p.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) continue;  // a blank line is no paragraph
        out.push_back(std::move(p));
    }
    if (out.empty()) return Error::validation("validation.required", "「" + std::string(label) + "」不能为空", f);
    return out;
}

json::object record_json(const CoordinationRecord& r) {
    json::object o{{"id", id_to_string(r.id)},           {"kind", r.kind},
                   {"at", iso_instant(r.created_at)},    {"by_user", id_to_string(r.created_by)},
                   {"by_org", opt_id(r.created_by_org)}, {"attachment_id", opt_id(r.attachment_id)}};
    if (r.kind == record_kind::kMeeting) {
        o["held_at"] = opt_instant(r.occurred_at);
        o["place"] = r.place;
        o["attendees"] = r.participants;
        o["minutes"] = r.content;
    } else if (r.kind == record_kind::kConsultation) {
        o["consulted"] = r.participants;
        o["question"] = r.question;
        o["answer"] = r.content;
    } else if (r.kind == record_kind::kExpertOpinion) {
        o["expert"] = r.participants;
        o["opinion"] = r.content;
    } else if (r.kind == record_kind::kStatement) {
        o["party_org_id"] = opt_id(r.party_org_id);
        o["statement"] = r.content;
    }
    return o;
}

json::object document_json(const DisputeDocument& d) {
    const docs::DocType* t = docs::find_type(d.doc_type);
    return json::object{{"document_id", id_to_string(d.document_id)},
                        {"purpose", d.purpose},
                        {"doc_type", d.doc_type},
                        {"type_name", t ? std::string(t->name) : d.doc_type},
                        {"title", d.title},
                        {"status", d.status},
                        {"number_text", opt_str(d.number_text)},
                        {"created_at", iso_instant(d.created_at)}};
}

Result<store::ListFilter> parse_filter(const http::Request& req, int64_t now_ms) {
    store::ListFilter f;
    if (auto s = req.query_param("status"); s && !s->empty()) {
        const auto& states = dispute_machine().definition().states;
        if (std::none_of(states.begin(), states.end(), [&](const workflow::Named& n) { return n.name == *s; }))
            return wrong_type("status", "状态");
        f.status = *s;
    }
    if (auto l = req.query_param("level"); l && !l->empty()) {
        if (*l != "city" && *l != "county") return wrong_type("level", "协调层级");
        f.competent_level = *l;
    }
    if (auto r = req.query_param("region"); r && !r->empty()) {
        if (r->size() > 9 || !std::all_of(r->begin(), r->end(), [](char c) { return c >= '0' && c <= '9'; }))
            return wrong_type("region", "行政区划");
        f.region_code = *r;
    }
    if (auto d = req.query_param("domain"); d && !d->empty()) {
        // "none": the disputes filed without a domain (未分类).
        if (*d != "none" && !org::find_domain(*d)) return wrong_type("domain", "执法领域");
        f.domain = *d == "none" ? std::string() : *d;
    }
    if (auto o = req.query_param("overdue"); o && !o->empty()) {
        if (*o != "true" && *o != "false" && *o != "1" && *o != "0") return wrong_type("overdue", "是否逾期");
        f.overdue_only = *o == "true" || *o == "1";
    }
    f.today = shanghai_date(now_ms);
    const int page = http::int_query_param(req, "page", 1, 1000000);
    const int size = http::int_query_param(req, "size", 20, 100);
    f.limit = size;
    f.offset = (page - 1) * size;
    return f;
}

json::object statistics_json(const RegisterStatistics& st) {
    const auto& sm = dispute_machine();
    json::array by_status, by_level, by_domain;
    for (const auto& [state, n] : st.by_status)
        by_status.push_back(json::object{{"status", state}, {"label", sm.label_of_state(state)}, {"count", n}});
    for (const auto& [level, n] : st.by_level)
        by_level.push_back(json::object{{"level", level}, {"label", level == "city" ? "市级" : "县级"}, {"count", n}});
    for (const auto& [domain, n] : st.by_domain)
        by_domain.push_back(json::object{{"domain", domain}, {"label", org::domain_name(domain)}, {"count", n}});
    auto rounded = [](const std::optional<double>& v) -> json::value {
        if (!v) return nullptr;
        return std::round(*v * 10.0) / 10.0;
    };
    return json::object{
        {"as_of", st.as_of.iso()},
        {"total", st.total},
        {"drafts", st.drafts},
        {"open", st.open},
        {"concluded", st.concluded},
        {"overdue", st.overdue},
        {"by_status", std::move(by_status)},
        {"by_level", std::move(by_level)},
        {"by_domain", std::move(by_domain)},
        {"handling", json::object{{"closed_counted", st.timed},
                                  {"avg_calendar_days", rounded(st.avg_calendar_days)},
                                  {"avg_working_days", rounded(st.avg_working_days)},
                                  {"max_working_days",
                                   st.max_working_days ? json::value(*st.max_working_days) : json::value(nullptr)},
                                  {"definition",
                                   "办结件自提请之日（不计入）至办结之日的天数；工作日按国务院办公厅公布的节假日安"
                                   "排计算；不予受理、撤回的不计入"}}}};
}

// The filter as the export's note states it.
std::string filter_text(const store::ListFilter& f) {
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : "；") + s; };
    if (f.status) add("状态：" + std::string(dispute_machine().label_of_state(*f.status)));
    if (f.competent_level) add(std::string("协调层级：") + (*f.competent_level == "city" ? "市级" : "县级"));
    if (f.region_code) add("行政区划：" + *f.region_code);
    if (f.domain) add("执法领域：" + org::domain_name(*f.domain));
    if (f.overdue_only) add("仅逾期");
    return out.empty() ? "全部（数据权限内）" : out;
}

}  // namespace

void register_api(http::Router& r, DisputeService& svc, workflow::DeadlineService& deadlines, db::Database& db,
                  audit::AuditLog& audit_log, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    auto id_of = [](const http::Request& req) { return parse_id(req.param("id")); };
    // Runs a change in one write transaction and answers the dispute as GET does, read in the
    // same transaction: a refusal anywhere rolls everything back.
    auto change = [&deadlines, &db, clock](const auth::Caller& who, int status, auto&& act) {
        const int64_t now = clock();
        auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
            LECS_ASSIGN(Dispute d, act(tx, now));
            return detail_json(tx, deadlines, who, d, now);
        });
        if (!res.ok()) return http::error_response(res.error());
        return ok_json(res.value(), status);
    };

    r.post(
        "/api/v1/disputes",
        [] {
            auto s = spec("dispute.file", ScopeRule::filtered(), "起草行政执法职责争议协调申请");
            s.idempotent_create = true;
            return s;
        }(),
        [&svc, change](const http::Request& req, const auth::Caller& who) {
            auto body = http::parse_json_object(req.body);
            if (!body.ok()) return http::error_response(body.error());
            auto in = parse_application(body.value());
            if (!in.ok()) return http::error_response(in.error());
            return change(who, 201,
                          [&](db::Tx& tx, int64_t now) { return svc.create_draft(tx, who, in.value(), now); });
        });

    r.get("/api/v1/disputes", spec("dispute.read", ScopeRule::filtered(), "行政执法职责争议登记簿（数据权限内）"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              auto f = parse_filter(req, clock());
              if (!f.ok()) return http::error_response(f.error());
              return db.read([&](db::Tx& tx) {
                  auto page = svc.list(tx, who, f.value());
                  OrgNames names(tx);
                  json::array items;
                  for (const auto& d : page.items) {
                      json::object o = dispute_json(d, names);
                      o["overdue"] = page.overdue_ids.count(d.id) > 0;
                      items.push_back(std::move(o));
                  }
                  return ok_json(json::object{{"items", std::move(items)}, {"total", page.total}});
              });
          });

    r.get("/api/v1/disputes/statistics",
          spec("dispute.read", ScopeRule::filtered(), "职责争议统计（按状态、层级、领域，平均办理天数）"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              auto f = parse_filter(req, clock());
              if (!f.ok()) return http::error_response(f.error());
              return db.read([&](db::Tx& tx) { return ok_json(statistics_json(svc.statistics(tx, who, f.value()))); });
          });

    r.get("/api/v1/disputes/export", spec("dispute.read", ScopeRule::filtered(), "导出职责争议登记簿（Excel）"),
          [&svc, &deadlines, &db, &audit_log, clock](const http::Request& req, const auth::Caller& who) {
              const int64_t now = clock();
              auto f = parse_filter(req, now);
              if (!f.ok()) return http::error_response(f.error());
              auto sheets = db.read([&](db::Tx& tx) -> Result<std::vector<xlsx::Sheet>> {
                  LECS_ASSIGN(auto rows, svc.export_rows(tx, who, f.value()));
                  const auto stats = svc.statistics(tx, who, f.value());
                  OrgNames names(tx);
                  RegisterExport in{rows.page,
                                    rows.parties,
                                    stats,
                                    deadlines.calendar().load(tx),
                                    [&](int64_t id) {
                                        auto v = names(id);
                                        return v.is_string() ? std::string(v.as_string()) : std::string();
                                    },
                                    filter_text(f.value()),
                                    who.display_name,
                                    now};
                  return register_sheets(in);
              });
              if (!sheets.ok()) return http::error_response(sheets.error());
              // Written outside the transaction: the workbook is built from rows already read.
              std::string bytes = xlsx::write_workbook(sheets.value(), now / 1000);
              const auto rows = int64_t(sheets.value().front().rows.size());
              listexport::audit_export(db, audit_log, who, "/api/v1/disputes", rows, rows, filter_text(f.value()), now);
              Response res{200, xlsx::kContentType, {}, std::move(bytes)};
              res.headers.emplace_back(
                  "Content-Disposition",
                  files::rules::content_disposition("行政执法职责争议登记簿-" + shanghai_date(now).iso() + ".xlsx",
                                                    files::rules::Disposition::kAttachment));
              res.headers.emplace_back("Cache-Control", "no-store");
              return res;
          });

    auto procedure_json = [](const DisputeService::Procedure& p) {
        return json::object{{"review_days", p.limits.review_days},
                            {"supplement_days", p.limits.supplement_days},
                            {"position_days", p.limits.position_days},
                            {"coordination_days", p.limits.coordination_days},
                            {"basis_note", p.basis_note},
                            {"version", p.version},
                            {"updated_at", p.version ? json::value(iso_instant(p.updated_at)) : json::value(nullptr)},
                            {"defaults", p.version == 0}};
    };
    r.get("/api/v1/dispute-procedure",
          spec("dispute.read", ScopeRule::public_data(), "职责争议协调处理程序的期限（全市统一）"),
          [&svc, &db, procedure_json](const http::Request&, const auth::Caller&) {
              return db.read([&](db::Tx& tx) { return ok_json(procedure_json(svc.procedure(tx))); });
          });
    r.put("/api/v1/dispute-procedure",
          spec("dispute.handle", ScopeRule::public_data(), "制定职责争议协调处理程序的期限（市级部门，第六条第二款）"),
          [&svc, &db, clock, procedure_json](const http::Request& req, const auth::Caller& who) {
              auto body = http::parse_json_object(req.body);
              if (!body.ok()) return http::error_response(body.error());
              auto parsed = [&]() -> Result<std::tuple<DisputeTimeLimits, std::string, int64_t>> {
                  const auto& o = body.value();
                  LECS_ASSIGN(int64_t version, version_of(o));
                  DisputeTimeLimits l;
                  LECS_ASSIGN(int64_t review, http::required_int64(o, "review_days", "受理审核期限"));
                  LECS_ASSIGN(int64_t supplement, http::required_int64(o, "supplement_days", "补正期限"));
                  LECS_ASSIGN(int64_t position, http::required_int64(o, "position_days", "书面意见期限"));
                  LECS_ASSIGN(int64_t coordination, http::required_int64(o, "coordination_days", "协调期限"));
                  auto clamp = [](int64_t v) { return static_cast<int>(std::clamp<int64_t>(v, -1, 100000)); };
                  l.review_days = clamp(review);
                  l.supplement_days = clamp(supplement);
                  l.position_days = clamp(position);
                  l.coordination_days = clamp(coordination);
                  LECS_ASSIGN(std::string note, text(o, "basis_note", kMaxReasonChars, "制定依据"));
                  return std::tuple{l, note, version};
              }();
              if (!parsed.ok()) return http::error_response(parsed.error());
              const auto& [limits, note, version] = parsed.value();
              auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(auto p, svc.set_procedure(tx, who, limits, note, version, clock()));
                  return procedure_json(p);
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.get("/api/v1/disputes/{id}", spec("dispute.read", ScopeRule::object("dispute"), "行政执法职责争议详情"),
          [&svc, &deadlines, &db, clock, id_of](const http::Request& req, const auth::Caller& who) {
              const int64_t now = clock();
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(Dispute d, svc.get(tx, who, id_of(req)));
                  return detail_json(tx, deadlines, who, d, now);
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.put("/api/v1/disputes/{id}", spec("dispute.file", ScopeRule::object("dispute"), "修改争议协调申请草稿"),
          [&svc, change, id_of](const http::Request& req, const auth::Caller& who) {
              auto body = http::parse_json_object(req.body);
              if (!body.ok()) return http::error_response(body.error());
              auto in = parse_application(body.value());
              if (!in.ok()) return http::error_response(in.error());
              auto version = version_of(body.value());
              if (!version.ok()) return http::error_response(version.error());
              return change(who, 200, [&](db::Tx& tx, int64_t now) {
                  return svc.update_draft(tx, who, id_of(req), in.value(), version.value(), now);
              });
          });

    r.get("/api/v1/disputes/{id}/check",
          spec("dispute.read", ScopeRule::object("dispute"), "申请材料完整性检查（第八条）"),
          [&svc, &db, clock, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) { return svc.check(tx, who, id_of(req), clock()); });
              if (!res.ok()) return http::error_response(res.error());
              json::array problems;
              for (const auto& e : res.value())
                  problems.push_back(
                      json::object{{"code", e.code}, {"field", e.field}, {"message", e.message}, {"basis", e.basis}});
              return ok_json(json::object{{"problems", std::move(problems)}});
          });

    r.get("/api/v1/disputes/{id}/routing", spec("dispute.read", ScopeRule::object("dispute"), "协调管辖预览（第七条）"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) { return svc.preview_routing(tx, who, id_of(req)); });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(routing_preview_json(res.value()));
          });

    r.post("/api/v1/disputes/{id}/submit", spec("dispute.file", ScopeRule::object("dispute"), "提交争议协调申请"),
           [&svc, change, id_of](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               SubmitInput in;
               auto version = version_of(body.value());
               if (!version.ok()) return http::error_response(version.error());
               in.expected_version = version.value();
               auto confirm = http::optional_bool(body.value(), "confirm_vertical", "确认垂直管理部门提示");
               if (!confirm.ok()) return http::error_response(confirm.error());
               in.confirm_vertical = confirm.value().value_or(false);
               return change(who, 200,
                             [&](db::Tx& tx, int64_t now) { return svc.submit(tx, who, id_of(req), in, now); });
           });

    r.post("/api/v1/disputes/{id}/supplement-request",
           spec("dispute.handle", ScopeRule::object("dispute"), "要求申请机关补正材料"),
           [&svc, change, id_of](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto version = version_of(body.value());
               if (!version.ok()) return http::error_response(version.error());
               auto reason = http::required_string(body.value(), "reason", kMaxReasonChars, "补正事项");
               if (!reason.ok()) return http::error_response(reason.error());
               return change(who, 200, [&](db::Tx& tx, int64_t now) {
                   return svc.ask_supplement(tx, who, id_of(req), reason.value(), version.value(), now);
               });
           });

    r.post("/api/v1/disputes/{id}/supplement", spec("dispute.file", ScopeRule::object("dispute"), "补正申请材料"),
           [&svc, change, id_of](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto version = version_of(body.value());
               if (!version.ok()) return http::error_response(version.error());
               auto in = parse_application(body.value());
               if (!in.ok()) return http::error_response(in.error());
               auto note = text(body.value(), "note", kMaxReasonChars, "补正说明");
               if (!note.ok()) return http::error_response(note.error());
               return change(who, 200, [&](db::Tx& tx, int64_t now) {
                   return svc.supplement(tx, who, id_of(req), in.value(), note.value(), version.value(), now);
               });
           });

    r.post("/api/v1/disputes/{id}/accept", spec("dispute.handle", ScopeRule::object("dispute"), "受理争议协调申请"),
           [&svc, change, id_of](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto version = version_of(body.value());
               if (!version.ok()) return http::error_response(version.error());
               return change(who, 200, [&](db::Tx& tx, int64_t now) {
                   return svc.accept(tx, who, id_of(req), version.value(), now);
               });
           });

    r.post("/api/v1/disputes/{id}/refuse", spec("dispute.handle", ScopeRule::object("dispute"), "不予受理争议协调申请"),
           [&svc, change, id_of](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto version = version_of(body.value());
               if (!version.ok()) return http::error_response(version.error());
               auto code = http::required_string(body.value(), "code", 40, "不予受理的理由类别");
               if (!code.ok()) return http::error_response(code.error());
               auto reason = http::required_string(body.value(), "reason", kMaxReasonChars, "不予受理理由");
               if (!reason.ok()) return http::error_response(reason.error());
               return change(who, 200, [&](db::Tx& tx, int64_t now) {
                   return svc.refuse(tx, who, id_of(req), code.value(), reason.value(), version.value(), now);
               });
           });

    r.get("/api/v1/disputes/{id}/timeline",
          spec("dispute.read", ScopeRule::object("dispute"), "争议办理过程（时间线）"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) { return svc.timeline(tx, who, id_of(req)); });
              if (!res.ok()) return http::error_response(res.error());
              json::array items;
              for (const auto& e : res.value()) items.push_back(event_json(e));
              return ok_json(json::object{{"items", std::move(items)}});
          });
    // A change whose service method runs its own transactions (it issues a document through
    // DocService, ARCHITECTURE §Transactions): called outside db.write, then the dispute it
    // answers is read as GET does.
    auto own = [&deadlines, &db, clock](const auth::Caller& who, auto&& act) {
        const int64_t now = clock();
        Result<Dispute> d = act(now);
        if (!d.ok()) return http::error_response(d.error());
        auto res = db.read([&](db::Tx& tx) { return detail_json(tx, deadlines, who, d.value(), now); });
        if (!res.ok()) return http::error_response(res.error());
        return ok_json(res.value());
    };
    // The body of a change route, parsed, with its version.
    auto body_of = [](const http::Request& req) -> Result<std::pair<json::object, int64_t>> {
        LECS_ASSIGN(auto body, http::parse_json_object(req.body));
        LECS_ASSIGN(auto version, version_of(body));
        return std::pair{std::move(body), version};
    };
    // A POST that changes the dispute: the body and its version, then the route's own fields
    // (parse: body → Result<In>), then run(who, id, in, version) — through change or own.
    auto post_versioned = [&r, body_of, id_of](std::string path, http::RouteSpec s, auto parse, auto run) {
        r.post(std::move(path), std::move(s),
               [body_of, id_of, parse, run](const http::Request& req, const auth::Caller& who) {
                   auto b = body_of(req);
                   if (!b.ok()) return http::error_response(b.error());
                   auto in = parse(b.value().first);
                   if (!in.ok()) return http::error_response(in.error());
                   return run(who, id_of(req), in.value(), b.value().second);
               });
    };
    struct NoFields {};
    auto no_fields = [](const json::object&) -> Result<NoFields> { return NoFields{}; };
    auto reason = [](const char* label) {
        return [label](const json::object& b) { return http::required_string(b, "reason", kMaxReasonChars, label); };
    };
    auto text_body = [](const json::object& b) { return paragraphs(b, "body", "正文"); };
    auto spec_of = [](const char* perm, const char* summary) {
        return spec(perm, ScopeRule::object("dispute"), summary);
    };

    post_versioned("/api/v1/disputes/{id}/withdraw", spec_of("dispute.file", "撤回争议协调申请"), reason("撤回理由"),
                   [&svc, change](const auth::Caller& who, int64_t id, const std::string& why, int64_t version) {
                       return change(who, 200, [&](db::Tx& tx, int64_t now) {
                           return svc.withdraw(tx, who, id, why, version, now);
                       });
                   });

    post_versioned("/api/v1/disputes/{id}/supplement-lapsed", spec_of("dispute.handle", "逾期未补正，视为撤回申请"),
                   no_fields, [&svc, change](const auth::Caller& who, int64_t id, NoFields, int64_t version) {
                       return change(who, 200, [&](db::Tx& tx, int64_t now) {
                           return svc.treat_as_withdrawn(tx, who, id, version, now);
                       });
                   });

    post_versioned(
        "/api/v1/disputes/{id}/position", spec_of("dispute.file", "当事方提交书面意见"),
        [](const json::object& body) -> Result<PositionInput> {
            PositionInput in;
            LECS_ASSIGN(in.position, http::required_string(body, "position", kMaxPositionChars, "本机关观点"));
            LECS_ASSIGN(in.legal_basis, parse_legal_basis(body));
            return in;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const PositionInput& in, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.file_position(tx, who, id, in, version, now); });
        });

    post_versioned(
        "/api/v1/disputes/{id}/meetings", spec_of("dispute.handle", "记录协调会议"),
        [](const json::object& body) -> Result<MeetingInput> {
            MeetingInput m;
            LECS_ASSIGN(m.held_at, required_instant(body, "held_at", "会议时间"));
            LECS_ASSIGN(m.place, http::required_string(body, "place", kMaxPlaceChars, "地点"));
            LECS_ASSIGN(m.attendees, http::required_string(body, "attendees", kMaxAttendeesChars, "参会人员"));
            LECS_ASSIGN(m.minutes, http::required_string(body, "minutes", kMaxMinutesChars, "会议纪要"));
            LECS_ASSIGN(m.attachment_id, http::optional_id(body, "attachment_id", "附件"));
            return m;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const MeetingInput& in, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.record_meeting(tx, who, id, in, version, now); });
        });

    post_versioned(
        "/api/v1/disputes/{id}/consultations", spec_of("dispute.handle", "记录书面征求意见"),
        [](const json::object& body) -> Result<ConsultationInput> {
            ConsultationInput c;
            LECS_ASSIGN(c.consulted, http::required_string(body, "consulted", kMaxConsultedChars, "征求对象"));
            LECS_ASSIGN(c.question, http::required_string(body, "question", kMaxQuestionChars, "征求事项"));
            LECS_ASSIGN(c.answer, http::required_string(body, "answer", kMaxAnswerChars, "回复意见"));
            LECS_ASSIGN(c.attachment_id, http::optional_id(body, "attachment_id", "附件"));
            return c;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const ConsultationInput& in, int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.record_consultation(tx, who, id, in, version, now);
            });
        });

    post_versioned(
        "/api/v1/disputes/{id}/expert-opinions", spec_of("dispute.handle", "记录专家意见"),
        [](const json::object& body) -> Result<ExpertOpinionInput> {
            ExpertOpinionInput e;
            LECS_ASSIGN(e.expert, http::required_string(body, "expert", kMaxExpertChars, "专家姓名"));
            LECS_ASSIGN(e.opinion, http::required_string(body, "opinion", kMaxOpinionChars, "专家意见"));
            LECS_ASSIGN(e.attachment_id, http::optional_id(body, "attachment_id", "附件"));
            return e;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const ExpertOpinionInput& in, int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.record_expert_opinion(tx, who, id, in, version, now);
            });
        });

    post_versioned(
        "/api/v1/disputes/{id}/statements", spec_of("dispute.handle", "记录当事方陈述"),
        [](const json::object& body) -> Result<StatementInput> {
            StatementInput st;
            LECS_ASSIGN(st.party_org_id, http::required_id(body, "party_org_id", "当事方"));
            LECS_ASSIGN(st.statement, http::required_string(body, "statement", kMaxStatementChars, "陈述内容"));
            LECS_ASSIGN(st.attachment_id, http::optional_id(body, "attachment_id", "附件"));
            return st;
        },
        [&svc, change](const auth::Caller& who, int64_t id, const StatementInput& in, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.record_statement(tx, who, id, in, version, now); });
        });

    r.get("/api/v1/disputes/{id}/records", spec("dispute.read", ScopeRule::object("dispute"), "协调记录"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) { return svc.records(tx, who, id_of(req)); });
              if (!res.ok()) return http::error_response(res.error());
              json::array items;
              for (const auto& rec : res.value()) items.push_back(record_json(rec));
              return ok_json(json::object{{"items", std::move(items)}});
          });

    r.get("/api/v1/disputes/{id}/letter", spec("dispute.read", ScopeRule::object("dispute"), "下载提请协调的公函"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto f = db.read([&](db::Tx& tx) { return svc.letter(tx, who, id_of(req)); });
              if (!f.ok()) return http::error_response(f.error());
              Response res{200, f->media_type, {}, std::move(f->bytes)};
              res.headers.emplace_back("Content-Disposition", files::rules::content_disposition(f->file_name));
              res.headers.emplace_back("Cache-Control", "no-store");
              return res;
          });

    r.get("/api/v1/disputes/{id}/decision", spec("dispute.read", ScopeRule::object("dispute"), "本级人民政府的决定"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) -> Result<json::object> {
                  LECS_ASSIGN(auto d, svc.decision(tx, who, id_of(req)));
                  if (!d) return Error{"dispute.no_decision", "本件尚无本级人民政府的决定", {}, {}, 404};
                  OrgNames names(tx);
                  return json::object{{"dispute_id", id_to_string(d->dispute_id)},
                                      {"government_org_id", id_to_string(d->government_org_id)},
                                      {"government_org_name", names(d->government_org_id)},
                                      {"responsible_org_id", id_to_string(d->responsible_org_id)},
                                      {"responsible_org_name", names(d->responsible_org_id)},
                                      {"decision", d->decision},
                                      {"decided_on", d->decided_on.iso()},
                                      {"decided_by", id_to_string(d->decided_by)},
                                      {"document_id", opt_id(d->document_id)},
                                      {"created_at", iso_instant(d->created_at)}};
              });
              if (!res.ok()) return http::error_response(res.error());
              return ok_json(res.value());
          });

    r.get("/api/v1/disputes/{id}/documents", spec("dispute.read", ScopeRule::object("dispute"), "争议相关文书"),
          [&svc, &db, id_of](const http::Request& req, const auth::Caller& who) {
              auto res = db.read([&](db::Tx& tx) { return svc.documents(tx, who, id_of(req)); });
              if (!res.ok()) return http::error_response(res.error());
              json::array items;
              for (const auto& d : res.value()) items.push_back(document_json(d));
              return ok_json(json::object{{"items", std::move(items)}});
          });

    post_versioned(
        "/api/v1/disputes/{id}/opinion", spec_of("dispute.handle", "拟定行政执法争议协调处理意见书"), text_body,
        [&svc, change](const auth::Caller& who, int64_t id, const std::vector<std::string>& body, int64_t version) {
            return change(who, 200, [&](db::Tx& tx, int64_t now) {
                return svc.propose_opinion(tx, who, id, body, version, now);
            });
        });

    post_versioned("/api/v1/disputes/{id}/opinion/approve", spec_of("dispute.handle", "批准并签发协调处理意见书"),
                   no_fields, [&svc, &db, own](const auth::Caller& who, int64_t id, NoFields, int64_t version) {
                       return own(who, [&](int64_t now) { return svc.approve_opinion(db, who, id, version, now); });
                   });

    post_versioned(
        "/api/v1/disputes/{id}/opinion/return", spec_of("dispute.handle", "退回协调处理意见书"), reason("退回理由"),
        [&svc, change](const auth::Caller& who, int64_t id, const std::string& why, int64_t version) {
            return change(who, 200,
                          [&](db::Tx& tx, int64_t now) { return svc.return_opinion(tx, who, id, why, version, now); });
        });

    post_versioned("/api/v1/disputes/{id}/close", spec_of("dispute.handle", "争议协调办结"), no_fields,
                   [&svc, change](const auth::Caller& who, int64_t id, NoFields, int64_t version) {
                       return change(who, 200,
                                     [&](db::Tx& tx, int64_t now) { return svc.close(tx, who, id, version, now); });
                   });

    post_versioned(
        "/api/v1/disputes/{id}/report", spec_of("dispute.handle", "协调不成，报本级人民政府决定"), text_body,
        [&svc, &db, own](const auth::Caller& who, int64_t id, const std::vector<std::string>& body, int64_t version) {
            return own(who, [&](int64_t now) { return svc.report_to_government(db, who, id, body, version, now); });
        });

    post_versioned(
        "/api/v1/disputes/{id}/decision", spec_of("dispute.decide", "本级人民政府作出决定"),
        [](const json::object& body) -> Result<DecisionInput> {
            DecisionInput in;
            LECS_ASSIGN(in.decision, paragraphs(body, "decision", "决定内容"));
            LECS_ASSIGN(in.responsible_org_id, http::required_id(body, "responsible_org_id", "负责的行政执法机关"));
            return in;
        },
        [&svc, &db, own](const auth::Caller& who, int64_t id, const DecisionInput& in, int64_t version) {
            return own(who, [&](int64_t now) { return svc.decide(db, who, id, in, version, now); });
        });
}

}  // namespace lecs::coordination
