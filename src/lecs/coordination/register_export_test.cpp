// The register's sheets, cell by cell, from hand-made rows (the workbook itself is xlsx's test).
#include "lecs/coordination/register_export.hpp"

#include <gtest/gtest.h>

#include "lecs/base/embedded.hpp"

namespace lecs::coordination {
namespace {

using xlsx::Cell;

calendar::Calendar official() {
    auto csv = embedded::find("data/cn-holidays-2025-2026.csv");
    EXPECT_TRUE(csv.has_value());
    auto entries = calendar::parse_holiday_csv(*csv);
    EXPECT_TRUE(entries.ok());
    return calendar::Calendar::from_entries(std::move(entries.value()));
}

std::string text(const Cell& c) { return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : "<?>"; }

TEST(RegisterExport, OneRowPerDisputeWithPartiesStateDatesAndOverdueThenTheStatistics) {
    Dispute closed;
    closed.id = 1;
    closed.status = "closed";
    closed.domain = "agriculture";
    closed.competent_level = "city";
    closed.competent_org_id = 100;
    closed.applicant_org_id = 200;
    closed.focus = "活禽检疫证明查验职责";
    closed.filed_on = Date{2026, 9, 28};
    closed.accepted_on = Date{2026, 9, 29};
    closed.concluded_on = Date{2026, 10, 9};
    Dispute open;
    open.id = 2;
    open.status = "under_review";
    open.competent_level = "county";
    open.competent_org_id = 101;
    open.applicant_org_id = 201;
    open.filed_on = Date{2026, 11, 2};
    store::DisputePage page;
    page.items = {closed, open};
    page.total = 2;
    page.overdue_ids = {2};
    std::map<int64_t, std::vector<std::string>> parties{{1, {"市市场监管局", "信都区农业农村局", "信都区林业局"}}};
    std::vector<RegisterFacts> facts{{"closed", "city", "agriculture", closed.filed_on, closed.concluded_on, false},
                                     {"under_review", "county", "", open.filed_on, std::nullopt, true}};
    const auto cal = official();
    const auto stats = summarize(facts, cal, Date{2026, 11, 27});
    RegisterExport in{page,
                      parties,
                      stats,
                      cal,
                      [](int64_t id) { return id == 100 ? std::string("邢台市司法局") : "机构" + std::to_string(id); },
                      "仅逾期",
                      "张三",
                      1795744800000};  // 2026-11-27 10:00 Beijing
    auto sheets = register_sheets(in);
    ASSERT_EQ(sheets.size(), 2u);
    const auto& reg = sheets[0];
    EXPECT_EQ(reg.name, "登记簿");
    ASSERT_EQ(reg.columns.size(), 13u);
    ASSERT_EQ(reg.rows.size(), 2u);
    const auto& r0 = reg.rows[0];
    ASSERT_EQ(r0.size(), reg.columns.size());
    EXPECT_EQ(std::get<int64_t>(r0[0]), 1);
    EXPECT_EQ(text(r0[1]), "2026-09-28");
    EXPECT_EQ(text(r0[2]), "市市场监管局");
    EXPECT_EQ(text(r0[3]), "信都区农业农村局、信都区林业局");
    EXPECT_EQ(text(r0[5]), "农业农村");
    EXPECT_EQ(text(r0[6]), "市级");
    EXPECT_EQ(text(r0[7]), "邢台市司法局");
    EXPECT_EQ(text(r0[8]), "已办结");
    EXPECT_EQ(text(r0[10]), "2026-10-09");
    EXPECT_EQ(std::get<int64_t>(r0[11]), 4);  // 09-29, 09-30, 10-08, 10-09 (国庆节 10-01..07 off)
    EXPECT_EQ(text(r0[12]), "否");
    const auto& r1 = reg.rows[1];
    EXPECT_EQ(text(r1[2]), "机构201");  // no party rows read: the applicant's name still shows
    EXPECT_EQ(text(r1[5]), "未分类");
    EXPECT_EQ(text(r1[6]), "县级");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r1[10]));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r1[11]));  // open: no handling days
    EXPECT_EQ(text(r1[12]), "是");
    EXPECT_EQ(reg.notes[0], "筛选条件：仅逾期");
    EXPECT_EQ(reg.notes[1], "数据日期：2026-11-27（北京时间）");
    EXPECT_EQ(reg.notes[2], "导出人：张三");

    const auto& st = sheets[1];
    EXPECT_EQ(st.name, "统计");
    auto find = [&](const std::string& group, const std::string& item) -> const std::vector<Cell>* {
        for (const auto& r : st.rows)
            if (text(r[0]) == group && text(r[1]) == item) return &r;
        return nullptr;
    };
    ASSERT_TRUE(find("合计", "登记总数"));
    EXPECT_EQ(std::get<int64_t>((*find("合计", "登记总数"))[2]), 2);
    EXPECT_EQ(std::get<int64_t>((*find("合计", "逾期"))[2]), 1);
    EXPECT_EQ(std::get<int64_t>((*find("按状态", "已办结"))[2]), 1);
    EXPECT_EQ(std::get<int64_t>((*find("按领域", "未分类"))[2]), 1);
    ASSERT_TRUE(find("办理时间", "平均工作日"));
    EXPECT_DOUBLE_EQ(std::get<double>((*find("办理时间", "平均工作日"))[3]), 4.0);
    EXPECT_DOUBLE_EQ(std::get<double>((*find("办理时间", "平均自然日"))[3]), 11.0);
    EXPECT_EQ(st.notes[2], "平均办理工作日约4.0日。");
}

}  // namespace
}  // namespace lecs::coordination
