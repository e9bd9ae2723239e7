// The eight monitoring rules. Each finding says in one Chinese sentence what fired it, with the
// figures, and keeps the same figures and dates as a JSON evidence object (insertion-ordered, so
// the golden files are stable).
//
// Counting conventions (each is stated in the evidence too):
// - R4 counts calendar days from 立案 (filed_on) the way calendar::Calendar::add_calendar_days
//   does: the filing day itself is not counted (《民法典》第二百零一条: 开始的当日不计入), so
//   "自立案之日起九十日内" (《行政处罚法》第六十条) ends on filed_on + 90; a last day that is not a
//   working day moves to the next working day (《民法典》第二百零三条). Approved extensions
//   (extension_days) and periods not counted (excluded_days: 听证, 公告, 鉴定) lengthen the limit.
//   A case that ended without a decision (closed_on only) is judged on its closing date.
// - R5 counts working days on the official calendar with Calendar::add_working_days (the
//   decision day not counted, 《民法典》第二百零一条); yellow while unpublished with at most
//   r5_yellow_working_days_left working days left (the due day itself counts as one left).
// - A certificate is valid from issued_on through expires_on (both inclusive); suspension from
//   suspended_from until reinstated_on (exclusive); revocation from revoked_on.
// - R1 and R2 give one finding per act: R1 lists every officer without a valid certificate on
//   the act date; R2 counts distinct certificate numbers (the same one listed twice is one).
// - R3 also fires for an act of a catalogued kind with no item code (it cannot be matched to the
//   list); an item is in force from effective_from through effective_to, both inclusive
//   (migrations/0017_catalog.sql). R7 judges the item in force on the act date only.
// - R6 fires once the decision is made (decided_on set): before that the review may still come.
// - R8's window of window_days days ends on the inspection's date and includes it: with 30,
//   an inspection on day 1 and one on day 30 are in one window, day 1 and day 31 are not.
#include "lecs/monitoring/rules.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "lecs/base/embedded.hpp"

