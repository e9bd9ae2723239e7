#include "lecs/docs/store.hpp"

#include <boost/json.hpp>

#include "lecs/db/values.hpp"

namespace lecs::docs::store {
namespace {

namespace json = boost::json;

using db::opt;

std::string recipients_json(const std::vector<Recipient>& rs) {
    json::array a;
    for (const auto& r : rs) {
        json::object o{{"name", r.name}};
        o["org_id"] = r.org_id ? json::value(std::to_string(*r.org_id)) : json::value(nullptr);
        a.push_back(std::move(o));
    }
    return json::serialize(a);
}

std::vector<Recipient> parse_recipients(const std::string& s) {
    std::vector<Recipient> out;
    const json::value parsed = json::parse(s);
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        Recipient r{std::string(o.at("name").as_string()), std::nullopt};
        if (o.contains("org_id") && o.at("org_id").is_string())
            r.org_id = std::stoll(std::string(o.at("org_id").as_string()));
        out.push_back(std::move(r));
    }
    return out;
}

std::string strings_json(const std::vector<std::string>& ss) {
    json::array a;
    for (const auto& s : ss) a.push_back(json::value(s));
    return json::serialize(a);
}

std::vector<std::string> parse_strings(const std::string& s) {
    std::vector<std::string> out;
    const json::value parsed = json::parse(s);
    for (const auto& v : parsed.as_array()) out.emplace_back(v.as_string());
    return out;
}

// An array of [key, value] pairs keeps the order of the fields.
std::string fields_json(const Fields& fs) {
    json::array a;
    for (const auto& [k, v] : fs) a.push_back(json::array{json::value(k), json::value(v)});
    return json::serialize(a);
}

Fields parse_fields(const std::string& s) {
    Fields out;
    const json::value parsed = json::parse(s);
    for (const auto& v : parsed.as_array()) {
        const auto& p = v.as_array();
        out.emplace_back(std::string(p.at(0).as_string()), std::string(p.at(1).as_string()));
    }
    return out;
}

constexpr const char* kDocColumns =
    "id, doc_type, issuer_org_id, region_code, internal, status, title, recipients_json, body_json, fields_json, "
    "cc, disclosure, number_text, year, no, issue_date, sm3_hex, signature_b64, key_id, verify_token, issued_at, "
    "issued_by, version, created_at, updated_at, created_by";

Document doc_from(const db::Row& r) {
    Document d;
    d.id = r.i64(0);
    d.doc_type = r.str(1);
    d.issuer_org_id = r.i64(2);
    d.region_code = r.str(3);
    d.internal = r.boolean(4);
    d.status = r.str(5);
    d.title = r.str(6);
    d.recipients = parse_recipients(r.str(7));
    d.body = parse_strings(r.str(8));
    d.fields = parse_fields(r.str(9));
    d.cc = r.str(10);
    d.disclosure = r.str(11);
    d.number_text = r.opt_str(12);
    d.year = r.opt_i64(13);
    d.no = r.opt_i64(14);
    if (auto s = r.opt_str(15)) d.issue_date = Date::parse(*s);
    d.sm3_hex = r.opt_str(16);
    d.signature_b64 = r.opt_str(17);
    d.key_id = r.opt_str(18);
    d.verify_token = r.opt_str(19);
    d.issued_at = r.opt_i64(20);
    d.issued_by = r.opt_i64(21);
    d.version = r.i64(22);
    d.created_at = r.i64(23);
    d.updated_at = r.i64(24);
    d.created_by = r.i64(25);
    return d;
}

constexpr const char* kDeliveryColumns =
    "id, document_id, recipient_org_id, recipient_name, address, channel, delivered_on, received_on, receipt_by, "
    "receipt_at, deadline_id, version, created_at, updated_at, created_by";

Delivery delivery_from(const db::Row& r) {
    Delivery d;
    d.id = r.i64(0);
    d.document_id = r.i64(1);
    d.recipient_org_id = r.opt_i64(2);
    d.recipient_name = r.str(3);
    d.address = r.str(4);
    d.channel = r.str(5);
    d.delivered_on = *Date::parse(r.str(6));
    if (auto s = r.opt_str(7)) d.received_on = Date::parse(*s);
    d.receipt_by = r.opt_i64(8);
    d.receipt_at = r.opt_i64(9);
    d.deadline_id = r.opt_i64(10);
    d.version = r.i64(11);
    d.created_at = r.i64(12);
    d.updated_at = r.i64(13);
    d.created_by = r.i64(14);
    return d;
}

SignKey key_from(const db::Row& r) { return SignKey{r.str(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.i64(5)}; }

constexpr const char* kKeyColumns = "key_id, org_id, public_pem, private_sealed, wrap_key_id, created_at";

}  // namespace

void insert_document(db::Tx& tx, const Document& d) {
    tx.exec(
        "INSERT INTO documents (id, doc_type, issuer_org_id, region_code, internal, status, title, recipients_json, "
        "body_json, fields_json, cc, disclosure, version, created_at, updated_at, created_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        {d.id, d.doc_type, d.issuer_org_id, d.region_code, int64_t{d.internal ? 1 : 0}, d.status, d.title,
         recipients_json(d.recipients), strings_json(d.body), fields_json(d.fields), d.cc, d.disclosure, d.version,
         d.created_at, d.updated_at, d.created_by});
}

