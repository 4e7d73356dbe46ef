package io.haprovision.lab.routeros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two simulated RouterOS routers (a lab stand-in for a MikroTik pair, not RouterOS) joined
 * by their HA link and by every ethernet port of the same name, sharing one simulated clock.
 * Each router listens for SSH on 127.0.0.1 and runs the RouterOS CLI subset of the platform
 * contract; the lab elects VRRP masters between them and runs the role hooks.
 *
 * <pre>{@code
 * try (RouterOsLab lab = RouterOsLab.start(RouterOsLab.Spec.of(RouterOsDialect.V7, "7.12.1")
 *     .pair("ccr").authorizedKey(publicKeyLine).etherCount(8))) {
 *   SimulatedRouter a = lab.a();
 *   a.console("/system identity print");
 * }
 * }</pre>
 *
 * <p>VRRP: per peer group (same {@code vrid}, on ports joined to each other, both routers on,
 * both VRRP interfaces and their underlying interfaces enabled, adverts understood: same
 * version, and with VRRPv2 the same interval and authentication) the highest priority wins, a
 * tie goes to the higher primary address of the underlying interface; with
 * {@code preemption-mode=no} a current master keeps the role against a higher priority. A v7
 * VRRP interface with {@code group-master=X} follows X. Every change of role runs
 * {@code on-master} / {@code on-backup} through the same interpreter. Elections re-run after
 * every command that can change them and on power off/on.
 */
public final class RouterOsLab implements AutoCloseable {
  /** The most hook rounds one change may cause before the lab stops (hooks that flap each other). */
  private static final int MAX_ROUNDS = 50;

  private final Object lock = new Object();
  private final Spec spec;
  private final SimulatedClock clock;
  private final SimulatedRouter a;
  private final SimulatedRouter b;
  private boolean electing;
  private boolean dirty;

  /**
   * What to start. Build with {@link #of} and the fluent setters (each returns a new spec).
   *
   * @param dialect       RouterOS 6 or 7 command-line dialect
   * @param version       the version the routers report ({@code 6.44.6}, {@code 7.12.1})
   * @param name          the pair name; the routers are {@code NAME-a} and {@code NAME-b}
   * @param user          the SSH user
   * @param authorizedKey the user's OpenSSH public key line, or null for none
   * @param password      the user's password, or null to refuse password authentication
   * @param etherCount    how many built-in ethernet ports each router has
   * @param boardName     the model ({@code /system resource print} board-name)
   * @param clockStart    the simulated clock's start
   */
  public record Spec(RouterOsDialect dialect, String version, String name, String user, String authorizedKey,
      String password, int etherCount, String boardName, LocalDateTime clockStart) {

    /** Checks the spec: a dialect, a version and 1..64 ethernet ports. */
    public Spec {
      Objects.requireNonNull(dialect, "dialect");
      Objects.requireNonNull(version, "version");
      if (etherCount < 1 || etherCount > 64) {
        throw new IllegalArgumentException("etherCount must be 1..64, was " + etherCount);
      }
    }

    /** A pair {@code ccr} of factory-like routers with 8 ports, user {@code admin}, clock at the current minute. */
    public static Spec of(RouterOsDialect dialect, String version) {
      return new Spec(dialect, version, "ccr", "admin", null, null, 8, "CCR2004-16G-2S+",
          LocalDateTime.now().withNano(0));
    }

    /** The pair name (routers {@code NAME-a}, {@code NAME-b}). */
    public Spec pair(String pairName) {
      return new Spec(dialect, version, pairName, user, authorizedKey, password, etherCount, boardName, clockStart);
    }

    /** The SSH user name. */
    public Spec user(String userName) {
      return new Spec(dialect, version, name, userName, authorizedKey, password, etherCount, boardName, clockStart);
    }

    /** The user's OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}). */
    public Spec authorizedKey(String publicKeyLine) {
      return new Spec(dialect, version, name, user, publicKeyLine, password, etherCount, boardName, clockStart);
    }

    /** Accept password authentication with this password (refused otherwise). */
    public Spec password(String userPassword) {
      return new Spec(dialect, version, name, user, authorizedKey, userPassword, etherCount, boardName, clockStart);
    }

    /** The number of built-in ethernet ports ({@code ether1..etherN}). */
    public Spec etherCount(int count) {
      return new Spec(dialect, version, name, user, authorizedKey, password, count, boardName, clockStart);
    }

    /** The board name the routers report. */
    public Spec boardName(String board) {
      return new Spec(dialect, version, name, user, authorizedKey, password, etherCount, board, clockStart);
    }

    /** Where the simulated clock starts (for reproducible export headers and schedules). */
    public Spec clockStart(LocalDateTime start) {
      return new Spec(dialect, version, name, user, authorizedKey, password, etherCount, boardName, start);
    }
  }