namespace lecs::monitoring::rules {
namespace {

namespace json = boost::json;

constexpr std::string_view kPenaltyLaw = "《中华人民共和国行政处罚法》";
constexpr std::string_view kBasisR2Penalty = "《中华人民共和国行政处罚法》第四十二条";
constexpr std::string_view kBasisR2Coercion = "《中华人民共和国行政强制法》第十八条";
// No inspection-specific two-officer article is verified in legal-facts.md; 第四十二条 governs the
// 调查、检查 that lead to a penalty, and sector rules repeat it.
constexpr std::string_view kBasisR2Inspection = "《中华人民共和国行政处罚法》第四十二条及行业行政检查规定";

const std::vector<RuleInfo>& rule_table() {
    static const std::vector<RuleInfo> v = {
        {RuleCode::kR1, "无证执法",
         "《中华人民共和国行政处罚法》第四十二条（具有行政执法资格的执法人员实施，持证上岗）"},
        {RuleCode::kR2, "单人执法", "《中华人民共和国行政处罚法》第四十二条；《中华人民共和国行政强制法》第十八条"},
        {RuleCode::kR3, "清单外执法", "《邢台市行政执法协调监督工作办法》第五条第二项（行政执法事项清单）"},
        {RuleCode::kR4, "办案超期", "《中华人民共和国行政处罚法》第六十条"},
        {RuleCode::kR5, "公示超期",
         "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔201"
         "8〕118号）"},
        {RuleCode::kR6, "重大决定未法制审核", "《中华人民共和国行政处罚法》第五十八条"},
        {RuleCode::kR7, "裁量基准偏离", "《中华人民共和国行政处罚法》第三十四条（行政处罚裁量基准）"},
        {RuleCode::kR8, "重复检查", "《邢台市行政执法协调监督工作办法》第五条第三项（综合查一次）"},
    };
    return v;
}

std::string yuan(int64_t fen) {
    std::string s = std::to_string(fen / 100);
    int64_t cents = fen % 100;
    if (cents != 0) s += "." + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
    return s + "元";
}

Finding make(RuleCode r, Severity s, std::string summary, const json::object& evidence) {
    return Finding{r, s, std::move(summary), json::serialize(evidence)};
}

bool in_force(const CatalogFacts& c, Date d) {
    return c.effective_from <= d && (!c.effective_to || d <= *c.effective_to);
}

// ---------------------------------------------------------------- R1

std::optional<Finding> r1(const ActRow& a, const ActFacts& f, Date d) {
    if (a.officers.empty() || !f.certificate) return std::nullopt;
    json::array bad;
    std::vector<std::string_view> done;
    std::string names;
    for (const auto& no : a.officers) {
        if (std::find(done.begin(), done.end(), std::string_view(no)) != done.end()) continue;
        done.emplace_back(no);
        CertificateFacts c = f.certificate(no);
        std::string why;
        if (certificate_valid_on(c, d, &why)) continue;
        json::object o;
        o["number"] = no;
        if (!c.holder.empty()) o["holder"] = c.holder;
        o["reason"] = why;
        if (c.expires_on) o["expires_on"] = c.expires_on->iso();
        if (c.suspended_from) o["suspended_from"] = c.suspended_from->iso();
        if (c.reinstated_on) o["reinstated_on"] = c.reinstated_on->iso();
        if (c.revoked_on) o["revoked_on"] = c.revoked_on->iso();
        bad.push_back(std::move(o));
        if (!names.empty()) names += "；";
        names += (c.holder.empty() ? "" : c.holder + "（") + no + (c.holder.empty() ? "" : "）") + why;
    }
    if (bad.empty()) return std::nullopt;
    json::object ev;
    ev["act_date"] = d.iso();
    ev["officers"] = static_cast<int64_t>(done.size());
    ev["invalid"] = static_cast<int64_t>(bad.size());
    ev["certificates"] = std::move(bad);
    return make(RuleCode::kR1, Severity::kRed,
                d.chinese() + "的执法行为中，" + std::to_string(ev["invalid"].as_int64()) +
                    "名执法人员在执法当日无有效行政执法证件：" + names,
                ev);
}

// ---------------------------------------------------------------- R2

std::optional<Finding> r2(const ActRow& a, const RuleSet& rs, Date d) {
    if (!rs.r2_kinds.count(a.kind)) return std::nullopt;
    if (rs.r2_exempt_simple_procedure && a.procedure == Procedure::kSimple) return std::nullopt;
    for (const auto& p : rs.r2_exempt_item_prefixes)
        if (!p.empty() && a.item_code.compare(0, p.size(), p) == 0) return std::nullopt;
    // The same certificate listed twice is still one officer.
    std::vector<std::string_view> distinct;
    for (const auto& o : a.officers)
        if (std::find(distinct.begin(), distinct.end(), std::string_view(o)) == distinct.end())
            distinct.emplace_back(o);
    const auto n = static_cast<int>(distinct.size());
    if (n >= rs.r2_min_officers) return std::nullopt;
    std::string_view basis = a.kind == ActKind::kPenalty      ? kBasisR2Penalty
                             : a.kind == ActKind::kCoercion   ? kBasisR2Coercion
                             : a.kind == ActKind::kInspection ? kBasisR2Inspection
                                                              : kBasisR2Penalty;
    json::object ev;
    ev["kind"] = to_string(a.kind);
    ev["act_date"] = d.iso();
    ev["officers"] = n;
    ev["min_officers"] = rs.r2_min_officers;
    json::array nums;
    for (auto o : distinct) nums.emplace_back(o);
    ev["certificates"] = std::move(nums);
    ev["basis"] = basis;
    return make(RuleCode::kR2, Severity::kRed,
                std::string(kind_label(a.kind)) + "由" + std::to_string(n) + "名执法人员实施，少于" +
                    std::to_string(rs.r2_min_officers) + "名（" + std::string(basis) + "）",
                ev);
}

// ---------------------------------------------------------------- R3 and R7

std::optional<Finding> r3(const ActRow& a, const std::vector<CatalogFacts>& items, Date d) {
    for (const auto& c : items)
        if (in_force(c, d)) return std::nullopt;
    json::object ev;
    ev["item_code"] = a.item_code;
    ev["act_date"] = d.iso();
    json::array periods;
    for (const auto& c : items) {
        json::object p;
        p["name"] = c.name;
        p["effective_from"] = c.effective_from.iso();
        p["effective_to"] = c.effective_to ? json::value(c.effective_to->iso()) : json::value(nullptr);
        periods.push_back(std::move(p));
    }
    ev["catalog_periods"] = std::move(periods);
    std::string summary;
    if (a.item_code.empty())
        summary = std::string(kind_label(a.kind)) + "未填写执法事项编码，无法对应本机关行政执法事项清单";
    else if (items.empty())
        summary = "执法事项" + a.item_code + "不在本机关行政执法事项清单内";
    else
        summary = "执法事项" + a.item_code + "（" + items.front().name + "）在" + d.chinese() + "不在有效期内";
    return make(RuleCode::kR3, Severity::kRed, std::move(summary), ev);
}

std::optional<Finding> r7(const ActRow& a, const std::vector<CatalogFacts>& items, Date d) {
    if (a.kind != ActKind::kPenalty || !(a.penalty_types & static_cast<uint8_t>(PenaltyType::kFine)))
        return std::nullopt;
    const CatalogFacts* item = nullptr;
    for (const auto& c : items)
        if (in_force(c, d)) item = &c;
    if (!item || (!item->min_amount_fen && !item->max_amount_fen)) return std::nullopt;
    const bool below = item->min_amount_fen && a.amount_fen < *item->min_amount_fen;
    const bool above = item->max_amount_fen && a.amount_fen > *item->max_amount_fen;
    if (!below && !above) return std::nullopt;
    json::object ev;
    ev["item_code"] = a.item_code;
    ev["act_date"] = d.iso();
    ev["amount_fen"] = a.amount_fen;
    ev["min_amount_fen"] = item->min_amount_fen ? json::value(*item->min_amount_fen) : json::value(nullptr);
    ev["max_amount_fen"] = item->max_amount_fen ? json::value(*item->max_amount_fen) : json::value(nullptr);
    std::string range = (item->min_amount_fen ? yuan(*item->min_amount_fen) : std::string("不限")) + "至" +
                        (item->max_amount_fen ? yuan(*item->max_amount_fen) : std::string("不限"));
    return make(RuleCode::kR7, Severity::kRed,
                "罚款" + yuan(a.amount_fen) + (below ? "低于" : "高于") + "执法事项" + a.item_code + "（" + item->name +
                    "）的裁量基准" + range,
                ev);
}

// ---------------------------------------------------------------- R4

// Calendar::add_calendar_days without the day-by-day walk (there are no pauses here): filed + n,
// the start day counted or not per the calendar's PeriodRules, then the last-day move.
Date calendar_limit(const calendar::Calendar& cal, Date start, int n, Date* unmoved) {
    Date last = start.plus_days(cal.rules().start_day_counted ? n - 1 : n);
    *unmoved = last;
    if (cal.rules().move_last_day_to_working && !cal.is_working_day(last)) last = cal.next_working_day(last);
    return last;
}

std::optional<Finding> r4(const ActRow& a, const Context& ctx) {
    const auto& rs = ctx.rules;
    if (a.kind != ActKind::kPenalty || a.procedure != Procedure::kGeneral || !a.filed_on) return std::nullopt;
    const int limit = rs.r4_limit_days + a.extension_days + a.excluded_days;
    Date unmoved;
    const Date due = calendar_limit(ctx.calendar, *a.filed_on, limit, &unmoved);
    const std::optional<Date> end = a.decided_on ? a.decided_on : a.closed_on;
    json::object ev;
    ev["filed_on"] = a.filed_on->iso();
    ev["limit_days"] = rs.r4_limit_days;
    ev["extension_days"] = a.extension_days;
    ev["excluded_days"] = a.excluded_days;
    ev["due"] = due.iso();
    if (unmoved != due) ev["due_unmoved"] = unmoved.iso();
    const std::string allowance = std::to_string(rs.r4_limit_days) +
                                  (a.extension_days ? "日，延长" + std::to_string(a.extension_days) + "日" : "日") +
                                  (a.excluded_days ? "，不计入" + std::to_string(a.excluded_days) + "日" : "");
    if (end) {
        if (*end <= due) return std::nullopt;
        const int64_t days = end->days() - a.filed_on->days();
        ev[a.decided_on ? "decided_on" : "closed_on"] = end->iso();
        ev["days"] = days;
        ev["days_over"] = end->days() - due.days();
        return make(RuleCode::kR4, Severity::kRed,
                    "立案于" + a.filed_on->chinese() + "，" + (a.decided_on ? "决定于" : "结案于") + end->chinese() +
                        "，历时" + std::to_string(days) + "日，超过办案期限（" + allowance + "，至" + due.chinese() +
                        "）" + std::to_string(end->days() - due.days()) + "日",
                    ev);
    }
    ev["today"] = ctx.today.iso();
    const int64_t left = due.days() - ctx.today.days();
    ev["days_left"] = left;
    if (left < 0)
        return make(RuleCode::kR4, Severity::kRed,
                    "立案于" + a.filed_on->chinese() + "，至今未作出决定，已超过办案期限（" + allowance + "，至" +
                        due.chinese() + "）" + std::to_string(-left) + "日",
                    ev);
    if (left <= rs.r4_yellow_days_left)
        return make(RuleCode::kR4, Severity::kYellow,
                    "立案于" + a.filed_on->chinese() + "，尚未作出决定，距办案期限届满（" + due.chinese() + "）还有" +
                        std::to_string(left) + "日",
                    ev);
    return std::nullopt;
}

// ---------------------------------------------------------------- R5

std::optional<Finding> r5(const ActRow& a, const Context& ctx) {
    const auto& rs = ctx.rules;
    if (!a.publish_required || !a.decided_on) return std::nullopt;
    const bool fast = a.kind == ActKind::kLicense || a.kind == ActKind::kPenalty;
    const int n = fast ? rs.r5_fast_working_days : rs.r5_other_working_days;
    const calendar::DueDate due = ctx.calendar.add_working_days(*a.decided_on, n);
    // Most acts are on time: decide before building the evidence.
    if (a.published_on && *a.published_on <= due.date) return std::nullopt;
    if (!a.published_on && ctx.today <= due.date &&
        ctx.calendar.working_days_between(ctx.today, due.date) > rs.r5_yellow_working_days_left)
        return std::nullopt;
    json::object ev;
    ev["kind"] = to_string(a.kind);
    ev["decided_on"] = a.decided_on->iso();
    ev["working_days"] = n;
    ev["due"] = due.date.iso();
    if (due.provisional) ev["provisional"] = true;
    const std::string what = std::string(kind_label(a.kind)) + "决定于" + a.decided_on->chinese() + "作出，应在" +
                             std::to_string(n) + "个工作日内（" + due.date.chinese() + "前）公示";
    if (a.published_on) {
        if (*a.published_on <= due.date) return std::nullopt;
        const int late = ctx.calendar.working_days_between(due.date, *a.published_on);
        ev["published_on"] = a.published_on->iso();
        ev["working_days_late"] = late;
        return make(RuleCode::kR5, Severity::kRed,
                    what + "，实际于" + a.published_on->chinese() + "公示，超期" + std::to_string(late) + "个工作日",
                    ev);
    }
    ev["today"] = ctx.today.iso();
    if (ctx.today > due.date) {
        const int late = ctx.calendar.working_days_between(due.date, ctx.today);
        ev["working_days_late"] = late;
        return make(RuleCode::kR5, Severity::kRed, what + "，至今未公示，已超期" + std::to_string(late) + "个工作日",
                    ev);
    }
    const int left = ctx.calendar.working_days_between(ctx.today, due.date);
    if (left > rs.r5_yellow_working_days_left) return std::nullopt;
    ev["working_days_left"] = left;
    return make(RuleCode::kR5, Severity::kYellow, what + "，尚未公示，还剩" + std::to_string(left) + "个工作日", ev);
}

// ---------------------------------------------------------------- R6

std::optional<Finding> r6(const ActRow& a) {
    // 第五十八条: no decision without 法制审核. An act not yet decided may still be reviewed.
    if (!a.major || a.legal_review || !a.decided_on) return std::nullopt;
    json::object ev;
    ev["kind"] = to_string(a.kind);
    ev["major"] = true;
    ev["legal_review"] = false;
    ev["decided_on"] = a.decided_on->iso();
    return make(RuleCode::kR6, Severity::kRed,
                "重大" + std::string(kind_label(a.kind)) + "决定于" + a.decided_on->chinese() + "作出，未经法制审核（" +
                    std::string(kPenaltyLaw) + "第五十八条：未经法制审核或者审核未通过的，不得作出决定）",
                ev);
}

// ---------------------------------------------------------------- parameters

Error param_error(const std::string& key, const std::string& what) {
    return Error::validation("monitoring.rule_params", "监测规则参数" + key + what, key);
}

class Reader {
  public:
    Reader(const json::object& o, std::string prefix) : o_(o), prefix_(std::move(prefix)) {}

