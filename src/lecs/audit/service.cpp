#include "lecs/audit/service.hpp"

#include <boost/json.hpp>

#include "lecs/audit/store.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"

namespace lecs::audit {
namespace {

// Query parameters as audit detail, e.g. "from=2026-11-01 action=org.update page=1 size=20".
std::string describe(const rules::Query& q) {
    std::string d;
    auto add = [&](std::string_view k, const std::string& v) {
        if (v.empty()) return;
        if (!d.empty()) d += ' ';
        d += std::string(k) + "=" + v;
    };
    add("from", q.from ? q.from->iso() : "");
    add("to", q.to ? q.to->iso() : "");
    add("username", q.username);
    add("action", q.action);
    add("object_kind", q.object_kind);
    add("object_id", q.object_id);
    add("result", q.result);
    add("page", std::to_string(q.page));
    add("size", std::to_string(q.size));
    return d;
}

boost::json::value opt_json(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return boost::json::value(*s);
}

boost::json::value parsed_json(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    boost::system::error_code ec;
    auto v = boost::json::parse(*s, ec);
    if (ec) return boost::json::value(*s);
    return v;
}

}  // namespace

Result<Page> list_log(db::Tx& tx, AuditLog& log, const auth::Caller& who, const rules::Query& q, int64_t now_ms) {
    if (!who.can(kReadPermission)) return Error::forbidden();
    Page p;
    p.total = store::count(tx, q);
    p.items = store::list(tx, q);
    // Appended after the read, so a page never shows its own read.
    log.append(tx, who, Entry{"audit.read", "audit_log", "", "ok", "", "", describe(q)}, now_ms);
    return p;
}

Result<VerifyReport> verify_log(db::Database& db, AuditLog& log, const auth::Caller& who, int64_t now_ms) {
    if (!who.can(kReadPermission)) return Error::forbidden();
    VerifyReport r = log.verify(db, now_ms);
    std::string detail =
        r.ok ? "ok records=" + std::to_string(r.records)
             : "broken" + (r.first_bad_seq ? " seq=" + std::to_string(*r.first_bad_seq) : "") + " reason=" + r.reason;
    db.write([&](db::Tx& tx) {
        log.append(tx, who, Entry{"audit.verify", "audit_log", "", "ok", "", "", detail}, now_ms);
    });
    return r;
}

boost::json::object item_json(const rules::Record& r) {
    boost::json::object o;
    o["id"] = id_to_string(r.id);
    o["seq"] = r.seq ? boost::json::value(*r.seq) : boost::json::value(nullptr);
    o["at"] = iso_instant(r.at_ms);
    o["username"] = opt_json(r.username);
    o["role"] = opt_json(r.role);
    o["ip"] = opt_json(r.ip);
    o["request_id"] = opt_json(r.request_id);
    o["action"] = r.action;
    o["object_kind"] = opt_json(r.object_kind);
    o["object_id"] = opt_json(r.object_id);
    o["result"] = r.result;
    o["before"] = parsed_json(r.before_json);
    o["after"] = parsed_json(r.after_json);
    o["detail"] = opt_json(r.detail);
    return o;
}

boost::json::object page_json(const Page& p) {
    boost::json::array items;
    for (const auto& r : p.items) items.push_back(item_json(r));
    return {{"items", std::move(items)}, {"total", p.total}};
}

boost::json::object verify_json(const VerifyReport& r) {
    boost::json::object o;
    o["ok"] = r.ok;
    o["records"] = r.records;
    o["first_bad_seq"] = r.first_bad_seq ? boost::json::value(*r.first_bad_seq) : boost::json::value(nullptr);
    o["reason"] = r.reason;
    return o;
}

}  // namespace lecs::audit
