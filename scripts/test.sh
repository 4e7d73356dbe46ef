#!/usr/bin/env bash
# The whole test suite: unit, golden, CLI and lab tests (lab tests need root and network
# namespaces; they skip with a printed reason without them). Run as root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
mvn -B -ntp -Dstyle.color=never verify "$@"
