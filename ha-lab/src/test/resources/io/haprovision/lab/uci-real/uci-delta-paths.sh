# uci's save directories and committed reads: run by UciStandInConformanceTest with real uci and with the lab stand-in.
# Needs a private /tmp (the test gives it one). Prints each command and what it printed.
set -u
U=${UCI:-uci}
C=/tmp/cfg; mkdir -p $C
printf "config dnsmasq 'main'\n\toption domain 'lan'\n\tlist server '192.0.2.1'\n" > $C/dhcp
echo '## 1 staged in /tmp/.uci: show includes it, an absolute path reads the committed file only'
$U -c $C set dhcp.main.domain=staged
echo "\$ uci show dhcp.main.domain"; $U -c $C show dhcp.main.domain; echo "exit $?"
echo "\$ uci show $C/dhcp.main.domain"; $U -c $C show $C/dhcp.main.domain; echo "exit $?"
echo "\$ uci get $C/dhcp.main"; $U -c $C get $C/dhcp.main; echo "exit $?"
echo "\$ uci -q show $C/dhcp.main.nosuch"; $U -q -c $C show $C/dhcp.main.nosuch; echo "exit $?"
echo "\$ uci changes dhcp"; $U -c $C changes dhcp; echo "exit $?"
echo '## 2 staged in a private directory with -t: plain show does not see it; -t sees both'
D=/tmp/private; mkdir -p $D
$U -c $C -t $D set dhcp.main.domain=private
$U -c $C -t $D add_list dhcp.main.server=192.0.2.2
echo "\$ uci show dhcp.main"; $U -c $C show dhcp.main; echo "exit $?"
echo "\$ uci -t D show dhcp.main"; $U -c $C -t $D show dhcp.main; echo "exit $?"
echo "\$ uci -t D changes dhcp"; $U -c $C -t $D changes dhcp; echo "exit $?"
echo "\$ ls /tmp/.uci D"; ls /tmp/.uci $D
echo '## 3 commit with -t D applies /tmp/.uci and D, then empties only D'
$U -c $C -t $D commit dhcp; echo "commit exit $?"
echo "\$ cat /etc/config/dhcp"; cat $C/dhcp
echo "\$ wc -c /tmp/.uci/dhcp D/dhcp"; wc -c /tmp/.uci/dhcp $D/dhcp
echo "\$ uci changes dhcp"; $U -c $C changes dhcp; echo "exit $?"
echo '## 4 revert what was staged in /tmp/.uci; stage and commit privately in one command'
$U -c $C revert dhcp; echo "revert exit $?"
$U -c $C -t $D set dhcp.main.domain=again && $U -c $C -t $D commit dhcp; echo "exit $?"
echo "\$ cat /etc/config/dhcp"; cat $C/dhcp
echo "\$ uci changes"; $U -c $C changes; echo "exit $?"
