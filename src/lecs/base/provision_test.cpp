#include "lecs/base/provision.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace lecs {
namespace {

TEST(Provision, CiteRendersLawAndArticle) {
    EXPECT_EQ(cite(Provision::kMeasuresArt13), "《邢台市行政执法协调监督工作办法》第十三条");
    EXPECT_EQ(cite(Provision::kMeasuresArt27), "《邢台市行政执法协调监督工作办法》第二十七条");
    EXPECT_EQ(cite(Provision::kPiplArt51), "《中华人民共和国个人信息保护法》第五十一条");
    EXPECT_EQ(cite(Provision::kPenaltyLawArt20), "《中华人民共和国行政处罚法》第二十条");
}

TEST(Provision, InfoHasStableKey) {
    EXPECT_EQ(info(Provision::kMeasuresArt13).key, "measures.art13");
    EXPECT_EQ(info(Provision::kMeasuresArt13).id, Provision::kMeasuresArt13);
}

TEST(Provision, KeysAndIdsAreUnique) {
    std::set<std::string_view> keys;
    std::set<Provision> ids;
    for (const auto& p : all_provisions()) {
        EXPECT_TRUE(keys.insert(p.key).second) << "duplicate key " << p.key;
        EXPECT_TRUE(ids.insert(p.id).second) << "duplicate id for " << p.key;
        EXPECT_FALSE(p.law.empty()) << p.key;
        EXPECT_FALSE(p.summary.empty()) << p.key;
    }
}

TEST(Provision, EveryEnumeratorIsRegistered) {
    // The enum is contiguous from kMeasuresArt3 to kGbt9704 (the last one).
    const int last = static_cast<int>(Provision::kGbt9704);
    for (int i = 0; i <= last; ++i) EXPECT_NO_THROW(info(static_cast<Provision>(i))) << i;
    EXPECT_EQ(all_provisions().size(), static_cast<size_t>(last + 1));
}

}  // namespace
}  // namespace lecs
