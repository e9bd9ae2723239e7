#include "lecs/monitoring/store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>

namespace lecs::monitoring::store {
namespace {

using db::Dialect;
using db::Params;
using db::Row;
using db::Tx;
using db::Value;

Value opt_date(const std::optional<Date>& d) { return d ? Value(d->iso()) : Value(nullptr); }
std::optional<Date> read_date(const Row& r, size_t i) {
    if (r.is_null(i)) return std::nullopt;
    return Date::parse(r.str(i));
}
Date must_date(const Row& r, size_t i) {
    auto d = Date::parse(r.str(i));
    if (!d) throw db::DbError("monitoring: bad date '" + r.str(i) + "' in the database");
    return *d;
}

// The key lists of a batch lookup. SQLite: one JSON array bound as text, walked by json_each (the
// CROSS JOIN keeps it the outer loop, so every probe is a primary-key lookup). PostgreSQL: bigint
// arrays bound as text and unnested.
std::string json_keys(const std::vector<Key>& keys) {
    std::string s = "[";
    for (const auto& [a, e] : keys) {
        if (s.size() > 1) s += ',';
        s += '[';
        s += std::to_string(a);
        s += ',';
        s += std::to_string(e);
        s += ']';
    }
    s += ']';
    return s;
}
std::string pg_array(const std::vector<int64_t>& v) {
    std::string s = "{";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += ',';
        s += std::to_string(v[i]);
    }
    s += '}';
    return s;
}
std::string json_ints(const std::vector<int64_t>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += ',';
        s += std::to_string(v[i]);
    }
    s += ']';
    return s;
}

// "FROM <keys> JOIN <table> t ON (t.agency_id, t.ext_key) = key" for a batch of keys.
std::string keyed_from(Dialect d, const char* table) {
    if (d == Dialect::kSqlite)
        return std::string(" FROM json_each($1) k CROSS JOIN ") + table +
               " t WHERE t.agency_id = json_extract(k.value, '$[0]') AND t.ext_key = json_extract(k.value, '$[1]')";
    return std::string(" FROM unnest($1::bigint[], $2::bigint[]) AS k(agency_id, ext_key) JOIN ") + table +
           " t ON t.agency_id = k.agency_id AND t.ext_key = k.ext_key WHERE TRUE";
}
Params key_params(Dialect d, const std::vector<Key>& keys) {
    if (d == Dialect::kSqlite) return {json_keys(keys)};
    std::vector<int64_t> a, e;
    a.reserve(keys.size());
    e.reserve(keys.size());
    for (const auto& k : keys) {
        a.push_back(k.first);
        e.push_back(k.second);
    }
    return {pg_array(a), pg_array(e)};
}

// ---- acts ----

constexpr const char* kActCols =
    "agency_id, ext_key, external_id, kind, act_date, month, region_code, case_no, item_code, officers, party_type, "
    "party_key, filed_on, decided_on, served_on, closed_on, published_on, penalty_types, amount_fen, procedure, "
    "legal_review, major, publish_required, extension_days, excluded_days, entrusted_id, warn_mask, cert_slots, "
    "cert_valid, pub_state, batch_id, updated_at";
constexpr const char* kActColsT =
    "t.agency_id, t.ext_key, t.external_id, t.kind, t.act_date, t.month, t.region_code, t.case_no, t.item_code, "
    "t.officers, t.party_type, t.party_key, t.filed_on, t.decided_on, t.served_on, t.closed_on, t.published_on, "
    "t.penalty_types, t.amount_fen, t.procedure, t.legal_review, t.major, t.publish_required, t.extension_days, "
    "t.excluded_days, t.entrusted_id, t.warn_mask, t.cert_slots, t.cert_valid, t.pub_state, t.batch_id, t.updated_at";
constexpr int kActColCount = 32;
constexpr const char* kActUpdateSet =
    "external_id = excluded.external_id, kind = excluded.kind, act_date = excluded.act_date, month = excluded.month, "
    "region_code = excluded.region_code, case_no = excluded.case_no, item_code = excluded.item_code, "
    "officers = excluded.officers, party_type = excluded.party_type, party_key = excluded.party_key, "
    "filed_on = excluded.filed_on, decided_on = excluded.decided_on, served_on = excluded.served_on, "
    "closed_on = excluded.closed_on, published_on = excluded.published_on, penalty_types = excluded.penalty_types, "
    "amount_fen = excluded.amount_fen, procedure = excluded.procedure, legal_review = excluded.legal_review, "
    "major = excluded.major, publish_required = excluded.publish_required, extension_days = excluded.extension_days, "
    "excluded_days = excluded.excluded_days, entrusted_id = excluded.entrusted_id, warn_mask = excluded.warn_mask, "
    "cert_slots = excluded.cert_slots, cert_valid = excluded.cert_valid, pub_state = excluded.pub_state, "
    "batch_id = excluded.batch_id, updated_at = excluded.updated_at";

