// Issuing official documents on SQLite and PostgreSQL: 文号, PDF, SM2 signature
// (checked with the openssl command line), public verification, immutability,
// permissions, deliveries.
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "lecs/base/crypto.hpp"
#include "lecs/docs/issue_test_fixture.hpp"
#include "lecs/docs/numbering.hpp"

namespace lecs::docs {
namespace {

using namespace lecs::docs::testing;

class IssueTest : public IssueFixture {};

TEST_P(IssueTest, IssueNumbersPerOrgTypeAndYear) {
    int64_t a = draft(city_supervisor(), notice_input());
    int64_t b = draft(city_supervisor(), notice_input());
    auto sug = notice_input();
    sug.doc_type = "supervision_suggestion";
    sug.fields = {{"target_org", "邢台市市场监督管理局"}};
    int64_t c = draft(city_supervisor(), sug);
    int64_t d = draft(city_supervisor(), notice_input());

    auto da = issue_ok(city_leader(), a);
    EXPECT_EQ(da.status, "issued");
    EXPECT_EQ(*da.number_text, "邢执监通〔2026〕1号");
    EXPECT_EQ(*da.issue_date, (Date{2026, 11, 27}));
    EXPECT_EQ(da.verify_token->size(), 22u);  // base64url of 16 bytes, no padding
    EXPECT_EQ(*issue_ok(city_leader(), b).number_text, "邢执监通〔2026〕2号");
    EXPECT_EQ(*issue_ok(city_leader(), c).number_text, "邢执监建〔2026〕1号");
    EXPECT_EQ(*issue_ok(city_leader(), d, kJan4).number_text, "邢执监通〔2027〕1号");

    auto nums =
        database().read([&](db::Tx& tx) { return svc_->numbers(tx, kCityJustice, "supervision_notice", 2026); });
    ASSERT_EQ(nums.size(), 2u);
    EXPECT_EQ(nums[0].no, 1);
    EXPECT_EQ(nums[0].status, "issued");
    EXPECT_EQ(nums[0].document_id, a);
    EXPECT_EQ(nums[1].no, 2);
    EXPECT_EQ(nums[1].status, "issued");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'doc.issue'"), 4);
}

TEST_P(IssueTest, ConfiguredPrefixIsUsed) {
    auto set = database().write([&](db::Tx& tx) {
        return svc_->set_prefix(tx, city_leader(), kCityJustice, "supervision_notice", "邢司监通", kNov27);
    });
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto refused = database().write([&](db::Tx& tx) {
        return svc_->set_prefix(tx, city_leader(), kCityGov, "supervision_decision", "冀邢政", kNov27);
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().http_status, 403);
    EXPECT_EQ(*issue_ok(city_leader(), draft(city_supervisor(), notice_input())).number_text, "邢司监通〔2026〕1号");
}

TEST_P(IssueTest, PdfShowsNumberTitleRecipientsBodyAndChineseDateOnA4) {
    auto doc = issue_ok(city_leader(), draft(city_supervisor(), notice_input()));
    auto pdf = write_file("notice.pdf", stored_pdf(doc.id));
    auto text = run_cmd("pdftotext -layout " + pdf.string() + " -");
    ASSERT_EQ(text.status, 0) << text.out;
    // pdftotext may break a long line; compare without white space.
    std::string flat;
    for (char ch : text.out)
        if (ch != ' ' && ch != '\n' && ch != '\f') flat += ch;
    EXPECT_NE(flat.find("邢执监通〔2026〕1号"), std::string::npos) << text.out;
    EXPECT_NE(flat.find("关于纠正行政处罚案卷不规范问题的通知"), std::string::npos) << text.out;
    EXPECT_NE(flat.find("邢台市市场监督管理局："), std::string::npos) << text.out;
    EXPECT_NE(flat.find("经查，你局2026年办理的部分行政处罚案卷存在送达程序不规范的问题。"), std::string::npos);
    EXPECT_NE(flat.find("2026年11月27日"), std::string::npos) << text.out;
    EXPECT_NE(flat.find("邢台市司法局文件"), std::string::npos);
    auto info = run_cmd("pdfinfo " + pdf.string());
    ASSERT_EQ(info.status, 0);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info.out, m, std::regex(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)"))) << info.out;
    EXPECT_NEAR(std::stod(m[1]), 595.28, 0.5);  // 210 mm
    EXPECT_NEAR(std::stod(m[2]), 841.89, 0.5);  // 297 mm
}

TEST_P(IssueTest, SignatureVerifiesWithOpensslAndFailsAfterOneChangedByte) {
    auto doc = issue_ok(city_leader(), draft(city_supervisor(), notice_input()));
    const std::string pdf_bytes = stored_pdf(doc.id);
    EXPECT_EQ(*doc.sm3_hex, crypto::hex(crypto::sm3(pdf_bytes)));
    auto pem = database().read([&](db::Tx& tx) { return svc_->public_key_pem(tx, kCityJustice); });
    ASSERT_TRUE(pem.has_value());
    EXPECT_EQ(pem->rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
    auto pub = write_file("pub.pem", *pem);
    auto sig = write_file("sig.der", crypto::unbase64(*doc.signature_b64));
    auto pdf = write_file("doc.pdf", pdf_bytes);
    const std::string cmd = "openssl pkeyutl -verify -pubin -inkey " + pub.string() + " -rawin -in ";
    const std::string tail = " -sigfile " + sig.string() + " -digest sm3 -pkeyopt distid:1234567812345678";
    auto good = run_cmd(cmd + pdf.string() + tail);
    EXPECT_EQ(good.status, 0) << good.out;
    EXPECT_NE(good.out.find("Signature Verified Successfully"), std::string::npos) << good.out;

    std::string changed = pdf_bytes;
    changed[changed.size() / 2] ^= 0x01;
    auto bad_pdf = write_file("changed.pdf", changed);
    auto bad = run_cmd(cmd + bad_pdf.string() + tail);
    EXPECT_NE(bad.status, 0) << bad.out;
    EXPECT_NE(bad.out.find("Signature Verification Failure"), std::string::npos) << bad.out;

    // The private key at rest is sealed, not a PEM.
    auto sealed = database().read([&](db::Tx& tx) {
        return tx.query_one("SELECT private_sealed FROM org_sign_keys WHERE org_id = $1", {kCityJustice})->str(0);
    });
    EXPECT_EQ(sealed.find("PRIVATE KEY"), std::string::npos);
    EXPECT_EQ(crypto::unbase64(sealed).find("PRIVATE KEY"), std::string::npos);
}

TEST_P(IssueTest, PublicVerificationByTokenAndUpload) {
    auto doc = issue_ok(city_leader(), draft(city_supervisor(), notice_input()));
    const std::string pdf = stored_pdf(doc.id);
    auto v = database().read([&](db::Tx& tx) { return svc_->verify_by_token(tx, *doc.verify_token); });
    EXPECT_TRUE(v.found);
    EXPECT_TRUE(v.authentic);
    EXPECT_FALSE(v.internal);
    EXPECT_EQ(v.issuer, "邢台市司法局");
    EXPECT_EQ(v.number_text, "邢执监通〔2026〕1号");
    EXPECT_EQ(v.type_name, "行政执法监督通知书");
    EXPECT_EQ(*v.issue_date, (Date{2026, 11, 27}));

    auto same = database().read([&](db::Tx& tx) { return svc_->verify_upload(tx, *doc.verify_token, pdf); });
    EXPECT_TRUE(same.authentic);
    std::string changed = pdf;
    changed[100] ^= 0x20;
    auto diff = database().read([&](db::Tx& tx) { return svc_->verify_upload(tx, *doc.verify_token, changed); });
    EXPECT_TRUE(diff.found);
    EXPECT_FALSE(diff.authentic);
    auto none = database().read([&](db::Tx& tx) { return svc_->verify_by_token(tx, "AAAAAAAAAAAAAAAAAAAAAA"); });
    EXPECT_FALSE(none.found);
    EXPECT_FALSE(none.authentic);
    // By id it is not reachable: the id is not a token.
    auto by_id = database().read([&](db::Tx& tx) { return svc_->verify_by_token(tx, std::to_string(doc.id)); });
    EXPECT_FALSE(by_id.found);

    // A stored PDF changed in the database (one byte) no longer verifies.
    database().write([&](db::Tx& tx) {
        tx.exec("UPDATE documents SET pdf = $1 WHERE id = $2", {db::Blob{changed}, doc.id});
    });
    auto tampered = database().read([&](db::Tx& tx) { return svc_->verify_by_token(tx, *doc.verify_token); });
    EXPECT_TRUE(tampered.found);
    EXPECT_FALSE(tampered.authentic);
}

TEST_P(IssueTest, InternalTypeShowsOnlyAuthenticity) {
    DocumentInput in;
    in.doc_type = "report_to_government";
    in.title = "关于提请市政府对市场监管局作出行政执法监督决定的请示";
    in.recipients = {Recipient{"邢台市人民政府", kCityGov}};
    in.body = {"市场监管局逾期未整改，建议作出监督决定。"};
    in.fields = {{"matter", "逾期未整改"}};
    auto doc = issue_ok(city_leader(), draft(city_supervisor(), in));
    EXPECT_EQ(*doc.number_text, "邢执监呈〔2026〕1号");
    EXPECT_TRUE(doc.internal);
    auto v = database().read([&](db::Tx& tx) { return svc_->verify_by_token(tx, *doc.verify_token); });
    EXPECT_TRUE(v.found);
    EXPECT_TRUE(v.authentic);
    EXPECT_TRUE(v.internal);
    EXPECT_EQ(v.issuer, "");
    EXPECT_EQ(v.number_text, "");
    EXPECT_EQ(v.title, "");
    EXPECT_EQ(v.type_name, "");
    EXPECT_FALSE(v.issue_date.has_value());
    EXPECT_EQ(v.sm3_hex, "");
}

TEST_P(IssueTest, IssuedDocumentIsImmutable) {
    int64_t id = draft(city_supervisor(), notice_input());
    auto in = notice_input();
    in.title = "关于纠正行政处罚案卷问题的通知";
    auto edited =
        database().write([&](db::Tx& tx) { return svc_->update_draft(tx, city_supervisor(), id, in, 1, kNov27); });
    ASSERT_TRUE(edited.ok()) << edited.error().message;
    EXPECT_EQ(edited->version, 2);
    auto stale =
        database().write([&](db::Tx& tx) { return svc_->update_draft(tx, city_supervisor(), id, in, 1, kNov27); });
    EXPECT_EQ(stale.error().code, "version_conflict");

    auto doc = issue_ok(city_leader(), id);
    EXPECT_EQ(doc.title, "关于纠正行政处罚案卷问题的通知");
    auto after = database().write(
        [&](db::Tx& tx) { return svc_->update_draft(tx, city_supervisor(), id, in, doc.version, kNov27); });
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.error().http_status, 409);
    EXPECT_EQ(after.error().code, "workflow.wrong_state");
    EXPECT_EQ(after.error().message, "当前状态「已签发」下不能执行「修改草稿」");
    auto again = svc_->issue(city_leader(), id, kNov27);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().http_status, 409);
    EXPECT_EQ(again.error().message, "当前状态「已签发」下不能执行「签发」");
    EXPECT_EQ(count("SELECT COUNT(*) FROM doc_numbers"), 1);
}

TEST_P(IssueTest, GovernmentTypesOnlyByThatGovernmentsLeader) {
    DocumentInput in;
    in.doc_type = "supervision_decision";
    in.title = "行政执法监督决定书";
    in.recipients = {Recipient{"邢台市市场监督管理局", kScjg}};
    in.body = {"责令你局于三十日内改正下列行政处罚决定。"};
    in.fields = {{"target_org", "邢台市市场监督管理局"}, {"decision_items", "责令补正或者改正"}};
    // The department drafts it for its government.
    int64_t id = draft(city_supervisor(), in);
    auto d = database().read([&](db::Tx& tx) { return svc_->get(tx, city_leader(), id); });
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->issuer_org_id, kCityGov);

