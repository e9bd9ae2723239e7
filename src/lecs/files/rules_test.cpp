// The pure rules of attachments: sniffing by magic number, the size cap, display names,
// percent-decoding, Content-Disposition and who may bind.
#include "lecs/files/rules.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lecs::files::rules {
namespace {

using namespace std::string_literals;

const std::string kPdfBytes = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n";
// A 1×1 RGBA PNG: signature, then the IHDR chunk (length 13).
const std::string kPngBytes =
    "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"s;
// JFIF: SOI, then the APP0 marker.
const std::string kJpegBytes = "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9"s;

// ---- sniffing ----

TEST(Sniff, PdfByItsHeader) { EXPECT_EQ(sniff_media_type(kPdfBytes), "application/pdf"); }
TEST(Sniff, PngBySignatureAndIhdr) { EXPECT_EQ(sniff_media_type(kPngBytes), "image/png"); }
TEST(Sniff, JpegBySoiAndAMarker) { EXPECT_EQ(sniff_media_type(kJpegBytes), "image/jpeg"); }
TEST(Sniff, ExifJpegToo) { EXPECT_EQ(sniff_media_type("\xFF\xD8\xFF\xE1\x00\x16"s + "Exif\x00\x00"), "image/jpeg"); }
TEST(Sniff, MinimalPdfHeaderIsFiveBytes) {
    EXPECT_EQ(sniff_media_type("%PDF-"), "application/pdf");
    EXPECT_EQ(sniff_media_type("%PDF"), std::nullopt);
    EXPECT_EQ(sniff_media_type("%pdf-1.4"), std::nullopt);
}
TEST(Sniff, AHeaderNotAtTheStartIsNotAPdf) {
    EXPECT_EQ(sniff_media_type(" %PDF-1.4"), std::nullopt);
    EXPECT_EQ(sniff_media_type("\xEF\xBB\xBF%PDF-1.4"s), std::nullopt);  // a BOM first
    EXPECT_EQ(sniff_media_type("<html>%PDF-1.4"), std::nullopt);
}
TEST(Sniff, PngSignatureWithoutIhdrIsRefused) {
    EXPECT_EQ(sniff_media_type(kPngBytes.substr(0, 8)), std::nullopt);
    EXPECT_EQ(sniff_media_type(kPngBytes.substr(0, 15)), std::nullopt);  // "IHD"
    EXPECT_EQ(sniff_media_type(kPngBytes.substr(0, 16)), "image/png");
    std::string other_chunk = kPngBytes;
    other_chunk.replace(12, 4, "IDAT");
    EXPECT_EQ(sniff_media_type(other_chunk), std::nullopt);
    std::string damaged_signature = kPngBytes;
    damaged_signature[4] = '\n';  // the CR an FTP text transfer eats
    EXPECT_EQ(sniff_media_type(damaged_signature), std::nullopt);
}
TEST(Sniff, JpegNeedsThreeBytes) {
    EXPECT_EQ(sniff_media_type("\xFF\xD8"s), std::nullopt);
    EXPECT_EQ(sniff_media_type("\xFF\xD8\xFF"s), "image/jpeg");
    EXPECT_EQ(sniff_media_type("\xFF\xD9\xFF\xE0"s), std::nullopt);
}
TEST(Sniff, OtherKindsAreRefused) {
    for (const std::string& bytes : {
             "GIF89a\x01\x00\x01\x00"s,                       // GIF
             "PK\x03\x04\x14\x00"s,                           // ZIP: OFD, DOCX, XLSX
             "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s,             // OLE: DOC, XLS
             "BM\x36\x00\x00\x00"s,                           // BMP
             "II*\x00\x08\x00\x00\x00"s,                      // TIFF
             "RIFF\x24\x00\x00\x00WEBPVP8 "s,                 // WebP
             "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"s,  // SVG: script inside an "image"
             "<!DOCTYPE html><html></html>"s,
             "\x7F"s + "ELF\x02\x01\x01",
             "MZ\x90\x00"s,
             "关于争议事项的公函"s,
             ""s,
         })
        EXPECT_EQ(sniff_media_type(bytes), std::nullopt) << bytes;
}

// ---- check_content: empty, cap, kind ----

TEST(CheckContent, AcceptsEachAllowedKindWithItsMediaType) {
    EXPECT_EQ(check_content(kPdfBytes, 1024).value(), "application/pdf");
    EXPECT_EQ(check_content(kPngBytes, 1024).value(), "image/png");
    EXPECT_EQ(check_content(kJpegBytes, 1024).value(), "image/jpeg");
}
TEST(CheckContent, EmptyIsRefused) {
    auto r = check_content("", 1024);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "file.empty");
    EXPECT_EQ(r.error().message, "上传的文件为空");
    EXPECT_EQ(r.error().field, "file");
    EXPECT_EQ(r.error().http_status, 400);
}
TEST(CheckContent, ExactlyAtTheCapIsAccepted) {
    const std::string pdf = "%PDF-" + std::string(1024 - 5, 'x');
    ASSERT_EQ(pdf.size(), 1024u);
    EXPECT_TRUE(check_content(pdf, 1024).ok());
}
TEST(CheckContent, OneByteOverTheCapIs413) {
    const std::string pdf = "%PDF-" + std::string(1024 - 4, 'x');
    ASSERT_EQ(pdf.size(), 1025u);
    auto r = check_content(pdf, 1024);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "file.too_large");
    EXPECT_EQ(r.error().message, "上传的文件不能超过1KB");
    EXPECT_EQ(r.error().http_status, 413);
}
TEST(CheckContent, TheDefaultCapIsTwentyMegabytesInTheMessage) {
    auto r = check_content(std::string(kDefaultMaxAttachmentBytes + 1, '%'), kDefaultMaxAttachmentBytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "上传的文件不能超过20MB");
}
TEST(CheckContent, SizeIsCheckedBeforeKind) {
    EXPECT_EQ(check_content(std::string(2000, 'a'), 1024).error().code, "file.too_large");
}
TEST(CheckContent, TextIsRefusedAsNotAllowed) {
    auto r = check_content("这不是PDF文件，只是改了扩展名。", 1024);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "file.type_not_allowed");
    EXPECT_EQ(r.error().message, "只能上传PDF或图片（PNG、JPEG）文件");
    EXPECT_EQ(r.error().field, "file");
    EXPECT_EQ(r.error().http_status, 400);
}

