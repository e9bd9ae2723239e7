// bench/gen_acts: a deterministic synthetic generator of enforcement acts (issue 6 step 8) for the
// ingest, indicators and reevaluate benches.
//
//   gen_acts --agencies FILE --n N [--seed S] [--format ndjson|csv] [--out FILE|-]
//            [--catalog-out FILE] [--from 2025-01-01] [--to 2026-10-31] [--fault-rate 0.05]
//
// --agencies: one agency a line, tab-separated: 统一社会信用代码, region code, then its valid
// enforcement certificate numbers separated by ';' (bench/ingest extracts them from the demo
// database). --catalog-out writes the catalog the acts use (lecs catalog load FILE): every agency
// gets items of every kind, penalties with a discretion baseline.
//
// Distributions: agencies Zipf-like (a few large agencies do most of the work, as in real data);
// kinds inspection 40 %, penalty 25 %, license 18 %, coercion 5 %, then the rest; 2–3 officers;
// fines log-uniform inside the item's baseline; parties from a pool of N/4 (70 % organisations);
// dates uniform over the range, weekends at a fifth of the weekday rate. About --fault-rate of the
// rows break exactly one of R1–R7 (R8 arises on its own from repeat inspections). The same seed
// and arguments always give the same bytes.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Rng {  // splitmix64: fast, seedable, the same on every machine
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    uint64_t below(uint64_t n) { return next() % n; }
};

// Days since 1970-01-01 ↔ civil date (H. Hinnant's algorithms).
int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
void civil_from_days(int64_t z, int* y, unsigned* m, unsigned* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = static_cast<int>(yy + (*m <= 2));
}
int64_t parse_date(const std::string& s) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(s.c_str(), "%d-%u-%u", &y, &m, &d) != 3) {
        std::cerr << "gen_acts: bad date " << s << "\n";
        std::exit(2);
    }
    return days_from_civil(y, m, d);
}
void put_date(std::string& out, int64_t day) {
    int y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    char b[16];
    std::snprintf(b, sizeof b, "%04d-%02u-%02u", y % 10000, m % 100, d % 100);
    out += b;
}

struct Agency {
    std::string uscc, region;
    std::vector<std::string> certs;
};

constexpr const char* kKinds[] = {"penalty",       "coercion", "inspection",   "license", "levy",
                                  "expropriation", "payment",  "confirmation", "other"};
constexpr int kKindCount = 9;
// Per mille of each kind, in kKinds order.
constexpr int kKindWeights[] = {250, 50, 400, 180, 30, 5, 25, 30, 30};
constexpr int kItemsPerKind = 4;
// The baseline of penalty item i (fen): from 500 元 … up to 50 000 元 wide.
int64_t item_min(int i) { return 50000LL * (i + 1); }
int64_t item_max(int i) { return 5000000LL * (i + 1); }

std::string item_code(int kind, int i) {
    char b[32];
    std::snprintf(b, sizeof b, "BX-%s-%02d", kKinds[kind], i);
    return b;
}

enum Fault { kNone, kR1, kR2, kR3, kR4, kR5, kR6, kR7 };

struct Row {
    const Agency* agency;
    std::string external_id, case_no, item, party_key;
    int kind = 0;
    std::vector<std::string> officers;
    bool org_party = true;
    int64_t filed = -1, decided = -1, served = -1, closed = -1, published = -1;
    const char* penalty_types = "";
    int64_t amount = 0;
    bool simple = false, legal_review = false, major = false, publish_required = false;
    int extension_days = 0, excluded_days = 0;
};

void json_str(std::string& out, const char* key, const std::string& v, bool first = false) {
    if (!first) out += ',';
    out += '"';
    out += key;
    out += "\":\"";
    out += v;  // generated text: no quotes or backslashes to escape
    out += '"';
}
void json_date(std::string& out, const char* key, int64_t d) {
    if (d < 0) return;
    out += ",\"";
    out += key;
    out += "\":\"";
    put_date(out, d);
    out += '"';
}

