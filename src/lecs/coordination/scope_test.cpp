// The owner of a dispute for the HTTP middleware's object scope (scope.hpp):
// the applicant's while a draft, the competent region and department once
// submitted, with every party (organisation and region).
#include "lecs/coordination/scope.hpp"

#include <gtest/gtest.h>

#include "lecs/coordination/dispute_test_fixture.hpp"

namespace lecs::coordination {
namespace {

using namespace lecs::coordination::testing;

class DisputeScopeTest : public DisputeFixture {
  protected:
    std::optional<auth::Owner> owner(std::string_view kind, int64_t id) {
        return database().read([&](db::Tx& tx) { return owner_of(tx, kind, id); });
    }
};

TEST_P(DisputeScopeTest, ADraftIsOwnedByTheApplicantWithItsParties) {
    auto d = draft_ok(scjg_liaison(), application(kScjg, kXinduAgri));
    auto o = owner("dispute", d.id);
    ASSERT_TRUE(o.has_value());
    EXPECT_EQ(o->region_code, "130500");
    EXPECT_EQ(o->org_id, kScjg);
    EXPECT_EQ(o->parties, (std::vector<auth::PartyRef>{{kScjg, "130500"}, {kXinduAgri, "130503"}}));
}

TEST_P(DisputeScopeTest, ASubmittedDisputeIsOwnedByTheCompetentRegionAndDepartment) {
    auto d = filed(ningjin_scjg_liaison(), kNingjinEdu);
    auto o = owner("dispute", d.id);
    ASSERT_TRUE(o.has_value());
    EXPECT_EQ(o->region_code, "130528");
    EXPECT_EQ(o->org_id, kNingjinJustice);
    EXPECT_EQ(o->parties, (std::vector<auth::PartyRef>{{kNingjinScjg, "130528"}, {kNingjinEdu, "130528"}}));
    // The middleware's gate: 宁晋县 and the city, the parties' own staff; not 信都区, not another agency.
    EXPECT_TRUE(ningjin_sup().scope.covers(*o));
    EXPECT_TRUE(city_sup().scope.covers(*o));
    EXPECT_TRUE(ningjin_edu_liaison().scope.covers(*o));
    EXPECT_FALSE(xindu_sup().scope.covers(*o));
    EXPECT_FALSE(xindu_agri_liaison().scope.covers(*o));
}

TEST_P(DisputeScopeTest, NoOwnerForAnotherKindOrAMissingDispute) {
    auto d = filed(scjg_liaison(), kXinduAgri);
    EXPECT_TRUE(owner("dispute", d.id).has_value());
    EXPECT_FALSE(owner("document", d.id).has_value());
    EXPECT_FALSE(owner("dispute", d.id + 1).has_value());
}

INSTANTIATE_TEST_SUITE_P(Db, DisputeScopeTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::coordination
