#include "lecs/org/service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "lecs/base/validate.hpp"
#include "lecs/org/org_test_fixture.hpp"
#include "support/test_db.hpp"

namespace lecs::org {
namespace {

using testing::kNow;
using testing::OrgFixture;

class OrgServiceTest : public OrgFixture {};

int64_t count(db::Database& db, const std::string& sql, const db::Params& p = {}) {
    return db.read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
}

// ---- regions ----------------------------------------------------------------

TEST_P(OrgServiceTest, RegionsAreLoadedOnceFromTheEmbeddedFiles) {
    auto& db = database();
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM regions WHERE level = 'city'"), 1);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM regions WHERE level = 'county' AND parent_code = '130500'"), 19);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM regions WHERE level = 'township'"), 201);
    EXPECT_EQ(db.write([](db::Tx& tx) { return ensure_regions(tx); }), 0);  // idempotent
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM regions"), 221);
}

TEST_P(OrgServiceTest, TheTwo东汪镇AreDistinguishedByCode) {
    auto rows = database().read([](db::Tx& tx) {
        return tx.query("SELECT code, parent_code FROM regions WHERE name = '东汪镇' ORDER BY code");
    });
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].str(0), "130528104");
    EXPECT_EQ(rows[0].str(1), "130528");
    EXPECT_EQ(rows[1].str(0), "130571100");
    EXPECT_EQ(rows[1].str(1), "130571");
}

TEST_P(OrgServiceTest, DevZoneIsNotedAsCityManaged) {
    auto note = database().read(
        [](db::Tx& tx) { return tx.query_one("SELECT note FROM regions WHERE code = '130571'")->str(0); });
    EXPECT_EQ(note, "city-managed, no government");
}

TEST_P(OrgServiceTest, RegionTreeIsCityCountyTownship) {
    auto tree = database().read([&](db::Tx& tx) { return svc().region_tree(tx); });
    ASSERT_EQ(tree.size(), 1u);
    EXPECT_EQ(tree[0].region.code, "130500");
    EXPECT_EQ(tree[0].children.size(), 19u);
    size_t townships = 0;
    for (const auto& c : tree[0].children) townships += c.children.size();
    EXPECT_EQ(townships, 201u);
}

// ---- organisations ----------------------------------------------------------

TEST_P(OrgServiceTest, BadUsccIsRefusedAndNothingIsWritten) {
    auto& db = database();
    int64_t audits = count(db, "SELECT COUNT(*) FROM audit_log");
    std::string good = uscc_with_check("11130500MB0000001");
    std::string bad = good.substr(0, 17) + (good[17] == '1' ? '2' : '1');
    OrgInput in{"邢台市测试局", "", "organ", std::nullopt, "", "130500", bad, {}, {}, {}, {}, {}, ""};
    auto r = db.write([&](db::Tx& tx) { return svc().create_org(tx, admin(), in, kNow); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "org.uscc_invalid");
    EXPECT_EQ(r.error().message, "统一社会信用代码校验位错误");
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM organizations"), 0);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM audit_log"), audits);
}

TEST_P(OrgServiceTest, CreateWritesTheOrgAndItsAuditRecord) {
    auto& db = database();
    std::string uscc = uscc_with_check("11130500MB0000001");
    OrgInput in{"邢台市测试局", "测试局", "organ", std::nullopt, "", "130500", uscc, {}, {}, {}, {}, {}, ""};
    auto r = db.write([&](db::Tx& tx) { return svc().create_org(tx, admin(), in, kNow); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->level, "city");
    EXPECT_EQ(r->version, 1);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'org.create' AND object_id = $1",
                    db::Params{id_to_string(r->id)}),
              1);
    // The same USCC again is a conflict.
    in.name = "邢台市另一个局";
    auto dup = db.write([&](db::Tx& tx) { return svc().create_org(tx, admin(), in, kNow); });
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, "org.uscc_taken");
}

