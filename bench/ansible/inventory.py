#!/usr/bin/env python3
"""Writes the comparison's Ansible inventory (INI) from an ha-provision lab inventory.

usage: inventory.py LAB_INVENTORY.yml > hosts.ini

Each lab node becomes a host of group `routers` with the variables the playbook's templates
use; SSH goes to the same address, user, key and known_hosts file ha-provision uses."""
import sys

import yaml

doc = yaml.safe_load(open(sys.argv[1]))
ssh = doc.get("defaults", {}).get("ssh", {})
print("[routers]")
for pair in doc["pairs"]:
    nodes = pair["nodes"]
    vips = {i["interface"]: i["vips"][0].split("/")[0] for i in pair["vrrp"]["instances"]}
    for me, peer in ((nodes[0], nodes[1]), (nodes[1], nodes[0])):
        ip = {k: v.split("/")[0] for k, v in me["interfaces"].items()}
        peer_ip = {k: v.split("/")[0] for k, v in peer["interfaces"].items()}
        fields = {
            "ansible_host": me["host"],
            "ansible_user": ssh.get("user", "root"),
            "ansible_ssh_private_key_file": ssh["identity_file"],
            "ansible_ssh_common_args": "'-o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes'" % ssh["known_hosts"],
            "pair": pair["name"],
            "priority": 150 if me["role"] == "primary" else 100,
            "lan_ip": ip["br-lan"], "lan_peer": peer_ip["br-lan"], "lan_vip": vips["br-lan"],
            "wan_ip": ip["wan"], "wan_peer": peer_ip["wan"], "wan_vip": vips["wan"],
        }
        print(me["name"] + " " + " ".join("%s=%s" % kv for kv in fields.items()))
