// Ingest of enforcement acts and cases on both databases (Db/*): insert, idempotent re-send, a
// rejected row writes nothing while its batch commits, the aggregates equal a recount from the
// acts (written here from the rows, not from aggregate.cpp), warnings follow their findings
// (dismissed stays dismissed, resolved reopens), reevaluate resolves, R8 across batches, the
// caller's scope.
#include "lecs/monitoring/ingest.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <sstream>
#include <tuple>

#include "lecs/base/keys.hpp"
#include "lecs/base/validate.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/monitoring/aggregate.hpp"
#include "support/test_db.hpp"

namespace lecs::monitoring {
namespace {

namespace json = boost::json;

constexpr int64_t kNow = 1795744800000;  // 2026-11-27 10:00 Beijing
constexpr Date kToday{2026, 11, 27};
constexpr int64_t kCityScjg = 9101;      // city, 130500
constexpr int64_t kXinduAgri = 9102;     // county 信都区, 130503
constexpr int64_t kNingjinScjg = 9103;   // county 宁晋县, 130528
constexpr int64_t kCityEdu = 9104;       // city, 130500
constexpr int64_t kUnregistered = 9105;  // has a USCC, and the liaison of kCityScjg may not send for it

std::string uscc_of(int64_t id) { return uscc_with_check("11130500MB" + std::to_string(1000000 + id).substr(0, 7)); }

// One act row as NDJSON; the defaults make an act on which no rule fires.
struct Act {
    int64_t agency = kCityScjg;
    std::string id = "A-1";
    std::string kind = "penalty";
    std::vector<std::string> officers = {"执130500-0001", "执130500-0002"};
    std::string item = "C001";
    std::string party = "0123456789abcdef0123456789abcd01";
    std::string filed = "2026-03-02";
    std::string decided = "2026-03-20";
    std::string published = "2026-03-23";
    int64_t amount = 200000;
    bool major = false, review = true, publish = true;
    std::string extra;  // raw JSON members appended