std::vector<std::string> parse_officers(const std::string& json) {
    std::vector<std::string> out;
    // officers_json() writes ["a","b"]; without a backslash the strings hold no escape, so they can
    // be cut out directly (reevaluate decodes every act: a full JSON parse per row cost 12 % of it).
    if (json.size() >= 2 && json.front() == '[' && json.back() == ']' && json.find('\\') == std::string::npos) {
        size_t i = 1;
        const size_t end = json.size() - 1;
        bool ok = true;
        while (ok && i < end) {
            if (json[i] != '"') {
                ok = false;
                break;
            }
            const size_t close = json.find('"', i + 1);
            if (close == std::string::npos || close >= end) {
                ok = false;
                break;
            }
            out.emplace_back(json, i + 1, close - i - 1);
            i = close + 1;
            if (i < end) {
                if (json[i] != ',') ok = false;
                ++i;
            }
        }
        if (ok) return out;
        out.clear();
    }
    boost::system::error_code ec;
    auto v = boost::json::parse(json, ec);
    if (ec || !v.is_array()) throw db::DbError("monitoring: bad officers JSON in the database");
    for (const auto& o : v.as_array())
        if (o.is_string()) out.emplace_back(o.as_string().c_str(), o.as_string().size());
    return out;
}

template <class Enum>
Enum must(std::optional<Enum> e, const std::string& word) {
    if (!e) throw db::DbError("monitoring: unknown word '" + word + "' in the database");
    return *e;
}

StoredAct act_from_row(const Row& r) {
    StoredAct a;
    a.agency_id = r.i64(0);
    a.ext_key = r.i64(1);
    a.row.external_id = r.str(2);
    const std::string kind = r.str(3);
    a.row.kind = must(act_kind_from_string(kind), kind);
    a.act_date = must_date(r, 4);
    a.month = static_cast<int>(r.i64(5));
    a.region_code = r.str(6);
    a.row.case_no = r.str(7);
    a.row.item_code = r.str(8);
    a.row.officers = parse_officers(r.str(9));
    const std::string pt = r.str(10);
    a.row.party_type = must(party_type_from_string(pt), pt);
    a.row.party_key = r.str(11);
    a.row.filed_on = read_date(r, 12);
    a.row.decided_on = read_date(r, 13);
    a.row.served_on = read_date(r, 14);
    a.row.closed_on = read_date(r, 15);
    a.row.published_on = read_date(r, 16);
    a.row.penalty_types = static_cast<uint8_t>(r.i64(17));
    a.row.amount_fen = r.i64(18);
    const std::string proc = r.str(19);
    a.row.procedure = must(procedure_from_string(proc), proc);
    a.row.legal_review = r.boolean(20);
    a.row.major = r.boolean(21);
    a.row.publish_required = r.boolean(22);
    a.row.extension_days = static_cast<int>(r.i64(23));
    a.row.excluded_days = static_cast<int>(r.i64(24));
    a.entrusted_id = r.opt_i64(25).value_or(0);
    a.warn_mask = static_cast<uint32_t>(r.i64(26));
    a.cert_slots = static_cast<int>(r.i64(27));
    a.cert_valid = static_cast<int>(r.i64(28));
    a.pub_state = static_cast<int>(r.i64(29));
    a.batch_id = r.i64(30);
    a.updated_at = r.i64(31);
    return a;
}

void act_params(const StoredAct& a, Params& p) {
    p.clear();
    p.reserve(kActColCount);
    p.emplace_back(a.agency_id);
    p.emplace_back(a.ext_key);
    p.emplace_back(a.row.external_id);
    p.emplace_back(std::string(to_string(a.row.kind)));
    p.emplace_back(a.act_date.iso());
    p.emplace_back(int64_t{a.month});
    p.emplace_back(a.region_code);
    p.emplace_back(a.row.case_no);
    p.emplace_back(a.row.item_code);
    p.emplace_back(officers_json(a.row.officers));
    p.emplace_back(std::string(to_string(a.row.party_type)));
    p.emplace_back(a.row.party_key);
    p.push_back(opt_date(a.row.filed_on));
    p.push_back(opt_date(a.row.decided_on));
    p.push_back(opt_date(a.row.served_on));
    p.push_back(opt_date(a.row.closed_on));
    p.push_back(opt_date(a.row.published_on));
    p.emplace_back(int64_t{a.row.penalty_types});
    p.emplace_back(a.row.amount_fen);
    p.emplace_back(std::string(to_string(a.row.procedure)));
    p.emplace_back(int64_t{a.row.legal_review ? 1 : 0});
    p.emplace_back(int64_t{a.row.major ? 1 : 0});
    p.emplace_back(int64_t{a.row.publish_required ? 1 : 0});
    p.emplace_back(int64_t{a.row.extension_days});
    p.emplace_back(int64_t{a.row.excluded_days});
    p.push_back(a.entrusted_id ? Value(a.entrusted_id) : Value(nullptr));
    p.emplace_back(int64_t{a.warn_mask});
    p.emplace_back(int64_t{a.cert_slots});
    p.emplace_back(int64_t{a.cert_valid});
    p.emplace_back(int64_t{a.pub_state});
    p.emplace_back(a.batch_id);
    p.emplace_back(a.updated_at);
}

