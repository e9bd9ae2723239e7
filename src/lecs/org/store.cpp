#include "lecs/org/store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "lecs/base/id.hpp"
#include "lecs/db/values.hpp"

namespace lecs::org::store {
namespace {

using db::Params;
using db::Value;

using db::opt;

std::string ph(Params& params, Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
}

// LIKE with the user's text taken literally (no wildcards from input).
std::string like_contains(std::string_view q) {
    std::string s = "%";
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') s += '\\';
        s += c;
    }
    return s + "%";
}

std::string limit_clause(const Page& p, Params& params) {
    int64_t size = std::clamp<int64_t>(p.size, 1, 500);
    int64_t page = std::max<int64_t>(p.page, 1);
    return " LIMIT " + ph(params, size) + " OFFSET " + ph(params, (page - 1) * size);
}

constexpr const char* kOrgCols =
    "o.id, o.name, o.short_name, o.kind, o.external_kind, o.level, o.region_code, o.uscc, o.superior_id, "
    "o.parent_id, o.entrusting_id, o.government_id, o.head_person_id, o.status, o.abolished_on, o.successor_id, "
    "o.version, o.created_at, o.updated_at, o.created_by, o.domain";

Org org_from(const db::Row& r) {
    Org o;
    o.id = r.i64(0);
    o.name = r.str(1);
    o.short_name = r.str(2);
    o.kind = r.str(3);
    o.external_kind = r.opt_str(4);
    o.level = r.str(5);
    o.region_code = r.str(6);
    o.uscc = r.opt_str(7);
    o.superior_id = r.opt_i64(8);
    o.parent_id = r.opt_i64(9);
    o.entrusting_id = r.opt_i64(10);
    o.government_id = r.opt_i64(11);
    o.head_person_id = r.opt_i64(12);
    o.status = r.str(13);
    o.abolished_on = r.opt_str(14);
    o.successor_id = r.opt_i64(15);
    o.version = r.i64(16);
    o.created_at = r.i64(17);
    o.updated_at = r.i64(18);
    o.created_by = r.i64(19);
    o.domain = r.str(20);
    return o;
}

constexpr const char* kPersonCols =
    "p.id, p.name, p.org_id, p.position, p.is_head, p.is_public_servant, p.id_no_enc, p.id_no_idx, p.phone_enc, "
    "p.version, p.created_at, p.updated_at, p.created_by";

PersonRow person_from(const db::Row& r) {
    PersonRow p;
    p.id = r.i64(0);
    p.name = r.str(1);
    p.org_id = r.i64(2);
    p.position = r.str(3);
    p.is_head = r.boolean(4);
    p.is_public_servant = r.boolean(5);
    p.id_no_enc = r.opt_str(6);
    p.id_no_idx = r.opt_str(7);
    p.phone_enc = r.opt_str(8);
    p.version = r.i64(9);
    p.created_at = r.i64(10);
    p.updated_at = r.i64(11);
    p.created_by = r.i64(12);
    return p;
}

constexpr const char* kCertCols =
    "c.id, c.kind, c.number, c.person_id, c.org_id, c.issuer, c.issued_on, c.expires_on, c.fields, c.version, "
    "c.created_at, c.updated_at, c.created_by";

Date date_of(const std::string& s) {
    auto d = Date::parse(s);
    if (!d) throw db::DbError("malformed date in database: " + s);
    return *d;
}

Certificate cert_from(const db::Row& r) {
    Certificate c;
    c.id = r.i64(0);
    c.kind = r.str(1);
    c.number = r.str(2);
    c.person_id = r.i64(3);
    c.org_id = r.i64(4);
    c.issuer = r.str(5);
    c.issued_on = date_of(r.str(6));
    c.expires_on = date_of(r.str(7));
    c.fields_json = r.str(8);
    c.version = r.i64(9);
    c.created_at = r.i64(10);
    c.updated_at = r.i64(11);
    c.created_by = r.i64(12);
    return c;
}

CertificateEvent event_from(const db::Row& r) {
    return CertificateEvent{r.i64(0), r.i64(1), r.str(2), date_of(r.str(3)), r.str(4), r.i64(5), r.i64(6)};
}

std::string ids_json(const std::vector<int64_t>& ids) {
    boost::json::array a;
    for (auto id : ids) a.emplace_back(id_to_string(id));
    return boost::json::serialize(a);
}

std::vector<int64_t> ids_from_json(const std::string& s) {
    std::vector<int64_t> out;
    auto v = boost::json::parse(s);
    for (const auto& e : v.as_array()) out.push_back(e.is_string() ? parse_id(e.as_string()) : e.to_number<int64_t>());
    return out;
}

}  // namespace

