package io.haprovision.engine;

import io.haprovision.transport.ExecResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated keepalived pair on a {@link FakeClock}, answering the engine's commands as a
 * pair of routers would: framed probe scripts (system, keepalived, {@code ip -o addr},
 * the JSON state dump, {@code fake-get} settings) and the commands {@code fake-set},
 * {@code fake-commit}, {@code fake-reload}, {@code fake-stop}, {@code fake-start}.
 *
 * <p>VRRP is modelled coarsely: the running node with the highest loaded priority becomes
 * MASTER once it is eligible; a gracefully stopped MASTER's peer is eligible 0.4 s later, a
 * started node 0.6 s after its start. A reload loads the configured priority and keeps the
 * role unless priorities say otherwise. Faults can be injected per node.
 */
final class FakePair {
  static final String VIP = "192.0.2.254";
  private static final Pattern NONCE = Pattern.compile("printf '@@ha-%s begin %s@@\\\\n' ([0-9a-f]+)");
  private static final Pattern SECTION = Pattern.compile("(?s)ha_begin ([A-Za-z0-9_.-]+)\n\\(\n(.*?)\\) </dev/null\nha_end ");

  final String name;
  final FakeClock clock;
  final Node a;
  final Node b;
  /** Every command that changed something, in order: {@code gw-b: fake-set priority 110}. */
  final List<String> log = new ArrayList<>();
  private String master;

  /** One simulated router. */
  final class Node {
    final String name;
    final String address;
    boolean running = true;
    int loadedPriority;
    final Map<String, String> settings = new LinkedHashMap<>();
    /** The handlers this node is owed (its ledger). */
    final java.util.Set<String> owed = new java.util.LinkedHashSet<>();
    long becameMaster;
    long releasedMaster;
    double eligibleAt = -1e9;
    /** Keys whose fake-set fails. */
    final List<String> failing = new ArrayList<>();
    /** What a fake-set does besides setting (takes time, say), by key. */
    final Map<String, Runnable> onSet = new LinkedHashMap<>();
    /** What a reload does besides loading the configuration (a fault injection), if anything. */
    Consumer<Node> onReload = n -> { };
    boolean reloadLoadsConfig = true;
    /** Every probe script this node was sent, in order. */
    final List<String> probes = new ArrayList<>();
    /** How long each read of this node takes (0: at once). */
    double probeSeconds;
    /** Never becomes MASTER (its adverts are lost, say). */
    boolean neverTakesOver;
    /** What {@code cat} of the pair lock shows (a lock another run holds); empty when free. */
    String lockHeldBy = "";
    /** The connection of the latest session opened to this node. */
    ScriptedConnection connection;
    /** The settings saved by the armed revert; null when none is armed. */
    Map<String, String> armed;
    /** The armed revert's log once it ran; null before. */
    String revertLog;
    /** A new connection to this node fails (its management path is broken). */
    boolean unreachable;

    Node(String name, String address, int priority) {
      this.name = name;
      this.address = address;
      this.loadedPriority = priority;
      settings.put("priority", Integer.toString(priority));
      settings.put("motd", "hello");
      connect();
    }

    /** A new session to this node, as the connector opens one per run. */
    ScriptedConnection connect() {
      connection = new ScriptedConnection("root@" + name + ":22", this::answer);
      return connection;
    }

    /** One more connection, besides the session's (the rollout's confirmation). */
    ScriptedConnection fresh() {
      if (unreachable) {
        throw new io.haprovision.error.TargetException(io.haprovision.error.TargetException.Kind.UNREACHABLE,
            "root@" + name + ":22", "connect timed out");
      }
      return new ScriptedConnection("root@" + name + ":22", this::answer);
    }

    /** The revert commands of ShellRevert: arm saves the settings, now puts them back. */
    private ExecResult revert(String command) {
      String verb = command.substring("# ha-provision revert: ".length(), command.indexOf('\n'));
      long now = (long) clock.seconds();
      switch (verb) {
        case "arm":
          if (armed != null) {
            return new ExecResult(ShellRevert.PENDING, "pending fire=" + (now + 300) + "\n", "");
          }
          armed = new LinkedHashMap<>(settings);
          revertLog = null;
          return new ExecResult(0, "armed fire=" + (now + 300) + " now=" + now + "\n", "");
        case "status":
          return new ExecResult(0, armed != null ? "armed fire=" + (now + 300) + " now=" + now + "\n"
              : revertLog != null ? "reverted\n" + revertLog : "none\n", "");
        case "disarm":
          if (armed == null) {
            return new ExecResult(ShellRevert.FIRED, "fired\n", "");
          }
          armed = null;
          return new ExecResult(0, "disarmed\n", "");
        default:
          if (armed == null) {
            return new ExecResult(ShellRevert.FIRED, "fired\n", "");
          }
          settings.clear();
          settings.putAll(armed);
          armed = null;
          if (running) {
            reload();
          }
          revertLog = "00:00:00 restored the settings\n00:00:00 done\n";
          log.add(name + ": reverted");
          return new ExecResult(0, "reverted\n" + revertLog, "");
      }
    }

