// Pure rules of identity and access (REQUIREMENTS §3; 等保2.0 L3). No I/O.
//
// Contract:
// - check_password_policy(): ≥12 code points, ≥3 of the 4 classes (lower,
//   upper, digit, other), not containing the username (case-insensitive), not a
//   common password. The history rule (not one of the last 5) needs hashing and
//   lives in the service; its message is kPasswordReusedMessage.
// - Lockout: 5 consecutive failures lock the NAME typed for 30 minutes.
// - 三权分立: no account holds two of sys_admin / security_admin / audit_admin.
// - permissions_of(): the role → permission table of docs/api-contract.md.
// - Sessions: idle timeout 30 min, absolute 12 h; last_seen is rewritten only
//   when at least 60 s old (no write on the hot read path).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"

namespace lecs::auth::rules {

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr int kMinPasswordClasses = 3;
inline constexpr size_t kPasswordHistory = 5;
inline constexpr int64_t kAdminPasswordMaxAgeMs = 90LL * 24 * 3600 * 1000;
inline constexpr int kMaxFailures = 5;
inline constexpr int64_t kLockoutMs = 30LL * 60 * 1000;
inline constexpr int64_t kIdleTimeoutMs = 30LL * 60 * 1000;
inline constexpr int64_t kAbsoluteTimeoutMs = 12LL * 3600 * 1000;
inline constexpr int64_t kLastSeenWriteMs = 60LL * 1000;

inline constexpr std::string_view kPasswordReusedMessage = "不能与最近5次使用过的密码相同";

// Roles (REQUIREMENTS §3).
inline constexpr std::string_view kSysAdmin = "sys_admin";
inline constexpr std::string_view kSecurityAdmin = "security_admin";
inline constexpr std::string_view kAuditAdmin = "audit_admin";

// Every role LECS knows, in the order of REQUIREMENTS §3.
const std::vector<std::string>& all_roles();
bool is_known_role(std::string_view role);
// The three administrator roles of 三权分立.
bool is_admin_role(std::string_view role);
bool has_admin_role(const std::vector<std::string>& roles);

// Code points of a UTF-8 string (a stray continuation byte is not counted).
size_t code_points(std::string_view s);
// ASCII lower-casing (usernames are ASCII).
std::string ascii_lower(std::string_view s);
// At most max_bytes of s, cut at a code point boundary (never half a character,
// which PostgreSQL would refuse as TEXT).
std::string utf8_truncate(std::string_view s, size_t max_bytes);
// Printable ASCII only (others become '?'), at most max_bytes: for header
// values such as User-Agent, which are bytes, not text.
std::string printable_ascii(std::string_view s, size_t max_bytes);

bool is_common_password(std::string_view password);  // case-insensitive
// First failing rule as Error{code "auth.password_policy", field}.
Result<void> check_password_policy(std::string_view password, std::string_view username,
                                   std::string_view field = "password");
Error password_reused_error(std::string_view field);

// Usernames: 3–32 characters of a-z, 0-9, '.', '_', '-' (after lower-casing),
// starting with a letter or digit.
Result<void> check_username(std::string_view username_lower, std::string_view field = "username");

// Admins rotate their password every 90 days: true when it is older.
bool password_rotation_due(const std::vector<std::string>& roles, int64_t password_changed_at_ms, int64_t now_ms);
// Admins must use TOTP; one who has not enrolled yet may log in to enrol only.
bool must_enrol_totp(const std::vector<std::string>& roles, bool totp_enabled);

// Lockout: locked while failures ≥ 5 and less than 30 minutes have passed
// since the last failure.
bool is_locked(int failures, int64_t last_failure_ms, int64_t now_ms);
// The failure count after one more failure: a lock that has run out starts a
// new series at 1.
int failures_after_failure(int failures, int64_t last_failure_ms, int64_t now_ms);
// When the count reaches 5 the name is locked until last failure + 30 min.
inline int64_t locked_until(int64_t last_failure_ms) { return last_failure_ms + kLockoutMs; }

// 三权分立: refuses two admin roles on one account; refuses unknown roles.
Result<void> check_roles(const std::vector<std::string>& roles);

// Sorted, unique permissions of a set of roles.
std::vector<std::string> permissions_of(const std::vector<std::string>& roles);
// Every permission of the table (sorted, unique): the CLI's system caller.
std::vector<std::string> all_permissions();

enum class SessionState { kValid, kRevoked, kIdleExpired, kAbsoluteExpired };
// Valid while now < expires_at and now - last_seen < 30 min and not revoked.
SessionState session_state(int64_t last_seen_ms, int64_t expires_at_ms, bool revoked, int64_t now_ms);
inline int64_t session_expiry(int64_t created_ms) { return created_ms + kAbsoluteTimeoutMs; }
// Rewrite last_seen only when it is at least 60 s old.
bool should_touch_last_seen(int64_t last_seen_ms, int64_t now_ms);

// RFC 6238 with a tolerance of one 30-s step either side. Returns the step
// accepted, or -1. A step at or before last_step is refused (no replay).
int64_t totp_accepted_step(std::string_view secret, std::string_view code, int64_t now_ms, int64_t last_step);

}  // namespace lecs::auth::rules
