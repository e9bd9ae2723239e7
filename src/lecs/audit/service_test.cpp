// Reading and verifying the log: audit_admin only, filtered, paged, and itself audited.
#include "lecs/audit/service.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>

#include "lecs/base/keys.hpp"
#include "support/test_db.hpp"

namespace lecs::audit {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kT0 = 1'795'708'800'000;  // 2026-11-26T16:00:00Z = 2026-11-27 00:00 Beijing

auth::Caller person(int64_t id, std::string name, std::string role, std::vector<std::string> perms) {
    auth::Caller c;
    c.user_id = id;
    c.username = std::move(name);
    c.roles = {std::move(role)};
    c.permissions = std::move(perms);
    c.ip = "10.0.0." + std::to_string(id);
    c.request_id = "req-" + std::to_string(id);
    return c;
}

class AuditServiceTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        std::string tmpl = (fs::temp_directory_path() / "lecs-audit-svc-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
        keys_ = open_file_key_provider((fs::path(dir_) / "keys").string());
        log_ = std::make_unique<AuditLog>(*keys_, (fs::path(dir_) / "cp").string());
    }
    void TearDown() override {
        log_.reset();
        keys_.reset();
        fs::remove_all(dir_);
        DbTest::TearDown();
    }

    void add(const auth::Caller& who, Entry e, int64_t at) {
        database().write([&](db::Tx& tx) { log_->append(tx, who, e, at); });
    }

    // zhang: 5 org.update at kT0-2 s … kT0+2 s (two on the 26th, three on the 27th, Beijing);
    // li: 3 denied user.create on the 28th.
    void seed() {
        auto zhang = person(11, "zhang", "sys_admin", {"org.write"});
        auto li = person(12, "li", "security_admin", {"user.unlock"});
        for (int i = -2; i <= 2; ++i)
            add(zhang, Entry{.action = "org.update", .object_kind = "org", .object_id = std::to_string(100 + i)},
                kT0 + i * 1000);
        for (int i = 0; i < 3; ++i)
            add(li, Entry{.action = "user.create", .object_kind = "user", .result = "denied"},
                kT0 + 86'400'000 + i * 1000);
        log_->seal_pending(database(), kT0 + 90'000'000);
    }

    Result<Page> list(const auth::Caller& who, const rules::Query& q) {
        return database().write(
            [&](db::Tx& tx) { return list_log(tx, *log_, who, q, kT0 + 5 * 86'400'000); });  // read on 2 Dec
    }
    int64_t scalar(const std::string& sql) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql)->i64(0); });
    }

    const auth::Caller auditor_ = person(99, "auditor", "audit_admin", {"audit.read"});
    std::string dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<AuditLog> log_;
};

rules::Query query(std::vector<std::pair<std::string, std::string>> p) {
    auto q = rules::parse_query(p);
    EXPECT_TRUE(q.ok());
    return q.value();
}

TEST_P(AuditServiceTest, OnlyAuditReadMayList) {
    seed();
    auto admin = person(1, "root", "sys_admin", {"org.read", "user.write"});
    auto r = list(admin, query({}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 403);
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE action = 'audit.read'"), 0);
}

TEST_P(AuditServiceTest, ListsNewestFirstWithTotal) {
    seed();
    auto r = list(auditor_, query({{"size", "3"}}));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, 8);
    ASSERT_EQ(r->items.size(), 3u);
    EXPECT_EQ(r->items[0].at_ms, kT0 + 86'402'000);
    EXPECT_EQ(r->items[2].at_ms, kT0 + 86'400'000);
    // The first read is in the log now (newest): audit.read, li ×3, zhang +2 s … −2 s.
    auto p3 = list(auditor_, query({{"size", "3"}, {"page", "3"}}));
    ASSERT_TRUE(p3.ok());
    EXPECT_EQ(p3->total, 9);
    ASSERT_EQ(p3->items.size(), 3u);
    EXPECT_EQ(*p3->items[0].object_id, "100");
    EXPECT_EQ(*p3->items[1].object_id, "99");
    EXPECT_EQ(*p3->items[2].object_id, "98");
    auto p4 = list(auditor_, query({{"size", "3"}, {"page", "4"}}));
    ASSERT_TRUE(p4.ok());
    EXPECT_EQ(p4->total, 10);
    ASSERT_EQ(p4->items.size(), 1u);
    EXPECT_EQ(*p4->items[0].object_id, "98");
}

TEST_P(AuditServiceTest, FiltersByFields) {
    seed();
    auto by_action = list(auditor_, query({{"action", "user.create"}}));
    ASSERT_TRUE(by_action.ok());
    EXPECT_EQ(by_action->total, 3);
    auto by_user = list(auditor_, query({{"username", "ZHANG"}}));
    ASSERT_TRUE(by_user.ok());
    EXPECT_EQ(by_user->total, 5);
    auto by_object = list(auditor_, query({{"object_kind", "org"}, {"object_id", "101"}}));
    ASSERT_TRUE(by_object.ok());
    ASSERT_EQ(by_object->total, 1);
    EXPECT_EQ(by_object->items[0].at_ms, kT0 + 1000);
    auto by_result = list(auditor_, query({{"result", "denied"}}));
    ASSERT_TRUE(by_result.ok());
    EXPECT_EQ(by_result->total, 3);
}

