// MonitoringService on both databases (Db/*): the warnings' list within the scope and its filters,
// the detail (with the agency's view once sent), dismiss / send / respond / turn into a matter with
// their refusals (each leaving everything as it was), and the summary, indicators and drill-down read
// from the aggregate tables. Acts, warnings and aggregates are seeded with SQL, as the ingest writes
// them, so these tests stand apart from the ingest's own.
#include "lecs/monitoring/service.hpp"

#include <gtest/gtest.h>

#include "lecs/supervision/supervision_test_fixture.hpp"

namespace lecs::monitoring {
namespace {

using namespace lecs::supervision::testing;

constexpr int64_t kW1 = 71001;  // 信都区农业农村局, R2 red, 2026-10-12
constexpr int64_t kW2 = 71002;  // 宁晋县市场监督管理局, R4 yellow, 2026-09-20
constexpr int64_t kW3 = 71003;  // 邢台市市场监督管理局, R1 red, 2026-10-05

class MonitoringServiceTest : public SupervisionFixture {
  protected:
    void SetUp() override {
        SupervisionFixture::SetUp();
        mon_ = std::make_unique<MonitoringService>(*audit_, *workflow_, *svc_, rules::default_rule_set());
        database().write([](db::Tx& tx) {
            auto act = [&](int64_t agency, int64_t key, const char* ext, const char* kind, const char* date, int month,
                           const char* region, int64_t mask) {
                tx.exec(
                    "INSERT INTO monitoring_acts (agency_id, ext_key, external_id, kind, act_date, month, region_code, "
                    "case_no, item_code, officers, party_type, party_key, filed_on, decided_on, penalty_types, "
                    "amount_fen, procedure, legal_review, major, publish_required, extension_days, excluded_days, "
                    "warn_mask, batch_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'X-001', "
                    "'[\"冀执130503-0007\"]', 'org', 'p1', '2026-09-01', $5, 2, 500000, 'general', 1, 0, 1, 0, 0, "
                    "$9, 1, $10)",
                    {agency, key, std::string(ext), std::string(kind), std::string(date), int64_t{month},
                     std::string(region), std::string("案") + ext, mask, kNov27});
            };
            act(kXinduAgri, 11, "XD-1", "penalty", "2026-10-12", 202610, "130503", 2);
            act(kXinduAgri, 12, "XD-2", "penalty", "2026-10-20", 202610, "130503", 0);
            act(kNingjinScjg, 21, "NJ-1", "penalty", "2026-09-20", 202609, "130528", 8);
            act(kScjg, 31, "SJ-1", "license", "2026-10-05", 202610, "130500", 1);
            auto warning = [&](int64_t id, int64_t agency, int64_t key, const char* rule, const char* severity,
                               const char* region, const char* date, int month, const char* summary) {
                tx.exec(
                    "INSERT INTO monitoring_warnings (id, agency_id, ext_key, rule, severity, state, region_code, "
                    "act_date, month, summary, evidence, evaluated_at, version, created_at, updated_at) VALUES ($1, "
                    "$2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11, 1, $11, $11)",
                    {id, agency, key, std::string(rule), std::string(severity), std::string(region), std::string(date),
                     int64_t{month}, std::string(summary), std::string("{\"officers\":1,\"min_officers\":2}"), kNov27});
            };
            warning(kW1, kXinduAgri, 11, "R2", "red", "130503", "2026-10-12", 202610, "行政处罚仅有1名执法人员");
            warning(kW2, kNingjinScjg, 21, "R4", "yellow", "130528", "2026-09-20", 202609, "办案期限仅剩5日");
            warning(kW3, kScjg, 31, "R1", "red", "130500", "2026-10-05", 202610, "执法人员证件已过期");
            auto agg = [&](int64_t agency, const char* region, const char* level, int month, const char* metric,
                           int64_t v) {
                tx.exec("INSERT INTO monitoring_agg (agency_id, month, metric, value) VALUES ($1, $2, $3, $4)",
                        {agency, int64_t{month}, std::string(metric), v});
                tx.exec(
                    "INSERT INTO monitoring_agg_region (region_code, level, month, metric, value) VALUES ($1, $2, $3, "
                    "$4, $5) ON CONFLICT (region_code, level, month, metric) DO UPDATE SET value = "
                    "monitoring_agg_region.value + excluded.value",
                    {std::string(region), std::string(level), int64_t{month}, std::string(metric), v});
            };
            for (auto [m, v] : std::vector<std::pair<const char*, int64_t>>{{"acts.penalty", 2},
                                                                            {"amount.penalty", 1000000},
                                                                            {"warn.R2", 1},
                                                                            {"cert.slots", 4},
                                                                            {"cert.valid", 3},
                                                                            {"pub.due", 2},
                                                                            {"pub.on_time", 1},
                                                                            {"recon.concluded", 4},
                                                                            {"recon.corrected", 1}})
                agg(kXinduAgri, "130503", "county", 202610, m, v);
            for (auto [m, v] : std::vector<std::pair<const char*, int64_t>>{{"acts.penalty", 1},
                                                                            {"amount.penalty", 500000},
                                                                            {"warn.R4", 1},
                                                                            {"lit.concluded", 2},
                                                                            {"lit.lost", 1},
                                                                            {"cert.slots", 1},
                                                                            {"cert.valid", 1}})
                agg(kNingjinScjg, "130528", "county", 202609, m, v);
            for (auto [m, v] : std::vector<std::pair<const char*, int64_t>>{{"acts.license", 1}, {"warn.R1", 1}})
                agg(kScjg, "130500", "city", 202610, m, v);
        });
    }
    void TearDown() override {
        mon_.reset();
        SupervisionFixture::TearDown();
    }

