#include "lecs/org/detail/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace lecs::org::detail {
namespace {

TEST(WindowLimiter, AllowsTheLimitPerKeyAndWindow) {
    WindowLimiter l(3, 60'000);
    const int64_t t0 = 1'800'000'000'000;  // a window boundary (divisible by 60 000)
    EXPECT_TRUE(l.allow("a", t0));
    EXPECT_TRUE(l.allow("a", t0 + 1));
    EXPECT_TRUE(l.allow("a", t0 + 2));
    EXPECT_FALSE(l.allow("a", t0 + 59'999));
    EXPECT_TRUE(l.allow("b", t0 + 59'999));  // another IP is not affected
    EXPECT_TRUE(l.allow("a", t0 + 60'000));  // the next minute starts afresh
}

}  // namespace
}  // namespace lecs::org::detail