std::string scope_clause(const auth::DataScope& scope, std::string_view a, Params& params) {
    if (scope.whole_city) return "1=1";
    std::vector<std::string> parts;
    for (const auto& p : scope.region_prefixes) {
        if (p.empty()) continue;
        parts.push_back("substr(" + std::string(a) + ".region_code, 1, " + std::to_string(p.size()) +
                        ") = " + ph(params, p));
    }
    if (!scope.org_ids.empty()) {
        std::string in = std::string(a) + ".id IN (";
        for (size_t i = 0; i < scope.org_ids.size(); ++i) in += (i ? "," : "") + ph(params, scope.org_ids[i]);
        parts.push_back(in + ")");
    }
    if (parts.empty()) return "1=0";
    std::string s = "(";
    for (size_t i = 0; i < parts.size(); ++i) s += (i ? " OR " : "") + parts[i];
    return s + ")";
}

// ---- regions --------------------------------------------------------------

bool insert_region_if_absent(db::Tx& tx, const Region& r) {
    return tx.exec(
               "INSERT INTO regions (code, name, level, parent_code, effective_from, effective_to, note) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (code, effective_from) DO NOTHING",
               {r.code, r.name, r.level, r.parent_code.empty() ? Value(nullptr) : Value(r.parent_code),
                r.effective_from, opt(r.effective_to), r.note}) > 0;
}

namespace {
Region region_from(const db::Row& r) {
    return Region{r.str(0), r.str(1), r.str(2), r.opt_str(3).value_or(""), r.str(4), r.opt_str(5), r.str(6)};
}
constexpr const char* kRegionCols = "code, name, level, parent_code, effective_from, effective_to, note";
}  // namespace

std::vector<Region> current_regions(db::Tx& tx) {
    std::vector<Region> out;
    for (const auto& r :
         tx.query(std::string("SELECT ") + kRegionCols + " FROM regions WHERE effective_to IS NULL ORDER BY code"))
        out.push_back(region_from(r));
    return out;
}

std::optional<Region> find_current_region(db::Tx& tx, const std::string& code) {
    auto r = tx.query_one(
        std::string("SELECT ") + kRegionCols + " FROM regions WHERE code = $1 AND effective_to IS NULL", {code});
    if (!r) return std::nullopt;
    return region_from(*r);
}

// ---- organisations --------------------------------------------------------

void insert_org(db::Tx& tx, const Org& o) {
    tx.exec(
        "INSERT INTO organizations (id, name, short_name, kind, external_kind, level, region_code, uscc, superior_id, "
        "parent_id, entrusting_id, government_id, head_person_id, status, abolished_on, successor_id, version, "
        "created_at, updated_at, created_by, domain) VALUES "
        "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,"
        "$18,$19,$20,$21)",
        {o.id,
         o.name,
         o.short_name,
         o.kind,
         opt(o.external_kind),
         o.level,
         o.region_code,
         opt(o.uscc),
         opt(o.superior_id),
         opt(o.parent_id),
         opt(o.entrusting_id),
         opt(o.government_id),
         opt(o.head_person_id),
         o.status,
         opt(o.abolished_on),
         opt(o.successor_id),
         o.version,
         o.created_at,
         o.updated_at,
         o.created_by,
         o.domain});
}

std::optional<Org> find_org(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kOrgCols + " FROM organizations o WHERE o.id = $1", {id});
    if (!r) return std::nullopt;
    return org_from(*r);
}

bool update_org(db::Tx& tx, const Org& o, int64_t expected_version) {
    return tx.exec(
               "UPDATE organizations SET name=$1, short_name=$2, uscc=$3, superior_id=$4, parent_id=$5, "
               "entrusting_id=$6, government_id=$7, head_person_id=$8, status=$9, abolished_on=$10, successor_id=$11, "
               "domain=$12, version = version + 1, updated_at=$13 WHERE id=$14 AND version=$15",
               {o.name, o.short_name, opt(o.uscc), opt(o.superior_id), opt(o.parent_id), opt(o.entrusting_id),
                opt(o.government_id), opt(o.head_person_id), o.status, opt(o.abolished_on), opt(o.successor_id),
                o.domain, o.updated_at, o.id, expected_version}) == 1;
}

