// parse_template (template.hpp): the JSON format of data/report-templates/*.json. Every key is
// checked: an unknown key is refused (a misspelt "requried" must not silently make a field
// optional), and every error names the JSON path of the offending key.
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>

#include "lecs/reports/template.hpp"

namespace lecs::reports {
namespace {

namespace json = boost::json;

constexpr size_t kMaxNameBytes = 300;  // 100 CJK characters
constexpr size_t kMaxCodeBytes = 32;
constexpr int kMaxVersion = 9999;

Error bad(const std::string& path, const std::string& message) {
    return Error::validation("reports.template", "报表模板" + (path.empty() ? "" : "“" + path + "”") + "：" + message,
                             path);
}

bool code_chars(std::string_view s, bool upper) {
    if (s.empty() || s.size() > kMaxCodeBytes) return false;
    const char first = s.front();
    if (upper ? !(first >= 'A' && first <= 'Z') : !(first >= 'a' && first <= 'z')) return false;
    for (char c : s) {
        const bool letter = upper ? (c >= 'A' && c <= 'Z') : (c >= 'a' && c <= 'z');
        if (!letter && !(c >= '0' && c <= '9') && c != '_') return false;
    }
    return true;
}

// One JSON object at a path, read key by key.
class Obj {
  public:
    Obj(const json::object& o, std::string path) : o_(o), path_(std::move(path)) {}

    std::string at(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }
    const std::string& path() const { return path_; }
    const json::value* get(std::string_view key) const { return o_.if_contains(key); }
    const json::object& raw() const { return o_; }

    Result<void> only(std::initializer_list<std::string_view> keys) const {
        for (const auto& kv : o_) {
            bool known = kv.key() == "_comment";
            for (auto k : keys) known = known || kv.key() == k;
            if (!known) return bad(at(kv.key()), "未知的键");
            if (kv.key() == "_comment" && !kv.value().is_string()) return bad(at("_comment"), "应为字符串");
        }
        return {};
    }
    Result<std::string> string(std::string_view key, bool required = true) const {
        auto* v = get(key);
        if (!v) {
            if (required) return bad(at(key), "缺少此项");
            return std::string{};
        }
        if (!v->is_string()) return bad(at(key), "应为字符串");
        return std::string(v->as_string());
    }
    Result<std::string> name(std::string_view key) const {
        LECS_ASSIGN(std::string s, string(key));
        if (s.empty()) return bad(at(key), "不能为空");
        if (s.size() > kMaxNameBytes) return bad(at(key), "过长（最多100个汉字）");
        return s;
    }
    Result<std::string> code(std::string_view key, bool upper) const {
        LECS_ASSIGN(std::string s, string(key));
        if (!code_chars(s, upper))
            return bad(at(key), "代码“" + s + "”不合规：应以" +
                                    (upper ? "大写字母开头，由大写字母" : "小写字母开头，由小写字母") +
                                    "、数字和下划线组成，最长32个字符");
        return s;
    }
    Result<int64_t> integer(std::string_view key, int64_t lo, int64_t hi, std::optional<int64_t> dflt) const {
        auto* v = get(key);
        if (!v) {
            if (dflt) return *dflt;
            return bad(at(key), "缺少此项");
        }
        if (!v->is_int64() && !v->is_uint64()) return bad(at(key), "应为整数");
        const int64_t n =
            v->is_int64() ? v->as_int64() : (v->as_uint64() > uint64_t(hi) ? hi + 1 : int64_t(v->as_uint64()));
        if (n < lo || n > hi) return bad(at(key), "应在" + std::to_string(lo) + "至" + std::to_string(hi) + "之间");
        return n;
    }
    Result<bool> boolean(std::string_view key, bool dflt) const {
        auto* v = get(key);
        if (!v) return dflt;
        if (!v->is_bool()) return bad(at(key), "应为true或false");
        return v->as_bool();
    }
    // An array of objects (possibly empty unless non_empty).
    Result<const json::array*> array(std::string_view key, bool required, bool non_empty) const {
        auto* v = get(key);
        if (!v) {
            if (required) return bad(at(key), "缺少此项");
            return static_cast<const json::array*>(nullptr);
        }
        if (!v->is_array()) return bad(at(key), "应为数组");
        if (non_empty && v->as_array().empty()) return bad(at(key), "不能为空");
        return &v->as_array();
    }
    Result<std::vector<std::string>> strings(std::string_view key, bool required, bool non_empty) const {
        LECS_ASSIGN(const json::array* a, array(key, required, non_empty));
        std::vector<std::string> out;
        if (!a) return out;
        for (size_t i = 0; i < a->size(); ++i) {
            if (!(*a)[i].is_string()) return bad(at(key) + "[" + std::to_string(i) + "]", "应为字符串");
            out.emplace_back((*a)[i].as_string());
        }
        return out;
    }
    Result<Obj> object(std::string_view key) const {
        auto* v = get(key);
        if (!v) return bad(at(key), "缺少此项");
        if (!v->is_object()) return bad(at(key), "应为对象");
        return Obj(v->as_object(), at(key));
    }