    Result<WarningPage> try_list(const auth::Caller& who, WarningFilter f = {}) {
        return database().read([&](db::Tx& t) { return mon_->list(t, who, f); });
    }
    WarningPage list(const auth::Caller& who, WarningFilter f = {}) {
        auto r = try_list(who, std::move(f));
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r.value() : WarningPage{};
    }
    std::vector<int64_t> ids(const WarningPage& p) {
        std::vector<int64_t> out;
        for (const auto& w : p.items) out.push_back(w.id);
        return out;
    }
    Result<WarningDetail> get(const auth::Caller& who, int64_t id) {
        return database().read([&](db::Tx& t) { return mon_->get(t, who, id); });
    }
    template <class F>
    auto change(F&& f) {
        return database().write([&](db::Tx& t) { return f(t); });
    }
    int64_t agg_value(const char* table_key, const std::string& metric) {
        const std::string sql = std::string(table_key) == "agency"
                                    ? "SELECT COALESCE(SUM(value), 0) FROM monitoring_agg WHERE metric = $1"
                                    : "SELECT COALESCE(SUM(value), 0) FROM monitoring_agg_region WHERE metric = $1";
        return count(sql, {metric});
    }
    // Everything a refused call must leave as it was.
    std::string state() {
        return database().read([&](db::Tx& t) {
            std::string out;
            for (const auto& r : t.query("SELECT id, state, version, COALESCE(dismiss_reason, ''), "
                                         "COALESCE(response, '') FROM monitoring_warnings ORDER BY id"))
                out += r.str(1) + "/v" + std::to_string(r.i64(2)) + "/" + r.str(3) + "/" + r.str(4) + " ";
            for (const char* table : {"audit_log", "todos", "supervision_matters"})
                out += std::string(table) + "=" +
                       std::to_string(t.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0)) + " ";
            out += "agg=" + std::to_string(t.query_one("SELECT SUM(value) FROM monitoring_agg")->i64(0));
            out += " region=" + std::to_string(t.query_one("SELECT SUM(value) FROM monitoring_agg_region")->i64(0));
            return out;
        });
    }

