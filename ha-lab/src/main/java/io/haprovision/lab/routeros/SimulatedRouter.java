package io.haprovision.lab.routeros;

import io.haprovision.error.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

/**
 * One simulated RouterOS router (a lab stand-in, not RouterOS): its configuration, its SSH
 * server on 127.0.0.1, its VRRP roles (decided by the {@link RouterOsLab} it belongs to), its
 * scheduler, and a log of every command line it ran. Thread-safe: everything runs under the
 * lab's lock, one script at a time.
 */
public final class SimulatedRouter {
  private final RouterOsLab lab;
  private final String label;
  private final RouterState state;
  private final String version;
  private final String boardName;
  private final String serialNumber;
  private final String softwareId;
  private final String user;
  private final RouterOsSshServer ssh;
  private final Map<Long, String> roles = new HashMap<>();
  private final Map<Long, LocalDateTime> nextRuns = new HashMap<>();
  private final List<String> commandLog = Collections.synchronizedList(new ArrayList<>());
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private boolean powered;
  private boolean booting;
  private Predicate<String> dropOn;
  private LocalDateTime bootTime;

  /** The result of a script run over SSH: its output, and whether the session was dropped instead. */
  record SshRun(String output, boolean dropped) {}

  SimulatedRouter(RouterOsLab lab, String label, RouterOsLab.Spec spec, int index) {
    this.lab = lab;
    this.label = label;
    this.state = new RouterState(new Schema(spec.dialect(), spec.version()), spec.etherCount(),
        String.format(java.util.Locale.ROOT, "4C:5E:0C:00:%02X", index));
    this.version = spec.version();
    this.boardName = spec.boardName();
    this.serialNumber = String.format(java.util.Locale.ROOT, "HAP%08X", (spec.name() + label).hashCode());
    this.softwareId = String.format(java.util.Locale.ROOT, "%04X-%04X",
        (label.hashCode() * 31 + 7) & 0xFFFF, spec.name().hashCode() & 0xFFFF);
    this.user = spec.user();
    this.state.authorize(spec.user(), spec.authorizedKey());
    this.ssh = new RouterOsSshServer(this, spec.user(), spec.password());
  }

  // ------------------------------------------------------------------ public API

  /** This router's name in the lab: {@code PAIR-a} or {@code PAIR-b}. */
  public String name() {
    return label;
  }

  /** The SSH host: always {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The SSH port (stays the same across power off/on). */
  public int port() {
    return ssh.port();
  }

  /** The SSH user name. */
  public String user() {
    return user;
  }

  /** The dialect this router speaks. */
  public RouterOsDialect dialect() {
    return state.schema.dialect();
  }

  /** {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA...}, for a known_hosts file. */
  public String knownHostsLine() {
    return ssh.knownHostsLine();
  }

  /** The lab clock this router reads (shared by both routers of the lab). */
  public SimulatedClock clock() {
    return lab.clock();
  }

  /** Runs {@code script} as at the serial console and returns its output (lines end in {@code \n}). */
  public String console(String script) {
    synchronized (lab.lock()) {
      requirePower();
      return new Interpreter(this, "console", false).run(script);
    }
  }

  /** The full export ({@code /export terse}) with secrets, for before/after comparisons. */
  public String exportTerse() {
    synchronized (lab.lock()) {
      return Formatter.export(this, null, true, true);
    }
  }

  /**
   * Pulls the cable of ethernet port {@code defaultName}: the port stops running and VRRP
   * re-elects (on 7.x a group with a member on that port goes into failure and runs on-fail).
   */
  public void unplug(String defaultName) {
    synchronized (lab.lock()) {
      unplugged.add(defaultName);
      record("link", defaultName + " down");
      lab.reelect();
    }
  }

  /** Plugs the cable of ethernet port {@code defaultName} back in. */
  public void plug(String defaultName) {
    synchronized (lab.lock()) {
      unplugged.remove(defaultName);
      record("link", defaultName + " up");
      lab.reelect();
    }
  }

  /** Ports whose cable is pulled ({@link #unplug}). */
  private final java.util.Set<String> unplugged = new java.util.HashSet<>();

  /** Powers the router off: SSH stops listening, sessions drop, VRRP roles go, the peer re-elects. */
  public void powerOff() {
    synchronized (lab.lock()) {
      if (!powered) {
        return;
      }
      powered = false;
      roles.clear();
      state.globals.clear();
      ssh.stop();
      record("power", "power off");
      lab.reelect();
    }
  }

