#!/usr/bin/env bash
# The whole test suite: unit, golden, CLI and lab tests (lab tests need root and network
# namespaces; they skip with a printed reason without them). Run as root on Debian 12.
#
#   bash scripts/test.sh [--repeat-lab N] [MAVEN ARGS...]
#
# Every module's tests run even when an earlier module's fail (a failing test does not stop
# the build; the failures are listed at the end and the exit status is 1). With
# --repeat-lab N, every lab test class (JUnit tag "lab") runs N times in all: once within
# the whole suite, then N-1 more rounds of the lab classes alone. Each round's counts, time
# and failures are printed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

repeat=1
maven_args=()
while (($#)); do
  case "$1" in
    --repeat-lab) repeat=${2:-}; shift 2 || { echo "test.sh: --repeat-lab needs a number" >&2; exit 64; } ;;
    --repeat-lab=*) repeat=${1#*=}; shift ;;
    *) maven_args+=("$1"); shift ;;
  esac
done
if ! [[ $repeat =~ ^[1-9][0-9]*$ ]]; then
  echo "test.sh: --repeat-lab takes a whole number of rounds, 1 or more (got '$repeat')" >&2
  exit 64
fi

bash scripts/setup-debian.sh || { echo "test.sh: setting up the machine failed" >&2; exit 1; }

rounds_dir=$(mktemp -d)
trap 'rm -rf "$rounds_dir"' EXIT

# One Maven run; its surefire reports are summarized into $rounds_dir/round-N.
run_round() {
  local round=$1 what=$2
  shift 2
  rm -rf ha-*/target/surefire-reports
  local start=$SECONDS
  mvn -B -ntp -Dstyle.color=never --fail-at-end -Dmaven.test.failure.ignore=true "$@" verify "${maven_args[@]}"
  local rc=$?
  python3 scripts/surefire-summary.py "$round" "$what" "$rc" "$((SECONDS - start))" > "$rounds_dir/round-$round"
}

run_round 1 "whole suite"
for ((r = 2; r <= repeat; r++)); do
  echo "test.sh: lab round $r of $repeat"
  run_round "$r" "lab classes" -Dgroups=lab
done

echo
echo "=== test.sh summary ==="
python3 scripts/surefire-summary.py --report "$rounds_dir"/round-*
