// The content-addressed blob directory (ARCHITECTURE §Scale-out: it can sit on shared storage,
// so every node of a cluster sees every file).
//
// Contract:
// - A blob is named by the SM3 of its bytes: <dir>/<hex[0:2]>/<hex[2:4]>/<hex> (two levels of
//   256 keep every directory small).
// - put(): writes atomically: a temp file in the blob's own directory (O_EXCL, a random name),
//   write, fsync, rename onto the final name, fsync the directory. Readers therefore see the
//   whole blob or none. When a blob of that name and size already exists it is not rewritten
//   (the same bytes uploaded twice share one file); one of another size is damaged and is
//   replaced. Two nodes writing the same blob at once both rename identical bytes: harmless.
//   I/O failures throw std::system_error (errno and path in the message).
// - get(): reads the blob and checks its SM3 against its name; a missing or altered blob
//   throws CorruptBlob. Nothing hands out unverified bytes.
// - The directory is created on the first put(), not before: `lecs routes` touches no disk.
// - Blobs are never deleted here. A put() whose database row then fails to commit leaves an
//   unreferenced blob, which the next upload of the same bytes reuses.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lecs::files {

class CorruptBlob : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class BlobStore {
  public:
    explicit BlobStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

    // Stores bytes; returns their SM3 in lower-case hex.
    std::string put(std::string_view bytes) const;
    // The bytes of a blob, verified; throws CorruptBlob when missing or altered,
    // std::invalid_argument when sm3_hex is not 64 lower-case hex digits.
    std::string get(std::string_view sm3_hex) const;

    std::filesystem::path path_of(std::string_view sm3_hex) const;
    const std::filesystem::path& dir() const { return dir_; }

  private:
    std::filesystem::path dir_;
};

}  // namespace lecs::files
