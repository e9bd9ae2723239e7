#include "lecs/cockpit/analysis_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lecs/base/provision.hpp"

namespace lecs::cockpit::analysis {
namespace {

constexpr MetricInfo kMetrics[] = {
    {"acts.total", "执法行为数", "件", "有执法行为数据的执法机关"},
    {"acts.penalty", "行政处罚数", "件", "有行政处罚的执法机关"},
    {"acts.inspection", "行政检查数", "件", "有行政检查的执法机关"},
    {"amount.avg_penalty", "件均罚没金额", "元", "有行政处罚的执法机关"},
    {"warn.rate", "预警率", "%", "执法行为数达到比较门槛的执法机关"},
    {"recon.rate", "行政复议纠错率", "%", "行政复议审结案件数达到比较门槛的执法机关"},
};

Error out_of_range(const char* field, const std::string& message) {
    return Error::validation("analysis.param_out_of_range", message, field, cite(Provision::kMeasuresArt15));
}

double median_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

std::string year_text(int year) { return std::to_string(year) + "年度"; }

// "48件", "1250.5元", "20%".
std::string with_unit(double v, const char* unit) { return format_number(v, 2) + unit; }

std::string group_text(const MetricInfo& m, const Params& p) {
    const std::string key = m.key;
    if (key == "warn.rate") return "执法行为数不少于" + std::to_string(p.min_acts_for_rate) + "件的执法机关";
    if (key == "recon.rate") return "行政复议审结案件不少于" + std::to_string(p.recon_min_concluded) + "件的执法机关";
    return m.group;
}

// The judgement of one outlier, about `who` (the agency's name, or 你单位 in a suggestion).
std::string outlier_text(int year, const std::string& who, const MetricInfo& m, double value, const Band& b, int64_t n,
                         bool high, const Params& p) {
    std::string s = year_text(year) + "，" + who + "的" + m.label + "为" + with_unit(value, m.unit) + "。在本区域" +
                    group_text(m, p) + "（共" + std::to_string(n) + "个）中，该指标的中位数为" +
                    with_unit(b.median, m.unit) + "，";
    const std::string k = format_number(p.band_k, 2);
    if (b.mean_deviation)
        s += "半数以上机关的数值相同、绝对中位差为0，故改用平均绝对偏差" + with_unit(b.spread, m.unit) +
             "，按“中位数 ± " + k + " × 平均绝对偏差”";
    else
        s += "绝对中位差（MAD）为" + with_unit(b.spread, m.unit) + "，按“中位数 ± " + k + " × MAD”";
    s += "得出的正常区间为" + with_unit(b.lower, m.unit) + "至" + with_unit(b.upper, m.unit) + "；该值" +
         (high ? "高于区间上限，属异常偏高。" : "低于区间下限，属异常偏低。");
    return s;
}

std::string recon_text(int year, const std::string& who, const AgencyFacts& a, double rate, const Params& p) {
    return year_text(year) + "，" + who + "的行政复议案件审结" + std::to_string(a.recon_concluded) +
           "件，被纠错（撤销、变更、确认违法或无效、责令履行）" + std::to_string(a.recon_corrected) +
           "件，行政复议纠错率为" + with_unit(rate, "%") + "，高于" + std::to_string(p.recon_threshold_percent) +
           "%的关注线（审结不少于" + std::to_string(p.recon_min_concluded) + "件时判断）。";
}

std::string inaction_text(int year, const std::string& who, const AgencyFacts& a) {
    return year_text(year) + "，" + who + "在行政执法事项清单中有" + std::to_string(a.catalog_items) +
           "项执法事项处于有效期内，但本年度监测数据中" + who +
           "的执法行为为0件，可能存在应当执法而未执法（不作为）的情形，也可能是执法数据未按要求报送，需核实。";
}

Finding base(const std::string& kind, const AgencyFacts& a) {
    Finding f;
    f.kind = kind;
    f.agency = a;
    f.suggestion.target_org_id = a.agency_id;
    f.matter.target_org_id = a.agency_id;
    return f;
}

}  // namespace

Result<void> check_params(const Params& p) {
    if (!std::isfinite(p.band_k) || p.band_k <= 0 || p.band_k > 10)
        return out_of_range("band_k", "「区间倍数 k」须大于0且不超过10");
    if (p.min_group < 3 || p.min_group > 1000) return out_of_range("min_group", "「最少比较机关数」须在3至1000之间");
    if (p.min_acts_for_rate < 1 || p.min_acts_for_rate > 100000)
        return out_of_range("min_acts_for_rate", "「预警率比较门槛」须在1至100000件之间");
    if (p.recon_threshold_percent < 1 || p.recon_threshold_percent > 100)
        return out_of_range("recon_threshold_percent", "「复议纠错率关注线」须在1%至100%之间");
    if (p.recon_min_concluded < 1 || p.recon_min_concluded > 100000)
        return out_of_range("recon_min_concluded", "「复议审结案件门槛」须在1至100000件之间");
    if (p.inaction_min_items < 1 || p.inaction_min_items > 100000)
        return out_of_range("inaction_min_items", "「有效执法事项门槛」须在1至100000项之间");
    return ok();
}

std::optional<Band> robust_band(std::vector<double> values, double k) {
    if (values.empty()) return std::nullopt;
    Band b;
    b.median = median_of(values);
    std::vector<double> dev;
    dev.reserve(values.size());
    double sum = 0;
    for (double v : values) {
        dev.push_back(std::fabs(v - b.median));
        sum += dev.back();
    }
    b.spread = median_of(dev);
    if (b.spread == 0) {
        b.spread = sum / static_cast<double>(dev.size());
        b.mean_deviation = true;
    }
    if (b.spread == 0) return std::nullopt;  // every value equal
    b.lower = std::max(0.0, b.median - k * b.spread);
    b.upper = b.median + k * b.spread;
    return b;
}

std::span<const MetricInfo> metrics() { return kMetrics; }

std::optional<double> metric_value(const MetricInfo& m, const AgencyFacts& a, const Params& p) {
    const std::string_view key = m.key;
    if (key == "acts.total") return a.acts_total > 0 ? std::optional<double>(a.acts_total) : std::nullopt;
    if (key == "acts.penalty") return a.penalties > 0 ? std::optional<double>(a.penalties) : std::nullopt;
    if (key == "acts.inspection") return a.inspections > 0 ? std::optional<double>(a.inspections) : std::nullopt;
    if (key == "amount.avg_penalty") {
        if (a.penalties <= 0) return std::nullopt;
        return static_cast<double>(a.penalty_amount_fen) / static_cast<double>(a.penalties) / 100.0;
    }
    if (key == "warn.rate") {
        if (a.acts_total < p.min_acts_for_rate) return std::nullopt;
        return static_cast<double>(a.warnings) * 100.0 / static_cast<double>(a.acts_total);
    }
    if (key == "recon.rate") {
        if (a.recon_concluded < p.recon_min_concluded) return std::nullopt;
        return static_cast<double>(a.recon_corrected) * 100.0 / static_cast<double>(a.recon_concluded);
    }
    return std::nullopt;
}

Analysis analyse(int year, std::span<const AgencyFacts> agencies, const Params& p) {
    Analysis out;
    out.year = year;
    out.params = p;
    for (const auto& m : kMetrics) {
        std::vector<std::pair<const AgencyFacts*, double>> group;
        for (const auto& a : agencies)
            if (auto v = metric_value(m, a, p)) group.emplace_back(&a, *v);
        MetricSummary sum{&m, static_cast<int64_t>(group.size()), std::nullopt, {}};
        if (sum.group_size < p.min_group) {
            sum.note = "参与比较的执法机关" + std::to_string(sum.group_size) + "个，少于" +
                       std::to_string(p.min_group) + "个，不作判断";
            out.metrics.push_back(std::move(sum));
            continue;
        }
        std::vector<double> values;
        for (const auto& g : group) values.push_back(g.second);
        sum.band = robust_band(values, p.band_k);
        if (!sum.band) {
            sum.note = "各执法机关的数值相同，无异常";
            out.metrics.push_back(std::move(sum));
            continue;
        }
        const Band b = *sum.band;
        std::vector<Finding> found;
        for (const auto& [a, v] : group) {
            if (!(v > b.upper) && !(v < b.lower)) continue;
            const bool high = v > b.upper;
            Finding f = base("outlier", *a);
            f.metric = m.key;
            f.metric_label = m.label;
            f.unit = m.unit;
            f.direction = high ? "high" : "low";
            f.value = v;
            f.band = b;
            f.group_size = sum.group_size;
            f.explanation = outlier_text(year, a->agency_name, m, v, b, sum.group_size, high, p);
            const std::string problem = year_text(year) + m.label + (high ? "异常偏高" : "异常偏低");
            f.suggestion.subject = problem + "问题";
            f.suggestion.body = {
                "一、经对行政执法统计数据进行分析，" + outlier_text(year, "你单位", m, v, b, sum.group_size, high, p),
                std::string("二、建议你单位对照法定职责和行政执法事项清单，核查上述数据是否真实、完整，分析") +
                    (high ? "偏高" : "偏低") +
                    "的原因；属于执法行为不规范的，依法予以纠正；属于数据报送问题的，及时更正并说明情况。"};
            f.matter.categories = {"art11_4"};
            f.matter.subject = a->agency_name + problem;
            found.push_back(std::move(f));
        }
        std::stable_sort(found.begin(), found.end(), [&](const Finding& x, const Finding& y) {
            const double dx = std::fabs(x.value - b.median), dy = std::fabs(y.value - b.median);
            if (dx != dy) return dx > dy;
            return x.agency.agency_id < y.agency.agency_id;
        });
        for (auto& f : found) out.outliers.push_back(std::move(f));
        out.metrics.push_back(std::move(sum));
    }

    for (const auto& a : agencies) {
        if (a.catalog_items < p.inaction_min_items || a.acts_total != 0) continue;
        Finding f = base("inaction", a);
        f.metric = "acts.total";
        f.metric_label = "执法行为数";
        f.unit = "件";
        f.direction = "low";
        f.value = 0;
        f.explanation = inaction_text(year, a.agency_name, a);
        const std::string problem = year_text(year) + "执法事项零执法";
        f.suggestion.subject = problem + "问题";
        f.suggestion.body = {
            "一、经对行政执法统计数据进行分析，" + inaction_text(year, "你单位", a),
            "二、建议你单位对照行政执法事项清单逐项梳理履职情况，书面说明未开展执法的原因；存在应当执法而未执法情形的，"
            "依法履行职责；执法数据未及时报送的，及时补报。"};
        f.matter.categories = {"art11_3", "art11_4"};
        f.matter.subject = a.agency_name + problem;
        out.inaction.push_back(std::move(f));
    }
    std::stable_sort(out.inaction.begin(), out.inaction.end(), [](const Finding& x, const Finding& y) {
        if (x.agency.region_code != y.agency.region_code) return x.agency.region_code < y.agency.region_code;
        return x.agency.agency_id < y.agency.agency_id;
    });

    for (const auto& a : agencies) {
        if (a.recon_concluded < p.recon_min_concluded) continue;
        // Integers: corrected / concluded > threshold% exactly, no rounding at the line.
        if (a.recon_corrected * 100 <= p.recon_threshold_percent * a.recon_concluded) continue;
        const double rate = static_cast<double>(a.recon_corrected) * 100.0 / static_cast<double>(a.recon_concluded);
        Finding f = base("reconsideration", a);
        f.metric = "recon.rate";
        f.metric_label = "行政复议纠错率";
        f.unit = "%";
        f.direction = "high";
        f.value = rate;
        f.explanation = recon_text(year, a.agency_name, a, rate, p);
        const std::string problem = year_text(year) + "行政复议纠错率偏高";
        f.suggestion.subject = problem + "问题";
        f.suggestion.body = {
            "一、经对行政执法统计数据进行分析，" + recon_text(year, "你单位", a, rate, p),
            "二、建议你单位逐案分析被纠错的行政复议案件，查找事实认定、证据、程序和法律适用方面的问题，落实重大执法决定"
            "法制审核和案卷评查，防止同类问题再次发生。"};
        f.matter.categories = {"art11_3"};
        f.matter.subject = a.agency_name + problem;
        out.reconsideration.push_back(std::move(f));
    }
    std::stable_sort(out.reconsideration.begin(), out.reconsideration.end(), [](const Finding& x, const Finding& y) {
        if (x.value != y.value) return x.value > y.value;
        return x.agency.agency_id < y.agency.agency_id;
    });
    return out;
}

std::string format_number(double v, int decimals) {
    if (!std::isfinite(v)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

}  // namespace lecs::cockpit::analysis