int64_t update_draft(db::Tx& tx, const Document& d, int64_t expected_version) {
    return tx.exec(
        "UPDATE documents SET title = $1, recipients_json = $2, body_json = $3, fields_json = $4, cc = $5, "
        "disclosure = $6, version = version + 1, updated_at = $7 "
        "WHERE id = $8 AND version = $9 AND status = 'draft'",
        {d.title, recipients_json(d.recipients), strings_json(d.body), fields_json(d.fields), d.cc, d.disclosure,
         d.updated_at, d.id, expected_version});
}

std::optional<Document> find_document(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kDocColumns + " FROM documents WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return doc_from(*r);
}

std::optional<Document> find_by_token(db::Tx& tx, const std::string& token) {
    auto r = tx.query_one(std::string("SELECT ") + kDocColumns + " FROM documents WHERE verify_token = $1", {token});
    if (!r) return std::nullopt;
    return doc_from(*r);
}

std::optional<std::string> load_pdf(db::Tx& tx, int64_t id) {
    auto r = tx.query_one("SELECT pdf FROM documents WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return r->opt_blob(0);
}

int64_t mark_issued(db::Tx& tx, const Document& d, const std::string& pdf, int64_t expected_version) {
    return tx.exec(
        "UPDATE documents SET status = 'issued', number_text = $1, year = $2, no = $3, issue_date = $4, pdf = $5, "
        "sm3_hex = $6, signature_b64 = $7, key_id = $8, verify_token = $9, issued_at = $10, issued_by = $11, "
        "version = version + 1, updated_at = $12 WHERE id = $13 AND version = $14 AND status = 'draft'",
        {opt(d.number_text), opt(d.year), opt(d.no), d.issue_date ? db::Value(d.issue_date->iso()) : db::Value(nullptr),
         db::Blob{pdf}, opt(d.sm3_hex), opt(d.signature_b64), opt(d.key_id), opt(d.verify_token), opt(d.issued_at),
         opt(d.issued_by), d.updated_at, d.id, expected_version});
}

DocumentPage list_documents(db::Tx& tx, const auth::DataScope& scope, const ListFilter& f) {
    std::string where = " WHERE 1 = 1";
    db::Params p;
    auto arg = [&](db::Value v) {
        p.push_back(std::move(v));
        return "$" + std::to_string(p.size());
    };
    if (!scope.whole_city) {
        std::string any;
        for (const auto& prefix : scope.region_prefixes) {
            if (prefix.empty()) continue;
            if (!any.empty()) any += " OR ";
            const std::string a = arg(prefix);
            const std::string n = std::to_string(prefix.size());
            any += "substr(region_code, 1, " + n + ") = " + a +
                   " OR EXISTS (SELECT 1 FROM deliveries v JOIN organizations o ON o.id = v.recipient_org_id "
                   "WHERE v.document_id = documents.id AND substr(o.region_code, 1, " +
                   n + ") = " + a + ")";
        }
        for (int64_t org : scope.org_ids) {
            if (!any.empty()) any += " OR ";
            const std::string a = arg(org);
            any +=
                "issuer_org_id = " + a +
                " OR EXISTS (SELECT 1 FROM deliveries v WHERE v.document_id = documents.id AND v.recipient_org_id = " +
                a + ")";
        }
        if (any.empty()) return {};
        where += " AND (" + any + ")";
    }
    if (f.doc_type) where += " AND doc_type = " + arg(*f.doc_type);
    if (f.status) where += " AND status = " + arg(*f.status);
    if (f.issuer_org_id) where += " AND issuer_org_id = " + arg(*f.issuer_org_id);
    DocumentPage page;
    page.total = tx.query_one("SELECT COUNT(*) FROM documents" + where, p)->i64(0);
    const std::string sql = std::string("SELECT ") + kDocColumns + " FROM documents" + where +
                            " ORDER BY created_at DESC, id DESC LIMIT " + arg(int64_t{f.limit}) + " OFFSET " +
                            arg(int64_t{f.offset});
    for (const auto& r : tx.query(sql, p)) page.items.push_back(doc_from(r));
    return page;
}

std::optional<std::string> find_prefix(db::Tx& tx, int64_t org_id, const std::string& doc_type) {
    auto r =
        tx.query_one("SELECT prefix FROM doc_number_prefixes WHERE org_id = $1 AND doc_type = $2", {org_id, doc_type});
    if (!r) return std::nullopt;
    return r->str(0);
}

void upsert_prefix(db::Tx& tx, int64_t org_id, const std::string& doc_type, const std::string& prefix, int64_t user_id,
                   int64_t now_ms) {
    tx.exec(
        "INSERT INTO doc_number_prefixes (org_id, doc_type, prefix, version, created_at, updated_at, created_by) "
        "VALUES ($1, $2, $3, 1, $4, $4, $5) ON CONFLICT (org_id, doc_type) DO UPDATE SET prefix = excluded.prefix, "
        "version = doc_number_prefixes.version + 1, updated_at = excluded.updated_at",
        {org_id, doc_type, prefix, now_ms, user_id});
}

int64_t allocate_number(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year) {
    tx.exec(
        "INSERT INTO doc_sequences (org_id, doc_type, year, next_no) VALUES ($1, $2, $3, 1) "
        "ON CONFLICT (org_id, doc_type, year) DO NOTHING",
        {org_id, doc_type, year});
    auto r = tx.query_one(
        "UPDATE doc_sequences SET next_no = next_no + 1 WHERE org_id = $1 AND doc_type = $2 AND year = $3 "
        "RETURNING next_no",
        {org_id, doc_type, year});
    if (!r) throw db::DbError("doc_sequences row missing after insert");
    return r->i64(0) - 1;
}

void insert_number(db::Tx& tx, const NumberRecord& n) {
    tx.exec(
        "INSERT INTO doc_numbers (org_id, doc_type, year, no, number_text, status, document_id, reason, at_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {n.org_id, n.doc_type, n.year, n.no, n.number_text, n.status, n.document_id, n.reason, n.at_ms});
}

int64_t set_number_status(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year, int64_t no,
                          const std::string& status, const std::string& reason, int64_t now_ms) {
    return tx.exec(
        "UPDATE doc_numbers SET status = $1, reason = $2, at_ms = $3 "
        "WHERE org_id = $4 AND doc_type = $5 AND year = $6 AND no = $7 AND status = 'reserved'",
        {status, reason, now_ms, org_id, doc_type, year, no});
}

std::vector<NumberRecord> list_numbers(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year) {
    std::vector<NumberRecord> out;
    for (const auto& r :
         tx.query("SELECT org_id, doc_type, year, no, number_text, status, document_id, reason, at_ms FROM doc_numbers "
                  "WHERE org_id = $1 AND doc_type = $2 AND year = $3 ORDER BY no",
                  {org_id, doc_type, year}))
        out.push_back(
            NumberRecord{r.i64(0), r.str(1), r.i64(2), r.i64(3), r.str(4), r.str(5), r.i64(6), r.str(7), r.i64(8)});
    return out;
}

std::optional<SignKey> find_active_key(db::Tx& tx, int64_t org_id) {
    auto r = tx.query_one(std::string("SELECT ") + kKeyColumns + " FROM org_sign_keys WHERE org_id = $1 AND active = 1",
                          {org_id});
    if (!r) return std::nullopt;
    return key_from(*r);
}

std::optional<SignKey> find_key(db::Tx& tx, const std::string& key_id) {
    auto r = tx.query_one(std::string("SELECT ") + kKeyColumns + " FROM org_sign_keys WHERE key_id = $1", {key_id});
    if (!r) return std::nullopt;
    return key_from(*r);
}

void insert_key_if_absent(db::Tx& tx, const SignKey& k) {
    tx.exec(
        "INSERT INTO org_sign_keys (key_id, org_id, public_pem, private_sealed, wrap_key_id, active, created_at) "
        "VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING",
        {k.key_id, k.org_id, k.public_pem, k.private_sealed, k.wrap_key_id, k.created_at});
}

void insert_delivery(db::Tx& tx, const Delivery& d, int64_t user_id) {
    tx.exec(
        "INSERT INTO deliveries (id, document_id, recipient_org_id, recipient_name, address, channel, delivered_on, "
        "version, created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8, $9)",
        {d.id, d.document_id, opt(d.recipient_org_id), d.recipient_name, d.address, d.channel, d.delivered_on.iso(),
         d.created_at, user_id});
}

std::optional<Delivery> find_delivery(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(std::string("SELECT ") + kDeliveryColumns + " FROM deliveries WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return delivery_from(*r);
}

std::vector<Delivery> list_deliveries(db::Tx& tx, int64_t document_id) {
    std::vector<Delivery> out;
    for (const auto& r :
         tx.query(std::string("SELECT ") + kDeliveryColumns + " FROM deliveries WHERE document_id = $1 ORDER BY id",
                  {document_id}))
        out.push_back(delivery_from(r));
    return out;
}

int64_t record_receipt(db::Tx& tx, const Delivery& d, int64_t expected_version) {
    return tx.exec(
        "UPDATE deliveries SET received_on = $1, receipt_by = $2, receipt_at = $3, deadline_id = $4, "
        "version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7",
        {d.received_on ? db::Value(d.received_on->iso()) : db::Value(nullptr), opt(d.receipt_by), opt(d.receipt_at),
         opt(d.deadline_id), d.updated_at, d.id, expected_version});
}

std::optional<auth::Owner> document_owner(db::Tx& tx, int64_t id) {
    auto r = tx.query_one("SELECT region_code, issuer_org_id FROM documents WHERE id = $1", {id});
    if (!r) return std::nullopt;
    auth::Owner o{r->str(0), r->i64(1)};
    // An organisation the document was delivered to reads it (and its 送达回证) like the issuer.
    for (const auto& d :
         tx.query("SELECT DISTINCT o.id, o.region_code FROM deliveries v JOIN organizations o ON o.id = "
                  "v.recipient_org_id WHERE v.document_id = $1 ORDER BY o.id",
                  {id}))
        o.parties.push_back(auth::PartyRef{d.i64(0), d.str(1)});
    return o;
}

std::optional<auth::Owner> delivery_owner(db::Tx& tx, int64_t id) {
    auto r = tx.query_one(
        "SELECT doc.region_code, doc.issuer_org_id, o.id, o.region_code FROM deliveries d "
        "JOIN documents doc ON doc.id = d.document_id LEFT JOIN organizations o ON o.id = d.recipient_org_id "
        "WHERE d.id = $1",
        {id});
    if (!r) return std::nullopt;
    auth::Owner o{r->str(0), r->i64(1)};
    if (auto recipient = r->opt_i64(2)) o.parties.push_back(auth::PartyRef{*recipient, r->str(3)});
    return o;
}

}  // namespace lecs::docs::store
