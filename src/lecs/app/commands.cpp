#include "lecs/app/commands.hpp"

#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "lecs/app/runtime.hpp"
#include "lecs/app/seed.hpp"
#include "lecs/app/services.hpp"
#include "lecs/audit/audit.hpp"
#include "lecs/base/time.hpp"
#include "lecs/calendar/calendar.hpp"
#include "lecs/catalog/api.hpp"
#include "lecs/coordination/dispute_table.hpp"
#include "lecs/db/backup.hpp"
#include "lecs/db/migrate.hpp"
#include "lecs/docs/lifecycle.hpp"
#include "lecs/http/idempotency.hpp"
#include "lecs/http/server.hpp"
#include "lecs/monitoring/ingest.hpp"
#include "lecs/reports/state_rules.hpp"
#include "lecs/supervision/matter_table.hpp"
#include "lecs/workflow/deadline_lifecycle.hpp"
#include "lecs/workflow/machines.hpp"
#include "lecs/workflow/scheduler.hpp"

namespace lecs::app {
namespace {

constexpr const char* kVersion = "0.1.0";

// Every module's state machines: serve checks them before it listens, `lecs diagrams` draws them.
workflow::MachineRegistry registered_machines() {
    workflow::MachineRegistry r;
    workflow::register_machines(r);
    docs::register_machines(r);
    coordination::register_machines(r);
    supervision::register_machines(r);
    reports::register_machines(r);
    return r;
}

// Refusals are aggregated per route, not per URL: ids would make every row unique.
// It runs on the I/O thread for early refusals, so it is a plain scan: every
// all-digit path segment becomes {id}.
std::string route_key(const http::Request& req) {
    std::string out = req.method + " ";
    const std::string_view path = req.path;
    size_t i = 0;
    while (i < path.size()) {
        const size_t next = path.find('/', i + 1);
        const std::string_view seg = path.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
        const bool digits = seg.size() > 1 && seg.find_first_not_of("0123456789", 1) == std::string_view::npos;
        out += digits ? std::string_view("/{id}") : seg;
        if (next == std::string_view::npos) break;
        i = next;
    }
    return out;
}

// Background upkeep while serving: once a minute, flush the refusal counts,
// seal PostgreSQL audit rows (this node holds the only sealer until the
// scheduler's lease arrives with the workflow module), write a signed
// checkpoint and forget idempotency keys past their retention; once more at
// shutdown.
class Upkeep {
  public:
    Upkeep(Runtime& rt, audit::RefusalCounter& refusals) : rt_(rt), refusals_(refusals) {
        thread_ = std::thread([this] { loop(); });
    }
    ~Upkeep() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        cv_.notify_all();
        thread_.join();
        run_once(/*final=*/true);
    }

  private:
    void loop() {
        std::unique_lock lock(mu_);
        while (!cv_.wait_for(lock, std::chrono::seconds(60), [this] { return stop_; })) {
            lock.unlock();
            run_once();
            lock.lock();
        }
    }
    void run_once(bool final = false) {
        try {
            const int64_t now = now_ms();
            refusals_.flush(*rt_.db, now, /*include_current_minute=*/final);
            if (rt_.db->dialect() == db::Dialect::kPostgres) rt_.audit->seal_pending(*rt_.db, now);
            rt_.audit->checkpoint(*rt_.db, now);
            http::purge_idempotency_keys(*rt_.db, now);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"upkeep failed\",\"error\":\"%s\"}\n", e.what());
        }
    }