  /**
   * Powers the router on: SSH listens again on the same port, the {@code start-time=startup}
   * scheduler entries run (before VRRP starts on this router, so a startup guard always wins
   * the boot race in the simulator), then VRRP elects.
   */
  public void powerOn() {
    synchronized (lab.lock()) {
      if (powered) {
        return;
      }
      try {
        ssh.start();
      } catch (IOException e) {
        throw new UncheckedIOException("simulated router " + label + " cannot listen on port " + ssh.port(), e);
      }
      powered = true;
      booting = true;
      bootTime = lab.clock().now();
      record("power", "power on");
      try {
        for (Entry entry : List.copyOf(state.list(Schema.SCHEDULER))) {
          if (!entry.disabled() && entry.get("start-time").equals("startup")) {
            runScheduled(entry);
          }
        }
        for (Entry entry : state.list(Schema.SCHEDULER)) {
          schedule(entry);
        }
      } finally {
        booting = false;
      }
      lab.reelect();
    }
  }

  /** True while the router is powered on. */
  public boolean poweredOn() {
    synchronized (lab.lock()) {
      return powered;
    }
  }

  /**
   * Fault injection: the first command line run over SSH for which {@code commandLine} is true
   * is not run; the SSH session is closed instead (earlier commands of the script stay done).
   */
  public void dropSessionOn(Predicate<String> commandLine) {
    synchronized (lab.lock()) {
      this.dropOn = commandLine;
    }
  }

  /**
   * Every command line this router ran, in order, each as {@code ORIGIN: LINE}. Origins:
   * {@code ssh}, {@code console}, {@code startup NAME}, {@code scheduler NAME},
   * {@code on-master VRRP} / {@code on-backup VRRP} (role hooks), {@code power}; nested
   * runs append {@code > script NAME} or {@code > import FILE}.
   */
  public List<String> commandLog() {
    synchronized (commandLog) {
      return List.copyOf(commandLog);
    }
  }

  /** The messages scripts logged with {@code :log}, as {@code TOPIC: MESSAGE}. */
  public List<String> logMessages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /**
   * The VRRP role of the interface {@code vrrpName}: {@code master}, {@code backup},
   * {@code disabled}, {@code invalid} (its interface is missing), {@code not-running} (its
   * interface is down), {@code off} (router powered off), {@code init} (not elected yet).
   */
  public String vrrpRole(String vrrpName) {
    synchronized (lab.lock()) {
      Entry vrrp = state.named(Schema.VRRP, vrrpName)
          .orElseThrow(() -> new IllegalArgumentException("no vrrp interface " + vrrpName + " on " + label));
      if (!powered) {
        return "off";
      }
      return roles.getOrDefault(vrrp.id, "init");
    }
  }