// COPY text format: backslash escapes for the characters that would break the row.
void tsv_text(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}
void tsv_value(std::string& out, const Value& v) {
    if (std::holds_alternative<std::nullptr_t>(v)) {
        out += "\\N";
    } else if (auto p = std::get_if<int64_t>(&v)) {
        char buf[24];
        auto [e, ec] = std::to_chars(buf, buf + sizeof buf, *p);
        out.append(buf, e);
    } else if (auto p = std::get_if<std::string>(&v)) {
        tsv_text(out, *p);
    } else {
        throw db::DbError("monitoring: unexpected value type for COPY");
    }
}

std::string inspections_json(const std::vector<Inspection>& rows) {
    std::string s = "[";
    for (const auto& i : rows) {
        if (s.size() > 1) s += ',';
        s += "{\"p\":" + std::to_string(i.party_hash) + ",\"d\":\"" + i.act_date.iso() +
             "\",\"a\":" + std::to_string(i.agency_id) + ",\"e\":" + std::to_string(i.ext_key) + "}";
    }
    return s + "]";
}

std::string act_select(Dialect d) { return std::string("SELECT ") + kActColsT + keyed_from(d, "monitoring_acts"); }

// ---- warnings ----

constexpr const char* kWarnCols =
    "t.id, t.agency_id, t.ext_key, t.rule, t.severity, t.state, t.summary, t.evidence, t.act_date, t.month, "
    "t.version";

StoredWarning warning_from_row(const Row& r) {
    StoredWarning w;
    w.id = r.i64(0);
    w.agency_id = r.i64(1);
    w.ext_key = r.i64(2);
    const std::string rule = r.str(3);
    w.rule = must(rule_from_string(rule), rule);
    w.severity = r.str(4);
    w.state = r.str(5);
    w.summary = r.str(6);
    w.evidence = r.str(7);
    w.act_date = r.str(8);
    w.month = static_cast<int>(r.i64(9));
    w.version = r.i64(10);
    return w;
}

// ---- cases ----

constexpr const char* kCaseColsT =
    "t.agency_id, t.ext_key, t.external_id, t.kind, t.received_on, t.concluded_on, t.outcome, t.month, t.batch_id";

StoredCase case_from_row(const Row& r) {
    StoredCase c;
    c.agency_id = r.i64(0);
    c.ext_key = r.i64(1);
    c.row.external_id = r.str(2);
    const std::string kind = r.str(3);
    c.row.kind = must(case_kind_from_string(kind), kind);
    c.row.received_on = must_date(r, 4);
    c.row.concluded_on = read_date(r, 5);
    c.row.outcome = r.opt_str(6).value_or("");
    c.month = static_cast<int>(r.i64(7));
    c.batch_id = r.i64(8);
    return c;
}

}  // namespace

std::string officers_json(const std::vector<std::string>& officers) {
    std::string s = "[";
    for (size_t i = 0; i < officers.size(); ++i) {
        if (i) s += ',';
        s += '"';
        for (unsigned char c : officers[i]) {
            if (c == '"' || c == '\\') {
                s += '\\';
                s += static_cast<char>(c);
            } else if (c < 0x20) {
                static const char* kHex = "0123456789abcdef";
                s += "\\u00";
                s += kHex[c >> 4];
                s += kHex[c & 15];
            } else {
                s += static_cast<char>(c);
            }
        }
        s += '"';
    }
    s += ']';
    return s;
}

// ---- facts ----

const OrgFacts* OrgIndex::find_uscc(std::string_view uscc) const {
    auto it = by_uscc.find(std::string(uscc));
    return it == by_uscc.end() ? nullptr : &it->second;
}
const OrgFacts* OrgIndex::find_id(int64_t id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &it->second;
}

