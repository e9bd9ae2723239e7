#include "lecs/app/seed.hpp"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lecs/base/embedded.hpp"
#include "lecs/base/time.hpp"
#include "lecs/monitoring/ingest.hpp"
#include "lecs/org/seed_demo.hpp"

namespace lecs::app {
namespace {

struct DemoAccount {
    const char* username;
    const char* display_name;
    const char* role;
    int64_t org_id;
    int64_t person_id;  // 0: none
    const char* note;
};

// The demo catalog of enforcement items (data/demo-catalog.csv, when the binary embeds it), loaded
// before the demo acts so that rules R3 and R7 judge them against it.
bool seed_demo_catalog(Runtime& rt, Services& svc, std::ostream& out) {
    const auto csv = embedded::find("data/demo-catalog.csv");
    if (!csv) return true;
    std::vector<catalog::RowError> errors;
    auto r = rt.db->write([&](db::Tx& tx) { return svc.catalog.load_csv(tx, nullptr, *csv, now_ms(), errors); });
    if (!r.ok()) {
        out << "seed-demo failed: data/demo-catalog.csv: " << r.error().message << "\n";
        return false;
    }
    out << "demo catalog: " << r->created << " items\n";
    return true;
}

}  // namespace

int seed_demo(Runtime& rt, Services& svc, const SeedOptions& opts, std::ostream& out) {
    const int64_t now = now_ms();
    if (opts.if_empty) {
        const bool has_orgs =
            rt.db->read([](db::Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM organizations")->i64(0) > 0; });
        if (has_orgs) {
            out << "demo data: the database already has organisations; nothing seeded\n";
            return 0;
        }
    }
    const auto system = auth::AuthService::system_caller();
    auto result = rt.db->write([&](db::Tx& tx) -> Result<std::string> {
        const org::DemoOrgs d = org::seed_demo_orgs(tx, svc.org, system, svc.pii, now);
        const std::vector<DemoAccount> accounts = {
            {"sys", "系统管理员", "sys_admin", d.city_justice, 0, ""},
            {"sec", "安全管理员", "security_admin", d.city_justice, 0, ""},
            {"aud", "审计管理员", "audit_admin", d.city_justice, 0, ""},
            {"city.leader", "", "dept_leader", d.city_justice, d.city_dept_leader, ""},
            {"city.sup1", "", "supervisor", d.city_justice, d.city_sup1, "监督证 2025–2027 有效"},
            {"city.sup2", "", "supervisor", d.city_justice, d.city_sup2, "监督证 2025–2027 有效"},
            {"city.sup3", "", "supervisor", d.city_justice, d.city_sup3, "监督证 2026-03-01 已过期"},
            {"gov.leader", "", "gov_leader", d.city_gov, d.city_gov_leader, ""},
            {"agency.scjg", "", "agency_liaison", d.scjg, d.scjg_liaison, ""},
            {"scjg.head", "", "agency_head", d.scjg, d.scjg_head, ""},
            {"xindu.sup1", "", "supervisor", d.xindu_justice, d.xindu_sup1, "监督证有效"},
            {"xindu.agency", "", "agency_liaison", d.xindu_agency, d.xindu_agency_liaison, ""},
            {"xindu.room", "", "room_supervisor", d.xindu_room, d.xindu_room_sup, ""},
            {"ningjin.sup1", "", "supervisor", d.ningjin_justice, d.ningjin_sup1, "监督证有效"},
            {"ningjin.leader", "", "dept_leader", d.ningjin_justice, d.ningjin_dept_leader, ""},
            {"ningjin.gov", "", "gov_leader", d.ningjin_gov, d.ningjin_gov_leader, ""},
            {"ningjin.agency", "", "agency_liaison", d.ningjin_agency, d.ningjin_agency_liaison, ""},
            {"ningjin.agency2", "宁晋县执法机关联络员二", "agency_liaison", d.ningjin_agency2, 0, ""},
            {"expert1", "专家一", "expert", d.city_justice, 0, ""},
            {"social1", "社会监督员一", "social_supervisor", d.city_gov, 0, ""},
            {"eval1", "第三方评估机构", "evaluator", d.city_justice, 0, ""},
        };
        for (const auto& a : accounts) {
            auth::NewUser nu;
            nu.username = a.username;
            nu.display_name = a.display_name;
            if (nu.display_name.empty() && a.person_id != 0) {
                const auto row = tx.query_one("SELECT name FROM people WHERE id = $1", {a.person_id});
                if (row) nu.display_name = row->str(0);
            }
            if (a.person_id != 0) nu.person_id = a.person_id;
            nu.org_id = a.org_id;
            nu.password = opts.password;
            nu.must_change_password = false;  // the demo password counts as already changed
            nu.roles = {a.role};
            auto r = svc.auth.create_user(tx, system, nu, now);
            if (!r.ok()) return r.take_error();
        }
        const auto cert = tx.query_one(
            "SELECT number FROM certificates WHERE person_id = $1 AND kind = 'supervision' ORDER BY issued_on DESC",
            {d.city_sup1});
        std::string summary = "demo accounts (password: " + opts.password + ")\n";
        for (const auto& a : accounts) {
            summary += "  " + std::string(a.username) +
                       std::string(18 - std::min<size_t>(17, std::string(a.username).size()), ' ') + a.role +
                       (a.note[0] ? std::string("  ") + a.note : std::string()) + "\n";
        }
        if (cert) summary += "valid certificate: " + cert->str(0) + "\n";
        return summary;
    });
    if (!result.ok()) {
        out << "seed-demo failed: " << result.error().message << " (" << result.error().code << ")\n";
        return 1;
    }
    if (!seed_demo_catalog(rt, svc, out)) return 1;
    // The demo enforcement data (issue 6), ingested like `lecs import` over the demo agencies, so
    // that the monitoring page and its e2e story have warnings to show.
    for (const auto& [path, what] : {std::pair{"data/demo-acts.ndjson", monitoring::What::kActs},
                                     std::pair{"data/demo-cases.ndjson", monitoring::What::kCases}}) {
        const auto content = embedded::find(path);
        if (!content) continue;
        std::istringstream in{std::string(*content)};
        monitoring::IngestOptions io;
        io.what = what;
        io.source = "seed";
        io.today = today_shanghai();
        io.audit = rt.audit.get();
        std::string rejected;
        monitoring::IngestHooks hooks;
        hooks.on_rejected = [&](int64_t line, const monitoring::parse::RowError& e) {
            rejected +=
                "  " + std::string(path) + " line " + std::to_string(line) + ": " + e.field + ": " + e.reason + "\n";
        };
        const auto counts = monitoring::ingest(*rt.db, in, io, hooks);
        out << "demo " << (what == monitoring::What::kActs ? "acts" : "cases") << ": "
            << monitoring::counts_json(counts) << "\n"
            << rejected;
    }
    // On PostgreSQL the rows are sealed by the upkeep thread; seal now so the log verifies at once.
    if (rt.db->dialect() == db::Dialect::kPostgres) rt.audit->seal_pending(*rt.db, now_ms());
    rt.audit->checkpoint(*rt.db, now_ms());
    out << *result;
    return 0;
}

}  // namespace lecs::app