TEST_P(AuditServiceTest, DatesAreBeijingDays) {
    seed();
    auto on_26th = list(auditor_, query({{"from", "2026-11-26"}, {"to", "2026-11-26"}}));
    ASSERT_TRUE(on_26th.ok());
    EXPECT_EQ(on_26th->total, 2);  // kT0-2 s, kT0-1 s
    auto on_27th = list(auditor_, query({{"from", "2026-11-27"}, {"to", "2026-11-27"}}));
    ASSERT_TRUE(on_27th.ok());
    EXPECT_EQ(on_27th->total, 3);
    auto on_28th = list(auditor_, query({{"from", "2026-11-28"}, {"to", "2026-11-28"}}));
    ASSERT_TRUE(on_28th.ok());
    EXPECT_EQ(on_28th->total, 3);
    auto until_27th = list(auditor_, query({{"to", "2026-11-27"}}));
    ASSERT_TRUE(until_27th.ok());
    EXPECT_EQ(until_27th->total, 5);
    auto from_2nd = list(auditor_, query({{"from", "2026-12-02"}}));  // the four reads above
    ASSERT_TRUE(from_2nd.ok());
    EXPECT_EQ(from_2nd->total, 4);
}

TEST_P(AuditServiceTest, ReadingIsAudited) {
    seed();
    ASSERT_TRUE(list(auditor_, query({{"action", "user.create"}, {"from", "2026-11-28"}})).ok());
    auto row = database().read([&](db::Tx& tx) {
        return *tx.query_one("SELECT username, role, detail, object_kind FROM audit_log WHERE action = 'audit.read'");
    });
    EXPECT_EQ(row.str(0), "auditor");
    EXPECT_EQ(row.str(1), "audit_admin");
    EXPECT_EQ(row.str(2), "from=2026-11-28 action=user.create page=1 size=20");
    EXPECT_EQ(row.str(3), "audit_log");
}

TEST_P(AuditServiceTest, VerifyIsAuditedWithItsOutcome) {
    seed();
    auto rep = verify_log(database(), *log_, auditor_, kT0 + 100'000'000);
    ASSERT_TRUE(rep.ok());
    EXPECT_TRUE(rep->ok);
    EXPECT_EQ(rep->records, 8);
    auto detail = database().read(
        [&](db::Tx& tx) { return tx.query_one("SELECT detail FROM audit_log WHERE action = 'audit.verify'")->str(0); });
    EXPECT_EQ(detail, "ok records=8");
    auto denied = verify_log(database(), *log_, person(1, "root", "sys_admin", {"user.write"}), kT0);
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().http_status, 403);
}

INSTANTIATE_TEST_SUITE_P(Db, AuditServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

TEST(AuditJson, ItemHasTheContractFields) {
    rules::Record r;
    r.id = 123456789012345;
    r.seq = 7;
    r.at_ms = 1'795'708'800'123;
    r.username = "zhang";
    r.role = "sys_admin";
    r.ip = "10.0.0.1";
    r.request_id = "req-1";
    r.action = "org.update";
    r.object_kind = "org";
    r.object_id = "55";
    r.result = "ok";
    r.before_json = R"({"name":"a"})";
    r.after_json = "not json";
    r.detail = "d";
    EXPECT_EQ(boost::json::serialize(item_json(r)),
              R"({"id":"123456789012345","seq":7,"at":"2026-11-26T16:00:00.123Z","username":"zhang",)"
              R"("role":"sys_admin","ip":"10.0.0.1","request_id":"req-1","action":"org.update",)"
              R"("object_kind":"org","object_id":"55","result":"ok","before":{"name":"a"},"after":"not json",)"
              R"("detail":"d"})");
    rules::Record unsealed;
    unsealed.id = 1;
    unsealed.action = "x";
    unsealed.result = "ok";
    auto o = item_json(unsealed);
    EXPECT_TRUE(o.at("seq").is_null());
    EXPECT_TRUE(o.at("before").is_null());
    EXPECT_TRUE(o.at("username").is_null());
}

TEST(AuditJson, PageAndVerify) {
    EXPECT_EQ(boost::json::serialize(page_json(Page{{}, 0})), R"({"items":[],"total":0})");
    VerifyReport bad;
    bad.ok = false;
    bad.records = 16;
    bad.first_bad_seq = 17;
    bad.reason = "hash mismatch";
    EXPECT_EQ(boost::json::serialize(verify_json(bad)),
              R"({"ok":false,"records":16,"first_bad_seq":17,"reason":"hash mismatch"})");
    EXPECT_EQ(boost::json::serialize(verify_json(VerifyReport{})),
              R"({"ok":true,"records":0,"first_bad_seq":null,"reason":""})");
}

}  // namespace
}  // namespace lecs::audit