OrgIndex load_orgs(Tx& tx) {
    OrgIndex idx;
    for (const auto& r : tx.query("SELECT id, uscc, region_code, level, name FROM organizations")) {
        OrgFacts o;
        o.id = r.i64(0);
        o.uscc = r.opt_str(1).value_or("");
        o.region_code = r.str(2);
        o.level = r.str(3);
        o.name = r.str(4);
        if (!o.uscc.empty()) idx.by_uscc.emplace(o.uscc, o);
        idx.by_id.emplace(o.id, std::move(o));
    }
    return idx;
}

std::unordered_map<std::string, rules::CertificateFacts> load_certificate_facts(Tx& tx) {
    std::unordered_map<std::string, rules::CertificateFacts> out;
    std::unordered_map<int64_t, std::string> number_of;
    for (const auto& r :
         tx.query("SELECT c.id, c.number, c.kind, c.issued_on, c.expires_on, p.name FROM certificates c "
                  "JOIN people p ON p.id = c.person_id")) {
        rules::CertificateFacts f;
        f.known = true;
        f.enforcement = r.str(2) == "enforcement";
        f.issued_on = read_date(r, 3);
        f.expires_on = read_date(r, 4);
        f.holder = r.str(5);
        number_of.emplace(r.i64(0), r.str(1));
        out.emplace(r.str(1), std::move(f));
    }
    // The status history in date order: the last suspension (and the reinstatement after it) and
    // the revocation decide validity on a date (certificate_valid_on).
    for (const auto& r : tx.query(
             "SELECT certificate_id, event, effective_on FROM certificate_events "
             "WHERE event IN ('suspended', 'reinstated', 'revoked') ORDER BY certificate_id, effective_on, at_ms")) {
        auto n = number_of.find(r.i64(0));
        if (n == number_of.end()) continue;
        auto& f = out[n->second];
        const auto d = read_date(r, 2);
        const std::string ev = r.str(1);
        if (ev == "suspended") {
            f.suspended_from = d;
            f.reinstated_on.reset();
        } else if (ev == "reinstated") {
            if (f.suspended_from) f.reinstated_on = d;
        } else if (!f.revoked_on) {
            f.revoked_on = d;
        }
    }
    return out;
}

size_t CatalogKeyHash::operator()(const CatalogKey& k) const noexcept {
    return std::hash<int64_t>()(k.agency_id) * 31 + std::hash<std::string>()(k.item_code);
}

CatalogIndex load_catalog_facts(Tx& tx) {
    CatalogIndex idx;
    for (const auto& r :
         tx.query("SELECT agency_id, item_code, name, effective_from, effective_to, min_amount_fen, max_amount_fen "
                  "FROM catalog_items WHERE status = 'active' ORDER BY agency_id, item_code, effective_from")) {
        rules::CatalogFacts f;
        f.name = r.str(2);
        f.effective_from = must_date(r, 3);
        f.effective_to = read_date(r, 4);
        f.min_amount_fen = r.opt_i64(5);
        f.max_amount_fen = r.opt_i64(6);
        idx[CatalogKey{r.i64(0), r.str(1)}].push_back(std::move(f));
    }
    return idx;
}

// ---- acts ----

std::vector<StoredAct> find_acts(Tx& tx, const std::vector<Key>& keys) {
    std::vector<StoredAct> out;
    if (keys.empty()) return out;
    const auto d = tx.dialect();
    for (const auto& r : tx.query(act_select(d) + " ORDER BY t.agency_id, t.ext_key", key_params(d, keys)))
        out.push_back(act_from_row(r));
    return out;
}

std::vector<ActMark> find_marks(Tx& tx, const std::vector<Key>& keys) {
    std::vector<ActMark> out;
    if (keys.empty()) return out;
    const auto d = tx.dialect();
    const db::Rows rows = tx.query(std::string("SELECT t.agency_id, t.ext_key, t.act_date, t.month, t.warn_mask") +
                                       keyed_from(d, "monitoring_acts") + " ORDER BY t.agency_id, t.ext_key",
                                   key_params(d, keys));
    out.reserve(rows.size());
    for (const auto& r : rows)
        out.push_back(
            ActMark{r.i64(0), r.i64(1), r.str(2), static_cast<int>(r.i64(3)), static_cast<uint32_t>(r.i64(4))});
    return out;
}

std::vector<StoredAct> acts_after(Tx& tx, std::optional<Key> after, int limit) {
    std::vector<StoredAct> out;
    const std::string base = std::string("SELECT ") + kActColsT + " FROM monitoring_acts t";
    db::Rows rows;
    if (after)
        rows = tx.query(base + " WHERE (t.agency_id, t.ext_key) > ($1, $2) ORDER BY t.agency_id, t.ext_key LIMIT $3",
                        {after->first, after->second, int64_t{limit}});
    else
        rows = tx.query(base + " ORDER BY t.agency_id, t.ext_key LIMIT $1", {int64_t{limit}});
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(act_from_row(r));
    return out;
}