TEST_P(OrgServiceTest, StaleVersionIs409AndRenameKeepsTheOldName) {
    auto& db = database();
    int64_t id = make_org("邢台市旧名局", "organ", "130500");
    OrgPatch p;
    p.version = 1;
    p.name = "邢台市新名局";
    p.reason = "机构改革";
    auto r = db.write([&](db::Tx& tx) { return svc().patch_org(tx, admin(), id, p, kNow + 1); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->version, 2);
    auto stale = db.write([&](db::Tx& tx) { return svc().patch_org(tx, admin(), id, p, kNow + 2); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().http_status, 409);
    EXPECT_EQ(stale.error().code, "version_conflict");
    auto d = db.read([&](db::Tx& tx) { return svc().get_org(tx, admin(), id); });
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->org.name, "邢台市新名局");
    ASSERT_EQ(d->history.size(), 1u);
    auto change = boost::json::parse(d->history[0].change_json).as_object();
    EXPECT_EQ(change["name"].as_object()["from"].as_string(), "邢台市旧名局");
    EXPECT_EQ(change["name"].as_object()["to"].as_string(), "邢台市新名局");
    EXPECT_EQ(d->history[0].reason, "机构改革");
}

TEST_P(OrgServiceTest, TheEnforcementDomainIsFromTheDirectoryAndItsChangeIsKept) {
    auto& db = database();
    OrgInput in{"邢台市测试局", "", "organ", std::nullopt, "", "130500", std::nullopt, {}, {}, {}, {}, {}, "astrology"};
    auto bad = db.write([&](db::Tx& tx) { return svc().create_org(tx, admin(), in, kNow); });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "org.domain_invalid");
    EXPECT_EQ(bad.error().field, "domain");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM organizations WHERE name = '邢台市测试局'"), 0);
    in.domain = "market";
    auto r = db.write([&](db::Tx& tx) { return svc().create_org(tx, admin(), in, kNow); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->domain, "market");
    OrgPatch p;
    p.version = 1;
    p.domain = "ecology";
    p.reason = "职能调整";
    ASSERT_TRUE(db.write([&](db::Tx& tx) { return svc().patch_org(tx, admin(), r->id, p, kNow + 1); }).ok());
    auto d = db.read([&](db::Tx& tx) { return svc().get_org(tx, admin(), r->id); });
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->org.domain, "ecology");
    ASSERT_EQ(d->history.size(), 1u);
    auto change = boost::json::parse(d->history[0].change_json).as_object();
    EXPECT_EQ(change["domain"].as_object()["from"].as_string(), "market");
    EXPECT_EQ(change["domain"].as_object()["to"].as_string(), "ecology");
    // Cleared: 未分类.
    p.version = 2;
    p.domain = "";
    ASSERT_TRUE(db.write([&](db::Tx& tx) { return svc().patch_org(tx, admin(), r->id, p, kNow + 2); }).ok());
    auto map = db.read([&](db::Tx& tx) { return store::domains_of(tx, {r->id, 424242}); });
    ASSERT_EQ(map.size(), 1u);
    EXPECT_EQ(map.at(r->id), "");
}

