// Plain data of the auth module (REQUIREMENTS §3): users, their roles, sessions
// and the login-failure counters. No logic here; rules.hpp decides, store.hpp
// reads and writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lecs::auth {

// The organisation a user belongs to, as auth shows it (read from the org
// module's organizations table; auth does not include org headers).
struct OrgRef {
    int64_t id = 0;
    std::string name;
    std::string region_code;
};

struct User {
    int64_t id = 0;
    std::string username;  // stored lower-case
    std::string display_name;
    int64_t org_id = 0;
    std::optional<int64_t> person_id;
    std::string password_hash;  // "pbkdf2-sm3$iter$salt_b64$hash_b64"
    int64_t password_changed_at = 0;
    bool must_change_password = true;
    std::optional<std::string> totp_secret_enc;  // sealed with Pii, aad "user.totp"
    bool totp_enabled = false;
    std::optional<int64_t> totp_last_step;  // the last accepted TOTP time step (no replay)
    std::string status = "active";          // "active" | "disabled"
    int64_t version = 1;
    int64_t created_at = 0;
    int64_t updated_at = 0;
    int64_t created_by = 0;          // user id; 0 = system (CLI)
    std::vector<std::string> roles;  // sorted
    OrgRef org;
};

struct Session {
    int64_t id = 0;
    std::string token_hash;  // SM3 hex of the token; the token itself is never stored
    int64_t user_id = 0;
    std::string csrf_token;
    int64_t created_at = 0;
    int64_t last_seen_at = 0;
    int64_t expires_at = 0;  // absolute timeout
    std::string ip;
    std::string user_agent;
    std::optional<int64_t> revoked_at;
};

// Keyed by the name typed at login, so unknown names lock exactly like real ones.
struct LoginFailures {
    std::string username_lower;
    int failures = 0;
    int64_t last_failure_at = 0;
    std::optional<int64_t> locked_until;
};

}  // namespace lecs::auth
