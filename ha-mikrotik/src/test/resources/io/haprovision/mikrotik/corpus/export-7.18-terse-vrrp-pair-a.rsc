# source: github.com/FoxDenHome/router router.rsc @f4ff38b8ad350c86a5aceaf662b3ccb9254cb242; RouterOS 7.18; /export terse of one router of a VRRP pair; trimmed: every line outside /interface ethernet, /interface vrrp, /ip address, /system scheduler and /system script; the author masked the header's date as ____-__-__
# ____-__-__ __:__:__ by RouterOS 7.18
# software id = REMOVED
#
# model = CCR2004-1G-12S+2XS
# serial number = REMOVED
/interface ethernet set [ find default-name=sfp-sfpplus7 ] comment=sfp7 name=auth rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether1 ] comment=eth1 l2mtu=1514 name=oob rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus1 ] disabled=yes name=sfp1 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus2 ] auto-negotiation=no disabled=yes name=sfp2 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus3 ] disabled=yes name=sfp3 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus4 ] disabled=yes name=sfp4 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus5 ] disabled=yes name=sfp5 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus6 ] disabled=yes name=sfp6 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus8 ] disabled=yes name=sfp8 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus9 ] disabled=yes name=sfp9 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus10 ] disabled=yes name=sfp10 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus11 ] disabled=yes name=sfp11 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp28-1 ] auto-negotiation=no fec-mode=fec74 l2mtu=9092 mtu=9000 name=sfpx1-rackswitch-agg rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp28-2 ] auto-negotiation=no comment=sfpx2-rackswitch-agg fec-mode=fec74 l2mtu=9092 mtu=9000 name=vlan-mgmt rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus12 ] comment=sfp1 name=wan rx-flow-control=on tx-flow-control=on
/interface vrrp add group-authority=self interface=vlan-mgmt mtu=9000 name=vrrp-mgmt-dns priority=50 version=2 vrid=53
/interface vrrp add group-authority=self interface=vlan-mgmt mtu=9000 name=vrrp-mgmt-gateway priority=50 version=2
/interface vrrp add group-authority=self interface=vlan-mgmt mtu=9000 name=vrrp-mgmt-gateway6 priority=50 v3-protocol=ipv6 vrid=2
/interface vrrp add group-authority=self interface=vlan-mgmt mtu=9000 name=vrrp-mgmt-ntp priority=50 version=2 vrid=123
/interface vrrp add group-authority=vrrp-mgmt-dns interface=vlan-dmz mtu=9000 name=vrrp-dmz-dns priority=50 version=2 vrid=53
/interface vrrp add group-authority=vrrp-mgmt-gateway interface=vlan-dmz mtu=9000 name=vrrp-dmz-gateway priority=50 version=2
/interface vrrp add group-authority=vrrp-mgmt-gateway6 interface=vlan-dmz mtu=9000 name=vrrp-dmz-gateway6 priority=50 v3-protocol=ipv6 vrid=2
/interface vrrp add group-authority=vrrp-mgmt-ntp interface=vlan-dmz mtu=9000 name=vrrp-dmz-ntp priority=50 version=2 vrid=123
/interface vrrp add group-authority=vrrp-mgmt-dns interface=vlan-hypervisor mtu=9000 name=vrrp-hypervisor-dns priority=50 version=2 vrid=53
/interface vrrp add group-authority=vrrp-mgmt-gateway interface=vlan-hypervisor mtu=9000 name=vrrp-hypervisor-gateway priority=50 version=2
/interface vrrp add group-authority=vrrp-mgmt-gateway6 interface=vlan-hypervisor mtu=9000 name=vrrp-hypervisor-gateway6 priority=50 v3-protocol=ipv6 vrid=2
/interface vrrp add group-authority=vrrp-mgmt-ntp interface=vlan-hypervisor mtu=9000 name=vrrp-hypervisor-ntp priority=50 version=2 vrid=123
/interface vrrp add group-authority=vrrp-mgmt-dns interface=vlan-labnet mtu=9000 name=vrrp-labnet-dns priority=50 version=2 vrid=53
/interface vrrp add group-authority=vrrp-mgmt-gateway interface=vlan-labnet mtu=9000 name=vrrp-labnet-gateway priority=50 version=2
/interface vrrp add group-authority=vrrp-mgmt-gateway6 interface=vlan-labnet mtu=9000 name=vrrp-labnet-gateway6 priority=50 v3-protocol=ipv6 vrid=2
/interface vrrp add group-authority=vrrp-mgmt-ntp interface=vlan-labnet mtu=9000 name=vrrp-labnet-ntp priority=50 version=2 vrid=123
/interface vrrp add group-authority=vrrp-mgmt-dns interface=vlan-lan mtu=9000 name=vrrp-lan-dns priority=50 version=2 vrid=53
/interface vrrp add group-authority=vrrp-mgmt-gateway interface=vlan-lan mtu=9000 name=vrrp-lan-gateway priority=50 version=2
/interface vrrp add group-authority=vrrp-mgmt-gateway6 interface=vlan-lan mtu=9000 name=vrrp-lan-gateway6 priority=50 v3-protocol=ipv6 vrid=2
/interface vrrp add group-authority=vrrp-mgmt-ntp interface=vlan-lan mtu=9000 name=vrrp-lan-ntp priority=50 version=2 vrid=123
/interface vrrp add group-authority=vrrp-mgmt-dns interface=vlan-security mtu=9000 name=vrrp-security-dns priority=50 version=2 vrid=53
/interface vrrp add group-authority=vrrp-mgmt-gateway interface=vlan-security mtu=9000 name=vrrp-security-gateway priority=50 version=2
/interface vrrp add group-authority=vrrp-mgmt-gateway6 interface=vlan-security mtu=9000 name=vrrp-security-gateway6 priority=50 v3-protocol=ipv6 vrid=2
/interface vrrp add group-authority=vrrp-mgmt-ntp interface=vlan-security mtu=9000 name=vrrp-security-ntp priority=50 version=2 vrid=123
/ip address add address=10.1.1.1/16 interface=vlan-mgmt network=10.1.0.0
/ip address add address=10.2.1.1/16 interface=vlan-lan network=10.2.0.0
/ip address add address=10.3.1.1/16 interface=vlan-dmz network=10.3.0.0
/ip address add address=10.4.1.1/16 interface=vlan-labnet network=10.4.0.0
/ip address add address=10.5.1.1/16 interface=vlan-security network=10.5.0.0
/ip address add address=10.6.1.1/16 interface=vlan-hypervisor network=10.6.0.0
/ip address add address=192.168.88.1/24 interface=oob network=192.168.88.0
/ip address add address=10.1.0.1 interface=vrrp-mgmt-gateway network=10.1.0.1
/ip address add address=10.1.0.123 interface=vrrp-mgmt-ntp network=10.1.0.123
/ip address add address=10.1.0.53 interface=vrrp-mgmt-dns network=10.1.0.53
/ip address add address=10.2.0.1 interface=vrrp-lan-gateway network=10.2.0.1
/ip address add address=10.2.0.123 interface=vrrp-lan-ntp network=10.2.0.123
/ip address add address=10.2.0.53 interface=vrrp-lan-dns network=10.2.0.53
/ip address add address=10.3.0.1 interface=vrrp-dmz-gateway network=10.3.0.1
/ip address add address=10.3.0.123 interface=vrrp-dmz-ntp network=10.3.0.123
/ip address add address=10.3.0.53 interface=vrrp-dmz-dns network=10.3.0.53
/ip address add address=10.4.0.1 interface=vrrp-labnet-gateway network=10.4.0.1
/ip address add address=10.4.0.123 interface=vrrp-labnet-ntp network=10.4.0.123
/ip address add address=10.4.0.53 interface=vrrp-labnet-dns network=10.4.0.53
/ip address add address=10.5.0.1 interface=vrrp-security-gateway network=10.5.0.1
/ip address add address=10.5.0.123 interface=vrrp-security-ntp network=10.5.0.123
/ip address add address=10.5.0.53 interface=vrrp-security-dns network=10.5.0.53
/ip address add address=10.6.0.1 interface=vrrp-hypervisor-gateway network=10.6.0.1
/ip address add address=10.6.0.123 interface=vrrp-hypervisor-ntp network=10.6.0.123
/ip address add address=10.6.0.53 interface=vrrp-hypervisor-dns network=10.6.0.53
/ip address add address=10.100.0.1/16 interface=wg-vpn network=10.100.0.0
/ip address add address=10.99.1.1/16 interface=wg-s2s network=10.99.0.0
/ip address add address=10.7.1.1/16 interface=vlan-retro network=10.7.0.0
/ip address add address=172.17.0.1/24 interface=veth-snirouter network=172.17.0.0
/ip address add address=172.17.1.1/24 interface=veth-foxdns network=172.17.1.0
/ip address add address=172.17.2.1/24 interface=veth-foxdns-internal network=172.17.2.0
/ip address add address=10.69.69.1/24 interface=auth network=10.69.69.0
/system scheduler add interval=5m name=dyndns-update on-event="/system/script/run dyndns-update" policy=ftp,read,write,policy,test start-date=2020-08-09 start-time=09:41:00
/system scheduler add name=init-onboot on-event="/system/script/run global-init-onboot\r\
    \n/system/script/run local-init-onboot\r\
    \n" policy=read,write,policy,test start-time=startup
