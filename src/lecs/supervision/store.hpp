// SQL of supervision casework. Every function runs in the caller's Tx.
//
// Contract:
// - insert_*/find_* round-trip every column; update_matter() writes every mutable
//   column when the stored version is expected_version and bumps it (returns rows
//   changed; 0: stale). update_clue() likewise.
// - find_matter() reads the team with the members' names; list_matters() returns
//   the matters the scope sees, newest first: whose handling region is covered by
//   the scope (whole_city, region_prefixes), whose handling department or target
//   agency is among scope.org_ids, or that have a team member of scope.org_ids
//   (lower-level staff on an upper matter, cross supervision). visible() is the
//   same predicate for one loaded matter (team included).
// - Clues are seen by the room (org_ids) and by the county's region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"
#include "lecs/supervision/model.hpp"

namespace lecs::supervision::store {

void insert_plan(db::Tx& tx, const Plan& p);
std::optional<Plan> find_plan(db::Tx& tx, int64_t id);

void insert_matter(db::Tx& tx, const Matter& m);
int64_t update_matter(db::Tx& tx, const Matter& m, int64_t expected_version);
// Links the government's decision draft without a new version (a retry of decide() finds it).
int64_t link_decision_document(db::Tx& tx, int64_t matter_id, int64_t document_id, int64_t expected_version);
std::optional<Matter> find_matter(db::Tx& tx, int64_t id);
bool visible(const Matter& m, const auth::DataScope& scope);

struct MatterFilter {
    std::optional<std::string> status;
    std::optional<int64_t> plan_id;
    std::optional<std::string> source;
    std::optional<std::string> region;  // a prefix of the matter's region_code
    int limit = 50, offset = 0;
};
struct MatterPage {
    std::vector<Matter> items;  // without team
    int64_t total = 0;
};
MatterPage list_matters(db::Tx& tx, const auth::DataScope& scope, const MatterFilter& f);
// (status, count) of the matters list_matters() would select with the same filter (no page), by status.
std::vector<std::pair<std::string, int64_t>> count_matters_by_status(db::Tx& tx, const auth::DataScope& scope,
                                                                    const MatterFilter& f);

void insert_member(db::Tx& tx, int64_t matter_id, const TeamMember& m, int64_t now_ms);

void insert_inspection(db::Tx& tx, const Inspection& i);
std::vector<Inspection> inspections_of(db::Tx& tx, int64_t matter_id);

void insert_file_review(db::Tx& tx, const FileReview& r);
std::vector<FileReview> file_reviews_of(db::Tx& tx, int64_t matter_id);

void insert_finding(db::Tx& tx, const Finding& f);
std::vector<Finding> findings_of(db::Tx& tx, int64_t matter_id);

void insert_report(db::Tx& tx, const RectificationReport& r);
int64_t update_report_verdict(db::Tx& tx, const RectificationReport& r);
std::vector<RectificationReport> reports_of(db::Tx& tx, int64_t matter_id);

void insert_decision_items(db::Tx& tx, int64_t matter_id, const std::vector<DecisionItem>& items);
std::vector<DecisionItem> decision_items_of(db::Tx& tx, int64_t matter_id);
// Records item `ordinal`'s fulfilment once; returns rows changed (0: no such item or already recorded).
int64_t record_fulfilment(db::Tx& tx, int64_t matter_id, int ordinal, Date on, const std::string& note);
// Links the 呈报件 draft without a new version (a retry of report_to_government finds it).
int64_t link_report_document(db::Tx& tx, int64_t matter_id, int64_t document_id, int64_t expected_version);

void insert_clue(db::Tx& tx, const Clue& c);
int64_t update_clue(db::Tx& tx, const Clue& c, int64_t expected_version);
std::optional<Clue> find_clue(db::Tx& tx, int64_t id);
std::vector<Clue> list_clues(db::Tx& tx, const auth::DataScope& scope, std::optional<std::string> status);
bool clue_visible(const Clue& c, const auth::DataScope& scope);

void insert_event(db::Tx& tx, const MatterEvent& e);
std::vector<MatterEvent> list_events(db::Tx& tx, int64_t matter_id);

}  // namespace lecs::supervision::store
