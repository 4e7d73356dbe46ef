#!/usr/bin/env bash
# Installs what ha-provision's build, tests and lab need on a Debian 12 machine, as root.
# Idempotent: only missing packages are installed, and `apt-get update` runs only then.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless maven            # the build
  keepalived conntrackd conntrack dnsmasq-base nftables   # real daemons inside the lab's routers
  openssh-server openssh-client            # each lab router runs its own sshd
  iproute2 iputils-ping procps psmisc util-linux python3  # namespaces, links, stand-ins
  ethtool                                  # the lab turns veth checksum offload off
  busybox                                  # udhcpc, the LAN clients' DHCP client; syslogd in debian lab nodes
  curl                                     # bonders' notify program; API simulator tests
  prometheus                               # promtool for the alert rules' tests; a real server scrapes `provision watch`
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian packages enable their daemons on the host; the lab runs its own copies inside
# namespaces, so keep the host's copies stopped (no effect where systemd is not running).
for svc in keepalived conntrackd ssh prometheus; do
  systemctl disable --now "$svc" >/dev/null 2>&1 || true
done
