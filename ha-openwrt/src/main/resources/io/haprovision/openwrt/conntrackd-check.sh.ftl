#!/bin/sh
# Managed by ha-provision: local changes are overwritten on the next apply.
# Checks a staged conntrackd.conf: conntrackd-check FILE
# conntrackd has no config-test mode, so this starts it in the foreground on a scratch
# copy with its own lock file and control socket (the running daemon is left alone),
# the peer replaced by loopback and the port by ${scratchPort} (no sync message reaches
# the peer). Still running after 2 s: the file parsed and initialised, and passes.
# Exited: the file fails, and conntrackd's output is shown.

conf="${r"${1:?usage: conntrackd-check FILE}"}"
dir=$(mktemp -d ${tmpDir}/conntrackd-check.XXXXXX) || exit 1
trap 'rm -rf "$dir"' EXIT

sed -e "s|^\([[:space:]]*LockFile\)[[:space:]].*|\1 $dir/lock|" \
	-e "s|^\([[:space:]]*Path\)[[:space:]].*|\1 $dir/ctl|" \
	-e "s|^\([[:space:]]*LogFile\)[[:space:]].*|\1 off|" \
	-e "s|^\([[:space:]]*IPv4_Destination_Address\)[[:space:]].*|\1 127.0.0.1|" \
	-e "s|^\([[:space:]]*IPv6_Destination_Address\)[[:space:]].*|\1 ::1|" \
	-e "s|^\([[:space:]]*Port\)[[:space:]].*|\1 ${scratchPort}|" \
	"$conf" > "$dir/conntrackd.conf" || exit 1

conntrackd -C "$dir/conntrackd.conf" > "$dir/out" 2>&1 &
pid=$!
for _ in 1 2; do
	sleep 1
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		rc=$?
		cat "$dir/out" >&2
		echo "conntrackd-check: conntrackd refused $conf (it exited with status $rc)" >&2
		[ "$rc" -ne 0 ] || rc=1
		exit "$rc"
	fi
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit 0
