// A tiny blocking HTTP/1.1 client for webhooks: POSIX sockets, http:// only.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lecs::workflow::detail {

struct PostResult {
    int status = 0;     // 0 when no HTTP answer was read
    std::string error;  // English, for outbox.last_error
};

// POSTs body to url ("http://host:port/path") with the given extra headers;
// timeout_ms bounds connect, send and receive each.
PostResult http_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                     const std::string& body, int timeout_ms = 5000);

}  // namespace lecs::workflow::detail
