// Golden files: src/lecs/monitoring/testdata/<name>.ndjson (input rows, one act per line) →
// <name>.golden (per input line, in order: "L<line> <external_id> <rule> <severity> <evidence>"
// for each finding, or "L<line> rejected <field>: <reason>" for a row the parser refuses).
// The certificates, the catalog, the agencies and "today" come from testdata/facts.json; R8 runs
// over the inspections of each party_key. Rules use the real embedded 2025/2026 calendar and the
// embedded default parameters (data/monitoring-rules.json).
//
// To rewrite the expected files after an intended change, run
//   LECS_UPDATE_GOLDEN=1 ./lecs_monitoring_tests --gtest_filter='Golden*'
// and review the diff of testdata/*.golden before committing it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "lecs/base/embedded.hpp"
#include "lecs/monitoring/parse.hpp"
#include "lecs/monitoring/rules.hpp"

namespace lecs::monitoring {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

fs::path testdata() { return fs::path(__FILE__).parent_path() / "testdata"; }

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::optional<Date> opt_date(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    return Date::parse(std::string(v->as_string()));
}

struct Facts {
    Date today;
    std::map<std::string, std::pair<int64_t, std::string>> agencies;  // uscc → id, name
    std::map<std::string, rules::CertificateFacts, std::less<>> certs;
    std::map<std::pair<int64_t, std::string>, std::vector<rules::CatalogFacts>> catalog;  // (agency id, code)
};

Facts load_facts() {
    auto root = json::parse(slurp(testdata() / "facts.json")).as_object();
    Facts f;
    f.today = *Date::parse(std::string(root.at("today").as_string()));
    for (auto& a : root.at("agencies").as_array()) {
        auto& o = a.as_object();
        f.agencies[std::string(o.at("uscc").as_string())] = {o.at("id").as_int64(),
                                                             std::string(o.at("name").as_string())};
    }
    for (auto& c : root.at("certificates").as_array()) {
        auto& o = c.as_object();
        rules::CertificateFacts cf;
        cf.known = true;
        cf.holder = std::string(o.at("holder").as_string());
        cf.enforcement = o.at("kind").as_string() == "enforcement";
        cf.issued_on = opt_date(o, "issued_on");
        cf.expires_on = opt_date(o, "expires_on");
        cf.suspended_from = opt_date(o, "suspended_from");
        cf.reinstated_on = opt_date(o, "reinstated_on");
        cf.revoked_on = opt_date(o, "revoked_on");
        f.certs[std::string(o.at("number").as_string())] = cf;
    }
    for (auto& c : root.at("catalog").as_array()) {
        auto& o = c.as_object();
        rules::CatalogFacts cf;
        cf.name = std::string(o.at("name").as_string());
        cf.effective_from = *opt_date(o, "effective_from");
        cf.effective_to = opt_date(o, "effective_to");
        if (auto* v = o.if_contains("min_amount_fen"); v && !v->is_null()) cf.min_amount_fen = v->as_int64();
        if (auto* v = o.if_contains("max_amount_fen"); v && !v->is_null()) cf.max_amount_fen = v->as_int64();
        int64_t agency = f.agencies.at(std::string(o.at("agency").as_string())).first;
        f.catalog[{agency, std::string(o.at("item_code").as_string())}].push_back(cf);
    }
    return f;
}

std::string run_golden(const std::string& input, const Facts& facts) {
    const auto& cal = []() -> const calendar::Calendar& {
        static const calendar::Calendar c = calendar::Calendar::from_entries(
            calendar::parse_holiday_csv(*embedded::find("data/cn-holidays-2025-2026.csv")).value());
        return c;
    }();
    const rules::RuleSet rs = rules::default_rule_set();
    rules::Context ctx{rs, cal, facts.today};

    std::istringstream in(input);
    parse::RowReader reader(in);
    std::string row;
    int64_t line = 0;
    bool too_long = false;
    std::map<int64_t, std::vector<std::string>> out;                               // by line
    std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, std::string>> where;  // (agency, ext_key) → line, id
    std::map<std::string, std::vector<rules::Visit>> visits;                       // by party_key
    while (reader.next(row, line, too_long)) {
        auto& lines = out[line];
        const std::string prefix = "L" + std::to_string(line) + " ";
        if (too_long) {
            lines.push_back(prefix + "rejected : 行过长");
            continue;
        }
        auto parsed = parse::parse_act_json(row);
        if (auto* e = std::get_if<parse::RowError>(&parsed)) {
            lines.push_back(prefix + "rejected " + e->field + ": " + e->reason);
            continue;
        }
        const ActRow& a = std::get<ActRow>(parsed);
        auto ag = facts.agencies.find(a.agency_uscc);
        if (ag == facts.agencies.end()) {
            lines.push_back(prefix + "rejected agency: 机关未登记");
            continue;
        }
        const int64_t agency_id = ag->second.first;
        rules::ActFacts af;
        af.agency_id = agency_id;
        af.certificate = [&](std::string_view n) {
            auto it = facts.certs.find(n);
            return it == facts.certs.end() ? rules::CertificateFacts{} : it->second;
        };
        af.catalog = [&](std::string_view code) {
            auto it = facts.catalog.find({agency_id, std::string(code)});
            return it == facts.catalog.end() ? std::vector<rules::CatalogFacts>{} : it->second;
        };
        for (const auto& f : rules::evaluate_act(a, af, ctx))
            lines.push_back(prefix + a.external_id + " " + std::string(to_string(f.rule)) + " " +
                            std::string(to_string(f.severity)) + " " + f.evidence);
        const int64_t key = ext_key_of(a.external_id);
        where[{agency_id, key}] = {line, a.external_id};
        if (a.kind == ActKind::kInspection && !a.party_key.empty())
            visits[a.party_key].push_back({agency_id, key, *act_date(a), ag->second.second});
    }
    for (auto& [party, v] : visits)
        for (const auto& af : rules::evaluate_repeat_inspection(v, ctx)) {
            auto [l, id] = where.at({af.agency_id, af.ext_key});
            out[l].push_back("L" + std::to_string(l) + " " + id + " R8 " + std::string(to_string(af.finding.severity)) +
                             " " + af.finding.evidence);
        }
    std::string text;
    for (auto& [l, lines] : out)
        for (auto& s : lines) text += s + "\n";
    return text;
}

void check_golden(const std::string& name) {
    const Facts facts = load_facts();
    const std::string got = run_golden(slurp(testdata() / (name + ".ndjson")), facts);
    const fs::path golden = testdata() / (name + ".golden");
    const char* update = std::getenv("LECS_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(golden, std::ios::binary) << got;
        GTEST_SKIP() << "rewrote " << golden;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run with LECS_UPDATE_GOLDEN=1";
    EXPECT_EQ(got, slurp(golden)) << "the findings differ from " << golden;
}

TEST(GoldenRules, ActsToFindings) { check_golden("acts"); }
TEST(GoldenRules, RejectedRows) { check_golden("rejects"); }

// The golden input must exercise every rule, in both severities where the rule has two.
TEST(GoldenRules, TheActsFileHitsEveryRule) {
    const std::string text = slurp(testdata() / "acts.golden");
    for (int i = 1; i <= kRuleCount; ++i)
        EXPECT_NE(text.find(" R" + std::to_string(i) + " red "), std::string::npos) << "R" << i;
    EXPECT_NE(text.find(" R4 yellow "), std::string::npos);
    EXPECT_NE(text.find(" R5 yellow "), std::string::npos);
}

}  // namespace
}  // namespace lecs::monitoring