void write_ndjson(std::string& out, const Row& r) {
    out += '{';
    json_str(out, "agency", r.agency->uscc, true);
    json_str(out, "external_id", r.external_id);
    json_str(out, "kind", kKinds[r.kind]);
    json_str(out, "case_no", r.case_no);
    json_str(out, "item_code", r.item);
    out += ",\"officers\":[";
    for (size_t i = 0; i < r.officers.size(); ++i) {
        if (i) out += ',';
        out += '"' + r.officers[i] + '"';
    }
    out += ']';
    json_str(out, "party_type", r.org_party ? "org" : "person");
    json_str(out, "party_key", r.party_key);
    json_date(out, "filed_on", r.filed);
    json_date(out, "decided_on", r.decided);
    json_date(out, "served_on", r.served);
    json_date(out, "closed_on", r.closed);
    json_date(out, "published_on", r.published);
    out += ",\"penalty_types\":[";
    if (*r.penalty_types) {
        std::string pt = r.penalty_types;
        size_t start = 0;
        bool first = true;
        while (start <= pt.size()) {
            size_t semi = pt.find(';', start);
            if (semi == std::string::npos) semi = pt.size();
            if (!first) out += ',';
            out += '"' + pt.substr(start, semi - start) + '"';
            first = false;
            start = semi + 1;
        }
    }
    out += "],\"amount_fen\":" + std::to_string(r.amount);
    json_str(out, "procedure", r.simple ? "simple" : "general");
    out += std::string(",\"legal_review\":") + (r.legal_review ? "true" : "false");
    out += std::string(",\"major\":") + (r.major ? "true" : "false");
    out += std::string(",\"publish_required\":") + (r.publish_required ? "true" : "false");
    out += ",\"extension_days\":" + std::to_string(r.extension_days);
    out += ",\"excluded_days\":" + std::to_string(r.excluded_days);
    json_str(out, "region", r.agency->region);
    out += "}\n";
}

constexpr const char* kCsvHeader =
    "agency,external_id,kind,case_no,item_code,officers,party_type,party_key,filed_on,decided_on,served_on,"
    "closed_on,published_on,penalty_types,amount_fen,procedure,legal_review,major,publish_required,"
    "extension_days,excluded_days,region\n";

void csv_date(std::string& out, int64_t d) {
    if (d >= 0) put_date(out, d);
    out += ',';
}

void write_csv(std::string& out, const Row& r) {
    out += r.agency->uscc + ',' + r.external_id + ',' + kKinds[r.kind] + ',' + r.case_no + ',' + r.item + ',';
    for (size_t i = 0; i < r.officers.size(); ++i) {
        if (i) out += ';';
        out += r.officers[i];
    }
    out += ',';
    out += r.org_party ? "org," : "person,";
    out += r.party_key + ',';
    csv_date(out, r.filed);
    csv_date(out, r.decided);
    csv_date(out, r.served);
    csv_date(out, r.closed);
    csv_date(out, r.published);
    out += r.penalty_types;
    out += ',' + std::to_string(r.amount) + ',' + (r.simple ? "simple," : "general,");
    out += r.legal_review ? "true," : "false,";
    out += r.major ? "true," : "false,";
    out += r.publish_required ? "true," : "false,";
    out += std::to_string(r.extension_days) + ',' + std::to_string(r.excluded_days) + ',' + r.agency->region + '\n';
}

std::string hex64(uint64_t x) {
    char b[20];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(x));
    return b;
}