  private:
    const json::object& o_;
    std::string path_;
};

Result<Obj> element(const json::array& a, size_t i, const std::string& path) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    if (!a[i].is_object()) return bad(p, "应为对象");
    return Obj(a[i].as_object(), p);
}

// The codes of the template, for the checks of rules, ratios and penalty counting.
class Codes {
  public:
    explicit Codes(const ReportTemplate& t) {
        for (const auto& tb : t.tables)
            for (const auto& f : tb.fields) kinds_[f.code] = f.kind;
    }
    // The kind of an existing field, or an error naming the path.
    Result<FieldKind> field(const std::string& path, const std::string& code) const {
        auto it = kinds_.find(code);
        if (it == kinds_.end()) return bad(path, "引用了不存在的栏目“" + code + "”");
        return it->second;
    }

  private:
    std::map<std::string, FieldKind, std::less<>> kinds_;
};

Result<DueRule> read_due(const Obj& o) {
    LECS_TRY(o.only({"months_after_end", "day", "days_after_end", "basis"}));
    DueRule d;
    const bool by_day = o.get("day") != nullptr, by_days = o.get("days_after_end") != nullptr;
    if (by_day == by_days) return bad(o.path(), "应且只应给出day（配合months_after_end）或days_after_end之一");
    if (by_day) {
        // months_after_end >= 1: a report cannot fall due before its period has ended.
        LECS_ASSIGN(d.months_after_end, o.integer("months_after_end", 1, 12, std::nullopt));
        LECS_ASSIGN(d.day, o.integer("day", 1, 31, std::nullopt));
    } else {
        if (o.get("months_after_end")) return bad(o.at("months_after_end"), "只能与day一起使用");
        LECS_ASSIGN(d.days_after_end, o.integer("days_after_end", 1, 366, std::nullopt));
    }
    return d;
}

Result<Field> read_field(const Obj& o) {
    LECS_TRY(o.only({"code", "name", "kind", "required", "from"}));
    Field f;
    LECS_ASSIGN(f.code, o.code("code", true));
    LECS_ASSIGN(f.name, o.name("name"));
    LECS_ASSIGN(std::string kind, o.string("kind"));
    if (kind == "count")
        f.kind = FieldKind::kCount;
    else if (kind == "amount")
        f.kind = FieldKind::kAmount;
    else
        return bad(o.at("kind"), "栏目类型“" + kind + "”未知，应为count（件数）或amount（金额）");
    LECS_ASSIGN(f.required, o.boolean("required", true));
    LECS_ASSIGN(f.from, o.strings("from", false, true));
    std::set<std::string> seen;
    for (size_t i = 0; i < f.from.size(); ++i) {
        const std::string p = o.at("from") + "[" + std::to_string(i) + "]";
        const std::string& m = f.from[i];
        if (!is_monitoring_metric(m)) return bad(p, "未知的监测指标“" + m + "”");
        if (!seen.insert(m).second) return bad(p, "监测指标“" + m + "”重复");
        if (is_amount_metric(m) != (f.kind == FieldKind::kAmount))
            return bad(p, f.kind == FieldKind::kAmount ? "金额栏目只能由金额指标（amount.*）预填，“" + m + "”是件数"
                                                       : "件数栏目不能由金额指标“" + m + "”预填");
    }
    return f;
}

Result<Table> read_table(const Obj& o) {
    LECS_TRY(o.only({"code", "name", "fields"}));
    Table t;
    LECS_ASSIGN(t.code, o.code("code", false));
    LECS_ASSIGN(t.name, o.name("name"));
    LECS_ASSIGN(const json::array* fields, o.array("fields", true, true));
    for (size_t i = 0; i < fields->size(); ++i) {
        LECS_ASSIGN(Obj fo, element(*fields, i, o.at("fields")));
        LECS_ASSIGN(Field f, read_field(fo));
        t.fields.push_back(std::move(f));
    }
    return t;
}

Result<std::vector<std::string>> field_list(const Obj& o, std::string_view key, const Codes& codes,
                                            std::optional<FieldKind> kind, std::string_view kind_of) {
    LECS_ASSIGN(std::vector<std::string> list, o.strings(key, true, true));
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string p = o.at(key) + "[" + std::to_string(i) + "]";
        LECS_ASSIGN(FieldKind k, codes.field(p, list[i]));
        if (!seen.insert(list[i]).second) return bad(p, "栏目“" + list[i] + "”重复");
        if (kind && k != *kind)
            return bad(p, "栏目“" + list[i] + "”与“" + std::string(kind_of) + "”类型不同（件数与金额不能相加或比较）");
    }
    return list;
}

