#!/usr/bin/env python3
"""The ingest crash test (issue 6, Done when): `kill -9` on `lecs import acts` at random points, then
the checks that nothing acknowledged is lost, no batch is half-written, no act is duplicated and the
aggregates equal a recount from the acts; finally a full re-run ends with the complete data.

    tests/crash/ingest_crash.py LECS_BIN [--pg ADMIN_URL] [--tap FILE] [--kills N] [--rows N]

It runs on SQLite, and on PostgreSQL too when --pg is given (an admin URL: a database
lecs_crash_<pid> is created and dropped). The input is generated deterministically (seeded): ~50 000
rows over six agencies with re-sent rows (updates, also within a batch) and bad rows (rejected).
Each attempt re-runs the import from the start of the file (idempotent) and kills it after a random
delay; an attempt whose process had already finished does not count as a kill. Writes a TAP file
(`# pass N` / `# fail N`, counted by scripts/count_results.py) and prints the runtime.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17):
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    c = 31 - s % 31
    return first17 + USCC_CHARS[0 if c == 31 else c]


AGENCIES = [  # id, name, level, region
    (9201, "邢台市市场监督管理局", "city", "130500"),
    (9202, "邢台市生态环境局", "city", "130500"),
    (9203, "邢台市信都区农业农村局", "county", "130503"),
    (9204, "邢台市信都区市场监督管理局", "county", "130503"),
    (9205, "宁晋县市场监督管理局", "county", "130528"),
    (9206, "宁晋县交通运输局", "county", "130528"),
]
USCC = {a[0]: uscc("11%sMB%07d" % (a[3], a[0])) for a in AGENCIES}
OFFICERS = ["执1305-%04d" % i for i in range(1, 13)]  # 1..10 valid, 11..12 expired


def setup_sql():
    now = 1795744800000
    out = []
    for aid, name, level, region in AGENCIES:
        out.append(
            "INSERT INTO organizations (id, name, kind, level, region_code, uscc, created_at, updated_at) "
            f"VALUES ({aid}, '{name}', 'organ', '{level}', '{region}', '{USCC[aid]}', {now}, {now})")
        out.append(
            "INSERT INTO catalog_items (id, agency_id, item_code, name, kind, effective_from, min_amount_fen, "
            f"max_amount_fen, created_at, updated_at) VALUES ({aid * 10}, {aid}, 'C001', '处罚事项', 'penalty', "
            f"'2025-01-01', 50000, 2000000, {now}, {now})")
        out.append(
            "INSERT INTO catalog_items (id, agency_id, item_code, name, kind, effective_from, created_at, updated_at) "
            f"VALUES ({aid * 10 + 1}, {aid}, 'K001', '检查事项', 'inspection', '2025-01-01', {now}, {now})")
    for i, no in enumerate(OFFICERS, start=1):
        expires = "2029-12-31" if i <= 10 else "2026-03-01"
        out.append(f"INSERT INTO people (id, name, org_id, created_at, updated_at) VALUES ({7100 + i}, '执法员{i}', "
                   f"9201, {now}, {now})")
        out.append("INSERT INTO certificates (id, kind, number, person_id, org_id, issuer, issued_on, expires_on, "
                   f"created_at, updated_at) VALUES ({8100 + i}, 'enforcement', '{no}', {7100 + i}, 9201, "
                   f"'河北省人民政府', '2024-01-01', '{expires}', {now}, {now})")
    return out


def generate(path, rows, seed=6):
    """Writes the input; returns {(agency_id, external_id)} of the valid rows."""
    rnd = random.Random(seed)
    valid = set()
    sent = []
    with open(path, "w", encoding="utf-8") as f:
        for n in range(rows):
            r = rnd.random()
            if r < 0.02:  # bad rows: rejected, never written
                bad = rnd.choice(["kind", "agency", "json", "date"])
                if bad == "json":
                    f.write('{"agency": "broken\n')
                    continue
                row = act(rnd, "BAD-%d" % n)
                if bad == "kind":
                    row["kind"] = "arrest"
                elif bad == "agency":
                    row["agency"] = uscc("11130500MB9999999")
                else:
                    row["filed_on"] = "2026-02-30"
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                continue
            if r < 0.07 and sent:  # a re-sent row: an update
                aid, ext = rnd.choice(sent[-3000:])
                row = act(rnd, ext, aid)
            else:
                row = act(rnd, "EXT-%06d" % n)
                sent.append((row["_agency"], row["external_id"]))
            valid.add((row["_agency"], row["external_id"]))
            del row["_agency"]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return valid


def act(rnd, ext, aid=None):
    aid = aid or rnd.choice(AGENCIES)[0]
    kind = rnd.choices(["penalty", "inspection", "license", "coercion"], [5, 4, 2, 1])[0]
    month = rnd.randint(1, 10)
    filed = "2026-%02d-%02d" % (month, rnd.randint(1, 28))
    row = {"_agency": aid, "agency": USCC[aid], "external_id": ext, "kind": kind, "case_no": "案-" + ext,
           "item_code": "K001" if kind == "inspection" else rnd.choice(["C001"] * 19 + ["X999"]),
           "officers": rnd.sample(OFFICERS[:10], 2) if rnd.random() > 0.04 else [rnd.choice(OFFICERS)],
           "party_type": "org", "party_key": hashlib.md5(b"party-%d" % rnd.randint(1, 1500)).hexdigest(),
           "filed_on": filed}
    if kind != "inspection":
        decided = "2026-%02d-%02d" % (month + rnd.choice([0, 1]), rnd.randint(1, 28))
        if decided < filed:
            decided = filed
        row["decided_on"] = decided
        row["publish_required"] = True
        if rnd.random() > 0.05:
            row["published_on"] = decided
    if kind == "penalty":
        row["penalty_types"] = ["fine"]
        row["amount_fen"] = rnd.choice([100000, 200000, 500000, 3000000 if rnd.random() < 0.02 else 300000])
        row["legal_review"] = rnd.random() > 0.03
        row["major"] = rnd.random() < 0.1
    return row


class Db:
    def __init__(self, kind, url, path=None):
        self.kind, self.url, self.path = kind, url, path

    def query(self, sql):
        if self.kind == "sqlite":
            con = sqlite3.connect(self.path)
            try:
                return [tuple(r) for r in con.execute(sql).fetchall()]
            finally:
                con.close()
        out = subprocess.run(["psql", self.url, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        rows = []
        for line in out.splitlines():
            rows.append(tuple(int(x) if re.fullmatch(r"-?\d+", x) else x for x in line.split("\t")))
        return rows

    def script(self, statements):
        if self.kind == "sqlite":
            con = sqlite3.connect(self.path)
            with con:
                for s in statements:
                    con.execute(s)
            con.close()
        else:
            subprocess.run(["psql", self.url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", ";\n".join(statements)],
                           check=True, capture_output=True, text=True)

    def scalar(self, sql):
        return self.query(sql)[0][0]


def recount_sql(kind):
    arr = "json_array_length(officers)" if kind == "sqlite" else "json_array_length(officers::json)"
    return f"""
