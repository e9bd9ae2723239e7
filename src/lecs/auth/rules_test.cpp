#include "lecs/auth/rules.hpp"

#include <gtest/gtest.h>

#include "lecs/auth/detail/common_passwords.hpp"

namespace lecs::auth::rules {
namespace {

constexpr int64_t kT = 1'790'000'000'000;  // an instant in 2026
constexpr int64_t kMinute = 60'000;

std::string policy_message(std::string_view password, std::string_view username = "zhangsan") {
    auto r = check_password_policy(password, username);
    return r.ok() ? std::string("ok") : r.error().message;
}

// ---- password policy (REQUIREMENTS §3) ----

TEST(PasswordPolicy, ElevenCharactersAreRefused) { EXPECT_EQ(policy_message("Xk7#mQ2$vL9"), "密码长度不少于12位"); }
TEST(PasswordPolicy, TwelveCharactersAreAccepted) { EXPECT_EQ(policy_message("Xk7#mQ2$vL9p"), "ok"); }
TEST(PasswordPolicy, EmptyIsRefusedForLength) { EXPECT_EQ(policy_message(""), "密码长度不少于12位"); }

TEST(PasswordPolicy, LengthCountsCodePointsNotBytes) {
    // 11 code points, 31 bytes.
    EXPECT_EQ(policy_message("密码Ab1!密码密码密"), "密码长度不少于12位");
    // 12 code points.
    EXPECT_EQ(policy_message("密码Ab1!密码密码密码"), "ok");
}

TEST(PasswordPolicy, TwoClassesAreRefused) {
    const std::string msg = "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类";
    EXPECT_EQ(policy_message("qpzmvwtrxkyb"), msg);              // lower only
    EXPECT_EQ(policy_message("qpzmvwTRXKYB"), msg);              // lower + upper
    EXPECT_EQ(policy_message("qpzmvw482913"), msg);              // lower + digit
    EXPECT_EQ(policy_message("QPZMVW#$%&*!"), msg);              // upper + other
    EXPECT_EQ(policy_message("482913#$%&*!"), msg);              // digit + other
    EXPECT_EQ(policy_message("中文中文中文中文中文中文"), msg);  // other only
}

TEST(PasswordPolicy, EveryThreeClassCombinationIsAccepted) {
    EXPECT_EQ(policy_message("qpzmvwTRXK48"), "ok");    // lower upper digit
    EXPECT_EQ(policy_message("qpzmvwTRXK#$"), "ok");    // lower upper other
    EXPECT_EQ(policy_message("qpzmvw4829#$"), "ok");    // lower digit other
    EXPECT_EQ(policy_message("QPZMVW4829#$"), "ok");    // upper digit other
    EXPECT_EQ(policy_message("qpzmvw4829中文"), "ok");  // a Chinese character is "other"
    EXPECT_EQ(policy_message("qpzmvw4829  "), "ok");    // so is a space
}

TEST(PasswordPolicy, ContainingTheUsernameIsRefusedCaseInsensitively) {
    EXPECT_EQ(policy_message("xx-zhangsan-99X"), "密码不能包含用户名");
    EXPECT_EQ(policy_message("ZHANGSAN#2024ab"), "密码不能包含用户名");
    EXPECT_EQ(policy_message("Qp#2024zhangsanX", "ZhangSan"), "密码不能包含用户名");
    EXPECT_EQ(policy_message("Qp#2024zhangsaX"), "ok");  // a part of the name is fine
}

TEST(PasswordPolicy, CommonPasswordsAreRefused) {
    const std::string msg = "密码过于常见，请更换";
    EXPECT_EQ(policy_message("Aa123456789!"), msg);
    EXPECT_EQ(policy_message("P@ssw0rd1234"), msg);
    EXPECT_EQ(policy_message("Woaini1314!!"), msg);
    EXPECT_EQ(policy_message("Qwer1234!@#$"), msg);
    EXPECT_EQ(policy_message("1qaz@WSX3edc"), msg);
    EXPECT_EQ(policy_message("aA123456789!"), msg);    // case-insensitive
    EXPECT_EQ(policy_message("Aa123456789!x"), "ok");  // not the same password
}

TEST(PasswordPolicy, LengthIsReportedBeforeCommonness) { EXPECT_EQ(policy_message("Aa123456!"), "密码长度不少于12位"); }

TEST(PasswordPolicy, ErrorCarriesCodeFieldStatusAndBasis) {
    auto r = check_password_policy("short", "u", "new_password");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "auth.password_policy");
    EXPECT_EQ(r.error().field, "new_password");
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_EQ(r.error().basis, "《中华人民共和国网络安全法》第二十一条");
}

TEST(PasswordPolicy, ReusedPasswordError) {
    Error e = password_reused_error("new_password");
    EXPECT_EQ(e.code, "auth.password_policy");
    EXPECT_EQ(e.message, "不能与最近5次使用过的密码相同");
    EXPECT_EQ(e.field, "new_password");
}

TEST(CommonPasswords, ListHoldsAtLeastTwoHundred) {
    EXPECT_GE(detail::common_passwords().size(), 200u);
    EXPECT_TRUE(is_common_password("woaini1314520"));
    EXPECT_TRUE(is_common_password("QWER1234!@#$"));
    EXPECT_FALSE(is_common_password("Zt9#kq2Lm8$w"));
}

TEST(CodePoints, CountsUtf8CodePoints) {
    EXPECT_EQ(code_points(""), 0u);
    EXPECT_EQ(code_points("abc"), 3u);
    EXPECT_EQ(code_points("密码"), 2u);
    EXPECT_EQ(code_points("a密b"), 3u);
}

TEST(Username, Rules) {
    EXPECT_FALSE(check_username("ab").ok());
    EXPECT_TRUE(check_username("abc").ok());
    EXPECT_TRUE(check_username(std::string(32, 'a')).ok());
    EXPECT_FALSE(check_username(std::string(33, 'a')).ok());
    EXPECT_TRUE(check_username("zhang.san_01-x").ok());
    EXPECT_FALSE(check_username("_abc").ok());
    EXPECT_FALSE(check_username("Abc").ok());  // stored lower-case
    EXPECT_FALSE(check_username("张三丰").ok());
    EXPECT_FALSE(check_username("a b c").ok());
    EXPECT_EQ(check_username("ab").error().code, "auth.invalid_username");
}

// ---- admins: rotation and TOTP ----

TEST(AdminRotation, DueOnlyAfterNinetyDays) {
    const int64_t d90 = 90LL * 24 * 3600 * 1000;
    EXPECT_FALSE(password_rotation_due({"sys_admin"}, kT, kT + d90));
    EXPECT_TRUE(password_rotation_due({"sys_admin"}, kT, kT + d90 + 1));
    EXPECT_TRUE(password_rotation_due({"security_admin"}, kT, kT + d90 + 1));
    EXPECT_TRUE(password_rotation_due({"audit_admin"}, kT, kT + d90 + 1));
    EXPECT_FALSE(password_rotation_due({"supervisor", "dept_leader"}, kT, kT + 1000 * d90));
}

TEST(AdminTotp, AdminsWithoutTotpMustEnrol) {
    EXPECT_TRUE(must_enrol_totp({"audit_admin"}, false));
    EXPECT_FALSE(must_enrol_totp({"audit_admin"}, true));
    EXPECT_FALSE(must_enrol_totp({"supervisor"}, false));
}

// ---- lockout: 5 failures → 30 minutes ----

TEST(Lockout, FourFailuresDoNotLock) { EXPECT_FALSE(is_locked(4, kT, kT)); }
TEST(Lockout, FiveFailuresLock) { EXPECT_TRUE(is_locked(5, kT, kT)); }
TEST(Lockout, LockHoldsUntilOneMillisecondBeforeThirtyMinutes) { EXPECT_TRUE(is_locked(5, kT, kT + 30 * kMinute - 1)); }
TEST(Lockout, LockEndsAtThirtyMinutes) {
    EXPECT_FALSE(is_locked(5, kT, kT + 30 * kMinute));
    EXPECT_FALSE(is_locked(5, kT, kT + 30 * kMinute + 1));
}
TEST(Lockout, LockedUntilIsLastFailurePlusThirtyMinutes) { EXPECT_EQ(locked_until(kT), kT + 1'800'000); }

TEST(Lockout, FailureCounting) {
    EXPECT_EQ(failures_after_failure(0, 0, kT), 1);
    EXPECT_EQ(failures_after_failure(3, kT, kT + 1), 4);
    EXPECT_EQ(failures_after_failure(4, kT, kT + 1), 5);
    // Four old failures still count: the series is "consecutive", not timed.
    EXPECT_EQ(failures_after_failure(4, kT, kT + 10 * 30 * kMinute), 5);
    // A lock that has run out starts a new series.
    EXPECT_EQ(failures_after_failure(5, kT, kT + 30 * kMinute), 1);
    EXPECT_EQ(failures_after_failure(5, kT, kT + 30 * kMinute - 1), 6);
}

// ---- 三权分立 ----

TEST(SeparationOfDuties, EveryPairOfAdminRolesIsRefused) {
    const std::vector<std::vector<std::string>> pairs = {{"sys_admin", "security_admin"},
                                                         {"sys_admin", "audit_admin"},
                                                         {"security_admin", "audit_admin"},
                                                         {"security_admin", "sys_admin"},
                                                         {"audit_admin", "sys_admin"},
                                                         {"audit_admin", "security_admin"},
                                                         {"sys_admin", "security_admin", "audit_admin"}};
    for (const auto& roles : pairs) {
        auto r = check_roles(roles);
        ASSERT_FALSE(r.ok()) << roles[0] << "+" << roles[1];
        EXPECT_EQ(r.error().code, "auth.separation_of_duties");
        EXPECT_EQ(r.error().message, "三权分立：系统管理员、安全管理员、审计管理员不得由同一账号兼任");
        EXPECT_EQ(r.error().field, "roles");
        EXPECT_EQ(r.error().http_status, 400);
    }
}

TEST(SeparationOfDuties, OneAdminRoleAloneOrWithOthersIsAccepted) {
    EXPECT_TRUE(check_roles({"sys_admin"}).ok());
    EXPECT_TRUE(check_roles({"security_admin"}).ok());
    EXPECT_TRUE(check_roles({"audit_admin"}).ok());
    EXPECT_TRUE(check_roles({"sys_admin", "supervisor"}).ok());
    EXPECT_TRUE(check_roles({"audit_admin", "audit_admin"}).ok());  // a duplicate is one role
    EXPECT_TRUE(check_roles({}).ok());
}

TEST(SeparationOfDuties, UnknownRoleIsRefused) {
    auto r = check_roles({"supervisor", "root"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "auth.unknown_role");
    EXPECT_EQ(r.error().message, "未知角色：root");
}

// ---- role → permission table (docs/api-contract.md) ----

using Perms = std::vector<std::string>;

TEST(Permissions, SysAdmin) {
    EXPECT_EQ(permissions_of({"sys_admin"}),
              (Perms{"calendar.write", "cert.read", "cert.write", "monitoring.import", "org.read", "org.write",
                     "person.read", "person.write", "user.read", "user.write"}));
}
TEST(Permissions, SecurityAdmin) {
    EXPECT_EQ(permissions_of({"security_admin"}), (Perms{"role.assign", "user.read", "user.unlock"}));
}
TEST(Permissions, AuditAdmin) { EXPECT_EQ(permissions_of({"audit_admin"}), (Perms{"audit.read"})); }
TEST(Permissions, DeptLeader) {
    EXPECT_EQ(permissions_of({"dept_leader"}),
              (Perms{"catalog.read",   "catalog.write",      "cert.read",       "cert.write",        "cockpit.read",
                     "dispute.handle", "dispute.read",       "doc.draft",       "doc.issue",         "doc.read",
                     "doc.receipt",    "file.read",          "file.upload",     "monitoring.handle", "monitoring.read",
                     "org.read",       "person.read",        "person.write",    "pii.unmask",        "report.read",
                     "report.review",  "supervision.handle", "supervision.read"}));
}
TEST(Permissions, SupervisorHasNoCertWriteNorDocIssue) {
    EXPECT_EQ(
        permissions_of({"supervisor"}),
        (Perms{"catalog.read", "catalog.write", "cert.read", "dispute.handle", "dispute.read", "doc.draft", "doc.read",
               "doc.receipt", "file.read", "file.upload", "monitoring.handle", "monitoring.read", "org.read",
               "person.read", "report.read", "report.review", "supervision.handle", "supervision.read"}));
}
TEST(Permissions, GovLeaderIssuesButDoesNotDraft) {
    EXPECT_EQ(permissions_of({"gov_leader"}),
              (Perms{"catalog.read", "cert.read", "cockpit.read", "dispute.decide", "dispute.read", "doc.issue",
                     "doc.read", "file.read", "monitoring.read", "org.read", "person.read", "report.read",
                     "supervision.decide", "supervision.read"}));
}
TEST(Permissions, RoomSupervisorReadsDocuments) {
    EXPECT_EQ(permissions_of({"room_supervisor"}),
              (Perms{"cert.read", "dispute.read", "doc.read", "file.read", "file.upload", "org.read", "person.read",
                     "report.read", "supervision.clue", "supervision.read"}));
}
TEST(Permissions, AgencyLiaisonReceiptsAndUploads) {
    EXPECT_EQ(permissions_of({"agency_liaison"}),
              (Perms{"catalog.read", "cert.read", "dispute.file", "dispute.read", "doc.read", "doc.receipt",
                     "file.read", "file.upload", "monitoring.import", "monitoring.respond", "org.read", "person.read",
                     "report.fill", "report.read", "supervision.read", "supervision.respond"}));
}
TEST(Permissions, AgencyHeadReadsOrgsPeopleCertificatesAndAttachments) {
    EXPECT_EQ(permissions_of({"agency_head"}),
              (Perms{"catalog.read", "cert.read", "dispute.read", "doc.read", "file.read", "monitoring.respond",
                     "org.read", "person.read", "report.read", "supervision.read"}));
}
TEST(Permissions, ProfileOnlyRolesHaveNone) {
    for (const char* role : {"expert", "social_supervisor", "evaluator", "no_such_role"})
        EXPECT_EQ(permissions_of({role}), Perms{}) << role;
}
TEST(Permissions, UnionIsSortedAndUnique) {
    EXPECT_EQ(
        permissions_of({"supervisor", "agency_liaison", "supervisor"}),
        (Perms{"catalog.read",       "catalog.write",     "cert.read",          "dispute.file",    "dispute.handle",
               "dispute.read",       "doc.draft",         "doc.read",           "doc.receipt",     "file.read",
               "file.upload",        "monitoring.handle", "monitoring.import",  "monitoring.read", "monitoring.respond",
               "org.read",           "person.read",       "report.fill",        "report.read",     "report.review",
               "supervision.handle", "supervision.read",  "supervision.respond"}));
}
TEST(Permissions, OnlyTheAuditAdminReadsTheAudit) {
    for (const auto& role : all_roles()) {
        auto p = permissions_of({role});
        bool reads = std::binary_search(p.begin(), p.end(), std::string("audit.read"));
        EXPECT_EQ(reads, role == "audit_admin") << role;
    }
}
TEST(Permissions, NoAdministratorTouchesCaseAttachments) {
    for (const char* role : {"sys_admin", "security_admin", "audit_admin"})
        for (const char* perm : {"file.read", "file.upload"}) {
            auto p = permissions_of({role});
            EXPECT_FALSE(std::binary_search(p.begin(), p.end(), std::string(perm))) << role << " " << perm;
        }
}
TEST(Permissions, RolesAndAllPermissions) {
    EXPECT_EQ(all_roles().size(), 12u);
    EXPECT_EQ(all_permissions(),
              (Perms{"audit.read",         "calendar.write",    "catalog.read",        "catalog.write",
                     "cert.read",          "cert.write",        "cockpit.read",        "dispute.decide",
                     "dispute.file",       "dispute.handle",    "dispute.read",        "doc.draft",
                     "doc.issue",          "doc.read",          "doc.receipt",         "file.read",
                     "file.upload",        "monitoring.handle", "monitoring.import",   "monitoring.read",
                     "monitoring.respond", "org.read",          "org.write",           "person.read",
                     "person.write",       "pii.unmask",        "report.fill",         "report.read",
                     "report.review",      "role.assign",       "supervision.clue",    "supervision.decide",
                     "supervision.handle", "supervision.read",  "supervision.respond", "user.read",
                     "user.unlock",        "user.write"}));
}
// Art 6–8: the agency's liaison files, the coordination department handles, the government decides.
TEST(Permissions, EachDisputeStepBelongsToItsRole) {
    auto holders = [](const char* perm) {
        std::vector<std::string> out;
        for (const auto& role : all_roles()) {
            auto p = permissions_of({role});
            if (std::binary_search(p.begin(), p.end(), std::string(perm))) out.push_back(role);
        }
        return out;
    };
    EXPECT_EQ(holders("dispute.file"), std::vector<std::string>{"agency_liaison"});
    EXPECT_EQ(holders("dispute.handle"), (std::vector<std::string>{"dept_leader", "supervisor"}));
    EXPECT_EQ(holders("dispute.decide"), std::vector<std::string>{"gov_leader"});
    EXPECT_EQ(holders("dispute.read"), (std::vector<std::string>{"dept_leader", "supervisor", "room_supervisor",
                                                                 "agency_liaison", "agency_head", "gov_leader"}));
}
// Art 3 ¶3, Art 13–14: the department handles, the agency answers, the government decides, the room refers.
TEST(Permissions, EachSupervisionStepBelongsToItsRole) {
    auto holders = [](const char* perm) {
        std::vector<std::string> out;
        for (const auto& role : all_roles()) {
            auto p = permissions_of({role});
            if (std::binary_search(p.begin(), p.end(), std::string(perm))) out.push_back(role);
        }
        return out;
    };
    EXPECT_EQ(holders("supervision.handle"), (std::vector<std::string>{"dept_leader", "supervisor"}));
    EXPECT_EQ(holders("supervision.respond"), std::vector<std::string>{"agency_liaison"});
    EXPECT_EQ(holders("supervision.decide"), std::vector<std::string>{"gov_leader"});
    EXPECT_EQ(holders("supervision.clue"), std::vector<std::string>{"room_supervisor"});
    EXPECT_EQ(holders("supervision.read"), (std::vector<std::string>{"dept_leader", "supervisor", "room_supervisor",
                                                                     "agency_liaison", "agency_head", "gov_leader"}));
}

// REQUIREMENTS §15: the departments handle the warnings, the agency answers its own, the agency's
// liaison and the system administrator import; the catalog is the departments' to keep.
TEST(Permissions, EachMonitoringStepBelongsToItsRole) {
    auto holders = [](const char* perm) {
        std::vector<std::string> out;
        for (const auto& role : all_roles()) {
            auto p = permissions_of({role});
            if (std::binary_search(p.begin(), p.end(), std::string(perm))) out.push_back(role);
        }
        return out;
    };
    EXPECT_EQ(holders("monitoring.read"), (std::vector<std::string>{"dept_leader", "supervisor", "gov_leader"}));
    EXPECT_EQ(holders("monitoring.handle"), (std::vector<std::string>{"dept_leader", "supervisor"}));
    EXPECT_EQ(holders("monitoring.respond"), (std::vector<std::string>{"agency_liaison", "agency_head"}));
    EXPECT_EQ(holders("monitoring.import"), (std::vector<std::string>{"sys_admin", "agency_liaison"}));
    EXPECT_EQ(holders("catalog.write"), (std::vector<std::string>{"dept_leader", "supervisor"}));
    EXPECT_EQ(holders("catalog.read"),
              (std::vector<std::string>{"dept_leader", "supervisor", "agency_liaison", "agency_head", "gov_leader"}));
}

// ---- sessions: idle 30 min, absolute 12 h, last_seen once a minute ----

TEST(Session, IdleBoundary) {
    const int64_t expires = kT + 12 * 60 * kMinute;
    EXPECT_EQ(session_state(kT, expires, false, kT + 30 * kMinute - 1), SessionState::kValid);
    EXPECT_EQ(session_state(kT, expires, false, kT + 30 * kMinute), SessionState::kIdleExpired);
}
TEST(Session, AbsoluteBoundary) {
    const int64_t expires = session_expiry(kT);
    EXPECT_EQ(expires, kT + 43'200'000);
    const int64_t seen = expires - kMinute;  // active all along
    EXPECT_EQ(session_state(seen, expires, false, expires - 1), SessionState::kValid);
    EXPECT_EQ(session_state(seen, expires, false, expires), SessionState::kAbsoluteExpired);
}
TEST(Session, RevokedIsNeverValid) { EXPECT_EQ(session_state(kT, kT + 43'200'000, true, kT), SessionState::kRevoked); }
TEST(Session, LastSeenWrittenOnlyWhenAMinuteOld) {
    EXPECT_FALSE(should_touch_last_seen(kT, kT));
    EXPECT_FALSE(should_touch_last_seen(kT, kT + 59'999));
    EXPECT_TRUE(should_touch_last_seen(kT, kT + 60'000));
}

// ---- TOTP (RFC 6238 appendix B, SHA-1 secret, 6-digit truncation) ----

const std::string kRfcSecret = "12345678901234567890";

TEST(Totp, AcceptsTheCurrentStep) {
    // T = 59 s is step 1; the RFC's 8-digit code 94287082 ends in 287082.
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "287082", 59'000, -1), 1);
    // T = 1111111109 s: 07081804.
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "081804", 1'111'111'109'000, -1), 37'037'036);
}
TEST(Totp, AcceptsOneStepEitherSide) {
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "287082", 89'000, -1), 1);  // now step 2
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "287082", 29'000, -1), 1);  // now step 0
}
TEST(Totp, RefusesTwoStepsAway) { EXPECT_EQ(totp_accepted_step(kRfcSecret, "287082", 119'000, -1), -1); }
TEST(Totp, RefusesAReplayedStep) {
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "287082", 59'000, 1), -1);
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "287082", 59'000, 2), -1);
}
TEST(Totp, RefusesMalformedCodes) {
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "28708a", 59'000, -1), -1);
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "2870820", 59'000, -1), -1);
    EXPECT_EQ(totp_accepted_step(kRfcSecret, "", 59'000, -1), -1);
}

}  // namespace
}  // namespace lecs::auth::rules

namespace lecs::auth::rules {
namespace {

TEST(Text, Utf8TruncateNeverSplitsACharacter) {
    EXPECT_EQ(utf8_truncate("abcdef", 4), "abcd");
    EXPECT_EQ(utf8_truncate("abc", 10), "abc");
    EXPECT_EQ(utf8_truncate("密码密码", 4), "密");  // 3 + 1 byte of the next: cut back to 3
    EXPECT_EQ(utf8_truncate("密码密码", 6), "密码");
    EXPECT_EQ(utf8_truncate("密码", 2), "");
}

TEST(Text, PrintableAscii) {
    EXPECT_EQ(printable_ascii("Mozilla/5.0 (X11)", 100), "Mozilla/5.0 (X11)");
    EXPECT_EQ(printable_ascii("a\nb\x01\xff", 100), "a?b??");
    EXPECT_EQ(printable_ascii("abcdef", 3), "abc");
}

}  // namespace
}  // namespace lecs::auth::rules
