#include "lecs/org/seed_demo.hpp"

#include <array>
#include <set>
#include <stdexcept>
#include <string>

#include "lecs/base/validate.hpp"
#include "lecs/org/store.hpp"

namespace lecs::org {
namespace {

constexpr std::array kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",   "胡",
                                  "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩",   "唐",
                                  "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾",   "彭",
                                  "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "欧阳", "司马"};
constexpr std::array kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
                               "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国",
                               "志", "红", "玉", "兰", "文", "辉", "鹏", "飞", "斌", "宇", "浩", "凯", "晨",
                               "欣", "悦", "琳", "瑞", "博", "海", "峰", "新", "春", "雪", "梅", "丹", "亮"};

std::string pad(int64_t n, size_t width) {
    std::string s = std::to_string(n);
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
}

template <class T>
T must(Result<T> r, const std::string& what) {
    if (!r.ok()) throw std::runtime_error("seed-demo: " + what + ": " + r.error().code + " " + r.error().message);
    return std::move(r).value();
}

struct AgencySpec {
    const char* name;  // without the region prefix
    const char* kind;
    const char* field;   // enforcement field on the staff's certificates
    const char* domain;  // 执法领域 (org/domains.hpp), what reports roll up by
};

// City agencies (organs) with the field their staff enforce.
constexpr AgencySpec kCityOrgans[] = {
    {"市场监督管理局", "organ", "市场监管", "market"},
    {"生态环境局", "organ", "生态环境保护", "ecology"},
    {"交通运输局", "organ", "交通运输", "transport"},
    {"城市管理综合行政执法局", "organ", "城市管理", "urban"},
    {"应急管理局", "organ", "安全生产", "emergency"},
    {"自然资源和规划局", "organ", "自然资源", "natural_resources"},
    {"农业农村局", "organ", "农业", "agriculture"},
    {"卫生健康委员会", "organ", "卫生健康", "health"},
    {"文化广电和旅游局", "organ", "文化市场", "culture"},
    {"住房和城乡建设局", "organ", "住房城乡建设", "housing"},
    {"水利局", "organ", "水行政", "water"},
    {"教育局", "organ", "教育", "education"},
    {"人力资源和社会保障局", "organ", "劳动保障监察", "human_resources"},
    {"商务局", "organ", "商务", "other"},
    {"医疗保障局", "organ", "医疗保障", "other"},
    {"民政局", "organ", "民政", "other"},
    {"发展和改革委员会", "organ", "价格与节能", "other"},
};

constexpr AgencySpec kXinduAgencies[] = {
    {"市场监督管理局", "organ", "市场监管", "market"},
    {"综合行政执法局", "organ", "城市管理", "urban"},
    {"自然资源和规划局", "organ", "自然资源", "natural_resources"},
    {"应急管理局", "organ", "安全生产", "emergency"},
    {"农业农村局", "organ", "农业", "agriculture"},
};
constexpr AgencySpec kNingjinAgencies[] = {
    {"市场监督管理局", "organ", "市场监管", "market"}, {"自然资源和规划局", "organ", "自然资源", "natural_resources"},
    {"综合行政执法局", "organ", "城市管理", "urban"},  {"生态环境分局", "organ", "生态环境保护", "ecology"},
    {"交通运输局", "organ", "交通运输", "transport"},
};

class Seeder {
  public:
    Seeder(db::Tx& tx, OrgService& svc, const auth::Caller& who, int64_t now_ms)
        : tx_(tx), svc_(svc), who_(who), now_(now_ms) {}

    DemoOrgs run();

  private:
    uint32_t next() {  // xorshift32, fixed seed: the same data every run
        state_ ^= state_ << 13;
        state_ ^= state_ >> 17;
        state_ ^= state_ << 5;
        return state_;
    }
    uint32_t pick(uint32_t n) { return next() % n; }