    Node peer() {
      return this == a ? b : a;
    }

    boolean isMaster() {
      settle();
      return name.equals(master);
    }

    void stop() {
      running = false;
      if (name.equals(master)) {
        master = null;
        peer().eligibleAt = clock.seconds() + 0.4;
      }
    }

    void crash() {
      running = false;
      if (name.equals(master)) {
        master = null;
        peer().eligibleAt = clock.seconds() + 3.6;
      }
    }

    void start() {
      running = true;
      loadedPriority = Integer.parseInt(settings.get("priority"));
      eligibleAt = clock.seconds() + 0.6;
    }

    void reload() {
      if (reloadLoadsConfig) {
        loadedPriority = Integer.parseInt(settings.get("priority"));
        eligibleAt = Math.max(eligibleAt, clock.seconds() + 0.1);
      }
      onReload.accept(this);
    }

    private ExecResult answer(String command, String stdin) {
      settle();
      if (command.equals("sh -s")) {
        // A loaded machine or router: the answer comes this much later, and is as of then.
        clock.advance(java.time.Duration.ofMillis(Math.round(probeSeconds * 1000)));
        settle();
        return probe(stdin);
      }
      if (command.startsWith("# ha-provision revert: ")) {
        return revert(command);
      }
      if (command.startsWith("{ ") && command.contains("\n} && ")) {
        // A handler and its ledger update: the second runs only when the first succeeded.
        int split = command.indexOf("\n} && ");
        ExecResult handler = answer(command.substring(2, split), stdin);
        return handler.ok() ? answer(command.substring(split + "\n} && ".length()), stdin) : handler;
      }
      if (command.contains("/lock.")) {
        // The pair lock file: taking it (noclobber) prints what the file holds afterwards.
        if (command.contains("set -C")) {
          if (lockHeldBy.isEmpty()) {
            Matcher content = Pattern.compile("printf '%s' '((?:[^']|'\\\\'')*)' >").matcher(command);
            lockHeldBy = content.find() ? content.group(1).replace("'\\''", "'") : "";
          }
          return new ExecResult(0, lockHeldBy, "");
        }
        if (command.startsWith("cat ")) {
          return new ExecResult(0, lockHeldBy, "");
        }
        Matcher mine = Pattern.compile("^grep -qx '?(token=[0-9a-f]+)").matcher(command);
        if (command.startsWith("rm -f ") || mine.find() && lockHeldBy.contains(mine.group(1) + "\n")) {
          lockHeldBy = "";
        }
        return new ExecResult(0, "", "");
      }
      if (command.contains("/owed-handlers.")) {
        // The handler ledger: rewritten whole, or removed.
        owed.clear();
        if (!command.startsWith("rm -f ")) {
          Matcher names = Pattern.compile("'((?:[^']|'\\\\'')*)'").matcher(
              command.substring(command.indexOf("printf '%s\\n'") + "printf '%s\\n'".length(), command.indexOf(" > ")));
          while (names.find()) {
            owed.add(names.group(1).replace("'\\''", "'"));
          }
        }
        return new ExecResult(0, "", "");
      }
      String[] words = command.split(" ");
      switch (words[0]) {
        case "fake-set":
          if (failing.contains(words[1])) {
            return new ExecResult(1, "", "fake-set: no space left on device");
          }
          settings.put(words[1], words[2]);
          onSet.getOrDefault(words[1], () -> { }).run();
          break;
        case "fake-commit":
          break;
        case "fake-reload":
          reload();
          break;
        case "fake-stop":
          stop();
          break;
        case "fake-start":
          start();
          break;
        default:
          return new ExecResult(127, "", "sh: " + words[0] + ": not found");
      }
      log.add(name + ": " + command);
      settle();
      return new ExecResult(0, "", "");
    }

