#include "lecs/org/render.hpp"

#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/org/domains.hpp"

namespace lecs::org::render {
namespace {

namespace json = boost::json;

json::value id_or_null(const std::optional<int64_t>& v) {
    return v ? json::value(id_to_string(*v)) : json::value(nullptr);
}
json::value str_or_null(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value ref(const std::optional<NamedRef>& r) {
    if (!r) return nullptr;
    return json::object{{"id", id_to_string(r->id)}, {"name", r->name}};
}

}  // namespace

json::object org(const Org& o) {
    return json::object{
        {"id", id_to_string(o.id)},
        {"name", o.name},
        {"short_name", o.short_name},
        {"kind", o.kind},
        {"external_kind", str_or_null(o.external_kind)},
        {"level", o.level},
        {"region_code", o.region_code},
        {"uscc", str_or_null(o.uscc)},
        {"superior_id", id_or_null(o.superior_id)},
        {"parent_id", id_or_null(o.parent_id)},
        {"entrusting_id", id_or_null(o.entrusting_id)},
        {"government_id", id_or_null(o.government_id)},
        {"head_person_id", id_or_null(o.head_person_id)},
        {"domain", o.domain},
        {"domain_name", domain_name(o.domain)},
        {"status", o.status},
        {"abolished_on", str_or_null(o.abolished_on)},
        {"successor_id", id_or_null(o.successor_id)},
        // Art 27: a vertical-management agency is flagged wherever it appears.
        {"vertical", o.kind == kind::kVertical},
        {"version", o.version},
    };
}

json::object org_detail(const OrgDetail& d) {
    json::object o = org(d.org);
    o["region_name"] = d.region_name;
    o["head"] = ref(d.head);
    o["superior"] = ref(d.superior);
    o["parent"] = ref(d.parent);
    o["entrusting"] = ref(d.entrusting);
    o["government"] = ref(d.government);
    o["successor"] = ref(d.successor);
    json::array h;
    for (const auto& e : d.history) {
        json::value change;
        boost::system::error_code ec;
        change = json::parse(e.change_json, ec);
        if (ec) change = e.change_json;
        h.push_back(json::object{{"at", iso_instant(e.at_ms)}, {"change", change}, {"reason", e.reason}});
    }
    o["history"] = std::move(h);
    return o;
}

json::array region_tree(const std::vector<RegionNode>& nodes) {
    json::array a;
    for (const auto& n : nodes)
        a.push_back(json::object{{"code", n.region.code},
                                 {"name", n.region.name},
                                 {"level", n.region.level},
                                 {"children", region_tree(n.children)}});
    return a;
}

namespace {
json::array org_nodes(const std::vector<OrgTreeNode>& nodes) {
    json::array a;
    for (const auto& n : nodes)
        a.push_back(json::object{{"id", id_to_string(n.org.id)},
                                 {"name", n.org.name},
                                 {"kind", n.org.kind},
                                 {"level", n.org.level},
                                 {"status", n.org.status},
                                 {"vertical", n.org.kind == kind::kVertical},
                                 {"children", org_nodes(n.children)}});
    return a;
}
}  // namespace

json::array org_tree(const std::vector<OrgRegionNode>& nodes) {
    json::array a;
    for (const auto& n : nodes)
        a.push_back(json::object{{"code", n.region.code},
                                 {"name", n.region.name},
                                 {"level", n.region.level},
                                 {"orgs", org_nodes(n.orgs)},
                                 {"children", org_tree(n.children)}});
    return a;
}

json::object person(const PersonView& p) {
    return json::object{
        {"id", id_to_string(p.id)},
        {"name", p.name},
        {"org_id", id_to_string(p.org_id)},
        {"org_name", p.org_name},
        {"position", p.position},
        {"is_head", p.is_head},
        {"is_public_servant", p.is_public_servant},
        {"id_no", p.id_no_masked},
        {"phone", p.phone_masked},
        {"version", p.version},
    };
}

json::object event(const CertificateEvent& e) {
    return json::object{
        {"id", id_to_string(e.id)}, {"event", e.event},           {"effective_on", e.effective_on.iso()},
        {"reason", e.reason},       {"at", iso_instant(e.at_ms)}, {"by_user", id_to_string(e.by_user)}};
}

json::object certificate(const CertificateView& v, bool with_events) {
    const auto& c = v.cert;
    json::value fields;
    boost::system::error_code ec;
    fields = json::parse(c.fields_json, ec);
    if (ec) fields = json::array{};
    json::object o{
        {"id", id_to_string(c.id)},
        {"kind", c.kind},
        {"number", c.number},
        {"person_id", id_to_string(c.person_id)},
        {"holder_name", v.holder_name},
        {"org_id", id_to_string(c.org_id)},
        {"org_name", v.org_name},
        {"issuer", c.issuer},
        {"issued_on", c.issued_on.iso()},
        {"expires_on", c.expires_on.iso()},
        {"fields", fields},
        {"at", v.at.iso()},
        {"valid", v.validity.valid},
        {"status", v.validity.status},
        {"reason", v.validity.reason},
        {"state", v.state},
        {"version", c.version},
    };
    if (with_events) {
        json::array ev;
        for (const auto& e : v.events) ev.push_back(event(e));
        o["events"] = std::move(ev);
    }
    return o;
}

json::object public_certificate(const PublicCertificate& c) {
    return json::object{{"number", c.number},        {"kind", c.kind},
                        {"valid", c.valid},          {"status", c.status},
                        {"holder", c.holder_masked}, {"org_name", c.org_name},
                        {"issuer", c.issuer},        {"expires_on", c.expires_on.iso()}};
}

json::object staffing(const Staffing& s) {
    return json::object{{"org_id", id_to_string(s.org_id)},
                        {"year", s.year},
                        {"approved_posts", s.approved_posts},
                        {"actual_staff", s.actual_staff},
                        {"supervised_agencies", s.supervised_agencies},
                        // Art 23: does the staffing match the workload?
                        {"vacancies", s.approved_posts - s.actual_staff},
                        {"version", s.version}};
}

json::object training(const Training& t) {
    json::array att;
    for (auto id : t.attendees) att.emplace_back(id_to_string(id));
    return json::object{{"id", id_to_string(t.id)}, {"org_id", id_to_string(t.org_id)},
                        {"course", t.course},       {"held_on", t.held_on.iso()},
                        {"minutes", t.minutes},     {"attendees", std::move(att)},
                        {"version", t.version}};
}

}  // namespace lecs::org::render
