#include "lecs/docs/signing.hpp"

#include <stdexcept>

#include "lecs/base/crypto.hpp"
#include "lecs/docs/store.hpp"

namespace lecs::docs {
namespace {

std::string aad_for(int64_t org_id) { return "org_sign_key:" + std::to_string(org_id); }

// The 32-byte wrap key: its first 16 bytes are the SM4 key, all 32 the HMAC-SM3 key.
std::string enc_part(const Key& k) { return k.bytes.substr(0, 16); }

}  // namespace

SignKey OrgSigner::ensure_key(db::Database& db, int64_t org_id, int64_t now_ms) {
    if (auto k = db.read([&](db::Tx& tx) { return store::find_active_key(tx, org_id); })) return *k;
    auto pair = crypto::sm2_generate();
    Key wrap = keys_.current(KeyPurpose::kOrgSm2Wrap);
    SignKey k;
    k.key_id = crypto::hex(crypto::sm3(pair.public_pem).substr(0, 8));
    k.org_id = org_id;
    k.public_pem = pair.public_pem;
    k.private_sealed = crypto::base64(crypto::sm4_seal(enc_part(wrap), wrap.bytes, pair.private_pem, aad_for(org_id)));
    k.wrap_key_id = wrap.id;
    k.created_at = now_ms;
    return db.write([&](db::Tx& tx) {
        store::insert_key_if_absent(tx, k);
        auto active = store::find_active_key(tx, org_id);
        if (!active) throw std::runtime_error("org signing key missing after insert");
        return *active;
    });
}

std::string OrgSigner::sign(const SignKey& key, std::string_view data) {
    auto wrap = keys_.find(KeyPurpose::kOrgSm2Wrap, key.wrap_key_id);
    if (!wrap) throw std::runtime_error("unknown org_sm2_wrap key " + key.wrap_key_id);
    std::string private_pem;
    if (!crypto::sm4_open(enc_part(*wrap), wrap->bytes, crypto::unbase64(key.private_sealed), private_pem,
                          aad_for(key.org_id)))
        throw std::runtime_error("sealed signing key of organisation " + std::to_string(key.org_id) + " does not open");
    return crypto::sm2_sign(private_pem, data);
}

}  // namespace lecs::docs