/system scheduler add interval=1m name=wan-online-adjust on-event="/system/script/run wan-online-adjust\r\
    \n" policy=read,write,policy,test start-date=2023-01-17 start-time=19:51:50
/system scheduler add interval=1m name=container-autoheal on-event="/system/script/run container-autoheal\r\
    \n" policy=read,write,policy,test start-date=2023-12-02 start-time=07:56:27
/system scheduler add disabled=yes interval=1s name=keep-laser-awake on-event="/tool/wol mac=8C:16:45:46:05:22 interface=vlan-labnet\r\
    \n" policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon start-date=2024-07-18 start-time=00:03:44
/system script add dont-require-permissions=yes name=local-init-onboot owner=admin policy=read,write,policy,test source=":global VRRPPriorityOnline 50\r\
    \n:global VRRPPriorityOffline 10\r\
    \n\r\
    \n:global DynDNSHost \"router.foxden.network\"\r\
    \n:global DynDNSKey \"REMOVED\"\r\
    \n\r\
    \n:global IPv6Host \"772305\"\r\
    \n:global IPv6Key \"REMOVED\"\r\
    \n\r\
    \n:global RAPriorityOnline \"high\"\r\
    \n:global RAPriorityOffline \"low\"\r\
    \n"
/system script add dont-require-permissions=no name=dhcp-propagate-changes owner=admin policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":local topdomain\
    \n\
    \n:set topdomain \"foxden.network\"\
    \n\
    \n:put \"Adjusting lease times\"\
    \n/ip/dhcp-server/lease set [/ip/dhcp-server/lease find dynamic=no] lease-time=1d\
    \n\
    \n:put \"Appending zone file foxden.network\"\
    \n\
    \n:local loadscript \":put \\\"\\\\\\\$TTL 300\\\"\
    \n:put \\\"@ 3600 DS 56289 13 2 E0198538615845C4226057A4A9D3908FF76A054A49B76E72954D63BFCB88A257\\\"\
    \n:put \\\"@ 3600 DS 26212 13 2 9C50921B3FDB72B43A78713AF57E66D2BBA87C6CFDEC4FC2EA1320686B31FED4\\\"\
    \n:put \\\"@ IN NS ns1.foxden.network.\\\"\
    \n:put \\\"@ IN NS ns2.foxden.network.\\\"\
    \n:put \\\"@ IN NS ns3.foxden.network.\\\"\
    \n:put \\\"@ IN NS ns4.foxden.network.\\\"\
    \n:put \\\"ns1 IN A 10.3.0.53\\\"\
    \n:put \\\"ns2 IN A 10.3.0.53\\\"\
    \n:put \\\"ns3 IN A 10.3.0.53\\\"\
    \n:put \\\"ns4 IN A 10.3.0.53\\\"\
    \n:put \\\"nas IN CNAME bengalfox.foxden.network.\\\"\
    \n:put \\\"auth-ext IN A 55.69.77.10\\\"\
    \n:put \\\"nas-ro IN A 10.99.12.5\\\"\
    \n:put \\\"@ IN A 10.99.12.4\\\"\
    \n:put \\\"xmpp IN A 10.99.12.4\\\"\
    \n:put \\\"upload.xmpp IN CNAME xmpp.foxden.network.\\\"\
    \n:put \\\"muc.xmpp IN CNAME xmpp.foxden.network.\\\"\
    \n:put \\\"proxy.xmpp IN CNAME xmpp.foxden.network.\\\"\
    \n:put \\\"pubsub.xmpp IN CNAME xmpp.foxden.network.\\\"\
    \n:put \\\"_xmpp-client._tcp IN SRV 5 0 5222 xmpp.foxden.network.\\\"\
    \n:put \\\"_xmpps-client._tcp SRV 5 0 5223 xmpp.foxden.network.\\\"\
    \n:put \\\"_xmpp-server._tcp SRV 5 0 5269 xmpp.foxden.network.\\\"\
    \n\
    \n:local hostshort\
    \n:local dhcpent\
    \n:foreach i in=[/ip/dhcp-server/lease/find comment dynamic=no] do={\
    \n    :set dhcpent [/ip/dhcp-server/lease/get \\\$i]\
    \n    :set hostshort (\\\$dhcpent->\\\"comment\\\")\
    \n\
    \n    :if (\\\$hostshort != \\\"ntp\\\" && \\\$hostshort != \\\"dns\\\" && \\\$hostshort != \\\"gateway\\\") do={\
    \n      :put (\\\$hostshort . \\\" IN A \\\" . (\\\$dhcpent->\\\"address\\\"))\
    \n    }\
    \n}\"\
    \n\
    \n:put \$loadscript\
    \n:execute script=\$loadscript file=foxdns-internal/foxden.network.txt\
    \n\
    \n:put \"Appending zone file 10.in-addr.arpa\"\
    \n\
    \n:local loadscript \":put \\\"\\\\\\\$TTL 300\\\"\
    \n:put \\\"@ IN NS ns1.foxden.network.\\\"\
    \n:put \\\"@ IN NS ns2.foxden.network.\\\"\
    \n:put \\\"@ IN NS ns3.foxden.network.\\\"\
    \n:put \\\"@ IN NS ns4.foxden.network.\\\"\
    \n:for i from=1 to=9 do={ \
    \n    :put \\\"1.0.\\\$i IN PTR gateway.foxden.network.\\\"\
    \n    :put \\\"53.0.\\\$i IN PTR dns.foxden.network.\\\"\
    \n    :put \\\"123.0.\\\$i IN PTR ntp.foxden.network.\\\"\
    \n    :put \\\"1.1.\\\$i IN PTR router.foxden.network.\\\"\
    \n    :put \\\"2.1.\\\$i IN PTR router-backup.foxden.network.\\\"\
    \n    :put \\\"123.1.\\\$i IN PTR ntpi.foxden.network.\\\"\
    \n}\
    \n:local hostname\
    \n:local hostshort\
    \n:local dhcpent\
    \n:local ipNum\
    \n:local reverseIpString\
    \n:foreach i in=[/ip/dhcp-server/lease/find comment dynamic=no] do={\
    \n    :set dhcpent [/ip/dhcp-server/lease/get \\\$i]\
    \n    :set hostshort (\\\$dhcpent->\\\"comment\\\")\
    \n\
    \n    :if (\\\$hostshort != \\\"ntp\\\" && \\\$hostshort != \\\"dns\\\" && \\\$hostshort != \\\"gateway\\\") do={\
    \n      :set hostname (\\\$hostshort . \\\".\$topdomain.\\\")\
    \n      :set ipNum [ :tonum [ :toip (\\\$dhcpent->\\\"address\\\") ] ]\
    \n      :set reverseIpString ((\\\$ipNum & 255) . \\\".\\\" . ((\\\$ipNum >> 8) & 255) . \\\".\\\" . ((\\\$ipNum >> 16) & 255))\
    \n      :put (\\\$reverseIpString . \\\" IN PTR \\\" . \\\$hostname)\
    \n    }\
    \n}\"\
    \n\
    \n:put \$loadscript\
    \n:execute script=\$loadscript file=foxdns-internal/10.in-addr.arpa.txt\
    \n\
    \n:put Done\
    \n"
