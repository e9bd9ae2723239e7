// GET /api/docs: the OpenAPI description of the API (docs/openapi.yaml,
// embedded in the binary by cmake/embed.cmake), public, as YAML text.
// tests/api/openapi.test.mjs holds the file to the route table.
#pragma once

#include "lecs/http/http.hpp"

namespace lecs::app {

// Throws std::logic_error if the binary was built without docs/openapi.yaml.
void register_api_docs(http::Router& router);

}  // namespace lecs::app
