#include "lecs/docs/api.hpp"

#include <boost/json.hpp>

#include "lecs/base/crypto.hpp"
#include "lecs/base/id.hpp"
#include "lecs/docs/render.hpp"
#include "lecs/http/json_body.hpp"

namespace lecs::docs {
namespace {

namespace json = boost::json;
using http::Response;
using http::ScopeRule;

http::RouteSpec spec(std::string perm, ScopeRule scope, std::string summary, size_t body_limit = 1 << 20) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    s.summary = std::move(summary);
    s.body_limit = body_limit;
    return s;
}

json::object document_json(const Document& d) {
    json::array recipients;
    for (const auto& r : d.recipients) {
        json::object o{{"name", r.name}};
        o["org_id"] = r.org_id ? json::value(id_to_string(*r.org_id)) : json::value(nullptr);
        recipients.push_back(std::move(o));
    }
    json::array body;
    for (const auto& p : d.body) body.push_back(json::value(p));
    json::object fields;
    for (const auto& [k, v] : d.fields) fields[k] = v;
    const DocType* t = find_type(d.doc_type);
    json::object o{{"id", id_to_string(d.id)},
                   {"doc_type", d.doc_type},
                   {"type_name", t ? std::string(t->name) : d.doc_type},
                   {"issuer_org_id", id_to_string(d.issuer_org_id)},
                   {"internal", d.internal},
                   {"status", d.status},
                   {"title", d.title},
                   {"recipients", std::move(recipients)},
                   {"body", std::move(body)},
                   {"fields", std::move(fields)},
                   {"cc", d.cc},
                   {"disclosure", d.disclosure},
                   {"version", d.version},
                   {"created_at", iso_instant(d.created_at)},
                   {"updated_at", iso_instant(d.updated_at)}};
    auto opt_str = [&](const char* k, const std::optional<std::string>& v) {
        o[k] = v ? json::value(*v) : json::value(nullptr);
    };
    opt_str("number_text", d.number_text);
    opt_str("issue_date", d.issue_date ? std::optional<std::string>(d.issue_date->iso()) : std::nullopt);
    opt_str("sm3_hex", d.sm3_hex);
    opt_str("key_id", d.key_id);
    opt_str("verify_token", d.verify_token);
    opt_str("issued_at", d.issued_at ? std::optional<std::string>(iso_instant(*d.issued_at)) : std::nullopt);
    return o;
}

// A type as the drafting form needs it: who issues it, its fields in order and the basis.
json::object type_json(const DocType& t) {
    json::array fields;
    for (size_t i = 0; i < t.required_fields.size(); ++i)
        fields.push_back(json::object{{"key", t.required_fields[i]},
                                      {"label", i < t.field_labels.size() ? t.field_labels[i] : t.required_fields[i]},
                                      {"required", true}});
    return json::object{{"code", t.code},
                        {"name", t.name},
                        {"issuer", t.issuer == IssuerKind::kGovernment ? "government" : "department"},
                        {"internal", t.internal},
                        {"abbreviation", t.abbreviation},
                        {"basis", cite(t.basis)},
                        {"disclosure", t.disclosure},
                        {"fields", std::move(fields)}};
}

json::object delivery_json(const Delivery& v) {
    json::object o{{"id", id_to_string(v.id)},
                   {"document_id", id_to_string(v.document_id)},
                   {"recipient_name", v.recipient_name},
                   {"address", v.address},
                   {"channel", v.channel},
                   {"delivered_on", v.delivered_on.iso()},
                   {"version", v.version}};
    o["recipient_org_id"] = v.recipient_org_id ? json::value(id_to_string(*v.recipient_org_id)) : json::value(nullptr);
    o["received_on"] = v.received_on ? json::value(v.received_on->iso()) : json::value(nullptr);
    o["deadline_id"] = v.deadline_id ? json::value(id_to_string(*v.deadline_id)) : json::value(nullptr);
    return o;
}

json::object verify_json(const VerifyResult& v) {
    json::object o{{"found", v.found}, {"authentic", v.authentic}, {"internal", v.internal}};
    if (v.found && !v.internal) {
        o["issuer"] = v.issuer;
        o["number_text"] = v.number_text;
        o["type_name"] = v.type_name;
        o["title"] = v.title;
        o["issue_date"] = v.issue_date ? json::value(v.issue_date->iso()) : json::value(nullptr);
        o["issue_date_text"] = v.issue_date ? json::value(v.issue_date->chinese()) : json::value(nullptr);
        o["sm3_hex"] = v.sm3_hex;
    }
    return o;
}

Response ok_json(const json::object& o, int status = 200) { return Response::json(status, json::serialize(o)); }

Response bytes(std::string content_type, std::string body, std::string filename = {}) {
    Response r{200, std::move(content_type), {}, std::move(body)};
    if (!filename.empty()) r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

std::string verify_page(const VerifyResult& v) {
    std::string body;
    if (!v.found) {
        body = "<p class=\"bad\">未找到该文书，请核对二维码或链接。</p>";
    } else {
        body = v.authentic ? "<p class=\"ok\">文书真实有效：电子签名验证通过，内容未被篡改。</p>"
                           : "<p class=\"bad\">文书验证未通过：内容与签发时不一致。</p>";
        if (!v.internal) {
            body += "<table><tr><th>发文机关</th><td>" + escape_html(v.issuer) + "</td></tr><tr><th>文号</th><td>" +
                    escape_html(v.number_text) + "</td></tr><tr><th>文书种类</th><td>" + escape_html(v.type_name) +
                    "</td></tr><tr><th>标题</th><td>" + escape_html(v.title) + "</td></tr><tr><th>成文日期</th><td>" +
                    (v.issue_date ? v.issue_date->chinese() : std::string()) + "</td></tr><tr><th>SM3</th><td>" +
                    escape_html(v.sm3_hex) + "</td></tr></table>";
        }
    }
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>文书核验</title>"
           "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}.ok{color:#060}.bad{color:#b00}"
           "th{text-align:left;padding-right:1em}</style></head><body><h1>文书核验</h1>" +
           body + "</body></html>";
}

Result<std::vector<Recipient>> parse_recipients(const json::object& o) {
    std::vector<Recipient> out;
    auto it = o.find("recipients");
    if (it == o.end() || it->value().is_null()) return out;
    if (!it->value().is_array())
        return Error::validation("validation.wrong_type", "「主送机关」格式不正确", "recipients");
    for (const auto& v : it->value().as_array()) {
        if (!v.is_object()) return Error::validation("validation.wrong_type", "「主送机关」格式不正确", "recipients");
        LECS_ASSIGN(auto name, http::required_string(v.as_object(), "name", 100, "主送机关"));
        LECS_ASSIGN(auto org, http::optional_id(v.as_object(), "org_id", "主送机关"));
        out.push_back(Recipient{name, org});
    }
    return out;
}

Result<DocumentInput> parse_input(const json::object& o) {
    DocumentInput in;
    LECS_ASSIGN(in.doc_type, http::required_string(o, "doc_type", 64, "文书种类"));
    LECS_ASSIGN(auto issuer, http::optional_id(o, "issuer_org_id", "发文机关"));
    in.issuer_org_id = issuer.value_or(0);
    LECS_ASSIGN(in.title, http::required_string(o, "title", 200, "标题"));
    LECS_ASSIGN(in.recipients, parse_recipients(o));
    if (auto it = o.find("body"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_array()) return Error::validation("validation.wrong_type", "「正文」格式不正确", "body");
        for (const auto& p : it->value().as_array()) {
            if (!p.is_string()) return Error::validation("validation.wrong_type", "「正文」格式不正确", "body");
            in.body.emplace_back(p.as_string());
        }
    }
    if (auto it = o.find("fields"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_object())
            return Error::validation("validation.wrong_type", "「文书要素」格式不正确", "fields");
        for (const auto& kv : it->value().as_object()) {
            if (!kv.value().is_string())
                return Error::validation("validation.wrong_type", "「文书要素」格式不正确",
                                         "fields." + std::string(kv.key()));
            in.fields.emplace_back(std::string(kv.key()), std::string(kv.value().as_string()));
        }
    }
    LECS_ASSIGN(auto cc, http::optional_string(o, "cc", 500, "抄送"));
    in.cc = cc.value_or("");
    LECS_ASSIGN(in.disclosure, http::optional_string(o, "disclosure", 20, "公开属性"));
    return in;
}

// The PDF of a verification upload: {"pdf_base64": "…"} (the pipeline accepts only JSON on a
// public POST), or the raw bytes when sent as application/pdf. At most kMaxUploadBytes of PDF.
Result<std::string> uploaded_pdf(const http::Request& req) {
    auto ct = req.header("content-type");
    const bool is_json = ct && ct->substr(0, 16) == "application/json";
    std::string pdf;
    if (!is_json) {
        pdf = req.body;
    } else {
        boost::system::error_code ec;
        json::value v = json::parse(req.body, ec);
        const json::value* field = !ec && v.is_object() ? v.as_object().if_contains("pdf_base64") : nullptr;
        if (!field || !field->is_string())
            return Error::validation("validation.required", "「PDF文件」不能为空", "pdf_base64");
        try {
            pdf = crypto::unbase64(field->as_string());
        } catch (const std::invalid_argument&) {
            return Error::validation("validation.wrong_type", "「PDF文件」格式不正确", "pdf_base64");
        }
    }
    if (pdf.empty()) return Error::validation("validation.required", "「PDF文件」不能为空", "pdf_base64");
    if (pdf.size() > kMaxUploadBytes)
        return Error{"http.body_too_large", "上传的PDF文件不能超过20MB", "pdf_base64", {}, 413};
    return pdf;
}

template <class T, class F>
Response respond(Result<T> r, F&& f) {
    if (!r.ok()) return http::error_response(r.error());
    return f(r.value());
}

}  // namespace

void register_api(http::Router& r, DocService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    auto doc_id = [](const http::Request& req) { return parse_id(req.param("id")); };

    r.get("/api/v1/document-types", spec("doc.read", ScopeRule::public_data(), "文书种类及其要素"),
          [](const http::Request&, const auth::Caller&) {
              json::array items;
              for (const auto& t : all_types()) items.push_back(type_json(t));
              return ok_json(json::object{{"items", std::move(items)}, {"total", all_types().size()}});
          });
    r.post(
        "/api/v1/documents",
        [] {
            auto s = spec("doc.draft", ScopeRule::filtered(), "起草文书");
            s.idempotent_create = true;
            return s;
        }(),
        [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
            auto body = http::parse_json_object(req.body);
            if (!body.ok()) return http::error_response(body.error());
            auto in = parse_input(body.value());
            if (!in.ok()) return http::error_response(in.error());
            return respond(db.write([&](db::Tx& tx) { return svc.create_draft(tx, who, in.value(), clock()); }),
                           [](const Document& d) { return ok_json(document_json(d), 201); });
        });
    r.get("/api/v1/documents", spec("doc.read", ScopeRule::filtered(), "文书列表（数据权限内）"),
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              store::ListFilter f;
              f.doc_type = req.query_param("doc_type");
              f.status = req.query_param("status");
              if (auto o = req.query_param("issuer_org_id")) f.issuer_org_id = parse_id(*o);
              const int size = http::int_query_param(req, "size", 50, 200);
              f.limit = size;
              f.offset = (http::int_query_param(req, "page", 1, 100000) - 1) * size;
              auto page = db.read([&](db::Tx& tx) { return svc.list(tx, who, f); });
              json::array a;
              for (const auto& d : page.items) a.push_back(document_json(d));
              return ok_json(json::object{{"items", std::move(a)}, {"total", page.total}});
          });
    r.get("/api/v1/documents/{id}", spec("doc.read", ScopeRule::object("document"), "文书详情"),
          [&svc, &db, doc_id](const http::Request& req, const auth::Caller& who) {
              return respond(db.read([&](db::Tx& tx) { return svc.get(tx, who, doc_id(req)); }),
                             [](const Document& d) { return ok_json(document_json(d)); });
          });
    r.put("/api/v1/documents/{id}", spec("doc.draft", ScopeRule::object("document"), "修改文书草稿（签发后不可修改）"),
          [&svc, &db, clock, doc_id](const http::Request& req, const auth::Caller& who) {
              auto body = http::parse_json_object(req.body);
              if (!body.ok()) return http::error_response(body.error());
              auto in = parse_input(body.value());
              if (!in.ok()) return http::error_response(in.error());
              auto version = http::required_int64(body.value(), "version", "版本");
              if (!version.ok()) return http::error_response(version.error());
              return respond(db.write([&](db::Tx& tx) {
                  return svc.update_draft(tx, who, doc_id(req), in.value(), version.value(), clock());
              }),
                             [](const Document& d) { return ok_json(document_json(d)); });
          });
    r.get("/api/v1/documents/{id}/preview", spec("doc.read", ScopeRule::object("document"), "文书HTML预览"),
          [&svc, &db, clock, doc_id](const http::Request& req, const auth::Caller& who) {
              return respond(db.read([&](db::Tx& tx) { return svc.preview_html(tx, who, doc_id(req), clock()); }),
                             [](const std::string& html) { return bytes("text/html; charset=utf-8", html); });
          });
    r.post("/api/v1/documents/{id}/issue", spec("doc.issue", ScopeRule::object("document"), "签发文书（编号、签名）"),
           [&svc, clock, doc_id](const http::Request& req, const auth::Caller& who) {
               return respond(svc.issue(who, doc_id(req), clock()),
                              [](const Document& d) { return ok_json(document_json(d)); });
           });
    r.get("/api/v1/documents/{id}/pdf", spec("doc.read", ScopeRule::object("document"), "已签发文书PDF"),
          [&svc, &db, doc_id](const http::Request& req, const auth::Caller& who) {
              return respond(db.read([&](db::Tx& tx) { return svc.pdf(tx, who, doc_id(req)); }),
                             [&](const std::string& pdf) {
                                 return bytes("application/pdf", pdf, std::string(req.param("id")) + ".pdf");
                             });
          });
    r.get("/api/v1/documents/{id}/signature", spec("doc.read", ScopeRule::object("document"), "文书SM2签名（DER）"),
          [&svc, &db, doc_id](const http::Request& req, const auth::Caller& who) {
              return respond(
                  db.read([&](db::Tx& tx) { return svc.get(tx, who, doc_id(req)); }), [&](const Document& d) {
                      if (!d.signature_b64)
                          return http::error_response(Error::conflict("doc.not_issued", "文书尚未签发，请使用预览"));
                      return bytes("application/octet-stream", crypto::unbase64(*d.signature_b64),
                                   std::string(req.param("id")) + ".sig");
                  });
          });
    r.get("/api/v1/documents/{id}/print",
          spec("doc.read", ScopeRule::object("document"), "无电子印章的打印版（用于加盖实体印章）"),
          [&svc, &db, doc_id](const http::Request& req, const auth::Caller& who) {
              return respond(db.read([&](db::Tx& tx) { return svc.print_unsealed(tx, who, doc_id(req)); }),
                             [&](const std::string& pdf) { return bytes("application/pdf", pdf); });
          });
    r.get("/api/v1/documents/{id}/deliveries", spec("doc.read", ScopeRule::object("document"), "文书送达记录"),
          [&svc, &db, doc_id](const http::Request& req, const auth::Caller& who) {
              return respond(db.read([&](db::Tx& tx) -> Result<std::vector<Delivery>> {
                  LECS_TRY(svc.get(tx, who, doc_id(req)));
                  return svc.deliveries(tx, doc_id(req));
              }),
                             [](const std::vector<Delivery>& vs) {
                                 json::array a;
                                 for (const auto& v : vs) a.push_back(delivery_json(v));
                                 return ok_json(json::object{{"items", std::move(a)}});
                             });
          });
    r.post("/api/v1/documents/{id}/deliveries", spec("doc.draft", ScopeRule::object("document"), "登记送达"),
           [&svc, &db, clock, doc_id](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               const auto& o = body.value();
               DeliveryInput in;
               auto org = http::optional_id(o, "recipient_org_id", "受送达机关");
               if (!org.ok()) return http::error_response(org.error());
               in.recipient_org_id = org.value();
               auto name = http::optional_string(o, "recipient_name", 100, "受送达人");
               if (!name.ok()) return http::error_response(name.error());
               in.recipient_name = name.value().value_or("");
               auto address = http::optional_string(o, "address", 200, "送达地点");
               if (!address.ok()) return http::error_response(address.error());
               in.address = address.value().value_or("");
               auto channel = http::required_string(o, "channel", 20, "送达方式");
               if (!channel.ok()) return http::error_response(channel.error());
               in.channel = channel.value();
               auto on = http::required_date(o, "delivered_on", "送达日期");
               if (!on.ok()) return http::error_response(on.error());
               in.delivered_on = on.value();
               return respond(db.write([&](db::Tx& tx) { return svc.add_delivery(tx, who, doc_id(req), in, clock()); }),
                              [](const Delivery& v) { return ok_json(delivery_json(v), 201); });
           });
    r.post("/api/v1/deliveries/{id}/receipt",
           spec("doc.receipt", ScopeRule::object("delivery"), "登记签收日期（可起算期限）"),
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               auto body = http::parse_json_object(req.body);
               if (!body.ok()) return http::error_response(body.error());
               const auto& o = body.value();
               auto on = http::required_date(o, "received_on", "签收日期");
               if (!on.ok()) return http::error_response(on.error());
               std::optional<ReceiptDeadline> deadline;
               if (auto it = o.find("deadline"); it != o.end() && !it->value().is_null()) {
                   if (!it->value().is_object())
                       return http::error_response(
                           Error::validation("validation.wrong_type", "「期限」格式不正确", "deadline"));
                   const auto& d = it->value().as_object();
                   ReceiptDeadline rd;
                   auto name = http::required_string(d, "name", 100, "期限名称");
                   if (!name.ok()) return http::error_response(name.error());
                   rd.name = name.value();
                   auto days = http::required_int64(d, "days", "期限天数");
                   if (!days.ok()) return http::error_response(days.error());
                   if (days.value() < 1 || days.value() > 366)
                       return http::error_response(
                           Error::validation("validation.range", "「期限天数」应在1至366之间", "deadline.days"));
                   rd.days = static_cast<int>(days.value());
                   auto unit = http::optional_string(d, "unit", 20, "期限单位");
                   if (!unit.ok()) return http::error_response(unit.error());
                   const std::string u = unit.value().value_or("calendar_days");
                   if (u != "calendar_days" && u != "working_days")
                       return http::error_response(
                           Error::validation("validation.wrong_type", "「期限单位」格式不正确", "deadline.unit"));
                   rd.unit = u == "working_days" ? calendar::Unit::kWorkingDays : calendar::Unit::kCalendarDays;
                   deadline = rd;
               }
               return respond(db.write([&](db::Tx& tx) {
                   return svc.record_receipt(tx, who, parse_id(req.param("id")), on.value(), deadline, clock());
               }),
                              [](const Delivery& v) { return ok_json(delivery_json(v)); });
           });
    r.get("/api/v1/deliveries/{id}/form", spec("doc.read", ScopeRule::object("delivery"), "送达回证PDF"),
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              return respond(db.read([&](db::Tx& tx) { return svc.delivery_form(tx, who, parse_id(req.param("id"))); }),
                             [](const std::string& pdf) { return bytes("application/pdf", pdf); });
          });
    r.put("/api/v1/orgs/{id}/doc-prefixes/{doc_type}", spec("doc.issue", ScopeRule::object("org"), "设置文号前缀"),
          [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
              auto body = http::parse_json_object(req.body);
              if (!body.ok()) return http::error_response(body.error());
              auto prefix = http::required_string(body.value(), "prefix", 20, "文号前缀");
              if (!prefix.ok()) return http::error_response(prefix.error());
              auto res = db.write([&](db::Tx& tx) {
                  return svc.set_prefix(tx, who, parse_id(req.param("id")), std::string(req.param("doc_type")),
                                        prefix.value(), clock());
              });
              if (!res.ok()) return http::error_response(res.error());
              return Response::no_content();
          });

    // Public verification (§17): by the random token only, never by id.
    r.get("/api/v1/public/documents/{token}/verify",
          spec(std::string(http::kPublic), ScopeRule::public_data(), "文书真伪核验"),
          [&svc, &db](const http::Request& req, const auth::Caller&) {
              auto v = db.read([&](db::Tx& tx) { return svc.verify_by_token(tx, std::string(req.param("token"))); });
              return ok_json(verify_json(v), v.found ? 200 : 404);
          });
    r.post("/api/v1/public/documents/{token}/verify",
           spec(std::string(http::kPublic), ScopeRule::public_data(), "上传PDF核验是否与签发文书一致",
                kMaxUploadJsonBytes),
           [&svc, &db](const http::Request& req, const auth::Caller&) {
               auto pdf = uploaded_pdf(req);
               if (!pdf.ok()) return http::error_response(pdf.error());
               auto v = db.read(
                   [&](db::Tx& tx) { return svc.verify_upload(tx, std::string(req.param("token")), pdf.value()); });
               return ok_json(verify_json(v), v.found ? 200 : 404);
           });
    r.get("/api/v1/public/orgs/{id}/sign-key",
          spec(std::string(http::kPublic), ScopeRule::public_data(), "机构签名公钥（PEM）"),
          [&svc, &db](const http::Request& req, const auth::Caller&) {
              auto pem = db.read([&](db::Tx& tx) { return svc.public_key_pem(tx, parse_id(req.param("id"))); });
              if (!pem) return http::error_response(Error::not_found("该机构尚无签名公钥"));
              return bytes("application/x-pem-file", *pem);
          });
    r.get("/api/v1/public/documents/{token}/page",
          spec(std::string(http::kPublic), ScopeRule::public_data(), "文书核验页面"),
          [&svc, &db](const http::Request& req, const auth::Caller&) {
              auto v = db.read([&](db::Tx& tx) { return svc.verify_by_token(tx, std::string(req.param("token"))); });
              auto resp = bytes("text/html; charset=utf-8", verify_page(v));
              resp.status = v.found ? 200 : 404;
              return resp;
          });
}

}  // namespace lecs::docs
