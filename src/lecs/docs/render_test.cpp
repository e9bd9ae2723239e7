// The rendered PDFs are checked with the real poppler tools (pdfinfo,
// pdftotext, pdftoppm), as a reader of the document would see them.
#include "lecs/docs/render.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lecs/docs/layout.hpp"
#include "lecs/docs/qr.hpp"

// cairo 1.16 leaks 768 bytes per PDF that shows text (reproduced with a bare
// cairo_show_text on a PDF surface, no LECS code), and fontconfig keeps its
// caches until exit. The stacks are not symbolised, so the libraries are named.
extern "C" const char* __lsan_default_suppressions() { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }

namespace lecs::docs {
namespace {

namespace fs = std::filesystem;

// Block edges in pt (28 mm, 184 mm, 37 mm, 262 mm) written out, with 2 pt tolerance.
constexpr double kLeft = 79.37, kRight = 521.57, kTop = 104.88, kBottom = 742.68, kTol = 2.0;

const fs::path& temp_dir() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("lecs_docs_test_" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

fs::path write_file(const std::string& name, const std::string& bytes) {
    const fs::path p = temp_dir() / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

// Removes the temporary files when the tests end (kept with LECS_KEEP_TEST_FILES=1).
class TempDirCleanup : public ::testing::Environment {
  public:
    void TearDown() override {
        if (!std::getenv("LECS_KEEP_TEST_FILES")) fs::remove_all(temp_dir());
    }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new TempDirCleanup);

std::string run(const std::string& cmd) {
    std::string out;
    FILE* f = ::popen(cmd.c_str(), "r");
    if (!f) throw std::runtime_error("popen failed: " + cmd);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    const int rc = ::pclose(f);
    if (rc != 0) throw std::runtime_error("command failed: " + cmd);
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string kPara1 =
    "为进一步规范行政执法行为，提高行政执法质量，根据《邢台市行政执法协调监督工作办法》有关规定，"
    "市司法局决定在全市范围内开展行政执法案卷评查工作。现将有关事项通知如下。";
const std::string kPara2 =
    "各单位要高度重视，认真组织自查，按照评查标准逐卷审查，如实填写评查表，于2026年12月31日前"
    "将自查报告和评查表报送市司法局行政执法协调监督科。逾期未报送的，予以通报。";
const std::string kPara3 =
    "市司法局将组织评查组，采取随机抽取案卷的方式进行集中评查，评查结果纳入年度法治政府建设考核。"
    "对评查中发现的问题，由市司法局制发整改通知，各单位应当在收到通知之日起三十日内整改完毕并书面报告。";

DocumentLayout sample() {
    DocumentLayout d;
    d.issuer_mark = "邢台市司法局文件";
    d.doc_number = "邢执监通〔2026〕3号";
    d.title = "关于开展2026年度行政执法案卷评查工作的通知";
    d.main_recipients = "各县（市、区）司法局，市直各行政执法部门";
    d.body = {kPara1, kPara2, kPara3};
    d.attachments = {"行政执法案卷评查标准"};
    d.signatory = "邢台市司法局";
    d.date = Date{2026, 11, 27};
    d.disclosure = "此件公开发布";
    d.cc = "市人民政府办公室。";
    d.printing_org = "邢台市司法局办公室";
    d.printing_date = Date{2026, 11, 27};
    d.verify_url = "https://lecs.xingtai.gov.cn/v/Zk3xQ9aLr7TbW2mN";
    return d;
}

DocumentLayout long_notice(int paragraphs) {
    DocumentLayout d = sample();
    d.body.clear();
    for (int i = 0; i < paragraphs; ++i) d.body.push_back(i % 2 ? kPara2 : kPara1);
    return d;
}

DocumentLayout three_pages() { return long_notice(9); }

struct Word {
    double x0, y0, x1, y1;
    std::string text;
};

// pdftotext -bbox: words per page, in pt from the top-left corner.
std::vector<std::vector<Word>> bbox(const fs::path& pdf) {
    const std::string html = run("pdftotext -bbox '" + pdf.string() + "' -");
    std::vector<std::vector<Word>> pages;
    static const std::regex re(
        R"re(<page |<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
    for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it) {
        const std::smatch& m = *it;
        if (!m[1].matched) {
            pages.emplace_back();
            continue;
        }
        pages.back().push_back(Word{std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    }
    return pages;
}

int page_count(const fs::path& pdf) {
    std::smatch m;
    const std::string info = run("pdfinfo '" + pdf.string() + "'");
    static const std::regex re(R"(Pages:\s+(\d+))");
    return std::regex_search(info, m, re) ? std::stoi(m[1]) : -1;
}

bool is_page_number(const Word& w) { return w.text == "—" || std::regex_match(w.text, std::regex("[0-9]+")); }

// A P6 PPM from pdftoppm: width, height and RGB bytes.
struct Raster {
    int w = 0, h = 0;
    std::string rgb;
    int count(int x0, int y0, int x1, int y1, bool (*pred)(unsigned char, unsigned char, unsigned char)) const {
        int n = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) {
                const std::size_t i = (static_cast<std::size_t>(y) * w + x) * 3;
                if (pred(rgb[i], rgb[i + 1], rgb[i + 2])) ++n;
            }
        return n;
    }
};

Raster raster(const fs::path& pdf, int page) {
    const fs::path stem = temp_dir() / (pdf.stem().string() + "_r" + std::to_string(page));
    run("pdftoppm -r 72 -singlefile -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf.string() +
        "' '" + stem.string() + "'");
    const std::string ppm = read_file(stem.string() + ".ppm");
    Raster r;
    std::istringstream in(ppm);
    std::string magic;
    int maxval;
    in >> magic >> r.w >> r.h >> maxval;
    in.get();
    r.rgb = ppm.substr(static_cast<std::size_t>(in.tellg()));
    return r;
}

bool red(unsigned char r, unsigned char g, unsigned char b) { return r > 180 && g < 90 && b < 90; }
bool dark(unsigned char r, unsigned char g, unsigned char b) { return r < 80 && g < 80 && b < 80; }

TEST(RenderPdf, IsA4WithTitleAndCreator) {
    const fs::path pdf = write_file("a4.pdf", render_pdf(sample()));
    const std::string info = run("pdfinfo '" + pdf.string() + "'");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)"))) << info;
    EXPECT_GE(std::stod(m[1]), 595.0);
    EXPECT_LE(std::stod(m[1]), 596.0);
    EXPECT_GE(std::stod(m[2]), 841.0);
    EXPECT_LE(std::stod(m[2]), 842.0);
    EXPECT_NE(info.find("Title:           关于开展2026年度行政执法案卷评查工作的通知"), std::string::npos) << info;
    EXPECT_NE(info.find("Creator:         LECS"), std::string::npos) << info;
    // 2026-11-27T00:00:00+08:00 is 16:00 UTC the day before.
    EXPECT_NE(info.find("CreationDate:    Thu Nov 26 16:00:00 2026 UTC"), std::string::npos) << info;
}

TEST(RenderPdf, TextHasEveryPartOfTheDocument) {
    const fs::path pdf = write_file("parts.pdf", render_pdf(sample()));
    const std::string text = run("pdftotext -layout '" + pdf.string() + "' -");
    for (const char* part :
         {"邢台市司法局文件", "邢执监通〔2026〕3号", "关于开展2026年度行政执", "法案卷评查工作的通知",
          "各县（市、区）司法局，市直各行政执法部门：", "为进一步规范行政执法行为", "附件：行政执法案卷评查标准",
          "邢台市司法局", "2026年11月27日", "（此件公开发布）", "抄送：市人民政府办公室。", "邢台市司法局办公室",
          "2026年11月27日印发", "扫码核验", "— 1 —", "— 2 —"})
        EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
}

TEST(RenderPdf, SampleNoticeHasTwoPagesAndALongOneThree) {
    EXPECT_EQ(page_count(write_file("two.pdf", render_pdf(sample()))), 2);
    EXPECT_EQ(page_count(write_file("three.pdf", render_pdf(three_pages()))), 3);
}

TEST(RenderPdf, BodyStaysInsideTheTextBlock) {
    const auto pages = bbox(write_file("block.pdf", render_pdf(three_pages())));
    ASSERT_EQ(pages.size(), 3u);
    for (std::size_t p = 0; p < pages.size(); ++p) {
        int numbers = 0;
        for (const Word& w : pages[p]) {
            if (is_page_number(w)) {
                // §7.5: below the block, odd pages right and even pages left, one character in.
                ++numbers;
                EXPECT_GT(w.y0, kBottom) << w.text;
                EXPECT_LT(w.y1, 790.0) << w.text;
                if (p % 2 == 0) {
                    EXPECT_GT(w.x0, 440.0) << w.text << " on page " << p + 1;
                } else {
                    EXPECT_LT(w.x1, 160.0) << w.text << " on page " << p + 1;
                }
                continue;
            }
            if (w.text == "扫码核验") {
                EXPECT_EQ(p, 2u);
                EXPECT_GT(w.y0, kBottom);
                continue;
            }
            EXPECT_GE(w.x0, kLeft - kTol) << w.text << " on page " << p + 1;
            EXPECT_LE(w.x1, kRight + kTol) << w.text << " on page " << p + 1;
            EXPECT_GE(w.y0, kTop - kTol) << w.text << " on page " << p + 1;
            EXPECT_LE(w.y1, kBottom + kTol) << w.text << " on page " << p + 1;
        }
        EXPECT_EQ(numbers, 3) << "page " << p + 1;  // "—", the digit, "—"
    }
}

TEST(RenderPdf, AFullPageHas22LinesOf28Characters) {
    // One paragraph over three pages: page 2 is body text from top to bottom.
    DocumentLayout d = sample();
    d.body = {""};
    for (int i = 0; i < 8; ++i) d.body[0] += kPara1 + kPara3;
    const auto pages = bbox(write_file("grid.pdf", render_pdf(d)));
    ASSERT_GE(pages.size(), 3u);
    std::set<long> rows;
    int lines_of_28 = 0;
    for (const Word& w : pages[1]) {
        if (is_page_number(w)) continue;
        rows.insert(std::lround(w.y0));
        // A line from the left edge to the right edge is full: 28 characters,
        // or 27 spread out when a closing mark may not start the next line.
        if (std::abs(w.x0 - kLeft) < 0.5 && std::abs(w.x1 - kRight) < 0.5 &&
            w.text.find_first_of("0123456789") == std::string::npos) {
            // Ideographs and full-width marks are three UTF-8 bytes each.
            EXPECT_TRUE(w.text.size() == 28u * 3 || w.text.size() == 27u * 3) << w.text;
            if (w.text.size() == 28u * 3) ++lines_of_28;
        }
    }
    EXPECT_EQ(rows.size(), 22u);
    EXPECT_GE(lines_of_28, 5);
}

TEST(RenderPdf, HeaderPartsSitWhereTheStandardPutsThem) {
    DocumentLayout d = sample();
    d.copy_no = "000123";
    d.secrecy = "秘密★1年";
    d.urgency = "特急";
    const auto pages = bbox(write_file("header.pdf", render_pdf(d)));
    std::map<std::string, Word> first;
    for (const Word& w : pages.at(0)) first.emplace(w.text, w);
    ASSERT_TRUE(first.contains("000123"));
    ASSERT_TRUE(first.contains("特急"));
    ASSERT_TRUE(first.contains("邢台市司法局文件"));
    // 份号, 密级, 紧急程度 flush left on the first three rows.
    EXPECT_NEAR(first["000123"].x0, kLeft, 0.5);
    EXPECT_LT(first["000123"].y1, first["特急"].y0);
    EXPECT_NEAR(first["特急"].x0, kLeft, 0.5);
    // The mark is centred: equal space on both sides within 1 pt.
    const Word& mark = first["邢台市司法局文件"];
    EXPECT_NEAR(mark.x0 - kLeft, kRight - mark.x1, 1.0);
    EXPECT_GT(mark.y0, kTop + 80);  // 35 mm = 99.2 pt below the block top, less the font's ascent
}

TEST(RenderPdf, SealCircleIsDrawnOnlyWhenAsked) {
    DocumentLayout d = sample();
    d.verify_url.reset();
    const Raster sealed = raster(write_file("sealed.pdf", render_pdf(d)), 2);
    d.seal = false;
    const Raster wet = raster(write_file("wet.pdf", render_pdf(d)), 2);
    // Red appears on the last page only as the seal position.
    EXPECT_GT(sealed.count(0, 0, sealed.w, sealed.h, red), 200);
    EXPECT_EQ(wet.count(0, 0, wet.w, wet.h, red), 0);
}

TEST(RenderPdf, QrCodeIsInTheBottomMarginOfTheLastPageOnly) {
    DocumentLayout d = sample();
    const Raster with_qr = raster(write_file("qr.pdf", render_pdf(d)), 2);
    const Raster first = raster(write_file("qr.pdf", render_pdf(d)), 1);
    d.verify_url.reset();
    const Raster without = raster(write_file("noqr.pdf", render_pdf(d)), 2);
    // Page 2 is even: the page number is on the left, the code on the right,
    // 20 mm square from x 464.9 to 521.6 pt, y 754 to 811 pt; below the
    // page number's row (y > 780) nothing else is drawn there.
    EXPECT_GT(with_qr.count(465, 780, 521, 810, dark), 400);
    EXPECT_EQ(without.count(465, 780, 521, 810, dark), 0);
    EXPECT_EQ(first.count(465, 780, 521, 810, dark), 0);
}

TEST(RenderPdf, SameInputGivesTheSameBytes) {
    const std::string a = render_pdf(sample());
    const std::string b = render_pdf(sample());
    EXPECT_EQ(a, b);
    DocumentLayout d = sample();
    d.body[0] += "特此通知。";
    EXPECT_NE(render_pdf(d), a);
}

TEST(RenderPdf, ClosingBlockTakesTheLastLineOfTheBodyToTheNextPage) {
    // Body that ends on the last rows of page 2: the 落款 cannot stand alone
    // at the top of page 3, so it takes the last body line with it.
    DocumentLayout d = three_pages();
    d.attachments.clear();
    d.disclosure.reset();
    const fs::path pdf = write_file("widow.pdf", render_pdf(d));
    const auto pages = bbox(pdf);
    ASSERT_GE(pages.size(), 3u);
    const auto& last = pages[pages.size() - 1];
    bool has_body = false;
    for (const Word& w : last)
        if (w.text.find("予以通报。") != std::string::npos ||
            w.text.find("现将有关事项通知如下。") != std::string::npos)
            has_body = true;
    EXPECT_TRUE(has_body);
}

TEST(RenderPdf, MatchesTheGoldenText) {
    const fs::path pdf = write_file("golden.pdf", render_pdf(sample()));
    const std::string text = run("pdftotext -layout '" + pdf.string() + "' -");
    const fs::path golden = fs::path(__FILE__).parent_path() / "testdata" / "notice.golden.txt";
    if (std::getenv("LECS_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << text;
    EXPECT_EQ(text, read_file(golden));
}

TEST(RenderPdf, TitleBreaksWhereTheDrafterPutsANewline) {
    DocumentLayout d = sample();
    d.title = "关于开展2026年度行政执法\n案卷评查工作的通知";
    const fs::path pdf = write_file("title.pdf", render_pdf(d));
    const std::string text = run("pdftotext -layout '" + pdf.string() + "' -");
    EXPECT_TRUE(std::regex_search(text, std::regex("\n *关于开展2026年度行政执法\n+ *案卷评查工作的通知\n"))) << text;
    const std::string info = run("pdfinfo '" + pdf.string() + "'");
    EXPECT_NE(info.find("Title:           关于开展2026年度行政执法案卷评查工作的通知\n"), std::string::npos) << info;
    const std::string html = render_html_preview(d);
    EXPECT_NE(html.find("<h1>关于开展2026年度行政执法<br>案卷评查工作的通知</h1>"), std::string::npos);
}

TEST(RenderPdf, EmbedsTheConfiguredFonts) {
    const std::string fonts = run("pdffonts '" + write_file("fonts.pdf", render_pdf(sample())).string() + "'");
    EXPECT_NE(fonts.find("NotoSerifCJKsc-Bold"), std::string::npos) << fonts;     // mark and title
    EXPECT_NE(fonts.find("NotoSerifCJKsc-Regular"), std::string::npos) << fonts;  // body
    EXPECT_NE(fonts.find("NotoSansCJKsc-Regular"), std::string::npos) << fonts;   // QR caption
    DocumentLayout d = sample();
    d.fonts = FontConfig{"Noto Sans CJK SC", "Noto Sans CJK SC", false, "Noto Sans CJK SC", false,
                         "Noto Sans CJK SC", "Noto Sans CJK SC"};
    const std::string sans = run("pdffonts '" + write_file("sans.pdf", render_pdf(d)).string() + "'");
    EXPECT_EQ(sans.find("NotoSerif"), std::string::npos) << sans;
    EXPECT_EQ(sans.find("Bold"), std::string::npos) << sans;
    EXPECT_NE(sans.find("NotoSansCJKsc-Regular"), std::string::npos) << sans;
}

TEST(RenderPdf, SeveralAttachmentsAreNumberedAndAligned) {
    DocumentLayout d = sample();
    d.attachments = {"行政执法案卷评查标准", "行政执法案卷评查表"};
    const auto pages = bbox(write_file("attachments.pdf", render_pdf(d)));
    const Word* first = nullptr;
    const Word* second = nullptr;
    for (const auto& page : pages)
        for (const Word& w : page) {
            if (w.text == "附件：1.行政执法案卷评查标准") first = &w;
            if (w.text == "2.行政执法案卷评查表") second = &w;
        }
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    // Two characters in; "2." under "1.", three characters after "附件：".
    EXPECT_NEAR(first->x0, kLeft + 2 * 15.79, 0.5);
    EXPECT_NEAR(second->x0, kLeft + 5 * 15.79, 0.5);
    EXPECT_NEAR(second->y0 - first->y0, 28.99, 0.1);
}

TEST(RenderHtml, EscapesTextAndHasTheParts) {
    DocumentLayout d = sample();
    d.title = "关于<script>alert(1)</script>的通知";
    d.body.push_back("a & b \"c\"");
    const std::string html = render_html_preview(d);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("关于&lt;script&gt;alert(1)&lt;/script&gt;的通知"), std::string::npos);
    EXPECT_NE(html.find("a &amp; b &quot;c&quot;"), std::string::npos);
    for (const char* part : {"邢台市司法局文件", "邢执监通〔2026〕3号", "各县（市、区）司法局，市直各行政执法部门：",
                             "附件：行政执法案卷评查标准", "2026年11月27日", "（此件公开发布）",
                             "抄送：市人民政府办公室。", "2026年11月27日印发"})
        EXPECT_NE(html.find(part), std::string::npos) << part;
}

TEST(DeliveryReceipt, OneA4PageWithTheParts) {
    DeliveryReceiptLayout r;
    r.issuer = "邢台市司法局";
    r.document_title = "关于开展2026年度行政执法案卷评查工作的通知";
    r.doc_number = "邢执监通〔2026〕3号";
    r.recipient = "邢台市市场监督管理局";
    r.address = "邢台市襄都区新华南路1号";
    r.channel = "直接送达";
    r.issue_date = Date{2026, 11, 27};
    const fs::path pdf = write_file("receipt.pdf", render_delivery_receipt_pdf(r));
    EXPECT_EQ(page_count(pdf), 1);
    const std::string text = run("pdftotext -layout '" + pdf.string() + "' -");
    for (const char* part : {"送达回证", "邢台市司法局", "邢执监通〔2026〕3号", "邢台市市场监督管理局", "直接送达",
                             "受送达人签名", "（盖章）", "填发日期：2026年11月27日"})
        EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
}

TEST(Qr, EncodesAtLevelMInTheSmallestVersion) {
    // 47 bytes: version 3-M holds 42 bytes, version 4-M 62.
    // 16 bytes: version 1-M holds 14 bytes, version 2-M 26.
    const QrMatrix short_text = qr_encode("https://x.cn/v/1");
    EXPECT_EQ(short_text.version, 2);
    EXPECT_EQ(short_text.size, 25);
    const QrMatrix m = qr_encode("https://lecs.xingtai.gov.cn/v/Zk3xQ9aLr7TbW2mN");
    EXPECT_EQ(m.version, 4);
    EXPECT_EQ(m.size, 33);
    // Finder patterns: dark corners and the light separator ring inside them.
    EXPECT_TRUE(m.at(0, 0));
    EXPECT_TRUE(m.at(32, 0));
    EXPECT_TRUE(m.at(0, 32));
    EXPECT_FALSE(m.at(1, 1));
    EXPECT_TRUE(m.at(3, 3));
    EXPECT_FALSE(m.at(32, 32));  // no finder pattern at the bottom right
}

TEST(Layout, GridFillsTheBlock) {
    EXPECT_NEAR(layout::kRowPitch, 28.991, 0.001);
    EXPECT_NEAR(layout::row_top(22), 742.68, 0.01);
    EXPECT_NEAR(layout::kBodyPt * 28 + layout::body_letter_spacing() * 27, 442.205, 0.001);
    EXPECT_EQ(layout::first_row_at_or_below(layout::row_top(5)), 5);
    EXPECT_EQ(layout::first_row_at_or_below(layout::row_top(5) + 0.1), 6);
}

TEST(Layout, GluedRowsMoveTogetherAndBlankRowsDoNotOpenAPage) {
    std::vector<layout::RowSpec> rows(21);  // rows 1..21 of page 1
    rows.push_back({false, false});         // would be row 22: page 2, row 0
    rows.push_back({true, false});          // blank at... row 1 (not at the top)
    const auto slots = layout::paginate(rows, 1);
    EXPECT_EQ(slots[20].page, 0);
    EXPECT_EQ(slots[20].row, 21);
    EXPECT_EQ(slots[21].page, 1);
    EXPECT_EQ(slots[21].row, 0);
    EXPECT_EQ(slots[22].row, 1);

    std::vector<layout::RowSpec> glued(20);  // rows 0..19
    glued.push_back({false, false});         // row 20
    glued.push_back({true, true});           // blank, glued: row 21
    glued.push_back({false, true});          // glued: the three go to page 2
    const auto g = layout::paginate(glued, 0);
    EXPECT_EQ(g[19].page, 0);
    EXPECT_EQ(g[20].page, 1);
    EXPECT_EQ(g[20].row, 0);
    EXPECT_EQ(g[21].row, 1);
    EXPECT_EQ(g[22].row, 2);

    std::vector<layout::RowSpec> blank_top(22);
    blank_top.push_back({true, false});  // a blank that would open page 2 is dropped
    blank_top.push_back({false, false});
    const auto b = layout::paginate(blank_top, 0);
    EXPECT_EQ(b[22].row, -1);
    EXPECT_EQ(b[23].page, 1);
    EXPECT_EQ(b[23].row, 0);
}

TEST(Layout, ColophonGoesToTheBottomOrToANewPage) {
    EXPECT_EQ(layout::place_colophon({0, 18}, 2).page, 0);
    EXPECT_EQ(layout::place_colophon({0, 18}, 2).row, 20);
    EXPECT_EQ(layout::place_colophon({0, 19}, 2).page, 1);
    EXPECT_EQ(layout::place_colophon({0, 19}, 2).row, 20);
}

}  // namespace
}  // namespace lecs::docs
