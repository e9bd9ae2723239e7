// PostgreSQL driver over libpq (see db.hpp for the contract).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lecs/db/db.hpp"

namespace lecs::db::postgres {

// A pool of up to pool_size connections, opened lazily; the first is opened
// at once so a wrong URL fails here with a DbError that never shows the password.
// A read Tx is BEGIN READ ONLY. A connection that broke is discarded, not reused.
std::unique_ptr<Database> open(const std::string& url, int pool_size);

// Runs sql outside any transaction on a fresh connection (CREATE/DROP DATABASE
// cannot run inside one). For administration and tests only.
void exec_admin(const std::string& url, std::string_view sql);

// The URL with its database name replaced: ("postgresql://u@h:5432/postgres?x=1", "t1")
// -> "postgresql://u@h:5432/t1?x=1".
std::string with_database(const std::string& url, const std::string& dbname);

}  // namespace lecs::db::postgres
