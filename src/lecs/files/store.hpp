// SQL of the files module. Every function runs in the caller's Tx.
//
// Contract:
// - bind() changes only an unbound row of the given version (0 rows otherwise), so two
//   concurrent binds of one attachment cannot both succeed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"
#include "lecs/files/model.hpp"

namespace lecs::files::store {

void insert_attachment(db::Tx& tx, const Attachment& a);
std::optional<Attachment> find_attachment(db::Tx& tx, int64_t id);
// Sets the owner of an unbound attachment of version expected_version; returns rows changed.
int64_t bind(db::Tx& tx, int64_t id, std::string_view owner_kind, int64_t owner_id, int64_t expected_version,
             int64_t now_ms);
// The attachments bound to one object, oldest first.
std::vector<Attachment> list_bound(db::Tx& tx, std::string_view owner_kind, int64_t owner_id);
// Scope owner: the uploader's organisation.
std::optional<auth::Owner> attachment_owner(db::Tx& tx, int64_t id);

}  // namespace lecs::files::store
