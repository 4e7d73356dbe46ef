#!/usr/bin/env bash
# The main job, end to end, on this machine: builds provision.jar, validates every
# example inventory and renders every file each router would get (no router is
# contacted), then shows where the rendered files are. Run as root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
mvn -B -ntp -q -Dstyle.color=never -DskipTests package
jar=ha-cli/target/provision.jar
out=${RENDER_OUT:-render-out}

# Example inventories read their secrets from the environment; these are demo values.
export OFFICE_VRRP_PASS=${OFFICE_VRRP_PASS:-demo-pw1}
export CCR_VRRP_PASS=${CCR_VRRP_PASS:-demo-pw2}
export BONDER_API_PASSWORD=${BONDER_API_PASSWORD:-demo-api-password}

rm -rf "$out"
for inv in inventories/*.yml; do
  echo "== $inv"
  java -jar "$jar" validate "$inv"
  java -jar "$jar" render "$inv" --out "$out/$(basename "$inv" .yml)"
done
echo
echo "Rendered files (secrets masked) are under $(pwd)/$out:"
find "$out" -type f | sort
