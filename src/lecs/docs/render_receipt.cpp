// 送达回证: the recipient signs and dates it, and it goes back to the issuer.
#include <algorithm>
#include <string>
#include <vector>

#include "lecs/docs/detail/render_canvas.hpp"
#include "lecs/docs/layout.hpp"
#include "lecs/docs/render.hpp"

namespace lecs::docs {
namespace {

using detail::PdfCanvas;
using detail::Text;
using detail::TextStyle;
namespace L = layout;

constexpr double kLabelWidth = L::mm(42);
constexpr double kPad = L::mm(3);
constexpr double kLinePitch = 24;
constexpr double kMinRow = L::mm(13);
constexpr double kSignatureRow = L::mm(45);  // room for a signature, a seal and the date

}  // namespace

std::string render_delivery_receipt_pdf(const DeliveryReceiptLayout& r) {
    PdfCanvas canvas("送达回证", r.doc_number, r.issue_date, L::kPageWidth, L::kPageHeight);
    const TextStyle body{r.fonts.body_family, L::kBodyPt, false, 0};
    const TextStyle title{r.fonts.title_family, L::kTitlePt, r.fonts.title_bold, 0};

    double y = L::kBlockTop;
    if (!r.issuer.empty()) {
        const Text issuer = canvas.text(r.issuer, body, {L::kBlockWidth, PANGO_ALIGN_CENTER});
        canvas.show_line(issuer, 0, L::kBlockLeft, y + 0.88 * L::kBodyPt);
        y += L::kRowPitch;
    }
    const Text heading = canvas.text("送达回证", title, {L::kBlockWidth, PANGO_ALIGN_CENTER});
    canvas.show_line(heading, 0, L::kBlockLeft, y + 0.88 * L::kTitlePt);
    y += L::kTitlePt + L::mm(8);

    struct Cell {
        std::string label;
        std::string value;
        double min_height;
    };
    const std::vector<Cell> cells = {
        {"送达文书名称", r.document_title, kMinRow},
        {"文号", r.doc_number, kMinRow},
        {"受送达人", r.recipient, kMinRow},
        {"送达地点", r.address, kMinRow},
        {"送达方式", r.channel, kMinRow},
        {"送达人", r.delivered_by, kMinRow},
        {"受送达人签名（盖章）", "", kSignatureRow},
        {"代收人及代收理由", "", kMinRow * 1.5},
        {"备注", r.notes, kMinRow},
    };
    const double value_x = L::kBlockLeft + kLabelWidth;
    const double value_w = L::kBlockWidth - kLabelWidth;
    for (const Cell& c : cells) {
        const Text label = canvas.text(c.label, body, {kLabelWidth - 2 * kPad, PANGO_ALIGN_CENTER});
        const Text value = canvas.text(c.value, body, {value_w - 2 * kPad});
        const int lines = std::max(label.lines(), c.value.empty() ? 0 : value.lines());
        const double h = std::max(c.min_height, lines * kLinePitch + 2 * kPad);
        canvas.rect(L::kBlockLeft, y, kLabelWidth, h, 0.8);
        canvas.rect(value_x, y, value_w, h, 0.8);
        // Labels are centred vertically; values start at the top of their cell.
        const double label_top = y + (h - label.lines() * kLinePitch) / 2;
        for (int i = 0; i < label.lines(); ++i)
            canvas.show_line(label, i, L::kBlockLeft + kPad, label_top + i * kLinePitch + 0.8 * L::kBodyPt + 2);
        if (!c.value.empty()) {
            for (int i = 0; i < value.lines(); ++i)
                canvas.show_line(value, i, value_x + kPad, y + kPad + i * kLinePitch + 0.8 * L::kBodyPt + 2);
        }
        if (c.label == "受送达人签名（盖章）") {
            const Text date = canvas.text("年　　月　　日", body);
            canvas.show_line(date, 0, value_x + value_w - kPad - date.width() - L::mm(6), y + h - kPad - 6);
        }
        y += h;
    }
    y += L::mm(6);
    const Text issued = canvas.text("填发日期：" + r.issue_date.chinese(), body);
    canvas.show_line(issued, 0, L::kBlockRight - issued.width(), y + 0.88 * L::kBodyPt);
    canvas.end_page();
    return canvas.finish();
}

}  // namespace lecs::docs
