#include "lecs/coordination/rules.hpp"

#include <algorithm>

#include "lecs/base/provision.hpp"
#include "lecs/org/model.hpp"
#include "lecs/org/rules.hpp"

namespace lecs::coordination {
namespace {

namespace okind = org::kind;

// Quoted word for word from the draft Measures (征求意见稿), Art 2, 7 and 27;
// "……" marks words left out of a longer sentence. Art 7 ¶1 is one sentence
// with three clauses, so each routing quotes the clause that fired.
constexpr std::string_view kArt2 = "本市行政区域内开展行政执法协调监督工作，适用本办法。";
constexpr std::string_view kArt7CityAmongThemselves =
    "市本级行政机关之间……存在职责争议的，由市行政执法协调监督部门负责协调。";
constexpr std::string_view kArt7CityAndCounty =
    "……市本级行政机关与县（市、区）行政机关之间……存在职责争议的，由市行政执法协调监督部门负责协调。";
constexpr std::string_view kArt7CrossCounty =
    "……不同县（市、区）行政机关之间存在职责争议的，由市行政执法协调监督部门负责协调。";
constexpr std::string_view kArt7SameCounty =
    "同一县（市、区）行政机关之间存在职责争议的，由县（市、区）行政执法协调监督部门负责协调。";
constexpr std::string_view kArt27Vertical =
    "对设立在本行政区域内实行垂直管理的行政执法部门的行政执法协调监督，依照法律、法规和有关规定执行。";
// 《行政执法监督条例》(国务院令第825号) Art 42 ¶2. Only this phrase of it is
// verified ([V] in legal-facts.md §1.2 and legal-facts-2.md, from the
// gwgpac.org copy); the rest of the sentence was not seen, so the note
// paraphrases around the quote and quotes nothing else.
constexpr std::string_view kDecree825Art42Quote = "将发现的问题及时告知其上一级主管部门";

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += "、";
        out += n;
    }
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool acts_for_another(std::string_view kind) { return kind == okind::kEntrusted || kind == okind::kDispatched; }

// An entrusting agency is a 行政机关; a dispatched body is set up by an agency
// or by a government (邢台经济开发区管理委员会 is the city government's).
bool can_act_through_others(std::string_view kind) {
    return org::rules::is_agency_kind(kind) || kind == okind::kGovernment;
}

std::string article_only(Provision p) { return std::string(info(p).article); }

Error region_invalid(const AgencyFacts& a, std::string field) {
    return Error::validation("dispute.region_invalid", a.name + "的行政区划代码不正确", std::move(field));
}

// The body that acts in its own name: an entrusted body acts in its
// entrusting agency's (行政处罚法第二十条). place() has checked acts_for.
const AgencyFacts& name_bearer(const PartyFacts& p) {
    return p.org.kind == okind::kEntrusted ? p.acts_for.front() : p.org;
}

}  // namespace

