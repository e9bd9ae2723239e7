#include "lecs/base/crypto.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lecs::crypto {
namespace {

namespace fs = std::filesystem;

// A scratch directory for the openssl CLI cross-checks, removed afterwards.
class TempDir {
  public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "lecs-crypto-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    fs::path path_;
};

void write_file(const std::string& path, std::string_view data) {
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs a shell command, returns its exit status and stdout.
int run(const std::string& cmd, std::string* out = nullptr) {
    FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
    if (p == nullptr) throw std::runtime_error("popen failed");
    std::string text;
    char buf[256];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    int status = ::pclose(p);
    if (out != nullptr) *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// ---- SM3 (GB/T 32905-2016 appendix A) ----

TEST(Sm3, GbtExample1Abc) {
    EXPECT_EQ(hex(sm3("abc")), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

TEST(Sm3, GbtExample2AbcdTimes16) {
    std::string in;
    for (int i = 0; i < 16; ++i) in += "abcd";
    EXPECT_EQ(hex(sm3(in)), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

// ---- HMAC-SM3 / PBKDF2-SM3: values obtained from the OpenSSL 3.0 CLI ----

TEST(HmacSm3, MatchesOpensslCli) {
    // echo -n "The quick brown fox" | openssl dgst -sm3 -hmac "secret-key"
    EXPECT_EQ(hex(hmac_sm3("secret-key", "The quick brown fox")),
              "3f2ba01b9540250934fc0304bec40f82939523c3c0aafbac384130ba4ea4682a");
}

TEST(HmacSm3, DifferentKeyDifferentTag) {
    EXPECT_NE(hmac_sm3("secret-key", "x"), hmac_sm3("secret-kez", "x"));
    EXPECT_EQ(hmac_sm3("k", "x").size(), 32u);
}

TEST(Pbkdf2Sm3, MatchesOpensslCli) {
    // openssl kdf -keylen 32 -kdfopt digest:SM3 -kdfopt pass:password -kdfopt salt:NaCl-salt
    //   -kdfopt iter:1000 PBKDF2
    EXPECT_EQ(hex(pbkdf2_sm3("password", "NaCl-salt", 1000)),
              "6a2fe7f4d9dae2a202edc2f9dd1ee78e50151cfdd561ed14d5d78c7123e7e138");
}

TEST(Pbkdf2Sm3, OutLenIsHonouredAndIsAPrefix) {
    EXPECT_EQ(hex(pbkdf2_sm3("password", "NaCl-salt", 1000, 16)), "6a2fe7f4d9dae2a202edc2f9dd1ee78e");
}

TEST(Pbkdf2Sm3, RejectsZeroIterations) { EXPECT_THROW(pbkdf2_sm3("p", "s", 0), std::invalid_argument); }

// ---- random, constant time ----

TEST(RandomBytes, LengthAndNotRepeating) {
    EXPECT_EQ(random_bytes(0), "");
    std::string a = random_bytes(32), b = random_bytes(32);
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_TRUE(constant_time_equal("", ""));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    EXPECT_FALSE(constant_time_equal("", "a"));
}

// ---- SM4 (GB/T 32907-2016 appendix A) ----

TEST(Sm4, GbtExampleBlock) {
    std::string k = unhex("0123456789abcdeffedcba9876543210");
    EXPECT_EQ(hex(sm4_encrypt_block(k, k)), "681edf34d206965e86b3e94f536e4246");
}

TEST(Sm4, BlockRejectsWrongSizes) {
    EXPECT_THROW(sm4_encrypt_block("short", std::string(16, 'a')), std::invalid_argument);
    EXPECT_THROW(sm4_encrypt_block(std::string(16, 'a'), "short"), std::invalid_argument);
}

class Sm4Seal : public ::testing::Test {
  protected:
    std::string enc_ = unhex("00112233445566778899aabbccddeeff");
    std::string mac_ = unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
};

TEST_F(Sm4Seal, RoundTrip) {
    std::string sealed = sm4_seal(enc_, mac_, "130503199001011234", "person.id_no");
    EXPECT_EQ(sealed.size(), 16u + 18u + 32u);  // iv || ct (CTR: same length) || tag
    EXPECT_EQ(sealed.find("130503199001011234"), std::string::npos);
    std::string out;
    ASSERT_TRUE(sm4_open(enc_, mac_, sealed, out, "person.id_no"));
    EXPECT_EQ(out, "130503199001011234");
}

TEST_F(Sm4Seal, EmptyPlaintextRoundTrips) {
    std::string out = "untouched";
    ASSERT_TRUE(sm4_open(enc_, mac_, sm4_seal(enc_, mac_, ""), out));
    EXPECT_EQ(out, "");
}

TEST_F(Sm4Seal, FreshIvEachTime) { EXPECT_NE(sm4_seal(enc_, mac_, "same"), sm4_seal(enc_, mac_, "same")); }

TEST_F(Sm4Seal, TamperingAnyByteFails) {
    std::string sealed = sm4_seal(enc_, mac_, "张三 13812345678", "aad");
    for (size_t i = 0; i < sealed.size(); ++i) {
        std::string t = sealed;
        t[i] = static_cast<char>(t[i] ^ 0x01);
        std::string out = "untouched";
        EXPECT_FALSE(sm4_open(enc_, mac_, t, out, "aad")) << "byte " << i;
        EXPECT_EQ(out, "untouched");
    }
}

TEST_F(Sm4Seal, TruncatedOrExtendedFails) {
    std::string sealed = sm4_seal(enc_, mac_, "hello", "aad");
    std::string out;
    EXPECT_FALSE(sm4_open(enc_, mac_, sealed.substr(0, sealed.size() - 1), out, "aad"));
    EXPECT_FALSE(sm4_open(enc_, mac_, sealed + "x", out, "aad"));
    EXPECT_FALSE(sm4_open(enc_, mac_, "", out, "aad"));
    EXPECT_FALSE(sm4_open(enc_, mac_, std::string(47, 'a'), out, "aad"));
}

TEST_F(Sm4Seal, WrongAadFails) {
    std::string sealed = sm4_seal(enc_, mac_, "hello", "person.id_no");
    std::string out;
    EXPECT_FALSE(sm4_open(enc_, mac_, sealed, out, "person.phone"));
    EXPECT_FALSE(sm4_open(enc_, mac_, sealed, out, ""));
}

TEST_F(Sm4Seal, WrongKeysFail) {
    std::string sealed = sm4_seal(enc_, mac_, "hello");
    std::string other_mac = mac_;
    other_mac[0] ^= 1;
    std::string out;
    EXPECT_FALSE(sm4_open(enc_, other_mac, sealed, out));
}

TEST_F(Sm4Seal, RejectsBadKeySizes) {
    EXPECT_THROW(sm4_seal("short", mac_, "x"), std::invalid_argument);
    EXPECT_THROW(sm4_seal(enc_, "short", "x"), std::invalid_argument);
}

// ---- SM2 ----

TEST(Sm2, GenerateGivesPemPair) {
    Sm2KeyPair kp = sm2_generate();
    EXPECT_EQ(kp.private_pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
    EXPECT_EQ(kp.public_pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
}

TEST(Sm2, SignVerifyAndTamper) {
    Sm2KeyPair kp = sm2_generate();
    std::string sig = sm2_sign(kp.private_pem, "checkpoint 42");
    EXPECT_TRUE(sm2_verify(kp.public_pem, "checkpoint 42", sig));
    EXPECT_FALSE(sm2_verify(kp.public_pem, "checkpoint 43", sig));
    std::string bad = sig;
    bad[bad.size() - 1] ^= 0x01;
    EXPECT_FALSE(sm2_verify(kp.public_pem, "checkpoint 42", bad));
    EXPECT_FALSE(sm2_verify(kp.public_pem, "checkpoint 42", "not der"));
    EXPECT_FALSE(sm2_verify(sm2_generate().public_pem, "checkpoint 42", sig));
}

TEST(Sm2, BadPemThrows) {
    EXPECT_THROW(sm2_sign("not a key", "x"), std::runtime_error);
    EXPECT_THROW(sm2_verify("not a key", "x", "y"), std::runtime_error);
}

// Done-when: our signatures verify with the openssl command line, with the
// default SM2 id and the SM3 digest.
TEST(Sm2, SignatureVerifiesWithOpensslCli) {
    TempDir dir;
    Sm2KeyPair kp = sm2_generate();
    std::string data = "LECS audit checkpoint: seq=1024 head=ab12\n";
    write_file(dir.file("pub.pem"), kp.public_pem);
    write_file(dir.file("data"), data);
    write_file(dir.file("sig.der"), sm2_sign(kp.private_pem, data));
    std::string base = "openssl pkeyutl -verify -pubin -inkey " + dir.file("pub.pem") + " -rawin -in " +
                       dir.file("data") + " -sigfile " + dir.file("sig.der") + " -digest sm3";
    std::string out;
    EXPECT_EQ(run(base + " -pkeyopt distid:1234567812345678", &out), 0);
    EXPECT_NE(out.find("Signature Verified Successfully"), std::string::npos) << out;
    // A different distinguishing id changes Z_A, so the same signature must fail:
    // proves the CLI really checks the id we used.
    EXPECT_NE(run(base + " -pkeyopt distid:1234567812345679"), 0);
    write_file(dir.file("data"), data + "x");
    EXPECT_NE(run(base + " -pkeyopt distid:1234567812345678"), 0);
}

TEST(Sm2, CliSignatureVerifiesWithSm2Verify) {
    TempDir dir;
    Sm2KeyPair kp = sm2_generate();
    std::string data = "signed by openssl";
    write_file(dir.file("key.pem"), kp.private_pem);
    write_file(dir.file("data"), data);
    ASSERT_EQ(run("openssl pkeyutl -sign -inkey " + dir.file("key.pem") + " -rawin -in " + dir.file("data") + " -out " +
                  dir.file("sig.der") + " -digest sm3 -pkeyopt distid:1234567812345678"),
              0);
    std::string sig = read_file(dir.file("sig.der"));
    EXPECT_TRUE(sm2_verify(kp.public_pem, data, sig));
    EXPECT_FALSE(sm2_verify(kp.public_pem, data + "x", sig));
}

// A key generated by the CLI loads and signs (PKCS#8 interop).
TEST(Sm2, CliGeneratedKeySignsForCliVerify) {
    TempDir dir;
    ASSERT_EQ(run("openssl genpkey -algorithm SM2 -out " + dir.file("k.pem")), 0);
    ASSERT_EQ(run("openssl pkey -in " + dir.file("k.pem") + " -pubout -out " + dir.file("p.pem")), 0);
    std::string priv = read_file(dir.file("k.pem"));
    std::string pub = read_file(dir.file("p.pem"));
    std::string sig = sm2_sign(priv, "abc");
    EXPECT_TRUE(sm2_verify(pub, "abc", sig));
}

// ---- encodings ----

TEST(Hex, RoundTripAndErrors) {
    EXPECT_EQ(hex(std::string("\x00\x01\xab\xff", 4)), "0001abff");
    EXPECT_EQ(unhex("0001ABff"), std::string("\x00\x01\xab\xff", 4));
    EXPECT_EQ(unhex(""), "");
    EXPECT_THROW(unhex("abc"), std::invalid_argument);
    EXPECT_THROW(unhex("zz"), std::invalid_argument);
}

// RFC 4648 §10 test vectors.
TEST(Base64, Rfc4648Vectors) {
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foob"), "Zm9vYg==");
    EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
    EXPECT_EQ(unbase64("Zm9vYg=="), "foob");
    EXPECT_EQ(unbase64("Zm9vYmE="), "fooba");
    EXPECT_EQ(unbase64("Zm9vYmFy"), "foobar");
}

TEST(Base64, UrlAlphabetWithoutPadding) {
    std::string bytes("\xfb\xff\xfe", 3);
    EXPECT_EQ(base64(bytes), "+//+");
    EXPECT_EQ(base64url(bytes), "-__-");
    EXPECT_EQ(base64url("f"), "Zg");
    EXPECT_EQ(unbase64("-__-"), bytes);
    EXPECT_EQ(unbase64("Zg"), "f");
}

TEST(Base64, RejectsJunk) {
    EXPECT_THROW(unbase64("Zm9v!"), std::invalid_argument);
    EXPECT_THROW(unbase64("Z"), std::invalid_argument);
}

TEST(Base32, Rfc4648Vectors) {
    EXPECT_EQ(base32(""), "");
    EXPECT_EQ(base32("f"), "MY======");
    EXPECT_EQ(base32("fo"), "MZXQ====");
    EXPECT_EQ(base32("foo"), "MZXW6===");
    EXPECT_EQ(base32("foob"), "MZXW6YQ=");
    EXPECT_EQ(base32("fooba"), "MZXW6YTB");
    EXPECT_EQ(base32("foobar"), "MZXW6YTBOI======");
    EXPECT_EQ(unbase32("MZXW6YTBOI======"), "foobar");
    EXPECT_EQ(unbase32("mzxw6ytboi"), "foobar");
    EXPECT_EQ(unbase32("MZXW 6YQ"), "foob");
    EXPECT_THROW(unbase32("MZ1"), std::invalid_argument);
}

// ---- TOTP: RFC 6238 appendix B, SHA1 ----

TEST(Totp, Rfc6238Sha1Vectors) {
    const std::string secret = "12345678901234567890";
    EXPECT_EQ(totp(secret, 59, 30, 8), "94287082");
    EXPECT_EQ(totp(secret, 1111111109, 30, 8), "07081804");
    EXPECT_EQ(totp(secret, 1111111111, 30, 8), "14050471");
    EXPECT_EQ(totp(secret, 1234567890, 30, 8), "89005924");
    EXPECT_EQ(totp(secret, 2000000000, 30, 8), "69279037");
    EXPECT_EQ(totp(secret, 20000000000, 30, 8), "65353130");
}

TEST(Totp, SixDigitsIsTheLastSixOfTheCode) {
    // RFC 4226 truncation mod 10^6 of the same value as 94287082 mod 10^8.
    EXPECT_EQ(totp("12345678901234567890", 59), "287082");
    EXPECT_EQ(totp("12345678901234567890", 1111111109), "081804");
}

}  // namespace
}  // namespace lecs::crypto
