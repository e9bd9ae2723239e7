#include "lecs/org/rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "lecs/base/provision.hpp"
#include "lecs/base/validate.hpp"

namespace lecs::org::rules {
namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Events in effect order: by effective date, then by recording time.
std::vector<const CertificateEvent*> ordered(std::span<const CertificateEvent> events) {
    std::vector<const CertificateEvent*> v;
    v.reserve(events.size());
    for (const auto& e : events) v.push_back(&e);
    std::stable_sort(v.begin(), v.end(), [](const CertificateEvent* a, const CertificateEvent* b) {
        if (a->effective_on != b->effective_on) return a->effective_on < b->effective_on;
        return a->at_ms < b->at_ms;
    });
    return v;
}

std::string state_of(std::string_view event) {
    if (event == "suspended") return "suspended";
    if (event == "revoked") return "revoked";
    return "active";  // issued, reinstated
}

constexpr std::array kOrgKinds = {
    std::string_view{kind::kGovernment},      std::string_view{kind::kSupervisionDept},
    std::string_view{kind::kSupervisionRoom}, std::string_view{kind::kOrgan},
    std::string_view{kind::kAuthorized},      std::string_view{kind::kEntrusted},
    std::string_view{kind::kDispatched},      std::string_view{kind::kTownshipGov},
    std::string_view{kind::kVertical},        std::string_view{kind::kEnforcementTeam},
    std::string_view{kind::kExternalBody},
};

constexpr std::array kAgencyKinds = {
    std::string_view{kind::kOrgan},           std::string_view{kind::kAuthorized},  std::string_view{kind::kEntrusted},
    std::string_view{kind::kDispatched},      std::string_view{kind::kTownshipGov}, std::string_view{kind::kVertical},
    std::string_view{kind::kEnforcementTeam},
};

// REQUIREMENTS §3: city sees all; a county its county and its townships; a
// township room its township (and, Art 27, the township's own bodies); an
// agency what concerns the agency. First match wins.
constexpr ScopeRow kScopeTable[] = {
    // kind                  level       shape
    {kind::kGovernment, "city", ScopeShape::kWholeCity},
    {kind::kSupervisionDept, "city", ScopeShape::kWholeCity},
    {kind::kGovernment, "county", ScopeShape::kOwnCounty},
    {kind::kSupervisionDept, "county", ScopeShape::kOwnCounty},
    {kind::kSupervisionRoom, "township", ScopeShape::kRoomTownship},
    {kind::kOrgan, "*", ScopeShape::kOrgAndSubordinates},
    {kind::kAuthorized, "*", ScopeShape::kOrgAndSubordinates},
    {kind::kEntrusted, "*", ScopeShape::kOrgAndSubordinates},
    {kind::kDispatched, "*", ScopeShape::kOrgAndSubordinates},
    {kind::kTownshipGov, "*", ScopeShape::kOrgAndSubordinates},
    {kind::kVertical, "*", ScopeShape::kOrgAndSubordinates},
    {kind::kEnforcementTeam, "*", ScopeShape::kOrgAndSubordinates},
    {"*", "*", ScopeShape::kOwnOrgOnly},
};

}  // namespace

// ---- certificates -------------------------------------------------------

std::string_view certificate_kind_name(std::string_view kind) {
    return kind == "supervision" ? "行政执法监督证" : "行政执法证";
}

bool is_certificate_kind(std::string_view kind) { return kind == "enforcement" || kind == "supervision"; }

bool is_certificate_event(std::string_view e) {
    return e == "issued" || e == "suspended" || e == "reinstated" || e == "revoked";
}