    Result<void> only(std::initializer_list<std::string_view> keys) const {
        for (const auto& kv : o_) {
            std::string_view k(kv.key().data(), kv.key().size());
            if (std::find(keys.begin(), keys.end(), k) == keys.end())
                return param_error(prefix_ + std::string(k.substr(0, 64)), "未知");
        }
        return {};
    }
    Result<void> boolean(std::string_view key, bool& out) const {
        auto* v = o_.if_contains(key);
        if (!v) return {};
        if (!v->is_bool()) return param_error(name(key), "应为true或false");
        out = v->as_bool();
        return {};
    }
    Result<void> integer(std::string_view key, int& out, int lo, int hi) const {
        auto* v = o_.if_contains(key);
        if (!v) return {};
        if (!v->is_int64() && !v->is_uint64()) return param_error(name(key), "应为整数");
        int64_t x = v->is_int64() ? v->as_int64() : static_cast<int64_t>(std::min<uint64_t>(v->as_uint64(), INT64_MAX));
        if (x < lo || x > hi)
            return param_error(name(key), "应在" + std::to_string(lo) + "到" + std::to_string(hi) + "之间");
        out = static_cast<int>(x);
        return {};
    }
    Result<void> strings(std::string_view key, std::vector<std::string>& out, size_t max_items, size_t max_len) const {
        auto* v = o_.if_contains(key);
        if (!v) return {};
        if (!v->is_array()) return param_error(name(key), "应为字符串数组");
        if (v->as_array().size() > max_items)
            return param_error(name(key), "不能超过" + std::to_string(max_items) + "项");
        std::vector<std::string> r;
        for (const auto& e : v->as_array()) {
            if (!e.is_string()) return param_error(name(key), "应为字符串数组");
            if (e.as_string().size() > max_len)
                return param_error(name(key), "的每项不能超过" + std::to_string(max_len) + "个字节");
            r.emplace_back(e.as_string().data(), e.as_string().size());
        }
        out = std::move(r);
        return {};
    }
    Result<void> kinds(std::string_view key, std::set<ActKind>& out) const {
        std::vector<std::string> words;
        bool present = o_.if_contains(key) != nullptr;
        if (auto r = strings(key, words, kActKindCount, 32); !r) return r;
        if (!present) return {};
        std::set<ActKind> s;
        for (const auto& w : words) {
            auto k = act_kind_from_string(w);
            if (!k) return param_error(name(key), "含未知的执法行为类别“" + w + "”");
            s.insert(*k);
        }
        out = std::move(s);
        return {};
    }
    Result<void> outcomes(std::string_view key, std::set<std::string>& out) const {
        std::vector<std::string> words;
        bool present = o_.if_contains(key) != nullptr;
        if (auto r = strings(key, words, 32, 32); !r) return r;
        if (!present) return {};
        std::set<std::string> s;
        for (const auto& w : words) {
            if (!is_case_outcome(w)) return param_error(name(key), "含未知的审结结果“" + w + "”");
            s.insert(w);
        }
        out = std::move(s);
        return {};
    }
    Result<const json::object*> section(std::string_view key) const {
        auto* v = o_.if_contains(key);
        if (!v) return static_cast<const json::object*>(nullptr);
        if (!v->is_object()) return param_error(name(key), "应为对象");
        return &v->as_object();
    }
    std::string name(std::string_view key) const { return prefix_ + std::string(key); }