void lock_acts(Tx& tx) {
    if (tx.dialect() == Dialect::kPostgres) tx.exec("SELECT pg_advisory_xact_lock($1)", {kActsLockKey});
}

namespace {
std::string copy_rows(const std::vector<const StoredAct*>& rows) {
    Params p;
    std::string data;
    data.reserve(rows.size() * 320);
    for (const StoredAct* a : rows) {
        act_params(*a, p);
        for (size_t i = 0; i < p.size(); ++i) {
            if (i) data += '\t';
            tsv_value(data, p[i]);
        }
        data += '\n';
    }
    return data;
}
}  // namespace

void write_acts(Tx& tx, const std::vector<const StoredAct*>& fresh, const std::vector<const StoredAct*>& changed) {
    if (tx.dialect() == Dialect::kSqlite) {
        static const std::string insert = [] {
            std::string s = std::string("INSERT INTO monitoring_acts (") + kActCols + ") VALUES (";
            for (int i = 1; i <= kActColCount; ++i) s += (i > 1 ? ", $" : "$") + std::to_string(i);
            return s + ")";
        }();
        static const std::string upsert = insert + " ON CONFLICT (agency_id, ext_key) DO UPDATE SET " + kActUpdateSet;
        Params p;
        for (const StoredAct* a : fresh) {
            act_params(*a, p);
            tx.exec(insert, p);
        }
        for (const StoredAct* a : changed) {
            act_params(*a, p);
            tx.exec(upsert, p);
        }
        return;
    }
    // PostgreSQL. New rows: one COPY straight into the table (the batch holds lock_acts, so no other
    // ingest can add the same key between the lookup and the COPY). Changed rows: one COPY into a
    // per-session staging table (emptied at every commit), then one set-based upsert in key order.
    if (!fresh.empty()) tx.copy_in(std::string("COPY monitoring_acts (") + kActCols + ") FROM STDIN", copy_rows(fresh));
    if (changed.empty()) return;
    if (tx.query_one("SELECT to_regclass('pg_temp.monitoring_acts_stage') IS NULL")->boolean(0))
        tx.exec_script("CREATE TEMPORARY TABLE monitoring_acts_stage (LIKE monitoring_acts) ON COMMIT DELETE ROWS");
    tx.copy_in(std::string("COPY monitoring_acts_stage (") + kActCols + ") FROM STDIN", copy_rows(changed));
    tx.exec(std::string("INSERT INTO monitoring_acts (") + kActCols + ") SELECT " + kActCols +
            " FROM monitoring_acts_stage ORDER BY agency_id, ext_key ON CONFLICT (agency_id, ext_key) DO UPDATE SET " +
            kActUpdateSet);
    tx.exec("DELETE FROM monitoring_acts_stage");
}

void update_evaluation(Tx& tx, const StoredAct& a) {
    tx.exec(
        "UPDATE monitoring_acts SET warn_mask = $3, cert_slots = $4, cert_valid = $5, pub_state = $6 "
        "WHERE agency_id = $1 AND ext_key = $2",
        {a.agency_id, a.ext_key, int64_t{a.warn_mask}, int64_t{a.cert_slots}, int64_t{a.cert_valid},
         int64_t{a.pub_state}});
}

void set_warn_mask(Tx& tx, const Key& k, uint32_t warn_mask) {
    tx.exec("UPDATE monitoring_acts SET warn_mask = $3 WHERE agency_id = $1 AND ext_key = $2",
            {k.first, k.second, int64_t{warn_mask}});
}

// ---- inspections ----

void insert_inspections(Tx& tx, const std::vector<Inspection>& rows) {
    if (rows.empty()) return;
    if (tx.dialect() == Dialect::kSqlite) {
        for (const auto& i : rows)
            tx.exec(
                "INSERT INTO monitoring_inspections (party_hash, act_date, agency_id, ext_key) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT DO NOTHING",
                {i.party_hash, i.act_date.iso(), i.agency_id, i.ext_key});
        return;
    }
    tx.exec(
        "INSERT INTO monitoring_inspections (party_hash, act_date, agency_id, ext_key) SELECT p, d, a, e FROM "
        "json_to_recordset($1::json) AS x(p bigint, d text, a bigint, e bigint) ORDER BY 1, 2, 3, 4 "
        "ON CONFLICT DO NOTHING",
        {inspections_json(rows)});
}

