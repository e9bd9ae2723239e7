// Upload, dedup, read-back verification, scope and binding, on SQLite and PostgreSQL.
#include "lecs/files/service.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "lecs/base/id.hpp"
#include "lecs/files/files_test_fixture.hpp"
#include "lecs/files/store.hpp"

namespace lecs::files {
namespace {

using namespace lecs::files::testing;
namespace fs = std::filesystem;

class FileServiceTest : public FilesFixture {
  protected:
    ino_t inode_of(const fs::path& p) {
        struct stat st {};
        EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
        return st.st_ino;
    }
    std::string read_file(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    void write_file(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }
    int64_t audit_rows(const std::string& action, int64_t id) {
        return count(
            "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND object_kind = 'attachment' AND object_id = $2",
            {action, id_to_string(id)});
    }
    Attachment load(int64_t id) {
        return *database().read([&](db::Tx& tx) { return store::find_attachment(tx, id); });
    }
    Result<Attachment> bind(const auth::Caller& who, int64_t id, const std::string& kind, int64_t owner) {
        return database().write([&](db::Tx& tx) { return svc_->bind(tx, who, id, kind, owner, kNow + 1000); });
    }
};

TEST_P(FileServiceTest, UploadStoresTheBytesUnderTheirSm3AndTheRowOwnedByTheUploadersOrganisation) {
    auto a = upload_ok(scjg_liaison(), kPdf, "关于执法争议的公函.pdf");
    EXPECT_GT(a.id, 0);
    EXPECT_EQ(a.sm3_hex, kPdfSm3);
    EXPECT_EQ(a.size_bytes, static_cast<int64_t>(kPdf.size()));
    EXPECT_EQ(a.media_type, "application/pdf");
    EXPECT_EQ(a.original_name, "关于执法争议的公函.pdf");
    EXPECT_EQ(a.region_code, "130500");
    EXPECT_EQ(a.org_id, kScjg);
    EXPECT_EQ(a.created_by, 16);
    EXPECT_EQ(a.created_at, kNow);
    EXPECT_FALSE(a.bound());

    const fs::path blob = blob_dir() / "9e" / "49" / kPdfSm3;
    EXPECT_EQ(read_file(blob), kPdf);
    EXPECT_EQ(files_on_disk(), (std::vector<std::string>{std::string("9e/49/") + kPdfSm3}));  // no temp file left

    auto row = load(a.id);
    EXPECT_EQ(row.sm3_hex, kPdfSm3);
    EXPECT_EQ(row.original_name, "关于执法争议的公函.pdf");
    EXPECT_EQ(row.org_id, kScjg);
    EXPECT_EQ(row.version, 1);
    EXPECT_FALSE(row.owner_kind.has_value());
    EXPECT_EQ(audit_rows("file.upload", a.id), 1);
}

TEST_P(FileServiceTest, EachAllowedKindIsSniffed) {
    auto png = upload_ok(xindu_supervisor(), kPng, "现场照片.png");
    EXPECT_EQ(png.media_type, "image/png");
    EXPECT_EQ(png.sm3_hex, kPngSm3);
    EXPECT_EQ(upload_ok(xindu_supervisor(), kJpeg, "现场照片.jpg").media_type, "image/jpeg");
}

TEST_P(FileServiceTest, APdfNamedPngIsStoredAsAPdfAndKeepsItsName) {
    auto a = upload_ok(scjg_liaison(), kPdf, "scan.png");
    EXPECT_EQ(a.media_type, "application/pdf");
    EXPECT_EQ(a.original_name, "scan.png");
}

TEST_P(FileServiceTest, SameBytesTwiceMakeTwoRowsAndOneBlob) {
    auto first = upload_ok(scjg_liaison(), kPdf, "公函.pdf");
    const fs::path blob = blob_dir() / "9e" / "49" / kPdfSm3;
    const ino_t inode = inode_of(blob);
    auto second = upload_ok(xindu_supervisor(), kPdf, "公函（副本）.pdf");
    EXPECT_NE(first.id, second.id);
    EXPECT_EQ(first.sm3_hex, second.sm3_hex);
    EXPECT_EQ(second.original_name, "公函（副本）.pdf");
    EXPECT_EQ(second.org_id, kXinduSup);
    EXPECT_EQ(inode_of(blob), inode);  // not rewritten
    EXPECT_EQ(files_on_disk().size(), 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachments WHERE sm3_hex = $1", {std::string(kPdfSm3)}), 2);
}

TEST_P(FileServiceTest, ADamagedBlobIsReplacedByTheNextUploadOfTheSameBytes) {
    auto a = upload_ok(scjg_liaison(), kPdf, "公函.pdf");
    const fs::path blob = blob_dir() / "9e" / "49" / kPdfSm3;
    write_file(blob, kPdf.substr(0, 20));  // a truncated copy
    EXPECT_THROW(svc_->bytes_of(a), CorruptBlob);
    upload_ok(scjg_liaison(), kPdf, "公函.pdf");
    EXPECT_EQ(svc_->bytes_of(a), kPdf);
}

TEST_P(FileServiceTest, ReadingBackVerifiesTheSm3) {
    auto a = upload_ok(scjg_liaison(), kPdf, "公函.pdf");
    EXPECT_EQ(svc_->bytes_of(a), kPdf);
    const fs::path blob = blob_dir() / "9e" / "49" / kPdfSm3;
    std::string altered = kPdf;
    altered[10] ^= 0x01;  // same size, one bit changed
    write_file(blob, altered);
    try {
        (void)svc_->bytes_of(a);
        ADD_FAILURE() << "an altered blob was read";
    } catch (const CorruptBlob& e) {
        EXPECT_NE(std::string(e.what()).find("is corrupt"), std::string::npos) << e.what();
    }
    fs::remove(blob);
    try {
        (void)svc_->bytes_of(a);
        ADD_FAILURE() << "a missing blob was read";
    } catch (const CorruptBlob& e) {
        EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
    }
}

TEST_P(FileServiceTest, ARowWhoseSizeDisagreesWithItsBlobIsCorrupt) {
    auto a = upload_ok(scjg_liaison(), kPdf, "公函.pdf");
    a.size_bytes += 1;
    EXPECT_THROW(svc_->bytes_of(a), CorruptBlob);
}

TEST_P(FileServiceTest, ABadBlobNameNeverBecomesAPath) {
    Attachment a;
    a.sm3_hex = "../../../etc/passwd";
    EXPECT_THROW(svc_->bytes_of(a), std::invalid_argument);
}

TEST_P(FileServiceTest, RefusedUploadsWriteNothing) {
    struct Case {
        std::string bytes, name, code;
        int status;
    };
    const std::vector<Case> cases = {
        {"这是一个文本文件，扩展名却是PDF。", "公函.pdf", "file.type_not_allowed", 400},
        {"", "公函.pdf", "file.empty", 400},
        {"%PDF-" + std::string(kCap - 4, 'x'), "big.pdf", "file.too_large", 413},
        {kPdf, "", "file.name_required", 400},
        {kPdf, "../..", "file.name_required", 400},
    };
    for (const auto& c : cases) {
        auto r = upload(scjg_liaison(), c.bytes, c.name);
        ASSERT_FALSE(r.ok()) << c.code;
        EXPECT_EQ(r.error().code, c.code);
        EXPECT_EQ(r.error().http_status, c.status) << c.code;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachments"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'file.upload'"), 0);
    EXPECT_EQ(files_on_disk(), std::vector<std::string>{});
}

TEST_P(FileServiceTest, ExactlyAtTheCapIsStored) {
    const std::string pdf = "%PDF-" + std::string(kCap - 5, 'x');
    auto a = upload_ok(scjg_liaison(), pdf, "big.pdf");
    EXPECT_EQ(a.size_bytes, kCap);
    EXPECT_EQ(svc_->bytes_of(a), pdf);
}

TEST_P(FileServiceTest, UploadNeedsThePermissionAndAnOrganisation) {
    auto no_perm = scjg_liaison();
    no_perm.permissions = {"file.read"};
    auto r = upload(no_perm, kPdf, "公函.pdf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 403);
    auto no_org = scjg_liaison();
    no_org.org_id = 0;
    no_org.org_region.clear();
    EXPECT_EQ(upload(no_org, kPdf, "公函.pdf").error().http_status, 403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachments"), 0);
    EXPECT_EQ(files_on_disk(), std::vector<std::string>{});
}

TEST_P(FileServiceTest, GetNeedsFileReadAndTheScope) {
    auto a = upload_ok(xindu_supervisor(), kPdf, "公函.pdf");
    auto get = [&](const auth::Caller& who) {
        return database().read([&](db::Tx& tx) { return svc_->get(tx, who, a.id); });
    };
    EXPECT_EQ(get(xindu_supervisor(22)).value().id, a.id);  // a colleague in the county
    EXPECT_EQ(get(city_supervisor()).value().original_name, "公函.pdf");
    EXPECT_EQ(get(ningjin_supervisor()).error().http_status, 404);
    EXPECT_EQ(get(scjg_liaison()).error().http_status, 404);
    auto no_read = city_supervisor();
    no_read.permissions = {"file.upload"};
    EXPECT_EQ(get(no_read).error().http_status, 403);
    EXPECT_EQ(database().read([&](db::Tx& tx) { return svc_->get(tx, city_supervisor(), a.id + 1); }).error().code,
              "not_found");
}

TEST_P(FileServiceTest, OwnerOfAnAttachmentIsTheUploadersOrganisation) {
    auto a = upload_ok(xindu_supervisor(), kPng, "照片.png");
    auto owner = database().read([&](db::Tx& tx) { return owner_of(tx, "attachment", a.id); });
    ASSERT_TRUE(owner.has_value());
    EXPECT_EQ(owner->region_code, "130503");
    EXPECT_EQ(owner->org_id, kXinduSup);
    EXPECT_FALSE(database().read([&](db::Tx& tx) { return owner_of(tx, "attachment", a.id + 1); }).has_value());
    EXPECT_FALSE(database().read([&](db::Tx& tx) { return owner_of(tx, "document", a.id); }).has_value());
}

TEST_P(FileServiceTest, TheUploaderBindsOnceAndTheBindIsAudited) {
    auto a = upload_ok(scjg_liaison(), kPdf, "公函.pdf");
    auto bound = bind(scjg_liaison(), a.id, "dispute", 777);
    ASSERT_TRUE(bound.ok()) << bound.error().code;
    EXPECT_EQ(bound->owner_kind, "dispute");
    EXPECT_EQ(bound->owner_id, 777);
    EXPECT_EQ(bound->version, 2);
    auto row = load(a.id);
    EXPECT_EQ(row.owner_kind, "dispute");
    EXPECT_EQ(row.owner_id, 777);
    EXPECT_EQ(row.version, 2);
    EXPECT_EQ(row.updated_at, kNow + 1000);
    EXPECT_EQ(audit_rows("file.bind", a.id), 1);

    // Again to the same dispute (a draft saved twice): nothing changes, nothing more is audited.
    auto again = bind(scjg_liaison(), a.id, "dispute", 777);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(load(a.id).version, 2);
    EXPECT_EQ(audit_rows("file.bind", a.id), 1);

    // To another dispute: refused, unchanged.
    auto other = bind(scjg_liaison(), a.id, "dispute", 778);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, "file.already_bound");
    EXPECT_EQ(other.error().http_status, 409);
    EXPECT_EQ(load(a.id).owner_id, 777);
    EXPECT_EQ(load(a.id).version, 2);
}

TEST_P(FileServiceTest, OnlyTheUploaderBindsAndOnlyInsideItsScope) {
    auto a = upload_ok(xindu_supervisor(21), kPdf, "公函.pdf");
    auto colleague = bind(xindu_supervisor(22), a.id, "inspection", 5);
    ASSERT_FALSE(colleague.ok());
    EXPECT_EQ(colleague.error().code, "file.not_uploader");
    EXPECT_EQ(colleague.error().http_status, 403);
    auto foreign = bind(ningjin_supervisor(), a.id, "inspection", 5);
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().http_status, 404);
    EXPECT_EQ(foreign.error().field, "attachment_id");
    EXPECT_EQ(bind(xindu_supervisor(21), a.id + 1, "inspection", 5).error().http_status, 404);
    // The same user id out of the attachment's scope (e.g. moved to another organisation): 404.
    auto moved = ningjin_supervisor();
    moved.user_id = 21;
    EXPECT_EQ(bind(moved, a.id, "inspection", 5).error().http_status, 404);
    EXPECT_FALSE(load(a.id).bound());
    EXPECT_EQ(load(a.id).version, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'file.bind'"), 0);
}

TEST_P(FileServiceTest, ABindOfAStaleVersionChangesNoRow) {
    auto a = upload_ok(scjg_liaison(), kPdf, "公函.pdf");
    database().write([&](db::Tx& tx) {
        EXPECT_EQ(store::bind(tx, a.id, "dispute", 1, 1, kNow), 1);
        // A second binder that read version 1 before the first committed.
        EXPECT_EQ(store::bind(tx, a.id, "dispute", 2, 1, kNow), 0);
        EXPECT_EQ(store::bind(tx, a.id, "dispute", 2, 2, kNow), 0);  // bound: never rebound
    });
    EXPECT_EQ(load(a.id).owner_id, 1);
}

TEST_P(FileServiceTest, BoundToListsAnObjectsAttachmentsOldestFirst) {
    auto who = xindu_supervisor();
    auto first = upload_ok(who, kPdf, "笔录.pdf");
    auto second = upload_ok(who, kPng, "照片.png");
    auto elsewhere = upload_ok(who, kJpeg, "照片2.jpg");
    auto unbound = upload_ok(who, kJpeg, "照片3.jpg");
    ASSERT_TRUE(bind(who, second.id, "inspection", 9).ok());
    ASSERT_TRUE(bind(who, first.id, "inspection", 9).ok());
    ASSERT_TRUE(bind(who, elsewhere.id, "inspection", 10).ok());
    auto list = database().read([&](db::Tx& tx) { return svc_->bound_to(tx, "inspection", 9); });
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, first.id);
    EXPECT_EQ(list[1].id, second.id);
    EXPECT_EQ(list[1].original_name, "照片.png");
    EXPECT_TRUE(database().read([&](db::Tx& tx) { return svc_->bound_to(tx, "dispute", 9); }).empty());
    EXPECT_FALSE(load(unbound.id).bound());
}

INSTANTIATE_TEST_SUITE_P(Db, FileServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::files
