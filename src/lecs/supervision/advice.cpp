#include "lecs/supervision/advice.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/db/values.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"
#include "lecs/supervision/detail/support.hpp"
#include "lecs/supervision/rules.hpp"
#include "lecs/supervision/store.hpp"

namespace lecs::supervision {
namespace {

namespace json = boost::json;
using detail::has_text;

constexpr const char* kSuggestionTitle = "行政执法监督建议书";

constexpr const char* kSuggestionColumns =
    "id, status, matter_id, org_id, region_code, target_org_id, subject, document_id, response, responded_at, "
    "responded_by, version, created_at, updated_at, created_by";

Suggestion suggestion_from(const db::Row& r) {
    return Suggestion{r.i64(0), r.str(1),     r.opt_i64(2),  r.i64(3),  r.str(4),  r.i64(5),  r.str(6), r.i64(7),
                      r.str(8), r.opt_i64(9), r.opt_i64(10), r.i64(11), r.i64(12), r.i64(13), r.i64(14)};
}

constexpr const char* kGuidanceColumns =
    "id, status, from_org_id, to_org_id, region_code, matter_id, question, answer, answered_at, answered_by, "
    "version, created_at, updated_at, created_by";

GuidanceRequest guidance_from(const db::Row& r) {
    return GuidanceRequest{r.i64(0), r.str(1),     r.i64(2),     r.i64(3),  r.str(4),  r.opt_i64(5), r.str(6),
                           r.str(7), r.opt_i64(8), r.opt_i64(9), r.i64(10), r.i64(11), r.i64(12),    r.i64(13)};
}

bool in_org_ids(const auth::DataScope& s, int64_t org) {
    return std::find(s.org_ids.begin(), s.org_ids.end(), org) != s.org_ids.end();
}

bool suggestion_visible(const Suggestion& s, const auth::DataScope& scope) {
    // A drafted suggestion is the department's; the agency sees it once issued.
    return scope.covers(s.region_code, s.org_id) || (s.status != "drafted" && in_org_ids(scope, s.target_org_id));
}

bool guidance_visible(const GuidanceRequest& g, const auth::DataScope& scope) {
    return scope.covers(g.region_code, g.from_org_id) || in_org_ids(scope, g.to_org_id) ||
           in_org_ids(scope, g.from_org_id);
}

std::optional<Suggestion> find_suggestion(db::Tx& tx, int64_t id) {
    auto r =
        tx.query_one(std::string("SELECT ") + kSuggestionColumns + " FROM supervision_suggestions WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return suggestion_from(*r);
}

std::optional<GuidanceRequest> find_guidance(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kGuidanceColumns + " FROM supervision_guidance WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return guidance_from(*r);
}

// The SQL form of DataScope::covers(region_col, org_col), with extra organisation columns matched
// against scope.org_ids; "" when the scope sees nothing. The lists filter in SQL, not after a LIMIT,
// so that nobody misses their own rows among many others'.
std::string scope_sql(const auth::DataScope& scope, const char* region_col, std::vector<std::string> org_cols,
                      db::Params& p) {
    if (scope.whole_city) return "1 = 1";
    std::string out;
    for (const auto& prefix : scope.region_prefixes) {
        if (prefix.empty()) continue;
        p.push_back(prefix);
        out += std::string(out.empty() ? "" : " OR ") + "substr(" + region_col + ", 1, " +
               std::to_string(prefix.size()) + ") = $" + std::to_string(p.size());
    }
    for (const auto& col : org_cols) {
        if (scope.org_ids.empty()) break;
        std::string in;
        for (int64_t org : scope.org_ids) {
            p.push_back(org);
            in += (in.empty() ? "$" : ", $") + std::to_string(p.size());
        }
        out += (out.empty() ? "" : " OR ") + col + " IN (" + in + ")";
    }
    return out;
}

void audit_change(audit::AuditLog& audit, db::Tx& tx, const auth::Caller& who, const char* action, const char* kind,
                  int64_t id, const std::string& status, int64_t now_ms) {
    audit.append(tx, who,
                 {.action = action,
                  .object_kind = kind,
                  .object_id = id_to_string(id),
                  .after_json = json::serialize(json::object{{"status", status}})},
                 now_ms);
}

}  // namespace

// ---- 《行政执法监督建议书》 (Art 15) ----

Result<Suggestion> AdviceService::draft_suggestion(db::Tx& tx, const auth::Caller& who, const SuggestionInput& in,
                                                   int64_t now_ms) {
    if (!who.has_role("supervisor") && !who.has_role("dept_leader"))
        return Error::forbidden("只有行政执法协调监督部门的人员可以制发监督建议书", cite(Provision::kMeasuresArt15));
    LECS_ASSIGN(org::Org dept, detail::department_of(tx, who, Provision::kMeasuresArt15));
    auto target = in.target_org_id > 0 ? org::store::find_org(tx, in.target_org_id) : std::nullopt;
    if (!target || !org::rules::is_agency_kind(target->kind))
        return Error::validation("suggestion.unknown_target", "被建议单位须为已登记的行政执法机关", "target_org_id");
    if (!rules::may_supervise(dept.region_code, rules::TargetFacts{target->id, target->name, target->region_code}))
        return Error::forbidden(target->name + "不在本部门的监督范围内", cite(Provision::kMeasuresArt3));
    if (in.matter_id) {
        auto m = store::find_matter(tx, *in.matter_id);
        if (!m || m->handling_org_id != dept.id || m->target_org_id != target->id)
            return Error::validation("suggestion.matter_mismatch", "所依据的监督事项须为本部门承办的、针对该单位的事项",
                                     "matter_id");
    }
    if (!has_text(in.subject)) return Error::validation("validation.required", "「建议事项」不能为空", "subject");
    auto body = detail::paragraphs({target->name + "："}, in.body);
    if (body.size() < 2)
        return Error::validation("validation.required", "「分析与建议」不能为空", "body",
                                 cite(Provision::kMeasuresArt15));
    body.insert(body.begin() + 1, "本部门依照" + cite(Provision::kMeasuresArt15) + "，对你单位" + in.subject +
                                      "进行了分析研究，提出如下监督建议：");
    body.push_back("请你单位研究办理，并将采纳和落实情况书面反馈本部门。");
    docs::DocumentInput d;
    d.doc_type = "supervision_suggestion";
    d.issuer_org_id = dept.id;
    d.title = "关于" + in.subject + "的" + kSuggestionTitle;
    d.recipients = {docs::Recipient{target->name, target->id}};
    d.body = std::move(body);
    d.fields = {{"target_org", target->name}};
    LECS_ASSIGN(docs::Document doc, docs_.create_draft(tx, who, d, now_ms));
    Suggestion s;
    s.id = new_id();
    s.status = "drafted";
    s.matter_id = in.matter_id;
    s.org_id = dept.id;
    s.region_code = dept.region_code;
    s.target_org_id = target->id;
    s.subject = in.subject;
    s.document_id = doc.id;
    s.created_at = s.updated_at = now_ms;
    s.created_by = who.user_id;
    tx.exec(std::string("INSERT INTO supervision_suggestions (") + kSuggestionColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            {s.id, s.status, db::opt(s.matter_id), s.org_id, s.region_code, s.target_org_id, s.subject, s.document_id,
             s.response, db::opt(s.responded_at), db::opt(s.responded_by), s.version, s.created_at, s.updated_at,
             s.created_by});
    workflow::TodoInput t;
    t.role = "dept_leader";
    t.org_id = dept.id;
    t.region_code = dept.region_code;
    t.object_kind = "suggestion";
    t.object_id = s.id;
    t.action = "issue";
    t.title = "签发《" + std::string(kSuggestionTitle) + "》：" + target->name;
    workflow_.add_todo(tx, t, now_ms);
    audit_change(audit_, tx, who, "suggestion.drafted", "suggestion", s.id, s.status, now_ms);
    return s;
}

Result<Suggestion> AdviceService::issue_suggestion(db::Database& db, const auth::Caller& who, int64_t id,
                                                   int64_t version, int64_t now_ms) {
    auto check = [&](db::Tx& tx) -> Result<Suggestion> {
        LECS_ASSIGN(Suggestion s, get_suggestion(tx, who, id));
        if (!who.has_role("dept_leader") || who.org_id != s.org_id)
            return Error::forbidden("只有制发部门的负责人可以签发监督建议书", cite(Provision::kMeasuresArt15));
        if (s.status != "drafted") return Error::conflict("workflow.wrong_state", "该监督建议书已签发，不能再次签发");
        if (s.version != version) return Error::stale_version();
        return s;
    };
    auto checked = db.read(check);
    if (!checked.ok()) return checked.take_error();
    auto doc = db.read([&](db::Tx& tx) { return docs_.get(tx, who, checked->document_id); });
    if (!doc.ok()) return doc.take_error();
    if (doc->status != "issued") {
        auto issued = docs_.issue(who, checked->document_id, now_ms);
        if (!issued.ok()) return issued.take_error();
    }
    return db.write([&](db::Tx& tx) -> Result<Suggestion> {
        LECS_ASSIGN(Suggestion s, check(tx));
        docs::DeliveryInput din;
        din.recipient_org_id = s.target_org_id;
        din.channel = "electronic";
        din.delivered_on = shanghai_date(now_ms);
        LECS_ASSIGN(docs::Delivery delivery, docs_.add_delivery(tx, who, s.document_id, din, now_ms));
        if (tx.exec("UPDATE supervision_suggestions SET status = 'issued', version = version + 1, updated_at = $1 "
                    "WHERE id = $2 AND version = $3",
                    {now_ms, s.id, version}) != 1)
            return Error::stale_version();
        s.status = "issued";
        s.version = version + 1;
        s.updated_at = now_ms;
        workflow_.complete_todos(tx, "suggestion", s.id, "issue", now_ms);
        workflow::TodoInput receipt;
        receipt.role = "agency_liaison";
        receipt.org_id = s.target_org_id;
        receipt.region_code = s.region_code;
        receipt.object_kind = "delivery";
        receipt.object_id = delivery.id;
        receipt.action = "receipt";
        receipt.title = "签收《" + std::string(kSuggestionTitle) + "》";
        workflow_.add_todo(tx, receipt, now_ms);
        workflow::TodoInput respond = receipt;
        respond.object_kind = "suggestion";
        respond.object_id = s.id;
        respond.action = "respond";
        respond.title = "反馈监督建议采纳情况：" + s.subject;
        workflow_.add_todo(tx, respond, now_ms);
        audit_change(audit_, tx, who, "suggestion.issued", "suggestion", s.id, s.status, now_ms);
        return s;
    });
}

Result<Suggestion> AdviceService::respond(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& response,
                                          int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Suggestion s, get_suggestion(tx, who, id));
    if (!who.has_role("agency_liaison") || who.org_id != s.target_org_id)
        return Error::forbidden("只有被建议单位的联络员可以反馈采纳情况", cite(Provision::kMeasuresArt15));
    if (s.status != "issued")
        return Error::conflict("workflow.wrong_state",
                               s.status == "drafted" ? "监督建议书尚未签发" : "已反馈过采纳情况");
    if (s.version != version) return Error::stale_version();
    if (!has_text(response)) return Error::validation("validation.required", "「采纳和落实情况」不能为空", "response");
    if (tx.exec("UPDATE supervision_suggestions SET status = 'responded', response = $1, responded_at = $2, "
                "responded_by = $3, version = version + 1, updated_at = $2 WHERE id = $4 AND version = $5",
                {response, now_ms, who.user_id, s.id, version}) != 1)
        return Error::stale_version();
    s.status = "responded";
    s.response = response;
    s.responded_at = now_ms;
    s.responded_by = who.user_id;
    s.version = version + 1;
    s.updated_at = now_ms;
    workflow_.complete_todos(tx, "suggestion", s.id, "respond", now_ms);
    audit_change(audit_, tx, who, "suggestion.responded", "suggestion", s.id, s.status, now_ms);
    return s;
}

Result<Suggestion> AdviceService::get_suggestion(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto s = find_suggestion(tx, id);
    if (!s || who.anonymous() || !suggestion_visible(*s, who.scope)) return Error::not_found();
    return std::move(*s);
}

std::vector<Suggestion> AdviceService::list_suggestions(db::Tx& tx, const auth::Caller& who) {
    std::vector<Suggestion> out;
    if (who.anonymous()) return out;
    db::Params p;
    // The department (region or organisation) always; the target agency once issued (checked below).
    const std::string where = scope_sql(who.scope, "region_code", {"org_id", "target_org_id"}, p);
    if (where.empty()) return out;
    for (const auto& r : tx.query(std::string("SELECT ") + kSuggestionColumns + " FROM supervision_suggestions WHERE " +
                                      where + " ORDER BY created_at DESC, id DESC",
                                  p)) {
        Suggestion s = suggestion_from(r);
        if (suggestion_visible(s, who.scope)) out.push_back(std::move(s));
    }
    return out;
}

// ---- guidance (Art 18) ----

Result<GuidanceRequest> AdviceService::ask_guidance(db::Tx& tx, const auth::Caller& who, const std::string& question,
                                                    std::optional<int64_t> matter_id, int64_t now_ms) {
    if (!who.has_role("supervisor") && !who.has_role("dept_leader"))
        return Error::forbidden("只有行政执法协调监督部门的人员可以请求指导", cite(Provision::kMeasuresArt18));
    LECS_ASSIGN(org::Org dept, detail::department_of(tx, who, Provision::kMeasuresArt18));
    // Art 18: 下级…可以请上级行政执法协调监督部门给予指导帮助 — the city's department is the upper one.
    if (org::rules::region_level(dept.region_code) != std::optional<std::string>("county"))
        return Error::forbidden("只有县级行政执法协调监督部门可以请上级部门指导", cite(Provision::kMeasuresArt18));
    std::optional<int64_t> upper;
    for (const auto& r : tx.query("SELECT id FROM organizations WHERE kind = $1 AND region_code = $2 AND status = "
                                  "'active' ORDER BY id",
                                  {std::string(org::kind::kSupervisionDept), std::string(org::rules::kCityCode)}))
        upper = r.i64(0);
    if (!upper)
        return Error::conflict("guidance.no_upper_department", "未登记市行政执法协调监督部门", "",
                               cite(Provision::kMeasuresArt18));
    if (matter_id) {
        auto m = store::find_matter(tx, *matter_id);
        if (!m || m->handling_org_id != dept.id)
            return Error::validation("guidance.matter_mismatch", "请求指导的监督事项须为本部门承办的事项", "matter_id");
    }
    if (!has_text(question)) return Error::validation("validation.required", "「请求指导的问题」不能为空", "question");
    GuidanceRequest g;
    g.id = new_id();
    g.status = "open";
    g.from_org_id = dept.id;
    g.to_org_id = *upper;
    g.region_code = dept.region_code;
    g.matter_id = matter_id;
    g.question = question;
    g.created_at = g.updated_at = now_ms;
    g.created_by = who.user_id;
    tx.exec(std::string("INSERT INTO supervision_guidance (") + kGuidanceColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            {g.id, g.status, g.from_org_id, g.to_org_id, g.region_code, db::opt(g.matter_id), g.question, g.answer,
             db::opt(g.answered_at), db::opt(g.answered_by), g.version, g.created_at, g.updated_at, g.created_by});
    workflow::TodoInput t;
    t.role = "supervisor";
    t.org_id = g.to_org_id;
    t.region_code = std::string(org::rules::kCityCode);
    t.object_kind = "guidance";
    t.object_id = g.id;
    t.action = "answer";
    t.title = "答复指导请求：" + dept.name;
    workflow_.add_todo(tx, t, now_ms);
    audit_change(audit_, tx, who, "guidance.asked", "guidance", g.id, g.status, now_ms);
    return g;
}

Result<GuidanceRequest> AdviceService::answer_guidance(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                       const std::string& answer, int64_t version, int64_t now_ms) {
    LECS_ASSIGN(GuidanceRequest g, get_guidance(tx, who, id));
    if ((!who.has_role("supervisor") && !who.has_role("dept_leader")) || who.org_id != g.to_org_id)
        return Error::forbidden("只有被请求的上级行政执法协调监督部门可以答复", cite(Provision::kMeasuresArt18));
    if (g.status != "open") return Error::conflict("workflow.wrong_state", "该指导请求已答复");
    if (g.version != version) return Error::stale_version();
    if (!has_text(answer)) return Error::validation("validation.required", "「指导意见」不能为空", "answer");
    if (tx.exec("UPDATE supervision_guidance SET status = 'answered', answer = $1, answered_at = $2, answered_by = "
                "$3, version = version + 1, updated_at = $2 WHERE id = $4 AND version = $5",
                {answer, now_ms, who.user_id, g.id, version}) != 1)
        return Error::stale_version();
    g.status = "answered";
    g.answer = answer;
    g.answered_at = now_ms;
    g.answered_by = who.user_id;
    g.version = version + 1;
    g.updated_at = now_ms;
    workflow_.complete_todos(tx, "guidance", g.id, "answer", now_ms);
    audit_change(audit_, tx, who, "guidance.answered", "guidance", g.id, g.status, now_ms);
    return g;
}

Result<GuidanceRequest> AdviceService::get_guidance(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto g = find_guidance(tx, id);
    if (!g || who.anonymous() || !guidance_visible(*g, who.scope)) return Error::not_found();
    return std::move(*g);
}

std::vector<GuidanceRequest> AdviceService::list_guidance(db::Tx& tx, const auth::Caller& who) {
    std::vector<GuidanceRequest> out;
    if (who.anonymous()) return out;
    db::Params p;
    const std::string where = scope_sql(who.scope, "region_code", {"from_org_id", "to_org_id"}, p);
    if (where.empty()) return out;
    for (const auto& r : tx.query(std::string("SELECT ") + kGuidanceColumns + " FROM supervision_guidance WHERE " +
                                      where + " ORDER BY created_at DESC, id DESC",
                                  p)) {
        GuidanceRequest g = guidance_from(r);
        if (guidance_visible(g, who.scope)) out.push_back(std::move(g));
    }
    return out;
}

std::optional<auth::Owner> advice_owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    if (kind == "suggestion") {
        auto s = find_suggestion(tx, id);
        if (!s) return std::nullopt;
        auth::Owner o{s->region_code, s->org_id};
        if (s->status != "drafted") o.parties.push_back(auth::PartyRef{s->target_org_id, ""});
        return o;
    }
    if (kind == "guidance") {
        auto g = find_guidance(tx, id);
        if (!g) return std::nullopt;
        auth::Owner o{g->region_code, g->from_org_id};
        o.parties.push_back(auth::PartyRef{g->to_org_id, ""});
        return o;
    }
    return std::nullopt;
}

}  // namespace lecs::supervision
