// The per-IP login limit (REQUIREMENTS §3 "plus a per-IP limit").
//
// Contract: at most `per_minute` login attempts per IP in a fixed one-minute
// window that starts at the IP's first attempt. Checked BEFORE any password
// hashing, so a flood costs no PBKDF2 work. In memory, per node
// (ARCHITECTURE §Transactions: rate-limit counters live in memory); the
// lockout that must hold across nodes is in the database. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lecs::auth {

class LoginLimiter {
  public:
    explicit LoginLimiter(int per_minute = 20) : per_minute_(per_minute) {}
    // Counts one attempt; false when the IP is over its limit.
    bool allow(const std::string& ip, int64_t now_ms);

  private:
    struct Window {
        int64_t start_ms = 0;
        int count = 0;
    };
    static constexpr int64_t kWindowMs = 60'000;
    static constexpr size_t kPruneAbove = 10'000;

    int per_minute_;
    std::mutex mu_;
    std::unordered_map<std::string, Window> windows_;
};

}  // namespace lecs::auth
