#include "lecs/listexport/rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace lecs::listexport {
namespace {

namespace json = boost::json;
using xlsx::Cell;

// 2026-11-27 10:00 Beijing time.
constexpr int64_t kNow = 1795744800000;

Layout people_layout() {
    return Layout{.list = "/api/v1/people",
                  .title = "行政执法人员",
                  .file_stem = "行政执法人员",
                  .fields = {Field{"name", "姓名"}, Field{"org.name", "所在单位"}, Field{"id_no", "身份证号（脱敏）"},
                             Field{"is_head", "是否负责人"}, Field{"count", "件数", Format::kInteger},
                             Field{"amount_fen", "金额（万元）", Format::kFenToWan}, Field{"on", "日期", Format::kDate},
                             Field{"at", "时间", Format::kInstant},
                             Field{"kind", "类别", Format::kLabel, 10, {{"fine", "罚款"}, {"warning", "警告"}}}},
                  .basis = "数据权限内的人员。",
                  .params = {{"q", "姓名含"}, {"org_id", "所在单位"}}};
}

json::array items(std::string_view text) { return json::parse(text).as_array(); }

std::string text(const Cell& c) { return std::get<std::string>(c); }

TEST(ListExportCells, EachFormatBecomesItsCell) {
    const Layout l = people_layout();
    const auto a = items(R"([{"name":"张三","org":{"id":"7","name":"信都区市场监督管理局"},"id_no":"1305**********1234",
        "is_head":true,"count":"42","amount_fen":12345678,"on":"2026-03-01","at":"2026-11-27T17:05:09.123Z",
        "kind":["fine","warning","new_code"]}])");
    const xlsx::Sheet s =
        sheet_of(SheetInput{.layout = l, .items = a, .total = 1, .query = {}, .exporter = "王监督", .now_ms = kNow});
    ASSERT_EQ(s.rows.size(), 1u);
    const auto& r = s.rows[0];
    EXPECT_EQ(text(r[0]), "张三");
    EXPECT_EQ(text(r[1]), "信都区市场监督管理局");
    EXPECT_EQ(text(r[2]), "1305**********1234");  // as the list masked it
    EXPECT_EQ(text(r[3]), "是");
    EXPECT_EQ(std::get<int64_t>(r[4]), 42);
    EXPECT_DOUBLE_EQ(std::get<double>(r[5]), 12.345678);  // 123 456.78 元 = 12.345678 万元
    EXPECT_EQ(text(r[6]), "2026-03-01");
    EXPECT_EQ(text(r[7]), "2026-11-28 01:05");  // 17:05 UTC is 01:05 the next day in Beijing
    EXPECT_EQ(text(r[8]), "罚款、警告、new_code");
}

TEST(ListExportCells, MissingAndNullAreEmptyAndAMisfitIsKeptAsText) {
    const Layout l = people_layout();
    const auto a = items(R"([{"name":null,"count":"十二","amount_fen":"n/a","on":"尚未确定","at":"昨天"}])");
    const xlsx::Sheet s =
        sheet_of(SheetInput{.layout = l, .items = a, .total = 1, .query = {}, .exporter = "x", .now_ms = kNow});
    const auto& r = s.rows[0];
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r[0]));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r[1]));  // "org" absent: "org.name" is empty
    EXPECT_EQ(text(r[4]), "十二");
    EXPECT_EQ(text(r[5]), "n/a");
    EXPECT_EQ(text(r[6]), "尚未确定");
    EXPECT_EQ(text(r[7]), "昨天");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r[8]));
}

TEST(ListExportCells, AnInstantJustBeforeBeijingMidnightStaysOnItsDay) {
    const Field f{"at", "时间", Format::kInstant};
    json::value v = "2026-12-31T15:59:00Z";
    EXPECT_EQ(text(cell_of(&v, f)), "2026-12-31 23:59");
    v = "2026-12-31T16:00:00Z";
    EXPECT_EQ(text(cell_of(&v, f)), "2027-01-01 00:00");
}

