// Streaming ingest of enforcement acts and 复议/诉讼 cases (issue 6 step 2), used by
// `lecs import acts|cases FILE|-`, POST /api/v1/monitoring/acts:bulk and …/cases:bulk, the bench
// and the demo seed.
//
// Contract:
// - The input is read row by row (parse::RowReader); memory holds one batch, never the file.
// - Rows are grouped into batches of at most opts.batch_rows (about 50 ms of work, ARCHITECTURE
//   §Transactions). Each batch is ONE write transaction: the acts (insert, or update when
//   (agency, external_id) exists: idempotent, never duplicated), the rules' warnings for them,
//   the aggregate deltas (monitoring_agg, monitoring_agg_region), a monitoring_batches row and
//   one audit record. on_committed is called after the commit and only then: that call is the
//   acknowledgement (the CLI prints it; the crash test relies on it).
// - A rejected row (parse error, unknown agency USCC, agency outside the caller's scope, key
//   collision) is reported through on_rejected with its line, field and Chinese reason and
//   writes nothing; the other rows of its batch are still committed.
// - Rules R1–R8 run on every accepted or updated act with the facts loaded once per run
//   (certificates, catalog, organisations, calendar) and ctx.today = opts.today.
// - reevaluate() runs every rule again over all acts (after a rule or parameter change), in key
//   order, in batches, with bounded memory: warnings whose condition is gone become resolved,
//   new findings open, dismissed warnings stay dismissed; the aggregates' warn.* metrics follow.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>

#include "lecs/audit/audit.hpp"
#include "lecs/auth/caller.hpp"
#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"
#include "lecs/db/db.hpp"
#include "lecs/monitoring/parse.hpp"
#include "lecs/monitoring/rules.hpp"

namespace lecs::monitoring {

enum class What { kActs, kCases };

// Rows per committed batch. Larger than ARCHITECTURE's "about 50 ms of work": every commit writes
// each B-tree page the batch touched to the WAL, and random keys touch a page per row, so at 1 M
// acts 5 000-row batches wrote ~20 MB of pages for ~1.7 MB of rows (docs/architecture.md
// "Monitoring", measured: 20 000 rows 31.6 s, 50 000 rows 24.7 s for 1 M acts). A batch then holds
// the SQLite writer for about a second; bulk imports are rare, and readers are never blocked (WAL).
inline constexpr size_t kDefaultBatchRows = 50000;

struct IngestOptions {
    What what = What::kActs;
    std::string source = "cli";            // 'cli' | 'http' | 'seed' | 'bench'
    const auth::Caller* caller = nullptr;  // null = the system (CLI): every agency in scope
    Date today;
    size_t batch_rows = kDefaultBatchRows;
    const rules::RuleSet* rules = nullptr;  // null = the configured/default rule set
    audit::AuditLog* audit = nullptr;       // required: one audit record per batch, in the batch's Tx
};

struct IngestCounts {
    int64_t accepted = 0;  // new rows
    int64_t updated = 0;   // rows that existed and were updated
    int64_t rejected = 0;
    std::array<int64_t, kRuleCount> warnings{};  // findings opened or kept open, per rule
};

struct BatchAck {
    int64_t batch_id = 0;
    int64_t first_line = 0, last_line = 0;
    IngestCounts counts;  // of this batch
};

struct IngestHooks {
    std::function<void(int64_t line, const parse::RowError&)> on_rejected;
    std::function<void(const BatchAck&)> on_committed;
};

// Throws db::DbError on infrastructure failure (the batch in flight is rolled back; earlier
// batches stay committed and were acknowledged).
IngestCounts ingest(db::Database& db, std::istream& in, const IngestOptions& opts, const IngestHooks& hooks);

struct ReevaluateCounts {
    int64_t acts = 0;
    int64_t opened = 0, resolved = 0, kept = 0;
};
// One audit record per run (the audit log also loads the calendar through calendar::CalendarService).
ReevaluateCounts reevaluate(db::Database& db, audit::AuditLog& audit, Date today, const rules::RuleSet& rules,
                            const std::function<void(int64_t done)>& progress = {});
std::string reevaluate_json(const ReevaluateCounts& c);  // {"acts":N,"opened":N,"resolved":N,"kept":N}

// {"accepted":N,"updated":N,"rejected":N,"warnings":{"R1":n,…,"R8":n}}
std::string counts_json(const IngestCounts& c);

}  // namespace lecs::monitoring
