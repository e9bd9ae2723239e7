// An OOXML (.docx) rendition of a DocumentLayout, for the benchmark's
// LibreOffice comparison: the parts render_pdf draws, with the same text,
// fonts, sizes and page geometry, so that LibreOffice lays out and exports an
// equivalent document rather than a simpler one.
//
// Contract: notice_docx(doc, last_page_odd) returns the bytes of a .docx (an
// uncompressed zip) holding [Content_Types].xml, _rels/.rels, word/document.xml,
// word/styles.xml, word/settings.xml, two footers (page numbers "— n —", odd
// pages right, even pages left) and word/media/qr.png (the QR code of
// verify_url). Geometry: A4, the 156 × 225 mm text block 37 mm from the top and
// 28 mm from the left (GB/T 9704-2012 §5.2.1), 22 rows of exactly 579 twips
// (28.95 pt; the standard's 28.99 pt is not a whole number of twips and 22 rows
// of 580 would not fit the block), 28 characters of 3号 (16 pt) per line
// (letter spacing -0.25 pt), the title in 2号 (22 pt) bold, the 发文机关标志 red.
// The 版记 is a text box on the last rows of the text block; the QR code sits in
// the bottom margin on the side away from the page number of the last page,
// whose parity the caller gives (it is LECS's page count, which this file cannot
// know). Both are anchored in the last paragraph, so they land on the last page.
//
// What a word processor measures itself is estimated here: the widths used to
// centre the 署名 over the date and the seal on it, to balance the title's
// lines and to count the 抄送 lines count a CJK character as 1 em and an ASCII
// one as 0.5 em. LibreOffice 7.4 ignores w:autoSpaceDE/w:autoSpaceDN and puts
// its own space between CJK characters and digits ("2026 年"); Word honours them.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/docs/layout.hpp"
#include "lecs/docs/qr.hpp"
#include "lecs/docs/render.hpp"

namespace bench {
namespace docx_detail {

namespace L = lecs::docs::layout;

// ---- bytes: CRC-32, Adler-32, a stored zip, a 1-bit PNG ------------------

inline std::uint32_t crc32(std::string_view data, std::uint32_t crc = 0) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (unsigned char b : data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

inline std::uint32_t adler32(std::string_view data) {
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : data) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    return b << 16 | a;
}

inline void put_le(std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(v >> (8 * i) & 0xFF));
}
inline void put_be32(std::string& out, std::uint32_t v) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i) & 0xFF));
}

// A zip of stored (uncompressed) entries: every reader of OOXML accepts it,
// and it needs no deflate.
class StoredZip {
  public:
    void add(std::string_view name, std::string_view data) {
        const std::uint32_t crc = crc32(data);
        const auto offset = static_cast<std::uint32_t>(out_.size());
        header(out_, 0x04034b50, name, data.size(), crc, 0, false);
        out_.append(data);
        header(central_, 0x02014b50, name, data.size(), crc, offset, true);
        ++entries_;
    }
    std::string finish() && {
        const auto dir_offset = static_cast<std::uint32_t>(out_.size());
        out_ += central_;
        put_le(out_, 0x06054b50, 4);
        put_le(out_, 0, 4);  // disk numbers
        put_le(out_, entries_, 2);
        put_le(out_, entries_, 2);
        put_le(out_, static_cast<std::uint32_t>(central_.size()), 4);
        put_le(out_, dir_offset, 4);
        put_le(out_, 0, 2);  // comment length
        return std::move(out_);
    }

