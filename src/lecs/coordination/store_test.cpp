// The dispute tables on both databases: every column round-trips, the version
// guards updates, the list applies the data scope, events keep their order.
#include "lecs/coordination/store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "lecs/coordination/dispute_test_fixture.hpp"

namespace lecs::coordination {
namespace {

using namespace lecs::coordination::testing;

class DisputeStoreTest : public DisputeFixture {};

Dispute routed(int64_t id) {
    Dispute d;
    d.id = id;
    d.status = "under_review";
    d.region_code = "130500";
    d.competent_level = "city";
    d.competent_org_id = kCityJustice;
    d.rule_code = "art7.city_party";
    d.routing_reason = "依据第七条第一款……";
    d.routing_basis = "《邢台市行政执法协调监督工作办法》第七条第一款";
    d.vertical_flag = true;
    d.vertical_note = "垂直管理";
    d.vertical_confirmed_by = 21;
    d.vertical_confirmed_at = kNov27;
    d.applicant_org_id = kScjg;
    d.focus = "焦点";
    d.negotiation_date = Date{2026, 11, 20};
    d.negotiation_participants = "甲、乙";
    d.negotiation_outcome = "未达成一致";
    d.other_info = "其他";
    d.letter_attachment_id = 7001;
    d.filed_on = Date{2026, 11, 27};
    d.review_deadline_id = 55;
    d.domain = "market";
    d.created_at = d.updated_at = kNov27;
    d.created_by = d.updated_by = 21;
    d.parties = {
        {kScjg,
         "",
         "applicant",
         "甲观点",
         {{"《甲法》", "第一条"}, {"《乙条例》", "第二条"}},
         std::nullopt,
         std::nullopt},
        {kXinduAgri, "", "respondent", "乙观点", {}, Date{2026, 12, 8}, 66},
    };
    return d;
}

TEST_P(DisputeStoreTest, EveryColumnRoundTrips) {
    const Dispute d = routed(1);
    database().write([&](db::Tx& tx) { store::insert_dispute(tx, d); });
    auto s = stored(1);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, "under_review");
    EXPECT_EQ(s->competent_level, "city");
    EXPECT_EQ(s->competent_org_id, kCityJustice);
    EXPECT_EQ(s->rule_code, "art7.city_party");
    EXPECT_EQ(s->routing_reason, "依据第七条第一款……");
    EXPECT_TRUE(s->vertical_flag);
    EXPECT_EQ(s->vertical_note, "垂直管理");
    EXPECT_EQ(s->vertical_confirmed_by, 21);
    EXPECT_EQ(s->vertical_confirmed_at, kNov27);
    EXPECT_EQ(s->negotiation_date, (Date{2026, 11, 20}));
    EXPECT_EQ(s->negotiation_participants, "甲、乙");
    EXPECT_EQ(s->other_info, "其他");
    EXPECT_EQ(s->letter_attachment_id, 7001);
    EXPECT_EQ(s->filed_on, (Date{2026, 11, 27}));
    EXPECT_FALSE(s->accepted_on);
    EXPECT_EQ(s->review_deadline_id, 55);
    EXPECT_FALSE(s->supplement_deadline_id);
    EXPECT_EQ(s->version, 1);
    EXPECT_EQ(s->domain, "market");
    EXPECT_FALSE(s->concluded_on);
    ASSERT_EQ(s->parties.size(), 2u);
    EXPECT_EQ(s->parties[0].org_name, "邢台市市场监督管理局");
    ASSERT_EQ(s->parties[0].legal_basis.size(), 2u);
    EXPECT_EQ(s->parties[0].legal_basis[1].law, "《乙条例》");
    EXPECT_EQ(s->parties[0].legal_basis[1].article, "第二条");
    EXPECT_FALSE(s->parties[0].position_due_on);
    EXPECT_EQ(s->parties[1].position_due_on, (Date{2026, 12, 8}));
    EXPECT_EQ(s->parties[1].position_deadline_id, 66);
    EXPECT_FALSE(database().read([&](db::Tx& tx) { return store::find_dispute(tx, 2); }));
}

TEST_P(DisputeStoreTest, AnUpdateNeedsTheExpectedVersion) {
    Dispute d = routed(1);
    database().write([&](db::Tx& tx) { store::insert_dispute(tx, d); });
    d.status = "coordinating";
    d.accepted_on = Date{2026, 12, 1};
    EXPECT_EQ(database().write([&](db::Tx& tx) { return store::update_dispute(tx, d, 2); }), 0);
    EXPECT_EQ(stored(1)->status, "under_review");
    EXPECT_EQ(database().write([&](db::Tx& tx) { return store::update_dispute(tx, d, 1); }), 1);
    EXPECT_EQ(stored(1)->status, "coordinating");
    EXPECT_EQ(stored(1)->accepted_on, (Date{2026, 12, 1}));
    EXPECT_EQ(stored(1)->version, 2);
    d.status = "closed";
    d.domain = "agriculture";
    d.concluded_on = Date{2026, 12, 30};
    EXPECT_EQ(database().write([&](db::Tx& tx) { return store::update_dispute(tx, d, 2); }), 1);
    EXPECT_EQ(stored(1)->domain, "agriculture");
    EXPECT_EQ(stored(1)->concluded_on, (Date{2026, 12, 30}));
}

// A deadline row of dispute `owner`, open unless met_on is given.
void add_deadline(db::Tx& tx, int64_t id, int64_t owner, const char* due, bool open = true) {
    tx.exec(
        "INSERT INTO deadlines (id, owner_kind, owner_id, name, region_code, org_id, start_event, start_date, unit, "
        "days, due_date, original_due_date, provisional, status, version, created_at, updated_at, created_by) "
        "VALUES ($1, 'dispute', $2, 'review', '130500', $3, 'received', '2026-11-01', 'working', 5, $4, $4, 0, $5, "
        "1, 0, 0, 'test')",
        {id, owner, kCityJustice, std::string(due), std::string(open ? "open" : "met")});
}

TEST_P(DisputeStoreTest, TheRegisterFiltersByDomainAndOverdueAndCountsEveryRow) {
    Dispute market = routed(1);  // its review is overdue
    Dispute agri = routed(2);    // overdue but paused (补正): not overdue
    agri.domain = "agriculture";
    Dispute none = routed(3);  // due today: not yet overdue
    none.domain = "";
    Dispute met = routed(4);  // a met deadline long past: not overdue
    met.status = "closed";
    met.concluded_on = Date{2026, 12, 4};
    database().write([&](db::Tx& tx) {
        for (const auto* d : {&market, &agri, &none, &met}) store::insert_dispute(tx, *d);
        add_deadline(tx, 501, 1, "2026-11-26");
        add_deadline(tx, 502, 2, "2026-11-20");
        tx.exec(
            "INSERT INTO deadline_pauses (id, deadline_id, reason, start_date) VALUES (1, 502, '补正', "
            "'2026-11-18')");
        add_deadline(tx, 503, 3, "2026-11-27");
        add_deadline(tx, 504, 4, "2026-11-02", false);
        // A closed pause no longer stops the clock: 505 is overdue again, on dispute 3.
        add_deadline(tx, 505, 3, "2026-11-25");
        tx.exec(
            "INSERT INTO deadline_pauses (id, deadline_id, reason, start_date, end_date) VALUES (2, 505, "
            "'补正', '2026-11-10', '2026-11-12')");
    });
    auto ids = [&](store::ListFilter f) {
        f.today = Date{2026, 11, 27};
        auto page = database().read([&](db::Tx& tx) { return store::list_disputes(tx, city_sup().scope, f); });
        std::vector<int64_t> out;
        for (const auto& d : page.items) out.push_back(d.id);
        std::sort(out.begin(), out.end());
        return std::pair{out, page.overdue_ids};
    };
    store::ListFilter f;
    auto [all, overdue] = ids(f);
    EXPECT_EQ(all, (std::vector<int64_t>{1, 2, 3, 4}));
    EXPECT_EQ(overdue, (std::set<int64_t>{1, 3}));
    f.overdue_only = true;
    EXPECT_EQ(ids(f).first, (std::vector<int64_t>{1, 3}));
    f = {};
    f.domain = "agriculture";
    EXPECT_EQ(ids(f).first, std::vector<int64_t>{2});
    f.domain = "";
    EXPECT_EQ(ids(f).first, std::vector<int64_t>{3});
    f.domain = "market";
    f.overdue_only = true;
    EXPECT_EQ(ids(f).first, std::vector<int64_t>{1});

    store::ListFilter all_rows;
    all_rows.today = Date{2026, 11, 27};
    all_rows.limit = 1;  // the statistics ignore the page
    auto facts = database().read([&](db::Tx& tx) { return store::register_facts(tx, city_sup().scope, all_rows); });
    ASSERT_EQ(facts.size(), 4u);
    int overdue_rows = 0;
    for (const auto& r : facts) {
        overdue_rows += r.overdue;
        if (r.status == "closed") {
            EXPECT_EQ(r.concluded_on, (Date{2026, 12, 4}));
        }
    }
    EXPECT_EQ(overdue_rows, 2);
    // Another county's supervisor sees none of them.
    EXPECT_TRUE(
        database().read([&](db::Tx& tx) { return store::register_facts(tx, ningjin_sup().scope, all_rows); }).empty());
}

TEST_P(DisputeStoreTest, PartyNamesOfManyDisputesApplicantFirst) {
    database().write([&](db::Tx& tx) {
        store::insert_dispute(tx, routed(1));
        store::insert_dispute(tx, routed(2));
    });
    auto names = database().read([&](db::Tx& tx) { return store::party_names(tx, {1, 2, 99}); });
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[1], (std::vector<std::string>{"邢台市市场监督管理局", "邢台市信都区农业农村局"}));
    EXPECT_EQ(names[2], names[1]);
    EXPECT_TRUE(database().read([&](db::Tx& tx) { return store::party_names(tx, {}); }).empty());
}

