// The use cases of 行政执法职责争议 (Art 6–8, REQUIREMENTS §4): the application,
// its routing and the completeness review. Each takes the caller's Tx, checks
// the data scope (404 outside it), fires the dispute table
// (dispute_table.hpp: 409 workflow.wrong_state, 403 workflow.role_not_allowed,
// the guards' errors), checks the version (409 version_conflict when stale),
// writes, appends a timeline event and an audit record, and sets or moves the
// workflow deadlines, all in that Tx: a refusal writes nothing.
//
// Contract:
// - create_draft(): an agency_liaison (else 403) drafts; the caller's
//   organisation is the applicant and must be one of the parties
//   (dispute.applicant_not_party). Parties are registered organisations, each
//   once; stored with the applicant first. A draft may be incomplete.
//   update_draft() rewrites it (the applicant only, draft only).
// - check(): the Art 8 / Art 6 problems of the stored application, every one
//   with its field (application_rules.hpp), for in-place validation.
//   preview_routing(): the Art 7 routing the submission would store.
// - submit(): the table's submit (guard: applicant, complete per Art 8, else
//   dispute.incomplete naming every missing item); then the routing, computed
//   by coordination::route() from the org rows (an entrusted body's
//   entrusting_id, a dispatched body's parent_id, followed up the chain):
//     * a routing error (a party that is no 行政执法机关, …) is returned;
//     * out_of_scope → 400 dispute.out_of_scope with the routing's reason;
//     * a vertical-management party → 400 dispute.vertical_unconfirmed unless
//       SubmitInput::confirm_vertical; then the confirming user and time are
//       stored with the flag;
//     * no registered 行政执法协调监督部门 of the competent region → 409
//       dispute.no_competent_department.
//   The dispute goes straight to under_review (the submission is the filing:
//   filed_on, timeline event "filed"); region_code becomes the competent
//   region. Deadlines start on filed_on: the review (limits.review_days
//   working days) and, for each other party, its written position
//   (limits.position_days), whose due date is stored with the party.
// - get/list/timeline: the applicant sees its drafts; a submitted dispute is
//   seen by its parties' staff, the competent department's, and staff whose
//   region scope covers the competent region (store::visible).
// - ask_supplement(reason) pauses the review deadline from today (from the
//   day after filing when asked on the filing day, since the period starts
//   counting then) with the reason, and starts the applicant's 补正 deadline
//   (limits.supplement_days). supplement(application, note): the applicant
//   rewrites the application (the parties may not change:
//   dispute.parties_changed) and it must be complete; the review clock
//   resumes from today and the 补正 deadline is met.
// - accept(): the review deadline is met; accepted_on; the coordination
//   deadline (limits.coordination_days) starts. refuse(code, reason): code is
//   one of refusal::*, reason required; the review deadline is met, the
//   parties' open position deadlines are cancelled.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/coordination/model.hpp"
#include "lecs/coordination/records.hpp"
#include "lecs/coordination/register_stats.hpp"
#include "lecs/coordination/rules.hpp"
#include "lecs/coordination/store.hpp"
#include "lecs/db/db.hpp"
#include "lecs/docs/service.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::files {
class FileService;
}  // namespace lecs::files

