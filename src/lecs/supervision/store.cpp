#include "lecs/supervision/store.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "lecs/db/values.hpp"

namespace lecs::supervision::store {
namespace {

namespace json = boost::json;
using db::opt;

db::Value opt_date(const std::optional<Date>& d) { return d ? db::Value(d->iso()) : db::Value(nullptr); }
std::optional<Date> date_of(const std::optional<std::string>& s) { return s ? Date::parse(*s) : std::nullopt; }
Date date_or_epoch(const std::string& s) { return Date::parse(s).value_or(Date{}); }

template <class T>
std::string json_list(const std::vector<T>& v) {
    json::array a;
    for (const auto& x : v) a.emplace_back(x);
    return json::serialize(a);
}
std::vector<std::string> strings_of(const std::string& s) {
    std::vector<std::string> out;
    const json::value parsed = json::parse(s);  // kept alive: the loop reads into it
    for (const auto& v : parsed.as_array()) out.emplace_back(v.as_string());
    return out;
}
std::vector<int64_t> ids_of(const std::string& s) {
    std::vector<int64_t> out;
    const json::value parsed = json::parse(s);
    for (const auto& v : parsed.as_array()) out.push_back(v.to_number<int64_t>());
    return out;
}

constexpr const char* kMatterColumns =
    "id, status, plan_id, source, source_ref, mode, categories_json, subject, target_org_id, handling_org_id, "
    "region_code, upper_reason, tracked, tracked_label, tracked_due, correction_due, notice_document_id, "
    "report_document_id, decision_document_id, concluded_on, version, created_at, updated_at, created_by, updated_by";

Matter matter_from(const db::Row& r) {
    Matter m;
    m.id = r.i64(0);
    m.status = r.str(1);
    m.plan_id = r.opt_i64(2);
    m.source = r.str(3);
    m.source_ref = r.opt_i64(4);
    m.mode = r.str(5);
    m.categories = strings_of(r.str(6));
    m.subject = r.str(7);
    m.target_org_id = r.i64(8);
    m.handling_org_id = r.i64(9);
    m.region_code = r.str(10);
    m.upper_reason = r.opt_str(11);
    m.tracked = r.boolean(12);
    m.tracked_label = r.str(13);
    m.tracked_due = date_of(r.opt_str(14));
    m.correction_due = date_of(r.opt_str(15));
    m.notice_document_id = r.opt_i64(16);
    m.report_document_id = r.opt_i64(17);
    m.decision_document_id = r.opt_i64(18);
    m.concluded_on = date_of(r.opt_str(19));
    m.version = r.i64(20);
    m.created_at = r.i64(21);
    m.updated_at = r.i64(22);
    m.created_by = r.i64(23);
    m.updated_by = r.i64(24);
    return m;
}

db::Params matter_values(const Matter& m) {
    return {m.id,
            m.status,
            opt(m.plan_id),
            m.source,
            opt(m.source_ref),
            m.mode,
            json_list(m.categories),
            m.subject,
            m.target_org_id,
            m.handling_org_id,
            m.region_code,
            opt(m.upper_reason),
            int64_t{m.tracked ? 1 : 0},
            m.tracked_label,
            opt_date(m.tracked_due),
            opt_date(m.correction_due),
            opt(m.notice_document_id),
            opt(m.report_document_id),
            opt(m.decision_document_id),
            opt_date(m.concluded_on),
            m.version,
            m.created_at,
            m.updated_at,
            m.created_by,
            m.updated_by};
}

// "$1, $2, …, $n"
std::string placeholders(int n, int from = 1) {
    std::string out;
    for (int i = from; i < from + n; ++i) out += (i == from ? "$" : ", $") + std::to_string(i);
    return out;
}

}  // namespace

void insert_plan(db::Tx& tx, const Plan& p) {
    tx.exec(
        "INSERT INTO supervision_plans (id, kind, title, theme, scope_text, period_start, period_end, org_id, "
        "region_code, categories_json, target_org_ids_json, version, created_at, updated_at, created_by) VALUES (" +
            placeholders(15) + ")",
        {p.id, p.kind, p.title, p.theme, p.scope_text, p.period_start.iso(), p.period_end.iso(), p.org_id,
         p.region_code, json_list(p.categories), json_list(p.target_org_ids), p.version, p.created_at, p.updated_at,
         p.created_by});
}

std::optional<Plan> find_plan(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(
        "SELECT id, kind, title, theme, scope_text, period_start, period_end, org_id, region_code, categories_json, "
        "target_org_ids_json, version, created_at, updated_at, created_by FROM supervision_plans WHERE id = $1",
        {id});
    if (!r) return std::nullopt;
    return Plan{r->i64(0),
                r->str(1),
                r->str(2),
                r->str(3),
                r->str(4),
                date_or_epoch(r->str(5)),
                date_or_epoch(r->str(6)),
                r->i64(7),
                r->str(8),
                strings_of(r->str(9)),
                ids_of(r->str(10)),
                r->i64(11),
                r->i64(12),
                r->i64(13),
                r->i64(14)};
}

void insert_matter(db::Tx& tx, const Matter& m) {
    tx.exec(std::string("INSERT INTO supervision_matters (") + kMatterColumns + ") VALUES (" + placeholders(25) + ")",
            matter_values(m));
    for (const auto& t : m.team) insert_member(tx, m.id, t, m.created_at);
}

int64_t update_matter(db::Tx& tx, const Matter& m, int64_t expected_version) {
    return tx.exec(
        "UPDATE supervision_matters SET status = $1, source_ref = $2, categories_json = $3, subject = $4, "
        "handling_org_id = $5, region_code = $6, upper_reason = $7, tracked = $8, tracked_label = $9, "
        "tracked_due = $10, correction_due = $11, notice_document_id = $12, report_document_id = $13, "
        "decision_document_id = $14, concluded_on = $15, version = version + 1, updated_at = $16, updated_by = $17 "
        "WHERE id = $18 AND version = $19",
        {m.status, opt(m.source_ref), json_list(m.categories), m.subject, m.handling_org_id, m.region_code,
         opt(m.upper_reason), int64_t{m.tracked ? 1 : 0}, m.tracked_label, opt_date(m.tracked_due),
         opt_date(m.correction_due), opt(m.notice_document_id), opt(m.report_document_id), opt(m.decision_document_id),
         opt_date(m.concluded_on), m.updated_at, m.updated_by, m.id, expected_version});
}

int64_t link_decision_document(db::Tx& tx, int64_t matter_id, int64_t document_id, int64_t expected_version) {
    return tx.exec("UPDATE supervision_matters SET decision_document_id = $1 WHERE id = $2 AND version = $3",
                   {document_id, matter_id, expected_version});
}

std::optional<Matter> find_matter(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kMatterColumns + " FROM supervision_matters WHERE id = $1", {id});
    if (!r) return std::nullopt;
    Matter m = matter_from(*r);
    for (const auto& t : tx.query("SELECT t.person_id, p.name, t.org_id, t.role FROM supervision_team t JOIN people p "
                                  "ON p.id = t.person_id WHERE t.matter_id = $1 ORDER BY t.added_at, t.person_id",
                                  {id}))
        m.team.push_back(TeamMember{t.i64(0), t.str(1), t.i64(2), t.str(3)});
    return m;
}