    std::string json() const {
        json::object o;
        o["agency"] = uscc_of(agency);
        o["external_id"] = id;
        o["kind"] = kind;
        o["case_no"] = "邢市监罚〔2026〕" + id;
        o["item_code"] = item;
        json::array of;
        for (const auto& x : officers) of.emplace_back(x);
        o["officers"] = of;
        o["party_type"] = "org";
        o["party_key"] = party;
        o["filed_on"] = filed;
        if (!decided.empty()) o["decided_on"] = decided;
        if (!published.empty()) o["published_on"] = published;
        if (kind == "penalty") o["penalty_types"] = json::array{"fine"};
        o["amount_fen"] = amount;
        o["procedure"] = "general";
        o["legal_review"] = review;
        o["major"] = major;
        o["publish_required"] = publish;
        std::string s = json::serialize(o);
        if (!extra.empty()) s = s.substr(0, s.size() - 1) + "," + extra + "}";
        return s;
    }
};

std::string lines(const std::vector<Act>& acts) {
    std::string s;
    for (const auto& a : acts) s += a.json() + "\n";
    return s;
}

class IngestTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-monitoring-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        database().write([&](db::Tx& tx) {
            calendar::ensure_calendar(tx, kNow);
            auto org = [&](int64_t id, const char* name, const char* level, const char* region) {
                tx.exec(
                    "INSERT INTO organizations (id, name, kind, level, region_code, uscc, created_at, updated_at) "
                    "VALUES ($1, $2, 'organ', $3, $4, $5, $6, $6)",
                    {id, std::string(name), std::string(level), std::string(region), uscc_of(id), kNow});
            };
            org(kCityScjg, "邢台市市场监督管理局", "city", "130500");
            org(kXinduAgri, "邢台市信都区农业农村局", "county", "130503");
            org(kNingjinScjg, "宁晋县市场监督管理局", "county", "130528");
            org(kCityEdu, "邢台市教育局", "city", "130500");
            org(kUnregistered, "邢台市文化广电和旅游局", "city", "130500");
            tx.exec(
                "INSERT INTO people (id, name, org_id, created_at, updated_at) VALUES (7001, '王执法', $1, $2, $2), "
                "(7002, '李执法', $1, $2, $2), (7003, '张过期', $1, $2, $2)",
                {kCityScjg, kNow});
            auto cert = [&](int64_t id, const char* no, int64_t person, const char* from, const char* to) {
                tx.exec(
                    "INSERT INTO certificates (id, kind, number, person_id, org_id, issuer, issued_on, expires_on, "
                    "created_at, updated_at) VALUES ($1, 'enforcement', $2, $3, $4, '河北省人民政府', $5, $6, $7, $7)",
                    {id, std::string(no), person, kCityScjg, std::string(from), std::string(to), kNow});
            };
            cert(8001, "执130500-0001", 7001, "2025-01-01", "2029-12-31");
            cert(8002, "执130500-0002", 7002, "2025-01-01", "2029-12-31");
            cert(8003, "执130500-0003", 7003, "2023-01-01", "2026-03-01");
            for (int64_t agency : {kCityScjg, kXinduAgri, kNingjinScjg, kCityEdu}) {
                tx.exec(
                    "INSERT INTO catalog_items (id, agency_id, item_code, name, kind, effective_from, min_amount_fen, "
                    "max_amount_fen, created_at, updated_at) VALUES ($1, $2, 'C001', '无照经营的处罚', 'penalty', "
                    "'2025-01-01', 100000, 500000, $3, $3)",
                    {agency * 10, agency, kNow});
                tx.exec(
                    "INSERT INTO catalog_items (id, agency_id, item_code, name, kind, effective_from, created_at, "
                    "updated_at) VALUES ($1, $2, 'K001', '日常检查', 'inspection', '2025-01-01', $3, $3)",
                    {agency * 10 + 1, agency, kNow});
            }
        });
    }
    void TearDown() override {
        audit_.reset();
        keys_.reset();
        std::filesystem::remove_all(dir_);
        DbTest::TearDown();
    }

    struct Run {
        IngestCounts counts;
        std::vector<std::pair<int64_t, parse::RowError>> rejected;
        std::vector<BatchAck> acks;
    };
    Run ingest_text(const std::string& text, What what = What::kActs, size_t batch_rows = 5000,
                    const auth::Caller* caller = nullptr, const rules::RuleSet* rs = nullptr) {
        Run run;
        std::istringstream in(text);
        IngestOptions o;
        o.what = what;
        o.today = kToday;
        o.batch_rows = batch_rows;
        o.caller = caller;
        o.rules = rs;
        o.audit = audit_.get();
        IngestHooks h;
        h.on_rejected = [&](int64_t line, const parse::RowError& e) { run.rejected.emplace_back(line, e); };
        h.on_committed = [&](const BatchAck& a) { run.acks.push_back(a); };
        run.counts = ingest(database(), in, o, h);
        return run;
    }

    int64_t scalar(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }
    std::string warning_state(int64_t agency, const std::string& ext_id, const char* rule) {
        return database().read([&](db::Tx& tx) {
            auto r = tx.query_one(
                "SELECT state FROM monitoring_warnings WHERE agency_id = $1 AND ext_key = $2 AND "
                "rule = $3",
                {agency, ext_key_of(ext_id), std::string(rule)});
            return r ? r->str(0) : std::string("none");
        });
    }

