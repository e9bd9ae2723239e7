// CalendarService and ensure_calendar on SQLite and PostgreSQL.
#include "lecs/calendar/service.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "lecs/base/id.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/calendar/store.hpp"
#include "support/test_db.hpp"

namespace lecs::calendar {
namespace {

Date D(const char* iso) { return *Date::parse(iso); }

constexpr int64_t kNow = 1795000000000;  // 2026-11-18T…Z

class CalendarServiceTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-calendar-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        svc_ = std::make_unique<CalendarService>(*audit_);
        admin_.user_id = 7;
        admin_.username = "sysadmin";
        admin_.roles = {"sys_admin"};
        admin_.permissions = {"calendar.write", "org.read"};
        database().write([](db::Tx& tx) { ensure_calendar(tx, kNow); });
    }
    void TearDown() override {
        svc_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::filesystem::remove_all(dir_);
    }
    int64_t count(const std::string& sql) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql)->i64(0); });
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<CalendarService> svc_;
    auth::Caller admin_;
};

TEST_P(CalendarServiceTest, LoadingIsIdempotent) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_days"), 72);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_revisions"), 2);  // one per loaded year
    int again = database().write([](db::Tx& tx) { return ensure_calendar(tx, kNow); });
    EXPECT_EQ(again, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_days"), 72);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_revisions"), 2);
}

TEST_P(CalendarServiceTest, OnlyMissingYearsAreLoaded) {
    database().write([](db::Tx& tx) {
        tx.exec("DELETE FROM calendar_days WHERE date >= '2026-01-01'");
        tx.exec("DELETE FROM calendar_years WHERE year = 2026");
        tx.exec("UPDATE calendar_days SET holiday = 'edited' WHERE date = '2025-10-01'");
    });
    int inserted = database().write([](db::Tx& tx) { return ensure_calendar(tx, kNow); });
    EXPECT_EQ(inserted, 39);                                                             // the 2026 rows of the notice
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_days WHERE holiday = 'edited'"), 1);  // 2025 untouched
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_revisions"), 3);
}

TEST_P(CalendarServiceTest, PublishedYearsAndProvisional2027) {
    auto cal = database().read([&](db::Tx& tx) { return svc_->load(tx); });
    EXPECT_EQ(cal.published_years(), (std::set<int>{2025, 2026}));
    EXPECT_TRUE(cal.is_working_day(D("2026-02-14")));
    EXPECT_FALSE(cal.is_working_day(D("2026-10-05")));
    EXPECT_TRUE(cal.day(D("2027-01-04")).provisional);
    auto due = cal.add_working_days(D("2026-12-28"), 5);
    EXPECT_EQ(due.date, D("2027-01-04"));
    EXPECT_TRUE(due.provisional);
    auto years = database().read([&](db::Tx& tx) { return svc_->years(tx); });
    ASSERT_EQ(years.size(), 2u);
    EXPECT_EQ(years[0].source, "国办发明电〔2024〕12号");
    EXPECT_TRUE(years[1].published);
}

TEST_P(CalendarServiceTest, AnEditChangesADueDateComputedAfterwards) {
    auto before = database().read([&](db::Tx& tx) { return svc_->load(tx); });
    EXPECT_EQ(before.add_calendar_days(D("2026-09-03"), 30).date, D("2026-10-08"));

    auto r = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2026-10-08"), DayType::kOff, "国庆节", 0, kNow); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->version, 1);
    EXPECT_EQ(r->updated_by, "sysadmin");

    auto after = database().read([&](db::Tx& tx) { return svc_->load(tx); });
    auto due = after.add_calendar_days(D("2026-09-03"), 30);
    EXPECT_EQ(due.date, D("2026-10-09"));
    EXPECT_EQ(due.moved_reason, "期间届满日为国庆节假日，顺延至2026年10月9日");
}

TEST_P(CalendarServiceTest, EditsSurviveAnotherLoad) {
    auto r = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2026-10-10"), DayType::kNormal, "", 1, kNow); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    database().write([](db::Tx& tx) { ensure_calendar(tx, kNow); });
    auto cal = database().read([&](db::Tx& tx) { return svc_->load(tx); });
    EXPECT_FALSE(cal.is_working_day(D("2026-10-10")));  // back to an ordinary Saturday
    auto day = database().read([&](db::Tx& tx) { return store::find_day(tx, D("2026-10-10")); });
    ASSERT_TRUE(day);
    EXPECT_EQ(day->version, 2);
    EXPECT_EQ(day->entry.holiday, "");
}

