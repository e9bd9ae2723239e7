// Helpers shared by MatterService's source files; not part of the module's interface.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"
#include "lecs/org/model.hpp"
#include "lecs/supervision/model.hpp"
#include "lecs/workflow/model.hpp"

namespace lecs::supervision::detail {

bool has_text(const std::string& s);
// The matter's audited state (before/after of an audit record).
std::string matter_json(const Matter& m);
// The caller's 行政执法协调监督部门 (403 when the caller belongs to none).
Result<org::Org> department_of(db::Tx& tx, const auth::Caller& who, Provision basis);
// A to-do on the matter for a role in an organisation; action is the table event that does it.
workflow::TodoInput matter_todo(const Matter& m, const char* role, int64_t org_id, std::string_view action,
                                std::string title, int64_t deadline_id = 0);
// The caller with the matter's handling department in its scope, for the deadline calls.
auth::Caller acting_for(const auth::Caller& who, const Matter& m);
// Paragraphs with text only.
std::vector<std::string> paragraphs(std::vector<std::string> head, const std::vector<std::string>& body);
// "、"-joined names of organisations.
std::string org_name(db::Tx& tx, int64_t id);

}  // namespace lecs::supervision::detail
