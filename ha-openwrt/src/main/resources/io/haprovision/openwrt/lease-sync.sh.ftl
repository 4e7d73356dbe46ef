#!/bin/sh
# Managed by ha-provision: local changes are overwritten on the next apply.
# dnsmasq's dhcp-script on node ${node} (pair ${pair}): dnsmasq runs it as
# `lease-sync add|old|del MAC IP [HOSTNAME]` after each lease change. While this node
# is MASTER it pushes the lease file to ${peerName}, whose key entry lets this key do
# nothing but store it; the role hook there installs it on becoming MASTER.

case "${r"${1:-}"}" in
	add|old|del) ;;
	*) exit 0 ;;
esac
[ "$(cat ${roleFile} 2>/dev/null)" = master ] || exit 0
[ -r ${leases} ] || exit 0

# In the background: dnsmasq waits for this script before it handles the next lease.
(
	sleep 1
	if command -v dbclient >/dev/null 2>&1; then
		dbclient -y -i ${key} -p ${port} ${peer} push < ${leases}
	else
		ssh -i ${key} -p ${port} -o BatchMode=yes -o StrictHostKeyChecking=accept-new \
			-o ConnectTimeout=5 ${peer} push < ${leases}
	fi
	rc=$?
	if [ "$rc" -eq 0 ]; then
		logger -t ha-provision -p daemon.info "lease-sync: pushed leases to ${peerName}"
	else
		logger -t ha-provision -p daemon.warn "lease-sync: pushing leases to ${peerName} failed (exit $rc)"
	fi
) > /dev/null 2>&1 &
exit 0
