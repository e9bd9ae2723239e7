// (a) Validation of a submission against its template version (rules.hpp), and the template's
// ratios. The other rules are in rules_*.cpp.
#include "lecs/reports/rules.hpp"

#include <cstdio>
#include <set>

#include "lecs/base/provision.hpp"

namespace lecs::reports {
namespace {

// 表“行政处罚”栏目“罚款”（P_FINE）
std::string cell_name(const FieldRef& r) {
    return "表“" + r.table->name + "”栏目“" + r.field->name + "”（" + r.field->code + "）";
}

// What the user typed, quoted back in a message: at most kEchoBytes, cut on a UTF-8 character
// boundary, so that a pasted page does not become a page-long error.
constexpr size_t kEchoBytes = 60;
std::string echo(std::string_view text) {
    if (text.size() <= kEchoBytes) return std::string(text);
    size_t n = kEchoBytes;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // not inside a character
    return std::string(text.substr(0, n)) + "…";
}

std::string show(FieldKind kind, int64_t v) {
    return kind == FieldKind::kAmount ? format_wan_yuan(v) + "万元" : std::to_string(v);
}

// A difference of amounts in 元 with 2 decimals, since 万元 with 2 decimals may round it away.
std::string show_gap(FieldKind kind, int64_t gap) {
    if (kind == FieldKind::kCount) return std::to_string(gap) + "件";
    const bool neg = gap < 0;
    const uint64_t mag = neg ? uint64_t{0} - static_cast<uint64_t>(gap) : static_cast<uint64_t>(gap);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%llu.%02llu元", neg ? "-" : "", static_cast<unsigned long long>(mag / 100),
                  static_cast<unsigned long long>(mag % 100));
    return buf;
}

std::string_view op_words(CompareOp op) {
    switch (op) {
        case CompareOp::kEq:
            return "应等于";
        case CompareOp::kLe:
            return "应不大于";
        case CompareOp::kGe:
            return "应不小于";
    }
    return {};
}

bool holds(CompareOp op, int64_t l, int64_t r) {
    switch (op) {
        case CompareOp::kEq:
            return l == r;
        case CompareOp::kLe:
            return l <= r;
        case CompareOp::kGe:
            return l >= r;
    }
    return false;
}

std::string not_number_hint(FieldKind kind, AmountUnit unit) {
    if (kind == FieldKind::kCount) return "应填写整数";
    return unit == AmountUnit::kFen ? "应填写以分为单位的整数金额" : "应填写以万元为单位的数字（最多6位小数）";
}

std::string limit_text(const Field& f) {
    return f.kind == FieldKind::kCount ? std::to_string(kMaxCount) + "件" : format_wan_yuan(kMaxAmountFen) + "万元";
}

class Validator {
  public:
    Validator(const ReportTemplate& t, AmountUnit unit) : t_(t), unit_(unit) {}

    Validation run(const Submission& s) {
        if (s.template_code != t_.code || s.template_version != t_.version) {
            fail("report.template_mismatch", {}, {},
                 "报表按模板“" + s.template_code + "”第" + std::to_string(s.template_version) + "版填报，与模板“" +
                     t_.name + "”（" + t_.code + "）第" + std::to_string(t_.version) + "版不符");
            return std::move(out_);
        }
        for (const auto& tb : t_.tables)
            for (const auto& f : tb.fields) read_cell({&tb, &f}, s);
        for (const auto& [code, text] : s.cells)
            if (!t_.find(code).field)
                fail("cell.unknown_field", {}, code,
                     "栏目代码“" + echo(code) + "”不在模板“" + t_.name + "”第" + std::to_string(t_.version) + "版中");
        for (const auto& r : t_.rules) check_rule(r);
        return std::move(out_);
    }

  private:
    void fail(std::string rule, std::string table, std::string field, std::string message) {
        out_.failures.push_back({std::move(rule), std::move(table), std::move(field), std::move(message)});
    }
    void fail_at(const FieldRef& r, std::string rule, std::string_view rule_name, const std::string& detail) {
        fail(std::move(rule), r.table->code, r.field->code,
             cell_name(r) + "：" + std::string(rule_name) + "：" + detail);
    }

