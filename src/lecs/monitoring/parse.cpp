// The row parser. NDJSON goes through Boost.JSON's SAX parser (basic_parser) with a handler that
// writes straight into the ActRow/CaseRow: no DOM, no allocation beyond the row's own strings,
// and a duplicate key is seen (a DOM would silently keep the last one). CSV fields go through
// the same setters as JSON strings, so both formats check the same things with the same words.
#include "lecs/monitoring/parse.hpp"

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <charconv>
#include <cstring>
#include <limits>

#include "lecs/base/validate.hpp"

namespace lecs::monitoring::parse {
namespace {

// ---------------------------------------------------------------- checks shared by both formats

constexpr size_t kMaxText = 200;       // any free-text field
constexpr size_t kMaxExternalId = 64;  // ARCHITECTURE §Data rules: ids of other systems
constexpr size_t kMaxPartyKey = 128;   // a hex digest of up to 512 bits

// The party is sent as a digest of its identifier, never the identifier itself (personal data stays in
// the agency's case system; R8 needs only equality). The lengths of the usual digests (64-bit, MD5 or
// SM3-128, SHA-1, SM3/SHA-256, SHA-512): an 18-character 身份证号 or 统一社会信用代码 and an 11-digit
// phone number are none of them, so a raw identifier sent by mistake is refused, not stored.
bool is_digest(std::string_view v) {
    if (v.size() != 16 && v.size() != 32 && v.size() != 40 && v.size() != 64 && v.size() != 128) return false;
    return std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}
constexpr size_t kMaxOfficers = 20;
constexpr int64_t kMaxAmountFen = 10'000'000'000'000;  // 1000亿元: above any fine ever set
constexpr int64_t kMaxDays = 3650;

// Code points of valid UTF-8, or -1 when the text is not UTF-8 (CSV text is not checked by a
// JSON parser). Control characters other than tab are refused as well: ids and codes never
// hold them, and a stray one usually means a broken export.
int64_t utf8_chars(std::string_view s) {
    int64_t n = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* e = p + s.size();
    while (p < e) {
        unsigned c = *p;
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || e - p < len) return -1;
        if (len == 1) {
            if (c < 0x20 && c != '\t') return -1;
            if (c == 0x7f) return -1;
        } else {
            uint32_t cp = c & (0x7f >> len);
            for (int i = 1; i < len; ++i) {
                if ((p[i] & 0xc0) != 0x80) return -1;
                cp = (cp << 6) | (p[i] & 0x3f);
            }
            // overlong forms, surrogates, beyond U+10FFFF
            if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
                (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
                return -1;
        }
        p += len;
        ++n;
    }
    return n;
}

RowError err(std::string_view field, std::string reason) { return RowError{std::string(field), std::move(reason)}; }

// Set while parsing a CSV row: its bytes have not been through a UTF-8 validating parser.
thread_local bool t_unvalidated = false;

std::optional<RowError> check_text(std::string_view field, std::string_view v, size_t max) {
    int64_t n = 0;
    if (t_unvalidated) {
        n = utf8_chars(v);
    } else {
        // Boost.JSON has validated the UTF-8 already: count lead bytes, refuse control characters
        // (they can only come from \u escapes). Branch-free, so the compiler vectorises it.
        size_t lead = 0;
        unsigned bad = 0;
        for (unsigned char c : v) {
            lead += (c & 0xc0) != 0x80;
            bad |= static_cast<unsigned>(c < 0x20 && c != '\t') | static_cast<unsigned>(c == 0x7f);
        }
        n = bad ? -1 : static_cast<int64_t>(lead);
    }
    if (n < 0) return err(field, "含有非法字符或不是UTF-8编码");
    if (static_cast<size_t>(n) > max) return err(field, "长度不能超过" + std::to_string(max) + "个字符");
    return std::nullopt;
}

std::optional<RowError> check_uscc(std::string_view field, std::string_view v) {
    if (v.size() != 18) return err(field, "统一社会信用代码应为18位");
    if (!valid_uscc(v)) return err(field, "统一社会信用代码校验不通过");
    return std::nullopt;
}

Parsed<Date> parse_date(std::string_view field, std::string_view v) {
    auto d = Date::parse(v);
    if (!d) return err(field, "日期格式应为YYYY-MM-DD");
    // Enforcement data of this platform's time; a year like 0201 is a typo, not history.
    if (d->y < 1990 || d->y > 2100) return err(field, "日期应在1990年至2100年之间");
    return *d;
}

std::optional<RowError> check_days(std::string_view field, int64_t v) {
    if (v < 0 || v > kMaxDays) return err(field, "天数应在0到" + std::to_string(kMaxDays) + "之间");
    return std::nullopt;
}

// ---------------------------------------------------------------- fields

enum class Type { kText, kInt, kBool, kList };

enum class ActField {
    kAgency,
    kExternalId,
    kKind,
    kCaseNo,
    kItemCode,
    kOfficers,
    kPartyType,
    kPartyKey,
    kFiledOn,
    kDecidedOn,
    kServedOn,
    kClosedOn,
    kPublishedOn,
    kPenaltyTypes,
    kAmountFen,
    kProcedure,
    kLegalReview,
    kMajor,
    kPublishRequired,
    kExtensionDays,
    kExcludedDays,
    kEntrustedBody,
    kRegion
};
struct ActFieldDef {
    std::string_view key;
    ActField field;
    Type type;
};
constexpr ActFieldDef kActFields[] = {
    {"agency", ActField::kAgency, Type::kText},
    {"external_id", ActField::kExternalId, Type::kText},
    {"kind", ActField::kKind, Type::kText},
    {"case_no", ActField::kCaseNo, Type::kText},
    {"item_code", ActField::kItemCode, Type::kText},
    {"officers", ActField::kOfficers, Type::kList},
    {"party_type", ActField::kPartyType, Type::kText},
    {"party_key", ActField::kPartyKey, Type::kText},
    {"filed_on", ActField::kFiledOn, Type::kText},
    {"decided_on", ActField::kDecidedOn, Type::kText},
    {"served_on", ActField::kServedOn, Type::kText},
    {"closed_on", ActField::kClosedOn, Type::kText},
    {"published_on", ActField::kPublishedOn, Type::kText},
    {"penalty_types", ActField::kPenaltyTypes, Type::kList},
    {"amount_fen", ActField::kAmountFen, Type::kInt},
    {"procedure", ActField::kProcedure, Type::kText},
    {"legal_review", ActField::kLegalReview, Type::kBool},
    {"major", ActField::kMajor, Type::kBool},
    {"publish_required", ActField::kPublishRequired, Type::kBool},
    {"extension_days", ActField::kExtensionDays, Type::kInt},
    {"excluded_days", ActField::kExcludedDays, Type::kInt},
    {"entrusted_body", ActField::kEntrustedBody, Type::kText},
    {"region", ActField::kRegion, Type::kText},
};
constexpr int kActFieldCount = sizeof(kActFields) / sizeof(kActFields[0]);
static_assert(kActFieldCount <= 32);

enum class CaseField { kAgency, kExternalId, kKind, kReceivedOn, kConcludedOn, kOutcome };
struct CaseFieldDef {
    std::string_view key;
    CaseField field;
    Type type;
};
constexpr CaseFieldDef kCaseFields[] = {
    {"agency", CaseField::kAgency, Type::kText},
    {"external_id", CaseField::kExternalId, Type::kText},
    {"kind", CaseField::kKind, Type::kText},
    {"received_on", CaseField::kReceivedOn, Type::kText},
    {"concluded_on", CaseField::kConcludedOn, Type::kText},
    {"outcome", CaseField::kOutcome, Type::kText},
};
constexpr int kCaseFieldCount = sizeof(kCaseFields) / sizeof(kCaseFields[0]);

template <class Def, size_t N>
int find_field(const Def (&defs)[N], std::string_view key) {
    for (size_t i = 0; i < N; ++i)
        if (defs[i].key.size() == key.size() && std::memcmp(defs[i].key.data(), key.data(), key.size()) == 0)
            return static_cast<int>(i);
    return -1;
}

// ---------------------------------------------------------------- the sinks: typed values → row

struct ActSink {
    using Row = ActRow;
    static constexpr const auto& kDefs = kActFields;
    ActRow row;

