// A small per-key fixed-window limiter for the public certificate verification
// (beyond the server's general per-IP limit): a citizen checks a certificate or
// two, a scraper enumerating numbers is refused (429).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lecs::org::detail {

class WindowLimiter {
  public:
    WindowLimiter(int limit, int64_t window_ms) : limit_(limit), window_ms_(window_ms) {}

    // True when the request of key at now_ms is within the limit (and counts it).
    bool allow(const std::string& key, int64_t now_ms) {
        std::lock_guard lock(m_);
        int64_t window = now_ms / window_ms_;
        if (window != current_window_) {
            // A new window forgets all keys, so the map cannot grow without bound.
            counts_.clear();
            current_window_ = window;
        }
        return ++counts_[key] <= limit_;
    }

  private:
    std::mutex m_;
    int limit_;
    int64_t window_ms_;
    int64_t current_window_ = -1;
    std::unordered_map<std::string, int> counts_;
};

}  // namespace lecs::org::detail