Result<ValidationRule> read_rule(const Obj& o, const ReportTemplate& t, const Codes& codes) {
    LECS_ASSIGN(std::string kind, o.string("kind"));
    ValidationRule r;
    if (kind == "sum") {
        LECS_TRY(o.only({"kind", "target", "addends"}));
        r.kind = RuleKind::kSum;
        LECS_ASSIGN(r.target, o.string("target"));
        LECS_ASSIGN(FieldKind k, codes.field(o.at("target"), r.target));
        LECS_ASSIGN(r.addends, field_list(o, "addends", codes, k, r.target));
        for (const auto& a : r.addends)
            if (a == r.target) return bad(o.at("addends"), "合计栏目“" + a + "”不能是自己的加数");
    } else if (kind == "compare") {
        LECS_TRY(o.only({"kind", "left", "op", "right"}));
        r.kind = RuleKind::kCompare;
        LECS_ASSIGN(r.left, o.string("left"));
        LECS_ASSIGN(r.right, o.string("right"));
        LECS_ASSIGN(FieldKind lk, codes.field(o.at("left"), r.left));
        LECS_ASSIGN(FieldKind rk, codes.field(o.at("right"), r.right));
        if (r.left == r.right) return bad(o.path(), "一致性规则两侧是同一栏目“" + r.left + "”");
        if (lk != rk) return bad(o.path(), "“" + r.left + "”与“" + r.right + "”类型不同（件数与金额不能比较）");
        LECS_ASSIGN(std::string op, o.string("op"));
        if (op == "eq")
            r.op = CompareOp::kEq;
        else if (op == "le")
            r.op = CompareOp::kLe;
        else if (op == "ge")
            r.op = CompareOp::kGe;
        else
            return bad(o.at("op"), "比较方式“" + op + "”未知，应为eq（等于）、le（不大于）或ge（不小于）");
    } else if (kind == "non_negative") {
        LECS_TRY(o.only({"kind", "fields", "table"}));
        r.kind = RuleKind::kNonNegative;
        if (o.get("fields") && o.get("table")) return bad(o.path(), "fields与table只能给出其一");
        if (o.get("fields")) {
            LECS_ASSIGN(r.fields, field_list(o, "fields", codes, std::nullopt, {}));
        } else if (o.get("table")) {
            LECS_ASSIGN(std::string table, o.string("table"));
            const Table* tb = t.find_table(table);
            if (!tb) return bad(o.at("table"), "引用了不存在的表“" + table + "”");
            for (const auto& f : tb->fields) r.fields.push_back(f.code);
        } else {
            for (const auto& tb : t.tables)
                for (const auto& f : tb.fields) r.fields.push_back(f.code);
        }
    } else {
        return bad(o.at("kind"),
                   "校验规则类型“" + kind + "”未知，应为sum（合计）、non_negative（非负）或compare（一致性）");
    }
    return r;
}

