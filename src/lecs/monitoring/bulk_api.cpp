#include "lecs/monitoring/bulk_api.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <fstream>
#include <string>
#include <vector>

#include "lecs/base/time.hpp"
#include "lecs/monitoring/ingest.hpp"

namespace lecs::monitoring {
namespace {

namespace json = boost::json;
using http::Response;

enum class BodyType { kNdjson, kCsv, kOther };

BodyType body_type(std::optional<std::string_view> content_type) {
    if (!content_type) return BodyType::kOther;
    std::string v(*content_type);
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto is = [&](std::string_view t) {
        return v.rfind(t, 0) == 0 && (v.size() == t.size() || v[t.size()] == ';' || v[t.size()] == ' ');
    };
    if (is("application/x-ndjson")) return BodyType::kNdjson;
    if (is("text/csv")) return BodyType::kCsv;
    return BodyType::kOther;
}

// The first byte of the body that is not white space or a UTF-8 BOM; 0 when there is none.
char first_significant_byte(std::ifstream& in) {
    char c;
    int bom = 0;
    while (in.get(c)) {
        auto u = static_cast<unsigned char>(c);
        if (bom < 3 && u == "\xEF\xBB\xBF"[bom]) {
            ++bom;
            continue;
        }
        if (!std::isspace(u)) return c;
    }
    return 0;
}

Response bulk(db::Database& db, audit::AuditLog& audit, What what, const http::Request& req, const auth::Caller& who) {
    const BodyType type = body_type(req.header("content-type"));
    if (type == BodyType::kOther)
        return http::error_response(Error::validation(
            "http.content_type", "请求的内容类型必须为 application/x-ndjson（每行一个 JSON 对象）或 text/csv"));
    std::ifstream in(req.body_file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open the spooled body " + req.body_file);
    const char first = first_significant_byte(in);
    if (first == 0)
        return http::error_response(Error::validation("monitoring.empty_body", "请求体为空：请至少提交一行数据"));
    // A body that contradicts its declared type would be rejected row by row; say it once.
    if ((first == '{') != (type == BodyType::kNdjson))
        return http::error_response(Error::validation(
            "http.content_type", type == BodyType::kNdjson
                                     ? "内容类型为 application/x-ndjson，但请求体不是每行一个 JSON 对象"
                                     : "内容类型为 text/csv，但请求体不是 CSV（首行应为列名）"));
    in.clear();
    in.seekg(0);

    IngestOptions opts;
    opts.what = what;
    opts.source = "http";
    opts.caller = &who;
    opts.today = today_shanghai();
    opts.audit = &audit;

    json::array rejected_rows;
    bool truncated = false;
    IngestHooks hooks;
    hooks.on_rejected = [&](int64_t line, const parse::RowError& e) {
        if (rejected_rows.size() < kMaxRejectedRows)
            rejected_rows.push_back(json::object{{"line", line}, {"field", e.field}, {"reason", e.reason}});
        else
            truncated = true;
    };
    IngestCounts counts = ingest(db, in, opts, hooks);
    json::object out = json::parse(counts_json(counts)).as_object();
    out["rejected_rows"] = std::move(rejected_rows);
    out["rejected_rows_truncated"] = truncated;
    return Response::json(200, json::serialize(out));
}

http::RouteSpec spec(std::string summary) {
    http::RouteSpec s;
    s.permission = "monitoring.import";
    // The rows' agencies are checked against the caller's scope one by one, in ingest().
    s.scope = http::ScopeRule::filtered();
    s.body_limit = kMaxBulkBytes;
    s.spool_body = true;
    s.content_types = {"application/x-ndjson", "text/csv"};
    s.summary = std::move(summary);
    return s;
}

}  // namespace

void register_bulk_api(http::Router& r, db::Database& db, audit::AuditLog& audit) {
    r.post("/api/v1/monitoring/acts:bulk", spec("批量导入行政执法行为（NDJSON 或 CSV，流式，逐行校验）"),
           [&db, &audit](const http::Request& req, const auth::Caller& who) {
               return bulk(db, audit, What::kActs, req, who);
           });
    r.post("/api/v1/monitoring/cases:bulk", spec("批量导入行政复议、行政诉讼案件（NDJSON 或 CSV，流式，逐行校验）"),
           [&db, &audit](const http::Request& req, const auth::Caller& who) {
               return bulk(db, audit, What::kCases, req, who);
           });
}

}  // namespace lecs::monitoring
