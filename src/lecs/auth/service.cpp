#include "lecs/auth/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/password_hash.hpp"
#include "lecs/auth/rules.hpp"
#include "lecs/auth/store.hpp"
#include "lecs/base/crypto.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/base/time.hpp"

namespace lecs::auth {
namespace {

namespace json = boost::json;

constexpr size_t kTokenBytes = 32;
constexpr size_t kTotpSecretBytes = 20;
constexpr size_t kMaxNameKey = 64;
constexpr size_t kMaxUserAgent = 256;
constexpr std::string_view kTotpAad = "user.totp";

Error invalid_credentials() { return Error{"auth.invalid_credentials", "用户名或密码错误", {}, {}, 401}; }
Error locked_error() {
    return Error{"auth.locked", "登录失败次数过多，账户已被锁定30分钟，请稍后再试或联系安全管理员解锁", {}, {}, 401};
}
Error totp_required() { return Error{"auth.totp_required", "请输入动态验证码", "totp", {}, 401}; }
Error totp_wrong_at_login() { return Error{"auth.totp_invalid", "动态验证码错误", "totp", {}, 401}; }
Error rate_limited() { return Error{"rate_limited", "登录尝试过于频繁，请稍后再试", {}, {}, 429}; }

std::string token_hash(std::string_view token) { return crypto::hex(crypto::sm3(token)); }

json::array string_array(const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
}

std::string roles_json(const std::vector<std::string>& roles) {
    return json::serialize(json::object{{"roles", string_array(roles)}});
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

Owner owner_of(const User& u) { return Owner{u.org.region_code, u.org_id}; }

}  // namespace

AuthService::AuthService(AuthConfig config, audit::AuditLog& audit, KeyProvider& keys)
    : config_(config), audit_(audit), pii_(keys), limiter_(config.login_attempts_per_minute_per_ip) {
    if (config_.pbkdf2_iterations < 1) throw std::invalid_argument("AuthConfig: pbkdf2_iterations must be positive");
}

Caller AuthService::system_caller() {
    Caller c;
    c.username = "system";
    c.display_name = "系统";
    c.permissions = rules::all_permissions();
    c.scope.whole_city = true;
    return c;
}

Account AuthService::account_of(const User& u, int64_t now_ms) const {
    Account a;
    a.id = u.id;
    a.username = u.username;
    a.display_name = u.display_name;
    a.roles = u.roles;
    a.org = u.org;
    a.person_id = u.person_id;
    a.must_change_password =
        u.must_change_password || rules::password_rotation_due(u.roles, u.password_changed_at, now_ms);
    a.totp_enabled = u.totp_enabled;
    a.must_enrol_totp = rules::must_enrol_totp(u.roles, u.totp_enabled);
    a.status = u.status;
    a.version = u.version;
    return a;
}

std::vector<std::string> AuthService::effective_permissions(const User& u, int64_t now_ms) const {
    Account a = account_of(u, now_ms);
    // A forced password change or a missing admin TOTP leaves only the self routes.
    if (a.must_change_password || a.must_enrol_totp) return {};
    return rules::permissions_of(u.roles);
}

void AuthService::audit(db::Tx& tx, const Caller& who, const std::string& action, const std::string& object_id,
                        const std::string& before, const std::string& after, int64_t now_ms, const std::string& result,
                        const std::string& detail) {
    audit::Entry e;
    e.action = action;
    e.object_kind = "user";
    e.object_id = object_id;
    e.result = result;
    e.before_json = before;
    e.after_json = after;
    e.detail = detail;
    audit_.append(tx, who, e, now_ms);
}

// ---- login -----------------------------------------------------------------

Caller AuthService::login_caller(const LoginRequest& req, const std::optional<User>& u) const {
    Caller who;
    who.username = rules::utf8_truncate(req.username, kMaxNameKey);  // the name typed, never the password
    who.ip = req.ip;
    if (u) {
        who.user_id = u->id;
        who.display_name = u->display_name;
        who.org_id = u->org_id;
        who.org_region = u->org.region_code;
        who.roles = u->roles;
    }
    return who;
}

void AuthService::audit_login_refusal(db::Tx& tx, const Caller& who, const std::string& reason, int64_t now_ms) {
    audit(tx, who, "auth.login_failed", who.user_id ? id_to_string(who.user_id) : std::string(), {}, {}, now_ms,
          "failed", reason);
}

LoginOutcome AuthService::refuse_login(db::Database& db, const Caller& who, Error e, const std::string& reason,
                                       int64_t now_ms) {
    auto tx = db.begin(db::Mode::kWrite);
    audit_login_refusal(*tx, who, reason, now_ms);
    tx->commit();
    return LoginOutcome{std::nullopt, std::move(e)};
}

LoginOutcome AuthService::record_login_failure(db::Database& db, const Caller& who, const std::string& name, Error e,
                                               const std::string& reason, int64_t now_ms) {
    auto tx = db.begin(db::Mode::kWrite);
    LoginFailures f = store::lock_failures(*tx, name);
    f.failures = rules::failures_after_failure(f.failures, f.last_failure_at, now_ms);
    f.last_failure_at = now_ms;
    bool locked = f.failures >= rules::kMaxFailures;
    f.locked_until = locked ? std::optional<int64_t>(rules::locked_until(now_ms)) : std::nullopt;
    store::save_failures(*tx, f);
    audit_login_refusal(*tx, who, reason, now_ms);
    if (f.failures == rules::kMaxFailures)
        audit(*tx, who, "auth.lockout", who.user_id ? id_to_string(who.user_id) : std::string(), {}, {}, now_ms,
              "failed", "5 consecutive failures; locked until " + iso_instant(*f.locked_until));
    tx->commit();
    return LoginOutcome{std::nullopt, locked ? locked_error() : std::move(e)};
}

LoginOutcome AuthService::login(db::Database& db, const LoginRequest& req, int64_t now_ms) {
    const std::string name = rules::utf8_truncate(rules::ascii_lower(req.username), kMaxNameKey);

    // The per-IP limit comes before any hashing, so a flood costs no PBKDF2.
    if (!limiter_.allow(req.ip, now_ms))
        return refuse_login(db, login_caller(req, std::nullopt), rate_limited(), "rate_limited", now_ms);

    std::optional<User> user;
    std::optional<LoginFailures> failures;
    {
        auto tx = db.begin(db::Mode::kRead);
        user = store::find_user_by_name(*tx, name);
        failures = store::find_failures(*tx, name);
        tx->commit();
    }
    const Caller who = login_caller(req, user);
    if (failures && rules::is_locked(failures->failures, failures->last_failure_at, now_ms))
        return refuse_login(db, who, locked_error(), "locked", now_ms);

    // Outside any transaction: PBKDF2 is slow by design. An unknown name costs
    // the same work, so the time of the answer does not reveal the account.
    bool password_ok = false;
    if (user)
        password_ok = verify_password(req.password, user->password_hash) && user->status == "active";
    else
        burn_password_work(req.password, config_.pbkdf2_iterations);
    if (!password_ok) return record_login_failure(db, who, name, invalid_credentials(), "bad_credentials", now_ms);

    std::optional<int64_t> totp_step;
    if (user->totp_enabled) {
        if (req.totp.empty()) return refuse_login(db, who, totp_required(), "totp_required", now_ms);
        std::optional<std::string> secret;
        if (user->totp_secret_enc) secret = pii_.open(*user->totp_secret_enc, kTotpAad);
        if (!secret) throw std::runtime_error("auth: the TOTP secret of a user does not open (key missing?)");
        int64_t step = rules::totp_accepted_step(*secret, req.totp, now_ms, user->totp_last_step.value_or(-1));
        if (step < 0) return record_login_failure(db, who, name, totp_wrong_at_login(), "totp_invalid", now_ms);
        totp_step = step;
    }

    LoginSuccess ok;
    {
        auto tx = db.begin(db::Mode::kWrite);
        // The same code presented twice at once: only the first claims its step.
        if (totp_step && !store::claim_totp_step(*tx, user->id, *totp_step)) {
            tx->rollback();
            return record_login_failure(db, who, name, totp_wrong_at_login(), "totp_replayed", now_ms);
        }
        store::clear_failures(*tx, name);
        Session s;
        s.id = new_id();
        ok.token = crypto::base64url(crypto::random_bytes(kTokenBytes));
        s.token_hash = token_hash(ok.token);
        s.user_id = user->id;
        s.csrf_token = crypto::base64url(crypto::random_bytes(kTokenBytes));
        s.created_at = now_ms;
        s.last_seen_at = now_ms;
        s.expires_at = rules::session_expiry(now_ms);
        s.ip = req.ip;
        s.user_agent = rules::printable_ascii(req.user_agent, kMaxUserAgent);
        store::insert_session(*tx, s);
        Caller audited = who;
        audited.session_id = s.id;
        audit(*tx, audited, "auth.login", id_to_string(user->id), {}, {}, now_ms);
        tx->commit();
        ok.csrf_token = s.csrf_token;
        ok.session_id = s.id;
    }
    ok.account = account_of(*user, now_ms);
    ok.permissions = effective_permissions(*user, now_ms);
    return LoginOutcome{std::move(ok), std::nullopt};
}

std::optional<Caller> AuthService::authenticate(db::Database& db, std::string_view token, std::string_view ip,
                                                int64_t now_ms) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    Caller c;
    int64_t last_seen = 0;
    {
        auto tx = db.begin(db::Mode::kRead);
        auto s = store::find_session(*tx, token_hash(token));
        if (!s) return std::nullopt;
        if (rules::session_state(s->last_seen_at, s->expires_at, s->revoked_at.has_value(), now_ms) !=
            rules::SessionState::kValid)
            return std::nullopt;
        auto u = store::find_user(*tx, s->user_id);
        if (!u || u->status != "active") return std::nullopt;
        c.user_id = u->id;
        c.username = u->username;
        c.display_name = u->display_name;
        c.person_id = u->person_id.value_or(0);
        c.org_id = u->org_id;
        c.org_region = u->org.region_code;
        c.roles = u->roles;
        c.permissions = effective_permissions(*u, now_ms);
        c.scope = scope_of_ ? scope_of_(*tx, u->org_id, u->roles) : DataScope{};
        c.session_id = s->id;
        c.ip = std::string(ip);
        c.csrf_token = s->csrf_token;
        c.must_change_password = account_of(*u, now_ms).must_change_password;
        last_seen = s->last_seen_at;
        tx->commit();
    }
    // No write on the hot read path: last_seen moves at most once a minute.
    if (rules::should_touch_last_seen(last_seen, now_ms)) {
        auto tx = db.begin(db::Mode::kWrite);
        store::touch_session(*tx, c.session_id, now_ms);
        tx->commit();
    }
    return c;
}

// ---- self ------------------------------------------------------------------

Result<void> AuthService::logout(db::Tx& tx, const Caller& who, int64_t now_ms) {
    if (who.anonymous() || who.session_id == 0) return Error::unauthenticated();
    store::revoke_session(tx, who.session_id, now_ms);
    audit(tx, who, "auth.logout", id_to_string(who.user_id), {}, {}, now_ms);
    return ok();
}

Result<Account> AuthService::me(db::Tx& tx, const Caller& who, int64_t now_ms) {
    if (who.anonymous()) return Error::unauthenticated();
    auto u = store::find_user(tx, who.user_id);
    if (!u) return Error::unauthenticated();
    return account_of(*u, now_ms);
}

Result<void> AuthService::change_password(db::Tx& tx, const Caller& who, std::string_view old_password,
                                          std::string_view new_password, int64_t now_ms) {
    if (who.anonymous()) return Error::unauthenticated();
    auto u = store::find_user(tx, who.user_id);
    if (!u) return Error::unauthenticated();
    if (!verify_password(old_password, u->password_hash))
        return Error::validation("auth.wrong_password", "原密码不正确", "old_password");
    LECS_TRY(rules::check_password_policy(new_password, u->username, "new_password"));
    // REQUIREMENTS §3: not one of the last 5 (the current one is the newest entry).
    for (const auto& h : store::recent_password_hashes(tx, u->id, rules::kPasswordHistory))
        if (verify_password(new_password, h)) return rules::password_reused_error("new_password");
    std::string hash = hash_password(new_password, config_.pbkdf2_iterations);
    store::set_password(tx, u->id, hash, false, now_ms);
    store::add_password_history(tx, u->id, hash, now_ms);
    store::prune_password_history(tx, u->id, rules::kPasswordHistory);
    int64_t ended = store::revoke_user_sessions(tx, u->id, who.session_id, now_ms);
    audit(tx, who, "auth.password_change", id_to_string(u->id), {}, {}, now_ms, "ok",
          "other sessions ended: " + std::to_string(ended));
    return ok();
}

Result<TotpEnrolment> AuthService::totp_enroll(db::Tx& tx, const Caller& who, int64_t now_ms) {
    if (who.anonymous()) return Error::unauthenticated();
    auto u = store::find_user(tx, who.user_id);
    if (!u) return Error::unauthenticated();
    if (u->totp_enabled) return Error::conflict("auth.totp_already_enabled", "已启用动态验证码");
    std::string secret = crypto::random_bytes(kTotpSecretBytes);
    store::set_totp_pending(tx, u->id, pii_.seal(secret, kTotpAad), now_ms);
    audit(tx, who, "auth.totp_enroll", id_to_string(u->id), {}, {}, now_ms);
    TotpEnrolment out;
    out.secret = crypto::base32(secret);
    out.otpauth_uri = "otpauth://totp/LECS:" + u->username + "?secret=" + out.secret + "&issuer=LECS";
    return out;
}

Result<void> AuthService::totp_confirm(db::Tx& tx, const Caller& who, std::string_view code, int64_t now_ms) {
    if (who.anonymous()) return Error::unauthenticated();
    auto u = store::find_user(tx, who.user_id);
    if (!u) return Error::unauthenticated();
    if (u->totp_enabled) return Error::conflict("auth.totp_already_enabled", "已启用动态验证码");
    if (!u->totp_secret_enc) return Error::conflict("auth.totp_not_enrolled", "请先生成动态验证码密钥");
    auto secret = pii_.open(*u->totp_secret_enc, kTotpAad);
    if (!secret) throw std::runtime_error("auth: the TOTP secret of a user does not open (key missing?)");
    int64_t step = rules::totp_accepted_step(*secret, code, now_ms, u->totp_last_step.value_or(-1));
    if (step < 0) return Error::validation("auth.totp_invalid", "动态验证码错误", "code");
    store::enable_totp(tx, u->id, step, now_ms);
    audit(tx, who, "auth.totp_confirm", id_to_string(u->id), {}, {}, now_ms);
    return ok();
}

// ---- administration ----------------------------------------------------------

Result<User> AuthService::user_in_scope(db::Tx& tx, const Caller& who, int64_t user_id) {
    auto u = store::find_user(tx, user_id);
    if (!u || !who.scope.covers(owner_of(*u))) return Error::not_found();
    return std::move(*u);
}

Result<AccountPage> AuthService::list_users(db::Tx& tx, const Caller& who, int64_t page, int64_t size, int64_t now_ms) {
    if (!who.can("user.read")) return Error::forbidden();
    page = std::max<int64_t>(page, 1);
    size = std::clamp<int64_t>(size, 1, 100);
    AccountPage out;
    int64_t skip = (page - 1) * size;
    for (const auto& u : store::all_users(tx)) {
        if (!who.scope.covers(owner_of(u))) continue;
        if (out.total >= skip && out.total < skip + size) out.items.push_back(account_of(u, now_ms));
        ++out.total;
    }
    return out;
}

Result<Account> AuthService::create_user(db::Tx& tx, const Caller& who, const NewUser& in, int64_t now_ms) {
    if (!who.can("user.write")) return Error::forbidden();
    std::string username = rules::ascii_lower(in.username);
    LECS_TRY(rules::check_username(username));
    if (in.display_name.empty()) return Error::validation("validation.required", "「姓名」不能为空", "display_name");
    auto org = store::find_org(tx, in.org_id);
    if (!org) return Error::validation("auth.org_not_found", "所属单位不存在", "org_id");
    if (!who.scope.covers(Owner{org->region_code, org->id})) {
        Error e = Error::not_found("所属单位不存在或不在您的数据权限范围内");
        e.field = "org_id";
        return e;
    }
    // An account is a person of its own organisation: no account for someone else's staff.
    if (in.person_id) {
        const auto person_org = store::find_person_org(tx, *in.person_id);
        if (!person_org) return Error::validation("auth.person_not_found", "人员不存在", "person_id");
        if (*person_org != org->id)
            return Error::validation("auth.person_other_org", "该人员不属于所选单位", "person_id");
    }
    std::vector<std::string> roles = sorted_unique(in.roles);
    if (!roles.empty()) {
        if (!who.can("role.assign")) return Error::forbidden("分配角色须由安全管理员操作");
        LECS_TRY(rules::check_roles(roles));
    }
    LECS_TRY(rules::check_password_policy(in.password, username, "password"));
    if (store::find_user_by_name(tx, username))
        return Error::conflict("auth.username_taken", "用户名已存在", "username");

    User u;
    u.id = new_id();
    u.username = username;
    u.display_name = in.display_name;
    u.org_id = org->id;
    u.person_id = in.person_id;
    u.password_hash = hash_password(in.password, config_.pbkdf2_iterations);
    u.password_changed_at = now_ms;
    u.must_change_password = in.must_change_password;
    u.created_at = u.updated_at = now_ms;
    u.created_by = who.user_id;
    u.roles = roles;
    u.org = *org;
    store::insert_user(tx, u);
    store::add_password_history(tx, u.id, u.password_hash, now_ms);
    json::object after{{"username", u.username},
                       {"display_name", u.display_name},
                       {"org_id", id_to_string(u.org_id)},
                       {"roles", string_array(roles)},
                       {"must_change_password", u.must_change_password}};
    audit(tx, who, "user.create", id_to_string(u.id), {}, json::serialize(after), now_ms);
    return account_of(u, now_ms);
}

Result<Account> AuthService::set_roles(db::Tx& tx, const Caller& who, int64_t user_id,
                                       const std::vector<std::string>& roles_in, int64_t version, int64_t now_ms) {
    if (!who.can("role.assign")) return Error::forbidden();
    LECS_ASSIGN(User target, user_in_scope(tx, who, user_id));
    // 三权分立: an administrator cannot widen (or shed) their own duties.
    if (target.id == who.user_id)
        return Error::forbidden("不能修改自己的角色", cite(Provision::kCybersecurityLawArt21));
    std::vector<std::string> roles = sorted_unique(roles_in);
    LECS_TRY(rules::check_roles(roles));
    if (!store::bump_version(tx, target.id, version, now_ms)) return Error::stale_version();
    store::replace_roles(tx, target.id, roles);
    audit(tx, who, "user.set_roles", id_to_string(target.id), roles_json(target.roles), roles_json(roles), now_ms);
    auto updated = store::find_user(tx, target.id);
    return account_of(*updated, now_ms);
}

Result<void> AuthService::unlock(db::Tx& tx, const Caller& who, int64_t user_id, int64_t now_ms) {
    if (!who.can("user.unlock")) return Error::forbidden();
    LECS_ASSIGN(User target, user_in_scope(tx, who, user_id));
    store::clear_failures(tx, target.username);
    audit(tx, who, "auth.unlock", id_to_string(target.id), {}, {}, now_ms);
    return ok();
}

Result<void> AuthService::unlock_name(db::Tx& tx, const Caller& who, std::string_view username, int64_t now_ms) {
    if (!who.can("user.unlock")) return Error::forbidden();
    std::string name = rules::utf8_truncate(rules::ascii_lower(username), kMaxNameKey);
    auto u = store::find_user_by_name(tx, name);
    if (u && !who.scope.covers(owner_of(*u))) return Error::not_found();
    store::clear_failures(tx, name);
    audit(tx, who, "auth.unlock", u ? id_to_string(u->id) : std::string(), {}, {}, now_ms, "ok",
          u ? std::string() : "name without account: " + name);
    return ok();
}

Result<void> AuthService::reset_password(db::Tx& tx, const Caller& who, int64_t user_id, std::string_view new_password,
                                         int64_t now_ms) {
    if (!who.can("user.unlock")) return Error::forbidden();
    LECS_ASSIGN(User target, user_in_scope(tx, who, user_id));
    if (target.id == who.user_id) return Error::forbidden("请通过“修改密码”修改本人密码");
    LECS_TRY(rules::check_password_policy(new_password, target.username, "new_password"));
    std::string hash = hash_password(new_password, config_.pbkdf2_iterations);
    // A temporary password: changed at the next login.
    store::set_password(tx, target.id, hash, true, now_ms);
    store::add_password_history(tx, target.id, hash, now_ms);
    store::prune_password_history(tx, target.id, rules::kPasswordHistory);
    int64_t ended = store::revoke_user_sessions(tx, target.id, 0, now_ms);
    store::clear_failures(tx, target.username);
    audit(tx, who, "auth.password_reset", id_to_string(target.id), {}, {}, now_ms, "ok",
          "sessions ended: " + std::to_string(ended));
    return ok();
}

Result<void> AuthService::reset_totp(db::Tx& tx, const Caller& who, int64_t user_id, int64_t now_ms) {
    if (!who.can("user.unlock")) return Error::forbidden();
    LECS_ASSIGN(User target, user_in_scope(tx, who, user_id));
    if (target.id == who.user_id) return Error::forbidden("不能重置本人的动态验证码");
    store::clear_totp(tx, target.id, now_ms);
    // Sessions opened with the lost factor end too.
    int64_t ended = store::revoke_user_sessions(tx, target.id, 0, now_ms);
    audit(tx, who, "auth.totp_reset", id_to_string(target.id), {}, {}, now_ms, "ok",
          "sessions ended: " + std::to_string(ended));
    return ok();
}

std::optional<Owner> AuthService::user_owner(db::Tx& tx, int64_t user_id) {
    auto u = store::find_user(tx, user_id);
    if (!u) return std::nullopt;
    return owner_of(*u);
}

std::optional<int64_t> AuthService::find_user_id(db::Tx& tx, std::string_view username) {
    auto u = store::find_user_by_name(tx, rules::ascii_lower(username));
    if (!u) return std::nullopt;
    return u->id;
}

}  // namespace lecs::auth
