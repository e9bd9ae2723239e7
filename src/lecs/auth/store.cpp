#include "lecs/auth/store.hpp"

#include <map>

#include "lecs/base/id.hpp"
#include "lecs/db/values.hpp"

namespace lecs::auth::store {
namespace {

using db::Params;
using db::Value;

constexpr std::string_view kUserColumns =
    "SELECT u.id, u.username, u.display_name, u.org_id, u.person_id, u.password_hash, u.password_changed_at, "
    "u.must_change_password, u.totp_secret_enc, u.totp_enabled, u.totp_last_step, u.status, u.version, "
    "u.created_at, u.updated_at, u.created_by, o.name, o.region_code "
    "FROM users u JOIN organizations o ON o.id = u.org_id ";

User user_from_row(const db::Row& r) {
    User u;
    u.id = r.i64(0);
    u.username = r.str(1);
    u.display_name = r.str(2);
    u.org_id = r.i64(3);
    u.person_id = r.opt_i64(4);
    u.password_hash = r.str(5);
    u.password_changed_at = r.i64(6);
    u.must_change_password = r.boolean(7);
    u.totp_secret_enc = r.opt_str(8);
    u.totp_enabled = r.boolean(9);
    u.totp_last_step = r.opt_i64(10);
    u.status = r.str(11);
    u.version = r.i64(12);
    u.created_at = r.i64(13);
    u.updated_at = r.i64(14);
    u.created_by = r.i64(15);
    u.org = OrgRef{u.org_id, r.str(16), r.str(17)};
    return u;
}

std::vector<std::string> roles_of(db::Tx& tx, int64_t user_id) {
    std::vector<std::string> roles;
    for (const auto& r : tx.query("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role", {user_id}))
        roles.push_back(r.str(0));
    return roles;
}

std::optional<User> one_user(db::Tx& tx, std::string_view where, const Params& p) {
    auto row = tx.query_one(std::string(kUserColumns) + std::string(where), p);
    if (!row) return std::nullopt;
    User u = user_from_row(*row);
    u.roles = roles_of(tx, u.id);
    return u;
}

using db::opt;

}  // namespace

std::optional<User> find_user(db::Tx& tx, int64_t id) { return one_user(tx, "WHERE u.id = $1", {id}); }

std::optional<User> find_user_by_name(db::Tx& tx, std::string_view username_lower) {
    return one_user(tx, "WHERE u.username = $1", {std::string(username_lower)});
}

std::vector<int64_t> active_user_ids_with_role(db::Tx& tx, int64_t org_id, std::string_view role) {
    std::vector<int64_t> out;
    for (const auto& r : tx.query("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.org_id = $1 "
                                  "AND r.role = $2 AND u.status = 'active' ORDER BY u.id",
                                  {org_id, std::string(role)}))
        out.push_back(r.i64(0));
    return out;
}

std::vector<User> all_users(db::Tx& tx) {
    std::map<int64_t, std::vector<std::string>> roles;
    for (const auto& r : tx.query("SELECT user_id, role FROM user_roles ORDER BY user_id, role"))
        roles[r.i64(0)].push_back(r.str(1));
    std::vector<User> users;
    for (const auto& r : tx.query(std::string(kUserColumns) + "ORDER BY u.username")) {
        User u = user_from_row(r);
        if (auto it = roles.find(u.id); it != roles.end()) u.roles = it->second;
        users.push_back(std::move(u));
    }
    return users;
}

std::optional<OrgRef> find_org(db::Tx& tx, int64_t org_id) {
    auto r = tx.query_one("SELECT id, name, region_code FROM organizations WHERE id = $1", {org_id});
    if (!r) return std::nullopt;
    return OrgRef{r->i64(0), r->str(1), r->str(2)};
}

std::optional<int64_t> find_person_org(db::Tx& tx, int64_t person_id) {
    auto r = tx.query_one("SELECT org_id FROM people WHERE id = $1", {person_id});
    if (!r) return std::nullopt;
    return r->i64(0);
}

void insert_user(db::Tx& tx, const User& u) {
    tx.exec(
        "INSERT INTO users (id, username, display_name, org_id, person_id, password_hash, password_changed_at, "
        "must_change_password, totp_secret_enc, totp_enabled, totp_last_step, status, version, created_at, "
        "updated_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        {u.id, u.username, u.display_name, u.org_id, opt(u.person_id), u.password_hash, u.password_changed_at,
         int64_t{u.must_change_password}, opt(u.totp_secret_enc), int64_t{u.totp_enabled}, opt(u.totp_last_step),
         u.status, u.version, u.created_at, u.updated_at, u.created_by});
    replace_roles(tx, u.id, u.roles);
}

void set_password(db::Tx& tx, int64_t user_id, std::string_view hash, bool must_change, int64_t now_ms) {
    tx.exec(
        "UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = $4, "
        "updated_at = $3 WHERE id = $1",
        {user_id, std::string(hash), now_ms, int64_t{must_change}});
}

bool bump_version(db::Tx& tx, int64_t user_id, int64_t expected_version, int64_t now_ms) {
    return tx.exec("UPDATE users SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2",
                   {user_id, expected_version, now_ms}) == 1;
}

