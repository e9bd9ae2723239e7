// The use cases of official documents (REQUIREMENTS §17).
//
// Contract:
// - create_draft / update_draft / get / list / preview_html take the caller's
//   Tx, check permission (doc.draft / doc.read) and data scope (404 outside
//   it) and audit writes in the same Tx. An issued document is immutable:
//   update_draft on it is 409 workflow.wrong_state. Every state change fires
//   the lifecycle tables of lifecycle.hpp (document, delivery); the reads
//   (pdf, print_unsealed) check the status themselves (409 doc.not_issued).
// - issue() is NOT given a Tx: it runs its own transactions, because the 文号
//   is allocated in one short write Tx and rendering/signing happen outside any
//   Tx (ARCHITECTURE §Transactions):
//     1. write Tx: permission, the document's issue transition (its guard
//        is types.hpp check_issue; 409 workflow.wrong_state once issued),
//        allocate the next number gaplessly, record it 'reserved';
//     2. no Tx: render the PDF with the number and the verify URL
//        <public_base_url>/verify/<token> (token = base64url of 16 random
//        bytes), SM3 hash, SM2 signature with the issuer's key (created on
//        first use);
//     3. write Tx: store the document (status issued), mark the number
//        'issued', audit "doc.issue".
//   When 2 or 3 fails (exception, or the draft changed meanwhile) the number
//   is marked 'voided' with the reason in its own Tx; it is never reused.
// - verify_by_token(): public; issuer, number, date and type of the document
//   and whether its stored PDF still matches its hash and signature; for
//   internal types (呈报件, 约谈记录) only the authentic flag. verify_upload()
//   compares an uploaded PDF: authentic iff its SM3 equals the stored hash AND
//   the stored signature verifies over it with the issuer's public key.
// - print_unsealed(): the same layout with seal = false (for wet stamping), not
//   stored. delivery_form(): the 送达回证 of one delivery.
// - add_delivery(): staff of the issuing organisation (doc.draft) record a
//   recipient, channel and delivery date of an issued document (of a draft:
//   409 workflow.wrong_state).
//   record_receipt(): the recipient organisation (any member with doc.receipt)
//   or staff of the issuer enter the receipt date, once (again: 409
//   workflow.wrong_state); with `deadline` set, a workflow deadline starts
//   from the receipt date (e.g. Art 19: 30 calendar days for the
//   rectification report), in the same Tx.
// - To-dos on documents (workflow todos) are completed where the act commits,
//   in its Tx: ("document", id, "issue") when issue() stores the document,
//   ("document", id, "deliver") when every recipient organisation of the
//   document has a delivery, ("delivery", id, "receipt") at the receipt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"
#include "lecs/docs/model.hpp"
#include "lecs/docs/render.hpp"
#include "lecs/docs/signing.hpp"
#include "lecs/docs/store.hpp"
#include "lecs/docs/types.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::docs {

struct DocServiceOptions {
    std::string public_base_url;  // e.g. "https://lecs.xingtai.gov.cn"; the QR code holds <this>/verify/<token>
    FontConfig fonts;
};

struct VerifyResult {
    bool found = false;
    bool authentic = false;
    bool internal = false;
    // empty for internal types
    std::string issuer, number_text, type_name, title;
    std::optional<Date> issue_date;
    std::string sm3_hex;  // of the stored document (empty for internal types)
};

struct ReceiptDeadline {
    std::string name;  // e.g. "整改报告"
    int days = 30;
    calendar::Unit unit = calendar::Unit::kCalendarDays;
};

struct DeliveryInput {
    std::optional<int64_t> recipient_org_id;
    std::string recipient_name;  // default: the organisation's name
    std::string address;
    std::string channel;  // direct | post | electronic | public_notice
    Date delivered_on;
};

class DocService {
  public:
    DocService(db::Database& db, audit::AuditLog& audit, KeyProvider& keys, workflow::DeadlineService& deadlines,
               DocServiceOptions options = {})
        : db_(db), audit_(audit), signer_(keys), deadlines_(deadlines), options_(std::move(options)) {}

    Result<Document> create_draft(db::Tx& tx, const auth::Caller& who, const DocumentInput& in, int64_t now_ms);
    Result<Document> update_draft(db::Tx& tx, const auth::Caller& who, int64_t id, const DocumentInput& in,
                                  int64_t expected_version, int64_t now_ms);
    Result<Document> get(db::Tx& tx, const auth::Caller& who, int64_t id);
    store::DocumentPage list(db::Tx& tx, const auth::Caller& who, const store::ListFilter& f);
    Result<std::string> preview_html(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms);

    Result<Document> issue(const auth::Caller& who, int64_t id, int64_t now_ms);

    Result<std::string> pdf(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<std::string> print_unsealed(db::Tx& tx, const auth::Caller& who, int64_t id);

    VerifyResult verify_by_token(db::Tx& tx, const std::string& token);
    VerifyResult verify_upload(db::Tx& tx, const std::string& token, const std::string& pdf);
    std::optional<std::string> public_key_pem(db::Tx& tx, int64_t org_id);

    // Sets the 文号 prefix of (the caller's organisation's, or its government's) type; doc.issue.
    Result<void> set_prefix(db::Tx& tx, const auth::Caller& who, int64_t org_id, const std::string& doc_type,
                            const std::string& prefix, int64_t now_ms);
    std::vector<NumberRecord> numbers(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year);

    Result<Delivery> add_delivery(db::Tx& tx, const auth::Caller& who, int64_t document_id, const DeliveryInput& in,
                                  int64_t now_ms);
    Result<Delivery> record_receipt(db::Tx& tx, const auth::Caller& who, int64_t delivery_id, Date received_on,
                                    const std::optional<ReceiptDeadline>& deadline, int64_t now_ms);
    std::vector<Delivery> deliveries(db::Tx& tx, int64_t document_id);
    Result<std::string> delivery_form(db::Tx& tx, const auth::Caller& who, int64_t delivery_id);

  private:
    Result<Document> load_in_scope(db::Tx& tx, const auth::Caller& who, int64_t id);
    DocumentLayout layout_of(const Document& d, const OrgFacts& issuer, const Date& date) const;

    db::Database& db_;
    audit::AuditLog& audit_;
    OrgSigner signer_;
    workflow::DeadlineService& deadlines_;
    DocServiceOptions options_;
};

// Owner of an object of kind "document" (its issuing organisation) or "delivery"
// (its recipient organisation, else the document's issuer), for ScopeRule::object;
// nullopt for another kind or a missing object.
std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);
inline std::optional<auth::Owner> document_owner(db::Tx& tx, int64_t id) { return store::document_owner(tx, id); }

// Facts of an organisation for the rules; nullopt when it does not exist.
std::optional<OrgFacts> org_facts(db::Tx& tx, int64_t org_id);

}  // namespace lecs::docs