void delete_inspections(Tx& tx, const std::vector<Inspection>& rows) {
    if (rows.empty()) return;
    if (tx.dialect() == Dialect::kSqlite) {
        for (const auto& i : rows)
            tx.exec(
                "DELETE FROM monitoring_inspections WHERE party_hash = $1 AND act_date = $2 AND agency_id = $3 AND "
                "ext_key = $4",
                {i.party_hash, i.act_date.iso(), i.agency_id, i.ext_key});
        return;
    }
    tx.exec(
        "DELETE FROM monitoring_inspections i USING json_to_recordset($1::json) AS x(p bigint, d text, a bigint, "
        "e bigint) WHERE i.party_hash = x.p AND i.act_date = x.d AND i.agency_id = x.a AND i.ext_key = x.e",
        {inspections_json(rows)});
}

namespace {
Inspection inspection_from_row(const Row& r) { return Inspection{r.i64(0), must_date(r, 1), r.i64(2), r.i64(3)}; }
}  // namespace

std::vector<Inspection> inspections_of(Tx& tx, const std::vector<int64_t>& party_hashes) {
    std::vector<Inspection> out;
    if (party_hashes.empty()) return out;
    db::Rows rows;
    if (tx.dialect() == Dialect::kSqlite)
        rows = tx.query(
            "SELECT i.party_hash, i.act_date, i.agency_id, i.ext_key FROM json_each($1) k CROSS JOIN "
            "monitoring_inspections i WHERE i.party_hash = k.value ORDER BY 1, 2, 3, 4",
            {json_ints(party_hashes)});
    else
        rows = tx.query(
            "SELECT i.party_hash, i.act_date, i.agency_id, i.ext_key FROM monitoring_inspections i "
            "WHERE i.party_hash = ANY($1::bigint[]) ORDER BY 1, 2, 3, 4",
            {pg_array(party_hashes)});
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(inspection_from_row(r));
    return out;
}

std::vector<Inspection> inspections_after(Tx& tx, std::optional<int64_t> after_party, int limit) {
    // The parties of the next `limit` rows, then every row of those parties (a party is never split).
    db::Rows last = after_party ? tx.query(
                                      "SELECT party_hash FROM monitoring_inspections WHERE party_hash > $1 "
                                      "ORDER BY party_hash LIMIT $2",
                                      {*after_party, int64_t{limit}})
                                : tx.query("SELECT party_hash FROM monitoring_inspections ORDER BY party_hash LIMIT $1",
                                           {int64_t{limit}});
    std::vector<Inspection> out;
    if (last.empty()) return out;
    const int64_t hi = last.rows.back().i64(0);
    db::Rows rows = after_party ? tx.query(
                                      "SELECT party_hash, act_date, agency_id, ext_key FROM monitoring_inspections "
                                      "WHERE party_hash > $1 AND party_hash <= $2 ORDER BY 1, 2, 3, 4",
                                      {*after_party, hi})
                                : tx.query(
                                      "SELECT party_hash, act_date, agency_id, ext_key FROM monitoring_inspections "
                                      "WHERE party_hash <= $1 ORDER BY 1, 2, 3, 4",
                                      {hi});
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(inspection_from_row(r));
    return out;
}

// ---- warnings ----

std::vector<StoredWarning> warnings_of(Tx& tx, const std::vector<Key>& keys, std::optional<RuleCode> rule) {
    std::vector<StoredWarning> out;
    if (keys.empty()) return out;
    const auto d = tx.dialect();
    Params p = key_params(d, keys);
    std::string sql = std::string("SELECT ") + kWarnCols + keyed_from(d, "monitoring_warnings");
    if (rule) {
        sql += " AND t.rule = $" + std::to_string(p.size() + 1);
        p.emplace_back(std::string(to_string(*rule)));
    }
    sql += " ORDER BY t.agency_id, t.ext_key, t.rule";
    for (const auto& r : tx.query(sql, p)) out.push_back(warning_from_row(r));
    return out;
}

std::vector<StoredWarning> warnings_between(Tx& tx, std::optional<Key> from, const Key& to) {
    std::vector<StoredWarning> out;
    const std::string base = std::string("SELECT ") + kWarnCols + " FROM monitoring_warnings t WHERE ";
    db::Rows rows =
        from ? tx.query(base +
                            "(t.agency_id, t.ext_key) > ($1, $2) AND (t.agency_id, t.ext_key) <= ($3, $4) "
                            "ORDER BY t.agency_id, t.ext_key, t.rule",
                        {from->first, from->second, to.first, to.second})
             : tx.query(base + "(t.agency_id, t.ext_key) <= ($1, $2) ORDER BY t.agency_id, t.ext_key, t.rule",
                        {to.first, to.second});
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(warning_from_row(r));
    return out;
}