TEST_P(OrgServiceTest, AbolishNeedsADateAndRecordsTheSuccessor) {
    auto& db = database();
    int64_t old_id = make_org("邢台市甲局", "organ", "130500");
    int64_t new_id_ = make_org("邢台市乙局", "organ", "130500");
    OrgPatch p;
    p.version = 1;
    p.status = "abolished";
    p.successor_id = new_id_;
    auto no_date = db.write([&](db::Tx& tx) { return svc().patch_org(tx, admin(), old_id, p, kNow); });
    ASSERT_FALSE(no_date.ok());
    EXPECT_EQ(no_date.error().field, "abolished_on");
    p.abolished_on = Date::parse("2026-06-30");
    auto r = db.write([&](db::Tx& tx) { return svc().patch_org(tx, admin(), old_id, p, kNow); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "abolished");
    EXPECT_EQ(r->abolished_on, "2026-06-30");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'org.abolish'"), 1);
}

TEST_P(OrgServiceTest, EntrustedBodyNeedsAnEntrustingAgency) {
    auto& db = database();
    OrgInput in{"邢台市某检测中心", "", "entrusted", std::nullopt, "", "130500", std::nullopt, {}, {}, {}, {}, {}, ""};
    auto r = db.write([&](db::Tx& tx) { return svc().create_org(tx, admin(), in, kNow); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "org.entrusting_required");
    EXPECT_EQ(r.error().basis, "《中华人民共和国行政处罚法》第二十条");
}

TEST_P(OrgServiceTest, CountyScopeSeesOnlyItsCountysOrgs) {
    make_org("邢台市甲局", "organ", "130500");
    int64_t xd = make_org("信都区甲局", "organ", "130503");
    int64_t xd_t = make_org("信都区某镇人民政府", "township_gov", "130503101", "township");
    make_org("宁晋县甲局", "organ", "130528");
    auth::Caller county = admin();
    county.scope = auth::DataScope{false, {"130503"}, {}};
    auto r = database().read([&](db::Tx& tx) { return svc().list_orgs(tx, county, {}, {}); });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, 2);
    ASSERT_EQ(r->items.size(), 2u);
    std::set<int64_t> ids{r->items[0].id, r->items[1].id};
    EXPECT_EQ(ids, (std::set<int64_t>{xd, xd_t}));
    // Name search and region filter combine with the scope; LIKE wildcards in q are literal.
    store::OrgFilter f;
    f.q = "甲局";
    auto q = database().read([&](db::Tx& tx) { return svc().list_orgs(tx, county, f, {}); });
    ASSERT_EQ(q->total, 1);
    EXPECT_EQ(q->items[0].id, xd);
    f.q = "%";
    EXPECT_EQ(database().read([&](db::Tx& tx) { return svc().list_orgs(tx, county, f, {}); })->total, 0);
    store::OrgFilter by_region;
    by_region.region = "130503101";
    auto t = database().read([&](db::Tx& tx) { return svc().list_orgs(tx, admin(), by_region, {}); });
    ASSERT_EQ(t->total, 1);
    EXPECT_EQ(t->items[0].id, xd_t);
}

TEST_P(OrgServiceTest, OrgOutOfScopeIsNotFound) {
    int64_t nj = make_org("宁晋县甲局", "organ", "130528");
    auth::Caller county = admin();
    county.scope = auth::DataScope{false, {"130503"}, {}};
    auto r = database().read([&](db::Tx& tx) { return svc().get_org(tx, county, nj); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 404);
}

TEST_P(OrgServiceTest, CreatingOutsideTheScopeIsForbidden) {
    auth::Caller county = admin();
    county.scope = auth::DataScope{false, {"130503"}, {}};
    OrgInput in{"宁晋县乙局", "", "organ", std::nullopt, "", "130528", std::nullopt, {}, {}, {}, {}, {}, ""};
    auto r = database().write([&](db::Tx& tx) { return svc().create_org(tx, county, in, kNow); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 403);
}

TEST_P(OrgServiceTest, ScopeForUserOrgIncludesDispatchedAndEntrustedBodies) {
    int64_t agency = make_org("信都区市场监督管理局", "organ", "130503");
    int64_t station = make_org("信都区市场监督管理局某所", "dispatched", "130503101", "county", agency);
    OrgInput ent{
        "信都区某检测站", "", "entrusted", std::nullopt, "", "130503", std::nullopt, {}, {}, agency, {}, {}, ""};
    auto e = database().write([&](db::Tx& tx) { return svc().create_org(tx, admin(), ent, kNow); });
    ASSERT_TRUE(e.ok()) << e.error().message;
    make_org("信都区其他局", "organ", "130503");
    // The entrusted body's acts attach to the entrusting agency (行政处罚法第二十条).
    EXPECT_EQ(database().read([&](db::Tx& tx) { return acting_agency(tx, e->id); }), agency);
    EXPECT_EQ(database().read([&](db::Tx& tx) { return acting_agency(tx, station); }), station);
    EXPECT_EQ(database().read([&](db::Tx& tx) { return acting_agency(tx, 4242); }), std::nullopt);
    auto s = database().read([&](db::Tx& tx) { return scope_for_user_org(tx, agency, {"agency_liaison"}); });
    EXPECT_FALSE(s.whole_city);
    EXPECT_TRUE(s.region_prefixes.empty());
    EXPECT_EQ(std::set<int64_t>(s.org_ids.begin(), s.org_ids.end()), (std::set<int64_t>{agency, station, e->id}));
}

// An agency's liaison sees only its own organisation, yet must name the other party of a dispute
// (Art 8): the directory lists the whole city's active organisations, names only, to any logged-in user.
TEST_P(OrgServiceTest, DirectoryListsTheWholeCityToAnyLoggedInUser) {
    int64_t xindu = make_org("信都区市场监督管理局", "organ", "130503");
    int64_t ningjin = make_org("宁晋县市场监督管理局", "organ", "130528");
    auth::Caller liaison;
    liaison.user_id = 9;
    liaison.org_id = xindu;
    liaison.roles = {"agency_liaison"};
    liaison.scope.org_ids = {xindu};
    store::OrgFilter f;
    f.q = "市场监督";
    f.status = "active";
    auto scoped = database().read([&](db::Tx& tx) { return svc().list_orgs(tx, liaison, f, {}); });
    EXPECT_FALSE(scoped.ok());  // no org.read
    auto all = database().read([&](db::Tx& tx) { return svc().directory(tx, liaison, f, {}); });
    ASSERT_TRUE(all.ok());
    std::set<int64_t> ids;
    for (const auto& o : all->items) ids.insert(o.id);
    EXPECT_TRUE(ids.count(xindu) && ids.count(ningjin));
    EXPECT_EQ(all->total, static_cast<int64_t>(all->items.size()));
    auth::Caller anonymous;
    EXPECT_EQ(database().read([&](db::Tx& tx) { return svc().directory(tx, anonymous, f, {}); }).error().http_status,
              403);
}

TEST_P(OrgServiceTest, OwnerOfOrgPersonAndCertificate) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    auto person = make_person(org, "张三", "130503199001011235", "13812345678");
    auto cert = make_cert(person, "enforcement", "冀执130503000001", "2024-01-01", "2029-12-31");
    auto o = database().read([&](db::Tx& tx) {
        return std::vector{owner_of(tx, "org", org), owner_of(tx, "person", person), owner_of(tx, "certificate", cert),
                           owner_of(tx, "org", 12345), owner_of(tx, "user", org)};
    });
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(o[i].has_value()) << i;
        EXPECT_EQ(o[i]->region_code, "130503");
        EXPECT_EQ(o[i]->org_id, org);
    }
    EXPECT_FALSE(o[3].has_value());
    EXPECT_FALSE(o[4].has_value());
}

// ---- people -------------------------------------------------------------------

TEST_P(OrgServiceTest, PiiIsEncryptedAtRestAndMaskedInResponses) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    auto r = database().write([&](db::Tx& tx) {
        return svc().create_person(
            tx, admin(), PersonInput{"张三", org, "科员", false, true, "130503199001011235", "13812345678"}, kNow);
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->id_no_masked, "130***********1235");
    EXPECT_EQ(r->phone_masked, "138****5678");
    auto raw = database().read([&](db::Tx& tx) {
        return *tx.query_one("SELECT id_no_enc, phone_enc, id_no_idx FROM people WHERE id = $1", {r->id});
    });
    EXPECT_EQ(raw.str(0).find("130503199001011235"), std::string::npos);
    EXPECT_EQ(raw.str(0).find("19900101"), std::string::npos);
    EXPECT_EQ(raw.str(1).find("13812345678"), std::string::npos);
    EXPECT_EQ(raw.str(2).find("130503"), std::string::npos);
    // The audit record carries the masked values only.
    auto after = database().read([&](db::Tx& tx) {
        return tx.query_one("SELECT after_json FROM audit_log WHERE action = 'person.create'")->str(0);
    });
    EXPECT_EQ(after.find("130503199001011235"), std::string::npos);
    EXPECT_EQ(after.find("13812345678"), std::string::npos);
    EXPECT_NE(after.find("138****5678"), std::string::npos);
    // Listing finds the person by the full ID number (blind index) and masks.
    auto list = database().read([&](db::Tx& tx) {
        return svc().list_people(tx, admin(), std::nullopt, std::string("130503199001011235"), {});
    });
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->items.size(), 1u);
    EXPECT_EQ(list->items[0].id_no_masked, "130***********1235");
}

