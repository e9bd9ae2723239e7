// 《行政执法监督建议书》 (Art 15) and guidance requests (Art 18).
//
// Contract (refusals write nothing; scope 404 first, then role/department 403, state 409,
// version 409, input 400):
// - draft_suggestion(): a supervisor or leader of a 行政执法协调监督部门 drafts a suggestion to an
//   agency it may supervise (rules::may_supervise), from a matter it handles or from its analysis;
//   the document (supervision_suggestion) is drafted and its dept_leaders get "签发" on their
//   to-do lists. issue_suggestion(): the department's dept_leader issues it (文号, signature, in
//   DocService's own transactions) and it is delivered to the agency, whose liaisons get "签收" and
//   "反馈" to-dos. respond(): the agency's liaison records its response (Art 15: the agency's
//   handling of the suggestion) → responded.
// - ask_guidance(): a county department (supervisor or leader) asks the city department
//   (the upper one, Art 18) about a difficult matter, optionally one of its own matters; the city's
//   supervisors get the to-do. answer_guidance(): the city department answers → answered.
// - Both are seen by the departments concerned and (suggestions) the target agency.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"
#include "lecs/docs/service.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::supervision {

struct Suggestion {
    int64_t id = 0;
    std::string status;  // drafted | issued | responded
    std::optional<int64_t> matter_id;
    int64_t org_id = 0;
    std::string region_code;
    int64_t target_org_id = 0;
    std::string subject;
    int64_t document_id = 0;
    std::string response;
    std::optional<int64_t> responded_at, responded_by;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct GuidanceRequest {
    int64_t id = 0;
    std::string status;  // open | answered
    int64_t from_org_id = 0, to_org_id = 0;
    std::string region_code;
    std::optional<int64_t> matter_id;
    std::string question, answer;
    std::optional<int64_t> answered_at, answered_by;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

struct SuggestionInput {
    int64_t target_org_id = 0;
    std::optional<int64_t> matter_id;
    std::string subject;
    std::vector<std::string> body;  // the analysis and the suggestions, paragraphs
};

class AdviceService {
  public:
    AdviceService(audit::AuditLog& audit, docs::DocService& docs, workflow::WorkflowService& workflow)
        : audit_(audit), docs_(docs), workflow_(workflow) {}

    Result<Suggestion> draft_suggestion(db::Tx& tx, const auth::Caller& who, const SuggestionInput& in, int64_t now_ms);
    Result<Suggestion> issue_suggestion(db::Database& db, const auth::Caller& who, int64_t id, int64_t version,
                                        int64_t now_ms);
    Result<Suggestion> respond(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& response,
                               int64_t version, int64_t now_ms);
    Result<Suggestion> get_suggestion(db::Tx& tx, const auth::Caller& who, int64_t id);
    std::vector<Suggestion> list_suggestions(db::Tx& tx, const auth::Caller& who);

    Result<GuidanceRequest> ask_guidance(db::Tx& tx, const auth::Caller& who, const std::string& question,
                                         std::optional<int64_t> matter_id, int64_t now_ms);
    Result<GuidanceRequest> answer_guidance(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& answer,
                                            int64_t version, int64_t now_ms);
    Result<GuidanceRequest> get_guidance(db::Tx& tx, const auth::Caller& who, int64_t id);
    std::vector<GuidanceRequest> list_guidance(db::Tx& tx, const auth::Caller& who);

  private:
    audit::AuditLog& audit_;
    docs::DocService& docs_;
    workflow::WorkflowService& workflow_;
};

// Owners for ScopeRule::object: "suggestion" (the department; the target agency as party) and
// "guidance" (the asking department; the asked one as party). nullopt otherwise.
std::optional<auth::Owner> advice_owner_of(db::Tx& tx, std::string_view kind, int64_t id);

}  // namespace lecs::supervision
