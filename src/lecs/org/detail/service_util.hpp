// Helpers shared by the two halves of OrgService (service.cpp, service_people.cpp).
#pragma once

#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/org/model.hpp"

namespace lecs::org::detail {

inline Result<void> need(const auth::Caller& who, std::string_view perm) {
    if (!who.can(perm)) return Error::forbidden();
    return ok();
}

inline auth::Owner owner_of_org(const Org& o) { return auth::Owner{o.region_code, o.id}; }

}  // namespace lecs::org::detail
