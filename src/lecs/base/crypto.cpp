#include "lecs/base/crypto.hpp"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace lecs::crypto {
namespace {

// GM/T 0009: the default distinguishing identifier that enters Z_A.
constexpr std::string_view kSm2DefaultId = "1234567812345678";
constexpr size_t kIvLen = 16;
constexpr size_t kTagLen = 32;

[[noreturn]] void fail(const char* what) {
    unsigned long code = ERR_get_error();
    std::array<char, 256> buf{};
    if (code != 0) ERR_error_string_n(code, buf.data(), buf.size());
    ERR_clear_error();
    throw std::runtime_error(std::string("crypto: ") + what + (code != 0 ? std::string(": ") + buf.data() : ""));
}

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* u8(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

std::string digest(const EVP_MD* md, std::string_view data) {
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), u8(out), &len, md, nullptr) != 1) fail("EVP_Digest");
    out.resize(len);
    return out;
}

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned int len = 0;
    // HMAC() with an empty key needs a non-null pointer.
    static const unsigned char kEmpty = 0;
    const unsigned char* k = key.empty() ? &kEmpty : u8(key);
    if (HMAC(md, k, static_cast<int>(key.size()), u8(data), data.size(), u8(out), &len) == nullptr) fail("HMAC");
    out.resize(len);
    return out;
}

std::string sm4_ctr(std::string_view key, std::string_view iv, std::string_view in) {
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) fail("EVP_CIPHER_CTX_new");
    if (EVP_EncryptInit_ex(ctx.get(), EVP_sm4_ctr(), nullptr, u8(key), u8(iv)) != 1) fail("SM4-CTR init");
    std::string out(in.size() + 16, '\0');
    int len = 0, fin = 0;
    if (EVP_EncryptUpdate(ctx.get(), u8(out), &len, u8(in), static_cast<int>(in.size())) != 1) fail("SM4-CTR");
    if (EVP_EncryptFinal_ex(ctx.get(), u8(out) + len, &fin) != 1) fail("SM4-CTR final");
    out.resize(static_cast<size_t>(len + fin));
    return out;
}

// The tag covers aad_len (8 bytes BE) || aad || iv || ct, so the aad/iv boundary is unambiguous.
std::string seal_tag(std::string_view mac_key, std::string_view aad, std::string_view iv_and_ct) {
    std::string msg;
    msg.reserve(8 + aad.size() + iv_and_ct.size());
    uint64_t n = aad.size();
    for (int i = 7; i >= 0; --i) msg.push_back(static_cast<char>((n >> (i * 8)) & 0xff));
    msg.append(aad);
    msg.append(iv_and_ct);
    return hmac_sm3(mac_key, msg);
}

void check_sm4_key(std::string_view enc_key, std::string_view mac_key) {
    if (enc_key.size() != 16) throw std::invalid_argument("crypto: SM4 key must be 16 bytes");
    if (mac_key.size() < 16) throw std::invalid_argument("crypto: MAC key must be at least 16 bytes");
}

Pkey read_private(std::string_view pem) {
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) fail("BIO_new_mem_buf");
    Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) fail("read SM2 private key");
    return key;
}

Pkey read_public(std::string_view pem) {
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) fail("BIO_new_mem_buf");
    Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key) fail("read SM2 public key");
    return key;
}

std::string bio_string(BIO* bio) {
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(len));
}

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kB32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string b64_encode(std::string_view in, bool url) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    auto put = [&](uint32_t v) {
        char c = kB64[v & 63];
        if (url && c == '+') c = '-';
        if (url && c == '/') c = '_';
        out.push_back(c);
    };
    for (; i + 3 <= in.size(); i += 3) {
        uint32_t v = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
        put(v >> 18), put(v >> 12), put(v >> 6), put(v);
    }
    size_t rest = in.size() - i;
    if (rest == 1) {
        uint32_t v = uint32_t(uint8_t(in[i])) << 16;
        put(v >> 18), put(v >> 12);
        if (!url) out += "==";
    } else if (rest == 2) {
        uint32_t v = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8);
        put(v >> 18), put(v >> 12), put(v >> 6);
        if (!url) out += "=";
    }
    return out;
}