bool visible(const Matter& m, const auth::DataScope& scope) {
    if (scope.covers(m.region_code, m.handling_org_id)) return true;
    if (std::find(scope.org_ids.begin(), scope.org_ids.end(), m.target_org_id) != scope.org_ids.end()) return true;
    return std::any_of(m.team.begin(), m.team.end(), [&](const TeamMember& t) {
        return std::find(scope.org_ids.begin(), scope.org_ids.end(), t.org_id) != scope.org_ids.end();
    });
}

namespace {
// The WHERE clause of the matters the scope reaches, with the filter's conditions; empty when the
// scope reaches nothing.
std::string matters_where(const auth::DataScope& scope, const MatterFilter& f, db::Params& p) {
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    std::string who;
    if (scope.whole_city) who = "1 = 1";
    for (const auto& prefix : scope.region_prefixes) {
        if (prefix.empty()) continue;
        who += std::string(who.empty() ? "" : " OR ") + "substr(m.region_code, 1, " + std::to_string(prefix.size()) +
               ") = " + arg(prefix);
    }
    if (!scope.org_ids.empty()) {
        auto list = [&] {
            std::string s;
            for (int64_t o : scope.org_ids) s += (s.empty() ? "" : ", ") + arg(o);
            return s;
        };
        const std::string a = list(), b = list(), c = list();
        who += std::string(who.empty() ? "" : " OR ") + "m.handling_org_id IN (" + a + ") OR m.target_org_id IN (" + b +
               ") OR EXISTS (SELECT 1 FROM supervision_team t WHERE t.matter_id = m.id AND t.org_id IN (" + c + "))";
    }
    if (who.empty()) return {};
    std::string where = " WHERE (" + who + ")";
    if (f.status) where += " AND m.status = " + arg(*f.status);
    if (f.plan_id) where += " AND m.plan_id = " + arg(*f.plan_id);
    if (f.source) where += " AND m.source = " + arg(*f.source);
    if (f.region && !f.region->empty())
        where += " AND substr(m.region_code, 1, " + std::to_string(f.region->size()) + ") = " + arg(*f.region);
    return where;
}
}  // namespace

