#include "lecs/monitoring/scope.hpp"

namespace lecs::monitoring {

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    if (kind != "warning") return std::nullopt;
    auto r = tx.query_one("SELECT region_code, agency_id FROM monitoring_warnings WHERE id = $1", {id});
    if (!r) return std::nullopt;
    return auth::Owner{r->str(0), r->i64(1)};
}

}  // namespace lecs::monitoring