    Runtime& rt_;
    audit::RefusalCounter& refusals_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace

int cmd_serve(const GlobalOptions& g) {
    // A defective transition table (unreachable state, event without a transition, …) stops the
    // server before it touches the database: main reports the machine and exits 1.
    registered_machines().validate_all();

    // Block the stop signals in every thread; the main thread waits for them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Runtime rt = open_runtime(g, /*migrate=*/true);
    Services svc(rt);
    audit::RefusalCounter refusals(*rt.audit);

    http::ServerConfig sc;
    sc.host = rt.config.listen_host;
    sc.port = rt.config.listen_port;
    sc.io_threads = rt.config.io_threads;
    sc.worker_threads = rt.config.worker_threads;
    sc.static_dir = resolve_static_dir(rt.config);
    sc.per_ip_rate = rt.config.per_ip_rate;
    sc.per_ip_burst = rt.config.per_ip_burst;
    if (!rt.config.tls_cert.empty()) {
        sc.tls_cert_file = rt.config.tls_cert;
        sc.tls_key_file = rt.config.tls_key;
    }

    http::ServerHooks hooks;
    hooks.authenticate = [&svc, &rt](std::string_view token, const http::Request& req) {
        return svc.auth.authenticate(*rt.db, token, req.remote_ip, now_ms());
    };
    hooks.resolve_owner = [&svc](std::string_view kind, int64_t id) { return svc.owner_of(kind, id); };
    hooks.on_refused = [&refusals](const auth::Caller& who, const http::Request& req, int status,
                                   std::string_view code) { refusals.count(who, route_key(req), status, code); };
    hooks.ready = [&rt] {
        try {
            rt.db->read([](db::Tx& tx) { tx.query("SELECT 1"); });
            return true;
        } catch (const std::exception&) {
            return false;  // /readyz answers 503; the cause shows in the driver's own log
        }
    };
    hooks.db = rt.db.get();

    http::Server server(sc, svc.router, hooks);
    const uint16_t port = server.start();
    Upkeep upkeep(rt, refusals);
    // Reminders: every node runs a scheduler; only the lease holder fires (exactly once per deadline and step)
    // and runs the jobs: the statistical reports' automatic reminders, hourly (they change by the day).
    workflow::SchedulerOptions scheduling;
    scheduling.jobs.push_back({"reports.remind_due", 60 * 60 * 1000,
                               [&svc](db::Tx& tx, int64_t now) { return svc.reports.remind_due(tx, now); }});
    workflow::Scheduler scheduler(*rt.db, "node-" + std::to_string(rt.config.node_id), svc.calendar,
                                  std::move(scheduling), &svc.outbox);
    scheduler.start(30000);
    std::printf("LECS %s listening on %s://%s:%u (database %s)\n", kVersion, sc.tls_cert_file ? "https" : "http",
                sc.host.c_str(), port, rt.db->dialect() == db::Dialect::kSqlite ? "SQLite" : "PostgreSQL");
    if (sc.static_dir.empty())
        std::printf("note: web/dist not found; the UI is not served (run: cd web && npm run build)\n");
    std::fflush(stdout);

    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::printf("LECS stopping (signal %d)\n", sig);
    std::fflush(stdout);
    scheduler.stop();
    server.stop();
    return 0;
}

int cmd_migrate(const GlobalOptions& g) {
    Runtime rt = open_runtime(g, /*migrate=*/false);
    const auto report = db::migrate(*rt.db, now_ms());
    rt.db->write([](db::Tx& tx) {
        org::ensure_regions(tx);
        calendar::ensure_calendar(tx);
    });
    std::printf("migrations: %zu applied, %zu already applied\n", report.applied.size(), report.already_applied);
    return 0;
}

int cmd_seed_demo(const GlobalOptions& g, const SeedOptions& s) {
    Runtime rt = open_runtime(g, /*migrate=*/true);
    Services svc(rt);
    return seed_demo(rt, svc, s, std::cout);
}

int cmd_audit_verify(const GlobalOptions& g) {
    Runtime rt = open_runtime(g, /*migrate=*/false);
    return audit::run_verify_cli(*rt.db, *rt.keys, rt.config.checkpoint_dir);
}

int cmd_backup(const GlobalOptions& g, const std::string& out) {
    Runtime rt = open_runtime(g, /*migrate=*/false);
    db::backup(rt.config.db_url, out);
    std::printf("backup written to %s (integrity checked)\n", out.c_str());
    return 0;
}

int cmd_restore(const GlobalOptions& g, const std::string& from) {
    const bool named = !g.config_path.empty();
    Config c = load_config(named ? g.config_path : "lecs.toml", named);
    if (!g.db_url.empty()) c.db_url = g.db_url;
    db::restore(from, c.db_url);
    std::printf("restored %s into the database; run `lecs audit verify` next\n", from.c_str());
    return 0;
}

int cmd_calendar_due(const GlobalOptions& g, const CalendarDueOptions& o) {
    Runtime rt = open_runtime(g, /*migrate=*/true);
    calendar::CalendarService cal(*rt.audit);
    const auto c = rt.db->read([&](db::Tx& tx) { return cal.load(tx); });
    return calendar::run_calendar_due_cli(c, o.from, o.working_days, o.calendar_days, std::cout);
}

namespace {

// The rules' today and parameters of `lecs import` / `lecs monitor reevaluate`; nullopt after
// printing why on stderr (bad arguments: exit 2).
struct MonitorArgs {
    Date today;
    monitoring::rules::RuleSet rules;
};
std::optional<MonitorArgs> monitor_args(const ImportOptions& o) {
    MonitorArgs a{today_shanghai(), monitoring::rules::default_rule_set()};
    if (!o.today.empty()) {
        const auto d = Date::parse(o.today);
        if (!d) {
            std::fprintf(stderr, "lecs: --today must be YYYY-MM-DD\n");
            return std::nullopt;
        }
        a.today = *d;
    }
    if (!o.rules_file.empty()) {
        std::ifstream f(o.rules_file, std::ios::binary);
        if (!f) {
            std::fprintf(stderr, "lecs: cannot read %s\n", o.rules_file.c_str());
            return std::nullopt;
        }
        std::stringstream ss;
        ss << f.rdbuf();
        auto r = monitoring::rules::parse_rule_params(ss.str());
        if (!r.ok()) {
            std::fprintf(stderr, "lecs: %s: %s\n", o.rules_file.c_str(), r.error().message.c_str());
            return std::nullopt;
        }
        a.rules = std::move(*r);
    }
    return a;
}

}  // namespace

int cmd_import(const GlobalOptions& g, const ImportOptions& o) {
    const auto args = monitor_args(o);
    if (!args) return 2;
    std::ifstream file;
    std::vector<char> buf(1 << 20);
    if (o.file != "-") {
        file.rdbuf()->pubsetbuf(buf.data(), static_cast<std::streamsize>(buf.size()));
        file.open(o.file, std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "lecs: cannot open %s\n", o.file.c_str());
            return 2;
        }
    }
    if (o.file == "-") std::ios::sync_with_stdio(false);  // stdin is read through std::cin only
    Runtime rt = open_runtime(g, /*migrate=*/true);
    monitoring::IngestOptions opts;
    opts.what = o.what == "cases" ? monitoring::What::kCases : monitoring::What::kActs;
    opts.source = "cli";
    opts.today = args->today;
    if (o.batch_rows > 0) opts.batch_rows = o.batch_rows;
    opts.rules = &args->rules;
    opts.audit = rt.audit.get();
    monitoring::IngestHooks hooks;
    hooks.on_rejected = [](int64_t line, const monitoring::parse::RowError& e) {
        std::fprintf(stderr, "line %lld: %s: %s\n", static_cast<long long>(line), e.field.c_str(), e.reason.c_str());
    };
    // The acknowledgement: printed only after the batch's commit returned.
    hooks.on_committed = [](const monitoring::BatchAck& a) {
        std::fprintf(stderr, "committed batch %lld lines %lld-%lld\n", static_cast<long long>(a.batch_id),
                     static_cast<long long>(a.first_line), static_cast<long long>(a.last_line));
        std::fflush(stderr);
    };
    const auto counts = monitoring::ingest(*rt.db, o.file == "-" ? std::cin : file, opts, hooks);
    if (rt.db->dialect() == db::Dialect::kPostgres) rt.audit->seal_pending(*rt.db, now_ms());
    std::printf("%s\n", monitoring::counts_json(counts).c_str());
    return 0;
}

