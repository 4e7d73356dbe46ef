# source: github.com/networktocode/ntc-templates tests/mikrotik_routeros/ip_address_export_verbose/mikrotik_routeros_ip_address_export_verbose.raw @d0bc5a480fe935afb6d9f6806c795a0390aaec90; RouterOS 6.48.6; /ip address export verbose; trimmed: software id and serial number
# jul/21/2023 09:42:42 by RouterOS 6.48.6
# software id = REDACTED
#
# model = RB750UPr2
# serial number = REDACTED
/ip address
add address=10.159.1.159/30 disabled=no interface=ether2 network=10.159.1.158
add address=10.80.90.5/27 comment="test comment" disabled=yes interface=eth3_vlan1 network=10.80.90.0
