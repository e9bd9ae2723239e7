// (f) Due date and lateness of a report (rules.hpp; REQUIREMENTS §9: "late and missing reports
// are flagged and reminded"). The annual report's date, 31 January (REQUIREMENTS §9, citing
// 国办发〔2018〕118号), is the template's due rule, not a constant here: legal-facts.md does not verify it.
#include <algorithm>

#include "lecs/base/provision.hpp"
#include "lecs/reports/rules.hpp"

namespace lecs::reports {

Result<Date> report_due_date(const ReportTemplate& t, const PeriodRef& period) {
    if (period.kind != t.period)
        return Error::validation(
            "reports.period_mismatch",
            "报表“" + t.name + "”是" + std::string(period_kind_label(t.period)) + "，不能按" + period.label() + "填报",
            "period", cite(Provision::kMeasuresArt15));
    return due_date(t.due, period);
}

std::vector<PeriodRef> periods_to_remind(const ReportTemplate& t, Date today, int before, int after) {
    std::vector<PeriodRef> out;
    const int count = t.period == PeriodKind::kMonth      ? 12
                      : t.period == PeriodKind::kQuarter  ? 4
                      : t.period == PeriodKind::kHalfYear ? 2
                                                          : 1;
    // A due date lies after its period's end and at most about 13 months after it (template_json.cpp
    // bounds months_after_end and days_after_end), and a later year's period has not ended: the
    // periods of today's year and the two before cover any window of a few weeks.
    for (int year = std::max(kMinYear, today.y - 2); year <= std::min(kMaxYear, today.y); ++year)
        for (int i = 1; i <= count; ++i) {
            const PeriodRef p{t.period, year, i};
            const Date due = due_date(t.due, p);
            if (today.days() >= due.days() - before && today.days() <= due.days() + after) out.push_back(p);
        }
    return out;
}

std::string_view timeliness_label(Timeliness t) {
    switch (t) {
        case Timeliness::kNotYetDue:
            return "未到期";
        case Timeliness::kMissing:
            return "逾期未报";
        case Timeliness::kOnTime:
            return "按时报送";
        case Timeliness::kLate:
            return "逾期报送";
    }
    return {};
}

Lateness lateness(Date due, std::optional<int64_t> submitted_at_ms, Date today) {
    if (submitted_at_ms) {
        const Date on = shanghai_date(*submitted_at_ms);
        if (on <= due) return {Timeliness::kOnTime, 0};
        return {Timeliness::kLate, on.days() - due.days()};
    }
    if (today <= due) return {Timeliness::kNotYetDue, 0};
    return {Timeliness::kMissing, today.days() - due.days()};
}

std::string_view timeliness_word(Timeliness t) {
    switch (t) {
        case Timeliness::kNotYetDue:
            return "not_yet_due";
        case Timeliness::kMissing:
            return "missing";
        case Timeliness::kOnTime:
            return "on_time";
        case Timeliness::kLate:
            return "late";
    }
    return "not_yet_due";
}

}  // namespace lecs::reports
