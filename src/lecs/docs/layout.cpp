#include "lecs/docs/layout.hpp"

#include <cmath>
#include <cstddef>

namespace lecs::docs::layout {

int first_row_at_or_below(double y) {
    // The small tolerance keeps a y computed as exactly a row top on that row.
    return static_cast<int>(std::ceil((y - kBlockTop) / kRowPitch - 1e-9));
}

std::vector<Slot> paginate(const std::vector<RowSpec>& rows, int first_row) {
    std::vector<Slot> out(rows.size());
    int page = 0;
    int row = first_row;
    std::size_t i = 0;
    while (i < rows.size()) {
        std::size_t end = i + 1;
        while (end < rows.size() && rows[end].glue_prev) ++end;
        const int group = static_cast<int>(end - i);
        if (row + group > kRowsPerPage && row > 0 && group <= kRowsPerPage) {
            ++page;
            row = 0;
        }
        for (std::size_t k = i; k < end; ++k) {
            if (row >= kRowsPerPage) {
                ++page;
                row = 0;
            }
            // A blank row that would open a page separates nothing.
            if (rows[k].blank && row == 0 && page > 0) {
                out[k] = Slot{page, -1};
                continue;
            }
            out[k] = Slot{page, row++};
        }
        i = end;
    }
    return out;
}

Slot place_colophon(const Slot& last_used, int rows) {
    const int first = kRowsPerPage - rows;
    if (last_used.row + 1 < first) return Slot{last_used.page, first};
    return Slot{last_used.page + 1, first};
}

}  // namespace lecs::docs::layout
