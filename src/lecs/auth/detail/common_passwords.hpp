// The embedded list of common passwords (REQUIREMENTS §3 "not a common
// password"): frequent entries of public leak lists, and the patterns seen in
// China (keyboard walks, woaini/1314/520, Pinyin names, place names, P@ssw0rd
// variants) padded to the 12-character minimum the way people pad them.
#pragma once

#include <string_view>
#include <vector>

namespace lecs::auth::detail {

const std::vector<std::string_view>& common_passwords();

}  // namespace lecs::auth::detail
