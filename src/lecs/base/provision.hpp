// The registry of legal provisions (REQUIREMENTS §0).
//
// Contract: every legal basis LECS cites (in errors, documents, rules) is a
// Provision key looked up here; nothing else spells an article number. The
// Measures are a draft (征求意见稿) whose numbering may change, so the table in
// provision.cpp is data: renumbering edits that table only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lecs {

enum class Provision {
    kMeasuresArt3,
    kMeasuresArt6,
    kMeasuresArt7,
    kMeasuresArt8,
    kMeasuresArt11,
    kMeasuresArt12,
    kMeasuresArt13,
    kMeasuresArt14,
    kMeasuresArt15,
    kMeasuresArt16,
    kMeasuresArt17,
    kMeasuresArt18,
    kMeasuresArt19,
    kMeasuresArt21,
    kMeasuresArt22,
    kMeasuresArt23,
    kMeasuresArt24,
    kMeasuresArt26,
    kMeasuresArt27,
    kPiplArt51,              // 个人信息保护法第五十一条: security measures for personal information
    kCybersecurityLawArt21,  // 网络安全法第二十一条: 等级保护, logs kept ≥ 6 months
    kPenaltyLawArt20,        // 行政处罚法第二十条: entrusted bodies act in the entrusting agency's name
    kMeasuresArt2,           // 第二条: 本市行政区域 (added late; kGbt9704 stays last)
    kDecree825Art42,         // 行政执法监督条例第四十二条: 垂直管理, problems to the superior
    kDecree825,  // 行政执法监督条例 itself, where the article is not yet verified (legal-facts §1.3)
    kGbt9704,    // GB/T 9704-2012 党政机关公文格式
};

struct ProvisionInfo {
    Provision id;
    std::string_view key;      // stable key, e.g. "measures.art13"
    std::string_view law;      // 《邢台市行政执法协调监督工作办法》
    std::string_view article;  // 第十三条
    std::string_view summary;  // one line, Chinese
};

// "《邢台市行政执法协调监督工作办法》第十三条"
std::string cite(Provision p);
const ProvisionInfo& info(Provision p);
const std::vector<ProvisionInfo>& all_provisions();

}  // namespace lecs
