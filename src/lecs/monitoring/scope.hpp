// Owners of the monitoring objects for ScopeRule::object (the route's scope check).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"

namespace lecs::monitoring {

// "warning": the warned agency's region and the agency (a department sees its region's warnings, the
// agency its own). nullopt for another kind or a missing warning.
std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);

}  // namespace lecs::monitoring
