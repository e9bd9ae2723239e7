// The 导出Excel layout of every list of LECS (issue 7): which JSON list each export reads and how
// its items become columns. The route itself is listexport::register_exports (one mechanism for
// every list); the dispute register keeps its own two-sheet export (GET /api/v1/disputes/export).
#pragma once

#include <vector>

#include "lecs/listexport/rules.hpp"

namespace lecs::app {

std::vector<listexport::Layout> list_export_layouts();

}  // namespace lecs::app