/system script add dont-require-permissions=yes name=dyndns-update owner=admin policy=ftp,read,write,policy,test source=":local ipaddrfind [ /ip/address/find interface=wan ]\r\
    \n:if ([:len \$ipaddrfind] < 1) do={\r\
    \n    :log warning \"No WAN IP address found\"\r\
    \n    :exit\r\
    \n}\r\
    \n:local ipaddrcidr [/ip/address/get (\$ipaddrfind->0) address]\r\
    \n:local ipaddr [:pick \$ipaddrcidr 0 [:find \$ipaddrcidr \"/\"]]\r\
    \n:local isprimary [ /interface/vrrp/get vrrp-mgmt-gateway master ]\r\
    \n\r\
    \n/system/script/run firewall-update\r\
    \n\r\
    \n:global DynDNSHost\r\
    \n:global DynDNSKey\r\
    \n:global IPv6Host\r\
    \n:global IPv6Key\r\
    \n\r\
    \n:local dyndnsUpdate do={\r\
    \n    :global logputdebug\r\
    \n    :global logputinfo\r\
    \n    :global logputerror\r\
    \n\r\
    \n    \$logputdebug (\"[DynDNS] Beginning update of \". \$host)\r\
    \n    :if (\$dns!=\"\") do={\r\
    \n        :delay 1s\r\
    \n        :do {\r\
    \n            :local dnsip [:resolve \$host server=\$dns]\r\
    \n            if (\$dnsip=\$ipaddr) do={\r\
    \n                \$logputdebug (\"[DynDNS] No change in IP address for \" . \$host)\r\
    \n                :return \"\"\r\
    \n            }\r\
    \n        } on-error={\r\
    \n            \$logputerror (\"[DynDNS] Unable to resolve \" . \$host . \" using \" . \$dns)\r\
    \n            :return \"\"\r\
    \n        }\r\
    \n    }\r\
    \n\r\
    \n    :delay 5s\r\
    \n\r\
    \n    :do {\r\
    \n        :if (\$nicUpdateMode=\"true\") do={\r\
    \n             :local result [/tool/fetch mode=\$mode http-auth-scheme=basic user=\"\$user\" password=\"\$key\" url=\"\$mode://\$updatehost/nic/update/\?hostname=\$host&myip=\$ipaddr\" as-value output=user]\r\
    \n             \$logputdebug (\"[DynDNS] Result of nic/update update for \". \$host . \": \" . (\$result->\"data\"))\r\
    \n        } else={\r\
    \n             :local result [/tool/fetch mode=\$mode http-auth-scheme=basic url=\"\$mode://\$updatehost/api/dynamicURL/\?q=\$key&ip=\$ipaddr&notify=1\" as-value output=user]\r\
    \n             \$logputdebug (\"[DynDNS] Result of api/dynamicURL update for \". \$host . \": \" . (\$result->\"data\"))\r\
    \n        }\r\
    \n    } on-error={\r\
    \n        \$logputerror (\"[DynDNS] Unable to update \" . \$host)\r\
    \n    }\r\
    \n}\r\
    \n\r\
    \nif (\$isprimary) do={\r\
    \n    \$dyndnsUpdate host=\"wan.foxden.network\" key=\"REMOVED\" updatehost=\"ipv4.cloudns.net\" dns=\"pns41.cloudns.net\" ipaddr=\$ipaddr mode=https\r\
    \n}\r\
    \n#\$dyndnsUpdate user=\"doridian\" host=\$IPv6Host key=\$IPv6Key updatehost=\"ipv4.tunnelbroker.net\" dns=\"\" ipaddr=\$ipaddr mode=https nicUpdateMode=true\r\
    \n#\$dyndnsUpdate host=\"redfoxv6\" key=(\"anonymous&primary=\" . \$isprimary) updatehost=\"10.99.10.1:9999\" dns=\"\" ipaddr=\$ipaddr mode=http\r\
    \n\$dyndnsUpdate host=\$DynDNSHost key=\$DynDNSKey updatehost=\"ipv4.cloudns.net\" dns=\"pns41.cloudns.net\" ipaddr=\$ipaddr mode=https\r\
    \n"
