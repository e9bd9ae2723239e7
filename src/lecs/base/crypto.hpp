// The national crypto profile (商用密码) through OpenSSL 3.0.
//
// Contract: all functions take and return raw bytes in std::string. Failures of
// OpenSSL itself throw std::runtime_error (infrastructure); a signature or MAC
// that does not verify is a false return, never an exception.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lecs::crypto {

std::string sm3(std::string_view data);                             // 32 bytes
std::string hmac_sm3(std::string_view key, std::string_view data);  // 32 bytes
std::string pbkdf2_sm3(std::string_view password, std::string_view salt, int iterations, size_t out_len = 32);
std::string random_bytes(size_t n);  // CSPRNG (RAND_bytes)
bool constant_time_equal(std::string_view a, std::string_view b);

// SM4-CTR + HMAC-SM3, encrypt-then-MAC. enc_key 16 bytes, mac_key ≥ 16 bytes.
// Output: iv(16) || ciphertext || tag(32). aad is bound into the tag (e.g. "person.id_no").
std::string sm4_seal(std::string_view enc_key, std::string_view mac_key, std::string_view plaintext,
                     std::string_view aad = {});
// Returns false (and leaves out untouched) when the tag does not verify.
bool sm4_open(std::string_view enc_key, std::string_view mac_key, std::string_view sealed, std::string& out,
              std::string_view aad = {});
// Raw SM4 single-block ECB encryption, exposed for the GB/T 32907 test vector.
std::string sm4_encrypt_block(std::string_view key16, std::string_view block16);

// SM2 (GB/T 32918) with the default user id "1234567812345678" (GM/T 0009).
struct Sm2KeyPair {
    std::string private_pem;  // PKCS#8 PEM
    std::string public_pem;   // SubjectPublicKeyInfo PEM
};
Sm2KeyPair sm2_generate();
std::string sm2_sign(std::string_view private_pem, std::string_view data);  // DER signature over SM3 with Z
bool sm2_verify(std::string_view public_pem, std::string_view data, std::string_view signature_der);

std::string hex(std::string_view bytes);
std::string unhex(std::string_view hex);        // throws std::invalid_argument on bad input
std::string base64url(std::string_view bytes);  // no padding
std::string base64(std::string_view bytes);
std::string unbase64(std::string_view b64);

// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s): the algorithm authenticator apps implement.
std::string totp(std::string_view secret, int64_t unix_seconds, int step = 30, int digits = 6);
std::string base32(std::string_view bytes);
std::string unbase32(std::string_view b32);

}  // namespace lecs::crypto
