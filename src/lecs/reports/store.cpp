#include "lecs/reports/store.hpp"

#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/db/values.hpp"

namespace lecs::reports::store {
namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "id, template_code, template_version, agency_id, region_code, period_key, state, values_json, prefill_json, "
    "due_on, submitted_at, last_submitted_at, accepted_at, accepted_by, version, created_at, updated_at, created_by";

ReportSubmission read_submission(const db::Row& r) {
    ReportSubmission s;
    s.id = r.i64(0);
    s.template_code = r.str(1);
    s.template_version = static_cast<int>(r.i64(2));
    s.agency_id = r.i64(3);
    s.region_code = r.str(4);
    s.period_key = r.str(5);
    s.state = r.str(6);
    s.values = values_from_json(r.str(7));
    s.prefill = values_from_json(r.str(8));
    auto due = Date::parse(r.str(9));
    if (!due) throw db::DbError("report_submissions.due_on is not a date: " + r.str(9));
    s.due_on = *due;
    s.submitted_at = r.opt_i64(10);
    s.last_submitted_at = r.opt_i64(11);
    s.accepted_at = r.opt_i64(12);
    s.accepted_by = r.opt_i64(13);
    s.version = r.i64(14);
    s.created_at = r.i64(15);
    s.updated_at = r.i64(16);
    s.created_by = r.i64(17);
    return s;
}

// The submissions whose agency the scope covers: its region (prefix) or the organisation itself.
std::string scope_sql(const auth::DataScope& scope, db::Params& p) {
    if (scope.whole_city) return "1 = 1";
    auto arg = [&](db::Value v) { return db::bind(p, std::move(v)); };
    std::string who;
    for (const auto& prefix : scope.region_prefixes) {
        if (prefix.empty()) continue;
        who += std::string(who.empty() ? "" : " OR ") + "substr(region_code, 1, " + std::to_string(prefix.size()) +
               ") = " + arg(prefix);
    }
    if (!scope.org_ids.empty()) {
        std::string in;
        for (int64_t o : scope.org_ids) in += (in.empty() ? "" : ", ") + arg(o);
        who += std::string(who.empty() ? "" : " OR ") + "agency_id IN (" + in + ")";
    }
    return who.empty() ? "1 = 0" : "(" + who + ")";
}

}  // namespace

std::string values_to_json(const Values& v) {
    json::object o;
    for (const auto& [code, value] : v) o[code] = value;
    return json::serialize(o);
}

Values values_from_json(const std::string& text) {
    boost::system::error_code ec;
    auto parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) throw db::DbError("report values are not a JSON object");
    Values out;
    for (const auto& [k, v] : parsed.as_object()) {
        if (!v.is_int64()) throw db::DbError("report value " + std::string(k) + " is not an integer");
        out.emplace(std::string(k), v.as_int64());
    }
    return out;
}

void insert_template(db::Tx& tx, const std::string& code, int version, const std::string& name,
                     const std::string& period_kind, const std::string& json_text, int64_t now_ms, int64_t by) {
    tx.exec(
        "INSERT INTO report_templates (code, version, name, period_kind, template_json, created_at, created_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code, version) DO NOTHING",
        {code, int64_t{version}, name, period_kind, json_text, now_ms, by});
}

std::optional<std::string> template_json(db::Tx& tx, const std::string& code, int version) {
    auto r = tx.query_one("SELECT template_json FROM report_templates WHERE code = $1 AND version = $2",
                          {code, int64_t{version}});
    if (!r) return std::nullopt;
    return r->str(0);
}

void insert_submission(db::Tx& tx, const ReportSubmission& s) {
    tx.exec(
        "INSERT INTO report_submissions (id, template_code, template_version, agency_id, region_code, period_key, "
        "state, values_json, prefill_json, due_on, submitted_at, last_submitted_at, accepted_at, accepted_by, version, "
        "created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
        "$16, $17, $18)",
        {s.id, s.template_code, int64_t{s.template_version}, s.agency_id, s.region_code, s.period_key, s.state,
         values_to_json(s.values), values_to_json(s.prefill), s.due_on.iso(), db::opt(s.submitted_at),
         db::opt(s.last_submitted_at), db::opt(s.accepted_at), db::opt(s.accepted_by), s.version, s.created_at,
         s.updated_at, s.created_by});
}

std::optional<ReportSubmission> find_submission(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kColumns + " FROM report_submissions WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return read_submission(*r);
}

std::optional<ReportSubmission> find_submission(db::Tx& tx, int64_t agency_id, const std::string& template_code,
                                                const std::string& period_key) {
    auto r = tx.query_one(std::string("SELECT ") + kColumns +
                              " FROM report_submissions WHERE agency_id = $1 AND template_code = $2 AND "
                              "period_key = $3",
                          {agency_id, template_code, period_key});
    if (!r) return std::nullopt;
    return read_submission(*r);
}