/system script add dont-require-permissions=no name=dhcp-mac-checker owner=admin policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":local dhcpent\r\
    \n:local arpmac\r\
    \n:local arpfind\r\
    \n\r\
    \n:foreach i in=[/ip/dhcp-server/lease/find status!=bound dynamic=no] do={\r\
    \n    :set dhcpent [/ip/dhcp-server/lease/get \$i]\r\
    \n\r\
    \n    {\r\
    \n        :local jobID [:execute {:ping count=5 address=(\$dhcpent->\"address\")}]\r\
    \n        :while ([:len [/system/script/job/find .id=\$jobID]] > 0) do={\r\
    \n            :set arpfind [/ip/arp/find address=(\$dhcpent->\"address\") mac-address!=\"\"]\r\
    \n            if ([:len \$arpfind] > 0) do={\r\
    \n                :do { /system/script/job/remove \$jobID } on-error={}\r\
    \n            } else={\r\
    \n                :delay 1s\r\
    \n            }\r\
    \n        }\r\
    \n\r\
    \n        if ([:len \$arpfind] = 0) do={\r\
    \n            :set arpfind [/ip/arp/find address=(\$dhcpent->\"address\") mac-address!=\"\"]\r\
    \n        }\r\
    \n    }\r\
    \n\r\
    \n    :set arpmac \"N/A\"\r\
    \n    :if ([:len \$arpfind] > 0) do={\r\
    \n        :set arpmac [/ip/arp/get (\$arpfind->0) mac-address]\r\
    \n    }\r\
    \n\r\
    \n    :if ([:typeof \$arpmac] = \"nil\" || \$arpmac = \"\") do={\r\
    \n        :set arpmac \"N/A\"\r\
    \n    }\r\
    \n\r\
    \n    :if (\$arpmac != (\$dhcpent->\"mac-address\")) do={\r\
    \n        :put (\"# IP: \" . (\$dhcpent->\"address\") . \" | DHCP MAC: \" . (\$dhcpent->\"mac-address\") . \" | ARP MAC: \" . \$arpmac . \" | Comment: \" . (\$dhcpent->\"comment\"))\r\
    \n        :if (\$arpmac != \"N/A\") do={\r\
    \n            :put (\"/ip/dhcp-server/lease set [/ip/dhcp-server/lease find address=\" . (\$dhcpent->\"address\") . \"] mac-address=\" . \$arpmac)\r\
    \n        }\r\
    \n    }\r\
    \n}\r\
    \n"
