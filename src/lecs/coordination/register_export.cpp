#include "lecs/coordination/register_export.hpp"

#include <cstdio>

#include "lecs/base/time.hpp"
#include "lecs/coordination/dispute_table.hpp"
#include "lecs/org/domains.hpp"

namespace lecs::coordination {
namespace {

using xlsx::Cell;
using xlsx::Column;
using xlsx::ColumnKind;

Cell date_cell(const std::optional<Date>& d) { return d ? Cell(d->iso()) : Cell(); }

std::string level_label(const std::optional<std::string>& level) {
    if (!level) return {};
    return *level == "city" ? "市级" : "县级";
}

std::string joined(const std::vector<std::string>& names, size_t from) {
    std::string out;
    for (size_t i = from; i < names.size(); ++i) out += (out.empty() ? "" : "、") + names[i];
    return out;
}

std::string one_decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

std::vector<xlsx::Sheet> register_sheets(const RegisterExport& in) {
    const auto& sm = dispute_machine();
    const std::string data_date = "数据日期：" + shanghai_date(in.now_ms).iso() + "（北京时间）";

    xlsx::Sheet reg;
    reg.name = "登记簿";
    reg.title = "行政执法职责争议登记簿";
    reg.columns = {Column{"序号", ColumnKind::kInteger, 6},   Column{"申请日期", ColumnKind::kDate, 12},
                   Column{"申请机关", ColumnKind::kText, 28}, Column{"其他当事方", ColumnKind::kText, 28},
                   Column{"争议焦点", ColumnKind::kText, 40}, Column{"执法领域", ColumnKind::kText, 12},
                   Column{"协调层级", ColumnKind::kText, 8},  Column{"协调部门", ColumnKind::kText, 24},
                   Column{"状态", ColumnKind::kText, 14},     Column{"受理日期", ColumnKind::kDate, 12},
                   Column{"结束日期", ColumnKind::kDate, 12}, Column{"办理工作日", ColumnKind::kInteger, 10},
                   Column{"是否逾期", ColumnKind::kText, 8}};
    int64_t n = 0;
    for (const auto& d : in.page.items) {
        const auto it = in.parties.find(d.id);
        static const std::vector<std::string> kNone;
        const auto& names = it == in.parties.end() ? kNone : it->second;
        Cell working;
        if (d.status == dispute_state::kClosed && d.filed_on && d.concluded_on && *d.filed_on <= *d.concluded_on)
            working = int64_t{in.cal.working_days_between(*d.filed_on, *d.concluded_on)};
        reg.rows.push_back({Cell(++n), date_cell(d.filed_on),
                            Cell(names.empty() ? in.org_name(d.applicant_org_id) : names.front()),
                            Cell(joined(names, 1)), Cell(d.focus), Cell(org::domain_name(d.domain)),
                            Cell(level_label(d.competent_level)),
                            Cell(d.competent_org_id ? in.org_name(*d.competent_org_id) : std::string()),
                            Cell(sm.label_of_state(d.status)), date_cell(d.accepted_on), date_cell(d.concluded_on),
                            working, Cell(std::string(in.page.overdue_ids.count(d.id) ? "是" : "否"))});
    }
    reg.notes = {"筛选条件：" + in.filter_text, data_date, "导出人：" + in.exporter,
                 "办理工作日：办结件自提请之日（不计入）至办结之日的工作日数，按国务院办公厅公布的节假日安排计算。",
                 "是否逾期：审查、补正、协调或书面意见期限已过且未暂停。"};

    const auto& st = in.stats;
    xlsx::Sheet stats;
    stats.name = "统计";
    stats.title = "行政执法职责争议统计";
    stats.columns = {Column{"分组", ColumnKind::kText, 12}, Column{"项目", ColumnKind::kText, 24},
                     Column{"件数", ColumnKind::kInteger, 10}, Column{"天数", ColumnKind::kAmount2, 10}};
    auto count = [&](const std::string& group, const std::string& item, int64_t v) {
        stats.rows.push_back({Cell(group), Cell(item), Cell(v), Cell()});
    };
    auto days = [&](const std::string& item, const std::optional<double>& v) {
        stats.rows.push_back({Cell("办理时间"), Cell(item), Cell(), v ? Cell(*v) : Cell()});
    };
    count("合计", "登记总数", st.total);
    count("合计", "办理中", st.open);
    count("合计", "已结束", st.concluded);
    count("合计", "逾期", st.overdue);
    for (const auto& [state, n] : st.by_status) count("按状态", sm.label_of_state(state), n);
    for (const auto& [level, n] : st.by_level) count("按层级", level_label(level), n);
    for (const auto& [domain, n] : st.by_domain) count("按领域", org::domain_name(domain), n);
    count("办理时间", "计入平均的办结件", st.timed);
    days("平均自然日", st.avg_calendar_days);
    days("平均工作日", st.avg_working_days);
    stats.notes = {"筛选条件：" + in.filter_text, data_date,
                   st.avg_working_days ? "平均办理工作日约" + one_decimal(*st.avg_working_days) + "日。"
                                       : "尚无可计入平均的办结件。",
                   "不予受理、撤回的争议未经办理，不计入平均办理时间。"};
    return {std::move(reg), std::move(stats)};
}

}  // namespace lecs::coordination