    std::unique_ptr<MonitoringService> mon_;
};

TEST_P(MonitoringServiceTest, ListsTheWarningsInsideTheScopeWithTheFilters) {
    EXPECT_EQ(ids(list(city_sup())), (std::vector<int64_t>{kW1, kW3, kW2}));  // newest act first
    EXPECT_EQ(ids(list(xindu_sup())), std::vector<int64_t>{kW1});
    EXPECT_EQ(ids(list(ningjin_sup())), std::vector<int64_t>{kW2});
    EXPECT_EQ(list(xindu_agri_liaison()).total, 0);  // no monitoring.read
    WarningFilter f;
    f.rule = "R4";
    EXPECT_EQ(ids(list(city_sup(), f)), std::vector<int64_t>{kW2});
    f = {};
    f.severity = "red";
    EXPECT_EQ(list(city_sup(), f).total, 2);
    f = {};
    f.region = "130503";
    EXPECT_EQ(ids(list(city_sup(), f)), std::vector<int64_t>{kW1});
    f.region = "130528";
    // The filter never widens the scope: another county is refused, not answered with an empty page.
    auto other = try_list(xindu_sup(), f);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().http_status, 404);
    f = {};
    f.from = Date{2026, 10, 1};
    f.to = Date{2026, 10, 11};
    EXPECT_EQ(ids(list(city_sup(), f)), std::vector<int64_t>{kW3});
    f = {};
    f.agency_id = kNingjinScjg;
    auto other_agency = try_list(xindu_sup(), f);  // another county's agency: not found, not an empty page
    ASSERT_FALSE(other_agency.ok());
    EXPECT_EQ(other_agency.error().http_status, 404);
    f.state = "open";
    EXPECT_EQ(ids(list(city_sup(), f)), std::vector<int64_t>{kW2});
    f.state = "sent";
    EXPECT_EQ(list(city_sup(), f).total, 0);
    f = {};
    f.limit = 1;
    f.offset = 1;
    auto page = list(city_sup(), f);
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(ids(page), std::vector<int64_t>{kW3});
    const auto page1 = list(xindu_sup());
    const auto& w = page1.items.at(0);
    EXPECT_EQ(w.agency_name, "邢台市信都区农业农村局");
    EXPECT_EQ(w.external_id, "XD-1");
    EXPECT_EQ(w.case_no, "案XD-1");
}

TEST_P(MonitoringServiceTest, TheDetailCarriesTheActAndTheAgencySeesItOnlyOnceSent) {
    auto d = get(xindu_sup(), kW1);
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(d->act);
    EXPECT_EQ(d->act->external_id, "XD-1");
    EXPECT_EQ(d->act->amount_fen, 500000);
    EXPECT_EQ(d->warning.evidence, "{\"officers\":1,\"min_officers\":2}");
    ASSERT_EQ(d->history.size(), 1u);
    EXPECT_EQ(d->history[0].action, "opened");
    EXPECT_EQ(get(ningjin_sup(), kW1).error().http_status, 404);
    EXPECT_EQ(get(xindu_agri_liaison(), kW1).error().http_status, 404);  // not sent yet
    // In the agency, but neither monitoring.read nor monitoring.respond.
    EXPECT_EQ(get(caller(61, "expert", kXinduAgri, "organ", "county", "130503", "expert"), kW1).error().http_status,
              403);
    ASSERT_TRUE(change([&](db::Tx& t) { return mon_->send(t, xindu_sup(), kW1, "请核实执法人员", 1, kNov27); }).ok());
    auto seen = get(xindu_agri_liaison(), kW1);
    ASSERT_TRUE(seen.ok());
    ASSERT_EQ(seen->history.size(), 2u);
    EXPECT_EQ(seen->history[1].action, "sent");
    EXPECT_EQ(seen->history[1].by, "xindu.sup1");
    EXPECT_EQ(seen->history[1].detail, "请核实执法人员");
    EXPECT_EQ(get(ningjin_scjg_liaison(), kW1).error().http_status, 404);
}

