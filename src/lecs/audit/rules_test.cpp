// The chain rules on in-memory records: every kind of tampering is named at
// the right seq.
#include "lecs/audit/rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "lecs/base/crypto.hpp"

namespace lecs::audit::rules {
namespace {

const std::string kKeyA = "0123456789abcdef0123456789abcdef";
const std::string kKeyB = "fedcba9876543210fedcba9876543210";

KeyLookup lookup() {
    return [](const std::string& id) -> std::optional<std::string> {
        if (id == "audit-1") return kKeyA;
        if (id == "audit-2") return kKeyB;
        return std::nullopt;
    };
}

Record base_record(int64_t seq) {
    Record r;
    r.id = 1000 + seq;
    r.seq = seq;
    r.at_ms = 1'795'708'800'000 + seq * 1000;
    r.user_id = 42;
    r.username = "auditor";
    r.role = "audit_admin";
    r.ip = "10.1.2.3";
    r.session_id = 77;
    r.request_id = "req-" + std::to_string(seq);
    r.action = "org.update";
    r.object_kind = "org";
    r.object_id = std::to_string(500 + seq);
    r.result = "ok";
    r.before_json = R"({"name":"old"})";
    r.after_json = R"({"name":"new"})";
    r.detail = "n=" + std::to_string(seq);
    return r;
}

// A chain 1..n, sealed with key audit-1 (audit-2 from seq rotate_at on).
std::vector<Record> make_chain(int n, int rotate_at = 0) {
    std::vector<Record> v;
    std::string prev = genesis_hash_hex();
    for (int i = 1; i <= n; ++i) {
        Record r = base_record(i);
        bool b = rotate_at > 0 && i >= rotate_at;
        r.key_id = b ? "audit-2" : "audit-1";
        r.prev_hash = prev;
        r.hash = chain_hash(b ? kKeyB : kKeyA, r, prev);
        prev = *r.hash;
        v.push_back(r);
    }
    return v;
}

const crypto::Sm2KeyPair& signer() {
    static const crypto::Sm2KeyPair kp = crypto::sm2_generate();
    return kp;
}

Checkpoint make_checkpoint(const std::vector<Record>& chain, int64_t seq, const crypto::Sm2KeyPair& kp = signer()) {
    Checkpoint c;
    c.seq = seq;
    c.head_hash = *chain.at(seq - 1).hash;
    c.at_ms = 1'795'800'000'000;
    c.signature = crypto::base64(crypto::sm2_sign(kp.private_pem, checkpoint_message(seq, c.head_hash)));
    c.public_key_pem = kp.public_pem;
    return c;
}

TEST(Canonical, EncodesEveryFieldLengthPrefixed) {
    Record r;
    r.id = 1;
    r.seq = 1;
    r.at_ms = 1000;
    r.user_id = 7;
    r.username = "ab";
    r.ip = "10.0.0.1";
    r.request_id = "r";
    r.action = "x";
    r.result = "ok";
    r.detail = "";
    r.key_id = "audit-1";
    EXPECT_EQ(crypto::hex(canonical(r)),
              "530000000c4c4543532d41554449542d314900000000000000014900000000000000014900000000000003e84900000000000000"
              "07530000000261624e530000000831302e302e302e314e5300000001725300000001784e4e53000000026f6b4e4e530000000053"
              "0000000761756469742d31");
}

TEST(Canonical, NullAndEmptyDiffer) {
    Record a = base_record(1), b = base_record(1);
    a.detail = std::nullopt;
    b.detail = "";
    EXPECT_NE(canonical(a), canonical(b));
}

TEST(Canonical, FieldBoundariesAreUnambiguous) {
    Record a = base_record(1), b = base_record(1);
    a.username = "ab";
    a.role = "c";
    b.username = "a";
    b.role = "bc";
    EXPECT_NE(canonical(a), canonical(b));
}

TEST(ChainHash, MatchesHmacSm3OfCanonicalAndPreviousHash) {
    Record r;
    r.id = 1;
    r.seq = 1;
    r.at_ms = 1000;
    r.user_id = 7;
    r.username = "ab";
    r.ip = "10.0.0.1";
    r.request_id = "r";
    r.action = "x";
    r.result = "ok";
    r.detail = "";
    r.key_id = "audit-1";
    // openssl mac -digest SM3 -macopt key:<kKeyA> HMAC over canonical || 32 zero bytes
    EXPECT_EQ(chain_hash(kKeyA, r, genesis_hash_hex()),
              "3a5f2a86c1b99ac8b2f38d51f3069f93154fa638c64b069acb16a7a6fa2da73d");
}

TEST(ChainHash, GenesisIs32ZeroBytes) { EXPECT_EQ(genesis_hash_hex(), std::string(64, '0')); }

TEST(Walk, IntactChainVerifies) {
    auto chain = make_chain(20);
    ChainWalk w(lookup(), {make_checkpoint(chain, 10), make_checkpoint(chain, 20)});
    for (const auto& r : chain) ASSERT_TRUE(w.feed(r));
    EXPECT_FALSE(w.finish().has_value());
    EXPECT_EQ(w.records(), 20);
    EXPECT_EQ(w.last_seq(), 20);
}

TEST(Walk, EmptyLogWithoutCheckpointsVerifies) { EXPECT_FALSE(verify_chain({}, {}, lookup()).has_value()); }

TEST(Walk, RotatedKeysAreFoundById) {
    auto chain = make_chain(10, 6);
    EXPECT_FALSE(verify_chain(chain, {}, lookup()).has_value());
}

TEST(Walk, UnknownKeyIdIsNamed) {
    auto chain = make_chain(10, 6);
    auto f = verify_chain(chain, {}, [](const std::string& id) -> std::optional<std::string> {
        if (id == "audit-1") return kKeyA;
        return std::nullopt;
    });
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 6);
    EXPECT_EQ(f->reason, "unknown audit key id audit-2");
}

// A changed byte in any hashed field breaks the chain at that record.
TEST(Walk, ChangedByteInAnyFieldIsNamed) {
    std::map<std::string, std::function<void(Record&)>> edits = {
        {"id", [](Record& r) { r.id += 1; }},
        {"at_ms", [](Record& r) { r.at_ms += 1; }},
        {"user_id", [](Record& r) { r.user_id = 43; }},
        {"user_id null", [](Record& r) { r.user_id = std::nullopt; }},
        {"username", [](Record& r) { r.username = "auditos"; }},
        {"role", [](Record& r) { r.role = "sys_admin"; }},
        {"ip", [](Record& r) { r.ip = "10.1.2.4"; }},
        {"session_id", [](Record& r) { r.session_id = 78; }},
        {"request_id", [](Record& r) { r.request_id = "req-X"; }},
        {"action", [](Record& r) { r.action = "org.updatf"; }},
        {"object_kind", [](Record& r) { r.object_kind = "orh"; }},
        {"object_id", [](Record& r) { r.object_id = "508"; }},
        {"result", [](Record& r) { r.result = "ko"; }},
        {"before_json", [](Record& r) { r.before_json = R"({"name":"olD"})"; }},
        {"after_json", [](Record& r) { r.after_json = R"({"name":"neW"})"; }},
        {"detail", [](Record& r) { r.detail = "n=8"; }},
        {"detail null", [](Record& r) { r.detail = std::nullopt; }},
        {"key_id", [](Record& r) { r.key_id = "audit-2"; }},
        {"hash", [](Record& r) { (*r.hash)[0] = (*r.hash)[0] == '0' ? '1' : '0'; }},
        {"prev_hash", [](Record& r) { (*r.prev_hash)[63] = (*r.prev_hash)[63] == '0' ? '1' : '0'; }},
    };
    for (const auto& [name, edit] : edits) {
        auto chain = make_chain(12);
        edit(chain[6]);
        auto f = verify_chain(chain, {}, lookup());
        ASSERT_TRUE(f.has_value()) << name;
        EXPECT_EQ(f->seq, 7) << name;
    }
}

TEST(Walk, ChangedRecordReasonIsHashMismatch) {
    auto chain = make_chain(12);
    chain[6].detail = "forged";
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->reason, "hash mismatch");
}