    int64_t org(const std::string& name, const char* kind, const std::string& region, bool uscc,
                std::optional<int64_t> superior = std::nullopt, std::optional<int64_t> government = std::nullopt,
                std::optional<int64_t> parent = std::nullopt, std::optional<int64_t> entrusting = std::nullopt,
                const std::string& level = "", const char* domain = "") {
        OrgInput in;
        in.name = name;
        in.domain = domain;
        in.kind = kind;
        in.region_code = region;
        in.level = level;
        if (std::string_view(kind) == kind::kExternalBody) in.external_kind = "court";
        if (uscc) {
            // 11 = 机关, 12 = 事业单位 (authorized/entrusted bodies), then the division code.
            bool institution =
                std::string_view(kind) == kind::kAuthorized || std::string_view(kind) == kind::kEntrusted;
            in.uscc = uscc_with_check((institution ? "12" : "11") + region.substr(0, 6) + "MB" + pad(++uscc_seq_, 7));
        }
        in.superior_id = superior;
        in.government_id = government;
        in.parent_id = parent;
        in.entrusting_id = entrusting;
        auto o = must(svc_.create_org(tx_, who_, in, now_), "org " + name);
        ++out_.orgs;
        return o.id;
    }

    std::string name() {
        for (;;) {
            std::string n = kSurnames[pick(kSurnames.size())];
            n += kGiven[pick(kGiven.size())];
            if (pick(3) != 0) n += kGiven[pick(kGiven.size())];
            if (names_.insert(n).second) return n;
        }
    }

    int64_t person(int64_t org_id, const std::string& region, const std::string& position, bool head = false) {
        // A birth region of the county (city-level staff: 襄都区), a plausible birth date, a valid check digit.
        std::string county = region.substr(0, 6);
        if (county == "130500" || county == "130571") county = "130502";
        Date birth = Date::parse("1966-01-01")->plus_days(pick(365 * 32));
        std::string id_no =
            id_number_with_check(county + pad(birth.y, 4) + pad(birth.m, 2) + pad(birth.d, 2) + pad(pick(999) + 1, 3));
        static constexpr const char* kPrefixes[] = {"133", "135", "138", "139", "150",
                                                    "151", "158", "176", "186", "189"};
        std::string phone = std::string(kPrefixes[pick(10)]) + pad(pick(100000000), 8);
        PersonInput in{name(), org_id, position, head, true, id_no, phone};
        auto p = must(svc_.create_person(tx_, who_, in, now_), "person");
        ++out_.people;
        if (head) set_head(org_id, p.id);
        return p.id;
    }

    void set_head(int64_t org_id, int64_t person_id) {
        auto o = store::find_org(tx_, org_id);
        OrgPatch patch;
        patch.version = o->version;
        patch.head_person_id = person_id;
        must(svc_.patch_org(tx_, who_, org_id, patch, now_), "head");
    }

    int64_t cert(int64_t person_id, const char* kind, const std::string& number, const std::string& issuer,
                 const char* issued, const char* expires, std::vector<std::string> fields) {
        CertificateInput in{
            kind, number, person_id, issuer, *Date::parse(issued), *Date::parse(expires), std::move(fields)};
        auto c = must(svc_.create_certificate(tx_, who_, in, now_), "certificate " + number);
        ++out_.certificates;
        if (*Date::parse(expires) < shanghai_date(now_)) ++out_.expired_certificates;
        return c.cert.id;
    }

    // A certificate on the demo schedule: most valid, every 13th expired,
    // every 29th suspended, every 61st revoked.
    void scheduled_cert(int64_t person_id, const char* kind, const std::string& region, const std::string& issuer,
                        const char* field) {
        int k = ++cert_seq_;
        std::string number =
            std::string(std::string_view(kind) == "supervision" ? "冀监" : "冀执") + region.substr(0, 6) + pad(k, 5);
        Date issued{k % 13 == 5 ? 2019 : 2022 + k % 4, 1 + k % 12, 1 + k % 28};
        Date expires = issued.plus_days(365 * 5);  // five years
        std::vector<std::string> fields;
        if (field) fields.emplace_back(field);
        int64_t id = cert(person_id, kind, number, issuer, issued.iso().c_str(), expires.iso().c_str(), fields);
        const std::string later = issued.plus_days(120).iso();
        if (k % 29 == 7) event(id, "suspended", later.c_str(), "涉嫌违规执法，暂停执法资格");
        if (k % 61 == 30) event(id, "revoked", later.c_str(), "调离行政执法岗位");
    }

