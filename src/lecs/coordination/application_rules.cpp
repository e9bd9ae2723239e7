#include "lecs/coordination/application_rules.hpp"

#include <string_view>

#include "lecs/base/provision.hpp"

namespace lecs::coordination {
namespace {

// "（第八条第二项）": the article from the provision registry, the item spelled here.
std::string art8_item(std::string_view item) {
    return "（" + std::string(info(Provision::kMeasuresArt8).article) + std::string(item) + "）";
}
std::string art6_para1() { return "（" + std::string(info(Provision::kMeasuresArt6).article) + "第一款）"; }

std::string party_label(const PartyPosition& p, size_t i) {
    return p.org_name.empty() ? "第" + std::to_string(i + 1) + "个当事方" : "「" + p.org_name + "」";
}

}  // namespace

bool has_text(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            ++i;
        } else if (s.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 IDEOGRAPHIC SPACE
            i += 3;
        } else {
            return true;
        }
    }
    return false;
}

std::vector<Error> check_application(const Application& app, Date today) {
    std::vector<Error> out;
    const std::string art8 = cite(Provision::kMeasuresArt8);
    const std::string art6 = cite(Provision::kMeasuresArt6);
    auto problem = [&](const char* code, std::string message, std::string field, const std::string& basis) {
        out.push_back(Error::validation(code, std::move(message), std::move(field), basis));
    };

    // (一) 行政执法机关提请协调的公函
    if (!app.letter_attachment_id || *app.letter_attachment_id <= 0)
        problem("dispute.letter_missing", "缺少行政执法机关提请协调的公函" + art8_item("第一项"),
                "letter_attachment_id", art8);

    // (二) 行政执法职责争议焦点的情况说明
    if (!has_text(app.focus))
        problem("dispute.focus_missing", "缺少行政执法职责争议焦点的情况说明" + art8_item("第二项"), "focus", art8);

    // (三) 争议双方观点及相应法律、法规、规章依据
    if (app.parties.size() < 2)
        problem("dispute.too_few_parties", "缺少争议另一方及其观点：职责争议须有两个以上当事方" + art8_item("第三项"),
                "parties", art8);
    for (size_t i = 0; i < app.parties.size(); ++i) {
        const PartyPosition& p = app.parties[i];
        const std::string field = "parties[" + std::to_string(i) + "]";
        const std::string who = party_label(p, i);
        if (!has_text(p.position))
            problem("dispute.position_missing", "缺少争议一方" + who + "的观点" + art8_item("第三项"),
                    field + ".position", art8);
        if (p.legal_basis.empty())
            problem("dispute.legal_basis_missing",
                    "缺少" + who + "观点的相应法律、法规、规章依据" + art8_item("第三项"), field + ".legal_basis",
                    art8);
        for (size_t j = 0; j < p.legal_basis.size(); ++j) {
            const LegalBasis& b = p.legal_basis[j];
            const std::string bfield = field + ".legal_basis[" + std::to_string(j) + "]";
            if (!has_text(b.law))
                problem("dispute.legal_basis_law_missing",
                        who + "观点的第" + std::to_string(j + 1) + "项依据未写明法律、法规或规章的名称" +
                            art8_item("第三项"),
                        bfield + ".law", art8);
            if (!has_text(b.article))
                problem("dispute.legal_basis_article_missing",
                        who + "观点所依据的" + (has_text(b.law) ? b.law : "法律、法规、规章") + "未写明具体条款" +
                            art8_item("第三项"),
                        bfield + ".article", art8);
        }
    }

    // Art 6 ¶1: 应当依法主动协商解决。协商不成的，可以书面形式申请……协调处理。
    if (!app.negotiation.date)
        problem("dispute.negotiation_date_missing", "缺少协商不成的情况：协商日期" + art6_para1(), "negotiation.date",
                art6);
    else if (*app.negotiation.date > today)
        problem("dispute.negotiation_date_future",
                "协商日期" + app.negotiation.date->chinese() + "晚于今天，须先协商、协商不成后再申请" + art6_para1(),
                "negotiation.date", art6);
    if (!has_text(app.negotiation.participants))
        problem("dispute.negotiation_participants_missing", "缺少协商不成的情况：参加协商的人员" + art6_para1(),
                "negotiation.participants", art6);
    if (!has_text(app.negotiation.outcome))
        problem("dispute.negotiation_outcome_missing",
                "缺少协商不成的情况：协商结果及未能达成一致的原因" + art6_para1(), "negotiation.outcome", art6);

    // (四) 其他需要说明的情况: optional.
    return out;
}

Error incomplete(const std::vector<Error>& problems) {
    std::string message = "申请材料不齐全：";
    for (size_t i = 0; i < problems.size(); ++i) {
        if (i) message += "；";
        message += problems[i].message;
    }
    return Error::validation("dispute.incomplete", message, problems.empty() ? std::string() : problems.front().field,
                             cite(Provision::kMeasuresArt8));
}

}  // namespace lecs::coordination
