// The deadline's lifecycle table: what it allows, what it refuses, and its committed diagram.
#include "lecs/workflow/deadline_lifecycle.hpp"

#include <gtest/gtest.h>

#include "lecs/workflow/diagram_golden.hpp"

namespace lecs::workflow {
namespace {

auth::Caller someone() {
    auth::Caller c;
    c.user_id = 7;
    c.roles = {"supervisor"};
    return c;
}

TEST(DeadlineLifecycle, TableValidates) { EXPECT_NO_THROW(deadline_machine().validate()); }

TEST(DeadlineLifecycle, OpenDeadlineMovesOrStays) {
    const auto& sm = deadline_machine();
    EXPECT_EQ(sm.initial(), "open");
    EXPECT_EQ(sm.fire("open", "pause", someone()).value(), "open");
    EXPECT_EQ(sm.fire("open", "resume", someone()).value(), "open");
    EXPECT_EQ(sm.fire("open", "extend", someone()).value(), "open");
    EXPECT_EQ(sm.fire("open", "meet", someone()).value(), "met");
    EXPECT_EQ(sm.fire("open", "cancel", someone()).value(), "cancelled");
}

TEST(DeadlineLifecycle, MetAndCancelledAreFinal) {
    const auto& sm = deadline_machine();
    std::vector<std::string> roles{"supervisor"};
    EXPECT_TRUE(sm.allowed_events("met", roles).empty());
    EXPECT_TRUE(sm.allowed_events("cancelled", roles).empty());
    auto r = sm.fire("cancelled", "extend", someone());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "workflow.wrong_state");
    EXPECT_EQ(r.error().http_status, 409);
    EXPECT_EQ(r.error().message, "当前状态「已撤销」下不能执行「延长」");
}

TEST(DeadlineLifecycle, AnyLoggedInRoleButNotAnonymous) {
    const auto& sm = deadline_machine();
    auth::Caller liaison = someone();
    liaison.roles = {"agency_liaison"};
    EXPECT_TRUE(sm.fire("open", "meet", liaison).ok());
    auto anon = sm.fire("open", "meet", auth::Caller{});
    ASSERT_FALSE(anon.ok());
    EXPECT_EQ(anon.error().code, "workflow.role_not_allowed");
}

TEST(DeadlineLifecycle, CommittedDiagramIsCurrent) { testing::expect_committed_diagram_is_current(deadline_machine()); }

}  // namespace
}  // namespace lecs::workflow
