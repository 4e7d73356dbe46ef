package io.haprovision.engine;

import io.haprovision.transport.ExecResult;
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
        ExecResult r = sh("nsenter --net=/run/netns/" + ns(host) + " unshare --mount --pid --fork --kill-child"
            + " --propagation private sh -c 'mount -t proc proc /proc && mount -t tmpfs none /tmp"
            + " && mount -t tmpfs none /run && exec sleep 3600' >/dev/null 2>&1 & echo $!");
        long unshare = Long.parseLong(r.stdout().trim());
        long holder = waitForChild(unshare);
        holders.put(host, holder);
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

  private static long waitForChild(long parent) {
    for (int i = 0; i < 100; i++) {
      ExecResult r = LocalConnection.here().exec("pgrep -P " + parent);
      if (r.ok() && !r.stdout().isBlank()) {
        return Long.parseLong(r.stdout().trim().split("\\s+")[0]);
      }
      sleep(50);
    }
    throw new IllegalStateException("the holder of namespace process " + parent + " did not start");
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

  /** Writes the initial configs, starts keepalived on both routers and waits for a MASTER. */
  void start(int priorityA, int priorityB) {
    for (Entry<String, Integer> e : Map.of("a", priorityA, "b", priorityB).entrySet()) {
      LocalConnection r = router(e.getKey());
      ExecResult w = r.exec("mkdir -p /run/ha-test && cat > " + CONF + " && " + START,
          config(e.getKey(), e.getValue(), "lan").getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.time.Duration.ofSeconds(20));
      if (!w.ok()) {
        throw new IllegalStateException("keepalived did not start: " + w.stderr());
      }
    }
    for (int i = 0; i < 100; i++) {
      if (holdsVip("a") || holdsVip("b")) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("no keepalived became MASTER within 10 s");
  }

  /** Starts keepalived (VRRP only) on the router the command runs on. */
  static final String START = "keepalived -P -f " + CONF;

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
