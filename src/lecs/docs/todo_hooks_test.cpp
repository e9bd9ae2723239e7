// The to-dos other modules put on a document or a delivery (workflow todos) are
// completed where the act commits, in its Tx (service.hpp): "issue" by issue(),
// "deliver" once every recipient organisation has a delivery, "receipt" by
// record_receipt(). Both databases.
#include <gtest/gtest.h>

#include "lecs/base/id.hpp"
#include "lecs/docs/issue_test_fixture.hpp"
#include "lecs/workflow/store.hpp"

namespace lecs::docs {
namespace {

using namespace lecs::docs::testing;

class DocTodoHooksTest : public IssueFixture {
  protected:
    void add_todo(const std::string& kind, int64_t id, const std::string& action) {
        database().write([&](db::Tx& tx) {
            workflow::TodoInput t;
            t.role = "dept_leader";
            t.org_id = kCityJustice;
            t.region_code = "130500";
            t.object_kind = kind;
            t.object_id = id;
            t.action = action;
            t.title = "待办";
            workflow::store::insert_todo(tx, new_id(), t, kNov27);
        });
    }
    int64_t open(const std::string& kind, int64_t id, const std::string& action) {
        return count(
            "SELECT COUNT(*) FROM todos WHERE object_kind = $1 AND object_id = $2 AND action = $3 "
            "AND done_at IS NULL",
            {kind, id, action});
    }
    Delivery deliver(int64_t doc, int64_t org) {
        DeliveryInput in;
        in.recipient_org_id = org;
        in.channel = "electronic";
        in.delivered_on = Date{2026, 11, 27};
        auto r =
            database().write([&](db::Tx& tx) { return svc_->add_delivery(tx, city_supervisor(), doc, in, kNov27); });
        if (!r.ok()) ADD_FAILURE() << r.error().message;
        return r.ok() ? r.value() : Delivery{};
    }
};

TEST_P(DocTodoHooksTest, IssuingCompletesTheSignatureToDoOfThatDocumentOnly) {
    const int64_t a = draft(city_supervisor(), notice_input());
    const int64_t b = draft(city_supervisor(), notice_input());
    add_todo("document", a, "issue");
    add_todo("document", b, "issue");
    // A refused issue completes nothing.
    ASSERT_FALSE(svc_->issue(city_supervisor(), a, kNov27).ok());
    EXPECT_EQ(open("document", a, "issue"), 1);
    issue_ok(city_leader(), a);
    EXPECT_EQ(open("document", a, "issue"), 0);
    EXPECT_EQ(open("document", b, "issue"), 1);
}

TEST_P(DocTodoHooksTest, DeliveringToEveryRecipientCompletesTheDeliverToDo) {
    auto in = notice_input();
    in.recipients = {Recipient{"邢台市市场监督管理局", kScjg}, Recipient{"邢台市生态环境局", kSthj},
                     Recipient{"某某村民委员会", std::nullopt}};
    const int64_t id = draft(city_supervisor(), in);
    issue_ok(city_leader(), id);
    add_todo("document", id, "deliver");
    deliver(id, kScjg);
    EXPECT_EQ(open("document", id, "deliver"), 1);  // 邢台市生态环境局 has none yet
    deliver(id, kSthj);
    EXPECT_EQ(open("document", id, "deliver"), 0);  // a recipient outside LECS is not waited for
}

TEST_P(DocTodoHooksTest, TheReceiptCompletesTheRecipientsToDo) {
    const int64_t id = draft(city_supervisor(), notice_input());
    issue_ok(city_leader(), id);
    Delivery v = deliver(id, kScjg);
    add_todo("delivery", v.id, "receipt");
    auto r = database().write([&](db::Tx& tx) {
        return svc_->record_receipt(tx, scjg_liaison(), v.id, Date{2026, 11, 28}, {}, kNov27);
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(open("delivery", v.id, "receipt"), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, DocTodoHooksTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::docs