TEST(SizeText, MegabytesKilobytesOrBytes) {
    EXPECT_EQ(size_text(20 << 20), "20MB");
    EXPECT_EQ(size_text(512 << 10), "512KB");
    EXPECT_EQ(size_text(1536 << 10), "1536KB");
    EXPECT_EQ(size_text(1000), "1000字节");
    EXPECT_EQ(size_text(1), "1字节");
}

// ---- file names ----

std::string name_of(std::string_view raw) {
    auto r = sanitize_file_name(raw);
    return r.ok() ? r.value() : "<" + r.error().code + ">";
}

TEST(FileName, AChineseNameIsKept) {
    EXPECT_EQ(name_of("关于执法争议的公函（2026）.pdf"), "关于执法争议的公函（2026）.pdf");
}
TEST(FileName, OnlyTheLastPathSegmentIsKept) {
    EXPECT_EQ(name_of("C:\\fakepath\\公函.pdf"), "公函.pdf");
    EXPECT_EQ(name_of("../../etc/passwd"), "passwd");
    EXPECT_EQ(name_of("/var/lib/lecs/公函.pdf"), "公函.pdf");
    EXPECT_EQ(name_of("a\\..\\b.png"), "b.png");
}
TEST(FileName, NothingLeftIsRefused) {
    for (const char* raw : {"", "   ", "　", "docs/", "C:\\", ".", "..", "x/..", "\x01\x02", " . "})
        EXPECT_EQ(name_of(raw), "<file.name_required>") << raw;
    auto r = sanitize_file_name("");
    EXPECT_EQ(r.error().message, "请提供文件名");
    EXPECT_EQ(r.error().field, "file_name");
}
TEST(FileName, DotsThatAreNotAPathAreAName) {
    EXPECT_EQ(name_of("..."), "...");
    EXPECT_EQ(name_of(".hidden.pdf"), ".hidden.pdf");
}
TEST(FileName, ControlCharactersAreRemoved) {
    EXPECT_EQ(name_of("a\x01"s + "b\x7f.pdf"), "ab.pdf");
    EXPECT_EQ(name_of("公函\r\n.pdf"), "公函.pdf");
    EXPECT_EQ(name_of("a\tb.pdf"), "ab.pdf");
    EXPECT_EQ(name_of("a\xC2\x85"s + "b.pdf"), "ab.pdf");                // U+0085 NEL (C1)
    EXPECT_EQ(name_of("a\xC2\xA0"s + "b.pdf"), "a\xC2\xA0"s + "b.pdf");  // U+00A0 is printable
}
TEST(FileName, BidirectionalControlsAreRemoved) {
    // "公函<RLO>fdp.exe" would display as "公函exe.pdf".
    EXPECT_EQ(name_of("公函\u202Efdp.exe"), "公函fdp.exe");
    EXPECT_EQ(name_of("a\u200Eb\u200Fc\u202Ad\u202Be\u202Cf\u202Dg\u2066h\u2067i\u2068j\u2069k"), "abcdefghijk");
    EXPECT_EQ(name_of("\uFEFF公函\u2028\u2029.pdf"), "公函.pdf");
}
TEST(FileName, IllFormedUtf8IsDropped) {
    EXPECT_EQ(name_of("\xFF\xFE"s + "abc.pdf"), "abc.pdf");
    // An overlong '/' is no separator; a UTF-16 surrogate, a value above U+10FFFF, a truncated sequence.
    EXPECT_EQ(name_of("a\xC0\xAF"s + "b.pdf"), "ab.pdf");
    EXPECT_EQ(name_of("a\xED\xA0\x80"s + "b.pdf"), "ab.pdf");
    EXPECT_EQ(name_of("a\xF4\x90\x80\x80"s + "b.pdf"), "ab.pdf");
    EXPECT_EQ(name_of("a\xE5\x85"s + "b.pdf"), "ab.pdf");
    EXPECT_EQ(name_of("\xF0\x9F\x98\x80.png"s), "\xF0\x9F\x98\x80.png");  // U+1F600 is fine
}
TEST(FileName, SurroundingSpacesAreTrimmed) {
    EXPECT_EQ(name_of("  公函.pdf  "), "公函.pdf");
    EXPECT_EQ(name_of("　公函 副本.pdf　"), "公函 副本.pdf");  // U+3000 ideographic space
}
TEST(FileName, TwoHundredCharactersAreKept) {
    std::string s;
    for (int i = 0; i < 196; ++i) s += "函";
    s += ".pdf";
    EXPECT_EQ(name_of(s), s);
}
TEST(FileName, ALongNameIsCutToTwoHundredCharactersKeepingItsExtension) {
    std::string s;
    for (int i = 0; i < 250; ++i) s += "函";
    s += ".pdf";
    std::string want;
    for (int i = 0; i < 196; ++i) want += "函";
    want += ".pdf";
    EXPECT_EQ(name_of(s), want);
    EXPECT_EQ(want.size(), 196u * 3 + 4);
}
TEST(FileName, ALongNameWithoutExtensionIsCutOnACodePoint) {
    std::string s(199, 'a');
    for (int i = 0; i < 5; ++i) s += "\xF0\x9F\x98\x80";
    EXPECT_EQ(name_of(s), std::string(199, 'a') + "\xF0\x9F\x98\x80");
}
TEST(FileName, AnOverlongExtensionIsNotKept) {
    const std::string s = std::string(300, 'a') + ".averyverylongextension";
    EXPECT_EQ(name_of(s), std::string(200, 'a'));
}