    static std::string_view key(int f) { return kActFields[f].key; }
    static Type type(int f) { return kActFields[f].type; }

    std::optional<RowError> text(int i, std::string_view v) {
        const auto f = kActFields[i].field;
        const auto k = kActFields[i].key;
        auto date = [&](std::optional<Date>& out) -> std::optional<RowError> {
            auto d = parse_date(k, v);
            if (auto* e = std::get_if<RowError>(&d)) return std::move(*e);
            out = std::get<Date>(d);
            return std::nullopt;
        };
        switch (f) {
            case ActField::kAgency:
                if (auto e = check_uscc(k, v)) return e;
                row.agency_uscc.assign(v);
                return std::nullopt;
            case ActField::kExternalId:
                if (v.empty()) return err(k, "不能为空");
                if (auto e = check_text(k, v, kMaxExternalId)) return e;
                row.external_id.assign(v);
                return std::nullopt;
            case ActField::kKind:
                if (auto x = act_kind_from_string(v)) {
                    row.kind = *x;
                    return std::nullopt;
                }
                return err(k,
                           "执法行为类别应为penalty、coercion、inspection、license、levy、expropriation、"
                           "payment、confirmation或other");
            case ActField::kCaseNo:
                if (auto e = check_text(k, v, kMaxText)) return e;
                row.case_no.assign(v);
                return std::nullopt;
            case ActField::kItemCode:
                if (auto e = check_text(k, v, kMaxText)) return e;
                row.item_code.assign(v);
                return std::nullopt;
            case ActField::kPartyType:
                if (auto x = party_type_from_string(v)) {
                    row.party_type = *x;
                    return std::nullopt;
                }
                return err(k, "当事人类型应为person或org");
            case ActField::kPartyKey:
                if (auto e = check_text(k, v, kMaxPartyKey)) return e;
                if (!is_digest(v))
                    return err(k,
                               "当事人标识应为当事人证件号码的散列值（16、32、40、64或128位十六进制数），"
                               "不得报送身份证号码、统一社会信用代码等原文");
                row.party_key.assign(v);
                return std::nullopt;
            case ActField::kFiledOn:
                return date(row.filed_on);
            case ActField::kDecidedOn:
                return date(row.decided_on);
            case ActField::kServedOn:
                return date(row.served_on);
            case ActField::kClosedOn:
                return date(row.closed_on);
            case ActField::kPublishedOn:
                return date(row.published_on);
            case ActField::kProcedure:
                if (auto x = procedure_from_string(v)) {
                    row.procedure = *x;
                    return std::nullopt;
                }
                return err(k, "程序应为general或simple");
            case ActField::kEntrustedBody:
                if (v.empty()) return std::nullopt;
                if (auto e = check_uscc(k, v)) return e;
                row.entrusted_uscc.assign(v);
                return std::nullopt;
            case ActField::kRegion:
                if (v.empty()) return std::nullopt;
                if (v.size() != 6 || v.find_first_not_of("0123456789") != std::string_view::npos)
                    return err(k, "行政区划代码应为6位数字");
                row.region.assign(v);
                return std::nullopt;
            default:
                return err(k, "类型错误");
        }
    }
    std::optional<RowError> integer(int i, int64_t v) {
        const auto k = kActFields[i].key;
        switch (kActFields[i].field) {
            case ActField::kAmountFen:
                if (v < 0 || v > kMaxAmountFen) return err(k, "金额（分）应在0到10000000000000之间");
                row.amount_fen = v;
                return std::nullopt;
            case ActField::kExtensionDays:
                if (auto e = check_days(k, v)) return e;
                row.extension_days = static_cast<int>(v);
                return std::nullopt;
            case ActField::kExcludedDays:
                if (auto e = check_days(k, v)) return e;
                row.excluded_days = static_cast<int>(v);
                return std::nullopt;
            default:
                return err(k, "类型错误");
        }
    }
    std::optional<RowError> boolean(int i, bool v) {
        switch (kActFields[i].field) {
            case ActField::kLegalReview:
                row.legal_review = v;
                return std::nullopt;
            case ActField::kMajor:
                row.major = v;
                return std::nullopt;
            case ActField::kPublishRequired:
                row.publish_required = v;
                return std::nullopt;
            default:
                return err(kActFields[i].key, "类型错误");
        }
    }
    std::optional<RowError> item(int i, std::string_view v) {
        const auto k = kActFields[i].key;
        if (kActFields[i].field == ActField::kOfficers) {
            if (row.officers.size() >= kMaxOfficers)
                return err(k, "执法人员不能超过" + std::to_string(kMaxOfficers) + "名");
            if (v.empty()) return err(k, "执法证号不能为空");
            if (auto e = check_text(k, v, kMaxExternalId)) return e;
            row.officers.emplace_back(v);
            return std::nullopt;
        }
        if (auto t = penalty_type_from_string(v)) {
            row.penalty_types |= static_cast<uint8_t>(*t);
            return std::nullopt;
        }
        return err(k, "处罚种类应为warning、fine、confiscation、suspension、revocation、detention或other");
    }
    std::optional<RowError> finish(uint32_t seen) {
        auto has = [&](ActField f) { return (seen >> static_cast<int>(f)) & 1u; };
        if (!has(ActField::kAgency)) return err("agency", "缺少必填字段");
        if (!has(ActField::kExternalId)) return err("external_id", "缺少必填字段");
        if (!has(ActField::kKind)) return err("kind", "缺少必填字段");
        if (!act_date(row)) return err("decided_on", "立案、决定、送达、结案日期至少应填写一项");
        if (row.decided_on && row.filed_on && *row.decided_on < *row.filed_on)
            return err("decided_on", "决定日期不能早于立案日期");
        if (row.published_on && !row.decided_on) return err("published_on", "未作出决定的行为不应有公示日期");
        if (row.published_on && *row.published_on < *row.decided_on)
            return err("published_on", "公示日期不能早于决定日期");
        return std::nullopt;
    }
};

struct CaseSink {
    using Row = CaseRow;
    CaseRow row;
    bool has_received = false;