int cmd_monitor_reevaluate(const GlobalOptions& g, const ImportOptions& o) {
    const auto args = monitor_args(o);
    if (!args) return 2;
    Runtime rt = open_runtime(g, /*migrate=*/true);
    const auto counts = monitoring::reevaluate(*rt.db, *rt.audit, args->today, args->rules);
    if (rt.db->dialect() == db::Dialect::kPostgres) rt.audit->seal_pending(*rt.db, now_ms());
    std::printf("%s\n", monitoring::reevaluate_json(counts).c_str());
    return 0;
}

int cmd_diagrams(const std::string& out_dir) {
    for (const auto& path : registered_machines().write_diagrams(out_dir)) std::printf("wrote %s\n", path.c_str());
    return 0;
}

int cmd_version() {
    std::printf("lecs %s\n", kVersion);
    return 0;
}

int cmd_routes(const GlobalOptions& g) {
    Runtime rt = open_runtime(g, /*migrate=*/true);
    Services svc(rt);
    boost::json::array out;
    for (const auto& r : svc.router.routes()) {
        out.push_back(boost::json::object{{"method", r.method},
                                          {"pattern", r.pattern},
                                          {"permission", r.spec.permission},
                                          {"scope", r.spec.scope.describe()},
                                          {"scope_kind", r.spec.scope.object_kind},
                                          {"scope_param", r.spec.scope.param},
                                          {"body_limit", r.spec.body_limit},
                                          {"idempotent_create", r.spec.idempotent_create},
                                          {"summary", r.spec.summary}});
    }
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
}

