// The SQL of the auth module, and nothing else (tables of migrations/0003_auth.sql;
// the organisation's name and region are read from the org module's table).
//
// Contract: every function runs inside the caller's Tx; none begins or commits.
// Failures of the database throw db::DbError (infrastructure).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/model.hpp"
#include "lecs/db/db.hpp"

namespace lecs::auth::store {

// Users (with roles and org filled in).
std::optional<User> find_user(db::Tx& tx, int64_t id);
std::optional<User> find_user_by_name(db::Tx& tx, std::string_view username_lower);
std::vector<User> all_users(db::Tx& tx);  // ordered by username
// The active users of an organisation holding a role (who a role-addressed reminder reaches), by id.
std::vector<int64_t> active_user_ids_with_role(db::Tx& tx, int64_t org_id, std::string_view role);
std::optional<OrgRef> find_org(db::Tx& tx, int64_t org_id);
// The organisation a person (org module's people table) belongs to; nullopt when no such person.
std::optional<int64_t> find_person_org(db::Tx& tx, int64_t person_id);
// Throws db::UniqueViolation when the username is taken.
void insert_user(db::Tx& tx, const User& u);
void set_password(db::Tx& tx, int64_t user_id, std::string_view hash, bool must_change, int64_t now_ms);
// Optimistic concurrency: bumps version if it still equals expected; false when stale.
bool bump_version(db::Tx& tx, int64_t user_id, int64_t expected_version, int64_t now_ms);
void replace_roles(db::Tx& tx, int64_t user_id, const std::vector<std::string>& roles);

// Password history, newest first.
std::vector<std::string> recent_password_hashes(db::Tx& tx, int64_t user_id, size_t limit);
void add_password_history(db::Tx& tx, int64_t user_id, std::string_view hash, int64_t at_ms);
// Keeps the newest `keep` entries of the user.
void prune_password_history(db::Tx& tx, int64_t user_id, size_t keep);

// TOTP.
void set_totp_pending(db::Tx& tx, int64_t user_id, std::string_view secret_enc, int64_t now_ms);
void clear_totp(db::Tx& tx, int64_t user_id, int64_t now_ms);
void enable_totp(db::Tx& tx, int64_t user_id, int64_t step, int64_t now_ms);
// Records an accepted TOTP step; false when that step (or a later one) was already used.
bool claim_totp_step(db::Tx& tx, int64_t user_id, int64_t step);

// Login failures, keyed by the lower-cased name typed.
std::optional<LoginFailures> find_failures(db::Tx& tx, std::string_view username_lower);
// Creates the row if missing and locks it for this Tx (PostgreSQL row lock;
// SQLite has one writer), then returns its current values.
LoginFailures lock_failures(db::Tx& tx, std::string_view username_lower);
void save_failures(db::Tx& tx, const LoginFailures& f);
void clear_failures(db::Tx& tx, std::string_view username_lower);

// Sessions.
void insert_session(db::Tx& tx, const Session& s);
std::optional<Session> find_session(db::Tx& tx, std::string_view token_hash);
// Writes last_seen only if it is older than now (two nodes may race).
void touch_session(db::Tx& tx, int64_t session_id, int64_t now_ms);
void revoke_session(db::Tx& tx, int64_t session_id, int64_t now_ms);
// Revokes every live session of the user except `except_session_id` (0: all).
// Returns how many were revoked.
int64_t revoke_user_sessions(db::Tx& tx, int64_t user_id, int64_t except_session_id, int64_t now_ms);

}  // namespace lecs::auth::store
