// MonitoringService: the warnings' list, detail and actions (REQUIREMENTS §15; issue 6 step 5).
// The indicators are in service_indicators.cpp.
#include "lecs/monitoring/service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/monitoring/aggregate.hpp"
#include "lecs/monitoring/store.hpp"
#include "lecs/org/store.hpp"

namespace lecs::monitoring {

namespace json = boost::json;
namespace ws = warning_state;

namespace {

constexpr const char* kWarningSelect =
    "SELECT w.id, w.agency_id, w.ext_key, w.rule, w.severity, w.state, w.region_code, w.act_date, w.month, "
    "w.summary, w.evidence, w.dismiss_reason, w.response, w.responded_at, w.responded_by, w.sent_at, w.matter_id, "
    "w.resolved_at, w.evaluated_at, w.version, w.created_at, w.updated_at, o.name, a.external_id, a.case_no "
    "FROM monitoring_warnings w JOIN organizations o ON o.id = w.agency_id "
    "LEFT JOIN monitoring_acts a ON a.agency_id = w.agency_id AND a.ext_key = w.ext_key";

Warning warning_from(const db::Row& r) {
    Warning w;
    w.id = r.i64(0);
    w.agency_id = r.i64(1);
    w.ext_key = r.i64(2);
    w.rule = r.str(3);
    w.severity = r.str(4);
    w.state = r.str(5);
    w.region_code = r.str(6);
    w.act_date = r.str(7);
    w.month = static_cast<int>(r.i64(8));
    w.summary = r.str(9);
    w.evidence = r.str(10);
    w.dismiss_reason = r.opt_str(11);
    w.response = r.opt_str(12);
    w.responded_at = r.opt_i64(13);
    w.responded_by = r.opt_i64(14);
    w.sent_at = r.opt_i64(15);
    w.matter_id = r.opt_i64(16);
    w.resolved_at = r.opt_i64(17);
    w.evaluated_at = r.i64(18);
    w.version = r.i64(19);
    w.created_at = r.i64(20);
    w.updated_at = r.i64(21);
    w.agency_name = r.str(22);
    w.external_id = r.opt_str(23).value_or("");
    w.case_no = r.opt_str(24).value_or("");
    return w;
}

ActView act_from(const db::Row& r) {
    ActView a;
    a.agency_id = r.i64(0);
    a.ext_key = r.i64(1);
    a.external_id = r.str(2);
    a.kind = r.str(3);
    a.act_date = r.str(4);
    a.region_code = r.str(5);
    a.case_no = r.str(6);
    a.item_code = r.str(7);
    a.officers_json = r.str(8);
    a.party_type = r.str(9);
    a.filed_on = r.opt_str(10);
    a.decided_on = r.opt_str(11);
    a.served_on = r.opt_str(12);
    a.closed_on = r.opt_str(13);
    a.published_on = r.opt_str(14);
    a.penalty_types = r.i64(15);
    a.amount_fen = r.i64(16);
    a.procedure = r.str(17);
    a.legal_review = r.boolean(18);
    a.major = r.boolean(19);
    a.publish_required = r.boolean(20);
    a.extension_days = r.i64(21);
    a.excluded_days = r.i64(22);
    a.warn_mask = r.i64(23);
    a.entrusted_id = r.opt_i64(24);
    return a;
}

db::Value opt(const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value opt(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(nullptr); }

std::optional<Warning> find_warning(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string(kWarningSelect) + " WHERE w.id = $1", {id});
    if (!r) return std::nullopt;
    return warning_from(*r);
}

int64_t update_warning(db::Tx& tx, const Warning& w, int64_t expected_version) {
    return tx.exec(
        "UPDATE monitoring_warnings SET state = $1, dismiss_reason = $2, response = $3, responded_at = $4, "
        "responded_by = $5, sent_at = $6, matter_id = $7, version = version + 1, updated_at = $8 "
        "WHERE id = $9 AND version = $10",
        {w.state, opt(w.dismiss_reason), opt(w.response), opt(w.responded_at), opt(w.responded_by), opt(w.sent_at),
         opt(w.matter_id), w.updated_at, w.id, expected_version});
}

// The warnings whose agency the scope covers: its region (prefix) or the organisation itself.
std::string scope_sql(const auth::DataScope& scope, db::Params& p) {
    if (scope.whole_city) return "1 = 1";
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    std::string who;
    for (const auto& prefix : scope.region_prefixes) {
        if (prefix.empty()) continue;
        who += std::string(who.empty() ? "" : " OR ") + "substr(w.region_code, 1, " + std::to_string(prefix.size()) +
               ") = " + arg(prefix);
    }
    if (!scope.org_ids.empty()) {
        std::string in;
        for (int64_t o : scope.org_ids) in += (in.empty() ? "" : ", ") + arg(o);
        who += std::string(who.empty() ? "" : " OR ") + "w.agency_id IN (" + in + ")";
    }
    return who.empty() ? "1 = 0" : "(" + who + ")";
}

bool own_agency(const auth::Caller& who, int64_t agency_id) {
    return std::find(who.scope.org_ids.begin(), who.scope.org_ids.end(), agency_id) != who.scope.org_ids.end() ||
           who.org_id == agency_id;
}

Error wrong_state(const Warning& w, const char* doing) {
    return Error::conflict("workflow.wrong_state",
                           "该预警当前为「" + std::string(state_label(w.state)) + "」，不能" + doing, "state");
}

bool has_text(const std::string& s) { return s.find_first_not_of(" \t\r\n") != std::string::npos; }

// The first n code points of s.
std::string cut(const std::string& s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (count == n) return s.substr(0, i);
            ++count;
        }
    }
    return s;
}

}  // namespace

