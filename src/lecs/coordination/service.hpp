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
#include <optional>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/coordination/model.hpp"
#include "lecs/coordination/rules.hpp"
#include "lecs/coordination/store.hpp"
#include "lecs/db/db.hpp"
#include "lecs/workflow/service.hpp"

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
};

struct SubmitInput {
    int64_t expected_version = 0;
    bool confirm_vertical = false;  // the user has seen the Art 27 flag and proceeds
};

class DisputeService {
  public:
    DisputeService(audit::AuditLog& audit, workflow::DeadlineService& deadlines, DisputeTimeLimits limits = {})
        : audit_(audit), deadlines_(deadlines), limits_(limits) {}

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

    const DisputeTimeLimits& limits() const { return limits_; }

  private:
    Result<Dispute> load_visible(db::Tx& tx, const auth::Caller& who, int64_t id);
    // Writes d (version checked), appends the timeline event and the audit record.
    Result<Dispute> commit_change(db::Tx& tx, const auth::Caller& who, Dispute d, const std::string& before,
                                  int64_t expected_version, const std::string& event_kind,
                                  const std::string& payload_json, int64_t now_ms);

    audit::AuditLog& audit_;
    workflow::DeadlineService& deadlines_;
    DisputeTimeLimits limits_;
};

}  // namespace lecs::coordination
