// SQL of the catalog. Every function runs in the caller's Tx.
//
// Contract:
// - insert_item()/find_item() round-trip every column; update_item() writes the mutable columns when
//   the stored version is expected_version and bumps it (returns rows changed; 0: stale).
// - find_by_key() finds the row of (agency, item_code, effective_from), the table's unique key.
// - list_items() returns the items of the agencies the scope covers (the agency's region and id, SQL
//   filtered), ordered by agency, code and effective_from, with the total.
// - active_items() is every active item of every agency: the facts monitoring's rules load once per run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/catalog/model.hpp"
#include "lecs/db/db.hpp"

namespace lecs::catalog::store {

void insert_item(db::Tx& tx, const Item& i);
int64_t update_item(db::Tx& tx, const Item& i, int64_t expected_version);
std::optional<Item> find_item(db::Tx& tx, int64_t id);
std::optional<Item> find_by_key(db::Tx& tx, int64_t agency_id, const std::string& item_code, Date effective_from);

struct ItemFilter {
    std::optional<int64_t> agency_id;
    std::optional<std::string> item_code;
    std::optional<Date> in_force_on;
    int limit = 50, offset = 0;
};
struct ItemPage {
    std::vector<Item> items;
    int64_t total = 0;
};
ItemPage list_items(db::Tx& tx, const auth::DataScope& scope, const ItemFilter& f);

std::vector<Item> active_items(db::Tx& tx);

// Per agency the scope covers: how many active items were in force on at least one day of
// [from, to] (effective_from <= to and effective_to, if any, >= from). Agencies without one are absent.
std::map<int64_t, int64_t> in_force_counts(db::Tx& tx, const auth::DataScope& scope, Date from, Date to);

}  // namespace lecs::catalog::store
