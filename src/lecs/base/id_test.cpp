#include "lecs/base/id.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <unordered_set>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs {
namespace {

constexpr int64_t kIdEpochMs = 1704067200000;  // 2024-01-01T00:00:00Z, per id.hpp

TEST(IdGenerator, StrictlyIncreasingOnOneNode) {
    IdGenerator gen(3);
    int64_t prev = gen.next();
    for (int i = 0; i < 100000; ++i) {
        int64_t id = gen.next();
        ASSERT_GT(id, prev) << "call " << i;
        prev = id;
    }
}

TEST(IdGenerator, LayoutCarriesNodeAndTime) {
    IdGenerator gen(5);
    int64_t before = now_ms();
    int64_t id = gen.next();
    int64_t after = now_ms();
    EXPECT_GT(id, 0);
    EXPECT_EQ((id >> 12) & 0x3ff, 5);
    EXPECT_GE((id >> 22) + kIdEpochMs, before);
    EXPECT_LE((id >> 22) + kIdEpochMs, after);
}

TEST(IdGenerator, DistinctNodesNeverCollide) {
    IdGenerator a(1), b(2);
    std::unordered_set<int64_t> seen;
    for (int i = 0; i < 10000; ++i) {
        ASSERT_TRUE(seen.insert(a.next()).second);
        ASSERT_TRUE(seen.insert(b.next()).second);
    }
}

TEST(IdGenerator, UniqueAcrossFourThreads) {
    constexpr int kPerThread = 25000;  // 100k ids in all
    std::vector<std::vector<int64_t>> got(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&got, t] {
            got[static_cast<size_t>(t)].reserve(kPerThread);
            for (int i = 0; i < kPerThread; ++i) got[static_cast<size_t>(t)].push_back(new_id());
        });
    for (auto& th : threads) th.join();
    std::vector<int64_t> all;
    for (const auto& v : got) {
        // Each thread sees its own ids increase.
        EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
        all.insert(all.end(), v.begin(), v.end());
    }
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
    EXPECT_EQ(all.size(), 100000u);
}

TEST(IdToString, Decimal) {
    EXPECT_EQ(id_to_string(1), "1");
    EXPECT_EQ(id_to_string(9223372036854775807), "9223372036854775807");
}

TEST(ParseId, AcceptsPositiveDecimal) {
    EXPECT_EQ(parse_id("1"), 1);
    EXPECT_EQ(parse_id("7364812937461230592"), 7364812937461230592);
    EXPECT_EQ(parse_id("9223372036854775807"), 9223372036854775807);
}

TEST(ParseId, RejectsJunkNegativeAndOverflow) {
    EXPECT_EQ(parse_id(""), 0);
    EXPECT_EQ(parse_id("0"), 0);
    EXPECT_EQ(parse_id("-1"), 0);
    EXPECT_EQ(parse_id("-9223372036854775808"), 0);
    EXPECT_EQ(parse_id("9223372036854775808"), 0);   // int64 max + 1
    EXPECT_EQ(parse_id("99999999999999999999"), 0);  // 20 digits
    EXPECT_EQ(parse_id("12a"), 0);
    EXPECT_EQ(parse_id("a12"), 0);
    EXPECT_EQ(parse_id(" 12"), 0);
    EXPECT_EQ(parse_id("12 "), 0);
    EXPECT_EQ(parse_id("+12"), 0);
    EXPECT_EQ(parse_id("1.5"), 0);
    EXPECT_EQ(parse_id("0x10"), 0);
}

}  // namespace
}  // namespace lecs
