// The vocabularies, act_date and ext_key_of (model.hpp).
#include "lecs/monitoring/model.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lecs::monitoring {
namespace {

Date D(const char* iso) { return *Date::parse(iso); }

TEST(ModelVocabulary, ActKindsRoundTripAndUnknownIsNullopt) {
    std::set<std::string_view> words;
    for (int i = 0; i < kActKindCount; ++i) {
        auto k = static_cast<ActKind>(i);
        auto w = to_string(k);
        EXPECT_FALSE(w.empty());
        EXPECT_EQ(act_kind_from_string(w), k);
        EXPECT_FALSE(kind_label(k).empty());
        words.insert(w);
    }
    EXPECT_EQ(words.size(), static_cast<size_t>(kActKindCount));
    EXPECT_EQ(to_string(ActKind::kPenalty), "penalty");
    EXPECT_EQ(kind_label(ActKind::kCoercion), "行政强制");
    EXPECT_EQ(kind_label(ActKind::kInspection), "行政检查");
    EXPECT_FALSE(act_kind_from_string("Penalty"));
    EXPECT_FALSE(act_kind_from_string(""));
}

TEST(ModelVocabulary, PenaltyTypesAreDistinctBits) {
    uint8_t all = 0;
    for (auto w : {"warning", "fine", "confiscation", "suspension", "revocation", "detention", "other"}) {
        auto t = penalty_type_from_string(w);
        ASSERT_TRUE(t) << w;
        EXPECT_EQ(to_string(*t), w);
        EXPECT_EQ(all & static_cast<uint8_t>(*t), 0);
        all |= static_cast<uint8_t>(*t);
    }
    EXPECT_EQ(all, 127);
    EXPECT_FALSE(penalty_type_from_string("罚款"));
}

TEST(ModelVocabulary, ProcedurePartyCaseRuleSeverity) {
    EXPECT_EQ(procedure_from_string("simple"), Procedure::kSimple);
    EXPECT_EQ(to_string(Procedure::kGeneral), "general");
    EXPECT_FALSE(procedure_from_string("summary"));
    EXPECT_EQ(party_type_from_string("org"), PartyType::kOrg);
    EXPECT_EQ(to_string(PartyType::kPerson), "person");
    EXPECT_FALSE(party_type_from_string("company"));
    EXPECT_EQ(case_kind_from_string("litigation"), CaseKind::kLitigation);
    EXPECT_EQ(to_string(CaseKind::kReconsideration), "reconsideration");
    EXPECT_FALSE(case_kind_from_string("复议"));
    for (int i = 1; i <= kRuleCount; ++i) {
        auto r = static_cast<RuleCode>(i);
        EXPECT_EQ(to_string(r), "R" + std::to_string(i));
        EXPECT_EQ(rule_from_string(to_string(r)), r);
    }
    EXPECT_FALSE(rule_from_string("R9"));
    EXPECT_EQ(to_string(Severity::kRed), "red");
    EXPECT_EQ(to_string(Severity::kYellow), "yellow");
}

TEST(ModelVocabulary, CaseOutcomes) {
    EXPECT_TRUE(is_case_outcome("撤销"));
    EXPECT_TRUE(is_case_outcome("确认违法"));
    EXPECT_TRUE(is_case_outcome("撤诉"));
    EXPECT_FALSE(is_case_outcome("撤"));
    EXPECT_FALSE(is_case_outcome(""));
}

TEST(ModelActDate, DecidedThenFiledThenClosedThenServed) {
    ActRow a;
    EXPECT_FALSE(act_date(a));
    a.served_on = D("2026-05-04");
    EXPECT_EQ(act_date(a), D("2026-05-04"));
    a.closed_on = D("2026-05-03");
    EXPECT_EQ(act_date(a), D("2026-05-03"));
    a.filed_on = D("2026-05-02");
    EXPECT_EQ(act_date(a), D("2026-05-02"));
    a.decided_on = D("2026-05-01");
    EXPECT_EQ(act_date(a), D("2026-05-01"));
    EXPECT_EQ(month_of(D("2026-05-01")), 202605);
}

TEST(ModelExtKey, FnvOneA64FoldedNonNegativeAndStable) {
    // FNV-1a 64 of "" is the offset basis 0xcbf29ce484222325, of "a" 0xaf63dc4c8601ec8c (the
    // published test vectors); both have the top bit set, so the fold gives h ^ 1 without it.
    EXPECT_EQ(ext_key_of(""), static_cast<int64_t>((0xcbf29ce484222325ull ^ 1ull) & 0x7fffffffffffffffull));
    EXPECT_EQ(ext_key_of("a"), static_cast<int64_t>((0xaf63dc4c8601ec8cull ^ 1ull) & 0x7fffffffffffffffull));
    // "foobar" → 0x85944171f73967e8 (also top bit set).
    EXPECT_EQ(ext_key_of("foobar"), static_cast<int64_t>((0x85944171f73967e8ull ^ 1ull) & 0x7fffffffffffffffull));
    std::set<int64_t> keys;
    for (int i = 0; i < 10000; ++i) {
        int64_t k = ext_key_of("XD-2026-" + std::to_string(i));
        EXPECT_GE(k, 0);
        keys.insert(k);
    }
    EXPECT_EQ(keys.size(), 10000u);
    EXPECT_EQ(ext_key_of("信市监罚〔2026〕12号"), ext_key_of("信市监罚〔2026〕12号"));
    EXPECT_NE(ext_key_of("a"), ext_key_of("b"));
}

}  // namespace
}  // namespace lecs::monitoring
