// AuditLog on both databases: same-transaction guarantee, chaining, sealing,
// checkpoints, and each kind of tampering named by verify and the CLI.
#include "lecs/audit/audit.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "lecs/audit/rules.hpp"
#include "lecs/audit/store.hpp"
#include "lecs/base/keys.hpp"
#include "support/test_db.hpp"

namespace lecs::audit {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kT0 = 1'795'708'800'000;  // 2026-11-26T16:00:00Z

class AuditLogTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        std::string tmpl = (fs::temp_directory_path() / "lecs-audit-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
        keys_ = open_file_key_provider((fs::path(dir_) / "keys").string());
        log_ = std::make_unique<AuditLog>(*keys_, cp_dir());
    }
    void TearDown() override {
        log_.reset();
        keys_.reset();
        fs::remove_all(dir_);
        DbTest::TearDown();
    }

    std::string cp_dir() const { return (fs::path(dir_) / "checkpoints").string(); }

    static auth::Caller caller() {
        auth::Caller c;
        c.user_id = 42;
        c.username = "zhang.san";
        c.roles = {"sys_admin"};
        c.permissions = {"org.write"};
        c.session_id = 9001;
        c.ip = "10.1.2.3";
        c.request_id = "req-1";
        return c;
    }

    // Appends n records (one Tx each) at kT0 + i s and seals them (PostgreSQL).
    void fill(int from, int to) {
        auto& db = database();
        for (int i = from; i <= to; ++i) {
            db.write([&](db::Tx& tx) {
                log_->append(tx, caller(),
                             Entry{"org.update", "org", std::to_string(i), "ok", R"({"name":"old"})",
                                   R"({"name":"new"})", "n=" + std::to_string(i)},
                             kT0 + i * 1000);
            });
        }
        log_->seal_pending(db, kT0 + to * 1000 + 1);
    }

    int64_t scalar(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }
    void exec(const std::string& sql, const db::Params& p = {}) {
        database().write([&](db::Tx& tx) { tx.exec(sql, p); });
    }

    VerifyReport verify() { return log_->verify(database(), kT0 + 3'600'000); }

    std::pair<int, std::string> cli() {
        ::testing::internal::CaptureStdout();
        int rc = run_verify_cli(database(), *keys_, cp_dir());
        return {rc, ::testing::internal::GetCapturedStdout()};
    }

    std::string dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<AuditLog> log_;
};

TEST_P(AuditLogTest, RolledBackTransactionLeavesNoAuditRow) {
    auto& db = database();
    {
        auto tx = db.begin(db::Mode::kWrite);
        log_->append(*tx, caller(), Entry{.action = "org.update", .object_kind = "org", .object_id = "1"}, kT0);
        tx->rollback();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 0);
    {
        auto tx = db.begin(db::Mode::kWrite);
        log_->append(*tx, caller(), Entry{.action = "org.update", .object_kind = "org", .object_id = "1"}, kT0);
        // destroyed without commit: rolled back too
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 0);
    {
        auto tx = db.begin(db::Mode::kWrite);
        log_->append(*tx, caller(), Entry{.action = "org.update", .object_kind = "org", .object_id = "1"}, kT0);
        tx->commit();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 1);
}

TEST_P(AuditLogTest, AppendNeedsAWriteTransaction) {
    auto tx = database().begin(db::Mode::kRead);
    EXPECT_THROW(log_->append(*tx, caller(), Entry{.action = "org.update"}, kT0), std::logic_error);
}

