// The 公函 of an application (Art 8 (一)): an uploaded attachment, bound to the dispute when the
// application is submitted or supplemented (service.hpp, set_files).
#include "lecs/base/provision.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/files/service.hpp"

namespace lecs::coordination {

Result<void> DisputeService::bind_letter(db::Tx& tx, const auth::Caller& who, const Dispute& d, int64_t now_ms) {
    if (!files_ || !d.letter_attachment_id) return ok();
    auto bound = files_->bind(tx, who, *d.letter_attachment_id, "dispute", d.id, now_ms);
    if (bound.ok()) return ok();
    Error e = bound.take_error();
    // Another agency's upload looks like no upload at all: the letter is the applicant's own.
    if (e.http_status == 404)
        return Error::validation("dispute.letter_not_found",
                                 "未找到提请协调的公函附件（须为本机关上传的PDF或图片），请重新上传",
                                 "letter_attachment_id", cite(Provision::kMeasuresArt8));
    e.field = "letter_attachment_id";
    return e;
}

}  // namespace lecs::coordination
