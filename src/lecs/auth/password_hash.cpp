#include "lecs/auth/password_hash.hpp"

#include <charconv>
#include <stdexcept>

#include "lecs/base/crypto.hpp"

namespace lecs::auth {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sm3";
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

}  // namespace

std::string hash_password(std::string_view password, int iterations) {
    if (iterations < 1) throw std::invalid_argument("hash_password: iterations must be positive");
    std::string salt = crypto::random_bytes(kSaltBytes);
    std::string hash = crypto::pbkdf2_sm3(password, salt, iterations, kHashBytes);
    return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + crypto::base64(salt) + "$" +
           crypto::base64(hash);
}

bool verify_password(std::string_view password, std::string_view stored) {
    // scheme $ iterations $ salt $ hash
    std::string_view parts[4];
    std::string_view rest = stored;
    for (int i = 0; i < 4; ++i) {
        size_t d = i < 3 ? rest.find('$') : std::string_view::npos;
        if (i < 3 && d == std::string_view::npos) return false;
        parts[i] = rest.substr(0, d);
        if (i < 3) rest.remove_prefix(d + 1);
    }
    if (parts[0] != kScheme) return false;
    int iterations = 0;
    auto [p, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
    if (ec != std::errc() || p != parts[1].data() + parts[1].size() || iterations < 1) return false;
    std::string salt, expected;
    try {
        salt = crypto::unbase64(parts[2]);
        expected = crypto::unbase64(parts[3]);
    } catch (const std::invalid_argument&) {
        return false;  // a malformed stored value verifies nothing
    }
    if (salt.empty() || expected.empty()) return false;
    return crypto::constant_time_equal(crypto::pbkdf2_sm3(password, salt, iterations, expected.size()), expected);
}

void burn_password_work(std::string_view password, int iterations) {
    static const std::string kDummySalt(kSaltBytes, '\x5a');
    std::string h = crypto::pbkdf2_sm3(password, kDummySalt, iterations, kHashBytes);
    (void)crypto::constant_time_equal(h, h);
}

}  // namespace lecs::auth
