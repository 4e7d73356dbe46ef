#!/bin/sh
# ha-provision lab: the event script busybox udhcpc runs in a pair's LAN client
# (`udhcpc -s THIS`), written by Lab.dhcpRequest. Commands given to a client run with
# the host's files, so this script never touches /etc/resolv.conf: it applies the
# address (next to the client's static one) and the default route on the link, and
# writes the lease to $LAB_LEASE_FILE (address=, prefix=, router=, dns=, server=,
# lease=), where the lab reads it. deconfig removes the address an earlier lease added.
: "${LAB_LEASE_FILE:?LAB_LEASE_FILE is not set}"
case "$1" in
deconfig)
	old=$(sed -n 's/^added=//p' "$LAB_LEASE_FILE" 2>/dev/null)
	[ -n "$old" ] && ip -4 addr del "$old" dev "$interface" 2>/dev/null
	rm -f "$LAB_LEASE_FILE"
	;;
bound|renew)
	added=
	if ! ip -4 -o addr show dev "$interface" | grep -q " $ip/"; then
		ip -4 addr add "$ip/${mask:-24}" dev "$interface" || exit 1
		added="$ip/${mask:-24}"
	fi
	first_router=${router%% *}
	[ -n "$first_router" ] && ip -4 route replace default via "$first_router" dev "$interface"
	{
		echo "address=$ip"
		echo "prefix=${mask:-}"
		echo "router=$router"
		echo "dns=$dns"
		echo "server=$serverid"
		echo "lease=$lease"
		echo "added=$added"
	} > "$LAB_LEASE_FILE.tmp" && mv "$LAB_LEASE_FILE.tmp" "$LAB_LEASE_FILE"
	;;
leasefail|nak)
	:
	;;
esac
exit 0