namespace {

int report(const Error& e) {
    std::fprintf(stderr, "lecs: %s (%s)\n", e.message.c_str(), e.code.c_str());
    return 1;
}

}  // namespace

int cmd_user_create(const GlobalOptions& g, const UserOptions& u) {
    Runtime rt = open_runtime(g, /*migrate=*/true);
    Services svc(rt);
    auth::NewUser nu;
    nu.username = u.username;
    nu.display_name = u.display_name;
    nu.org_id = u.org_id;
    nu.password = u.password;
    nu.roles = u.roles;
    nu.must_change_password = true;
    auto r = rt.db->write(
        [&](db::Tx& tx) { return svc.auth.create_user(tx, auth::AuthService::system_caller(), nu, now_ms()); });
    if (!r.ok()) return report(r.error());
    std::printf("user %s created (id %lld); the password must be changed at first login\n", u.username.c_str(),
                static_cast<long long>(r->id));
    return 0;
}

int cmd_user_reset_password(const GlobalOptions& g, const UserOptions& u) {
    Runtime rt = open_runtime(g, /*migrate=*/true);
    Services svc(rt);
    auto r = rt.db->write([&](db::Tx& tx) -> Result<void> {
        const auto id = svc.auth.find_user_id(tx, u.username);
        if (!id) return Error::not_found("用户不存在");
        return svc.auth.reset_password(tx, auth::AuthService::system_caller(), *id, u.password, now_ms());
    });
    if (!r.ok()) return report(r.error());
    std::printf("password of %s reset; it must be changed at next login\n", u.username.c_str());
    return 0;
}

int cmd_user_unlock(const GlobalOptions& g, const UserOptions& u) {
    Runtime rt = open_runtime(g, /*migrate=*/true);
    Services svc(rt);
    auto r = rt.db->write(
        [&](db::Tx& tx) { return svc.auth.unlock_name(tx, auth::AuthService::system_caller(), u.username, now_ms()); });
    if (!r.ok()) return report(r.error());
    std::printf("%s unlocked\n", u.username.c_str());
    return 0;
}

int cmd_catalog_load(const GlobalOptions& g, const std::string& file) {
    Runtime rt = open_runtime(g, /*migrate=*/true);
    Services svc(rt);
    return catalog::run_load_cli(*rt.db, svc.catalog, file, std::cout, std::cerr);
}

}  // namespace lecs::app
