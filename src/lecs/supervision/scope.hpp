// Owners of the supervision objects for ScopeRule::object (the route's scope check).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"

namespace lecs::supervision {

// "matter": the handling department's region and organisation, with the target agency and the
// team members' organisations as parties, matched by organisation only (they read it: the agency
// answers the notice, lower-level or cross-supervision staff work on it); store::visible is the same
// predicate. "plan": its department. "clue": the county department's region, the room as party.
// nullopt for another kind or a missing object.
std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);

}  // namespace lecs::supervision
