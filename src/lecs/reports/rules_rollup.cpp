// (c) Roll-up from township to county to city by region code prefix, and the year-on-year
// comparison (rules.hpp; issue 7 step 4 "a roll-up from township to county to city").
#include <algorithm>

#include "lecs/org/domains.hpp"
#include "lecs/reports/rules.hpp"

namespace lecs::reports {
namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// legal-facts §4: 6 digits = county (GB/T 2260), 9 = township, 12 = township + 3 digits for the
// village, "000" being the township itself. Anything else is not a unit that reports.
std::optional<std::string> normalise(std::string_view code) {
    if (!all_digits(code)) return std::nullopt;
    if (code.size() == 12 && code.substr(9) == "000") code = code.substr(0, 9);
    if (code.size() != 6 && code.size() != 9) return std::nullopt;
    // "130000" is a province and "000000" nothing: neither reports here.
    if (code.substr(2, 4) == "0000") return std::nullopt;
    // A township under a city code ("130500001") has no county to roll into.
    if (code.size() == 9 && code.substr(4, 2) == "00") return std::nullopt;
    return std::string(code);
}

}  // namespace

std::optional<RegionLevel> region_level(std::string_view code) {
    auto c = normalise(code);
    if (!c) return std::nullopt;
    if (c->size() == 9) return RegionLevel::kTownship;
    return c->substr(4, 2) == "00" ? RegionLevel::kCity : RegionLevel::kCounty;
}

std::optional<std::string> region_at(std::string_view code, RegionLevel level) {
    auto c = normalise(code);
    auto own = region_level(code);
    if (!c || !own) return std::nullopt;
    // The enum runs from the city (0) down to the township (2): a unit above `level` is in none.
    if (static_cast<int>(*own) < static_cast<int>(level)) return std::nullopt;
    switch (level) {
        case RegionLevel::kCity:
            return c->substr(0, 4) + "00";
        case RegionLevel::kCounty:
            return c->substr(0, 6);
        case RegionLevel::kTownship:
            return *c;
    }
    return std::nullopt;
}

Result<std::map<std::string, Values>> roll_up(std::span<const RegionFigures> entries, RegionLevel level) {
    std::map<std::string, Values> out;
    for (const auto& e : entries) {
        if (!region_level(e.region))
            return Error::validation("reports.region", "行政区划代码“" + e.region + "”无效，应为6位县级或9位乡级代码",
                                     "region");
        auto key = region_at(e.region, level);
        if (!key) continue;  // above the level: counted only in the totals of higher levels
        Values& total = out[*key];
        for (const auto& [field, v] : e.values) {
            int64_t& acc = total[field];
            if (__builtin_add_overflow(acc, v, &acc))
                return Error::validation("reports.overflow", "汇总“" + field + "”时数值溢出", field);
        }
    }
    return out;
}

Result<std::vector<DomainTotal>> roll_up_by_domain(std::span<const DomainFigures> entries) {
    // Sort key: the directory's position, then unknown codes, then 未分类.
    const auto domains = org::enforcement_domains();
    auto rank = [&](const std::string& code) -> std::pair<size_t, std::string> {
        if (code.empty()) return {domains.size() + 1, ""};
        for (size_t i = 0; i < domains.size(); ++i)
            if (domains[i].code == code) return {i, ""};
        return {domains.size(), code};
    };
    std::map<std::pair<size_t, std::string>, DomainTotal> by_rank;
    for (const auto& e : entries) {
        DomainTotal& t = by_rank[rank(e.domain)];
        t.domain = e.domain;
        ++t.reports;
        for (const auto& [field, v] : e.values) {
            int64_t& acc = t.values[field];
            if (__builtin_add_overflow(acc, v, &acc))
                return Error::validation("reports.overflow", "汇总“" + field + "”时数值溢出", field);
        }
    }
    std::vector<DomainTotal> out;
    for (auto& [_, t] : by_rank) out.push_back(std::move(t));
    return out;
}

std::vector<YearOnYear> year_on_year(const ReportTemplate& t, const Values& current, const Values& previous) {
    auto get = [](const Values& v, const std::string& code) {
        auto it = v.find(code);
        return it == v.end() ? int64_t{0} : it->second;
    };
    std::vector<YearOnYear> out;
    for (const auto& tb : t.tables)
        for (const auto& f : tb.fields) {
            YearOnYear y;
            y.field_code = f.code;
            y.current = get(current, f.code);
            y.previous = get(previous, f.code);
            y.change = y.current - y.previous;  // cells are bounded (template.hpp): no overflow
            if (y.previous != 0) y.change_pct = 100.0 * static_cast<double>(y.change) / static_cast<double>(y.previous);
            out.push_back(std::move(y));
        }
    return out;
}

}  // namespace lecs::reports