    using Figures = std::map<std::tuple<std::string, int, std::string>, int64_t>;  // (who, month, metric)
    // The indicators recounted from the acts and cases themselves, by the metric definitions of
    // aggregate.hpp; zeros dropped.
    std::pair<Figures, Figures> recount(const rules::RuleSet& rs) {
        Figures agency, region;
        database().read([&](db::Tx& tx) {
            std::map<int64_t, std::pair<std::string, std::string>> orgs;
            for (const auto& r : tx.query("SELECT id, region_code, level FROM organizations"))
                orgs[r.i64(0)] = {r.str(1), r.str(2)};
            auto add = [&](int64_t a, int month, const std::string& metric, int64_t v) {
                agency[{std::to_string(a), month, metric}] += v;
                region[{orgs[a].first + "/" + orgs[a].second, month, metric}] += v;
            };
            for (const auto& r :
                 tx.query("SELECT a.agency_id, a.ext_key, a.month, a.kind, a.amount_fen, a.officers, a.cert_valid, "
                          "a.pub_state, a.warn_mask FROM monitoring_acts a")) {
                const int64_t ag = r.i64(0);
                const int m = static_cast<int>(r.i64(2));
                add(ag, m, "acts." + r.str(3), 1);
                add(ag, m, "amount." + r.str(3), r.i64(4));
                add(ag, m, "cert.slots", static_cast<int64_t>(json::parse(r.str(5)).as_array().size()));
                add(ag, m, "cert.valid", r.i64(6));
                if (r.i64(7) > 0) add(ag, m, "pub.due", 1);
                if (r.i64(7) == 2) add(ag, m, "pub.on_time", 1);
                for (int rule = 1; rule <= 8; ++rule) {
                    if (!(r.i64(8) & (1 << (rule - 1)))) continue;
                    const auto st = tx.query_one(
                        "SELECT state FROM monitoring_warnings WHERE agency_id = $1 AND ext_key = $2 AND rule = $3",
                        {ag, r.i64(1), "R" + std::to_string(rule)});
                    EXPECT_TRUE(st.has_value()) << "a firing rule without its warning";
                    if (st && st->str(0) != "dismissed") add(ag, m, "warn.R" + std::to_string(rule), 1);
                }
            }
            for (const auto& r :
                 tx.query("SELECT agency_id, kind, received_on, concluded_on, outcome FROM monitoring_cases")) {
                if (r.is_null(3) || r.is_null(4)) continue;
                const auto& def = r.str(1) == "reconsideration" ? rs.reconsideration : rs.litigation;
                const std::string outcome = r.str(4);
                if (def.excluded.count(outcome)) continue;
                const int m = month_of(*Date::parse(r.str(3)));
                const std::string p = r.str(1) == "reconsideration" ? "recon." : "lit.";
                add(r.i64(0), m, p + "concluded", 1);
                if (def.numerator.count(outcome))
                    add(r.i64(0), m, p + (r.str(1) == "reconsideration" ? "corrected" : "lost"), 1);
            }
        });
        std::erase_if(agency, [](const auto& kv) { return kv.second == 0; });
        std::erase_if(region, [](const auto& kv) { return kv.second == 0; });
        return {agency, region};
    }
    std::pair<Figures, Figures> stored() {
        Figures agency, region;
        database().read([&](db::Tx& tx) {
            for (const auto& r :
                 tx.query("SELECT agency_id, month, metric, value FROM monitoring_agg WHERE value <> 0"))
                agency[{std::to_string(r.i64(0)), static_cast<int>(r.i64(1)), r.str(2)}] = r.i64(3);
            for (const auto& r : tx.query(
                     "SELECT region_code, level, month, metric, value FROM monitoring_agg_region WHERE value <> 0"))
                region[{r.str(0) + "/" + r.str(1), static_cast<int>(r.i64(2)), r.str(3)}] = r.i64(4);
        });
        return {agency, region};
    }
    void expect_aggregates_match(const rules::RuleSet& rs = rules::default_rule_set()) {
        const auto [ra, rr] = recount(rs);
        const auto [sa, sr] = stored();
        EXPECT_EQ(sa, ra);
        EXPECT_EQ(sr, rr);
        EXPECT_FALSE(sa.empty());
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
};

TEST_P(IngestTest, InsertsActsWithBatchRowAuditAndAggregates) {
    Act a1, a2, a3;
    a2.id = "A-2";
    a2.agency = kXinduAgri;
    a2.amount = 300000;
    a3.id = "A-3";
    a3.kind = "inspection";
    a3.decided = "";
    a3.published = "";
    a3.item = "K001";
    a3.amount = 0;
    const auto run = ingest_text(lines({a1, a2, a3}));
    EXPECT_EQ(run.counts.accepted, 3);
    EXPECT_EQ(run.counts.updated, 0);
    EXPECT_EQ(run.counts.rejected, 0);
    EXPECT_TRUE(run.rejected.empty());
    ASSERT_EQ(run.acks.size(), 1u);
    EXPECT_EQ(run.acks[0].first_line, 1);
    EXPECT_EQ(run.acks[0].last_line, 3);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts"), 3);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_warnings"), 0);
    EXPECT_EQ(scalar("SELECT accepted FROM monitoring_batches WHERE id = $1", {run.acks[0].batch_id}), 3);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts WHERE batch_id = $1", {run.acks[0].batch_id}), 3);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'monitoring.import' AND object_id = $1",
                     {std::to_string(run.acks[0].batch_id)}),
              1);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_inspections"), 1);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE agency_id = $1 AND month = 202603 AND "
                     "metric = 'amount.penalty'",
                     {kCityScjg}),
              200000);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg_region WHERE region_code = '130500' AND level = 'city' AND "
                     "month = 202603 AND metric = 'acts.penalty'"),
              1);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE agency_id = $1 AND month = 202603 AND "
                     "metric = 'pub.on_time'",
                     {kCityScjg}),
              1);
    EXPECT_EQ(counts_json(run.counts),
              "{\"accepted\":3,\"updated\":0,\"rejected\":0,\"warnings\":{\"R1\":0,\"R2\":0,\"R3\":0,\"R4\":0,"
              "\"R5\":0,\"R6\":0,\"R7\":0,\"R8\":0}}");
    expect_aggregates_match();
}

