// GB/T 9704-2012 layout of a document on the 22 × 28 grid. Section numbers in
// the comments are those of the standard.
#include "lecs/docs/render.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>
#include <vector>

#include "lecs/docs/detail/render_canvas.hpp"
#include "lecs/docs/layout.hpp"
#include "lecs/docs/qr.hpp"

namespace lecs::docs {
namespace {

using detail::kBlack;
using detail::kRed;
using detail::PdfCanvas;
using detail::Text;
using detail::TextOptions;
using detail::TextStyle;
namespace L = layout;

constexpr double kMarkTopFromBlock = L::mm(35);  // §7.2.3: 发文机关标志 35 mm below the block top
constexpr double kMarkMaxPt = 52;
constexpr double kRuleGap = L::mm(4);  // §7.2.5: 分隔线 4 mm below the 发文字号
constexpr double kRedRuleThickness = L::mm(0.5);
constexpr double kThickRule = L::mm(0.35);  // §7.4.1: first and last rule of the 版记
constexpr double kThinRule = L::mm(0.25);   // §7.4.1: the rules between
constexpr double kSealRadius = L::mm(21);   // a 42 mm official seal
constexpr double kQrSide = L::mm(20);
constexpr double kPageNumberGap = L::mm(7);  // §7.5: the dashes 7 mm below the block
constexpr double kCaptionPt = 10.5;          // 5号

// Letter spacing of 3号 body text so 28 characters span the block, rounded
// down to pango units so the 28th character always fits.
int body_letter_spacing_units() { return static_cast<int>(std::floor(L::body_letter_spacing() * PANGO_SCALE)); }

// The advance of n body characters including the spacing after each, pango units.
int body_chars(int n) { return n * (static_cast<int>(L::kBodyPt) * PANGO_SCALE + body_letter_spacing_units()); }

double units_to_pt(int units) { return static_cast<double>(units) / PANGO_SCALE; }

// The title without the line breaks placed for the layout, for the metadata.
std::string one_line(std::string s) {
    std::erase(s, '\n');
    return s;
}

enum class RowKind { kContent, kBlank, kSignatory, kDate };

struct FlowRow {
    RowKind kind = RowKind::kContent;
    const Text* text = nullptr;
    int line = 0;
    double x = 0;  // the layout's left edge
    bool glue_prev = false;
};

class DocumentRenderer {
  public:
    explicit DocumentRenderer(const DocumentLayout& doc)
        : doc_(doc),
          canvas_(one_line(doc.title), doc.doc_number, doc.date, L::kPageWidth, L::kPageHeight),
          body_style_{doc.fonts.body_family, L::kBodyPt, false, body_letter_spacing_units()} {}

    std::string render() {
        lay_out_header();
        lay_out_flow();
        paginate();
        for (int page = 0; page < pages_; ++page) draw_page(page);
        return canvas_.finish();
    }

  private:
    // ---- layout --------------------------------------------------------

    Text& keep(Text t) { return texts_.emplace_back(std::move(t)); }

    // A title or 主送 keeps its lines together (keep_lines); a paragraph
    // flows over the page break but leaves neither its first line alone at
    // the foot of a page nor its last line alone at the head of the next.
    void add_rows(const Text& t, double x, bool keep_lines, bool glue_first = false) {
        const int n = t.lines();
        for (int i = 0; i < n; ++i) {
            const bool glue = i == 0 ? glue_first : keep_lines || i == 1 || i == n - 1;
            flow_.push_back(FlowRow{RowKind::kContent, &t, i, x, glue});
        }
    }
    void add_blank(bool glue = false) { flow_.push_back(FlowRow{RowKind::kBlank, nullptr, 0, 0, glue}); }