/system script add dont-require-permissions=yes name=wan-online-adjust owner=admin policy=read,write,policy,test source=":global logputwarning\r\
    \n\r\
    \n:global VRRPPriorityOffline\r\
    \n:global VRRPPriorityOnline\r\
    \n:local VRRPPriorityCurrent \$VRRPPriorityOffline\r\
    \n\r\
    \n:global RAPriorityOffline\r\
    \n:global RAPriorityOnline\r\
    \n:local RAPriorityCurrent \$RAPriorityOffline\r\
    \n\r\
    \n/system/script/run firewall-update\r\
    \n\r\
    \nif ([/system/script/find name=local-maintenance-mode ]) do={\r\
    \n    \$logputwarning \"Maintenance mode ON\"\r\
    \n} else={\r\
    \n    :local defgwidx [ /ip/route/find dynamic active dst-address=0.0.0.0/0 ]\r\
    \n\r\
    \n    if ([:len \$defgwidx] > 0) do={\r\
    \n        :local defgw [ /ip/route/get (\$defgwidx->0) gateway ]\r\
    \n        :local status [ /tool/netwatch/get [ /tool/netwatch/find comment=\"monitor-default\" ] status ]\r\
    \n        if (\$status = \"up\") do={\r\
    \n            :set VRRPPriorityCurrent \$VRRPPriorityOnline\r\
    \n            :set RAPriorityCurrent \$RAPriorityOnline\r\
    \n        }\r\
    \n    }\r\
    \n}\r\
    \n\r\
    \n:put \"Set VRRP priority \$VRRPPriorityCurrent\"\r\
    \n/interface/vrrp/set [ /interface/vrrp/find priority!=\$VRRPPriorityCurrent ] priority=\$VRRPPriorityCurrent\r\
    \n\r\
    \n:put \"Set RA priority \$RAPriorityCurrent\"\r\
    \n/ipv6/nd/set [ /ipv6/nd/find ra-preference!=\$RAPriorityCurrent ] ra-preference=\$RAPriorityCurrent\r\
    \n"
