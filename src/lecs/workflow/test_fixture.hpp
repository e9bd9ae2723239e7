// Shared set-up of the workflow tests (not compiled into the library): a
// migrated database with the embedded calendar, audit log, services, a caller.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "lecs/audit/audit.hpp"
#include "lecs/base/id.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/workflow/service.hpp"
#include "support/test_db.hpp"

namespace lecs::workflow::testing {

inline Date D(const char* iso) { return *Date::parse(iso); }

// 10:00 Beijing time (02:00Z) on each day, as UTC ms.
inline constexpr int64_t k0212 = 1770861600000;
inline constexpr int64_t k0213 = 1770948000000;
inline constexpr int64_t k0214 = 1771034400000;
inline constexpr int64_t k0220 = 1771552800000;
inline constexpr int64_t k0224 = 1771898400000;
inline constexpr int64_t k0225 = 1771984800000;
inline constexpr int64_t k0226 = 1772071200000;
inline constexpr int64_t k0227 = 1772157600000;
inline constexpr int64_t k0305 = 1772676000000;
inline constexpr int64_t k0923 = 1790128800000;

class WorkflowDbTest : public lecs::testing::DbTest {
  protected:
    void SetUp() override {
        DbTest::SetUp();
        dir_ = lecs::testing::make_temp_dir("lecs-workflow-");
        keys_ = open_file_key_provider((dir_ / "keys").string());
        audit_ = std::make_unique<audit::AuditLog>(*keys_, dir_.string());
        calendar_ = std::make_unique<calendar::CalendarService>(*audit_);
        deadlines_ = std::make_unique<DeadlineService>(*audit_, *calendar_);
        workflow_ = std::make_unique<WorkflowService>(*calendar_);
        who_.user_id = 7;
        who_.username = "zhang";
        who_.org_id = 100;
        who_.org_region = "130502";
        who_.roles = {"supervisor"};
        who_.permissions = {"calendar.write"};
        who_.scope.whole_city = true;
        database().write([](db::Tx& tx) { calendar::ensure_calendar(tx, k0212); });
    }
    void TearDown() override {
        workflow_.reset();
        deadlines_.reset();
        calendar_.reset();
        audit_.reset();
        keys_.reset();
        DbTest::TearDown();
        std::filesystem::remove_all(dir_);
    }
    int64_t count(const std::string& sql, const db::Params& p = {}) {
        return database().read([&](db::Tx& tx) { return tx.query_one(sql, p)->i64(0); });
    }
    // A deadline of `days` units from start, responsible user 7, leader 9.
    int64_t make_deadline(Date start, int days, calendar::Unit unit, int64_t now_ms, int64_t owner_id = 501) {
        DeadlineInput in;
        in.owner_kind = "dispute";
        in.owner_id = owner_id;
        in.name = "受理审查";
        in.owner = auth::Owner{"130502", 100};
        in.responsible_user_id = 7;
        in.leader_user_id = 9;
        in.start_event = "received";
        in.start_date = start;
        in.days = days;
        in.unit = unit;
        auto r = database().write([&](db::Tx& tx) { return deadlines_->create(tx, who_, in, now_ms); });
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r.value() : 0;
    }

    std::filesystem::path dir_;
    std::unique_ptr<KeyProvider> keys_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<calendar::CalendarService> calendar_;
    std::unique_ptr<DeadlineService> deadlines_;
    std::unique_ptr<WorkflowService> workflow_;
    auth::Caller who_;
};

}  // namespace lecs::workflow::testing