    // §7.2: 份号, 密级, 紧急程度 on the first rows; the 发文机关标志; the
    // 发文字号 two rows below it; the red rule 4 mm below that.
    void lay_out_header() {
        int row = 0;
        if (doc_.copy_no) {
            header_rows_.push_back({row++, &keep(canvas_.text(*doc_.copy_no, body_style_))});
        }
        const TextStyle heiti{doc_.fonts.heiti_family, L::kBodyPt, false, body_letter_spacing_units()};
        if (doc_.secrecy) header_rows_.push_back({row++, &keep(canvas_.text(*doc_.secrecy, heiti))});
        if (doc_.urgency) header_rows_.push_back({row++, &keep(canvas_.text(*doc_.urgency, heiti))});

        double y = L::kBlockTop;
        if (!doc_.issuer_mark.empty()) {
            // As large as kMarkMaxPt allows while the mark stays within 95% of the block width.
            TextStyle mark{doc_.fonts.mark_family, kMarkMaxPt, doc_.fonts.mark_bold, 0};
            Text probe = canvas_.text(doc_.issuer_mark, mark);
            if (probe.width() > 0.95 * L::kBlockWidth) mark.size_pt *= 0.95 * L::kBlockWidth / probe.width();
            mark_ = &keep(canvas_.text(doc_.issuer_mark, mark, {L::kBlockWidth, PANGO_ALIGN_CENTER}));
            mark_top_ = std::max(L::kBlockTop + kMarkTopFromBlock, L::row_top(row));
            y = mark_top_ + mark.size_pt * mark_->lines();
        }
        if (!doc_.doc_number.empty()) {
            doc_number_row_ = L::first_row_at_or_below(y) + (mark_ ? 2 : 0);
            doc_number_ = &keep(canvas_.text(doc_.doc_number, body_style_, {L::kBlockWidth, PANGO_ALIGN_CENTER}));
            y = L::row_baseline(doc_number_row_, L::kBodyPt) + 0.12 * L::kBodyPt + kRuleGap;
            red_rule_y_ = y;
        } else if (mark_) {
            y += kRuleGap;
            red_rule_y_ = y;
        }
        // §7.3.1: the title two rows below the red rule.
        first_flow_row_ = red_rule_y_ > 0 ? L::first_row_at_or_below(red_rule_y_) + 2 : row;
    }

    void lay_out_flow() {
        const TextStyle title_style{doc_.fonts.title_family, L::kTitlePt, doc_.fonts.title_bold, 0};
        // §7.3.1: a long title goes on several centred lines of about equal
        // length (a '\n' in the title forces a break where the words need it).
        double title_w = L::kBlockWidth;
        const Text probe = canvas_.text(doc_.title, title_style);
        if (probe.width() > L::kBlockWidth) {
            const double lines = std::ceil(probe.width() / L::kBlockWidth);
            title_w = std::min(L::kBlockWidth, probe.width() / lines + L::kTitlePt);
        }
        add_rows(keep(canvas_.text(doc_.title, title_style, {title_w, PANGO_ALIGN_CENTER})),
                 L::kBlockLeft + (L::kBlockWidth - title_w) / 2, true);

        // §7.3.2: 主送 one row below the title, flush left.
        if (!doc_.main_recipients.empty()) {
            add_blank();
            std::string to = doc_.main_recipients;
            if (!to.ends_with("：") && !to.ends_with(":")) to += "：";
            add_rows(keep(canvas_.text(to, body_style_, {L::kBlockWidth})), L::kBlockLeft, true);
        } else {
            add_blank();
        }

        // §7.3.3: paragraphs indented two characters, justified on the grid.
        for (const std::string& p : doc_.body) {
            TextOptions o{L::kBlockWidth, PANGO_ALIGN_LEFT, true, body_chars(2)};
            add_rows(keep(canvas_.text(p, body_style_, o)), L::kBlockLeft, false);
        }

        // §7.3.4: 附件说明 one row below the body, two characters in;
        // continuation lines hang under the attachment's name.
        if (!doc_.attachments.empty()) {
            add_blank();
            const bool numbered = doc_.attachments.size() > 1;
            for (std::size_t i = 0; i < doc_.attachments.size(); ++i) {
                std::string label = i == 0 ? "附件：" : "";
                if (numbered) label += std::to_string(i + 1) + ".";
                const int lead = body_chars(2) + (i == 0 ? 0 : body_chars(3));
                const Text probe = canvas_.text(label, body_style_);
                const int label_units = static_cast<int>(std::lround(probe.width() * PANGO_SCALE));
                TextOptions o{L::kBlockWidth - units_to_pt(lead), PANGO_ALIGN_LEFT, false, -label_units};
                add_rows(keep(canvas_.text(label + doc_.attachments[i], body_style_, o)),
                         L::kBlockLeft + units_to_pt(lead), false);
            }
        }

        // A closing block never stands alone: the last content row goes
        // with it (§7.3.5.1 asks the seal to touch the text above it).
        if (flow_.size() >= 2 && flow_.back().kind == RowKind::kContent &&
            flow_[flow_.size() - 2].kind == RowKind::kContent)
            flow_.back().glue_prev = true;

        // §7.3.5.1: 成文日期 four characters from the right; the 署名 centred
        // over it; the seal pressing both, its top within a row of the text.
        const Text& date = keep(canvas_.text(doc_.date.chinese(), body_style_));
        const double date_x = L::kBlockRight - units_to_pt(body_chars(4)) - date.width();
        add_blank(true);
        add_blank(true);
        if (!doc_.signatory.empty()) {
            const Text& sig = keep(canvas_.text(doc_.signatory, body_style_));
            double sig_x = date_x + date.width() / 2 - sig.width() / 2;
            sig_x = std::clamp(sig_x, L::kBlockLeft, L::kBlockRight - sig.width());
            flow_.push_back(FlowRow{RowKind::kSignatory, &sig, 0, sig_x, true});
        }
        flow_.push_back(FlowRow{RowKind::kDate, &date, 0, date_x, true});
        date_center_x_ = date_x + date.width() / 2;

        // 公开属性 under the date, two characters in, in brackets (附注 of §7.3.6).
        if (doc_.disclosure) {
            add_rows(keep(canvas_.text("（" + *doc_.disclosure + "）", body_style_)),
                     L::kBlockLeft + units_to_pt(body_chars(2)), true, true);
        }

        // §7.4: the 版记 in 4号: 抄送 (hanging after its label) and the
        // 印发机关 with the 印发日期, one character in from each side.
        const TextStyle small{doc_.fonts.body_family, L::kSmallPt, false, 0};
        const double inner_w = L::kBlockWidth - 2 * L::kSmallPt;
        if (doc_.cc) {
            const Text probe = canvas_.text("抄送：", small);
            const int label_units = static_cast<int>(std::lround(probe.width() * PANGO_SCALE));
            cc_ = &keep(canvas_.text("抄送：" + *doc_.cc, small, {inner_w, PANGO_ALIGN_LEFT, false, -label_units}));
        }
        print_org_ = &keep(canvas_.text(doc_.printing_org, small));
        print_date_ = &keep(canvas_.text(doc_.printing_date.chinese() + "印发", small));
    }

