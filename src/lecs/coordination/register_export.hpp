// The dispute register as an Excel workbook (issue 4 §4): the sheets, built from rows already
// read, so the workbook is written outside any transaction.
//
// Contract:
// - Sheet 1 "登记簿": one row per dispute in the register's order (newest first): 序号, 申请日期,
//   申请机关, 其他当事方, 争议焦点, 执法领域, 协调层级, 协调部门, 状态, 受理日期, 结束日期,
//   办理工作日 (closed only, as register_stats.hpp counts it), 是否逾期. Notes under the table:
//   the filter, the data date and the exporter.
// - Sheet 2 "统计": the statistics of the same selection (by status, level, domain; the
//   averages with their definition).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lecs/calendar/rules.hpp"
#include "lecs/coordination/register_stats.hpp"
#include "lecs/coordination/store.hpp"
#include "lecs/xlsx/xlsx.hpp"

namespace lecs::coordination {

struct RegisterExport {
    const store::DisputePage& page;
    const std::map<int64_t, std::vector<std::string>>& parties;  // names, the applicant first
    const RegisterStatistics& stats;
    calendar::Calendar cal;
    std::function<std::string(int64_t)> org_name;
    std::string filter_text;
    std::string exporter;
    int64_t now_ms = 0;
};

std::vector<xlsx::Sheet> register_sheets(const RegisterExport& in);

}  // namespace lecs::coordination
