#include "lecs/docs/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "lecs/base/crypto.hpp"
#include "lecs/base/id.hpp"
#include "lecs/docs/lifecycle.hpp"
#include "lecs/docs/numbering.hpp"
#include "lecs/org/store.hpp"
#include "lecs/workflow/store.hpp"

namespace lecs::docs {
namespace {

namespace json = boost::json;

constexpr const char* kNumberPending = "（签发时编号）";

std::string document_json(const Document& d) {
    json::object o{
        {"id", id_to_string(d.id)}, {"doc_type", d.doc_type}, {"issuer_org_id", id_to_string(d.issuer_org_id)},
        {"status", d.status},       {"title", d.title},       {"version", d.version}};
    if (d.number_text) o["number_text"] = *d.number_text;
    if (d.sm3_hex) o["sm3_hex"] = *d.sm3_hex;
    if (d.key_id) o["key_id"] = *d.key_id;
    return json::serialize(o);
}

std::string join(const std::vector<Recipient>& rs, std::string_view sep) {
    std::string out;
    for (const auto& r : rs) {
        if (!out.empty()) out += sep;
        out += r.name;
    }
    return out;
}

std::string channel_label(std::string_view c) {
    if (c == "direct") return "直接送达";
    if (c == "post") return "邮寄送达";
    if (c == "electronic") return "电子送达";
    if (c == "public_notice") return "公告送达";
    return {};
}

Result<void> check_content(const DocType& t, const DocumentInput& in) {
    if (in.title.empty()) return Error::validation("validation.required", "「标题」不能为空", "title");
    if (in.body.empty()) return Error::validation("validation.required", "「正文」不能为空", "body");
    if (!t.internal && in.recipients.empty())
        return Error::validation("validation.required", "「主送机关」不能为空", "recipients");
    for (size_t i = 0; i < in.recipients.size(); ++i)
        if (in.recipients[i].name.empty())
            return Error::validation("validation.required", "「主送机关」不能为空",
                                     "recipients[" + std::to_string(i) + "]");
    return check_fields(t, in.fields);
}

workflow::FireContext context_of(db::Tx& tx, std::string_view kind, int64_t id) {
    workflow::FireContext ctx;
    ctx.tx = &tx;
    ctx.object_kind = std::string(kind);
    ctx.object_id = id;
    return ctx;
}

bool stored_pdf_authentic(db::Tx& tx, const Document& d, const std::string& pdf) {
    if (!d.sm3_hex || !d.signature_b64 || !d.key_id) return false;
    auto key = store::find_key(tx, *d.key_id);
    if (!key || key->org_id != d.issuer_org_id) return false;
    if (!crypto::constant_time_equal(crypto::hex(crypto::sm3(pdf)), *d.sm3_hex)) return false;
    return crypto::sm2_verify(key->public_pem, pdf, crypto::unbase64(*d.signature_b64));
}

}  // namespace

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    if (kind == "document") return store::document_owner(tx, id);
    if (kind == "delivery") return store::delivery_owner(tx, id);
    return std::nullopt;
}

std::optional<OrgFacts> org_facts(db::Tx& tx, int64_t org_id) {
    auto o = org::store::find_org(tx, org_id);
    if (!o) return std::nullopt;
    return OrgFacts{o->id, o->name, o->kind, o->region_code, o->government_id};
}

Result<Document> DocService::load_in_scope(db::Tx& tx, const auth::Caller& who, int64_t id) {
    auto d = store::find_document(tx, id);
    if (!d) return Error::not_found();
    auto owner = store::document_owner(tx, id);
    if (!owner || !who.scope.covers(*owner)) return Error::not_found();
    return *d;
}

