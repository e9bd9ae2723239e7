// Page geometry of GB/T 9704-2012 and the pagination of a document's rows.
//
// Contract: pure functions, no I/O. Lengths are PDF points (1/72 in) measured
// from the top-left corner of the page; the grid is 22 rows × 28 characters in
// the text block (版心) 156 × 225 mm whose top-left corner is 28 mm from the
// left and 37 mm from the top of an A4 sheet (GB/T 9704-2012 §5.2.1, §5.2.2).
#pragma once

#include <vector>

namespace lecs::docs::layout {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double mm(double v) { return v * kPtPerMm; }

constexpr double kPageWidth = mm(210);
constexpr double kPageHeight = mm(297);
constexpr double kBlockLeft = mm(28);
constexpr double kBlockTop = mm(37);
constexpr double kBlockWidth = mm(156);
constexpr double kBlockHeight = mm(225);
constexpr double kBlockRight = kBlockLeft + kBlockWidth;
constexpr double kBlockBottom = kBlockTop + kBlockHeight;

// §5.2.2: 22 lines per page, 28 characters per line, in 3号 (16 pt) 仿宋.
constexpr int kRowsPerPage = 22;
constexpr int kCharsPerLine = 28;
constexpr double kBodyPt = 16;                              // 3号
constexpr double kTitlePt = 22;                             // 2号
constexpr double kSmallPt = 14;                             // 4号: page numbers, 版记
constexpr double kRowPitch = kBlockHeight / kRowsPerPage;   // ≈ 28.99 pt
constexpr double kCharPitch = kBlockWidth / kCharsPerLine;  // ≈ 15.79 pt

// The extra space between two glyphs of 1 em that makes kCharsPerLine glyphs
// span the block exactly (pango leaves no spacing after the last glyph of a
// line). Negative: 28 × 16 pt is a little wider than 156 mm.
constexpr double body_letter_spacing() { return (kBlockWidth - kCharsPerLine * kBodyPt) / (kCharsPerLine - 1); }

constexpr double row_top(int row) { return kBlockTop + row * kRowPitch; }

// The baseline that centres the ideographic em box (0.88 em above the
// baseline, 0.12 em below it in CJK fonts) of text of `size_pt` in `row`.
constexpr double row_baseline(int row, double size_pt) {
    return row_top(row) + (kRowPitch - size_pt) / 2 + 0.88 * size_pt;
}

// The first grid row whose top is at or below y.
int first_row_at_or_below(double y);

// One row of the flow (title lines, 主送, body lines, 落款 ...).
struct RowSpec {
    bool blank = false;      // an empty row: dropped when it would open a page
    bool glue_prev = false;  // must stay on the page of the row before it
};

struct Slot {
    int page = 0;  // 0-based
    int row = 0;   // 0-based grid row; -1 for a dropped blank row
};

// Places the rows on pages of kRowsPerPage rows, the first page starting at
// first_row. Rows glued together move to the next page as one group when the
// group does not fit (a group longer than a page is split). Returns one slot
// per row.
std::vector<Slot> paginate(const std::vector<RowSpec>& rows, int first_row);

// Where the 版记 of `rows` rows goes: the bottom rows of the last page when
// they fit below its last used row with one row to spare, otherwise of a new
// page. Returns the slot of the first 版记 row.
Slot place_colophon(const Slot& last_used, int rows);

}  // namespace lecs::docs::layout
