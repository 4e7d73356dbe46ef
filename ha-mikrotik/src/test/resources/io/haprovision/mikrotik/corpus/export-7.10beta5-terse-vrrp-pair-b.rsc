# source: github.com/FoxDenHome/router router-backup.rsc @2d92344e585bd8257e86d445a256daef05937950; RouterOS 7.10beta5; /export terse of one router of a VRRP pair; trimmed: every line outside /interface ethernet, /interface vrrp, /ip address, /system scheduler and /system script
# 2023-05-13 00:10:22 by RouterOS 7.10beta5
# software id = REMOVED
#
# model = RB5009UG+S+
# serial number = REMOVED
/interface ethernet set [ find default-name=ether2 ] disabled=yes name=eth2 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether3 ] disabled=yes name=eth3 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether4 ] disabled=yes name=eth4 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether5 ] disabled=yes name=eth5 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether6 ] disabled=yes name=eth6 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether7 ] disabled=yes name=eth7 rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether8 ] comment=eth8 name=oob rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=sfp-sfpplus1 ] advertise=1000M-full,10000M-full comment=sfp1 l2mtu=9092 mtu=9000 name=vlan-mgmt rx-flow-control=on tx-flow-control=on
/interface ethernet set [ find default-name=ether1 ] advertise=1000M-full,2500M-full comment=eth1 name=wan rx-flow-control=on tx-flow-control=on
/interface vrrp add disabled=yes group-master=self interface=vlan-mgmt mtu=9000 name=vrrp-mgmt-dns priority=25 version=2 vrid=53
/interface vrrp add disabled=yes group-master=self interface=vlan-mgmt mtu=9000 name=vrrp-mgmt-gateway priority=25 version=2
/interface vrrp add disabled=yes group-master=self interface=vlan-mgmt mtu=9000 name=vrrp-mgmt-ntp priority=25 version=2 vrid=123
/interface vrrp add disabled=yes group-master=vrrp-mgmt-dns interface=vlan-dmz mtu=9000 name=vrrp-dmz-dns priority=25 version=2 vrid=53
/interface vrrp add disabled=yes group-master=vrrp-mgmt-gateway interface=vlan-dmz mtu=9000 name=vrrp-dmz-gateway priority=25 version=2
/interface vrrp add disabled=yes group-master=vrrp-mgmt-ntp interface=vlan-dmz mtu=9000 name=vrrp-dmz-ntp priority=25 version=2 vrid=123
/interface vrrp add disabled=yes group-master=vrrp-mgmt-dns interface=vlan-hypervisor mtu=9000 name=vrrp-hypervisor-dns priority=25 version=2 vrid=53
/interface vrrp add disabled=yes group-master=vrrp-mgmt-gateway interface=vlan-hypervisor mtu=9000 name=vrrp-hypervisor-gateway priority=25 version=2
/interface vrrp add disabled=yes group-master=vrrp-mgmt-ntp interface=vlan-hypervisor mtu=9000 name=vrrp-hypervisor-ntp priority=25 version=2 vrid=123
/interface vrrp add disabled=yes group-master=vrrp-mgmt-dns interface=vlan-labnet mtu=9000 name=vrrp-labnet-dns priority=25 version=2 vrid=53
/interface vrrp add disabled=yes group-master=vrrp-mgmt-gateway interface=vlan-labnet mtu=9000 name=vrrp-labnet-gateway priority=25 version=2
/interface vrrp add disabled=yes group-master=vrrp-mgmt-ntp interface=vlan-labnet mtu=9000 name=vrrp-labnet-ntp priority=25 version=2 vrid=123
/interface vrrp add disabled=yes group-master=vrrp-mgmt-dns interface=vlan-lan mtu=9000 name=vrrp-lan-dns priority=25 version=2 vrid=53
/interface vrrp add disabled=yes group-master=vrrp-mgmt-gateway interface=vlan-lan mtu=9000 name=vrrp-lan-gateway priority=25 version=2
/interface vrrp add disabled=yes group-master=vrrp-mgmt-ntp interface=vlan-lan mtu=9000 name=vrrp-lan-ntp priority=25 version=2 vrid=123
/interface vrrp add disabled=yes group-master=vrrp-mgmt-dns interface=vlan-security mtu=9000 name=vrrp-security-dns priority=25 version=2 vrid=53
/interface vrrp add disabled=yes group-master=vrrp-mgmt-gateway interface=vlan-security mtu=9000 name=vrrp-security-gateway priority=25 version=2
/interface vrrp add disabled=yes group-master=vrrp-mgmt-ntp interface=vlan-security mtu=9000 name=vrrp-security-ntp priority=25 version=2 vrid=123
/ip address add address=10.1.1.3/16 interface=vlan-mgmt network=10.1.0.0
/ip address add address=192.168.88.100/24 interface=oob network=192.168.88.0
/ip address add address=10.2.1.3/16 interface=vlan-lan network=10.2.0.0
/ip address add address=10.3.1.3/16 interface=vlan-dmz network=10.3.0.0
/ip address add address=10.4.1.3/16 interface=vlan-labnet network=10.4.0.0
/ip address add address=10.5.1.3/16 interface=vlan-security network=10.5.0.0
/ip address add address=10.6.1.3/16 interface=vlan-hypervisor network=10.6.0.0
/ip address add address=10.99.1.3/16 interface=wg-s2s network=10.99.0.0
/ip address add address=10.100.0.1/16 interface=wg-vpn network=10.100.0.0
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
/system scheduler add interval=5m name=dyndns-update on-event="/system/script/run dyndns-update" policy=read,write,policy,test start-date=2020-08-09 start-time=09:41:00
/system scheduler add name=init-onboot on-event="/system/script/run global-init-onboot\r\
    \n/system/script/run local-init-onboot\r\
    \n" policy=read,write,policy,test start-time=startup