std::vector<Org> list_orgs(db::Tx& tx, const OrgFilter& f, const auth::DataScope& scope, const Page& p,
                           int64_t* total) {
    Params params;
    std::string where = " WHERE " + scope_clause(scope, "o", params);
    if (f.region && !f.region->empty())
        where += " AND substr(o.region_code, 1, " + std::to_string(f.region->size()) + ") = " + ph(params, *f.region);
    if (f.kind) where += " AND o.kind = " + ph(params, *f.kind);
    if (f.status) where += " AND o.status = " + ph(params, *f.status);
    if (f.q && !f.q->empty()) {
        // One placeholder for both columns, made before the text around it: the operands of + are
        // unsequenced, so "$" + size() could be read before ph() adds the parameter ($0 on PostgreSQL).
        const std::string q = ph(params, like_contains(*f.q));
        where += " AND (o.name LIKE " + q + " ESCAPE '\\' OR o.short_name LIKE " + q + " ESCAPE '\\')";
    }
    if (total) *total = tx.query_one("SELECT COUNT(*) FROM organizations o" + where, params)->i64(0);
    std::string sql = std::string("SELECT ") + kOrgCols + " FROM organizations o" + where +
                      " ORDER BY o.region_code, o.level, o.id" + limit_clause(p, params);
    std::vector<Org> out;
    for (const auto& r : tx.query(sql, params)) out.push_back(org_from(r));
    return out;
}

std::map<int64_t, std::string> domains_of(db::Tx& tx, const std::vector<int64_t>& org_ids) {
    std::map<int64_t, std::string> out;
    // In chunks: one statement's bound parameters are limited (SQLite: 32766).
    constexpr size_t kChunk = 500;
    for (size_t i = 0; i < org_ids.size(); i += kChunk) {
        db::Params p;
        std::string in;
        for (size_t j = i; j < std::min(org_ids.size(), i + kChunk); ++j)
            in += (in.empty() ? "" : ", ") + db::bind(p, org_ids[j]);
        for (const auto& r : tx.query("SELECT id, domain FROM organizations WHERE id IN (" + in + ")", p))
            out.emplace(r.i64(0), r.str(1));
    }
    return out;
}

std::vector<Org> all_orgs(db::Tx& tx, const auth::DataScope& scope) {
    Params params;
    std::string sql = std::string("SELECT ") + kOrgCols + " FROM organizations o WHERE " +
                      scope_clause(scope, "o", params) + " ORDER BY o.region_code, o.id";
    std::vector<Org> out;
    for (const auto& r : tx.query(sql, params)) out.push_back(org_from(r));
    return out;
}

std::vector<int64_t> subordinate_org_ids(db::Tx& tx, int64_t id) {
    std::vector<int64_t> out;
    std::set<int64_t> seen{id};
    std::vector<int64_t> frontier{id};
    while (!frontier.empty()) {
        std::vector<int64_t> next;
        for (int64_t f : frontier) {
            for (const auto& r :
                 tx.query("SELECT id FROM organizations WHERE parent_id = $1 OR entrusting_id = $1 ORDER BY id", {f})) {
                int64_t c = r.i64(0);
                if (seen.insert(c).second) {
                    out.push_back(c);
                    next.push_back(c);
                }
            }
        }
        frontier = std::move(next);
    }
    return out;
}

void insert_history(db::Tx& tx, const OrgHistory& h) {
    tx.exec("INSERT INTO org_history (id, org_id, at_ms, change_json, reason, by_user) VALUES ($1,$2,$3,$4,$5,$6)",
            {h.id, h.org_id, h.at_ms, h.change_json, h.reason, h.by_user});
}

std::vector<OrgHistory> list_history(db::Tx& tx, int64_t org_id) {
    std::vector<OrgHistory> out;
    for (const auto& r : tx.query("SELECT id, org_id, at_ms, change_json, reason, by_user FROM org_history "
                                  "WHERE org_id = $1 ORDER BY at_ms, id",
                                  {org_id}))
        out.push_back(OrgHistory{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.i64(5)});
    return out;
}

// ---- people ---------------------------------------------------------------

void insert_person(db::Tx& tx, const PersonRow& p) {
    tx.exec(
        "INSERT INTO people (id, name, org_id, position, is_head, is_public_servant, id_no_enc, id_no_idx, phone_enc, "
        "version, created_at, updated_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
        {p.id, p.name, p.org_id, p.position, int64_t{p.is_head}, int64_t{p.is_public_servant}, opt(p.id_no_enc),
         opt(p.id_no_idx), opt(p.phone_enc), p.version, p.created_at, p.updated_at, p.created_by});
}

std::optional<PersonRow> find_person(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kPersonCols + " FROM people p WHERE p.id = $1", {id});
    if (!r) return std::nullopt;
    return person_from(*r);
}

