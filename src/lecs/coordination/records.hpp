// The coordination records, the documents and the government decision of a
// dispute (Art 6, REQUIREMENTS §4 steps 3–4), and their SQL (migration 0011).
// Every store function runs in the caller's Tx.
//
// Contract:
// - A CoordinationRecord is appended, never changed; list_records() in the
//   order they were made. Its kind says which fields mean something
//   (record_kind::*, migrations/0011_coordination_records.sql).
// - link_document() links a document to a dispute with its purpose
//   (doc_purpose::*); relabel_document() changes the purpose (a returned
//   opinion); documents_of() lists the links with each document's type,
//   title, status and number, in the order they were made; document_for()
//   is the latest linked document of one purpose.
// - insert_decision()/find_decision(): the government's decision, one per dispute.
// - update_party_position(): a party's own written position and legal basis.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/base/time.hpp"
#include "lecs/coordination/application_rules.hpp"
#include "lecs/db/db.hpp"

namespace lecs::coordination {

namespace record_kind {
inline constexpr const char* kMeeting = "meeting";               // 协调会议
inline constexpr const char* kConsultation = "consultation";     // 书面征求意见
inline constexpr const char* kExpertOpinion = "expert_opinion";  // 专家意见
inline constexpr const char* kStatement = "statement";           // 当事方陈述
}  // namespace record_kind

namespace doc_purpose {
inline constexpr const char* kAcceptanceNotice = "acceptance_notice";      // 受理通知书
inline constexpr const char* kRejectionNotice = "rejection_notice";        // 不予受理通知书
inline constexpr const char* kSupplementNotice = "supplement_notice";      // 补正通知书
inline constexpr const char* kOpinion = "opinion";                         // 行政执法争议协调处理意见书
inline constexpr const char* kOpinionReturned = "opinion_returned";        // a draft opinion the leader sent back
inline constexpr const char* kReport = "report";                           // 呈报件 to the same-level government
inline constexpr const char* kDecision = "decision";                       // the government's 决定书
inline constexpr const char* kDecisionSuperseded = "decision_superseded";  // a draft of a failed try
}  // namespace doc_purpose

struct CoordinationRecord {
    int64_t id = 0;
    int64_t dispute_id = 0;
    std::string kind;                     // record_kind::*
    std::optional<int64_t> occurred_at;   // a meeting's time (epoch ms)
    std::string place;                    // meeting
    std::string participants;             // meeting: attendees; consultation: the body asked; expert: the name
    std::optional<int64_t> party_org_id;  // statement: the party
    std::string question;                 // consultation
    std::string content;                  // minutes / answer / opinion / statement
    std::optional<int64_t> attachment_id;
    int64_t created_at = 0, created_by = 0;
    std::optional<int64_t> created_by_org;
};

struct DisputeDocument {
    int64_t document_id = 0;
    std::string purpose;  // doc_purpose::*
    std::string doc_type, title, status;
    std::optional<std::string> number_text;
    int64_t created_at = 0;
};

struct DisputeDecision {
    int64_t dispute_id = 0;
    int64_t government_org_id = 0;
    int64_t responsible_org_id = 0;
    std::string responsible_org_name;  // read from organizations
    std::string decision;
    Date decided_on;
    int64_t decided_by = 0;
    std::optional<int64_t> document_id;
    int64_t created_at = 0;
};

namespace store {

void insert_record(db::Tx& tx, const CoordinationRecord& r);
std::vector<CoordinationRecord> list_records(db::Tx& tx, int64_t dispute_id);

void link_document(db::Tx& tx, int64_t dispute_id, int64_t document_id, const std::string& purpose, int64_t now_ms);
void relabel_document(db::Tx& tx, int64_t dispute_id, int64_t document_id, const std::string& purpose);
std::vector<DisputeDocument> documents_of(db::Tx& tx, int64_t dispute_id);
std::optional<int64_t> document_for(db::Tx& tx, int64_t dispute_id, const std::string& purpose);

void insert_decision(db::Tx& tx, const DisputeDecision& d);
std::optional<DisputeDecision> find_decision(db::Tx& tx, int64_t dispute_id);

void update_party_position(db::Tx& tx, int64_t dispute_id, int64_t org_id, const std::string& position,
                           const std::vector<LegalBasis>& legal_basis);

}  // namespace store
}  // namespace lecs::coordination