Validity certificate_validity(const Certificate& c, std::span<const CertificateEvent> events, Date d) {
    const std::string name(certificate_kind_name(c.kind));
    // Art 13: on-site supervision shows a supervision certificate valid on the day.
    const std::string basis = c.kind == "supervision" ? cite(Provision::kMeasuresArt13) : std::string();
    const CertificateEvent* latest = nullptr;
    for (const auto* e : ordered(events))
        if (e->effective_on <= d) latest = e;
    if (latest && latest->event == "revoked")
        return {false, "revoked", name + "已于" + latest->effective_on.chinese() + "被吊销", basis};
    if (latest && latest->event == "suspended")
        return {false, "suspended", name + "已于" + latest->effective_on.chinese() + "被暂停", basis};
    if (d < c.issued_on)
        return {false, "not_yet_valid", name + "自" + c.issued_on.chinese() + "起生效，" + d.chinese() + "尚未生效",
                basis};
    if (d > c.expires_on) return {false, "expired", name + "已于" + c.expires_on.chinese() + "过期", basis};
    return {true, "valid", {}, {}};
}

std::string current_state(std::span<const CertificateEvent> events) {
    auto v = ordered(events);
    return v.empty() ? "active" : state_of(v.back()->event);
}

Result<void> check_certificate_event(std::span<const CertificateEvent> events, std::string_view event,
                                     Date effective_on) {
    if (!is_certificate_event(event))
        return Error::validation("cert.event_invalid", "证件状态事件只能是签发、暂停、恢复或吊销", "event");
    auto v = ordered(events);
    if (event == "issued") {
        if (!v.empty()) return Error::conflict("cert.bad_transition", "证件已签发，不能重复签发", "event");
        return ok();
    }
    if (v.empty()) return Error::conflict("cert.bad_transition", "证件尚未签发", "event");
    if (effective_on < v.back()->effective_on)
        return Error::validation("cert.effective_before_last",
                                 "生效日期不能早于上一状态变更的生效日期（" + v.back()->effective_on.chinese() + "）",
                                 "effective_on");
    const std::string state = state_of(v.back()->event);
    if (state == "revoked") return Error::conflict("cert.bad_transition", "证件已被吊销，不能再变更状态", "event");
    if (event == "suspended" && state != "active")
        return Error::conflict("cert.bad_transition", "只有有效状态的证件才能暂停", "event");
    if (event == "reinstated" && state != "suspended")
        return Error::conflict("cert.bad_transition", "只有被暂停的证件才能恢复", "event");
    return ok();
}

// ---- regions --------------------------------------------------------------

std::optional<std::string> region_level(std::string_view code) {
    if (!all_digits(code) || code.substr(0, 4) != "1305") return std::nullopt;
    if (code.size() == 6) {
        if (code == kCityCode) return "city";
        if (code.substr(4) == "00") return std::nullopt;
        return "county";
    }
    if (code.size() == 9 && code.substr(4, 2) != "00") return "township";
    return std::nullopt;
}

std::string county_of(std::string_view code) { return std::string(code.substr(0, std::min<size_t>(6, code.size()))); }

bool is_city_managed(std::string_view code) { return code == kCityCode || county_of(code) == kDevZoneCode; }

// ---- organisations -------------------------------------------------------

bool is_org_kind(std::string_view k) { return std::find(kOrgKinds.begin(), kOrgKinds.end(), k) != kOrgKinds.end(); }
bool is_agency_kind(std::string_view k) {
    return std::find(kAgencyKinds.begin(), kAgencyKinds.end(), k) != kAgencyKinds.end();
}
bool is_level(std::string_view l) { return l == "city" || l == "county" || l == "township"; }

std::string level_for_region(std::string_view region_code) {
    auto lv = region_level(region_code);
    if (!lv) return {};
    // 邢台经济开发区: its county-level code is city-managed, so its bodies are city-level.
    if (*lv == "county" && region_code == kDevZoneCode) return "city";
    return *lv;
}