std::string_view state_label(std::string_view s) {
    if (s == ws::kOpen) return "待处理";
    if (s == ws::kSent) return "已发送执法机关";
    if (s == ws::kResponded) return "执法机关已反馈";
    if (s == ws::kDismissed) return "已排除";
    if (s == ws::kMatter) return "已转监督事项";
    if (s == ws::kResolved) return "已消除";
    return s;
}

bool is_state(std::string_view s) {
    for (const char* x : {ws::kOpen, ws::kSent, ws::kResponded, ws::kDismissed, ws::kMatter, ws::kResolved})
        if (s == x) return true;
    return false;
}

std::string warning_json(const Warning& w) {
    json::object o{{"id", id_to_string(w.id)}, {"agency_id", id_to_string(w.agency_id)},
                   {"rule", w.rule},           {"severity", w.severity},
                   {"state", w.state},         {"version", w.version}};
    if (w.dismiss_reason) o["dismiss_reason"] = *w.dismiss_reason;
    if (w.response) o["response"] = *w.response;
    if (w.matter_id) o["matter_id"] = id_to_string(*w.matter_id);
    return json::serialize(o);
}

std::vector<HistoryEntry> warning_history(db::Tx& tx, const Warning& w) {
    std::vector<HistoryEntry> out;
    out.push_back(HistoryEntry{"opened", w.created_at, "", w.summary});
    for (const auto& r :
         tx.query("SELECT action, at_ms, username, detail FROM audit_log WHERE action IN ('monitoring.warning_sent', "
                  "'monitoring.warning_responded', 'monitoring.warning_dismissed', 'monitoring.warning_matter') AND "
                  "object_kind = 'warning' AND object_id = $1 ORDER BY at_ms, id",
                  {id_to_string(w.id)})) {
        std::string action = r.str(0).substr(std::string("monitoring.warning_").size());
        out.push_back(HistoryEntry{action, r.i64(1), r.opt_str(2).value_or(""), r.opt_str(3).value_or("")});
    }
    if (w.resolved_at && w.state == ws::kResolved) out.push_back(HistoryEntry{"resolved", *w.resolved_at, "", ""});
    return out;
}

