#!/usr/bin/env bash
# The first converge of N lab pairs at once on this machine, counting false health-gate
# failures (issue 15, goal 2): for each run, a fresh lab of N openwrt pairs, then
# `apply --yes --parallel N --no-verify`, then `verify --parallel N` (a pair whose gate failed
# but that verify finds healthy failed the gate falsely), then the lab goes.
#
#   bash bench/first-converge.sh [--pairs N] [--runs R] [--load L] [JAR ...]
#
# --load L keeps L busy processes running during each apply (a loaded machine: 2 on 2 cores
# leaves the lab's daemons and the JVM half a core each).
# Each JAR (default: ha-cli/target/provision.jar) is run R times, alternating, so that two
# builds are compared on the same machine in the same state. Needs root (the lab).
set -uo pipefail
cd "$(dirname "$0")/.."
pairs=20
runs=3
load=0
jars=()
while (($#)); do
  case "$1" in
    --pairs) pairs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --load) load=$2; shift 2 ;;
    *) jars+=("$1"); shift ;;
  esac
done
((${#jars[@]})) || jars=(ha-cli/target/provision.jar)
work=$(mktemp -d)
busy=()
stop_load() { ((${#busy[@]})) && kill "${busy[@]}" 2>/dev/null; busy=(); }
trap 'stop_load; rm -rf "$work"' EXIT
printf '%-40s %4s %8s %6s %6s %8s\n' jar run seconds gate-failed verify-ok false
for ((r = 1; r <= runs; r++)); do
  for jar in "${jars[@]}"; do
    inv="$work/lab.yml"
    id="fc$r$RANDOM"
    id=${id:0:8}
    java -jar "$jar" lab up --pairs "$pairs" --run-id "$id" --inventory-out "$inv" >/dev/null || exit 1
    for ((i = 0; i < load; i++)); do
      sh -c 'while :; do :; done' &
      busy+=($!)
    done
    start=$SECONDS
    java -jar "$jar" apply "$inv" --yes --parallel "$pairs" --no-verify --json > "$work/apply.json" 2> "$work/apply.err"
    took=$((SECONDS - start))
    stop_load
    vp=()
    java -jar "$jar" verify --help | grep -q -- --parallel && vp=(--parallel "$pairs")
    java -jar "$jar" verify "$inv" "${vp[@]}" --json > "$work/verify.json" 2>/dev/null
    python3 - "$jar" "$r" "$took" "$work/apply.json" "$work/verify.json" <<'PY'
import json, sys
jar, run, took, apply_file, verify_file = sys.argv[1:6]
text = open(apply_file).read()
doc = json.loads(text[text.index('{'):])
applied = doc.get("apply", doc)
failed = set()
for p in applied["pairs"]:
    for n in p["nodes"]:
        g = n.get("gate") or {}
        if g.get("status") == "failed":
            failed.add(p["pair"])
v = json.loads(open(verify_file).read())
healthy = {p["pair"] for p in v["pairs"] if all(c["status"] != "failed" for c in p["checks"])}
print("%-40s %4s %8s %6d %6d %8d" % (jar[-40:], run, took, len(failed), len(healthy), len(failed & healthy)))
PY
    java -jar "$jar" lab down "$id" >/dev/null
  done
done
echo "cores: $(nproc), busy processes during each apply: $load"