TEST_P(AuditLogTest, StoresTheCallerAndEntryWithoutSecrets) {
    database().write([&](db::Tx& tx) {
        log_->append(
            tx, caller(),
            Entry{"user.reset_password", "user", "77", "ok", "", R"({"password":"Geheim#123","name":"li"})", "forced"},
            kT0);
    });
    log_->seal_pending(database(), kT0 + 1);
    auto row = database().read([&](db::Tx& tx) {
        return *tx.query_one(
            "SELECT seq, at_ms, user_id, username, role, ip, session_id, request_id, action, object_kind, object_id, "
            "result, before_json, after_json, detail, prev_hash FROM audit_log");
    });
    EXPECT_EQ(row.i64(0), 1);
    EXPECT_EQ(row.i64(1), kT0);
    EXPECT_EQ(row.i64(2), 42);
    EXPECT_EQ(row.str(3), "zhang.san");
    EXPECT_EQ(row.str(4), "sys_admin");
    EXPECT_EQ(row.str(5), "10.1.2.3");
    EXPECT_EQ(row.i64(6), 9001);
    EXPECT_EQ(row.str(7), "req-1");
    EXPECT_EQ(row.str(8), "user.reset_password");
    EXPECT_EQ(row.str(9), "user");
    EXPECT_EQ(row.str(10), "77");
    EXPECT_EQ(row.str(11), "ok");
    EXPECT_TRUE(row.is_null(12));
    EXPECT_EQ(row.str(13), R"({"password":"[redacted]","name":"li"})");
    EXPECT_EQ(row.str(14), "forced");
    EXPECT_EQ(row.str(15), std::string(64, '0'));
}

TEST_P(AuditLogTest, HundredAppendsVerify) {
    fill(1, 100);
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE seq IS NULL"), 0);
    EXPECT_EQ(scalar("SELECT min(seq) FROM audit_log"), 1);
    EXPECT_EQ(scalar("SELECT max(seq) FROM audit_log"), 100);
    log_->checkpoint(database(), kT0 + 200'000);
    auto r = verify();
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, 100);
    EXPECT_FALSE(r.first_bad_seq.has_value());
    auto [rc, out] = cli();
    EXPECT_EQ(rc, 0);
    EXPECT_EQ(out, "audit log OK: 100 records\n");
}

TEST_P(AuditLogTest, EmptyLogVerifies) {
    log_->checkpoint(database(), kT0);  // nothing to sign
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_checkpoint"), 0);
    auto r = verify();
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.records, 0);
}

TEST_P(AuditLogTest, ChainSurvivesKeyRotation) {
    fill(1, 5);
    Key old_key = keys_->current(KeyPurpose::kAudit);
    Key new_key = keys_->rotate(KeyPurpose::kAudit);
    ASSERT_NE(old_key.id, new_key.id);
    fill(6, 10);
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE key_id = $1", {old_key.id}), 5);
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE key_id = $1", {new_key.id}), 5);
    auto r = verify();
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, 10);
}