TEST_P(IngestTest, ResentRowsUpdateAndAreNeverDuplicated) {
    std::vector<Act> acts;
    for (int i = 0; i < 40; ++i) {
        Act a;
        a.id = "R-" + std::to_string(i);
        a.agency = i % 2 ? kCityScjg : kNingjinScjg;
        a.decided = i % 3 ? "2026-03-20" : "2026-04-20";
        a.published = "";
        acts.push_back(a);
    }
    const auto first = ingest_text(lines(acts), What::kActs, 7);
    EXPECT_EQ(first.counts.accepted, 40);
    EXPECT_EQ(first.acks.size(), 6u);  // 40 rows in batches of 7
    for (auto& a : acts) {
        a.amount = 450000;
        a.decided = "2026-05-06";  // another month: the old month's figures go down
        a.published = "2026-05-08";
    }
    // Twice in the same input: the last row wins, nothing doubles.
    const auto second = ingest_text(lines(acts) + lines(acts), What::kActs, 13);
    EXPECT_EQ(second.counts.accepted, 0);
    EXPECT_EQ(second.counts.updated, 80);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts"), 40);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts WHERE amount_fen = 450000 AND month = 202605"), 40);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_agg WHERE month IN (202603, 202604) AND value <> 0"), 0);
    EXPECT_EQ(scalar("SELECT SUM(value) FROM monitoring_agg WHERE metric = 'acts.penalty'"), 40);
    expect_aggregates_match();
}

