// Plain data of the workflow module: deadlines, to-dos, notifications.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/time.hpp"
#include "lecs/calendar/model.hpp"

namespace lecs::workflow {

// What a module passes to DeadlineService::create when a start event happens.
struct DeadlineInput {
    std::string owner_kind;  // "dispute", "matter", …
    int64_t owner_id = 0;
    std::string name;                 // "completeness_review", …
    auth::Owner owner;                // region and organisation of the owner object (scope)
    int64_t responsible_user_id = 0;  // 0: nobody in particular
    int64_t leader_user_id = 0;       // gets the overdue escalation; 0: none
    std::string start_event;          // "received", "accepted", …
    Date start_date;
    int days = 0;
    calendar::Unit unit = calendar::Unit::kWorkingDays;
};

struct PauseRecord {
    int64_t id = 0;
    std::string reason;
    Date start;
    std::optional<Date> end;
};

struct ExtensionRecord {
    int64_t id = 0;
    int days = 0;
    calendar::Unit unit = calendar::Unit::kWorkingDays;
    int64_t approver_user_id = 0;
    std::string basis;
    int64_t at_ms = 0;
};

// A move of the due date, shown on the affected case.
struct ChangeRecord {
    int64_t id = 0;
    int64_t at_ms = 0;
    Date old_due;
    Date new_due;
    std::string reason;
};

struct Deadline {
    int64_t id = 0;
    std::string owner_kind;
    int64_t owner_id = 0;
    std::string name;
    auth::Owner owner;
    int64_t responsible_user_id = 0;
    int64_t leader_user_id = 0;
    std::string start_event;
    Date start_date;
    calendar::Unit unit = calendar::Unit::kWorkingDays;
    int days = 0;
    Date due_date;           // as last computed (stored)
    Date original_due_date;  // the first due date ever computed; never overwritten
    bool provisional = false;
    std::string status = "open";  // "open" | "met" | "cancelled"
    std::optional<Date> met_on;
    int64_t version = 0;
    int64_t created_at = 0;
    int64_t updated_at = 0;
    std::vector<PauseRecord> pauses;
    std::vector<ExtensionRecord> extensions;
};

// A deadline as read: the due date and its state computed now.
struct DeadlineView {
    Deadline deadline;
    calendar::DueDate due;
    calendar::DueState state;  // computed when read, never stored
    std::vector<ChangeRecord> changes;
};

struct TodoInput {
    int64_t user_id = 0;  // either a user …
    std::string role;     // … or a role within org_id
    int64_t org_id = 0;
    std::string region_code;
    std::string object_kind;
    int64_t object_id = 0;
    std::string action;  // a state-machine event, e.g. "accept"
    std::string title;
    int64_t deadline_id = 0;  // 0: none
};

struct Todo {
    int64_t id = 0;
    TodoInput input;
    int64_t created_at = 0;
    std::optional<Date> due_date;
    std::optional<calendar::DueState> due_state;  // computed when read
};

struct Notification {
    int64_t id = 0;
    int64_t user_id = 0;
    std::string kind;
    std::string title;
    std::string body;
    std::string object_kind;
    int64_t object_id = 0;
    int64_t created_at = 0;
    std::optional<int64_t> read_at;
};

}  // namespace lecs::workflow