void insert_warnings(Tx& tx, const std::vector<NewWarning>& rows, int64_t now_ms) {
    if (rows.empty()) return;
    if (tx.dialect() == Dialect::kSqlite) {
        for (const auto& w : rows)
            tx.exec(
                "INSERT INTO monitoring_warnings (id, agency_id, ext_key, rule, severity, state, region_code, "
                "act_date, month, summary, evidence, evaluated_at, version, created_at, updated_at, created_by) "
                "VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11, 1, $11, $11, 0)",
                {w.id, w.agency_id, w.ext_key, std::string(to_string(w.rule)),
                 std::string(to_string(w.finding->severity)), w.region_code, w.act_date, int64_t{w.month},
                 w.finding->summary, w.finding->evidence, now_ms});
        return;
    }
    boost::json::array arr;
    arr.reserve(rows.size());
    for (const auto& w : rows)
        arr.push_back(boost::json::object{{"id", w.id},
                                          {"a", w.agency_id},
                                          {"e", w.ext_key},
                                          {"r", to_string(w.rule)},
                                          {"s", to_string(w.finding->severity)},
                                          {"rc", w.region_code},
                                          {"d", w.act_date},
                                          {"m", w.month},
                                          {"su", w.finding->summary},
                                          {"ev", w.finding->evidence}});
    tx.exec(
        "INSERT INTO monitoring_warnings (id, agency_id, ext_key, rule, severity, state, region_code, act_date, "
        "month, summary, evidence, evaluated_at, version, created_at, updated_at, created_by) SELECT id, a, e, r, s, "
        "'open', rc, d, m, su, ev, $2, 1, $2, $2, 0 FROM json_to_recordset($1::json) AS x(id bigint, a bigint, "
        "e bigint, r text, s text, rc text, d text, m integer, su text, ev text)",
        {boost::json::serialize(arr), now_ms});
}

void refresh_warning(Tx& tx, int64_t id, const Finding& f, const std::string& act_date, int month, bool reopen,
                     int64_t now_ms) {
    if (reopen)
        tx.exec(
            "UPDATE monitoring_warnings SET severity = $2, summary = $3, evidence = $4, act_date = $5, month = $6, "
            "state = 'open', resolved_at = NULL, sent_at = NULL, response = NULL, responded_at = NULL, "
            "responded_by = NULL, evaluated_at = $7, updated_at = $7, version = version + 1 WHERE id = $1",
            {id, std::string(to_string(f.severity)), f.summary, f.evidence, act_date, int64_t{month}, now_ms});
    else
        tx.exec(
            "UPDATE monitoring_warnings SET severity = $2, summary = $3, evidence = $4, act_date = $5, month = $6, "
            "evaluated_at = $7, updated_at = $7, version = version + 1 WHERE id = $1",
            {id, std::string(to_string(f.severity)), f.summary, f.evidence, act_date, int64_t{month}, now_ms});
}

void resolve_warning(Tx& tx, int64_t id, int64_t now_ms) {
    tx.exec(
        "UPDATE monitoring_warnings SET state = 'resolved', resolved_at = $2, evaluated_at = $2, updated_at = $2, "
        "version = version + 1 WHERE id = $1",
        {id, now_ms});
}

// ---- cases ----

std::vector<StoredCase> find_cases(Tx& tx, const std::vector<Key>& keys) {
    std::vector<StoredCase> out;
    if (keys.empty()) return out;
    const auto d = tx.dialect();
    for (const auto& r : tx.query(std::string("SELECT ") + kCaseColsT + keyed_from(d, "monitoring_cases") +
                                      " ORDER BY t.agency_id, t.ext_key",
                                  key_params(d, keys)))
        out.push_back(case_from_row(r));
    return out;
}

std::vector<StoredCase> cases_after(Tx& tx, std::optional<Key> after, int limit) {
    std::vector<StoredCase> out;
    const std::string base = std::string("SELECT ") + kCaseColsT + " FROM monitoring_cases t";
    db::Rows rows =
        after ? tx.query(base + " WHERE (t.agency_id, t.ext_key) > ($1, $2) ORDER BY t.agency_id, t.ext_key LIMIT $3",
                         {after->first, after->second, int64_t{limit}})
              : tx.query(base + " ORDER BY t.agency_id, t.ext_key LIMIT $1", {int64_t{limit}});
    for (const auto& r : rows) out.push_back(case_from_row(r));
    return out;
}

