#!/usr/bin/env python3
"""The speed comparison of issue 15 (run it through bench/compare.sh, which installs what it needs).

Everything runs on this machine, against its own lab: `provision lab up` (OpenWrt personality)
and the simulated fleet of `provision lab fleet` on loopback. Times are wall-clock seconds;
CPU is user + system time of the measured process and its children; memory is the measured
process's peak resident set (ru_maxrss). Each repeated measurement is run --runs times,
alternating between the tools, and the median is reported.
"""
import argparse
import concurrent.futures
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def machine_busy():
    """Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq of every core):
    the lab's nodes run on this machine too, so this counts their sshd and probe work as well."""
    with open("/proc/stat") as f:
        fields = f.readline().split()
    return sum(int(fields[i]) for i in (1, 2, 3, 6, 7)) / os.sysconf("SC_CLK_TCK")


def measure(cmd, out=None, err=None, env=None, cwd=None):
    """Runs cmd; returns wall seconds, CPU seconds (user+sys), peak RSS (KiB), exit code and the
    machine's busy CPU seconds meanwhile."""
    busy = machine_busy()
    start = time.monotonic()
    with open(out or os.devnull, "wb") as o, open(err or os.devnull, "wb") as e:
        p = subprocess.Popen(cmd, stdout=o, stderr=e, env=env, cwd=cwd)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": time.monotonic() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_kb": usage.ru_maxrss, "rc": p.returncode, "machine_cpu": machine_busy() - busy}


def json_of(path):
    text = open(path).read()
    return json.loads(text[text.index("{"):])


