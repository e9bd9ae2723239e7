#include "lecs/coordination/store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <string_view>

#include "lecs/db/values.hpp"

namespace lecs::coordination::store {
namespace {

namespace json = boost::json;

using db::opt;

db::Value opt_date(const std::optional<Date>& d) { return d ? db::Value(d->iso()) : db::Value(nullptr); }
std::optional<Date> date_of(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    return Date::parse(*s);
}

std::string basis_json(const std::vector<LegalBasis>& bs) {
    json::array a;
    for (const auto& b : bs) a.push_back(json::object{{"law", b.law}, {"article", b.article}});
    return json::serialize(a);
}

std::vector<LegalBasis> parse_basis(const std::string& s) {
    std::vector<LegalBasis> out;
    const json::value v = json::parse(s);
    for (const auto& e : v.as_array()) {
        const auto& o = e.as_object();
        out.push_back(LegalBasis{std::string(o.at("law").as_string()), std::string(o.at("article").as_string())});
    }
    return out;
}

constexpr const char* kColumns =
    "id, status, region_code, competent_level, competent_org_id, rule_code, routing_reason, routing_basis, "
    "vertical_flag, vertical_note, vertical_confirmed_by, vertical_confirmed_at, applicant_org_id, focus, "
    "negotiation_date, negotiation_participants, negotiation_outcome, other_info, letter_attachment_id, filed_on, "
    "accepted_on, refusal_code, refusal_reason, review_deadline_id, supplement_deadline_id, "
    "coordination_deadline_id, version, created_at, updated_at, created_by, updated_by, domain, concluded_on";
constexpr size_t kColumnCount = 33;

// "a, b" → "d.a, d.b": the columns of a query that joins or nests on disputes.
std::string aliased(std::string_view columns, std::string_view alias) {
    std::string out(alias);
    for (char c : columns) {
        out += c;
        if (c == ' ') out += alias;
    }
    return out;
}

Dispute dispute_from(const db::Row& r) {
    Dispute d;
    d.id = r.i64(0);
    d.status = r.str(1);
    d.region_code = r.str(2);
    d.competent_level = r.opt_str(3);
    d.competent_org_id = r.opt_i64(4);
    d.rule_code = r.opt_str(5);
    d.routing_reason = r.opt_str(6);
    d.routing_basis = r.opt_str(7);
    d.vertical_flag = r.boolean(8);
    d.vertical_note = r.str(9);
    d.vertical_confirmed_by = r.opt_i64(10);
    d.vertical_confirmed_at = r.opt_i64(11);
    d.applicant_org_id = r.i64(12);
    d.focus = r.str(13);
    d.negotiation_date = date_of(r.opt_str(14));
    d.negotiation_participants = r.str(15);
    d.negotiation_outcome = r.str(16);
    d.other_info = r.str(17);
    d.letter_attachment_id = r.opt_i64(18);
    d.filed_on = date_of(r.opt_str(19));
    d.accepted_on = date_of(r.opt_str(20));
    d.refusal_code = r.opt_str(21);
    d.refusal_reason = r.opt_str(22);
    d.review_deadline_id = r.opt_i64(23);
    d.supplement_deadline_id = r.opt_i64(24);
    d.coordination_deadline_id = r.opt_i64(25);
    d.version = r.i64(26);
    d.created_at = r.i64(27);
    d.updated_at = r.i64(28);
    d.created_by = r.i64(29);
    d.updated_by = r.i64(30);
    d.domain = r.str(31);
    d.concluded_on = date_of(r.opt_str(32));
    return d;
}

void insert_party(db::Tx& tx, int64_t dispute_id, const DisputeParty& p, int64_t ordinal) {
    tx.exec(
        "INSERT INTO dispute_parties (dispute_id, org_id, ordinal, role, position, legal_basis_json, "
        "position_due_on, position_deadline_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {dispute_id, p.org_id, ordinal, p.role, p.position, basis_json(p.legal_basis), opt_date(p.position_due_on),
         opt(p.position_deadline_id)});
}

std::vector<DisputeParty> parties_of(db::Tx& tx, int64_t dispute_id) {
    std::vector<DisputeParty> out;
    for (const auto& r :
         tx.query("SELECT p.org_id, o.name, p.role, p.position, p.legal_basis_json, p.position_due_on, "
                  "p.position_deadline_id FROM dispute_parties p JOIN organizations o ON o.id = p.org_id "
                  "WHERE p.dispute_id = $1 ORDER BY p.ordinal",
                  {dispute_id})) {
        DisputeParty p;
        p.org_id = r.i64(0);
        p.org_name = r.str(1);
        p.role = r.str(2);
        p.position = r.str(3);
        p.legal_basis = parse_basis(r.str(4));
        p.position_due_on = date_of(r.opt_str(5));
        p.position_deadline_id = r.opt_i64(6);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

void insert_dispute(db::Tx& tx, const Dispute& d) {
    tx.exec(std::string("INSERT INTO disputes (") + kColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
                "$20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33)",
            {d.id,
             d.status,
             d.region_code,
             opt(d.competent_level),
             opt(d.competent_org_id),
             opt(d.rule_code),
             opt(d.routing_reason),
             opt(d.routing_basis),
             int64_t{d.vertical_flag ? 1 : 0},
             d.vertical_note,
             opt(d.vertical_confirmed_by),
             opt(d.vertical_confirmed_at),
             d.applicant_org_id,
             d.focus,
             opt_date(d.negotiation_date),
             d.negotiation_participants,
             d.negotiation_outcome,
             d.other_info,
             opt(d.letter_attachment_id),
             opt_date(d.filed_on),
             opt_date(d.accepted_on),
             opt(d.refusal_code),
             opt(d.refusal_reason),
             opt(d.review_deadline_id),
             opt(d.supplement_deadline_id),
             opt(d.coordination_deadline_id),
             d.version,
             d.created_at,
             d.updated_at,
             d.created_by,
             d.updated_by,
             d.domain,
             opt_date(d.concluded_on)});
    for (size_t i = 0; i < d.parties.size(); ++i) insert_party(tx, d.id, d.parties[i], static_cast<int64_t>(i));
}

int64_t update_dispute(db::Tx& tx, const Dispute& d, int64_t expected_version) {
    return tx.exec(
        "UPDATE disputes SET status = $1, region_code = $2, competent_level = $3, competent_org_id = $4, "
        "rule_code = $5, routing_reason = $6, routing_basis = $7, vertical_flag = $8, vertical_note = $9, "
        "vertical_confirmed_by = $10, vertical_confirmed_at = $11, focus = $12, negotiation_date = $13, "
        "negotiation_participants = $14, negotiation_outcome = $15, other_info = $16, letter_attachment_id = $17, "
        "filed_on = $18, accepted_on = $19, refusal_code = $20, refusal_reason = $21, review_deadline_id = $22, "
        "supplement_deadline_id = $23, coordination_deadline_id = $24, version = version + 1, updated_at = $25, "
        "updated_by = $26, domain = $27, concluded_on = $28 WHERE id = $29 AND version = $30",
        {d.status,
         d.region_code,
         opt(d.competent_level),
         opt(d.competent_org_id),
         opt(d.rule_code),
         opt(d.routing_reason),
         opt(d.routing_basis),
         int64_t{d.vertical_flag ? 1 : 0},
         d.vertical_note,
         opt(d.vertical_confirmed_by),
         opt(d.vertical_confirmed_at),
         d.focus,
         opt_date(d.negotiation_date),
         d.negotiation_participants,
         d.negotiation_outcome,
         d.other_info,
         opt(d.letter_attachment_id),
         opt_date(d.filed_on),
         opt_date(d.accepted_on),
         opt(d.refusal_code),
         opt(d.refusal_reason),
         opt(d.review_deadline_id),
         opt(d.supplement_deadline_id),
         opt(d.coordination_deadline_id),
         d.updated_at,
         d.updated_by,
         d.domain,
         opt_date(d.concluded_on),
         d.id,
         expected_version});
}

void replace_parties(db::Tx& tx, int64_t dispute_id, const std::vector<DisputeParty>& parties) {
    // Only a draft's or a supplemented application's statements are rewritten; nothing refers to these rows.
    tx.exec("DELETE FROM dispute_parties WHERE dispute_id = $1", {dispute_id});
    for (size_t i = 0; i < parties.size(); ++i) insert_party(tx, dispute_id, parties[i], static_cast<int64_t>(i));
}

void update_party_deadline(db::Tx& tx, int64_t dispute_id, int64_t org_id, Date due_on, int64_t deadline_id) {
    tx.exec(
        "UPDATE dispute_parties SET position_due_on = $1, position_deadline_id = $2 "
        "WHERE dispute_id = $3 AND org_id = $4",
        {due_on.iso(), deadline_id, dispute_id, org_id});
}

std::optional<Dispute> find_dispute(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kColumns + " FROM disputes WHERE id = $1", {id});
    if (!r) return std::nullopt;
    Dispute d = dispute_from(*r);
    d.parties = parties_of(tx, d.id);
    return d;
}

bool visible(const Dispute& d, const auth::DataScope& scope) {
    auto in_orgs = [&](int64_t org) {
        return std::find(scope.org_ids.begin(), scope.org_ids.end(), org) != scope.org_ids.end();
    };
    if (in_orgs(d.applicant_org_id)) return true;
    if (d.status == "draft") return false;  // a draft is the applicant's alone
    if (d.competent_org_id && in_orgs(*d.competent_org_id)) return true;
    for (const auto& p : d.parties)
        if (in_orgs(p.org_id)) return true;
    if (scope.whole_city) return true;
    for (const auto& prefix : scope.region_prefixes)
        if (!prefix.empty() && d.region_code.compare(0, prefix.size(), prefix) == 0) return true;
    return false;
}

namespace {

// The WHERE clause of the register: the scope's predicate (store.hpp) and the filter; "" when
// the scope sees nothing.
std::string register_where(const auth::DataScope& scope, const ListFilter& f, db::Params& p) {
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    auto org_list = [&] {
        std::string s;
        for (int64_t org : scope.org_ids) s += (s.empty() ? "" : ", ") + arg(org);
        return s;
    };
    std::string submitted;  // who sees a submitted dispute
    if (scope.whole_city) submitted = "1 = 1";
    for (const auto& prefix : scope.region_prefixes) {
        if (prefix.empty()) continue;
        if (!submitted.empty()) submitted += " OR ";
        submitted += "substr(d.region_code, 1, " + std::to_string(prefix.size()) + ") = " + arg(prefix);
    }
    std::string own;  // the applicant sees its drafts too
    if (!scope.org_ids.empty()) {
        own = "d.applicant_org_id IN (" + org_list() + ")";
        if (!submitted.empty()) submitted += " OR ";
        const std::string b = org_list();
        const std::string c = org_list();
        submitted += "d.competent_org_id IN (" + b +
                     ") OR EXISTS (SELECT 1 FROM dispute_parties x WHERE "
                     "x.dispute_id = d.id AND x.org_id IN (" +
                     c + "))";
    }
    if (own.empty() && submitted.empty()) return {};
    std::string where = " WHERE (";
    if (!own.empty()) where += own;
    if (!submitted.empty())
        where += std::string(own.empty() ? "" : " OR ") + "(d.status <> 'draft' AND (" + submitted + "))";
    where += ")";
    if (f.status) where += " AND d.status = " + arg(*f.status);
    if (f.competent_level) where += " AND d.competent_level = " + arg(*f.competent_level);
    if (f.region_code && !f.region_code->empty())
        where +=
            " AND substr(d.region_code, 1, " + std::to_string(f.region_code->size()) + ") = " + arg(*f.region_code);
    if (f.domain) where += " AND d.domain = " + arg(*f.domain);
    if (f.overdue_only) where += " AND " + overdue_sql(arg(f.today.iso()));
    return where;
}

}  // namespace

std::string overdue_sql(const std::string& today_param) {
    // A running pause (补正) stops the clock, so its stale due date is not overdue.
    return "EXISTS (SELECT 1 FROM deadlines dl WHERE dl.owner_kind = 'dispute' AND dl.owner_id = d.id AND "
           "dl.status = 'open' AND dl.due_date < " +
           today_param +
           " AND NOT EXISTS (SELECT 1 FROM deadline_pauses dp WHERE dp.deadline_id = dl.id AND dp.end_date IS "
           "NULL))";
}

DisputePage list_disputes(db::Tx& tx, const auth::DataScope& scope, const ListFilter& f) {
    db::Params p;
    const std::string where = register_where(scope, f, p);
    if (where.empty()) return {};
    DisputePage page;
    page.total = tx.query_one("SELECT COUNT(*) FROM disputes d" + where, p)->i64(0);
    p.push_back(f.today.iso());
    const std::string overdue = "CASE WHEN " + overdue_sql("$" + std::to_string(p.size())) + " THEN 1 ELSE 0 END";
    p.push_back(int64_t{f.limit});
    const std::string limit = "$" + std::to_string(p.size());
    p.push_back(int64_t{f.offset});
    const std::string offset = "$" + std::to_string(p.size());
    const std::string sql = "SELECT " + aliased(kColumns, "d.") + ", " + overdue + " FROM disputes d" + where +
                            " ORDER BY d.created_at DESC, d.id DESC LIMIT " + limit + " OFFSET " + offset;
    const int overdue_col = static_cast<int>(kColumnCount);
    for (const auto& r : tx.query(sql, p)) {
        page.items.push_back(dispute_from(r));
        if (r.i64(overdue_col) != 0) page.overdue_ids.insert(page.items.back().id);
    }
    return page;
}

std::vector<RegisterFacts> register_facts(db::Tx& tx, const auth::DataScope& scope, const ListFilter& f) {
    db::Params p;
    const std::string where = register_where(scope, f, p);
    if (where.empty()) return {};
    p.push_back(f.today.iso());
    const std::string sql = "SELECT d.status, d.competent_level, d.domain, d.filed_on, d.concluded_on, CASE WHEN " +
                            overdue_sql("$" + std::to_string(p.size())) + " THEN 1 ELSE 0 END FROM disputes d" + where;
    std::vector<RegisterFacts> out;
    for (const auto& r : tx.query(sql, p))
        out.push_back(RegisterFacts{r.str(0), r.opt_str(1), r.str(2), date_of(r.opt_str(3)), date_of(r.opt_str(4)),
                                    r.i64(5) != 0});
    return out;
}

std::map<int64_t, std::vector<std::string>> party_names(db::Tx& tx, const std::vector<int64_t>& dispute_ids) {
    std::map<int64_t, std::vector<std::string>> out;
    constexpr size_t kChunk = 500;  // keeps one statement's parameters well inside both engines' limits
    for (size_t i = 0; i < dispute_ids.size(); i += kChunk) {
        db::Params p;
        std::string in;
        for (size_t j = i; j < std::min(dispute_ids.size(), i + kChunk); ++j) {
            p.push_back(dispute_ids[j]);
            in += (in.empty() ? "$" : ", $") + std::to_string(p.size());
        }
        for (const auto& r : tx.query("SELECT p.dispute_id, o.name FROM dispute_parties p JOIN organizations o ON "
                                      "o.id = p.org_id WHERE p.dispute_id IN (" +
                                          in + ") ORDER BY p.dispute_id, p.ordinal",
                                      p))
            out[r.i64(0)].push_back(r.str(1));
    }
    return out;
}

void insert_event(db::Tx& tx, const DisputeEvent& e) {
    tx.exec(
        "INSERT INTO dispute_events (id, dispute_id, kind, at, by_user, by_org, payload_json) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {e.id, e.dispute_id, e.kind, e.at, e.by_user, opt(e.by_org), e.payload_json});
}

std::vector<DisputeEvent> list_events(db::Tx& tx, int64_t dispute_id) {
    std::vector<DisputeEvent> out;
    for (const auto& r : tx.query("SELECT id, dispute_id, kind, at, by_user, by_org, payload_json FROM dispute_events "
                                  "WHERE dispute_id = $1 ORDER BY at, id",
                                  {dispute_id}))
        out.push_back(DisputeEvent{r.i64(0), r.i64(1), r.str(2), r.i64(3), r.i64(4), r.opt_i64(5), r.str(6)});
    return out;
}

}  // namespace lecs::coordination::store