  private:
    static void header(std::string& out, std::uint32_t sig, std::string_view name, std::size_t size, std::uint32_t crc,
                       std::uint32_t offset, bool central) {
        // A fixed DOS timestamp (2026-11-27 00:00) keeps the bytes reproducible.
        constexpr std::uint32_t kDosDate = (2026 - 1980) << 9 | 11 << 5 | 27;
        put_le(out, sig, 4);
        if (central) put_le(out, 20, 2);  // version made by
        put_le(out, 10, 2);               // version needed: stored
        put_le(out, 0, 2);                // flags
        put_le(out, 0, 2);                // method: stored
        put_le(out, 0, 2);                // time
        put_le(out, kDosDate, 2);
        put_le(out, crc, 4);
        put_le(out, static_cast<std::uint32_t>(size), 4);
        put_le(out, static_cast<std::uint32_t>(size), 4);
        put_le(out, static_cast<std::uint32_t>(name.size()), 2);
        put_le(out, 0, 2);  // extra length
        if (central) {
            put_le(out, 0, 2);  // comment length
            put_le(out, 0, 2);  // disk
            put_le(out, 0, 2);  // internal attributes
            put_le(out, 0, 4);  // external attributes
            put_le(out, offset, 4);
        }
        out.append(name);
    }

    std::string out_;
    std::string central_;
    std::uint32_t entries_ = 0;
};

inline void png_chunk(std::string& out, std::string_view type, std::string_view data) {
    put_be32(out, static_cast<std::uint32_t>(data.size()));
    std::string body(type);
    body.append(data);
    out += body;
    put_be32(out, crc32(body));
}

// The QR matrix as a 1-bit greyscale PNG, `scale` pixels per module, no quiet
// zone (render_pdf draws none either). The zlib stream uses stored blocks.
inline std::string qr_png(const lecs::docs::QrMatrix& qr, int scale) {
    const int side = qr.size * scale;
    const int row_bytes = (side + 7) / 8;
    std::string raw;
    for (int y = 0; y < side; ++y) {
        raw.push_back(0);  // filter: none
        std::string row(static_cast<std::size_t>(row_bytes), '\xFF');
        for (int x = 0; x < side; ++x)
            if (qr.at(x / scale, y / scale)) row[x / 8] = static_cast<char>(row[x / 8] & ~(0x80 >> (x % 8)));
        raw += row;
    }
    std::string z = "\x78\x01";
    for (std::size_t pos = 0; pos < raw.size() || pos == 0; pos += 65535) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
        z.push_back(pos + n >= raw.size() ? 1 : 0);
        put_le(z, static_cast<std::uint32_t>(n), 2);
        put_le(z, static_cast<std::uint32_t>(~n & 0xFFFF), 2);
        z.append(raw, pos, n);
    }
    put_be32(z, adler32(raw));

    std::string png = "\x89PNG\r\n\x1a\n";
    std::string ihdr;
    put_be32(ihdr, static_cast<std::uint32_t>(side));
    put_be32(ihdr, static_cast<std::uint32_t>(side));
    ihdr += std::string("\x01\x00\x00\x00\x00", 5);  // bit depth 1, greyscale, deflate, no filter, no interlace
    png_chunk(png, "IHDR", ihdr);
    png_chunk(png, "IDAT", z);
    png_chunk(png, "IEND", "");
    return png;
}

// ---- geometry ------------------------------------------------------------

constexpr int kPageW = 11906;  // A4, twips
constexpr int kPageH = 16838;
constexpr int tw_mm(double mm) { return static_cast<int>(mm * 1440 / 25.4 + 0.5); }
constexpr int kTop = tw_mm(37);
constexpr int kLeft = tw_mm(28);
constexpr int kRight = tw_mm(210 - 28 - 156);
constexpr int kBottom = tw_mm(297 - 37 - 225);
constexpr int kBlockW = kPageW - kLeft - kRight;
constexpr int kRow = 579;
static_assert(L::kRowsPerPage * kRow <= kPageH - kTop - kBottom, "22 rows must fit the text block");
constexpr int kLetterSpacing = -5;  // twentieths of a point: 28 × (16 − 0.25) pt ≤ 156 mm < 28 × (16 − 0.2) pt
static_assert(L::kCharsPerLine * (320 + kLetterSpacing) <= kBlockW);
static_assert(L::kCharsPerLine * (320 + kLetterSpacing + 1) > kBlockW);
constexpr int kChar = 320 + kLetterSpacing;  // the advance of a 3号 character, twips
constexpr int kSmallChar = 280;              // 4号
constexpr long kEmuPerTw = 635;
constexpr const char* kRed = "E60012";