TEST_P(OrgServiceTest, BadIdNumberIsRefused) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    auto r = database().write([&](db::Tx& tx) {
        return svc().create_person(
            tx, admin(), PersonInput{"张三", org, "科员", false, true, "130503199001011234", "13812345678"}, kNow);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "person.id_no_invalid");
    EXPECT_EQ(r.error().field, "id_no");
    EXPECT_EQ(count(database(), "SELECT COUNT(*) FROM people"), 0);
}

TEST_P(OrgServiceTest, UnmaskNeedsThePermissionAndAReasonAndIsAudited) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    int64_t p = make_person(org, "张三", "130503199001011235", "13812345678");
    auth::Caller no_perm = admin();
    no_perm.permissions = {"person.read"};
    auto denied = database().write([&](db::Tx& tx) { return svc().unmask_person(tx, no_perm, p, "核对身份", kNow); });
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().http_status, 403);
    auto no_reason = database().write([&](db::Tx& tx) { return svc().unmask_person(tx, admin(), p, "", kNow); });
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().field, "reason");
    auto r = database().write([&](db::Tx& tx) { return svc().unmask_person(tx, admin(), p, "核对身份", kNow); });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->id_no, "130503199001011235");
    EXPECT_EQ(r->phone, "13812345678");
    auto row = database().read([&](db::Tx& tx) {
        return *tx.query_one("SELECT object_id, after_json FROM audit_log WHERE action = 'person.unmask'");
    });
    EXPECT_EQ(row.str(0), id_to_string(p));
    EXPECT_NE(row.str(1).find("核对身份"), std::string::npos);
    EXPECT_EQ(row.str(1).find("130503199001011235"), std::string::npos);
}