Result<Document> DocService::create_draft(db::Tx& tx, const auth::Caller& who, const DocumentInput& in,
                                          int64_t now_ms) {
    if (!who.can("doc.draft")) return Error::forbidden();
    const DocType* t = find_type(in.doc_type);
    if (!t) return Error::validation("doc.unknown_type", "文书种类不存在", "doc_type");
    auto caller_org = org_facts(tx, who.org_id);
    if (!caller_org) return Error::forbidden("您的账号未关联机构，不能起草文书");
    int64_t issuer_id = in.issuer_org_id;
    if (issuer_id == 0) {
        issuer_id = who.org_id;
        if (t->issuer == IssuerKind::kGovernment && caller_org->kind != "government" && caller_org->government_id)
            issuer_id = *caller_org->government_id;
    }
    auto issuer = org_facts(tx, issuer_id);
    if (!issuer) return Error::validation("doc.unknown_issuer", "发文机关不存在", "issuer_org_id");
    LECS_TRY(check_draft(*t, *issuer, *caller_org, who));
    if (!who.scope.covers(auth::Owner{issuer->region_code, issuer->id})) return Error::not_found();
    LECS_TRY(check_content(*t, in));

    Document d;
    d.id = new_id();
    d.doc_type = std::string(t->code);
    d.issuer_org_id = issuer->id;
    d.region_code = issuer->region_code;
    d.internal = t->internal;
    d.title = in.title;
    d.recipients = in.recipients;
    d.body = in.body;
    d.fields = in.fields;
    d.cc = in.cc;
    d.disclosure = in.disclosure ? *in.disclosure : std::string(t->disclosure);
    d.created_at = d.updated_at = now_ms;
    d.created_by = who.user_id;
    store::insert_document(tx, d);
    audit_.append(tx, who,
                  {.action = "doc.draft",
                   .object_kind = "document",
                   .object_id = id_to_string(d.id),
                   .after_json = document_json(d)},
                  now_ms);
    return d;
}

Result<Document> DocService::update_draft(db::Tx& tx, const auth::Caller& who, int64_t id, const DocumentInput& in,
                                          int64_t expected_version, int64_t now_ms) {
    if (!who.can("doc.draft")) return Error::forbidden();
    LECS_ASSIGN(Document d, load_in_scope(tx, who, id));
    // §17 Integrity: an issued document is immutable; the lifecycle has no update out of draft.
    LECS_TRY(document_machine().fire(d.status, document_event::kUpdate, who, context_of(tx, "document", d.id)));
    const DocType* t = find_type(d.doc_type);
    auto caller_org = org_facts(tx, who.org_id);
    auto issuer = org_facts(tx, d.issuer_org_id);
    if (!t || !caller_org || !issuer) return Error::not_found();
    LECS_TRY(check_draft(*t, *issuer, *caller_org, who));
    LECS_TRY(check_content(*t, in));
    const std::string before = document_json(d);
    d.title = in.title;
    d.recipients = in.recipients;
    d.body = in.body;
    d.fields = in.fields;
    d.cc = in.cc;
    if (in.disclosure) d.disclosure = *in.disclosure;
    d.updated_at = now_ms;
    if (store::update_draft(tx, d, expected_version) != 1) return Error::stale_version();
    d.version = expected_version + 1;
    audit_.append(tx, who,
                  {.action = "doc.update",
                   .object_kind = "document",
                   .object_id = id_to_string(d.id),
                   .before_json = before,
                   .after_json = document_json(d)},
                  now_ms);
    return d;
}

Result<Document> DocService::get(db::Tx& tx, const auth::Caller& who, int64_t id) {
    if (!who.can("doc.read")) return Error::forbidden();
    return load_in_scope(tx, who, id);
}

store::DocumentPage DocService::list(db::Tx& tx, const auth::Caller& who, const store::ListFilter& f) {
    if (!who.can("doc.read")) return {};
    return store::list_documents(tx, who.scope, f);
}

