#include "lecs/monitoring/ingest.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "lecs/auth/service.hpp"
#include "lecs/base/id.hpp"
#include "lecs/monitoring/aggregate.hpp"
#include "lecs/monitoring/detail/evaluate.hpp"
#include "lecs/monitoring/store.hpp"

namespace lecs::monitoring {
namespace {

using detail::Fires;
using store::Key;

struct Candidate {
    int64_t line = 0;
    int64_t seq = 0;  // order in the input, so that the last of several rows with one key wins
    store::StoredAct act;
};
struct CaseCandidate {
    int64_t line = 0;
    int64_t seq = 0;
    store::StoredCase c;
};

// A batch read from the input: its line range, its candidates and the rows already rejected.
template <class C>
struct Batch {
    int64_t first_line = 0, last_line = 0;
    std::vector<C> rows;
    int64_t rejected = 0;
    void reset() {
        first_line = last_line = 0;
        rows.clear();
        rejected = 0;
    }
};

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

class Ingestor {
  public:
    Ingestor(db::Database& db, const IngestOptions& opts, const IngestHooks& hooks)
        : db_(db),
          opts_(opts),
          hooks_(hooks),
          rules_(opts.rules ? *opts.rules : default_rules()),
          system_(auth::AuthService::system_caller()),
          who_(opts.caller ? *opts.caller : system_) {
        if (!opts.audit) throw std::invalid_argument("monitoring::ingest: IngestOptions::audit is required");
        facts_ = db_.read([&](db::Tx& tx) { return detail::load_facts(tx, *opts.audit); });
        evaluator_ = std::make_unique<detail::Evaluator>(facts_, rules_, opts.today);
    }

    IngestCounts run(std::istream& in) {
        parse::RowReader reader(in);
        std::string row;
        int64_t line = 0;
        bool too_long = false;
        bool first = true;
        std::optional<parse::CsvHeader> header;
        const size_t cap = std::max<size_t>(1, opts_.batch_rows);
        acts_.reserve(std::min<size_t>(cap, 1 << 20));
        while (reader.next(row, line, too_long)) {
            if (!too_long && blank(row)) continue;
            if (first) {
                first = false;
                if (!too_long && parse::detect_format(row) == parse::Format::kCsv) {
                    reader.set_csv(true);
                    auto h = parse::CsvHeader::parse(row, opts_.what == What::kActs ? parse::CsvHeader::What::kActs
                                                                                    : parse::CsvHeader::What::kCases);
                    if (!h.ok()) {
                        const auto& e = h.error();
                        reject(line, parse::RowError{e.field, "CSV表头无效：" + e.message});
                        ++total_.rejected;
                        return total_;  // no row can be read without its header
                    }
                    header = std::move(*h);
                    continue;
                }
            }
            if (pending_ == 0) first_line_ = line;
            last_line_ = line;
            ++pending_;
            if (too_long) {
                reject(line, parse::RowError{"", "行超过" + std::to_string(parse::kMaxRowBytes / 1024) + "KB上限"});
            } else if (opts_.what == What::kActs) {
                take_act(line, header ? parse::parse_act_csv(*header, row) : parse::parse_act_json(row));
            } else {
                take_case(line, header ? parse::parse_case_csv(*header, row) : parse::parse_case_json(row));
            }
            if (pending_ >= cap) flush();
        }
        if (pending_ > 0) flush();
        return total_;
    }

  private:
    static const rules::RuleSet& default_rules() {
        static const rules::RuleSet rs = rules::default_rule_set();
        return rs;
    }

    void reject(int64_t line, const parse::RowError& e) {
        ++batch_rejected_;
        if (hooks_.on_rejected) hooks_.on_rejected(line, e);
    }

    // The agency of a row: known, and within the caller's scope (an agency liaison sends only its
    // own agency's data).
    const store::OrgFacts* agency_of(int64_t line, const std::string& uscc) {
        const store::OrgFacts* org = facts_.orgs.find_uscc(uscc);
        if (!org) {
            reject(line, parse::RowError{"agency", "执法机关统一社会信用代码未登记：" + uscc});
            return nullptr;
        }
        if (opts_.caller) {
            const auth::Caller& c = *opts_.caller;
            bool ok = c.can("monitoring.import") && c.scope.covers(org->region_code, org->id);
            if (ok && c.has_role("agency_liaison")) ok = org->id == c.org_id;
            if (!ok) {
                reject(line, parse::RowError{"agency", "无权报送该执法机关的数据：仅可报送本机关的执法数据"});
                return nullptr;
            }
        }
        return org;
    }