TEST_P(MonitoringServiceTest, DismissNeedsAReasonTheStateAndTheVersionAndLeavesTheIndicator) {
    const std::string before = state();
    auto refused = [&](const auth::Caller& who, const std::string& reason, int64_t version) {
        return change([&](db::Tx& t) { return mon_->dismiss(t, who, kW1, reason, version, kNov27); });
    };
    EXPECT_EQ(refused(xindu_sup(), "  ", 1).error().field, "reason");
    EXPECT_EQ(refused(xindu_sup(), std::string(501, 'x'), 1).error().code, "validation.too_long");
    EXPECT_EQ(refused(xindu_sup(), "核实无误", 2).error().code, "version_conflict");
    EXPECT_EQ(refused(ningjin_sup(), "核实无误", 1).error().http_status, 404);
    EXPECT_EQ(refused(xindu_agri_liaison(), "核实无误", 1).error().http_status, 403);
    EXPECT_EQ(state(), before);
    EXPECT_EQ(agg_value("agency", "warn.R2"), 1);

    auto ok = refused(xindu_sup(), std::string(500, 'x'), 1);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->state, "dismissed");
    EXPECT_EQ(ok->version, 2);
    EXPECT_EQ(audits("monitoring.warning_dismissed"), 1);
    // warn.R2 counts the warnings that are not dismissed: per agency and per region.
    EXPECT_EQ(agg_value("agency", "warn.R2"), 0);
    EXPECT_EQ(agg_value("region", "warn.R2"), 0);
    const std::string after = state();
    auto again = refused(xindu_sup(), "再次排除", 2);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "workflow.wrong_state");
    EXPECT_EQ(again.error().http_status, 409);
    EXPECT_EQ(state(), after);
}

TEST_P(MonitoringServiceTest, SendGivesTheAgencyATodoAndItsResponseCompletesIt) {
    auto send = [&](const auth::Caller& who, int64_t version, const std::string& note = "") {
        return change([&](db::Tx& t) { return mon_->send(t, who, kW1, note, version, kNov27); });
    };
    const std::string before = state();
    EXPECT_EQ(send(xindu_sup(), 1, std::string(501, 'x')).error().field, "note");
    EXPECT_EQ(send(xindu_sup(), 3).error().code, "version_conflict");
    EXPECT_EQ(send(ningjin_sup(), 1).error().http_status, 404);
    EXPECT_EQ(state(), before);
    auto sent = send(xindu_sup(), 1);
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    EXPECT_EQ(sent->state, "sent");
    ASSERT_TRUE(sent->sent_at);
    const auto agency_todos = todos_of(xindu_agri_liaison());
    const auto* todo = find_todo(agency_todos, "warning", kW1, "respond");
    ASSERT_NE(todo, nullptr);
    EXPECT_NE(todo->input.title.find("单人执法"), std::string::npos);
    EXPECT_FALSE(has_todo(todos_of(ningjin_scjg_liaison()), "warning", kW1, "respond"));
    EXPECT_EQ(send(xindu_sup(), 2).error().code, "workflow.wrong_state");

    auto respond = [&](const auth::Caller& who, const std::string& text, int64_t version) {
        return change([&](db::Tx& t) { return mon_->respond(t, who, kW1, text, version, kNov27 + kDay); });
    };
    const std::string sent_state = state();
    EXPECT_EQ(respond(xindu_agri_liaison(), "", 2).error().field, "response");
    EXPECT_EQ(respond(xindu_agri_liaison(), std::string(4001, 'x'), 2).error().code, "validation.too_long");
    EXPECT_EQ(respond(xindu_agri_liaison(), "已核实", 1).error().code, "version_conflict");
    EXPECT_EQ(respond(xindu_sup(), "已核实", 2).error().http_status, 403);
    EXPECT_EQ(respond(ningjin_scjg_liaison(), "已核实", 2).error().http_status, 404);
    EXPECT_EQ(state(), sent_state);
    auto done = respond(xindu_agri_liaison(), "经核实，另一名执法人员漏录，已补录", 2);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->state, "responded");
    EXPECT_EQ(done->responded_by, 22);
    EXPECT_FALSE(has_todo(todos_of(xindu_agri_liaison()), "warning", kW1, "respond"));
    EXPECT_EQ(respond(xindu_agri_liaison(), "再次反馈", 3).error().code, "workflow.wrong_state");
    EXPECT_EQ(audits("monitoring.warning_sent"), 1);
    EXPECT_EQ(audits("monitoring.warning_responded"), 1);
}