Result<Warning> MonitoringService::load(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto w = id > 0 ? find_warning(tx, id) : std::nullopt;
    if (!w || who.anonymous() || !who.scope.covers(w->region_code, w->agency_id)) return Error::not_found();
    return std::move(*w);
}

Result<Warning> MonitoringService::commit(db::Tx& tx, const auth::Caller& who, const Warning& before, Warning after,
                                          const std::string& action, const std::string& detail, int64_t now_ms) {
    after.updated_at = now_ms;
    if (update_warning(tx, after, before.version) == 0) return Error::stale_version();
    after.version = before.version + 1;
    audit_.append(tx, who,
                  {.action = "monitoring.warning_" + action,
                   .object_kind = "warning",
                   .object_id = id_to_string(after.id),
                   .before_json = warning_json(before),
                   .after_json = warning_json(after),
                   .detail = detail},
                  now_ms);
    return after;
}

Result<WarningPage> MonitoringService::list(db::Tx& tx, const auth::Caller& who, const WarningFilter& f) {
    if (who.anonymous() || !who.can("monitoring.read")) return WarningPage{};
    if (f.region) {
        // A region outside the caller's scope is refused as summary and indicators refuse it, not
        // answered with an empty page that reads as "no warnings there".
        db::Params unused;
        auto in_scope = region_clause(who, f.region, "w.region_code", unused);
        if (!in_scope.ok()) return in_scope.error();
    }
    if (f.agency_id) {
        // The same for an agency: unknown or outside the scope, it is not found.
        const auto agency = org::store::find_org(tx, *f.agency_id);
        if (!agency || !who.scope.covers(agency->region_code, agency->id))
            return Error::not_found("该执法机关不存在或不在您的数据权限范围内");
    }
    db::Params p;
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    std::string where = " WHERE " + scope_sql(who.scope, p);
    if (f.rule) where += " AND w.rule = " + arg(*f.rule);
    if (f.severity) where += " AND w.severity = " + arg(*f.severity);
    if (f.state) where += " AND w.state = " + arg(*f.state);
    if (f.agency_id) where += " AND w.agency_id = " + arg(*f.agency_id);
    if (f.region)
        where += " AND substr(w.region_code, 1, " + std::to_string(f.region->size()) + ") = " + arg(*f.region);
    if (f.from) where += " AND w.act_date >= " + arg(f.from->iso());
    if (f.to) where += " AND w.act_date <= " + arg(f.to->iso());
    WarningPage page;
    page.total = tx.query_one("SELECT COUNT(*) FROM monitoring_warnings w" + where, p)->i64(0);
    const std::string lim = arg(int64_t{f.limit}), off = arg(int64_t{f.offset});
    for (const auto& r : tx.query(std::string(kWarningSelect) + where + " ORDER BY w.act_date DESC, w.id DESC LIMIT " +
                                      lim + " OFFSET " + off,
                                  p))
        page.items.push_back(warning_from(r));
    return page;
}

Result<WarningDetail> MonitoringService::get(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Warning w, load(tx, who, id));
    if (!who.can("monitoring.read")) {
        if (!who.can("monitoring.respond")) return Error::forbidden();
        // The agency sees what was sent to it, not what the department has not decided on yet.
        if (!own_agency(who, w.agency_id) || !w.sent_at) return Error::not_found();
    }
    WarningDetail d;
    d.act = std::nullopt;
    if (auto r = tx.query_one(
            "SELECT agency_id, ext_key, external_id, kind, act_date, region_code, case_no, item_code, officers, "
            "party_type, filed_on, decided_on, served_on, closed_on, published_on, penalty_types, amount_fen, "
            "procedure, legal_review, major, publish_required, extension_days, excluded_days, warn_mask, entrusted_id "
            "FROM monitoring_acts WHERE agency_id = $1 AND ext_key = $2",
            {w.agency_id, w.ext_key}))
        d.act = act_from(*r);
    d.history = warning_history(tx, w);
    d.warning = std::move(w);
    return d;
}

