// QR code matrices (libqrencode) for the verification link on a document.
//
// Contract: qr_encode(text) returns the module matrix of `text` encoded as
// 8-bit data at error correction level M (ISO/IEC 18004), the smallest version
// that holds it. Throws std::runtime_error when libqrencode fails (e.g. the
// text is longer than a version-40 symbol holds).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lecs::docs {

struct QrMatrix {
    int version = 0;
    int size = 0;            // modules per side: 17 + 4 × version
    std::vector<bool> dark;  // row-major, size × size

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

QrMatrix qr_encode(std::string_view text);

}  // namespace lecs::docs
