#!/usr/bin/env bash
# The whole speed comparison of issue 15 in one command, on this machine (root: it starts a lab):
#
#   bash bench/compare.sh [--pairs 20] [--runs 3] [--fleet "50 100 250 500 1000"] [--jar JAR]
#
# A lab of --pairs OpenWrt pairs: the OpenSSH floor (2N x `ssh true`, N at once), ha-provision's
# first converge, no-op converge, no-op plan and verify, the same work by the Ansible playbook in
# bench/ansible/ (with and without fact gathering), then the simulated fleet (bench/README.md) at
# each size; prints the tables with ratios and the machine's core count, and removes everything.
# Installs what it needs from Debian's packages (ansible-core, python3-yaml) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v ansible-playbook >/dev/null || ! python3 -c 'import yaml' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible-core python3-yaml >/dev/null
fi
exec python3 bench/compare.py "$@"