TEST_P(MonitoringServiceTest, AWarningBecomesASupervisionMatterWithSourceDataWarning) {
    auto to_matter = [&](const auth::Caller& who, int64_t id, const MatterRequest& in, int64_t version) {
        return change([&](db::Tx& t) { return mon_->to_matter(t, who, id, in, version, kNov27); });
    };
    const std::string before = state();
    EXPECT_EQ(to_matter(xindu_sup(), kW1, {}, 2).error().code, "version_conflict");
    EXPECT_EQ(to_matter(ningjin_sup(), kW1, {}, 1).error().http_status, 404);
    // The city's department over a county's agency: 提级监督 must say why (supervision's own check).
    auto upper = to_matter(city_sup(), kW2, {}, 1);
    ASSERT_FALSE(upper.ok());
    EXPECT_EQ(upper.error().code, "matter.upper_reason_required");
    MatterRequest bad;
    bad.categories = {"nope"};
    EXPECT_EQ(to_matter(xindu_sup(), kW1, bad, 1).error().http_status, 400);
    EXPECT_EQ(state(), before);

    auto made = to_matter(xindu_sup(), kW1, {}, 1);
    ASSERT_TRUE(made.ok()) << made.error().message;
    const auto& [w, m] = made.value();
    EXPECT_EQ(w.state, "matter");
    EXPECT_EQ(w.matter_id, m.id);
    EXPECT_EQ(m.source, "data_warning");
    EXPECT_EQ(m.source_ref, kW1);
    EXPECT_EQ(m.target_org_id, kXinduAgri);
    EXPECT_EQ(m.handling_org_id, kXinduJustice);
    EXPECT_EQ(m.categories, std::vector<std::string>{"art11_3"});
    EXPECT_NE(m.subject.find("单人执法"), std::string::npos);
    EXPECT_EQ(audits("matter.opened"), 1);
    EXPECT_EQ(audits("monitoring.warning_matter"), 1);
    EXPECT_EQ(to_matter(xindu_sup(), kW1, {}, 2).error().code, "workflow.wrong_state");
    MatterRequest reason;
    reason.upper_reason = "跨县同类问题集中，提级监督";
    EXPECT_TRUE(to_matter(city_sup(), kW2, reason, 1).ok());
}

TEST_P(MonitoringServiceTest, IndicatorsComeFromTheAggregatesOnly) {
    auto ind = [&](const auth::Caller& who, IndicatorQuery q) {
        return database().read([&](db::Tx& t) { return mon_->indicators(t, who, q); });
    };
    IndicatorQuery q;
    q.from = 202609;
    q.to = 202610;
    // The acts are not read: without them the figures are the same.
    database().write([](db::Tx& t) { t.exec("DELETE FROM monitoring_acts"); });
    auto city = ind(city_sup(), q);
    ASSERT_TRUE(city.ok());
    const auto& t = city->total;
    EXPECT_EQ(t.acts[static_cast<size_t>(ActKind::kPenalty)], 3);
    EXPECT_EQ(t.acts[static_cast<size_t>(ActKind::kLicense)], 1);
    EXPECT_EQ(t.amount[static_cast<size_t>(ActKind::kPenalty)], 1500000);
    EXPECT_EQ(t.warnings[1], 1);  // R2
    EXPECT_EQ(t.warnings[3], 1);  // R4
    EXPECT_EQ(t.certification.numerator, 4);
    EXPECT_EQ(t.certification.denominator, 5);
    EXPECT_EQ(t.recon.numerator, 1);
    EXPECT_EQ(t.recon.denominator, 4);
    EXPECT_EQ(t.lit.numerator, 1);
    EXPECT_EQ(t.lit.denominator, 2);
    EXPECT_EQ(t.publication.numerator, 1);
    EXPECT_EQ(t.publication.denominator, 2);
    ASSERT_EQ(city->series.size(), 2u);
    EXPECT_EQ(city->series[0].month, 202609);
    EXPECT_EQ(city->series[0].acts[0], 1);
    EXPECT_EQ(city->series[1].acts[0], 2);

    q.region = "130503";
    auto xindu = ind(xindu_sup(), q);
    ASSERT_TRUE(xindu.ok());
    EXPECT_EQ(xindu->total.acts[0], 2);
    EXPECT_EQ(xindu->total.lit.denominator, 0);
    q.region = "130528";
    EXPECT_EQ(ind(xindu_sup(), q).error().http_status, 404);  // another county
    q.region = "130500";
    EXPECT_EQ(ind(xindu_sup(), q).error().http_status, 404);  // the whole city
    q.region.reset();
    auto own = ind(ningjin_sup(), q);  // no region: the caller's own
    ASSERT_TRUE(own.ok());
    EXPECT_EQ(own->total.acts[0], 1);
    q.agency_id = kScjg;
    auto agency = ind(city_sup(), q);
    ASSERT_TRUE(agency.ok());
    EXPECT_EQ(agency->total.acts[static_cast<size_t>(ActKind::kLicense)], 1);
    EXPECT_EQ(agency->total.acts[0], 0);
    EXPECT_EQ(ind(xindu_sup(), q).error().http_status, 404);
    EXPECT_EQ(ind(xindu_agri_liaison(), q).error().http_status, 403);
    q.agency_id.reset();
    q.from = 202601;
    q.to = 202612;
    auto year = ind(city_sup(), q);
    ASSERT_TRUE(year.ok());
    EXPECT_EQ(year->series.size(), 12u);
    EXPECT_EQ(year->series[11].month, 202612);
}

