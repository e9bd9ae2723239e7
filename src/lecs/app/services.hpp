// The wired application: every module's service, and the route table built
// from every module's register_api(). serve and `lecs routes` share it, so
// the route table the scope-matrix test reads is the one the server runs.
#pragma once

#include <memory>

#include "lecs/app/runtime.hpp"
#include "lecs/auth/service.hpp"
#include "lecs/base/keys.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/catalog/service.hpp"
#include "lecs/cockpit/service.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/docs/service.hpp"
#include "lecs/files/service.hpp"
#include "lecs/http/http.hpp"
#include "lecs/monitoring/service.hpp"
#include "lecs/org/service.hpp"
#include "lecs/reports/service.hpp"
#include "lecs/supervision/advice.hpp"
#include "lecs/supervision/service.hpp"
#include "lecs/workflow/outbox.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::app {

struct Services {
    explicit Services(Runtime& rt);
    Runtime& rt;
    Pii pii;
    auth::AuthService auth;
    org::OrgService org;
    calendar::CalendarService calendar;
    workflow::WorkflowService workflow;
    workflow::DeadlineService deadlines;
    docs::DocService docs;
    files::FileService files;
    coordination::DisputeService disputes;
    supervision::MatterService matters;
    supervision::AdviceService advice;
    catalog::CatalogService catalog;
    monitoring::MonitoringService monitoring;
    reports::ReportService reports;
    cockpit::CockpitService cockpit;
    workflow::Outbox outbox;
    http::Router router;

    // The owner of an object of a ScopeRule::object kind; nullopt when absent.
    std::optional<auth::Owner> owner_of(std::string_view kind, int64_t id);
};

}  // namespace lecs::app
