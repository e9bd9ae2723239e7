#include "lecs/base/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace lecs {
namespace {

Result<int> parse_positive(int v) {
    if (v <= 0) return Error::validation("num.not_positive", "必须为正数", "v");
    return v;
}

int g_after_try = 0;

Result<void> check_both(int a, int b) {
    LECS_TRY(parse_positive(a));
    ++g_after_try;
    LECS_TRY(parse_positive(b));
    return ok();
}

Result<int> sum_of(int a, int b) {
    LECS_ASSIGN(int x, parse_positive(a));
    LECS_ASSIGN(int y, parse_positive(b));  // two on one function: distinct temporaries
    return x + y;
}

Result<std::unique_ptr<int>> make_box(int v) {
    if (v < 0) return Error::not_found();
    return std::make_unique<int>(v);
}

Result<int> unbox(int v) {
    LECS_ASSIGN(auto box, make_box(v));  // move-only values are moved out
    return *box;
}

Result<void> forward_void(bool fail) {
    LECS_TRY(fail ? Result<void>(Error::forbidden()) : ok());
    return ok();
}

TEST(Result, ValueAndError) {
    Result<int> good = 7;
    ASSERT_TRUE(good.ok());
    EXPECT_TRUE(static_cast<bool>(good));
    EXPECT_EQ(good.value(), 7);
    EXPECT_EQ(*good, 7);
    Result<int> bad = Error::conflict("x.dup", "重复", "name");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "x.dup");
    EXPECT_EQ(bad.error().field, "name");
    EXPECT_EQ(bad.error().http_status, 409);
}

TEST(Result, ErrorFactoriesSetStatus) {
    EXPECT_EQ(Error::validation("c", "m").http_status, 400);
    EXPECT_EQ(Error::not_found().http_status, 404);
    EXPECT_EQ(Error::not_found().code, "not_found");
    EXPECT_EQ(Error::forbidden().http_status, 403);
    EXPECT_EQ(Error::unauthenticated().http_status, 401);
    EXPECT_EQ(Error::stale_version().code, "version_conflict");
    EXPECT_EQ(Error::stale_version().http_status, 409);
    EXPECT_EQ(Error::stale_version().field, "version");
}

TEST(LecsTry, PassesThroughOnSuccess) {
    g_after_try = 0;
    EXPECT_TRUE(check_both(1, 2).ok());
    EXPECT_EQ(g_after_try, 1);
}

TEST(LecsTry, ReturnsTheFirstErrorAndStops) {
    g_after_try = 0;
    auto r = check_both(-1, 2);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "num.not_positive");
    EXPECT_EQ(g_after_try, 0);  // nothing after the failed LECS_TRY ran
}

TEST(LecsTry, SecondFailurePropagates) {
    g_after_try = 0;
    auto r = check_both(1, 0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(g_after_try, 1);
}

TEST(LecsTry, WorksOnResultVoid) {
    EXPECT_TRUE(forward_void(false).ok());
    auto r = forward_void(true);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 403);
}

TEST(LecsAssign, BindsValues) {
    auto r = sum_of(2, 3);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), 5);
}

TEST(LecsAssign, ReturnsError) {
    auto r = sum_of(2, -3);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "必须为正数");
}

TEST(LecsAssign, MovesMoveOnlyValues) {
    EXPECT_EQ(unbox(9).value(), 9);
    EXPECT_EQ(unbox(-1).error().http_status, 404);
}

}  // namespace
}  // namespace lecs
