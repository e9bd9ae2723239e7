#include "lecs/base/mask.hpp"

#include <vector>

namespace lecs {
namespace {

// Splits UTF-8 into code points. A malformed byte counts as one code point of
// its own, so broken input is still masked rather than passed through.
std::vector<std::string_view> code_points(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 1;
        if (i + len > s.size()) len = 1;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) {
                len = 1;
                break;
            }
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

// Shows the first `head` and last `tail` code points; all '*' when that would
// leave nothing hidden.
std::string keep_ends(std::string_view s, size_t head, size_t tail, size_t min_len) {
    auto cps = code_points(s);
    std::string out;
    if (cps.size() < min_len) return std::string(cps.size(), '*');
    for (size_t i = 0; i < cps.size(); ++i) {
        if (i < head || i >= cps.size() - tail)
            out.append(cps[i]);
        else
            out.push_back('*');
    }
    return out;
}

}  // namespace

std::string mask_id_number(std::string_view id_number) { return keep_ends(id_number, 3, 4, 8); }

std::string mask_phone(std::string_view phone) { return keep_ends(phone, 3, 4, 8); }

std::string mask_name(std::string_view name) {
    auto cps = code_points(name);
    if (cps.size() <= 1) return std::string(cps.size(), '*');
    if (cps.size() == 2) return std::string(cps[0]) + "*";
    return keep_ends(name, 1, 1, 3);
}

}  // namespace lecs
