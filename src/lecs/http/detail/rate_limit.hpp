// Per-IP token buckets, in memory per node (ARCHITECTURE §Transactions: rate
// limit counters live in memory; login lockout is in the database).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lecs::http::detail {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    RateLimiter(double rate_per_second, double burst) : rate_(rate_per_second), burst_(burst) {}

    // Takes one token; when none is left returns false and sets retry_after_s
    // to the whole seconds until the next token.
    bool allow(const std::string& ip, Clock::time_point now, int* retry_after_s);

  private:
    struct Bucket {
        double tokens;
        Clock::time_point last;
    };
    double rate_;
    double burst_;
    std::mutex mu_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace lecs::http::detail