TEST_P(IngestTest, RejectedRowWritesNothingAndTheRestOfItsBatchCommits) {
    Act good1, good2, bad_kind, unknown;
    good1.id = "G-1";
    good2.id = "G-2";
    bad_kind.id = "B-1";
    bad_kind.kind = "arrest";
    unknown.id = "B-2";
    const std::string unknown_uscc = uscc_with_check("11130500MB9999999");
    std::string text = good1.json() + "\n" + bad_kind.json() + "\n";
    text += unknown.json().replace(unknown.json().find(uscc_of(kCityScjg)), uscc_of(kCityScjg).size(), unknown_uscc);
    text += "\nnot json at all\n" + good2.json() + "\n";
    const auto run = ingest_text(text);
    EXPECT_EQ(run.counts.accepted, 2);
    EXPECT_EQ(run.counts.rejected, 3);
    ASSERT_EQ(run.rejected.size(), 3u);
    EXPECT_EQ(run.rejected[0].first, 2);
    EXPECT_EQ(run.rejected[0].second.field, "kind");
    EXPECT_EQ(run.rejected[1].first, 3);
    EXPECT_EQ(run.rejected[1].second.field, "agency");
    EXPECT_NE(run.rejected[1].second.reason.find("未登记"), std::string::npos);
    EXPECT_EQ(run.rejected[2].first, 4);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts"), 2);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts WHERE ext_key IN ($1, $2)",
                     {ext_key_of("B-1"), ext_key_of("B-2")}),
              0);
    ASSERT_EQ(run.acks.size(), 1u);
    EXPECT_EQ(scalar("SELECT rejected FROM monitoring_batches WHERE id = $1", {run.acks[0].batch_id}), 3);
    expect_aggregates_match();
}

TEST_P(IngestTest, AnExternalIdCollidingWithAStoredOneIsRejected) {
    Act a;
    a.id = "X-1";
    ingest_text(lines({a}));
    // Another external id stored under X-2's key (as a 64-bit hash collision would).
    database().write([](db::Tx& tx) {
        tx.exec("UPDATE monitoring_acts SET ext_key = $1, external_id = 'Y-9' WHERE ext_key = $2",
                {ext_key_of("X-2"), ext_key_of("X-1")});
    });
    Act b;
    b.id = "X-2";
    const auto run = ingest_text(lines({b}));
    EXPECT_EQ(run.counts.rejected, 1);
    ASSERT_EQ(run.rejected.size(), 1u);
    EXPECT_EQ(run.rejected[0].second.field, "external_id");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts WHERE external_id = 'Y-9'"), 1);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts"), 1);
}

TEST_P(IngestTest, WarningsFollowTheirFindingsAndDismissedStaysDismissed) {
    Act single;  // R2: one officer on a penalty
    single.id = "W-1";
    single.officers = {"执130500-0001"};
    Act major;  // R6: a major decision without legal review
    major.id = "W-2";
    major.major = true;
    major.review = false;
    auto run = ingest_text(lines({single, major}));
    EXPECT_EQ(run.counts.warnings[1], 1);
    EXPECT_EQ(run.counts.warnings[5], 1);
    EXPECT_EQ(warning_state(kCityScjg, "W-1", "R2"), "open");
    EXPECT_EQ(warning_state(kCityScjg, "W-2", "R6"), "open");
    expect_aggregates_match();

    // The supervisor dismisses R2 (as the warnings service does: state and warn.R2 together).
    database().write([](db::Tx& tx) {
        tx.exec(
            "UPDATE monitoring_warnings SET state = 'dismissed', dismiss_reason = '现场执法记录显示两人在场' "
            "WHERE rule = 'R2'");
        agg::apply_warning_change(tx, kCityScjg, 202603, RuleCode::kR2, -1);
    });
    expect_aggregates_match();

    // Re-sent unchanged: R2 stays dismissed, R6 stays open; nothing counts twice.
    run = ingest_text(lines({single, major}));
    EXPECT_EQ(run.counts.updated, 2);
    EXPECT_EQ(run.counts.warnings[1], 0);  // dismissed: not open
    EXPECT_EQ(warning_state(kCityScjg, "W-1", "R2"), "dismissed");
    EXPECT_EQ(warning_state(kCityScjg, "W-2", "R6"), "open");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_warnings"), 2);
    expect_aggregates_match();

    // Corrected at the source: R6 resolves; the dismissed R2 stays dismissed.
    single.officers = {"执130500-0001", "执130500-0002"};
    major.review = true;
    ingest_text(lines({single, major}));
    EXPECT_EQ(warning_state(kCityScjg, "W-1", "R2"), "dismissed");
    EXPECT_EQ(warning_state(kCityScjg, "W-2", "R6"), "resolved");
    EXPECT_EQ(scalar("SELECT COALESCE(SUM(value), 0) FROM monitoring_agg WHERE metric LIKE 'warn.%'"), 0);
    expect_aggregates_match();

    // Broken again: the resolved warning reopens (same row, new version).
    major.review = false;
    run = ingest_text(lines({major}));
    EXPECT_EQ(run.counts.warnings[5], 1);
    EXPECT_EQ(warning_state(kCityScjg, "W-2", "R6"), "open");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_warnings WHERE rule = 'R6'"), 1);
    EXPECT_GE(scalar("SELECT version FROM monitoring_warnings WHERE rule = 'R6'"), 3);
    expect_aggregates_match();
}

