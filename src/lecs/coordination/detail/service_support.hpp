// Helpers of DisputeService shared by its source files (service.cpp and the
// service_*.cpp files); not part of the module's interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lecs/auth/caller.hpp"
#include "lecs/base/time.hpp"
#include "lecs/coordination/dispute_table.hpp"
#include "lecs/coordination/model.hpp"
#include "lecs/db/db.hpp"
#include "lecs/org/model.hpp"
#include "lecs/workflow/model.hpp"
#include "lecs/workflow/state_machine.hpp"

namespace lecs::coordination::detail {

// The dispute's audited state (before/after of an audit record).
std::string dispute_json(const Dispute& d);
// What the dispute table's guards read.
DisputeFacts facts_of(db::Tx& tx, const Dispute& d);
workflow::FireContext context_of(db::Tx& tx, const Dispute& d, const DisputeFacts& f);
// The competent department's people's government, 0 when unknown.
int64_t government_of(db::Tx& tx, std::optional<int64_t> org_id);
// The caller, with the dispute's competent department added to its scope, for the deadline calls.
auth::Caller acting_for(const auth::Caller& who, const Dispute& d);
workflow::DeadlineInput deadline_of(const Dispute& d, const char* name, const char* start_event, Date start, int days);
// A to-do on the dispute for a role in an organisation; action is the table event that does it.
workflow::TodoInput dispute_todo(const Dispute& d, const char* role, int64_t org_id, std::string_view action,
                                 std::string title, int64_t deadline_id = 0);

}  // namespace lecs::coordination::detail