int b64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

}  // namespace

std::string sm3(std::string_view data) { return digest(EVP_sm3(), data); }

std::string hmac_sm3(std::string_view key, std::string_view data) { return hmac(EVP_sm3(), key, data); }

std::string pbkdf2_sm3(std::string_view password, std::string_view salt, int iterations, size_t out_len) {
    if (iterations < 1) throw std::invalid_argument("crypto: PBKDF2 iterations must be positive");
    std::string out(out_len, '\0');
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), u8(salt), static_cast<int>(salt.size()),
                          iterations, EVP_sm3(), static_cast<int>(out_len), u8(out)) != 1)
        fail("PKCS5_PBKDF2_HMAC");
    return out;
}

std::string random_bytes(size_t n) {
    std::string out(n, '\0');
    if (n > 0 && RAND_bytes(u8(out), static_cast<int>(n)) != 1) fail("RAND_bytes");
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sm4_seal(std::string_view enc_key, std::string_view mac_key, std::string_view plaintext,
                     std::string_view aad) {
    check_sm4_key(enc_key, mac_key);
    std::string out = random_bytes(kIvLen);
    out += sm4_ctr(enc_key, out, plaintext);
    out += seal_tag(mac_key, aad, out);
    return out;
}

bool sm4_open(std::string_view enc_key, std::string_view mac_key, std::string_view sealed, std::string& out,
              std::string_view aad) {
    check_sm4_key(enc_key, mac_key);
    if (sealed.size() < kIvLen + kTagLen) return false;
    std::string_view body = sealed.substr(0, sealed.size() - kTagLen);
    std::string_view tag = sealed.substr(sealed.size() - kTagLen);
    // Encrypt-then-MAC: nothing is decrypted before the tag verifies.
    if (!constant_time_equal(seal_tag(mac_key, aad, body), tag)) return false;
    out = sm4_ctr(enc_key, body.substr(0, kIvLen), body.substr(kIvLen));
    return true;
}

std::string sm4_encrypt_block(std::string_view key16, std::string_view block16) {
    if (key16.size() != 16 || block16.size() != 16) throw std::invalid_argument("crypto: SM4 block needs 16 bytes");
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) fail("EVP_CIPHER_CTX_new");
    if (EVP_EncryptInit_ex(ctx.get(), EVP_sm4_ecb(), nullptr, u8(key16), nullptr) != 1) fail("SM4-ECB init");
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    std::string out(32, '\0');
    int len = 0, fin = 0;
    if (EVP_EncryptUpdate(ctx.get(), u8(out), &len, u8(block16), 16) != 1) fail("SM4-ECB");
    if (EVP_EncryptFinal_ex(ctx.get(), u8(out) + len, &fin) != 1) fail("SM4-ECB final");
    out.resize(static_cast<size_t>(len + fin));
    return out;
}

Sm2KeyPair sm2_generate() {
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    if (!key) fail("SM2 keygen");
    Bio priv(BIO_new(BIO_s_mem()));
    Bio pub(BIO_new(BIO_s_mem()));
    if (!priv || !pub) fail("BIO_new");
    if (PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        fail("PEM_write_bio_PrivateKey");
    if (PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1) fail("PEM_write_bio_PUBKEY");
    return Sm2KeyPair{bio_string(priv.get()), bio_string(pub.get())};
}

std::string sm2_sign(std::string_view private_pem, std::string_view data) {
    Pkey key = read_private(private_pem);
    MdCtx md(EVP_MD_CTX_new());
    if (!md) fail("EVP_MD_CTX_new");
    EVP_PKEY_CTX* pctx = nullptr;
    if (EVP_DigestSignInit(md.get(), &pctx, EVP_sm3(), nullptr, key.get()) != 1) fail("SM2 sign init");
    if (EVP_PKEY_CTX_set1_id(pctx, kSm2DefaultId.data(), kSm2DefaultId.size()) != 1) fail("SM2 set id");
    size_t len = 0;
    if (EVP_DigestSign(md.get(), nullptr, &len, u8(data), data.size()) != 1) fail("SM2 sign size");
    std::string sig(len, '\0');
    if (EVP_DigestSign(md.get(), u8(sig), &len, u8(data), data.size()) != 1) fail("SM2 sign");
    sig.resize(len);
    return sig;
}

bool sm2_verify(std::string_view public_pem, std::string_view data, std::string_view signature_der) {
    Pkey key = read_public(public_pem);
    MdCtx md(EVP_MD_CTX_new());
    if (!md) fail("EVP_MD_CTX_new");
    EVP_PKEY_CTX* pctx = nullptr;
    if (EVP_DigestVerifyInit(md.get(), &pctx, EVP_sm3(), nullptr, key.get()) != 1) fail("SM2 verify init");
    if (EVP_PKEY_CTX_set1_id(pctx, kSm2DefaultId.data(), kSm2DefaultId.size()) != 1) fail("SM2 set id");
    int rc = EVP_DigestVerify(md.get(), u8(signature_der), signature_der.size(), u8(data), data.size());
    // rc 0 = bad signature, < 0 = malformed DER: both are "does not verify", not an outage.
    ERR_clear_error();
    return rc == 1;
}

std::string hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out.push_back(kDigits[c >> 4]);
        out.push_back(kDigits[c & 15]);
    }
    return out;
}

