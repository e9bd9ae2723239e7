#include "lecs/base/id.hpp"

#include <charconv>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

namespace lecs {
namespace {

constexpr int64_t kEpochMs = 1704067200000;  // 2024-01-01T00:00:00Z
std::mutex g_mu;

int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::unique_ptr<IdGenerator>& global() {
    static std::unique_ptr<IdGenerator> g = std::make_unique<IdGenerator>(0);
    return g;
}

}  // namespace

IdGenerator::IdGenerator(int node) : node_(node & 0x3ff) {}

int64_t IdGenerator::next() {
    std::lock_guard lock(g_mu);
    int64_t ms = wall_ms() - kEpochMs;
    // A clock stepping back must not produce a duplicate: keep using the last ms.
    if (ms < last_ms_) ms = last_ms_;
    if (ms == last_ms_) {
        if (++seq_ > 0xfff) {
            while ((ms = wall_ms() - kEpochMs) <= last_ms_) std::this_thread::yield();
            seq_ = 0;
        }
    } else {
        seq_ = 0;
    }
    last_ms_ = ms;
    return (ms << 22) | (static_cast<int64_t>(node_) << 12) | seq_;
}

IdGenerator& ids() { return *global(); }
void set_node_id(int node) { global() = std::make_unique<IdGenerator>(node); }
int64_t new_id() { return ids().next(); }

std::string id_to_string(int64_t id) { return std::to_string(id); }

int64_t parse_id(std::string_view s) {
    int64_t v = 0;
    if (s.empty() || s.size() > 19) return 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return 0;
    return v;
}

}  // namespace lecs