DocumentLayout DocService::layout_of(const Document& d, const OrgFacts& issuer, const Date& date) const {
    DocumentLayout l;
    l.issuer_mark = issuer.name + "文件";
    l.doc_number = d.number_text ? *d.number_text : std::string(kNumberPending);
    l.title = d.title;
    l.main_recipients = join(d.recipients, "、");
    l.body = d.body;
    l.signatory = issuer.name;
    l.date = date;
    if (!d.disclosure.empty()) l.disclosure = d.disclosure;
    if (!d.cc.empty()) l.cc = d.cc;
    l.printing_org = issuer.name;
    l.printing_date = date;
    if (d.verify_token) l.verify_url = options_.public_base_url + "/verify/" + *d.verify_token;
    l.fonts = options_.fonts;
    return l;
}

Result<std::string> DocService::preview_html(db::Tx& tx, const auth::Caller& who, int64_t id, int64_t now_ms) {
    if (!who.can("doc.read")) return Error::forbidden();
    LECS_ASSIGN(Document d, load_in_scope(tx, who, id));
    auto issuer = org_facts(tx, d.issuer_org_id);
    if (!issuer) return Error::not_found();
    return render_html_preview(layout_of(d, *issuer, d.issue_date ? *d.issue_date : shanghai_date(now_ms)));
}

Result<Document> DocService::issue(const auth::Caller& who, int64_t id, int64_t now_ms) {
    struct Reserved {
        Document doc;
        OrgFacts issuer;
        Reservation number;
        int64_t version = 0;
        std::string status;  // where the document's lifecycle leads: issued
    };
    const Date date = shanghai_date(now_ms);
    // 1. One short write Tx: permission, then the next number, recorded 'reserved'.
    auto reserved = db_.write([&](db::Tx& tx) -> Result<Reserved> {
        if (!who.can("doc.issue")) return Error::forbidden();
        LECS_ASSIGN(Document d, load_in_scope(tx, who, id));
        const DocType* t = find_type(d.doc_type);
        auto issuer = org_facts(tx, d.issuer_org_id);
        if (!t || !issuer) return Error::not_found();
        // Only a draft is issued, and only by its issuer's leader (guard issuer_competent: check_issue).
        const IssueFacts facts{*t, *issuer};
        auto ctx = context_of(tx, "document", d.id);
        ctx.data = &facts;
        LECS_ASSIGN(std::string to, document_machine().fire(d.status, document_event::kIssue, who, ctx));
        LECS_TRY(check_fields(*t, d.fields));
        auto prefix = store::find_prefix(tx, issuer->id, d.doc_type);
        Reservation n = reserve_number(tx, issuer->id, d.doc_type, date.y,
                                       prefix ? *prefix : default_prefix(issuer->name, *t), d.id, now_ms);
        const int64_t version = d.version;
        d.year = n.year;
        d.no = n.no;
        d.number_text = n.number_text;
        return Reserved{std::move(d), *issuer, std::move(n), version, std::move(to)};
    });
    if (!reserved.ok()) return reserved.take_error();
    Document d = std::move(reserved->doc);

    auto void_number = [&](const std::string& reason) {
        db_.write([&](db::Tx& tx) {
            settle_number(tx, reserved->number, "voided", reason, now_ms);
            audit_.append(tx, who,
                          {.action = "doc.number_void",
                           .object_kind = "document",
                           .object_id = id_to_string(d.id),
                           .result = "failed",
                           .detail = *d.number_text + ": " + reason},
                          now_ms);
        });
    };

    try {
        // 2. Outside any Tx: render, hash, sign.
        d.issue_date = date;
        d.verify_token = crypto::base64url(crypto::random_bytes(16));
        const std::string pdf = render_pdf(layout_of(d, reserved->issuer, date));
        const SignKey key = signer_.ensure_key(db_, d.issuer_org_id, now_ms);
        d.sm3_hex = crypto::hex(crypto::sm3(pdf));
        d.signature_b64 = crypto::base64(signer_.sign(key, pdf));
        d.key_id = key.key_id;
        d.issued_at = now_ms;
        d.issued_by = who.user_id;
        d.updated_at = now_ms;
        // 3. Store the immutable document and the number's fate together.
        auto stored = db_.write([&](db::Tx& tx) -> Result<Document> {
            if (store::mark_issued(tx, d, pdf, reserved->version) != 1) return Error::stale_version();
            if (!settle_number(tx, reserved->number, "issued", "", now_ms))
                throw std::logic_error("number " + *d.number_text + " was not reserved");
            d.status = reserved->status;
            d.version = reserved->version + 1;
            // Whatever waited on this document's signature (a "签发" to-do) is done, in the same Tx.
            workflow::store::complete_todos(tx, "document", d.id, std::string(document_event::kIssue), now_ms);
            audit_.append(tx, who,
                          {.action = "doc.issue",
                           .object_kind = "document",
                           .object_id = id_to_string(d.id),
                           .after_json = document_json(d)},
                          now_ms);
            return d;
        });
        if (!stored.ok()) void_number("draft changed while issuing: " + stored.error().code);
        return stored;
    } catch (const std::exception& e) {
        void_number(std::string("issue failed: ") + e.what());
        throw;
    }
}

