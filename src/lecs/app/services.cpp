#include "lecs/app/services.hpp"

#include <stdexcept>

#include "lecs/app/api_docs.hpp"
#include "lecs/app/config.hpp"
#include "lecs/app/list_exports.hpp"
#include "lecs/audit/api.hpp"
#include "lecs/auth/api.hpp"
#include "lecs/base/embedded.hpp"
#include "lecs/catalog/api.hpp"
#include "lecs/cockpit/api.hpp"
#include "lecs/coordination/api.hpp"
#include "lecs/coordination/scope.hpp"
#include "lecs/docs/api.hpp"
#include "lecs/files/api.hpp"
#include "lecs/listexport/api.hpp"
#include "lecs/monitoring/api.hpp"
#include "lecs/monitoring/bulk_api.hpp"
#include "lecs/monitoring/scope.hpp"
#include "lecs/org/api.hpp"
#include "lecs/reports/api.hpp"
#include "lecs/supervision/api.hpp"
#include "lecs/supervision/scope.hpp"
#include "lecs/workflow/api.hpp"
#include "lecs/workflow/calendar_api.hpp"

namespace lecs::app {
namespace {

// The QR code of an issued document holds <this>/verify/<token>.
std::string public_base_url(const Config& c) {
    if (!c.public_url.empty()) return c.public_url;
    const std::string scheme = c.tls_cert.empty() ? "http" : "https";
    const bool v6 = c.listen_host.find(':') != std::string::npos;
    return scheme + "://" + (v6 ? "[" + c.listen_host + "]" : c.listen_host) + ":" + std::to_string(c.listen_port);
}

// The 案卷评查 checklist: configuration, shipped as data/file-review-checklist.csv.
supervision::rules::Checklist file_review_checklist() {
    auto csv = embedded::find("data/file-review-checklist.csv");
    if (!csv) throw std::logic_error("data/file-review-checklist.csv is not embedded in this binary");
    auto parsed = supervision::rules::parse_checklist(*csv);
    if (!parsed.ok()) throw std::logic_error("data/file-review-checklist.csv: " + parsed.error().message);
    return std::move(parsed).value();
}

}  // namespace

Services::Services(Runtime& r)
    : rt(r),
      pii(*r.keys),
      auth(auth::AuthConfig{.pbkdf2_iterations = r.config.pbkdf2_iterations}, *r.audit, *r.keys),
      org(*r.audit, pii),
      calendar(*r.audit),
      workflow(calendar),
      deadlines(*r.audit, calendar),
      docs(*r.db, *r.audit, *r.keys, deadlines,
           docs::DocServiceOptions{.public_base_url = public_base_url(r.config), .fonts = {}}),
      files(*r.audit,
            files::FileServiceOptions{.dir = r.config.attachments_dir, .max_bytes = r.config.max_attachment_bytes}),
      disputes(*r.audit, deadlines, docs, workflow),
      matters(*r.audit, deadlines, docs, workflow, file_review_checklist()),
      advice(*r.audit, docs, workflow),
      catalog(*r.audit),
      monitoring(*r.audit, workflow, matters, monitoring::rules::default_rule_set()),
      reports(*r.audit, workflow, {reports::default_annual_source()}),
      cockpit(monitoring, catalog, matters, disputes, reports),
      outbox(*r.keys) {
    auth.set_scope_of([](db::Tx& tx, int64_t org_id, const std::vector<std::string>& roles) {
        return org::scope_for_user_org(tx, org_id, roles);
    });
    disputes.set_files(files);  // the 公函 of a dispute is an attachment (Art 8)
    matters.set_files(files);   // an inspection's photo or scan, the agency's rectification material
    const bool secure = !is_loopback_host(r.config.listen_host) || !r.config.tls_cert.empty();
    auth::register_api(router, auth, *r.db, auth::AuthApiConfig{.secure_cookies = secure});
    org::register_api(router, org, *r.db);
    audit::register_api(router, *r.audit, *r.db);
    workflow::register_api(router, workflow, *r.db);
    workflow::register_calendar_api(router, calendar, deadlines, *r.db);
    docs::register_api(router, docs, *r.db);
    files::register_api(router, files, *r.db);
    coordination::register_api(router, disputes, deadlines, *r.db, *r.audit);
    supervision::register_api(router, matters, *r.db);
    supervision::register_advice_api(router, advice, *r.db);
    catalog::register_api(router, catalog, *r.db);
    monitoring::register_api(router, monitoring, *r.db);
    monitoring::register_bulk_api(router, *r.db, *r.audit);
    reports::register_api(router, reports, *r.db);
    cockpit::register_api(router, cockpit, *r.db);
    // 导出Excel beside every list, after the lists themselves (issue 7).
    listexport::register_exports(router, list_export_layouts(), *r.db, *r.audit);
    register_api_docs(router);
}

std::optional<auth::Owner> Services::owner_of(std::string_view kind, int64_t id) {
    return rt.db->read([&](db::Tx& tx) -> std::optional<auth::Owner> {
        if (kind == "user") return auth.user_owner(tx, id);
        if (kind == "document" || kind == "delivery") return docs::owner_of(tx, kind, id);
        if (kind == "attachment") return files::owner_of(tx, kind, id);
        if (kind == "dispute") return coordination::owner_of(tx, kind, id);
        if (kind == "matter" || kind == "plan" || kind == "clue") return supervision::owner_of(tx, kind, id);
        if (kind == "suggestion" || kind == "guidance") return supervision::advice_owner_of(tx, kind, id);
        if (kind == "warning") return monitoring::owner_of(tx, kind, id);
        if (kind == "report") return reports::owner_of(tx, kind, id);
        return org::owner_of(tx, kind, id);
    });
}

}  // namespace lecs::app
