// KeyProvider: where keys come from (ARCHITECTURE §Transactions, Keys).
//
// Contract: separate keys per purpose, each with a key id, so data sealed under
// an old key can still be opened after rotation (the key id travels with the
// ciphertext). Keys never live in the config file. FileKeyProvider keeps them in
// a 0600 key file (created on first use); a 密码机 (GM/T 0018 SDF) can implement
// the same interface in production.
//
// Key file format (FileKeyProvider), one record per line, '#' starts a comment:
//   key <purpose> <id> <base64 secret>   purpose: pii_enc pii_mac blind_index audit org_sm2_wrap
//   sm2_private <base64 of the PKCS#8 PEM>   (audit checkpoint signing key)
//   sm2_public <base64 of the SPKI PEM>
// Keys of one purpose are listed oldest first; the last is current. Ids are
// "<purpose>-<n>". Sizes: pii_enc 16 bytes (SM4), all others 32 bytes. The file
// is created with O_CREAT|O_EXCL mode 0600 and rewritten atomically (temp file
// 0600 + rename) on rotation; a file readable by group/other is refused.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace lecs {

enum class KeyPurpose { kPiiEnc, kPiiMac, kBlindIndex, kAudit, kOrgSm2Wrap };

struct Key {
    std::string id;     // short id, e.g. "pii_enc-1"
    std::string bytes;  // raw secret
};

class KeyProvider {
  public:
    virtual ~KeyProvider() = default;
    virtual Key current(KeyPurpose p) = 0;
    // The oldest key of p. The blind index is keyed with the FIRST kBlindIndex
    // key: rotating it would change every index value and break lookups, so a
    // rotation of kBlindIndex does not change blind_index() (re-indexing is a
    // separate migration).
    virtual Key first(KeyPurpose p) = 0;
    virtual std::optional<Key> find(KeyPurpose p, const std::string& id) = 0;
    // Adds a new current key for p; the old one stays findable by id.
    virtual Key rotate(KeyPurpose p) = 0;
    // The key file of the instance: SM2 key pair used to sign audit checkpoints.
    virtual std::string audit_sm2_private_pem() = 0;
    virtual std::string audit_sm2_public_pem() = 0;
};

// Loads (or creates, mode 0600) the key file at path. Throws on a key file with
// wider permissions or a malformed content.
std::unique_ptr<KeyProvider> open_file_key_provider(const std::string& path);

// PII sealing with the provider's current keys: "encid.macid:base64(iv|ct|tag)"
// (both key ids travel with the value, so data sealed before a rotation of
// either key still opens). open() returns nullopt on a tampered value, a wrong
// aad or an unknown key id.
class Pii {
  public:
    explicit Pii(KeyProvider& keys) : keys_(keys) {}
    std::string seal(std::string_view plaintext, std::string_view aad);
    std::optional<std::string> open(std::string_view sealed, std::string_view aad);
    // HMAC-SM3 blind index (hex) of a normalised value, for exact lookups. Uses
    // the first kBlindIndex key (see KeyProvider::first).
    std::string blind_index(std::string_view normalized);

  private:
    KeyProvider& keys_;
};

}  // namespace lecs
