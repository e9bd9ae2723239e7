#!/usr/bin/env python3
"""Sums the results of every runner in one directory into the closing line.

gtest XML (*.xml), node TAP (*.tap: '# pass N' / '# fail N'), fuzz summary
(fuzz.txt: 'fuzz: N passed, M failed'). Prints 'total: N passed, M failed'
and exits 1 if anything failed or nothing ran at all.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

d = sys.argv[1]
passed = failed = skipped = 0
for f in sorted(glob.glob(os.path.join(d, "*.xml"))):
    root = ET.parse(f).getroot()
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.get("result") == "skipped" or case.find("skipped") is not None or case.get("status") == "notrun":
            skipped += 1
        else:
            passed += 1
for f in sorted(glob.glob(os.path.join(d, "*.tap"))):
    text = open(f, encoding="utf-8", errors="replace").read()
    p = re.findall(r"^# pass (\d+)", text, re.M)
    x = re.findall(r"^# fail (\d+)", text, re.M)
    c = re.findall(r"^# cancelled (\d+)", text, re.M)
    passed += int(p[-1]) if p else 0
    failed += (int(x[-1]) if x else 0) + (int(c[-1]) if c else 0)
    if not p and not x:
        failed += 1  # a runner that produced no summary did not finish
fz = os.path.join(d, "fuzz.txt")
if os.path.exists(fz):
    m = re.search(r"(\d+) passed, (\d+) failed", open(fz).read())
    if m:
        passed += int(m.group(1))
        failed += int(m.group(2))
line = f"total: {passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
