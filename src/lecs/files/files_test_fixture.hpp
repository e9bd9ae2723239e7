// Shared set-up of the files tests (not compiled into the library): a fresh migrated database
// (SQLite or PostgreSQL) with three organisations, real keys and audit log, a FileService over a
// temporary blob directory with a 4 KiB cap, and callers of each kind.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "lecs/audit/audit.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/files/service.hpp"
#include "support/test_db.hpp"

namespace lecs::files::testing {

inline constexpr int64_t kNow = 1'795'744'800'000;  // 2026-11-27 10:00 Beijing time
inline constexpr int64_t kCap = 4096;

inline constexpr int64_t kScjg = 9003;        // 邢台市市场监督管理局 (city level)
inline constexpr int64_t kXinduSup = 9012;    // 信都区司法局
inline constexpr int64_t kNingjinSup = 9022;  // 宁晋县司法局

// A small but well-formed PDF, and its SM3 as `openssl dgst -sm3` prints it.
inline const std::string kPdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";
inline constexpr const char* kPdfSm3 = "9e49c921f800006c4c160e37bed48ae4dc370bed87c2e3ccca48e96ec1bac5ab";
// A 1×1 RGBA PNG (zlib-compressed IDAT, CRCs correct), and its SM3.
inline const std::string kPng = std::string(
    "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    "\x00\x00\x00\x0dIDAT\x78\x9c\x63\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99\x3d\x1d"
    "\x00\x00\x00\x00IEND\xae\x42\x60\x82",
    70);
inline constexpr const char* kPngSm3 = "6567ab804eda3b9a5e5b5baa60caad3f79bce6daab8446116b4c738d8ecb82b9";
inline const std::string kJpeg =
    std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9", 22);

class FilesFixture : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-files-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, (dir_ / "audit").string());
        svc_ = std::make_unique<FileService>(*audit_, FileServiceOptions{.dir = blob_dir(), .max_bytes = kCap});
        database().write([](db::Tx& tx) {
            auto org = [&](int64_t id, const char* name, const char* kind, const char* level, const char* region) {
                tx.exec(
                    "INSERT INTO organizations (id, name, kind, level, region_code, created_at, updated_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $6)",
                    {id, std::string(name), std::string(kind), std::string(level), std::string(region), kNow});
            };
            org(kScjg, "邢台市市场监督管理局", "agency", "city", "130500");
            org(kXinduSup, "邢台市信都区司法局", "supervision_dept", "county", "130503");
            org(kNingjinSup, "宁晋县司法局", "supervision_dept", "county", "130528");
        });
    }
    void TearDown() override {
        svc_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    std::filesystem::path blob_dir() const { return dir_ / "attachments"; }

    static auth::Caller caller(int64_t user, const char* name, int64_t org, const char* region, const char* role,
                               std::vector<std::string> perms) {
        auth::Caller c;
        c.user_id = user;
        c.username = name;
        c.org_id = org;
        c.org_region = region;
        c.roles = {role};
        std::sort(perms.begin(), perms.end());
        c.permissions = std::move(perms);
        return c;
    }
    // agency.scjg: the liaison of a city-level agency; scope: its own organisation.
    static auth::Caller scjg_liaison(int64_t user = 16) {
        auto c = caller(user, "agency.scjg", kScjg, "130500", "agency_liaison", {"file.read", "file.upload"});
        c.scope.org_ids = {kScjg};
        return c;
    }
    static auth::Caller xindu_supervisor(int64_t user = 21) {
        auto c = caller(user, "xindu.sup1", kXinduSup, "130503", "supervisor", {"file.read", "file.upload"});
        c.scope.region_prefixes = {"130503"};
        return c;
    }
    static auth::Caller ningjin_supervisor() {
        auto c = caller(31, "ningjin.sup1", kNingjinSup, "130528", "supervisor", {"file.read", "file.upload"});
        c.scope.region_prefixes = {"130528"};
        return c;
    }
    // city.sup1: the whole city.
    static auth::Caller city_supervisor() {
        auto c = caller(12, "city.sup1", 9002, "130500", "supervisor", {"file.read", "file.upload"});
        c.scope.whole_city = true;
        return c;
    }

    Result<Attachment> upload(const auth::Caller& who, const std::string& bytes, const std::string& name) {
        return svc_->upload(database(), who, bytes, name, kNow);
    }
    Attachment upload_ok(const auth::Caller& who, const std::string& bytes, const std::string& name) {
        auto r = upload(who, bytes, name);
        if (!r.ok()) ADD_FAILURE() << "upload: " << r.error().code << " " << r.error().message;
        return r.ok() ? r.value() : Attachment{};
    }
    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }
    // Every file under the blob directory (temp files included), relative paths.
    std::vector<std::string> files_on_disk() const {
        std::vector<std::string> out;
        if (!std::filesystem::exists(blob_dir())) return out;
        for (const auto& e : std::filesystem::recursive_directory_iterator(blob_dir()))
            if (e.is_regular_file()) out.push_back(std::filesystem::relative(e.path(), blob_dir()).string());
        std::sort(out.begin(), out.end());
        return out;
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<FileService> svc_;
};

}  // namespace lecs::files::testing
