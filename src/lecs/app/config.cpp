#include "lecs/app/config.hpp"

#include <toml++/toml.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <stdexcept>

namespace lecs::app {
namespace fs = std::filesystem;

Config load_config(const std::string& path, bool must_exist) {
    Config c;
    if (!fs::exists(path)) {
        if (must_exist) throw std::runtime_error("config file not found: " + path);
        return c;
    }
    toml::table t;
    try {
        t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error("config " + path + ": " + std::string(e.description()));
    }
    if (auto v = t["server"]["listen"].value<std::string>()) apply_listen(c, *v);
    c.io_threads = t["server"]["io_threads"].value_or(c.io_threads);
    c.worker_threads = t["server"]["worker_threads"].value_or(c.worker_threads);
    c.static_dir = t["server"]["static_dir"].value_or(c.static_dir);
    c.tls_cert = t["server"]["tls_cert"].value_or(c.tls_cert);
    c.tls_key = t["server"]["tls_key"].value_or(c.tls_key);
    c.per_ip_rate = t["server"]["per_ip_rate"].value_or(c.per_ip_rate);
    c.per_ip_burst = t["server"]["per_ip_burst"].value_or(c.per_ip_burst);
    if (c.per_ip_rate <= 0 || c.per_ip_burst < 1)
        throw std::runtime_error("config " + path + ": per_ip_rate/per_ip_burst must be positive");
    c.public_url = t["server"]["public_url"].value_or(c.public_url);
    while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
    c.db_url = t["database"]["url"].value_or(c.db_url);
    c.db_pool = t["database"]["pool"].value_or(c.db_pool);
    c.key_file = t["security"]["key_file"].value_or(c.key_file);
    c.pbkdf2_iterations = t["security"]["pbkdf2_iterations"].value_or(c.pbkdf2_iterations);
    c.checkpoint_dir = t["security"]["checkpoint_dir"].value_or(c.checkpoint_dir);
    c.attachments_dir = t["storage"]["attachments_dir"].value_or(c.attachments_dir);
    c.max_attachment_bytes = t["storage"]["max_attachment_bytes"].value_or(c.max_attachment_bytes);
    c.node_id = t["node"]["id"].value_or(c.node_id);
    if (c.io_threads < 1 || c.worker_threads < 1)
        throw std::runtime_error("config " + path + ": thread counts must be ≥ 1");
    if (c.pbkdf2_iterations < 1000) throw std::runtime_error("config " + path + ": pbkdf2_iterations must be ≥ 1000");
    // An upload is held in memory whole (the body, then its SM3): a cap above 1 GiB is a mistake.
    if (c.max_attachment_bytes < 1 || c.max_attachment_bytes > (int64_t{1} << 30))
        throw std::runtime_error("config " + path + ": max_attachment_bytes must be between 1 and 1073741824");
    if (c.attachments_dir.empty()) throw std::runtime_error("config " + path + ": attachments_dir must not be empty");
    return c;
}

void apply_listen(Config& c, const std::string& hp) {
    const auto colon = hp.rfind(':');
    if (colon == std::string::npos || colon == 0) throw std::invalid_argument("--listen wants HOST:PORT, got " + hp);
    std::string host = hp.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    const auto* b = hp.data() + colon + 1;
    const auto* e = hp.data() + hp.size();
    auto [p, ec] = std::from_chars(b, e, port);
    if (ec != std::errc() || p != e || port > 65535) throw std::invalid_argument("--listen: bad port in " + hp);
    c.listen_host = host;
    c.listen_port = static_cast<uint16_t>(port);
}

std::string resolve_static_dir(const Config& c) {
    if (!c.static_dir.empty()) return c.static_dir;
    if (fs::exists("web/dist/index.html")) return fs::absolute("web/dist").string();
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
            if (fs::exists(dir / "web/dist/index.html")) return (dir / "web/dist").string();
        }
    }
    return {};
}

bool is_loopback_host(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace lecs::app