TEST(Walk, DeletedRecordIsTheFirstMissingSeq) {
    auto chain = make_chain(12);
    chain.erase(chain.begin() + 6);  // seq 7
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 7);
    EXPECT_EQ(f->reason, "missing record (gap in seq)");
}

TEST(Walk, DeletedRunReportsItsFirstSeq) {
    auto chain = make_chain(12);
    chain.erase(chain.begin() + 3, chain.begin() + 8);  // seq 4..8
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 4);
}

TEST(Walk, DeletedFirstRecordIsSeqOne) {
    auto chain = make_chain(5);
    chain.erase(chain.begin());
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 1);
}

TEST(Walk, SwappedContentsKeepingSeqAreNamedAtTheFirst) {
    auto chain = make_chain(12);
    // Swap everything but seq (hashes included) between seq 5 and seq 9.
    Record a = chain[4], b = chain[8];
    std::swap(a, b);
    a.seq = 5;
    b.seq = 9;
    chain[4] = a;
    chain[8] = b;
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 5);
}

TEST(Walk, SwappedDataFieldsKeepingHashesAreNamedAtTheFirst) {
    auto chain = make_chain(12);
    std::swap(chain[4].detail, chain[8].detail);
    std::swap(chain[4].request_id, chain[8].request_id);
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 5);
    EXPECT_EQ(f->reason, "hash mismatch");
}