TEST_P(IngestTest, ExpiredCertificateCountsInCertFiguresAndFiresR1) {
    Act a;
    a.id = "C-1";
    a.officers = {"执130500-0001", "执130500-0003"};  // the second expired on 2026-03-01
    ingest_text(lines({a}));
    EXPECT_EQ(warning_state(kCityScjg, "C-1", "R1"), "open");
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE metric = 'cert.slots'"), 2);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE metric = 'cert.valid'"), 1);
    expect_aggregates_match();
}

TEST_P(IngestTest, ReevaluateResolvesWhatNoLongerFiresAndReopensWhenItComesBack) {
    Act single;
    single.id = "E-1";
    single.officers = {"执130500-0001"};
    Act dismissed = single;
    dismissed.id = "E-2";
    Act unpublished;  // R5: not published, the deadline long passed
    unpublished.id = "E-3";
    unpublished.published = "";
    ingest_text(lines({single, dismissed, unpublished}));
    database().write([](db::Tx& tx) {
        tx.exec("UPDATE monitoring_warnings SET state = 'dismissed' WHERE ext_key = $1", {ext_key_of("E-2")});
        agg::apply_warning_change(tx, kCityScjg, 202603, RuleCode::kR2, -1);
    });
    EXPECT_EQ(warning_state(kCityScjg, "E-3", "R5"), "open");
    expect_aggregates_match();

    rules::RuleSet off = rules::default_rule_set();
    off.r2_enabled = false;
    auto c = reevaluate(database(), *audit_, kToday, off);
    EXPECT_EQ(c.acts, 3);
    EXPECT_EQ(c.resolved, 1);
    EXPECT_EQ(warning_state(kCityScjg, "E-1", "R2"), "resolved");
    EXPECT_EQ(warning_state(kCityScjg, "E-2", "R2"), "dismissed");
    EXPECT_EQ(warning_state(kCityScjg, "E-3", "R5"), "open");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts WHERE warn_mask <> 0"), 1);
    expect_aggregates_match(off);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'monitoring.reevaluate'"), 1);

    c = reevaluate(database(), *audit_, kToday, rules::default_rule_set());
    EXPECT_EQ(c.opened, 1);
    EXPECT_EQ(warning_state(kCityScjg, "E-1", "R2"), "open");
    EXPECT_EQ(warning_state(kCityScjg, "E-2", "R2"), "dismissed");
    expect_aggregates_match();
    // Nothing changed: a second run keeps everything.
    c = reevaluate(database(), *audit_, kToday, rules::default_rule_set());
    EXPECT_EQ(c.opened, 0);
    EXPECT_EQ(c.resolved, 0);
    EXPECT_EQ(c.kept, 2);
    expect_aggregates_match();
}

