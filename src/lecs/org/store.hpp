// The org module's SQL and nothing else. Every function takes the caller's Tx.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/db/db.hpp"
#include "lecs/org/model.hpp"

namespace lecs::org::store {

// ---- scope ----------------------------------------------------------------
// A WHERE fragment restricting organizations alias `o` to the scope; appends
// its parameters to params. An empty scope yields "1=0" (deny by default).
std::string scope_clause(const auth::DataScope& scope, std::string_view org_alias, db::Params& params);

// ---- regions --------------------------------------------------------------
// Inserts unless (code, effective_from) exists; returns true when inserted.
bool insert_region_if_absent(db::Tx& tx, const Region& r);
std::vector<Region> current_regions(db::Tx& tx);  // effective_to IS NULL
std::optional<Region> find_current_region(db::Tx& tx, const std::string& code);

// ---- organisations --------------------------------------------------------
void insert_org(db::Tx& tx, const Org& o);
std::optional<Org> find_org(db::Tx& tx, int64_t id);
// Writes o with version+1 if the stored version is expected; false otherwise.
bool update_org(db::Tx& tx, const Org& o, int64_t expected_version);

struct OrgFilter {
    std::optional<std::string> region;  // code prefix
    std::optional<std::string> kind;
    std::optional<std::string> q;  // name contains
    std::optional<std::string> status;
};
struct Page {
    int64_t page = 1;
    int64_t size = 20;
};
std::vector<Org> list_orgs(db::Tx& tx, const OrgFilter& f, const auth::DataScope& scope, const Page& p, int64_t* total);
std::vector<Org> all_orgs(db::Tx& tx, const auth::DataScope& scope);
// The enforcement domain (执法领域; "" = 未分类) of each of the organisations that exists.
std::map<int64_t, std::string> domains_of(db::Tx& tx, const std::vector<int64_t>& org_ids);
// Bodies that belong to id (parent_id) or act in its name (entrusting_id), transitively.
std::vector<int64_t> subordinate_org_ids(db::Tx& tx, int64_t id);
void insert_history(db::Tx& tx, const OrgHistory& h);
std::vector<OrgHistory> list_history(db::Tx& tx, int64_t org_id);

// ---- people ---------------------------------------------------------------
void insert_person(db::Tx& tx, const PersonRow& p);
std::optional<PersonRow> find_person(db::Tx& tx, int64_t id);
bool update_person(db::Tx& tx, const PersonRow& p, int64_t expected_version);
struct PersonFilter {
    std::optional<int64_t> org_id;
    std::optional<std::string> q;          // name contains
    std::optional<std::string> id_no_idx;  // exact ID number via the blind index
};
std::vector<PersonRow> list_people(db::Tx& tx, const PersonFilter& f, const auth::DataScope& scope, const Page& p,
                                   int64_t* total);
std::optional<std::string> person_name(db::Tx& tx, int64_t id);

// ---- certificates ---------------------------------------------------------
void insert_certificate(db::Tx& tx, const Certificate& c);
std::optional<Certificate> find_certificate(db::Tx& tx, int64_t id);
std::optional<Certificate> find_certificate_by_number(db::Tx& tx, const std::string& number);
bool bump_certificate_version(db::Tx& tx, int64_t id, int64_t expected_version, int64_t now_ms);
struct CertificateFilter {
    std::optional<int64_t> org_id;
    std::optional<int64_t> person_id;
    std::optional<std::string> kind;
};
std::vector<Certificate> list_certificates(db::Tx& tx, const CertificateFilter& f, const auth::DataScope& scope);
void insert_certificate_event(db::Tx& tx, const CertificateEvent& e);
std::vector<CertificateEvent> certificate_events(db::Tx& tx, int64_t certificate_id);
// Events of many certificates at once (a list page), grouped by the caller.
std::vector<CertificateEvent> certificate_events_of(db::Tx& tx, const std::vector<int64_t>& certificate_ids);

// ---- staffing and training (Art 23) --------------------------------------
std::vector<Staffing> list_staffing(db::Tx& tx, int64_t org_id);
std::optional<Staffing> find_staffing(db::Tx& tx, int64_t org_id, int year);
void insert_staffing(db::Tx& tx, const Staffing& s, int64_t now_ms, int64_t by);
bool update_staffing(db::Tx& tx, const Staffing& s, int64_t expected_version, int64_t now_ms);
void insert_training(db::Tx& tx, const Training& t, int64_t now_ms, int64_t by);
struct TrainingFilter {
    std::optional<int64_t> org_id;
    std::optional<int> year;
};
std::vector<Training> list_trainings(db::Tx& tx, const TrainingFilter& f, const auth::DataScope& scope, const Page& p,
                                     int64_t* total);

}  // namespace lecs::org::store
