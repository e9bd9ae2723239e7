// Check digits of Chinese identifiers.
//
// Contract: pure functions, no I/O. valid_* accept exactly the canonical form
// (upper-case letters, no spaces); callers normalise user input first. The
// *_with_check helpers complete a 17-character body with its check character
// (for demo and test data) and throw std::invalid_argument on a bad body.
#pragma once

#include <string>
#include <string_view>

namespace lecs {

// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 A-H J-N P Q R T U W X Y
// (no I O S V Z); check = 31 - Σ(value·weight) mod 31, with 31 written as '0'.
bool valid_uscc(std::string_view code);
std::string uscc_with_check(std::string_view first17);

// 公民身份号码 (GB 11643-1999): 6-digit division code, 8-digit date of birth
// (a real calendar date, year ≥ 1900), 3-digit sequence, ISO 7064 MOD 11-2
// check character (0-9 or X).
bool valid_id_number(std::string_view id);
std::string id_number_with_check(std::string_view first17);

}  // namespace lecs