[[noreturn]] void usage() {
    std::cerr << "usage: gen_acts --agencies FILE --n N [--seed S] [--format ndjson|csv] [--out FILE|-]\n"
                 "                [--catalog-out FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--fault-rate F]\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    std::string agencies_file, format = "ndjson", out_file = "-", catalog_file, from = "2025-01-01", to = "2026-10-31";
    int64_t n = -1;
    uint64_t seed = 20261127;
    double fault_rate = 0.05;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage();
            return argv[++i];
        };
        if (a == "--agencies")
            agencies_file = value();
        else if (a == "--n")
            n = std::atoll(value().c_str());
        else if (a == "--seed")
            seed = std::strtoull(value().c_str(), nullptr, 10);
        else if (a == "--format")
            format = value();
        else if (a == "--out")
            out_file = value();
        else if (a == "--catalog-out")
            catalog_file = value();
        else if (a == "--from")
            from = value();
        else if (a == "--to")
            to = value();
        else if (a == "--fault-rate")
            fault_rate = std::atof(value().c_str());
        else
            usage();
    }
    if (agencies_file.empty() || n < 0 || (format != "ndjson" && format != "csv")) usage();

    std::vector<Agency> agencies;
    {
        std::ifstream in(agencies_file);
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream ls(line);
            Agency a;
            std::string certs;
            if (!std::getline(ls, a.uscc, '\t') || !std::getline(ls, a.region, '\t') || !std::getline(ls, certs))
                continue;
            std::istringstream cs(certs);
            std::string c;
            while (std::getline(cs, c, ';'))
                if (!c.empty()) a.certs.push_back(c);
            if (a.certs.size() >= 2) agencies.push_back(std::move(a));
        }
    }
    if (agencies.empty()) {
        std::cerr << "gen_acts: no agency with two valid certificates in " << agencies_file << "\n";
        return 2;
    }

    if (!catalog_file.empty()) {
        std::ofstream cat(catalog_file);
        cat << "agency_uscc,item_code,name,kind,effective_from,min_amount_fen,max_amount_fen\n";
        for (const auto& a : agencies)
            for (int k = 0; k < kKindCount; ++k)
                for (int i = 0; i < kItemsPerKind; ++i) {
                    cat << a.uscc << ',' << item_code(k, i) << ",基准测试事项" << k << '-' << i << ',' << kKinds[k]
                        << ",2020-01-01,";
                    if (k == 0)
                        cat << item_min(i) << ',' << item_max(i);
                    else
                        cat << ',';
                    cat << '\n';
                }
    }

    // Zipf-like agency weights (1/(rank+1)^0.8), as a cumulative table.
    std::vector<double> cum(agencies.size());
    double total = 0;
    for (size_t i = 0; i < agencies.size(); ++i) cum[i] = total += 1.0 / std::pow(static_cast<double>(i + 1), 0.8);
    int kind_cum[kKindCount];
    for (int k = 0, c = 0; k < kKindCount; ++k) kind_cum[k] = c += kKindWeights[k];

    const int64_t first = parse_date(from), last = parse_date(to);
    const int64_t span = last - first + 1;
    const uint64_t parties = static_cast<uint64_t>(std::max<int64_t>(1000, n / 4));
    Rng rng{seed};

    std::FILE* out = out_file == "-" ? stdout : std::fopen(out_file.c_str(), "wb");
    if (!out) {
        std::perror(out_file.c_str());
        return 2;
    }
    std::string buf;
    buf.reserve(1 << 20);
    if (format == "csv") buf += kCsvHeader;

    int64_t faults = 0;
    for (int64_t i = 0; i < n; ++i) {
        Row r;
        double u = rng.uniform() * total;
        size_t ai = static_cast<size_t>(std::lower_bound(cum.begin(), cum.end(), u) - cum.begin());
        if (ai >= agencies.size()) ai = agencies.size() - 1;
        r.agency = &agencies[ai];
        int kw = static_cast<int>(rng.below(1000));
        while (kw >= kind_cum[r.kind]) ++r.kind;
        const int item = static_cast<int>(rng.below(kItemsPerKind));
        r.item = item_code(r.kind, item);
        char ext[40];
        std::snprintf(ext, sizeof ext, "BX%llu-%010lld", static_cast<unsigned long long>(seed % 100000),
                      static_cast<long long>(i));
        r.external_id = ext;
        r.case_no = std::string("冀") + r.agency->region + "罚" + std::to_string(i);
        r.org_party = rng.below(10) < 7;
        r.party_key = hex64(rng.below(parties) * 0x9E3779B97F4A7C15ull + seed);

        // Officers: 2 (80 %) or 3, distinct, from the agency's staff.
        size_t want = std::min(r.agency->certs.size(), static_cast<size_t>(rng.below(10) < 8 ? 2 : 3));
        size_t start = static_cast<size_t>(rng.below(r.agency->certs.size()));
        for (size_t k = 0; k < want; ++k) r.officers.push_back(r.agency->certs[(start + k) % r.agency->certs.size()]);

        // The act date: weekdays 5× as likely as weekend days.
        int64_t day;
        for (;;) {
            day = first + static_cast<int64_t>(rng.below(static_cast<uint64_t>(span)));
            int64_t dow = (day + 4) % 7;  // 0 = Sunday (1970-01-01 was a Thursday)
            if (dow != 0 && dow != 6) break;
            if (rng.below(5) == 0) break;
        }
        const bool penalty = r.kind == 0, license = r.kind == 3;
        if (penalty) {
            r.simple = rng.below(10) < 2;
            r.decided = day;
            r.filed = day - (r.simple ? 0 : 5 + static_cast<int64_t>(rng.below(60)));
            if (r.filed < first) r.filed = first, r.decided = std::max(r.decided, first + 10);
            r.served = r.decided + static_cast<int64_t>(rng.below(3));
            r.closed = r.served + 10 + static_cast<int64_t>(rng.below(40));
            if (r.closed > last) r.closed = -1;
            bool fine = rng.below(10) < 8;
            r.penalty_types = fine ? (rng.below(10) < 2 ? "warning;fine" : "fine") : "warning";
            if (fine) {
                double lo = std::log(static_cast<double>(item_min(item))),
                       hi = std::log(static_cast<double>(item_max(item)));
                r.amount = static_cast<int64_t>(std::exp(lo + rng.uniform() * (hi - lo)));
                r.amount = std::max(item_min(item), std::min(item_max(item), r.amount / 100 * 100));
            }
            r.major = !r.simple && rng.below(20) == 0;
            r.legal_review = r.major || (!r.simple && rng.below(4) == 0);
            r.publish_required = !r.simple;
            if (rng.below(50) == 0) r.extension_days = 30;
        } else if (license) {
            r.filed = day - static_cast<int64_t>(rng.below(15));
            r.decided = day;
            r.publish_required = true;
        } else if (r.kind == 2) {  // inspection: one date
            r.closed = day;
        } else {
            r.filed = day - static_cast<int64_t>(rng.below(10));
            r.decided = day;
            r.publish_required = rng.below(4) == 0;
        }
        if (r.publish_required) {
            // 1–5 calendar days later: inside 7 working days whatever the holidays.
            r.published = r.decided + 1 + static_cast<int64_t>(rng.below(5));
        }

        if (rng.uniform() < fault_rate) {
            ++faults;
            int f = 1 + static_cast<int>(rng.below(7));
            switch (f) {
                case kR1:  // a certificate nobody holds
                    r.officers.back() = "冀执BX-" + std::to_string(rng.below(100000));
                    break;
                case kR2:  // one officer on a kind that needs two
                    if (r.kind != 0 && r.kind != 1 && r.kind != 2) r.kind = 2, r.item = item_code(2, item);
                    if (r.kind == 2) r.closed = day, r.filed = r.decided = r.published = -1, r.publish_required = false;
                    r.officers.resize(1);
                    break;
                case kR3:  // not in the agency's catalog
                    r.item = "BX-UNLISTED-" + std::to_string(rng.below(100));
                    break;
                case kR4:  // a general-procedure penalty decided after 90 days (+ extension)
                    if (!penalty || r.simple) {
                        f = kR6;
                    } else {
                        r.filed =
                            std::max(first, r.decided - 91 - r.extension_days - static_cast<int64_t>(rng.below(60)));
                        if (r.decided - r.filed <= 90 + r.extension_days) r.decided = r.filed + 95 + r.extension_days;
                        // Keep the later dates after the decision (the parser refuses them otherwise).
                        if (r.served >= 0) r.served = r.decided + 1;
                        if (r.closed >= 0) r.closed = r.decided + 20;
                        if (r.published >= 0) r.published = r.decided + 2;
                        break;
                    }
                    [[fallthrough]];
                case kR6:  // major without legal review
                    r.major = true;
                    r.legal_review = false;
                    break;
                case kR5:  // published a month late
                    r.publish_required = true;
                    if (r.decided < 0) r.decided = day, r.filed = day;
                    r.published = r.decided + 30 + static_cast<int64_t>(rng.below(30));
                    break;
                case kR7:  // a fine above the item's baseline
                    if (!penalty) {
                        r.major = true;
                        r.legal_review = false;
                    } else {
                        r.penalty_types = "fine";
                        r.amount = item_max(item) * 2;
                    }
                    break;
            }
        }
        if (format == "csv")
            write_csv(buf, r);
        else
            write_ndjson(buf, r);
        if (buf.size() > (1 << 20) - 4096) {
            std::fwrite(buf.data(), 1, buf.size(), out);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), out);
    if (out != stdout) std::fclose(out);
    std::cerr << "gen_acts: " << n << " rows, " << faults << " with a fault, " << agencies.size() << " agencies\n";
    return 0;
}