Result<std::string> DocService::pdf(db::Tx& tx, const auth::Caller& who, int64_t id) {
    if (!who.can("doc.read")) return Error::forbidden();
    LECS_ASSIGN(Document d, load_in_scope(tx, who, id));
    if (d.status != "issued") return Error::conflict("doc.not_issued", "文书尚未签发，请使用预览");
    auto pdf = store::load_pdf(tx, id);
    if (!pdf) return Error::not_found();
    return *pdf;
}

Result<std::string> DocService::print_unsealed(db::Tx& tx, const auth::Caller& who, int64_t id) {
    if (!who.can("doc.read")) return Error::forbidden();
    LECS_ASSIGN(Document d, load_in_scope(tx, who, id));
    if (d.status != "issued") return Error::conflict("doc.not_issued", "文书尚未签发，请使用预览");
    auto issuer = org_facts(tx, d.issuer_org_id);
    if (!issuer) return Error::not_found();
    auto layout = layout_of(d, *issuer, *d.issue_date);
    layout.seal = false;  // the seal position is left blank for the wet stamp
    return render_pdf(layout);
}

VerifyResult DocService::verify_by_token(db::Tx& tx, const std::string& token) {
    VerifyResult v;
    auto d = store::find_by_token(tx, token);
    if (!d || d->status != "issued") return v;
    v.found = true;
    v.internal = d->internal;
    auto pdf = store::load_pdf(tx, d->id);
    v.authentic = pdf && stored_pdf_authentic(tx, *d, *pdf);
    // §17: for internal types the page shows only whether the document is authentic.
    if (d->internal) return v;
    auto issuer = org_facts(tx, d->issuer_org_id);
    v.issuer = issuer ? issuer->name : std::string();
    v.number_text = d->number_text.value_or("");
    const DocType* t = find_type(d->doc_type);
    v.type_name = t ? std::string(t->name) : d->doc_type;
    v.title = d->title;
    v.issue_date = d->issue_date;
    v.sm3_hex = d->sm3_hex.value_or("");
    return v;
}

VerifyResult DocService::verify_upload(db::Tx& tx, const std::string& token, const std::string& pdf) {
    VerifyResult v = verify_by_token(tx, token);
    if (!v.found) return v;
    auto d = store::find_by_token(tx, token);
    v.authentic = stored_pdf_authentic(tx, *d, pdf);
    return v;
}

std::optional<std::string> DocService::public_key_pem(db::Tx& tx, int64_t org_id) {
    auto k = store::find_active_key(tx, org_id);
    if (!k) return std::nullopt;
    return k->public_pem;
}

