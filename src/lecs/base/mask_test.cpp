#include "lecs/base/mask.hpp"

#include <gtest/gtest.h>

namespace lecs {
namespace {

TEST(MaskIdNumber, EighteenDigitsShowFirstThreeAndLastFour) {
    EXPECT_EQ(mask_id_number("130503199001011234"), "130***********1234");
    EXPECT_EQ(mask_id_number("11010519491231002X"), "110***********002X");
}

TEST(MaskIdNumber, FifteenDigitOldFormat) { EXPECT_EQ(mask_id_number("130503900101123"), "130********1123"); }

TEST(MaskIdNumber, ShortInputsRevealNothing) {
    EXPECT_EQ(mask_id_number(""), "");
    EXPECT_EQ(mask_id_number("1"), "*");
    EXPECT_EQ(mask_id_number("1234567"), "*******");
    EXPECT_EQ(mask_id_number("12345678"), "123*5678");
}

TEST(MaskPhone, MobileShowsFirstThreeAndLastFour) { EXPECT_EQ(mask_phone("13812345678"), "138****5678"); }

TEST(MaskPhone, ShortOrOddInputs) {
    EXPECT_EQ(mask_phone(""), "");
    EXPECT_EQ(mask_phone("110"), "***");
    EXPECT_EQ(mask_phone("1234567"), "*******");
    EXPECT_EQ(mask_phone("0319-1234567"), "031*****4567");
}

TEST(MaskName, TwoCharactersKeepTheFirst) { EXPECT_EQ(mask_name("张三"), "张*"); }

TEST(MaskName, ThreeCharactersKeepFirstAndLast) { EXPECT_EQ(mask_name("张三丰"), "张*丰"); }

TEST(MaskName, FourCharactersMaskTheMiddleTwo) { EXPECT_EQ(mask_name("欧阳小明"), "欧**明"); }

TEST(MaskName, OneCharacterOrEmpty) {
    EXPECT_EQ(mask_name("张"), "*");
    EXPECT_EQ(mask_name(""), "");
}

TEST(MaskName, LatinAndMixed) {
    EXPECT_EQ(mask_name("Li"), "L*");
    EXPECT_EQ(mask_name("阿卜杜·热合曼"), "阿*****曼");
}

TEST(MaskName, MalformedUtf8IsMaskedNotPassedThrough) {
    // A lone lead byte and a truncated 3-byte sequence: each byte is one code point.
    std::string bad = "\xe5\xbc";  // first two bytes of 张 (e5 bc a0)
    EXPECT_EQ(mask_name(bad), "\xe5*");
    EXPECT_EQ(mask_id_number(std::string("\xff\xfe\xfd", 3)), "***");
}

}  // namespace
}  // namespace lecs