/system script add dont-require-permissions=yes name=global-init-onboot owner=admin policy=read,write,policy,test source=":global logputdebug do={\r\
    \n    :log debug \$1\r\
    \n    :put \$1\r\
    \n}\r\
    \n:global logputinfo do={\r\
    \n    :log info \$1\r\
    \n    :put \$1\r\
    \n}\r\
    \n:global logputwarning do={\r\
    \n    :log warning \$1\r\
    \n    :put \$1\r\
    \n}\r\
    \n:global logputerror do={\r\
    \n    :log error \$1\r\
    \n    :put \$1\r\
    \n}\r\
    \n"
/system script add dont-require-permissions=yes name=firewall-update owner=admin policy=read,write,policy,test source=":local ipaddrfind [ /ip/address/find interface=wan ]\r\
    \n:if ([:len \$ipaddrfind] < 1) do={\r\
    \n    :log warning \"No WAN IP address found\"\r\
    \n    :exit\r\
    \n}\r\
    \n:local ipaddrcidr [/ip/address/get (\$ipaddrfind->0) address]\r\
    \n:local ipaddr [:pick \$ipaddrcidr 0 [:find \$ipaddrcidr \"/\"]]\r\
    \n\r\
    \n/ip/firewall/nat/set [ find comment=\"Hairpin\" dst-address!=\$ipaddr  ] dst-address=\$ipaddr\r\
    \n/ip/firewall/nat/set [ find comment=\"Hairpin fallback\" dst-address!=\"!\$ipaddr\" ] dst-address=\"!\$ipaddr\"\r\
    \n"
