#include <algorithm>

#include "lecs/http/json_body.hpp"

namespace lecs::http {

int int_query_param(const Request& req, std::string_view name, int fallback, int max) {
    auto v = req.query_param(name);
    if (!v || v->empty() || v->size() > 6) return fallback;
    int n = 0;
    for (char c : *v) {
        if (c < '0' || c > '9') return fallback;
        n = n * 10 + (c - '0');
    }
    return std::min(std::max(n, 1), max);
}

}  // namespace lecs::http