    void take_act(int64_t line, parse::Parsed<ActRow> parsed) {
        if (auto* e = std::get_if<parse::RowError>(&parsed)) {
            reject(line, *e);
            return;
        }
        ActRow& row = std::get<ActRow>(parsed);
        const store::OrgFacts* org = agency_of(line, row.agency_uscc);
        if (!org) return;
        Candidate c;
        c.line = line;
        c.seq = seq_++;
        c.act.agency_id = org->id;
        c.act.ext_key = ext_key_of(row.external_id);
        if (!row.entrusted_uscc.empty()) {
            const store::OrgFacts* ent = facts_.orgs.find_uscc(row.entrusted_uscc);
            if (!ent) {
                reject(line,
                       parse::RowError{"entrusted_body", "受委托组织统一社会信用代码未登记：" + row.entrusted_uscc});
                return;
            }
            c.act.entrusted_id = ent->id;
        }
        const auto d = act_date(row);
        if (!d) {
            reject(line, parse::RowError{"decided_on", "缺少执法行为日期（立案、决定、送达或结案日期）"});
            return;
        }
        c.act.act_date = *d;
        c.act.month = month_of(*d);
        c.act.region_code = row.region.empty() ? org->region_code : row.region;
        c.act.row = std::move(row);
        acts_.push_back(std::move(c));
    }

    void take_case(int64_t line, parse::Parsed<CaseRow> parsed) {
        if (auto* e = std::get_if<parse::RowError>(&parsed)) {
            reject(line, *e);
            return;
        }
        CaseRow& row = std::get<CaseRow>(parsed);
        const store::OrgFacts* org = agency_of(line, row.agency_uscc);
        if (!org) return;
        CaseCandidate c;
        c.line = line;
        c.seq = seq_++;
        c.c.agency_id = org->id;
        c.c.ext_key = ext_key_of(row.external_id);
        c.c.month = agg::case_month(row);
        c.c.row = std::move(row);
        cases_.push_back(std::move(c));
    }

    void flush() {
        BatchAck ack;
        ack.first_line = first_line_;
        ack.last_line = last_line_;
        ack.batch_id = new_id();
        if (opts_.what == What::kActs)
            write_acts(ack);
        else
            write_cases(ack);
        total_.accepted += ack.counts.accepted;
        total_.updated += ack.counts.updated;
        total_.rejected += ack.counts.rejected;
        for (int r = 0; r < kRuleCount; ++r) total_.warnings[r] += ack.counts.warnings[r];
        if (hooks_.on_committed) hooks_.on_committed(ack);
        pending_ = 0;
        batch_rejected_ = 0;
        acts_.clear();
        cases_.clear();
    }

    void finish_batch(db::Tx& tx, BatchAck& ack, const agg::Deltas& deltas, int64_t now) {
        store::apply_deltas(tx, deltas, facts_.orgs);
        store::BatchRow b;
        b.id = ack.batch_id;
        b.source = opts_.source;
        b.what = opts_.what == What::kActs ? "acts" : "cases";
        b.first_line = ack.first_line;
        b.last_line = ack.last_line;
        b.accepted = ack.counts.accepted;
        b.updated = ack.counts.updated;
        b.rejected = ack.counts.rejected;
        b.at_ms = now;
        b.by_user = who_.user_id;
        store::insert_batch(tx, b);
        opts_.audit->append(
            tx, who_,
            audit::Entry{.action = "monitoring.import",
                         .object_kind = "monitoring_batch",
                         .object_id = std::to_string(b.id),
                         .detail = "what=" + b.what + " source=" + b.source + " lines=" + std::to_string(b.first_line) +
                                   "-" + std::to_string(b.last_line) + " accepted=" + std::to_string(b.accepted) +
                                   " updated=" + std::to_string(b.updated) + " rejected=" + std::to_string(b.rejected)},
            now);
    }

