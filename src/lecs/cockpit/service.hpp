// The leaders' cockpit (驾驶舱) and the analysis → action of Art 15 (REQUIREMENTS §9). Both only read,
// and read other modules only through their services' public functions: supervision (matters by
// state), coordination (the dispute register's statistics), monitoring (the aggregates: per agency,
// the warnings summary, the indicators, the time of the last ingest), catalog (items in force) and
// reports (the submissions and the template's due date). org gives the region and the agencies.
//
// Contract:
// - resolve_region(): the region asked for (6-digit county/city or 9-digit township code), or the
//   caller's own (its organisation's county or city) when none is given. A region that does not exist
//   or lies outside the caller's data scope is 404 — a county's people asking for another county, or
//   for the whole city, get 404 (REQUIREMENTS §3). The city's code stands for the whole city and needs
//   a city-wide scope.
// - analysis(): report.review (else 403). The agencies are every active 行政执法机关 of the region the
//   caller's scope covers; their figures for the year come from monitoring_agg (via
//   MonitoringService::agency_figures) and the catalog (CatalogService::in_force_counts); the rules
//   (analysis_rules.hpp) judge them with the parameters given (check_params: 400 with the field).
// - cockpit(): cockpit.read (else 403). Sections, each with its 口径 (definition), its data date and
//   the list it drills down to:
//   matters   监督事项 by state (MatterService::state_counts; drill /supervision/matters?status=)
//   disputes  职责争议 by state, drafts left out (DisputeService::statistics; drill /disputes?status=)
//   warnings  预警 by rule over the last 12 months (MonitoringService::summary; drill
//             /monitoring/warnings?rule=&from=&to=)
//   reports   the annual report of the year before (the report period whose due date falls in this
//             year): expected / on time / late / missing / not yet due, judged as reports::lateness()
//             judges each agency's first submission (drill /reports?template=&period=)
//   rates     复议纠错率, 诉讼败诉率, 公示及时率, 持证率 per month, last 12 months (indicators)
//   acts      执法行为 per month, last 12 months (indicators; drill /monitoring?region=&from=&to=)
//   The figures read from monitoring's aggregates carry the date of the last ingest as their data
//   date; the live tables (matters, disputes, reports) the day of the request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/catalog/service.hpp"
#include "lecs/cockpit/analysis_rules.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/db/db.hpp"
#include "lecs/monitoring/service.hpp"
#include "lecs/reports/service.hpp"
#include "lecs/supervision/service.hpp"

namespace lecs::cockpit {

struct RegionRef {
    std::string code, name, level;  // level: city | county | township
    bool whole_city() const { return level == "city"; }
};
Result<RegionRef> resolve_region(db::Tx& tx, const auth::Caller& who, const std::optional<std::string>& region);

struct AnalysisView {
    RegionRef region;
    int year = 0;
    int64_t agencies = 0;                  // the agencies analysed
    std::optional<std::string> data_date;  // the last ingest (YYYY-MM-DD)
    analysis::Analysis result;
};

using Query = std::vector<std::pair<std::string, std::string>>;
struct Drill {
    std::string route;  // a route of the web app (web/src/router.ts)
    Query query;
};
struct Item {
    std::string key, label;
    int64_t value = 0;
    Drill drill;
};
struct Series {
    std::string key, name, unit;
    std::vector<std::optional<double>> data;        // per month; none when the month has no denominator
    std::vector<int64_t> numerators, denominators;  // for rates; empty for counts
};
struct Section {
    std::string key, title, chart;  // chart: bar | line
    std::string definition;         // 口径
    std::optional<std::string> data_date;
    std::vector<Item> items;
    std::vector<std::string> months;  // YYYY-MM, for series
    std::vector<Series> series;
    Query facts;  // further figures the section states (the report period, its due date, …)
    Drill drill;
};
struct Cockpit {
    RegionRef region;
    std::string data_date;  // the day of the request
    std::vector<Section> sections;
};

class CockpitService {
  public:
    CockpitService(monitoring::MonitoringService& monitoring, catalog::CatalogService& catalog,
                   supervision::MatterService& matters, coordination::DisputeService& disputes,
                   reports::ReportService& reports)
        : monitoring_(monitoring), catalog_(catalog), matters_(matters), disputes_(disputes), reports_(reports) {}

    Result<AnalysisView> analysis(db::Tx& tx, const auth::Caller& who, int year,
                                  const std::optional<std::string>& region, const analysis::Params& params);
    Result<Cockpit> cockpit(db::Tx& tx, const auth::Caller& who, const std::optional<std::string>& region,
                            int64_t now_ms);

  private:
    Result<Section> reports_section(db::Tx& tx, const auth::Caller& who, const RegionRef& region, int64_t now_ms);

    monitoring::MonitoringService& monitoring_;
    catalog::CatalogService& catalog_;
    supervision::MatterService& matters_;
    coordination::DisputeService& disputes_;
    reports::ReportService& reports_;
};

}  // namespace lecs::cockpit
