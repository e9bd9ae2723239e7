#include "lecs/auth/rules.hpp"

#include <algorithm>
#include <set>

#include "lecs/auth/detail/common_passwords.hpp"
#include "lecs/base/crypto.hpp"
#include "lecs/base/provision.hpp"

namespace lecs::auth::rules {
namespace {

struct RolePermissions {
    std::string_view role;
    std::vector<std::string_view> permissions;
};

// docs/api-contract.md "roles → permissions", as a table.
// Attachments (files module): file.upload goes to those who file or inspect things — the agency
// liaison files a dispute with its 公函 (Art 8), supervisors and township room supervisors record
// inspections with photos and scans, the department leader supplies material for what the
// department decides. file.read adds those who only read the case material: the agency head and
// the government leader who decides a 呈报件. The administrators get neither: separation of
// duties (三员分立) keeps them out of case material.
// doc.read for an agency's liaison and head reaches only what was delivered to their organisation
// (the data scope: a document's recipients are its party organisations).
// Jurisdiction disputes (Art 6–8): an agency's liaison files the application for its agency
// (dispute.file, Art 6, 8); the supervisors of the coordination department review and coordinate it
// and its leader approves the opinion or reports to the government (dispute.handle, Art 6–7); the
// same-level government's leader decides what coordination could not settle (dispute.decide, Art 6
// "协调不成的，报本级人民政府决定"). dispute.read adds the agency head and the township room's
// supervisor, who follow the matter. Which dispute and which step is the data scope's and the
// dispute table's (coordination/dispute_table.hpp); the administrators get none of it.
// Monitoring of enforcement data (REQUIREMENTS §15): the coordination departments read the warnings and
// indicators and handle the warnings (dismiss, send, turn into a matter); the government's leader reads
// them (§15 feeds the assessment the government makes); the agency answers what was sent to it
// (monitoring.respond) and its liaison sends its own acts (monitoring.import); the system administrator
// runs the imports of the agencies' case systems but does not read the warnings and indicators they
// produce (separation of duties, 三员分立: administrators hold no business data). The enforcement-item
// catalog (Art 5(2)) is kept by the departments and read by the agencies and the government.
// Statistical reports (Art 15): the agency's liaison fills in and files its own report (report.fill);
// the same-level and the upper-level department's supervisors and leaders return or accept it and
// roll the figures up (report.review); the agency head, the township room and the government's
// leader read them. The cockpit (驾驶舱, cockpit.read) is the leaders': the department's and the
// government's.
const std::vector<RolePermissions>& role_table() {
    // clang-format off
    static const std::vector<RolePermissions> t = {
        // role                permissions
        {"sys_admin",         {"user.read", "user.write", "org.read", "org.write", "person.read", "person.write",
                               "cert.read", "cert.write", "calendar.write", "monitoring.import"}},
        {"security_admin",    {"user.read", "role.assign", "user.unlock"}},
        {"audit_admin",       {"audit.read"}},
        {"dept_leader",       {"org.read", "person.read", "person.write", "cert.read", "cert.write", "pii.unmask",
                               "doc.read", "doc.draft", "doc.issue", "doc.receipt", "file.read", "file.upload",
                               "dispute.read", "dispute.handle", "supervision.read", "supervision.handle",
                               "monitoring.read", "monitoring.handle", "catalog.read", "catalog.write",
                               "report.read", "report.review", "cockpit.read"}},
        {"supervisor",        {"org.read", "person.read", "cert.read", "doc.read", "doc.draft", "doc.receipt",
                               "file.read", "file.upload", "dispute.read", "dispute.handle", "supervision.read",
                               "supervision.handle", "monitoring.read", "monitoring.handle", "catalog.read",
                               "catalog.write", "report.read", "report.review"}},
        {"room_supervisor",   {"org.read", "person.read", "cert.read", "doc.read", "file.read", "file.upload",
                               "dispute.read", "supervision.read", "supervision.clue", "report.read"}},
        {"agency_liaison",    {"org.read", "person.read", "cert.read", "doc.read", "doc.receipt", "file.read",
                               "file.upload", "dispute.read", "dispute.file", "supervision.read",
                               "supervision.respond", "monitoring.respond", "monitoring.import", "catalog.read",
                               "report.read", "report.fill"}},
        {"agency_head",       {"org.read", "person.read", "cert.read", "doc.read", "file.read", "dispute.read",
                               "supervision.read", "monitoring.respond", "catalog.read", "report.read"}},
        {"gov_leader",        {"org.read", "person.read", "cert.read", "doc.read", "doc.issue", "file.read",
                               "dispute.read", "dispute.decide", "supervision.read", "supervision.decide",
                               "monitoring.read", "catalog.read", "report.read", "cockpit.read"}},
        {"social_supervisor", {}},
        {"expert",            {}},
        {"evaluator",         {}},
    };
    // clang-format on
    return t;
}

Error policy_error(std::string message, std::string_view field) {
    return Error::validation("auth.password_policy", std::move(message), std::string(field),
                             cite(Provision::kCybersecurityLawArt21));
}

}  // namespace

const std::vector<std::string>& all_roles() {
    static const std::vector<std::string> roles = [] {
        std::vector<std::string> v;
        for (const auto& r : role_table()) v.emplace_back(r.role);
        return v;
    }();
    return roles;
}

bool is_known_role(std::string_view role) {
    const auto& t = role_table();
    return std::any_of(t.begin(), t.end(), [&](const RolePermissions& r) { return r.role == role; });
}

bool is_admin_role(std::string_view role) { return role == kSysAdmin || role == kSecurityAdmin || role == kAuditAdmin; }

bool has_admin_role(const std::vector<std::string>& roles) {
    return std::any_of(roles.begin(), roles.end(), [](const std::string& r) { return is_admin_role(r); });
}

size_t code_points(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string utf8_truncate(std::string_view s, size_t max_bytes) {
    if (s.size() <= max_bytes) return std::string(s);
    size_t n = max_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n));
}