    private ExecResult probe(String script) {
      probes.add(script);
      Matcher n = NONCE.matcher(script);
      if (!n.find()) {
        throw new AssertionError("not a framed probe script:\n" + script);
      }
      String nonce = n.group(1);
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      Matcher m = SECTION.matcher(script);
      while (m.find()) {
        String id = m.group(1);
        String snippet = m.group(2);
        String text;
        int rc = 0;
        if (id.equals("sys")) {
          text = "os=openwrt\nos_version=24.10.4\nos_name=OpenWrt 24.10.4 (fake)\npackage_manager=opkg\ninit=procd\n"
              + "kernel=6.6.0\nhostname=" + name + "\n";
        } else if (id.equals("keepalived")) {
          text = "binary=/usr/sbin/keepalived\nversion=Keepalived v2.2.8 (04/04,2023)\njson_signal=37\n"
              + "pid=" + (running ? "42" : "") + "\npid_source=" + (running ? "/var/run/keepalived.pid" : "") + "\n"
              + (running ? "cmdline=/usr/sbin/keepalived -n -f /tmp/keepalived.conf \n" : "");
        } else if (id.equals("addr")) {
          text = "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
              + "3: br-lan    inet " + address + "/24 brd 192.0.2.255 scope global br-lan\\       valid_lft forever"
              + " preferred_lft forever\n"
              + (name.equals(master) ? "3: br-lan    inet " + VIP + "/24 scope global secondary br-lan\\       valid_lft"
              + " forever preferred_lft forever\n" : "");
        } else if (id.equals("dump")) {
          if (!running) {
            text = "keepalived is not running\n";
            rc = 3;
          } else {
            int state = name.equals(master) ? 2 : 1;
            text = "format=json\n--\n[{\"data\":{\"iname\":\"LAN\",\"ifp_ifname\":\"br-lan\",\"vrid\":51,\"base_priority\":"
                + loadedPriority + ",\"effective_priority\":" + loadedPriority + ",\"state\":" + state
                + ",\"adver_int\":1,\"version\":2,\"vips\":[\"" + VIP + "/24 dev br-lan scope global"
                + (state == 2 ? " set" : "") + "\"]},\"stats\":{\"become_master\":" + becameMaster
                + ",\"release_master\":" + releasedMaster + "}}]";
          }
        } else if (id.equals("lock")) {
          text = "";
        } else if (id.equals("revert")) {
          long now = (long) clock.seconds();
          text = armed != null ? "armed fire=" + (now + 300) + " now=" + now + "\n" : "none\n";
        } else if (id.equals("owed")) {
          text = owed.isEmpty() ? "" : String.join("\n", owed) + "\n";
        } else if (snippet.startsWith("f=")) {
          // A file probe: the fake nodes hold no files (a plan never gets as far as writing one).
          text = "type=absent\n";
        } else if (snippet.strip().equals("fake-labels")) {
          StringBuilder all = new StringBuilder();
          settings.forEach((k, v) -> {
            if (k.startsWith("label.")) {
              all.append(k.substring("label.".length())).append('=').append(v).append('\n');
            }
          });
          text = all.toString();
        } else if (snippet.startsWith("fake-get ")) {
          String key = snippet.substring("fake-get ".length()).trim();
          text = settings.containsKey(key) ? "value=" + settings.get(key) + "\n" : "";
        } else {
          throw new AssertionError("the fake node does not know section " + id + ":\n" + snippet);
        }
        out.append("@@ha-").append(nonce).append(" begin ").append(id).append("@@\n").append(text)
            .append("\n@@ha-").append(nonce).append(" end ").append(id).append(' ').append(rc).append("@@\n");
        err.append("@@ha-").append(nonce).append(" begin ").append(id).append("@@\n")
            .append("\n@@ha-").append(nonce).append(" end ").append(id).append(' ').append(rc).append("@@\n");
      }
      return new ExecResult(0, out.toString(), err.toString());
    }
  }

  FakePair(String name, FakeClock clock) {
    this.name = name;
    this.clock = clock;
    this.a = new Node("gw-a", "192.0.2.1", 150);
    this.b = new Node("gw-b", "192.0.2.2", 100);
    this.master = "gw-a";
    a.becameMaster = 1;
  }

  Node node(String node) {
    return node.equals("gw-a") ? a : b;
  }

  /**
   * A reload that makes {@code n} drop MASTER for a moment (as a reload with mismatched peers
   * does): the peer takes over at once, and {@code n} preempts back 0.5 s later.
   */
  void flap(Node n) {
    settle();
    if (n.name.equals(master)) {
      n.releasedMaster++;
      master = n.peer().name;
      n.peer().becameMaster++;
      n.eligibleAt = clock.seconds() + 0.5;
    }
  }

  /** The MASTER now, or null. */
  String master() {
    settle();
    return master;
  }

  /** Applies the VRRP rules up to now. */
  void settle() {
    double now = clock.seconds();
    Node best = null;
    for (Node n : List.of(a, b)) {
      if (n.running && (best == null || n.loadedPriority > best.loadedPriority)) {
        best = n;
      }
    }
    if (master != null && !node(master).running) {
      master = null;
    }
    if (best == null || best.name.equals(master) || now < best.eligibleAt || best.neverTakesOver) {
      return;
    }
    if (master != null) {
      Node old = node(master);
      if (old.loadedPriority >= best.loadedPriority) {
        return;
      }
      old.releasedMaster++;
    }
    master = best.name;
    best.becameMaster++;
  }
}