    auto by_dept = svc_->issue(city_leader(), id, kNov27);
    ASSERT_FALSE(by_dept.ok());
    EXPECT_EQ(by_dept.error().http_status, 403);
    EXPECT_EQ(by_dept.error().basis, "《邢台市行政执法协调监督工作办法》第十四条");
    EXPECT_NE(by_dept.error().message.find("应由本级人民政府作出"), std::string::npos);
    auto by_other_gov = svc_->issue(xindu_gov_leader(), id, kNov27);
    ASSERT_FALSE(by_other_gov.ok());
    EXPECT_EQ(by_other_gov.error().http_status, 404);  // outside its scope
    auto other = xindu_gov_leader();
    other.scope.whole_city = true;
    auto wider = svc_->issue(other, id, kNov27);
    ASSERT_FALSE(wider.ok());
    EXPECT_EQ(wider.error().http_status, 403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM doc_numbers"), 0);  // a refusal allocates nothing

    auto doc = issue_ok(gov_leader(), id);
    EXPECT_EQ(*doc.number_text, "邢政监决〔2026〕1号");
    // Signed with the government's own key.
    auto gov_pem = database().read([&](db::Tx& tx) { return svc_->public_key_pem(tx, kCityGov); });
    ASSERT_TRUE(gov_pem.has_value());
    EXPECT_TRUE(crypto::sm2_verify(*gov_pem, stored_pdf(id), crypto::unbase64(*doc.signature_b64)));
    auto dept_pem = database().read([&](db::Tx& tx) { return svc_->public_key_pem(tx, kCityJustice); });
    EXPECT_FALSE(dept_pem.has_value());
}

TEST_P(IssueTest, DepartmentTypesOnlyByThatDepartmentsLeader) {
    int64_t id = draft(city_supervisor(), notice_input());
    auto sup = svc_->issue(city_supervisor(), id, kNov27);
    ASSERT_FALSE(sup.ok());
    EXPECT_EQ(sup.error().http_status, 403);
    auto gov = svc_->issue(gov_leader(), id, kNov27);
    ASSERT_FALSE(gov.ok());
    EXPECT_EQ(gov.error().http_status, 403);
    // The lifecycle's issuer_competent guard answers with check_issue's reason and basis.
    EXPECT_EQ(gov.error().message, "行政执法监督通知书应由本部门负责人签发");
    EXPECT_EQ(gov.error().basis, "《邢台市行政执法协调监督工作办法》第十四条");
    auto xl = xindu_leader();
    xl.scope.whole_city = true;
    auto other_dept = svc_->issue(xl, id, kNov27);
    ASSERT_FALSE(other_dept.ok());
    EXPECT_EQ(other_dept.error().http_status, 403);
    EXPECT_EQ(svc_->issue(xindu_leader(), id, kNov27).error().http_status, 404);
    // A department cannot draft in another department's name, nor a government type of another government.
    auto in = notice_input();
    in.issuer_org_id = kXinduJustice;
    auto foreign = database().write([&](db::Tx& tx) { return svc_->create_draft(tx, city_supervisor(), in, kNov27); });
    EXPECT_EQ(foreign.error().http_status, 403);
    auto missing = notice_input();
    missing.fields = {{"target_org", "邢台市市场监督管理局"}};
    auto m = database().write([&](db::Tx& tx) { return svc_->create_draft(tx, city_supervisor(), missing, kNov27); });
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().field, "fields.correction_deadline");
    EXPECT_EQ(m.error().message, "「整改期限」不能为空");
    EXPECT_EQ(count("SELECT COUNT(*) FROM doc_numbers"), 0);
}

TEST_P(IssueTest, FailedSigningVoidsTheNumberWhichIsNeverReused) {
    int64_t a = draft(city_supervisor(), notice_input());
    int64_t b = draft(city_supervisor(), notice_input());
    // A signing key whose sealed private key does not open: step 2 throws.
    database().write([&](db::Tx& tx) {
        tx.exec(
            "INSERT INTO org_sign_keys (key_id, org_id, public_pem, private_sealed, wrap_key_id, active, "
            "created_at) VALUES ('broken', $1, 'x', 'AAAA', 'org_sm2_wrap-1', 1, $2)",
            {kCityJustice, kNov27});
    });
    EXPECT_THROW((void)svc_->issue(city_leader(), a, kNov27), std::runtime_error);
    database().write([&](db::Tx& tx) { tx.exec("DELETE FROM org_sign_keys WHERE key_id = 'broken'"); });
    EXPECT_EQ(*issue_ok(city_leader(), b).number_text, "邢执监通〔2026〕2号");
    EXPECT_EQ(*issue_ok(city_leader(), a).number_text, "邢执监通〔2026〕3号");

    auto nums =
        database().read([&](db::Tx& tx) { return svc_->numbers(tx, kCityJustice, "supervision_notice", 2026); });
    ASSERT_EQ(nums.size(), 3u);
    EXPECT_EQ(nums[0].status, "voided");
    EXPECT_EQ(nums[0].document_id, a);
    EXPECT_NE(nums[0].reason.find("issue failed"), std::string::npos) << nums[0].reason;
    EXPECT_EQ(nums[1].status, "issued");
    EXPECT_EQ(nums[2].status, "issued");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'doc.number_void'"), 1);
}

TEST_P(IssueTest, VoidedNumbersAreSkippedNotReused) {
    auto r = database().write([&](db::Tx& tx) {
        auto n1 = reserve_number(tx, kCityJustice, "circular", 2026, "邢执监报", 1, kNov27);
        auto n2 = reserve_number(tx, kCityJustice, "circular", 2026, "邢执监报", 2, kNov27);
        EXPECT_TRUE(settle_number(tx, n1, "voided", "作废测试", kNov27));
        EXPECT_FALSE(settle_number(tx, n1, "issued", "", kNov27));  // settled once
        EXPECT_TRUE(settle_number(tx, n2, "issued", "", kNov27));
        return reserve_number(tx, kCityJustice, "circular", 2026, "邢执监报", 3, kNov27);
    });
    EXPECT_EQ(r.no, 3);
    EXPECT_EQ(r.number_text, "邢执监报〔2026〕3号");
}

TEST_P(IssueTest, PreviewBeforeIssueAndUnsealedPrintAfter) {
    int64_t id = draft(city_supervisor(), notice_input());
    auto html = database().read([&](db::Tx& tx) { return svc_->preview_html(tx, city_supervisor(), id, kNov27); });
    ASSERT_TRUE(html.ok());
    EXPECT_NE(html->find("关于纠正行政处罚案卷不规范问题的通知"), std::string::npos);
    EXPECT_NE(html->find("（签发时编号）"), std::string::npos);
    auto early = database().read([&](db::Tx& tx) { return svc_->print_unsealed(tx, city_supervisor(), id); });
    EXPECT_EQ(early.error().code, "doc.not_issued");

    auto doc = issue_ok(city_leader(), id);
    auto print = database().read([&](db::Tx& tx) { return svc_->print_unsealed(tx, city_supervisor(), id); });
    ASSERT_TRUE(print.ok());
    EXPECT_NE(*print, stored_pdf(id));
    auto text = run_cmd("pdftotext " + write_file("print.pdf", *print).string() + " -");
    EXPECT_NE(text.out.find("邢执监通〔2026〕1号"), std::string::npos) << text.out;
}

TEST_P(IssueTest, DeliveryReceiptStartsTheThirtyDayClock) {
    const int64_t id = draft(city_supervisor(), notice_input());
    DeliveryInput in;
    in.recipient_org_id = kScjg;
    in.channel = "direct";
    in.delivered_on = Date{2026, 11, 30};
    auto of_draft =
        database().write([&](db::Tx& tx) { return svc_->add_delivery(tx, city_supervisor(), id, in, kNov27); });
    ASSERT_FALSE(of_draft.ok());
    EXPECT_EQ(of_draft.error().code, "workflow.wrong_state");
    EXPECT_EQ(of_draft.error().message, "当前状态「草稿」下不能执行「登记送达」");
    auto doc = issue_ok(city_leader(), id);
    auto liaison_add =
        database().write([&](db::Tx& tx) { return svc_->add_delivery(tx, scjg_liaison(), doc.id, in, kNov27); });
    EXPECT_EQ(liaison_add.error().http_status, 403);
    auto added =
        database().write([&](db::Tx& tx) { return svc_->add_delivery(tx, city_supervisor(), doc.id, in, kNov27); });
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_EQ(added->recipient_name, "邢台市市场监督管理局");

    auto other = database().write([&](db::Tx& tx) {
        return svc_->record_receipt(tx, sthj_liaison(), added->id, Date{2026, 12, 1}, std::nullopt, kNov27);
    });
    EXPECT_EQ(other.error().http_status, 404);
    auto early = database().write([&](db::Tx& tx) {
        return svc_->record_receipt(tx, scjg_liaison(), added->id, Date{2026, 11, 29}, std::nullopt, kNov27);
    });
    EXPECT_EQ(early.error().field, "received_on");

    ReceiptDeadline clock{"整改报告", 30, calendar::Unit::kCalendarDays};
    auto got = database().write([&](db::Tx& tx) {
        return svc_->record_receipt(tx, scjg_liaison(), added->id, Date{2026, 12, 1}, clock, kNov27);
    });
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(*got->received_on, (Date{2026, 12, 1}));
    ASSERT_TRUE(got->deadline_id.has_value());
    auto due = database().read([&](db::Tx& tx) {
        return tx.query_one("SELECT due_date, owner_kind, owner_id, start_event FROM deadlines WHERE id = $1",
                            {*got->deadline_id});
    });
    ASSERT_TRUE(due.has_value());
    EXPECT_EQ(due->str(0), "2026-12-31");
    EXPECT_EQ(due->str(1), "document");
    EXPECT_EQ(due->i64(2), doc.id);
    EXPECT_EQ(due->str(3), "received");
    auto twice = database().write([&](db::Tx& tx) {
        return svc_->record_receipt(tx, city_supervisor(), added->id, Date{2026, 12, 2}, std::nullopt, kNov27);
    });
    EXPECT_EQ(twice.error().code, "workflow.wrong_state");
    EXPECT_EQ(twice.error().message, "当前状态「已签收」下不能执行「登记签收」");

    auto form = database().read([&](db::Tx& tx) { return svc_->delivery_form(tx, city_supervisor(), added->id); });
    ASSERT_TRUE(form.ok());
    auto text = run_cmd("pdftotext " + write_file("form.pdf", *form).string() + " -");
    std::string flat;
    for (char ch : text.out)
        if (ch != ' ' && ch != '\n' && ch != '\f') flat += ch;
    EXPECT_NE(flat.find("送达回证"), std::string::npos) << text.out;
    EXPECT_NE(flat.find("邢执监通〔2026〕1号"), std::string::npos) << text.out;
    EXPECT_NE(flat.find("邢台市市场监督管理局"), std::string::npos) << text.out;
    EXPECT_NE(flat.find("直接送达"), std::string::npos) << text.out;
}

TEST_P(IssueTest, ListIsFilteredByScope) {
    draft(city_supervisor(), notice_input());
    auto in = notice_input();
    draft(xindu_leader(), in);
    auto city = database().read([&](db::Tx& tx) { return svc_->list(tx, city_leader(), {}); });
    EXPECT_EQ(city.items.size(), 2u);
    EXPECT_EQ(city.total, 2);
    auto xindu = database().read([&](db::Tx& tx) { return svc_->list(tx, xindu_leader(), {}); });
    ASSERT_EQ(xindu.items.size(), 1u);
    EXPECT_EQ(xindu.total, 1);
    EXPECT_EQ(xindu.items[0].issuer_org_id, kXinduJustice);
    auto liaison = database().read([&](db::Tx& tx) { return svc_->list(tx, scjg_liaison(), {}); });
    EXPECT_EQ(liaison.items.size(), 0u);
    EXPECT_EQ(liaison.total, 0);
    // The total counts every match; the page holds at most the limit.
    store::ListFilter one;
    one.limit = 1;
    auto first = database().read([&](db::Tx& tx) { return svc_->list(tx, city_leader(), one); });
    EXPECT_EQ(first.items.size(), 1u);
    EXPECT_EQ(first.total, 2);
}

TEST_P(IssueTest, OwnersForTheScopeMiddleware) {
    auto doc = issue_ok(city_leader(), draft(city_supervisor(), notice_input()));
    DeliveryInput to_agency{kScjg, "", "", "post", Date{2026, 11, 28}};
    DeliveryInput to_person{std::nullopt, "张三", "邢台市桥东区新华路1号", "post", Date{2026, 11, 28}};
    auto a = database().write(
        [&](db::Tx& tx) { return svc_->add_delivery(tx, city_supervisor(), doc.id, to_agency, kNov27); });
    auto p = database().write(
        [&](db::Tx& tx) { return svc_->add_delivery(tx, city_supervisor(), doc.id, to_person, kNov27); });
    ASSERT_TRUE(a.ok() && p.ok());
    database().read([&](db::Tx& tx) {
        auto d = owner_of(tx, "document", doc.id);
        ASSERT_TRUE(d.has_value());
        EXPECT_EQ(d->org_id, kCityJustice);
        EXPECT_EQ(d->region_code, "130500");
        // The recipient organisation takes part: its staff see the document and the delivery.
        EXPECT_EQ(d->parties, (std::vector<auth::PartyRef>{{kScjg, "130500"}}));
        auto da = owner_of(tx, "delivery", a->id);
        EXPECT_EQ(da->org_id, kCityJustice);
        EXPECT_EQ(da->parties, (std::vector<auth::PartyRef>{{kScjg, "130500"}}));
        auto dp = owner_of(tx, "delivery", p->id);
        EXPECT_EQ(dp->org_id, kCityJustice);
        EXPECT_TRUE(dp->parties.empty());
        EXPECT_FALSE(owner_of(tx, "document", 123).has_value());
        EXPECT_FALSE(owner_of(tx, "org", kScjg).has_value());
        EXPECT_EQ(document_owner(tx, doc.id)->org_id, kCityJustice);
    });
    // So the recipient agency's liaison reads it, and finds it in its list.
    auto seen = database().read([&](db::Tx& tx) { return svc_->get(tx, scjg_liaison(), doc.id); });
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(seen->number_text, doc.number_text);
    auto listed = database().read([&](db::Tx& tx) { return svc_->list(tx, scjg_liaison(), {}); });
    ASSERT_EQ(listed.items.size(), 1u);
    EXPECT_EQ(listed.items[0].id, doc.id);
}

// Two leaders press "issue" on the same draft at once: one document, one issued
// number; a number taken by the loser is voided, never left reserved.
TEST_P(IssueTest, SameDraftIssuedTwiceConcurrentlyYieldsOneDocument) {
    int64_t id = draft(city_supervisor(), notice_input());
    std::atomic<int> ok{0}, conflict{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < 2; ++t)
        ts.emplace_back([&] {
            auto r = svc_->issue(city_leader(), id, kNov27);
            if (r.ok())
                ++ok;
            else if (r.error().http_status == 409)
                ++conflict;
        });
    for (auto& t : ts) t.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(conflict.load(), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM doc_numbers WHERE status = 'issued'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM doc_numbers WHERE status = 'reserved'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE status = 'issued'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Db, IssueTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::docs
