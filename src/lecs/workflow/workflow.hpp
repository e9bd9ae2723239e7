// The workflow module (ARCHITECTURE §Layout: state-machine tables, deadlines,
// reminders, to-do, notifications, scheduler; REQUIREMENTS §18).
//
// Contract (details in each header):
// - state_machine.hpp: StateMachine (validate at start-up, allowed_events,
//   fire with guards and hooks, to_mermaid) and write_diagram for docs/diagrams.
// - machines.hpp: MachineRegistry, validated by `lecs serve` before it opens the
//   database; `lecs diagrams` writes every registered table's Mermaid file.
// - deadline_lifecycle.hpp: the `deadline` state table (open → met | cancelled).
// - service.hpp: DeadlineService (create, pause/resume, extend, mark_met,
//   cancel, get with the due state computed when read, recompute_open after a
//   calendar edit) and WorkflowService (to-dos, inbox).
// - scheduler.hpp: the lease-holding Scheduler firing each reminder once.
// - outbox.hpp: the webhook outbox (at least once, HMAC-SM3 signed).
// - api.hpp: GET /api/v1/todos, GET /api/v1/inbox, POST /api/v1/inbox/{id}/read.
#pragma once

#include "lecs/workflow/api.hpp"
#include "lecs/workflow/deadline_lifecycle.hpp"
#include "lecs/workflow/machines.hpp"
#include "lecs/workflow/model.hpp"
#include "lecs/workflow/outbox.hpp"
#include "lecs/workflow/rules.hpp"
#include "lecs/workflow/scheduler.hpp"
#include "lecs/workflow/service.hpp"
#include "lecs/workflow/state_machine.hpp"
