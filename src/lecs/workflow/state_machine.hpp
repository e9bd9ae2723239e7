// A table-driven state machine (STYLE §2): role × state × event → state, with
// guards and after-hooks. The same table answers which actions a user may take
// now, drives fire(), and renders the Mermaid diagram in docs/diagrams/.
//
// Contract:
// - A Definition declares its states (the first-class list, with Chinese
//   labels), its events, the initial state and the transitions. validate()
//   runs at start-up and throws std::logic_error on a transition naming an
//   undeclared state or event, an unreachable state, a declared event with no
//   transition, or a duplicate (from, event, role).
// - role "*" means any logged-in caller; otherwise the caller must hold the role.
// - fire(): no transition for (state, event) → 409 workflow.wrong_state
//   「当前状态「…」下不能执行「…」」; a transition exists but not for the caller's
//   roles → 403 workflow.role_not_allowed; a failing guard returns its Error.
//   On success the hooks registered for (from, event) run, in order, with the
//   caller's Tx (ctx.tx must be set when hooks exist); a failing hook returns
//   its Error so the service's transaction rolls back.
// - to_mermaid(): "stateDiagram-v2" text, deterministic (table order).
#pragma once

#include <any>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"

namespace lecs::workflow {

inline constexpr std::string_view kAnyRole = "*";

// What a guard or a hook sees: the service's Tx, the object and any data the
// service passes (std::any holding e.g. a const Dispute*).
struct FireContext {
    db::Tx* tx = nullptr;
    std::string object_kind;
    int64_t object_id = 0;
    std::any data;
};

using Guard = std::function<Result<void>(const auth::Caller&, const FireContext&)>;

struct Transition {
    std::string_view from;
    std::string_view event;
    std::string_view role;
    std::string_view to;
    Guard guard;                  // empty: no guard
    std::string_view guard_name;  // shown in the diagram, e.g. "complete_per_art8"
};

using Hook = std::function<Result<void>(db::Tx&, const auth::Caller&, const FireContext&, const Transition&)>;

struct Named {
    std::string_view name;
    std::string_view label;  // Chinese, for messages and the diagram
};

struct Definition {
    std::string_view name;  // "dispute"
    std::vector<Named> states;
    std::vector<Named> events;
    std::string_view initial;
    std::vector<Transition> transitions;
};

class StateMachine {
  public:
    explicit StateMachine(Definition def) : def_(std::move(def)) {}

    // Throws std::logic_error describing the first defect found.
    void validate() const;

    const Definition& definition() const { return def_; }
    std::string_view initial() const { return def_.initial; }

    // Events some transition allows from state for any of roles (table order, no duplicates).
    std::vector<std::string> allowed_events(std::string_view state, std::span<const std::string> roles) const;

    Result<std::string> fire(std::string_view state, std::string_view event, const auth::Caller& caller,
                             const FireContext& ctx = {}) const;

    // Runs after every successful fire() of (from, event), whatever the role.
    void on(std::string_view from, std::string_view event, Hook hook);

    std::string label_of_state(std::string_view s) const;
    std::string label_of_event(std::string_view e) const;

    std::string to_mermaid() const;

  private:
    Definition def_;
    std::multimap<std::pair<std::string, std::string>, Hook> hooks_;
};

// Writes <dir>/<name>.md holding the machine's Mermaid diagram; returns the
// file's text (so a golden test can compare it with the committed file).
std::string diagram_markdown(const StateMachine& sm);
std::string write_diagram(std::string_view name, const StateMachine& sm, const std::string& dir);

}  // namespace lecs::workflow