Result<void> DocService::set_prefix(db::Tx& tx, const auth::Caller& who, int64_t org_id, const std::string& doc_type,
                                    const std::string& prefix, int64_t now_ms) {
    if (!who.can("doc.issue")) return Error::forbidden();
    const DocType* t = find_type(doc_type);
    if (!t) return Error::validation("doc.unknown_type", "文书种类不存在", "doc_type");
    auto issuer = org_facts(tx, org_id);
    if (!issuer) return Error::not_found();
    // Whoever may issue the type for this organisation configures its 文号 prefix.
    LECS_TRY(check_issue(*t, *issuer, who));
    if (prefix.empty() || prefix.size() > 60)
        return Error::validation("validation.required", "「文号前缀」不能为空且不超过20个字", "prefix");
    auto before = store::find_prefix(tx, org_id, doc_type);
    store::upsert_prefix(tx, org_id, doc_type, prefix, who.user_id, now_ms);
    audit_.append(tx, who,
                  {.action = "doc.prefix",
                   .object_kind = "org",
                   .object_id = id_to_string(org_id),
                   .before_json = before ? json::serialize(json::object{{doc_type, *before}}) : "",
                   .after_json = json::serialize(json::object{{doc_type, prefix}})},
                  now_ms);
    return ok();
}

std::vector<NumberRecord> DocService::numbers(db::Tx& tx, int64_t org_id, const std::string& doc_type, int64_t year) {
    return store::list_numbers(tx, org_id, doc_type, year);
}

Result<Delivery> DocService::add_delivery(db::Tx& tx, const auth::Caller& who, int64_t document_id,
                                          const DeliveryInput& in, int64_t now_ms) {
    if (!who.can("doc.draft")) return Error::forbidden();
    LECS_ASSIGN(Document d, load_in_scope(tx, who, document_id));
    // Only an issued document is delivered.
    LECS_TRY(document_machine().fire(d.status, document_event::kDeliver, who, context_of(tx, "document", d.id)));
    if (who.org_id != d.issuer_org_id) {
        // A government document is delivered by the government's staff or its department.
        auto caller_org = org_facts(tx, who.org_id);
        if (!caller_org || caller_org->government_id != d.issuer_org_id)
            return Error::forbidden("只有发文机关的工作人员可以登记送达");
    }
    if (channel_label(in.channel).empty())
        return Error::validation("validation.wrong_type", "「送达方式」格式不正确", "channel");
    Delivery v;
    v.id = new_id();
    v.document_id = d.id;
    v.recipient_org_id = in.recipient_org_id;
    v.recipient_name = in.recipient_name;
    if (in.recipient_org_id) {
        auto r = org_facts(tx, *in.recipient_org_id);
        if (!r) return Error::validation("doc.unknown_recipient", "受送达机关不存在", "recipient_org_id");
        if (v.recipient_name.empty()) v.recipient_name = r->name;
    }
    if (v.recipient_name.empty())
        return Error::validation("validation.required", "「受送达人」不能为空", "recipient_name");
    v.address = in.address;
    v.channel = in.channel;
    if (in.delivered_on < *d.issue_date)
        return Error::validation("doc.delivery_before_issue", "送达日期不能早于成文日期", "delivered_on");
    v.delivered_on = in.delivered_on;
    v.created_at = v.updated_at = now_ms;
    v.created_by = who.user_id;
    store::insert_delivery(tx, v, who.user_id);
    // A "送达" to-do on the document is done once every recipient organisation has a delivery.
    const auto delivered = store::list_deliveries(tx, d.id);
    const bool all_delivered = std::all_of(d.recipients.begin(), d.recipients.end(), [&](const Recipient& r) {
        return !r.org_id || std::any_of(delivered.begin(), delivered.end(),
                                        [&](const Delivery& x) { return x.recipient_org_id == r.org_id; });
    });
    if (all_delivered)
        workflow::store::complete_todos(tx, "document", d.id, std::string(document_event::kDeliver), now_ms);
    audit_.append(tx, who,
                  {.action = "doc.deliver",
                   .object_kind = "document",
                   .object_id = id_to_string(d.id),
                   .after_json = json::serialize(json::object{{"delivery_id", id_to_string(v.id)},
                                                              {"recipient", v.recipient_name},
                                                              {"channel", v.channel},
                                                              {"delivered_on", v.delivered_on.iso()}})},
                  now_ms);
    return v;
}