SELECT agency_id, month, metric, SUM(v) FROM (
  SELECT agency_id, month, 'acts.' || kind AS metric, 1 AS v FROM monitoring_acts
  UNION ALL SELECT agency_id, month, 'amount.' || kind, amount_fen FROM monitoring_acts
  UNION ALL SELECT agency_id, month, 'cert.slots', {arr} FROM monitoring_acts
  UNION ALL SELECT agency_id, month, 'cert.valid', cert_valid FROM monitoring_acts
  UNION ALL SELECT agency_id, month, 'pub.due', 1 FROM monitoring_acts WHERE pub_state > 0
  UNION ALL SELECT agency_id, month, 'pub.on_time', 1 FROM monitoring_acts WHERE pub_state = 2
  UNION ALL SELECT w.agency_id, a.month, 'warn.' || w.rule, 1 FROM monitoring_warnings w
    JOIN monitoring_acts a ON a.agency_id = w.agency_id AND a.ext_key = w.ext_key
    WHERE w.state NOT IN ('dismissed', 'resolved')
) x GROUP BY agency_id, month, metric HAVING SUM(v) <> 0"""


def check(db, acked_ids, acked_ranges, valid_by_line):
    """Returns a list of failure strings (empty = all good)."""
    fails = []
    if acked_ids:
        ids = ",".join(str(i) for i in acked_ids)
        n = db.scalar(f"SELECT COUNT(*) FROM monitoring_batches WHERE id IN ({ids})")
        if n != len(acked_ids):
            fails.append(f"acknowledged batches missing: {len(acked_ids) - n} of {len(acked_ids)}")
    present = set(db.query("SELECT agency_id, external_id FROM monitoring_acts"))
    for first, last in acked_ranges:
        for line in range(first, last + 1):
            key = valid_by_line.get(line)
            if key and key not in present:
                fails.append(f"acknowledged row lost: line {line} {key}")
                break
    if db.scalar("SELECT COUNT(*) FROM (SELECT agency_id, external_id FROM monitoring_acts "
                 "GROUP BY agency_id, external_id HAVING COUNT(*) > 1) d") != 0:
        fails.append("an act is duplicated")
    if db.scalar("SELECT COUNT(*) FROM monitoring_acts a WHERE NOT EXISTS "
                 "(SELECT 1 FROM monitoring_batches b WHERE b.id = a.batch_id)") != 0:
        fails.append("an act whose batch row is missing (half-written batch)")
    # Each act is inserted once, as 'accepted' of the batch that inserted it: a batch that wrote
    # only part of its acts, or its row without them, breaks the equality.
    acc = db.scalar("SELECT COALESCE(SUM(accepted), 0) FROM monitoring_batches WHERE what = 'acts'")
    acts = db.scalar("SELECT COUNT(*) FROM monitoring_acts")
    if acc != acts:
        fails.append(f"sum of accepted ({acc}) != acts ({acts})")
    if db.scalar("SELECT COUNT(*) FROM (SELECT batch_id, COUNT(*) AS n FROM monitoring_acts GROUP BY batch_id) c "
                 "JOIN monitoring_batches b ON b.id = c.batch_id WHERE c.n > b.accepted + b.updated") != 0:
        fails.append("a batch holds more acts than it wrote")
    if db.scalar("SELECT COUNT(*) FROM monitoring_warnings w WHERE NOT EXISTS (SELECT 1 FROM monitoring_acts a "
                 "WHERE a.agency_id = w.agency_id AND a.ext_key = w.ext_key)") != 0:
        fails.append("a warning without its act")
    if db.scalar("SELECT COUNT(*) FROM monitoring_inspections i WHERE NOT EXISTS (SELECT 1 FROM monitoring_acts a "
                 "WHERE a.agency_id = i.agency_id AND a.ext_key = i.ext_key AND a.kind = 'inspection')") != 0:
        fails.append("an R8 inspection row without its inspection act")
    recount = set(db.query(recount_sql(db.kind)))
    stored = set(db.query("SELECT agency_id, month, metric, value FROM monitoring_agg WHERE value <> 0"))
    if recount != stored:
        diff = sorted(recount ^ stored)[:4]
        fails.append(f"aggregates differ from the recount ({len(recount ^ stored)} rows, e.g. {diff})")
    rolled = set(db.query("SELECT o.region_code, o.level, g.month, g.metric, SUM(g.value) FROM monitoring_agg g "
                          "JOIN organizations o ON o.id = g.agency_id GROUP BY o.region_code, o.level, g.month, "
                          "g.metric HAVING SUM(g.value) <> 0"))
    region = set(db.query("SELECT region_code, level, month, metric, value FROM monitoring_agg_region "
                          "WHERE value <> 0"))
    if rolled != region:
        fails.append(f"region aggregates differ from the agencies' ({len(rolled ^ region)} rows)")
    return fails


ACK = re.compile(r"^committed batch (\d+) lines (\d+)-(\d+)$", re.M)


def run_kind(kind, args, tap, work):
    url_db = None
    if kind == "sqlite":
        path = os.path.join(work, "crash.db")
        url = "sqlite://" + path
        db = Db(kind, url, path)
    else:
        name = "lecs_crash_%d" % os.getpid()
        subprocess.run(["psql", args.pg, "-X", "-q", "-c", f"DROP DATABASE IF EXISTS {name}"], check=True,
                       capture_output=True)
        subprocess.run(["psql", args.pg, "-X", "-q", "-c", f"CREATE DATABASE {name}"], check=True,
                       capture_output=True)
        url = re.sub(r"^(postgres(?:ql)?://[^/]*)/[^/?]*", r"\1/" + name, args.pg)
        url_db = name
        db = Db(kind, url)
    env = dict(os.environ)
    cwd = os.path.join(work, kind)
    os.makedirs(cwd, exist_ok=True)
    lecs = [args.bin]
    subprocess.run(lecs + ["migrate", "--db", url], cwd=cwd, check=True, capture_output=True, env=env)
    db.script(setup_sql())
    data = os.path.join(work, "acts.ndjson")
    valid = generate(data, args.rows)
    valid_by_line = {}
    with open(data, encoding="utf-8") as f:
        for i, line in enumerate(f, start=1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            aid = next((a for a, u in USCC.items() if u == row.get("agency")), None)
            if aid and (aid, row.get("external_id")) in valid and not row["external_id"].startswith("BAD-"):
                valid_by_line[i] = (aid, row["external_id"])
    cmd = lecs + ["import", "acts", data, "--db", url, "--today", "2026-11-27", "--batch-rows", str(args.batch)]
    rnd = random.Random(20261127)
    kills = attempts = 0
    acked_ids, acked_ranges = [], []
    t0 = time.monotonic()
    while kills < args.kills and attempts < args.kills * 3:
        attempts += 1
        err_path = os.path.join(cwd, "stderr.%d" % attempts)
        with open(err_path, "w") as err, open(os.devnull, "w") as out:
            p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
            time.sleep(rnd.uniform(args.min_delay, args.max_delay))
            killed = p.poll() is None
            if killed:
                os.kill(p.pid, signal.SIGKILL)
            rc = p.wait()
        text = open(err_path, encoding="utf-8", errors="replace").read()
        acks = [(int(a), int(b), int(c)) for a, b, c in ACK.findall(text)]
        acked_ids += [a for a, _, _ in acks]
        acked_ranges += [(b, c) for _, b, c in acks]
        if killed:
            kills += 1
        elif rc != 0:
            tap.result(False, f"{kind}: import attempt {attempts} failed (exit {rc}) without a kill: {text[-300:]}")
            continue
        fails = check(db, acked_ids, acked_ranges, valid_by_line)
        what = f"killed after {len(acks)} batches" if killed else "finished before the kill"
        tap.result(not fails, f"{kind}: attempt {attempts} ({what}): acknowledged kept, no duplicate, no half "
                              f"batch, aggregates = recount" + ("" if not fails else ": " + "; ".join(fails)))
    tap.result(kills >= args.kills, f"{kind}: {kills} kills landed mid-import ({attempts} attempts)")
    # The full re-run completes the data.
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    ok = p.returncode == 0
    summary = {}
    if ok:
        try:
            summary = json.loads(p.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            ok = False
    present = set(db.query("SELECT agency_id, external_id FROM monitoring_acts"))
    fails = check(db, [int(a) for a, _, _ in ACK.findall(p.stderr)], [], valid_by_line)
    tap.result(ok and present == valid and not fails and summary.get("rejected", 0) > 0,
               f"{kind}: the full re-run ends with the complete data ({len(present)} of {len(valid)} acts, "
               f"{summary.get('rejected')} rejected rows)" + ("" if not fails else ": " + "; ".join(fails)))
    v = subprocess.run(lecs + ["audit", "verify", "--db", url], cwd=cwd, capture_output=True, text=True, env=env)
    tap.result(v.returncode == 0, f"{kind}: audit log verifies after the kills: {v.stdout.strip()}{v.stderr.strip()}")
    print(f"# {kind}: {time.monotonic() - t0:.1f} s for {attempts} attempts and the re-run", flush=True)
    if url_db:
        subprocess.run(["psql", args.pg, "-X", "-q", "-c", f"DROP DATABASE IF EXISTS {url_db} WITH (FORCE)"],
                       capture_output=True)


class Tap:
    def __init__(self, path):
        self.path, self.lines, self.passed, self.failed = path, [], 0, 0

    def result(self, ok, what):
        n = self.passed + self.failed + 1
        line = ("ok %d - %s" if ok else "not ok %d - %s") % (n, what)
        print(line, flush=True)
        self.lines.append(line)
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def close(self):
        text = "TAP version 13\n" + "\n".join(self.lines) + "\n1..%d\n# pass %d\n# fail %d\n" % (
            len(self.lines), self.passed, self.failed)
        if self.path:
            with open(self.path, "w") as f:
                f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--pg", help="PostgreSQL admin URL (also run on PostgreSQL)")
    ap.add_argument("--tap")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--rows", type=int, default=50000)
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--min-delay", type=float, default=0.15)
    ap.add_argument("--max-delay", type=float, default=1.2)
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    tap = Tap(args.tap)
    work = tempfile.mkdtemp(prefix="lecs-crash-")
    t0 = time.monotonic()
    try:
        run_kind("sqlite", args, tap, work)
        if args.pg:
            run_kind("postgres", args, tap, work)
    except Exception as e:  # an infrastructure failure of the test itself still ends in the TAP file
        tap.result(False, f"crash test aborted: {e!r}")
    finally:
        tap.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"# ingest crash test: {time.monotonic() - t0:.1f} s", flush=True)
    sys.exit(1 if tap.failed else 0)


if __name__ == "__main__":
    main()
