// The catalog store and service on both databases (Db/*): create with its checks and scope, the
// listing's filters and scope, the CSV load (all or nothing, per-row errors, idempotent re-load)
// and active_items() for monitoring's rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/rules.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/catalog/service.hpp"
#include "lecs/catalog/store.hpp"
#include "lecs/org/rules.hpp"
#include "support/test_db.hpp"

namespace lecs::catalog {
namespace {

constexpr int64_t kT = 1795744800000;  // 2026-11-27 10:00 Beijing
constexpr int64_t kCityJustice = 9002, kScjg = 9003, kXinduJustice = 9012, kXinduAgri = 9013, kNingjinJustice = 9022,
                  kNingjinScjg = 9023;
constexpr const char* kScjgUscc = "11130500MB0000001X";
constexpr const char* kXinduAgriUscc = "11130503MB0000002X";
constexpr const char* kNingjinScjgUscc = "11130528MB0000003X";

class CatalogTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-catalog-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        svc_ = std::make_unique<CatalogService>(*audit_);
        database().write([](db::Tx& tx) {
            auto org = [&](int64_t id, const char* name, const char* kind, const char* level, const char* region,
                           const char* uscc) {
                tx.exec(
                    "INSERT INTO organizations (id, name, kind, level, region_code, uscc, created_at, updated_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                    {id, std::string(name), std::string(kind), std::string(level), std::string(region),
                     uscc ? db::Value(std::string(uscc)) : db::Value(nullptr), kT});
            };
            org(kCityJustice, "邢台市司法局", "supervision_dept", "city", "130500", "11130500MB000000JX");
            org(kScjg, "邢台市市场监督管理局", "organ", "city", "130500", kScjgUscc);
            org(kXinduJustice, "邢台市信都区司法局", "supervision_dept", "county", "130503", nullptr);
            org(kXinduAgri, "邢台市信都区农业农村局", "organ", "county", "130503", kXinduAgriUscc);
            org(kNingjinJustice, "宁晋县司法局", "supervision_dept", "county", "130528", nullptr);
            org(kNingjinScjg, "宁晋县市场监督管理局", "organ", "county", "130528", kNingjinScjgUscc);
        });
    }
    void TearDown() override {
        svc_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    static auth::Caller caller(int64_t user, int64_t org, const char* kind, const char* level, const char* region,
                               const char* role) {
        auth::Caller c;
        c.user_id = user;
        c.username = "u" + std::to_string(user);
        c.org_id = org;
        c.org_region = region;
        c.roles = {role};
        c.permissions = auth::rules::permissions_of(c.roles);
        c.scope = org::rules::compute_scope(org::OrgFacts{org, kind, level, region}, c.roles, {});
        return c;
    }
    static auth::Caller city_sup() {
        return caller(12, kCityJustice, "supervision_dept", "city", "130500", "supervisor");
    }
    static auth::Caller xindu_sup() {
        return caller(31, kXinduJustice, "supervision_dept", "county", "130503", "supervisor");
    }
    static auth::Caller xindu_liaison() {
        return caller(22, kXinduAgri, "organ", "county", "130503", "agency_liaison");
    }

    static ItemInput penalty(int64_t agency, const char* code = "330217001") {
        ItemInput in;
        in.agency_id = agency;
        in.item_code = code;
        in.name = "对未按规定使用农药的处罚";
        in.kind = "penalty";
        in.effective_from = Date{2026, 1, 1};
        in.min_amount_fen = 500000;
        in.max_amount_fen = 3000000;
        in.basis = "《农药管理条例》第六十条";
        return in;
    }
    Result<Item> create(const auth::Caller& who, const ItemInput& in) {
        return database().write([&](db::Tx& tx) { return svc_->create(tx, who, in, kT); });
    }
    Result<LoadReport> load(const auth::Caller* who, const std::string& csv, std::vector<RowError>& errors) {
        return database().write([&](db::Tx& tx) { return svc_->load_csv(tx, who, csv, kT, errors); });
    }
    int64_t count(const std::string& sql) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql)->i64(0); });
    }
    store::ItemPage list(const auth::Caller& who, const store::ItemFilter& f = {}) {
        return database().read([&](db::Tx& tx) { return svc_->list(tx, who, f); });
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<CatalogService> svc_;
};

