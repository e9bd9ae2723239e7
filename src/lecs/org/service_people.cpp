#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "lecs/base/id.hpp"
#include "lecs/base/mask.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/base/validate.hpp"
#include "lecs/org/detail/service_util.hpp"
#include "lecs/org/render.hpp"
#include "lecs/org/service.hpp"

// OrgService: people, certificates, staffing and training (service.cpp has
// regions and organisations).
namespace lecs::org {
namespace {

namespace json = boost::json;
using detail::need;
using detail::owner_of_org;

std::string normalize_id_no(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ') out += (c == 'x') ? 'X' : c;
    return out;
}

bool valid_phone(std::string_view p) {
    // A mobile number (1[3-9]xxxxxxxxx) or a landline with area code (0xxx-xxxxxxx).
    if (p.size() == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9')
        return std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (p.size() >= 10 && p.size() <= 13 && p[0] == '0') {
        int dashes = 0;
        for (char c : p) {
            if (c == '-')
                ++dashes;
            else if (c < '0' || c > '9')
                return false;
        }
        return dashes <= 1;
    }
    return false;
}

json::object person_audit(const PersonView& p) { return render::person(p); }

}  // namespace

// ---- people -------------------------------------------------------------------

PersonView OrgService::view_of(db::Tx& tx, const PersonRow& p) {
    PersonView v;
    v.id = p.id;
    v.name = p.name;
    v.org_id = p.org_id;
    if (auto o = store::find_org(tx, p.org_id)) v.org_name = o->name;
    v.position = p.position;
    v.is_head = p.is_head;
    v.is_public_servant = p.is_public_servant;
    if (p.id_no_enc)
        if (auto s = pii_.open(*p.id_no_enc, "person.id_no")) v.id_no_masked = mask_id_number(*s);
    if (p.phone_enc)
        if (auto s = pii_.open(*p.phone_enc, "person.phone")) v.phone_masked = mask_phone(*s);
    v.version = p.version;
    return v;
}

Result<PageOf<PersonView>> OrgService::list_people(db::Tx& tx, const auth::Caller& who, std::optional<int64_t> org_id,
                                                   std::optional<std::string> q, const store::Page& p) {
    LECS_TRY(need(who, "person.read"));
    store::PersonFilter f;
    f.org_id = org_id;
    if (q && !q->empty()) {
        // A full ID number is looked up by its blind index, never by plaintext.
        std::string n = normalize_id_no(*q);
        if (n.size() == 18 && valid_id_number(n))
            f.id_no_idx = pii_.blind_index(n);
        else
            f.q = q;
    }
    PageOf<PersonView> out;
    for (const auto& row : store::list_people(tx, f, who.scope, p, &out.total)) out.items.push_back(view_of(tx, row));
    return out;
}

Result<PersonView> OrgService::get_person(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_TRY(need(who, "person.read"));
    LECS_ASSIGN(PersonRow p, visible_person(tx, who, id));
    return view_of(tx, p);
}

namespace {
Result<void> check_pii_input(const std::optional<std::string>& id_no, const std::optional<std::string>& phone) {
    if (id_no && !id_no->empty() && !valid_id_number(normalize_id_no(*id_no)))
        return Error::validation("person.id_no_invalid", "身份证号码格式或校验位错误", "id_no");
    if (phone && !phone->empty() && !valid_phone(*phone))
        return Error::validation("person.phone_invalid", "电话号码格式不正确", "phone");
    return ok();
}
}  // namespace

Result<PersonView> OrgService::create_person(db::Tx& tx, const auth::Caller& who, const PersonInput& in,
                                             int64_t now_ms) {
    LECS_TRY(need(who, "person.write"));
    if (in.name.empty()) return Error::validation("validation.required", "「姓名」不能为空", "name");
    auto o = store::find_org(tx, in.org_id);
    if (!o || !who.scope.covers(owner_of_org(*o)))
        return Error::validation("person.org_invalid", "所属机构不存在或不在您的数据权限范围内", "org_id");
    LECS_TRY(check_pii_input(in.id_no, in.phone));
    PersonRow p;
    p.id = new_id();
    p.name = in.name;
    p.org_id = in.org_id;
    p.position = in.position;
    p.is_head = in.is_head;
    p.is_public_servant = in.is_public_servant;
    if (in.id_no && !in.id_no->empty()) {
        std::string n = normalize_id_no(*in.id_no);
        p.id_no_enc = pii_.seal(n, "person.id_no");
        p.id_no_idx = pii_.blind_index(n);
    }
    if (in.phone && !in.phone->empty()) p.phone_enc = pii_.seal(*in.phone, "person.phone");
    p.created_at = p.updated_at = now_ms;
    p.created_by = who.user_id;
    store::insert_person(tx, p);
    PersonView v = view_of(tx, p);
    audit(tx, who, "person.create", "person", p.id, "", json::serialize(person_audit(v)), now_ms);
    return v;
}

Result<PersonView> OrgService::patch_person(db::Tx& tx, const auth::Caller& who, int64_t id, const PersonPatch& in,
                                            int64_t now_ms) {
    LECS_TRY(need(who, "person.write"));
    LECS_ASSIGN(PersonRow before, visible_person(tx, who, id));
    if (in.version != before.version) return Error::stale_version();
    LECS_TRY(check_pii_input(in.id_no, in.phone));
    PersonRow p = before;
    if (in.name) {
        if (in.name->empty()) return Error::validation("validation.required", "「姓名」不能为空", "name");
        p.name = *in.name;
    }
    if (in.org_id) {
        auto o = store::find_org(tx, *in.org_id);
        if (!o || !who.scope.covers(owner_of_org(*o)))
            return Error::validation("person.org_invalid", "所属机构不存在或不在您的数据权限范围内", "org_id");
        p.org_id = *in.org_id;
    }
    if (in.position) p.position = *in.position;
    if (in.is_head) p.is_head = *in.is_head;
    if (in.is_public_servant) p.is_public_servant = *in.is_public_servant;
    if (in.id_no) {
        if (in.id_no->empty()) {
            p.id_no_enc.reset();
            p.id_no_idx.reset();
        } else {
            std::string n = normalize_id_no(*in.id_no);
            p.id_no_enc = pii_.seal(n, "person.id_no");
            p.id_no_idx = pii_.blind_index(n);
        }
    }
    if (in.phone) p.phone_enc = in.phone->empty() ? std::nullopt : std::optional(pii_.seal(*in.phone, "person.phone"));
    p.updated_at = now_ms;
    if (!store::update_person(tx, p, in.version)) return Error::stale_version();
    p.version = before.version + 1;
    PersonView vb = view_of(tx, before), va = view_of(tx, p);
    audit(tx, who, "person.update", "person", id, json::serialize(person_audit(vb)), json::serialize(person_audit(va)),
          now_ms);
    return va;
}

Result<Unmasked> OrgService::unmask_person(db::Tx& tx, const auth::Caller& who, int64_t id, std::string_view reason,
                                           int64_t now_ms) {
    LECS_TRY(need(who, "pii.unmask"));
    LECS_ASSIGN(PersonRow p, visible_person(tx, who, id));
    if (reason.empty())
        return Error::validation("validation.required", "查看完整个人信息须填写事由", "reason",
                                 cite(Provision::kPiplArt51));
    Unmasked u;
    if (p.id_no_enc) u.id_no = pii_.open(*p.id_no_enc, "person.id_no").value_or("");
    if (p.phone_enc) u.phone = pii_.open(*p.phone_enc, "person.phone").value_or("");
    // Audited one by one; the record holds the reason, never the values.
    audit(tx, who, "person.unmask", "person", id, "", json::serialize(json::object{{"reason", reason}}), now_ms);
    return u;
}

// ---- certificates -------------------------------------------------------------

CertificateView OrgService::cert_view(db::Tx& tx, const Certificate& c, std::vector<CertificateEvent> events, Date at) {
    CertificateView v;
    v.cert = c;
    v.holder_name = store::person_name(tx, c.person_id).value_or("");
    if (auto o = store::find_org(tx, c.org_id)) v.org_name = o->name;
    v.at = at;
    v.validity = rules::certificate_validity(c, events, at);
    v.state = rules::current_state(events);
    v.events = std::move(events);
    return v;
}

Result<PageOf<CertificateView>> OrgService::list_certificates(db::Tx& tx, const auth::Caller& who,
                                                              const CertificateQuery& q) {
    LECS_TRY(need(who, "cert.read"));
    auto certs = store::list_certificates(tx, {q.org_id, q.person_id, q.kind}, who.scope);
    std::vector<int64_t> ids;
    for (const auto& c : certs) ids.push_back(c.id);
    std::map<int64_t, std::vector<CertificateEvent>> events;
    for (auto& e : store::certificate_events_of(tx, ids)) events[e.certificate_id].push_back(std::move(e));
    // The status is derived at the requested date, so it is filtered here, not in SQL.
    std::vector<const Certificate*> kept;
    for (const auto& c : certs) {
        if (q.status && rules::certificate_validity(c, events[c.id], q.at).status != *q.status) continue;
        kept.push_back(&c);
    }
    PageOf<CertificateView> out;
    out.total = static_cast<int64_t>(kept.size());
    int64_t size = std::clamp<int64_t>(q.page.size, 1, 500), page = std::max<int64_t>(q.page.page, 1);
    for (int64_t i = (page - 1) * size; i < std::min<int64_t>(out.total, page * size); ++i)
        out.items.push_back(cert_view(tx, *kept[i], events[kept[i]->id], q.at));
    return out;
}

Result<CertificateView> OrgService::get_certificate(db::Tx& tx, const auth::Caller& who, int64_t id, Date at) {
    LECS_TRY(need(who, "cert.read"));
    LECS_ASSIGN(Certificate c, visible_certificate(tx, who, id));
    return cert_view(tx, c, store::certificate_events(tx, id), at);
}

Result<CertificateView> OrgService::create_certificate(db::Tx& tx, const auth::Caller& who, const CertificateInput& in,
                                                       int64_t now_ms) {
    LECS_TRY(need(who, "cert.write"));
    if (!rules::is_certificate_kind(in.kind))
        return Error::validation("cert.kind_invalid", "证件类型只能是行政执法证或行政执法监督证", "kind");
    if (in.number.empty()) return Error::validation("validation.required", "「证件编号」不能为空", "number");
    LECS_ASSIGN(PersonRow holder, visible_person(tx, who, in.person_id));
    std::string issuer = in.issuer;
    if (in.kind == "supervision") {
        // Art 13: supervision certificates are issued uniformly by 河北省人民政府.
        if (!issuer.empty() && issuer != kSupervisionCertIssuer)
            return Error::validation("cert.issuer_invalid", "行政执法监督证由河北省人民政府统一制发", "issuer",
                                     cite(Provision::kMeasuresArt13));
        issuer = std::string(kSupervisionCertIssuer);
    }
    if (issuer.empty()) return Error::validation("validation.required", "「发证机关」不能为空", "issuer");
    if (in.expires_on < in.issued_on)
        return Error::validation("cert.dates_invalid", "有效期截止日期不能早于发证日期", "expires_on");
    if (store::find_certificate_by_number(tx, in.number))
        return Error::conflict("cert.number_taken", "证件编号已存在", "number");
    Certificate c;
    c.id = new_id();
    c.kind = in.kind;
    c.number = in.number;
    c.person_id = holder.id;
    c.org_id = holder.org_id;
    c.issuer = issuer;
    c.issued_on = in.issued_on;
    c.expires_on = in.expires_on;
    json::array fields;
    for (const auto& f : in.fields) fields.emplace_back(f);
    c.fields_json = json::serialize(fields);
    c.created_at = c.updated_at = now_ms;
    c.created_by = who.user_id;
    store::insert_certificate(tx, c);
    CertificateEvent issued{new_id(), c.id, "issued", c.issued_on, "", now_ms, who.user_id};
    store::insert_certificate_event(tx, issued);
    auto v = cert_view(tx, c, {issued}, shanghai_date(now_ms));
    audit(tx, who, "certificate.create", "certificate", c.id, "", json::serialize(render::certificate(v, false)),
          now_ms);
    return v;
}

Result<CertificateView> OrgService::add_certificate_event(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                          const CertificateEventInput& in, int64_t now_ms) {
    LECS_TRY(need(who, "cert.write"));
    LECS_ASSIGN(Certificate c, visible_certificate(tx, who, id));
    if (in.version != c.version) return Error::stale_version();
    auto events = store::certificate_events(tx, id);
    LECS_TRY(rules::check_certificate_event(events, in.event, in.effective_on));
    if ((in.event == "suspended" || in.event == "revoked") && in.reason.empty())
        return Error::validation("validation.required", "暂停或吊销证件须填写理由", "reason");
    const Date today = shanghai_date(now_ms);
    auto before = cert_view(tx, c, events, today);
    if (!store::bump_certificate_version(tx, id, in.version, now_ms)) return Error::stale_version();
    c.version = in.version + 1;
    c.updated_at = now_ms;
    CertificateEvent e{new_id(), id, in.event, in.effective_on, in.reason, now_ms, who.user_id};
    store::insert_certificate_event(tx, e);
    events.push_back(e);
    auto after = cert_view(tx, c, events, today);
    audit(tx, who, "certificate." + in.event, "certificate", id, json::serialize(render::certificate(before, false)),
          json::serialize(render::certificate(after, false)), now_ms);
    return after;
}

Result<PublicCertificate> OrgService::verify_public(db::Tx& tx, std::string_view number, int64_t now_ms) {
    auto c = store::find_certificate_by_number(tx, std::string(number));
    if (!c) return Error::not_found("未查询到该证件，请核对证件编号");
    auto events = store::certificate_events(tx, c->id);
    auto v = rules::certificate_validity(*c, events, shanghai_date(now_ms));
    PublicCertificate p;
    p.number = c->number;
    p.kind = c->kind;
    p.valid = v.valid;
    p.status = v.status;
    p.holder_masked = mask_name(store::person_name(tx, c->person_id).value_or(""));
    if (auto o = store::find_org(tx, c->org_id)) p.org_name = o->name;
    p.issuer = c->issuer;
    p.expires_on = c->expires_on;
    return p;
}

// ---- staffing and training (Art 23) ---------------------------------------

Result<std::vector<Staffing>> OrgService::get_staffing(db::Tx& tx, const auth::Caller& who, int64_t org_id) {
    LECS_TRY(need(who, "org.read"));
    LECS_TRY(visible_org(tx, who, org_id));
    return store::list_staffing(tx, org_id);
}

Result<Staffing> OrgService::put_staffing(db::Tx& tx, const auth::Caller& who, int64_t org_id, const StaffingInput& in,
                                          int64_t now_ms) {
    LECS_TRY(need(who, "org.write"));
    LECS_TRY(visible_org(tx, who, org_id));
    if (in.year < 2000 || in.year > 2100) return Error::validation("staffing.year_invalid", "年度不正确", "year");
    if (in.approved_posts < 0 || in.actual_staff < 0 || in.supervised_agencies < 0)
        return Error::validation("staffing.negative", "编制数、实有人数和监督机关数不能为负数");
    Staffing s{org_id, in.year, in.approved_posts, in.actual_staff, in.supervised_agencies, 1};
    auto existing = store::find_staffing(tx, org_id, in.year);
    std::string before;
    if (existing) {
        if (in.version != existing->version) return Error::stale_version();
        if (!store::update_staffing(tx, s, in.version, now_ms)) return Error::stale_version();
        s.version = existing->version + 1;
        before = json::serialize(render::staffing(*existing));
    } else {
        if (in.version != 0) return Error::stale_version();
        store::insert_staffing(tx, s, now_ms, who.user_id);
    }
    audit(tx, who, "staffing.put", "org", org_id, before, json::serialize(render::staffing(s)), now_ms);
    return s;
}

Result<PageOf<Training>> OrgService::list_trainings(db::Tx& tx, const auth::Caller& who, const store::TrainingFilter& f,
                                                    const store::Page& p) {
    LECS_TRY(need(who, "org.read"));
    PageOf<Training> out;
    out.items = store::list_trainings(tx, f, who.scope, p, &out.total);
    return out;
}

Result<Training> OrgService::create_training(db::Tx& tx, const auth::Caller& who, const TrainingInput& in,
                                             int64_t now_ms) {
    LECS_TRY(need(who, "org.write"));
    auto o = store::find_org(tx, in.org_id);
    if (!o || !who.scope.covers(owner_of_org(*o)))
        return Error::validation("training.org_invalid", "组织培训的机构不存在或不在您的数据权限范围内", "org_id");
    if (in.course.empty()) return Error::validation("validation.required", "「培训课程」不能为空", "course");
    if (in.minutes <= 0 || in.minutes > 60 * 24 * 31)
        return Error::validation("training.minutes_invalid", "培训时长不正确", "minutes");
    std::set<int64_t> seen;
    for (size_t i = 0; i < in.attendees.size(); ++i) {
        int64_t a = in.attendees[i];
        if (!seen.insert(a).second || !store::find_person(tx, a))
            return Error::validation("training.attendee_invalid", "参训人员不存在或重复",
                                     "attendees[" + std::to_string(i) + "]");
    }
    Training t{new_id(), in.org_id, in.course, in.held_on, in.minutes, in.attendees, 1};
    store::insert_training(tx, t, now_ms, who.user_id);
    audit(tx, who, "training.create", "training", t.id, "", json::serialize(render::training(t)), now_ms);
    return t;
}

}  // namespace lecs::org
