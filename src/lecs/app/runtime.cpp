#include "lecs/app/runtime.hpp"

#include <filesystem>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/db/migrate.hpp"
#include "lecs/db/sqlite/sqlite.hpp"
#include "lecs/org/service.hpp"

namespace lecs::app {
namespace fs = std::filesystem;

namespace {

void ensure_parent_dir(const std::string& path) {
    const auto parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
}

}  // namespace

Runtime open_runtime(const GlobalOptions& g, bool migrate) {
    Runtime rt;
    const bool named = !g.config_path.empty();
    rt.config = load_config(named ? g.config_path : "lecs.toml", named);
    if (!g.db_url.empty()) rt.config.db_url = g.db_url;
    if (!g.listen.empty()) apply_listen(rt.config, g.listen);
    set_node_id(rt.config.node_id);

    if (rt.config.db_url.rfind("sqlite:", 0) == 0 && rt.config.db_url != "sqlite::memory:")
        ensure_parent_dir(db::sqlite::path_from_url(rt.config.db_url));
    ensure_parent_dir(rt.config.key_file);
    fs::create_directories(rt.config.checkpoint_dir);

    rt.keys = open_file_key_provider(rt.config.key_file);
    rt.db = db::Database::open(rt.config.db_url, rt.config.db_pool);
    rt.audit = std::make_unique<audit::AuditLog>(*rt.keys, rt.config.checkpoint_dir);
    if (migrate) {
        db::migrate(*rt.db, now_ms());
        rt.db->write([](db::Tx& tx) {
            org::ensure_regions(tx);
            calendar::ensure_calendar(tx);
        });
    }
    return rt;
}

}  // namespace lecs::app