Result<void> check_org_shape(const OrgShape& s) {
    if (!is_org_kind(s.kind)) return Error::validation("org.kind_invalid", "机构类型不正确", "kind");
    // The region first: an unknown region leaves the derived level empty, and the
    // user must be told about the field they actually got wrong.
    auto region_lv = region_level(s.region_code);
    if (!region_lv) return Error::validation("org.region_invalid", "行政区划代码不正确", "region_code");
    if (!is_level(s.level)) return Error::validation("org.level_invalid", "机构层级只能是市级、县级或乡级", "level");
    // A body sits at the level of its region (devzone bodies: city-level),
    // except a county agency's station in a township (派出所/市场监管所).
    const std::string natural = level_for_region(s.region_code);
    bool level_ok = s.level == natural || (natural == "township" && s.level == "county" && s.kind == kind::kDispatched);
    if (!level_ok) return Error::validation("org.level_mismatch", "机构层级与所在行政区划不一致", "level");
    if (s.kind == kind::kSupervisionRoom && s.level != "township")
        return Error::validation("org.level_mismatch", "行政执法协调监督室只设在乡镇（街道）", "level",
                                 cite(Provision::kMeasuresArt3));
    if (s.kind == kind::kTownshipGov && s.level != "township")
        return Error::validation("org.level_mismatch", "乡镇政府、街道办事处只能是乡级", "level");
    if (s.kind == kind::kGovernment && s.level == "township")
        return Error::validation("org.kind_invalid", "乡镇人民政府请使用类型“乡镇政府/街道办事处”", "kind");
    if (s.kind == kind::kEntrusted && !s.has_entrusting)
        return Error::validation("org.entrusting_required", "受委托组织必须填写委托机关", "entrusting_id",
                                 cite(Provision::kPenaltyLawArt20));
    if (s.kind != kind::kEntrusted && s.has_entrusting)
        return Error::validation("org.entrusting_unexpected", "只有受委托组织才有委托机关", "entrusting_id");
    if ((s.kind == kind::kDispatched || s.kind == kind::kEnforcementTeam) && !s.has_parent)
        return Error::validation("org.parent_required", "派出机构和乡镇所属执法队伍必须填写所属机关", "parent_id",
                                 cite(Provision::kMeasuresArt27));
    if (s.uscc && !valid_uscc(*s.uscc))
        return Error::validation("org.uscc_invalid", "统一社会信用代码校验位错误", "uscc");
    return ok();
}

// ---- data scope -----------------------------------------------------------

std::span<const ScopeRow> scope_table() { return kScopeTable; }

ScopeShape scope_shape(std::string_view k, std::string_view level) {
    for (const auto& r : kScopeTable)
        if ((r.kind == "*" || r.kind == k) && (r.level == "*" || r.level == level)) return r.shape;
    return ScopeShape::kOwnOrgOnly;
}

bool is_admin_role(std::string_view r) { return r == "sys_admin" || r == "security_admin" || r == "audit_admin"; }
bool is_participant_role(std::string_view r) { return r == "expert" || r == "social_supervisor" || r == "evaluator"; }

auth::DataScope compute_scope(const OrgFacts& user_org, const std::vector<std::string>& roles,
                              const std::vector<int64_t>& subordinate_org_ids) {
    auth::DataScope s;
    if (std::any_of(roles.begin(), roles.end(), [](const std::string& r) { return is_admin_role(r); })) {
        s.whole_city = true;
        return s;
    }
    auto own_org = [&] {
        if (user_org.id != 0) s.org_ids.push_back(user_org.id);
    };
    // A participant sees only their own organisation, whatever it is.
    bool only_participant = !roles.empty() && std::all_of(roles.begin(), roles.end(),
                                                          [](const std::string& r) { return is_participant_role(r); });
    if (user_org.id == 0) return s;  // no organisation: nothing (deny by default)
    if (only_participant) {
        own_org();
        return s;
    }
    auto with_subordinates = [&] {
        own_org();
        for (int64_t id : subordinate_org_ids)
            if (id != 0 && std::find(s.org_ids.begin(), s.org_ids.end(), id) == s.org_ids.end())
                s.org_ids.push_back(id);
    };
    switch (scope_shape(user_org.kind, user_org.level)) {
        case ScopeShape::kWholeCity:
            s.whole_city = true;
            break;
        case ScopeShape::kOwnCounty:
            s.region_prefixes.push_back(county_of(user_org.region_code));
            break;
        case ScopeShape::kRoomTownship:
            if (user_org.region_code.size() == 9) s.region_prefixes.push_back(user_org.region_code);
            with_subordinates();
            break;
        case ScopeShape::kOrgAndSubordinates:
            with_subordinates();
            break;
        case ScopeShape::kOwnOrgOnly:
            own_org();
            break;
    }
    return s;
}

}  // namespace lecs::org::rules