/system scheduler add interval=1m name=wan-online-adjust on-event="/system/script/run wan-online-adjust\r\
    \n" policy=read,write,policy,test start-date=2023-01-17 start-time=19:51:50
/system script add dont-require-permissions=yes name=local-init-onboot owner=admin policy=read,write,policy,test source=":global VRRPPriorityOnline 25\r\
    \n:global VRRPPriorityOffline 5\r\
    \n\r\
    \n:global DynDNSHost \"router-backup.foxden.network\"\r\
    \n:global DynDNSKey \"REMOVED\"\r\
    \n\r\
    \n:global RAPriorityOnline \"medium\"\r\
    \n:global RAPriorityOffline \"low\"\r\
    \n"
/system script add dont-require-permissions=no name=dhcp-propagate-changes owner=admin policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":local topdomain\r\
    \n:local hostname\r\
    \n:local dhcpent\r\
    \n\r\
    \n:set topdomain \"foxden.network\"\r\
    \n\r\
    \n:put \"Adjusting lease times\"\r\
    \n/ip/dhcp-server/lease set [/ip/dhcp-server/lease find dynamic=no] lease-time=1d\r\
    \n\r\
    \n:put \"Removing old DNS records\"\r\
    \n/ip/dns/static/remove [/ip/dns/static/find comment=\"static-dns-for-dhcp\"]\r\
    \n\r\
    \n:put \"Adding new DNS records\"\r\
    \n:foreach i in=[/ip/dhcp-server/lease/find comment dynamic=no] do={\r\
    \n    :set dhcpent [/ip/dhcp-server/lease/get \$i]\r\
    \n    :set hostname ((\$dhcpent->\"comment\") . \".\" . \$topdomain)\r\
    \n\r\
    \n    :put (\"Adding: \" . \$hostname . \" : \" . (\$dhcpent->\"address\"))\r\
    \n    /ip/dns/static/add ttl=5m type=A name=\$hostname address=(\$dhcpent->\"address\") comment=\"static-dns-for-dhcp\"\r\
    \n    /ip/dns/static/add ttl=5m type=AAAA name=\$hostname address=(\"::ffff:\" . (\$dhcpent->\"address\")) comment=\"static-dns-for-dhcp\"\r\
    \n}\r\
    \n"
/system script add dont-require-permissions=yes name=dyndns-update owner=admin policy=read,write,policy,test source=":local ipaddrfind [ /ip/address/find interface=wan ]\r\
    \n:if ([:len \$ipaddrfind] < 1) do={\r\
    \n    :log warning \"No WAN IP address found\"\r\
    \n    :exit\r\
    \n}\r\
    \n:local ipaddrcidr [/ip/address/get (\$ipaddrfind->0) address]\r\
    \n:local ipaddr [:pick \$ipaddrcidr 0 [:find \$ipaddrcidr \"/\"]]\r\
    \n:local isprimary [ /interface/vrrp/get vrrp-mgmt-dns master ]\r\
    \n\r\
    \n:global DynDNSHost\r\
    \n:global DynDNSKey\r\
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
    \n    :delay 5s\r\
    \n    :do {\r\
    \n        :local result [/tool/fetch mode=\$mode url=\"\$mode://\$updatehost/api/dynamicURL/\?q=\$key&ip=\$ipaddr&notify=1\" as-value output=user]\r\
    \n        \$logputdebug (\"[DynDNS] Result of update for \". \$host . \": \" . (\$result->\"data\"))\r\
    \n    } on-error={\r\
    \n        \$logputerror (\"[DynDNS] Unable to update \" . \$host)\r\
    \n    }\r\
    \n}\r\
    \n\r\
    \nif (\$isprimary) do={\r\
    \n    \$dyndnsUpdate host=\"wan.foxden.network\" key=\"REMOVED\" updatehost=\"ipv4.cloudns.net\" dns=\"pns41.cloudns.net\" ipaddr=\$ipaddr mode=https\r\
    \n    #\$dyndnsUpdate host=\"772305\" key=\"REMOVED\" updatehost=\"ipv4.tunnelbroker.net\" dns=\"\" ipaddr=\$ipaddr mode=https\r\
    \n}\r\
    \n\$dyndnsUpdate host=\"redfoxv6\" key=(\"anonymous&primary=\" . \$isprimary) updatehost=\"10.99.10.1:9999\" dns=\"\" ipaddr=\$ipaddr mode=http\r\
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
/system script add dont-require-permissions=yes name=wan-online-adjust owner=admin policy=read,write,policy,test source=":global VRRPPriorityOffline\r\
    \n:global VRRPPriorityOnline\r\
    \n:local VRRPPriorityCurrent \$VRRPPriorityOffline\r\
    \n\r\
    \n:global RAPriorityOffline\r\
    \n:global RAPriorityOnline\r\
    \n:local RAPriorityCurrent \$RAPriorityOffline\r\
    \n\r\
    \n:local defgwidx [ /ip/route/find dynamic active dst-address=0.0.0.0/0 ]\r\
    \n\r\
    \nif ([:len \$defgwidx] > 0) do={\r\
    \n    :local defgw [ /ip/route/get (\$defgwidx->0) gateway ]\r\
    \n    :local status [ /tool/netwatch/get [ /tool/netwatch/find comment=\"monitor-default\" ] status ]\r\
    \n    if (\$status = \"up\") do={\r\
    \n        :set VRRPPriorityCurrent \$VRRPPriorityOnline\r\
    \n        :set RAPriorityCurrent \$RAPriorityOnline\r\
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