  /**
   * Each built-in ethernet port's hardware address ({@code orig-mac-address}) by its default
   * name ({@code ether1}), in port order.
   */
  public java.util.Map<String, String> hardwareAddresses() {
    synchronized (lab.lock()) {
      java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
      for (Entry port : state.list(Schema.ETHERNET)) {
        out.put(String.valueOf(port.values.get("default-name")), String.valueOf(port.values.get("orig-mac-address")));
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ for the lab and the interpreter

  RouterState state() {
    return state;
  }

  String label() {
    return label;
  }

  String version() {
    return version;
  }

  String boardName() {
    return boardName;
  }

  String serialNumber() {
    return serialNumber;
  }

  String softwareId() {
    return softwareId;
  }

  boolean electing() {
    return powered && !booting;
  }

  Map<Long, String> roles() {
    return roles;
  }

  /** Starts the SSH server the first time. */
  void boot() throws IOException {
    ssh.start();
    powered = true;
    bootTime = lab.clock().now();
  }

  void shutdown() {
    ssh.stop();
    powered = false;
  }

  SshRun runFromSsh(String script) {
    synchronized (lab.lock()) {
      if (!powered) {
        return new SshRun("", true);
      }
      Interpreter interpreter = new Interpreter(this, "ssh", true);
      try {
        return new SshRun(interpreter.run(script), false);
      } catch (CancellationException e) {
        return new SshRun(interpreter.output(), true);
      }
    }
  }

  /** Runs a role hook or scheduled event; errors land in the output, which goes to the log. */
  void runHook(String origin, String script) {
    // An event that is just a script's name runs that script: ha-mikrotik's scheduler entries
    // (on-event=ha_checkchanges) and heartbeat (on-master="ha_onmaster") rely on it.
    String named = state.named(Schema.SCRIPT, script.strip()).isPresent() ? "/system script run " + script.strip() : script;
    String output = new Interpreter(this, origin, false).run(named);
    if (!output.isBlank()) {
      record(origin, "# output: " + output.strip().replace("\n", " | "));
    }
  }

  /** True when {@code user} may log in with the public key {@code blob} ({@code /user} and {@code /user ssh-keys}). */
  boolean acceptsKey(String user, byte[] blob) {
    synchronized (lab.lock()) {
      return powered && state.authorizedKey(user, blob);
    }
  }

  void record(String origin, String line) {
    commandLog.add(origin + ": " + line);
  }

  void logMessage(String topic, String message) {
    messages.add(topic + ": " + message);
    Entry entry = state.newEntry(state.schema.menu(Schema.LOG));
    LocalDateTime now = lab.clock().now();
    entry.values.put("time", String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", now.getHour(), now.getMinute(),
        now.getSecond()));
    entry.values.put("topics", "script," + topic);
    entry.values.put("message", message);
    List<Entry> log = state.list(Schema.LOG);
    log.add(entry);
    if (log.size() > 1000) {
      log.remove(0); // RouterOS keeps the last 1000 lines in memory
    }
  }

  boolean takeDropMatch(String line) {
    if (dropOn != null && dropOn.test(line)) {
      dropOn = null;
      return true;
    }
    return false;
  }

  void afterChange() {
    lab.reelect();
  }

  void forgetRole(Entry entry) {
    roles.remove(entry.id);
    nextRuns.remove(entry.id);
  }

  /** True when an interface passes traffic: enabled and, for a bridge or bond, with a running member. */
  boolean running(Entry iface) {
    return running(iface, 0);
  }

  private boolean running(Entry iface, int depth) {
    if (!powered || iface.disabled() || depth > 4) {
      return false;
    }
    String path = iface.menu.path();
    if (path.equals(Schema.ETHERNET)) {
      return true;
    }
    if (path.equals(Schema.BRIDGE)) {
      return state.list(Schema.BRIDGE_PORT).stream()
          .filter(p -> !p.disabled() && p.get("bridge").equals(iface.name()))
          .anyMatch(p -> state.iface(p.get("interface")).map(m -> running(m, depth + 1)).orElse(false));
    }
    if (path.equals(Schema.BONDING)) {
      for (String slave : iface.get("slaves").split(",")) {
        if (state.iface(slave).map(m -> running(m, depth + 1)).orElse(false)) {
          return true;
        }
      }
      return false;
    }
    if (path.equals(Schema.VRRP)) {
      return "master".equals(roles.get(iface.id));
    }
    return false;
  }

  /** The physical ports (ethernet default-names) that carry {@code iface}'s traffic and are up. */
  List<String> ports(Entry iface, int depth) {
    return ports(iface, depth, true);
  }

  /** True when a port under {@code iface} (not disabled) has its cable pulled: a link-down, not an admin-down. */
  boolean cableOut(Entry iface) {
    return ports(iface, 0, false).stream().anyMatch(unplugged::contains);
  }

  private List<String> ports(Entry iface, int depth, boolean cables) {
    List<String> ports = new ArrayList<>();
    if (!powered || (cables && iface.disabled()) || depth > 4) {
      return ports;
    }
    String path = iface.menu.path();
    if (path.equals(Schema.ETHERNET)) {
      if (!cables || !unplugged.contains(iface.get("default-name"))) {
        ports.add(iface.get("default-name"));
      }
    } else if (path.equals(Schema.BRIDGE)) {
      for (Entry port : state.list(Schema.BRIDGE_PORT)) {
        if (!port.disabled() && port.get("bridge").equals(iface.name())) {
          state.iface(port.get("interface")).ifPresent(m -> ports.addAll(ports(m, depth + 1, cables)));
        }
      }
    } else if (path.equals(Schema.BONDING)) {
      for (String slave : iface.get("slaves").split(",")) {
        state.iface(slave).ifPresent(m -> ports.addAll(ports(m, depth + 1, cables)));
      }
    } else if (path.equals(Schema.VRRP)) {
      state.iface(iface.get("interface")).ifPresent(m -> ports.addAll(ports(m, depth + 1, cables)));
    }
    return ports;
  }

  /** The flag letters {@code print} shows for an entry. */
  String flags(Entry e) {
    String path = e.menu.path();
    if (e.menu.disableable() && e.disabled()) {
      return "X";
    }
    switch (path) {
      case Schema.VRRP -> {
        // Columns as 7.x prints them: X I, then G (group authority) or g (group member), then R, then M B F.
        String group = "";
        if (state.schema.dialect() == RouterOsDialect.V7) {
          boolean member = !e.get("group-master").isEmpty() && !e.get("group-master").equals(e.name());
          boolean authority = state.list(Schema.VRRP).stream().anyMatch(o -> o != e && e.name().equals(o.get("group-master")));
          group = member ? "g" : authority ? "G" : "";
        }
        String role = roles.getOrDefault(e.id, "init");
        return switch (role) {
          case "master" -> group + "RM";
          case "backup" -> group + "B";
          case "failure" -> group + "F";
          case "invalid" -> "I";
          default -> group;
        };
      }
      case Schema.ETHERNET, Schema.BRIDGE, Schema.BONDING -> {
        return running(e) ? "R" : "";
      }
      case Schema.ADDRESS -> {
        return state.iface(e.get("interface")).isPresent() ? "" : "I";
      }
      case Schema.BRIDGE_PORT -> {
        boolean ok = state.iface(e.get("interface")).isPresent() && state.named(Schema.BRIDGE, e.get("bridge")).isPresent();
        return ok ? "" : "I";
      }
      case Schema.ROUTE -> {
        return "AS";
      }
      default -> {
        return "";
      }
    }
  }

  /** {@code /system resource print} values. */
  Map<String, String> resource() {
    Map<String, String> values = new LinkedHashMap<>();
    Duration up = Duration.between(bootTime == null ? lab.clock().now() : bootTime, lab.clock().now());
    values.put("uptime", Values.time(Math.max(0, up.toMillis())));
    values.put("version", version + (state.schema.dialect() == RouterOsDialect.V6 ? " (long-term)" : " (stable)"));
    values.put("build-time", state.schema.date(LocalDate.of(2026, 1, 15)) + " 10:00:00");
    values.put("factory-software", state.schema.dialect() == RouterOsDialect.V6 ? "6.44.6" : "7.1");
    values.put("free-memory", "3720.0MiB");
    values.put("total-memory", "4096.0MiB");
    values.put("cpu", "ARM64");
    values.put("cpu-count", "4");
    values.put("cpu-frequency", "1700MHz");
    values.put("cpu-load", "1%");
    values.put("free-hdd-space", "98.5MiB");
    values.put("total-hdd-space", "128.0MiB");
    values.put("architecture-name", "arm64");
    values.put("board-name", boardName);
    values.put("platform", "MikroTik");
    return values;
  }

  /** Recomputes when a scheduler entry next runs (none for startup entries and past one-shots). */
  void schedule(Entry entry) {
    nextRuns.remove(entry.id);
    String startTime = entry.get("start-time");
    if (startTime.equals("startup") || startTime.isEmpty()) {
      entry.values.put("next-run", "");
      entry.values.putIfAbsent("run-count", "0");
      return;
    }
    LocalDateTime now = lab.clock().now();
    LocalDate date = entry.get("start-date").isEmpty() ? now.toLocalDate() : Values.date(entry.get("start-date"));
    LocalTime time = Values.timeOfDay(startTime);
    LocalDateTime start = LocalDateTime.of(date, time);
    long interval = Math.max(0, Values.millis(entry.get("interval")));
    LocalDateTime next = null;
    if (!start.isBefore(now)) {
      next = start;
    } else if (interval > 0) {
      long behind = Duration.between(start, now).toMillis();
      next = start.plus(Duration.ofMillis((behind / interval + 1) * interval));
    }
    entry.values.putIfAbsent("run-count", "0");
    entry.values.put("next-run", next == null ? "" : state.schema.dateTime(next));
    if (next != null) {
      nextRuns.put(entry.id, next);
    }
  }

  /** The next due scheduler run at or before {@code limit}, if any. */
  Map.Entry<LocalDateTime, Entry> nextDue(LocalDateTime limit) {
    if (!powered) {
      return null;
    }
    Map.Entry<LocalDateTime, Entry> best = null;
    for (Entry entry : state.list(Schema.SCHEDULER)) {
      LocalDateTime at = nextRuns.get(entry.id);
      if (at != null && !entry.disabled() && !at.isAfter(limit) && (best == null || at.isBefore(best.getKey()))) {
        best = Map.entry(at, entry);
      }
    }
    return best;
  }

  /** Runs a due scheduler entry and works out its next run. */
  void fire(Entry entry) {
    LocalDateTime at = nextRuns.remove(entry.id);
    long interval = Math.max(0, Values.millis(entry.get("interval")));
    if (interval > 0 && at != null) {
      LocalDateTime next = at.plus(Duration.ofMillis(interval));
      nextRuns.put(entry.id, next);
      entry.values.put("next-run", state.schema.dateTime(next));
    } else {
      entry.values.put("next-run", "");
    }
    runScheduled(entry);
  }

  private void runScheduled(Entry entry) {
    long count = Values.num(entry.get("run-count")) == null ? 0 : Values.num(entry.get("run-count"));
    entry.values.put("run-count", Long.toString(count + 1));
    String origin = (entry.get("start-time").equals("startup") ? "startup " : "scheduler ") + entry.name();
    runHook(origin, entry.get("on-event"));
  }

  private void requirePower() {
    if (!powered) {
      throw new TargetException(TargetException.Kind.UNREACHABLE, label, "the simulated router is powered off");
    }
  }
}
