#include "lecs/org/rules.hpp"

#include <gtest/gtest.h>

namespace lecs::org::rules {
namespace {

Date D(const char* s) { return *Date::parse(s); }

Certificate supervision_cert(const char* issued, const char* expires) {
    Certificate c;
    c.id = 1;
    c.kind = "supervision";
    c.number = "冀监130500001";
    c.issued_on = D(issued);
    c.expires_on = D(expires);
    return c;
}

CertificateEvent ev(const char* event, const char* on, int64_t at_ms = 0) {
    CertificateEvent e;
    e.certificate_id = 1;
    e.event = event;
    e.effective_on = D(on);
    e.at_ms = at_ms;
    return e;
}

// ---- certificate validity at a date ----------------------------------------

TEST(CertificateValidity, ExpiringOnTheDayIsValid) {
    auto c = supervision_cert("2024-06-01", "2026-03-01");
    std::vector<CertificateEvent> e{ev("issued", "2024-06-01")};
    auto v = certificate_validity(c, e, D("2026-03-01"));
    EXPECT_TRUE(v.valid);
    EXPECT_EQ(v.status, "valid");
    EXPECT_EQ(v.reason, "");
}

TEST(CertificateValidity, TheDayAfterExpiryIsInvalidWithTheChineseReason) {
    auto c = supervision_cert("2024-06-01", "2026-03-01");
    std::vector<CertificateEvent> e{ev("issued", "2024-06-01")};
    auto v = certificate_validity(c, e, D("2026-03-02"));
    EXPECT_FALSE(v.valid);
    EXPECT_EQ(v.status, "expired");
    EXPECT_EQ(v.reason, "行政执法监督证已于2026年3月1日过期");
    EXPECT_EQ(v.basis, "《邢台市行政执法协调监督工作办法》第十三条");
}

TEST(CertificateValidity, EnforcementCertificateNamesItsKind) {
    auto c = supervision_cert("2020-01-01", "2025-12-31");
    c.kind = "enforcement";
    auto v = certificate_validity(c, {}, D("2026-01-01"));
    EXPECT_EQ(v.reason, "行政执法证已于2025年12月31日过期");
}

TEST(CertificateValidity, IssuedOnTheDayIsValidAndTheDayBeforeIsNot) {
    auto c = supervision_cert("2024-06-01", "2028-05-31");
    std::vector<CertificateEvent> e{ev("issued", "2024-06-01")};
    EXPECT_TRUE(certificate_validity(c, e, D("2024-06-01")).valid);
    auto before = certificate_validity(c, e, D("2024-05-31"));
    EXPECT_FALSE(before.valid);
    EXPECT_EQ(before.status, "not_yet_valid");
}

TEST(CertificateValidity, SuspendedOnTheDayIsInvalid) {
    auto c = supervision_cert("2024-06-01", "2028-05-31");
    std::vector<CertificateEvent> e{ev("issued", "2024-06-01"), ev("suspended", "2025-09-10", 5)};
    EXPECT_TRUE(certificate_validity(c, e, D("2025-09-09")).valid);
    auto v = certificate_validity(c, e, D("2025-09-10"));
    EXPECT_FALSE(v.valid);
    EXPECT_EQ(v.status, "suspended");
    EXPECT_EQ(v.reason, "行政执法监督证已于2025年9月10日被暂停");
}

TEST(CertificateValidity, SuspendedThenReinstatedBeforeTheDayIsValid) {
    auto c = supervision_cert("2024-06-01", "2028-05-31");
    std::vector<CertificateEvent> e{ev("reinstated", "2025-10-01", 9), ev("issued", "2024-06-01"),
                                    ev("suspended", "2025-09-10", 5)};  // any order
    EXPECT_FALSE(certificate_validity(c, e, D("2025-09-30")).valid);
    EXPECT_TRUE(certificate_validity(c, e, D("2025-10-01")).valid);
    EXPECT_TRUE(certificate_validity(c, e, D("2026-06-01")).valid);
}

TEST(CertificateValidity, RevokedIsInvalidFromItsDateEvenBeforeExpiry) {
    auto c = supervision_cert("2024-06-01", "2028-05-31");
    std::vector<CertificateEvent> e{ev("issued", "2024-06-01"), ev("revoked", "2026-01-15", 3)};
    EXPECT_TRUE(certificate_validity(c, e, D("2026-01-14")).valid);
    auto v = certificate_validity(c, e, D("2026-01-15"));
    EXPECT_FALSE(v.valid);
    EXPECT_EQ(v.status, "revoked");
    EXPECT_EQ(v.reason, "行政执法监督证已于2026年1月15日被吊销");
}

TEST(CertificateValidity, SameDayEventsAreOrderedByRecordingTime) {
    auto c = supervision_cert("2024-06-01", "2028-05-31");
    std::vector<CertificateEvent> e{ev("issued", "2024-06-01"), ev("reinstated", "2025-03-03", 20),
                                    ev("suspended", "2025-03-03", 10)};
    EXPECT_TRUE(certificate_validity(c, e, D("2025-03-03")).valid);
    EXPECT_EQ(current_state(e), "active");
}

TEST(CertificateValidity, ExpiredAndSuspendedReportsTheSuspension) {
    auto c = supervision_cert("2020-01-01", "2024-12-31");
    std::vector<CertificateEvent> e{ev("issued", "2020-01-01"), ev("suspended", "2024-06-01", 1)};
    EXPECT_EQ(certificate_validity(c, e, D("2025-02-01")).status, "suspended");
}

// ---- status transitions -----------------------------------------------------

TEST(CertificateTransitions, Table) {
    struct Row {
        std::vector<CertificateEvent> history;
        const char* event;
        const char* on;
        bool ok;
        const char* code;
    };
    const std::vector<CertificateEvent> active{ev("issued", "2024-06-01")};
    const std::vector<CertificateEvent> suspended{ev("issued", "2024-06-01"), ev("suspended", "2025-01-01", 1)};
    const std::vector<CertificateEvent> reinstated{ev("issued", "2024-06-01"), ev("suspended", "2025-01-01", 1),
                                                   ev("reinstated", "2025-02-01", 2)};
    const std::vector<CertificateEvent> revoked{ev("issued", "2024-06-01"), ev("revoked", "2025-01-01", 1)};
    const Row rows[] = {
        {{}, "issued", "2024-06-01", true, ""},
        {{}, "suspended", "2024-06-01", false, "cert.bad_transition"},
        {active, "issued", "2025-06-01", false, "cert.bad_transition"},
        {active, "suspended", "2025-06-01", true, ""},
        {active, "reinstated", "2025-06-01", false, "cert.bad_transition"},
        {active, "revoked", "2025-06-01", true, ""},
        {suspended, "suspended", "2025-06-01", false, "cert.bad_transition"},
        {suspended, "reinstated", "2025-06-01", true, ""},
        {suspended, "revoked", "2025-06-01", true, ""},
        {reinstated, "suspended", "2025-06-01", true, ""},
        {reinstated, "reinstated", "2025-06-01", false, "cert.bad_transition"},
        {revoked, "reinstated", "2025-06-01", false, "cert.bad_transition"},
        {revoked, "suspended", "2025-06-01", false, "cert.bad_transition"},
        {revoked, "revoked", "2025-06-01", false, "cert.bad_transition"},
        {suspended, "reinstated", "2024-12-31", false, "cert.effective_before_last"},
        {active, "expired", "2025-06-01", false, "cert.event_invalid"},
    };
    for (size_t i = 0; i < std::size(rows); ++i) {
        const auto& r = rows[i];
        auto res = check_certificate_event(r.history, r.event, D(r.on));
        EXPECT_EQ(res.ok(), r.ok) << "row " << i;
        if (!r.ok) {
            EXPECT_EQ(res.error().code, r.code) << "row " << i;
        }
    }
}

TEST(CertificateTransitions, RevokedIsFinalAndReports409) {
    std::vector<CertificateEvent> revoked{ev("issued", "2024-06-01"), ev("revoked", "2025-01-01", 1)};
    auto r = check_certificate_event(revoked, "reinstated", D("2025-06-01"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 409);
    EXPECT_EQ(r.error().message, "证件已被吊销，不能再变更状态");
}

// ---- regions ----------------------------------------------------------------

TEST(Regions, LevelFromCode) {
    EXPECT_EQ(region_level("130500"), "city");
    EXPECT_EQ(region_level("130503"), "county");
    EXPECT_EQ(region_level("130571"), "county");
    EXPECT_EQ(region_level("130503101"), "township");
    EXPECT_EQ(region_level("130400"), std::nullopt);  // 邯郸
    EXPECT_EQ(region_level("1305"), std::nullopt);
    EXPECT_EQ(region_level("13050x"), std::nullopt);
    EXPECT_EQ(region_level("130500101"), std::nullopt);
}

TEST(Regions, CountyOfTownship) {
    EXPECT_EQ(county_of("130528104"), "130528");
    EXPECT_EQ(county_of("130503"), "130503");
}

TEST(Regions, DevZoneIsCityManagedAndItsBodiesAreCityLevel) {
    EXPECT_TRUE(is_city_managed("130571"));
    EXPECT_TRUE(is_city_managed("130571100"));
    EXPECT_TRUE(is_city_managed("130500"));
    EXPECT_FALSE(is_city_managed("130503"));
    EXPECT_EQ(level_for_region("130571"), "city");
    EXPECT_EQ(level_for_region("130503"), "county");
    EXPECT_EQ(level_for_region("130571100"), "township");
}

// ---- organisation shape -----------------------------------------------------

TEST(OrgShape, Table) {
    struct Row {
        OrgShape s;
        const char* code;  // "" = ok
    };
    const Row rows[] = {
        {{"organ", "city", "130500", false, false, std::nullopt}, ""},
        {{"organ", "county", "130503", false, false, std::nullopt}, ""},
        {{"organ", "city", "130571", false, false, std::nullopt}, ""},
        {{"organ", "county", "130571", false, false, std::nullopt}, "org.level_mismatch"},
        {{"organ", "county", "130500", false, false, std::nullopt}, "org.level_mismatch"},
        {{"dispatched", "county", "130503101", true, false, std::nullopt}, ""},
        {{"organ", "county", "130503101", false, false, std::nullopt}, "org.level_mismatch"},
        {{"supervision_room", "township", "130503101", false, false, std::nullopt}, ""},
        {{"township_gov", "township", "130503101", false, false, std::nullopt}, ""},
        {{"government", "township", "130503101", false, false, std::nullopt}, "org.kind_invalid"},
        {{"entrusted", "city", "130500", false, false, std::nullopt}, "org.entrusting_required"},
        {{"entrusted", "city", "130500", false, true, std::nullopt}, ""},
        {{"organ", "city", "130500", false, true, std::nullopt}, "org.entrusting_unexpected"},
        {{"dispatched", "city", "130500", false, false, std::nullopt}, "org.parent_required"},
        {{"enforcement_team", "township", "130503101", false, false, std::nullopt}, "org.parent_required"},
        {{"enforcement_team", "township", "130503101", true, false, std::nullopt}, ""},
        {{"party_committee", "city", "130500", false, false, std::nullopt}, "org.kind_invalid"},
        {{"organ", "province", "130500", false, false, std::nullopt}, "org.level_invalid"},
        {{"organ", "city", "110000", false, false, std::nullopt}, "org.region_invalid"},
        {{"organ", "city", "130500", false, false, std::string("91130500MA0CXXXX0X")}, "org.uscc_invalid"},
        {{"organ", "city", "130500", false, false, std::string("11130500000000001X")}, "org.uscc_invalid"},
    };
    for (size_t i = 0; i < std::size(rows); ++i) {
        auto r = check_org_shape(rows[i].s);
        if (std::string(rows[i].code).empty()) {
            EXPECT_TRUE(r.ok()) << "row " << i << ": " << (r.ok() ? "" : r.error().code);
        } else {
            ASSERT_FALSE(r.ok()) << "row " << i;
            EXPECT_EQ(r.error().code, rows[i].code) << "row " << i;
        }
    }
}

TEST(OrgShape, BadUsccMessage) {
    auto r = check_org_shape({"organ", "city", "130500", false, false, std::string("91130500MA0CXXXX0X")});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "统一社会信用代码校验位错误");
    EXPECT_EQ(r.error().field, "uscc");
}

// ---- data scope -------------------------------------------------------------

OrgFacts facts(int64_t id, const char* kind, const char* level, const char* region) {
    return OrgFacts{id, kind, level, region};
}

TEST(DataScope, CityGovernmentAndCityDepartmentSeeTheWholeCity) {
    EXPECT_TRUE(compute_scope(facts(1, "government", "city", "130500"), {"gov_leader"}, {}).whole_city);
    EXPECT_TRUE(compute_scope(facts(2, "supervision_dept", "city", "130500"), {"supervisor"}, {}).whole_city);
    EXPECT_TRUE(compute_scope(facts(2, "supervision_dept", "city", "130500"), {"dept_leader"}, {}).whole_city);
}

TEST(DataScope, AdminRolesSeeTheWholeCityWhateverTheirOrg) {
    for (const char* role : {"sys_admin", "security_admin", "audit_admin"}) {
        auto s = compute_scope(facts(9, "organ", "county", "130503"), {role}, {});
        EXPECT_TRUE(s.whole_city) << role;
    }
}

TEST(DataScope, CountyGovernmentAndDepartmentSeeTheirCounty) {
    for (const char* kind : {"government", "supervision_dept"}) {
        auto s = compute_scope(facts(3, kind, "county", "130503"), {"supervisor"}, {});
        EXPECT_FALSE(s.whole_city);
        EXPECT_EQ(s.region_prefixes, std::vector<std::string>{"130503"});
        EXPECT_TRUE(s.org_ids.empty());
        EXPECT_TRUE(s.covers({"130503101", 77}));
        EXPECT_FALSE(s.covers({"130528", 78}));
    }
}

TEST(DataScope, TownshipRoomSeesItsTownshipAndSubordinates) {
    auto s = compute_scope(facts(4, "supervision_room", "township", "130503101"), {"room_supervisor"}, {41, 42});
    EXPECT_FALSE(s.whole_city);
    EXPECT_EQ(s.region_prefixes, std::vector<std::string>{"130503101"});
    EXPECT_EQ(s.org_ids, (std::vector<int64_t>{4, 41, 42}));
    EXPECT_FALSE(s.covers({"130503102", 99}));
}

TEST(DataScope, AgenciesSeeThemselvesAndTheirSubordinates) {
    for (const char* kind :
         {"organ", "authorized", "entrusted", "dispatched", "township_gov", "vertical", "enforcement_team"}) {
        auto s = compute_scope(facts(5, kind, "county", "130503"), {"agency_liaison"}, {51, 52, 51});
        EXPECT_FALSE(s.whole_city) << kind;
        EXPECT_TRUE(s.region_prefixes.empty()) << kind;
        EXPECT_EQ(s.org_ids, (std::vector<int64_t>{5, 51, 52})) << kind;
    }
}

TEST(DataScope, CityLevelAgencyIsNotWholeCity) {
    auto s = compute_scope(facts(6, "organ", "city", "130500"), {"agency_head"}, {});
    EXPECT_FALSE(s.whole_city);
    EXPECT_EQ(s.org_ids, std::vector<int64_t>{6});
}

TEST(DataScope, ParticipantsSeeOwnOrgOnly) {
    for (const char* role : {"expert", "social_supervisor", "evaluator"}) {
        auto s = compute_scope(facts(2, "supervision_dept", "city", "130500"), {role}, {21});
        EXPECT_FALSE(s.whole_city) << role;
        EXPECT_TRUE(s.region_prefixes.empty()) << role;
        EXPECT_EQ(s.org_ids, std::vector<int64_t>{2}) << role;
    }
}

TEST(DataScope, ExternalBodySeesOwnOrgOnly) {
    auto s = compute_scope(facts(8, "external_body", "city", "130500"), {"agency_liaison"}, {81});
    EXPECT_EQ(s.org_ids, std::vector<int64_t>{8});
}

TEST(DataScope, NoOrganisationSeesNothing) { EXPECT_TRUE(compute_scope(OrgFacts{}, {"supervisor"}, {}).empty()); }

TEST(DataScope, EveryTableRowHasAnExpectedShape) {
    struct Row {
        const char* kind;
        const char* level;
        ScopeShape shape;
    };
    const Row rows[] = {
        {"government", "city", ScopeShape::kWholeCity},
        {"supervision_dept", "city", ScopeShape::kWholeCity},
        {"government", "county", ScopeShape::kOwnCounty},
        {"supervision_dept", "county", ScopeShape::kOwnCounty},
        {"supervision_room", "township", ScopeShape::kRoomTownship},
        {"organ", "city", ScopeShape::kOrgAndSubordinates},
        {"authorized", "county", ScopeShape::kOrgAndSubordinates},
        {"entrusted", "city", ScopeShape::kOrgAndSubordinates},
        {"dispatched", "county", ScopeShape::kOrgAndSubordinates},
        {"township_gov", "township", ScopeShape::kOrgAndSubordinates},
        {"vertical", "city", ScopeShape::kOrgAndSubordinates},
        {"enforcement_team", "township", ScopeShape::kOrgAndSubordinates},
        {"external_body", "city", ScopeShape::kOwnOrgOnly},
    };
    ASSERT_EQ(scope_table().size(), std::size(rows));
    for (const auto& r : rows) EXPECT_EQ(scope_shape(r.kind, r.level), r.shape) << r.kind << "/" << r.level;
}

}  // namespace
}  // namespace lecs::org::rules
