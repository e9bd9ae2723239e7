#include "lecs/catalog/api.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/org/store.hpp"

namespace lecs::catalog {
namespace {

namespace json = boost::json;
using http::Response;
using http::ScopeRule;

Response ok_json(const json::value& v, int status = 200) { return Response::json(status, json::serialize(v)); }

http::RouteSpec spec(std::string perm, std::string summary, bool idempotent_create = false) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = ScopeRule::filtered();
    s.summary = std::move(summary);
    s.idempotent_create = idempotent_create;
    return s;
}

Error wrong_type(const std::string& field, std::string_view label) {
    return Error::validation("validation.wrong_type", "「" + std::string(label) + "」格式不正确", field);
}

json::object item_object(db::Tx& tx, const Item& i) {
    auto agency = org::store::find_org(tx, i.agency_id);
    auto opt_amount = [](const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json::object{{"id", id_to_string(i.id)},
                        {"agency_id", id_to_string(i.agency_id)},
                        {"agency_name", agency ? agency->name : std::string()},
                        {"item_code", i.item_code},
                        {"name", i.name},
                        {"kind", i.kind},
                        {"effective_from", i.effective_from.iso()},
                        {"effective_to", i.effective_to ? json::value(i.effective_to->iso()) : json::value(nullptr)},
                        {"min_amount_fen", opt_amount(i.min_amount_fen)},
                        {"max_amount_fen", opt_amount(i.max_amount_fen)},
                        {"basis", i.basis},
                        {"status", i.status},
                        {"version", i.version},
                        {"created_at", iso_instant(i.created_at)},
                        {"updated_at", iso_instant(i.updated_at)}};
}

// An amount in 分: a non-negative JSON integer (a string of digits is refused: money is never text here).
Result<std::optional<int64_t>> amount(const json::object& o, std::string_view field, std::string_view label) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return std::optional<int64_t>{};
    const auto& v = it->value();
    if (v.is_int64() && v.as_int64() >= 0) return std::optional<int64_t>{v.as_int64()};
    if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(kMaxAmountFen))
        return std::optional<int64_t>{static_cast<int64_t>(v.as_uint64())};
    return wrong_type(std::string(field), label);
}

Result<ItemInput> parse_item(const json::object& o) {
    ItemInput in;
    LECS_ASSIGN(in.agency_id, http::required_id(o, "agency_id", "执法机关"));
    LECS_ASSIGN(in.item_code, http::required_string(o, "item_code", kMaxCodeChars, "事项编码"));
    LECS_ASSIGN(in.name, http::required_string(o, "name", kMaxNameChars, "事项名称"));
    LECS_ASSIGN(in.kind, http::required_string(o, "kind", 20, "事项类别"));
    LECS_ASSIGN(auto from, http::required_date(o, "effective_from", "生效日期"));
    in.effective_from = from;
    LECS_ASSIGN(in.effective_to, http::optional_date(o, "effective_to", "失效日期"));
    LECS_ASSIGN(in.min_amount_fen, amount(o, "min_amount_fen", "裁量基准下限"));
    LECS_ASSIGN(in.max_amount_fen, amount(o, "max_amount_fen", "裁量基准上限"));
    LECS_ASSIGN(auto basis, http::optional_string(o, "basis", kMaxBasisChars, "设定依据"));
    in.basis = basis.value_or("");
    return in;
}

json::array rows_json(const std::vector<RowError>& errors) {
    json::array rows;
    for (const auto& e : errors)
        rows.push_back(json::object{{"line", e.line}, {"field", e.field}, {"reason", e.reason}});
    return rows;
}

}  // namespace

void register_api(http::Router& r, CatalogService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };

    r.get("/api/v1/catalog/items", spec("catalog.read", "行政执法事项清单（数据权限内）"),
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              store::ItemFilter f;
              if (auto a = req.query_param("agency"); a && !a->empty()) {
                  const int64_t id = parse_id(*a);
                  if (id <= 0) return http::error_response(wrong_type("agency", "执法机关"));
                  f.agency_id = id;
              }
              if (auto c = req.query_param("item_code"); c && !c->empty()) {
                  if (http::utf8_length(*c) > kMaxCodeChars)
                      return http::error_response(wrong_type("item_code", "事项编码"));
                  f.item_code = *c;
              }
              if (auto on = req.query_param("on"); on && !on->empty()) {
                  auto d = Date::parse(*on);
                  if (!d) return http::error_response(wrong_type("on", "日期"));
                  f.in_force_on = d;
              }
              const int page = http::int_query_param(req, "page", 1, 1000000),
                        size = http::int_query_param(req, "size", 20, 100);
              f.limit = size;
              f.offset = (page - 1) * size;
              return db.read([&](db::Tx& tx) {
                  auto p = svc.list(tx, who, f);
                  json::array items;
                  for (const auto& i : p.items) items.push_back(item_object(tx, i));
                  return ok_json(json::object{{"items", std::move(items)}, {"total", p.total}});
              });
          });

    r.post("/api/v1/catalog/items", spec("catalog.write", "登记行政执法事项", true),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               auto in = parse_item(body.value());
               if (!in.ok()) return http::error_response(in.error());
               const int64_t now = clock();
               auto res = db.write([&](db::Tx& tx) -> Result<json::object> {
                   LECS_ASSIGN(Item i, svc.create(tx, who, in.value(), now));
                   return item_object(tx, i);
               });
               if (!res.ok()) return http::error_response(res.error());
               return ok_json(res.value(), 201);
           });

    auto load_spec = spec("catalog.write", "导入行政执法事项清单（CSV，全部成功或全部不导入）");
    load_spec.body_limit = kMaxCsvBytes;
    r.post("/api/v1/catalog/items:load", std::move(load_spec),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               std::vector<RowError> errors;
               const int64_t now = clock();
               auto res = db.write([&](db::Tx& tx) { return svc.load_csv(tx, &who, req.body, now, errors); });
               if (!res.ok()) {
                   Response out = http::error_response(res.error());
                   if (!errors.empty()) {
                       auto v = json::parse(out.body).as_object();
                       v["error"].as_object()["rows"] = rows_json(errors);
                       out.body = json::serialize(v);
                   }
                   return out;
               }
               return ok_json(json::object{{"created", res->created}, {"updated", res->updated}});
           });
}

int run_load_cli(db::Database& db, CatalogService& svc, const std::string& path, std::ostream& out, std::ostream& err) {
    std::string text;
    if (path == "-") {
        std::ostringstream s;
        s << std::cin.rdbuf();
        text = s.str();
    } else {
        std::ifstream f(path, std::ios::binary);
        if (!f) {
            err << "lecs: cannot read " << path << "\n";
            return 1;
        }
        std::ostringstream s;
        s << f.rdbuf();
        text = s.str();
    }
    std::vector<RowError> errors;
    auto res = db.write([&](db::Tx& tx) { return svc.load_csv(tx, nullptr, text, now_ms(), errors); });
    if (!res.ok()) {
        for (const auto& e : errors)
            err << path << ":" << e.line << ": " << (e.field.empty() ? "" : e.field + ": ") << e.reason << "\n";
        err << "lecs: " << res.error().message << " (" << res.error().code << ")\n";
        return 1;
    }
    out << json::serialize(json::object{{"created", res->created}, {"updated", res->updated}}) << "\n";
    return 0;
}

}  // namespace lecs::catalog
