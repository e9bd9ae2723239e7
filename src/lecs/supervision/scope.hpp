// Owners of the supervision objects for ScopeRule::object (the route's scope check).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"

namespace lecs::supervision {

// "matter": the handling department's region and organisation, with the target agency (matched by
// organisation only: it answers the notice) and the team members' organisations with their regions
// (a department's staff have a region scope; lower-level or cross-supervision staff work on it) as
// parties; MatterService then admits a member's own department only, as store::visible does with the
// caller's organisation. "plan": its department. "clue": the county department's region, the room as party.
// nullopt for another kind or a missing object.
std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);

}  // namespace lecs::supervision
