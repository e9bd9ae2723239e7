// The registry of every module's state machines (STYLE §2, issue 3): each
// module adds its tables with its own register_machines(MachineRegistry&);
// `lecs serve` validates them all at start-up, before it listens, and
// `lecs diagrams` writes their Mermaid files into docs/diagrams/.
//
// Contract:
// - add() keeps a pointer: the machine must outlive the registry (modules hand
//   out function-local statics).
// - validate_all() runs each machine's validate() in registration order and
//   throws std::logic_error on the first defect, its message naming the
//   machine ("state machine 'document': state 'x' is unreachable"). Two
//   machines of the same name are a defect too: their diagrams would collide.
// - write_diagrams(dir) validates first, creates dir, writes <dir>/<name>.md
//   for each machine and returns the paths, in registration order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lecs/workflow/state_machine.hpp"

namespace lecs::workflow {

class MachineRegistry {
  public:
    void add(const StateMachine& sm) { machines_.push_back(&sm); }
    const std::vector<const StateMachine*>& machines() const { return machines_; }
    const StateMachine* find(std::string_view name) const;

    void validate_all() const;
    std::vector<std::string> write_diagrams(const std::string& dir) const;

  private:
    std::vector<const StateMachine*> machines_;
};

}  // namespace lecs::workflow
