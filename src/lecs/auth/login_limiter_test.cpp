#include "lecs/auth/login_limiter.hpp"

#include <gtest/gtest.h>

namespace lecs::auth {
namespace {

constexpr int64_t kT = 1'790'000'000'000;

TEST(LoginLimiter, TwentyAttemptsAMinuteThenRefused) {
    LoginLimiter l(20);
    for (int i = 0; i < 20; ++i) EXPECT_TRUE(l.allow("10.0.0.1", kT + i)) << i;
    EXPECT_FALSE(l.allow("10.0.0.1", kT + 20));
}

TEST(LoginLimiter, OtherAddressesAreCountedApart) {
    LoginLimiter l(2);
    EXPECT_TRUE(l.allow("10.0.0.1", kT));
    EXPECT_TRUE(l.allow("10.0.0.1", kT));
    EXPECT_FALSE(l.allow("10.0.0.1", kT));
    EXPECT_TRUE(l.allow("10.0.0.2", kT));
}

TEST(LoginLimiter, WindowEndsAfterOneMinute) {
    LoginLimiter l(1);
    EXPECT_TRUE(l.allow("10.0.0.1", kT));
    EXPECT_FALSE(l.allow("10.0.0.1", kT + 59'999));
    EXPECT_TRUE(l.allow("10.0.0.1", kT + 60'000));
    EXPECT_FALSE(l.allow("10.0.0.1", kT + 60'001));
}

}  // namespace
}  // namespace lecs::auth