  private:
    const json::object& o_;
    std::string prefix_;
};

// The legal-facts §5.1 / §5.2 reading, used when a file leaves a definition out.
RateDefinition default_reconsideration() {
    return {{"撤销", "部分撤销", "变更", "确认违法", "确认无效", "责令履行"}, {"调解", "和解", "撤诉", "终止"}};
}
RateDefinition default_litigation() {
    return {{"败诉", "撤销", "部分撤销", "变更", "确认违法", "确认无效", "责令履行", "给付", "赔偿"},
            {"撤诉", "调解", "和解", "终止"}};
}

Result<void> read_rate(const Reader& top, std::string_view key, RateDefinition& out) {
    auto sec = top.section(key);
    if (!sec) return sec.take_error();
    if (!*sec) return {};
    Reader r(**sec, std::string(key) + ".");
    LECS_TRY(r.only({"numerator", "excluded"}));
    LECS_TRY(r.outcomes("numerator", out.numerator));
    LECS_TRY(r.outcomes("excluded", out.excluded));
    for (const auto& o : out.numerator)
        if (out.excluded.count(o))
            return param_error(std::string(key) + ".excluded", "与numerator不能同时包含“" + o + "”");
    return {};
}

}  // namespace

const RuleInfo& info(RuleCode r) { return rule_table()[static_cast<int>(r) - 1]; }
const std::vector<RuleInfo>& all_rules() { return rule_table(); }

Result<RuleSet> parse_rule_params(std::string_view text) {
    json::error_code ec;
    json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec || !v.is_object()) return Error::validation("monitoring.rule_params", "监测规则参数不是合法的JSON对象");
    RuleSet rs;
    rs.reconsideration = default_reconsideration();
    rs.litigation = default_litigation();
    Reader top(v.as_object(), "");
    LECS_TRY(top.only({"_comment", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "reconsideration", "litigation"}));
    if (auto* c = v.as_object().if_contains("_comment"); c && !c->is_string())
        return param_error("_comment", "应为字符串");
    auto sec = [&](std::string_view key) { return top.section(key); };
    auto simple = [&](std::string_view key, bool& enabled) -> Result<void> {
        auto s = sec(key);
        if (!s) return s.take_error();
        if (!*s) return {};
        Reader r(**s, std::string(key) + ".");
        LECS_TRY(r.only({"enabled"}));
        return r.boolean("enabled", enabled);
    };
    LECS_TRY(simple("R1", rs.r1_enabled));
    {
        auto s = sec("R2");
        if (!s) return s.take_error();
        if (*s) {
            Reader r(**s, "R2.");
            LECS_TRY(r.only({"enabled", "min_officers", "kinds", "exempt_item_prefixes", "exempt_simple_procedure"}));
            LECS_TRY(r.boolean("enabled", rs.r2_enabled));
            LECS_TRY(r.integer("min_officers", rs.r2_min_officers, 1, 10));
            LECS_TRY(r.kinds("kinds", rs.r2_kinds));
            LECS_TRY(r.strings("exempt_item_prefixes", rs.r2_exempt_item_prefixes, 200, 64));
            for (const auto& p : rs.r2_exempt_item_prefixes)
                if (p.empty()) return param_error("R2.exempt_item_prefixes", "不能含空字符串");
            LECS_TRY(r.boolean("exempt_simple_procedure", rs.r2_exempt_simple_procedure));
        }
    }
    {
        auto s = sec("R3");
        if (!s) return s.take_error();
        if (*s) {
            Reader r(**s, "R3.");
            LECS_TRY(r.only({"enabled", "kinds"}));
            LECS_TRY(r.boolean("enabled", rs.r3_enabled));
            LECS_TRY(r.kinds("kinds", rs.r3_kinds));
        }
    }
    {
        auto s = sec("R4");
        if (!s) return s.take_error();
        if (*s) {
            Reader r(**s, "R4.");
            LECS_TRY(r.only({"enabled", "limit_days", "yellow_days_left"}));
            LECS_TRY(r.boolean("enabled", rs.r4_enabled));
            LECS_TRY(r.integer("limit_days", rs.r4_limit_days, 1, 3650));
            LECS_TRY(r.integer("yellow_days_left", rs.r4_yellow_days_left, 0, 365));
        }
    }
    {
        auto s = sec("R5");
        if (!s) return s.take_error();
        if (*s) {
            Reader r(**s, "R5.");
            LECS_TRY(r.only({"enabled", "fast_working_days", "other_working_days", "yellow_working_days_left"}));
            LECS_TRY(r.boolean("enabled", rs.r5_enabled));
            LECS_TRY(r.integer("fast_working_days", rs.r5_fast_working_days, 1, 365));
            LECS_TRY(r.integer("other_working_days", rs.r5_other_working_days, 1, 365));
            LECS_TRY(r.integer("yellow_working_days_left", rs.r5_yellow_working_days_left, 0, 60));
        }
    }
    LECS_TRY(simple("R6", rs.r6_enabled));
    LECS_TRY(simple("R7", rs.r7_enabled));
    {
        auto s = sec("R8");
        if (!s) return s.take_error();
        if (*s) {
            Reader r(**s, "R8.");
            LECS_TRY(r.only({"enabled", "window_days", "min_agencies"}));
            LECS_TRY(r.boolean("enabled", rs.r8_enabled));
            LECS_TRY(r.integer("window_days", rs.r8_window_days, 1, 366));
            LECS_TRY(r.integer("min_agencies", rs.r8_min_agencies, 2, 100));
        }
    }
    LECS_TRY(read_rate(top, "reconsideration", rs.reconsideration));
    LECS_TRY(read_rate(top, "litigation", rs.litigation));
    return rs;
}

