// SQL of the coordination module's disputes. Every function runs in the caller's Tx.
//
// Contract:
// - insert_dispute() writes the dispute and its parties (in order, the
//   applicant first). update_dispute() writes every mutable column when the
//   stored version is expected_version and bumps it; returns rows changed
//   (0: stale, the caller answers 409). replace_parties() rewrites a draft's
//   (or a supplemented application's) parties; update_party_deadline() sets a
//   respondent's position deadline.
// - find_dispute() reads the dispute with its parties (names from
//   organizations), nullopt when it does not exist.
// - list_disputes() returns the disputes the scope sees, newest first:
//     * every dispute (draft included) whose applicant is one of scope.org_ids;
//     * a submitted dispute (status <> 'draft') with a party among
//       scope.org_ids, or whose competent department is among them, or whose
//       region_code (the competent region) is covered by scope.region_prefixes
//       or whole_city.
//   visible() is the same predicate for one loaded dispute.
// - Events are appended, never changed; list_events() in time order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/coordination/model.hpp"
#include "lecs/db/db.hpp"

namespace lecs::coordination::store {

void insert_dispute(db::Tx& tx, const Dispute& d);
int64_t update_dispute(db::Tx& tx, const Dispute& d, int64_t expected_version);
void replace_parties(db::Tx& tx, int64_t dispute_id, const std::vector<DisputeParty>& parties);
void update_party_deadline(db::Tx& tx, int64_t dispute_id, int64_t org_id, Date due_on, int64_t deadline_id);
std::optional<Dispute> find_dispute(db::Tx& tx, int64_t id);

bool visible(const Dispute& d, const auth::DataScope& scope);

struct ListFilter {
    std::optional<std::string> status;
    std::optional<std::string> competent_level;
    std::optional<std::string> region_code;  // prefix of the competent region
    int limit = 50, offset = 0;
};
struct DisputePage {
    std::vector<Dispute> items;  // without parties
    int64_t total = 0;
};
DisputePage list_disputes(db::Tx& tx, const auth::DataScope& scope, const ListFilter& f);

void insert_event(db::Tx& tx, const DisputeEvent& e);
std::vector<DisputeEvent> list_events(db::Tx& tx, int64_t dispute_id);

}  // namespace lecs::coordination::store