TEST(ListExportSheet, ColumnsCarryTheHeadersAndKinds) {
    const xlsx::Sheet s = sheet_of(
        SheetInput{.layout = people_layout(), .items = {}, .total = 0, .query = {}, .exporter = "x", .now_ms = kNow});
    ASSERT_EQ(s.columns.size(), 9u);
    EXPECT_EQ(s.columns[0].header, "姓名");
    EXPECT_EQ(s.columns[0].kind, xlsx::ColumnKind::kText);
    EXPECT_EQ(s.columns[4].kind, xlsx::ColumnKind::kInteger);
    EXPECT_EQ(s.columns[5].kind, xlsx::ColumnKind::kAmount2);
    EXPECT_EQ(s.columns[6].kind, xlsx::ColumnKind::kDate);
    EXPECT_EQ(s.columns[7].kind, xlsx::ColumnKind::kText);  // an instant is Beijing-time text
    EXPECT_EQ(s.title, "行政执法人员");
    EXPECT_TRUE(s.rows.empty());
}

TEST(ListExportSheet, NotesStateBasisFilterDateAndExporter) {
    const xlsx::Sheet s =
        sheet_of(SheetInput{.layout = people_layout(),
                            .items = items(R"([{"name":"张三"}])"),
                            .total = 1,
                            .query = {{"page", "3"}, {"q", "张"}, {"unknown", "1"}, {"org_id", "42"}, {"size", "20"}},
                            .exporter = "王监督",
                            .now_ms = kNow});
    EXPECT_EQ(s.notes, (std::vector<std::string>{"口径：数据权限内的人员。", "筛选条件：姓名含：张；所在单位：42",
                                                 "数据日期：2026-11-27（北京时间）", "导出人：王监督"}));
}

TEST(ListExportSheet, NoFilterIsTheWholeScope) {
    EXPECT_EQ(filter_text(people_layout(), {{"page", "1"}, {"q", ""}}), "全部（数据权限内）");
}

TEST(ListExportSheet, RowsBeyondTheCapAreCutWithANote) {
    json::array a;
    for (int i = 0; i < 5; ++i) a.push_back(json::object{{"name", "人员" + std::to_string(i)}});
    const xlsx::Sheet s = sheet_of(SheetInput{
        .layout = people_layout(), .items = a, .total = 12345, .query = {}, .exporter = "x", .now_ms = kNow, .cap = 3});
    ASSERT_EQ(s.rows.size(), 3u);
    EXPECT_EQ(text(s.rows[2][0]), "人员2");
    ASSERT_EQ(s.notes.size(), 5u);
    EXPECT_EQ(s.notes[4], "符合条件的共12345条，本表只列出前3条（单次导出上限3条），请缩小筛选范围后分次导出。");
}

TEST(ListExportSheet, AtTheCapExactlyNothingIsCut) {
    json::array a;
    for (int i = 0; i < 3; ++i) a.push_back(json::object{{"name", "人员" + std::to_string(i)}});
    const xlsx::Sheet s = sheet_of(SheetInput{
        .layout = people_layout(), .items = a, .total = 3, .query = {}, .exporter = "x", .now_ms = kNow, .cap = 3});
    EXPECT_EQ(s.rows.size(), 3u);
    EXPECT_EQ(s.notes.size(), 4u);
}

TEST(ListExportSheet, TheDocumentedCapIsTenThousand) { EXPECT_EQ(kMaxRows, 10000); }

TEST(ListExportSheet, FileNameCarriesTheBeijingDate) {
    // 2026-11-27 20:00 UTC is already the 28th in Beijing.
    EXPECT_EQ(file_name(people_layout(), 1795809600000), "行政执法人员-2026-11-28.xlsx");
}

TEST(ListExportSheet, TheWorkbookIsWritten) {
    const xlsx::Sheet s = sheet_of(SheetInput{.layout = people_layout(),
                                              .items = items(R"([{"name":"张三","count":3}])"),
                                              .total = 1,
                                              .query = {},
                                              .exporter = "x",
                                              .now_ms = kNow});
    const std::string bytes = xlsx::write_workbook({s}, kNow / 1000);
    ASSERT_GT(bytes.size(), 100u);
    EXPECT_EQ(bytes.substr(0, 2), "PK");
}

}  // namespace
}  // namespace lecs::listexport
