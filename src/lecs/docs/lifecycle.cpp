#include "lecs/docs/lifecycle.hpp"

#include <any>
#include <stdexcept>

namespace lecs::docs {
namespace {

using workflow::Definition;
using workflow::FireContext;

Result<void> issuer_competent(const auth::Caller& who, const FireContext& ctx) {
    const auto* facts = std::any_cast<const IssueFacts*>(&ctx.data);
    if (!facts || !*facts) throw std::logic_error("state machine 'document': issue needs IssueFacts in FireContext");
    return check_issue((*facts)->type, (*facts)->issuer, who);
}

Definition document_definition() {
    using namespace document_event;
    // clang-format off
    return Definition{
        "document",
        {{"draft", "草稿"}, {"issued", "已签发"}},
        {{kUpdate, "修改草稿"}, {kIssue, "签发"}, {kDeliver, "登记送达"}},
        "draft",
        {
            // from     event     who            to        guard
            {"draft",  kUpdate,  "dept_leader", "draft",  {}, {}},
            {"draft",  kUpdate,  "supervisor",  "draft",  {}, {}},
            // Every role that may issue reaches the guard, so a refusal carries check_issue's reason and basis.
            {"draft",  kIssue,   "dept_leader", "issued", issuer_competent, "issuer_competent"},
            {"draft",  kIssue,   "gov_leader",  "issued", issuer_competent, "issuer_competent"},
            {"issued", kDeliver, "dept_leader", "issued", {}, {}},
            {"issued", kDeliver, "supervisor",  "issued", {}, {}},
        }};
    // clang-format on
}

Definition delivery_definition() {
    // clang-format off
    return Definition{
        "delivery",
        {{"delivered", "已送达"}, {"received", "已签收"}},
        {{kReceiptEvent, "登记签收"}},
        "delivered",
        {
            // from         event          who               to
            {"delivered",  kReceiptEvent, "dept_leader",    "received", {}, {}},
            {"delivered",  kReceiptEvent, "supervisor",     "received", {}, {}},
            {"delivered",  kReceiptEvent, "agency_liaison", "received", {}, {}},
        }};
    // clang-format on
}

}  // namespace

const workflow::StateMachine& document_machine() {
    static const workflow::StateMachine sm(document_definition());
    return sm;
}

const workflow::StateMachine& delivery_machine() {
    static const workflow::StateMachine sm(delivery_definition());
    return sm;
}

void register_machines(workflow::MachineRegistry& registry) {
    registry.add(document_machine());
    registry.add(delivery_machine());
}

}  // namespace lecs::docs
