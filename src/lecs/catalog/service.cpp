#include "lecs/catalog/service.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "lecs/auth/service.hpp"
#include "lecs/base/id.hpp"
#include "lecs/http/json_body.hpp"
#include "lecs/org/rules.hpp"
#include "lecs/org/store.hpp"

namespace lecs::catalog {
namespace {

namespace json = boost::json;

Error invalid(const std::string& field, std::string message) {
    return Error::validation("validation.wrong_value", std::move(message), field);
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The agency an item belongs to: a registered, active 行政执法机关 (Art 5(2): each agency's own list).
// An organisation outside the caller's scope is as absent: checked before anything that would name it
// (REQUIREMENTS §3: deny by default, reveal nothing).
Result<org::Org> agency_of(db::Tx& tx, const auth::Caller& who, int64_t id, const std::string& field) {
    auto o = id > 0 ? org::store::find_org(tx, id) : std::nullopt;
    if (!o || o->status != "active" || !who.scope.covers(o->region_code, o->id))
        return Error::validation("catalog.unknown_agency", "「执法机关」须为已登记的行政执法机关", field);
    if (!org::rules::is_agency_kind(o->kind))
        return Error::validation("catalog.not_agency", o->name + "不是行政执法机关，不能登记行政执法事项", field);
    return std::move(*o);
}

// A CSV cell must be text the JSON routes would accept: no control characters but line breaks and
// tabs (http::has_control_char, as for a JSON field), and valid UTF-8, which Boost.JSON guarantees
// for a JSON field but nothing does for a CSV (PostgreSQL refuses anything else with an error no
// user can read). Returns the reason, or empty when fine.
std::string bad_text(std::string_view s) {
    if (http::has_control_char(s)) return "包含不可见的控制字符";
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
        if (n == 0 || i + n > s.size()) return "不是有效的UTF-8文本，请以UTF-8编码保存CSV文件";
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80)
                return "不是有效的UTF-8文本，请以UTF-8编码保存CSV文件";
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f) || (c == 0xf0 && c1 < 0x90) ||
            (c == 0xf4 && c1 > 0x8f))
            return "不是有效的UTF-8文本，请以UTF-8编码保存CSV文件";
        i += n;
    }
    return {};
}

Item make_item(const ItemInput& in, int64_t by, int64_t now_ms) {
    Item i;
    i.id = new_id();
    i.agency_id = in.agency_id;
    i.item_code = in.item_code;
    i.name = in.name;
    i.kind = in.kind;
    i.effective_from = *in.effective_from;
    i.effective_to = in.effective_to;
    i.min_amount_fen = in.min_amount_fen;
    i.max_amount_fen = in.max_amount_fen;
    i.basis = in.basis;
    i.created_at = i.updated_at = now_ms;
    i.created_by = by;
    return i;
}

// ---- CSV (RFC 4180): quoted fields, "" escapes, a quoted field may span lines ----

struct CsvRecord {
    int64_t line = 0;  // 1-based line the record starts on
    std::vector<std::string> fields;
};

// Splits the whole text; false (with the line) when a quote is left open.
bool split_records(std::string_view s, std::vector<CsvRecord>& out, int64_t& bad_line) {
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    int64_t line = 1;
    size_t i = 0;
    while (i < s.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string field;
        bool quoted = false, end_of_record = false;
        while (i < s.size() && !end_of_record) {
            char c = s[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') ++line;
                    field += c;
                }
                ++i;
                continue;
            }
            if (c == '"' && field.empty()) {
                quoted = true;
            } else if (c == ',') {
                rec.fields.push_back(std::move(field));
                field.clear();
            } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
                // the \n ends the record next
            } else if (c == '\n') {
                end_of_record = true;
                ++line;
            } else {
                field += c;
            }
            ++i;
        }
        if (quoted) {
            bad_line = rec.line;
            return false;
        }
        rec.fields.push_back(std::move(field));
        const bool empty = rec.fields.size() == 1 && blank(rec.fields[0]);
        if (!empty) out.push_back(std::move(rec));
    }
    return true;
}

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

