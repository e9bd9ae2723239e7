// The org module's routes (docs/api-contract.md, org section). Every route
// declares its permission and scope rule; handlers parse, call OrgService in
// one transaction, and render.
#pragma once

#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/org/service.hpp"

namespace lecs::org {

// The public certificate verification allows this many requests per IP and minute.
inline constexpr int kPublicVerifyPerMinute = 30;

void register_api(http::Router& router, OrgService& svc, db::Database& db);

}  // namespace lecs::org
