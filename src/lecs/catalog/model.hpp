// The minimal enforcement-item catalog (行政执法事项清单, Art 5(2); issue 6 step 3): what an agency
// may enforce, with the period each item is in force and, for penalties, the discretion baseline
// (裁量基准). Monitoring rules R3 (清单外执法) and R7 (裁量基准偏离) read it. The full catalog
// lifecycle (versions, approval, publication) comes later and extends this table (0017_catalog.sql).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lecs/base/time.hpp"

namespace lecs::catalog {

struct Item {
    int64_t id = 0;
    int64_t agency_id = 0;
    std::string item_code;
    std::string name;
    std::string kind;  // kKinds
    Date effective_from;
    std::optional<Date> effective_to;  // inclusive; none = open-ended
    std::optional<int64_t> min_amount_fen, max_amount_fen;
    std::string basis;
    std::string status = "active";  // active | voided
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;

    // In force on d: effective_from <= d <= effective_to (both inclusive), and not voided.
    bool in_force_on(Date d) const {
        return status == "active" && effective_from <= d && (!effective_to || d <= *effective_to);
    }
};

// The kinds of enforcement act, as the monitoring module's ActKind spells them (monitoring/model.hpp):
// the catalog sits below monitoring and cannot include it.
inline constexpr std::array<std::string_view, 9> kKinds = {
    "penalty", "coercion", "inspection", "license", "levy", "expropriation", "payment", "confirmation", "other"};
inline bool is_kind(std::string_view k) {
    for (auto x : kKinds)
        if (x == k) return true;
    return false;
}

}  // namespace lecs::catalog
