// The calendar module's SQL and nothing else. Every function takes the caller's Tx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/calendar/model.hpp"
#include "lecs/db/db.hpp"

namespace lecs::calendar::store {

std::vector<YearRecord> years(db::Tx& tx);
std::optional<YearRecord> find_year(db::Tx& tx, int year);
void upsert_year(db::Tx& tx, const YearRecord& y);

// All stored days, or those of one year, in date order.
std::vector<DayRecord> days(db::Tx& tx, std::optional<int> year = std::nullopt);
std::optional<DayRecord> find_day(db::Tx& tx, Date d);
void insert_day(db::Tx& tx, const DayRecord& r);
// Writes r (its version is the new one) if the stored version is expected; false otherwise.
bool update_day(db::Tx& tx, const DayRecord& r, int64_t expected_version);

void insert_revision(db::Tx& tx, int64_t id, int64_t at_ms, const std::string& by_user, const std::string& change_json);
int64_t count_revisions(db::Tx& tx);

}  // namespace lecs::calendar::store