TEST_P(DisputeStoreTest, TheListAppliesTheScopeAndKeepsDraftsToTheApplicant) {
    Dispute city = routed(1);
    Dispute county = routed(2);
    county.region_code = "130528";
    county.competent_level = "county";
    county.competent_org_id = kNingjinJustice;
    county.applicant_org_id = kNingjinScjg;
    county.parties = {{kNingjinScjg, "", "applicant", "", {}, std::nullopt, std::nullopt},
                      {kNingjinEdu, "", "respondent", "", {}, std::nullopt, std::nullopt}};
    Dispute draft = routed(3);
    draft.status = "draft";
    draft.competent_org_id.reset();
    draft.created_at = kNov27 + 1;
    database().write([&](db::Tx& tx) {
        store::insert_dispute(tx, city);
        store::insert_dispute(tx, county);
        store::insert_dispute(tx, draft);
    });
    auto ids = [&](const auth::Caller& who, store::ListFilter f = {}) {
        std::vector<int64_t> out;
        auto page = database().read([&](db::Tx& tx) { return store::list_disputes(tx, who.scope, f); });
        for (const auto& d : page.items) out.push_back(d.id);
        EXPECT_EQ(page.total, static_cast<int64_t>(out.size()));
        return out;
    };
    EXPECT_EQ(ids(city_sup()), (std::vector<int64_t>{2, 1}));       // whole city, no draft
    EXPECT_EQ(ids(ningjin_sup()), std::vector<int64_t>{2});         // its county
    EXPECT_EQ(ids(xindu_sup()), std::vector<int64_t>{});            // 130503 is no competent region here
    EXPECT_EQ(ids(scjg_liaison()), (std::vector<int64_t>{3, 1}));   // its draft, newest first
    EXPECT_EQ(ids(xindu_agri_liaison()), std::vector<int64_t>{1});  // a party
    EXPECT_EQ(ids(ningjin_edu_liaison()), std::vector<int64_t>{2});
    EXPECT_EQ(ids(auth::Caller{}), std::vector<int64_t>{});  // an empty scope sees nothing
    store::ListFilter f;
    f.region_code = "130528";
    EXPECT_EQ(ids(city_sup(), f), std::vector<int64_t>{2});
    f = {};
    f.limit = 1;
    f.offset = 1;
    auto page = database().read([&](db::Tx& tx) { return store::list_disputes(tx, city_sup().scope, f); });
    EXPECT_EQ(page.total, 2);
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].id, 1);

    // visible() agrees with the list for one dispute.
    auto loaded = stored(3);
    EXPECT_TRUE(store::visible(*loaded, scjg_liaison().scope));
    EXPECT_FALSE(store::visible(*loaded, xindu_agri_liaison().scope));
    EXPECT_FALSE(store::visible(*loaded, city_sup().scope));
    EXPECT_TRUE(store::visible(*stored(1), xindu_agri_liaison().scope));
    EXPECT_FALSE(store::visible(*stored(2), xindu_sup().scope));
}

TEST_P(DisputeStoreTest, EventsKeepTheirOrder) {
    database().write([&](db::Tx& tx) {
        store::insert_dispute(tx, routed(1));
        store::insert_event(tx, DisputeEvent{11, 1, "filed", kNov27 + 5, 21, kScjg, R"({"a":1})"});
        store::insert_event(tx, DisputeEvent{10, 1, "drafted", kNov27, 21, std::nullopt, "{}"});
    });
    auto events = database().read([&](db::Tx& tx) { return store::list_events(tx, 1); });
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, "drafted");
    EXPECT_FALSE(events[0].by_org);
    EXPECT_EQ(events[1].kind, "filed");
    EXPECT_EQ(events[1].by_org, kScjg);
    EXPECT_EQ(events[1].payload_json, R"({"a":1})");
}

INSTANTIATE_TEST_SUITE_P(Db, DisputeStoreTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::coordination