TEST_P(CatalogTest, CreatesAnItemWithItsAuditRecordAndRoundTripsIt) {
    auto r = create(xindu_sup(), penalty(kXinduAgri));
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto stored = database().read([&](db::Tx& tx) { return store::find_item(tx, r->id); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->agency_id, kXinduAgri);
    EXPECT_EQ(stored->item_code, "330217001");
    EXPECT_EQ(stored->kind, "penalty");
    EXPECT_EQ(stored->effective_from, (Date{2026, 1, 1}));
    EXPECT_FALSE(stored->effective_to);
    EXPECT_EQ(stored->min_amount_fen, 500000);
    EXPECT_EQ(stored->max_amount_fen, 3000000);
    EXPECT_EQ(stored->basis, "《农药管理条例》第六十条");
    EXPECT_EQ(stored->created_by, 31);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'catalog.item_created'"), 1);
}

TEST_P(CatalogTest, RefusesBadFieldsWithTheFieldAndWritesNothing) {
    struct Case {
        const char* field;
        std::function<void(ItemInput&)> change;
    };
    std::vector<Case> cases = {
        {"item_code", [](ItemInput& i) { i.item_code = " "; }},
        {"item_code", [](ItemInput& i) { i.item_code = std::string(65, 'a'); }},
        {"name", [](ItemInput& i) { i.name = ""; }},
        {"kind", [](ItemInput& i) { i.kind = "fine"; }},
        {"effective_from", [](ItemInput& i) { i.effective_from.reset(); }},
        {"effective_to",
         [](ItemInput& i) {
             i.effective_to = Date{2025, 12, 31};
         }},
        {"max_amount_fen", [](ItemInput& i) { i.max_amount_fen = 100; }},
        {"min_amount_fen", [](ItemInput& i) { i.min_amount_fen = -1; }},
        {"min_amount_fen", [](ItemInput& i) { i.kind = "inspection"; }},
        {"basis", [](ItemInput& i) { i.basis = std::string(501, 'x'); }},
    };
    for (const auto& c : cases) {
        ItemInput in = penalty(kXinduAgri);
        c.change(in);
        auto r = create(xindu_sup(), in);
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(r.error().http_status, 400) << c.field;
        EXPECT_EQ(r.error().field, c.field) << r.error().message;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM catalog_items"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_P(CatalogTest, TheAgencyMustBeAnAgencyInTheCallersScope) {
    auto other_county = create(xindu_sup(), penalty(kNingjinScjg));
    ASSERT_FALSE(other_county.ok());
    EXPECT_EQ(other_county.error().code, "catalog.unknown_agency");
    auto department = create(xindu_sup(), penalty(kXinduJustice));
    ASSERT_FALSE(department.ok());
    EXPECT_EQ(department.error().code, "catalog.not_agency");
    // Another county's department is as absent: the refusal does not name it.
    auto other_department = create(xindu_sup(), penalty(kNingjinJustice));
    ASSERT_FALSE(other_department.ok());
    EXPECT_EQ(other_department.error().code, "catalog.unknown_agency");
    EXPECT_EQ(other_department.error().message.find("司法"), std::string::npos) << other_department.error().message;
    auto liaison = create(xindu_liaison(), penalty(kXinduAgri));
    ASSERT_FALSE(liaison.ok());
    EXPECT_EQ(liaison.error().http_status, 403);
    // The city's department covers every county.
    EXPECT_TRUE(create(city_sup(), penalty(kNingjinScjg)).ok());
    EXPECT_EQ(count("SELECT COUNT(*) FROM catalog_items"), 1);
}

TEST_P(CatalogTest, TheSameKeyTwiceIsAConflict) {
    ASSERT_TRUE(create(xindu_sup(), penalty(kXinduAgri)).ok());
    auto again = create(xindu_sup(), penalty(kXinduAgri));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "catalog.duplicate");
    EXPECT_EQ(again.error().http_status, 409);
    // Another period of the same item is a new row.
    ItemInput later = penalty(kXinduAgri);
    later.effective_from = Date{2027, 1, 1};
    EXPECT_TRUE(create(xindu_sup(), later).ok());
}

TEST_P(CatalogTest, ListsWithinTheScopeWithItsFilters) {
    ItemInput old = penalty(kXinduAgri, "A-1");
    old.effective_to = Date{2026, 6, 30};
    ASSERT_TRUE(create(city_sup(), old).ok());
    ASSERT_TRUE(create(city_sup(), penalty(kXinduAgri, "A-2")).ok());
    ASSERT_TRUE(create(city_sup(), penalty(kNingjinScjg, "N-1")).ok());
    ASSERT_TRUE(create(city_sup(), penalty(kScjg, "C-1")).ok());
    EXPECT_EQ(list(city_sup()).total, 4);
    auto xindu = list(xindu_sup());
    ASSERT_EQ(xindu.total, 2);
    EXPECT_EQ(xindu.items[0].item_code, "A-1");
    EXPECT_EQ(list(xindu_liaison()).total, 2);  // its own agency's
    store::ItemFilter on;
    on.in_force_on = Date{2026, 7, 1};
    auto in_force = list(xindu_sup(), on);
    ASSERT_EQ(in_force.total, 1);
    EXPECT_EQ(in_force.items[0].item_code, "A-2");
    on.in_force_on = Date{2026, 6, 30};  // effective_to is inclusive
    EXPECT_EQ(list(xindu_sup(), on).total, 2);
    store::ItemFilter by;
    by.agency_id = kNingjinScjg;
    EXPECT_EQ(list(xindu_sup(), by).total, 0);  // not in its scope
    by.item_code = "N-1";
    EXPECT_EQ(list(city_sup(), by).total, 1);
    store::ItemFilter page;
    page.limit = 1;
    page.offset = 1;
    auto second = list(city_sup(), page);
    EXPECT_EQ(second.total, 4);
    ASSERT_EQ(second.items.size(), 1u);
}

TEST_P(CatalogTest, LoadsACsvAndReloadsItIdempotently) {
    const std::string csv = std::string("\xEF\xBB\xBF") +
                            "agency_uscc,item_code,name,kind,effective_from,effective_to,min_amount_fen,max_amount_fen,"
                            "basis\r\n" +
                            kXinduAgriUscc +
                            ",330217001,对未按规定使用农药的处罚,penalty,2026-01-01,,500000,3000000,"
                            "\"《农药管理条例》第六十条, 第一款\"\r\n" +
                            kXinduAgriUscc + ",330217002,农药经营检查,inspection,2026-01-01,2026-12-31,,,\r\n\r\n" +
                            kScjgUscc + ",\"C-\"\"1\"\"\",\"多行\n名称\",license,2025-05-01,,,,\n";
    std::vector<RowError> errors;
    auto r = load(nullptr, csv, errors);
    ASSERT_TRUE(r.ok()) << r.error().message << (errors.empty() ? "" : " " + errors[0].reason);
    EXPECT_EQ(r->created, 3);
    EXPECT_EQ(r->updated, 0);
    auto items = database().read([&](db::Tx& tx) { return store::active_items(tx); });
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].agency_id, kScjg);
    EXPECT_EQ(items[0].item_code, "C-\"1\"");
    EXPECT_EQ(items[0].name, "多行\n名称");
    EXPECT_EQ(items[1].basis, "《农药管理条例》第六十条, 第一款");
    EXPECT_EQ(items[2].effective_to, (Date{2026, 12, 31}));
    EXPECT_TRUE(items[2].in_force_on(Date{2026, 12, 31}));
    EXPECT_FALSE(items[2].in_force_on(Date{2027, 1, 1}));
    // The same file again: updated in place, never duplicated.
    auto again = load(nullptr, csv, errors);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->created, 0);
    EXPECT_EQ(again->updated, 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM catalog_items"), 3);
    // One audit record per item and load; an update carries the item as it was before.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'catalog.item_loaded'"), 6);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'catalog.item_loaded' AND before_json IS NOT NULL"),
              3);
}