namespace lecs::coordination {

// Time limits in working days. The Measures leave them to the city department
// (Art 6 ¶2); these defaults are REQUIREMENTS §18's.
struct DisputeTimeLimits {
    int review_days = 5;         // completeness review, from receipt
    int supplement_days = 3;     // the applicant's 补正, from the notice
    int position_days = 7;       // another party's written position, from forwarding
    int coordination_days = 30;  // to the opinion or the report to the government, from acceptance
};

// Stored values of Dispute::refusal_code (REQUIREMENTS §4 不予受理).
namespace refusal {
inline constexpr const char* kNotJurisdictionDispute = "not_jurisdiction_dispute";  // 不属于行政执法职责争议
inline constexpr const char* kNotNegotiated = "not_negotiated";                     // 未经协商 (Art 6)
inline constexpr const char* kNotCompetent = "not_competent";                       // 不属于本部门管辖 (Art 7)
inline constexpr const char* kOther = "other";
}  // namespace refusal

struct PartyInput {
    int64_t org_id = 0;
    std::string position;
    std::vector<LegalBasis> legal_basis;
};

struct ApplicationInput {
    std::optional<int64_t> letter_attachment_id;
    std::string focus;
    std::vector<PartyInput> parties;  // the caller's organisation among them
    std::optional<Date> negotiation_date;
    std::string negotiation_participants;
    std::string negotiation_outcome;
    std::string other_info;
    std::string domain;  // org/domains.hpp code, "" unclassified (the route checks the code)
};

struct SubmitInput {
    int64_t expected_version = 0;
    bool confirm_vertical = false;  // the user has seen the Art 27 flag and proceeds
};

struct PositionInput {
    std::string position;
    std::vector<LegalBasis> legal_basis;
};

// A coordination meeting (协调会议).
struct MeetingInput {
    int64_t held_at = 0;  // epoch ms
    std::string place;
    std::string attendees;
    std::string minutes;
    std::optional<int64_t> attachment_id;
};

// A written consultation (书面征求意见): whom, what was asked, what they answered.
struct ConsultationInput {
    std::string consulted;
    std::string question;
    std::string answer;
    std::optional<int64_t> attachment_id;
};

// An expert's opinion; until the expert pool (§13) the expert is a name.
struct ExpertOpinionInput {
    std::string expert;
    std::string opinion;
    std::optional<int64_t> attachment_id;
};

// A party's statement (当事方陈述) heard while coordinating.
struct StatementInput {
    int64_t party_org_id = 0;
    std::string statement;
    std::optional<int64_t> attachment_id;
};

// The government's decision (Art 6): its text and the agency it makes responsible.
struct DecisionInput {
    std::vector<std::string> decision;  // paragraphs
    int64_t responsible_org_id = 0;
};

// The most disputes one Excel export holds: a city registers a few hundred a year, so more means
// the filter is wrong, and the route says so instead of writing a truncated sheet.
inline constexpr int kMaxExportRows = 10000;

class DisputeService {
  public:
    // docs drafts, issues and delivers the dispute's documents (REQUIREMENTS §17); workflow holds the to-dos.
    DisputeService(audit::AuditLog& audit, workflow::DeadlineService& deadlines, docs::DocService& docs,
                   workflow::WorkflowService& workflow, DisputeTimeLimits limits = {})
        : audit_(audit), deadlines_(deadlines), docs_(docs), workflow_(workflow), limits_(limits) {}

