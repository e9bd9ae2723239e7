// The Beast side of the server: accept, read, hand to the worker pool, write.
// Everything the middleware decides lives in detail/pipeline.cpp.
//
// g++ 12 trap: a lambda with captures used as a coroutine can double-free, so
// every coroutine here is a plain function taking its parameters by value.
#include "lecs/http/server.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include "lecs/http/detail/parse.hpp"
#include "lecs/http/detail/pipeline.hpp"

namespace lecs::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

bool ServerConfig::cookies_secure() const {
    if (secure_cookies) return *secure_cookies;
    return !(host == "127.0.0.1" || host == "::1" || host == "localhost");
}

struct Server::Impl {
    Impl(ServerConfig c, const Router& r, ServerHooks h)
        : config(c),
          pipeline(std::move(c), r, std::move(h)),
          ioc(std::max(1, config.io_threads)),
          pool(static_cast<size_t>(std::max(1, config.worker_threads))),
          acceptor(ioc) {}

    // Declared before the io_context: its destructor destroys pending
    // connection coroutines, which still touch these.
    ServerConfig config;
    detail::Pipeline pipeline;
    std::optional<asio::ssl::context> tls;
    std::atomic<int> connections{0};
    std::atomic<int> in_flight{0};
    std::atomic<bool> stopping{false};
    std::mutex mu;
    std::condition_variable cv;
    bool started = false;
    bool stopped = false;

    asio::io_context ioc;
    asio::thread_pool pool;
    tcp::acceptor acceptor;
    std::vector<std::thread> threads;
};

namespace {

using Impl = Server::Impl;

struct Written {
    int status = 0;
    size_t bytes = 0;
};

// Counts a request from its head to its written response, so stop() can wait for it.
struct InFlight {
    explicit InFlight(Impl* i) : impl(i) { ++impl->in_flight; }
    ~InFlight() { --impl->in_flight; }
    Impl* impl;
};

struct Connection {
    explicit Connection(Impl* i) : impl(i) { ++impl->connections; }
    ~Connection() { --impl->connections; }
    Impl* impl;
};

bhttp::response<bhttp::string_body> to_beast(Response r, const std::string& request_id, bool keep_alive,
                                             unsigned version) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "lecs");
    if (!r.content_type.empty() && r.status != 204 && r.status != 304)
        res.set(bhttp::field::content_type, r.content_type);
    if (!request_id.empty()) res.set("X-Request-Id", request_id);
    res.set("X-Content-Type-Options", "nosniff");
    // Only LECS's own pages may frame its answers (the document preview): no clickjacking of the
    // issue button. The verification token in /verify/{token} never leaves in a Referer.
    res.set("X-Frame-Options", "SAMEORIGIN");
    res.set("Referrer-Policy", "same-origin");
    for (auto& [k, v] : r.headers) res.insert(k, v);
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <class Stream>
void set_deadline(Stream& stream, std::chrono::milliseconds d) {
    beast::get_lowest_layer(stream).expires_after(d);
}

template <class Stream>
awaitable<Written> write_response(Stream& stream, bhttp::response<bhttp::string_body>& res, bool head_only,
                                  std::chrono::milliseconds timeout) {
    set_deadline(stream, timeout);
    Written w{static_cast<int>(res.result_int()), res.body().size()};
    if (head_only) {
        bhttp::response_serializer<bhttp::string_body> sr{res};
        co_await bhttp::async_write_header(stream, sr, use_awaitable);
        w.bytes = 0;
    } else {
        co_await bhttp::async_write(stream, res, use_awaitable);
    }
    co_return w;
}

// The temporary file of a spooled body: created 0600 by mkstemp and unlinked at once, so that no
// path to it exists even if the process is killed mid-upload (a crash must not leave enforcement data
// in /tmp). A second descriptor keeps it alive; the handler opens it as /proc/self/fd/N, and it is
// gone when this goes out of scope, whatever ended the request.
struct SpoolFile {
    std::string path;  // /proc/self/fd/<keep>
    int fd = -1;       // the write end, until handed to the body writer
    int keep = -1;
    SpoolFile() = default;
    SpoolFile(const SpoolFile&) = delete;
    SpoolFile& operator=(const SpoolFile&) = delete;
    ~SpoolFile() {
        if (fd >= 0) ::close(fd);
        if (keep >= 0) ::close(keep);
    }
    bool create(const ServerConfig& cfg) {
        std::string dir = cfg.spool_dir;
        if (dir.empty()) {
            const char* tmp = std::getenv("TMPDIR");
            dir = tmp && *tmp ? tmp : "/tmp";
        }
        std::string tmpl = dir + "/lecs-body-XXXXXX";
        fd = ::mkstemp(tmpl.data());
        if (fd < 0) return false;
        ::unlink(tmpl.c_str());
        keep = ::dup(fd);
        if (keep < 0) return false;
        path = "/proc/self/fd/" + std::to_string(keep);
        return true;
    }
};

