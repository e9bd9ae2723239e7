#include "lecs/app/api_docs.hpp"

#include <stdexcept>
#include <string>

#include "lecs/base/embedded.hpp"

namespace lecs::app {

// ARCHITECTURE §API: the API is described in docs/openapi.yaml and served at
// /api/docs, without login (the description holds no data).
void register_api_docs(http::Router& router) {
    auto doc = embedded::find("docs/openapi.yaml");
    if (!doc) throw std::logic_error("docs/openapi.yaml is not embedded in this binary");
    router.get("/api/docs",
               http::RouteSpec{.permission = std::string(http::kPublic),
                               .scope = http::ScopeRule::public_data(),
                               .summary = "接口说明（OpenAPI 3.0，YAML）"},
               [text = *doc](const http::Request&, const auth::Caller&) {
                   http::Response r{200, "application/yaml; charset=utf-8", {}, std::string(text)};
                   // The description changes with the binary: revalidate, never serve a stale one.
                   r.headers.emplace_back("Cache-Control", "no-cache");
                   return r;
               });
}

}  // namespace lecs::app
