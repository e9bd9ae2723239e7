#include "lecs/xlsx/xlsx.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp, setenv
#include <zlib.h>    // linked through libxlsxwriter's pkg-config (-lz)

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lecs::xlsx {
namespace {

// ---- A minimal zip reader: the workbook is read back, not trusted. --------

uint32_t le(const std::string& b, size_t at, int bytes) {
    if (at + bytes > b.size()) throw std::runtime_error("zip: read past the end");
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

// Every entry of the zip, name -> uncompressed bytes, found through the
// central directory and inflated with zlib (raw deflate); the CRC-32 of each
// entry is checked.
std::map<std::string, std::string> unzip(const std::string& zip) {
    size_t eocd = std::string::npos;
    for (size_t i = zip.size() >= 22 ? zip.size() - 22 : 0;; --i) {
        if (le(zip, i, 4) == 0x06054b50) {
            eocd = i;
            break;
        }
        if (i == 0) break;
    }
    if (eocd == std::string::npos) throw std::runtime_error("zip: no end of central directory");
    const uint32_t entries = le(zip, eocd + 10, 2);
    size_t at = le(zip, eocd + 16, 4);
    std::map<std::string, std::string> out;
    for (uint32_t e = 0; e < entries; ++e) {
        if (le(zip, at, 4) != 0x02014b50) throw std::runtime_error("zip: bad central directory entry");
        const uint32_t method = le(zip, at + 10, 2);
        const uint32_t crc = le(zip, at + 16, 4);
        const uint32_t compressed = le(zip, at + 20, 4);
        const uint32_t size = le(zip, at + 24, 4);
        const uint32_t name_len = le(zip, at + 28, 2);
        const uint32_t extra_len = le(zip, at + 30, 2);
        const uint32_t comment_len = le(zip, at + 32, 2);
        const uint32_t local = le(zip, at + 42, 4);
        const std::string name = zip.substr(at + 46, name_len);
        at += 46 + name_len + extra_len + comment_len;

        if (le(zip, local, 4) != 0x04034b50) throw std::runtime_error("zip: bad local header for " + name);
        const size_t data = local + 30 + le(zip, local + 26, 2) + le(zip, local + 28, 2);
        if (data + compressed > zip.size()) throw std::runtime_error("zip: truncated " + name);
        std::string bytes;
        if (method == 0) {
            bytes = zip.substr(data, compressed);
        } else if (method == 8) {
            bytes.resize(size);
            z_stream zs{};
            if (inflateInit2(&zs, -15) != Z_OK) throw std::runtime_error("zip: inflateInit2");
            zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
            zs.avail_in = compressed;
            zs.next_out = reinterpret_cast<Bytef*>(bytes.data());
            zs.avail_out = size;
            const int rc = inflate(&zs, Z_FINISH);
            const uLong produced = zs.total_out;
            inflateEnd(&zs);
            if (rc != Z_STREAM_END || produced != size) throw std::runtime_error("zip: inflate failed for " + name);
        } else {
            throw std::runtime_error("zip: unknown method for " + name);
        }
        const uLong actual = crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size());
        if (actual != crc) throw std::runtime_error("zip: CRC mismatch for " + name);
        out.emplace(name, std::move(bytes));
    }
    return out;
}

// ---- A few XML look-ups, enough for what libxlsxwriter writes. ------------

std::string unescape(std::string s) {
    const std::pair<const char*, const char*> kEntities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : kEntities) {
        for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) {
            s.replace(p, std::strlen(from), to);
        }
    }
    return s;
}

// Attribute `attr` of the XML element that starts at `at`.
std::optional<std::string> attribute(const std::string& xml, size_t at, const std::string& attr) {
    const size_t end = xml.find('>', at);
    const std::string key = " " + attr + "=\"";
    const size_t p = xml.find(key, at);
    if (p == std::string::npos || p > end) return std::nullopt;
    const size_t v = p + key.size();
    return unescape(xml.substr(v, xml.find('"', v) - v));
}

// The text of each <si> of sharedStrings.xml, in index order.
std::vector<std::string> shared_strings(const std::string& xml) {
    std::vector<std::string> out;
    for (size_t si = xml.find("<si>"); si != std::string::npos; si = xml.find("<si>", si + 1)) {
        const size_t end = xml.find("</si>", si);
        std::string text;
        for (size_t t = xml.find("<t", si); t != std::string::npos && t < end; t = xml.find("<t", t + 1)) {
            if (xml[t + 2] != '>' && xml[t + 2] != ' ') continue;
            const size_t open = xml.find('>', t) + 1;
            text += unescape(xml.substr(open, xml.find("</t>", open) - open));
        }
        out.push_back(text);
    }
    return out;
}

