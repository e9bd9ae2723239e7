#include "lecs/auth/login_limiter.hpp"

namespace lecs::auth {

bool LoginLimiter::allow(const std::string& ip, int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (windows_.size() > kPruneAbove) {
        // Keep memory bounded under a spread-out flood: drop windows that ended.
        for (auto it = windows_.begin(); it != windows_.end();)
            it = now_ms - it->second.start_ms >= kWindowMs ? windows_.erase(it) : std::next(it);
    }
    Window& w = windows_[ip];
    if (w.count == 0 || now_ms - w.start_ms >= kWindowMs) w = Window{now_ms, 0};
    if (w.count >= per_minute_) return false;
    ++w.count;
    return true;
}

}  // namespace lecs::auth
