#include "lecs/files/service.hpp"

#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/files/rules.hpp"
#include "lecs/files/store.hpp"

namespace lecs::files {
namespace {

namespace json = boost::json;

std::string audit_json(const Attachment& a) {
    json::object o{{"id", id_to_string(a.id)},         {"sm3_hex", a.sm3_hex},
                   {"size_bytes", a.size_bytes},       {"media_type", a.media_type},
                   {"original_name", a.original_name}, {"org_id", id_to_string(a.org_id)}};
    o["owner_kind"] = a.owner_kind ? json::value(*a.owner_kind) : json::value(nullptr);
    o["owner_id"] = a.owner_id ? json::value(id_to_string(*a.owner_id)) : json::value(nullptr);
    return json::serialize(o);
}

Error attachment_not_found() {
    Error e = Error::not_found();
    e.field = "attachment_id";
    return e;
}

}  // namespace

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    if (kind == "attachment") return store::attachment_owner(tx, id);
    return std::nullopt;
}

Result<Attachment> FileService::upload(db::Database& db, const auth::Caller& who, std::string_view bytes,
                                       std::string_view file_name, int64_t now_ms) {
    if (!who.can("file.upload")) return Error::forbidden();
    if (who.org_id == 0 || who.org_region.empty()) return Error::forbidden("您的账号未关联机构，不能上传附件");
    LECS_ASSIGN(std::string media_type, rules::check_content(bytes, options_.max_bytes));
    LECS_ASSIGN(std::string name, rules::sanitize_file_name(file_name));

    Attachment a;
    a.sm3_hex = blobs_.put(bytes);  // outside any Tx; content-addressed, so a retry reuses it
    a.id = new_id();
    a.size_bytes = static_cast<int64_t>(bytes.size());
    a.media_type = std::move(media_type);
    a.original_name = std::move(name);
    a.region_code = who.org_region;
    a.org_id = who.org_id;
    a.created_at = a.updated_at = now_ms;
    a.created_by = who.user_id;
    return db.write([&](db::Tx& tx) -> Result<Attachment> {
        store::insert_attachment(tx, a);
        audit_.append(tx, who,
                      {.action = "file.upload",
                       .object_kind = "attachment",
                       .object_id = id_to_string(a.id),
                       .after_json = audit_json(a)},
                      now_ms);
        return a;
    });
}

Result<Attachment> FileService::get(db::Tx& tx, const auth::Caller& who, int64_t id) {
    if (!who.can("file.read")) return Error::forbidden();
    auto a = store::find_attachment(tx, id);
    if (!a || !who.scope.covers(auth::Owner{a->region_code, a->org_id})) return Error::not_found();
    return *a;
}

std::string FileService::bytes_of(const Attachment& a) const {
    std::string bytes = blobs_.get(a.sm3_hex);
    if (static_cast<int64_t>(bytes.size()) != a.size_bytes)
        throw CorruptBlob("attachments: attachment " + id_to_string(a.id) + " records " + std::to_string(a.size_bytes) +
                          " bytes, its blob has " + std::to_string(bytes.size()));
    return bytes;
}

Result<Attachment> FileService::bind(db::Tx& tx, const auth::Caller& who, int64_t attachment_id,
                                     std::string_view owner_kind, int64_t owner_id, int64_t now_ms) {
    auto found = store::find_attachment(tx, attachment_id);
    if (!found || !who.scope.covers(auth::Owner{found->region_code, found->org_id})) return attachment_not_found();
    Attachment a = std::move(*found);
    LECS_ASSIGN(rules::BindAction action, rules::check_bind(a, who, owner_kind, owner_id));
    if (action == rules::BindAction::kAlreadyThere) return a;
    const std::string before = audit_json(a);
    // 0 rows: another transaction bound it since we read it.
    if (store::bind(tx, a.id, owner_kind, owner_id, a.version, now_ms) != 1)
        return Error::conflict("file.already_bound", "该附件已用于其他事项，请重新上传", "attachment_id");
    a.owner_kind = std::string(owner_kind);
    a.owner_id = owner_id;
    a.version += 1;
    a.updated_at = now_ms;
    audit_.append(tx, who,
                  {.action = "file.bind",
                   .object_kind = "attachment",
                   .object_id = id_to_string(a.id),
                   .before_json = before,
                   .after_json = audit_json(a)},
                  now_ms);
    return a;
}

std::vector<Attachment> FileService::bound_to(db::Tx& tx, std::string_view owner_kind, int64_t owner_id) {
    return store::list_bound(tx, owner_kind, owner_id);
}

}  // namespace lecs::files