Result<Placement> place(const PartyFacts& party) {
    const AgencyFacts& self = party.org;
    // Art 6: disputes are between 行政执法机关; a government, a supervision
    // department or a court is not a party in this procedure.
    if (!org::rules::is_agency_kind(self.kind))
        return Error::validation("dispute.party_not_agency",
                                 self.name + "不是行政执法机关，不能作为行政执法职责争议的当事方", "kind",
                                 cite(Provision::kMeasuresArt6));

    Placement pl;
    pl.vertical = self.kind == okind::kVertical;

    // Walk to the body whose level and region decide. An entrusted body acts
    // in its entrusting agency's name, so its disputes are that agency's
    // (行政处罚法第二十条; REQUIREMENTS §2). A dispatched body (派出机构) is an
    // arm of the agency that set it up: the Measures name it beside entrusted
    // bodies in Art 27 and give it no level of its own, Art 7 sorts parties
    // by 市本级 / 县（市、区）行政机关, which is the level of the agency it is
    // part of, and the org model ties it to that agency by parent_id
    // (REQUIREMENTS §1 "dispatched (with parent)"). So a county bureau's
    // township station is a county body of that county, and a city bureau's
    // branch in a county is a city body.
    const AgencyFacts* cur = &self;
    std::string cur_field;  // the field prefix of *cur in the party's facts
    size_t i = 0;
    for (; acts_for_another(cur->kind); ++i) {
        const bool entrusted = cur->kind == okind::kEntrusted;
        if (i >= party.acts_for.size()) {
            if (entrusted)
                return Error::validation("dispute.principal_required",
                                         "受委托组织" + cur->name + "以委托机关名义实施行政执法，须提供委托机关",
                                         "acts_for", cite(Provision::kPenaltyLawArt20));
            return Error::validation("dispute.principal_required", "派出机构" + cur->name + "须提供设立它的机关",
                                     "acts_for", cite(Provision::kMeasuresArt27));
        }
        const AgencyFacts& next = party.acts_for[i];
        const std::string next_field = "acts_for[" + std::to_string(i) + "]";
        if (!can_act_through_others(next.kind))
            return Error::validation("dispute.principal_invalid",
                                     next.name + "不是行政执法机关或人民政府，不能作为" + cur->name +
                                         (entrusted ? "的委托机关" : "的设立机关"),
                                     next_field + ".kind");
        if (entrusted && next.kind == okind::kEntrusted)
            return Error::validation("dispute.re_entrusted",
                                     next.name + "是受委托组织，不得再委托" + cur->name + "实施行政执法",
                                     next_field + ".kind", cite(Provision::kPenaltyLawArt20));
        if (entrusted)
            pl.note += cur->name + "受" + next.name + "委托，以" + next.name + "名义实施行政执法（" +
                       cite(Provision::kPenaltyLawArt20) + "），按" + next.name + "确定协调管辖。";
        else
            pl.note += cur->name + "为" + next.name + "的派出机构，按" + next.name + "确定协调管辖。";
        if (next.kind == okind::kVertical) pl.vertical = true;
        cur = &next;
        cur_field = next_field + ".";
    }
    if (i < party.acts_for.size())
        return Error::validation("dispute.principal_unexpected",
                                 cur->name + "不是受委托组织或派出机构，不按其他机关确定协调管辖",
                                 "acts_for[" + std::to_string(i) + "]");

    const std::string& code = cur->region_code;
    if (!all_digits(code) || (code.size() != 6 && code.size() != 9))
        return region_invalid(*cur, cur_field + "region_code");
    // Art 2: the Measures govern 邢台市's area (130500, codes 1305xx and
    // 1305xxxxx); an agency elsewhere is no party to a routing under Art 7.
    if (code.substr(0, 4) != "1305") return pl;
    const auto region_level = org::rules::region_level(code);
    if (!region_level) return region_invalid(*cur, cur_field + "region_code");
    if (!org::rules::is_level(cur->level))
        return Error::validation("dispute.level_invalid", cur->name + "的机构层级不正确", cur_field + "level");
    pl.inside_city = true;

    if (org::rules::is_city_managed(code)) {
        // 邢台经济开发区 (130571) has a county-level division code but is a
        // city-managed area with a 管委会 and no people's government
        // (REQUIREMENTS §2). It has no county department to coordinate (Art 7
        // ¶2) and no same-level government to decide (Art 6), so its bodies
        // and its townships' bodies are 市本级: their disputes go to the city.
        pl.city_level = true;
        if (code != org::rules::kCityCode)
            pl.note += cur->name + "位于邢台经济开发区，开发区设管理委员会、不设人民政府，按市本级确定协调管辖。";
        return pl;
    }
    if (cur->level == "city") {
        pl.city_level = true;
        return pl;
    }
    pl.county_code = org::rules::county_of(code);
    // A township government, its 综合行政执法队 (Art 27, second clause) and any
    // body at township level are inside their county: Art 7 knows only 市本级
    // and 县（市、区）行政机关, and the township room hands problems to the
    // county department (Art 3 ¶3).
    if (*region_level == "township" || cur->level == "township" || cur->kind == okind::kTownshipGov ||
        cur->kind == okind::kEnforcementTeam)
        pl.note += cur->name + "属乡镇（街道），按其所在县（市、区）确定协调管辖。";
    return pl;
}