std::string unhex(std::string_view h) {
    if (h.size() % 2 != 0) throw std::invalid_argument("unhex: odd length");
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument("unhex: not a hex digit");
    };
    std::string out;
    out.reserve(h.size() / 2);
    for (size_t i = 0; i < h.size(); i += 2) out.push_back(static_cast<char>(nibble(h[i]) << 4 | nibble(h[i + 1])));
    return out;
}

std::string base64(std::string_view bytes) { return b64_encode(bytes, false); }
std::string base64url(std::string_view bytes) { return b64_encode(bytes, true); }

// Accepts standard and URL alphabets, with or without padding; throws std::invalid_argument otherwise.
std::string unbase64(std::string_view b64) {
    while (!b64.empty() && b64.back() == '=') b64.remove_suffix(1);
    if (b64.size() % 4 == 1) throw std::invalid_argument("unbase64: bad length");
    std::string out;
    out.reserve(b64.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (char c : b64) {
        int v = b64_value(c);
        if (v < 0) throw std::invalid_argument("unbase64: bad character");
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return out;
}

std::string base32(std::string_view bytes) {
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(kB32[(acc >> bits) & 31]);
        }
    }
    if (bits > 0) out.push_back(kB32[(acc << (5 - bits)) & 31]);
    while (out.size() % 8 != 0) out.push_back('=');
    return out;
}

// RFC 4648 base32; case-insensitive, padding optional, spaces ignored (as users type secrets).
std::string unbase32(std::string_view b32) {
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : b32) {
        if (c == '=' || c == ' ') continue;
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a';
        else if (c >= '2' && c <= '7')
            v = c - '2' + 26;
        else
            throw std::invalid_argument("unbase32: bad character");
        acc = (acc << 5) | static_cast<uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return out;
}

std::string totp(std::string_view secret, int64_t unix_seconds, int step, int digits) {
    if (step <= 0 || digits < 1 || digits > 9) throw std::invalid_argument("totp: bad step or digits");
    uint64_t counter = static_cast<uint64_t>(unix_seconds / step);
    std::string msg(8, '\0');
    for (int i = 7; i >= 0; --i, counter >>= 8) msg[static_cast<size_t>(i)] = static_cast<char>(counter & 0xff);
    std::string mac = hmac(EVP_sha1(), secret, msg);
    // RFC 4226 §5.3 dynamic truncation.
    int offset = static_cast<unsigned char>(mac[19]) & 0x0f;
    uint32_t bin = (uint32_t(uint8_t(mac[offset])) & 0x7f) << 24 | uint32_t(uint8_t(mac[offset + 1])) << 16 |
                   uint32_t(uint8_t(mac[offset + 2])) << 8 | uint32_t(uint8_t(mac[offset + 3]));
    uint32_t mod = 1;
    for (int i = 0; i < digits; ++i) mod *= 10;
    std::string code = std::to_string(bin % mod);
    return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

}  // namespace lecs::crypto
