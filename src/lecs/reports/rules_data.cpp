// (d) Reconciliation of filed figures with the figures computed from data, and (e) pre-fill from
// the monitoring aggregates (rules.hpp; issue 7 step 3: "one entry, no re-typing", and each filed
// figure that differs from the data is listed).
#include "lecs/reports/rules.hpp"

namespace lecs::reports {

std::vector<Difference> reconcile(const ReportTemplate& t, const Values& filed, const Values& computed) {
    std::vector<Difference> out;
    for (const auto& tb : t.tables)
        for (const auto& f : tb.fields) {
            auto c = computed.find(f.code);
            if (c == computed.end()) continue;
            auto fi = filed.find(f.code);
            const int64_t filed_v = fi == filed.end() ? 0 : fi->second;
            if (filed_v == c->second) continue;
            // Both sides are bounded cells or aggregate sums far below int64's range.
            out.push_back({tb.code, tb.name, f.code, f.name, filed_v, c->second, filed_v - c->second});
        }
    return out;
}

Result<Prefill> prefill_from_metrics(const ReportTemplate& t,
                                     const std::map<std::string, int64_t, std::less<>>& metrics) {
    Prefill out;
    for (const auto& tb : t.tables)
        for (const auto& f : tb.fields) {
            if (f.from.empty()) {
                out.not_prefilled.push_back(f.code);
                continue;
            }
            int64_t sum = 0;
            for (const auto& m : f.from) {
                auto it = metrics.find(m);
                if (it != metrics.end() && __builtin_add_overflow(sum, it->second, &sum))
                    return Error::validation("reports.overflow", "预填栏目“" + f.name + "”时数值溢出", f.code);
            }
            out.values[f.code] = sum;
        }
    return out;
}

}  // namespace lecs::reports
