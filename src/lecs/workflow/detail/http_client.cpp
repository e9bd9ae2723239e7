#include "lecs/workflow/detail/http_client.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lecs::workflow::detail {
namespace {

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

bool parse_url(const std::string& url, std::string& host, std::string& port, std::string& path) {
    const std::string scheme = "http://";
    if (url.compare(0, scheme.size(), scheme) != 0) return false;
    std::string rest = url.substr(scheme.size());
    auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    path = slash == std::string::npos ? "/" : rest.substr(slash);
    auto colon = authority.rfind(':');
    if (colon == std::string::npos) {
        host = authority;
        port = "80";
    } else {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    return !host.empty() && !port.empty();
}

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

PostResult http_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                     const std::string& body, int timeout_ms) {
    PostResult out;
    std::string host, port, path;
    if (!parse_url(url, host, port, path)) return {0, "unsupported url (http:// only)"};
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &res); rc != 0)
        return {0, std::string("resolve: ") + ::gai_strerror(rc)};
    Fd sock;
    std::string last_error = "connect: no address";
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
        Fd s;
        s.fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (s.fd < 0) {
            last_error = errno_text("socket");
            continue;
        }
        int flags = ::fcntl(s.fd, F_GETFL, 0);
        ::fcntl(s.fd, F_SETFL, flags | O_NONBLOCK);
        int rc = ::connect(s.fd, ai->ai_addr, ai->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{s.fd, POLLOUT, 0};
            rc = ::poll(&p, 1, timeout_ms);
            if (rc == 0) {
                last_error = "connect: timeout";
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (rc < 0 || err != 0) {
                errno = err ? err : errno;
                last_error = errno_text("connect");
                continue;
            }
        } else if (rc != 0) {
            last_error = errno_text("connect");
            continue;
        }
        ::fcntl(s.fd, F_SETFL, flags);
        sock.fd = s.fd;
        s.fd = -1;
        break;
    }
    ::freeaddrinfo(res);
    if (sock.fd < 0) return {0, last_error};
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(sock.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(sock.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);

    std::string req =
        "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port +
        "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\nConnection: close\r\n";
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    req += "\r\n" + body;
    size_t sent = 0;
    while (sent < req.size()) {
        ssize_t n = ::send(sock.fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return {0, errno_text("send")};
        sent += static_cast<size_t>(n);
    }
    std::string resp;
    char buf[4096];
    while (resp.find("\r\n") == std::string::npos && resp.size() < 65536) {
        ssize_t n = ::recv(sock.fd, buf, sizeof buf, 0);
        if (n < 0) return {0, errno_text("recv")};
        if (n == 0) break;
        resp.append(buf, static_cast<size_t>(n));
    }
    // "HTTP/1.1 200 OK"
    auto sp = resp.find(' ');
    if (resp.compare(0, 5, "HTTP/") != 0 || sp == std::string::npos || resp.size() < sp + 4)
        return {0, "bad HTTP response"};
    int status = 0;
    for (size_t i = sp + 1; i < sp + 4; ++i) {
        if (resp[i] < '0' || resp[i] > '9') return {0, "bad HTTP status"};
        status = status * 10 + (resp[i] - '0');
    }
    out.status = status;
    if (status < 200 || status > 299) out.error = "HTTP " + std::to_string(status);
    return out;
}

}  // namespace lecs::workflow::detail
