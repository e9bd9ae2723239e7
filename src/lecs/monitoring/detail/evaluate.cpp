#include "lecs/monitoring/detail/evaluate.hpp"

#include "lecs/base/id.hpp"
#include "lecs/calendar/service.hpp"
#include "lecs/workflow/store.hpp"

namespace lecs::monitoring::detail {

RunFacts load_facts(db::Tx& tx, audit::AuditLog& audit) {
    RunFacts f;
    f.orgs = store::load_orgs(tx);
    f.certs = store::load_certificate_facts(tx);
    f.catalog = store::load_catalog_facts(tx);
    f.calendar = calendar::CalendarService(audit).load(tx);
    return f;
}

Evaluator::Evaluator(const RunFacts& facts, const rules::RuleSet& rs, Date today)
    : facts_(facts), rules_(rs), ctx_{rs, facts.calendar, today} {
    act_facts_.certificate = [this](std::string_view number) {
        auto it = facts_.certs.find(std::string(number));
        return it == facts_.certs.end() ? rules::CertificateFacts{} : it->second;
    };
    act_facts_.catalog = [this](std::string_view code) {
        auto it = facts_.catalog.find(store::CatalogKey{agency_, std::string(code)});
        return it == facts_.catalog.end() ? std::vector<rules::CatalogFacts>{} : it->second;
    };
}

void Evaluator::evaluate(store::StoredAct& a, std::vector<Finding>& out) {
    agency_ = a.agency_id;
    act_facts_.agency_id = a.agency_id;
    out = rules::evaluate_act(a.row, act_facts_, ctx_);
    uint32_t mask = a.warn_mask & kR8Bit;
    for (const auto& f : out)
        if (f.rule != RuleCode::kR8) mask |= rule_bit(f.rule);
    a.warn_mask = mask;
    // 持证率 counts every officer slot; a slot is valid when its certificate was (rules.hpp).
    a.cert_slots = static_cast<int>(a.row.officers.size());
    a.cert_valid = 0;
    for (const auto& number : a.row.officers) {
        auto it = facts_.certs.find(number);
        if (it != facts_.certs.end() && it->second.enforcement &&
            rules::certificate_valid_on(it->second, a.act_date, nullptr))
            ++a.cert_valid;
    }
    a.pub_state = agg::pub_state_of(a.row, rules_, facts_.calendar, ctx_.today);
}

std::map<store::Key, Finding> evaluate_r8(const std::vector<store::Inspection>& visits, const RunFacts& facts,
                                          const rules::Context& ctx) {
    std::map<store::Key, Finding> out;
    if (!ctx.rules.r8_enabled) return out;
    std::vector<rules::Visit> party;
    auto flush = [&] {
        if (party.empty()) return;
        for (auto& af : rules::evaluate_repeat_inspection(std::move(party), ctx))
            out.insert_or_assign(store::Key{af.agency_id, af.ext_key}, std::move(af.finding));
        party.clear();
    };
    for (size_t i = 0; i < visits.size(); ++i) {
        if (i > 0 && visits[i].party_hash != visits[i - 1].party_hash) flush();
        const auto* org = facts.orgs.find_id(visits[i].agency_id);
        party.push_back(
            rules::Visit{visits[i].agency_id, visits[i].ext_key, visits[i].act_date, org ? org->name : std::string()});
    }
    flush();
    return out;
}

uint32_t reconcile(db::Tx& tx, const store::Key& key, const std::string& region_code, const std::string& act_date,
                   int month, const Fires& fires, uint32_t rules_mask, const store::StoredWarning* const* existing,
                   size_t n_existing, int64_t now_ms, ReconcileCounts& counts, std::vector<store::NewWarning>& opened) {
    std::array<const store::StoredWarning*, kRuleCount> by_rule{};
    for (size_t i = 0; i < n_existing; ++i) by_rule[static_cast<int>(existing[i]->rule) - 1] = existing[i];
    uint32_t dismissed = 0;
    for (int r = 0; r < kRuleCount; ++r) {
        const store::StoredWarning* w = by_rule[r];
        if (w && w->state == "dismissed") dismissed |= 1u << r;
        if (!(rules_mask & (1u << r))) continue;
        const Finding* f = fires[r];
        if (f) {
            if (!w) {
                store::NewWarning nw;
                nw.id = new_id();
                nw.agency_id = key.first;
                nw.ext_key = key.second;
                nw.rule = f->rule;
                nw.finding = f;
                nw.region_code = region_code;
                nw.act_date = act_date;
                nw.month = month;
                opened.push_back(std::move(nw));
                ++counts.opened;
                ++counts.firing[r];
            } else if (w->state == "dismissed") {
                // Dismissed stays dismissed (issue 6 step 5), whatever the re-evaluation finds.
            } else if (w->state == "resolved") {
                store::refresh_warning(tx, w->id, *f, act_date, month, /*reopen=*/true, now_ms);
                ++counts.opened;
                ++counts.firing[r];
            } else {
                if (w->severity != to_string(f->severity) || w->summary != f->summary || w->evidence != f->evidence ||
                    w->act_date != act_date || w->month != month)
                    store::refresh_warning(tx, w->id, *f, act_date, month, /*reopen=*/false, now_ms);
                ++counts.kept;
                ++counts.firing[r];
            }
        } else if (w && (w->state == "open" || w->state == "sent" || w->state == "responded")) {
            // The condition is gone. A warning turned into a supervision matter stays with the matter.
            // The agency's "respond" to-do of a sent warning goes with it: there is nothing left to answer.
            store::resolve_warning(tx, w->id, now_ms);
            if (w->state == "sent") workflow::store::complete_todos(tx, "warning", w->id, "respond", now_ms);
            ++counts.resolved;
        }
    }
    return dismissed;
}

agg::ActShare share_of(const store::StoredAct& a, uint32_t dismissed_mask) {
    agg::ActShare s;
    s.agency_id = a.agency_id;
    s.month = a.month;
    s.kind = a.row.kind;
    s.amount_fen = a.row.amount_fen;
    s.cert_slots = a.cert_slots;
    s.cert_valid = a.cert_valid;
    s.pub_state = a.pub_state;
    s.warn_counted = a.warn_mask & ~dismissed_mask;
    return s;
}

}  // namespace lecs::monitoring::detail
