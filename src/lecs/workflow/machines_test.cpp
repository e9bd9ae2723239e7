// The registry that `lecs serve` validates at start-up and `lecs diagrams` writes out.
#include "lecs/workflow/machines.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lecs/workflow/deadline_lifecycle.hpp"
#include "support/test_db.hpp"

namespace lecs::workflow {
namespace {

TEST(MachineRegistry, WorkflowMachinesValidate) {
    MachineRegistry r;
    register_machines(r);
    ASSERT_EQ(r.machines().size(), 1u);
    EXPECT_EQ(r.find("deadline"), &deadline_machine());
    EXPECT_EQ(r.find("dispute"), nullptr);
    EXPECT_NO_THROW(r.validate_all());
}

// A table with a state no transition reaches: the start-up check names the machine.
TEST(MachineRegistry, BrokenTableStopsValidateAllNamingTheMachine) {
    Definition def = deadline_machine().definition();
    def.name = "deadline_broken";
    def.states.push_back({"archived", "已归档"});
    const StateMachine broken(def);
    MachineRegistry r;
    register_machines(r);
    r.add(broken);
    try {
        r.validate_all();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_EQ(std::string(e.what()), "state machine 'deadline_broken': state 'archived' is unreachable");
    }
    // Nor is a diagram written for a broken registry.
    const auto dir = lecs::testing::make_temp_dir("lecs-machines-") / "out";
    EXPECT_THROW(r.write_diagrams(dir.string()), std::logic_error);
    EXPECT_FALSE(std::filesystem::exists(dir));
    std::filesystem::remove_all(dir.parent_path());
}

TEST(MachineRegistry, EventWithoutHandlerStopsValidateAll) {
    Definition def = deadline_machine().definition();
    def.events.push_back({"reopen", "重新开启"});
    const StateMachine broken(def);
    MachineRegistry r;
    r.add(broken);
    try {
        r.validate_all();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_EQ(std::string(e.what()), "state machine 'deadline': event 'reopen' has no transition");
    }
}

TEST(MachineRegistry, SameNameTwiceIsRefused) {
    const StateMachine copy(deadline_machine().definition());
    MachineRegistry r;
    register_machines(r);
    r.add(copy);
    try {
        r.validate_all();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_EQ(std::string(e.what()), "state machine 'deadline': registered twice");
    }
}

TEST(MachineRegistry, WritesOneMarkdownFilePerMachine) {
    MachineRegistry r;
    register_machines(r);
    const auto dir = lecs::testing::make_temp_dir("lecs-machines-") / "out";
    auto paths = r.write_diagrams(dir.string());
    ASSERT_EQ(paths, (std::vector<std::string>{(dir / "deadline.md").string()}));
    std::ifstream f(paths[0], std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    EXPECT_EQ(s.str(),
              "# State machine: deadline\n\n"
              "Generated from the transition table by lecs::workflow::write_diagram; do not edit by hand.\n\n"
              "```mermaid\n"
              "stateDiagram-v2\n"
              "    open : 进行中\n"
              "    met : 已完成\n"
              "    cancelled : 已撤销\n"
              "    [*] --> open\n"
              "    open --> open : 中止 (*)\n"
              "    open --> open : 恢复 (*)\n"
              "    open --> open : 延长 (*)\n"
              "    open --> met : 完成 (*)\n"
              "    open --> cancelled : 撤销 (*)\n"
              "    met --> [*]\n"
              "    cancelled --> [*]\n"
              "```\n");
    std::filesystem::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace lecs::workflow
