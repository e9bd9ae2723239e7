// The org module's use cases (REQUIREMENTS §2): regions, organisations,
// people (PII sealed and masked), certificates (validity at a date), staffing
// and training (Art 23), and the public certificate verification.
//
// Contract:
// - Every method takes the caller's db::Tx (no BEGIN inside), checks the
//   caller's permission and data scope (404 for an object out of scope), and
//   appends to the audit log in the same Tx for every write, with before/after
//   JSON that carries masked PII only.
// - ensure_regions() loads the embedded division codes idempotently; the lead
//   calls it after migrations at start-up.
// - owner_of() and scope_for_user_org() are the hooks the auth/http scope
//   middleware uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"
#include "lecs/org/model.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"

namespace lecs::org {

// Loads 邢台市 (130500), the county-level rows (incl. 130571) and the township
// rows from the embedded CSVs. Returns the number of rows inserted (0 when
// they were all there already).
int ensure_regions(db::Tx& tx);

// Owner of an object of kind "org", "person" or "certificate" (for
// ScopeRule::object); nullopt when it does not exist.
std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);

// The data scope of a user of organisation org_id with these roles
// (rules::compute_scope with the organisation's facts and subordinates).
auth::DataScope scope_for_user_org(db::Tx& tx, int64_t org_id, const std::vector<std::string>& roles);

// 行政处罚法第二十条 / Art 27: an entrusted body acts in the name of its
// entrusting agency, so its acts, disputes, notices and rates attach to that
// agency. Returns the entrusting agency of an entrusted body, else org_id
// itself; nullopt when org_id does not exist.
std::optional<int64_t> acting_agency(db::Tx& tx, int64_t org_id);

template <class T>
struct PageOf {
    std::vector<T> items;
    int64_t total = 0;
};

struct RegionNode {
    Region region;
    std::vector<RegionNode> children;
};

struct OrgInput {
    std::string name;
    std::string short_name;
    std::string kind;
    std::optional<std::string> external_kind;
    std::string level;  // empty: derived from the region
    std::string region_code;
    std::optional<std::string> uscc;
    std::optional<int64_t> superior_id, parent_id, entrusting_id, government_id, head_person_id;
    std::string domain;  // 执法领域; "" = 未分类
};

// Absent fields are unchanged; an id field set to 0 is cleared.
struct OrgPatch {
    int64_t version = 0;
    std::optional<std::string> name, short_name, uscc, domain;
    std::optional<int64_t> superior_id, parent_id, entrusting_id, government_id, head_person_id, successor_id;
    std::optional<std::string> status;  // "active" | "abolished"
    std::optional<Date> abolished_on;
    std::string reason;  // recorded in org_history
};

struct NamedRef {
    int64_t id = 0;
    std::string name;
};

struct OrgDetail {
    Org org;
    std::string region_name;
    std::optional<NamedRef> head, superior, parent, entrusting, government, successor;
    std::vector<OrgHistory> history;
};

struct OrgTreeNode {
    Org org;
    std::vector<OrgTreeNode> children;
};
struct OrgRegionNode {
    Region region;
    std::vector<OrgTreeNode> orgs;
    std::vector<OrgRegionNode> children;
};

struct PersonInput {
    std::string name;
    int64_t org_id = 0;
    std::string position;
    bool is_head = false;
    bool is_public_servant = true;
    std::optional<std::string> id_no;
    std::optional<std::string> phone;
};

struct PersonPatch {
    int64_t version = 0;
    std::optional<std::string> name, position, id_no, phone;
    std::optional<int64_t> org_id;
    std::optional<bool> is_head, is_public_servant;
};

// A person as every response shows it: PII masked.
struct PersonView {
    int64_t id = 0;
    std::string name;
    int64_t org_id = 0;
    std::string org_name;
    std::string position;
    bool is_head = false;
    bool is_public_servant = true;
    std::string id_no_masked;
    std::string phone_masked;
    int64_t version = 1;
};

struct Unmasked {
    std::string id_no;
    std::string phone;
};

struct CertificateInput {
    std::string kind;
    std::string number;
    int64_t person_id = 0;
    std::string issuer;  // supervision: always 河北省人民政府 (Art 13)
    Date issued_on, expires_on;
    std::vector<std::string> fields;
};

struct CertificateEventInput {
    std::string event;
    Date effective_on;
    std::string reason;
    int64_t version = 0;
};

struct CertificateView {
    Certificate cert;
    std::string holder_name;
    std::string org_name;
    Date at;
    rules::Validity validity;  // at `at`
    std::string state;         // latest state whatever its date: active | suspended | revoked
    std::vector<CertificateEvent> events;
};