RuleSet default_rule_set() {
    static const RuleSet rs = [] {
        auto text = embedded::find("data/monitoring-rules.json");
        if (!text) throw std::logic_error("data/monitoring-rules.json is not embedded");
        auto r = parse_rule_params(*text);
        if (!r) throw std::logic_error("data/monitoring-rules.json: " + r.error().message);
        return std::move(r).value();
    }();
    return rs;
}

bool certificate_valid_on(const CertificateFacts& c, Date d, std::string* why) {
    auto say = [&](std::string s) {
        if (why) *why = std::move(s);
        return false;
    };
    if (!c.known) return say("执法证号未在执法人员资格库登记");
    if (!c.enforcement) return say("所持证件不是行政执法证");
    if (c.issued_on && d < *c.issued_on) return say("执法证于" + c.issued_on->chinese() + "才核发");
    if (c.expires_on && d > *c.expires_on) return say("执法证已于" + c.expires_on->chinese() + "到期");
    if (c.revoked_on && d >= *c.revoked_on) return say("执法证已于" + c.revoked_on->chinese() + "被吊销（注销）");
    if (c.suspended_from && d >= *c.suspended_from && (!c.reinstated_on || d < *c.reinstated_on))
        return say("执法证自" + c.suspended_from->chinese() + "起被暂扣");
    return true;
}