TEST(Walk, SwappedOrderIsNamed) {
    auto chain = make_chain(12);
    std::swap(chain[4], chain[5]);  // seq 6 arrives where 5 is expected
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 5);
}

TEST(Walk, AppendedForgeryWithWrongHashIsNamed) {
    auto chain = make_chain(12);
    Record forged = base_record(13);
    forged.key_id = "audit-1";
    forged.prev_hash = *chain.back().hash;
    forged.hash = std::string(64, 'a');
    chain.push_back(forged);
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 13);
    EXPECT_EQ(f->reason, "hash mismatch");
}

TEST(Walk, CopiedRecordAppendedWithFreshSeqIsNamed) {
    auto chain = make_chain(12);
    Record copy = chain[6];
    copy.seq = 13;
    copy.id = 9999;
    chain.push_back(copy);
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 13);
    EXPECT_EQ(f->reason, "prev_hash mismatch");
}

TEST(Walk, DuplicateSeqIsNamed) {
    auto chain = make_chain(12);
    Record dup = chain[6];
    dup.id = 9999;
    chain.insert(chain.begin() + 7, dup);
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 7);
    EXPECT_EQ(f->reason, "duplicate or out-of-order seq");
}

TEST(Walk, TruncatedBeforeTheLastCheckpointNamesItsSeq) {
    auto chain = make_chain(20);
    auto cps = std::vector<Checkpoint>{make_checkpoint(chain, 10), make_checkpoint(chain, 15)};
    chain.resize(12);
    auto f = verify_chain(chain, cps, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 15);
    EXPECT_EQ(f->reason, "log truncated: ends at seq 12 but a checkpoint (db) names seq 15");
}

TEST(Walk, FileCheckpointBeyondTheLogNamesTruncation) {
    auto chain = make_chain(20);
    Checkpoint from_file = make_checkpoint(chain, 18);
    from_file.origin = "file";
    chain.resize(15);  // the DB row of checkpoint 18 was deleted too
    auto f = verify_chain(chain, {make_checkpoint(chain, 10), from_file}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 18);
    EXPECT_EQ(f->reason, "log truncated: ends at seq 15 but a checkpoint (file) names seq 18");
}

TEST(Walk, EmptiedLogWithACheckpointIsTruncation) {
    auto chain = make_chain(3);
    auto f = verify_chain({}, {make_checkpoint(chain, 3)}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 3);
}

TEST(Walk, CheckpointSignedByAnotherKeyIsNamed) {
    auto chain = make_chain(20);
    Checkpoint c = make_checkpoint(chain, 10);
    auto other = crypto::sm2_generate();
    c.signature = crypto::base64(crypto::sm2_sign(other.private_pem, checkpoint_message(10, c.head_hash)));
    auto f = verify_chain(chain, {c}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 10);
    EXPECT_EQ(f->reason, "checkpoint signature invalid (db)");
}

TEST(Walk, GarbageCheckpointSignatureIsNamed) {
    auto chain = make_chain(20);
    Checkpoint c = make_checkpoint(chain, 10);
    c.signature = "not base64 !!";
    auto f = verify_chain(chain, {c}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 10);
}

TEST(Walk, CheckpointHeadDifferingFromTheChainIsNamed) {
    auto chain = make_chain(20);
    Checkpoint c = make_checkpoint(chain, 10);
    c.head_hash = *chain[10].hash;  // the head of seq 11, validly signed for seq 10
    c.signature = crypto::base64(crypto::sm2_sign(signer().private_pem, checkpoint_message(10, c.head_hash)));
    auto f = verify_chain(chain, {c}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 10);
    EXPECT_EQ(f->reason, "chain head differs from checkpoint (db)");
}

TEST(Walk, FirstFaultWinsOverALaterCheckpointFault) {
    auto chain = make_chain(20);
    Checkpoint c = make_checkpoint(chain, 15);
    c.signature = crypto::base64("x");
    chain[3].detail = "forged";
    auto f = verify_chain(chain, {c}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 4);
}

TEST(Walk, UnsealedRecordInTheChainIsAFault) {
    auto chain = make_chain(5);
    chain[2].seq = std::nullopt;
    auto f = verify_chain(chain, {}, lookup());
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->seq, 3);
}

TEST(CheckpointFile, LineRoundTrips) {
    auto chain = make_chain(3);
    Checkpoint c = make_checkpoint(chain, 3);
    std::string line = checkpoint_file_line(c);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_EQ(line.substr(0, 2 + 64), "3 " + *chain[2].hash);
    auto back = parse_checkpoint_file_line(line);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->seq, 3);
    EXPECT_EQ(back->head_hash, *chain[2].hash);
    EXPECT_EQ(back->at_ms, 1'795'800'000'000);
    EXPECT_EQ(back->signature, c.signature);
    EXPECT_EQ(back->public_key_pem, signer().public_pem);
    EXPECT_EQ(back->origin, "file");
}