Result<Delivery> DocService::record_receipt(db::Tx& tx, const auth::Caller& who, int64_t delivery_id, Date received_on,
                                            const std::optional<ReceiptDeadline>& deadline, int64_t now_ms) {
    if (!who.can("doc.receipt")) return Error::forbidden();
    auto v = store::find_delivery(tx, delivery_id);
    if (!v) return Error::not_found();
    auto d = store::find_document(tx, v->document_id);
    if (!d) return Error::not_found();
    const bool recipient = v->recipient_org_id && *v->recipient_org_id == who.org_id;
    const bool staff =
        who.org_id == d->issuer_org_id || who.scope.covers(auth::Owner{d->region_code, d->issuer_org_id});
    if (!recipient && !staff) return Error::not_found();
    // A receipt is recorded once.
    LECS_TRY(delivery_machine().fire(delivery_state(*v), kReceiptEvent, who, context_of(tx, "delivery", v->id)));
    if (received_on < v->delivered_on)
        return Error::validation("doc.receipt_before_delivery", "签收日期不能早于送达日期", "received_on");
    const int64_t expected = v->version;
    v->received_on = received_on;
    v->receipt_by = who.user_id;
    v->receipt_at = now_ms;
    v->updated_at = now_ms;
    if (deadline) {
        // The period counts from the receipt (e.g. Art 19: the rectification report within 30 days).
        workflow::DeadlineInput in;
        in.owner_kind = "document";
        in.owner_id = d->id;
        in.name = deadline->name;
        in.owner = auth::Owner{d->region_code, d->issuer_org_id};
        in.start_event = "received";
        in.start_date = received_on;
        in.days = deadline->days;
        in.unit = deadline->unit;
        // The recipient agency starts the issuer's clock: the deadline belongs to the document.
        auth::Caller starter = who;
        starter.scope.org_ids.push_back(d->issuer_org_id);
        LECS_ASSIGN(int64_t deadline_id, deadlines_.create(tx, starter, in, now_ms));
        v->deadline_id = deadline_id;
    }
    if (store::record_receipt(tx, *v, expected) != 1) return Error::stale_version();
    v->version = expected + 1;
    // The recipient's "签收" to-do for this delivery is done.
    workflow::store::complete_todos(tx, "delivery", v->id, std::string(kReceiptEvent), now_ms);
    audit_.append(tx, who,
                  {.action = "doc.receipt",
                   .object_kind = "document",
                   .object_id = id_to_string(d->id),
                   .after_json = json::serialize(
                       json::object{{"delivery_id", id_to_string(v->id)}, {"received_on", received_on.iso()}})},
                  now_ms);
    return *v;
}

std::vector<Delivery> DocService::deliveries(db::Tx& tx, int64_t document_id) {
    return store::list_deliveries(tx, document_id);
}

Result<std::string> DocService::delivery_form(db::Tx& tx, const auth::Caller& who, int64_t delivery_id) {
    if (!who.can("doc.read")) return Error::forbidden();
    auto v = store::find_delivery(tx, delivery_id);
    if (!v) return Error::not_found();
    LECS_ASSIGN(Document d, load_in_scope(tx, who, v->document_id));
    auto issuer = org_facts(tx, d.issuer_org_id);
    if (!issuer || !d.issue_date) return Error::not_found();
    DeliveryReceiptLayout r;
    r.issuer = issuer->name;
    r.document_title = d.title;
    r.doc_number = d.number_text.value_or("");
    r.recipient = v->recipient_name;
    r.address = v->address;
    r.channel = channel_label(v->channel);
    r.issue_date = *d.issue_date;
    r.fonts = options_.fonts;
    return render_delivery_receipt_pdf(r);
}

}  // namespace lecs::docs
