// SQLite driver (see db.hpp for the contract).
#pragma once

#include <memory>
#include <string>

#include "lecs/db/db.hpp"

namespace lecs::db::sqlite {

// "sqlite:///abs/path" -> "/abs/path", "sqlite://rel/path" -> "rel/path",
// "sqlite::memory:" -> ":memory:". Throws DbError on any other form.
std::string path_from_url(const std::string& url);

// Opens the writer connection at once (so a bad path fails here) and up to
// pool_size reader connections lazily. ":memory:" has no readers: every
// transaction runs on the writer, since a second connection would see another
// database.
std::unique_ptr<Database> open(const std::string& url, int pool_size);

}  // namespace lecs::db::sqlite