TEST_P(OrgServiceTest, PatchPersonChecksVersion) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    int64_t p = make_person(org, "张三", "130503199001011235", "13812345678");
    PersonPatch patch;
    patch.version = 1;
    patch.position = "副局长";
    patch.phone = "13900001111";
    auto r = database().write([&](db::Tx& tx) { return svc().patch_person(tx, admin(), p, patch, kNow); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->position, "副局长");
    EXPECT_EQ(r->phone_masked, "139****1111");
    EXPECT_EQ(r->version, 2);
    auto stale = database().write([&](db::Tx& tx) { return svc().patch_person(tx, admin(), p, patch, kNow); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().http_status, 409);
}

// ---- certificates -------------------------------------------------------------

TEST_P(OrgServiceTest, CertificateEventFlow) {
    int64_t org = make_org("邢台市司法局", "supervision_dept", "130500");
    int64_t p = make_person(org, "李四", "130503199001011235", "13812345678");
    CertificateInput in{
        "supervision",   "冀监130500000001", p, "", *Date::parse("2024-06-01"), *Date::parse("2028-05-31"),
        {"行政执法监督"}};
    auto c = database().write([&](db::Tx& tx) { return svc().create_certificate(tx, admin(), in, kNow); });
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->cert.issuer, "河北省人民政府");  // Art 13
    EXPECT_EQ(c->cert.version, 1);
    ASSERT_EQ(c->events.size(), 1u);
    EXPECT_EQ(c->events[0].event, "issued");
    int64_t id = c->cert.id;

    auto add = [&](const char* ev, const char* on, int64_t version, const char* reason = "违规使用") {
        return database().write([&](db::Tx& tx) {
            return svc().add_certificate_event(tx, admin(), id, {ev, *Date::parse(on), reason, version}, kNow);
        });
    };
    auto s = add("suspended", "2025-09-10", 1);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->state, "suspended");
    auto stale = add("reinstated", "2025-10-01", 1);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "version_conflict");
    auto wrong = add("suspended", "2025-10-01", 2);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "cert.bad_transition");
    ASSERT_TRUE(add("reinstated", "2025-10-01", 2).ok());

    auto at = [&](const char* d) {
        return database().read([&](db::Tx& tx) { return svc().get_certificate(tx, admin(), id, *Date::parse(d)); });
    };
    EXPECT_TRUE(at("2025-09-09")->validity.valid);
    EXPECT_EQ(at("2025-09-10")->validity.reason, "行政执法监督证已于2025年9月10日被暂停");
    EXPECT_TRUE(at("2025-10-01")->validity.valid);
    EXPECT_TRUE(at("2028-05-31")->validity.valid);
    EXPECT_EQ(at("2028-06-01")->validity.status, "expired");

    ASSERT_TRUE(add("revoked", "2026-01-15", 3).ok());
    auto after_revoke = add("reinstated", "2026-02-01", 4);
    ASSERT_FALSE(after_revoke.ok());
    EXPECT_EQ(after_revoke.error().http_status, 409);
    EXPECT_EQ(at("2026-01-15")->validity.status, "revoked");
    EXPECT_EQ(at("2026-01-15")->events.size(), 4u);
    EXPECT_EQ(count(database(), "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'certificate'"), 4);

    // The list derives the status at the requested date.
    CertificateQuery q;
    q.at = *Date::parse("2025-09-20");
    q.status = "suspended";
    auto l = database().read([&](db::Tx& tx) { return svc().list_certificates(tx, admin(), q); });
    ASSERT_TRUE(l.ok());
    EXPECT_EQ(l->total, 1);
    q.at = *Date::parse("2025-12-01");
    auto l2 = database().read([&](db::Tx& tx) { return svc().list_certificates(tx, admin(), q); });
    EXPECT_EQ(l2->total, 0);
}

