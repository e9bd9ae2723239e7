// The citywide dispute procedure (Art 6 ¶2): the time limits the city department sets for every
// department's disputes.
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/base/provision.hpp"
#include "lecs/coordination/service.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"

namespace lecs::coordination {
namespace {

namespace json = boost::json;

constexpr int kMaxLimitDays = 90;

std::string procedure_json(const DisputeService::Procedure& p) {
    return json::serialize(json::object{{"review_days", p.limits.review_days},
                                        {"supplement_days", p.limits.supplement_days},
                                        {"position_days", p.limits.position_days},
                                        {"coordination_days", p.limits.coordination_days},
                                        {"basis_note", p.basis_note},
                                        {"version", p.version}});
}

}  // namespace

DisputeService::Procedure DisputeService::procedure(db::Tx& tx) const {
    Procedure p;
    p.limits = limits_;
    auto r = tx.query_one(
        "SELECT review_days, supplement_days, position_days, coordination_days, basis_note, version, updated_at, "
        "updated_by FROM dispute_procedure WHERE id = 1");
    if (!r) return p;
    p.limits = DisputeTimeLimits{static_cast<int>(r->i64(0)), static_cast<int>(r->i64(1)), static_cast<int>(r->i64(2)),
                                 static_cast<int>(r->i64(3))};
    p.basis_note = r->str(4);
    p.version = r->i64(5);
    p.updated_at = r->i64(6);
    p.updated_by = r->i64(7);
    return p;
}

Result<DisputeService::Procedure> DisputeService::set_procedure(db::Tx& tx, const auth::Caller& who,
                                                                const DisputeTimeLimits& limits,
                                                                const std::string& basis_note, int64_t expected_version,
                                                                int64_t now_ms) {
    // Art 6 ¶2: the city's department makes the procedure; the counties' follow it.
    auto dept = who.org_id > 0 ? org::store::find_org(tx, who.org_id) : std::nullopt;
    if (who.anonymous() || !who.has_role("dept_leader") || !dept || dept->kind != org::kind::kSupervisionDept ||
        org::rules::region_level(dept->region_code) != std::optional<std::string>("city"))
        return Error::forbidden("职责争议协调处理程序由市行政执法协调监督部门负责人统一制定，县级部门遵照执行",
                                cite(Provision::kMeasuresArt6));
    const Procedure before = procedure(tx);
    if (before.version != expected_version) return Error::stale_version();
    const std::pair<const char*, int> checks[] = {{"review_days", limits.review_days},
                                                  {"supplement_days", limits.supplement_days},
                                                  {"position_days", limits.position_days},
                                                  {"coordination_days", limits.coordination_days}};
    for (const auto& [field, days] : checks)
        if (days < 1 || days > kMaxLimitDays)
            return Error::validation("dispute.procedure_invalid",
                                     "期限须为1至" + std::to_string(kMaxLimitDays) + "个工作日", field,
                                     cite(Provision::kMeasuresArt6));
    Procedure after;
    after.limits = limits;
    after.basis_note = basis_note;
    after.version = expected_version + 1;
    after.updated_at = now_ms;
    after.updated_by = who.user_id;
    const db::Params values{int64_t{limits.review_days},
                            int64_t{limits.supplement_days},
                            int64_t{limits.position_days},
                            int64_t{limits.coordination_days},
                            basis_note,
                            after.version,
                            now_ms,
                            who.user_id,
                            expected_version};
    const int64_t written =
        expected_version == 0
            ? tx.exec(
                  "INSERT INTO dispute_procedure (id, review_days, supplement_days, position_days, "
                  "coordination_days, basis_note, version, updated_at, updated_by) SELECT 1, $1, $2, $3, $4, "
                  "$5, $6, $7, $8 WHERE $9 = 0 AND NOT EXISTS (SELECT 1 FROM dispute_procedure WHERE id = 1)",
                  values)
            : tx.exec(
                  "UPDATE dispute_procedure SET review_days = $1, supplement_days = $2, position_days = $3, "
                  "coordination_days = $4, basis_note = $5, version = $6, updated_at = $7, updated_by = $8 "
                  "WHERE id = 1 AND version = $9",
                  values);
    if (written != 1) return Error::stale_version();
    audit_.append(tx, who,
                  {.action = "dispute.procedure_set",
                   .object_kind = "dispute_procedure",
                   .object_id = "1",
                   .before_json = procedure_json(before),
                   .after_json = procedure_json(after)},
                  now_ms);
    return after;
}

}  // namespace lecs::coordination
