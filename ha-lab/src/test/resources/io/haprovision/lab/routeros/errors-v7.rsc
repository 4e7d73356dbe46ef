### bgp peer is v6 only
/routing bgp peer print
### group-master must name a vrrp interface
/interface vrrp add name=HA_VRRP interface=ether8 group-master=X
### unknown argument
/interface bridge add name=b1 colour=blue
### unknown menu word on the second line runs nothing
/system identity set name=not-set
/ip adress print
### hide-sensitive is v6 only
/export terse hide-sensitive
### unbalanced quote
/system identity set name="open
### unbalanced bracket
/interface ethernet set [find name=ether1 comment=x
### no such item stops the script there
/system identity set name=first
/interface ethernet set ether99 comment=x
/system identity set name=second
### duplicate interface name
/interface bridge add name=ether1
### duplicate address
/ip address add address=192.0.2.1/24 interface=ether1
/ip address add address=192.0.2.1/24 interface=ether1
### missing interface
/ip address add address=192.0.2.2/24 interface=ether42
### invalid priority
/interface vrrp add name=v1 interface=ether2 priority=300
### invalid boolean
/interface vrrp add name=v2 interface=ether2 preemption-mode=maybe
### duplicate bridge port
/interface bridge add name=br
/interface bridge port add interface=ether3 bridge=br
/interface bridge port add interface=ether3 bridge=br
### set of a missing name
/interface vrrp set HA_NOPE priority=100
### empty find changes nothing
/interface vrrp set [find name=HA_NOPE] priority=100
/interface vrrp remove [find]
:put "still running"
### after the errors
/system identity print
/export terse show-sensitive
