// The use cases of supervision casework (Art 11–14, 18, Art 3 ¶3; REQUIREMENTS §8).
//
// Contract (every change: the caller's scope first (404), then the matter table
// (409 wrong state, 403 role and guards), the version (409), the input (400 with
// the field), then the write, the timeline event and the audit record in the
// caller's Tx, so a refusal writes nothing; the documents are issued in
// DocService's own transactions between a checking and a committing one, as
// disputes do):
// - create_plan(): a department's supervisor or leader plans routine, special
//   (专项: theme, scope, period, targets) or patrol (巡查) supervision (Art 12); one
//   matter per target agency is opened with the plan as its source, the caller
//   leading its team. Each target must be one the department may supervise.
// - create_matter(): a matter on one target agency with its source, mode, Art 11
//   categories (at least one), subject and team. Competence: the caller's
//   department handles it; by default the target's own level and region, and an
//   upper department handling a lower target must say why (提级监督, upper_reason;
//   400 matter.upper_reason_required). Every member passes 回避
//   (rules::check_avoidance; cross supervision when source is
//   cross_supervision). 挂牌督办: tracked, with a label and a due date.
// - add_member(): lower-level staff or another region's (cross) people join; 回避.
// - take_over(): an upper department's leader takes a lower department's open
//   matter (提级监督, with the reason): the handling department and region change.
// - record_inspection(): Art 13 via rules::check_inspection_team over the
//   supervisors' certificates ON THE INSPECTION DATE; every supervisor must be on
//   the team; the certificate each showed is recorded with its number.
// - record_file_review(): scored by rules::score_file_review with the configured
//   checklist.
// - add_finding(): Art 14 ¶1 category, facts, evidence, legal basis, and the
//   disposition: on_spot (with the record of the correction) or notice.
// - propose_notice(): drafts the 《行政执法监督通知书》 to the target from the
//   notice findings, with the correction deadline (after today) and the written
//   report duty; its dept_leaders get "签发" on their to-do lists.
//   return_notice() sends it back with a reason.
// - issue_notice(): the dept_leader issues it (文号, signature), it is delivered to
//   the target, whose liaisons get "签收" and "报送整改情况" (with the correction
//   deadline as a workflow deadline).
// - submit_report(): the target's liaison files the written rectification report.
// - verify(): 复查 passes (closed) or fails (rectification_failed), with a reason.
// - report_to_government(): the dept_leader issues the 呈报件 to the handling
//   department's own people's government (Art 14 ¶2), after a failed 复查 or once
//   the correction deadline passed.
// - decide(): that government's gov_leader decides: items, each one of
//   rules::decision_item_kinds() with its content and, for the orders, a due
//   date; the GOVERNMENT issues the 《行政执法监督决定书》 under its own 文号 and key;
//   each item with a due date gets its workflow deadline; the department gets the
//   送达 to-do.
// - record_fulfilment(): the follow-up of decision item `ordinal` (from 0): the date the agency
//   carried it out (not after today) and the department's note; its deadline is met. Once only
//   (409 matter.item_recorded); an unknown ordinal 400.
// - close(): nothing left for a notice (open), or the decision signed for and every dated item's
//   fulfilment recorded (decided).
// - Clues (Art 3 ¶3): a township room's room_supervisor records a clue on its
//   township's enforcement and submits it to its county's department; that
//   department's supervisor accepts it (a matter with source township_referral and
//   the clue linked) or returns it with a reason.
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
#include "lecs/supervision/matter_table.hpp"
#include "lecs/supervision/model.hpp"
#include "lecs/supervision/rules.hpp"
#include "lecs/supervision/store.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::files {
class FileService;
}

namespace lecs::supervision {

struct PlanInput {
    std::string kind, title, theme, scope_text;
    std::optional<Date> period_start, period_end;
    std::vector<std::string> categories;
    std::vector<int64_t> target_org_ids;
    std::string upper_reason;  // when the targets are below the department's level
};

struct MatterInput {
    std::string source = "other";
    std::string mode = "routine";
    std::vector<std::string> categories;
    std::string subject;
    int64_t target_org_id = 0;
    std::vector<int64_t> member_person_ids;  // besides the caller, who leads
    std::string upper_reason;
    bool tracked = false;
    std::string tracked_label;
    std::optional<Date> tracked_due;
    std::optional<int64_t> plan_id, source_ref;
};

struct InspectionInput {
    std::vector<int64_t> supervisor_person_ids;
    std::optional<Date> inspected_on;
    std::string place, people_met, record;
    std::optional<int64_t> attachment_id;
    bool offline = false;
};

struct FindingInput {
    std::string category, facts, evidence, legal_basis, disposition, on_spot_record;
};

struct NoticeInput {
    std::optional<Date> correction_due;
    std::vector<std::string> requirements;  // what to correct, paragraphs
};

struct DecisionInput {
    std::vector<DecisionItem> items;
    std::vector<std::string> reasons;  // the paragraphs before the items
};

struct ClueInput {
    int64_t target_org_id = 0;
    std::string content;
    std::optional<int64_t> attachment_id;
};

// Time limits of the casework that are practice, not law (REQUIREMENTS §18 style).
struct SupervisionLimits {
    int max_correction_days = 180;  // a notice's deadline at most this many calendar days ahead
};

class MatterService {
  public:
    MatterService(audit::AuditLog& audit, workflow::DeadlineService& deadlines, docs::DocService& docs,
                  workflow::WorkflowService& workflow, rules::Checklist checklist, SupervisionLimits limits = {})
        : audit_(audit),
          deadlines_(deadlines),
          docs_(docs),
          workflow_(workflow),
          checklist_(std::move(checklist)),
          limits_(limits) {}
    void set_files(files::FileService& files) { files_ = &files; }

