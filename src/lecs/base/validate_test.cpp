#include "lecs/base/validate.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace lecs {
namespace {

// Values: 0-9 → 0-9, A=10 B=11 C=12 D=13 E=14 F=15 G=16 H=17 J=18 K=19 L=20 M=21
// N=22 P=23 Q=24 R=25 T=26 U=27 W=28 X=29 Y=30.
// Weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.

TEST(Uscc, KnownValidCodes) {
    // 91350100M000100Y4 → Σ = 1640, 1640 mod 31 = 28, 31 - 28 = 3 → '3'.
    EXPECT_TRUE(valid_uscc("91350100M000100Y43"));
    // 91440300192203821 (published code) → Σ = 831, mod 31 = 25, 31 - 25 = 6 → '6'.
    EXPECT_TRUE(valid_uscc("914403001922038216"));
    // 9144030071526726X (published code) → Σ = 1782, mod 31 = 15, 31 - 15 = 16 → 'G'.
    EXPECT_TRUE(valid_uscc("9144030071526726XG"));
}

TEST(Uscc, RemainderZeroGivesCheckZero) {
    // 91130500MA0C1234B → Σ = 1612 = 52·31, 31 - 0 = 31 → written '0'.
    EXPECT_TRUE(valid_uscc("91130500MA0C1234B0"));
    EXPECT_EQ(uscc_with_check("91130500MA0C1234B"), "91130500MA0C1234B0");
}

TEST(Uscc, CheckCanBeALetter) {
    // 91130500MA0C1234M → Σ = 1892, mod 31 = 1, 31 - 1 = 30 → 'Y'.
    EXPECT_EQ(uscc_with_check("91130500MA0C1234M"), "91130500MA0C1234MY");
    // 91110108100000000 → Σ = 230, mod 31 = 13, 31 - 13 = 18 → 'J'.
    EXPECT_EQ(uscc_with_check("91110108100000000"), "91110108100000000J");
}

TEST(Uscc, Invalid) {
    EXPECT_FALSE(valid_uscc("91350100M000100Y44"));   // wrong check
    EXPECT_FALSE(valid_uscc("911101081000000000"));   // check should be J
    EXPECT_FALSE(valid_uscc("91350100M000100Y4"));    // 17 characters
    EXPECT_FALSE(valid_uscc("91350100M000100Y433"));  // 19 characters
    EXPECT_FALSE(valid_uscc("91350100I000100Y43"));   // I is not in the set
    EXPECT_FALSE(valid_uscc("91350100m000100Y43"));   // lower case
    EXPECT_FALSE(valid_uscc(""));
    EXPECT_FALSE(valid_uscc("9144030071526726XO"));  // O is never a check character
}

TEST(Uscc, WithCheckRejectsBadBodies) {
    EXPECT_THROW(uscc_with_check("9135"), std::invalid_argument);
    EXPECT_THROW(uscc_with_check("91350100S000100Y4"), std::invalid_argument);
}

// ID weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; check by Σ mod 11 from "10X98765432".

TEST(IdNumber, KnownValid) {
    // 11010519491231002 (GB 11643 example) → Σ = 167, mod 11 = 2 → 'X'.
    EXPECT_TRUE(valid_id_number("11010519491231002X"));
    // 13050319900101123 → Σ = 172, mod 11 = 7 → '5'.
    EXPECT_TRUE(valid_id_number("130503199001011235"));
    // 13050320240229123 → Σ = 204, mod 11 = 6 → '6' (29 Feb of a leap year).
    EXPECT_TRUE(valid_id_number("130503202402291236"));
    // 13050319000101123 → Σ = 118, mod 11 = 8 → '4' (1900 is the earliest year).
    EXPECT_TRUE(valid_id_number("130503190001011234"));
}

TEST(IdNumber, WithCheck) {
    EXPECT_EQ(id_number_with_check("13050319900101123"), "130503199001011235");
    EXPECT_EQ(id_number_with_check("11010519491231002"), "11010519491231002X");
    EXPECT_THROW(id_number_with_check("1305031990010112"), std::invalid_argument);
    EXPECT_THROW(id_number_with_check("13050319900230123"), std::invalid_argument);  // 30 Feb
    EXPECT_THROW(id_number_with_check("1305031990010112A"), std::invalid_argument);
}

TEST(IdNumber, Invalid) {
    EXPECT_FALSE(valid_id_number("130503199001011234"));  // check should be 5
    EXPECT_FALSE(valid_id_number("11010519491231002x"));  // lower-case x: caller normalises
    EXPECT_FALSE(valid_id_number("1305031990010112"));
    EXPECT_FALSE(valid_id_number("1305031990010112355"));
    EXPECT_FALSE(valid_id_number(""));
    EXPECT_FALSE(valid_id_number("13050319A001011235"));
}

TEST(IdNumber, BirthDateMustBeReal) {
    // Whatever the check character, an impossible date of birth is refused.
    for (char check : std::string_view("0123456789X")) {
        EXPECT_FALSE(valid_id_number(std::string("13050320230229123") + check)) << check;  // 2023 not leap
        EXPECT_FALSE(valid_id_number(std::string("13050319901301123") + check)) << check;  // month 13
        EXPECT_FALSE(valid_id_number(std::string("13050319900100123") + check)) << check;  // day 0
        // 44052418800101001 → Σ = 195, mod 11 = 8 → '4' would be right, but 1880 < 1900.
        EXPECT_FALSE(valid_id_number(std::string("44052418800101001") + check)) << check;
    }
}

}  // namespace
}  // namespace lecs