// Estimated width in em: CJK 1, ASCII 0.5 (see the header comment).
inline double em_width(std::string_view utf8) {
    double w = 0;
    for (unsigned char c : utf8) {
        if (c < 0x80)
            w += 0.5;
        else if ((c & 0xC0) != 0x80)
            w += 1;  // the lead byte of a multi-byte character
    }
    return w;
}

inline std::string esc(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

// ---- WordprocessingML ----------------------------------------------------

struct Run {
    std::string text;
    int half_pt = 32;
    bool bold = false;
    const char* color = nullptr;
    const char* font = nullptr;  // default: the body font of the styles
    int spacing = kLetterSpacing;
};

inline std::string run(const Run& r) {
    std::string x = "<w:r><w:rPr>";
    if (r.font) {
        const std::string f = esc(r.font);
        x += "<w:rFonts w:ascii=\"" + f + "\" w:hAnsi=\"" + f + "\" w:eastAsia=\"" + f + "\" w:cs=\"" + f + "\"/>";
    }
    if (r.bold) x += "<w:b/><w:bCs/>";
    if (r.color) x += std::string("<w:color w:val=\"") + r.color + "\"/>";
    x += "<w:spacing w:val=\"" + std::to_string(r.spacing) + "\"/>";
    x += "<w:sz w:val=\"" + std::to_string(r.half_pt) + "\"/><w:szCs w:val=\"" + std::to_string(r.half_pt) + "\"/>";
    x += "</w:rPr><w:t xml:space=\"preserve\">" + esc(r.text) + "</w:t></w:r>";
    return x;
}

// A paragraph; ppr is the inner XML of <w:pPr>, its elements in the schema's
// order (a line of kRow exact comes from the styles unless ppr sets <w:spacing>).
inline std::string para(const std::string& ppr, const std::string& runs = "") {
    return "<w:p>" + (ppr.empty() ? std::string() : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

inline std::string spacing(int before, int after, int line) {
    return "<w:spacing w:before=\"" + std::to_string(before) + "\" w:after=\"" + std::to_string(after) +
           "\" w:line=\"" + std::to_string(line) + "\" w:lineRule=\"exact\"/>";
}

inline std::string indent(int left, int right, int first_line) {
    std::string x = "<w:ind w:left=\"" + std::to_string(left) + "\" w:right=\"" + std::to_string(right) + "\"";
    if (first_line > 0) x += " w:firstLine=\"" + std::to_string(first_line) + "\"";
    if (first_line < 0) x += " w:hanging=\"" + std::to_string(-first_line) + "\"";
    return x + "/>";
}

inline std::string jc(const char* v) { return std::string("<w:jc w:val=\"") + v + "\"/>"; }

// A floating object anchored in a paragraph, positioned in EMU.
inline std::string anchor(int id, const char* name, const char* h_from, long x, const char* v_from, long y, long cx,
                          long cy, bool behind, const std::string& graphic) {
    const std::string ext = "<wp:extent cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"/>";
    return std::string("<w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\"") +
           " relativeHeight=\"" + std::to_string(id) + "\" behindDoc=\"" + (behind ? "1" : "0") +
           "\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>" +
           "<wp:positionH relativeFrom=\"" + h_from + "\"><wp:posOffset>" + std::to_string(x) +
           "</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"" + v_from + "\"><wp:posOffset>" +
           std::to_string(y) + "</wp:posOffset></wp:positionV>" + ext +
           "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/><wp:docPr id=\"" + std::to_string(id) +
           "\" name=\"" + name + "\"/><wp:cNvGraphicFramePr/><a:graphic>" + graphic +
           "</a:graphic></wp:anchor></w:drawing>";
}

inline std::string qr_picture(long x, long y, long side) {
    const std::string ext = "<a:ext cx=\"" + std::to_string(side) + "\" cy=\"" + std::to_string(side) + "\"/>";
    const std::string graphic =
        "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
        "<pic:nvPicPr><pic:cNvPr id=\"1\" name=\"qr.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
        "<pic:blipFill><a:blip r:embed=\"rIdQr\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>" +
        ext + "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>";
    return "<w:r>" + anchor(1, "QR", "page", x, "page", y, side, side, false, graphic) + "</w:r>";
}

// The seal position: a red circle of 42 mm, 1.2 pt, behind the text.
inline std::string seal_circle(long x, long y, long d) {
    const std::string graphic =
        "<a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp>"
        "<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" +
        std::to_string(d) + "\" cy=\"" + std::to_string(d) +
        "\"/></a:xfrm><a:prstGeom prst=\"ellipse\"><a:avLst/></a:prstGeom><a:noFill/>"
        "<a:ln w=\"15240\"><a:solidFill><a:srgbClr val=\"" +
        kRed + "\"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData>";
    return "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">" +
           anchor(2, "Seal", "page", x, "paragraph", y, d, d, true, graphic) +
           "</mc:Choice></mc:AlternateContent></w:r>";
}

// A text box without line or fill and without insets, holding `paragraphs`.
inline std::string text_box(int id, const char* name, int x_tw, int y_tw, int w_tw, int h_tw,
                            const std::string& paragraphs) {
    const long cx = w_tw * kEmuPerTw;
    const long cy = h_tw * kEmuPerTw;
    const std::string graphic =
        "<a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp>"
        "<wps:cNvSpPr txBox=\"1\"/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" +
        std::to_string(cx) + "\" cy=\"" + std::to_string(cy) +
        "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>"
        "</wps:spPr><wps:txbx><w:txbxContent>" +
        paragraphs +
        "</w:txbxContent></wps:txbx><wps:bodyPr lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\"/></wps:wsp>"
        "</a:graphicData>";
    return "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">" +
           anchor(id, name, "page", x_tw * kEmuPerTw, "page", y_tw * kEmuPerTw, cx, cy, false, graphic) +
           "</mc:Choice></mc:AlternateContent></w:r>";
}

// A paragraph border; space_pt: its distance from the text.
inline std::string border(const char* side, int eighths_pt, const char* color, int space_pt = 0) {
    return std::string("<w:") + side + " w:val=\"single\" w:sz=\"" + std::to_string(eighths_pt) + "\" w:space=\"" +
           std::to_string(space_pt) + "\" w:color=\"" + color + "\"/>";
}

inline std::string document_xml(const lecs::docs::DocumentLayout& d, bool last_page_odd) {
    const std::string blank = para("");
    std::string body;

    // 版头: 份号, 密级, 紧急程度 on the first rows, flush left.
    int header_rows = 0;
    for (const auto* s : {&d.copy_no, &d.secrecy, &d.urgency}) {
        if (!*s) continue;
        const bool heiti = s != &d.copy_no;
        body += para("", run({**s, 32, false, nullptr, heiti ? d.fonts.heiti_family.c_str() : nullptr}));
        ++header_rows;
    }
    // §7.2.3: the 发文机关标志 35 mm below the block top, as large as 52 pt
    // allows within 95% of the block width; the 发文字号 two rows below it.
    const double mark_pt = std::min(52.0, 0.95 * L::kBlockWidth / std::max(1.0, em_width(d.issuer_mark)));
    const int mark_line = static_cast<int>(std::lround(mark_pt * 20 * 1.2));
    const int mark_before = std::max(tw_mm(35) - header_rows * kRow, 0);
    const double mark_bottom = L::kBlockTop + L::mm(35) + mark_pt;
    const int number_row = L::first_row_at_or_below(mark_bottom) + 2;
    const int mark_after = number_row * kRow - header_rows * kRow - mark_before - mark_line;
    body += para(spacing(mark_before, std::max(mark_after, 0), mark_line) + jc("center"),
                 run({d.issuer_mark, static_cast<int>(std::lround(mark_pt * 2)), d.fonts.mark_bold, kRed,
                      d.fonts.mark_family.c_str(), 0}));
    // §7.2.5: the red rule 4 mm below the 发文字号 (its em box ends 6.5 pt
    // above the row's foot); §7.3.1: the title two rows below the rule.
    const int rule_space_pt = static_cast<int>(std::lround(L::mm(4) - (L::kRowPitch - L::kBodyPt) / 2));
    constexpr int kRuleEighths = 11;  // 0.5 mm
    body += para("<w:pBdr>" + border("bottom", kRuleEighths, kRed, rule_space_pt) + "</w:pBdr>" + jc("center"),
                 run({d.doc_number}));
    const double rule_y = L::row_baseline(number_row, L::kBodyPt) + 0.12 * L::kBodyPt + L::mm(4);
    const int title_row = L::first_row_at_or_below(rule_y) + 2;
    const int title_before = (title_row - number_row - 1) * kRow - rule_space_pt * 20 - kRuleEighths * 20 / 8;

    // §7.3.1 title on centred lines of about equal length, as render_pdf
    // balances them: a narrower column, the estimated width over the lines
    // plus one character; §7.3.2 主送 one row below it.
    const double title_em = em_width(d.title) * 22 * 20;  // twips; bold CJK of 22 pt
    const double title_lines = std::ceil(title_em / kBlockW);
    const int title_w = static_cast<int>(std::min<double>(kBlockW, title_em / title_lines + 22 * 20));
    const int title_side = (kBlockW - title_w) / 2;
    body += para("<w:keepNext/><w:keepLines/>" + spacing(title_before, 0, kRow) + indent(title_side, title_side, 0) +
                     jc("center"),
                 run({d.title, 44, d.fonts.title_bold, nullptr, d.fonts.title_family.c_str(), 0}));
    body += blank;
    std::string to = d.main_recipients;
    if (!to.empty() && !to.ends_with("：") && !to.ends_with(":")) to += "：";
    if (!to.empty()) body += para("<w:keepLines/>", run({to}));

    // §7.3.3 body: two characters in, justified; neither first nor last line alone.
    for (const std::string& p : d.body)
        body += para("<w:widowControl/>" + indent(0, 0, 2 * kChar) + jc("both"), run({p}));

    // §7.3.4 附件说明, hanging under the name; the closing block keeps the last content row with it.
    if (!d.attachments.empty()) {
        body += blank;
        for (std::size_t i = 0; i < d.attachments.size(); ++i) {
            std::string label = i == 0 ? "附件：" : "";
            if (d.attachments.size() > 1) label += std::to_string(i + 1) + ".";
            const int lead = 2 * kChar + (i == 0 ? 0 : 3 * kChar);
            const int label_w = static_cast<int>(std::lround(em_width(label) * kChar));
            const bool last = i + 1 == d.attachments.size();
            body += para((last ? "<w:keepNext/>" : "") + indent(lead + label_w, 0, -label_w),
                         run({label + d.attachments[i]}));
        }
    }

    // §7.3.5.1: the date four characters from the right, the 署名 centred over
    // it, the seal pressing both.
    const std::string date = d.date.chinese();
    const int date_right = 4 * kChar;
    const double date_w = em_width(date) * kChar;
    const double date_center = kLeft + kBlockW - date_right - date_w / 2;  // twips from the page's left edge
    body += para("<w:keepNext/>");
    body += para("<w:keepNext/>");
    std::string sig_runs = run({d.signatory});
    const long seal_d = static_cast<long>(std::lround(L::mm(42) * 20)) * kEmuPerTw;
    if (d.seal) {
        const double rows_below = d.signatory.empty() ? 0.25 : 0.75;
        sig_runs += seal_circle(static_cast<long>(date_center * kEmuPerTw) - seal_d / 2,
                                static_cast<long>(rows_below * kRow * kEmuPerTw) - seal_d / 2, seal_d);
    }
    if (!d.signatory.empty()) {
        const double sig_w = em_width(d.signatory) * kChar;
        const int sig_right = std::max(0, static_cast<int>(std::lround(date_right + (date_w - sig_w) / 2)));
        body += para("<w:keepNext/>" + indent(0, sig_right, 0) + jc("right"), sig_runs);
        sig_runs.clear();
    }
    body +=
        para((d.disclosure ? "<w:keepNext/>" : "") + indent(0, date_right, 0) + jc("right"), sig_runs + run({date}));

    // 公开属性 two characters in, in brackets. The paragraph anchors what
    // render_pdf draws at fixed places of the last page: the 版记 and the QR
    // code with its caption.
    std::string last_runs = d.disclosure ? run({"（" + *d.disclosure + "）"}) : "";

    // §7.4 版记 in 4号 on the last rows of the text block: thick rules first
    // and last, thin between; 抄送 hanging after its label, 印发机关 and 印发日期
    // one character in from each side. A text box: LibreOffice 7.4 drops some
    // bordered framed paragraphs (w:framePr) in a row.
    constexpr int kThick = 8;  // eighths of a point: 0.35 mm
    constexpr int kThin = 6;   // 0.25 mm
    std::string colophon;
    int colophon_rows = 1;
    if (d.cc) {
        const std::string label = "抄送：";
        const double inner_em = (kBlockW - 2.0 * kSmallChar) / kSmallChar;
        colophon_rows += static_cast<int>(std::ceil(em_width(label + *d.cc) / inner_em));
        const int label_w = static_cast<int>(std::lround(em_width(label) * kSmallChar));
        colophon += para("<w:pBdr>" + border("top", kThick, "000000") + border("bottom", kThin, "000000") +
                             "</w:pBdr>" + indent(kSmallChar + label_w, kSmallChar, -label_w),
                         run({label + *d.cc, 28, false, nullptr, nullptr, 0}));
    }
    colophon += para("<w:pBdr>" + (d.cc ? "" : border("top", kThick, "000000")) + border("bottom", kThick, "000000") +
                         "</w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"" + std::to_string(kBlockW - kSmallChar) +
                         "\"/></w:tabs>" + indent(kSmallChar, 0, 0),
                     run({d.printing_org, 28, false, nullptr, nullptr, 0}) + "<w:r><w:tab/></w:r>" +
                         run({d.printing_date.chinese() + "印发", 28, false, nullptr, nullptr, 0}));
    last_runs += text_box(3, "Colophon", kLeft, kTop + (L::kRowsPerPage - colophon_rows) * kRow, kBlockW,
                          colophon_rows * kRow + 40, colophon);  // + 2 pt: the rules' own width

    // The QR code in the bottom margin, away from the page number of the last
    // page; "扫码核验" beside it in 5号 黑体.
    if (d.verify_url) {
        const int qr_side = tw_mm(20);
        const int qr_left = last_page_odd ? kLeft : kLeft + kBlockW - qr_side;
        const int qr_top = kTop + tw_mm(225 + 4);
        last_runs += qr_picture(qr_left * kEmuPerTw, qr_top * kEmuPerTw, qr_side * kEmuPerTw);
        constexpr int kCaption = 210;  // 10.5 pt
        const int caption_w = static_cast<int>(std::lround(em_width("扫码核验") * kCaption)) + 40;
        const int x = last_page_odd ? qr_left + qr_side + tw_mm(2) : qr_left - tw_mm(2) - caption_w;
        last_runs += text_box(4, "Caption", x, qr_top + qr_side / 2 - 120, caption_w, 240,
                              para(spacing(0, 0, 240) + (last_page_odd ? jc("left") : jc("right")),
                                   run({"扫码核验", 21, false, nullptr, d.fonts.heiti_family.c_str(), 0})));
    }
    body += para(indent(2 * kChar, 0, 0), last_runs);

    // §7.5 page numbers in the footers, odd right, even left.
    const std::string sect =
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFtrOdd\"/>"
        "<w:footerReference w:type=\"even\" r:id=\"rIdFtrEven\"/>"
        "<w:pgSz w:w=\"" +
        std::to_string(kPageW) + "\" w:h=\"" + std::to_string(kPageH) + "\"/><w:pgMar w:top=\"" + std::to_string(kTop) +
        "\" w:right=\"" + std::to_string(kRight) + "\" w:bottom=\"" + std::to_string(kBottom) + "\" w:left=\"" +
        std::to_string(kLeft) + "\" w:header=\"851\" w:footer=\"" + std::to_string(tw_mm(25)) +
        "\" w:gutter=\"0\"/></w:sectPr>";

    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
           " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
           " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
           " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
           " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
           " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
           " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
           " mc:Ignorable=\"wps\"><w:body>" +
           body + sect + "</w:body></w:document>";
}

inline std::string footer_xml(bool odd, const lecs::docs::DocumentLayout& d) {
    const Run dash{"— ", 28, false, nullptr, d.fonts.songti_family.c_str(), 0};
    const std::string ppr =
        spacing(0, 0, 320) + (odd ? indent(0, kSmallChar, 0) + jc("right") : indent(kSmallChar, 0, 0) + jc("left"));
    const std::string number =
        "<w:fldSimple w:instr=\" PAGE \">" + run({"1", 28, false, nullptr, dash.font, 0}) + "</w:fldSimple>";
    Run dash_after = dash;
    dash_after.text = " —";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" +
           para(ppr, run(dash) + number + run(dash_after)) + "</w:ftr>";
}

// The defaults every paragraph starts from: 3号 body font, exact rows of the
// grid, widow and orphan control, no automatic space between CJK and Latin
// text (render_pdf adds none).
inline std::string styles_xml(const lecs::docs::DocumentLayout& d) {
    const std::string f = esc(d.fonts.body_family);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
           "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"" +
           f + "\" w:hAnsi=\"" + f + "\" w:eastAsia=\"" + f + "\" w:cs=\"" + f +
           "\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\"/>"
           "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:autoSpaceDE w:val=\"0\"/>"
           "<w:autoSpaceDN w:val=\"0\"/>" +
           spacing(0, 0, kRow) +
           "</w:pPr></w:pPrDefault></w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
           "<w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/></w:pPr></w:style>"
           "</w:styles>";
}

}  // namespace docx_detail

inline std::string notice_docx(const lecs::docs::DocumentLayout& doc, bool last_page_odd) {
    using namespace docx_detail;
    constexpr const char* kXml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    StoredZip zip;
    zip.add("[Content_Types].xml",
            std::string(kXml) +
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                "<Default Extension=\"png\" ContentType=\"image/png\"/>"
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
                "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
                "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
                "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
                "</Types>");
    zip.add("_rels/.rels", std::string(kXml) +
                               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                               "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    zip.add("word/_rels/document.xml.rels",
            std::string(kXml) +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                "<Relationship Id=\"rIdStyles\" Type=\"" +
                kRel + "styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" Type=\"" + kRel +
                "settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFtrOdd\" Type=\"" + kRel +
                "footer\" Target=\"footer1.xml\"/><Relationship Id=\"rIdFtrEven\" Type=\"" + kRel +
                "footer\" Target=\"footer2.xml\"/>" +
                (doc.verify_url
                     ? std::string("<Relationship Id=\"rIdQr\" Type=\"") + kRel + "image\" Target=\"media/qr.png\"/>"
                     : std::string()) +
                "</Relationships>");
    zip.add("word/document.xml", document_xml(doc, last_page_odd));
    zip.add("word/styles.xml", styles_xml(doc));
    zip.add("word/settings.xml",
            std::string(kXml) +
                "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                "<w:evenAndOddHeaders/></w:settings>");
    zip.add("word/footer1.xml", footer_xml(true, doc));
    zip.add("word/footer2.xml", footer_xml(false, doc));
    if (doc.verify_url) {
        const lecs::docs::QrMatrix qr = lecs::docs::qr_encode(*doc.verify_url);
        zip.add("word/media/qr.png", qr_png(qr, std::max(1, 256 / qr.size)));
    }
    return std::move(zip).finish();
}

}  // namespace bench