std::vector<Finding> evaluate_act(const ActRow& act, const ActFacts& facts, const Context& ctx) {
    std::vector<Finding> out;
    const auto d = act_date(act);
    if (!d) return out;  // the parser never lets such a row through
    const RuleSet& rs = ctx.rules;
    if (rs.r1_enabled)
        if (auto f = r1(act, facts, *d)) out.push_back(std::move(*f));
    if (rs.r2_enabled)
        if (auto f = r2(act, rs, *d)) out.push_back(std::move(*f));
    // The catalog is looked up once, and only for an act R3 or R7 looks at.
    std::vector<CatalogFacts> items;
    bool looked_up = false;
    auto catalog = [&]() -> const std::vector<CatalogFacts>& {
        if (!looked_up && !act.item_code.empty()) items = facts.catalog(act.item_code);
        looked_up = true;
        return items;
    };
    if (rs.r3_enabled && rs.r3_kinds.count(act.kind) && facts.catalog)
        if (auto f = r3(act, catalog(), *d)) out.push_back(std::move(*f));
    if (rs.r4_enabled)
        if (auto f = r4(act, ctx)) out.push_back(std::move(*f));
    if (rs.r5_enabled)
        if (auto f = r5(act, ctx)) out.push_back(std::move(*f));
    if (rs.r6_enabled)
        if (auto f = r6(act)) out.push_back(std::move(*f));
    if (rs.r7_enabled && act.kind == ActKind::kPenalty &&
        (act.penalty_types & static_cast<uint8_t>(PenaltyType::kFine)) && facts.catalog)
        if (auto f = r7(act, catalog(), *d)) out.push_back(std::move(*f));
    return out;
}

