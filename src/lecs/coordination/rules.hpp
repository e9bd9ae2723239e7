// Pure rules of the coordination module (no I/O): which department coordinates
// a 行政执法职责争议 (Art 7), computed, never chosen by hand (REQUIREMENTS §4).
//
// Contract:
// - route(parties) reads only the facts it is given (the caller resolves them
//   from the org module) and returns either a competent department, the city
//   one (130500) or one county's (its 6-digit code), or out_of_scope; with a
//   stable rule_code and a Chinese reason that quotes the article. Both are
//   stored with the dispute and shown.
// - Precedence, first match wins:
//     1. validation errors (a Result error, nothing routed): fewer than two
//        parties, the same agency twice, a party that is not a 行政执法机关,
//        malformed facts;
//     2. any party outside 邢台市 → out_of_scope ("out_of_scope.outside_city",
//        Art 2: the Measures govern this city's area only);
//     3. any city-level party → city ("art7.city_party", Art 7 ¶1 clauses 1–2);
//     4. parties in more than one county → city ("art7.cross_county", Art 7 ¶1
//        clause 3);
//     5. all parties in one county → that county ("art7.same_county", Art 7 ¶2).
// - Where one party counts (place()):
//     - an entrusted body (受委托组织) counts as its entrusting agency: it acts in
//       that agency's name (行政处罚法第二十条; REQUIREMENTS §2 "disputes attach
//       to the entrusting agency");
//     - a dispatched body (派出机构) counts as the agency that set it up, whatever
//       region it sits in (see rules.cpp for the basis);
//     - a township body (乡镇政府/街道办事处, its 综合行政执法队, any body at township
//       level) counts as its county's;
//     - a body in 邢台经济开发区 (130571, and its townships) counts as city-level.
// - A vertical-management party (垂直管理部门, or a body acting for one) sets
//   vertical_flag: Art 27 leaves it to "法律、法规和有关规定", and 条例825
//   Art 42 sends problems to its superior department. The routing still stands,
//   but a user must confirm before the dispute proceeds against it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/result.hpp"

namespace lecs::coordination {

// Stored values of Routing::outcome.
namespace outcome {
inline constexpr const char* kCompetent = "competent";
inline constexpr const char* kOutOfScope = "out_of_scope";
}  // namespace outcome

// Stored values of Routing::rule_code: stable, renumbering the Measures does
// not change them.
namespace rule {
inline constexpr const char* kCityParty = "art7.city_party";
inline constexpr const char* kCrossCounty = "art7.cross_county";
inline constexpr const char* kSameCounty = "art7.same_county";
inline constexpr const char* kOutsideCity = "out_of_scope.outside_city";
}  // namespace rule

// What routing reads about one organisation: a subset of org::Org.
struct AgencyFacts {
    int64_t id = 0;
    std::string name;
    std::string kind;         // org::kind::*
    std::string level;        // city | county | township (not read for a body outside 邢台市)
    std::string region_code;  // 6-digit county-level or 9-digit township code (GB/T 2260)
};

// One party to a dispute.
struct PartyFacts {
    AgencyFacts org;
    // For an entrusted or dispatched party: the agencies it acts for, nearest
    // first. [0] is the entrusting agency (org.entrusting_id) or the agency
    // that set up the dispatched body (org.parent_id); when that one is itself
    // a dispatched body, [1] is its parent, and so on, up to the first body
    // that is neither. Empty for every other kind.
    std::vector<AgencyFacts> acts_for;
};

// Where Art 7 places one party.
struct Placement {
    bool inside_city = false;  // false: not an agency of 邢台市 (Art 2)
    bool city_level = false;   // 市本级, 邢台经济开发区 included
    std::string county_code;   // the 6-digit county code when inside and not city-level
    bool vertical = false;     // a 垂直管理部门, or a body acting for one (Art 27)
    // Chinese, why the party is placed through another body or region (派出,
    // 委托, 乡镇, 开发区); empty when it is placed by its own facts.
    std::string note;
};

struct Routing {
    std::string outcome;                // outcome::*
    std::string competent_level;        // city | county; empty when out of scope
    std::string competent_region_code;  // 130500 or the county's code; empty when out of scope
    std::string rule_code;              // rule::*
    std::string reason;                 // Chinese: the article quoted, then the facts that made it fire
    std::string basis;  // the provision, e.g. 《邢台市行政执法协调监督工作办法》第七条第一款
    bool vertical_flag = false;                 // a user must confirm before the dispute proceeds
    std::vector<std::string> vertical_parties;  // names, in party order
    std::string vertical_note;                  // Chinese, citing Art 27 and 条例825 Art 42; empty when not flagged
};

// Where one party counts. Errors name the field relative to the party
// ("kind", "acts_for[0].region_code"); route() prefixes "parties[i].".
Result<Placement> place(const PartyFacts& party);

// Routing of a dispute among `parties` (Art 6–8: at least two distinct
// agencies). See the contract above.
Result<Routing> route(std::span<const PartyFacts> parties);

}  // namespace lecs::coordination