MatterPage list_matters(db::Tx& tx, const auth::DataScope& scope, const MatterFilter& f) {
    db::Params p;
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    const std::string where = matters_where(scope, f, p);
    if (where.empty()) return {};
    MatterPage page;
    page.total = tx.query_one("SELECT COUNT(*) FROM supervision_matters m" + where, p)->i64(0);
    std::string cols;
    for (const char* c = kMatterColumns; *c; ++c) {
        if (c == kMatterColumns || *(c - 1) == ' ') cols += "m.";
        cols += *c;
    }
    const std::string lim = arg(int64_t{f.limit}), off = arg(int64_t{f.offset});
    for (const auto& r : tx.query("SELECT " + cols + " FROM supervision_matters m" + where +
                                      " ORDER BY m.created_at DESC, m.id DESC LIMIT " + lim + " OFFSET " + off,
                                  p))
        page.items.push_back(matter_from(r));
    return page;
}

std::vector<std::pair<std::string, int64_t>> count_matters_by_status(db::Tx& tx, const auth::DataScope& scope,
                                                                    const MatterFilter& f) {
    db::Params p;
    const std::string where = matters_where(scope, f, p);
    std::vector<std::pair<std::string, int64_t>> out;
    if (where.empty()) return out;
    for (const auto& r : tx.query("SELECT m.status, COUNT(*) FROM supervision_matters m" + where +
                                      " GROUP BY m.status ORDER BY m.status",
                                  p))
        out.emplace_back(r.str(0), r.i64(1));
    return out;
}

void insert_member(db::Tx& tx, int64_t matter_id, const TeamMember& m, int64_t now_ms) {
    tx.exec("INSERT INTO supervision_team (matter_id, person_id, org_id, role, added_at) VALUES ($1, $2, $3, $4, $5)",
            {matter_id, m.person_id, m.org_id, m.role, now_ms});
}

void insert_inspection(db::Tx& tx, const Inspection& i) {
    tx.exec(
        "INSERT INTO supervision_inspections (id, matter_id, inspected_on, place, people_met, record, attachment_id, "
        "offline, created_at, created_by) VALUES (" +
            placeholders(10) + ")",
        {i.id, i.matter_id, i.inspected_on.iso(), i.place, i.people_met, i.record, opt(i.attachment_id),
         int64_t{i.offline ? 1 : 0}, i.created_at, i.created_by});
    for (size_t k = 0; k < i.supervisors.size(); ++k) {
        const auto& s = i.supervisors[k];
        tx.exec(
            "INSERT INTO supervision_inspection_supervisors (inspection_id, person_id, certificate_id, "
            "certificate_number, ordinal) VALUES ($1, $2, $3, $4, $5)",
            {i.id, s.person_id, s.certificate_id, s.certificate_number, static_cast<int64_t>(k)});
    }
}

std::vector<Inspection> inspections_of(db::Tx& tx, int64_t matter_id) {
    std::vector<Inspection> out;
    for (const auto& r : tx.query("SELECT id, matter_id, inspected_on, place, people_met, record, attachment_id, "
                                  "offline, created_at, created_by FROM supervision_inspections WHERE matter_id = $1 "
                                  "ORDER BY created_at, id",
                                  {matter_id})) {
        Inspection i{
            r.i64(0), r.i64(1), date_or_epoch(r.str(2)), r.str(3), r.str(4), r.str(5), r.opt_i64(6), r.boolean(7), {},
            r.i64(8), r.i64(9)};
        for (const auto& s : tx.query("SELECT s.person_id, p.name, s.certificate_id, s.certificate_number FROM "
                                      "supervision_inspection_supervisors s JOIN people p ON p.id = s.person_id "
                                      "WHERE s.inspection_id = $1 ORDER BY s.ordinal",
                                      {i.id}))
            i.supervisors.push_back(InspectionSupervisor{s.i64(0), s.str(1), s.i64(2), s.str(3)});
        out.push_back(std::move(i));
    }
    return out;
}

