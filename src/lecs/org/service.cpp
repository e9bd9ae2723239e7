#include "lecs/org/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>

#include "lecs/base/embedded.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/mask.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/base/validate.hpp"
#include "lecs/org/detail/service_util.hpp"
#include "lecs/org/domains.hpp"
#include "lecs/org/render.hpp"

namespace lecs::org {
namespace {

namespace json = boost::json;
using detail::need;
using detail::owner_of_org;

constexpr std::string_view kRegionsFrom = "2022-01-01";  // the 2022 division codes

// One CSV line, RFC 4180 quoting (the division files quote the names).
std::vector<std::string> csv_fields(std::string_view line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(std::move(cur));
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    out.push_back(std::move(cur));
    return out;
}

// Rows of an embedded CSV as header-name → value maps.
std::vector<std::map<std::string, std::string>> csv_rows(std::string_view path) {
    auto content = embedded::find(path);
    if (!content) throw std::runtime_error("embedded file missing: " + std::string(path));
    std::vector<std::map<std::string, std::string>> rows;
    std::vector<std::string> header;
    size_t pos = 0;
    while (pos < content->size()) {
        size_t nl = content->find('\n', pos);
        std::string_view line = content->substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? content->size() : nl + 1;
        if (line.empty() || line == "\r") continue;
        auto f = csv_fields(line);
        if (header.empty()) {
            header = std::move(f);
            continue;
        }
        std::map<std::string, std::string> row;
        for (size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string org_audit_json(const Org& o) { return json::serialize(render::org(o)); }

}  // namespace

// ---- free functions ---------------------------------------------------------

int ensure_regions(db::Tx& tx) {
    int inserted = 0;
    auto add = [&](Region r) {
        r.effective_from = std::string(kRegionsFrom);
        if (store::insert_region_if_absent(tx, r)) ++inserted;
    };
    add(Region{std::string(rules::kCityCode), "邢台市", "city", "", "", std::nullopt, ""});
    bool devzone = false;
    for (auto& row : csv_rows("data/xingtai-counties-2022.csv")) {
        std::string note;
        if (row["code"] == rules::kDevZoneCode) {
            devzone = true;
            note = "city-managed, no government";
        }
        add(Region{row["code"], row["name"], "county", std::string(rules::kCityCode), "", std::nullopt, note});
    }
    if (!devzone)
        add(Region{std::string(rules::kDevZoneCode), "邢台经济开发区", "county", std::string(rules::kCityCode), "",
                   std::nullopt, "city-managed, no government"});
    for (auto& row : csv_rows("data/xingtai-townships-2022.csv"))
        add(Region{row["code"], row["name"], "township", row["areaCode"], "", std::nullopt, ""});
    return inserted;
}

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    int64_t org_id = 0;
    if (kind == "org") {
        org_id = id;
    } else if (kind == "person") {
        auto p = store::find_person(tx, id);
        if (!p) return std::nullopt;
        org_id = p->org_id;
    } else if (kind == "certificate") {
        auto c = store::find_certificate(tx, id);
        if (!c) return std::nullopt;
        org_id = c->org_id;
    } else {
        return std::nullopt;
    }
    auto o = store::find_org(tx, org_id);
    if (!o) return std::nullopt;
    return owner_of_org(*o);
}

std::optional<int64_t> acting_agency(db::Tx& tx, int64_t org_id) {
    auto o = store::find_org(tx, org_id);
    if (!o) return std::nullopt;
    if (o->kind == kind::kEntrusted && o->entrusting_id) return *o->entrusting_id;
    return o->id;
}

auth::DataScope scope_for_user_org(db::Tx& tx, int64_t org_id, const std::vector<std::string>& roles) {
    OrgFacts facts;
    std::vector<int64_t> subs;
    if (auto o = store::find_org(tx, org_id)) {
        facts = OrgFacts{o->id, o->kind, o->level, o->region_code};
        subs = store::subordinate_org_ids(tx, o->id);
    }
    return rules::compute_scope(facts, roles, subs);
}

// ---- helpers ----------------------------------------------------------------

void OrgService::audit(db::Tx& tx, const auth::Caller& who, std::string action, std::string kind, int64_t id,
                       std::string before, std::string after, int64_t now_ms, std::string detail) {
    audit::Entry e;
    e.action = std::move(action);
    e.object_kind = std::move(kind);
    e.object_id = id_to_string(id);
    e.before_json = std::move(before);
    e.after_json = std::move(after);
    e.detail = std::move(detail);
    audit_.append(tx, who, e, now_ms);
}

Result<Org> OrgService::visible_org(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto o = store::find_org(tx, id);
    if (!o || !who.scope.covers(owner_of_org(*o))) return Error::not_found();
    return *o;
}

Result<PersonRow> OrgService::visible_person(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto p = store::find_person(tx, id);
    if (!p) return Error::not_found();
    auto o = store::find_org(tx, p->org_id);
    if (!o || !who.scope.covers(owner_of_org(*o))) return Error::not_found();
    return *p;
}

Result<Certificate> OrgService::visible_certificate(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto c = store::find_certificate(tx, id);
    if (!c) return Error::not_found();
    auto o = store::find_org(tx, c->org_id);
    if (!o || !who.scope.covers(owner_of_org(*o))) return Error::not_found();
    return *c;
}

// ---- regions ------------------------------------------------------------------

std::vector<RegionNode> OrgService::region_tree(db::Tx& tx) {
    auto all = store::current_regions(tx);
    std::map<std::string, std::vector<const Region*>> by_parent;
    for (const auto& r : all) by_parent[r.parent_code].push_back(&r);
    std::function<std::vector<RegionNode>(const std::string&)> build = [&](const std::string& parent) {
        std::vector<RegionNode> out;
        for (const auto* r : by_parent[parent]) out.push_back(RegionNode{*r, build(r->code)});
        return out;
    };
    return build("");
}

// ---- organisations ----------------------------------------------------------

Result<PageOf<Org>> OrgService::list_orgs(db::Tx& tx, const auth::Caller& who, const store::OrgFilter& f,
                                          const store::Page& p) {
    LECS_TRY(need(who, "org.read"));
    PageOf<Org> out;
    out.items = store::list_orgs(tx, f, who.scope, p, &out.total);
    return out;
}

Result<PageOf<Org>> OrgService::directory(db::Tx& tx, const auth::Caller& who, const store::OrgFilter& f,
                                          const store::Page& p) {
    if (who.user_id == 0 || who.org_id == 0) return Error::forbidden();
    auth::DataScope city;
    city.whole_city = true;
    PageOf<Org> out;
    out.items = store::list_orgs(tx, f, city, p, &out.total);
    return out;
}

Result<std::vector<OrgRegionNode>> OrgService::org_tree(db::Tx& tx, const auth::Caller& who) {
    LECS_TRY(need(who, "org.read"));
    auto orgs = store::all_orgs(tx, who.scope);
    std::map<int64_t, const Org*> by_id;
    for (const auto& o : orgs) by_id[o.id] = &o;
    // Within a region an organisation hangs under the body it belongs to, or
    // else under its superior organ, when that one is visible and in the same region.
    std::map<int64_t, std::vector<const Org*>> kids;
    std::map<std::string, std::vector<const Org*>> roots;
    for (const auto& o : orgs) {
        std::optional<int64_t> up = o.parent_id ? o.parent_id : o.superior_id;
        auto it = up ? by_id.find(*up) : by_id.end();
        if (it != by_id.end() && it->second->region_code == o.region_code && *up != o.id)
            kids[*up].push_back(&o);
        else
            roots[o.region_code].push_back(&o);
    }
    std::function<OrgTreeNode(const Org*, int)> node = [&](const Org* o, int depth) {
        OrgTreeNode n{*o, {}};
        if (depth < 16)
            for (const auto* k : kids[o->id]) n.children.push_back(node(k, depth + 1));
        return n;
    };
    auto regions = store::current_regions(tx);
    std::map<std::string, std::vector<const Region*>> by_parent;
    for (const auto& r : regions) by_parent[r.parent_code].push_back(&r);
    std::function<std::vector<OrgRegionNode>(const std::string&)> build = [&](const std::string& parent) {
        std::vector<OrgRegionNode> out;
        for (const auto* r : by_parent[parent]) {
            OrgRegionNode n{*r, {}, build(r->code)};
            for (const auto* o : roots[r->code]) n.orgs.push_back(node(o, 0));
            if (!n.orgs.empty() || !n.children.empty()) out.push_back(std::move(n));
        }
        return out;
    };
    return build("");
}

Result<OrgDetail> OrgService::get_org(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_TRY(need(who, "org.read"));
    LECS_ASSIGN(Org o, visible_org(tx, who, id));
    OrgDetail d;
    d.org = o;
    if (auto r = store::find_current_region(tx, o.region_code)) d.region_name = r->name;
    auto named_org = [&](const std::optional<int64_t>& oid) -> std::optional<NamedRef> {
        if (!oid) return std::nullopt;
        auto x = store::find_org(tx, *oid);
        if (!x) return std::nullopt;
        return NamedRef{x->id, x->name};
    };
    d.superior = named_org(o.superior_id);
    d.parent = named_org(o.parent_id);
    d.entrusting = named_org(o.entrusting_id);
    d.government = named_org(o.government_id);
    d.successor = named_org(o.successor_id);
    if (o.head_person_id)
        if (auto n = store::person_name(tx, *o.head_person_id)) d.head = NamedRef{*o.head_person_id, *n};
    d.history = store::list_history(tx, id);
    return d;
}

Result<void> OrgService::check_org_links(db::Tx& tx, const Org& o) {
    auto must_exist = [&](const std::optional<int64_t>& id, const char* field) -> Result<std::optional<Org>> {
        if (!id) return std::optional<Org>{};
        auto x = store::find_org(tx, *id);
        if (!x || x->id == o.id) return Error::validation("org.link_invalid", "关联机构不存在", field);
        return std::optional<Org>(*x);
    };
    LECS_ASSIGN(auto superior, must_exist(o.superior_id, "superior_id"));
    LECS_ASSIGN(auto parent, must_exist(o.parent_id, "parent_id"));
    LECS_ASSIGN(auto entrusting, must_exist(o.entrusting_id, "entrusting_id"));
    LECS_ASSIGN(auto government, must_exist(o.government_id, "government_id"));
    LECS_ASSIGN(auto successor, must_exist(o.successor_id, "successor_id"));
    if (government && government->kind != kind::kGovernment && government->kind != kind::kTownshipGov)
        return Error::validation("org.link_invalid", "本级人民政府必须是人民政府或乡镇政府", "government_id");
    // 行政处罚法第二十条: the entrusting body is an administrative organ that
    // itself holds the power (not another entrusted body).
    if (entrusting && (!rules::is_agency_kind(entrusting->kind) || entrusting->kind == kind::kEntrusted))
        return Error::validation("org.link_invalid", "委托机关必须是具有行政执法权的行政机关", "entrusting_id",
                                 cite(Provision::kPenaltyLawArt20));
    // Art 27: a township's comprehensive enforcement team belongs to the township government.
    if (o.kind == kind::kEnforcementTeam && parent && parent->kind != kind::kTownshipGov)
        return Error::validation("org.link_invalid", "综合行政执法队伍必须隶属于乡镇政府或街道办事处", "parent_id",
                                 cite(Provision::kMeasuresArt27));
    if (o.head_person_id) {
        auto p = store::find_person(tx, *o.head_person_id);
        if (!p || p->org_id != o.id)
            return Error::validation("org.head_invalid", "负责人必须是本机构人员", "head_person_id");
    }
    if (!o.domain.empty() && !find_domain(o.domain))
        return Error::validation("org.domain_invalid", "执法领域不在目录中，请从列表中选择", "domain");
    if (o.uscc) {
        auto other = tx.query_one("SELECT id FROM organizations WHERE uscc = $1 AND id <> $2", {*o.uscc, o.id});
        if (other) return Error::conflict("org.uscc_taken", "统一社会信用代码已被其他机构使用", "uscc");
    }
    return ok();
}

Result<Org> OrgService::create_org(db::Tx& tx, const auth::Caller& who, const OrgInput& in, int64_t now_ms) {
    LECS_TRY(need(who, "org.write"));
    Org o;
    o.id = new_id();
    o.name = in.name;
    o.short_name = in.short_name;
    o.kind = in.kind;
    o.external_kind = in.external_kind;
    o.region_code = in.region_code;
    o.level = in.level.empty() ? rules::level_for_region(in.region_code) : in.level;
    o.uscc = in.uscc;
    if (o.uscc && o.uscc->empty()) o.uscc.reset();
    o.superior_id = in.superior_id;
    o.parent_id = in.parent_id;
    o.entrusting_id = in.entrusting_id;
    o.government_id = in.government_id;
    o.domain = in.domain;
    o.created_at = o.updated_at = now_ms;
    o.created_by = who.user_id;
    if (o.name.empty()) return Error::validation("validation.required", "「机构名称」不能为空", "name");
    LECS_TRY(rules::check_org_shape(
        {o.kind, o.level, o.region_code, o.parent_id.has_value(), o.entrusting_id.has_value(), o.uscc}));
    if (!store::find_current_region(tx, o.region_code))
        return Error::validation("org.region_invalid", "行政区划代码不存在", "region_code");
    if (!who.scope.covers(auth::Owner{o.region_code, 0})) return Error::forbidden("目标行政区划不在您的数据权限范围内");
    // A head is a person of the organisation, so it is set by PATCH after the person exists.
    if (in.head_person_id)
        return Error::validation("org.head_invalid", "请先创建机构，再指定本机构人员为负责人", "head_person_id");
    LECS_TRY(check_org_links(tx, o));
    store::insert_org(tx, o);
    audit(tx, who, "org.create", "org", o.id, "", org_audit_json(o), now_ms);
    return o;
}

Result<Org> OrgService::patch_org(db::Tx& tx, const auth::Caller& who, int64_t id, const OrgPatch& in, int64_t now_ms) {
    LECS_TRY(need(who, "org.write"));
    LECS_ASSIGN(Org before, visible_org(tx, who, id));
    if (in.version != before.version) return Error::stale_version();
    Org o = before;
    auto set_id = [](std::optional<int64_t>& dst, const std::optional<int64_t>& v) {
        if (v) dst = *v == 0 ? std::nullopt : std::optional<int64_t>(*v);
    };
    if (in.name) o.name = *in.name;
    if (in.short_name) o.short_name = *in.short_name;
    if (in.uscc) o.uscc = in.uscc->empty() ? std::nullopt : std::optional<std::string>(*in.uscc);
    if (in.domain) o.domain = *in.domain;
    set_id(o.superior_id, in.superior_id);
    set_id(o.parent_id, in.parent_id);
    set_id(o.entrusting_id, in.entrusting_id);
    set_id(o.government_id, in.government_id);
    set_id(o.head_person_id, in.head_person_id);
    set_id(o.successor_id, in.successor_id);
    if (in.status) {
        if (*in.status != "active" && *in.status != "abolished")
            return Error::validation("org.status_invalid", "机构状态只能是正常或已撤销", "status");
        o.status = *in.status;
    }
    if (o.status == "abolished") {
        if (before.status != "abolished") {
            if (!in.abolished_on)
                return Error::validation("validation.required", "「撤销日期」不能为空", "abolished_on");
            o.abolished_on = in.abolished_on->iso();
        } else if (in.abolished_on) {
            o.abolished_on = in.abolished_on->iso();
        }
    } else {
        o.abolished_on.reset();
        o.successor_id.reset();
    }
    if (o.name.empty()) return Error::validation("validation.required", "「机构名称」不能为空", "name");
    LECS_TRY(rules::check_org_shape(
        {o.kind, o.level, o.region_code, o.parent_id.has_value(), o.entrusting_id.has_value(), o.uscc}));
    LECS_TRY(check_org_links(tx, o));
    o.updated_at = now_ms;
    if (!store::update_org(tx, o, in.version)) return Error::stale_version();
    o.version = before.version + 1;
    // Renames and abolitions keep the old values: old matters keep their old names.
    json::object change;
    auto diff = [&](const char* k, const json::value& a, const json::value& b) {
        if (a != b) change[k] = json::object{{"from", a}, {"to", b}};
    };
    auto ja = render::org(before), jb = render::org(o);
    for (const char* k : {"name", "short_name", "domain", "status", "abolished_on", "successor_id", "superior_id",
                          "parent_id", "entrusting_id"})
        diff(k, ja[k], jb[k]);
    if (!change.empty())
        store::insert_history(tx, OrgHistory{new_id(), o.id, now_ms, json::serialize(change), in.reason, who.user_id});
    audit(tx, who, o.status == "abolished" && before.status != "abolished" ? "org.abolish" : "org.update", "org", o.id,
          json::serialize(ja), json::serialize(jb), now_ms);
    return o;
}

}  // namespace lecs::org
