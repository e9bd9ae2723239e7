#include "lecs/base/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "lecs/base/crypto.hpp"

namespace lecs {
namespace {

constexpr std::array<KeyPurpose, 5> kAllPurposes = {KeyPurpose::kPiiEnc, KeyPurpose::kPiiMac, KeyPurpose::kBlindIndex,
                                                    KeyPurpose::kAudit, KeyPurpose::kOrgSm2Wrap};

std::string_view purpose_name(KeyPurpose p) {
    switch (p) {
        case KeyPurpose::kPiiEnc:
            return "pii_enc";
        case KeyPurpose::kPiiMac:
            return "pii_mac";
        case KeyPurpose::kBlindIndex:
            return "blind_index";
        case KeyPurpose::kAudit:
            return "audit";
        case KeyPurpose::kOrgSm2Wrap:
            return "org_sm2_wrap";
    }
    throw std::logic_error("keys: unknown purpose");
}

std::optional<KeyPurpose> purpose_from_name(std::string_view s) {
    for (KeyPurpose p : kAllPurposes)
        if (purpose_name(p) == s) return p;
    return std::nullopt;
}

// SM4 keys are 16 bytes; MAC, index, audit and wrapping keys 32.
size_t key_size(KeyPurpose p) { return p == KeyPurpose::kPiiEnc ? 16 : 32; }

[[noreturn]] void sys_fail(const std::string& what, const std::string& path) {
    throw std::runtime_error("keys: " + what + " " + path + ": " + std::strerror(errno));
}

void write_all(int fd, const std::string& data, const std::string& path) {
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            sys_fail("write", path);
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) sys_fail("fsync", path);
}

class FileKeyProvider final : public KeyProvider {
  public:
    explicit FileKeyProvider(std::string path) : path_(std::move(path)) {
        int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            // First use: fresh keys for every purpose and the audit SM2 pair.
            for (KeyPurpose p : kAllPurposes) add_key(p);
            auto pair = crypto::sm2_generate();
            sm2_private_ = std::move(pair.private_pem);
            sm2_public_ = std::move(pair.public_pem);
            std::string text = serialize();
            try {
                write_all(fd, text, path_);
            } catch (...) {
                ::close(fd);
                ::unlink(path_.c_str());
                throw;
            }
            ::close(fd);
            return;
        }
        if (errno != EEXIST) sys_fail("cannot create key file", path_);
        load();
    }

    Key current(KeyPurpose p) override {
        std::lock_guard lock(mu_);
        return keys_.at(p).back();
    }

    Key first(KeyPurpose p) override {
        std::lock_guard lock(mu_);
        return keys_.at(p).front();
    }

    std::optional<Key> find(KeyPurpose p, const std::string& id) override {
        std::lock_guard lock(mu_);
        for (const Key& k : keys_.at(p))
            if (k.id == id) return k;
        return std::nullopt;
    }

    Key rotate(KeyPurpose p) override {
        std::lock_guard lock(mu_);
        auto saved = keys_;
        Key k = add_key(p);
        try {
            save();
        } catch (...) {
            keys_ = std::move(saved);  // memory stays consistent with the file
            throw;
        }
        return k;
    }

    std::string audit_sm2_private_pem() override {
        std::lock_guard lock(mu_);
        return sm2_private_;
    }
    std::string audit_sm2_public_pem() override {
        std::lock_guard lock(mu_);
        return sm2_public_;
    }

  private:
    Key add_key(KeyPurpose p) {
        auto& list = keys_[p];
        Key k{std::string(purpose_name(p)) + "-" + std::to_string(list.size() + 1), crypto::random_bytes(key_size(p))};
        list.push_back(k);
        return k;
    }

    std::string serialize() const {
        std::ostringstream out;
        out << "# LECS key file: keep mode 0600, back it up, never edit by hand.\n";
        for (KeyPurpose p : kAllPurposes)
            for (const Key& k : keys_.at(p))
                out << "key " << purpose_name(p) << ' ' << k.id << ' ' << crypto::base64(k.bytes) << '\n';
        out << "sm2_private " << crypto::base64(sm2_private_) << '\n';
        out << "sm2_public " << crypto::base64(sm2_public_) << '\n';
        return out.str();
    }