TEST_P(MonitoringServiceTest, SummaryCountsByRuleRegionAndMonth) {
    auto sum = [&](const auth::Caller& who, std::optional<std::string> region) {
        return database().read([&](db::Tx& t) { return mon_->summary(t, who, region, 202609, 202611); });
    };
    auto city = sum(city_sup(), std::nullopt);
    ASSERT_TRUE(city.ok());
    ASSERT_EQ(city->by_rule_region.size(), 3u);
    EXPECT_EQ(city->by_rule_region[0].region_code, "130500");
    EXPECT_EQ(city->by_rule_region[0].rule, "R1");
    EXPECT_EQ(city->by_rule_region[1].region_code, "130503");
    EXPECT_EQ(city->by_rule_region[1].rule, "R2");
    ASSERT_EQ(city->by_month.size(), 3u);
    EXPECT_EQ(city->by_month[0].first, 202609);
    EXPECT_EQ(city->by_month[0].second[3], 1);
    EXPECT_EQ(city->by_month[1].second[0], 1);
    EXPECT_EQ(city->by_month[1].second[1], 1);
    EXPECT_EQ(city->by_month[2].second[1], 0);
    auto xindu = sum(xindu_sup(), std::nullopt);
    ASSERT_TRUE(xindu.ok());
    ASSERT_EQ(xindu->by_rule_region.size(), 1u);
    EXPECT_EQ(xindu->by_rule_region[0].rule, "R2");
    EXPECT_EQ(sum(xindu_sup(), std::string("130528")).error().http_status, 404);
}

TEST_P(MonitoringServiceTest, TheDrillDownListsAnAgencysActsOfAMonthWithTheirWarnings) {
    auto acts = [&](const auth::Caller& who, ActFilter f) {
        return database().read([&](db::Tx& t) { return mon_->acts(t, who, f); });
    };
    ActFilter f;
    f.agency_id = kXinduAgri;
    f.month = 202610;
    auto all = acts(xindu_sup(), f);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->total, 2);
    EXPECT_EQ(all->items[0].external_id, "XD-1");
    ASSERT_EQ(all->warnings[0].size(), 1u);
    EXPECT_EQ(all->warnings[0][0].id, kW1);
    EXPECT_TRUE(all->warnings[1].empty());
    f.rule = "R2";
    EXPECT_EQ(acts(xindu_sup(), f)->total, 1);
    ASSERT_TRUE(change([&](db::Tx& t) { return mon_->dismiss(t, xindu_sup(), kW1, "误报", 1, kNov27); }).ok());
    EXPECT_EQ(acts(xindu_sup(), f)->total, 0);  // as warn.R2 counts: not the dismissed
    f.rule.reset();
    f.kind = "license";
    EXPECT_EQ(acts(xindu_sup(), f)->total, 0);
    f.kind.reset();
    f.limit = 1;
    f.offset = 1;
    auto second = acts(xindu_sup(), f);
    ASSERT_EQ(second->items.size(), 1u);
    EXPECT_EQ(second->items[0].external_id, "XD-2");
    f.agency_id = kNingjinScjg;
    EXPECT_EQ(acts(xindu_sup(), f).error().http_status, 404);
}

