// Pure rules of a dispute application (no I/O): what Art 8 requires it to say,
// and the failed negotiation Art 6 requires before it.
//
// Contract:
// - check_application(app, today) returns every problem, in the order of the
//   form (公函, 争议焦点, each party's position and legal basis, the
//   negotiation), each an Error with a field path ("focus",
//   "parties[1].legal_basis[0].article", "negotiation.date"), a stable code and
//   a Chinese message naming the item of the article, e.g.
//   「缺少行政执法职责争议焦点的情况说明（第八条第二项）」, with the basis cited.
//   Empty: the application is complete. A text made only of spaces (ASCII or
//   the full-width U+3000) counts as missing.
// - The items:
//     Art 8 (一) 行政执法机关提请协调的公函: letter_attachment_id present (> 0);
//     Art 8 (二) 行政执法职责争议焦点的情况说明: focus;
//     Art 8 (三) 争议双方观点及相应法律、法规、规章依据: at least two parties, each
//       with a position and at least one basis, each basis with the law's name
//       and the article;
//     Art 6 ¶1 应当依法主动协商解决。协商不成的，可以书面形式申请: the
//       negotiation's date (not after today), participants and outcome;
//     Art 8 (四) 其他需要说明的情况: optional, never a problem.
// - incomplete(problems) folds a non-empty list into the one Error a refused
//   submission returns: code "dispute.incomplete", every message joined with
//   "；", the first problem's field, basis Art 8.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/base/result.hpp"
#include "lecs/base/time.hpp"

namespace lecs::coordination {

// One 法律、法规、规章依据 of a position.
struct LegalBasis {
    std::string law;      // 《中华人民共和国食品安全法》
    std::string article;  // 第一百一十条
};

struct PartyPosition {
    int64_t org_id = 0;
    std::string org_name;  // for the messages
    std::string position;
    std::vector<LegalBasis> legal_basis;
};

// Art 6: the prior negotiation that failed.
struct Negotiation {
    std::optional<Date> date;
    std::string participants;
    std::string outcome;
};

struct Application {
    std::optional<int64_t> letter_attachment_id;  // the 公函 (an attachment)
    std::string focus;                            // 争议焦点情况说明
    std::vector<PartyPosition> parties;           // the applicant first
    Negotiation negotiation;
    std::string other_info;  // 其他需要说明的情况 (optional)
};

std::vector<Error> check_application(const Application& app, Date today);

// Precondition: !problems.empty().
Error incomplete(const std::vector<Error>& problems);

// True when s holds something other than ASCII whitespace and U+3000.
bool has_text(const std::string& s);

}  // namespace lecs::coordination
