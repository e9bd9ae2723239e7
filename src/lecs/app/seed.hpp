// seed-demo: a realistic Xingtai for demonstrations and tests — the
// organisations, people and certificates of org::seed_demo_orgs, and the demo
// accounts later stories rely on (issue "Foundation", step 9).
#pragma once

#include <ostream>

#include "lecs/app/commands.hpp"
#include "lecs/app/runtime.hpp"
#include "lecs/app/services.hpp"

namespace lecs::app {

// Returns the exit code. Prints the accounts, and one "valid certificate: N"
// line (scripts/e2e reads it).
int seed_demo(Runtime& rt, Services& svc, const SeedOptions& opts, std::ostream& out);

}  // namespace lecs::app