bool update_person(db::Tx& tx, const PersonRow& p, int64_t expected_version) {
    return tx.exec(
               "UPDATE people SET name=$1, org_id=$2, position=$3, is_head=$4, is_public_servant=$5, id_no_enc=$6, "
               "id_no_idx=$7, phone_enc=$8, version = version + 1, updated_at=$9 WHERE id=$10 AND version=$11",
               {p.name, p.org_id, p.position, int64_t{p.is_head}, int64_t{p.is_public_servant}, opt(p.id_no_enc),
                opt(p.id_no_idx), opt(p.phone_enc), p.updated_at, p.id, expected_version}) == 1;
}

std::vector<PersonRow> list_people(db::Tx& tx, const PersonFilter& f, const auth::DataScope& scope, const Page& p,
                                   int64_t* total) {
    Params params;
    std::string from =
        " FROM people p JOIN organizations o ON o.id = p.org_id WHERE " + scope_clause(scope, "o", params);
    if (f.org_id) from += " AND p.org_id = " + ph(params, *f.org_id);
    if (f.id_no_idx) from += " AND p.id_no_idx = " + ph(params, *f.id_no_idx);
    if (f.q && !f.q->empty()) from += " AND p.name LIKE " + ph(params, like_contains(*f.q)) + " ESCAPE '\\'";
    if (total) *total = tx.query_one("SELECT COUNT(*)" + from, params)->i64(0);
    std::vector<PersonRow> out;
    for (const auto& r :
         tx.query(std::string("SELECT ") + kPersonCols + from + " ORDER BY p.org_id, p.id" + limit_clause(p, params),
                  params))
        out.push_back(person_from(r));
    return out;
}

std::optional<std::string> person_name(db::Tx& tx, int64_t id) {
    auto r = tx.query_one("SELECT name FROM people WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return r->str(0);
}

// ---- certificates ---------------------------------------------------------

void insert_certificate(db::Tx& tx, const Certificate& c) {
    tx.exec(
        "INSERT INTO certificates (id, kind, number, person_id, org_id, issuer, issued_on, expires_on, fields, "
        "version, created_at, updated_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
        {c.id, c.kind, c.number, c.person_id, c.org_id, c.issuer, c.issued_on.iso(), c.expires_on.iso(), c.fields_json,
         c.version, c.created_at, c.updated_at, c.created_by});
}

std::optional<Certificate> find_certificate(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kCertCols + " FROM certificates c WHERE c.id = $1", {id});
    if (!r) return std::nullopt;
    return cert_from(*r);
}

std::optional<Certificate> find_certificate_by_number(db::Tx& tx, const std::string& number) {
    auto r = tx.query_one(std::string("SELECT ") + kCertCols + " FROM certificates c WHERE c.number = $1", {number});
    if (!r) return std::nullopt;
    return cert_from(*r);
}

bool bump_certificate_version(db::Tx& tx, int64_t id, int64_t expected_version, int64_t now_ms) {
    return tx.exec("UPDATE certificates SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
                   {now_ms, id, expected_version}) == 1;
}

std::vector<Certificate> list_certificates(db::Tx& tx, const CertificateFilter& f, const auth::DataScope& scope) {
    Params params;
    std::string sql = std::string("SELECT ") + kCertCols +
                      " FROM certificates c JOIN organizations o ON o.id = c.org_id WHERE " +
                      scope_clause(scope, "o", params);
    if (f.org_id) sql += " AND c.org_id = " + ph(params, *f.org_id);
    if (f.person_id) sql += " AND c.person_id = " + ph(params, *f.person_id);
    if (f.kind) sql += " AND c.kind = " + ph(params, *f.kind);
    sql += " ORDER BY c.number";
    std::vector<Certificate> out;
    for (const auto& r : tx.query(sql, params)) out.push_back(cert_from(r));
    return out;
}

void insert_certificate_event(db::Tx& tx, const CertificateEvent& e) {
    tx.exec(
        "INSERT INTO certificate_events (id, certificate_id, event, effective_on, reason, at_ms, by_user) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7)",
        {e.id, e.certificate_id, e.event, e.effective_on.iso(), e.reason, e.at_ms, e.by_user});
}

std::vector<CertificateEvent> certificate_events(db::Tx& tx, int64_t certificate_id) {
    std::vector<CertificateEvent> out;
    for (const auto& r : tx.query("SELECT id, certificate_id, event, effective_on, reason, at_ms, by_user FROM "
                                  "certificate_events WHERE certificate_id = $1 ORDER BY effective_on, at_ms, id",
                                  {certificate_id}))
        out.push_back(event_from(r));
    return out;
}