    Result<std::pair<Plan, std::vector<int64_t>>> create_plan(db::Tx& tx, const auth::Caller& who, const PlanInput& in,
                                                              int64_t now_ms);
    Result<Plan> get_plan(db::Tx& tx, const auth::Caller& who, int64_t id);

    Result<Matter> create_matter(db::Tx& tx, const auth::Caller& who, const MatterInput& in, int64_t now_ms);
    Result<Matter> get(db::Tx& tx, const auth::Caller& who, int64_t id);
    store::MatterPage list(db::Tx& tx, const auth::Caller& who, const store::MatterFilter& f);
    // How many matters list() would give in each state of the matter table (table order, zeros
    // included, so a chart keeps its shape), within `region` (a prefix of the matter's region_code)
    // when given. For the leaders' cockpit (Art 15). Anonymous: every state 0.
    struct StateCount {
        std::string state, label;
        int64_t count = 0;
    };
    std::vector<StateCount> state_counts(db::Tx& tx, const auth::Caller& who, const std::optional<std::string>& region);
    Result<std::vector<MatterEvent>> timeline(db::Tx& tx, const auth::Caller& who, int64_t id);

    Result<Matter> add_member(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t person_id, int64_t version,
                              int64_t now_ms);
    Result<Matter> take_over(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                             int64_t version, int64_t now_ms);
    Result<Matter> record_inspection(db::Tx& tx, const auth::Caller& who, int64_t id, const InspectionInput& in,
                                     int64_t version, int64_t now_ms);
    Result<Matter> record_file_review(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& case_no,
                                      const rules::ReviewInput& in, int64_t version, int64_t now_ms);
    Result<Matter> add_finding(db::Tx& tx, const auth::Caller& who, int64_t id, const FindingInput& in, int64_t version,
                               int64_t now_ms);
    Result<Matter> propose_notice(db::Tx& tx, const auth::Caller& who, int64_t id, const NoticeInput& in,
                                  int64_t version, int64_t now_ms);
    Result<Matter> return_notice(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                                 int64_t version, int64_t now_ms);
    Result<Matter> issue_notice(db::Database& db, const auth::Caller& who, int64_t id, int64_t version, int64_t now_ms);
    Result<Matter> submit_report(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& content,
                                 std::optional<int64_t> attachment_id, int64_t version, int64_t now_ms);
    Result<Matter> verify(db::Tx& tx, const auth::Caller& who, int64_t id, bool passed, const std::string& reason,
                          int64_t version, int64_t now_ms);
    Result<Matter> report_to_government(db::Database& db, const auth::Caller& who, int64_t id,
                                        const std::vector<std::string>& body, int64_t version, int64_t now_ms);
    Result<Matter> decide(db::Database& db, const auth::Caller& who, int64_t id, const DecisionInput& in,
                          int64_t version, int64_t now_ms);
    Result<Matter> record_fulfilment(db::Tx& tx, const auth::Caller& who, int64_t id, int ordinal,
                                     std::optional<Date> fulfilled_on, const std::string& note, int64_t version,
                                     int64_t now_ms);
    Result<Matter> close(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t version, int64_t now_ms);

    // The matter's records (scope-checked).
    struct Records {
        std::vector<Inspection> inspections;
        std::vector<FileReview> file_reviews;
        std::vector<Finding> findings;
        std::vector<RectificationReport> reports;
        std::vector<DecisionItem> decision_items;
    };
    Result<Records> records(db::Tx& tx, const auth::Caller& who, int64_t id);
    // The events of the table the caller may fire now (role and guards), for the UI's buttons.
    std::vector<std::string> actions(db::Tx& tx, const auth::Caller& who, const Matter& m, int64_t now_ms);

    Result<Clue> create_clue(db::Tx& tx, const auth::Caller& who, const ClueInput& in, int64_t now_ms);
    Result<Clue> get_clue(db::Tx& tx, const auth::Caller& who, int64_t id);
    std::vector<Clue> list_clues(db::Tx& tx, const auth::Caller& who, std::optional<std::string> status);
    Result<std::pair<Clue, Matter>> accept_clue(db::Tx& tx, const auth::Caller& who, int64_t id, const MatterInput& in,
                                                int64_t version, int64_t now_ms);
    Result<Clue> return_clue(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& reason,
                             int64_t version, int64_t now_ms);

    const rules::Checklist& checklist() const { return checklist_; }

  private:
    Result<Matter> load_visible(db::Tx& tx, const auth::Caller& who, int64_t id);
    MatterFacts facts_of(db::Tx& tx, const Matter& m, const auth::Caller& who, int64_t now_ms);
    Result<std::string> fire(db::Tx& tx, const Matter& m, std::string_view event, const auth::Caller& who,
                             int64_t now_ms);
    Result<Matter> commit(db::Tx& tx, const auth::Caller& who, Matter m, const std::string& before,
                          int64_t expected_version, const std::string& event_kind, const std::string& payload_json,
                          int64_t now_ms);
    Result<TeamMember> member_for(db::Tx& tx, int64_t person_id, const Matter& m, const std::string& role);

    audit::AuditLog& audit_;
    workflow::DeadlineService& deadlines_;
    docs::DocService& docs_;
    workflow::WorkflowService& workflow_;
    rules::Checklist checklist_;
    SupervisionLimits limits_;
    files::FileService* files_ = nullptr;
};

}  // namespace lecs::supervision