  private RouterOsLab(Spec spec) {
    this.spec = spec;
    this.clock = new SimulatedClock(this, spec.clockStart());
    this.a = new SimulatedRouter(this, spec.name() + "-a", spec, 1);
    this.b = new SimulatedRouter(this, spec.name() + "-b", spec, 2);
  }

  /** Starts both routers (SSH listening, factory-like configuration) and returns the lab. */
  public static RouterOsLab start(Spec spec) {
    RouterOsLab lab = new RouterOsLab(spec);
    try {
      lab.a.boot();
      lab.b.boot();
    } catch (IOException e) {
      lab.close();
      throw new UncheckedIOException("cannot start the RouterOS simulator's SSH servers", e);
    }
    return lab;
  }

  /** The first router ({@code NAME-a}). */
  public SimulatedRouter a() {
    return a;
  }

  /** The second router ({@code NAME-b}). */
  public SimulatedRouter b() {
    return b;
  }

  /** Both routers, a first. */
  public List<SimulatedRouter> routers() {
    return List.of(a, b);
  }

  /** The clock both routers share. */
  public SimulatedClock clock() {
    return clock;
  }

  /** What this lab was started with. */
  public Spec spec() {
    return spec;
  }

  /** Stops both SSH servers. */
  @Override
  public void close() {
    synchronized (lock) {
      a.shutdown();
      b.shutdown();
    }
  }

  Object lock() {
    return lock;
  }

  /** Runs due scheduler entries of both routers up to {@code target}, in time order. */
  void runDueScheduler(LocalDateTime target) {
    for (int guard = 0; guard < 100_000; guard++) {
      Map.Entry<LocalDateTime, Entry> dueA = a.nextDue(target);
      Map.Entry<LocalDateTime, Entry> dueB = b.nextDue(target);
      if (dueA == null && dueB == null) {
        return;
      }
      boolean first = dueB == null || (dueA != null && !dueA.getKey().isAfter(dueB.getKey()));
      Map.Entry<LocalDateTime, Entry> due = first ? dueA : dueB;
      clock.set(due.getKey());
      (first ? a : b).fire(due.getValue());
    }
  }

  // ------------------------------------------------------------------ VRRP

  /** A role hook waiting to run. */
  private record Hook(SimulatedRouter router, String origin, String script) {}

  /**
   * Re-runs the election after a change and runs the hooks of every role change, again until
   * nothing changes. A change made by a hook while hooks run only marks the election dirty.
   */
  void reelect() {
    if (electing) {
      dirty = true;
      return;
    }
    electing = true;
    try {
      int rounds = 0;
      do {
        dirty = false;
        List<Hook> hooks = elect();
        for (Hook hook : hooks) {
          hook.router().runHook(hook.origin(), hook.script());
        }
        if (!hooks.isEmpty()) {
          dirty = true; // the hooks may have changed what the election sees
        }
      } while (dirty && ++rounds < MAX_ROUNDS);
    } finally {
      electing = false;
    }
  }

  /** One election over both routers: sets every VRRP interface's role, returns the hooks of the changes. */
  private List<Hook> elect() {
    Map<SimulatedRouter, Map<Long, String>> next = new HashMap<>();
    for (SimulatedRouter router : List.of(a, b)) {
      Map<Long, String> roles = new HashMap<>();
      if (router.electing()) {
        for (Entry vrrp : router.state().list(Schema.VRRP)) {
          if (following(vrrp) == null) {
            roles.put(vrrp.id, baseRole(router, vrrp));
          }
        }
      }
      next.put(router, roles);
    }
    for (SimulatedRouter router : List.of(a, b)) {
      if (!router.electing()) {
        continue;
      }
      Map<Long, String> roles = next.get(router);
      // 7.x: a member without link puts its whole group in failure (the leader runs on-fail).
      for (Entry vrrp : router.state().list(Schema.VRRP)) {
        String leader = following(vrrp);
        if (leader != null && !vrrp.disabled() && router.cableOut(vrrp)) {
          router.state().named(Schema.VRRP, leader).ifPresent(l -> roles.put(l.id, "failure"));
        }
      }
      for (Entry vrrp : router.state().list(Schema.VRRP)) {
        String master = following(vrrp);
        if (master == null) {
          continue;
        }
        if (vrrp.disabled()) {
          roles.put(vrrp.id, "disabled");
          continue;
        }
        String role = router.state().named(Schema.VRRP, master).map(m -> roles.get(m.id)).orElse(null);
        roles.put(vrrp.id, "master".equals(role) ? "master" : "failure".equals(role) ? "failure" : "backup");
      }
    }
    List<Hook> hooks = new ArrayList<>();
    for (SimulatedRouter router : List.of(a, b)) {
      if (!router.electing()) {
        continue;
      }
      Map<Long, String> roles = next.get(router);
      for (Entry vrrp : router.state().list(Schema.VRRP)) {
        String before = router.roles().get(vrrp.id);
        String after = roles.get(vrrp.id);
        if (after.equals(before)) {
          continue;
        }
        router.roles().put(vrrp.id, after);
        router.record("vrrp", vrrp.name() + " " + (before == null ? "init" : before) + " -> " + after);
        String script = switch (after) {
          case "master" -> vrrp.get("on-master");
          case "backup" -> vrrp.get("on-backup");
          case "failure" -> vrrp.get("on-fail");
          default -> "";
        };
        if (!script.isBlank()) {
          hooks.add(new Hook(router, "on-" + after + " " + vrrp.name(), script));
        }
      }
    }
    return hooks;
  }

