package io.haprovision.engine;

import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two keepalived routers and a client on one LAN, made of network namespaces of this machine
 * (the recipe of LAB-NOTES.md, cut down): a bridge in a "switch" namespace, one veth per
 * host, and per router a holder process with private mount and PID namespaces and tmpfs on
 * /tmp and /run, so each keepalived has its own pid file and state dumps. Addresses are from
 * 192.0.2.0/24 only. {@link #close()} kills the holders by their recorded PIDs (killing
 * each namespace's processes with them) and deletes the namespaces.
 */
final class NetnsPair implements AutoCloseable {
  static final String VIP = "192.0.2.254";
  final String id = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
      (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
  private final Map<String, Long> holders = new LinkedHashMap<>();
  private final Map<String, String> holderLogs = new LinkedHashMap<>();
  private final List<String> namespaces = new ArrayList<>();

  /** Why this machine cannot host the pair, or null when it can. */
  static String unavailable() {
    ExecResult uid = LocalConnection.here().exec("id -u");
    if (!uid.stdout().trim().equals("0")) {
      return "not root";
    }
    ExecResult tools = LocalConnection.here().exec("command -v keepalived && command -v nsenter && command -v unshare"
        + " && ip netns list >/dev/null");
    return tools.ok() ? null : "keepalived, nsenter, unshare or `ip netns` missing: " + tools.stderr().strip();
  }

  NetnsPair() {
    try {
      String sw = ns("sw");
      sh("ip netns add " + sw + " && ip -n " + sw + " link add br0 type bridge && ip -n " + sw + " link set br0 up");
      int i = 1;
      for (String host : List.of("a", "b", "c")) {
        String n = ns(host);
        String addr = "192.0.2." + i++ + "/24";
        sh("ip netns add " + n
            + " && ip link add h8" + id + host + " type veth peer name h8" + id + host + "p"
            + " && ip link set h8" + id + host + " netns " + n
            + " && ip link set h8" + id + host + "p netns " + sw
            + " && ip -n " + n + " link set h8" + id + host + " name lan"
            + " && ip -n " + n + " addr add " + addr + " dev lan"
            + " && ip -n " + n + " link set lan up && ip -n " + n + " link set lo up"
            + " && ip -n " + sw + " link set h8" + id + host + "p master br0"
            + " && ip -n " + sw + " link set h8" + id + host + "p up");
      }
      for (String host : List.of("a", "b")) {
        // The holder is PID 1 of the router's PID namespace; its death ends every process there.
        // Its own stderr goes to a file of this machine so a holder that dies can say why.
        String log = "/tmp/h8t-" + id + "-" + host + ".holder.log";
        holderLogs.put(host, log);
        ExecResult r = sh("nsenter --net=/run/netns/" + ns(host) + " unshare --mount --pid --fork --kill-child"
            + " --propagation private sh -c '" + HOLDER + "' >/dev/null 2>" + log + " & echo $!");
        long unshare = Long.parseLong(r.stdout().trim());
        holders.put(host, awaitHolder(host, unshare));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private String ns(String host) {
    String n = "h8t-" + id + "-" + host;
    if (!namespaces.contains(n)) {
      namespaces.add(n);
    }
    return n;
  }

  /**
   * What the holder runs: its own /proc, /tmp and /run, then {@code sleep} as PID 1. It is
   * ready only once it has exec'd {@code sleep}, that is after every mount: a command that
   * entered its mount namespace earlier would write below the host's /run (keepalived's pid
   * files included) and find it hidden by the tmpfs a moment later.
   */
  private static final String HOLDER = "mount -t proc proc /proc && mount -t tmpfs none /tmp"
      + " && mount -t tmpfs none /run && exec sleep 3600";

  /** The holder (the child of {@code unshare}) once it has exec'd {@code sleep}; fails saying why not. */
  private long awaitHolder(String host, long unshare) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    Path children = Path.of("/proc", Long.toString(unshare), "task", Long.toString(unshare), "children");
    while (System.nanoTime() < deadline) {
      String child = read(children).trim();
      if (!child.isEmpty()) {
        long pid = Long.parseLong(child.split("\\s+")[0]);
        if (read(Path.of("/proc", Long.toString(pid), "comm")).trim().equals("sleep")) {
          return pid;
        }
      }
      sleep(20);
    }
    String child = read(children).trim();
    throw new IllegalStateException("router " + host + "'s namespace holder (child of unshare " + unshare
        + ") did not finish its mounts and exec sleep within 10 s; unshare "
        + (Files.exists(Path.of("/proc", Long.toString(unshare))) ? "is running" : "has exited")
        + ", child " + (child.isEmpty() ? "none" : child + " (" + read(Path.of("/proc", child.split("\\s+")[0], "cmdline"))
            .replace('\0', ' ').trim() + ")")
        + "; holder stderr: " + read(Path.of(holderLogs.get(host))).strip());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** A connection into router {@code host} ({@code a} or {@code b}): its network, mount and PID namespaces. */
  LocalConnection router(String host) {
    return new LocalConnection(List.of("nsenter", "-t", Long.toString(holders.get(host)), "-n", "-m", "-p"), Map.of());
  }

  /** A connection into the client's network namespace. */
  LocalConnection client() {
    return new LocalConnection(List.of("ip", "netns", "exec", ns("c")), Map.of());
  }

  /** The config file on each router: below /run, which is private to each router. */
  static final String CONF = "/run/ha-test/keepalived.conf";

  /** Router {@code host}'s live config file, byte for byte. */
  String liveConf(String host) {
    return router(host).exec("cat " + CONF).stdout();
  }

  /** A unicast VRRPv2 config, advert 1 s, VIP {@link #VIP}/24 on lan. */
  static String config(String host, int priority, String iface) {
    String me = host.equals("a") ? "192.0.2.1" : "192.0.2.2";
    String peer = host.equals("a") ? "192.0.2.2" : "192.0.2.1";
    return "global_defs {\n  router_id gw-" + host + "\n}\n"
        + "vrrp_instance LAN {\n  state BACKUP\n  interface " + iface + "\n  virtual_router_id 51\n"
        + "  priority " + priority + "\n  advert_int 1\n  unicast_src_ip " + me + "\n  unicast_peer {\n    " + peer
        + "\n  }\n  virtual_ipaddress {\n    " + VIP + "/24 dev lan\n  }\n}\n";
  }

  /**
   * Writes the initial configs, (re)starts keepalived on both routers and waits until the
   * router with the higher priority is MASTER, alone holding the VIP.
   * A test class shares one pair and calls this before each test to undo what the last one
   * changed.
   */
  void start(int priorityA, int priorityB) {
    for (String host : List.of("a", "b")) {
      stopKeepalived(host);
    }
    for (Entry<String, Integer> e : Map.of("a", priorityA, "b", priorityB).entrySet()) {
      String host = e.getKey();
      LocalConnection r = router(host);
      ExecResult w = r.exec("mkdir -p /run/ha-test && cat > " + CONF + " && { { wc -c < " + LOG + "; } 2>/dev/null || echo 0; } && " + START,
          config(host, e.getValue(), "lan").getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.time.Duration.ofSeconds(20));
      if (!w.ok()) {
        throw new IllegalStateException("could not write " + CONF + " and start keepalived on router " + host
            + ": exit " + w.exitCode() + ", stderr: " + w.stderr().strip());
      }
      String logFrom = w.stdout().isBlank() ? "0" : w.stdout().strip();
      awaitRunning(host, logFrom);
    }
    // The router with the higher priority is the MASTER the tests start from. Under load the
    // other one can win the first election and hold the VIP until it is preempted, so any
    // VIP holder is not enough.
    String master = priorityA > priorityB ? "a" : "b";
    String backup = master.equals("a") ? "b" : "a";
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (holdsVip(master) && !holdsVip(backup)) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("router " + master + " (the higher priority) did not become the only holder of " + VIP
        + " within 15 s\n" + state());
  }

  /** Waits until keepalived's VRRP process runs on {@code host}; fails with its own log when it exited instead. */
  private void awaitRunning(String host, String logFrom) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      ExecResult r = router(host).exec("p=$(cat /run/vrrp.pid 2>/dev/null) && kill -0 \"$p\" 2>/dev/null && echo running;"
          + " tail -c +$((" + logFrom + " + 1)) " + LOG + " 2>/dev/null | grep -q '^keepalived exited' && echo exited");
      if (r.stdout().contains("running")) {
        return;
      }
      if (r.stdout().contains("exited")) {
        break;
      }
      sleep(50);
    }
    throw new IllegalStateException("keepalived did not start on router " + host + " (no live process in /run/vrrp.pid"
        + " within 10 s)\n" + router(host).exec("echo '--- its log since this start:'; tail -c +$((" + logFrom + " + 1)) "
            + LOG + "; " + PID_FILES_AND_HOLDERS).stdout());
  }

  /** Stops keepalived on {@code host} if it runs, and waits until it has exited (it drops the VIP as it goes). */
  private void stopKeepalived(String host) {
    ExecResult r = router(host).exec("p=$(cat /run/keepalived.pid 2>/dev/null) || exit 0; kill \"$p\" 2>/dev/null || exit 0;"
        + " i=0; while kill -0 \"$p\" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done;"
        + " kill -0 \"$p\" 2>/dev/null && { echo \"keepalived $p still runs 10 s after SIGTERM\"; exit 1; }; exit 0");
    if (!r.ok()) {
      throw new IllegalStateException("could not stop keepalived on router " + host + ": " + r.stdout().strip()
          + "\n" + router(host).exec(PID_FILES_AND_HOLDERS).stdout());
    }
  }

  /** Both routers' addresses, keepalived processes, pid files and the tail of keepalived's log, for failures. */
  String state() {
    StringBuilder s = new StringBuilder();
    for (String host : holders.keySet()) {
      s.append("--- router ").append(host).append('\n').append(router(host).exec("ip -o -4 addr show dev lan; "
          + PID_FILES_AND_HOLDERS + "; echo '--- log tail:'; tail -n 20 " + LOG + " 2>/dev/null").stdout());
    }
    return s.toString();
  }

  /** keepalived's own log on each router (it runs in the foreground with console logging into it). */
  static final String LOG = "/run/ha-test/keepalived.log";

  private static final String PID_FILES_AND_HOLDERS = "for f in /run/keepalived.pid /run/vrrp.pid; do"
      + " if [ -e $f ]; then p=$(cat $f); echo \"$f: $p $(ps -o comm= -p \"$p\" 2>/dev/null || echo '(no such process)')\";"
      + " else echo \"$f: absent\"; fi; done; echo 'keepalived processes:'; ps -o pid=,args= -C keepalived";

  /**
   * Starts keepalived (VRRP only) on the router the command runs on: in the foreground of a
   * background shell, so its own messages and its exit status go to {@link #LOG}. It writes
   * its pid files as a daemon would. Only the subshell goes to the background (braces): a
   * whole {@code a && b &} list would run there, with its standard input from /dev/null.
   */
  static final String START = "mkdir -p /run/ha-test && { (keepalived -n -l -D -P -f " + CONF
      + "; echo \"keepalived exited $?\") >> " + LOG + " 2>&1 < /dev/null & }";

  boolean holdsVip(String host) {
    return router(host).exec("ip -o addr show dev lan").stdout().contains(" " + VIP + "/");
  }

  private static ExecResult sh(String command) {
    ExecResult r = LocalConnection.here().exec(command);
    if (!r.ok()) {
      throw new IllegalStateException("`" + command + "` failed: " + r.stderr());
    }
    return r;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (long pid : holders.values()) {
      LocalConnection.here().exec("kill -KILL " + pid + " 2>/dev/null");
    }
    holders.clear();
    for (String n : namespaces) {
      LocalConnection.here().exec("ip netns del " + n + " 2>/dev/null");
    }
    namespaces.clear();
  }
}
