// The enforcement domains (执法领域) LECS groups disputes, reports and warnings by.
//
// Contract:
// - enforcement_domains() is the list in display order; codes are stable (stored in
//   the database), names are what the UI shows.
// - find_domain() returns nullptr for an unknown code; domain_name() returns the name,
//   or "未分类" for "" and the code itself for an unknown one (a code retired from the
//   list still reads).
// The list follows the domains of China's 综合行政执法 reform (市场监管, 生态环境, 文化
// 市场, 交通运输, 农业) plus the other sectors with a municipal enforcement agency in
// Xingtai's directory; it is a vocabulary, not law, so adding one needs no migration.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace lecs::org {

struct EnforcementDomain {
    std::string_view code;
    std::string_view name;
};

std::span<const EnforcementDomain> enforcement_domains();
const EnforcementDomain* find_domain(std::string_view code);
std::string domain_name(std::string_view code);

}  // namespace lecs::org