TEST_P(AuditLogTest, CheckpointIsSignedInTheDatabaseAndTheFile) {
    fill(1, 10);
    log_->checkpoint(database(), kT0 + 20'000);
    log_->checkpoint(database(), kT0 + 21'000);  // head unchanged: no second checkpoint
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_checkpoint"), 1);
    EXPECT_EQ(scalar("SELECT seq FROM audit_checkpoint"), 10);
    std::ifstream in(log_->checkpoint_file());
    std::string line, extra;
    ASSERT_TRUE(std::getline(in, line));
    EXPECT_FALSE(std::getline(in, extra));
    std::string head =
        database().read([&](db::Tx& tx) { return tx.query_one("SELECT hash FROM audit_log WHERE seq = 10")->str(0); });
    EXPECT_EQ(line.substr(0, 3 + 64), "10 " + head);
}

// verify() reads 10 000 rows per chunk: a fault past the first chunk is still
// found, and the count spans chunks.
TEST_P(AuditLogTest, VerifyStreamsAcrossChunks) {
    const Key key = keys_->current(KeyPurpose::kAudit);
    database().write([&](db::Tx& tx) {
        std::string prev = rules::genesis_hash_hex();
        for (int64_t i = 1; i <= 10'005; ++i) {
            rules::Record r;
            r.id = i;
            r.seq = i;
            r.at_ms = kT0 + i;
            r.action = "org.update";
            r.result = "ok";
            r.key_id = key.id;
            r.prev_hash = prev;
            r.hash = rules::chain_hash(key.bytes, r, prev);
            prev = *r.hash;
            store::insert(tx, r);
        }
    });
    auto ok = verify();
    EXPECT_TRUE(ok.ok) << ok.reason;
    EXPECT_EQ(ok.records, 10'005);
    exec("UPDATE audit_log SET result = 'failed' WHERE seq = 10003");
    auto bad = verify();
    ASSERT_TRUE(bad.first_bad_seq.has_value());
    EXPECT_EQ(*bad.first_bad_seq, 10'003);
    EXPECT_EQ(bad.records, 10'002);
}

TEST_P(AuditLogTest, ChangedFieldIsNamed) {
    fill(1, 30);
    exec("UPDATE audit_log SET detail = 'n=17 (edited)' WHERE seq = 17");
    auto r = verify();
    EXPECT_FALSE(r.ok);
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 17);
    EXPECT_EQ(r.reason, "hash mismatch");
    auto [rc, out] = cli();
    EXPECT_EQ(rc, 1);
    EXPECT_EQ(out, "audit log BROKEN at seq 17: hash mismatch\n");
}

TEST_P(AuditLogTest, ChangedTimestampIsNamed) {
    fill(1, 30);
    exec("UPDATE audit_log SET at_ms = at_ms + 1 WHERE seq = 3");
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 3);
}

TEST_P(AuditLogTest, DeletedRecordIsNamed) {
    fill(1, 30);
    exec("DELETE FROM audit_log WHERE seq = 12");
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 12);
    EXPECT_EQ(r.reason, "missing record (gap in seq)");
    auto [rc, out] = cli();
    EXPECT_EQ(rc, 1);
    EXPECT_EQ(out, "audit log BROKEN at seq 12: missing record (gap in seq)\n");
}

TEST_P(AuditLogTest, SwappedRecordsAreNamedAtTheFirst) {
    fill(1, 30);
    // Swap the contents of seq 8 and seq 21 (seq kept, everything else exchanged).
    auto& db = database();
    db.write([&](db::Tx& tx) {
        auto a = *tx.query_one("SELECT id, object_id, detail, at_ms, hash, prev_hash FROM audit_log WHERE seq = 8");
        auto b = *tx.query_one("SELECT id, object_id, detail, at_ms, hash, prev_hash FROM audit_log WHERE seq = 21");
        const char* upd =
            "UPDATE audit_log SET object_id = $1, detail = $2, at_ms = $3, hash = $4, prev_hash = $5 WHERE seq = $6";
        tx.exec(upd, {b.str(1), b.str(2), b.i64(3), b.str(4), b.str(5), int64_t{8}});
        tx.exec(upd, {a.str(1), a.str(2), a.i64(3), a.str(4), a.str(5), int64_t{21}});
    });
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 8);
}

TEST_P(AuditLogTest, ForgedRecordWithWrongHashIsNamed) {
    fill(1, 30);
    std::string prev =
        database().read([&](db::Tx& tx) { return tx.query_one("SELECT hash FROM audit_log WHERE seq = 30")->str(0); });
    std::string key_id = keys_->current(KeyPurpose::kAudit).id;
    exec(
        "INSERT INTO audit_log (id, seq, at_ms, user_id, username, action, result, key_id, prev_hash, hash) "
        "VALUES (1, 31, $1, 42, 'zhang.san', 'org.update', 'ok', $2, $3, $4)",
        {kT0 + 31'000, key_id, prev, std::string(64, 'f')});
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 31);
    EXPECT_EQ(r.reason, "hash mismatch");
    auto [rc, out] = cli();
    EXPECT_EQ(rc, 1);
    EXPECT_EQ(out, "audit log BROKEN at seq 31: hash mismatch\n");
}

TEST_P(AuditLogTest, DuplicatedRecordIsNamed) {
    fill(1, 30);
    // A byte copy of seq 14 under a new id, appended as seq 31.
    exec(
        "INSERT INTO audit_log (id, seq, at_ms, user_id, username, role, ip, session_id, request_id, action, "
        "object_kind, object_id, result, before_json, after_json, detail, key_id, prev_hash, hash) "
        "SELECT 2, 31, at_ms, user_id, username, role, ip, session_id, request_id, action, object_kind, object_id, "
        "result, before_json, after_json, detail, key_id, prev_hash, hash FROM audit_log WHERE seq = 14");
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 31);
    EXPECT_EQ(r.reason, "prev_hash mismatch");
}

TEST_P(AuditLogTest, ForgedRowBelowSeqOneIsNamed) {
    fill(1, 5);
    exec("INSERT INTO audit_log (id, seq, at_ms, action, result) VALUES (4, 0, $1, 'org.update', 'ok')", {kT0});
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 0);
    EXPECT_EQ(r.reason, "duplicate or out-of-order seq");
}

