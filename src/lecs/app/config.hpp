// lecs configuration: one TOML file, overridden by command-line flags.
//
// Contract: load_config(path) reads the file if it exists (a missing default
// file is fine; a missing file named with --config is an error). Defaults give a
// working single-node setup: SQLite at ./data/lecs.db, 127.0.0.1:8080, keys in
// ./data/keys/lecs.keys (0600), audit checkpoints in ./data/audit,
// attachments in ./data/attachments. Keys are never
// in this file: only the path of the key file.
//
//   [server]   listen = "127.0.0.1:8080"   io_threads = 1   worker_threads = 4
//              static_dir = "web/dist"     tls_cert = ""    tls_key = ""
//              per_ip_rate = 200           per_ip_burst = 400
//              public_url = ""  (the URL citizens reach, e.g. "https://lecs.xingtai.gov.cn", printed
//                                in documents' QR codes; empty: http(s)://<listen host>:<port>)
//   [database] url = "sqlite:///abs/path/lecs.db"   pool = 4
//   [security] key_file = "data/keys/lecs.keys"   pbkdf2_iterations = 310000
//              checkpoint_dir = "data/audit"
//   [storage]  attachments_dir = "data/attachments"  (content-addressed blobs; may be shared storage)
//              max_attachment_bytes = 20971520  (20 MiB; the upload route's body limit)
//   [node]     id = 0
#pragma once

#include <cstdint>
#include <string>

namespace lecs::app {

struct Config {
    std::string listen_host = "127.0.0.1";
    uint16_t listen_port = 8080;
    int io_threads = 1;
    int worker_threads = 4;
    std::string static_dir;  // empty: found next to the binary or in ./web/dist
    std::string tls_cert;
    std::string tls_key;
    std::string public_url;     // without a trailing '/'
    double per_ip_rate = 200;   // requests per second per client address (token bucket) …
    double per_ip_burst = 400;  // … and its burst; 429 beyond
    std::string db_url = "sqlite://data/lecs.db";
    int db_pool = 4;
    std::string key_file = "data/keys/lecs.keys";
    int pbkdf2_iterations = 310000;
    std::string checkpoint_dir = "data/audit";
    std::string attachments_dir = "data/attachments";
    int64_t max_attachment_bytes = int64_t{20} << 20;
    int node_id = 0;
};

// Throws std::runtime_error with a message naming the file and the key on a bad file.
Config load_config(const std::string& path, bool must_exist);
// "host:port" → sets listen_host/listen_port; throws std::invalid_argument.
void apply_listen(Config& c, const std::string& host_port);
// The web/dist to serve: c.static_dir if set, else ./web/dist, else <exe>/../../web/dist.
std::string resolve_static_dir(const Config& c);
bool is_loopback_host(const std::string& host);

}  // namespace lecs::app