    void paginate() {
        std::vector<L::RowSpec> specs;
        specs.reserve(flow_.size());
        for (const FlowRow& r : flow_) specs.push_back({r.kind == RowKind::kBlank, r.glue_prev});
        slots_ = L::paginate(specs, first_flow_row_);
        L::Slot last{0, first_flow_row_ - 1};
        for (std::size_t i = 0; i < flow_.size(); ++i)
            if (flow_[i].kind != RowKind::kBlank && slots_[i].row >= 0) last = slots_[i];
        // The seal reaches about a row below the date; the 版记 keeps clear of it.
        last.row += 1;
        colophon_rows_ = (cc_ ? cc_->lines() : 0) + 1;
        colophon_ = L::place_colophon(last, colophon_rows_);
        pages_ = colophon_.page + 1;
    }

    // ---- drawing -------------------------------------------------------

    void draw_page(int page) {
        if (page == 0) draw_header();
        const Text* date = nullptr;
        const Text* sig = nullptr;
        int date_row = -1;
        int sig_row = -1;
        for (std::size_t i = 0; i < flow_.size(); ++i) {
            const FlowRow& r = flow_[i];
            if (slots_[i].page != page || r.kind == RowKind::kBlank || slots_[i].row < 0) continue;
            canvas_.show_line(*r.text, r.line, r.x, L::row_baseline(slots_[i].row, r.text->size_pt));
            if (r.kind == RowKind::kDate) date = r.text, date_row = slots_[i].row;
            if (r.kind == RowKind::kSignatory) sig = r.text, sig_row = slots_[i].row;
        }
        if (date && doc_.seal) {
            // §7.3.5.1: 署名 and date sit a little below the seal's centre.
            const int top_row = sig ? sig_row : date_row;
            const double center_y = L::row_top(top_row) + L::kRowPitch * (sig ? 0.75 : 0.25);
            canvas_.circle(date_center_x_, center_y, kSealRadius, 1.2, kRed);
        }
        if (page == colophon_.page) draw_colophon();
        draw_page_number(page);
        if (page == pages_ - 1 && doc_.verify_url) draw_qr(page);
        canvas_.end_page();
    }

    void draw_header() {
        for (const auto& [row, t] : header_rows_) {
            canvas_.show_line(*t, 0, L::kBlockLeft, L::row_baseline(row, t->size_pt));
        }
        if (mark_) {
            for (int i = 0; i < mark_->lines(); ++i)
                canvas_.show_line(*mark_, i, L::kBlockLeft, mark_top_ + mark_->size_pt * (i + 0.88), kRed);
        }
        if (doc_number_)
            canvas_.show_line(*doc_number_, 0, L::kBlockLeft, L::row_baseline(doc_number_row_, L::kBodyPt));
        if (red_rule_y_ > 0) canvas_.hline(L::kBlockLeft, L::kBlockRight, red_rule_y_, kRedRuleThickness, kRed);
    }

