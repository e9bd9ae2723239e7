#include "lecs/workflow/deadline_lifecycle.hpp"

namespace lecs::workflow {
namespace {

Definition deadline_definition() {
    using namespace deadline_event;
    // clang-format off
    return Definition{
        "deadline",
        {{"open", "进行中"}, {"met", "已完成"}, {"cancelled", "已撤销"}},
        {{kPause, "中止"}, {kResume, "恢复"}, {kExtend, "延长"}, {kMeet, "完成"}, {kCancel, "撤销"}},
        "open",
        {
            // from    event    who       to           guard
            {"open",   kPause,  kAnyRole, "open",      {}, {}},
            {"open",   kResume, kAnyRole, "open",      {}, {}},
            {"open",   kExtend, kAnyRole, "open",      {}, {}},
            {"open",   kMeet,   kAnyRole, "met",       {}, {}},
            {"open",   kCancel, kAnyRole, "cancelled", {}, {}},
        }};
    // clang-format on
}

}  // namespace

const StateMachine& deadline_machine() {
    static const StateMachine sm(deadline_definition());
    return sm;
}

void register_machines(MachineRegistry& registry) { registry.add(deadline_machine()); }

}  // namespace lecs::workflow
