#include "lecs/http/detail/metrics.hpp"

#include <fmt/format.h>

namespace lecs::http::detail {
namespace {

// Prometheus label values escape backslash, quote and newline.
std::string label(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

void Metrics::record(const std::string& route, const std::string& method, int status, double seconds) {
    std::lock_guard lock(mu_);
    ++requests_[{route, method, status}];
    Latency& l = latency_[route];
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++l.buckets[i];
            break;
        }
    }
    ++l.count;
    l.sum += seconds;
}

std::string Metrics::text() const {
    std::lock_guard lock(mu_);
    std::string out;
    out += "# HELP lecs_http_requests_total HTTP requests by route, method and status.\n";
    out += "# TYPE lecs_http_requests_total counter\n";
    for (const auto& [k, n] : requests_) {
        const auto& [route, method, status] = k;
        out += fmt::format("lecs_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", label(route),
                           label(method), status, n);
    }
    out += "# HELP lecs_http_request_duration_seconds HTTP request latency by route.\n";
    out += "# TYPE lecs_http_request_duration_seconds histogram\n";
    for (const auto& [route, l] : latency_) {
        uint64_t cumulative = 0;
        for (size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += l.buckets[i];
            out += fmt::format("lecs_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label(route),
                               kBuckets[i], cumulative);
        }
        out += fmt::format("lecs_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label(route),
                           l.count);
        out += fmt::format("lecs_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label(route), l.sum);
        out += fmt::format("lecs_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label(route), l.count);
    }
    return out;
}

}  // namespace lecs::http::detail
