// What every subcommand opens: config, database (migrated), keys, audit log.
#pragma once

#include <memory>
#include <string>

#include "lecs/app/commands.hpp"
#include "lecs/app/config.hpp"
#include "lecs/audit/audit.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/db/db.hpp"

namespace lecs::app {

struct Runtime {
    Config config;
    std::unique_ptr<db::Database> db;
    std::unique_ptr<KeyProvider> keys;
    std::unique_ptr<audit::AuditLog> audit;
};

// Loads the config (./lecs.toml or --config), applies --db/--listen, creates the
// data directories, opens the key file and the database. With migrate=true it
// applies pending migrations and loads reference data (regions, calendar).
Runtime open_runtime(const GlobalOptions& g, bool migrate);

}  // namespace lecs::app