    void write_acts(BatchAck& ack) {
        // Sorted by pointer: a Candidate is a whole act, too big to swap around.
        std::vector<Candidate*> sorted;
        sorted.reserve(acts_.size());
        for (auto& c : acts_) sorted.push_back(&c);
        std::sort(sorted.begin(), sorted.end(), [](const Candidate* a, const Candidate* b) {
            return std::tie(a->act.agency_id, a->act.ext_key, a->seq) <
                   std::tie(b->act.agency_id, b->act.ext_key, b->seq);
        });
        const int64_t now = now_ms();
        db_.write([&](db::Tx& tx) {
            store::lock_acts(tx);
            // Existing rows of the batch's keys: one query.
            keys_.clear();
            for (const Candidate* c : sorted)
                if (keys_.empty() || keys_.back() != c->act.key()) keys_.push_back(c->act.key());
            std::vector<store::StoredAct> old = store::find_acts(tx, keys_);
            std::map<Key, const store::StoredAct*> old_by_key;
            for (const auto& o : old) old_by_key.emplace(o.key(), &o);

            // Within a batch, rows of one key apply in input order: the last wins, the earlier ones
            // count as accepted, then updated. A row whose external id differs from the one stored (or
            // sent first) under the same 64-bit key is a collision, and is rejected.
            std::vector<Candidate*> win;
            int64_t dup_updates = 0;
            for (size_t i = 0; i < sorted.size();) {
                size_t j = i;
                while (j < sorted.size() && sorted[j]->act.key() == sorted[i]->act.key()) ++j;
                auto it = old_by_key.find(sorted[i]->act.key());
                const std::string& ext_id =
                    it != old_by_key.end() ? it->second->row.external_id : sorted[i]->act.row.external_id;
                Candidate* last = nullptr;
                for (size_t k = i; k < j; ++k) {
                    if (sorted[k]->act.row.external_id != ext_id) {
                        reject(sorted[k]->line,
                               parse::RowError{"external_id", "外部编号与已有记录「" + ext_id +
                                                                  "」的散列键冲突，请联系管理员更换外部编号"});
                        continue;
                    }
                    if (last) ++dup_updates;
                    last = sorted[k];
                }
                if (last) win.push_back(last);
                i = j;
            }

            // R1–R7 and the shares of every winning row.
            findings_.resize(win.size());
            for (size_t i = 0; i < win.size(); ++i) {
                store::StoredAct& a = win[i]->act;
                a.batch_id = ack.batch_id;
                a.updated_at = now;
                a.warn_mask = 0;
                evaluator_->evaluate(a, findings_[i]);
            }

            // R8: move the inspections, then evaluate every party they touch.
            std::vector<int64_t> parties;
            std::vector<std::pair<int64_t, int64_t>> changes;  // (party, day) of every moved inspection
            std::vector<store::Inspection> gone, added;
            for (Candidate* c : win) {
                const store::StoredAct& a = c->act;
                auto it = old_by_key.find(a.key());
                std::optional<store::Inspection> before, after;
                if (it != old_by_key.end() && it->second->row.kind == ActKind::kInspection)
                    before = store::Inspection{ext_key_of(it->second->row.party_key), it->second->act_date, a.agency_id,
                                               a.ext_key};
                if (a.row.kind == ActKind::kInspection)
                    after = store::Inspection{ext_key_of(a.row.party_key), a.act_date, a.agency_id, a.ext_key};
                auto same = [](const store::Inspection& x, const store::Inspection& y) {
                    return x.party_hash == y.party_hash && x.act_date == y.act_date;
                };
                if (before && (!after || !same(*before, *after))) gone.push_back(*before);
                if (after && (!before || !same(*before, *after))) added.push_back(*after);
                if (before) {
                    parties.push_back(before->party_hash);
                    changes.emplace_back(before->party_hash, before->act_date.days());
                }
                if (after) {
                    parties.push_back(after->party_hash);
                    changes.emplace_back(after->party_hash, after->act_date.days());
                }
            }
            std::sort(changes.begin(), changes.end());
            store::delete_inspections(tx, gone);
            store::insert_inspections(tx, added);
            std::sort(parties.begin(), parties.end());
            parties.erase(std::unique(parties.begin(), parties.end()), parties.end());
            const auto visits = store::inspections_of(tx, parties);
            const auto r8 = detail::evaluate_r8(visits, facts_, evaluator_->context());
            std::set<Key> batch_keys;
            for (Candidate* c : win) {
                batch_keys.insert(c->act.key());
                if (r8.count(c->act.key())) c->act.warn_mask |= detail::kR8Bit;
            }
            // Other acts of those parties whose R8 may have changed: R8 on an act dated d looks at the
            // window (d - window_days, d], so a change on day c reaches the acts of days [c, c + window).
            const int64_t window = rules_.r8_window_days;
            std::vector<Key> others;
            for (const auto& v : visits) {
                if (batch_keys.count({v.agency_id, v.ext_key})) continue;
                const int64_t d = v.act_date.days();
                auto it = std::lower_bound(changes.begin(), changes.end(), std::pair{v.party_hash, d - window + 1});
                if (it != changes.end() && it->first == v.party_hash && it->second <= d)
                    others.push_back({v.agency_id, v.ext_key});
            }
            std::sort(others.begin(), others.end());
            others.erase(std::unique(others.begin(), others.end()), others.end());
            const std::vector<store::ActMark> other_acts = store::find_marks(tx, others);

            // The warnings of acts that existed, and of the other R8 acts.
            std::vector<Key> warn_keys;
            for (const auto& o : old) warn_keys.push_back(o.key());
            for (const auto& o : other_acts) warn_keys.push_back(o.key());
            std::sort(warn_keys.begin(), warn_keys.end());
            const auto warnings = store::warnings_of(tx, warn_keys);
            std::map<Key, std::vector<const store::StoredWarning*>> warn_by_key;
            for (const auto& w : warnings) warn_by_key[{w.agency_id, w.ext_key}].push_back(&w);

            agg::Deltas deltas;
            detail::ReconcileCounts rc;
            std::vector<store::NewWarning> opened;
            std::vector<const store::StoredAct*> fresh, changed;
            fresh.reserve(win.size());
            for (size_t i = 0; i < win.size(); ++i) {
                store::StoredAct& a = win[i]->act;
                Fires fires{};
                for (const auto& f : findings_[i]) fires[static_cast<int>(f.rule) - 1] = &f;
                auto r8it = r8.find(a.key());
                if (r8it != r8.end()) fires[static_cast<int>(RuleCode::kR8) - 1] = &r8it->second;
                const auto wk = warn_by_key.find(a.key());
                const store::StoredWarning* const* ex = wk == warn_by_key.end() ? nullptr : wk->second.data();
                const size_t nex = wk == warn_by_key.end() ? 0 : wk->second.size();
                const store::OrgFacts* org = facts_.orgs.find_id(a.agency_id);
                const uint32_t dismissed = detail::reconcile(tx, a.key(), org->region_code, a.act_date.iso(), a.month,
                                                             fires, detail::kAllRules, ex, nex, now, rc, opened);
                auto it = old_by_key.find(a.key());
                if (it != old_by_key.end()) {
                    deltas.add_act(detail::share_of(*it->second, dismissed), -1);
                    ++ack.counts.updated;
                    changed.push_back(&a);
                } else {
                    ++ack.counts.accepted;
                    fresh.push_back(&a);
                }
                deltas.add_act(detail::share_of(a, dismissed), +1);
            }
            ack.counts.updated += dup_updates;
            store::write_acts(tx, fresh, changed);

            // R8 on the other acts of the touched parties: only newly opened warnings count.
            detail::ReconcileCounts other_rc;
            for (const auto& o : other_acts) {
                Fires fires{};
                auto r8it = r8.find(o.key());
                if (r8it != r8.end()) fires[static_cast<int>(RuleCode::kR8) - 1] = &r8it->second;
                const auto wk = warn_by_key.find(o.key());
                const store::StoredWarning* const* ex = wk == warn_by_key.end() ? nullptr : wk->second.data();
                const size_t nex = wk == warn_by_key.end() ? 0 : wk->second.size();
                const store::OrgFacts* org = facts_.orgs.find_id(o.agency_id);
                const uint32_t dismissed = detail::reconcile(tx, o.key(), org->region_code, o.act_date, o.month, fires,
                                                             detail::kR8Bit, ex, nex, now, other_rc, opened);
                const uint32_t mask = (o.warn_mask & ~detail::kR8Bit) | (r8it != r8.end() ? detail::kR8Bit : 0);
                if (mask != o.warn_mask) {
                    const bool was = (o.warn_mask & ~dismissed & detail::kR8Bit) != 0;
                    const bool now_counted = (mask & ~dismissed & detail::kR8Bit) != 0;
                    deltas.add(o.agency_id, o.month, agg::warn_metric(RuleCode::kR8),
                               int64_t{now_counted} - int64_t{was});
                    store::set_warn_mask(tx, o.key(), mask);
                }
            }
            store::insert_warnings(tx, opened, now);
            for (int r = 0; r < kRuleCount; ++r) ack.counts.warnings[r] = rc.firing[r];
            ack.counts.warnings[static_cast<int>(RuleCode::kR8) - 1] += other_rc.opened;
            ack.counts.rejected = batch_rejected_;
            finish_batch(tx, ack, deltas, now);
        });
    }

