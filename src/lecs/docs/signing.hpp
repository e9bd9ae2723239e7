// The SM2 key pair of each issuing organisation (REQUIREMENTS §17 Integrity).
//
// Contract: ensure_key() returns the organisation's active key, creating it on
// first use (one short write Tx; a concurrent first use keeps whichever pair
// was inserted first). The private key (PKCS#8 PEM) is sealed at rest with
// SM4-CTR + HMAC-SM3 under the current KeyPurpose::kOrgSm2Wrap key
// ("<wrap key id>" is stored beside it, so a rotated wrap key still opens old
// rows), with the aad "org_sign_key:<org id>" so a sealed key cannot be moved
// to another organisation. The public key is published as SPKI PEM. key_id is
// the hex of the first 8 bytes of SM3(public PEM).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lecs/base/keys.hpp"
#include "lecs/db/db.hpp"
#include "lecs/docs/model.hpp"

namespace lecs::docs {

class OrgSigner {
  public:
    explicit OrgSigner(KeyProvider& keys) : keys_(keys) {}

    SignKey ensure_key(db::Database& db, int64_t org_id, int64_t now_ms);
    // DER SM2 signature (SM3 with the default user id) of data with the key's private key.
    // Throws std::runtime_error when the wrap key is unknown or the sealed key was tampered with.
    std::string sign(const SignKey& key, std::string_view data);

  private:
    KeyProvider& keys_;
};

}  // namespace lecs::docs