    static std::string_view key(int f) { return kCaseFields[f].key; }
    static Type type(int f) { return kCaseFields[f].type; }

    std::optional<RowError> text(int i, std::string_view v) {
        const auto k = kCaseFields[i].key;
        switch (kCaseFields[i].field) {
            case CaseField::kAgency:
                if (auto e = check_uscc(k, v)) return e;
                row.agency_uscc.assign(v);
                return std::nullopt;
            case CaseField::kExternalId:
                if (v.empty()) return err(k, "不能为空");
                if (auto e = check_text(k, v, kMaxExternalId)) return e;
                row.external_id.assign(v);
                return std::nullopt;
            case CaseField::kKind:
                if (auto x = case_kind_from_string(v)) {
                    row.kind = *x;
                    return std::nullopt;
                }
                return err(k, "案件类别应为reconsideration（行政复议）或litigation（行政诉讼）");
            case CaseField::kReceivedOn: {
                auto d = parse_date(k, v);
                if (auto* e = std::get_if<RowError>(&d)) return std::move(*e);
                row.received_on = std::get<Date>(d);
                has_received = true;
                return std::nullopt;
            }
            case CaseField::kConcludedOn: {
                auto d = parse_date(k, v);
                if (auto* e = std::get_if<RowError>(&d)) return std::move(*e);
                row.concluded_on = std::get<Date>(d);
                return std::nullopt;
            }
            case CaseField::kOutcome:
                if (v.empty()) return std::nullopt;
                if (!is_case_outcome(v)) {
                    std::string words;
                    for (auto o : kCaseOutcomes) words += (words.empty() ? "" : "、") + std::string(o);
                    return err(k, "审结结果应为" + words + "之一");
                }
                row.outcome.assign(v);
                return std::nullopt;
        }
        return err(k, "类型错误");
    }
    std::optional<RowError> integer(int i, int64_t) { return err(kCaseFields[i].key, "应为字符串"); }
    std::optional<RowError> boolean(int i, bool) { return err(kCaseFields[i].key, "应为字符串"); }
    std::optional<RowError> item(int i, std::string_view) { return err(kCaseFields[i].key, "应为字符串"); }
    std::optional<RowError> finish(uint32_t seen) {
        auto has = [&](CaseField f) { return (seen >> static_cast<int>(f)) & 1u; };
        if (!has(CaseField::kAgency)) return err("agency", "缺少必填字段");
        if (!has(CaseField::kExternalId)) return err("external_id", "缺少必填字段");
        if (!has(CaseField::kKind)) return err("kind", "缺少必填字段");
        if (!has_received) return err("received_on", "缺少必填字段");
        if (row.concluded_on && *row.concluded_on < row.received_on)
            return err("concluded_on", "审结日期不能早于收案日期");
        if (row.concluded_on && row.outcome.empty()) return err("outcome", "已审结的案件应填写审结结果");
        if (!row.concluded_on && !row.outcome.empty()) return err("concluded_on", "已有审结结果的案件应填写审结日期");
        return std::nullopt;
    }
};

template <class Sink>
int field_index(std::string_view key);
template <>
int field_index<ActSink>(std::string_view key) {
    return find_field(kActFields, key);
}
template <>
int field_index<CaseSink>(std::string_view key) {
    return find_field(kCaseFields, key);
}

std::string_view type_word(Type t) {
    switch (t) {
        case Type::kText:
            return "应为字符串";
        case Type::kInt:
            return "应为整数";
        case Type::kBool:
            return "应为布尔值（true或false）";
        case Type::kList:
            return "应为字符串数组";
    }
    return "";
}

// ---------------------------------------------------------------- JSON: a SAX handler

namespace bj = boost::json;

template <class Sink>
struct JsonHandler {
    static constexpr size_t max_object_size = 64;
    static constexpr size_t max_array_size = 64;
    static constexpr size_t max_key_size = 64;
    static constexpr size_t max_string_size = kMaxRowBytes;