// A field that is (through other sums) a part of its own sum: no submission other than zeros
// could pass, so the template is wrong.
Result<void> check_sum_cycles(const std::vector<ValidationRule>& rules) {
    std::map<std::string, std::vector<std::string>> parts;
    for (const auto& r : rules)
        if (r.kind == RuleKind::kSum)
            for (const auto& a : r.addends) parts[r.target].push_back(a);
    std::map<std::string, int> state;  // 1 = on the path, 2 = done
    std::vector<std::string> path;
    std::function<bool(const std::string&)> visit = [&](const std::string& f) {
        state[f] = 1;
        path.push_back(f);
        for (const auto& a : parts[f]) {
            if (state[a] == 1) {
                path.push_back(a);
                return true;
            }
            if (state[a] == 0 && visit(a)) return true;
        }
        path.pop_back();
        state[f] = 2;
        return false;
    };
    for (const auto& [f, _] : parts) {
        if (state[f] != 0) continue;
        if (visit(f)) {
            std::string chain;
            // The cycle starts where its last element first appears on the path.
            size_t start = 0;
            while (path[start] != path.back()) ++start;
            for (size_t i = start; i < path.size(); ++i) chain += (i > start ? " → " : "") + path[i];
            return bad("rules", "合计规则循环引用：" + chain);
        }
    }
    return {};
}

Result<PenaltyCounting> read_penalty_counting(const Obj& o, const Codes& codes) {
    LECS_TRY(o.only({"order", "fields"}));
    PenaltyCounting pc;
    LECS_ASSIGN(std::vector<std::string> order, o.strings("order", true, true));
    auto parsed = parse_severity_order(order);
    if (!parsed) return bad(o.at("order"), parsed.error().message);
    pc.order = std::move(parsed).value();
    LECS_ASSIGN(Obj fields, o.object("fields"));
    for (const auto& kv : fields.raw()) {
        const std::string key(kv.key());
        auto type = penalty_type_from_string(key);
        if (!type) return bad(fields.at(key), "未知的处罚种类");
        if (!kv.value().is_string()) return bad(fields.at(key), "应为栏目代码字符串");
        const std::string code(kv.value().as_string());
        LECS_ASSIGN(FieldKind k, codes.field(fields.at(key), code));
        if (k != FieldKind::kCount) return bad(fields.at(key), "处罚种类只能计入件数栏目，“" + code + "”是金额");
        pc.fields[*type] = code;
    }
    for (PenaltyType t : pc.order)
        if (!pc.fields.count(t)) return bad(fields.path(), "缺少处罚种类" + std::string(to_string(t)) + "对应的栏目");
    return pc;
}

}  // namespace

