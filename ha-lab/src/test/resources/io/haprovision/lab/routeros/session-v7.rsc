### facts
/system resource print
/system identity print
/system clock print
### factory ethernet
/interface ethernet print terse
### factory export
/export terse
### build a small configuration
/interface bridge add name=bridge-ether8 protocol-mode=none comment=ha-provision
/interface bridge port add interface=ether8 bridge=bridge-ether8 comment=ha-provision
/ip address add address=198.18.23.1/24 interface=bridge-ether8 comment=ha-provision
/interface vrrp add name=HA_VRRP interface=bridge-ether8 vrid=1 priority=150 interval=1 authentication=simple password="s3cret pass" on-master="/system script run HA_ON_MASTER" comment=ha-provision
/interface vrrp add name=WAN interface=ether1 vrid=51 group-master=HA_VRRP
/interface ethernet set [find default-name=ether7] comment=HA_RESCUE
/interface ethernet disable [find where name!="ether8" and comment!="HA_RESCUE" and name~"ether[3-6]"]
/system script add name=HA_ON_MASTER policy=read,write,test source="/system identity set name=\"r1 active\"\n:log info \"cost \$5\"\n"
/ip route add gateway=198.18.23.254 comment="default via HA link"
/routing bgp connection add name=upstream remote-address=203.0.113.9 remote-as=64500 disabled=yes
/system identity set name=ccr_HA_A
### print terse and as-value
/interface vrrp print terse
/interface bridge port print terse
/ip address print terse where interface="bridge-ether8"
/interface ethernet print terse where disabled
/interface ethernet print count-only where comment="HA_RESCUE"
/interface vrrp print as-value where name=WAN
/interface print terse where type="bridge" or name="ether7"
### export terse hides secrets on v7
/export terse
### export terse show-sensitive
/export terse show-sensitive
### export of one menu, grouped
/interface vrrp export
### export to a file, import back
/system script export terse file=scripts
/file print terse
/system script remove [find]
:put [:len [/system script find]]
/import file-name=scripts.rsc
/system script print terse
### scripting
:local tries 0
:while ([:len [/interface find where name="ether8"]] = 0 && $tries < 1200) do={ :set tries ($tries + 1) }
:put "tries=$tries"
:global counter 5
:set counter ($counter * 2 + 1)
:put $counter
:if ([/system identity get name] = "ccr_HA_A") do={ :put "identity ok" } else={ :put "identity wrong" }
:foreach port in=[/interface ethernet find where disabled=yes] do={ :put [/interface ethernet get $port name] }
:do { /interface bridge add name=bridge-ether8 } on-error={ :put "caught the duplicate" }
:put [:typeof [/interface find]]
:put ("a" . "b" . [:len "four"])
:local bridges [/interface bridge print as-value]
:put "$[:len $bridges] values: $bridges"
:put [/system resource get version]
### users, keys and services are not in /export, services are
/ip service set telnet disabled=yes
/ip service set ssh port=2222
/ip service print terse where name~"^(ssh|telnet|www-ssl)\$"
/user add name=ha group=full comment=ha-provision
/user print terse
/file print file=key
/file set key.txt contents="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOrv2rWhVOk5AfVWXtUc5HB0p7ugGgZyoT3S2Lx1rHx1 ops@example"
/user ssh-keys import public-key-file=key.txt user=ha
/user ssh-keys print terse
:put [:len [/file find]]
/export terse