    Result<Dispute> create_draft(db::Tx& tx, const auth::Caller& who, const ApplicationInput& in, int64_t now_ms);
    Result<Dispute> update_draft(db::Tx& tx, const auth::Caller& who, int64_t id, const ApplicationInput& in,
                                 int64_t expected_version, int64_t now_ms);
    Result<std::vector<Error>> check(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms);
    Result<Routing> preview_routing(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<Dispute> submit(db::Tx& tx, const auth::Caller& who, int64_t id, const SubmitInput& in, int64_t now_ms);

    Result<Dispute> get(db::Tx& tx, const auth::Caller& who, int64_t id);
    store::DisputePage list(db::Tx& tx, const auth::Caller& who, const store::ListFilter& f);
    Result<std::vector<DisputeEvent>> timeline(db::Tx& tx, const auth::Caller& who, int64_t id);

    Result<Dispute> ask_supplement(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                   int64_t expected_version, int64_t now_ms);
    Result<Dispute> supplement(db::Tx& tx, const auth::Caller& who, int64_t id, const ApplicationInput& in,
                               const std::string& note, int64_t expected_version, int64_t now_ms);
    Result<Dispute> accept(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t expected_version, int64_t now_ms);
    Result<Dispute> refuse(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& code,
                           const std::string& reason, int64_t expected_version, int64_t now_ms);

    // --- Withdrawal, positions, coordination and its outcome (issue 4 steps 2–4) ---
    //
    // Contract (as above: scope 404, the table's 409/403 and guards, version
    // 409, then the write, timeline event, audit record and deadlines in the
    // caller's Tx, so a refusal writes nothing; exceptions are noted):
    // - The review's notices: accept, refuse and ask_supplement each also
    //   draft, as the acting supervisor for the competent department, the
    //   matching document (受理通知书 acceptance_notice, 不予受理通知书
    //   rejection_notice, 补正通知书 supplement_notice) addressed to the
    //   applicant with the applicant's name, the matter (the focus) and the
    //   reason or the items to supply; it is linked to the dispute
    //   (documents()) and the competent department's dept_leaders get the
    //   to-do "签发《…》" on the document (action "issue", completed by
    //   DocService::issue). The timeline event carries its document_id.
    // - To-dos (REQUIREMENTS §4 "shows on the to-do lists of the people who
    //   must act"; workflow todos, each named by the table event that does
    //   it): submit and supplement give the competent supervisors "受理审核"
    //   (accept, with the review deadline), done by accept / ask_supplement /
    //   refuse / withdraw; ask_supplement gives the applicant's liaisons
    //   "补正" (supplement, with its deadline), done by supplement, withdraw or
    //   treat_as_withdrawn. The outcome's to-dos are listed below.
    // - withdraw(reason): the applicant's liaison, under_review or
    //   awaiting_supplement → withdrawn; every open deadline of the dispute
    //   is cancelled. treat_as_withdrawn(): 逾期未补正 (REQUIREMENTS §18), a
    //   supervisor of the competent department, only once the 补正 deadline
    //   is overdue (else 409 dispute.supplement_not_overdue) → withdrawn, the
    //   open deadlines cancelled.
    // - file_position(): a party's liaison (under_review, coordinating)
    //   states its organisation's position and legal basis (both required);
    //   it replaces the stored one and meets the party's position deadline.
    // - record_meeting / record_consultation / record_expert_opinion /
    //   record_statement: a supervisor of the competent department, while
    //   coordinating; required fields are named (validation.required); a
    //   statement's party must be a party (dispute.not_a_party). Each is
    //   stored (records()) and is a timeline event.
    // - propose_opinion(body): a supervisor, coordinating → opinion_pending;
    //   drafts the 行政执法争议协调处理意见书 (dispute_opinion: the parties,
    //   the matter, the body given) to every party, linked as "opinion"; the
    //   dept_leaders get the to-do "审批《…》" (dispute, approve_opinion).
    //   return_opinion(reason): dept_leader → coordinating; the draft is kept,
    //   relabelled "opinion_returned"; the supervisors get a to-do to propose
    //   again.
    // - approve_opinion(): dept_leader, opinion_pending → opinion_issued. NOT
    //   given a Tx: the opinion is issued by DocService::issue, which runs its
    //   own transactions (ARCHITECTURE §Transactions): (1) a read checks
    //   scope, state, role, guard and version; (2) the opinion is issued
    //   unless it already is (so a retry after a failure in (3) only
    //   finishes); (3) one write Tx fires the transition again, delivers the
    //   opinion to every party (electronic, today; DocService::add_delivery),
    //   meets the coordination deadline and commits. Each party's liaison
    //   then signs for it with DocService::record_receipt.
    //   close(): a supervisor, opinion_issued → closed, once every party has
    //   signed for the opinion (guard all_receipts_recorded, 409
    //   dispute.receipts_pending).
    // - report_to_government(body): dept_leader, coordinating →
    //   awaiting_government_decision (Art 6: 协调不成的，报本级人民政府决定).
    //   Not given a Tx either: (1) a write Tx checks everything and drafts
    //   the 呈报件 (report_to_government, internal) to the competent
    //   department's own government (organizations.government_id), linked as
    //   "report" (a retry reuses an unissued draft, rewritten); (2) the
    //   dept_leader issues it; (3) a write Tx fires the transition, meets the
    //   coordination deadline and gives that government's gov_leaders the
    //   to-do "作出决定" (dispute, decide). A refusal in (1) writes nothing;
    //   a failure after it leaves the draft linked for the retry.
    // - decide(decision, responsible_org_id): the gov_leader of THAT
    //   government only (guard same_level_government: the city's gov_leader
    //   cannot decide a county dispute), awaiting_government_decision →
    //   closed. The responsible agency must be a party or a registered
    //   行政执法机关 of the competent region (dispute.responsible_invalid):
    //   the government may assign the duty to an agency that was not a
    //   party (REQUIREMENTS §4 "designating the responsible agency"), but
    //   only within its own region (Art 7). In three steps as above: the
    //   决定书 (dispute_decision, issued by the government) is drafted and
    //   linked as "decision" (addressed to every party and to the designated
    //   agency; a draft left by a failed earlier try is relabelled
    //   "decision_superseded"), issued by the gov_leader, then one write Tx
    //   records the decision (decision()), cancels open deadlines, closes and
    //   gives the competent department's supervisors the to-do "送达《…》"
    //   (document, deliver): the department delivers its government's
    //   documents (docs lifecycle), and the to-do is done once every
    //   addressee has a delivery. The gov_leader drafts the 决定书 although
    //   the role has no doc.draft: drafting the record of the decision is part
    //   of the decision the table allowed (service_outcome.cpp as_author).
    // - records / documents / decision: reads, for whoever sees the dispute.

    Result<Dispute> withdraw(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                             int64_t expected_version, int64_t now_ms);
    Result<Dispute> treat_as_withdrawn(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t expected_version,
                                       int64_t now_ms);
    Result<Dispute> file_position(db::Tx& tx, const auth::Caller& who, int64_t id, const PositionInput& in,
                                  int64_t expected_version, int64_t now_ms);

    Result<Dispute> record_meeting(db::Tx& tx, const auth::Caller& who, int64_t id, const MeetingInput& in,
                                   int64_t expected_version, int64_t now_ms);
    Result<Dispute> record_consultation(db::Tx& tx, const auth::Caller& who, int64_t id, const ConsultationInput& in,
                                        int64_t expected_version, int64_t now_ms);
    Result<Dispute> record_expert_opinion(db::Tx& tx, const auth::Caller& who, int64_t id, const ExpertOpinionInput& in,
                                          int64_t expected_version, int64_t now_ms);
    Result<Dispute> record_statement(db::Tx& tx, const auth::Caller& who, int64_t id, const StatementInput& in,
                                     int64_t expected_version, int64_t now_ms);
    Result<std::vector<CoordinationRecord>> records(db::Tx& tx, const auth::Caller& who, int64_t id);

    Result<Dispute> propose_opinion(db::Tx& tx, const auth::Caller& who, int64_t id,
                                    const std::vector<std::string>& body, int64_t expected_version, int64_t now_ms);
    Result<Dispute> return_opinion(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                   int64_t expected_version, int64_t now_ms);
    Result<Dispute> approve_opinion(db::Database& db, const auth::Caller& who, int64_t id, int64_t expected_version,
                                    int64_t now_ms);
    Result<Dispute> close(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t expected_version, int64_t now_ms);

    Result<Dispute> report_to_government(db::Database& db, const auth::Caller& who, int64_t id,
                                         const std::vector<std::string>& body, int64_t expected_version,
                                         int64_t now_ms);
    Result<Dispute> decide(db::Database& db, const auth::Caller& who, int64_t id, const DecisionInput& in,
                           int64_t expected_version, int64_t now_ms);

    Result<std::vector<DisputeDocument>> documents(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<std::optional<DisputeDecision>> decision(db::Tx& tx, const auth::Caller& who, int64_t id);

    // --- The register (issue 4 §4) ---
    //
    // - statistics(): summarize() (register_stats.hpp) over every dispute list() would select with
    //   the same filter (no page), handling days counted on the working-day calendar.
    // - export_rows(): what list() selects, up to kMaxExportRows (the route refuses more rather
    //   than cut the sheet short), with every party's name.
    // - letter(): the 公函 of a submitted dispute for anyone who sees the dispute (the parties, the
    //   competent department), read through files (its SM3 checked); 404 dispute.no_letter when none
    //   is bound. A draft's letter is the applicant's own upload (GET /attachments).
    RegisterStatistics statistics(db::Tx& tx, const auth::Caller& who, const store::ListFilter& f);
    struct ExportRows {
        store::DisputePage page;
        std::map<int64_t, std::vector<std::string>> parties;  // names, the applicant first
    };
    Result<ExportRows> export_rows(db::Tx& tx, const auth::Caller& who, store::ListFilter f);
    struct LetterFile {
        std::string file_name, media_type, bytes;
    };
    Result<LetterFile> letter(db::Tx& tx, const auth::Caller& who, int64_t id);

    // --- The citywide procedure (Art 6 ¶2) ---
    //
    // - procedure(): the time limits in force: the city department's stored procedure, or the
    //   defaults this service was built with (REQUIREMENTS §18) while it has set none (version 0).
    //   Every new deadline of a dispute reads it; a change does not move deadlines already started.
    // - set_procedure(): only a dept_leader of the CITY's 行政执法协调监督部门 (Art 6 ¶2: 市行政执法协调
    //   监督部门应当制定…程序办法); a county's is refused 403 with the basis. Each limit 1–90 working
    //   days (400 with the field); version: the stored one (0 before the first), else 409. Audited
    //   "dispute.procedure_set" with before and after.
    struct Procedure {
        DisputeTimeLimits limits;
        std::string basis_note;
        int64_t version = 0;
        int64_t updated_at = 0, updated_by = 0;
    };
    Procedure procedure(db::Tx& tx) const;
    Result<Procedure> set_procedure(db::Tx& tx, const auth::Caller& who, const DisputeTimeLimits& limits,
                                    const std::string& basis_note, int64_t expected_version, int64_t now_ms);

    // The 公函 (Art 8 (一)) is an attachment of the files module: submit() and supplement() bind the
    // application's letter to the dispute (files::FileService::bind: the caller's own upload, inside
    // its scope, bound to nothing else), or refuse with 400 dispute.letter_not_found / the bind's
    // error, field letter_attachment_id (service_letter.cpp). The application sets it; without it
    // only the letter's presence is checked (Art 8 via check_application).
    void set_files(files::FileService& files) { files_ = &files; }

  private:
    // The review notice of issue 4 §3.2: drafted, linked and put on the dept_leaders' to-do list.
    Result<int64_t> draft_notice(db::Tx& tx, const auth::Caller& who, const Dispute& d, const char* doc_type,
                                 const char* purpose, std::vector<std::string> body,
                                 std::vector<std::pair<std::string, std::string>> fields, int64_t now_ms);
    // Cancels every open deadline of the dispute (review, 补正, positions, coordination).
    Result<void> cancel_open_deadlines(db::Tx& tx, const auth::Caller& who, const Dispute& d, int64_t now_ms);
    Result<Dispute> add_record(db::Tx& tx, const auth::Caller& who, int64_t id, std::string_view event,
                               CoordinationRecord r, int64_t expected_version, int64_t now_ms);

    Result<void> bind_letter(db::Tx& tx, const auth::Caller& who, const Dispute& d, int64_t now_ms);
    Result<Dispute> load_visible(db::Tx& tx, const auth::Caller& who, int64_t id);
    // Writes d (version checked), appends the timeline event and the audit record.
    Result<Dispute> commit_change(db::Tx& tx, const auth::Caller& who, Dispute d, const std::string& before,
                                  int64_t expected_version, const std::string& event_kind,
                                  const std::string& payload_json, int64_t now_ms);

    audit::AuditLog& audit_;
    workflow::DeadlineService& deadlines_;
    docs::DocService& docs_;
    workflow::WorkflowService& workflow_;
    DisputeTimeLimits limits_;
    files::FileService* files_ = nullptr;
};

}  // namespace lecs::coordination
