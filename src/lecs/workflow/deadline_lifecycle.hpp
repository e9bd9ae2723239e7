// The lifecycle of a deadline (REQUIREMENTS §18) as a state-machine table: the
// table DeadlineService fires, so what it refuses is what the diagram
// (docs/diagrams/deadline.md) shows.
//
// Contract:
// - open 进行中 → met 已完成 (meet 完成) or cancelled 已撤销 (cancel 撤销);
//   pause 中止, resume 恢复 and extend 延长 keep it open. met and cancelled
//   are final: any event there is 409 workflow.wrong_state.
// - Every transition is for kAnyRole: a deadline is driven by the module that
//   owns it (the service checks the caller's data scope), not by a role of
//   its own; fire() still refuses an anonymous caller.
// - register_machines() adds the workflow module's machines to a registry.
#pragma once

#include <string_view>

#include "lecs/workflow/machines.hpp"
#include "lecs/workflow/state_machine.hpp"

namespace lecs::workflow {

namespace deadline_event {
inline constexpr std::string_view kPause = "pause";
inline constexpr std::string_view kResume = "resume";
inline constexpr std::string_view kExtend = "extend";
inline constexpr std::string_view kMeet = "meet";
inline constexpr std::string_view kCancel = "cancel";
}  // namespace deadline_event

const StateMachine& deadline_machine();

void register_machines(MachineRegistry& registry);

}  // namespace lecs::workflow