    void draw_colophon() {
        int row = colophon_.row;
        canvas_.hline(L::kBlockLeft, L::kBlockRight, L::row_top(row), kThickRule, kBlack);
        const double inner_left = L::kBlockLeft + L::kSmallPt;
        if (cc_) {
            for (int i = 0; i < cc_->lines(); ++i, ++row)
                canvas_.show_line(*cc_, i, inner_left, L::row_baseline(row, L::kSmallPt));
            canvas_.hline(L::kBlockLeft, L::kBlockRight, L::row_top(row), kThinRule, kBlack);
        }
        canvas_.show_line(*print_org_, 0, inner_left, L::row_baseline(row, L::kSmallPt));
        canvas_.show_line(*print_date_, 0, L::kBlockRight - L::kSmallPt - print_date_->width(),
                          L::row_baseline(row, L::kSmallPt));
        canvas_.hline(L::kBlockLeft, L::kBlockRight, L::kBlockBottom, kThickRule, kBlack);
    }

    // §7.5: "— n —" in 4号 宋体 below the block; odd pages right, even pages
    // left, one character in.
    void draw_page_number(int page) {
        // Dash, number and dash drawn apart, so the gaps are a quarter em
        // whatever the font's space is.
        const TextStyle style{doc_.fonts.songti_family, L::kSmallPt, false, 0};
        const Text dash = canvas_.text("—", style);
        const Text number = canvas_.text(std::to_string(page + 1), style);
        const double gap = 0.5 * L::kSmallPt;
        const double width = 2 * dash.width() + 2 * gap + number.width();
        const bool odd = (page + 1) % 2 == 1;
        const double x = odd ? L::kBlockRight - L::kSmallPt - width : L::kBlockLeft + L::kSmallPt;
        // The dash sits about 0.3 em above the baseline.
        const double baseline = L::kBlockBottom + kPageNumberGap + 0.3 * L::kSmallPt;
        canvas_.show_line(dash, 0, x, baseline);
        canvas_.show_line(number, 0, x + dash.width() + gap, baseline);
        canvas_.show_line(dash, 0, x + dash.width() + 2 * gap + number.width(), baseline);
    }

    // The verification QR code in the bottom margin of the last page, on the
    // side away from the page number, captioned "扫码核验".
    void draw_qr(int page) {
        const QrMatrix qr = qr_encode(*doc_.verify_url);
        const bool odd = (page + 1) % 2 == 1;
        const double x0 = odd ? L::kBlockLeft : L::kBlockRight - kQrSide;
        const double y0 = L::kBlockBottom + L::mm(4);
        const double module = kQrSide / qr.size;
        cairo_t* cr = canvas_.cr();
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (int y = 0; y < qr.size; ++y)
            for (int x = 0; x < qr.size; ++x)
                if (qr.at(x, y)) cairo_rectangle(cr, x0 + x * module, y0 + y * module, module, module);
        cairo_fill(cr);
        const Text caption = canvas_.text("扫码核验", {doc_.fonts.heiti_family, kCaptionPt, false, 0});
        const double cx = odd ? x0 + kQrSide + L::mm(2) : x0 - L::mm(2) - caption.width();
        canvas_.show_line(caption, 0, cx, y0 + kQrSide / 2 + 0.35 * kCaptionPt);
    }

    const DocumentLayout& doc_;
    PdfCanvas canvas_;
    TextStyle body_style_;
    std::deque<Text> texts_;  // stable addresses for the rows that point into it

    std::vector<std::pair<int, const Text*>> header_rows_;
    const Text* mark_ = nullptr;
    double mark_top_ = 0;
    const Text* doc_number_ = nullptr;
    int doc_number_row_ = 0;
    double red_rule_y_ = 0;
    int first_flow_row_ = 0;

    std::vector<FlowRow> flow_;
    std::vector<L::Slot> slots_;
    double date_center_x_ = 0;
    const Text* cc_ = nullptr;
    const Text* print_org_ = nullptr;
    const Text* print_date_ = nullptr;
    int colophon_rows_ = 0;
    L::Slot colophon_;
    int pages_ = 1;
};

}  // namespace

std::string render_pdf(const DocumentLayout& doc) { return DocumentRenderer(doc).render(); }

}  // namespace lecs::docs