TEST_P(IngestTest, ReevaluateWalksEveryActInPages) {
    std::vector<Act> acts;
    for (int i = 0; i < 5200; ++i) {  // more than one page of 5000
        Act a;
        a.id = "P-" + std::to_string(i);
        a.agency = i % 3 == 0 ? kCityScjg : (i % 3 == 1 ? kXinduAgri : kCityEdu);
        if (i % 50 == 0) a.officers = {"执130500-0002"};
        acts.push_back(a);
    }
    ingest_text(lines(acts));
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_warnings WHERE rule = 'R2' AND state = 'open'"), 104);
    rules::RuleSet off = rules::default_rule_set();
    off.r2_enabled = false;
    const auto c = reevaluate(database(), *audit_, kToday, off);
    EXPECT_EQ(c.acts, 5200);
    EXPECT_EQ(c.resolved, 104);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_warnings WHERE state = 'resolved'"), 104);
    expect_aggregates_match(off);
}

TEST_P(IngestTest, RepeatInspectionFiresAcrossBatchesAndResolvesWhenAnInspectionMoves) {
    auto inspection = [](const std::string& id, int64_t agency, const std::string& date) {
        Act a;
        a.id = id;
        a.agency = agency;
        a.kind = "inspection";
        a.item = "K001";
        a.party = "42a7c0ffee42a7c0ffee42a7c0ffee42";
        a.filed = date;
        a.decided = "";
        a.published = "";
        a.amount = 0;
        a.publish = false;
        return a;
    };
    const Act i1 = inspection("I-1", kCityScjg, "2026-06-01");
    const Act i2 = inspection("I-2", kXinduAgri, "2026-06-10");
    Act i3 = inspection("I-3", kNingjinScjg, "2026-06-20");
    const Act other = inspection("I-4", kCityEdu, "2026-06-21");
    // One row per batch: the third agency's inspection completes the window in its own batch.
    auto run = ingest_text(lines({i1, i2}), What::kActs, 1);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_warnings WHERE rule = 'R8'"), 0);
    run = ingest_text(lines({i3}), What::kActs, 1);
    EXPECT_EQ(run.counts.warnings[7], 1);
    EXPECT_EQ(warning_state(kNingjinScjg, "I-3", "R8"), "open");
    expect_aggregates_match();
    // A fourth agency the next day: its act fires too, the third stays.
    run = ingest_text(lines({other}), What::kActs, 1);
    EXPECT_EQ(warning_state(kCityEdu, "I-4", "R8"), "open");
    EXPECT_EQ(warning_state(kNingjinScjg, "I-3", "R8"), "open");
    expect_aggregates_match();
    // The first inspection was in fact in April: only two agencies remain within 30 days of I-3, and
    // I-4 (inside the window of I-2, I-3, I-4) keeps its warning.
    ingest_text(lines({inspection("I-1", kCityScjg, "2026-04-01")}), What::kActs, 1);
    EXPECT_EQ(warning_state(kNingjinScjg, "I-3", "R8"), "resolved");
    EXPECT_EQ(warning_state(kCityEdu, "I-4", "R8"), "open");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_inspections"), 4);
    expect_aggregates_match();
    // Reevaluate agrees with what ingest left.
    const auto c = reevaluate(database(), *audit_, kToday, rules::default_rule_set());
    EXPECT_EQ(c.opened, 0);
    EXPECT_EQ(c.resolved, 0);
    expect_aggregates_match();
}