// The <c> element for `ref` ("C3") in a sheet XML, or "" when there is none.
std::string cell_xml(const std::string& sheet, const std::string& ref) {
    const size_t at = sheet.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return "";
    const size_t gt = sheet.find('>', at);
    if (sheet[gt - 1] == '/') return sheet.substr(at, gt + 1 - at);
    return sheet.substr(at, sheet.find("</c>", at) + 4 - at);
}

std::string cell_value(const std::string& cell) {
    const size_t v = cell.find("<v>");
    if (v == std::string::npos) return "";
    return cell.substr(v + 3, cell.find("</v>", v) - v - 3);
}

// The <xf> at `index` inside <cellXfs> of styles.xml.
size_t cell_xf(const std::string& styles, size_t index) {
    size_t at = styles.find("<cellXfs");
    for (size_t i = 0; i <= index; ++i) at = styles.find("<xf ", at + 1);
    return at;
}

size_t count_code_points(const std::string& s) {
    size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// ---- The fixture: a private TMPDIR, so leftover temp files can be counted. --

class Xlsx : public testing::Test {
  protected:
    void SetUp() override {
        if (const char* old = std::getenv("TMPDIR")) old_tmpdir_ = old;
        std::string tmpl = (std::filesystem::temp_directory_path() / "lecs-xlsx-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
        ::setenv("TMPDIR", dir_.c_str(), 1);
    }
    void TearDown() override {
        if (old_tmpdir_) {
            ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
        } else {
            ::unsetenv("TMPDIR");
        }
        std::filesystem::remove_all(dir_);
    }

    // Files in the temp dir: ours ("lecs-xlsx-…") and libxlsxwriter's own.
    size_t files_in_temp_dir(const std::string& prefix = "") const {
        size_t n = 0;
        for (const auto& e : std::filesystem::directory_iterator(dir_)) {
            n += e.path().filename().string().rfind(prefix, 0) == 0;
        }
        return n;
    }

    std::filesystem::path dir_;
    std::optional<std::string> old_tmpdir_;
};

constexpr int64_t kCreated = 1774944000;  // 2026-03-31T08:00:00Z

Sheet disputes_register() {
    Sheet s;
    s.name = "争议登记";
    s.title = "职责争议登记表";
    s.columns = {{"编号", ColumnKind::kText, 16},
                 {"争议事项", ColumnKind::kText, 40},
                 {"涉及部门数", ColumnKind::kInteger, 10},
                 {"涉及金额（万元）", ColumnKind::kAmount2, 14},
                 {"登记日期", ColumnKind::kDate, 12}};
    s.rows = {{std::string("ZY-2026-001"), std::string("宁晋县市场监督管理局与农业农村局关于农药经营监管的职责争议"),
               int64_t{2}, 1234.5, std::string("2026-03-01")},
              {std::string("ZY-2026-002"), std::monostate{}, int64_t{3}}};
    s.notes = {"口径：2026年受理的职责争议", "数据日期：2026-03-31", "导出人：张三"};
    return s;
}

std::vector<std::string> sheet_names(const std::map<std::string, std::string>& zip) {
    const std::string& wb = zip.at("xl/workbook.xml");
    std::vector<std::string> names;
    for (size_t at = wb.find("<sheet "); at != std::string::npos; at = wb.find("<sheet ", at + 1)) {
        names.push_back(attribute(wb, at, "name").value_or("?"));
    }
    return names;
}

TEST_F(Xlsx, RegisterIsReadBackWithTitleHeadersValuesAndNotes) {
    const auto zip = unzip(write_workbook({disputes_register()}, kCreated));
    const std::vector<std::string> strings = shared_strings(zip.at("xl/sharedStrings.xml"));
    const std::string& sheet = zip.at("xl/worksheets/sheet1.xml");
    auto text_at = [&](const std::string& ref) {
        const std::string c = cell_xml(sheet, ref);
        if (attribute(c, 0, "t") != "s") return std::string("<not text>");
        return strings.at(std::stoul(cell_value(c)));
    };

    EXPECT_EQ(sheet_names(zip), std::vector<std::string>{"争议登记"});
    EXPECT_EQ(text_at("A1"), "职责争议登记表");
    EXPECT_EQ(text_at("A2"), "编号");
    EXPECT_EQ(text_at("B2"), "争议事项");
    EXPECT_EQ(text_at("C2"), "涉及部门数");
    EXPECT_EQ(text_at("D2"), "涉及金额（万元）");
    EXPECT_EQ(text_at("E2"), "登记日期");
    EXPECT_EQ(text_at("A3"), "ZY-2026-001");
    EXPECT_EQ(text_at("B3"), "宁晋县市场监督管理局与农业农村局关于农药经营监管的职责争议");
    EXPECT_EQ(cell_value(cell_xml(sheet, "C3")), "2");
    EXPECT_EQ(cell_value(cell_xml(sheet, "D3")), "1234.5");
    EXPECT_EQ(text_at("E3"), "2026-03-01");  // a date column keeps the text
    EXPECT_EQ(text_at("A4"), "ZY-2026-002");
    EXPECT_EQ(cell_value(cell_xml(sheet, "C4")), "3");
    // The short row: the missing cells are empty (no value), the row is not widened.
    for (const char* ref : {"B4", "D4", "E4"}) {
        EXPECT_NE(cell_xml(sheet, ref), "") << ref;
        EXPECT_EQ(cell_value(cell_xml(sheet, ref)), "") << ref;
    }
    EXPECT_EQ(cell_xml(sheet, "F3"), "");
    // One empty row, then the notes.
    EXPECT_EQ(sheet.find("<row r=\"5\""), std::string::npos);
    EXPECT_EQ(text_at("A6"), "口径：2026年受理的职责争议");
    EXPECT_EQ(text_at("A7"), "数据日期：2026-03-31");
    EXPECT_EQ(text_at("A8"), "导出人：张三");

    EXPECT_NE(sheet.find("<mergeCell ref=\"A1:E1\"/>"), std::string::npos);
    EXPECT_NE(sheet.find("<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"),
              std::string::npos);
    // The header repeats on each printed page.
    EXPECT_NE(zip.at("xl/workbook.xml").find("_xlnm.Print_Titles"), std::string::npos);
    EXPECT_NE(zip.at("xl/workbook.xml").find("!$2:$2</definedName>"), std::string::npos);
}

TEST_F(Xlsx, HeaderAndColumnFormats) {
    const auto zip = unzip(write_workbook({disputes_register()}, kCreated));
    const std::string& sheet = zip.at("xl/worksheets/sheet1.xml");
    const std::string& styles = zip.at("xl/styles.xml");
    auto xf_of = [&](const std::string& ref) {
        const auto s = attribute(cell_xml(sheet, ref), 0, "s");
        return cell_xf(styles, s ? std::stoul(*s) : 0);
    };

    // Integer: Excel's built-in "0" is numFmtId 1. Amount: a custom "#,##0.00".
    EXPECT_EQ(attribute(styles, xf_of("C3"), "numFmtId"), "1");
    const size_t amount_fmt = styles.find("formatCode=\"#,##0.00\"");
    ASSERT_NE(amount_fmt, std::string::npos);
    const size_t numfmt = styles.rfind("<numFmt ", amount_fmt);
    EXPECT_EQ(attribute(styles, xf_of("D3"), "numFmtId"), attribute(styles, numfmt, "numFmtId"));
    // Date: the text format "@" is the built-in numFmtId 49.
    EXPECT_EQ(attribute(styles, xf_of("E3"), "numFmtId"), "49");

    // The header: a bold font, a solid light-grey fill, a thin border on every side.
    const size_t header = xf_of("A2");
    const size_t font = std::stoul(attribute(styles, header, "fontId").value());
    size_t at = styles.find("<fonts");
    for (size_t i = 0; i <= font; ++i) at = styles.find("<font>", at + 1);
    const std::string font_xml = styles.substr(at, styles.find("</font>", at) - at);
    EXPECT_NE(font_xml.find("<b/>"), std::string::npos);
    EXPECT_NE(font_xml.find("<name val=\"宋体\"/>"), std::string::npos);

    const size_t fill = std::stoul(attribute(styles, header, "fillId").value());
    at = styles.find("<fills");
    for (size_t i = 0; i <= fill; ++i) at = styles.find("<fill>", at + 1);
    const std::string fill_xml = styles.substr(at, styles.find("</fill>", at) - at);
    EXPECT_NE(fill_xml.find("patternType=\"solid\""), std::string::npos);
    EXPECT_NE(fill_xml.find("<fgColor rgb=\"FFD9D9D9\"/>"), std::string::npos);

    const size_t border = std::stoul(attribute(styles, header, "borderId").value());
    at = styles.find("<borders");
    for (size_t i = 0; i <= border; ++i) at = styles.find("<border>", at + 1);
    const std::string border_xml = styles.substr(at, styles.find("</border>", at) - at);
    for (const char* side :
         {"<left style=\"thin\">", "<right style=\"thin\">", "<top style=\"thin\">", "<bottom style=\"thin\">"}) {
        EXPECT_NE(border_xml.find(side), std::string::npos) << side;
    }
}

TEST_F(Xlsx, SheetNamesAreMadeAcceptableToExcel) {
    const std::string forty = "邢台市宁晋县市场监督管理局与农业农村局关于农药经营监督管理职责争议的协调处理意见";
    ASSERT_EQ(count_code_points(forty), 40u);
    const std::string astral =
        std::string("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十") + "\xF0\xA0\x80\x80";
    std::vector<Sheet> sheets(9);
    sheets[0].name = "争议/统计:2026";
    sheets[1].name = forty;
    sheets[2].name = "";
    sheets[3].name = "争议登记";
    sheets[4].name = "争议登记";
    sheets[5].name = forty;  // a duplicate at 31 characters: cut to make room for " (2)"
    sheets[6].name = "[x]*?\\";
    sheets[7].name = "'引号'";
    sheets[8].name = astral;  // 30 characters + U+20000 = 32 UTF-16 units

    const auto names = sheet_names(unzip(write_workbook(sheets, kCreated)));
    const std::vector<std::string> expected = {
        "争议_统计_2026",
        "邢台市宁晋县市场监督管理局与农业农村局关于农药经营监督管理职责",
        "Sheet3",
        "争议登记",
        "争议登记 (2)",
        "邢台市宁晋县市场监督管理局与农业农村局关于农药经营监督 (2)",
        "_x____",
        "_引号_",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
    };
    EXPECT_EQ(names, expected);
    EXPECT_EQ(count_code_points(names[1]), 31u);
    EXPECT_EQ(count_code_points(names[5]), 31u);
}

TEST_F(Xlsx, SheetNamesDifferingOnlyInCaseAreDeduplicated) {
    std::vector<Sheet> sheets(3);
    sheets[0].name = "Data";
    sheets[1].name = "DATA";
    sheets[2].name = "data";
    EXPECT_EQ(sheet_names(unzip(write_workbook(sheets, kCreated))),
              (std::vector<std::string>{"Data", "DATA (2)", "data (3)"}));
}

TEST_F(Xlsx, OverlongTextIsCutAtACharacterBoundary) {
    std::string long_chinese;
    for (int i = 0; i < 40000; ++i) long_chinese += "中";
    // 32766 units of 'a', then U+20000 (two units): it does not fit and is dropped whole.
    const std::string astral_tail = std::string(32766, 'a') + "\xF0\xA0\x80\x80";
    Sheet s;
    s.columns = {{"情况说明"}, {"备注"}, {"编码"}};
    s.rows = {{long_chinese, astral_tail, std::string("a\xFF") + "b"}};
    const auto zip = unzip(write_workbook({s}, kCreated));
    const auto strings = shared_strings(zip.at("xl/sharedStrings.xml"));
    ASSERT_EQ(strings.size(), 6u);
    EXPECT_EQ(strings[0], "情况说明");
    EXPECT_EQ(count_code_points(strings[3]), 32767u);
    EXPECT_EQ(strings[3].substr(0, 6), "中中");
    EXPECT_EQ(strings[4], std::string(32766, 'a'));
    EXPECT_EQ(strings[5], "a\uFFFDb");  // the invalid byte became U+FFFD
}

TEST_F(Xlsx, IntegersBeyondFifteenDigitsAreKeptAsText) {
    Sheet s;
    s.columns = {{"数量", ColumnKind::kInteger}, {"数量", ColumnKind::kInteger}};
    s.rows = {{int64_t{999'999'999'999'999}, int64_t{130'503'199'001'011'234}}};
    const auto zip = unzip(write_workbook({s}, kCreated));
    const std::string& sheet = zip.at("xl/worksheets/sheet1.xml");
    EXPECT_EQ(cell_value(cell_xml(sheet, "A2")), "999999999999999");
    const std::string b2 = cell_xml(sheet, "B2");
    ASSERT_EQ(attribute(b2, 0, "t"), "s");
    EXPECT_EQ(shared_strings(zip.at("xl/sharedStrings.xml")).at(std::stoul(cell_value(b2))), "130503199001011234");
}

TEST_F(Xlsx, WithoutTitleTheHeaderIsTheFirstRowAndOneColumnIsNotMerged) {
    Sheet plain;
    plain.columns = {{"编号"}, {"名称"}};
    plain.rows = {{std::string("1"), std::string("甲")}};
    Sheet narrow;
    narrow.title = "单列";
    narrow.columns = {{"编号"}};
    const auto zip = unzip(write_workbook({plain, narrow}, kCreated));
    EXPECT_EQ(sheet_names(zip), (std::vector<std::string>{"Sheet1", "Sheet2"}));
    const std::string& first = zip.at("xl/worksheets/sheet1.xml");
    EXPECT_NE(first.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"),
              std::string::npos);
    EXPECT_EQ(first.find("<mergeCell"), std::string::npos);
    const std::string& second = zip.at("xl/worksheets/sheet2.xml");
    EXPECT_EQ(second.find("<mergeCell"), std::string::npos);
    const auto strings = shared_strings(zip.at("xl/sharedStrings.xml"));
    EXPECT_EQ(strings.at(std::stoul(cell_value(cell_xml(second, "A1")))), "单列");
    EXPECT_EQ(strings.at(std::stoul(cell_value(cell_xml(second, "A2")))), "编号");
}

TEST_F(Xlsx, IdenticalInputGivesIdenticalBytesAndTheCreatedDateIsTheGivenOne) {
    const std::string a = write_workbook({disputes_register()}, kCreated);
    const std::string b = write_workbook({disputes_register()}, kCreated);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, write_workbook({disputes_register()}, kCreated + 1));
    const std::string core = unzip(a).at("docProps/core.xml");
    EXPECT_NE(core.find(">2026-03-31T08:00:00Z</dcterms:created>"), std::string::npos);
    EXPECT_NE(core.find(">2026-03-31T08:00:00Z</dcterms:modified>"), std::string::npos);
}

TEST_F(Xlsx, TheTempFileIsRemovedAfterSuccess) {
    EXPECT_EQ(files_in_temp_dir(), 0u);
    const std::string bytes = write_workbook({disputes_register()}, kCreated);
    EXPECT_EQ(bytes.substr(0, 2), "PK");
    EXPECT_EQ(files_in_temp_dir("lecs-xlsx-"), 0u);
    EXPECT_EQ(files_in_temp_dir(), 0u);  // libxlsxwriter's own temp files too
}

TEST_F(Xlsx, MoreCellsThanColumnsThrowsAndRemovesTheTempFile) {
    Sheet s = disputes_register();
    s.rows.push_back(
        {std::string("a"), std::string("b"), int64_t{1}, 1.0, std::string("2026-01-01"), std::string("一格太多")});
    EXPECT_THROW(write_workbook({s}, kCreated), std::invalid_argument);
    EXPECT_EQ(files_in_temp_dir(), 0u);
}

TEST_F(Xlsx, CallerErrorsThrowInvalidArgument) {
    EXPECT_THROW(write_workbook({}, kCreated), std::invalid_argument);
    EXPECT_THROW(write_workbook({disputes_register()}, 0), std::invalid_argument);
    Sheet nan = disputes_register();
    nan.rows[0][3] = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(write_workbook({nan}, kCreated), std::invalid_argument);
    Sheet wide = disputes_register();
    wide.columns[0].width = -1;
    EXPECT_THROW(write_workbook({wide}, kCreated), std::invalid_argument);
    EXPECT_EQ(files_in_temp_dir(), 0u);
}

TEST_F(Xlsx, AnUnusableTempDirIsAnInfrastructureError) {
    ::setenv("TMPDIR", (dir_ / "missing").c_str(), 1);
    EXPECT_THROW(write_workbook({disputes_register()}, kCreated), std::runtime_error);
}

}  // namespace
}  // namespace lecs::xlsx
