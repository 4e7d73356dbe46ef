#!/bin/sh
# Managed by ha-provision: local changes are overwritten on the next apply.
# Role hook of node ${node} (pair ${pair}). keepalived runs it on every state change
# of the pair's VRRP instances as: role-hook master|backup|fault|stop
# Every action is logged with `logger -t ha-provision` (see `logread -e ha-provision`).
# A failed action is logged and the others still run; the exit code is 1 if any failed.

ROLE_FILE=${roleFile}
LOCK_DIR=${lockDir}
status=0

log() {
	logger -t ha-provision -p daemon.notice "role-hook: $*"
}

# Runs one action and logs it; a failure is logged and remembered, not fatal.
run() {
	log "run: $*"
	if ! "$@"; then
		log "failed: $*"
		status=1
		return 1
	fi
}

# Runs one of the inventory's own commands through the shell.
run_user() {
	log "run: $1"
	if ! sh -c "$1"; then
		log "failed: $1"
		status=1
	fi
}

# keepalived may call the hook again before a run ends (quick flaps): take turns.
lock() {
	tries=0
	until mkdir "$LOCK_DIR" 2>/dev/null; do
		holder=$(cat "$LOCK_DIR/pid" 2>/dev/null)
		if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
			log "removing the stale lock of process $holder"
			rm -rf "$LOCK_DIR"
			continue
		fi
		tries=$((tries + 1))
		if [ "$tries" -ge 30 ]; then
			log "lock $LOCK_DIR still held after 30 s; going on without it"
			return 0
		fi
		sleep 1
	done
	echo "$$" > "$LOCK_DIR/pid"
	trap 'rm -rf "$LOCK_DIR"' EXIT
}
<#if dhcpSections?has_content>

# $1: 0 serves DHCP on the managed interfaces, 1 stops serving (dnsmasq keeps answering DNS).
dhcp_ignore() {
<#list dhcpSections as s>
	run uci set dhcp.${s}.ignore="$1"
</#list>
	run uci commit dhcp
	log "run: ${dnsmasqInit} reload"
	if ! ${dnsmasqInit} reload; then
		log "dnsmasq reload failed; starting it"
		run ${dnsmasqInit} start
	fi
}
</#if>

<#if conntrackd>
# Entries in the kernel's connection table; -1 when it cannot be read.
kernel_entries() {
	n=$(cat ${conntrackCount} 2>/dev/null)
	case "$n" in
		''|*[!0-9]*) echo -1 ;;
		*) echo "$n" ;;
	esac
}

# Uptime in hundredths of a second (/proc/uptime: the same clock on every OpenWrt).
uptime_cs() {
	read up _ < /proc/uptime
	echo "${r"${up%.*}${up#*.}"}"
}

# Commits conntrackd's external cache (the connections the peer synced) into the
# kernel, and records what it did in ${conntrackStatus} and the log. The commit
# comes first: keepalived has bound the VIPs already, and until the commit ends
# the kernel does not know the connections their packets belong to. Counting
# the external cache (a dump of every entry) waits until after.
commit_external_cache() {
	before=$(kernel_entries)
	started=$(uptime_cs)
	commit_exit=0
	run conntrackd -C ${conntrackdConf} -c || commit_exit=1
	finished=$(uptime_cs)
	after=$(kernel_entries)
	log "run: conntrackd -C ${conntrackdConf} -e ct (counting the external cache)"
	external=$(conntrackd -C ${conntrackdConf} -e ct 2>/dev/null | grep -c .)
	if [ "$before" -ge 0 ] && [ "$after" -ge 0 ]; then
		added=$((after - before))
	else
		added=-1
	fi
	log "conntrackd commit: $external entries in the external cache; kernel table $before -> $after entries in $(( (finished - started) * 10 )) ms (exit $commit_exit)"
	{
		echo "time=$(date +%s)"
		echo "commit_started_cs=$started"
		echo "commit_finished_cs=$finished"
		echo "external_cache_entries=$external"
		echo "kernel_entries_before=$before"
		echo "kernel_entries_after=$after"
		echo "kernel_entries_added=$added"
		echo "commit_exit=$commit_exit"
	} > ${conntrackStatus}.tmp && mv -f ${conntrackStatus}.tmp ${conntrackStatus} \
		|| { log "failed: writing ${conntrackStatus}"; status=1; }
}
</#if>

become_master() {
<#if conntrackd>
	# Commit the peer's connections into the kernel, flush the caches, resync
	# them from the kernel and send the peer a bulk update.
	commit_external_cache
	run conntrackd -C ${conntrackdConf} -f
	run conntrackd -C ${conntrackdConf} -R
	run conntrackd -C ${conntrackdConf} -B
</#if>
<#if dhcpSections?has_content>
<#if leaseSync>
	# Start from the leases the old master pushed, so clients keep their addresses.
	if [ -s ${peerLeases} ]; then
		run cp ${peerLeases} ${dhcpLeases}
	fi
</#if>
	dhcp_ignore 0
</#if>
<#list vpns as v>
	run ifup ${v}
</#list>
	:
}

become_backup() {
<#if dhcpSections?has_content>
	dhcp_ignore 1
</#if>
<#list vpns as v>
	run ifdown ${v}
</#list>
<#if conntrackd>
	# Ask the master for a full resync of its connections.
	run conntrackd -C ${conntrackdConf} -n
</#if>
	:
}

become_fault() {
	become_backup
<#if conntrackd>
	# Shorten the kernel's conntrack timers: stale entries expire soon.
	run conntrackd -C ${conntrackdConf} -t
</#if>
	:
}

# After ha-provision installed or changed this hook without a role change (adopting a
# running pair): serve DHCP only if this node holds the gateway VIP, as the hook would have.
sync_dhcp() {
<#if dhcpSections?has_content>
	if ip -o addr show 2>/dev/null | grep -qF ${dhcpGateway}; then
		dhcp_ignore 0
	else
		dhcp_ignore 1
	fi
</#if>
	:
}

role="${r"${1:-}"}"
case "$role" in
	master|backup|fault|stop) ;;
	sync)
		lock
		log "sync: DHCP as this node's VIPs say"
		sync_dhcp
		log "sync done (exit $status)"
		exit "$status"
		;;
	*)
		log "called with unknown role '$role'"
		echo "usage: $0 master|backup|fault|stop|sync" >&2
		exit 64
		;;
esac

lock
log "becoming $role"
if ! { printf '%s\n' "$role" > "$ROLE_FILE.tmp" && mv -f "$ROLE_FILE.tmp" "$ROLE_FILE"; }; then
	log "failed: writing $ROLE_FILE"
	status=1
fi

case "$role" in
	master)
		become_master
<#list master as c>
		run_user ${c}
</#list>
		;;
	backup)
		become_backup
<#list backup as c>
		run_user ${c}
</#list>
		;;
	fault)
		become_fault
<#list fault as c>
		run_user ${c}
</#list>
		;;
	stop)
		# keepalived is stopping: the peer takes over, so serve nothing.
		become_backup
		;;
esac

log "$role done (exit $status)"
exit "$status"