void insert_file_review(db::Tx& tx, const FileReview& r) {
    json::array found;
    for (const auto& [code, n] : r.found) found.push_back(json::object{{"code", code}, {"times", n}});
    tx.exec(
        "INSERT INTO supervision_file_reviews (id, matter_id, case_no, legality_json, found_json, score, grade, "
        "created_at, created_by) VALUES (" +
            placeholders(9) + ")",
        {r.id, r.matter_id, r.case_no, json_list(r.legality_failures), json::serialize(found), int64_t{r.score},
         r.grade, r.created_at, r.created_by});
}

std::vector<FileReview> file_reviews_of(db::Tx& tx, int64_t matter_id) {
    std::vector<FileReview> out;
    for (const auto& r : tx.query("SELECT id, matter_id, case_no, legality_json, found_json, score, grade, "
                                  "created_at, created_by FROM supervision_file_reviews WHERE matter_id = $1 ORDER BY "
                                  "created_at, id",
                                  {matter_id})) {
        FileReview f{r.i64(0), r.i64(1), r.str(2), strings_of(r.str(3)), {}, static_cast<int>(r.i64(5)),
                     r.str(6), r.i64(7), r.i64(8)};
        const json::value found = json::parse(r.str(4));
        for (const auto& v : found.as_array()) {
            const auto& o = v.as_object();
            f.found.emplace_back(std::string(o.at("code").as_string()), static_cast<int>(o.at("times").as_int64()));
        }
        out.push_back(std::move(f));
    }
    return out;
}

void insert_finding(db::Tx& tx, const Finding& f) {
    tx.exec(
        "INSERT INTO supervision_findings (id, matter_id, category, facts, evidence, legal_basis, disposition, "
        "on_spot_record, created_at, created_by) VALUES (" +
            placeholders(10) + ")",
        {f.id, f.matter_id, f.category, f.facts, f.evidence, f.legal_basis, f.disposition, f.on_spot_record,
         f.created_at, f.created_by});
}

std::vector<Finding> findings_of(db::Tx& tx, int64_t matter_id) {
    std::vector<Finding> out;
    for (const auto& r : tx.query("SELECT id, matter_id, category, facts, evidence, legal_basis, disposition, "
                                  "on_spot_record, created_at, created_by FROM supervision_findings WHERE matter_id = "
                                  "$1 ORDER BY created_at, id",
                                  {matter_id}))
        out.push_back(Finding{r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.i64(8),
                              r.i64(9)});
    return out;
}

void insert_report(db::Tx& tx, const RectificationReport& r) {
    tx.exec(
        "INSERT INTO supervision_reports (id, matter_id, content, attachment_id, submitted_at, submitted_by) VALUES "
        "($1, $2, $3, $4, $5, $6)",
        {r.id, r.matter_id, r.content, opt(r.attachment_id), r.submitted_at, r.submitted_by});
}

int64_t update_report_verdict(db::Tx& tx, const RectificationReport& r) {
    return tx.exec(
        "UPDATE supervision_reports SET verdict = $1, verdict_reason = $2, verified_at = $3, verified_by = $4 "
        "WHERE id = $5 AND verdict IS NULL",
        {opt(r.verdict), r.verdict_reason, opt(r.verified_at), opt(r.verified_by), r.id});
}

std::vector<RectificationReport> reports_of(db::Tx& tx, int64_t matter_id) {
    std::vector<RectificationReport> out;
    for (const auto& r : tx.query("SELECT id, matter_id, content, attachment_id, submitted_at, submitted_by, verdict, "
                                  "verdict_reason, verified_at, verified_by FROM supervision_reports WHERE matter_id = "
                                  "$1 ORDER BY submitted_at, id",
                                  {matter_id}))
        out.push_back(RectificationReport{r.i64(0), r.i64(1), r.str(2), r.opt_i64(3), r.i64(4), r.i64(5), r.opt_str(6),
                                          r.str(7), r.opt_i64(8), r.opt_i64(9)});
    return out;
}

void insert_decision_items(db::Tx& tx, int64_t matter_id, const std::vector<DecisionItem>& items) {
    for (size_t i = 0; i < items.size(); ++i)
        tx.exec(
            "INSERT INTO supervision_decision_items (matter_id, ordinal, kind, content, due_on, deadline_id) VALUES "
            "($1, $2, $3, $4, $5, $6)",
            {matter_id, static_cast<int64_t>(i), items[i].kind, items[i].content, opt_date(items[i].due_on),
             opt(items[i].deadline_id)});
}

