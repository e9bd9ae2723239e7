// The register's statistics, export rows and the 公函 download (issue 4 §4).
#include "lecs/base/provision.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/files/service.hpp"

namespace lecs::coordination {

RegisterStatistics DisputeService::statistics(db::Tx& tx, const auth::Caller& who, const store::ListFilter& f) {
    if (who.anonymous()) return summarize({}, calendar::Calendar{}, f.today);
    return summarize(store::register_facts(tx, who.scope, f), deadlines_.calendar().load(tx), f.today);
}

Result<DisputeService::ExportRows> DisputeService::export_rows(db::Tx& tx, const auth::Caller& who,
                                                               store::ListFilter f) {
    ExportRows out;
    if (who.anonymous()) return out;
    f.offset = 0;
    f.limit = kMaxExportRows + 1;
    out.page = store::list_disputes(tx, who.scope, f);
    if (out.page.total > kMaxExportRows)
        return Error::validation("dispute.export_too_large",
                                 "符合条件的争议共" + std::to_string(out.page.total) + "件，超过单次导出上限" +
                                     std::to_string(kMaxExportRows) + "件，请按状态、层级或区划缩小范围后再导出",
                                 "filter");
    std::vector<int64_t> ids;
    ids.reserve(out.page.items.size());
    for (const auto& d : out.page.items) ids.push_back(d.id);
    out.parties = store::party_names(tx, ids);
    return out;
}

Result<DisputeService::LetterFile> DisputeService::letter(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (files_) {
        for (const auto& a : files_->bound_to(tx, "dispute", d.id)) {
            if (!d.letter_attachment_id || a.id != *d.letter_attachment_id) continue;
            return LetterFile{a.original_name, a.media_type, files_->bytes_of(a)};
        }
    }
    return Error{"dispute.no_letter", "该争议尚未附提请协调的公函", "letter_attachment_id",
                 cite(Provision::kMeasuresArt8), 404};
}

}  // namespace lecs::coordination
