#include "lecs/files/api.hpp"

#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/files/rules.hpp"

namespace lecs::files {
namespace {

namespace json = boost::json;
using http::Response;
using http::ScopeRule;

http::RouteSpec spec(std::string perm, ScopeRule scope, std::string summary) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    s.summary = std::move(summary);
    return s;
}

json::object attachment_json(const Attachment& a) {
    json::object o{{"id", id_to_string(a.id)},
                   {"sm3_hex", a.sm3_hex},
                   {"size_bytes", a.size_bytes},
                   {"media_type", a.media_type},
                   {"original_name", a.original_name},
                   {"org_id", id_to_string(a.org_id)},
                   {"version", a.version},
                   {"created_at", iso_instant(a.created_at)}};
    o["owner_kind"] = a.owner_kind ? json::value(*a.owner_kind) : json::value(nullptr);
    o["owner_id"] = a.owner_id ? json::value(id_to_string(*a.owner_id)) : json::value(nullptr);
    return o;
}

Response ok_json(const json::object& o, int status = 200) { return Response::json(status, json::serialize(o)); }

// The X-File-Name header, percent-decoded (the sanitising is the service's).
Result<std::string> file_name_of(const http::Request& req) {
    auto raw = req.header("x-file-name");
    if (!raw || raw->empty())
        return Error::validation("file.name_required", "请提供文件名（请求头 X-File-Name）", "file_name");
    auto decoded = rules::percent_decode(*raw);
    if (!decoded)
        return Error::validation("validation.wrong_type", "文件名须为百分号编码的UTF-8（请求头 X-File-Name）",
                                 "file_name");
    return *decoded;
}

}  // namespace

void register_api(http::Router& r, FileService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };

    r.post(
        "/api/v1/attachments",
        [&svc] {
            auto s = spec("file.upload", ScopeRule::filtered(), "上传附件（PDF或PNG、JPEG图片）");
            s.body_limit = static_cast<size_t>(svc.max_bytes());
            s.idempotent_create = true;
            return s;
        }(),
        [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
            auto name = file_name_of(req);
            if (!name.ok()) return http::error_response(name.error());
            auto a = svc.upload(db, who, req.body, name.value(), clock());
            if (!a.ok()) return http::error_response(a.error());
            return ok_json(attachment_json(a.value()), 201);
        });
    r.get("/api/v1/attachments/{id}", spec("file.read", ScopeRule::object("attachment"), "附件信息"),
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              auto a = db.read([&](db::Tx& tx) { return svc.get(tx, who, parse_id(req.param("id"))); });
              if (!a.ok()) return http::error_response(a.error());
              return ok_json(attachment_json(a.value()));
          });
    r.get("/api/v1/attachments/{id}/content", spec("file.read", ScopeRule::object("attachment"), "下载附件原件"),
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              auto a = db.read([&](db::Tx& tx) { return svc.get(tx, who, parse_id(req.param("id"))); });
              if (!a.ok()) return http::error_response(a.error());
              // Read outside the transaction; a missing or altered blob throws (500, logged).
              Response res{200, a->media_type, {}, svc.bytes_of(a.value())};
              res.headers.emplace_back("Content-Disposition", rules::content_disposition(a->original_name));
              res.headers.emplace_back("Cache-Control", "no-store");
              return res;
          });
}

}  // namespace lecs::files
