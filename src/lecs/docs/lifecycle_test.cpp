// The lifecycle tables of documents and deliveries: what they allow, their
// roles against the permission table, the start-up check of every registered
// machine and the committed diagrams.
#include "lecs/docs/lifecycle.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "lecs/auth/rules.hpp"
#include "lecs/workflow/deadline_lifecycle.hpp"
#include "lecs/workflow/diagram_golden.hpp"

namespace lecs::docs {
namespace {

auth::Caller with_role(std::string role, int64_t org_id = 1) {
    auth::Caller c;
    c.user_id = 5;
    c.org_id = org_id;
    c.roles = {std::move(role)};
    return c;
}

// 邢台市司法局, the city's supervision department.
OrgFacts city_justice() { return OrgFacts{1, "邢台市司法局", "supervision_dept", "130500", 2}; }

// Every machine `lecs serve` checks at start-up: the workflow module's and the docs module's.
workflow::MachineRegistry registered() {
    workflow::MachineRegistry r;
    workflow::register_machines(r);
    docs::register_machines(r);
    return r;
}

TEST(Lifecycle, RegisteredMachinesPassTheStartUpCheck) {
    const auto r = registered();
    std::vector<std::string> names;
    for (const auto* sm : r.machines()) names.emplace_back(sm->definition().name);
    EXPECT_EQ(names, (std::vector<std::string>{"deadline", "document", "delivery"}));
    EXPECT_NO_THROW(r.validate_all());
}

TEST(Lifecycle, BrokenDocumentTableStopsTheStartUpCheck) {
    workflow::Definition def = document_machine().definition();
    // A transition to a state nobody declared.
    def.transitions.push_back({"issued", document_event::kUpdate, "dept_leader", "corrected", {}, {}});
    const workflow::StateMachine broken(def);
    workflow::MachineRegistry r;
    workflow::register_machines(r);
    r.add(broken);
    try {
        r.validate_all();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_EQ(std::string(e.what()), "state machine 'document': undeclared state 'corrected'");
    }
}

// The roles of each event are exactly those auth/rules.cpp grants its route's permission.
std::set<std::string> roles_of(const workflow::StateMachine& sm, std::string_view event) {
    std::set<std::string> out;
    for (const auto& t : sm.definition().transitions)
        if (t.event == event) out.emplace(t.role);
    return out;
}
std::set<std::string> holders_of(std::string_view permission) {
    std::set<std::string> out;
    for (const auto& role : auth::rules::all_roles()) {
        const auto perms = auth::rules::permissions_of({role});
        if (std::find(perms.begin(), perms.end(), permission) != perms.end()) out.insert(role);
    }
    return out;
}

TEST(Lifecycle, RolesAreThoseHoldingThePermission) {
    EXPECT_EQ(roles_of(document_machine(), document_event::kUpdate), holders_of("doc.draft"));
    EXPECT_EQ(roles_of(document_machine(), document_event::kIssue), holders_of("doc.issue"));
    EXPECT_EQ(roles_of(document_machine(), document_event::kDeliver), holders_of("doc.draft"));
    EXPECT_EQ(roles_of(delivery_machine(), kReceiptEvent), holders_of("doc.receipt"));
    // Written out, so a change of the permission table shows here too.
    EXPECT_EQ(holders_of("doc.draft"), (std::set<std::string>{"dept_leader", "supervisor"}));
    EXPECT_EQ(holders_of("doc.issue"), (std::set<std::string>{"dept_leader", "gov_leader"}));
    EXPECT_EQ(holders_of("doc.receipt"), (std::set<std::string>{"agency_liaison", "dept_leader", "supervisor"}));
}

TEST(Lifecycle, DraftIsEditedThenIssuedThenDelivered) {
    const auto& sm = document_machine();
    EXPECT_EQ(sm.initial(), "draft");
    std::vector<std::string> sup{"supervisor"};
    std::vector<std::string> leader{"dept_leader"};
    EXPECT_EQ(sm.allowed_events("draft", sup), (std::vector<std::string>{"update"}));
    EXPECT_EQ(sm.allowed_events("draft", leader), (std::vector<std::string>{"update", "issue"}));
    EXPECT_EQ(sm.allowed_events("issued", sup), (std::vector<std::string>{"deliver"}));
    EXPECT_EQ(sm.fire("draft", "update", with_role("supervisor")).value(), "draft");
    EXPECT_EQ(sm.fire("issued", "deliver", with_role("supervisor")).value(), "issued");
    auto late = sm.fire("issued", "update", with_role("dept_leader"));
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, "workflow.wrong_state");
    EXPECT_EQ(late.error().message, "当前状态「已签发」下不能执行「修改草稿」");
    auto early = sm.fire("draft", "deliver", with_role("supervisor"));
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().message, "当前状态「草稿」下不能执行「登记送达」");
}

TEST(Lifecycle, IssueRunsCheckIssueAsItsGuard) {
    const auto& sm = document_machine();
    const DocType* notice = find_type("supervision_notice");
    ASSERT_NE(notice, nullptr);
    const OrgFacts issuer = city_justice();
    const IssueFacts facts{*notice, issuer};
    workflow::FireContext ctx;
    ctx.data = &facts;
    EXPECT_EQ(sm.fire("draft", "issue", with_role("dept_leader", 1), ctx).value(), "issued");
    // The leader of another department: check_issue's reason and basis, not a generic refusal.
    auto other = sm.fire("draft", "issue", with_role("dept_leader", 9), ctx);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().http_status, 403);
    EXPECT_EQ(other.error().message, "行政执法监督通知书应由本部门负责人签发");
    EXPECT_EQ(other.error().basis, "《邢台市行政执法协调监督工作办法》第十四条");
    auto gov = sm.fire("draft", "issue", with_role("gov_leader", 1), ctx);
    ASSERT_FALSE(gov.ok());
    EXPECT_EQ(gov.error().message, "行政执法监督通知书应由本部门负责人签发");
    // A supervisor holds no issue transition at all.
    EXPECT_EQ(sm.fire("draft", "issue", with_role("supervisor"), ctx).error().code, "workflow.role_not_allowed");
    // The guard cannot run without the facts: a programming error.
    EXPECT_THROW((void)sm.fire("draft", "issue", with_role("dept_leader")), std::logic_error);
}

TEST(Lifecycle, ReceiptIsRecordedOnce) {
    const auto& sm = delivery_machine();
    Delivery v;
    EXPECT_EQ(delivery_state(v), "delivered");
    EXPECT_EQ(sm.fire(delivery_state(v), "receipt", with_role("agency_liaison")).value(), "received");
    v.received_on = Date{2026, 12, 1};
    EXPECT_EQ(delivery_state(v), "received");
    auto twice = sm.fire(delivery_state(v), "receipt", with_role("agency_liaison"));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, "workflow.wrong_state");
    EXPECT_EQ(twice.error().message, "当前状态「已签收」下不能执行「登记签收」");
    EXPECT_EQ(sm.fire("delivered", "receipt", with_role("gov_leader")).error().code, "workflow.role_not_allowed");
}

TEST(Lifecycle, CommittedDocumentDiagramIsCurrent) {
    workflow::testing::expect_committed_diagram_is_current(document_machine());
}

TEST(Lifecycle, CommittedDeliveryDiagramIsCurrent) {
    workflow::testing::expect_committed_diagram_is_current(delivery_machine());
}

}  // namespace
}  // namespace lecs::docs