    void read_cell(const FieldRef& r, const Submission& s) {
        const Field& f = *r.field;
        auto it = s.cells.find(f.code);
        const bool blank = it == s.cells.end() || it->second.find_first_not_of(" \t\r\n") == std::string::npos;
        if (blank) {
            if (f.required) {
                fail_at(r, "cell.missing", "必填", "未填写（没有发生请填0）");
                bad_.insert(f.code);
            }
            return;  // an optional blank cell counts as 0 in the rules
        }
        const bool wan = f.kind == FieldKind::kAmount && unit_ == AmountUnit::kWanYuan;
        const CellNumber n = wan ? parse_wan_yuan(it->second, f.max()) : parse_integer_cell(it->second, f.max());
        if (n.status == CellNumber::Status::kNotNumber) {
            fail_at(r, "cell.not_number", "数值格式",
                    not_number_hint(f.kind, unit_) + "，填写的是“" + echo(it->second) + "”");
            bad_.insert(f.code);
        } else if (n.status == CellNumber::Status::kOverflow) {
            fail_at(r, "cell.overflow", "数值范围",
                    "超出上限" + limit_text(f) + "，填写的是“" + echo(it->second) + "”");
            bad_.insert(f.code);
        } else {
            out_.values[f.code] = n.value;
        }
    }

    int64_t value(std::string_view code) const {
        auto it = out_.values.find(code);
        return it == out_.values.end() ? 0 : it->second;
    }

    void check_rule(const ValidationRule& r) {
        switch (r.kind) {
            case RuleKind::kNonNegative:
                for (const auto& code : r.fields) {
                    if (bad_.count(code) || value(code) >= 0 || !negative_reported_.insert(code).second) continue;
                    const FieldRef ref = t_.find(code);
                    fail_at(ref, "rule.non_negative", rule_kind_label(r.kind),
                            "不能为负数，填写的是" + show(ref.field->kind, value(code)));
                }
                return;
            case RuleKind::kSum: {
                if (bad_.count(r.target)) return;
                int64_t sum = 0;
                std::string names;
                for (const auto& a : r.addends) {
                    if (bad_.count(a)) return;
                    sum += value(a);  // bounded cells: no overflow (template.hpp kMaxFields)
                    names += (names.empty() ? "" : "、") + t_.find(a).field->name;
                }
                const FieldRef ref = t_.find(r.target);
                const int64_t got = value(r.target);
                if (got != sum)
                    fail_at(ref, "rule.sum", rule_kind_label(r.kind),
                            "应等于" + names + "之和" + show(ref.field->kind, sum) + "，填写的是" +
                                show(ref.field->kind, got) + "（相差" + show_gap(ref.field->kind, got - sum) + "）");
                return;
            }
            case RuleKind::kCompare: {
                if (bad_.count(r.left) || bad_.count(r.right)) return;
                const FieldRef l = t_.find(r.left), rt = t_.find(r.right);
                const int64_t lv = value(r.left), rv = value(r.right);
                if (!holds(r.op, lv, rv))
                    fail_at(l, "rule.compare", rule_kind_label(r.kind),
                            std::string(op_words(r.op)) + cell_name(rt) + "的" + show(rt.field->kind, rv) +
                                "，填写的是" + show(l.field->kind, lv));
                return;
            }
        }
    }

    const ReportTemplate& t_;
    AmountUnit unit_;
    Validation out_;
    std::set<std::string, std::less<>> bad_;                // cells that failed: their rules are not judged
    std::set<std::string, std::less<>> negative_reported_;  // one non_negative failure per cell
};

}  // namespace

Error CellFailure::to_error() const {
    return Error::validation(rule, message, field_code, cite(Provision::kMeasuresArt15));
}

Validation validate_submission(const ReportTemplate& t, const Submission& s, AmountUnit unit) {
    return Validator(t, unit).run(s);
}

std::optional<double> ratio_percent(const Ratio& r, const Values& v) {
    auto n = v.find(r.numerator), d = v.find(r.denominator);
    if (n == v.end() || d == v.end() || d->second == 0) return std::nullopt;
    return 100.0 * static_cast<double>(n->second) / static_cast<double>(d->second);
}

std::string format_percent(std::optional<double> pct) {
    if (!pct) return "—";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f%%", *pct);
    return buf;
}

}  // namespace lecs::reports