    void event(int64_t cert_id, const char* ev, const char* on, const char* reason) {
        auto c = store::find_certificate(tx_, cert_id);
        must(svc_.add_certificate_event(tx_, who_, cert_id, {ev, *Date::parse(on), reason, c->version}, now_),
             "certificate event");
        if (std::string_view(ev) == "suspended") ++out_.suspended_certificates;
    }

    void staff(int64_t org_id, const std::string& region, int n, const char* cert_kind, const std::string& issuer,
               const char* field, const char* head_title, int64_t* head_out = nullptr, int64_t* second_out = nullptr) {
        static constexpr const char* kTitles[] = {"副局长", "执法大队大队长", "科长", "执法人员", "科员", "执法人员"};
        for (int i = 0; i < n; ++i) {
            bool head = i == 0 && head_title;
            int64_t p = person(org_id, region, head ? head_title : kTitles[i % 6], head);
            if (i == 0 && head_out) *head_out = p;
            if (i == 1 && second_out) *second_out = p;
            if (cert_kind) scheduled_cert(p, cert_kind, region, issuer, field);
        }
    }

    void townships(const std::string& county_code, const std::string& county_name, int64_t county_gov,
                   const std::set<std::string>& with_team, const std::string& named_township, int64_t* township_out,
                   int64_t* room_out, int64_t* team_out, int64_t* room_person_out);