Result<Warning> MonitoringService::dismiss(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                           int64_t version, int64_t now_ms) {
    // An ingest batch or a re-evaluation reads the warning's state to compute its aggregate deltas:
    // on PostgreSQL it must not run between that read and this change (store::lock_acts).
    store::lock_acts(tx);
    LECS_ASSIGN(Warning w, load(tx, who, id));
    if (!who.can("monitoring.handle")) return Error::forbidden();
    if (w.state != ws::kOpen && w.state != ws::kSent && w.state != ws::kResponded) return wrong_state(w, "排除");
    if (w.version != version) return Error::stale_version();
    if (!has_text(reason)) return Error::validation("validation.required", "「排除理由」不能为空", "reason");
    if (http::utf8_length(reason) > kMaxReasonChars)
        return Error::validation("validation.too_long", "「排除理由」不能超过500个字", "reason");
    Warning after = w;
    after.state = ws::kDismissed;
    after.dismiss_reason = reason;
    workflow_.complete_todos(tx, "warning", w.id, "respond", now_ms);
    // warn.<rule> counts the acts whose warning is not dismissed (aggregate.hpp).
    agg::apply_warning_change(tx, w.agency_id, w.month, *rule_from_string(w.rule), -1);
    return commit(tx, who, w, std::move(after), "dismissed", reason, now_ms);
}

Result<Warning> MonitoringService::send(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& note,
                                        int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Warning w, load(tx, who, id));
    if (!who.can("monitoring.handle")) return Error::forbidden();
    if (w.state != ws::kOpen) return wrong_state(w, "发送执法机关");
    if (w.version != version) return Error::stale_version();
    if (http::utf8_length(note) > kMaxNoteChars)
        return Error::validation("validation.too_long", "「说明」不能超过500个字", "note");
    Warning after = w;
    after.state = ws::kSent;
    after.sent_at = now_ms;
    workflow::TodoInput t;
    t.role = "agency_liaison";
    t.org_id = w.agency_id;
    t.region_code = w.region_code;
    t.object_kind = "warning";
    t.object_id = w.id;
    t.action = "respond";
    const auto& info = rules::info(*rule_from_string(w.rule));
    t.title = cut("反馈执法数据预警：" + std::string(info.name) + "（" + w.summary + "）", 200);
    workflow_.add_todo(tx, t, now_ms);
    return commit(tx, who, w, std::move(after), "sent", note, now_ms);
}

Result<Warning> MonitoringService::respond(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& response,
                                           int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Warning w, load(tx, who, id));
    if (!who.can("monitoring.respond") || !own_agency(who, w.agency_id))
        return Error::forbidden("只有被预警的执法机关可以反馈预警");
    if (!w.sent_at) return Error::not_found();
    if (w.state != ws::kSent) return wrong_state(w, "反馈");
    if (w.version != version) return Error::stale_version();
    if (!has_text(response)) return Error::validation("validation.required", "「反馈情况」不能为空", "response");
    if (http::utf8_length(response) > kMaxResponseChars)
        return Error::validation("validation.too_long", "「反馈情况」不能超过4000个字", "response");
    Warning after = w;
    after.state = ws::kResponded;
    after.response = response;
    after.responded_at = now_ms;
    after.responded_by = who.user_id;
    workflow_.complete_todos(tx, "warning", w.id, "respond", now_ms);
    return commit(tx, who, w, std::move(after), "responded", cut(response, 200), now_ms);
}

