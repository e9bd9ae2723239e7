#include "lecs/http/detail/static_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lecs::http::detail {
namespace {

namespace fs = std::filesystem;

bool has_dot_segment(std::string_view path) {
    size_t i = 0;
    while (i <= path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        std::string_view seg = path.substr(i, j - i);
        if (seg == ".." || seg == ".") return true;
        i = j + 1;
    }
    return false;
}

bool accepts_gzip(const Request& req) {
    auto ae = req.header("accept-encoding");
    if (!ae) return false;
    std::string v(*ae);
    size_t p = v.find("gzip");
    if (p == std::string::npos) return false;
    // "gzip;q=0" refuses gzip explicitly.
    std::string rest = v.substr(p + 4, 6);
    return rest.rfind(";q=0", 0) != 0 || rest.rfind(";q=0.", 0) == 0;
}

bool read_file(const fs::path& p, std::string* out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

Response not_found() { return error_response(Error{"not_found", "页面不存在", {}, {}, 404}); }

}  // namespace

std::string content_type_for(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

Response serve_static(const std::string& dir, const Request& req) {
    const std::string& path = req.path;
    if (dir.empty() || path.empty() || path.front() != '/' || has_dot_segment(path) ||
        path.find('\0') != std::string::npos)
        return not_found();
    fs::path root(dir);
    std::string rel = path.substr(1);
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    fs::path file = root / rel;
    std::error_code ec;
    bool is_asset = path.rfind("/assets/", 0) == 0;
    if (!fs::is_regular_file(file, ec)) {
        std::string last = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
        if (is_asset || last.find('.') != std::string::npos) return not_found();
        file = root / "index.html";  // SPA route: the client-side router takes it from here
        if (!fs::is_regular_file(file, ec)) return not_found();
    }
    bool gz = false;
    fs::path served = file;
    if (accepts_gzip(req)) {
        fs::path gz_file = file;
        gz_file += ".gz";
        if (fs::is_regular_file(gz_file, ec)) {
            served = gz_file;
            gz = true;
        }
    }
    auto size = fs::file_size(served, ec);
    if (ec) return not_found();
    auto mtime = fs::last_write_time(served, ec);
    if (ec) return not_found();
    std::string etag =
        fmt::format("\"{:x}-{:x}{}\"", size, static_cast<uint64_t>(mtime.time_since_epoch().count()), gz ? "-gz" : "");
    Response res;
    res.status = 200;
    res.content_type = content_type_for(file.string());
    res.headers.emplace_back("ETag", etag);
    res.headers.emplace_back("Vary", "Accept-Encoding");
    if (is_asset)
        res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    else
        res.headers.emplace_back("Cache-Control", "no-cache");
    if (gz) res.headers.emplace_back("Content-Encoding", "gzip");
    auto inm = req.header("if-none-match");
    if (inm && (*inm == etag || *inm == "*" || inm->find(etag) != std::string_view::npos)) {
        res.status = 304;
        return res;
    }
    if (!read_file(served, &res.body)) return not_found();
    return res;
}

}  // namespace lecs::http::detail
