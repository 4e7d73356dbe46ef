# ha-provision: desired RouterOS configuration, for review
# pair ccr, router ccr-b (secondary, identity ccr_HA_B), RouterOS 7
# ha-provision applies only what differs, entry by entry; entries it does not manage are left alone.
# Secrets show as ******: this file is not meant to be imported as it is.
/interface ethernet
set ether7 comment=HA_RESCUE
/system script
# source of name=HA_ON_MASTER:
#   /interface ethernet enable [find]
#   /interface bonding enable [find]
#   /routing bgp connection enable [find]
#   /system identity set name=ccr_HA_B_ACTIVE
#   :log info "ha-provision: HA_VRRP is master, traffic enabled"
add name=HA_ON_MASTER policy=read,write,test source="/interface ethernet enable [find]\n/interface bonding enable [find]\n/routing bgp connection enable [find]\n/system identity set name=ccr_HA_B_ACTIVE\n:log info \"ha-provision: HA_VRRP is master, traffic enabled\"\n" comment=ha-provision
# source of name=HA_ON_BACKUP:
#   /routing bgp connection disable [find]
#   /interface bonding disable [find]
#   /interface ethernet disable [find where name!="ether8" and comment!="HA_RESCUE"]
#   /system identity set name=ccr_HA_B_STANDBY
#   :log info "ha-provision: HA_VRRP is backup, traffic disabled"
add name=HA_ON_BACKUP policy=read,write,test source="/routing bgp connection disable [find]\n/interface bonding disable [find]\n/interface ethernet disable [find where name!=\"ether8\" and comment!=\"HA_RESCUE\"]\n/system identity set name=ccr_HA_B_STANDBY\n:log info \"ha-provision: HA_VRRP is backup, traffic disabled\"\n" comment=ha-provision
# source of name=HA_STARTUP:
#   :if ([/system resource get uptime] > 00:05:00) do={
#       :log warning "ha-provision: HA_STARTUP ran long after boot; left the router as it is"
#       :error "not right after boot"
#   }
#   :local drained [/interface vrrp get [find name="HA_VRRP"] disabled]
#   :local tries 0
#   :while ([:len [/interface find where name="ether8"]] = 0 && $tries < 1200) do={
#       :delay 50ms
#       :set tries ($tries + 1)
#   }
#   :do {
#       /interface vrrp disable [find name="HA_VRRP"]
#       /routing bgp connection disable [find]
#       /interface bonding disable [find]
#       /interface ethernet disable [find where name!="ether8" and comment!="HA_RESCUE"]
#       :if ($drained) do={
#           :log warning "ha-provision: HA_VRRP was disabled at boot (drained): left disabled, traffic ports down"
#       } else={
#           /interface vrrp enable [find name="HA_VRRP"]
#       }
#   } on-error={
#       /interface ethernet disable [find where name!="ether8" and comment!="HA_RESCUE"]
#       :log error "ha-provision: startup guard failed; traffic ports disabled"
#       :if (!$drained) do={ /interface vrrp enable [find name="HA_VRRP"] }
#   }
add name=HA_STARTUP policy=read,write,test source=":if ([/system resource get uptime] > 00:05:00) do={\n    :log warning \"ha-provision: HA_STARTUP ran long after boot; left the router as it is\"\n    :error \"not right after boot\"\n}\n:local drained [/interface vrrp get [find name=\"HA_VRRP\"] disabled]\n:local tries 0\n:while ([:len [/interface find where name=\"ether8\"]] = 0 && \$tries < 1200) do={\n    :delay 50ms\n    :set tries (\$tries + 1)\n}\n:do {\n    /interface vrrp disable [find name=\"HA_VRRP\"]\n    /routing bgp connection disable [find]\n    /interface bonding disable [find]\n    /interface ethernet disable [find where name!=\"ether8\" and comment!=\"HA_RESCUE\"]\n    :if (\$drained) do={\n        :log warning \"ha-provision: HA_VRRP was disabled at boot (drained): left disabled, traffic ports down\"\n    } else={\n        /interface vrrp enable [find name=\"HA_VRRP\"]\n    }\n} on-error={\n    /interface ethernet disable [find where name!=\"ether8\" and comment!=\"HA_RESCUE\"]\n    :log error \"ha-provision: startup guard failed; traffic ports disabled\"\n    :if (!\$drained) do={ /interface vrrp enable [find name=\"HA_VRRP\"] }\n}\n" comment=ha-provision
/system scheduler
add name=HA_STARTUP start-time=startup interval=0s on-event="/system script run HA_STARTUP" policy=read,write,test comment=ha-provision
/interface bridge
add name=bridge-ether8 protocol-mode=none comment=ha-provision
/interface bridge port
add interface=ether8 bridge=bridge-ether8 comment=ha-provision
/ip address
add address=198.18.23.2/24 interface=bridge-ether8 comment=ha-provision
add address=203.0.113.3/29 interface=ether1 comment=ha-provision
add address=198.51.100.3/24 interface=ether2 comment=ha-provision
/interface vrrp
add name=HA_VRRP interface=bridge-ether8 vrid=1 priority=100 interval=1s version=3 preemption-mode=yes authentication=none on-master="/system script run HA_ON_MASTER" on-backup="/system script run HA_ON_BACKUP" on-fail="/system script run HA_ON_BACKUP" comment=ha-provision
/ip address
add address=198.18.23.10/32 interface=HA_VRRP comment=ha-provision
/interface vrrp
add name=WAN interface=ether1 vrid=51 priority=100 interval=1s version=3 preemption-mode=yes authentication=none group-master=HA_VRRP comment=ha-provision
/ip address
add address=203.0.113.1/32 interface=WAN comment=ha-provision
/interface vrrp
add name=LAN interface=ether2 vrid=52 priority=100 interval=1s version=3 preemption-mode=yes authentication=none group-master=HA_VRRP comment=ha-provision
/ip address
add address=198.51.100.1/32 interface=LAN comment=ha-provision
# other entries of /ip address marked ha-provision are removed
# other entries of /interface vrrp marked ha-provision are removed
# other entries of /interface bridge port marked ha-provision are removed
# other entries of /interface bridge marked ha-provision are removed
# other entries of /system scheduler marked ha-provision are removed
# other entries of /system script marked ha-provision are removed