    db::Tx& tx_;
    OrgService& svc_;
    const auth::Caller& who_;
    int64_t now_;
    uint32_t state_ = 20260301u;
    int uscc_seq_ = 0;
    int cert_seq_ = 0;
    std::set<std::string> names_;
    DemoOrgs out_;
};

void Seeder::townships(const std::string& county_code, const std::string& county_name, int64_t county_gov,
                       const std::set<std::string>& with_team, const std::string& named_township, int64_t* township_out,
                       int64_t* room_out, int64_t* team_out, int64_t* room_person_out) {
    const std::string gov_issuer = county_name + "人民政府";
    for (const auto& r : store::current_regions(tx_)) {
        if (r.parent_code != county_code) continue;
        auto ends = [&](std::string_view suffix) {
            return r.name.size() >= suffix.size() &&
                   r.name.compare(r.name.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        std::string gov_name = county_name + r.name +
                               (ends("街道")               ? "办事处"
                                : ends("镇") || ends("乡") ? "人民政府"
                                                           : "管理委员会");
        int64_t tg = org(gov_name, kind::kTownshipGov, r.code, true, county_gov, county_gov);
        person(tg, r.code, ends("街道") ? "主任" : "镇长", true);
        // The room is part of the township government and guided by the county department (Art 3).
        int64_t room = org(county_name + r.name + "行政执法协调监督室", kind::kSupervisionRoom, r.code, false, tg, tg);
        int64_t room_person = person(room, r.code, "主任", true);
        scheduled_cert(room_person, "supervision", r.code, "", nullptr);
        if (r.code == named_township) {
            *township_out = tg;
            *room_out = room;
            *room_person_out = room_person;
        }
        if (with_team.count(r.code)) {
            // Art 27, second clause: the township's own comprehensive enforcement team.
            int64_t team =
                org(county_name + r.name + "综合行政执法队", kind::kEnforcementTeam, r.code, false, tg, tg, tg);
            staff(team, r.code, 3, "enforcement", gov_issuer, "乡镇综合执法", "队长");
            if (r.code == named_township && team_out) *team_out = team;
        }
    }
}

DemoOrgs Seeder::run() {
    const std::string city = "130500";
    const std::string city_issuer = "邢台市人民政府";

    // ---- city ----
    out_.city_gov = org("邢台市人民政府", kind::kGovernment, city, true);
    out_.city_gov_leader = person(out_.city_gov, city, "市长", true);
    person(out_.city_gov, city, "副市长");
    out_.city_justice = org("邢台市司法局", kind::kSupervisionDept, city, true, out_.city_gov, out_.city_gov);
    out_.city_dept_leader = person(out_.city_justice, city, "局长", true);
    cert(out_.city_dept_leader, "supervision", "冀监130500-0001", "", "2024-06-01", "2028-05-31", {"行政执法监督"});
    out_.city_sup1 = person(out_.city_justice, city, "行政执法协调监督科科长");
    out_.city_sup1_cert =
        cert(out_.city_sup1, "supervision", "冀监130500-0002", "", "2024-06-01", "2028-05-31", {"行政执法监督"});
    out_.city_sup2 = person(out_.city_justice, city, "行政执法协调监督科副科长");
    out_.city_sup2_cert =
        cert(out_.city_sup2, "supervision", "冀监130500-0003", "", "2024-06-01", "2028-05-31", {"行政执法监督"});
    out_.city_sup3 = person(out_.city_justice, city, "行政执法协调监督科科员");
    // Expired on 2026-03-01: invalid from 2026-03-02 (Art 13).
    out_.city_sup3_cert =
        cert(out_.city_sup3, "supervision", "冀监130500-0004", "", "2021-03-02", "2026-03-01", {"行政执法监督"});
    staff(out_.city_justice, city, 4, "supervision", "", "行政执法监督", nullptr);

    for (const auto& a : kCityOrgans) {
        int64_t id = org(std::string("邢台市") + a.name, a.kind, city, true, out_.city_gov, out_.city_gov, std::nullopt,
                         std::nullopt, "", a.domain);
        std::string_view n = a.name;
        int64_t head = 0, second = 0;
        staff(id, city, 5, "enforcement", city_issuer, a.field, "局长", &head, &second);
        if (n == "市场监督管理局") {
            out_.scjg = id;
            out_.scjg_head = head;
            out_.scjg_liaison = second;
        } else if (n == "生态环境局") {
            out_.sthj = id;
        } else if (n == "水利局") {
            out_.city_water = id;
        }
    }
    out_.city_authorized = org("邢台市住房公积金管理中心", kind::kAuthorized, city, true, out_.city_gov, out_.city_gov,
                               std::nullopt, std::nullopt, "", "housing");
    staff(out_.city_authorized, city, 4, "enforcement", city_issuer, "住房公积金", "主任");
    // 行政处罚法第二十条: acts in the name of 邢台市水利局.
    out_.city_entrusted = org("邢台市水利工程管理处", kind::kEntrusted, city, true, out_.city_water, out_.city_gov,
                              std::nullopt, out_.city_water, "", "water");
    staff(out_.city_entrusted, city, 3, "enforcement", city_issuer, "水行政", "处长");
    out_.city_vertical = org("国家税务总局邢台市税务局", kind::kVertical, city, true, std::nullopt, out_.city_gov);
    staff(out_.city_vertical, city, 4, "enforcement", "国家税务总局河北省税务局", "税务", "局长");
    out_.city_court = org("邢台市中级人民法院", kind::kExternalBody, city, true);

    // 邢台经济开发区: a 管委会 (the city government's dispatched body), no people's government; city-level.
    const std::string dz = std::string(rules::kDevZoneCode);
    out_.devzone =
        org("邢台经济开发区管理委员会", kind::kDispatched, dz, true, out_.city_gov, out_.city_gov, out_.city_gov);
    person(out_.devzone, dz, "主任", true);
    person(out_.devzone, dz, "副主任");
    out_.devzone_body =
        org("邢台经济开发区综合执法局", kind::kOrgan, dz, true, out_.devzone, out_.city_gov, out_.devzone);
    staff(out_.devzone_body, dz, 4, "enforcement", city_issuer, "综合执法", "局长");
    out_.city_dispatched = org("邢台市市场监督管理局经济开发区分局", kind::kDispatched, dz, true, out_.scjg,
                               out_.city_gov, out_.scjg, std::nullopt, "", "market");
    staff(out_.city_dispatched, dz, 3, "enforcement", city_issuer, "市场监管", "局长");

    // ---- counties ----
    for (const auto& r : store::current_regions(tx_)) {
        if (r.level != "county" || r.code == rules::kDevZoneCode) continue;
        int64_t gov = org(r.name + "人民政府", kind::kGovernment, r.code, true, out_.city_gov);
        const std::string last = r.name.substr(r.name.size() - 3);  // one CJK character
        int64_t leader = person(gov, r.code, last == "区" ? "区长" : last == "市" ? "市长" : "县长", true);
        int64_t justice = org(r.name + "司法局", kind::kSupervisionDept, r.code, true, gov, gov);
        int64_t dept_leader = person(justice, r.code, "局长", true);
        cert(dept_leader, "supervision", "冀监" + r.code + "-0001", "", "2024-06-01", "2028-05-31", {"行政执法监督"});
        int64_t sup = person(justice, r.code, "行政执法协调监督股股长");
        cert(sup, "supervision", "冀监" + r.code + "-0002", "", "2024-06-01", "2028-05-31", {"行政执法监督"});
        const std::string issuer = r.name + "人民政府";
        if (r.code == "130503") {
            out_.xindu_gov = gov;
            out_.xindu_gov_leader = leader;
            out_.xindu_justice = justice;
            out_.xindu_dept_leader = dept_leader;
            out_.xindu_sup1 = sup;
            staff(justice, r.code, 2, "supervision", "", "行政执法监督", nullptr);
            for (const auto& a : kXinduAgencies) {
                int64_t head = 0, second = 0;
                int64_t id =
                    org(r.name + a.name, a.kind, r.code, true, gov, gov, std::nullopt, std::nullopt, "", a.domain);
                staff(id, r.code, 5, "enforcement", issuer, a.field, "局长", &head, &second);
                if (std::string_view(a.name) == "市场监督管理局") {
                    out_.xindu_agency = id;
                    out_.xindu_agency_head = head;
                    out_.xindu_agency_liaison = second;
                    // A county agency's station in a township: a dispatched body at county level.
                    int64_t station = org(r.name + "市场监督管理局李村市场监督管理所", kind::kDispatched, "130503101",
                                          true, id, gov, id, std::nullopt, "county", "market");
                    staff(station, "130503101", 2, "enforcement", issuer, a.field, "所长");
                } else if (std::string_view(a.name) == "综合行政执法局") {
                    out_.xindu_agency2 = id;
                }
            }
            townships(r.code, r.name, gov, {"130503101", "130503103", "130503108"}, "130503101", &out_.xindu_township,
                      &out_.xindu_room, &out_.xindu_team, &out_.xindu_room_sup);
        } else if (r.code == "130528") {
            out_.ningjin_gov = gov;
            out_.ningjin_gov_leader = leader;
            out_.ningjin_justice = justice;
            out_.ningjin_dept_leader = dept_leader;
            out_.ningjin_sup1 = sup;
            staff(justice, r.code, 2, "supervision", "", "行政执法监督", nullptr);
            for (const auto& a : kNingjinAgencies) {
                int64_t head = 0, second = 0;
                int64_t id =
                    org(r.name + a.name, a.kind, r.code, true, gov, gov, std::nullopt, std::nullopt, "", a.domain);
                staff(id, r.code, 5, "enforcement", issuer, a.field, "局长", &head, &second);
                if (std::string_view(a.name) == "市场监督管理局") {
                    out_.ningjin_agency = id;
                    out_.ningjin_agency_head = head;
                    out_.ningjin_agency_liaison = second;
                } else if (std::string_view(a.name) == "自然资源和规划局") {
                    out_.ningjin_agency2 = id;
                }
            }
            int64_t team = 0;
            townships(r.code, r.name, gov, {"130528100"}, "130528100", &out_.ningjin_township, &out_.ningjin_room,
                      &team, &out_.ningjin_room_sup);
        }
    }

    // ---- Art 23: staffing of the departments, one training ----
    for (int64_t dept : {out_.city_justice, out_.xindu_justice, out_.ningjin_justice}) {
        bool city_dept = dept == out_.city_justice;
        must(
            svc_.put_staffing(tx_, who_, dept,
                              StaffingInput{2026, city_dept ? 12 : 6, city_dept ? 9 : 4, city_dept ? 26 : 11, 0}, now_),
            "staffing");
    }
    must(svc_.create_training(tx_, who_,
                              TrainingInput{out_.city_justice,
                                            "《行政执法监督条例》专题培训",
                                            *Date::parse("2026-03-18"),
                                            240,
                                            {out_.city_dept_leader, out_.city_sup1, out_.city_sup2, out_.city_sup3}},
                              now_),
         "training");
    return out_;
}

}  // namespace

DemoOrgs seed_demo_orgs(db::Tx& tx, OrgService& svc, const auth::Caller& system, int64_t now_ms) {
    return Seeder(tx, svc, system, now_ms).run();
}

}  // namespace lecs::org
