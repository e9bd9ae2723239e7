// The to-do and inbox routes, called through http::Router with a Caller.
#include "lecs/workflow/api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "lecs/workflow/test_fixture.hpp"

namespace lecs::workflow {
namespace {

using namespace lecs::workflow::testing;

class WorkflowApiTest : public WorkflowDbTest {
  protected:
    void SetUp() override {
        WorkflowDbTest::SetUp();
        register_api(router_, *workflow_, database(), [this] { return now_; });
    }
    http::Response call(const std::string& method, const std::string& path, const auth::Caller& who,
                        std::vector<http::Header> query = {}) {
        auto m = router_.match(method, path);
        EXPECT_NE(m.route, nullptr) << method << " " << path;
        http::Request req;
        req.method = method;
        req.path = path;
        req.path_params = m.params;
        req.query = std::move(query);
        return m.route->handler(req, who);
    }
    static boost::json::object body(const http::Response& r) { return boost::json::parse(r.body).as_object(); }

    http::Router router_;
    int64_t now_ = k0225;
};

TEST_P(WorkflowApiTest, RoutesDeclarePermissionAndScope) {
    ASSERT_EQ(router_.routes().size(), 3u);
    for (const auto& r : router_.routes()) {
        EXPECT_EQ(r.spec.permission, "authenticated");
        EXPECT_EQ(r.spec.scope.kind, http::ScopeRule::Kind::kSelf);
    }
}

TEST_P(WorkflowApiTest, TodosAreMineOrMyRolesInMyOrgSortedByDueWithDueState) {
    int64_t d26 = make_deadline(D("2026-02-12"), 5, calendar::Unit::kWorkingDays, k0212, 501);  // due 02-26
    int64_t d24 = make_deadline(D("2026-02-12"), 3, calendar::Unit::kWorkingDays, k0212, 502);  // due 02-24
    database().write([&](db::Tx& tx) {
        workflow_->add_todo(tx, TodoInput{7, "", 0, "130502", "dispute", 501, "accept", "受理审查：甲诉乙", d26},
                            k0212);
        workflow_->add_todo(tx, TodoInput{0, "supervisor", 100, "130502", "dispute", 502, "agree", "出具协调意见", d24},
                            k0212);
        workflow_->add_todo(tx, TodoInput{0, "supervisor", 200, "130503", "dispute", 503, "agree", "别的单位", 0},
                            k0212);
        workflow_->add_todo(tx, TodoInput{8, "", 0, "130502", "dispute", 504, "accept", "别人的", 0}, k0212);
        workflow_->add_todo(tx, TodoInput{7, "", 0, "130502", "matter", 505, "inspect", "无期限的待办", 0}, k0212);
        workflow_->add_todo(tx, TodoInput{7, "", 0, "130502", "matter", 506, "inspect", "已办", 0}, k0212);
        EXPECT_EQ(workflow_->complete_todos(tx, "matter", 506, "inspect", k0213), 1);
    });
    auto r = call("GET", "/api/v1/todos", who_);
    ASSERT_EQ(r.status, 200);
    auto o = body(r);
    EXPECT_EQ(o.at("total").as_int64(), 3);
    const auto& items = o.at("items").as_array();
    ASSERT_EQ(items.size(), 3u);
    // Today 02-25: 02-24 is overdue, 02-26 is due soon with one working day left.
    EXPECT_EQ(items[0].at("title").as_string(), "出具协调意见");
    EXPECT_EQ(items[0].at("due_date").as_string(), "2026-02-24");
    EXPECT_EQ(items[0].at("overdue").as_bool(), true);
    EXPECT_EQ(items[0].at("object_id").as_string(), "502");
    EXPECT_EQ(items[1].at("title").as_string(), "受理审查：甲诉乙");
    EXPECT_EQ(items[1].at("due_date").as_string(), "2026-02-26");
    EXPECT_EQ(items[1].at("overdue").as_bool(), false);
    EXPECT_EQ(items[1].at("due_soon").as_bool(), true);
    EXPECT_EQ(items[1].at("days_left").as_int64(), 1);
    EXPECT_EQ(items[2].at("title").as_string(), "无期限的待办");
    EXPECT_TRUE(items[2].at("due_date").is_null());
}

TEST_P(WorkflowApiTest, InboxListsMyNotificationsAndMarksReadOnlyMine) {
    int64_t mine = 0, theirs = 0;
    database().write([&](db::Tx& tx) {
        mine = workflow_->notify(tx, 7, "reminder.t-1", "期限提醒", "受理审查将于2026年2月26日届满", "dispute", 501,
                                 k0224);
        workflow_->notify(tx, 7, "deadline.moved", "期限变更", "届满日变更", "dispute", 501, k0225);
        theirs = workflow_->notify(tx, 8, "reminder.t-1", "别人的", "…", "dispute", 502, k0225);
    });
    auto r = call("GET", "/api/v1/inbox", who_);
    ASSERT_EQ(r.status, 200);
    auto o = body(r);
    EXPECT_EQ(o.at("total").as_int64(), 2);
    EXPECT_EQ(o.at("unread").as_int64(), 2);
    const auto& items = o.at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("kind").as_string(), "deadline.moved");  // newest first
    EXPECT_EQ(items[1].at("title").as_string(), "期限提醒");
    EXPECT_EQ(items[1].at("object_kind").as_string(), "dispute");
    EXPECT_EQ(items[1].at("object_id").as_string(), "501");
    EXPECT_EQ(items[1].at("read").as_bool(), false);
    EXPECT_EQ(items[1].at("created_at").as_string(), "2026-02-24T02:00:00.000Z");

    EXPECT_EQ(call("POST", "/api/v1/inbox/" + std::to_string(mine) + "/read", who_).status, 204);
    EXPECT_EQ(call("POST", "/api/v1/inbox/" + std::to_string(mine) + "/read", who_).status, 204);  // idempotent
    EXPECT_EQ(call("POST", "/api/v1/inbox/" + std::to_string(theirs) + "/read", who_).status, 404);
    EXPECT_EQ(call("POST", "/api/v1/inbox/123/read", who_).status, 404);

    auto after = body(call("GET", "/api/v1/inbox", who_));
    EXPECT_EQ(after.at("unread").as_int64(), 1);
    EXPECT_EQ(after.at("items").as_array()[1].at("read").as_bool(), true);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE user_id = 8 AND read_at IS NULL"), 1);

    auto page2 = body(call("GET", "/api/v1/inbox", who_, {{"page", "2"}, {"size", "1"}}));
    ASSERT_EQ(page2.at("items").as_array().size(), 1u);
    EXPECT_EQ(page2.at("items").as_array()[0].at("kind").as_string(), "reminder.t-1");
    EXPECT_EQ(page2.at("total").as_int64(), 2);
}

INSTANTIATE_TEST_SUITE_P(Db, WorkflowApiTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::workflow