TEST(CheckpointFile, MalformedLinesAreRejected) {
    const std::string h(64, 'a');
    EXPECT_FALSE(parse_checkpoint_file_line("").has_value());
    EXPECT_FALSE(parse_checkpoint_file_line("3 " + h + " 1000 c2ln").has_value());       // 4 parts
    EXPECT_FALSE(parse_checkpoint_file_line("x " + h + " 1000 c2ln cGVt").has_value());  // seq
    EXPECT_FALSE(parse_checkpoint_file_line("0 " + h + " 1000 c2ln cGVt").has_value());  // seq 0
    EXPECT_FALSE(parse_checkpoint_file_line("3 abcd 1000 c2ln cGVt").has_value());       // hash length
    EXPECT_FALSE(parse_checkpoint_file_line("3 " + h + " 1000 c2ln cGVt extra").has_value());
    EXPECT_TRUE(parse_checkpoint_file_line("3 " + h + " 1000 c2ln cGVt").has_value());
}

TEST(CheckpointMessage, IsSeqBarHash) { EXPECT_EQ(checkpoint_message(17, "ab12"), "17|ab12"); }

TEST(Redact, SecretsAndIdNumbersNeverReachTheLog) {
    EXPECT_EQ(redact_json(R"({"username":"zhang","password":"Secret#1","profile":{"id_no":"130503199001011234",)"
                          R"("phone":"13800000000"},"tokens":[{"csrf_token":"abc"}],"id_no_enc":"k1:xyz"})"),
              R"({"username":"zhang","password":"[redacted]","profile":{"id_no":"[redacted]",)"
              R"("phone":"13800000000"},"tokens":"[redacted]","id_no_enc":"[redacted]"})");
    EXPECT_EQ(redact_json(R"([{"new_password":"x","totp_secret":"y","name":"a"}])"),
              R"([{"new_password":"[redacted]","totp_secret":"[redacted]","name":"a"}])");
}

TEST(Redact, NonJsonAndEmptyAreUnchanged) {
    EXPECT_EQ(redact_json(""), "");
    EXPECT_EQ(redact_json("plain text"), "plain text");
    EXPECT_EQ(redact_json(R"({"name":"a"})"), R"({"name":"a"})");
}

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(Query, DefaultsArePageOneSizeTwenty) {
    auto q = parse_query({});
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->page, 1);
    EXPECT_EQ(q->size, 20);
    EXPECT_FALSE(q->from_ms().has_value());
    EXPECT_FALSE(q->to_ms_exclusive().has_value());
}

TEST(Query, DatesAreShanghaiDayBounds) {
    auto q = parse_query(Params{{"from", "2026-11-27"},
                                {"to", "2026-11-27"},
                                {"username", "Zhang"},
                                {"action", "org.update"},
                                {"object_kind", "org"},
                                {"object_id", "5"},
                                {"result", "denied"},
                                {"page", "3"},
                                {"size", "200"}});
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(*q->from_ms(), 1'795'708'800'000);          // 2026-11-26T16:00:00Z
    EXPECT_EQ(*q->to_ms_exclusive(), 1'795'795'200'000);  // 2026-11-27T16:00:00Z
    EXPECT_EQ(q->username, "Zhang");
    EXPECT_EQ(q->action, "org.update");
    EXPECT_EQ(q->object_kind, "org");
    EXPECT_EQ(q->object_id, "5");
    EXPECT_EQ(q->result, "denied");
    EXPECT_EQ(q->page, 3);
    EXPECT_EQ(q->size, 200);
}

TEST(Query, BadValuesNameTheirField) {
    struct Case {
        Params p;
        std::string field;
    };
    std::vector<Case> cases = {
        {{{"from", "2026-13-01"}}, "from"}, {{{"from", "2026-2-01"}}, "from"},
        {{{"to", "2026-02-30"}}, "to"},     {{{"from", "2026-11-28"}, {"to", "2026-11-27"}}, "to"},
        {{{"page", "0"}}, "page"},          {{{"page", "x"}}, "page"},
        {{{"size", "0"}}, "size"},          {{{"size", "201"}}, "size"},
        {{{"size", "-5"}}, "size"},         {{{"result", "maybe"}}, "result"},
    };
    for (const auto& c : cases) {
        auto q = parse_query(c.p);
        ASSERT_FALSE(q.ok()) << c.field;
        EXPECT_EQ(q.error().field, c.field);
        EXPECT_EQ(q.error().http_status, 400);
    }
}

}  // namespace
}  // namespace lecs::audit::rules