// The session … scope checks of a spool_body route, on the worker pool, before its body is read.
awaitable<std::optional<Response>> admit_on_pool(Impl* impl, Request* req, const detail::Prepared* prepared,
                                                 auth::Caller* caller, int64_t* user_id) {
    co_return impl->pipeline.admit(*req, *prepared, caller, user_id);
}

awaitable<Response> handle_on_pool(Impl* impl, Request* req, const detail::Prepared* prepared,
                                   const auth::Caller* caller) {
    co_return impl->pipeline.run_admitted(*req, *prepared, *caller);
}

// Streams the rest of a body into its file, one read at a time, each with its own deadline. The
// buffer holds one read (≤ 64 KiB), never the body.
template <class Stream>
awaitable<beast::error_code> read_body_to_file(Stream& stream, beast::flat_buffer& buffer,
                                               bhttp::request_parser<bhttp::file_body>& parser,
                                               std::chrono::milliseconds idle) {
    beast::error_code ec;
    while (!parser.is_done()) {
        set_deadline(stream, idle);
        co_await bhttp::async_read_some(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
        if (ec) break;
    }
    co_return ec;
}

// Runs the middleware and the handler on the worker pool; the caller's
// coroutine resumes on its own executor afterwards.
awaitable<Response> run_on_pool(Impl* impl, Request* req, const detail::Prepared* prepared, int64_t* user_id) {
    co_return impl->pipeline.run(*req, *prepared, user_id);
}

// A refusal decided before a Request exists (431, 400). The caller writes it
// and closes. Not a coroutine: g++ 12 mishandles temporaries passed by value
// in co_await expressions, so coroutine arguments here are pointers or
// references to locals of the awaiting frame.
bhttp::response<bhttp::string_body> early_refusal(Impl* impl, const Error& e, const std::string& ip, Request* req,
                                                  unsigned version) {
    req->remote_ip = ip;
    req->request_id = detail::request_id_for(std::nullopt);
    auth::Caller anonymous;
    anonymous.ip = ip;
    return to_beast(impl->pipeline.refuse(*req, anonymous, e), req->request_id, false, version);
}

template <class Stream>
awaitable<void> serve(Impl* impl, Stream& stream, const std::string& ip) {
    beast::flat_buffer buffer;
    const ServerConfig& cfg = impl->config;
    for (;;) {
        // Wait for the first byte of the next request with the keep-alive
        // deadline, then give the whole head header_timeout: a client trickling
        // one byte a second is cut off (slowloris).
        if (buffer.size() == 0) {
            set_deadline(stream, cfg.idle_keepalive);
            size_t n = co_await stream.async_read_some(buffer.prepare(4096), use_awaitable);
            buffer.commit(n);
        }
        if (impl->stopping) co_return;
        InFlight counted(impl);
        auto start = std::chrono::steady_clock::now();
        set_deadline(stream, cfg.header_timeout);
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<uint32_t>(cfg.max_header_bytes));
        parser.body_limit(std::numeric_limits<uint64_t>::max());
        beast::error_code ec;
        co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
        if (ec == beast::error::timeout || ec == asio::error::eof || ec == asio::error::connection_reset ||
            ec == asio::error::operation_aborted)
            co_return;
        std::optional<Error> fatal;
        if (ec == bhttp::error::header_limit)
            fatal = Error{"http.header_too_large", "请求头过大", {}, {}, 431};
        else if (ec)
            fatal = Error::validation("http.bad_request", "请求格式不正确");
        else if (!detail::parse_target(std::string_view(parser.get().target().data(), parser.get().target().size())))
            fatal = Error::validation("http.bad_request", "请求地址不正确");
        if (fatal) {
            Request rejected;
            auto msg = early_refusal(impl, *fatal, ip, &rejected, 11);
            Written w = co_await write_response(stream, msg, false, cfg.body_timeout);
            detail::Prepared p;
            p.label = "rejected";
            impl->pipeline.finish(rejected, p, w.status, w.bytes, 0, seconds_since(start));
            co_return;
        }

        auto& head = parser.get();
        unsigned version = head.version();
        Request req;
        req.method = std::string(head.method_string());
        req.target = std::string(head.target());
        req.remote_ip = ip;
        for (const auto& f : head) req.headers.emplace_back(detail::to_lower(f.name_string()), std::string(f.value()));
        auto target = detail::parse_target(req.target);  // valid: checked above
        req.path = std::move(target->path);
        req.query = std::move(target->query);
        bool head_only = req.method == "HEAD";
        bool has_body = parser.content_length().value_or(0) > 0 || parser.chunked();

        std::optional<uint64_t> content_length;
        if (parser.content_length()) content_length = *parser.content_length();
        detail::Prepared prepared = impl->pipeline.prepare(req, content_length);
        Response res;
        int64_t user_id = 0;
        bool keep_alive = parser.keep_alive() && !impl->stopping;
        if (prepared.early) {
            res = std::move(*prepared.early);
            // The body was not read: the connection cannot be reused.
            if (has_body) keep_alive = false;
        } else if (prepared.route && prepared.route->spec.spool_body) {
            // Checks first, then the body to disk, then the handler.
            auth::Caller caller;
            std::optional<Response> refused = co_await asio::co_spawn(
                impl->pool, admit_on_pool(impl, &req, &prepared, &caller, &user_id), use_awaitable);
            SpoolFile file;
            if (refused) {
                res = std::move(*refused);
                if (has_body) keep_alive = false;  // the body was not read
            } else if (!file.create(cfg)) {
                spdlog::error("cannot create a spool file in '{}': {}", cfg.spool_dir, std::strerror(errno));
                res = internal_error(req.request_id);
                keep_alive = false;
            } else {
                bool body_ok = true;
                if (!parser.is_done()) {
                    if (auto expect = req.header("expect"); expect && detail::to_lower(*expect) == "100-continue") {
                        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
                        set_deadline(stream, cfg.body_timeout);
                        co_await bhttp::async_write(stream, cont, use_awaitable);
                    }
                    bhttp::request_parser<bhttp::file_body> fparser{std::move(parser)};
                    beast::file_posix out;
                    out.native_handle(file.fd);
                    file.fd = -1;
                    fparser.get().body().reset(std::move(out), ec);
                    if (ec) throw beast::system_error(ec);
                    fparser.body_limit(prepared.body_limit);
                    ec = co_await read_body_to_file(stream, buffer, fparser, cfg.body_timeout);
                    fparser.get().body().close();  // flushes nothing (no user-space buffer): closes the fd
                    if (ec == bhttp::error::body_limit) {
                        Error too_large{"http.body_too_large", "请求体过大", {}, {}, 413};
                        res = impl->pipeline.refuse(req, caller, too_large);
                        keep_alive = false;
                        body_ok = false;
                    } else if (ec) {
                        co_return;  // timeout or the client went away; the file goes with `file`
                    }
                }
                if (body_ok) {
                    req.body_file = file.path;
                    res = co_await asio::co_spawn(impl->pool, handle_on_pool(impl, &req, &prepared, &caller),
                                                  use_awaitable);
                }
            }
        } else {
            bool body_ok = true;
            if (!parser.is_done()) {
                parser.body_limit(prepared.body_limit);
                set_deadline(stream, cfg.body_timeout);
                co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
                if (ec == bhttp::error::body_limit) {
                    auth::Caller anonymous;
                    anonymous.ip = ip;
                    Error too_large{"http.body_too_large", "请求体过大", {}, {}, 413};
                    res = impl->pipeline.refuse(req, anonymous, too_large);
                    keep_alive = false;
                    body_ok = false;
                } else if (ec) {
                    co_return;  // timeout or the client went away
                }
            }
            if (body_ok) {
                req.body = std::move(parser.get().body());
                res = co_await asio::co_spawn(impl->pool, run_on_pool(impl, &req, &prepared, &user_id), use_awaitable);
            }
        }
        keep_alive = keep_alive && !impl->stopping;  // stop() may have begun while the handler ran
        auto msg = to_beast(std::move(res), req.request_id, keep_alive, version);
        Written w = co_await write_response(stream, msg, head_only, cfg.body_timeout);
        impl->pipeline.finish(req, prepared, w.status, w.bytes, user_id, seconds_since(start));
        if (!keep_alive) co_return;
    }
}