    void write_cases(BatchAck& ack) {
        std::sort(cases_.begin(), cases_.end(), [](const CaseCandidate& a, const CaseCandidate& b) {
            return std::tie(a.c.agency_id, a.c.ext_key, a.seq) < std::tie(b.c.agency_id, b.c.ext_key, b.seq);
        });
        const int64_t now = now_ms();
        db_.write([&](db::Tx& tx) {
            store::lock_acts(tx);
            keys_.clear();
            for (const auto& c : cases_)
                if (keys_.empty() || keys_.back() != c.c.key()) keys_.push_back(c.c.key());
            std::vector<store::StoredCase> old = store::find_cases(tx, keys_);
            std::map<Key, const store::StoredCase*> old_by_key;
            for (const auto& o : old) old_by_key.emplace(o.key(), &o);
            agg::Deltas deltas;
            for (size_t i = 0; i < cases_.size();) {
                size_t j = i;
                while (j < cases_.size() && cases_[j].c.key() == cases_[i].c.key()) ++j;
                auto it = old_by_key.find(cases_[i].c.key());
                const std::string ext_id =
                    it != old_by_key.end() ? it->second->row.external_id : cases_[i].c.row.external_id;
                CaseCandidate* last = nullptr;
                for (size_t k = i; k < j; ++k) {
                    if (cases_[k].c.row.external_id != ext_id) {
                        reject(cases_[k].line,
                               parse::RowError{"external_id", "外部编号与已有记录「" + ext_id +
                                                                  "」的散列键冲突，请联系管理员更换外部编号"});
                        continue;
                    }
                    if (last || it != old_by_key.end())
                        ++ack.counts.updated;
                    else
                        ++ack.counts.accepted;
                    last = &cases_[k];
                }
                if (last) {
                    last->c.batch_id = ack.batch_id;
                    if (it != old_by_key.end())
                        deltas.add_case(agg::case_share(it->second->agency_id, it->second->row, rules_), -1);
                    deltas.add_case(agg::case_share(last->c.agency_id, last->c.row, rules_), +1);
                    store::upsert_case(tx, last->c, now);
                }
                i = j;
            }
            ack.counts.rejected = batch_rejected_;
            finish_batch(tx, ack, deltas, now);
        });
    }

