// The lecs binary: parses the command line and hands over to app/commands.
// Infrastructure failures end here: logged in English, exit code 1.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "lecs/app/commands.hpp"

// Under LeakSanitizer (Debug builds with LECS_SANITIZE): cairo and fontconfig, which render official
// documents, keep process-lifetime caches they never free; as in src/lecs/docs/render_test.cpp.
extern "C" const char* __lsan_default_suppressions() { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }

int main(int argc, char** argv) {
    using namespace lecs::app;
    CLI::App app{"LECS 邢台市行政执法协调监督平台"};
    app.require_subcommand(1);
    GlobalOptions g;
    auto add_globals = [&g](CLI::App* c) {
        c->add_option("--config", g.config_path, "TOML config file (default ./lecs.toml if present)");
        c->add_option("--db", g.db_url, "database URL: sqlite:///path.db, sqlite://rel.db or postgresql://…");
    };

    auto* serve = app.add_subcommand("serve", "migrate, then serve HTTP");
    add_globals(serve);
    serve->add_option("--listen", g.listen, "HOST:PORT (default 127.0.0.1:8080; port 0 picks a free one)");

    auto* migrate = app.add_subcommand("migrate", "apply pending schema migrations");
    add_globals(migrate);

    SeedOptions seed;
    auto* seed_cmd =
        app.add_subcommand("seed-demo", "load the demo Xingtai (organisations, people, certificates, accounts)");
    add_globals(seed_cmd);
    seed_cmd->add_option("--demo-password", seed.password, "password of every demo account");
    seed_cmd->add_flag("--if-empty", seed.if_empty, "do nothing when the database already has organisations");

    auto* audit = app.add_subcommand("audit", "audit log tools");
    audit->require_subcommand(1);
    auto* verify = audit->add_subcommand("verify", "verify the hash chain and checkpoints; exit 0 when intact");
    add_globals(verify);

    std::string backup_out, restore_from;
    auto* backup = app.add_subcommand("backup", "online backup with an integrity check");
    add_globals(backup);
    backup->add_option("--out", backup_out, "backup file")->required();
    auto* restore = app.add_subcommand("restore", "restore a backup (stop the server first)");
    add_globals(restore);
    restore->add_option("--from", restore_from, "backup file")->required();

    CalendarDueOptions due;
    auto* cal = app.add_subcommand("calendar", "working-day calendar tools");
    cal->require_subcommand(1);
    auto* cal_due = cal->add_subcommand("due", "print the due date (YYYY-MM-DD[ provisional]) of a period");
    add_globals(cal_due);
    cal_due->add_option("--from", due.from, "start date YYYY-MM-DD (not counted)")->required();
    auto* wd = cal_due->add_option("--working-days", due.working_days, "N working days");
    auto* cd = cal_due->add_option("--calendar-days", due.calendar_days, "N calendar days");
    wd->excludes(cd);

    ImportOptions imp;
    auto* import_cmd = app.add_subcommand(
        "import",
        "ingest enforcement data (NDJSON or CSV): acts or 复议/诉讼 cases. Each committed batch is acknowledged on "
        "stderr as `committed batch <id> lines <a>-<b>`, each rejected row as `line N: field: reason`; the last "
        "stdout line is {\"accepted\":N,\"updated\":N,\"rejected\":N,\"warnings\":{\"R1\":n,...}}. Rejected rows "
        "do not fail the command (exit 0); exit 1 = infrastructure failure, 2 (or CLI11's code) = bad arguments");
    add_globals(import_cmd);
    import_cmd->add_option("what", imp.what, "acts | cases")->required()->check(CLI::IsMember({"acts", "cases"}));
    import_cmd->add_option("file", imp.file, "input file, or - for stdin")->required();
    import_cmd->add_option("--today", imp.today, "the rules' today YYYY-MM-DD (default: today in Beijing)");
    import_cmd->add_option("--rules", imp.rules_file, "monitoring rule parameters (JSON; default: embedded)");
    import_cmd->add_option("--batch-rows", imp.batch_rows, "rows per committed batch (default 50000)")
        ->check(CLI::Range(1, 1000000));
    auto* monitor = app.add_subcommand("monitor", "intelligent monitoring tools");
    monitor->require_subcommand(1);
    auto* reeval = monitor->add_subcommand(
        "reevaluate", "run every rule again over every act (after a rule or parameter change); prints counts JSON");
    add_globals(reeval);
    reeval->add_option("--today", imp.today, "the rules' today YYYY-MM-DD (default: today in Beijing)");
    reeval->add_option("--rules", imp.rules_file, "monitoring rule parameters (JSON; default: embedded)");

    auto* version = app.add_subcommand("version", "print the version");

    std::string diagrams_out = "docs/diagrams";
    auto* diagrams = app.add_subcommand("diagrams", "write the Mermaid diagram of every state machine");
    diagrams->add_option("--out", diagrams_out, "output directory (default docs/diagrams)");

    auto* routes = app.add_subcommand("routes", "print the route table as JSON (permission and scope of every route)");
    add_globals(routes);

    UserOptions u;
    auto* user = app.add_subcommand("user", "manage accounts from the console");
    user->require_subcommand(1);
    auto* ucreate = user->add_subcommand("create", "create an account");
    add_globals(ucreate);
    ucreate->add_option("--username", u.username)->required();
    ucreate->add_option("--display-name", u.display_name)->required();
    ucreate->add_option("--org-id", u.org_id)->required();
    ucreate->add_option("--role", u.roles, "role (repeatable)");
    ucreate->add_option("--password", u.password, "initial password (changed at first login)")->required();
    auto* ureset = user->add_subcommand("reset-password", "set a temporary password; forces a change at next login");
    add_globals(ureset);
    ureset->add_option("--username", u.username)->required();
    ureset->add_option("--password", u.password)->required();
    auto* uunlock = user->add_subcommand("unlock", "clear the login lockout of an account");
    add_globals(uunlock);
    uunlock->add_option("--username", u.username)->required();

    std::string catalog_file;
    auto* catalog = app.add_subcommand("catalog", "enforcement-item catalog tools");
    catalog->require_subcommand(1);
    auto* catalog_load = catalog->add_subcommand("load", "load a catalog CSV (all rows or none)");
    add_globals(catalog_load);
    catalog_load->add_option("file", catalog_file, "CSV file, or - for stdin")->required();

    CLI11_PARSE(app, argc, argv);
    try {
        if (*serve) return cmd_serve(g);
        if (*migrate) return cmd_migrate(g);
        if (*seed_cmd) return cmd_seed_demo(g, seed);
        if (*verify) return cmd_audit_verify(g);
        if (*backup) return cmd_backup(g, backup_out);
        if (*restore) return cmd_restore(g, restore_from);
        if (*cal_due) return cmd_calendar_due(g, due);
        if (*import_cmd) return cmd_import(g, imp);
        if (*reeval) return cmd_monitor_reevaluate(g, imp);
        if (*version) return cmd_version();
        if (*diagrams) return cmd_diagrams(diagrams_out);
        if (*routes) return cmd_routes(g);
        if (*ucreate) return cmd_user_create(g, u);
        if (*ureset) return cmd_user_reset_password(g, u);
        if (*uunlock) return cmd_user_unlock(g, u);
        if (*catalog_load) return cmd_catalog_load(g, catalog_file);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lecs: %s\n", e.what());
        return 1;
    }
    return 2;
}