template <class Stream>
void shutdown_quietly(Stream& stream) {
    beast::error_code ec;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
}

awaitable<void> session_plain(Impl* impl, tcp::socket socket, std::string ip) {
    Connection counted(impl);
    beast::tcp_stream stream(std::move(socket));
    try {
        co_await serve(impl, stream, ip);
    } catch (const boost::system::system_error& e) {
        // Timeouts, resets and closed peers end a connection; nothing to answer.
        spdlog::debug("connection ended: {}", e.what());
    }
    shutdown_quietly(stream);
}

awaitable<void> session_tls(Impl* impl, tcp::socket socket, std::string ip) {
    Connection counted(impl);
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *impl->tls);
    try {
        beast::get_lowest_layer(stream).expires_after(impl->config.header_timeout);
        co_await stream.async_handshake(asio::ssl::stream_base::server, use_awaitable);
        co_await serve(impl, stream, ip);
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(use_awaitable);
    } catch (const boost::system::system_error& e) {
        spdlog::debug("tls connection ended: {}", e.what());
    }
    shutdown_quietly(stream);
}

awaitable<void> listen(Impl* impl) {
    for (;;) {
        beast::error_code ec;
        tcp::socket socket =
            co_await impl->acceptor.async_accept(asio::make_strand(impl->ioc), asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::operation_aborted || impl->stopping) co_return;
        if (ec) {
            spdlog::warn("accept failed: {}", ec.message());
            continue;
        }
        if (impl->connections.load() >= impl->config.max_connections) {
            socket.close(ec);  // over the cap: refuse at once rather than queue
            continue;
        }
        std::string ip = socket.remote_endpoint(ec).address().to_string();
        if (ec) continue;
        auto exec = socket.get_executor();
        if (impl->tls)
            asio::co_spawn(exec, session_tls(impl, std::move(socket), std::move(ip)), asio::detached);
        else
            asio::co_spawn(exec, session_plain(impl, std::move(socket), std::move(ip)), asio::detached);
    }
}

}  // namespace