void replace_roles(db::Tx& tx, int64_t user_id, const std::vector<std::string>& roles) {
    tx.exec("DELETE FROM user_roles WHERE user_id = $1", {user_id});
    for (const auto& r : roles) tx.exec("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)", {user_id, r});
}

std::vector<std::string> recent_password_hashes(db::Tx& tx, int64_t user_id, size_t limit) {
    std::vector<std::string> out;
    for (const auto& r : tx.query("SELECT hash FROM password_history WHERE user_id = $1 "
                                  "ORDER BY changed_at DESC, id DESC LIMIT $2",
                                  {user_id, static_cast<int64_t>(limit)}))
        out.push_back(r.str(0));
    return out;
}

void add_password_history(db::Tx& tx, int64_t user_id, std::string_view hash, int64_t at_ms) {
    tx.exec("INSERT INTO password_history (id, user_id, hash, changed_at) VALUES ($1, $2, $3, $4)",
            {new_id(), user_id, std::string(hash), at_ms});
}

void prune_password_history(db::Tx& tx, int64_t user_id, size_t keep) {
    tx.exec(
        "DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (SELECT id FROM password_history "
        "WHERE user_id = $1 ORDER BY changed_at DESC, id DESC LIMIT $2)",
        {user_id, static_cast<int64_t>(keep)});
}

void set_totp_pending(db::Tx& tx, int64_t user_id, std::string_view secret_enc, int64_t now_ms) {
    tx.exec(
        "UPDATE users SET totp_secret_enc = $2, totp_enabled = 0, totp_last_step = NULL, updated_at = $3 "
        "WHERE id = $1",
        {user_id, std::string(secret_enc), now_ms});
}

void clear_totp(db::Tx& tx, int64_t user_id, int64_t now_ms) {
    tx.exec(
        "UPDATE users SET totp_secret_enc = NULL, totp_enabled = 0, totp_last_step = NULL, updated_at = $2 "
        "WHERE id = $1",
        {user_id, now_ms});
}

void enable_totp(db::Tx& tx, int64_t user_id, int64_t step, int64_t now_ms) {
    tx.exec("UPDATE users SET totp_enabled = 1, totp_last_step = $2, updated_at = $3 WHERE id = $1",
            {user_id, step, now_ms});
}

bool claim_totp_step(db::Tx& tx, int64_t user_id, int64_t step) {
    return tx.exec(
               "UPDATE users SET totp_last_step = $2 WHERE id = $1 "
               "AND (totp_last_step IS NULL OR totp_last_step < $2)",
               {user_id, step}) == 1;
}

std::optional<LoginFailures> find_failures(db::Tx& tx, std::string_view name) {
    auto r = tx.query_one(
        "SELECT username_lower, failures, last_failure_at, locked_until FROM login_failures "
        "WHERE username_lower = $1",
        {std::string(name)});
    if (!r) return std::nullopt;
    return LoginFailures{r->str(0), static_cast<int>(r->i64(1)), r->i64(2), r->opt_i64(3)};
}

LoginFailures lock_failures(db::Tx& tx, std::string_view name) {
    tx.exec(
        "INSERT INTO login_failures (username_lower, failures, last_failure_at, locked_until) "
        "VALUES ($1, 0, 0, NULL) ON CONFLICT (username_lower) DO NOTHING",
        {std::string(name)});
    // A no-op UPDATE takes the row lock on PostgreSQL, so two nodes counting
    // failures of the same name at once do not lose one.
    tx.exec("UPDATE login_failures SET failures = failures WHERE username_lower = $1", {std::string(name)});
    return *find_failures(tx, name);
}

void save_failures(db::Tx& tx, const LoginFailures& f) {
    tx.exec(
        "UPDATE login_failures SET failures = $2, last_failure_at = $3, locked_until = $4 "
        "WHERE username_lower = $1",
        {f.username_lower, int64_t{f.failures}, f.last_failure_at, opt(f.locked_until)});
}

void clear_failures(db::Tx& tx, std::string_view name) {
    tx.exec("DELETE FROM login_failures WHERE username_lower = $1", {std::string(name)});
}

void insert_session(db::Tx& tx, const Session& s) {
    tx.exec(
        "INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, "
        "user_agent, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {s.id, s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent,
         opt(s.revoked_at)});
}

std::optional<Session> find_session(db::Tx& tx, std::string_view token_hash) {
    auto r = tx.query_one(
        "SELECT id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, "
        "revoked_at FROM sessions WHERE token_hash = $1",
        {std::string(token_hash)});
    if (!r) return std::nullopt;
    return Session{r->i64(0), r->str(1), r->i64(2), r->str(3), r->i64(4),
                   r->i64(5), r->i64(6), r->str(7), r->str(8), r->opt_i64(9)};
}

void touch_session(db::Tx& tx, int64_t session_id, int64_t now_ms) {
    tx.exec("UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2", {session_id, now_ms});
}

void revoke_session(db::Tx& tx, int64_t session_id, int64_t now_ms) {
    tx.exec("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", {session_id, now_ms});
}

int64_t revoke_user_sessions(db::Tx& tx, int64_t user_id, int64_t except_session_id, int64_t now_ms) {
    return tx.exec("UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
                   {user_id, except_session_id, now_ms});
}

}  // namespace lecs::auth::store