TEST_P(AuditLogTest, TruncatedBeforeTheLastCheckpointIsNamed) {
    fill(1, 20);
    log_->checkpoint(database(), kT0 + 30'000);
    fill(21, 30);
    log_->checkpoint(database(), kT0 + 40'000);
    exec("DELETE FROM audit_log WHERE seq > 25");
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 30);
    EXPECT_EQ(r.reason, "log truncated: ends at seq 25 but a checkpoint (db) names seq 30");
    auto [rc, out] = cli();
    EXPECT_EQ(rc, 1);
    EXPECT_EQ(out, "audit log BROKEN at seq 30: log truncated: ends at seq 25 but a checkpoint (db) names seq 30\n");
}

TEST_P(AuditLogTest, TruncationWithTheCheckpointRowDeletedIsNamedFromTheFile) {
    fill(1, 20);
    log_->checkpoint(database(), kT0 + 30'000);
    fill(21, 30);
    log_->checkpoint(database(), kT0 + 40'000);
    exec("DELETE FROM audit_log WHERE seq > 25");
    exec("DELETE FROM audit_checkpoint WHERE seq = 30");
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 30);
    EXPECT_EQ(r.reason, "log truncated: ends at seq 25 but a checkpoint (file) names seq 30");
}

TEST_P(AuditLogTest, CheckpointRowWithAForgedSignatureIsNamed) {
    fill(1, 20);
    log_->checkpoint(database(), kT0 + 30'000);
    fs::remove(log_->checkpoint_file());
    exec("UPDATE audit_checkpoint SET signature = $1 WHERE seq = 20", {std::string("MEUCIQDfakefakefake")});
    auto r = verify();
    ASSERT_TRUE(r.first_bad_seq.has_value());
    EXPECT_EQ(*r.first_bad_seq, 20);
    EXPECT_EQ(r.reason, "checkpoint signature invalid (db)");
}

TEST_P(AuditLogTest, MalformedCheckpointFileIsAFault) {
    fill(1, 5);
    fs::create_directories(cp_dir());
    std::ofstream(log_->checkpoint_file()) << "garbage\n";
    auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.first_bad_seq.has_value());
    auto [rc, out] = cli();
    EXPECT_EQ(rc, 1);
    EXPECT_EQ(out.rfind("audit log BROKEN: checkpoint file ", 0), 0u) << out;
}

TEST_P(AuditLogTest, UnsealedRowIsAFault) {
    fill(1, 5);
    exec("INSERT INTO audit_log (id, at_ms, action, result) VALUES (3, $1, 'org.update', 'ok')", {kT0});
    auto r = log_->verify(database(), kT0 + 61'000);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.records, 5);
    EXPECT_FALSE(r.first_bad_seq.has_value());
    if (GetParam() == "sqlite")
        EXPECT_EQ(r.reason, "1 unsealed row(s) on SQLite (oldest id 3)");
    else
        EXPECT_EQ(r.reason, "1 unsealed row(s) older than 60 s (oldest id 3)");
}

TEST_P(AuditLogTest, RefusalsAreAggregatedPerMinuteAndChained) {
    RefusalCounter rc(*log_);
    auth::Caller anon;
    anon.ip = "10.9.9.9";
    const int64_t minute = kT0 + 120'000;  // 2026-11-26T16:02:00Z
    rc.count_at(caller(), "/api/v1/orgs/{id}", 403, "forbidden", minute + 1'000);
    rc.count_at(caller(), "/api/v1/orgs/{id}", 403, "forbidden", minute + 2'000);
    rc.count_at(caller(), "/api/v1/orgs/{id}", 403, "forbidden", minute + 59'999);
    rc.count_at(anon, "/api/v1/orgs", 401, "unauthenticated", minute + 5'000);
    rc.count_at(caller(), "/api/v1/orgs/{id}", 403, "forbidden", minute + 60'000);  // next minute
    EXPECT_EQ(rc.pending(), 3u);
    EXPECT_EQ(rc.flush(database(), minute + 60'000), 2);
    EXPECT_EQ(rc.pending(), 1u);
    EXPECT_EQ(
        scalar("SELECT count FROM audit_refusal_agg WHERE minute = $1 AND user_id = 42 AND status = 403", {minute}), 3);
    EXPECT_EQ(
        scalar("SELECT count FROM audit_refusal_agg WHERE minute = $1 AND user_id = 0 AND status = 401", {minute}), 1);
    std::string detail = database().read([&](db::Tx& tx) {
        return tx.query_one("SELECT detail FROM audit_log WHERE action = 'http.refused' AND user_id = 42")->str(0);
    });
    EXPECT_EQ(detail, "count=3 status=403 code=forbidden minute=2026-11-26T16:02:00.000Z");
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE action = 'http.refused' AND result = 'denied' "
                     "AND object_kind = 'route' AND user_id IS NULL AND object_id = '/api/v1/orgs'"),
              1);
    EXPECT_EQ(rc.flush(database(), minute + 119'999), 0);  // the next minute has not ended
    // At shutdown the unfinished minute is written too, so no refusal is lost.
    EXPECT_EQ(rc.flush(database(), minute + 119'999, /*include_current_minute=*/true), 1);
    EXPECT_EQ(rc.pending(), 0u);
    log_->seal_pending(database(), minute + 120'001);
    auto r = verify();
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, 3);
}

INSTANTIATE_TEST_SUITE_P(Db, AuditLogTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

// PostgreSQL only: rows are inserted unsealed and chained by the sealer.
class AuditSealTest : public AuditLogTest {};

TEST_P(AuditSealTest, SealChainsUnsealedRowsInTimeOrder) {
    if (GetParam() != "postgres") GTEST_SKIP() << "SQLite seals inline";
    auto& db = database();
    // Committed out of time order: the sealer orders by (at_ms, id).
    for (int64_t at : {kT0 + 3000, kT0 + 1000, kT0 + 2000}) {
        db.write([&](db::Tx& tx) {
            log_->append(tx, caller(),
                         Entry{.action = "org.update", .object_kind = "org", .object_id = std::to_string(at)}, at);
        });
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE seq IS NULL"), 3);
    auto fresh = log_->verify(db, kT0 + 4000);  // unsealed but younger than a minute: fine
    EXPECT_TRUE(fresh.ok) << fresh.reason;
    EXPECT_EQ(fresh.records, 0);
    // Older than a minute means at_ms < now - 60 s: at kT0+62 s only the row of kT0+1 s.
    auto stale = log_->verify(db, kT0 + 62'000);
    EXPECT_FALSE(stale.ok);
    EXPECT_EQ(stale.reason.substr(0, 45), "1 unsealed row(s) older than 60 s (oldest id ");
    auto staler = log_->verify(db, kT0 + 63'001);
    EXPECT_EQ(staler.reason.substr(0, 45), "3 unsealed row(s) older than 60 s (oldest id ");
    EXPECT_EQ(log_->seal_pending(db, kT0 + 62'000), 3);
    EXPECT_EQ(log_->seal_pending(db, kT0 + 63'000), 0);
    EXPECT_EQ(scalar("SELECT seq FROM audit_log WHERE at_ms = $1", {kT0 + 1000}), 1);
    EXPECT_EQ(scalar("SELECT seq FROM audit_log WHERE at_ms = $1", {kT0 + 2000}), 2);
    EXPECT_EQ(scalar("SELECT seq FROM audit_log WHERE at_ms = $1", {kT0 + 3000}), 3);
    auto r = log_->verify(db, kT0 + 62'000);
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.records, 3);
    // New rows chain onto the sealed head.
    db.write([&](db::Tx& tx) { log_->append(tx, caller(), Entry{.action = "org.update"}, kT0 + 70'000); });
    EXPECT_EQ(log_->seal_pending(db, kT0 + 70'001), 1);
    EXPECT_EQ(scalar("SELECT max(seq) FROM audit_log"), 4);
    EXPECT_TRUE(log_->verify(db, kT0 + 200'000).ok);
}

TEST_P(AuditSealTest, SqliteSealsInline) {
    if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL seals later";
    database().write([&](db::Tx& tx) { log_->append(tx, caller(), Entry{.action = "org.update"}, kT0); });
    EXPECT_EQ(scalar("SELECT seq FROM audit_log"), 1);
    EXPECT_EQ(log_->seal_pending(database(), kT0 + 1), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, AuditSealTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::audit