std::vector<AttachedFinding> evaluate_repeat_inspection(std::vector<Visit> visits, const Context& ctx) {
    std::vector<AttachedFinding> out;
    const RuleSet& rs = ctx.rules;
    if (!rs.r8_enabled || visits.size() < static_cast<size_t>(rs.r8_min_agencies)) return out;
    std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
        if (a.date != b.date) return a.date < b.date;
        if (a.agency_id != b.agency_id) return a.agency_id < b.agency_id;
        return a.ext_key < b.ext_key;
    });
    // Two pointers over the date-sorted visits: [lo, hi) is every visit with a date in the window
    // [v.date - (window_days - 1), v.date], including later visits of the same day.
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < visits.size(); ++i) {
        const Visit& v = visits[i];
        const Date from = v.date.plus_days(-(rs.r8_window_days - 1));
        while (visits[lo].date < from) ++lo;
        if (hi < i + 1) hi = i + 1;
        while (hi < visits.size() && visits[hi].date == v.date) ++hi;
        std::vector<const Visit*> firsts;  // one visit per agency: its first in the window
        for (size_t j = lo; j < hi; ++j) {
            bool seen = false;
            for (auto* f : firsts) seen = seen || f->agency_id == visits[j].agency_id;
            if (!seen) firsts.push_back(&visits[j]);
        }
        if (static_cast<int>(firsts.size()) < rs.r8_min_agencies) continue;
        json::object ev;
        ev["date"] = v.date.iso();
        ev["window_from"] = from.iso();
        ev["window_days"] = rs.r8_window_days;
        ev["agencies"] = static_cast<int64_t>(firsts.size());
        ev["min_agencies"] = rs.r8_min_agencies;
        json::array list;
        std::string names;
        for (auto* f : firsts) {
            json::object o;
            o["agency_id"] = std::to_string(f->agency_id);
            o["agency_name"] = f->agency_name;
            o["date"] = f->date.iso();
            list.push_back(std::move(o));
            if (!names.empty()) names += "、";
            names += f->agency_name.empty() ? std::to_string(f->agency_id) : f->agency_name;
        }
        ev["inspections"] = std::move(list);
        out.push_back({v.agency_id, v.ext_key,
                       make(RuleCode::kR8, Severity::kRed,
                            "同一检查对象在" + from.chinese() + "至" + v.date.chinese() + "的" +
                                std::to_string(rs.r8_window_days) + "日内被" + std::to_string(firsts.size()) +
                                "个机关检查（" + names + "），建议实行联合检查、综合查一次",
                            ev)});
    }
    return out;
}

}  // namespace lecs::monitoring::rules