const std::map<std::string, std::string>& column_labels() {
    static const std::map<std::string, std::string> m = {
        {"agency_uscc", "执法机关统一社会信用代码"},
        {"item_code", "事项编码"},
        {"name", "事项名称"},
        {"kind", "事项类别"},
        {"effective_from", "生效日期"},
        {"effective_to", "失效日期"},
        {"min_amount_fen", "裁量基准下限（分）"},
        {"max_amount_fen", "裁量基准上限（分）"},
        {"basis", "设定依据"},
    };
    return m;
}

std::optional<int64_t> parse_amount(const std::string& s) {
    if (s.empty() || s.size() > 15) return std::nullopt;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

}  // namespace

std::string item_json(const Item& i) {
    json::object o{{"id", id_to_string(i.id)},
                   {"agency_id", id_to_string(i.agency_id)},
                   {"item_code", i.item_code},
                   {"name", i.name},
                   {"kind", i.kind},
                   {"effective_from", i.effective_from.iso()},
                   {"effective_to", i.effective_to ? json::value(i.effective_to->iso()) : json::value(nullptr)},
                   {"status", i.status},
                   {"version", i.version}};
    if (i.min_amount_fen) o["min_amount_fen"] = *i.min_amount_fen;
    if (i.max_amount_fen) o["max_amount_fen"] = *i.max_amount_fen;
    return json::serialize(o);
}

Result<void> check_item(const ItemInput& in) {
    if (blank(in.item_code)) return Error::validation("validation.required", "「事项编码」不能为空", "item_code");
    if (http::utf8_length(in.item_code) > kMaxCodeChars)
        return Error::validation("validation.too_long", "「事项编码」不能超过64个字", "item_code");
    if (blank(in.name)) return Error::validation("validation.required", "「事项名称」不能为空", "name");
    if (http::utf8_length(in.name) > kMaxNameChars)
        return Error::validation("validation.too_long", "「事项名称」不能超过200个字", "name");
    if (blank(in.kind)) return Error::validation("validation.required", "「事项类别」不能为空", "kind");
    if (!is_kind(in.kind))
        return invalid("kind",
                       "「事项类别」须为penalty、coercion、inspection、license、levy、expropriation、payment、"
                       "confirmation或other");
    if (!in.effective_from) return Error::validation("validation.required", "「生效日期」不能为空", "effective_from");
    if (in.effective_to && *in.effective_to < *in.effective_from)
        return invalid("effective_to", "「失效日期」不能早于「生效日期」");
    if ((in.min_amount_fen || in.max_amount_fen) && in.kind != "penalty")
        return invalid(in.min_amount_fen ? "min_amount_fen" : "max_amount_fen", "只有行政处罚事项可以设定裁量基准金额");
    for (const auto& [v, field] :
         {std::pair{in.min_amount_fen, "min_amount_fen"}, std::pair{in.max_amount_fen, "max_amount_fen"}})
        if (v && (*v < 0 || *v > kMaxAmountFen)) return invalid(field, "裁量基准金额须为0至10000000000000分之间的整数");
    if (in.min_amount_fen && in.max_amount_fen && *in.min_amount_fen > *in.max_amount_fen)
        return invalid("max_amount_fen", "裁量基准上限不能低于下限");
    if (http::utf8_length(in.basis) > kMaxBasisChars)
        return Error::validation("validation.too_long", "「设定依据」不能超过500个字", "basis");
    return ok();
}

store::ItemPage CatalogService::list(db::Tx& tx, const auth::Caller& who, const store::ItemFilter& f) {
    if (who.anonymous()) return {};
    return store::list_items(tx, who.scope, f);
}

std::map<int64_t, int64_t> CatalogService::in_force_counts(db::Tx& tx, const auth::Caller& who, Date from, Date to) {
    if (who.anonymous()) return {};
    return store::in_force_counts(tx, who.scope, from, to);
}

