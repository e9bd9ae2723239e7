// Plain data of statistical report submissions (Art 15; REQUIREMENTS §9; issue 7 §2): a row of
// report_submissions and the reasons of a return (report_returns). No logic: state_rules.hpp and
// rules.hpp decide, store.hpp reads and writes, service.hpp runs the use cases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/base/time.hpp"
#include "lecs/reports/rules.hpp"

namespace lecs::reports {

struct ReportSubmission {
    int64_t id = 0;
    std::string template_code;
    int template_version = 0;  // bound at filing: the version the draft was opened on
    int64_t agency_id = 0;
    std::string region_code;  // the agency's (data scope)
    std::string period_key;   // "2026", "2026-Q1", …
    std::string state;        // state_rules.hpp submission_state
    Values values;            // counts, and amounts in 分
    Values prefill;           // what the monitoring aggregates gave when the draft was opened
    Date due_on;
    std::optional<int64_t> submitted_at;  // the first submission: lateness counts it
    std::optional<int64_t> last_submitted_at;
    std::optional<int64_t> accepted_at, accepted_by;
    int64_t version = 1;
    int64_t created_at = 0, updated_at = 0, created_by = 0;
};

// One reason of a return: the field to correct and why (issue 7 §2: returned with reasons per field).
struct ReturnReason {
    std::string field_code;
    std::string reason;
};

struct ReturnRecord {
    int round = 0;  // 1 for the first return of the submission, 2 for the second, …
    std::string field_code;
    std::string reason;
    int64_t created_at = 0, created_by = 0;
};

}  // namespace lecs::reports
