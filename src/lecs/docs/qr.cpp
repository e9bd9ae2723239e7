#include "lecs/docs/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace lecs::docs {

QrMatrix qr_encode(std::string_view text) {
    const std::string data(text);
    // 8-bit mode: the URL is taken byte for byte, with no Kanji-mode guessing.
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M),
                                                         &QRcode_free);
    if (!code) throw std::runtime_error(std::string("qrencode failed: ") + std::strerror(errno));
    QrMatrix m;
    m.version = code->version;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;
    return m;
}

}  // namespace lecs::docs
