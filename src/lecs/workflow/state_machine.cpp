#include "lecs/workflow/state_machine.hpp"

#include <algorithm>
#include <deque>
#include <fstream>
#include <set>
#include <stdexcept>

namespace lecs::workflow {
namespace {

bool declared(const std::vector<Named>& list, std::string_view n) {
    return std::any_of(list.begin(), list.end(), [&](const Named& x) { return x.name == n; });
}

std::string label_in(const std::vector<Named>& list, std::string_view n) {
    for (const auto& x : list)
        if (x.name == n) return std::string(x.label.empty() ? x.name : x.label);
    return std::string(n);
}

bool role_matches(std::string_view role, std::span<const std::string> roles) {
    if (role == kAnyRole) return true;
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

void StateMachine::validate() const {
    const std::string m = "state machine '" + std::string(def_.name) + "': ";
    if (!declared(def_.states, def_.initial)) throw std::logic_error(m + "initial state is not declared");
    std::set<std::tuple<std::string_view, std::string_view, std::string_view>> seen;
    for (const auto& t : def_.transitions) {
        if (!declared(def_.states, t.from))
            throw std::logic_error(m + "undeclared state '" + std::string(t.from) + "'");
        if (!declared(def_.states, t.to)) throw std::logic_error(m + "undeclared state '" + std::string(t.to) + "'");
        if (!declared(def_.events, t.event))
            throw std::logic_error(m + "undeclared event '" + std::string(t.event) + "'");
        if (t.role.empty()) throw std::logic_error(m + "transition without a role");
        if (!seen.insert({t.from, t.event, t.role}).second)
            throw std::logic_error(m + "duplicate transition (" + std::string(t.from) + ", " + std::string(t.event) +
                                   ", " + std::string(t.role) + ")");
    }
    for (const auto& e : def_.events) {
        bool used = std::any_of(def_.transitions.begin(), def_.transitions.end(),
                                [&](const Transition& t) { return t.event == e.name; });
        if (!used) throw std::logic_error(m + "event '" + std::string(e.name) + "' has no transition");
    }
    std::set<std::string_view> reached{def_.initial};
    std::deque<std::string_view> todo{def_.initial};
    while (!todo.empty()) {
        auto s = todo.front();
        todo.pop_front();
        for (const auto& t : def_.transitions)
            if (t.from == s && reached.insert(t.to).second) todo.push_back(t.to);
    }
    for (const auto& s : def_.states)
        if (!reached.count(s.name)) throw std::logic_error(m + "state '" + std::string(s.name) + "' is unreachable");
}

std::vector<std::string> StateMachine::allowed_events(std::string_view state,
                                                      std::span<const std::string> roles) const {
    std::vector<std::string> out;
    for (const auto& t : def_.transitions) {
        if (t.from != state || !role_matches(t.role, roles)) continue;
        if (std::find(out.begin(), out.end(), t.event) == out.end()) out.emplace_back(t.event);
    }
    return out;
}

Result<std::string> StateMachine::fire(std::string_view state, std::string_view event, const auth::Caller& caller,
                                       const FireContext& ctx) const {
    const Transition* found = nullptr;
    bool any = false;
    for (const auto& t : def_.transitions) {
        if (t.from != state || t.event != event) continue;
        any = true;
        if (!caller.anonymous() && role_matches(t.role, caller.roles)) {
            found = &t;
            break;
        }
    }
    if (!any)
        return Error::conflict("workflow.wrong_state",
                               "当前状态「" + label_of_state(state) + "」下不能执行「" + label_of_event(event) + "」");
    if (!found)
        return Error{"workflow.role_not_allowed", "您的角色不能执行「" + label_of_event(event) + "」", {}, {}, 403};
    if (found->guard) LECS_TRY(found->guard(caller, ctx));
    auto [lo, hi] = hooks_.equal_range({std::string(found->from), std::string(found->event)});
    if (lo != hi && ctx.tx == nullptr)
        throw std::logic_error("state machine '" + std::string(def_.name) + "': hooks need FireContext::tx");
    for (auto it = lo; it != hi; ++it) LECS_TRY(it->second(*ctx.tx, caller, ctx, *found));
    return std::string(found->to);
}

void StateMachine::on(std::string_view from, std::string_view event, Hook hook) {
    hooks_.emplace(std::make_pair(std::string(from), std::string(event)), std::move(hook));
}

std::string StateMachine::label_of_state(std::string_view s) const { return label_in(def_.states, s); }
std::string StateMachine::label_of_event(std::string_view e) const { return label_in(def_.events, e); }

std::string StateMachine::to_mermaid() const {
    std::string out = "stateDiagram-v2\n";
    for (const auto& s : def_.states)
        out += "    " + std::string(s.name) + " : " + std::string(s.label.empty() ? s.name : s.label) + "\n";
    out += "    [*] --> " + std::string(def_.initial) + "\n";
    for (const auto& t : def_.transitions) {
        out += "    " + std::string(t.from) + " --> " + std::string(t.to) + " : " + label_of_event(t.event) + " (" +
               std::string(t.role) + ")";
        if (t.guard) out += " [" + std::string(t.guard_name.empty() ? "guard" : t.guard_name) + "]";
        out += "\n";
    }
    for (const auto& s : def_.states) {
        bool terminal = std::none_of(def_.transitions.begin(), def_.transitions.end(),
                                     [&](const Transition& t) { return t.from == s.name; });
        if (terminal) out += "    " + std::string(s.name) + " --> [*]\n";
    }
    return out;
}

std::string diagram_markdown(const StateMachine& sm) {
    return "# State machine: " + std::string(sm.definition().name) +
           "\n\nGenerated from the transition table by lecs::workflow::write_diagram; do not edit by hand.\n\n"
           "```mermaid\n" +
           sm.to_mermaid() + "```\n";
}

std::string write_diagram(std::string_view name, const StateMachine& sm, const std::string& dir) {
    std::string text = diagram_markdown(sm);
    std::string path = dir + "/" + std::string(name) + ".md";
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write diagram " + path);
    f << text;
    if (!f.flush()) throw std::runtime_error("cannot write diagram " + path);
    return text;
}

}  // namespace lecs::workflow
