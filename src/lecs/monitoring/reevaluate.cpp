// `lecs monitor reevaluate`: every rule again over every act, after a rule or a parameter changed
// (issue 6 step 4), in three passes of short transactions with bounded memory:
//   1. the acts in key order (keyset pages of kPage): R1–R7, the cert.* and pub.* shares;
//   2. the inspections in party order (whole parties per page): R8;
//   3. the cases in key order: the recon.* / lit.* figures under the current rate definitions.
// Only what changed is written, with the aggregate deltas in the same transaction.
#include <algorithm>
#include <map>
#include <optional>

#include "lecs/auth/service.hpp"
#include "lecs/monitoring/detail/evaluate.hpp"
#include "lecs/monitoring/ingest.hpp"

namespace lecs::monitoring {
namespace {

using detail::Fires;
using store::Key;

constexpr int kPage = 5000;

detail::Fires fires_of(const std::vector<Finding>& findings) {
    Fires f{};
    for (const auto& x : findings) f[static_cast<int>(x.rule) - 1] = &x;
    return f;
}

void add_counts(ReevaluateCounts& c, const detail::ReconcileCounts& rc) {
    c.opened += rc.opened;
    c.resolved += rc.resolved;
    c.kept += rc.kept;
}

}  // namespace

ReevaluateCounts reevaluate(db::Database& db, audit::AuditLog& audit, Date today, const rules::RuleSet& rules,
                            const std::function<void(int64_t done)>& progress) {
    ReevaluateCounts counts;
    const detail::RunFacts facts = db.read([&](db::Tx& tx) { return detail::load_facts(tx, audit); });
    detail::Evaluator ev(facts, rules, today);

    // Pass 1: the acts, R1–R7 (and R8 off any act that is no longer an inspection).
    std::optional<Key> after;
    for (;;) {
        const bool more = db.write([&](db::Tx& tx) {
            store::lock_acts(tx);
            const int64_t now = now_ms();
            std::vector<store::StoredAct> acts = store::acts_after(tx, after, kPage);
            if (acts.empty()) return false;
            const auto warnings = store::warnings_between(tx, after, acts.back().key());
            agg::Deltas deltas;
            detail::ReconcileCounts rc;
            std::vector<store::NewWarning> opened;
            size_t w = 0;
            std::vector<const store::StoredWarning*> mine;
            // The findings stay alive until the page's new warnings are inserted.
            std::vector<std::vector<Finding>> page_findings(acts.size());
            for (size_t i = 0; i < acts.size(); ++i) {
                store::StoredAct& a = acts[i];
                std::vector<Finding>& findings = page_findings[i];
                mine.clear();
                while (w < warnings.size() && Key{warnings[w].agency_id, warnings[w].ext_key} < a.key()) ++w;
                while (w < warnings.size() && Key{warnings[w].agency_id, warnings[w].ext_key} == a.key())
                    mine.push_back(&warnings[w++]);
                const store::StoredAct before = a;
                ev.evaluate(a, findings);
                uint32_t mask = detail::kAllRules & ~detail::kR8Bit;
                if (a.row.kind != ActKind::kInspection) {
                    mask |= detail::kR8Bit;
                    a.warn_mask &= ~detail::kR8Bit;
                }
                const uint32_t dismissed =
                    detail::reconcile(tx, a.key(), facts.orgs.find_id(a.agency_id)->region_code, a.act_date.iso(),
                                      a.month, fires_of(findings), mask, mine.data(), mine.size(), now, rc, opened);
                if (a.warn_mask != before.warn_mask || a.cert_slots != before.cert_slots ||
                    a.cert_valid != before.cert_valid || a.pub_state != before.pub_state) {
                    store::update_evaluation(tx, a);
                    deltas.add_act(detail::share_of(before, dismissed), -1);
                    deltas.add_act(detail::share_of(a, dismissed), +1);
                }
            }
            store::insert_warnings(tx, opened, now);
            store::apply_deltas(tx, deltas, facts.orgs);
            add_counts(counts, rc);
            counts.acts += static_cast<int64_t>(acts.size());
            after = acts.back().key();
            return true;
        });
        if (!more) break;
        if (progress) progress(counts.acts);
    }

    // Pass 2: R8, party by party.
    std::optional<int64_t> after_party;
    for (;;) {
        const bool more = db.write([&](db::Tx& tx) {
            store::lock_acts(tx);
            const int64_t now = now_ms();
            const auto visits = store::inspections_after(tx, after_party, kPage);
            if (visits.empty()) return false;
            const auto r8 = detail::evaluate_r8(visits, facts, ev.context());
            std::vector<Key> keys;
            keys.reserve(visits.size());
            for (const auto& v : visits) keys.push_back({v.agency_id, v.ext_key});
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
            const auto acts = store::find_marks(tx, keys);
            const auto warnings = store::warnings_of(tx, keys);
            std::map<Key, std::vector<const store::StoredWarning*>> by_key;
            for (const auto& w : warnings) by_key[{w.agency_id, w.ext_key}].push_back(&w);
            agg::Deltas deltas;
            detail::ReconcileCounts rc;
            std::vector<store::NewWarning> opened;
            for (const auto& a : acts) {
                Fires fires{};
                const auto it = r8.find(a.key());
                if (it != r8.end()) fires[static_cast<int>(RuleCode::kR8) - 1] = &it->second;
                const auto wk = by_key.find(a.key());
                const uint32_t dismissed =
                    detail::reconcile(tx, a.key(), facts.orgs.find_id(a.agency_id)->region_code, a.act_date, a.month,
                                      fires, detail::kR8Bit, wk == by_key.end() ? nullptr : wk->second.data(),
                                      wk == by_key.end() ? 0 : wk->second.size(), now, rc, opened);
                const uint32_t mask = (a.warn_mask & ~detail::kR8Bit) | (it != r8.end() ? detail::kR8Bit : 0);
                if (mask != a.warn_mask) {
                    const bool was = (a.warn_mask & ~dismissed & detail::kR8Bit) != 0;
                    const bool is = (mask & ~dismissed & detail::kR8Bit) != 0;
                    deltas.add(a.agency_id, a.month, agg::warn_metric(RuleCode::kR8), int64_t{is} - int64_t{was});
                    store::set_warn_mask(tx, a.key(), mask);
                }
            }
            store::insert_warnings(tx, opened, now);
            store::apply_deltas(tx, deltas, facts.orgs);
            add_counts(counts, rc);
            after_party = visits.back().party_hash;
            return true;
        });
        if (!more) break;
    }

    // Pass 3: the case rates under the current definitions. The target figures are summed per
    // (agency, month) (bounded by agencies × months, not by cases), then the difference to the
    // stored figures is written as deltas.
    std::map<std::tuple<int64_t, int, int>, int64_t> target;
    std::optional<Key> after_case;
    for (;;) {
        const auto page = db.read([&](db::Tx& tx) { return store::cases_after(tx, after_case, kPage); });
        if (page.empty()) break;
        agg::Deltas d;
        for (const auto& c : page) d.add_case(agg::case_share(c.agency_id, c.row, rules), +1);
        for (const auto& [k, v] : d.values()) target[k] += v;
        after_case = page.back().key();
    }
    db.write([&](db::Tx& tx) {
        store::lock_acts(tx);
        const std::vector<int> metrics = {agg::kReconConcluded, agg::kReconCorrected, agg::kLitConcluded,
                                          agg::kLitLost};
        agg::Deltas deltas;
        for (const auto& [agency, month, metric, value] : store::agg_values(tx, metrics))
            deltas.add(agency, month, metric, -value);
        for (const auto& [k, v] : target) deltas.add(std::get<0>(k), std::get<1>(k), std::get<2>(k), v);
        store::apply_deltas(tx, deltas, facts.orgs);
        const int64_t now = now_ms();
        audit.append(tx, auth::AuthService::system_caller(),
                     audit::Entry{.action = "monitoring.reevaluate",
                                  .object_kind = "monitoring",
                                  .detail = "today=" + today.iso() + " acts=" + std::to_string(counts.acts) +
                                            " opened=" + std::to_string(counts.opened) + " resolved=" +
                                            std::to_string(counts.resolved) + " kept=" + std::to_string(counts.kept)},
                     now);
    });
    return counts;
}

std::string reevaluate_json(const ReevaluateCounts& c) {
    return "{\"acts\":" + std::to_string(c.acts) + ",\"opened\":" + std::to_string(c.opened) +
           ",\"resolved\":" + std::to_string(c.resolved) + ",\"kept\":" + std::to_string(c.kept) + "}";
}

}  // namespace lecs::monitoring
