// libFuzzer target: the request-head path of the server. Bytes go through
// Beast's request_parser with the server's limits, then through the same
// Request-building code the server uses (target decoding, query, cookies) and
// the router.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "lecs/http/detail/parse.hpp"
#include "lecs/http/http.hpp"

namespace {

namespace bhttp = boost::beast::http;
using lecs::http::Request;
using lecs::http::Response;
using lecs::http::RouteSpec;
using lecs::http::ScopeRule;

Response noop(const Request&, const lecs::auth::Caller&) { return Response::no_content(); }

const lecs::http::Router& router() {
    static const lecs::http::Router r = [] {
        lecs::http::Router x;
        RouteSpec list{"org.read", ScopeRule::filtered(), 1 << 20, false, {}};
        RouteSpec one{"org.read", ScopeRule::object("org"), 1 << 20, false, {}};
        x.get("/api/v1/orgs", list, noop);
        x.get("/api/v1/orgs/{id}", one, noop);
        x.patch("/api/v1/orgs/{id}", one, noop);
        x.get("/api/v1/orgs/{id}/staffing/{year}", one, noop);
        x.get("/api/v1/orgs/tree", list, noop);
        return x;
    }();
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);  // ServerConfig::max_header_bytes default
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    boost::asio::const_buffer buf(data, size);
    size_t used = 0;
    while (used < size && !parser.is_done()) {
        size_t n = parser.put(boost::asio::const_buffer(static_cast<const char*>(buf.data()) + used, size - used), ec);
        if (ec || n == 0) break;
        used += n;
    }
    if (!parser.is_header_done()) return 0;
    auto& head = parser.get();
    Request req;
    req.method = std::string(head.method_string());
    req.target = std::string(head.target());
    for (const auto& f : head)
        req.headers.emplace_back(lecs::http::detail::to_lower(f.name_string()), std::string(f.value()));
    auto target = lecs::http::detail::parse_target(req.target);
    if (!target) return 0;
    req.path = std::move(target->path);
    req.query = std::move(target->query);
    (void)req.cookie("lecs_session");
    (void)req.query_param("q");
    (void)req.header("x-request-id");
    auto m = router().match(req.method, req.path);
    if (m.route) {
        req.path_params = std::move(m.params);
        (void)req.param("id");
    }
    return 0;
}
