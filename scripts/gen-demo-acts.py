#!/usr/bin/env python3
"""Generates the monitoring demo data from a demo-seeded database (deterministic).

    lecs seed-demo --db sqlite:///tmp/demo.db --demo-password 'Xingtai#2026demo'
    scripts/gen-demo-acts.py /tmp/demo.db        # writes data/demo-acts.ndjson,
                                                 # data/demo-cases.ndjson, data/demo-catalog.csv

The acts use the demo agencies' real 统一社会信用代码 and their staff's real enforcement
certificate numbers. Most acts are clean (valid certificates on the act date, two officers,
listed items, in time, published in time, within the baseline); a fixed set of scenario rows
breaks each rule R1–R8 at least once (see SCENARIOS below), including a single-officer penalty
of 信都区市场监督管理局 (the agency of demo user xindu.agency). The demo's "today" is 2026-11-27.
"""
import csv
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TODAY = dt.date(2026, 11, 27)
D = dt.date.fromisoformat

# ---------------------------------------------------------------- the official calendar
OFF, WORK = set(), set()
with open(os.path.join(ROOT, "data/cn-holidays-2025-2026.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        (OFF if row["type"] == "off" else WORK).add(D(row["date"]))


def working(d):
    return d in WORK or (d.weekday() < 5 and d not in OFF)


def add_working(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if working(d):
            n -= 1
    return d


def next_working(d):
    while not working(d):
        d += dt.timedelta(days=1)
    return d


# ---------------------------------------------------------------- agencies and certificates
db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else "/tmp/demo.db")
AGENCIES = []  # (uscc, name, region, field)
CERTS = {}  # uscc -> [(number, issued, expires, suspended, revoked)]
for uscc, name, region in db.execute(
    "select o.uscc, o.name, o.region_code from organizations o where o.uscc <> '' and exists "
    "(select 1 from certificates c where c.org_id = o.id and c.kind = 'enforcement') order by o.uscc"
):
    AGENCIES.append((uscc, name, region))
for uscc, number, issued, expires, sus, rev in db.execute(
    "select o.uscc, c.number, c.issued_on, c.expires_on, "
    "(select min(effective_on) from certificate_events e where e.certificate_id = c.id and e.event = 'suspended'), "
    "(select min(effective_on) from certificate_events e where e.certificate_id = c.id and e.event = 'revoked') "
    "from certificates c join organizations o on o.id = c.org_id where c.kind = 'enforcement' order by c.number"
):
    CERTS.setdefault(uscc, []).append((number, D(issued), D(expires), sus and D(sus), rev and D(rev)))


def valid(cert, d):
    _, issued, expires, sus, rev = cert
    return issued <= d <= expires and not (sus and d >= sus) and not (rev and d >= rev)


def invalid_certs(uscc, d):
    return [c[0] for c in CERTS[uscc] if not valid(c, d)]


def valid_certs(uscc, d):
    return [c[0] for c in CERTS[uscc] if valid(c, d)]


# ---------------------------------------------------------------- catalog
# Per agency: two penalties with a discretion baseline, a license, an inspection, a coercion.
FIELD_ITEMS = {
    "市场监督管理": ("《中华人民共和国食品安全法》", "销售不符合食品安全标准的食品", "食品经营许可", "食品经营场所监督检查", "查封、扣押不符合食品安全标准的食品"),
    "生态环境": ("《中华人民共和国大气污染防治法》", "超标排放大气污染物", "排污许可", "排污单位现场检查", "查封、扣押造成污染物排放的设施"),
    "交通运输": ("《中华人民共和国道路运输条例》", "未取得道路运输经营许可擅自从事经营", "道路运输经营许可", "道路运输企业监督检查", "暂扣无证经营的车辆"),
    "综合行政执法": ("《城市市容和环境卫生管理条例》", "在城市道路两侧擅自堆放物料", "城市建筑垃圾处置核准", "市容环境卫生监督检查", "暂扣违法占道经营的物品"),
    "城市管理": ("《城市市容和环境卫生管理条例》", "在城市道路两侧擅自堆放物料", "城市建筑垃圾处置核准", "市容环境卫生监督检查", "暂扣违法占道经营的物品"),
    "应急管理": ("《中华人民共和国安全生产法》", "未按规定对从业人员进行安全生产教育和培训", "危险化学品经营许可", "安全生产监督检查", "查封、扣押不符合标准的设施设备"),
    "自然资源": ("《中华人民共和国土地管理法》", "非法占用土地", "建设用地规划许可", "土地利用动态巡查", "查封非法采矿的工具"),
    "农业农村": ("《农药管理条例》", "经营假农药", "农药经营许可", "农资经营场所监督检查", "查封、扣押假劣农药"),
}


def field_of(name):
    for key in FIELD_ITEMS:
        if key in name:
            return key
    if "市场监督" in name:
        return "市场监督管理"
    return None


def generic_items(name):
    return ("相关法律、法规、规章", "违反" + name.replace("邢台市", "").replace("信都区", "").replace("宁晋县", "") + "管理规定",
            "行政许可", "日常监督检查", "查封、扣押涉案物品")


CATALOG = []  # rows of data/demo-catalog.csv
ITEMS = {}  # uscc -> {kind: [codes]}
BASELINE = {}  # (uscc, code) -> (min, max)
for i, (uscc, name, region) in enumerate(AGENCIES, 1):
    f = field_of(name)
    law, penalty, license_, inspection, coercion = FIELD_ITEMS[f] if f else generic_items(name)
    prefix = "%s-%02d" % (region[:6], i)
    items = [
        (prefix + "-CF-001", "对" + penalty + "的处罚", "penalty", 200000, 5000000),
        (prefix + "-CF-002", "对" + penalty + "（情节较轻）的处罚", "penalty", 50000, 300000),
        (prefix + "-XK-001", license_, "license", None, None),
        (prefix + "-JC-001", inspection, "inspection", None, None),
        (prefix + "-QZ-001", coercion, "coercion", None, None),
    ]
    ITEMS[uscc] = {}
    for code, item_name, kind, lo, hi in items:
        CATALOG.append([uscc, code, item_name, kind, "2025-01-01", "", "" if lo is None else lo, "" if hi is None else hi, law])
        ITEMS[uscc].setdefault(kind, []).append(code)
        if lo is not None:
            BASELINE[(uscc, code)] = (lo, hi)
# An item that was withdrawn from the list of 信都区市场监督管理局 on 2026-06-30 (R3 scenario).
XINDU = "11130503MB0000031F"
XINDU_ZF = "11130503MB0000033M"
XINDU_YJ = "11130503MB0000035U"
XINDU_RETIRED = "130503-%02d-XK-009" % ([a[0] for a in AGENCIES].index(XINDU) + 1)
CATALOG.append([XINDU, XINDU_RETIRED, "食品小作坊登记（已调整出清单）", "license", "2025-01-01", "2026-06-30", "", "", "《河北省食品小作坊小餐饮小摊点管理条例》"])

# ---------------------------------------------------------------- generation
rng = random.Random(20261127)
ROWS = []
seq = {}


def ext_id(uscc):
    seq[uscc] = seq.get(uscc, 0) + 1
    return "%s-2026-%05d" % (uscc[8:12] + uscc[-4:], seq[uscc])


def party(n):
    return hashlib.sha256(("demo-party-%d" % n).encode()).hexdigest()[:32]


party_seq = [0]


def new_party():
    party_seq[0] += 1
    return party(party_seq[0])


def pick_two(uscc, d):
    v = valid_certs(uscc, d)
    if len(v) < 2:
        return None
    return rng.sample(v, 2)


def case_no(uscc, kind, n):
    short = {"penalty": "罚", "coercion": "强", "license": "许", "inspection": "检"}.get(kind, "执")
    name = next(a[1] for a in AGENCIES if a[0] == uscc)
    for region, abbr in (("邢台经济开发区", "开"), ("邢台市", "邢"), ("信都区", "信"), ("宁晋县", "宁"), ("国家税务总局邢台市", "邢税")):
        if name.startswith(region):
            name = name[len(region):]
            break
    else:
        abbr = ""
    head = "李村所" if "李村" in name else name[:2]
    return "%s%s%s〔2026〕%d号" % (abbr, head, short, n)


def act(uscc, kind, **kw):
    row = {"agency": uscc, "external_id": ext_id(uscc), "kind": kind}
    row["case_no"] = case_no(uscc, kind, seq[uscc])
    row.update(kw)
    ROWS.append(row)
    return row


def clean_act(uscc, kind, day):
    """A row that no rule fires on, or None when the agency has no two valid officers that day."""
    officers = pick_two(uscc, day)
    if not officers:
        return None
    item = rng.choice(ITEMS[uscc][kind])
    party_type = rng.choice(["person", "org", "org"])
    if kind == "penalty":
        general = rng.random() < 0.8
        filed = day - dt.timedelta(days=rng.randint(10, 75) if general else 0)
        lo, hi = BASELINE[(uscc, item)]
        amount = rng.randrange(lo, hi + 1, 100)
        fine = rng.random() < 0.85
        decided = day
        if decided > TODAY:
            return None
        published = add_working(decided, rng.randint(1, 5))
        row = dict(item_code=item, officers=officers, party_type=party_type, party_key=new_party(),
                   filed_on=filed.isoformat(), decided_on=decided.isoformat(),
                   served_on=min(decided + dt.timedelta(days=rng.randint(0, 5)), TODAY).isoformat(),
                   penalty_types=["fine"] if fine else ["warning"], amount_fen=amount if fine else 0,
                   procedure="general" if general else "simple", legal_review=general and rng.random() < 0.5,
                   major=False, publish_required=True)
        if published <= TODAY:
            row["published_on"] = published.isoformat()
        elif decided < TODAY - dt.timedelta(days=3):
            return None  # would be a yellow R5 that is not part of the scenario
        else:
            return None
        return act(uscc, kind, **row)
    if kind == "license":
        published = add_working(day, rng.randint(1, 5))
        if published > TODAY:
            return None
        return act(uscc, kind, item_code=item, officers=officers, party_type=party_type, party_key=new_party(),
                   filed_on=(day - dt.timedelta(days=rng.randint(3, 20))).isoformat(), decided_on=day.isoformat(),
                   published_on=published.isoformat(), publish_required=True)
    if kind == "coercion":
        published = add_working(day, rng.randint(2, 15))
        if published > TODAY:
            return None
        return act(uscc, kind, item_code=item, officers=officers, party_type=party_type, party_key=new_party(),
                   decided_on=day.isoformat(), served_on=day.isoformat(), published_on=published.isoformat(),
                   publish_required=True)
    # inspection
    return act(uscc, kind, item_code=item, officers=officers, party_type=party_type, party_key=new_party(),
               closed_on=day.isoformat())


def random_day():
    start = D("2026-01-05")
    return start + dt.timedelta(days=rng.randint(0, (TODAY - start).days - 1))


KINDS = ["inspection"] * 5 + ["penalty"] * 3 + ["license"] * 2 + ["coercion"]
target = 560
while len(ROWS) < target:
    uscc = rng.choice(AGENCIES)[0]
    clean_act(uscc, rng.choice(KINDS), random_day())

# ---------------------------------------------------------------- scenarios (each breaks one rule)
NINGJIN = "11130528MB0000076A"


def scenario_officers(uscc, d):
    return valid_certs(uscc, d)[:2]


item = lambda uscc, kind, i=0: ITEMS[uscc][kind][i]  # noqa: E731

# R2: a single-officer penalty of 信都区市场监督管理局 (xindu.agency's agency), otherwise clean.
d = D("2026-10-16")
act(XINDU, "penalty", case_no="信市监罚〔2026〕188号", item_code=item(XINDU, "penalty"),
    officers=scenario_officers(XINDU, d)[:1], party_type="org", party_key=new_party(),
    filed_on="2026-09-14", decided_on=d.isoformat(), served_on="2026-10-19", published_on="2026-10-20",
    penalty_types=["fine"], amount_fen=800000, procedure="general", legal_review=True, publish_required=True)
# R2: single-officer inspections and a coercion elsewhere.
for uscc, day in [(XINDU_ZF, "2026-05-12"), (NINGJIN, "2026-08-06")]:
    act(uscc, "inspection", item_code=item(uscc, "inspection"), officers=scenario_officers(uscc, D(day))[:1],
        party_type="org", party_key=new_party(), closed_on=day)
act(XINDU_YJ, "coercion", item_code=item(XINDU_YJ, "coercion"), officers=scenario_officers(XINDU_YJ, D("2026-09-03"))[:1],
    party_type="org", party_key=new_party(), decided_on="2026-09-03", served_on="2026-09-03",
    published_on="2026-09-15", publish_required=True)

# R1: an officer whose certificate had expired, was suspended or revoked on the act date.
r1_done = 0
for uscc, _, _ in AGENCIES:
    d = D("2026-06-15") + dt.timedelta(days=7 * r1_done)
    bad = invalid_certs(uscc, d)
    good = valid_certs(uscc, d)
    if bad and good and r1_done < 8:
        act(uscc, "inspection", item_code=item(uscc, "inspection"), officers=[good[0], bad[0]], party_type="org",
            party_key=new_party(), closed_on=d.isoformat())
        r1_done += 1

# R3: an item not in the list, and one used after it left the list.
act(NINGJIN, "penalty", item_code="130528-99-CF-999", officers=scenario_officers(NINGJIN, D("2026-07-08")),
    party_type="person", party_key=new_party(), filed_on="2026-06-02", decided_on="2026-07-08",
    served_on="2026-07-09", published_on="2026-07-10", penalty_types=["warning"], procedure="general",
    legal_review=True, publish_required=True)
act(XINDU, "license", item_code=XINDU_RETIRED, officers=scenario_officers(XINDU, D("2026-08-20")),
    party_type="person", party_key=new_party(), filed_on="2026-08-10", decided_on="2026-08-20",
    published_on="2026-08-24", publish_required=True)

# R4: decided on day 91 (red), still open past the limit (red), open with days left (yellow).
act(XINDU, "penalty", item_code=item(XINDU, "penalty"), officers=scenario_officers(XINDU, D("2026-09-02")),
    party_type="org", party_key=new_party(), filed_on="2026-06-03", decided_on="2026-09-02",
    served_on="2026-09-04", published_on="2026-09-07", penalty_types=["fine"], amount_fen=1500000,
    procedure="general", legal_review=True, publish_required=True)
act(NINGJIN, "penalty", item_code=item(NINGJIN, "penalty"), officers=scenario_officers(NINGJIN, D("2026-07-20")),
    party_type="org", party_key=new_party(), filed_on="2026-07-20", procedure="general", publish_required=True)
act(XINDU, "penalty", item_code=item(XINDU, "penalty", 1), officers=scenario_officers(XINDU, D("2026-09-04")),
    party_type="person", party_key=new_party(), filed_on="2026-09-04", procedure="general", publish_required=True)
# With an approved 30-day extension and 12 days of hearing not counted: decided on day 128, in time.
act(XINDU_ZF, "penalty", item_code=item(XINDU_ZF, "penalty"), officers=scenario_officers(XINDU_ZF, D("2026-07-08")),
    party_type="org", party_key=new_party(), filed_on="2026-03-02", decided_on="2026-07-08",
    served_on="2026-07-10", published_on="2026-07-13", penalty_types=["fine"], amount_fen=2000000,
    procedure="general", legal_review=True, extension_days=30, excluded_days=12, publish_required=True)

# R5: published after 7 working days across 国庆 (red), unpublished with 2 working days left (yellow).
act(XINDU, "penalty", item_code=item(XINDU, "penalty", 1), officers=scenario_officers(XINDU, D("2026-09-29")),
    party_type="person", party_key=new_party(), filed_on="2026-08-31", decided_on="2026-09-29",
    served_on="2026-09-30", published_on="2026-10-15", penalty_types=["fine"], amount_fen=100000,
    procedure="general", legal_review=False, publish_required=True)
act(NINGJIN, "license", item_code=item(NINGJIN, "license"), officers=scenario_officers(NINGJIN, D("2026-11-20")),
    party_type="org", party_key=new_party(), filed_on="2026-11-09", decided_on="2026-11-20", publish_required=True)
act(XINDU_ZF, "coercion", item_code=item(XINDU_ZF, "coercion"), officers=scenario_officers(XINDU_ZF, D("2026-09-01")),
    party_type="org", party_key=new_party(), decided_on="2026-09-01", served_on="2026-09-01", publish_required=True)

# R6: a major penalty decided without 法制审核.
act(NINGJIN, "penalty", item_code=item(NINGJIN, "penalty"), officers=scenario_officers(NINGJIN, D("2026-08-18")),
    party_type="org", party_key=new_party(), filed_on="2026-06-22", decided_on="2026-08-18",
    served_on="2026-08-20", published_on="2026-08-21", penalty_types=["fine", "suspension"], amount_fen=4800000,
    procedure="general", legal_review=False, major=True, publish_required=True)

# R7: fines above and below the baseline.
lo, hi = BASELINE[(XINDU, item(XINDU, "penalty"))]
act(XINDU, "penalty", item_code=item(XINDU, "penalty"), officers=scenario_officers(XINDU, D("2026-05-19")),
    party_type="org", party_key=new_party(), filed_on="2026-04-07", decided_on="2026-05-19",
    served_on="2026-05-20", published_on="2026-05-21", penalty_types=["fine"], amount_fen=hi + 1000000,
    procedure="general", legal_review=True, publish_required=True)
lo, hi = BASELINE[(NINGJIN, item(NINGJIN, "penalty", 1))]
act(NINGJIN, "penalty", item_code=item(NINGJIN, "penalty", 1), officers=scenario_officers(NINGJIN, D("2026-03-24")),
    party_type="person", party_key=new_party(), filed_on="2026-02-26", decided_on="2026-03-24",
    served_on="2026-03-25", published_on="2026-03-26", penalty_types=["fine"], amount_fen=lo - 20000,
    procedure="general", legal_review=False, publish_required=True)

# R8: one restaurant inspected by three 信都区 agencies within 30 days (the third visit fires);
# another by three agencies over 31 days (does not fire).
shop, shop2 = new_party(), new_party()
for uscc, day, p in [(XINDU, "2026-10-09", shop), (XINDU_ZF, "2026-10-21", shop), (XINDU_YJ, "2026-11-07", shop),
                     (XINDU, "2026-04-01", shop2), (XINDU_ZF, "2026-04-15", shop2), (XINDU_YJ, "2026-05-01", shop2)]:
    act(uscc, "inspection", item_code=item(uscc, "inspection"), officers=scenario_officers(uscc, D(day)),
        party_type="org", party_key=p, closed_on=day)

# An entrusted body acting in the name of 邢台市水利局 (《行政处罚法》第二十条).
WATER, WATER_BODY = "11130500MB00000138", "12130500MB00000210"
d = D("2026-06-11")
act(WATER, "inspection", item_code=item(WATER, "inspection"), officers=(valid_certs(WATER_BODY, d) + valid_certs(WATER, d))[:2],
    party_type="org", party_key=new_party(), closed_on=d.isoformat(), entrusted_body=WATER_BODY)

# ---------------------------------------------------------------- cases (复议 / 诉讼)
CASES = []
OUTCOMES_R = ["维持"] * 5 + ["驳回"] * 2 + ["撤销", "变更", "确认违法", "责令履行", "调解", "和解", "终止"]
OUTCOMES_L = ["胜诉"] * 5 + ["驳回"] * 3 + ["败诉", "撤销", "确认违法", "撤诉", "撤诉", "调解"]
for i in range(48):
    uscc = rng.choice([XINDU, XINDU, XINDU_ZF, NINGJIN, NINGJIN] + [a[0] for a in AGENCIES[:6]])
    kind = "reconsideration" if i % 3 else "litigation"
    received = D("2026-01-06") + dt.timedelta(days=rng.randint(0, 300))
    row = {"agency": uscc, "external_id": "%s-%s-%03d" % ("FY" if kind == "reconsideration" else "SS", uscc[-6:], i + 1),
           "kind": kind, "received_on": received.isoformat()}
    concluded = received + dt.timedelta(days=rng.randint(30, 90) if kind == "reconsideration" else rng.randint(60, 180))
    if concluded < TODAY:
        row["concluded_on"] = concluded.isoformat()
        row["outcome"] = rng.choice(OUTCOMES_R if kind == "reconsideration" else OUTCOMES_L)
    CASES.append(row)

# ---------------------------------------------------------------- write
with open(os.path.join(ROOT, "data/demo-acts.ndjson"), "w", encoding="utf-8") as f:
    for r in ROWS:
        f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
with open(os.path.join(ROOT, "data/demo-cases.ndjson"), "w", encoding="utf-8") as f:
    for r in CASES:
        f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
with open(os.path.join(ROOT, "data/demo-catalog.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["agency_uscc", "item_code", "name", "kind", "effective_from", "effective_to", "min_amount_fen", "max_amount_fen", "basis"])
    w.writerows(CATALOG)
print("acts %d, cases %d, catalog items %d" % (len(ROWS), len(CASES), len(CATALOG)))
