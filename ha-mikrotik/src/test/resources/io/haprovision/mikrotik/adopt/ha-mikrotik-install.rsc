# Written for ha-provision's tests from svlsResearch/ha-mikrotik 0.8dev20220621210200 (commit 0bd917e): what HA_init.rsc, $HAInstall and ha_startup leave on one router of a pair. Entries, names, comments and values follow those steps; script sources are ha-provision's own short renderings of what each script does. Placeholders: @ME@ (A or B), @MAC_A@, @MAC_B@, @PREFER_MAC@, @ADDRESS_ME@, @ADDRESS_OTHER@, @PRIORITY@, @PASSWORD@.
/system identity set name=ccr
/interface ethernet set [find default-name=ether7] comment=HA_RESCUE
/system script add name=ha_config_base policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source=":global haPassword \"@PASSWORD@\"\n:global haInterface \"ether8\"\n:global haMacA \"@MAC_A@\"\n:global haMacB \"@MAC_B@\"\n:global haPreferMac \"@PREFER_MAC@\""
/system script add name=ha_config policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="/system script run [find name=\"ha_config_base\"]\n:global haNetwork \"169.254.23.0\"\n:global haNetmask \"255.255.255.0\"\n:global haNetmaskBits \"24\"\n:global haAddressA \"169.254.23.1\"\n:global haAddressB \"169.254.23.2\"\n:global haAddressVRRP \"169.254.23.10\""
/system script add name=ha_setidentity policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source=":global haIdentity\n:global isMaster\n:local name [/system identity get name]\n:local at [:find \$name \"_HA_\" 0]\n:if ([:typeof \$at] = \"num\") do={ :set name [:pick \$name 0 \$at] }\n:if (\$isMaster) do={ /system identity set name=(\$name . \"_HA_\" . \$haIdentity . \"_ACTIVE\") } else={ /system identity set name=(\$name . \"_HA_\" . \$haIdentity . \"_STANDBY\") }"
/system script add name=ha_onmaster policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source=":global isMaster true\n:execute \"/interface ethernet enable [find]\"\n:execute \"/interface bonding enable [find]\"\n:if ([:pick [/system resource get version] 0] = \"6\") do={ :execute \"/routing bgp peer enable [find]\" }\n:if ([:pick [/system resource get version] 0] = \"7\") do={ :execute \"/routing bgp connection enable [find]\" }\n/system script run ha_setidentity"
/system script add name=ha_onbackup policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source=":global isMaster false\n:global haInterface\n:if ([:pick [/system resource get version] 0] = \"6\") do={ :execute \"/routing bgp peer disable [find]\" }\n:if ([:pick [/system resource get version] 0] = \"7\") do={ :execute \"/routing bgp connection disable [find]\" }\n:execute \"/interface bonding disable [find]\"\n:execute \"/interface ethernet disable [find where default-name!=\\\"\$haInterface\\\" and comment!=\\\"HA_RESCUE\\\"]\"\n/system script run ha_setidentity"
/system script add name=ha_startup policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# boot: ports down, then removes and adds again the HA bridge, its addresses, HA_VRRP (on-master=ha_onmaster), the HA_AUTO route, filter rules, schedulers and user (not run in this test)"
/system script add name=ha_checkchanges policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# active: compares its configuration version with the standby's over FTP and pushes a backup when they differ (not run in this test)"
/system script add name=ha_pushbackup policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# active: export, binary backup, FTP upload to the standby and an .auto.rsc that loads it (the standby reboots; not run in this test)"
/system script add name=ha_functions policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# defines \$HAInstall, \$HASyncStandby, \$HAPushStandby, \$HASwitchRole"
/system script add name=ha_install policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# checks the HA interface and MACs, saves HA_backup_beforeHA, runs ha_startup, prints the bootstrap for the other router"
/system script add name=ha_loop_push_standby policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# stress test: pushes to the standby in a loop"
/system script add name=ha_report_startup policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# logs the startup's counters"
/system script add name=ha_setconfigver policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# the configuration version from /system history, files and certificates"
/system script add name=ha_switchrole policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive source="# active: pushes to the standby, waits, then reboots itself"
/interface bridge add name=bridge-ether8 protocol-mode=none fast-forward=yes comment="HA_AUTO"
/interface bridge port add bridge=bridge-ether8 interface=ether8 comment="HA_AUTO"
/ip address add interface=bridge-ether8 address=@ADDRESS_ME@ netmask=255.255.255.0 comment="HA_AUTO"
/ip route add gateway=@ADDRESS_OTHER@ distance=250 comment=HA_AUTO
/ip firewall filter add chain=output action=accept out-interface=bridge-ether8 comment="HA_AUTO"
/ip firewall filter add chain=input action=accept in-interface=bridge-ether8 comment="HA_AUTO"
/interface vrrp add interface=bridge-ether8 version=3 interval=1 priority=@PRIORITY@ name=HA_VRRP on-backup="ha_onbackup" on-master="ha_onmaster" disabled=yes
/ip address add address=169.254.23.10 netmask=255.255.255.255 interface=HA_VRRP comment="HA_AUTO"
/system scheduler add comment=HA_AUTO name=ha_startup on-event=":do { /system script run [find name=ha_startup] } on-error={ /interface ethernet disable [find where default-name!=\"ether8\" and comment!=\"HA_RESCUE\"] }" policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive start-date=Jan/01/1970 start-time=startup
/system scheduler add comment=HA_AUTO name=ha_report_startup on-event="ha_report_startup" policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive start-date=Jan/01/1970 start-time=startup
/system scheduler add comment=HA_AUTO interval=10m name=ha_exportcurrent on-event="/export file=\"HA_current.rsc\"" policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive start-date=Jan/01/1970 start-time=00:05:00
/system scheduler add interval=10m name=ha_checkchanges on-event=ha_checkchanges policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive start-date=Jan/01/1970 start-time=00:10:00 comment=HA_AUTO
/system scheduler add comment=HA_AUTO interval=24h name=ha_auto_pushbackup on-event=ha_pushbackup policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive start-date=Jan/01/1970 start-time=05:00:00
/user add address="169.254.23.0/24" comment=HA_AUTO group=full name=ha password="@PASSWORD@"
/ip service set [find name="ftp"] address=169.254.23.1,169.254.23.2,169.254.23.10 disabled=no
:global haInterface "ether8"
:global haIdentity "@ME@"
:global isMaster false
