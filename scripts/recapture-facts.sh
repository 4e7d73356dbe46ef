#!/usr/bin/env bash
# Re-records ha-core's real probe output (ha-core/src/test/resources/facts/, see its README.md):
# two keepalived routers in network, mount and PID namespaces of this machine, each scenario
# captured by FactsCapture, then everything removed. Run as root from the repository root on a
# Debian 12 machine with keepalived 2.2.x, after `mvn -o -q install -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
D=/var/tmp/h8cap
holders=()
cleanup() {
  for h in "${holders[@]}"; do kill -KILL "$h" 2>/dev/null || true; done
  ip netns del h8cap-a 2>/dev/null || true
  ip netns del h8cap-b 2>/dev/null || true
  rm -rf "$D"
}
trap cleanup EXIT
cleanup
mkdir -p "$D/nojson"
for n in a b; do
  if [ $n = a ]; then me=192.0.2.1; peer=192.0.2.2; prio=140; else me=192.0.2.2; peer=192.0.2.1; prio=100; fi
  {
    printf 'global_defs {\n  router_id gw-%s\n  enable_script_security\n  script_user root\n}\n' $n
    for i in "LAN 51 192.0.2.254/24" "LAN2 52 192.0.2.253/24"; do
      set -- $i
      printf 'vrrp_instance %s {\n  state BACKUP\n  interface lan\n  virtual_router_id %s\n  priority %s\n' "$1" "$2" $prio
      printf '  advert_int 0.1\n  version 3\n  unicast_src_ip %s\n  unicast_peer {\n    %s\n  }\n' $me $peer
      printf '  virtual_ipaddress {\n    %s dev lan\n  }\n}\n' "$3"
    done
    echo
  } > "$D/ka-$n.conf"
done
printf 'hello\n' > "$D/same.txt"; chmod 0644 "$D/same.txt"
printf 'password=old\n' > "$D/secret.conf"; chmod 0600 "$D/secret.conf"
printf '## This file contains files and directories that should\n## be preserved during an upgrade.\n/etc/keepalived/\n' \
  > "$D/sysupgrade.conf"
printf '#!/bin/sh\ncase "$*" in *--signum=JSON*) exit 1 ;; esac\nexec /usr/sbin/keepalived "$@"\n' > "$D/nojson/keepalived"
chmod 0755 "$D/nojson/keepalived"

ip netns add h8cap-a; ip netns add h8cap-b
ip link add h8ca type veth peer name h8cb
ip link set h8ca netns h8cap-a; ip link set h8cb netns h8cap-b
for n in a b; do
  ip -n h8cap-$n link set h8c$n name lan
  ip -n h8cap-$n link set lan up; ip -n h8cap-$n link set lo up
done
ip -n h8cap-a addr add 192.0.2.1/24 dev lan; ip -n h8cap-b addr add 192.0.2.2/24 dev lan
declare -A holder
for n in a b; do
  nsenter --net=/run/netns/h8cap-$n unshare --mount --pid --fork --kill-child --propagation private \
    sh -c 'mount -t proc proc /proc; mount -t tmpfs none /tmp; mount -t tmpfs none /run; exec sleep 100000' \
    >/dev/null 2>&1 &
  u=$!
  for _ in $(seq 50); do h=$(pgrep -P "$u" || true); [ -n "$h" ] && break; sleep 0.1; done
  [ -n "$h" ] || { echo "no namespace holder for $n" >&2; exit 1; }
  holder[$n]=$h; holders+=("$h")
  nsenter -t "$h" -n -m -p keepalived -P -f "$D/ka-$n.conf"
done
inside() { nsenter -t "${holder[$1]}" -n -m -p "${@:2}"; }
# both masters of both instances (gw-a, priority 140) and backups (gw-b)
for _ in $(seq 100); do
  inside a ip -o addr show dev lan | grep -q 192.0.2.253 && inside b test -s /run/keepalived.pid && break
  sleep 0.1
done
inside a ip -o addr show dev lan | grep -q 192.0.2.253 || { echo "gw-a never became MASTER" >&2; exit 1; }
sleep 1 # a few adverts, so the dumps' counters are not all zero
cap() {
  mvn -q -o -ntp -Dbuild.dir.name=target-x -pl ha-core test -Dtest=FactsCapture \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfacts.capture="$1" "-Dfacts.prefix=$2" ${3:+"-Dfacts.path=$3"}
}
cap gw-a-master-json "nsenter -t ${holder[a]} -n -m -p"
cap gw-b-backup-data "nsenter -t ${holder[b]} -n -m -p" "$D/nojson:"
inside b ip link set lan down
for _ in $(seq 50); do inside b sh -c 'kill -USR1 $(cat /run/keepalived.pid); sleep 0.1; grep -q "State = FAULT" /tmp/keepalived.data' && break; done
cap gw-b-fault-json "nsenter -t ${holder[b]} -n -m -p"
inside b ip link set lan up
inside b sh -c 'kill $(cat /run/keepalived.pid)'
for _ in $(seq 50); do inside b sh -c 'pidof keepalived >/dev/null' || break; sleep 0.1; done
cap gw-b-stopped "nsenter -t ${holder[b]} -n -m -p"
inside b mount --bind /dev/null /usr/sbin/keepalived
cap gw-b-not-installed "nsenter -t ${holder[b]} -n -m -p"
echo "recorded; now run FactsGoldenTest with -Dgolden.update=true and review the diff"