TEST_P(CatalogTest, CellsMustBeUtf8TextWithoutControlCharacters) {
    const std::string head = "agency_uscc,item_code,name,kind,effective_from\n";
    const std::string csv = head + kXinduAgriUscc + ",U-1,\xff\xfe名称,penalty,2026-01-01\n" +  // line 2: not UTF-8
                            kXinduAgriUscc + ",U-2,名\x01称,penalty,2026-01-01\n" +             // 3: a control char
                            kXinduAgriUscc + ",U-3,\xe4\xb8,penalty,2026-01-01\n" +             // 4: cut short
                            kXinduAgriUscc + ",U-4,正常,penalty,2026-01-01\n";
    std::vector<RowError> errors;
    auto r = load(nullptr, csv, errors);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[0].field, "name");
    EXPECT_NE(errors[0].reason.find("UTF-8"), std::string::npos) << errors[0].reason;
    EXPECT_EQ(errors[1].line, 3);
    EXPECT_NE(errors[1].reason.find("控制字符"), std::string::npos) << errors[1].reason;
    EXPECT_EQ(errors[2].line, 4);
    EXPECT_EQ(count("SELECT COUNT(*) FROM catalog_items"), 0);
}

TEST_P(CatalogTest, ABadRowRefusesTheWholeFileWithEveryRowsError) {
    const std::string head = "agency_uscc,item_code,name,kind,effective_from,max_amount_fen\n";
    const std::string csv = head + kXinduAgriUscc + ",OK-1,正常事项,penalty,2026-01-01,100\n" +  // line 2
                            kXinduAgriUscc + ",BAD-1,类别错误,fine,2026-01-01,\n" +              // 3
                            "91000000000000000X,BAD-2,未知机关,penalty,2026-01-01,\n" +          // 4
                            kXinduAgriUscc + ",BAD-3,日期错误,penalty,2026-02-30,\n" +           // 5
                            kXinduAgriUscc + ",BAD-4,金额错误,penalty,2026-01-01,-5\n" +         // 6
                            kXinduAgriUscc + ",OK-1,重复,penalty,2026-01-01,\n" +                // 7
                            kXinduAgriUscc + ",BAD-5,列数不对\n";                                // 8
    std::vector<RowError> errors;
    auto r = load(nullptr, csv, errors);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "catalog.invalid_rows");
    ASSERT_EQ(errors.size(), 6u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].field, "kind");
    EXPECT_EQ(errors[1].line, 4);
    EXPECT_EQ(errors[1].field, "agency_uscc");
    EXPECT_EQ(errors[2].line, 5);
    EXPECT_EQ(errors[2].field, "effective_from");
    EXPECT_EQ(errors[3].line, 6);
    EXPECT_EQ(errors[3].field, "max_amount_fen");
    EXPECT_EQ(errors[4].line, 7);
    EXPECT_EQ(errors[4].field, "item_code");
    EXPECT_EQ(errors[5].line, 8);
    EXPECT_EQ(count("SELECT COUNT(*) FROM catalog_items"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_P(CatalogTest, TheHeaderIsCheckedAndAnAgencyOutsideTheCallersScopeIsARowError) {
    std::vector<RowError> errors;
    auto unknown = load(nullptr, "agency_uscc,item_code,name,kind,effective_from,colour\n", errors);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(errors[0].field, "colour");
    auto missing = load(nullptr, "agency_uscc,item_code,name,effective_from\n", errors);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(errors[0].field, "kind");
    auto open_quote = load(nullptr, "agency_uscc,item_code\n\"x,y\n", errors);
    ASSERT_FALSE(open_quote.ok());
    EXPECT_EQ(errors[0].line, 2);
    auto empty = load(nullptr, "", errors);
    ASSERT_FALSE(empty.ok());

    const auth::Caller xs = xindu_sup();
    auto outside = load(&xs,
                        std::string("agency_uscc,item_code,name,kind,effective_from\n") + kNingjinScjgUscc +
                            ",N-1,宁晋事项,inspection,2026-01-01\n",
                        errors);
    ASSERT_FALSE(outside.ok());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "agency_uscc");
    const auth::Caller liaison = xindu_liaison();
    auto no_permission = load(&liaison, "agency_uscc\n", errors);
    ASSERT_FALSE(no_permission.ok());
    EXPECT_EQ(no_permission.error().http_status, 403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM catalog_items"), 0);
}

TEST_P(CatalogTest, CountsTheItemsInForceOnSomeDayOfAPeriodPerAgency) {
    ItemInput ended = penalty(kXinduAgri, "A-1");
    ended.effective_from = Date{2025, 1, 1};
    ended.effective_to = Date{2026, 1, 1};  // in force on the period's first day only
    ASSERT_TRUE(create(city_sup(), ended).ok());
    ItemInput before = penalty(kXinduAgri, "A-0");
    before.effective_from = Date{2024, 1, 1};
    before.effective_to = Date{2025, 12, 31};  // ended the day before the period
    ASSERT_TRUE(create(city_sup(), before).ok());
    ItemInput later = penalty(kXinduAgri, "A-9");
    later.effective_from = Date{2027, 1, 1};  // starts the day after the period
    ASSERT_TRUE(create(city_sup(), later).ok());
    ItemInput last_day = penalty(kNingjinScjg, "N-1");
    last_day.effective_from = Date{2026, 12, 31};  // in force on the period's last day only
    ASSERT_TRUE(create(city_sup(), last_day).ok());
    ASSERT_TRUE(create(city_sup(), penalty(kNingjinScjg, "N-2")).ok());
    ASSERT_TRUE(create(city_sup(), penalty(kScjg, "C-1")).ok());
    database().write([](db::Tx& tx) { tx.exec("UPDATE catalog_items SET status = 'voided' WHERE item_code = 'C-1'"); });
    auto counts = [&](const auth::Caller& who) {
        return database().read([&](db::Tx& tx) {
            return svc_->in_force_counts(tx, who, Date{2026, 1, 1}, Date{2026, 12, 31});
        });
    };
    EXPECT_EQ(counts(city_sup()), (std::map<int64_t, int64_t>{{kXinduAgri, 1}, {kNingjinScjg, 2}}));
    EXPECT_EQ(counts(xindu_sup()), (std::map<int64_t, int64_t>{{kXinduAgri, 1}}));
    EXPECT_TRUE(counts(auth::Caller{}).empty());
}

INSTANTIATE_TEST_SUITE_P(Db, CatalogTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::catalog
