#include "lecs/workflow/machines.hpp"

#include <filesystem>
#include <set>
#include <stdexcept>

namespace lecs::workflow {

const StateMachine* MachineRegistry::find(std::string_view name) const {
    for (const auto* sm : machines_)
        if (sm->definition().name == name) return sm;
    return nullptr;
}

void MachineRegistry::validate_all() const {
    std::set<std::string_view> names;
    for (const auto* sm : machines_) {
        const auto name = sm->definition().name;
        if (!names.insert(name).second)
            throw std::logic_error("state machine '" + std::string(name) + "': registered twice");
        sm->validate();
    }
}

std::vector<std::string> MachineRegistry::write_diagrams(const std::string& dir) const {
    // A defective table must not leave a diagram behind that looks authoritative.
    validate_all();
    std::filesystem::create_directories(dir);
    std::vector<std::string> paths;
    for (const auto* sm : machines_) {
        const auto name = sm->definition().name;
        write_diagram(name, *sm, dir);
        paths.push_back(dir + "/" + std::string(name) + ".md");
    }
    return paths;
}

}  // namespace lecs::workflow