/system script add dont-require-permissions=no name=container-autoheal owner=admin policy=read,write,policy,test source=":global logputinfo\
    \n:global logputerror\
    \n\
    \n:local needrestart ([:len [/file/find name=container-restart-all]] > 0)\
    \n:local clearrestart \$needrestart\
    \n\
    \n\$logputinfo (\"Need restart = \$needrestart\")\
    \n\
    \n/container\
    \n:foreach ct in=[find] do={\
    \n  :local ctneedstop \$needrestart\
    \n  :if ([get \$ct status] != \"running\") do={\
    \n    :set ctneedstop true\
    \n  }\
    \n\
    \n  :if (\$ctneedstop) do={\
    \n    \$logputinfo (\"STOPPING container with interface \" . [get \$ct interface])\
    \n    stop \$ct\
    \n\
    \n    :local maxtries 50\
    \n    :while (\$maxtries > 0) do={\
    \n      :delay 100ms\
    \n      :set maxtries (\$maxtries - 1)\
    \n      :if ([get \$ct status] = \"stopped\") do={\
    \n        :set maxtries -999\
    \n      }\
    \n    }\
    \n    :if (\$maxtries != -999) do={\
    \n      \$logputerror (\"FAILED STOPPING container with interface \" . \$maxtries)\
    \n    } else={\
    \n      \$logputinfo (\"STOPPED container with interface \" . [get \$ct interface])\
    \n    }\
    \n  }\
    \n\
    \n  :if ([get \$ct status] = \"stopped\") do={\
    \n    \$logputinfo (\"STARTING container with interface \" . [get \$ct interface])\
    \n    start \$ct\
    \n  }\
    \n\
    \n  :local maxtries 50\
    \n  :while (\$maxtries > 0) do={\
    \n    :delay 100ms\
    \n    :set maxtries (\$maxtries - 1)\
    \n    :if ([get \$ct status] = \"running\") do={\
    \n      :set maxtries -999\
    \n    }\
    \n  }\
    \n  :if (\$maxtries != -999) do={\
    \n    \$logputerror (\"FAILED STARTING container with interface \" . \$maxtries)\
    \n    :set clearrestart false\
    \n  } else={\
    \n    \$logputinfo (\"STARTED container with interface \" . [get \$ct interface])\
    \n  }\
    \n}\
    \n\
    \n:if (\$clearrestart) do={\
    \n  /file/remove container-restart-all\
    \n  \$logputinfo (\"Cleared container-restart-all\")\
    \n}"