std::string printable_ascii(std::string_view s, size_t max_bytes) {
    std::string out(s.substr(0, max_bytes));
    for (char& c : out)
        if (c < 0x20 || c > 0x7e) c = '?';
    return out;
}

bool is_common_password(std::string_view password) {
    std::string lower = ascii_lower(password);
    for (std::string_view p : detail::common_passwords())
        if (ascii_lower(p) == lower) return true;
    return false;
}

Result<void> check_password_policy(std::string_view password, std::string_view username, std::string_view field) {
    if (code_points(password) < kMinPasswordChars) return policy_error("密码长度不少于12位", field);
    bool lower = false, upper = false, digit = false, other = false;
    for (unsigned char c : password) {
        if (c >= 'a' && c <= 'z')
            lower = true;
        else if (c >= 'A' && c <= 'Z')
            upper = true;
        else if (c >= '0' && c <= '9')
            digit = true;
        else
            other = true;  // punctuation, spaces and any non-ASCII character
    }
    if (int(lower) + int(upper) + int(digit) + int(other) < kMinPasswordClasses)
        return policy_error("密码须包含大写字母、小写字母、数字、特殊字符中的至少三类", field);
    std::string name = ascii_lower(username);
    if (!name.empty() && ascii_lower(password).find(name) != std::string::npos)
        return policy_error("密码不能包含用户名", field);
    if (is_common_password(password)) return policy_error("密码过于常见，请更换", field);
    return ok();
}

Error password_reused_error(std::string_view field) { return policy_error(std::string(kPasswordReusedMessage), field); }

Result<void> check_username(std::string_view u, std::string_view field) {
    auto bad = [&] {
        return Error::validation("auth.invalid_username", "用户名须为3至32位小写字母、数字或“._-”，并以字母或数字开头",
                                 std::string(field));
    };
    if (u.size() < 3 || u.size() > 32) return bad();
    for (size_t i = 0; i < u.size(); ++i) {
        char c = u[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return bad();
    }
    return ok();
}

bool password_rotation_due(const std::vector<std::string>& roles, int64_t changed_ms, int64_t now_ms) {
    return has_admin_role(roles) && now_ms - changed_ms > kAdminPasswordMaxAgeMs;
}

bool must_enrol_totp(const std::vector<std::string>& roles, bool totp_enabled) {
    return has_admin_role(roles) && !totp_enabled;
}

bool is_locked(int failures, int64_t last_failure_ms, int64_t now_ms) {
    return failures >= kMaxFailures && now_ms < locked_until(last_failure_ms);
}

int failures_after_failure(int failures, int64_t last_failure_ms, int64_t now_ms) {
    if (failures >= kMaxFailures && !is_locked(failures, last_failure_ms, now_ms)) return 1;
    return failures + 1;
}

Result<void> check_roles(const std::vector<std::string>& roles) {
    for (const auto& r : roles)
        if (!is_known_role(r)) return Error::validation("auth.unknown_role", "未知角色：" + r, "roles");
    std::set<std::string> admins;
    for (const auto& r : roles)
        if (is_admin_role(r)) admins.insert(r);
    // REQUIREMENTS §3 (等保2.0 三权分立): the three administrators are three different people.
    if (admins.size() > 1)
        return Error::validation("auth.separation_of_duties",
                                 "三权分立：系统管理员、安全管理员、审计管理员不得由同一账号兼任", "roles",
                                 cite(Provision::kCybersecurityLawArt21));
    return ok();
}

std::vector<std::string> permissions_of(const std::vector<std::string>& roles) {
    std::set<std::string> perms;
    for (const auto& rp : role_table())
        if (std::find(roles.begin(), roles.end(), rp.role) != roles.end())
            for (auto p : rp.permissions) perms.emplace(p);
    return {perms.begin(), perms.end()};
}

std::vector<std::string> all_permissions() { return permissions_of(all_roles()); }

SessionState session_state(int64_t last_seen_ms, int64_t expires_at_ms, bool revoked, int64_t now_ms) {
    if (revoked) return SessionState::kRevoked;
    if (now_ms >= expires_at_ms) return SessionState::kAbsoluteExpired;
    if (now_ms - last_seen_ms >= kIdleTimeoutMs) return SessionState::kIdleExpired;
    return SessionState::kValid;
}

bool should_touch_last_seen(int64_t last_seen_ms, int64_t now_ms) { return now_ms - last_seen_ms >= kLastSeenWriteMs; }

int64_t totp_accepted_step(std::string_view secret, std::string_view code, int64_t now_ms, int64_t last_step) {
    if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    int64_t step = now_ms / 1000 / 30;
    for (int64_t s : {step - 1, step, step + 1}) {
        if (s <= last_step) continue;
        if (crypto::constant_time_equal(crypto::totp(secret, s * 30), code)) return s;
    }
    return -1;
}

}  // namespace lecs::auth::rules
