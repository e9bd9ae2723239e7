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
//   visible() is the same predicate for one loaded dispute. The filter narrows it
//   (status, level, competent region prefix, domain, overdue); overdue_ids names
//   the page's disputes that are overdue on f.today: an open deadline of the
//   dispute (review, 补正, coordination, a party's position) past its due date
//   and not paused (overdue_sql()).
// - register_facts() is the same selection, every row (no page), reduced to what
//   the register's statistics count. party_names() reads the parties' names of
//   many disputes in one go (the applicant first).
// - Events are appended, never changed; list_events() in time order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
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
    std::optional<std::string> domain;       // org/domains.hpp code; "" the unclassified
    bool overdue_only = false;
    Date today = Date::from_days(0);  // the day "overdue" is judged on (Asia/Shanghai)
    int limit = 50, offset = 0;
};
struct DisputePage {
    std::vector<Dispute> items;  // without parties
    int64_t total = 0;
    std::set<int64_t> overdue_ids;
};
DisputePage list_disputes(db::Tx& tx, const auth::DataScope& scope, const ListFilter& f);

std::vector<RegisterFacts> register_facts(db::Tx& tx, const auth::DataScope& scope, const ListFilter& f);
std::map<int64_t, std::vector<std::string>> party_names(db::Tx& tx, const std::vector<int64_t>& dispute_ids);

// The SQL predicate "dispute d is overdue on the date bound to today_param" ("$3").
std::string overdue_sql(const std::string& today_param);

void insert_event(db::Tx& tx, const DisputeEvent& e);
std::vector<DisputeEvent> list_events(db::Tx& tx, int64_t dispute_id);

}  // namespace lecs::coordination::store
