// The lifecycles of an official document and of one of its deliveries
// (REQUIREMENTS §17) as state-machine tables: DocService fires them, so what
// the service refuses is what docs/diagrams/document.md and delivery.md show.
//
// Contract:
// - document: draft 草稿 → issued 已签发 (issue 签发, by dept_leader or
//   gov_leader, guard issuer_competent = check_issue(): only the leader of the
//   issuing department or government, with check_issue's Chinese refusal and
//   basis); update 修改草稿 only in draft and deliver 登记送达 only once
//   issued, by the roles holding doc.draft. An issued document is immutable
//   (§17 Integrity): update there is 409 workflow.wrong_state.
// - delivery: delivered 已送达 → received 已签收 (receipt 登记签收, by the
//   roles holding doc.receipt), once.
// - The roles of each transition are those auth/rules.cpp grants the route's
//   permission (lifecycle_test.cpp holds the two tables together).
// - fire("issue") needs FireContext::data = const IssueFacts*; without it the
//   guard throws std::logic_error (a programming error).
// - register_machines() adds the docs module's machines to a registry.
#pragma once

#include <string_view>

#include "lecs/docs/model.hpp"
#include "lecs/docs/types.hpp"
#include "lecs/workflow/machines.hpp"
#include "lecs/workflow/state_machine.hpp"

namespace lecs::docs {

namespace document_event {
inline constexpr std::string_view kUpdate = "update";
inline constexpr std::string_view kIssue = "issue";
inline constexpr std::string_view kDeliver = "deliver";
}  // namespace document_event

inline constexpr std::string_view kReceiptEvent = "receipt";

// What the issuer_competent guard needs: the document's type and issuing organisation.
struct IssueFacts {
    const DocType& type;
    const OrgFacts& issuer;
};

const workflow::StateMachine& document_machine();
const workflow::StateMachine& delivery_machine();

// A delivery's state in the delivery machine: received once a receipt date is recorded.
inline std::string_view delivery_state(const Delivery& v) { return v.received_on ? "received" : "delivered"; }

void register_machines(workflow::MachineRegistry& registry);

}  // namespace lecs::docs
