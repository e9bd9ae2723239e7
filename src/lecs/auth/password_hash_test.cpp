#include "lecs/auth/password_hash.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "lecs/base/crypto.hpp"

namespace lecs::auth {
namespace {

TEST(PasswordHash, StoredFormatNamesSchemeAndIterations) {
    std::string h = hash_password("Zt9#kq2Lm8$w", 1000);
    EXPECT_EQ(h.rfind("pbkdf2-sm3$1000$", 0), 0u) << h;
    EXPECT_EQ(std::count(h.begin(), h.end(), '$'), 3);
}

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
    std::string h = hash_password("Zt9#kq2Lm8$w", 1000);
    EXPECT_TRUE(verify_password("Zt9#kq2Lm8$w", h));
    EXPECT_FALSE(verify_password("Zt9#kq2Lm8$W", h));
    EXPECT_FALSE(verify_password("", h));
}

TEST(PasswordHash, SaltMakesEveryHashDifferent) {
    EXPECT_NE(hash_password("Zt9#kq2Lm8$w", 1000), hash_password("Zt9#kq2Lm8$w", 1000));
}

TEST(PasswordHash, VerifiesAHashBuiltByHandWithItsOwnIterationCount) {
    // A stored value made under another iteration count still verifies.
    const std::string salt = "0123456789abcdef";
    std::string stored = "pbkdf2-sm3$7$" + crypto::base64(salt) + "$" +
                         crypto::base64(crypto::pbkdf2_sm3("Qp#2024zhangsaX", salt, 7, 32));
    EXPECT_TRUE(verify_password("Qp#2024zhangsaX", stored));
    EXPECT_FALSE(verify_password("Qp#2024zhangsaY", stored));
}

TEST(PasswordHash, MalformedStoredValuesVerifyNothing) {
    for (const char* bad :
         {"", "pbkdf2-sm3", "pbkdf2-sm3$1000$AAAA", "md5$1000$AAAA$AAAA", "pbkdf2-sm3$x$AAAA$AAAA",
          "pbkdf2-sm3$0$AAAA$AAAA", "pbkdf2-sm3$-5$AAAA$AAAA", "pbkdf2-sm3$10$!!!!$AAAA", "pbkdf2-sm3$10$$"})
        EXPECT_FALSE(verify_password("anything", bad)) << bad;
}

}  // namespace
}  // namespace lecs::auth
