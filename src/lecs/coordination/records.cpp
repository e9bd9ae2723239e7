#include "lecs/coordination/records.hpp"

#include <boost/json.hpp>

#include "lecs/db/values.hpp"

namespace lecs::coordination::store {

namespace json = boost::json;
using db::opt;

void insert_record(db::Tx& tx, const CoordinationRecord& r) {
    tx.exec(
        "INSERT INTO dispute_records (id, dispute_id, kind, occurred_at, place, participants, party_org_id, "
        "question, content, attachment_id, created_at, created_by, created_by_org) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        {r.id, r.dispute_id, r.kind, opt(r.occurred_at), r.place, r.participants, opt(r.party_org_id), r.question,
         r.content, opt(r.attachment_id), r.created_at, r.created_by, opt(r.created_by_org)});
}

std::vector<CoordinationRecord> list_records(db::Tx& tx, int64_t dispute_id) {
    std::vector<CoordinationRecord> out;
    for (const auto& r : tx.query("SELECT id, dispute_id, kind, occurred_at, place, participants, party_org_id, "
                                  "question, content, attachment_id, created_at, created_by, created_by_org "
                                  "FROM dispute_records WHERE dispute_id = $1 ORDER BY created_at, id",
                                  {dispute_id})) {
        CoordinationRecord c;
        c.id = r.i64(0);
        c.dispute_id = r.i64(1);
        c.kind = r.str(2);
        c.occurred_at = r.opt_i64(3);
        c.place = r.str(4);
        c.participants = r.str(5);
        c.party_org_id = r.opt_i64(6);
        c.question = r.str(7);
        c.content = r.str(8);
        c.attachment_id = r.opt_i64(9);
        c.created_at = r.i64(10);
        c.created_by = r.i64(11);
        c.created_by_org = r.opt_i64(12);
        out.push_back(std::move(c));
    }
    return out;
}

void link_document(db::Tx& tx, int64_t dispute_id, int64_t document_id, const std::string& purpose, int64_t now_ms) {
    tx.exec("INSERT INTO dispute_documents (dispute_id, document_id, purpose, created_at) VALUES ($1, $2, $3, $4)",
            {dispute_id, document_id, purpose, now_ms});
}

void relabel_document(db::Tx& tx, int64_t dispute_id, int64_t document_id, const std::string& purpose) {
    tx.exec("UPDATE dispute_documents SET purpose = $1 WHERE dispute_id = $2 AND document_id = $3",
            {purpose, dispute_id, document_id});
}

std::vector<DisputeDocument> documents_of(db::Tx& tx, int64_t dispute_id) {
    std::vector<DisputeDocument> out;
    for (const auto& r : tx.query("SELECT l.document_id, l.purpose, d.doc_type, d.title, d.status, d.number_text, "
                                  "l.created_at FROM dispute_documents l JOIN documents d ON d.id = l.document_id "
                                  "WHERE l.dispute_id = $1 ORDER BY l.created_at, l.document_id",
                                  {dispute_id}))
        out.push_back(DisputeDocument{r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.opt_str(5), r.i64(6)});
    return out;
}

std::optional<int64_t> document_for(db::Tx& tx, int64_t dispute_id, const std::string& purpose) {
    auto r = tx.query_one(
        "SELECT document_id FROM dispute_documents WHERE dispute_id = $1 AND purpose = $2 "
        "ORDER BY created_at DESC, document_id DESC LIMIT 1",
        {dispute_id, purpose});
    if (!r) return std::nullopt;
    return r->i64(0);
}

void insert_decision(db::Tx& tx, const DisputeDecision& d) {
    tx.exec(
        "INSERT INTO dispute_decisions (dispute_id, government_org_id, responsible_org_id, decision, decided_on, "
        "decided_by, document_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {d.dispute_id, d.government_org_id, d.responsible_org_id, d.decision, d.decided_on.iso(), d.decided_by,
         opt(d.document_id), d.created_at});
}

std::optional<DisputeDecision> find_decision(db::Tx& tx, int64_t dispute_id) {
    auto r = tx.query_one(
        "SELECT x.dispute_id, x.government_org_id, x.responsible_org_id, o.name, x.decision, x.decided_on, "
        "x.decided_by, x.document_id, x.created_at FROM dispute_decisions x "
        "JOIN organizations o ON o.id = x.responsible_org_id WHERE x.dispute_id = $1",
        {dispute_id});
    if (!r) return std::nullopt;
    auto on = Date::parse(r->str(5));
    return DisputeDecision{r->i64(0),         r->i64(1), r->i64(2),     r->str(3), r->str(4),
                           on ? *on : Date{}, r->i64(6), r->opt_i64(7), r->i64(8)};
}

void update_party_position(db::Tx& tx, int64_t dispute_id, int64_t org_id, const std::string& position,
                           const std::vector<LegalBasis>& legal_basis) {
    json::array a;
    for (const auto& b : legal_basis) a.push_back(json::object{{"law", b.law}, {"article", b.article}});
    tx.exec("UPDATE dispute_parties SET position = $1, legal_basis_json = $2 WHERE dispute_id = $3 AND org_id = $4",
            {position, json::serialize(a), dispute_id, org_id});
}

}  // namespace lecs::coordination::store