TEST_P(IngestTest, AnAgencyLiaisonMaySendOnlyItsOwnAgencysRows) {
    auth::Caller liaison;
    liaison.user_id = 42;
    liaison.org_id = kCityScjg;
    liaison.org_region = "130500";
    liaison.roles = {"agency_liaison"};
    liaison.permissions = {"monitoring.import", "monitoring.respond"};
    liaison.scope.org_ids = {kCityScjg};
    Act own, other;
    own.id = "S-1";
    other.id = "S-2";
    other.agency = kXinduAgri;
    auto run = ingest_text(lines({own, other}), What::kActs, 5000, &liaison);
    EXPECT_EQ(run.counts.accepted, 1);
    EXPECT_EQ(run.counts.rejected, 1);
    ASSERT_EQ(run.rejected.size(), 1u);
    EXPECT_EQ(run.rejected[0].first, 2);
    EXPECT_EQ(run.rejected[0].second.field, "agency");
    EXPECT_NE(run.rejected[0].second.reason.find("无权"), std::string::npos);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_acts WHERE agency_id = $1", {kXinduAgri}), 0);
    EXPECT_EQ(scalar("SELECT by_user FROM monitoring_batches WHERE id = $1", {run.acks[0].batch_id}), 42);

    // A caller without monitoring.import sends nothing.
    auth::Caller reader = liaison;
    reader.permissions = {"monitoring.respond"};
    run = ingest_text(lines({own}), What::kActs, 5000, &reader);
    EXPECT_EQ(run.counts.rejected, 1);
    EXPECT_EQ(run.counts.updated, 0);
}

TEST_P(IngestTest, CasesFeedTheRatesAndAreIdempotent) {
    auto kase = [](const std::string& id, const char* kind, const char* outcome, const char* concluded) {
        json::object o;
        o["agency"] = uscc_of(kCityScjg);
        o["external_id"] = id;
        o["kind"] = kind;
        o["received_on"] = "2026-02-01";
        if (concluded) o["concluded_on"] = concluded;
        if (outcome) o["outcome"] = outcome;
        return json::serialize(o) + "\n";
    };
    std::string text = kase("F-1", "reconsideration", "撤销", "2026-04-10") +
                       kase("F-2", "reconsideration", "维持", "2026-04-11") +
                       kase("F-3", "reconsideration", "撤诉", "2026-04-12") +
                       kase("F-4", "litigation", "败诉", "2026-05-01") + kase("F-5", "litigation", nullptr, nullptr);
    auto run = ingest_text(text, What::kCases);
    EXPECT_EQ(run.counts.accepted, 5);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE metric = 'recon.concluded'"), 2);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE metric = 'recon.corrected'"), 1);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE metric = 'lit.lost'"), 1);
    expect_aggregates_match();
    // F-2 turns out 变更 (纠错), F-5 concludes 胜诉.
    run = ingest_text(
        kase("F-2", "reconsideration", "变更", "2026-04-11") + kase("F-5", "litigation", "胜诉", "2026-06-01"),
        What::kCases);
    EXPECT_EQ(run.counts.updated, 2);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM monitoring_cases"), 5);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE metric = 'recon.corrected'"), 2);
    expect_aggregates_match();
    // A new definition (撤诉 counts in the denominator) applies on reevaluate.
    rules::RuleSet rs = rules::default_rule_set();
    rs.reconsideration.excluded.erase("撤诉");
    reevaluate(database(), *audit_, kToday, rs);
    EXPECT_EQ(scalar("SELECT value FROM monitoring_agg WHERE metric = 'recon.concluded'"), 3);
    expect_aggregates_match(rs);
}

TEST_P(IngestTest, CsvInputWithAHeader) {
    const std::string csv = "agency,external_id,kind,officers,filed_on,decided_on,amount_fen,item_code\n" +
                            uscc_of(kCityScjg) +
                            ",V-1,penalty,执130500-0001;执130500-0002,2026-03-02,2026-03-20,150000,C001\n" +
                            uscc_of(kCityScjg) + ",V-2,penalty,执130500-0001,2026-03-02,2026-03-21,150000,C001\n";
    const auto run = ingest_text(csv);
    EXPECT_EQ(run.counts.accepted, 2);
    EXPECT_EQ(run.counts.rejected, 0);
    ASSERT_EQ(run.acks.size(), 1u);
    EXPECT_EQ(run.acks[0].first_line, 2);
    EXPECT_EQ(warning_state(kCityScjg, "V-2", "R2"), "open");
    expect_aggregates_match();
}

INSTANTIATE_TEST_SUITE_P(Db, IngestTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::monitoring