void upsert_case(Tx& tx, const StoredCase& c, int64_t now_ms) {
    tx.exec(
        "INSERT INTO monitoring_cases (agency_id, ext_key, external_id, kind, received_on, concluded_on, outcome, "
        "month, batch_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "ON CONFLICT (agency_id, ext_key) DO UPDATE SET external_id = excluded.external_id, kind = excluded.kind, "
        "received_on = excluded.received_on, concluded_on = excluded.concluded_on, outcome = excluded.outcome, "
        "month = excluded.month, batch_id = excluded.batch_id, updated_at = excluded.updated_at",
        {c.agency_id, c.ext_key, c.row.external_id, std::string(to_string(c.row.kind)), c.row.received_on.iso(),
         opt_date(c.row.concluded_on), c.row.outcome.empty() ? Value(nullptr) : Value(c.row.outcome), int64_t{c.month},
         c.batch_id, now_ms});
}

// ---- batches, aggregates ----

void insert_batch(Tx& tx, const BatchRow& b) {
    tx.exec(
        "INSERT INTO monitoring_batches (id, source, what, first_line, last_line, accepted, updated, rejected, "
        "at_ms, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {b.id, b.source, b.what, b.first_line, b.last_line, b.accepted, b.updated, b.rejected, b.at_ms, b.by_user});
}

void apply_deltas(Tx& tx, const agg::Deltas& d, const OrgIndex& orgs) {
    std::map<std::tuple<std::string, std::string, int, int>, int64_t> region;
    boost::json::array agency_rows, region_rows;
    const bool sqlite = tx.dialect() == Dialect::kSqlite;
    for (const auto& [k, delta] : d.values()) {
        if (delta == 0) continue;
        const auto& [agency, month, metric] = k;
        if (sqlite)
            tx.exec(
                "INSERT INTO monitoring_agg (agency_id, month, metric, value) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (agency_id, month, metric) DO UPDATE SET value = monitoring_agg.value + excluded.value",
                {agency, int64_t{month}, std::string(agg::metric_name(metric)), delta});
        else
            agency_rows.push_back(
                boost::json::object{{"a", agency}, {"m", month}, {"k", agg::metric_name(metric)}, {"v", delta}});
        const OrgFacts* o = orgs.find_id(agency);
        if (!o) throw db::DbError("monitoring: aggregate of an unknown agency " + std::to_string(agency));
        region[{o->region_code, o->level, month, metric}] += delta;
    }
    for (const auto& [k, delta] : region) {
        if (delta == 0) continue;
        const auto& [code, level, month, metric] = k;
        if (sqlite)
            tx.exec(
                "INSERT INTO monitoring_agg_region (region_code, level, month, metric, value) VALUES ($1, $2, $3, $4, "
                "$5) ON CONFLICT (region_code, level, month, metric) DO UPDATE SET value = "
                "monitoring_agg_region.value + excluded.value",
                {code, level, int64_t{month}, std::string(agg::metric_name(metric)), delta});
        else
            region_rows.push_back(boost::json::object{
                {"r", code}, {"l", level}, {"m", month}, {"k", agg::metric_name(metric)}, {"v", delta}});
    }
    // PostgreSQL: one statement per table (rows in key order, so concurrent batches lock alike).
    if (!agency_rows.empty())
        tx.exec(
            "INSERT INTO monitoring_agg (agency_id, month, metric, value) SELECT a, m, k, v FROM "
            "json_to_recordset($1::json) AS x(a bigint, m integer, k text, v bigint) ORDER BY 1, 2, 3 "
            "ON CONFLICT (agency_id, month, metric) DO UPDATE SET value = monitoring_agg.value + excluded.value",
            {boost::json::serialize(agency_rows)});
    if (!region_rows.empty())
        tx.exec(
            "INSERT INTO monitoring_agg_region (region_code, level, month, metric, value) SELECT r, l, m, k, v FROM "
            "json_to_recordset($1::json) AS x(r text, l text, m integer, k text, v bigint) ORDER BY 1, 2, 3, 4 "
            "ON CONFLICT (region_code, level, month, metric) DO UPDATE SET value = monitoring_agg_region.value + "
            "excluded.value",
            {boost::json::serialize(region_rows)});
}

std::vector<std::tuple<int64_t, int, int, int64_t>> agg_values(Tx& tx, const std::vector<int>& metrics) {
    std::vector<std::tuple<int64_t, int, int, int64_t>> out;
    for (int m : metrics) {
        for (const auto& r : tx.query("SELECT agency_id, month, value FROM monitoring_agg WHERE metric = $1 "
                                      "ORDER BY agency_id, month",
                                      {std::string(agg::metric_name(m))}))
            out.emplace_back(r.i64(0), static_cast<int>(r.i64(1)), m, r.i64(2));
    }
    return out;
}

}  // namespace lecs::monitoring::store