def median(values):
    return statistics.median(values) if values else float("nan")


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.jar = os.path.abspath(args.jar)
        self.results = {"runs": [], "fleet": []}

    def provision(self, *argv, java_options=(), **kw):
        return measure(["java", *java_options, "-jar", self.jar, *argv], **kw)

    # --- the lab ---------------------------------------------------------------------------
    def lab_up(self):
        self.run_id = "bc%04d" % random.randrange(10000)
        self.inventory = os.path.join(self.work, "lab.yml")
        r = self.provision("lab", "up", "--pairs", str(self.args.pairs), "--run-id", self.run_id,
                           "--inventory-out", self.inventory)
        if r["rc"] != 0:
            sys.exit("provision lab up failed (exit %d); is this root on Linux?" % r["rc"])
        doc = yaml.safe_load(open(self.inventory))
        ssh = doc["defaults"]["ssh"]
        self.ssh = ["ssh", "-q", "-i", ssh["identity_file"], "-o", "UserKnownHostsFile=" + ssh["known_hosts"],
                    "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-l", ssh["user"]]
        self.hosts = [n["host"] for p in doc["pairs"] for n in p["nodes"]]
        hosts_ini = os.path.join(self.work, "hosts.ini")
        with open(hosts_ini, "w") as f:
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "ansible", "inventory.py"), self.inventory],
                           stdout=f, check=True)
        self.hosts_ini = hosts_ini

    def lab_down(self):
        if getattr(self, "run_id", None):
            self.provision("lab", "down", self.run_id)

    # --- one measurement each --------------------------------------------------------------
    def floor(self):
        """len(hosts) x `ssh HOST true`, --pairs of them at once: wall seconds and the machine's busy
        CPU seconds meanwhile."""
        busy = machine_busy()
        start = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(self.args.pairs) as pool:
            codes = list(pool.map(lambda h: subprocess.run(self.ssh + [h, "true"]).returncode, self.hosts))
        if any(codes):
            sys.exit("ssh true failed on %d of the lab's nodes" % sum(1 for c in codes if c))
        return time.monotonic() - start, machine_busy() - busy

    def ha(self, verb, name):
        out = os.path.join(self.work, name + ".json")
        argv = [verb, self.inventory, "--parallel", str(self.args.pairs), "--json"]
        if verb == "apply":
            argv += ["--yes", "--no-verify"]
        r = self.provision(*argv, out=out, err=os.path.join(self.work, name + ".err"))
        doc = json_of(out) if os.path.getsize(out) else {}
        r["doc"] = doc
        return r

    def ansible(self, gathering, name):
        env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "bench", "ansible", "ansible.cfg"),
                   ANSIBLE_GATHERING=gathering, ANSIBLE_FORKS=str(self.args.pairs))
        log = os.path.join(self.work, name + ".log")
        r = measure(["ansible-playbook", "-i", self.hosts_ini, "playbook.yml"], out=log, err=log + ".err", env=env,
                    cwd=os.path.join(ROOT, "bench", "ansible"))
        recap = [line for line in open(log) if " changed=" in line and " unreachable=" in line]
        r["changed"] = sum(int(line.split(" changed=")[1].split()[0]) for line in recap)
        r["failed"] = sum(int(line.split(" failed=")[1].split()[0]) for line in recap)
        r["hosts"] = len(recap)
        if r["rc"] != 0 or r["failed"] or r["hosts"] != len(self.hosts):
            sys.exit("ansible-playbook failed (exit %d, %d failed of %d hosts): see %s"
                     % (r["rc"], r["failed"], r["hosts"], log))
        return r

    # --- the comparison --------------------------------------------------------------------
    def lab_runs(self):
        a = self.args
        first = self.ha("apply", "first-converge")
        applied = first["doc"].get("apply", {})
        gate_failed = sorted({p["pair"] for p in applied.get("pairs", []) for n in p.get("nodes", [])
                              if (n.get("gate") or {}).get("status") == "failed"})
        if first["rc"] not in (0, 1) or not applied:
            sys.exit("the first converge did not run (exit %d); see %s" % (first["rc"], self.work))
        verify = self.ha("verify", "verify")
        healthy = {p["pair"] for p in verify["doc"].get("pairs", [])
                   if all(c["status"] != "failed" for c in p.get("checks", []))}
        ans_first = self.ansible("implicit", "ansible-first")
        self.results["first"] = {"ha": first["wall"], "gate_failed": gate_failed,
                                 "falsely": sorted(set(gate_failed) & healthy), "ansible": ans_first["wall"],
                                 "verify": verify["wall"], "verify_ok": len(healthy)}
        for r in range(a.runs):
            row = {}
            row["floor"], row["floor_machine_cpu"] = self.floor()
            plan = self.ha("plan", "plan-%d" % r)
            if plan["doc"].get("summary", {}).get("has_changes", True):
                sys.exit("the no-op plan has changes; see %s" % self.work)
            row["plan"] = plan["wall"]
            apply = self.ha("apply", "noop-%d" % r)
            if apply["doc"].get("apply", {}).get("changes_applied", 1) != 0:
                sys.exit("the no-op converge changed something; see %s" % self.work)
            row["apply"] = apply["wall"]
            row["plan_cpu"] = plan["cpu"]
            row["plan_machine_cpu"] = plan["machine_cpu"]
            for gathering, key in (("implicit", "ansible"), ("explicit", "ansible_nofacts")):
                ans = self.ansible(gathering, "ansible-%s-%d" % (gathering, r))
                if ans["changed"]:
                    sys.exit("the Ansible no-op run changed %d tasks" % ans["changed"])
                row[key] = ans["wall"]
            self.results["runs"].append(row)
            print("  run %d: %s" % (r + 1, ", ".join("%s %.2f s" % kv for kv in row.items())), flush=True)

    def fleet_runs(self):
        recording = None
        for pairs in self.args.fleet:
            d = os.path.join(self.work, "fleet-%d" % pairs)
            argv = ["lab", "fleet", "--pairs", str(pairs), "--dir", d]
            argv += ["--recording", recording] if recording else ["--from", self.inventory, "--pair", "p1"]
            server = subprocess.Popen(["java", "-Xmx1g", "-jar", self.jar, *argv], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                line = server.stdout.readline()
                if not line.startswith("ready"):
                    sys.exit("the fleet of %d pairs did not start: %r" % (pairs, line))
                recording = recording or os.path.join(d, "recording.txt")
                inventory = os.path.join(d, "fleet.yml")
                heaps = [("-Xmx" + self.args.fleet_heap,)]
                if pairs == max(self.args.fleet):
                    heaps.append(())
                for heap in heaps:
                    out = os.path.join(d, "plan%s.json" % "".join(heap))
                    r = self.provision("plan", inventory, "--parallel", str(self.args.fleet_parallel), "--json",
                                       java_options=heap, out=out, err=out + ".err")
                    doc = json_of(out) if r["rc"] in (0, 2) and os.path.getsize(out) else {}
                    if doc.get("summary", {}).get("has_changes", True):
                        sys.exit("the fleet's plan of %d pairs failed or has changes (exit %d); see %s"
                                 % (pairs, r["rc"], out + ".err"))
                    self.results["fleet"].append({"pairs": pairs, "nodes": 2 * pairs, "heap": " ".join(heap) or
                                                  "JVM default", "wall": r["wall"], "cpu": r["cpu"],
                                                  "rss_mb": r["rss_kb"] / 1024})
                    print("  fleet %d pairs (%s): %.1f s, CPU %.1f s, peak RSS %.0f MB" % (
                        pairs, " ".join(heap) or "default heap", r["wall"], r["cpu"], r["rss_kb"] / 1024),
                          flush=True)
            finally:
                server.stdin.close()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()

    # --- the report ------------------------------------------------------------------------
    def report(self):
        a = self.args
        runs = self.results["runs"]
        m = {k: median([r[k] for r in runs]) for k in ("floor", "plan", "apply", "ansible", "ansible_nofacts",
                                                         "floor_machine_cpu", "plan_machine_cpu", "plan_cpu")}
        f = self.results["first"]
        nodes = len(self.hosts)
        cpu = os.cpu_count()
        model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                     platform.processor())
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        ansible = subprocess.run(["ansible-playbook", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        lines = [
            "Machine: %d cores (%s), %s; %s. Lab: %d OpenWrt-personality pairs (%d nodes); medians of %d runs."
            % (cpu, model, java, ansible, a.pairs, nodes, a.runs),
            "",
            "| run | ha-provision | Ansible (facts gathered) | Ansible (no facts) | %d x `ssh true`, %d at once |"
            " ha-provision / floor | Ansible / ha-provision |" % (nodes, a.pairs),
            "|---|---|---|---|---|---|---|",
            "| first converge (`apply --yes --parallel %d --no-verify`) | %.1f s; %d of %d pairs failed the gate (%d"
            " falsely) | %.1f s | - | - | - | %.1fx |" % (a.pairs, f["ha"], len(f["gate_failed"]), a.pairs,
                                                       len(f["falsely"]), f["ansible"], f["ansible"] / f["ha"]),
            "| no-op converge | %.2f s | %.1f s | %.1f s | %.2f s | %.2fx | %.1fx / %.1fx |"
            % (m["apply"], m["ansible"], m["ansible_nofacts"], m["floor"], m["apply"] / m["floor"],
               m["ansible"] / m["apply"], m["ansible_nofacts"] / m["apply"]),
            "| no-op `plan` | %.2f s | - | - | %.2f s | %.2fx | - |" % (m["plan"], m["floor"], m["plan"] / m["floor"]),
            "| `verify --parallel %d` (no drills) | %.1f s, %d of %d pairs healthy | - | - | - | - | - |"
            % (a.pairs, f["verify"], f["verify_ok"], a.pairs),
            "",
            "Where the CPU goes (busy CPU seconds of the whole machine while each ran, the lab's nodes"
            " included; %d cores give at most %d CPU seconds per second of wall time):" % (cpu, cpu),
            "",
            "| run | machine CPU | of which the control process | of which everything else (the nodes' sshd,"
            " shells, probes, keepalived) |",
            "|---|---|---|---|",
            "| %d x `ssh true` | %.2f s | - | - |" % (nodes, m["floor_machine_cpu"]),
            "| no-op `plan` | %.2f s | %.2f s | %.2f s |" % (m["plan_machine_cpu"], m["plan_cpu"],
                                                         m["plan_machine_cpu"] - m["plan_cpu"]),
        ]
        if self.results["fleet"]:
            lines += ["", "Simulated fleet (`provision lab fleet`: one Apache MINA SSHD process on loopback answering"
                      " the facts probe from pair p1's recorded output), no-op `plan --parallel %d`:" % a.fleet_parallel,
                      "",
                      "| pairs | nodes | control JVM heap | wall | CPU | peak RSS | CPU per added node | RSS per added"
                      " node |",
                      "|---|---|---|---|---|---|---|---|"]
            # Per node: the slope from the smallest fleet measured with the same heap (the JVM's own
            # start-up cost is the same at every size and is left out that way).
            base = {}
            for r in self.results["fleet"]:
                b = base.setdefault(r["heap"], r)
                slope = b is not r and r["nodes"] > b["nodes"]
                lines.append("| %d | %d | %s | %.1f s | %.1f s | %.0f MB | %s | %s |" % (
                    r["pairs"], r["nodes"], r["heap"], r["wall"], r["cpu"], r["rss_mb"],
                    "%.1f ms" % (1000 * (r["cpu"] - b["cpu"]) / (r["nodes"] - b["nodes"])) if slope else "-",
                    "%.0f KB" % (1024 * (r["rss_mb"] - b["rss_mb"]) / (r["nodes"] - b["nodes"])) if slope else "-"))
        lines += ["", "Command: bash bench/compare.sh --pairs %d --runs %d --fleet \"%s\"" % (
            a.pairs, a.runs, " ".join(map(str, a.fleet)))]
        print("\n".join(lines))
        with open(os.path.join(a.out), "w") as out:
            json.dump(self.results, out, indent=2)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pairs", type=int, default=20, help="lab pairs (default 20)")
    p.add_argument("--runs", type=int, default=3, help="runs of each no-op measurement (default 3)")
    p.add_argument("--fleet", default="50 100 250 500 1000",
                   help="simulated fleet sizes in pairs, space-separated; empty for none (default: 50 100 250 500 1000)")
    p.add_argument("--fleet-parallel", type=int, default=50, help="--parallel of the fleet's plan (default 50)")
    p.add_argument("--fleet-heap", default="256m", help="the control JVM's -Xmx in the fleet runs (default 256m)")
    p.add_argument("--jar", default=os.path.join(ROOT, "ha-cli", "target", "provision.jar"))
    p.add_argument("--out", default="bench-results.json", help="where the raw results go (JSON)")
    args = p.parse_args()
    args.fleet = [int(x) for x in args.fleet.split()]
    if os.geteuid() != 0:
        sys.exit("run as root: the benchmark starts a lab of network namespaces")
    if not os.path.exists(args.jar):
        sys.exit("%s is missing: build first (mvn -o -q install -DskipTests, or the README's first command)" % args.jar)
    work = tempfile.mkdtemp(prefix="ha-bench-")
    bench = Bench(args, work)
    try:
        print("lab of %d pairs ..." % args.pairs, flush=True)
        bench.lab_up()
        bench.lab_runs()
        if args.fleet:
            bench.fleet_runs()
        bench.report()
    finally:
        bench.lab_down()
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
