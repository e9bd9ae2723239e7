// Request counters and a latency histogram per route, as Prometheus text.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace lecs::http::detail {

class Metrics {
  public:
    static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5};

    void record(const std::string& route, const std::string& method, int status, double seconds);
    std::string text() const;

  private:
    struct Latency {
        std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative; text() accumulates
        uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mu_;
    std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
    std::map<std::string, Latency> latency_;
};

}  // namespace lecs::http::detail
