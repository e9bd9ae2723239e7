// The HTTP routes of auth (docs/api-contract.md, "auth"): login, logout, /me,
// password change, TOTP enrolment, and user administration.
//
// Contract: register_api() adds every route with its permission and scope
// (RouteSpec). Login answers 200 {user, permissions, csrf_token} and sets
// `lecs_session=<token>; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`
// (plus `; Secure` when secure_cookies); logout clears the cookie. Handlers are
// thin: parse with http/json_body.hpp, call AuthService, render.
#pragma once

#include "lecs/auth/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"

namespace lecs::auth {

struct AuthApiConfig {
    bool secure_cookies = true;  // false only when the server listens on loopback only
};

inline constexpr std::string_view kSessionCookie = "lecs_session";

void register_api(http::Router& router, AuthService& svc, db::Database& db, const AuthApiConfig& config);

}  // namespace lecs::auth
