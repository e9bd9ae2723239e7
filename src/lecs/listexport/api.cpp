#include "lecs/listexport/api.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <stdexcept>
#include <variant>

#include "lecs/base/time.hpp"
#include "lecs/files/rules.hpp"
#include "lecs/xlsx/xlsx.hpp"

namespace lecs::listexport {
namespace json = boost::json;

namespace {

struct Collected {
    json::array items;
    int64_t total = 0;
};

// Reads the list page after page through its own handler. An answer other than 200 is returned
// as the export's answer (the list's own refusal).
std::variant<Collected, http::Response> collect(const http::Handler& list, const Layout& l, const http::Request& req,
                                                const auth::Caller& who) {
    http::Request page_req = req;
    page_req.query.clear();
    for (const auto& [k, v] : req.query)
        if (k != "page" && k != "size") page_req.query.emplace_back(k, v);
    const size_t base = page_req.query.size();
    Collected out;
    std::set<std::string> seen;
    const int64_t max_pages = kMaxRows / std::max(l.page_size, 1) + 2;
    for (int64_t page = 1; page <= max_pages; ++page) {
        page_req.query.resize(base);
        page_req.query.emplace_back("page", std::to_string(page));
        page_req.query.emplace_back("size", std::to_string(l.page_size));
        http::Response res = list(page_req, who);
        if (res.status != 200) return res;
        json::value body = json::parse(res.body);
        const json::object& o = body.as_object();
        const json::array& items = o.at("items").as_array();
        for (const auto& it : items) {
            if (int64_t(out.items.size()) >= kMaxRows) break;
            if (const auto* id = it.is_object() ? it.get_object().if_contains("id") : nullptr) {
                if (!seen.insert(json::serialize(*id)).second) continue;
            }
            out.items.push_back(it);
        }
        const auto* total = o.if_contains("total");
        if (!total) {  // an unpaged list: one answer holds all
            out.total = int64_t(items.size());
            break;
        }
        out.total = total->to_number<int64_t>();
        if (items.empty() || int64_t(out.items.size()) >= std::min(out.total, kMaxRows)) break;
    }
    return out;
}

}  // namespace

void audit_export(db::Database& db, audit::AuditLog& log, const auth::Caller& who, const std::string& list,
                  int64_t rows, int64_t total, const std::string& filter, int64_t now_ms) {
    audit::Entry e;
    e.action = "list.export";
    e.object_kind = "list";
    e.object_id = list;
    e.after_json = json::serialize(json::object{{"rows", rows}, {"total", total}, {"filter", filter}});
    db.write([&](db::Tx& tx) { log.append(tx, who, e, now_ms); });
}

void register_exports(http::Router& r, const std::vector<Layout>& layouts, db::Database& db, audit::AuditLog& log,
                      std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    for (const Layout& l : layouts) {
        const http::Route* list = nullptr;
        for (const auto& route : r.routes())
            if (route.method == "GET" && route.pattern == l.list) list = &route;
        if (!list) throw std::logic_error("listexport: no GET " + l.list + " to export");
        http::RouteSpec spec = list->spec;
        spec.summary = "导出" + l.title + "（Excel，与列表同一筛选条件和数据权限）";
        spec.idempotent_create = false;
        http::Handler handler = list->handler;  // a copy: the router's vector grows below
        r.get(l.list + "/export.xlsx", std::move(spec),
              [handler, l, &db, &log, clock](const http::Request& req, const auth::Caller& who) {
                  const int64_t now = clock();
                  auto got = collect(handler, l, req, who);
                  if (auto* refused = std::get_if<http::Response>(&got)) return std::move(*refused);
                  const Collected& c = std::get<Collected>(got);
                  const xlsx::Sheet sheet = sheet_of(SheetInput{.layout = l,
                                                                .items = c.items,
                                                                .total = c.total,
                                                                .query = req.query,
                                                                .exporter = who.display_name,
                                                                .now_ms = now});
                  std::string bytes = xlsx::write_workbook({sheet}, now / 1000);
                  audit_export(db, log, who, l.list, int64_t(sheet.rows.size()), c.total, filter_text(l, req.query),
                               now);
                  http::Response res{200, xlsx::kContentType, {}, std::move(bytes)};
                  res.headers.emplace_back(
                      "Content-Disposition",
                      files::rules::content_disposition(file_name(l, now), files::rules::Disposition::kAttachment));
                  res.headers.emplace_back("Cache-Control", "no-store");
                  return res;
              });
    }
}

}  // namespace lecs::listexport