TEST(PercentDecode, Utf8Names) {
    EXPECT_EQ(percent_decode("%E5%85%AC%E5%87%BD.pdf"), "公函.pdf");
    EXPECT_EQ(percent_decode("%e5%85%ac%e5%87%bd.pdf"), "公函.pdf");
    EXPECT_EQ(percent_decode("plain name.pdf"), "plain name.pdf");
    EXPECT_EQ(percent_decode("a+b.pdf"), "a+b.pdf");  // not form encoding
    EXPECT_EQ(percent_decode(""), "");
}
TEST(PercentDecode, MalformedEscapesAreRefused) {
    for (const char* s : {"%", "%4", "%G0", "%0G", "abc%", "abc%2", "%%41"})
        EXPECT_EQ(percent_decode(s), std::nullopt) << s;
}
TEST(PercentDecode, AnEncodedSlashIsStillCutAway) {
    EXPECT_EQ(name_of(*percent_decode("..%2F..%2Fsecret.pdf")), "secret.pdf");
    EXPECT_EQ(name_of(*percent_decode("a%00b.pdf")), "ab.pdf");
}

TEST(ContentDisposition, Rfc5987ForAChineseName) {
    EXPECT_EQ(content_disposition("公函.pdf"), "inline; filename=\"__.pdf\"; filename*=UTF-8''%E5%85%AC%E5%87%BD.pdf");
    EXPECT_EQ(content_disposition("登记簿.xlsx", Disposition::kAttachment),
              "attachment; filename=\"___.xlsx\"; filename*=UTF-8''%E7%99%BB%E8%AE%B0%E7%B0%BF.xlsx");
}
TEST(ContentDisposition, QuotesBackslashesAndPercentAreNeverRaw) {
    EXPECT_EQ(content_disposition("a\"b\\c%d e;f.pdf"),
              "inline; filename=\"a_b_c_d e;f.pdf\"; filename*=UTF-8''a%22b%5Cc%25d%20e%3Bf.pdf");
}
TEST(ContentDisposition, AttrCharsStayAsTheyAre) {
    EXPECT_EQ(content_disposition("A-z_0.9!#$&+^`|~"),
              "inline; filename=\"A-z_0.9!#$&+^`|~\"; filename*=UTF-8''A-z_0.9!#$&+^`|~");
}

