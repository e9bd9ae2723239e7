#include "lecs/base/validate.hpp"

#include <array>
#include <stdexcept>

#include "lecs/base/time.hpp"

namespace lecs {
namespace {

// GB 32100-2015 §4.3 / appendix: the 31 code characters in value order.
constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

// GB 11643-1999 §8.2: weights 2^(i-1) mod 11 for positions 18..2.
constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheck = "10X98765432";

int uscc_value(char c) {
    auto pos = kUsccChars.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// The check character, or '\0' when the body has a character outside the set.
char uscc_check(std::string_view body) {
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        int v = uscc_value(body[i]);
        if (v < 0) return '\0';
        sum += v * kUsccWeights[i];
    }
    int c = 31 - sum % 31;
    return kUsccChars[static_cast<size_t>(c == 31 ? 0 : c)];
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

char id_check(std::string_view body) {
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) sum += (body[i] - '0') * kIdWeights[i];
    return kIdCheck[static_cast<size_t>(sum % 11)];
}

bool id_body_ok(std::string_view body) {
    if (body.size() != 17 || !all_digits(body)) return false;
    std::string dob =
        std::string(body.substr(6, 4)) + "-" + std::string(body.substr(10, 2)) + "-" + std::string(body.substr(12, 2));
    auto d = Date::parse(dob);
    return d && d->y >= 1900;
}

}  // namespace

bool valid_uscc(std::string_view code) {
    if (code.size() != 18) return false;
    char c = uscc_check(code.substr(0, 17));
    return c != '\0' && code[17] == c;
}

std::string uscc_with_check(std::string_view first17) {
    char c = first17.size() == 17 ? uscc_check(first17) : '\0';
    if (c == '\0') throw std::invalid_argument("uscc_with_check: need 17 characters of the USCC set");
    return std::string(first17) + c;
}

bool valid_id_number(std::string_view id) {
    if (id.size() != 18 || !id_body_ok(id.substr(0, 17))) return false;
    return id[17] == id_check(id.substr(0, 17));
}

std::string id_number_with_check(std::string_view first17) {
    if (!id_body_ok(first17))
        throw std::invalid_argument("id_number_with_check: need 17 digits with a real birth date");
    return std::string(first17) + id_check(first17);
}

}  // namespace lecs
