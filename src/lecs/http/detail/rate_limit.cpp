#include "lecs/http/detail/rate_limit.hpp"

#include <cmath>

namespace lecs::http::detail {

bool RateLimiter::allow(const std::string& ip, Clock::time_point now, int* retry_after_s) {
    std::lock_guard lock(mu_);
    // Bound the memory an address scan can take: drop buckets that have refilled.
    if (buckets_.size() > 100000) {
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            double secs = std::chrono::duration<double>(now - it->second.last).count();
            if (it->second.tokens + secs * rate_ >= burst_)
                it = buckets_.erase(it);
            else
                ++it;
        }
    }
    auto [it, fresh] = buckets_.try_emplace(ip, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!fresh) {
        double secs = std::chrono::duration<double>(now - b.last).count();
        if (secs > 0) b.tokens = std::min(burst_, b.tokens + secs * rate_);
        b.last = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return true;
    }
    if (retry_after_s)
        *retry_after_s = rate_ > 0 ? std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / rate_))) : 60;
    return false;
}

}  // namespace lecs::http::detail
