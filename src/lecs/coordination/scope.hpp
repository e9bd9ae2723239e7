// The owner of a dispute, for the HTTP middleware's object scope
// (ScopeRule::object("dispute"), app::Services::owner_of).
//
// Contract:
// - owner_of(tx, "dispute", id) → Owner{region_code: the competent region once
//   submitted, the applicant's while a draft (the stored region_code);
//   org_id: the competent department, or the applicant while a draft;
//   parties: every party (organisation and its region), by id}. nullopt
//   for another kind or a missing dispute.
// - This is the coarse gate the middleware applies before the handler runs
//   (404 outside it). DisputeService's own check (store::visible: a draft is
//   the applicant's alone) stays the final word.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"

namespace lecs::coordination {

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);

}  // namespace lecs::coordination