Result<ReportTemplate> parse_template(std::string_view text) {
    json::error_code ec;
    json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec) return bad("", "不是合法的JSON（" + ec.message() + "）");
    if (!v.is_object()) return bad("", "应为JSON对象");
    Obj top(v.as_object(), "");
    LECS_TRY(top.only(
        {"code", "version", "name", "period", "due", "publishable", "penalty_counting", "tables", "rules", "ratios"}));
    ReportTemplate t;
    LECS_ASSIGN(t.code, top.code("code", false));
    LECS_ASSIGN(int64_t version, top.integer("version", 1, kMaxVersion, std::nullopt));
    t.version = static_cast<int>(version);
    LECS_ASSIGN(t.name, top.name("name"));
    LECS_ASSIGN(std::string period, top.string("period"));
    auto pk = period_kind_from_string(period);
    if (!pk) return bad("period", "报送周期“" + period + "”未知，应为month、quarter、half_year或year");
    t.period = *pk;
    LECS_ASSIGN(Obj due, top.object("due"));
    LECS_ASSIGN(t.due, read_due(due));
    LECS_ASSIGN(t.due_basis, due.string("basis", false));
    LECS_ASSIGN(t.publishable, top.boolean("publishable", false));

    LECS_ASSIGN(const json::array* tables, top.array("tables", true, true));
    if (tables->size() > kMaxTables) return bad("tables", "表过多（最多" + std::to_string(kMaxTables) + "张）");
    std::set<std::string> table_codes, field_codes;
    for (size_t i = 0; i < tables->size(); ++i) {
        LECS_ASSIGN(Obj to, element(*tables, i, "tables"));
        LECS_ASSIGN(Table tb, read_table(to));
        if (!table_codes.insert(tb.code).second) return bad(to.at("code"), "表代码“" + tb.code + "”重复");
        for (size_t j = 0; j < tb.fields.size(); ++j)
            if (!field_codes.insert(tb.fields[j].code).second)
                return bad(to.at("fields") + "[" + std::to_string(j) + "].code",
                           "栏目代码“" + tb.fields[j].code + "”重复（栏目代码在整个模板内唯一）");
        t.tables.push_back(std::move(tb));
    }
    if (field_codes.size() > kMaxFields) return bad("tables", "栏目过多（最多" + std::to_string(kMaxFields) + "个）");

    const Codes codes(t);
    LECS_ASSIGN(const json::array* rules, top.array("rules", false, false));
    for (size_t i = 0; rules && i < rules->size(); ++i) {
        LECS_ASSIGN(Obj ro, element(*rules, i, "rules"));
        LECS_ASSIGN(ValidationRule r, read_rule(ro, t, codes));
        t.rules.push_back(std::move(r));
    }
    LECS_TRY(check_sum_cycles(t.rules));

    LECS_ASSIGN(const json::array* ratios, top.array("ratios", false, false));
    for (size_t i = 0; ratios && i < ratios->size(); ++i) {
        LECS_ASSIGN(Obj ro, element(*ratios, i, "ratios"));
        LECS_TRY(ro.only({"code", "name", "numerator", "denominator"}));
        Ratio r;
        LECS_ASSIGN(r.code, ro.code("code", true));
        if (!field_codes.insert(r.code).second)
            return bad(ro.at("code"), "比率代码“" + r.code + "”与栏目或其他比率重复");
        LECS_ASSIGN(r.name, ro.name("name"));
        LECS_ASSIGN(r.numerator, ro.string("numerator"));
        LECS_ASSIGN(r.denominator, ro.string("denominator"));
        LECS_ASSIGN(FieldKind nk, codes.field(ro.at("numerator"), r.numerator));
        LECS_ASSIGN(FieldKind dk, codes.field(ro.at("denominator"), r.denominator));
        if (r.numerator == r.denominator) return bad(ro.path(), "分子与分母是同一栏目“" + r.numerator + "”");
        if (nk != dk) return bad(ro.path(), "分子与分母类型不同（件数与金额）");
        t.ratios.push_back(std::move(r));
    }

    if (top.get("penalty_counting")) {
        LECS_ASSIGN(Obj pc, top.object("penalty_counting"));
        LECS_ASSIGN(PenaltyCounting counting, read_penalty_counting(pc, codes));
        t.penalty_counting = std::move(counting);
    }
    return t;
}

}  // namespace lecs::reports