std::vector<DecisionItem> decision_items_of(db::Tx& tx, int64_t matter_id) {
    std::vector<DecisionItem> out;
    for (const auto& r : tx.query("SELECT kind, content, due_on, deadline_id, fulfilled_on, fulfilment FROM "
                                  "supervision_decision_items WHERE matter_id = $1 ORDER BY ordinal",
                                  {matter_id}))
        out.push_back(
            DecisionItem{r.str(0), r.str(1), date_of(r.opt_str(2)), r.opt_i64(3), date_of(r.opt_str(4)), r.str(5)});
    return out;
}

int64_t record_fulfilment(db::Tx& tx, int64_t matter_id, int ordinal, Date on, const std::string& note) {
    return tx.exec(
        "UPDATE supervision_decision_items SET fulfilled_on = $1, fulfilment = $2 WHERE matter_id = $3 AND "
        "ordinal = $4 AND fulfilled_on IS NULL",
        {on.iso(), note, matter_id, int64_t{ordinal}});
}

int64_t link_report_document(db::Tx& tx, int64_t matter_id, int64_t document_id, int64_t expected_version) {
    return tx.exec("UPDATE supervision_matters SET report_document_id = $1 WHERE id = $2 AND version = $3",
                   {document_id, matter_id, expected_version});
}

void insert_clue(db::Tx& tx, const Clue& c) {
    tx.exec(
        "INSERT INTO supervision_clues (id, status, room_org_id, county_org_id, region_code, target_org_id, content, "
        "attachment_id, return_reason, matter_id, version, created_at, updated_at, created_by) VALUES (" +
            placeholders(14) + ")",
        {c.id, c.status, c.room_org_id, c.county_org_id, c.region_code, c.target_org_id, c.content,
         opt(c.attachment_id), c.return_reason, opt(c.matter_id), c.version, c.created_at, c.updated_at, c.created_by});
}

int64_t update_clue(db::Tx& tx, const Clue& c, int64_t expected_version) {
    return tx.exec(
        "UPDATE supervision_clues SET status = $1, return_reason = $2, matter_id = $3, version = version + 1, "
        "updated_at = $4 WHERE id = $5 AND version = $6",
        {c.status, c.return_reason, opt(c.matter_id), c.updated_at, c.id, expected_version});
}

namespace {
constexpr const char* kClueColumns =
    "id, status, room_org_id, county_org_id, region_code, target_org_id, content, attachment_id, return_reason, "
    "matter_id, version, created_at, updated_at, created_by";
Clue clue_from(const db::Row& r) {
    return Clue{r.i64(0),     r.str(1), r.i64(2),     r.i64(3),  r.str(4),  r.i64(5),  r.str(6),
                r.opt_i64(7), r.str(8), r.opt_i64(9), r.i64(10), r.i64(11), r.i64(12), r.i64(13)};
}
}  // namespace

std::optional<Clue> find_clue(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kClueColumns + " FROM supervision_clues WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return clue_from(*r);
}

bool clue_visible(const Clue& c, const auth::DataScope& scope) {
    return scope.covers(c.region_code, c.county_org_id) ||
           std::find(scope.org_ids.begin(), scope.org_ids.end(), c.room_org_id) != scope.org_ids.end();
}

std::vector<Clue> list_clues(db::Tx& tx, const auth::DataScope& scope, std::optional<std::string> status) {
    std::vector<Clue> out;
    db::Params p;
    std::string sql = std::string("SELECT ") + kClueColumns + " FROM supervision_clues";
    if (status) {
        sql += " WHERE status = $1";
        p.push_back(*status);
    }
    // The scope predicate is applied here: a county sees few clues, and one rule serves list and get.
    for (const auto& r : tx.query(sql + " ORDER BY created_at DESC, id DESC", p)) {
        Clue c = clue_from(r);
        if (clue_visible(c, scope)) out.push_back(std::move(c));
    }
    return out;
}

void insert_event(db::Tx& tx, const MatterEvent& e) {
    tx.exec(
        "INSERT INTO supervision_events (id, matter_id, kind, at, by_user, payload_json) VALUES ($1, $2, $3, $4, "
        "$5, $6)",
        {e.id, e.matter_id, e.kind, e.at, e.by_user, e.payload_json});
}

std::vector<MatterEvent> list_events(db::Tx& tx, int64_t matter_id) {
    std::vector<MatterEvent> out;
    for (const auto& r : tx.query("SELECT id, matter_id, kind, at, by_user, payload_json FROM supervision_events "
                                  "WHERE matter_id = $1 ORDER BY at, id",
                                  {matter_id}))
        out.push_back(MatterEvent{r.i64(0), r.i64(1), r.str(2), r.i64(3), r.i64(4), r.str(5)});
    return out;
}

}  // namespace lecs::supervision::store
