// The table-driven state machine, on a demo table used by tests only.
#include "lecs/workflow/state_machine.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lecs::workflow {
namespace {

Result<void> has_opinion(const auth::Caller&, const FireContext& ctx) {
    const bool* drafted = std::any_cast<bool>(&ctx.data);
    if (drafted && *drafted) return ok();
    return Error::validation("demo.no_opinion", "请先起草协调意见");
}

// A small review flow: filed → under review → opinion issued, with a supplement loop.
Definition demo_definition() {
    return Definition{
        "demo_review",
        {{"filed", "已提交"}, {"awaiting_supplement", "待补正"}, {"under_review", "审查中"}, {"closed", "已办结"}},
        {{"accept", "受理"}, {"ask_supplement", "要求补正"}, {"supplement", "补正"}, {"agree", "出具意见"}},
        "filed",
        {
            {"filed", "accept", "supervisor", "under_review", {}, {}},
            {"filed", "ask_supplement", "supervisor", "awaiting_supplement", {}, {}},
            {"awaiting_supplement", "supplement", "agency_liaison", "filed", {}, {}},
            {"under_review", "agree", "dept_leader", "closed", has_opinion, "has_opinion"},
        }};
}

auth::Caller with_role(std::string role) {
    auth::Caller c;
    c.user_id = 5;
    c.roles = {std::move(role)};
    return c;
}

TEST(StateMachine, DemoTableValidates) { EXPECT_NO_THROW(StateMachine(demo_definition()).validate()); }

TEST(StateMachine, UnreachableStateIsRefusedAtStartUp) {
    auto def = demo_definition();
    def.states.push_back({"archived", "已归档"});
    try {
        StateMachine(def).validate();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_EQ(std::string(e.what()), "state machine 'demo_review': state 'archived' is unreachable");
    }
}

TEST(StateMachine, EventWithoutTransitionIsRefusedAtStartUp) {
    auto def = demo_definition();
    def.events.push_back({"withdraw", "撤回"});
    try {
        StateMachine(def).validate();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_EQ(std::string(e.what()), "state machine 'demo_review': event 'withdraw' has no transition");
    }
}

TEST(StateMachine, DuplicateTransitionIsRefusedAtStartUp) {
    auto def = demo_definition();
    def.transitions.push_back({"filed", "accept", "supervisor", "closed", {}, {}});
    EXPECT_THROW(StateMachine(def).validate(), std::logic_error);
}

TEST(StateMachine, UndeclaredTargetIsRefusedAtStartUp) {
    auto def = demo_definition();
    def.transitions.push_back({"closed", "accept", "supervisor", "reopened", {}, {}});
    EXPECT_THROW(StateMachine(def).validate(), std::logic_error);
}

TEST(StateMachine, AllowedEventsFollowRoleAndState) {
    StateMachine sm(demo_definition());
    std::vector<std::string> supervisor{"supervisor"};
    std::vector<std::string> liaison{"agency_liaison"};
    EXPECT_EQ(sm.allowed_events("filed", supervisor), (std::vector<std::string>{"accept", "ask_supplement"}));
    EXPECT_TRUE(sm.allowed_events("filed", liaison).empty());
    EXPECT_EQ(sm.allowed_events("awaiting_supplement", liaison), (std::vector<std::string>{"supplement"}));
    EXPECT_TRUE(sm.allowed_events("closed", supervisor).empty());
}

TEST(StateMachine, FireMovesToTheNextState) {
    StateMachine sm(demo_definition());
    auto r = sm.fire("filed", "accept", with_role("supervisor"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), "under_review");
}

TEST(StateMachine, WrongStateIsA409InChinese) {
    StateMachine sm(demo_definition());
    auto r = sm.fire("closed", "accept", with_role("supervisor"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "workflow.wrong_state");
    EXPECT_EQ(r.error().http_status, 409);
    EXPECT_EQ(r.error().message, "当前状态「已办结」下不能执行「受理」");
}

TEST(StateMachine, WrongRoleIsA403) {
    StateMachine sm(demo_definition());
    auto r = sm.fire("filed", "accept", with_role("agency_liaison"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "workflow.role_not_allowed");
    EXPECT_EQ(r.error().http_status, 403);
    EXPECT_EQ(r.error().message, "您的角色不能执行「受理」");
}

TEST(StateMachine, GuardRefusesAndAccepts) {
    StateMachine sm(demo_definition());
    FireContext no;
    no.data = false;
    auto r = sm.fire("under_review", "agree", with_role("dept_leader"), no);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "demo.no_opinion");
    FireContext yes;
    yes.data = true;
    auto r2 = sm.fire("under_review", "agree", with_role("dept_leader"), yes);
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(r2.value(), "closed");
}

TEST(StateMachine, HooksRunAfterTheTransitionAndCanRefuse) {
    StateMachine sm(demo_definition());
    std::vector<std::string> seen;
    sm.on("filed", "accept", [&](db::Tx&, const auth::Caller& c, const FireContext& ctx, const Transition& t) {
        seen.push_back(std::string(t.to) + ":" + std::to_string(ctx.object_id) + ":" + std::to_string(c.user_id));
        return ok();
    });
    sm.on("filed", "ask_supplement", [](db::Tx&, const auth::Caller&, const FireContext&, const Transition&) {
        return Result<void>(Error::validation("demo.hook", "钩子拒绝"));
    });
    auto db = db::Database::open("sqlite::memory:");
    auto tx = db->begin(db::Mode::kRead);
    FireContext ctx;
    ctx.tx = tx.get();
    ctx.object_id = 42;
    ASSERT_TRUE(sm.fire("filed", "accept", with_role("supervisor"), ctx).ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"under_review:42:5"}));
    auto r = sm.fire("filed", "ask_supplement", with_role("supervisor"), ctx);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "demo.hook");
    // Without a Tx a machine with hooks cannot run them: a programming error.
    EXPECT_THROW((void)sm.fire("filed", "accept", with_role("supervisor")), std::logic_error);
}

