// The lecs subcommands. Each returns the process exit code; infrastructure
// failures throw and are reported by main.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lecs::app {

struct GlobalOptions {
    std::string config_path;  // empty: ./lecs.toml if present
    std::string db_url;       // overrides [database] url
    std::string listen;       // overrides [server] listen
};

struct SeedOptions {
    std::string password = "Xingtai#2026demo";
    bool if_empty = false;
};

struct UserOptions {
    std::string username;
    std::string display_name;
    int64_t org_id = 0;
    std::vector<std::string> roles;
    std::string password;
};

struct CalendarDueOptions {
    std::string from;
    std::optional<int> working_days;
    std::optional<int> calendar_days;
};

// `lecs import acts|cases FILE|-` and `lecs monitor reevaluate` (issue 6, monitoring).
struct ImportOptions {
    std::string what;        // "acts" | "cases"
    std::string file;        // a path, or "-" for stdin
    std::string today;       // YYYY-MM-DD; empty = today in Asia/Shanghai
    std::string rules_file;  // monitoring rule parameters (JSON); empty = the embedded defaults
    size_t batch_rows = 0;   // 0 = monitoring::kDefaultBatchRows
};

int cmd_calendar_due(const GlobalOptions& g, const CalendarDueOptions& o);
// Acknowledges every committed batch on stderr ("committed batch <id> lines <a>-<b>"), lists the
// rejected rows on stderr ("line N: field: reason"), then prints one JSON line of counts on
// stdout. Exit 0 even when rows were rejected; 1 on infrastructure failure (thrown, reported by main);
// 2 on bad arguments (a malformed command line gets CLI11's own code).
int cmd_import(const GlobalOptions& g, const ImportOptions& o);
int cmd_monitor_reevaluate(const GlobalOptions& g, const ImportOptions& o);
int cmd_serve(const GlobalOptions& g);
int cmd_migrate(const GlobalOptions& g);
int cmd_seed_demo(const GlobalOptions& g, const SeedOptions& s);
int cmd_audit_verify(const GlobalOptions& g);
int cmd_backup(const GlobalOptions& g, const std::string& out);
int cmd_restore(const GlobalOptions& g, const std::string& from);
int cmd_version();
// Writes <out_dir>/<name>.md, the Mermaid diagram of every registered state machine.
int cmd_diagrams(const std::string& out_dir);
int cmd_routes(const GlobalOptions& g);
int cmd_user_create(const GlobalOptions& g, const UserOptions& u);
int cmd_user_reset_password(const GlobalOptions& g, const UserOptions& u);
int cmd_user_unlock(const GlobalOptions& g, const UserOptions& u);
// `lecs catalog load FILE|-`: the enforcement-item catalog CSV, all or nothing.
int cmd_catalog_load(const GlobalOptions& g, const std::string& file);

}  // namespace lecs::app