TEST_P(CalendarServiceTest, StaleVersionIs409) {
    // 2026-10-01 was loaded with version 1.
    auto stale = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2026-10-01"), DayType::kNormal, "", 0, kNow); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().http_status, 409);
    EXPECT_EQ(stale.error().code, "version_conflict");

    auto ok = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2026-10-01"), DayType::kOff, "国庆节", 1, kNow); });
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->version, 2);
    auto again = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2026-10-01"), DayType::kOff, "国庆节", 1, kNow); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().http_status, 409);
}

TEST_P(CalendarServiceTest, AuditRowIsWrittenInTheSameTransaction) {
    {
        auto tx = database().begin(db::Mode::kWrite);
        auto r = svc_->set_day(*tx, admin_, D("2026-10-08"), DayType::kOff, "国庆节", 0, kNow);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(tx->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.set_day'")->i64(0), 1);
        tx->rollback();
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.set_day'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_revisions"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_days WHERE date = '2026-10-08'"), 0);

    auto r = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2026-10-08"), DayType::kOff, "国庆节", 0, kNow); });
    ASSERT_TRUE(r.ok());
    auto row = database().read([](db::Tx& tx) {
        return tx.query_one(
            "SELECT object_kind, object_id, username, after_json FROM audit_log WHERE action = 'calendar.set_day'");
    });
    ASSERT_TRUE(row);
    EXPECT_EQ(row->str(0), "calendar_day");
    EXPECT_EQ(row->str(1), "2026-10-08");
    EXPECT_EQ(row->str(2), "sysadmin");
    EXPECT_NE(row->str(3).find("\"type\":\"off\""), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_revisions"), 3);
}

TEST_P(CalendarServiceTest, WithoutCalendarWriteIsForbidden) {
    auth::Caller clerk = admin_;
    clerk.permissions = {"org.read"};
    auto r = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, clerk, D("2026-10-08"), DayType::kOff, "国庆节", 0, kNow); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_P(CalendarServiceTest, MakeUpWorkdayOnAWeekdayIsRefused) {
    auto r = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2026-10-08"), DayType::kWorkday, "国庆节", 0, kNow); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "calendar.workday_not_weekend");
    EXPECT_EQ(r.error().http_status, 400);
}

TEST_P(CalendarServiceTest, UnpublishedYearCannotBeEditedDayByDay) {
    auto r = database().write(
        [&](db::Tx& tx) { return svc_->set_day(tx, admin_, D("2027-01-01"), DayType::kOff, "元旦", 0, kNow); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "calendar.year_not_published");
    EXPECT_EQ(r.error().message, "2027年节假日安排尚未发布，请先发布全年安排");
}

TEST_P(CalendarServiceTest, Publishing2027EndsTheProvisionalMark) {
    std::vector<DayEntry> days = {{D("2027-01-01"), DayType::kOff, "元旦"}};
    auto r = database().write([&](db::Tx& tx) {
        return svc_->publish_year(tx, admin_, 2027, days, "国务院办公厅关于2027年部分节假日安排的通知", "", kNow);
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), 1);
    auto cal = database().read([&](db::Tx& tx) { return svc_->load(tx); });
    auto due = cal.add_working_days(D("2026-12-28"), 5);
    // 12-29, 12-30, 12-31, (01-01 元旦 off), 01-04, 01-05
    EXPECT_EQ(due.date, D("2027-01-05"));
    EXPECT_FALSE(due.provisional);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.publish_year'"), 1);

    auto again =
        database().write([&](db::Tx& tx) { return svc_->publish_year(tx, admin_, 2027, days, "重复", "", kNow); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "calendar.year_published");
    EXPECT_EQ(again.error().http_status, 409);
}

TEST_P(CalendarServiceTest, PublishingADayOutsideTheYearIsRefused) {
    std::vector<DayEntry> days = {{D("2027-01-01"), DayType::kOff, "元旦"}, {D("2026-12-31"), DayType::kOff, "元旦"}};
    auto r = database().write([&](db::Tx& tx) { return svc_->publish_year(tx, admin_, 2027, days, "通知", "", kNow); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "calendar.day_outside_year");
    EXPECT_EQ(r.error().field, "days[1]");
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_years WHERE year = 2027"), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, CalendarServiceTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::calendar