Result<Item> CatalogService::create(db::Tx& tx, const auth::Caller& who, const ItemInput& in, int64_t now_ms) {
    if (!who.can("catalog.write")) return Error::forbidden();
    LECS_ASSIGN(org::Org agency, agency_of(tx, who, in.agency_id, "agency_id"));
    LECS_TRY(check_item(in));
    if (store::find_by_key(tx, agency.id, in.item_code, *in.effective_from))
        return Error::conflict("catalog.duplicate",
                               agency.name + "的事项" + in.item_code + "自" + in.effective_from->iso() + "起已登记",
                               "item_code");
    Item item = make_item(in, who.user_id, now_ms);
    store::insert_item(tx, item);
    audit_.append(tx, who,
                  {.action = "catalog.item_created",
                   .object_kind = "catalog_item",
                   .object_id = id_to_string(item.id),
                   .after_json = item_json(item)},
                  now_ms);
    return item;
}

Result<LoadReport> CatalogService::load_csv(db::Tx& tx, const auth::Caller* who, std::string_view csv, int64_t now_ms,
                                            std::vector<RowError>& errors) {
    const auth::Caller system = auth::AuthService::system_caller();
    const auth::Caller& caller = who ? *who : system;
    if (!caller.can("catalog.write")) return Error::forbidden();
    errors.clear();
    auto refuse = [&] {
        const auto& first = errors.front();
        return Error::validation("catalog.invalid_rows",
                                 "清单文件有" + std::to_string(errors.size()) + "处错误，未导入任何事项（第" +
                                     std::to_string(first.line) + "行：" + first.reason + "）",
                                 first.field);
    };
    std::vector<CsvRecord> records;
    int64_t bad_line = 0;
    if (!split_records(csv, records, bad_line)) {
        errors.push_back(RowError{bad_line, "", "引号未闭合"});
        return refuse();
    }
    if (records.empty()) {
        errors.push_back(RowError{1, "", "文件为空，缺少表头"});
        return refuse();
    }
    // The header.
    std::map<std::string, size_t> col;
    for (size_t k = 0; k < records[0].fields.size(); ++k) {
        const std::string name = trim(records[0].fields[k]);
        if (!column_labels().count(name)) {
            errors.push_back(RowError{records[0].line, name, "未知的列「" + name + "」"});
            continue;
        }
        if (!col.emplace(name, k).second) errors.push_back(RowError{records[0].line, name, "列「" + name + "」重复"});
    }
    for (const char* required : {"agency_uscc", "item_code", "name", "kind", "effective_from"})
        if (!col.count(required))
            errors.push_back(
                RowError{records[0].line, required,
                         "缺少列「" + std::string(required) + "」（" + column_labels().at(required) + "）"});
    if (!errors.empty()) return refuse();
    if (records.size() - 1 > kMaxCsvRows) {
        errors.push_back(RowError{records[0].line, "", "一次最多导入" + std::to_string(kMaxCsvRows) + "行"});
        return refuse();
    }

    // Agencies by 统一社会信用代码, loaded once.
    std::map<std::string, int64_t> by_uscc;
    for (const auto& r : tx.query("SELECT uscc, id FROM organizations WHERE uscc IS NOT NULL"))
        by_uscc[r.str(0)] = r.i64(1);

    std::set<std::tuple<int64_t, std::string, std::string>> seen;
    std::vector<std::pair<ItemInput, std::optional<Item>>> rows;
    for (size_t n = 1; n < records.size(); ++n) {
        const auto& rec = records[n];
        auto cell = [&](const char* name) -> std::string {
            auto it = col.find(name);
            if (it == col.end() || it->second >= rec.fields.size()) return {};
            return trim(rec.fields[it->second]);
        };
        auto fail = [&](std::string field, std::string reason) {
            errors.push_back(RowError{rec.line, std::move(field), std::move(reason)});
        };
        if (rec.fields.size() != records[0].fields.size()) {
            fail("", "列数为" + std::to_string(rec.fields.size()) + "，与表头的" +
                         std::to_string(records[0].fields.size()) + "列不一致");
            continue;
        }
        bool bad_cell = false;
        for (const auto& [name, index] : col) {
            if (index >= rec.fields.size()) continue;
            if (auto why = bad_text(rec.fields[index]); !why.empty()) {
                fail(name, "「" + column_labels().at(name) + "」" + why);
                bad_cell = true;
                break;
            }
        }
        if (bad_cell) continue;
        ItemInput in;
        const std::string uscc = cell("agency_uscc");
        if (uscc.empty()) {
            fail("agency_uscc", "「执法机关统一社会信用代码」不能为空");
            continue;
        }
        auto a = by_uscc.find(uscc);
        if (a == by_uscc.end()) {
            fail("agency_uscc", "统一社会信用代码" + uscc + "不是已登记的行政执法机关");
            continue;
        }
        in.agency_id = a->second;
        auto agency = agency_of(tx, caller, in.agency_id, "agency_uscc");
        if (!agency.ok()) {
            fail("agency_uscc", agency.error().code == "catalog.unknown_agency"
                                    ? "统一社会信用代码" + uscc + "不是已登记的行政执法机关"
                                    : agency.error().message);
            continue;
        }
        in.item_code = cell("item_code");
        in.name = cell("name");
        in.kind = cell("kind");
        in.basis = cell("basis");
        bool bad = false;
        for (const char* f : {"effective_from", "effective_to"}) {
            const std::string v = cell(f);
            if (v.empty()) continue;
            auto d = Date::parse(v);
            if (!d) {
                fail(f, "「" + column_labels().at(f) + "」须为YYYY-MM-DD格式的日期");
                bad = true;
                break;
            }
            (std::string(f) == "effective_from" ? in.effective_from : in.effective_to) = d;
        }
        if (bad) continue;
        for (const char* f : {"min_amount_fen", "max_amount_fen"}) {
            const std::string v = cell(f);
            if (v.empty()) continue;
            auto amount = parse_amount(v);
            if (!amount) {
                fail(f, "「" + column_labels().at(f) + "」须为非负整数（分）");
                bad = true;
                break;
            }
            (std::string(f) == "min_amount_fen" ? in.min_amount_fen : in.max_amount_fen) = amount;
        }
        if (bad) continue;
        if (auto c = check_item(in); !c.ok()) {
            fail(c.error().field, c.error().message);
            continue;
        }
        if (!seen.emplace(in.agency_id, in.item_code, in.effective_from->iso()).second) {
            fail("item_code", "事项" + in.item_code + "（生效日期" + in.effective_from->iso() + "）在文件中重复");
            continue;
        }
        rows.emplace_back(in, store::find_by_key(tx, in.agency_id, in.item_code, *in.effective_from));
        if (errors.size() >= 100) break;  // enough to correct the file by
    }
    if (!errors.empty()) return refuse();

    LoadReport rep;
    for (auto& [in, existing] : rows) {
        // One audit record per item changed, with its state before, as for a single create: a load is
        // many edits, and the audit trail must show each one.
        if (existing) {
            Item i = *existing;
            i.name = in.name;
            i.kind = in.kind;
            i.effective_to = in.effective_to;
            i.min_amount_fen = in.min_amount_fen;
            i.max_amount_fen = in.max_amount_fen;
            i.basis = in.basis;
            i.updated_at = now_ms;  // the status stays: a file does not revive an abolished item
            if (store::update_item(tx, i, existing->version) == 0) return Error::stale_version();
            audit_.append(tx, caller,
                          {.action = "catalog.item_loaded",
                           .object_kind = "catalog_item",
                           .object_id = id_to_string(i.id),
                           .before_json = item_json(*existing),
                           .after_json = item_json(i)},
                          now_ms);
            ++rep.updated;
        } else {
            const Item i = make_item(in, caller.user_id, now_ms);
            store::insert_item(tx, i);
            audit_.append(tx, caller,
                          {.action = "catalog.item_loaded",
                           .object_kind = "catalog_item",
                           .object_id = id_to_string(i.id),
                           .after_json = item_json(i)},
                          now_ms);
            ++rep.created;
        }
    }
    audit_.append(tx, caller,
                  {.action = "catalog.loaded",
                   .object_kind = "catalog_item",
                   .object_id = "",
                   .after_json = json::serialize(json::object{{"created", rep.created}, {"updated", rep.updated}})},
                  now_ms);
    return rep;
}

}  // namespace lecs::catalog
