// Test databases (see test_db.hpp).
#include "support/test_db.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <vector>

#include "lecs/db/migrate.hpp"
#include "lecs/db/postgres/pg.hpp"

namespace lecs::testing {
namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string random_suffix() {
    static std::mutex m;
    static std::mt19937_64 rng{std::random_device{}()};
    std::lock_guard lock(m);
    static constexpr char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s;
    for (int i = 0; i < 12; ++i) s += kAlnum[rng() % 36];
    return s;
}

std::string admin_url() {
    const char* url = std::getenv("LECS_TEST_PG_URL");
    if (!url || !*url) {
        ADD_FAILURE() << "LECS_TEST_DB=postgres needs LECS_TEST_PG_URL (admin URL of the test PostgreSQL)";
        throw std::runtime_error("LECS_TEST_PG_URL is not set");
    }
    return url;
}

// One migrated template per process, built from whatever migrations are embedded.
struct PgTemplate {
    std::string admin;
    std::string name;
};
std::mutex g_tpl_mutex;
PgTemplate* g_tpl = nullptr;

void drop_template() {
    if (!g_tpl) return;
    try {
        db::postgres::exec_admin(g_tpl->admin, "DROP DATABASE IF EXISTS " + g_tpl->name + " WITH (FORCE)");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "test_db: cannot drop template %s: %s\n", g_tpl->name.c_str(), e.what());
    }
    delete g_tpl;
    g_tpl = nullptr;
}

const PgTemplate& pg_template() {
    std::lock_guard lock(g_tpl_mutex);
    if (g_tpl) return *g_tpl;
    std::string admin = admin_url();
    std::string name = "lecs_tpl_" + std::to_string(::getpid()) + "_" + random_suffix();
    db::postgres::exec_admin(admin, "CREATE DATABASE " + name);
    try {
        // The Database must be closed before the template is copied: CREATE
        // DATABASE … TEMPLATE refuses a source with open connections.
        auto db = db::Database::open(db::postgres::with_database(admin, name), 1);
        db::migrate(*db, now_ms());
    } catch (...) {
        db::postgres::exec_admin(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        throw;
    }
    g_tpl = new PgTemplate{admin, name};
    std::atexit(drop_template);
    return *g_tpl;
}

void remove_sqlite_files(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
}

std::string make_temp_sqlite_path(const char* prefix) {
    std::string tmpl = std::string("/tmp/") + prefix + "-XXXXXX.db";
    std::vector<char> path(tmpl.begin(), tmpl.end());
    path.push_back('\0');
    int fd = ::mkstemps(path.data(), 3);
    if (fd < 0) throw std::runtime_error("cannot create a temp file for a SQLite test database");
    ::close(fd);
    return path.data();
}

// One migrated SQLite file per process; each test gets a byte copy of it
// (closed, so its WAL is checkpointed into the main file).
std::mutex g_sqlite_tpl_mutex;
std::string* g_sqlite_tpl = nullptr;

void drop_sqlite_template() {
    if (!g_sqlite_tpl) return;
    remove_sqlite_files(*g_sqlite_tpl);
    delete g_sqlite_tpl;
    g_sqlite_tpl = nullptr;
}

const std::string& sqlite_template() {
    std::lock_guard lock(g_sqlite_tpl_mutex);
    if (g_sqlite_tpl) return *g_sqlite_tpl;
    std::string path = make_temp_sqlite_path("lecs-tpl");
    try {
        auto db = db::Database::open("sqlite://" + path);
        db::migrate(*db, now_ms());
    } catch (...) {
        remove_sqlite_files(path);
        throw;
    }
    g_sqlite_tpl = new std::string(path);
    std::atexit(drop_sqlite_template);
    return *g_sqlite_tpl;
}

}  // namespace

::testing::internal::ParamGenerator<std::string> db_kinds() {
    const char* kind = std::getenv("LECS_TEST_DB");
    if (kind && std::string(kind) == "postgres") return ::testing::ValuesIn(std::vector<std::string>{"postgres"});
    return ::testing::ValuesIn(std::vector<std::string>{"sqlite"});
}

std::string db_kind_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

TestDatabase::~TestDatabase() {
    db.reset();
    if (cleanup.empty()) return;
    if (kind == "sqlite") {
        remove_sqlite_files(cleanup);
    } else if (kind == "postgres") {
        try {
            std::lock_guard lock(g_tpl_mutex);
            if (g_tpl) db::postgres::exec_admin(g_tpl->admin, "DROP DATABASE IF EXISTS " + cleanup + " WITH (FORCE)");
        } catch (const std::exception& e) {
            ADD_FAILURE() << "cannot drop test database " << cleanup << ": " << e.what();
        }
    }
}

std::unique_ptr<TestDatabase> make_test_database(const std::string& kind) {
    auto t = std::make_unique<TestDatabase>();
    t->kind = kind;
    if (kind == "sqlite") {
        const std::string& tpl = sqlite_template();
        std::string path = make_temp_sqlite_path("lecs-test");
        t->cleanup = path;
        std::filesystem::copy_file(tpl, path, std::filesystem::copy_options::overwrite_existing);
        t->url = "sqlite://" + path;
        t->db = db::Database::open(t->url);
    } else if (kind == "postgres") {
        const PgTemplate& tpl = pg_template();
        std::string name = "t_" + random_suffix();
        db::postgres::exec_admin(tpl.admin, "CREATE DATABASE " + name + " TEMPLATE " + tpl.name);
        t->cleanup = name;
        t->url = db::postgres::with_database(tpl.admin, name);
        t->db = db::Database::open(t->url);
    } else {
        throw std::invalid_argument("unknown test database kind: " + kind);
    }
    return t;
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
    return tmpl;
}

}  // namespace lecs::testing