/system script add dont-require-permissions=no name=maintenance-on owner=admin policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source="/system/script/add name=local-maintenance-mode source=\"# Maintenance mode is on\"\r\
    \n/system/script/run wan-online-adjust\r\
    \n"
/system script add dont-require-permissions=no name=maintenance-off owner=admin policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source="/system/script/remove local-maintenance-mode\r\
    \n/system/script/run wan-online-adjust\r\
    \n"
/system script add dont-require-permissions=yes name=fetch-intermediates owner=admin policy=ftp,read,write,policy,test,sensitive source=":local res [/tool/fetch url=\"https://letsencrypt.org/certificates/\" as-value output=user]\r\
    \n:local certificates (\$res->\"data\")\r\
    \n\r\
    \n:do {\r\
    \n    :local nextlinkbegin [:find \$certificates \"<a href=\\\"\" 0]\r\
    \n    :if (\$nextlinkbegin < 0) do={\r\
    \n        :put \"No more links found\"\r\
    \n        :set certificates \"\"\r\
    \n    } else={\r\
    \n        :local nextlinkend [:find \$certificates \"\\\">\" \$nextlinkbegin]\r\
    \n        :local nextlink [:pick \$certificates (\$nextlinkbegin + 9) \$nextlinkend]\r\
    \n        :set certificates [:pick \$certificates \$nextlinkend [:len \$certificates]]\r\
    \n\r\
    \n        # Minimal URL path resolver...\r\
    \n        :if ([:pick \$nextlink 0 1] = \"/\") do={\r\
    \n            :set nextlink (\"https://letsencrypt.org\" . \$nextlink)\r\
    \n        } else={\r\
    \n            :if ([:find \$nextlink \"://\" 0] < 0) do={\r\
    \n                :set nextlink (\"https://letsencrypt.org/certificates/\" . \$nextlink)\r\
    \n            }\r\
    \n        }\r\
    \n\r\
    \n        :if ([:pick \$nextlink ([:len \$nextlink] - 4) [:len \$nextlink]] = \".pem\") do={\r\
    \n            :if ([:find \$nextlink \"-cross\" 0] < 0) do={\r\
    \n                :if ([:find \$nextlink \"/letsencryptauthorityx\" 0] < 0) do={\r\
    \n                    :local foundcerts [/certificate/find name=\$nextlink]\r\
    \n                    :if ([:len \$foundcerts] = 0) do={\r\
    \n                        :put \"Downloading \$nextlink\"\r\
    \n                        :do {\r\
    \n                            /file/remove tmpfs-scratch/intermediates-cert.pem\r\
    \n                            :delay 1s\r\
    \n                        } on-error={}\r\
    \n                        /tool/fetch url=\$nextlink dst-path=tmpfs-scratch/intermediates-cert.pem\r\
    \n                        :delay 1s\r\
    \n                        /certificate/import file-name=tmpfs-scratch/intermediates-cert.pem name=\$nextlink trusted=yes\r\
    \n                        :delay 1s\r\
    \n                    } else={\r\
    \n                        :put \"Skipping already downloaded \$nextlink\"\r\
    \n                    }\r\
    \n                } else={\r\
    \n                    :put \"Skipping obsolete letsencryptauthorityx# certificate \$nextlink\"\r\
    \n                }\r\
    \n            } else={\r\
    \n                :put \"Skipping cross-signed certificate \$nextlink\"\r\
    \n            }\r\
    \n        }\r\
    \n    }\r\
    \n} while ([:len \$certificates] > 0)\r\
    \n"