TEST(Sm3Hex, SixtyFourLowerCaseHexDigits) {
    EXPECT_TRUE(is_sm3_hex("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));
    EXPECT_FALSE(is_sm3_hex("66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0"));
    EXPECT_FALSE(is_sm3_hex("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e"));
    EXPECT_FALSE(is_sm3_hex("../../../../etc/passwd/66c7f0f462eeedd9d1f2d46bdc10e4e24167c48"));
    EXPECT_FALSE(is_sm3_hex(""));
}

// ---- binding ----

auth::Caller user(int64_t id) {
    auth::Caller c;
    c.user_id = id;
    return c;
}
Attachment uploaded_by(int64_t user_id) {
    Attachment a;
    a.id = 100;
    a.created_by = user_id;
    return a;
}

TEST(Bind, TheUploaderBindsItsOwnUnboundAttachment) {
    EXPECT_EQ(check_bind(uploaded_by(7), user(7), "dispute", 42).value(), BindAction::kBind);
}
TEST(Bind, AnotherUsersUploadIsRefusedEvenAColleagues) {
    auto r = check_bind(uploaded_by(7), user(8), "dispute", 42);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "file.not_uploader");
    EXPECT_EQ(r.error().message, "只能使用本人上传的附件");
    EXPECT_EQ(r.error().field, "attachment_id");
    EXPECT_EQ(r.error().http_status, 403);
}
TEST(Bind, AnAnonymousCallerNeverBinds) {
    EXPECT_EQ(check_bind(uploaded_by(0), user(0), "dispute", 42).error().code, "file.not_uploader");
}
TEST(Bind, BindingAgainToTheSameObjectIsANoOp) {
    auto a = uploaded_by(7);
    a.owner_kind = "dispute";
    a.owner_id = 42;
    EXPECT_EQ(check_bind(a, user(7), "dispute", 42).value(), BindAction::kAlreadyThere);
}
TEST(Bind, AnAttachmentBoundElsewhereIsNotReused) {
    auto a = uploaded_by(7);
    a.owner_kind = "dispute";
    a.owner_id = 42;
    for (auto [kind, id] : std::vector<std::pair<std::string, int64_t>>{{"dispute", 43}, {"inspection", 42}}) {
        auto r = check_bind(a, user(7), kind, id);
        ASSERT_FALSE(r.ok()) << kind << id;
        EXPECT_EQ(r.error().code, "file.already_bound");
        EXPECT_EQ(r.error().message, "该附件已用于其他事项，请重新上传");
        EXPECT_EQ(r.error().http_status, 409);
    }
    // Not the uploader: that is said first, whatever the attachment is bound to.
    EXPECT_EQ(check_bind(a, user(8), "dispute", 43).error().code, "file.not_uploader");
}
TEST(Bind, ABadOwnerIsAProgrammingError) {
    for (const char* kind : {"", "Dispute", "dispute-1", "x y", "abcdefghijklmnopqrstuvwxyzabcdefg"})
        EXPECT_THROW((void)check_bind(uploaded_by(7), user(7), kind, 42), std::invalid_argument) << kind;
    EXPECT_THROW((void)check_bind(uploaded_by(7), user(7), "dispute", 0), std::invalid_argument);
    EXPECT_THROW((void)check_bind(uploaded_by(7), user(7), "dispute", -1), std::invalid_argument);
    EXPECT_NO_THROW((void)check_bind(uploaded_by(7), user(7), "abcdefghijklmnopqrstuvwxyzabcdef", 1));  // 32
}

}  // namespace
}  // namespace lecs::files::rules