  /** The group master a v7 VRRP interface follows, or null. */
  private static String following(Entry vrrp) {
    String master = vrrp.get("group-master");
    return master.isEmpty() || master.equals(vrrp.name()) ? null : master;
  }

  private String baseRole(SimulatedRouter router, Entry vrrp) {
    if (vrrp.disabled()) {
      return "disabled";
    }
    Entry iface = router.state().iface(vrrp.get("interface")).orElse(null);
    if (iface == null) {
      return "invalid";
    }
    List<String> ports = router.ports(vrrp, 0);
    if (ports.isEmpty()) {
      return "not-running";
    }
    SimulatedRouter other = router == a ? b : a;
    Entry peer = null;
    if (other.electing()) {
      for (Entry candidate : other.state().list(Schema.VRRP)) {
        if (following(candidate) == null && !candidate.disabled() && !"failure".equals(other.roles().get(candidate.id))
            && candidate.get("vrid").equals(vrrp.get("vrid"))
            && other.ports(candidate, 0).stream().anyMatch(ports::contains)
            && understands(vrrp, candidate)) {
          peer = candidate;
          break;
        }
      }
    }
    if (peer == null) {
      return "master";
    }
    boolean mineBetter = better(router, vrrp, other, peer);
    boolean iAmMaster = "master".equals(router.roles().get(vrrp.id));
    boolean peerIsMaster = "master".equals(other.roles().get(peer.id));
    // RFC 5798 6.4.2: a backup hearing adverts of a priority equal to its own or higher stays
    // backup; only a strictly higher priority with preemption takes over. The primary address
    // breaks a tie only between two masters, so an equal-priority master keeps its role.
    boolean equal = vrrp.get("priority").equals(peer.get("priority"));
    if (mineBetter) {
      return peerIsMaster && !iAmMaster && (equal || vrrp.get("preemption-mode").equals("no")) ? "backup" : "master";
    }
    return iAmMaster && !peerIsMaster && (equal || peer.get("preemption-mode").equals("no")) ? "master" : "backup";
  }

  /**
   * True when two peers accept each other's adverts: same VRRP version; with VRRPv2 also the
   * same advert interval and authentication (v2 drops mismatched adverts, so both become
   * master). VRRPv3 backups adopt the master's interval.
   */
  private static boolean understands(Entry mine, Entry theirs) {
    if (!mine.get("version").equals(theirs.get("version"))) {
      return false;
    }
    if (mine.get("version").equals("2")) {
      return mine.get("interval").equals(theirs.get("interval"))
          && mine.get("authentication").equals(theirs.get("authentication"))
          && (mine.get("authentication").equals("none") || mine.get("password").equals(theirs.get("password")));
    }
    return true;
  }

  /** True when {@code mine} beats {@code theirs}: higher priority, then higher primary address, then router a. */
  private boolean better(SimulatedRouter me, Entry mine, SimulatedRouter them, Entry theirs) {
    int byPriority = Long.compare(Long.parseLong(mine.get("priority")), Long.parseLong(theirs.get("priority")));
    if (byPriority != 0) {
      return byPriority > 0;
    }
    int byAddress = Long.compare(primaryAddress(me, mine), primaryAddress(them, theirs));
    if (byAddress != 0) {
      return byAddress > 0;
    }
    return me == a;
  }

  private static long primaryAddress(SimulatedRouter router, Entry vrrp) {
    String iface = vrrp.get("interface");
    return router.state().list(Schema.ADDRESS).stream()
        .filter(e -> !e.disabled() && e.get("interface").equals(iface))
        .mapToLong(e -> Values.ipv4(e.get("address").split("/")[0]))
        .findFirst().orElse(0);
  }
}