Result<std::pair<Warning, supervision::Matter>> MonitoringService::to_matter(db::Tx& tx, const auth::Caller& who,
                                                                             int64_t id, const MatterRequest& in,
                                                                             int64_t version, int64_t now_ms) {
    LECS_ASSIGN(Warning w, load(tx, who, id));
    if (!who.can("monitoring.handle") || !who.can("supervision.handle")) return Error::forbidden();
    if (w.state != ws::kOpen && w.state != ws::kSent && w.state != ws::kResponded)
        return wrong_state(w, "转为监督事项");
    if (w.version != version) return Error::stale_version();
    const auto& info = rules::info(*rule_from_string(w.rule));
    supervision::MatterInput m;
    m.source = "data_warning";
    m.mode = "routine";
    m.categories = in.categories.empty() ? std::vector<std::string>{"art11_3"} : in.categories;
    m.subject = has_text(in.subject) ? in.subject
                                     : cut("执法数据预警" + w.rule + std::string(info.name) + "：" + w.summary, 200);
    m.target_org_id = w.agency_id;
    m.upper_reason = in.upper_reason;
    m.source_ref = w.id;
    LECS_ASSIGN(supervision::Matter matter, matters_.create_matter(tx, who, m, now_ms));
    Warning after = w;
    after.state = ws::kMatter;
    after.matter_id = matter.id;
    workflow_.complete_todos(tx, "warning", w.id, "respond", now_ms);
    LECS_ASSIGN(Warning done, commit(tx, who, w, std::move(after), "matter", id_to_string(matter.id), now_ms));
    return std::pair{std::move(done), std::move(matter)};
}

Result<ActPage> MonitoringService::acts(db::Tx& tx, const auth::Caller& who, const ActFilter& f) {
    if (who.anonymous() || !who.can("monitoring.read")) return Error::forbidden();
    auto agency = f.agency_id > 0 ? org::store::find_org(tx, f.agency_id) : std::nullopt;
    if (!agency || !who.scope.covers(agency->region_code, agency->id)) return Error::not_found();
    db::Params p{f.agency_id, int64_t{f.month}};
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    // The index (agency_id, month) finds the acts of one figure's cell.
    std::string where = " WHERE a.agency_id = $1 AND a.month = $2";
    if (f.kind) where += " AND a.kind = " + arg(*f.kind);
    // The acts the warn.<rule> figure counts: the rule fires and its warning is not dismissed.
    if (f.rule)
        where +=
            " AND EXISTS (SELECT 1 FROM monitoring_warnings w WHERE w.agency_id = a.agency_id AND w.ext_key = "
            "a.ext_key AND w.rule = " +
            arg(*f.rule) + " AND w.state NOT IN ('dismissed', 'resolved'))";
    ActPage page;
    page.total = tx.query_one("SELECT COUNT(*) FROM monitoring_acts a" + where, p)->i64(0);
    const std::string lim = arg(int64_t{f.limit}), off = arg(int64_t{f.offset});
    for (const auto& r : tx.query(
             "SELECT a.agency_id, a.ext_key, a.external_id, a.kind, a.act_date, a.region_code, a.case_no, a.item_code, "
             "a.officers, a.party_type, a.filed_on, a.decided_on, a.served_on, a.closed_on, a.published_on, "
             "a.penalty_types, a.amount_fen, a.procedure, a.legal_review, a.major, a.publish_required, "
             "a.extension_days, a.excluded_days, a.warn_mask, a.entrusted_id FROM monitoring_acts a" +
                 where + " ORDER BY a.act_date, a.ext_key LIMIT " + lim + " OFFSET " + off,
             p))
        page.items.push_back(act_from(r));
    page.warnings.resize(page.items.size());
    if (!page.items.empty()) {
        db::Params q{f.agency_id};
        std::string in;
        for (const auto& a : page.items) {
            q.push_back(a.ext_key);
            in += (in.empty() ? "$" : ", $") + std::to_string(q.size());
        }
        for (const auto& r : tx.query(
                 std::string(kWarningSelect) + " WHERE w.agency_id = $1 AND w.ext_key IN (" + in + ") ORDER BY w.rule",
                 q)) {
            Warning w = warning_from(r);
            for (size_t i = 0; i < page.items.size(); ++i)
                if (page.items[i].ext_key == w.ext_key) page.warnings[i].push_back(w);
        }
    }
    return page;
}

}  // namespace lecs::monitoring