    Sink sink;
    std::optional<RowError> error;
    uint32_t seen = 0;   // fields with a non-null value
    uint32_t keyed = 0;  // fields whose key appeared (duplicates)
    int depth = 0;       // 1 = in the row object, 2 = in a field's array
    int field = -1;      // the field of the current key
    std::string key_buf, str_buf;

    bool fail(bj::error_code& ec, RowError e) {
        if (!error) error = std::move(e);
        ec = bj::error::extra_data;  // any code: the row error above is what is reported
        return false;
    }
    bool fail(bj::error_code& ec, std::optional<RowError> e) {
        if (!e) return true;
        return fail(ec, std::move(*e));
    }
    std::string_view fname() const { return field >= 0 ? Sink::key(field) : std::string_view(); }
    bool wrong_type(bj::error_code& ec) { return fail(ec, err(fname(), std::string(type_word(Sink::type(field))))); }

    bool on_document_begin(bj::error_code&) { return true; }
    bool on_document_end(bj::error_code&) { return true; }
    bool on_object_begin(bj::error_code& ec) {
        if (depth != 0)
            return fail(ec, field >= 0 ? err(fname(), std::string(type_word(Sink::type(field))))
                                       : err("", "每行应为一个JSON对象"));
        depth = 1;
        return true;
    }
    bool on_object_end(size_t, bj::error_code&) {
        depth = 0;
        return true;
    }
    bool on_array_begin(bj::error_code& ec) {
        if (depth != 1) return fail(ec, depth == 0 ? err("", "每行应为一个JSON对象") : err(fname(), "不能嵌套数组"));
        if (Sink::type(field) != Type::kList) return wrong_type(ec);
        depth = 2;
        seen |= 1u << field;
        return true;
    }
    bool on_array_end(size_t, bj::error_code&) {
        depth = 1;
        return true;
    }
    bool on_key_part(bj::string_view s, size_t, bj::error_code&) {
        key_buf.append(s.data(), s.size());
        return true;
    }
    bool on_key(bj::string_view s, size_t, bj::error_code& ec) {
        std::string_view k(s.data(), s.size());
        if (!key_buf.empty()) {
            key_buf.append(s.data(), s.size());
            k = key_buf;
        }
        field = field_index<Sink>(k);
        if (field < 0) {
            std::string name(k.substr(0, 64));
            key_buf.clear();
            return fail(ec, err(name, "未知字段"));
        }
        key_buf.clear();
        if (keyed & (1u << field)) return fail(ec, err(fname(), "字段重复"));
        keyed |= 1u << field;
        return true;
    }
    bool on_string_part(bj::string_view s, size_t, bj::error_code&) {
        str_buf.append(s.data(), s.size());
        return true;
    }
    bool on_string(bj::string_view s, size_t, bj::error_code& ec) {
        std::string_view v(s.data(), s.size());
        if (!str_buf.empty()) {
            str_buf.append(s.data(), s.size());
            v = str_buf;
        }
        bool ok;
        if (depth == 2) {
            ok = fail(ec, sink.item(field, v));
        } else if (depth == 1 && Sink::type(field) == Type::kText) {
            seen |= 1u << field;
            ok = fail(ec, sink.text(field, v));
        } else if (depth == 1) {
            ok = wrong_type(ec);
        } else {
            ok = fail(ec, err("", "每行应为一个JSON对象"));
        }
        str_buf.clear();
        return ok;
    }
    bool on_number_part(bj::string_view, bj::error_code&) { return true; }
    bool number(bj::error_code& ec, std::optional<int64_t> v) {
        if (depth == 0) return fail(ec, err("", "每行应为一个JSON对象"));
        if (depth == 2) return fail(ec, err(fname(), "数组元素应为字符串"));
        if (Sink::type(field) != Type::kInt) return wrong_type(ec);
        if (!v) return fail(ec, err(fname(), "应为整数"));
        seen |= 1u << field;
        return fail(ec, sink.integer(field, *v));
    }
    bool on_int64(int64_t i, bj::string_view, bj::error_code& ec) { return number(ec, i); }
    bool on_uint64(uint64_t u, bj::string_view, bj::error_code& ec) {
        return number(ec, u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                              ? std::numeric_limits<int64_t>::max()
                              : static_cast<int64_t>(u));
    }
    bool on_double(double, bj::string_view, bj::error_code& ec) { return number(ec, std::nullopt); }
    bool on_bool(bool b, bj::error_code& ec) {
        if (depth == 0) return fail(ec, err("", "每行应为一个JSON对象"));
        if (depth == 2) return fail(ec, err(fname(), "数组元素应为字符串"));
        if (Sink::type(field) != Type::kBool) return wrong_type(ec);
        seen |= 1u << field;
        return fail(ec, sink.boolean(field, b));
    }
    bool on_null(bj::error_code& ec) {
        // null = absent; a required field stays missing and finish() says so.
        if (depth == 0) return fail(ec, err("", "每行应为一个JSON对象"));
        if (depth == 2) return fail(ec, err(fname(), "数组元素应为字符串"));
        return true;
    }
    bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
    bool on_comment(bj::string_view, bj::error_code&) { return true; }
};

template <class Sink>
Parsed<typename Sink::Row> parse_json(std::string_view line) {
    bj::parse_options opt;
    opt.max_depth = 3;
    bj::basic_parser<JsonHandler<Sink>> p(opt);
    bj::error_code ec;
    size_t n = p.write_some(false, line.data(), line.size(), ec);
    auto& h = p.handler();
    if (h.error) return std::move(*h.error);
    if (ec) return err("", "不是合法的JSON对象（第" + std::to_string(n + 1) + "个字节附近）");
    // write_some stops after one complete value: anything but blanks after it is a broken row.
    for (size_t i = n; i < line.size(); ++i)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n')
            return err("", "不是合法的JSON对象（第" + std::to_string(i + 1) + "个字节附近）");
    if (auto e = h.sink.finish(h.seen)) return std::move(*e);
    return std::move(h.sink.row);
}

// ---------------------------------------------------------------- CSV

std::optional<bool> parse_bool_word(std::string_view v) {
    if (v == "true" || v == "1" || v == "是" || v == "TRUE" || v == "True") return true;
    if (v == "false" || v == "0" || v == "否" || v == "FALSE" || v == "False") return false;
    return std::nullopt;
}

template <class Sink>
std::optional<RowError> set_csv_field(Sink& sink, int f, std::string_view v, uint32_t& seen) {
    // An empty cell is an absent field (a CSV cannot say null otherwise).
    if (v.empty()) return std::nullopt;
    seen |= 1u << f;
    switch (Sink::type(f)) {
        case Type::kText:
            return sink.text(f, v);
        case Type::kInt: {
            int64_t x = 0;
            auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
            if (ec == std::errc::result_out_of_range) return sink.integer(f, std::numeric_limits<int64_t>::max());
            if (ec != std::errc() || p != v.data() + v.size()) return err(Sink::key(f), "应为整数");
            return sink.integer(f, x);
        }
        case Type::kBool: {
            auto b = parse_bool_word(v);
            if (!b) return err(Sink::key(f), "应为true/false、1/0或是/否");
            return sink.boolean(f, *b);
        }
        case Type::kList: {
            size_t start = 0;
            for (;;) {
                size_t semi = v.find(';', start);
                auto part = v.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
                if (auto e = sink.item(f, part)) return e;
                if (semi == std::string_view::npos) break;
                start = semi + 1;
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

template <class Sink>
Parsed<typename Sink::Row> parse_csv_row(const std::vector<std::string>& columns, std::string_view row) {
    auto fields = split_csv(row);
    if (!fields) return err("", "CSV引号不匹配");
    if (fields->size() != columns.size())
        return err(
            "", "列数为" + std::to_string(fields->size()) + "，与表头的" + std::to_string(columns.size()) + "列不一致");
    Sink sink;
    uint32_t seen = 0;
    struct Unvalidated {
        Unvalidated() { t_unvalidated = true; }
        ~Unvalidated() { t_unvalidated = false; }
    } csv_text;
    for (size_t i = 0; i < columns.size(); ++i) {
        int f = field_index<Sink>(columns[i]);
        if (f < 0) return err(columns[i], "未知字段");  // CsvHeader::parse refuses these already
        if (auto e = set_csv_field(sink, f, (*fields)[i], seen)) return std::move(*e);
    }
    if (auto e = sink.finish(seen)) return std::move(*e);
    return std::move(sink.row);
}

}  // namespace

Format detect_format(std::string_view first_row) {
    size_t i = 0;
    // A UTF-8 byte order mark and leading blanks are not content.
    if (first_row.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < first_row.size() && (first_row[i] == ' ' || first_row[i] == '\t')) ++i;
    return i < first_row.size() && first_row[i] == '{' ? Format::kNdjson : Format::kCsv;
}

Parsed<ActRow> parse_act_json(std::string_view line) { return parse_json<ActSink>(line); }
Parsed<CaseRow> parse_case_json(std::string_view line) { return parse_json<CaseSink>(line); }

Result<CsvHeader> CsvHeader::parse(std::string_view line, What what) {
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    auto cols = split_csv(line);
    if (!cols) return Error::validation("monitoring.csv_header", "CSV表头引号不匹配");
    CsvHeader h;
    uint32_t seen = 0;
    for (auto& c : *cols) {
        int f = what == What::kActs ? find_field(kActFields, c) : find_field(kCaseFields, c);
        if (f < 0) {
            std::string name = c.substr(0, 64);
            return Error::validation("monitoring.csv_header", "CSV表头含未知列“" + name + "”", name);
        }
        if (seen & (1u << f)) return Error::validation("monitoring.csv_header", "CSV表头列“" + c + "”重复", c);
        seen |= 1u << f;
        h.columns_.push_back(std::move(c));
    }
    for (std::string_view req : {"agency", "external_id", "kind"}) {
        int f = what == What::kActs ? find_field(kActFields, req) : find_field(kCaseFields, req);
        if (!(seen & (1u << f)))
            return Error::validation("monitoring.csv_header", "CSV表头缺少必填列“" + std::string(req) + "”",
                                     std::string(req));
    }
    if (what == What::kCases && !(seen & (1u << find_field(kCaseFields, "received_on"))))
        return Error::validation("monitoring.csv_header", "CSV表头缺少必填列“received_on”", "received_on");
    return h;
}

std::optional<std::vector<std::string>> split_csv(std::string_view row) {
    std::vector<std::string> out;
    out.reserve(24);
    size_t i = 0;
    const size_t n = row.size();
    for (;;) {
        std::string& f = out.emplace_back();
        if (i < n && row[i] == '"') {
            ++i;
            for (;;) {
                if (i >= n) return std::nullopt;  // unterminated quote
                size_t q = row.find('"', i);
                if (q == std::string_view::npos) return std::nullopt;
                f.append(row.data() + i, q - i);
                i = q + 1;
                if (i < n && row[i] == '"') {  // "" = one quote
                    f.push_back('"');
                    ++i;
                    continue;
                }
                break;
            }
            if (i < n && row[i] != ',') return std::nullopt;  // text after the closing quote
        } else {
            size_t c = row.find(',', i);
            size_t end = c == std::string_view::npos ? n : c;
            auto cell = row.substr(i, end - i);
            if (cell.find('"') != std::string_view::npos) return std::nullopt;  // a quote inside a bare field
            f.assign(cell);
            i = end;
        }
        if (i >= n) break;
        ++i;           // the comma
        if (i == n) {  // a trailing comma: one more empty field
            out.emplace_back();
            break;
        }
    }
    return out;
}

Parsed<ActRow> parse_act_csv(const CsvHeader& h, std::string_view row) {
    return parse_csv_row<ActSink>(h.columns(), row);
}
Parsed<CaseRow> parse_case_csv(const CsvHeader& h, std::string_view row) {
    return parse_csv_row<CaseSink>(h.columns(), row);
}

bool RowReader::next(std::string& row, int64_t& first_line, bool& too_long) {
    // One physical line at a time through istream::getline into a fixed buffer: a line longer than
    // the cap is never held, only skipped (memory does not grow with the input). Blank lines are
    // not rows (a trailing newline or a spacer must not count as a rejected row); CRLF is accepted.
    thread_local std::string buf(kMaxRowBytes + 2, '\0');
    row.clear();
    too_long = false;
    bool in_row = false;  // a CSV row continued over a quoted line break
    bool open_quote = false;
    for (;;) {
        if (!in_.good()) {
            if (in_row) return true;  // an unterminated quote at the end: split_csv reports it
            return false;
        }
        in_.getline(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto got = in_.gcount();
        bool line_too_long = false;
        size_t len = static_cast<size_t>(got);
        if (in_.fail() && !in_.eof() && got == static_cast<std::streamsize>(buf.size()) - 1) {
            // The buffer filled before a line end: skip the rest of the line.
            in_.clear();
            in_.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
            line_too_long = true;
        } else if (in_.fail() && got == 0) {
            if (in_row) return true;
            return false;  // end of input
        } else if (!in_.eof() && len > 0) {
            --len;  // getline counted the '\n' it consumed
        } else if (in_.eof() && in_.fail()) {
            in_.clear(std::ios::eofbit);  // a last line without '\n': keep it, stop next time
        }
        ++line_;
        std::string_view line(buf.data(), len);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!in_row) {
            if (line.empty() && !line_too_long) continue;  // blank lines are not rows
            first_line = line_;
            in_row = true;
        } else {
            if (!too_long) row.push_back('\n');
        }
        if (line_too_long || too_long || row.size() + line.size() > kMaxRowBytes) {
            too_long = true;
            row.clear();
        } else {
            row.append(line);
        }
        if (!csv_) return true;
        // Inside a quoted field when the number of quotes so far is odd ("" pairs cancel out).
        for (char c : line)
            if (c == '"') open_quote = !open_quote;
        if (!open_quote) return true;
        if (in_.eof()) return true;
    }
}

}  // namespace lecs::monitoring::parse
