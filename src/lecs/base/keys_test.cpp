#include "lecs/base/keys.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "lecs/base/crypto.hpp"

namespace lecs {
namespace {

namespace fs = std::filesystem;

class KeysTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "lecs-keys-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
        path_ = (dir_ / "keys").string();
    }
    void TearDown() override { fs::remove_all(dir_); }

    mode_t mode() const {
        struct stat st {};
        EXPECT_EQ(::stat(path_.c_str(), &st), 0);
        return st.st_mode & 0777;
    }
    std::string contents() const {
        std::ifstream in(path_);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    void write(const std::string& text) const {
        std::ofstream out(path_, std::ios::trunc);
        out << text;
        out.close();
        ::chmod(path_.c_str(), 0600);
    }

    fs::path dir_;
    std::string path_;
};

TEST_F(KeysTest, CreatesFileWithMode0600EvenUnderPermissiveUmask) {
    mode_t old = ::umask(0);
    auto kp = open_file_key_provider(path_);
    ::umask(old);
    EXPECT_EQ(mode(), 0600u);
}

TEST_F(KeysTest, FreshKeysHaveExpectedIdsAndSizes) {
    auto kp = open_file_key_provider(path_);
    EXPECT_EQ(kp->current(KeyPurpose::kPiiEnc).id, "pii_enc-1");
    EXPECT_EQ(kp->current(KeyPurpose::kPiiEnc).bytes.size(), 16u);
    EXPECT_EQ(kp->current(KeyPurpose::kPiiMac).id, "pii_mac-1");
    EXPECT_EQ(kp->current(KeyPurpose::kPiiMac).bytes.size(), 32u);
    EXPECT_EQ(kp->current(KeyPurpose::kBlindIndex).bytes.size(), 32u);
    EXPECT_EQ(kp->current(KeyPurpose::kAudit).id, "audit-1");
    EXPECT_EQ(kp->current(KeyPurpose::kAudit).bytes.size(), 32u);
    EXPECT_EQ(kp->current(KeyPurpose::kOrgSm2Wrap).id, "org_sm2_wrap-1");
    EXPECT_EQ(kp->current(KeyPurpose::kOrgSm2Wrap).bytes.size(), 32u);
    EXPECT_NE(kp->current(KeyPurpose::kPiiMac).bytes, kp->current(KeyPurpose::kAudit).bytes);
}

TEST_F(KeysTest, AuditSm2PairSignsAndVerifies) {
    auto kp = open_file_key_provider(path_);
    std::string sig = crypto::sm2_sign(kp->audit_sm2_private_pem(), "checkpoint");
    EXPECT_TRUE(crypto::sm2_verify(kp->audit_sm2_public_pem(), "checkpoint", sig));
}

TEST_F(KeysTest, ReopenLoadsTheSameKeys) {
    std::string enc, sm2_pub;
    {
        auto kp = open_file_key_provider(path_);
        enc = kp->current(KeyPurpose::kPiiEnc).bytes;
        sm2_pub = kp->audit_sm2_public_pem();
    }
    auto again = open_file_key_provider(path_);
    EXPECT_EQ(again->current(KeyPurpose::kPiiEnc).bytes, enc);
    EXPECT_EQ(again->audit_sm2_public_pem(), sm2_pub);
}

TEST_F(KeysTest, RefusesGroupOrOtherReadableFile) {
    { auto kp = open_file_key_provider(path_); }
    ASSERT_EQ(::chmod(path_.c_str(), 0640), 0);
    EXPECT_THROW(open_file_key_provider(path_), std::runtime_error);
    ASSERT_EQ(::chmod(path_.c_str(), 0604), 0);
    EXPECT_THROW(open_file_key_provider(path_), std::runtime_error);
    ASSERT_EQ(::chmod(path_.c_str(), 0600), 0);
    EXPECT_NO_THROW(open_file_key_provider(path_));
}

TEST_F(KeysTest, RefusesMalformedFiles) {
    std::string good;
    {
        auto kp = open_file_key_provider(path_);
        good = contents();
    }
    write("garbage line\n" + good);
    EXPECT_THROW(open_file_key_provider(path_), std::runtime_error);
    write(good + "key pii_enc pii_enc-9 c2hvcnQ=\n");  // "short": wrong length
    EXPECT_THROW(open_file_key_provider(path_), std::runtime_error);
    write(good + "key nonsense x-1 " + crypto::base64(std::string(32, 'a')) + "\n");
    EXPECT_THROW(open_file_key_provider(path_), std::runtime_error);
    write("# empty\n");
    EXPECT_THROW(open_file_key_provider(path_), std::runtime_error);
    write(good);
    EXPECT_NO_THROW(open_file_key_provider(path_));
}

TEST_F(KeysTest, RotateAddsCurrentKeepsOldAndPersists) {
    auto kp = open_file_key_provider(path_);
    Key old = kp->current(KeyPurpose::kPiiEnc);
    Key fresh = kp->rotate(KeyPurpose::kPiiEnc);
    EXPECT_EQ(fresh.id, "pii_enc-2");
    EXPECT_NE(fresh.bytes, old.bytes);
    EXPECT_EQ(kp->current(KeyPurpose::kPiiEnc).id, "pii_enc-2");
    ASSERT_TRUE(kp->find(KeyPurpose::kPiiEnc, "pii_enc-1"));
    EXPECT_EQ(kp->find(KeyPurpose::kPiiEnc, "pii_enc-1")->bytes, old.bytes);
    EXPECT_FALSE(kp->find(KeyPurpose::kPiiEnc, "pii_enc-3"));
    EXPECT_FALSE(kp->find(KeyPurpose::kPiiMac, "pii_enc-1"));
    EXPECT_EQ(mode(), 0600u);
    EXPECT_FALSE(fs::exists(path_ + ".tmp"));

    auto again = open_file_key_provider(path_);
    EXPECT_EQ(again->current(KeyPurpose::kPiiEnc).bytes, fresh.bytes);
    EXPECT_EQ(again->first(KeyPurpose::kPiiEnc).bytes, old.bytes);
}

TEST_F(KeysTest, PiiSealOpenRoundTripWithBothKeyIds) {
    auto kp = open_file_key_provider(path_);
    Pii pii(*kp);
    std::string sealed = pii.seal("130503199001011234", "person.id_no");
    EXPECT_EQ(sealed.rfind("pii_enc-1.pii_mac-1:", 0), 0u) << sealed;
    EXPECT_EQ(sealed.find("1234"), std::string::npos);
    EXPECT_EQ(pii.open(sealed, "person.id_no"), "130503199001011234");
}

TEST_F(KeysTest, PiiOpenRejectsTamperWrongAadAndJunk) {
    auto kp = open_file_key_provider(path_);
    Pii pii(*kp);
    std::string sealed = pii.seal("13812345678", "person.phone");
    EXPECT_EQ(pii.open(sealed, "person.id_no"), std::nullopt);
    std::string t = sealed;
    char& c = t[t.size() - 3];
    c = (c == 'A') ? 'B' : 'A';
    EXPECT_EQ(pii.open(t, "person.phone"), std::nullopt);
    EXPECT_EQ(pii.open("no colon", "person.phone"), std::nullopt);
    EXPECT_EQ(pii.open("nodot:AAAA", "person.phone"), std::nullopt);
    EXPECT_EQ(pii.open("pii_enc-9.pii_mac-1:" + sealed.substr(sealed.find(':') + 1), "person.phone"), std::nullopt);
    EXPECT_EQ(pii.open("pii_enc-1.pii_mac-1:!!!!", "person.phone"), std::nullopt);
}

TEST_F(KeysTest, PiiSealedBeforeRotationStillOpens) {
    auto kp = open_file_key_provider(path_);
    Pii pii(*kp);
    std::string before = pii.seal("张三", "person.name");
    kp->rotate(KeyPurpose::kPiiEnc);
    kp->rotate(KeyPurpose::kPiiMac);
    std::string after = pii.seal("李四", "person.name");
    EXPECT_EQ(after.rfind("pii_enc-2.pii_mac-2:", 0), 0u) << after;
    EXPECT_EQ(pii.open(before, "person.name"), "张三");
    EXPECT_EQ(pii.open(after, "person.name"), "李四");
    // And across a restart.
    auto again = open_file_key_provider(path_);
    Pii pii2(*again);
    EXPECT_EQ(pii2.open(before, "person.name"), "张三");
}

TEST_F(KeysTest, BlindIndexIsHmacSm3OfFirstKeyAndSurvivesRotation) {
    auto kp = open_file_key_provider(path_);
    Pii pii(*kp);
    std::string first_key = kp->current(KeyPurpose::kBlindIndex).bytes;
    std::string idx = pii.blind_index("130503199001011234");
    EXPECT_EQ(idx.size(), 64u);
    EXPECT_EQ(idx, crypto::hex(crypto::hmac_sm3(first_key, "130503199001011234")));
    EXPECT_NE(idx, pii.blind_index("130503199001011235"));
    kp->rotate(KeyPurpose::kBlindIndex);
    EXPECT_EQ(pii.blind_index("130503199001011234"), idx);
}

}  // namespace
}  // namespace lecs