struct CertificateQuery {
    std::optional<int64_t> org_id, person_id;
    std::optional<std::string> kind;
    std::optional<std::string> status;  // derived status at `at`
    Date at;
    store::Page page;
};

// GET /public/certificates/{number}: nothing but what a citizen needs.
struct PublicCertificate {
    std::string number, kind, status, holder_masked, org_name, issuer;
    bool valid = false;
    Date expires_on;
};

struct StaffingInput {
    int year = 0;
    int64_t approved_posts = 0, actual_staff = 0, supervised_agencies = 0;
    int64_t version = 0;  // 0 when creating the year's row
};

struct TrainingInput {
    int64_t org_id = 0;
    std::string course;
    Date held_on;
    int64_t minutes = 0;
    std::vector<int64_t> attendees;
};

inline constexpr std::string_view kSupervisionCertIssuer = "河北省人民政府";

class OrgService {
  public:
    OrgService(audit::AuditLog& audit, Pii& pii) : audit_(audit), pii_(pii) {}

    // Regions (public data).
    std::vector<RegionNode> region_tree(db::Tx& tx);

    // Organisations.
    Result<PageOf<Org>> list_orgs(db::Tx& tx, const auth::Caller& who, const store::OrgFilter& f, const store::Page& p);
    // The city's directory of organisations (name, kind, level, region), to any logged-in user with an
    // organisation: an agency names the other party of a dispute (Art 8) outside its own data scope.
    // Public-facing facts only; the rows themselves stay scoped in list_orgs/get_org.
    Result<PageOf<Org>> directory(db::Tx& tx, const auth::Caller& who, const store::OrgFilter& f, const store::Page& p);
    Result<std::vector<OrgRegionNode>> org_tree(db::Tx& tx, const auth::Caller& who);
    Result<OrgDetail> get_org(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<Org> create_org(db::Tx& tx, const auth::Caller& who, const OrgInput& in, int64_t now_ms);
    Result<Org> patch_org(db::Tx& tx, const auth::Caller& who, int64_t id, const OrgPatch& in, int64_t now_ms);

    // People.
    Result<PageOf<PersonView>> list_people(db::Tx& tx, const auth::Caller& who, std::optional<int64_t> org_id,
                                           std::optional<std::string> q, const store::Page& p);
    Result<PersonView> get_person(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<PersonView> create_person(db::Tx& tx, const auth::Caller& who, const PersonInput& in, int64_t now_ms);
    Result<PersonView> patch_person(db::Tx& tx, const auth::Caller& who, int64_t id, const PersonPatch& in,
                                    int64_t now_ms);
    // pii.unmask with a reason; audited one by one ("person.unmask").
    Result<Unmasked> unmask_person(db::Tx& tx, const auth::Caller& who, int64_t id, std::string_view reason,
                                   int64_t now_ms);

    // Certificates.
    Result<PageOf<CertificateView>> list_certificates(db::Tx& tx, const auth::Caller& who, const CertificateQuery& q);
    Result<CertificateView> get_certificate(db::Tx& tx, const auth::Caller& who, int64_t id, Date at);
    Result<CertificateView> create_certificate(db::Tx& tx, const auth::Caller& who, const CertificateInput& in,
                                               int64_t now_ms);
    Result<CertificateView> add_certificate_event(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                  const CertificateEventInput& in, int64_t now_ms);
    // Valid today (Asia/Shanghai date of now_ms); not_found when unknown.
    Result<PublicCertificate> verify_public(db::Tx& tx, std::string_view number, int64_t now_ms);

    // Staffing and training (Art 23).
    Result<std::vector<Staffing>> get_staffing(db::Tx& tx, const auth::Caller& who, int64_t org_id);
    Result<Staffing> put_staffing(db::Tx& tx, const auth::Caller& who, int64_t org_id, const StaffingInput& in,
                                  int64_t now_ms);
    Result<PageOf<Training>> list_trainings(db::Tx& tx, const auth::Caller& who, const store::TrainingFilter& f,
                                            const store::Page& p);
    Result<Training> create_training(db::Tx& tx, const auth::Caller& who, const TrainingInput& in, int64_t now_ms);

  private:
    Result<Org> visible_org(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<PersonRow> visible_person(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<Certificate> visible_certificate(db::Tx& tx, const auth::Caller& who, int64_t id);
    Result<void> check_org_links(db::Tx& tx, const Org& o);
    PersonView view_of(db::Tx& tx, const PersonRow& p);
    CertificateView cert_view(db::Tx& tx, const Certificate& c, std::vector<CertificateEvent> events, Date at);
    void audit(db::Tx& tx, const auth::Caller& who, std::string action, std::string kind, int64_t id,
               std::string before, std::string after, int64_t now_ms, std::string detail = {});

    audit::AuditLog& audit_;
    Pii& pii_;
};

}  // namespace lecs::org
