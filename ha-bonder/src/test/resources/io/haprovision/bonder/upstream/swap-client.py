# Source: written for this test from multappliednetworks/api-examples swap-active-bond/README.md
# (commit 282cb8198ed5847c94231a26a71ea80d354f739b) and ../shared/FACTS.md (bonder part); not
# upstream's code. It does what that README documents swap-active-bond.py to do, so the notify
# program can be compared with it call for call against the API simulator.
#
#   swap-client.py NAME ID STATE PRIORITY       (keepalived's notify arguments)
#
# Reads the INI file named by SWAP_CONF ([bondingadmin] host, user, passwd, verify_ssl, timeout,
# attempts, attempt_delay; [bond] master_/backup_ bond_id, connected_ip_ids, route_ids,
# cpe_nat_ip_ids, each a comma-separated list that may be empty). Only STATE MASTER acts;
# priority 10 means "this is the master bonder", anything else the backup bonder. It disables
# the other bond's CPE NAT IPs, routes and connected IPs, then enables its own connected IPs,
# CPE NAT IPs and routes, each by PATCH {"enabled": ...} on /api/v3/bonds/BOND/KIND/ID/,
# retried `attempts` times `attempt_delay` seconds apart, a 4xx not retried. SWAP_CA_FILE
# (test plumbing) names the CA that signed the server's certificate.
import base64
import configparser
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request


def ids(section, key):
    return [i.strip() for i in section.get(key, fallback="").split(",") if i.strip()]


def main():
    name, _id, state, priority = sys.argv[1:5]
    if state != "MASTER":
        return 0
    conf = configparser.ConfigParser()
    conf.read(os.environ["SWAP_CONF"])
    admin, bond = conf["bondingadmin"], conf["bond"]
    mine, other = ("master", "backup") if priority == "10" else ("backup", "master")
    context = ssl.create_default_context(cafile=os.environ.get("SWAP_CA_FILE"))
    if admin.get("verify_ssl", "true").lower() == "false":
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    auth = base64.b64encode((admin["user"] + ":" + admin["passwd"]).encode()).decode()
    timeout = float(admin.get("timeout", "10"))
    attempts = int(admin.get("attempts", "3"))
    delay = float(admin.get("attempt_delay", "5"))
    failed = 0

    def patch(bond_id, kind, object_id, enabled):
        nonlocal failed
        url = "https://%s/api/v3/bonds/%s/%s/%s/" % (admin["host"], bond_id, kind, object_id)
        body = json.dumps({"enabled": enabled}).encode()
        for attempt in range(1, attempts + 1):
            request = urllib.request.Request(url, data=body, method="PATCH", headers={
                "Authorization": "Basic " + auth, "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=timeout, context=context):
                    return
            except urllib.error.HTTPError as e:
                if 400 <= e.code < 500:
                    failed += 1
                    return
            except (urllib.error.URLError, OSError):
                pass
            if attempt < attempts:
                time.sleep(delay)
        failed += 1

    for i in ids(bond, other + "_cpe_nat_ip_ids"):
        patch(bond[other + "_bond_id"], "cpe_nat_ips", i, False)
    for i in ids(bond, other + "_route_ids"):
        patch(bond[other + "_bond_id"], "routes", i, False)
    for i in ids(bond, other + "_connected_ip_ids"):
        patch(bond[other + "_bond_id"], "connected_ips", i, False)
    for i in ids(bond, mine + "_connected_ip_ids"):
        patch(bond[mine + "_bond_id"], "connected_ips", i, True)
    for i in ids(bond, mine + "_cpe_nat_ip_ids"):
        patch(bond[mine + "_bond_id"], "cpe_nat_ips", i, True)
    for i in ids(bond, mine + "_route_ids"):
        patch(bond[mine + "_bond_id"], "routes", i, True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
