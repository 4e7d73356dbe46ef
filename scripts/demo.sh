#!/usr/bin/env bash
# The main job, end to end, on this machine (Debian 12, as root):
#  1. builds ha-cli/target/provision.jar;
#  2. validates every example inventory and renders every file each router would get
#     (no router contacted);
#  3. starts a lab pair of OpenWrt-like routers (network namespaces, real sshd and
#     keepalived), plans, applies, verifies, drills a failover, applies again (nothing to
#     do) and tears the lab down, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
mvn -B -ntp -q -Dstyle.color=never -DskipTests package
jar=ha-cli/target/provision.jar
provision() { java -jar "$jar" "$@"; }
out=${RENDER_OUT:-render-out}

# Example inventories read their secrets from the environment; these are demo values.
export OFFICE_VRRP_PASS=${OFFICE_VRRP_PASS:-demo-pw1}
export CCR_VRRP_PASS=${CCR_VRRP_PASS:-demo-pw2}
export BONDER_API_PASSWORD=${BONDER_API_PASSWORD:-demo-api-password}

echo "== 1. validate and render the example inventories (nothing is contacted)"
rm -rf "$out"
for inv in inventories/*.yml; do
  provision validate "$inv"
  provision render "$inv" --out "$out/$(basename "$inv" .yml)"
done
echo "Rendered files (secrets masked) are under $(pwd)/$out"

echo
echo "== 2. a lab pair: plan, apply, verify with drills, apply again"
run_id="demo$(( $$ % 10000 ))"
inventory=$(mktemp --suffix=.yml)
trap 'provision lab down "$run_id" >/dev/null 2>&1 || true; rm -f "$inventory"' EXIT
provision lab up --pairs 1 --personality openwrt --run-id "$run_id" --inventory-out "$inventory"
set +e
provision plan "$inventory" --detailed-exitcode; rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "expected changes on a fresh lab pair (exit 2), got $rc"; exit 1; }
provision apply "$inventory" --yes
provision verify "$inventory" --drills
echo "-- a second apply must change nothing:"
provision apply "$inventory" --yes --no-verify
provision plan "$inventory" --detailed-exitcode >/dev/null
echo
echo "demo: done (the lab is removed on exit)"