TEST(StateMachine, MermaidIsWrittenOut) {
    StateMachine sm(demo_definition());
    EXPECT_EQ(sm.to_mermaid(),
              "stateDiagram-v2\n"
              "    filed : 已提交\n"
              "    awaiting_supplement : 待补正\n"
              "    under_review : 审查中\n"
              "    closed : 已办结\n"
              "    [*] --> filed\n"
              "    filed --> under_review : 受理 (supervisor)\n"
              "    filed --> awaiting_supplement : 要求补正 (supervisor)\n"
              "    awaiting_supplement --> filed : 补正 (agency_liaison)\n"
              "    under_review --> closed : 出具意见 (dept_leader) [has_opinion]\n"
              "    closed --> [*]\n");
}

// Golden: docs/diagrams/demo_review.md is what write_diagram produces. Set
// LECS_UPDATE_DIAGRAMS=1 to regenerate the committed file.
TEST(StateMachine, CommittedDiagramIsCurrent) {
    StateMachine sm(demo_definition());
    const auto docs = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "docs" / "diagrams";
    const char* update = std::getenv("LECS_UPDATE_DIAGRAMS");
    if (update && std::string(update) == "1") write_diagram("demo_review", sm, docs.string());
    auto tmp = std::filesystem::temp_directory_path() / ("lecs-diagram-" + std::to_string(::getpid()));
    std::filesystem::create_directories(tmp);
    std::string produced = write_diagram("demo_review", sm, tmp.string());
    std::ifstream written(tmp / "demo_review.md", std::ios::binary);
    std::stringstream ws;
    ws << written.rdbuf();
    EXPECT_EQ(ws.str(), produced);
    std::filesystem::remove_all(tmp);
    std::ifstream committed(docs / "demo_review.md", std::ios::binary);
    ASSERT_TRUE(committed) << "missing " << (docs / "demo_review.md") << "; run with LECS_UPDATE_DIAGRAMS=1";
    std::stringstream cs;
    cs << committed.rdbuf();
    EXPECT_EQ(cs.str(), produced) << "docs/diagrams/demo_review.md is stale; run with LECS_UPDATE_DIAGRAMS=1";
}

}  // namespace
}  // namespace lecs::workflow