TEST_P(MonitoringServiceTest, AgencyFiguresSumTheMonthsPerAgencyInsideTheScope) {
    auto figures = [&](const auth::Caller& who, std::optional<std::string> region, int from, int to) {
        return database().read([&](db::Tx& t) { return mon_->agency_figures(t, who, region, from, to); });
    };
    auto city = figures(city_sup(), std::nullopt, 202601, 202612);
    ASSERT_TRUE(city.ok());
    ASSERT_EQ(city->size(), 3u);  // by agency id: 市场监管局 9003, 信都区农业农村局 9013, 宁晋县市场监管局 9023
    EXPECT_EQ((*city)[0].agency_id, kScjg);
    EXPECT_EQ((*city)[0].total.acts[static_cast<size_t>(ActKind::kLicense)], 1);
    EXPECT_EQ((*city)[1].agency_id, kXinduAgri);
    EXPECT_EQ((*city)[1].total.acts[static_cast<size_t>(ActKind::kPenalty)], 2);
    EXPECT_EQ((*city)[1].total.amount[static_cast<size_t>(ActKind::kPenalty)], 1000000);
    EXPECT_EQ((*city)[1].total.recon.numerator, 1);
    EXPECT_EQ((*city)[1].total.recon.denominator, 4);
    EXPECT_EQ((*city)[1].total.certification.numerator, 3);
    EXPECT_EQ((*city)[2].agency_id, kNingjinScjg);
    EXPECT_EQ((*city)[2].total.lit.numerator, 1);
    EXPECT_EQ((*city)[2].total.lit.denominator, 2);
    // The months bound the sum: 宁晋's figures are of 2026-09 only.
    auto october = figures(city_sup(), std::nullopt, 202610, 202610);
    ASSERT_TRUE(october.ok());
    ASSERT_EQ(october->size(), 2u);
    EXPECT_EQ((*october)[1].agency_id, kXinduAgri);
    // A county sees its own agencies only; another county's region is 404; the city's region is the city.
    auto xindu = figures(xindu_sup(), std::nullopt, 202601, 202612);
    ASSERT_TRUE(xindu.ok());
    ASSERT_EQ(xindu->size(), 1u);
    EXPECT_EQ((*xindu)[0].agency_id, kXinduAgri);
    EXPECT_EQ(figures(xindu_sup(), std::string("130528"), 202601, 202612).error().http_status, 404);
    EXPECT_EQ(figures(xindu_sup(), std::string("130500"), 202601, 202612).error().http_status, 404);
    auto ningjin = figures(city_sup(), std::string("130528"), 202601, 202612);
    ASSERT_TRUE(ningjin.ok());
    ASSERT_EQ(ningjin->size(), 1u);
    EXPECT_EQ((*ningjin)[0].agency_id, kNingjinScjg);
    EXPECT_EQ(figures(city_sup(), std::string("130500"), 202601, 202612)->size(), 3u);
    // Without monitoring.read: 403.
    EXPECT_EQ(figures(room_sup(), std::nullopt, 202601, 202612).error().http_status, 403);
}

TEST_P(MonitoringServiceTest, LastIngestIsTheNewestBatch) {
    auto last = [&] { return database().read([&](db::Tx& t) { return mon_->last_ingest_at(t, city_sup()); }); };
    EXPECT_FALSE(last().has_value());
    database().write([](db::Tx& t) {
        for (auto [id, at] : {std::pair<int64_t, int64_t>{1, kNov27 - kDay}, {2, kNov27}, {3, kNov27 - 2 * kDay}})
            t.exec("INSERT INTO monitoring_batches (id, source, what, first_line, last_line, accepted, updated, "
                   "rejected, at_ms) VALUES ($1, 'cli', 'acts', 1, 10, 10, 0, 0, $2)",
                   {id, at});
    });
    EXPECT_EQ(last(), std::optional<int64_t>(kNov27));
    EXPECT_FALSE(database().read([&](db::Tx& t) { return mon_->last_ingest_at(t, room_sup()); }).has_value());
}

INSTANTIATE_TEST_SUITE_P(Db, MonitoringServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::monitoring