int64_t update_submission(db::Tx& tx, const ReportSubmission& s, int64_t expected_version) {
    return tx.exec(
        "UPDATE report_submissions SET state = $1, values_json = $2, submitted_at = $3, last_submitted_at = $4, "
        "accepted_at = $5, accepted_by = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9",
        {s.state, values_to_json(s.values), db::opt(s.submitted_at), db::opt(s.last_submitted_at),
         db::opt(s.accepted_at), db::opt(s.accepted_by), s.updated_at, s.id, expected_version});
}

std::pair<std::vector<ReportSubmission>, int64_t> list_submissions(db::Tx& tx, const auth::DataScope& scope,
                                                                   const SubmissionFilter& f) {
    db::Params p;
    auto arg = [&](db::Value v) { return db::bind(p, std::move(v)); };
    std::string where = " WHERE " + scope_sql(scope, p);
    if (f.template_code) where += " AND template_code = " + arg(*f.template_code);
    if (f.period_key) where += " AND period_key = " + arg(*f.period_key);
    if (f.state) where += " AND state = " + arg(*f.state);
    const int64_t total = tx.query_one("SELECT COUNT(*) FROM report_submissions" + where, p)->i64(0);
    std::string sql = std::string("SELECT ") + kColumns + " FROM report_submissions" + where +
                      " ORDER BY region_code, agency_id, period_key, template_code LIMIT " + arg(int64_t{f.limit}) +
                      " OFFSET " + arg(int64_t{f.offset});
    std::vector<ReportSubmission> out;
    for (const auto& r : tx.query(sql, p)) out.push_back(read_submission(r));
    return {std::move(out), total};
}

void insert_returns(db::Tx& tx, int64_t submission_id, int round, const std::vector<ReturnReason>& reasons,
                    int64_t now_ms, int64_t by) {
    for (const auto& r : reasons)
        tx.exec(
            "INSERT INTO report_returns (id, submission_id, round, field_code, reason, created_at, created_by) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {new_id(), submission_id, int64_t{round}, r.field_code, r.reason, now_ms, by});
}

int last_return_round(db::Tx& tx, int64_t submission_id) {
    auto r =
        tx.query_one("SELECT COALESCE(MAX(round), 0) FROM report_returns WHERE submission_id = $1", {submission_id});
    return static_cast<int>(r->i64(0));
}

std::vector<ReturnRecord> returns_of(db::Tx& tx, int64_t submission_id) {
    std::vector<ReturnRecord> out;
    for (const auto& r : tx.query("SELECT round, field_code, reason, created_at, created_by FROM report_returns "
                                  "WHERE submission_id = $1 ORDER BY round, id",
                                  {submission_id}))
        out.push_back(ReturnRecord{static_cast<int>(r.i64(0)), r.str(1), r.str(2), r.i64(3), r.i64(4)});
    return out;
}

std::vector<ReportSubmission> submissions_of(db::Tx& tx, const auth::DataScope& scope, const std::string& template_code,
                                             const std::string& period_key, const std::vector<std::string>& states,
                                             const std::optional<std::string>& region_prefix) {
    db::Params p;
    std::string where = " WHERE " + scope_sql(scope, p);
    auto arg = [&](db::Value v) { return db::bind(p, std::move(v)); };
    where += " AND template_code = " + arg(template_code);
    where += " AND period_key = " + arg(period_key);
    std::string in;
    for (const auto& st : states) in += (in.empty() ? "" : ", ") + arg(st);
    where += " AND state IN (" + (in.empty() ? std::string("NULL") : in) + ")";
    if (region_prefix)
        where += " AND substr(region_code, 1, " + std::to_string(region_prefix->size()) + ") = " + arg(*region_prefix);
    std::vector<ReportSubmission> out;
    for (const auto& r : tx.query(std::string("SELECT ") + kColumns + " FROM report_submissions" + where +
                                      " ORDER BY region_code, agency_id",
                                  p))
        out.push_back(read_submission(r));
    return out;
}

std::vector<std::pair<uint8_t, int64_t>> penalty_type_counts(db::Tx& tx, int64_t agency_id, int first_month,
                                                             int last_month) {
    std::vector<std::pair<uint8_t, int64_t>> out;
    for (const auto& r : tx.query("SELECT penalty_types, COUNT(*) FROM monitoring_acts WHERE agency_id = $1 AND "
                                  "month >= $2 AND month <= $3 AND kind = 'penalty' GROUP BY penalty_types "
                                  "ORDER BY penalty_types",
                                  {agency_id, int64_t{first_month}, int64_t{last_month}}))
        out.emplace_back(static_cast<uint8_t>(r.i64(0)), r.i64(1));
    return out;
}

std::map<std::string, int64_t, std::less<>> sum_metrics(db::Tx& tx, int64_t agency_id, int first_month,
                                                        int last_month) {
    std::map<std::string, int64_t, std::less<>> out;
    // monitoring_agg's primary key (agency_id, month, metric) serves the range.
    for (const auto& r : tx.query("SELECT metric, SUM(value) FROM monitoring_agg WHERE agency_id = $1 AND month >= $2 "
                                  "AND month <= $3 GROUP BY metric ORDER BY metric",
                                  {agency_id, int64_t{first_month}, int64_t{last_month}}))
        out.emplace(r.str(0), r.i64(1));
    return out;
}

}  // namespace lecs::reports::store
