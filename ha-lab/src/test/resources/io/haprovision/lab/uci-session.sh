# A uci session on a lab node; its transcript is compared with golden/uci-session.txt.
# Each `t CMD` prints "$ CMD", the command's stdout, its stderr prefixed "stderr: ",
# and "[exit N]".
t() {
	printf '$ %s\n' "$*"
	"$@" >/tmp/t.out 2>/tmp/t.err
	rc=$?
	cat /tmp/t.out
	sed 's/^/stderr: /' /tmp/t.err
	echo "[exit $rc]"
}
rm -rf /tmp/.uci /tmp/dry
cat > /etc/config/labtest <<'EOF'
# comments and unquoted or double-quoted values are read, and dropped on commit
config globals 'globals'
	option enabled '0'
	option motd "it's \"quoted\""

config peer
	option name 'peer_a'
	option address 198.19.9.2

config peer
	option name 'peer_b'
	list tag 'one'
	list tag 'two words'

config vrrp_instance 'LAN'
	option interface 'br-lan'
EOF

echo '# shipped configuration'
t uci show keepalived
t uci get keepalived.globals.enabled
t uci show dhcp.lan
t uci get dhcp.lan.interface

echo '# reading: named and anonymous sections, lists, quotes, errors'
t uci show labtest
t uci get labtest.globals.motd
t uci get labtest.@peer[1].tag
t uci get labtest.@peer[-1].name
t uci get labtest.LAN
t uci show labtest.LAN.interface
t uci get labtest.LAN.missing
t uci -q get labtest.LAN.missing
t uci get labtest.nosuchsection.option
t uci get nosuchpackage.section.option
t uci show labtest.@peer[5]
t uci show nosuchpackage

echo '# staging changes'
t uci set labtest.globals.enabled=1
t uci set "labtest.globals.note=O'Brien"
t uci set labtest.globals.enabled=1
t uci add_list labtest.LAN.track=wan
t uci add_list labtest.LAN.track=br-lan
t uci del_list labtest.@peer[1].tag=one
t uci set labtest.extra=peer
t uci set labtest.extra.address=198.19.9.9
t uci set labtest.nosection.option=1
t uci set labtest.bad-name=peer
t uci delete labtest.@peer[0]
t uci delete labtest.LAN.nosuchoption
t uci changes labtest
t cat /tmp/.uci/labtest
t uci get labtest.globals.enabled
t grep enabled /etc/config/labtest

echo '# -P: a separate delta directory, commit is a no-op'
t uci -P /tmp/dry set labtest.globals.enabled=0
t uci -P /tmp/dry changes labtest
t uci -P /tmp/dry get labtest.globals.enabled
t uci get labtest.globals.enabled
t uci -P /tmp/dry commit labtest
t cat /tmp/dry/labtest
t grep enabled /etc/config/labtest

echo '# revert and commit'
t uci revert labtest.extra
t uci changes labtest
t uci commit labtest
t uci changes labtest
t ls -A /tmp/.uci
t cat /etc/config/labtest
t uci show labtest

echo '# add, batch, export'
t uci add labtest peer
t uci changes labtest
t uci revert labtest
t uci changes labtest
t sh -c 'printf "set labtest.globals.enabled=0\nadd_list labtest.LAN.track=sync\n" | uci batch'
t uci changes labtest
t uci commit
t uci export labtest
rm -f /etc/config/labtest