Result<Routing> route(std::span<const PartyFacts> parties) {
    // Art 6: a dispute is "行政执法机关之间"; Art 8 (三): "争议双方观点".
    const std::string parties_basis = cite(Provision::kMeasuresArt6) + "、" + article_only(Provision::kMeasuresArt8);
    if (parties.size() < 2)
        return Error::validation("dispute.too_few_parties",
                                 "行政执法职责争议发生在行政执法机关之间，须有两个以上不同的当事方", "parties",
                                 parties_basis);

    std::vector<Placement> placed;
    placed.reserve(parties.size());
    for (size_t i = 0; i < parties.size(); ++i) {
        auto r = place(parties[i]);
        const std::string field = "parties[" + std::to_string(i) + "]";
        if (!r) {
            Error e = r.take_error();
            e.field = e.field.empty() ? field : field + "." + e.field;
            return e;
        }
        if (parties[i].org.id == 0)
            return Error::validation("dispute.party_unregistered", "当事方" + parties[i].org.name + "须为已登记的机构",
                                     field + ".id");
        placed.push_back(std::move(r).value());
    }

    // An agency cannot dispute with itself, nor with a body acting in its name.
    for (size_t j = 1; j < parties.size(); ++j) {
        for (size_t i = 0; i < j; ++i) {
            const std::string field = "parties[" + std::to_string(j) + "]";
            if (parties[i].org.id == parties[j].org.id)
                return Error::validation("dispute.same_party",
                                         parties[j].org.name + "重复列为当事方：一个机关不能与自身发生职责争议", field,
                                         parties_basis);
            const AgencyFacts& a = name_bearer(parties[i]);
            const AgencyFacts& b = name_bearer(parties[j]);
            if (a.id == b.id)
                return Error::validation("dispute.same_party",
                                         parties[i].org.name + "与" + parties[j].org.name + "均以" + a.name +
                                             "名义实施行政执法，不构成不同机关之间的职责争议",
                                         field, cite(Provision::kPenaltyLawArt20));
        }
    }

    Routing r;
    std::vector<std::string> all, outside, city, counties;
    std::string notes, outside_notes;
    for (size_t i = 0; i < parties.size(); ++i) {
        const Placement& p = placed[i];
        const std::string& name = parties[i].org.name;
        all.push_back(name);
        if (p.vertical) r.vertical_parties.push_back(name);
        notes += p.note;
        if (!p.inside_city) {
            outside.push_back(name);
            outside_notes += p.note;
        } else if (p.city_level) {
            city.push_back(name);
        } else if (std::find(counties.begin(), counties.end(), p.county_code) == counties.end()) {
            counties.push_back(p.county_code);
        }
    }

    if (!r.vertical_parties.empty()) {
        r.vertical_flag = true;
        r.vertical_note = join(r.vertical_parties) + "属实行垂直管理的行政执法部门。依据" +
                          cite(Provision::kMeasuresArt27) + "：“" + std::string(kArt27Vertical) + "”按照" +
                          cite(Provision::kDecree825Art42) +
                          "，地方人民政府对设在本地区的实行垂直管理的行政执法机关，“" +
                          std::string(kDecree825Art42Quote) + "”。请确认后再继续办理。";
    }

    if (!outside.empty()) {
        r.outcome = outcome::kOutOfScope;
        r.rule_code = rule::kOutsideCity;
        r.basis = cite(Provision::kMeasuresArt2) + "、" + article_only(Provision::kMeasuresArt7);
        r.reason = "依据" + cite(Provision::kMeasuresArt2) + "：“" + std::string(kArt2) + "”" + join(outside) +
                   "不是邢台市行政区域内的行政执法机关，该争议不属于本办法" + article_only(Provision::kMeasuresArt7) +
                   "规定的协调范围。" + outside_notes;
        return r;
    }

    r.outcome = outcome::kCompetent;
    std::string_view clause;
    std::string facts;
    if (!city.empty()) {
        r.rule_code = rule::kCityParty;
        r.basis = cite(Provision::kMeasuresArt7) + "第一款";
        if (city.size() == parties.size()) {
            clause = kArt7CityAmongThemselves;
            facts = "当事方" + join(all) + "均属市本级。";
        } else {
            clause = kArt7CityAndCounty;
            facts = "当事方中，" + join(city) + "属市本级。";
        }
    } else if (counties.size() > 1) {
        r.rule_code = rule::kCrossCounty;
        r.basis = cite(Provision::kMeasuresArt7) + "第一款";
        clause = kArt7CrossCounty;
        facts = "当事方" + join(all) + "分属不同县（市、区）。";
    } else {
        r.rule_code = rule::kSameCounty;
        r.basis = cite(Provision::kMeasuresArt7) + "第二款";
        clause = kArt7SameCounty;
        facts = "当事方" + join(all) + "均属同一县（市、区）。";
    }
    if (r.rule_code == rule::kSameCounty) {
        r.competent_level = "county";
        r.competent_region_code = counties.front();
    } else {
        r.competent_level = "city";
        r.competent_region_code = std::string(org::rules::kCityCode);
    }
    r.reason = "依据" + r.basis + "：“" + std::string(clause) + "”" + facts + notes;
    return r;
}

}  // namespace lecs::coordination
