// Demo organisations, people and certificates for Xingtai (lecs seed-demo).
//
// Contract: seed_demo_orgs() creates, through OrgService and in the caller's
// Tx, a deterministic set (the same names, codes, ID numbers and certificate
// numbers on every run): the city government and 司法局, ~20 city agencies of
// every Art 27 kind with valid USCCs, 邢台经济开发区's 管委会 and one body, the
// 18 county governments and 司法局, agencies of 信都区 and 宁晋县, their
// townships' governments and supervision rooms (some with an Art 27 综合行政
// 执法队), ~300 people with valid ID numbers, and certificates of which some
// expired and some were suspended. It expects an empty org schema with regions
// loaded (ensure_regions) and a `system` caller holding org.write,
// person.write, cert.write and the whole-city scope; it throws
// std::runtime_error if any step is refused.
#pragma once

#include <cstdint>

#include "lecs/auth/caller.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/db/db.hpp"
#include "lecs/org/service.hpp"

namespace lecs::org {

struct DemoOrgs {
    // organisations
    int64_t city_gov = 0;         // 邢台市人民政府
    int64_t city_justice = 0;     // 邢台市司法局 (supervision_dept, city)
    int64_t scjg = 0;             // 邢台市市场监督管理局
    int64_t sthj = 0;             // 邢台市生态环境局
    int64_t city_authorized = 0;  // 邢台市住房公积金管理中心 (authorized)
    int64_t city_entrusted = 0;   // 邢台市水利工程管理处 (entrusted by 邢台市水利局)
    int64_t city_water = 0;       // 邢台市水利局 (its entrusting agency)
    int64_t city_dispatched = 0;  // 邢台市市场监督管理局经济开发区分局 (dispatched, parent scjg)
    int64_t city_vertical = 0;    // 国家税务总局邢台市税务局
    int64_t city_court = 0;       // 邢台市中级人民法院 (external_body)
    int64_t devzone = 0;          // 邢台经济开发区管理委员会 (city-level)
    int64_t devzone_body = 0;     // 邢台经济开发区综合执法局 (city-level)
    int64_t xindu_gov = 0, xindu_justice = 0;
    int64_t xindu_agency = 0;    // 信都区市场监督管理局
    int64_t xindu_agency2 = 0;   // 信都区综合行政执法局
    int64_t xindu_township = 0;  // 信都区李村镇人民政府
    int64_t xindu_room = 0;      // 信都区李村镇行政执法协调监督室
    int64_t xindu_team = 0;      // 信都区李村镇综合行政执法队
    int64_t ningjin_gov = 0, ningjin_justice = 0;
    int64_t ningjin_agency = 0;    // 宁晋县市场监督管理局
    int64_t ningjin_agency2 = 0;   // 宁晋县自然资源和规划局
    int64_t ningjin_township = 0;  // 宁晋县凤凰镇人民政府
    int64_t ningjin_room = 0;      // 宁晋县凤凰镇行政执法协调监督室

    // people
    int64_t city_gov_leader = 0;
    int64_t city_dept_leader = 0;  // head of 邢台市司法局, supervision certificate valid 2024-06-01..2028-05-31
    int64_t city_sup1 = 0, city_sup2 = 0;  // supervision certificates valid 2024-06-01..2028-05-31
    int64_t city_sup3 = 0;                 // supervision certificate expired: expires_on 2026-03-01
    int64_t xindu_gov_leader = 0, xindu_dept_leader = 0, xindu_sup1 = 0, xindu_room_sup = 0;
    int64_t ningjin_gov_leader = 0, ningjin_dept_leader = 0, ningjin_sup1 = 0, ningjin_room_sup = 0;
    int64_t scjg_head = 0, scjg_liaison = 0;
    int64_t xindu_agency_head = 0, xindu_agency_liaison = 0;
    int64_t ningjin_agency_head = 0, ningjin_agency_liaison = 0;

    // certificate ids of the named supervisors
    int64_t city_sup1_cert = 0, city_sup2_cert = 0, city_sup3_cert = 0;

    // totals
    int64_t orgs = 0, people = 0, certificates = 0, expired_certificates = 0, suspended_certificates = 0;
};

DemoOrgs seed_demo_orgs(db::Tx& tx, OrgService& svc, const auth::Caller& system, int64_t now_ms);
// The form the lead codes against; PII is sealed by the service's own Pii, so
// `pii` must be that same instance (it is not used otherwise).
inline DemoOrgs seed_demo_orgs(db::Tx& tx, OrgService& svc, const auth::Caller& system, Pii& /*pii*/, int64_t now_ms) {
    return seed_demo_orgs(tx, svc, system, now_ms);
}

}  // namespace lecs::org
