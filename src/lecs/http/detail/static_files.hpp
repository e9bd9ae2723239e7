// Static files for the web UI (GET/HEAD of non-/api paths).
#pragma once

#include <string>

#include "lecs/http/http.hpp"

namespace lecs::http::detail {

// Serves req.path from dir: ETag + If-None-Match → 304, a "<file>.gz" sibling
// with Content-Encoding: gzip when the client accepts gzip, immutable caching
// for /assets/*, no-cache for index.html. A path with a ".." segment → 404.
// An unknown path outside /assets/ whose last segment has no dot gets
// index.html (SPA routes); other unknown paths → 404.
Response serve_static(const std::string& dir, const Request& req);

std::string content_type_for(const std::string& path);

}  // namespace lecs::http::detail