TEST_P(OrgServiceTest, SupervisionCertificateFromAnotherIssuerIsRefused) {
    int64_t org = make_org("邢台市司法局", "supervision_dept", "130500");
    int64_t p = make_person(org, "李四", "130503199001011235", "13812345678");
    CertificateInput in{"supervision",
                        "冀监130500000002",
                        p,
                        "邢台市人民政府",
                        *Date::parse("2024-06-01"),
                        *Date::parse("2028-05-31"),
                        {}};
    auto c = database().write([&](db::Tx& tx) { return svc().create_certificate(tx, admin(), in, kNow); });
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "cert.issuer_invalid");
    EXPECT_EQ(c.error().basis, "《邢台市行政执法协调监督工作办法》第十三条");
}

TEST_P(OrgServiceTest, PublicVerificationIsMasked) {
    int64_t org = make_org("信都区市场监督管理局", "organ", "130503");
    int64_t p = make_person(org, "欧阳小明", "130503199001011235", "13812345678");
    make_cert(p, "enforcement", "冀执130503000009", "2024-01-01", "2099-12-31");
    auto r = database().read([&](db::Tx& tx) { return svc().verify_public(tx, "冀执130503000009", kNow); });
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->valid);
    EXPECT_EQ(r->status, "valid");
    EXPECT_EQ(r->holder_masked, "欧**明");
    EXPECT_EQ(r->org_name, "信都区市场监督管理局");
    EXPECT_EQ(r->expires_on.iso(), "2099-12-31");
    auto missing = database().read([&](db::Tx& tx) { return svc().verify_public(tx, "冀执000", kNow); });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().http_status, 404);
}

// ---- staffing and training ----------------------------------------------------

TEST_P(OrgServiceTest, StaffingPutCreatesThenUpdatesWithVersion) {
    int64_t org = make_org("邢台市司法局", "supervision_dept", "130500");
    auto put = [&](int64_t approved, int64_t version) {
        return database().write([&](db::Tx& tx) {
            return svc().put_staffing(tx, admin(), org, StaffingInput{2026, approved, 8, 45, version}, kNow);
        });
    };
    auto a = put(10, 0);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->version, 1);
    EXPECT_EQ(put(12, 0).error().http_status, 409);
    auto b = put(12, 1);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->version, 2);
    auto list = database().read([&](db::Tx& tx) { return svc().get_staffing(tx, admin(), org); });
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].approved_posts, 12);
    EXPECT_EQ((*list)[0].actual_staff, 8);
}

TEST_P(OrgServiceTest, TrainingRecordsAttendees) {
    int64_t org = make_org("邢台市司法局", "supervision_dept", "130500");
    int64_t p = make_person(org, "李四", "130503199001011235", "13812345678");
    auto t = database().write([&](db::Tx& tx) {
        return svc().create_training(tx, admin(), {org, "行政执法监督实务", *Date::parse("2026-05-20"), 180, {p}},
                                     kNow);
    });
    ASSERT_TRUE(t.ok()) << t.error().message;
    auto bad = database().write([&](db::Tx& tx) {
        return svc().create_training(tx, admin(), {org, "重复", *Date::parse("2026-05-20"), 60, {p, p}}, kNow);
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "attendees[1]");
    store::TrainingFilter f;
    f.year = 2026;
    auto l = database().read([&](db::Tx& tx) { return svc().list_trainings(tx, admin(), f, {}); });
    ASSERT_EQ(l->total, 1);
    EXPECT_EQ(l->items[0].minutes, 180);
    EXPECT_EQ(l->items[0].attendees, std::vector<int64_t>{p});
}

INSTANTIATE_TEST_SUITE_P(Db, OrgServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::org
