// Test helper (not compiled into the library): the committed
// docs/diagrams/<name>.md must be exactly what write_diagram produces from the
// machine's table, so a diagram cannot drift from the behaviour. Set
// LECS_UPDATE_DIAGRAMS=1 to rewrite the committed file (as the demo golden in
// state_machine_test.cpp does); `lecs diagrams` writes the same text.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "lecs/workflow/state_machine.hpp"

namespace lecs::workflow::testing {

inline std::filesystem::path committed_diagrams_dir() {
    return std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "docs" / "diagrams";
}

inline void expect_committed_diagram_is_current(const StateMachine& sm) {
    const std::string name(sm.definition().name);
    const auto docs = committed_diagrams_dir();
    const char* update = std::getenv("LECS_UPDATE_DIAGRAMS");
    if (update && std::string(update) == "1") write_diagram(name, sm, docs.string());
    std::ifstream committed(docs / (name + ".md"), std::ios::binary);
    ASSERT_TRUE(committed) << "missing " << (docs / (name + ".md")) << "; run with LECS_UPDATE_DIAGRAMS=1";
    std::stringstream cs;
    cs << committed.rdbuf();
    EXPECT_EQ(cs.str(), diagram_markdown(sm))
        << "docs/diagrams/" << name << ".md is stale; run with LECS_UPDATE_DIAGRAMS=1 or `lecs diagrams`";
}

}  // namespace lecs::workflow::testing
