#include "lecs/org/seed_demo.hpp"

#include <gtest/gtest.h>

#include "lecs/org/org_test_fixture.hpp"

namespace lecs::org {
namespace {

using testing::kNow;  // 2026-05-28 (Beijing)

class SeedDemoTest : public testing::OrgFixture {
  protected:
    DemoOrgs seed() {
        return database().write([&](db::Tx& tx) { return seed_demo_orgs(tx, svc(), admin(), pii(), kNow); });
    }
    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }
    std::string name_of(int64_t org) {
        return database().read(
            [&](db::Tx& tx) { return tx.query_one("SELECT name FROM organizations WHERE id = $1", {org})->str(0); });
    }
};

TEST_P(SeedDemoTest, YieldsTheNamedOrganisations) {
    auto d = seed();
    EXPECT_EQ(name_of(d.city_gov), "邢台市人民政府");
    EXPECT_EQ(name_of(d.city_justice), "邢台市司法局");
    EXPECT_EQ(name_of(d.scjg), "邢台市市场监督管理局");
    EXPECT_EQ(name_of(d.xindu_gov), "信都区人民政府");
    EXPECT_EQ(name_of(d.xindu_justice), "信都区司法局");
    EXPECT_EQ(name_of(d.xindu_agency), "信都区市场监督管理局");
    EXPECT_EQ(name_of(d.xindu_agency2), "信都区综合行政执法局");
    EXPECT_EQ(name_of(d.xindu_room), "信都区李村镇行政执法协调监督室");
    EXPECT_EQ(name_of(d.xindu_team), "信都区李村镇综合行政执法队");
    EXPECT_EQ(name_of(d.ningjin_gov), "宁晋县人民政府");
    EXPECT_EQ(name_of(d.ningjin_justice), "宁晋县司法局");
    EXPECT_EQ(name_of(d.ningjin_agency), "宁晋县市场监督管理局");
    EXPECT_EQ(name_of(d.ningjin_agency2), "宁晋县自然资源和规划局");
    EXPECT_EQ(name_of(d.ningjin_room), "宁晋县凤凰镇行政执法协调监督室");
    EXPECT_EQ(name_of(d.devzone), "邢台经济开发区管理委员会");
    EXPECT_EQ(name_of(d.city_vertical), "国家税务总局邢台市税务局");
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE id = $1 AND entrusting_id = $2",
                    {d.city_entrusted, d.city_water}),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE id = $1 AND parent_id = $2", {d.city_dispatched, d.scjg}),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE id = $1 AND head_person_id = $2", {d.scjg, d.scjg_head}),
              1);
    // The devzone's bodies are city-level.
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE region_code = '130571' AND level <> 'city'"), 0);
    // 18 county governments and 18 司法局.
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE kind = 'government' AND level = 'county'"), 18);
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE kind = 'supervision_dept' AND level = 'county'"), 18);
    // A room and a township government for each of the 25 + 18 townships of 信都区 and 宁晋县.
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE kind = 'supervision_room'"), 43);
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE kind = 'township_gov'"), 43);
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations"), d.orgs);
}

TEST_P(SeedDemoTest, PeopleAndCertificates) {
    auto d = seed();
    RecordProperty("orgs", static_cast<int>(d.orgs));
    RecordProperty("people", static_cast<int>(d.people));
    RecordProperty("certificates", static_cast<int>(d.certificates));
    RecordProperty("expired", static_cast<int>(d.expired_certificates));
    RecordProperty("suspended", static_cast<int>(d.suspended_certificates));
    EXPECT_GE(d.people, 280);
    EXPECT_LE(d.people, 360);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people"), d.people);
    EXPECT_EQ(count("SELECT COUNT(*) FROM certificates"), d.certificates);
    EXPECT_GE(d.expired_certificates, 10);
    EXPECT_GE(d.suspended_certificates, 5);
    EXPECT_EQ(count("SELECT COUNT(*) FROM certificate_events WHERE event = 'suspended'"), d.suspended_certificates);

    auto at = [&](int64_t cert, const char* date) {
        return database().read(
            [&](db::Tx& tx) { return svc().get_certificate(tx, admin(), cert, *Date::parse(date)); });
    };
    for (int64_t c : {d.city_sup1_cert, d.city_sup2_cert}) {
        EXPECT_TRUE(at(c, "2025-01-01")->validity.valid);
        EXPECT_TRUE(at(c, "2027-12-31")->validity.valid);
    }
    EXPECT_TRUE(at(d.city_sup3_cert, "2026-03-01")->validity.valid);
    auto expired = at(d.city_sup3_cert, "2026-03-02");
    EXPECT_FALSE(expired->validity.valid);
    EXPECT_EQ(expired->validity.reason, "行政执法监督证已于2026年3月1日过期");
    EXPECT_EQ(expired->cert.issuer, "河北省人民政府");

    // Named supervisors hold valid supervision certificates.
    for (int64_t p : {d.xindu_sup1, d.ningjin_sup1}) {
        CertificateQuery q;
        q.person_id = p;
        q.at = *Date::parse("2026-06-01");
        auto l = database().read([&](db::Tx& tx) { return svc().list_certificates(tx, admin(), q); });
        ASSERT_EQ(l->total, 1);
        EXPECT_EQ(l->items[0].cert.kind, "supervision");
        EXPECT_TRUE(l->items[0].validity.valid);
    }
}

TEST_P(SeedDemoTest, IsDeterministic) {
    auto d = seed();
    // Names, codes and certificate numbers are fixed by the seed, not by ids.
    auto usccs = database().read(
        [&](db::Tx& tx) { return tx.query_one("SELECT uscc FROM organizations WHERE id = $1", {d.scjg})->str(0); });
    EXPECT_EQ(usccs.substr(0, 17), "11130500MB0000003");
    auto head = database().read([&](db::Tx& tx) { return svc().get_person(tx, admin(), d.city_sup1); });
    auto first = head->name;
    // A second database seeded the same way gives the same name to the same role.
    auto other = lecs::testing::make_test_database(GetParam());
    other->db->write([](db::Tx& tx) { ensure_regions(tx); });
    auto d2 = other->db->write([&](db::Tx& tx) { return seed_demo_orgs(tx, svc(), admin(), pii(), kNow); });
    auto name2 = other->db->read(
        [&](db::Tx& tx) { return tx.query_one("SELECT name FROM people WHERE id = $1", {d2.city_sup1})->str(0); });
    EXPECT_EQ(name2, first);
    EXPECT_EQ(d2.people, d.people);
    EXPECT_EQ(d2.certificates, d.certificates);
}

INSTANTIATE_TEST_SUITE_P(Db, SeedDemoTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::org