std::vector<CertificateEvent> certificate_events_of(db::Tx& tx, const std::vector<int64_t>& ids) {
    std::vector<CertificateEvent> out;
    // Chunks keep the parameter count far below both drivers' limits.
    constexpr size_t kChunk = 500;
    for (size_t start = 0; start < ids.size(); start += kChunk) {
        Params params;
        std::string in;
        for (size_t i = start; i < std::min(ids.size(), start + kChunk); ++i)
            in += (in.empty() ? "" : ",") + ph(params, ids[i]);
        for (const auto& r : tx.query("SELECT id, certificate_id, event, effective_on, reason, at_ms, by_user FROM "
                                      "certificate_events WHERE certificate_id IN (" +
                                          in + ") ORDER BY certificate_id, effective_on, at_ms, id",
                                      params))
            out.push_back(event_from(r));
    }
    return out;
}

// ---- staffing and training ------------------------------------------------

std::vector<Staffing> list_staffing(db::Tx& tx, int64_t org_id) {
    std::vector<Staffing> out;
    for (const auto& r : tx.query("SELECT org_id, year, approved_posts, actual_staff, supervised_agencies, version "
                                  "FROM staffing WHERE org_id = $1 ORDER BY year DESC",
                                  {org_id}))
        out.push_back(Staffing{r.i64(0), static_cast<int>(r.i64(1)), r.i64(2), r.i64(3), r.i64(4), r.i64(5)});
    return out;
}

std::optional<Staffing> find_staffing(db::Tx& tx, int64_t org_id, int year) {
    auto r = tx.query_one(
        "SELECT org_id, year, approved_posts, actual_staff, supervised_agencies, version "
        "FROM staffing WHERE org_id = $1 AND year = $2",
        {org_id, int64_t{year}});
    if (!r) return std::nullopt;
    return Staffing{r->i64(0), static_cast<int>(r->i64(1)), r->i64(2), r->i64(3), r->i64(4), r->i64(5)};
}

void insert_staffing(db::Tx& tx, const Staffing& s, int64_t now_ms, int64_t by) {
    tx.exec(
        "INSERT INTO staffing (org_id, year, approved_posts, actual_staff, supervised_agencies, version, created_at, "
        "updated_at, created_by) VALUES ($1,$2,$3,$4,$5,1,$6,$6,$7)",
        {s.org_id, int64_t{s.year}, s.approved_posts, s.actual_staff, s.supervised_agencies, now_ms, by});
}

bool update_staffing(db::Tx& tx, const Staffing& s, int64_t expected_version, int64_t now_ms) {
    return tx.exec(
               "UPDATE staffing SET approved_posts=$1, actual_staff=$2, supervised_agencies=$3, version = version + 1, "
               "updated_at=$4 WHERE org_id=$5 AND year=$6 AND version=$7",
               {s.approved_posts, s.actual_staff, s.supervised_agencies, now_ms, s.org_id, int64_t{s.year},
                expected_version}) == 1;
}

void insert_training(db::Tx& tx, const Training& t, int64_t now_ms, int64_t by) {
    tx.exec(
        "INSERT INTO trainings (id, org_id, course, held_on, minutes, attendees, version, created_at, updated_at, "
        "created_by) VALUES ($1,$2,$3,$4,$5,$6,1,$7,$7,$8)",
        {t.id, t.org_id, t.course, t.held_on.iso(), t.minutes, ids_json(t.attendees), now_ms, by});
}

std::vector<Training> list_trainings(db::Tx& tx, const TrainingFilter& f, const auth::DataScope& scope, const Page& p,
                                     int64_t* total) {
    Params params;
    std::string from =
        " FROM trainings t JOIN organizations o ON o.id = t.org_id WHERE " + scope_clause(scope, "o", params);
    if (f.org_id) from += " AND t.org_id = " + ph(params, *f.org_id);
    if (f.year) from += " AND substr(t.held_on, 1, 4) = " + ph(params, std::to_string(*f.year));
    if (total) *total = tx.query_one("SELECT COUNT(*)" + from, params)->i64(0);
    std::vector<Training> out;
    for (const auto& r : tx.query("SELECT t.id, t.org_id, t.course, t.held_on, t.minutes, t.attendees, t.version" +
                                      from + " ORDER BY t.held_on DESC, t.id" + limit_clause(p, params),
                                  params))
        out.push_back(
            Training{r.i64(0), r.i64(1), r.str(2), date_of(r.str(3)), r.i64(4), ids_from_json(r.str(5)), r.i64(6)});
    return out;
}

}  // namespace lecs::org::store
