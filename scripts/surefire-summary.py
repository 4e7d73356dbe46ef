#!/usr/bin/env python3
"""Summaries of the test rounds run by scripts/test.sh, read from Surefire's XML reports.

  surefire-summary.py ROUND WHAT MAVEN_EXIT SECONDS   one round, as JSON (from ha-*/target/surefire-reports)
  surefire-summary.py --report ROUND_FILE...          every round, per module, every failure, and the
                                                      closing line; exits 1 when anything failed
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET


def collect(round_no, what, maven_exit, seconds):
    modules = {}
    failures = []
    for path in sorted(glob.glob("ha-*/target/surefire-reports/TEST-*.xml")):
        module = path.split(os.sep)[0]
        counts = modules.setdefault(module, {"tests": 0, "failed": 0, "skipped": 0})
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError as e:
            failures.append({"module": module, "test": os.path.basename(path), "message": "unreadable report: %s" % e})
            counts["failed"] += 1
            continue
        for case in suite.iter("testcase"):
            counts["tests"] += 1
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if problem is not None:
                counts["failed"] += 1
                lines = [l.strip() for l in (problem.get("message") or problem.get("type") or "").splitlines()]
                lines = [l for l in lines if l]
                # a report's own FAIL lines (verify reports) say most: put them first
                lines = [l for l in lines if l.startswith("FAIL")] + [l for l in lines if not l.startswith("FAIL")]
                message = " / ".join(lines)
                failures.append({"module": module, "test": "%s.%s" % (case.get("classname"), case.get("name")),
                                 "message": message[:400]})
            elif case.find("skipped") is not None:
                counts["skipped"] += 1
    return {"round": round_no, "what": what, "maven_exit": maven_exit, "seconds": seconds,
            "modules": modules, "failures": failures}


def minutes(seconds):
    return "%d min %02d s" % (seconds // 60, seconds % 60)


def report(paths):
    rounds = [json.load(open(p)) for p in sorted(paths, key=lambda p: int(p.rsplit("-", 1)[1]))]
    passed = failed = skipped = 0
    broken = False
    for r in rounds:
        tests = sum(m["tests"] for m in r["modules"].values())
        f = sum(m["failed"] for m in r["modules"].values())
        s = sum(m["skipped"] for m in r["modules"].values())
        print("round %d (%s): %d tests, %d passed, %d failed, %d skipped in %s; maven exit %d"
              % (r["round"], r["what"], tests, tests - f - s, f, s, minutes(r["seconds"]), r["maven_exit"]))
        for name, m in r["modules"].items():
            print("  %-12s %4d tests, %d failed, %d skipped" % (name, m["tests"], m["failed"], m["skipped"]))
        for failure in r["failures"]:
            print("  FAILED %s %s: %s" % (failure["module"], failure["test"], failure["message"]))
        if r["maven_exit"] != 0:
            print("  the build itself failed (maven exit %d): see the log above for the module and why"
                  % r["maven_exit"])
            broken = True
        if tests == 0:
            print("  no test ran in this round")
            broken = True
        passed += tests - f - s
        failed += f
        skipped += s
    print("total: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed or broken else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "--report":
        return report(argv[2:])
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 64
    json.dump(collect(int(argv[1]), argv[2], int(argv[3]), int(argv[4])), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
