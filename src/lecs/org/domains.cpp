#include "lecs/org/domains.hpp"

#include <array>

namespace lecs::org {
namespace {

constexpr std::array<EnforcementDomain, 15> kDomains{{
    {"market", "市场监管"},
    {"ecology", "生态环境"},
    {"culture", "文化市场"},
    {"transport", "交通运输"},
    {"agriculture", "农业农村"},
    {"natural_resources", "自然资源"},
    {"urban", "城市管理"},
    {"housing", "住房和城乡建设"},
    {"emergency", "应急管理"},
    {"health", "卫生健康"},
    {"water", "水利"},
    {"education", "教育"},
    {"human_resources", "人力资源和社会保障"},
    {"public_security", "公安"},
    {"other", "其他"},
}};

}  // namespace

std::span<const EnforcementDomain> enforcement_domains() { return kDomains; }

const EnforcementDomain* find_domain(std::string_view code) {
    for (const auto& d : kDomains)
        if (d.code == code) return &d;
    return nullptr;
}

std::string domain_name(std::string_view code) {
    if (code.empty()) return "未分类";
    if (const auto* d = find_domain(code)) return std::string(d->name);
    return std::string(code);
}

}  // namespace lecs::org
