// The use cases of attachments: upload, read, bind to the object that uses them.
//
// Contract:
// - upload() needs file.upload and an organisation; the upload is owned by the caller's
//   organisation (its region_code and org_id are the data scope) and is unbound. It is NOT
//   given a Tx: the rules run first (rules.hpp check_content, sanitize_file_name), then the
//   blob is written to the blob directory outside any transaction (a 20 MB fsync must not hold
//   SQLite's single writer: ARCHITECTURE §Transactions), then one short write Tx inserts the
//   row and appends the audit record "file.upload".
// - get() needs file.read and the attachment inside the caller's scope (404 otherwise).
//   bytes_of() returns the verified bytes of an attachment already read: a missing or
//   altered blob throws CorruptBlob (an infrastructure failure: 500, logged with the request
//   id at the HTTP boundary), never unverified bytes.
// - bind() is for the module that uses an attachment (a dispute's 公函, an inspection's photos),
//   inside ITS transaction, after its own permission check: the caller must be the uploader
//   (403 file.not_uploader), the attachment inside the caller's scope (404) and not bound to
//   another object (409 file.already_bound); binding again to the same object changes nothing.
//   Audited "file.bind" in the same Tx. The attachment keeps its uploader's scope; a module
//   that shows it to others (the other parties of a dispute) serves it through its own routes,
//   with bound_to() and bytes_of().
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/db/db.hpp"
#include "lecs/files/blobs.hpp"
#include "lecs/files/model.hpp"

namespace lecs::files {

struct FileServiceOptions {
    std::filesystem::path dir = "data/attachments";  // [storage] attachments_dir
    int64_t max_bytes = kDefaultMaxAttachmentBytes;  // [storage] max_attachment_bytes
};

class FileService {
  public:
    FileService(audit::AuditLog& audit, FileServiceOptions options)
        : audit_(audit), options_(std::move(options)), blobs_(options_.dir) {}

    Result<Attachment> upload(db::Database& db, const auth::Caller& who, std::string_view bytes,
                              std::string_view file_name, int64_t now_ms);
    Result<Attachment> get(db::Tx& tx, const auth::Caller& who, int64_t id);
    std::string bytes_of(const Attachment& a) const;

    Result<Attachment> bind(db::Tx& tx, const auth::Caller& who, int64_t attachment_id, std::string_view owner_kind,
                            int64_t owner_id, int64_t now_ms);
    // The attachments bound to an object, oldest first. No permission check: the owning module
    // has checked the caller against its object.
    std::vector<Attachment> bound_to(db::Tx& tx, std::string_view owner_kind, int64_t owner_id);

    int64_t max_bytes() const { return options_.max_bytes; }
    const BlobStore& blobs() const { return blobs_; }

  private:
    audit::AuditLog& audit_;
    FileServiceOptions options_;
    BlobStore blobs_;
};

// Owner of an object of kind "attachment" (the uploader's organisation), for ScopeRule::object;
// nullopt for another kind or a missing attachment.
std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id);

}  // namespace lecs::files