    void load() {
        int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) sys_fail("cannot open key file", path_);
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            ::close(fd);
            sys_fail("stat", path_);
        }
        ::close(fd);
        // Secrets readable by group/other are as good as leaked: refuse to run on them.
        if ((st.st_mode & 077) != 0)
            throw std::runtime_error("keys: key file " + path_ + " must not be accessible by group/other (chmod 600)");
        std::ifstream in(path_);
        if (!in) sys_fail("cannot read key file", path_);
        std::string line;
        int lineno = 0;
        auto bad = [&](const std::string& why) {
            throw std::runtime_error("keys: " + path_ + ":" + std::to_string(lineno) + ": " + why);
        };
        while (std::getline(in, line)) {
            ++lineno;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line[0] == '#') continue;
            std::istringstream fields(line);
            std::string kind, a, b, c, extra;
            fields >> kind >> a;
            try {
                if (kind == "key") {
                    fields >> b >> c;
                    if (c.empty() || (fields >> extra)) bad("expected: key <purpose> <id> <base64>");
                    auto p = purpose_from_name(a);
                    if (!p) bad("unknown key purpose " + a);
                    std::string bytes = crypto::unbase64(c);
                    if (bytes.size() != key_size(*p)) bad("key " + b + " has the wrong length");
                    for (const Key& k : keys_[*p])
                        if (k.id == b) bad("duplicate key id " + b);
                    keys_[*p].push_back(Key{b, std::move(bytes)});
                } else if (kind == "sm2_private" && !a.empty() && !(fields >> extra)) {
                    sm2_private_ = crypto::unbase64(a);
                } else if (kind == "sm2_public" && !a.empty() && !(fields >> extra)) {
                    sm2_public_ = crypto::unbase64(a);
                } else {
                    bad("unrecognised line");
                }
            } catch (const std::invalid_argument&) {
                bad("bad base64");
            }
        }
        for (KeyPurpose p : kAllPurposes)
            if (keys_[p].empty()) bad("no key for purpose " + std::string(purpose_name(p)));
        if (sm2_private_.empty() || sm2_public_.empty()) bad("missing the audit SM2 key pair");
    }

    void save() {
        std::string tmp = path_ + ".tmp";
        ::unlink(tmp.c_str());  // a leftover from a crash: O_EXCL below must succeed
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) sys_fail("cannot create", tmp);
        try {
            write_all(fd, serialize(), tmp);
        } catch (...) {
            ::close(fd);
            ::unlink(tmp.c_str());
            throw;
        }
        ::close(fd);
        if (::rename(tmp.c_str(), path_.c_str()) != 0) {
            int saved = errno;
            ::unlink(tmp.c_str());
            errno = saved;
            sys_fail("cannot replace", path_);
        }
    }

    std::string path_;
    std::mutex mu_;
    std::map<KeyPurpose, std::vector<Key>> keys_;
    std::string sm2_private_;
    std::string sm2_public_;
};

}  // namespace

std::unique_ptr<KeyProvider> open_file_key_provider(const std::string& path) {
    return std::make_unique<FileKeyProvider>(path);
}

std::string Pii::seal(std::string_view plaintext, std::string_view aad) {
    Key enc = keys_.current(KeyPurpose::kPiiEnc);
    Key mac = keys_.current(KeyPurpose::kPiiMac);
    return enc.id + "." + mac.id + ":" + crypto::base64(crypto::sm4_seal(enc.bytes, mac.bytes, plaintext, aad));
}

std::optional<std::string> Pii::open(std::string_view sealed, std::string_view aad) {
    size_t colon = sealed.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view ids = sealed.substr(0, colon);
    size_t dot = ids.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    auto enc = keys_.find(KeyPurpose::kPiiEnc, std::string(ids.substr(0, dot)));
    auto mac = keys_.find(KeyPurpose::kPiiMac, std::string(ids.substr(dot + 1)));
    if (!enc || !mac) return std::nullopt;
    std::string raw;
    try {
        raw = crypto::unbase64(sealed.substr(colon + 1));
    } catch (const std::invalid_argument&) {
        return std::nullopt;  // a damaged value is a tampered value
    }
    std::string out;
    if (!crypto::sm4_open(enc->bytes, mac->bytes, raw, out, aad)) return std::nullopt;
    return out;
}

std::string Pii::blind_index(std::string_view normalized) {
    return crypto::hex(crypto::hmac_sm3(keys_.first(KeyPurpose::kBlindIndex).bytes, normalized));
}

}  // namespace lecs