    db::Database& db_;
    const IngestOptions& opts_;
    const IngestHooks& hooks_;
    const rules::RuleSet& rules_;
    const auth::Caller system_;
    const auth::Caller& who_;
    detail::RunFacts facts_;
    std::unique_ptr<detail::Evaluator> evaluator_;

    IngestCounts total_;
    int64_t first_line_ = 0, last_line_ = 0;
    size_t pending_ = 0;  // rows of the batch being read, rejected ones included
    int64_t batch_rejected_ = 0;
    int64_t seq_ = 0;
    std::vector<Candidate> acts_;
    std::vector<CaseCandidate> cases_;
    std::vector<Key> keys_;
    std::vector<std::vector<Finding>> findings_;  // per winning row, reused across batches
};

}  // namespace

IngestCounts ingest(db::Database& db, std::istream& in, const IngestOptions& opts, const IngestHooks& hooks) {
    Ingestor ing(db, opts, hooks);
    return ing.run(in);
}

std::string counts_json(const IngestCounts& c) {
    std::string s = "{\"accepted\":" + std::to_string(c.accepted) + ",\"updated\":" + std::to_string(c.updated) +
                    ",\"rejected\":" + std::to_string(c.rejected) + ",\"warnings\":{";
    for (int r = 0; r < kRuleCount; ++r) {
        if (r) s += ',';
        s += "\"R" + std::to_string(r + 1) + "\":" + std::to_string(c.warnings[r]);
    }
    return s + "}}";
}

}  // namespace lecs::monitoring