Server::Server(ServerConfig config, const Router& router, ServerHooks hooks)
    : impl_(std::make_unique<Impl>(std::move(config), router, std::move(hooks))) {}

Server::~Server() { stop(); }

uint16_t Server::start() {
    Impl& s = *impl_;
    const ServerConfig& cfg = s.config;
    if (cfg.tls_cert_file || cfg.tls_key_file) {
        if (!cfg.tls_cert_file || !cfg.tls_key_file)
            throw std::runtime_error("TLS needs both a certificate and a key file");
        s.tls.emplace(asio::ssl::context::tls_server);
        s.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                           asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                           asio::ssl::context::no_tlsv1_1);
        s.tls->use_certificate_chain_file(*cfg.tls_cert_file);
        s.tls->use_private_key_file(*cfg.tls_key_file, asio::ssl::context::pem);
    }
    tcp::endpoint ep(asio::ip::make_address(cfg.host == "localhost" ? "127.0.0.1" : cfg.host), cfg.port);
    s.acceptor.open(ep.protocol());
    s.acceptor.set_option(asio::socket_base::reuse_address(true));
    s.acceptor.bind(ep);
    s.acceptor.listen(asio::socket_base::max_listen_connections);
    uint16_t port = s.acceptor.local_endpoint().port();
    asio::co_spawn(s.ioc, listen(&s), asio::detached);
    for (int i = 0; i < std::max(1, cfg.io_threads); ++i) s.threads.emplace_back([&s] { s.ioc.run(); });
    std::lock_guard lock(s.mu);
    s.started = true;
    return port;
}

void Server::stop() {
    Impl& s = *impl_;
    {
        std::lock_guard lock(s.mu);
        if (!s.started || s.stopped) return;
    }
    s.stopping = true;
    asio::post(s.ioc, [&s] {
        beast::error_code ec;
        s.acceptor.close(ec);
    });
    // Let requests already being handled finish and be written, for a bounded time.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (s.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s.ioc.stop();
    for (auto& t : s.threads)
        if (t.joinable()) t.join();
    s.pool.join();
    {
        std::lock_guard lock(s.mu);
        s.stopped = true;
    }
    s.cv.notify_all();
}

void Server::wait() {
    std::unique_lock lock(impl_->mu);
    impl_->cv.wait(lock, [this] { return !impl_->started || impl_->stopped; });
}

std::string Server::metrics_text() const { return impl_->pipeline.metrics_text(); }

}  // namespace lecs::http
