#include "lecs/coordination/register_stats.hpp"

#include <algorithm>
#include <map>

#include "lecs/coordination/dispute_table.hpp"

namespace lecs::coordination {

RegisterStatistics summarize(const std::vector<RegisterFacts>& rows, const calendar::Calendar& cal, Date as_of) {
    RegisterStatistics s;
    s.as_of = as_of;
    std::map<std::string, int64_t> status, level, domain;
    int64_t calendar_sum = 0, working_sum = 0;
    for (const auto& r : rows) {
        ++s.total;
        ++status[r.status];
        if (r.competent_level) ++level[*r.competent_level];
        ++domain[r.domain];
        if (r.status == dispute_state::kDraft) {
            ++s.drafts;
        } else if (is_concluded(r.status)) {
            ++s.concluded;
        } else {
            ++s.open;
        }
        if (r.overdue) ++s.overdue;
        if (r.status == dispute_state::kClosed && r.filed_on && r.concluded_on && *r.filed_on <= *r.concluded_on) {
            ++s.timed;
            calendar_sum += r.concluded_on->days() - r.filed_on->days();
            const int w = cal.working_days_between(*r.filed_on, *r.concluded_on);
            working_sum += w;
            s.max_working_days = std::max(s.max_working_days.value_or(0), w);
        }
    }
    for (const auto& st : dispute_machine().definition().states) {
        auto it = status.find(std::string(st.name));
        s.by_status.emplace_back(std::string(st.name), it == status.end() ? 0 : it->second);
    }
    for (const char* l : {"city", "county"}) {
        auto it = level.find(l);
        s.by_level.emplace_back(l, it == level.end() ? 0 : it->second);
    }
    s.by_domain.assign(domain.begin(), domain.end());
    std::stable_sort(s.by_domain.begin(), s.by_domain.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (s.timed > 0) {
        s.avg_calendar_days = static_cast<double>(calendar_sum) / static_cast<double>(s.timed);
        s.avg_working_days = static_cast<double>(working_sum) / static_cast<double>(s.timed);
    }
    return s;
}

}  // namespace lecs::coordination
