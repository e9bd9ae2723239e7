#include "lecs/files/blobs.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>
#include <utility>

#include "lecs/base/crypto.hpp"
#include "lecs/files/rules.hpp"

namespace lecs::files {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const char* what, const fs::path& p) {
    throw std::system_error(errno, std::generic_category(), std::string("attachments: ") + what + " " + p.string());
}

class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

  private:
    int fd_;
};

// Makes a rename or a new entry in `dir` durable.
void fsync_dir(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) fail("open directory", dir);
    if (::fsync(fd.get()) != 0) fail("fsync directory", dir);
}

// Creates `dir` (one level) unless it exists; a new directory is made durable in its parent.
void ensure_dir(const fs::path& dir) {
    if (::mkdir(dir.c_str(), 0750) == 0) {
        fsync_dir(dir.parent_path());
        return;
    }
    if (errno != EEXIST) fail("mkdir", dir);
}

void write_all(int fd, std::string_view bytes, const fs::path& p) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write", p);
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

}  // namespace

fs::path BlobStore::path_of(std::string_view hex) const {
    // The name comes from a database row; checking it keeps any other value from naming a path.
    if (!rules::is_sm3_hex(hex)) throw std::invalid_argument("attachments: not an SM3 hex name: " + std::string(hex));
    return dir_ / std::string(hex.substr(0, 2)) / std::string(hex.substr(2, 2)) / std::string(hex);
}

std::string BlobStore::put(std::string_view bytes) const {
    const std::string hex = crypto::hex(crypto::sm3(bytes));
    const fs::path target = path_of(hex);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) == bytes.size()) return hex;  // dedup
        spdlog::warn("attachments: blob {} has {} bytes, not {}; rewriting it", target.string(), st.st_size,
                     bytes.size());
    }
    fs::create_directories(dir_);
    ensure_dir(target.parent_path().parent_path());
    ensure_dir(target.parent_path());

    const fs::path temp = target.parent_path() / ("." + hex + ".tmp-" + crypto::hex(crypto::random_bytes(8)));
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640));
    if (fd.get() < 0) fail("create", temp);
    try {
        write_all(fd.get(), bytes, temp);
        if (::fsync(fd.get()) != 0) fail("fsync", temp);
        if (::close(fd.release()) != 0) fail("close", temp);
        if (::rename(temp.c_str(), target.c_str()) != 0) fail("rename onto", target);
    } catch (...) {
        ::unlink(temp.c_str());
        throw;
    }
    fsync_dir(target.parent_path());
    return hex;
}

std::string BlobStore::get(std::string_view hex) const {
    const fs::path p = path_of(hex);
    Fd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) throw CorruptBlob("attachments: blob missing: " + p.string());
        fail("open", p);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) fail("stat", p);
    std::string data;
    data.reserve(static_cast<size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("read", p);
        }
        if (n == 0) break;
        data.append(buf, static_cast<size_t>(n));
    }
    const std::string actual = crypto::hex(crypto::sm3(data));
    if (actual != hex)
        throw CorruptBlob("attachments: blob " + p.string() + " is corrupt: " + std::to_string(data.size()) +
                          " bytes with SM3 " + actual);
    return data;
}

}  // namespace lecs::files
