// The use cases of identity and access (REQUIREMENTS §3).
//
// Contract:
// - login() and authenticate() take the Database, not a Tx: PBKDF2 costs
//   ~0.38 s at 310 000 iterations and must not hold the (single SQLite) write
//   lock, so login reads in one short Tx, hashes outside any Tx, then writes
//   the bookkeeping in one short write Tx that is COMMITTED whatever the answer
//   (failure counters and "auth.login_failed"/"auth.lockout" audit rows
//   survive a refused login). Its answer is a value (LoginOutcome), not a
//   Result, for the same reason. authenticate() reads, and writes last_seen
//   only when it is at least 60 s old.
// - Order of login checks: per-IP limit (before any hashing) → lockout of the
//   name typed → password (one PBKDF2 also for an unknown name) → TOTP.
//   Unknown name and wrong password get the same answer and both count
//   towards the lockout of the name typed.
// - Every other use case takes the caller's Tx, checks permission and scope,
//   writes, and appends to the audit log in the same Tx (never a password,
//   hash, token or TOTP secret).
// - A Caller's permissions are EMPTY while the account must change its password
//   or (admins) must enrol TOTP: such a session may only use the self routes
//   (/me, /auth/password, /auth/totp/*, /auth/logout).
// - The Caller's DataScope comes from the scope_of hook the application sets
//   (the org module computes it; auth includes no org header). Unset: an empty
//   scope, which covers nothing.
// - system_caller() is the CLI's caller (`lecs user create|reset-password|unlock`):
//   every permission, whole city, username "system", user id 0.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/auth/login_limiter.hpp"
#include "lecs/auth/model.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"

namespace lecs::audit {
class AuditLog;
}

namespace lecs::auth {

struct AuthConfig {
    int pbkdf2_iterations = 310'000;  // production ≥ 310 000; tests lower it
    int login_attempts_per_minute_per_ip = 20;
};

using ScopeFn = std::function<DataScope(db::Tx&, int64_t org_id, const std::vector<std::string>& roles)>;

// What the API shows of a user (no hash, no secret).
struct Account {
    int64_t id = 0;
    std::string username;
    std::string display_name;
    std::vector<std::string> roles;
    OrgRef org;
    std::optional<int64_t> person_id;
    bool must_change_password = false;  // first login, after a reset, or an admin's 90 days are over
    bool totp_enabled = false;
    bool must_enrol_totp = false;  // an admin without TOTP: may only enrol
    std::string status;
    int64_t version = 0;
};

struct LoginRequest {
    std::string username;  // as typed
    std::string password;
    std::string totp;  // empty when not given
    std::string ip;
    std::string user_agent;
};

struct LoginSuccess {
    std::string token;  // 32 random bytes, base64url: the cookie value, stored only as its SM3
    std::string csrf_token;
    int64_t session_id = 0;
    Account account;
    std::vector<std::string> permissions;  // as authenticate() will give them
};

// A value, not a Result: db::Database::write would roll back on an error
// Result, and a refused login's bookkeeping must be committed.
struct LoginOutcome {
    std::optional<LoginSuccess> success;
    std::optional<Error> error;
    bool succeeded() const { return success.has_value(); }
};

struct NewUser {
    std::string username;
    std::string display_name;
    int64_t org_id = 0;
    std::optional<int64_t> person_id;
    std::string password;
    bool must_change_password = true;
    std::vector<std::string> roles;  // needs role.assign (the CLI's system caller has it)
};

struct TotpEnrolment {
    std::string secret;       // base32, for manual entry
    std::string otpauth_uri;  // otpauth://totp/LECS:<username>?secret=…&issuer=LECS
};

struct AccountPage {
    std::vector<Account> items;
    int64_t total = 0;
};

class AuthService {
  public:
    AuthService(AuthConfig config, audit::AuditLog& audit, KeyProvider& keys);

    void set_scope_of(ScopeFn f) { scope_of_ = std::move(f); }
    static Caller system_caller();

    LoginOutcome login(db::Database& db, const LoginRequest& req, int64_t now_ms);
    std::optional<Caller> authenticate(db::Database& db, std::string_view token, std::string_view ip, int64_t now_ms);

    Result<void> logout(db::Tx& tx, const Caller& who, int64_t now_ms);
    Result<Account> me(db::Tx& tx, const Caller& who, int64_t now_ms);
    Result<void> change_password(db::Tx& tx, const Caller& who, std::string_view old_password,
                                 std::string_view new_password, int64_t now_ms);
    Result<TotpEnrolment> totp_enroll(db::Tx& tx, const Caller& who, int64_t now_ms);
    Result<void> totp_confirm(db::Tx& tx, const Caller& who, std::string_view code, int64_t now_ms);

    // user.read; the users whose organisation the caller's scope covers.
    Result<AccountPage> list_users(db::Tx& tx, const Caller& who, int64_t page, int64_t size, int64_t now_ms);
    // user.write, target org in scope.
    Result<Account> create_user(db::Tx& tx, const Caller& who, const NewUser& in, int64_t now_ms);
    // role.assign; 三权分立; stale version → 409; not one's own roles.
    Result<Account> set_roles(db::Tx& tx, const Caller& who, int64_t user_id, const std::vector<std::string>& roles,
                              int64_t version, int64_t now_ms);
    // user.unlock: clears the login failures of the user's name.
    Result<void> unlock(db::Tx& tx, const Caller& who, int64_t user_id, int64_t now_ms);
    // user.unlock by the name typed (the CLI; also names with no account).
    Result<void> unlock_name(db::Tx& tx, const Caller& who, std::string_view username, int64_t now_ms);
    // user.unlock: a temporary password, must change at next login, sessions ended.
    Result<void> reset_password(db::Tx& tx, const Caller& who, int64_t user_id, std::string_view new_password,
                                int64_t now_ms);

    // user.unlock: clears a user's TOTP (a lost phone); the user enrols again
    // (an admin at the next login, which allows enrolment only).
    Result<void> reset_totp(db::Tx& tx, const Caller& who, int64_t user_id, int64_t now_ms);

    // For the http object resolver (ScopeRule::object "user") and the CLI.
    std::optional<Owner> user_owner(db::Tx& tx, int64_t user_id);
    std::optional<int64_t> find_user_id(db::Tx& tx, std::string_view username);

  private:
    Account account_of(const User& u, int64_t now_ms) const;
    Caller login_caller(const LoginRequest& req, const std::optional<User>& u) const;
    void audit_login_refusal(db::Tx& tx, const Caller& who, const std::string& reason, int64_t now_ms);
    // Commits the audit row of a refused login and answers `e`.
    LoginOutcome refuse_login(db::Database& db, const Caller& who, Error e, const std::string& reason, int64_t now_ms);
    // Counts a failure of the name typed (locking it at the 5th), audits, commits.
    LoginOutcome record_login_failure(db::Database& db, const Caller& who, const std::string& name_lower, Error e,
                                      const std::string& reason, int64_t now_ms);
    std::vector<std::string> effective_permissions(const User& u, int64_t now_ms) const;
    Result<User> user_in_scope(db::Tx& tx, const Caller& who, int64_t user_id);
    void audit(db::Tx& tx, const Caller& who, const std::string& action, const std::string& object_id,
               const std::string& before, const std::string& after, int64_t now_ms, const std::string& result = "ok",
               const std::string& detail = {});

    AuthConfig config_;
    audit::AuditLog& audit_;
    Pii pii_;
    LoginLimiter limiter_;
    ScopeFn scope_of_;
};

}  // namespace lecs::auth
