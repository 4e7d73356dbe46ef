package io.haprovision.mikrotik.device;

import io.haprovision.engine.GateResult;
import io.haprovision.inventory.NodeRole;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import io.haprovision.spi.ActionContext;
import io.haprovision.spi.ActionResult;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.PlatformAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code switch-role PAIR [--permanent]}: moves the active role to the standby without a
 * reboot. With preemption (one router preferred) the two heartbeat priorities are swapped,
 * the peer's raised first; without it the active's heartbeat is disabled until the peer is
 * master and then enabled again (it comes back as backup, since nothing preempts). Then the
 * pair's health gate must pass. Without {@code --permanent} the next {@code apply} puts the
 * inventory's preferred router back; with it the inventory's {@code heartbeat.preferred} is
 * rewritten to the new active router. Replaces ha-mikrotik's {@code $HASwitchRole} (push the
 * configuration, then reboot the active).
 */
public final class SwitchRole implements PlatformAction {
  @Override
  public String name() {
    return "switch-role";
  }

  @Override
  public String usage() {
    return "[--permanent]";
  }

  @Override
  public String description() {
    return "make the standby router active, without a reboot; --permanent also records it in the inventory";
  }

  @Override
  public ActionResult run(ActionContext context, List<String> args) {
    boolean permanent = false;
    for (String a : args) {
      if (a.equals("--permanent")) {
        permanent = true;
      } else {
        throw new IllegalArgumentException("switch-role takes only --permanent after the pair, got " + a);
      }
    }
    PairSession s = new PairSession(context);
    if (s.refusal().isPresent()) {
      return new ActionResult(false, "switch-role " + s.pair.name() + " refused, nothing was changed: "
          + s.refusal().get() + "\n");
    }
    Optional<String> active = s.active();
    if (active.isEmpty()) {
      return new ActionResult(false, "switch-role " + s.pair.name() + ": no single router is master of "
          + s.section.heartbeat().name() + "; run verify and fix the pair first\n");
    }
    String from = active.get();
    String to = s.peerOf(from);
    String hb = s.section.heartbeat().name();
    PrintedEntry hbFrom = s.routers.get(from).vrrp(hb).orElseThrow();
    PrintedEntry hbTo = s.routers.get(to).vrrp(hb).orElseThrow();
    String find = "[find name=" + RouterOsSyntax.value(hb) + "]";
    StringBuilder out = new StringBuilder("switch-role " + s.pair.name() + ": " + from + " -> " + to + "\n");
    boolean preempt = "yes".equals(hbTo.get("preemption-mode"));
    if (preempt && !hbFrom.get("priority").equals(hbTo.get("priority"))) {
      String pFrom = hbFrom.get("priority");
      String pTo = hbTo.get("priority");
      step(s, context, out, to, "/interface vrrp set " + find + " priority=" + pFrom);
      step(s, context, out, from, "/interface vrrp set " + find + " priority=" + pTo);
    } else {
      step(s, context, out, from, "/interface vrrp disable " + find);
      waitForMaster(s, to, Duration.ofSeconds(15));
      step(s, context, out, from, "/interface vrrp enable " + find);
    }
    GateResult gate = s.protocol.awaitHealthy(s.nodes, to, Optional.empty());
    s.reread();
    if (!gate.ok() || !s.active().equals(Optional.of(to))) {
      out.append("the switch did not settle: ").append(gate.summary()).append('\n');
      return new ActionResult(false, out.toString());
    }
    out.append(to).append(" is active now: ").append(gate.summary()).append('\n');
    if (permanent) {
      out.append(recordPreference(context, s, to)).append('\n');
    } else if (preempt) {
      out.append("not permanent: the next apply gives the preferred router (" + s.section.heartbeat().preferred()
          .toString().toLowerCase(java.util.Locale.ROOT) + ") its priority back, which makes it active again;"
          + " use --permanent to keep " + to + " active\n");
    }
    return new ActionResult(true, out.toString());
  }

  private static void step(PairSession s, ActionContext context, StringBuilder out, String node, String command) {
    context.progress().accept(node + ": " + command);
    out.append("  ").append(node).append(": ").append(command).append('\n');
    s.protocol.run(s.nodes.node(node), List.of(command), "switching the role", "the role switch stopped half-way;"
        + " run verify, then switch-role again");
  }

  /** Polls {@code node}'s heartbeat until it is master; false when {@code timeout} passed first. */
  static boolean waitForMaster(PairSession s, String node, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    NodeContext c = s.nodes.node(node);
    while (System.nanoTime() < deadline) {
      RouterFacts f = RouterReader.roles(c.connection()::exec, c.target());
      if (f.vrrp(s.section.heartbeat().name()).map(PrintedEntry::master).orElse(false)) {
        return true;
      }
      try {
        Thread.sleep(MikrotikProtocol.POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Rewrites the pair's {@code heartbeat.preferred} in the inventory file to the role of {@code node}. */
  static String recordPreference(ActionContext context, PairSession s, String node) {
    NodeRole role = s.spec(node).role();
    String value = role.yamlName();
    if (s.section.heartbeat().preferred() == io.haprovision.mikrotik.PreferredRouter.NONE) {
      return "--permanent: the pair prefers neither router, so there is nothing to record";
    }
    Optional<Path> file = context.inventoryFile();
    String manual = "set " + s.section.path() + ".heartbeat.preferred: " + value + " in the inventory";
    if (file.isEmpty()) {
      return "--permanent: the inventory did not come from a file; " + manual;
    }
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(file.get(), StandardCharsets.UTF_8));
      if (!setPreferred(lines, s.pair.name(), value)) {
        return "--permanent: could not find the mikrotik section of pair " + s.pair.name() + " in " + file.get()
            + "; " + manual;
      }
      Files.write(file.get(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      return "--permanent: " + file.get() + " now says " + s.section.path() + ".heartbeat.preferred: " + value;
    } catch (IOException e) {
      throw new UncheckedIOException("could not rewrite " + file.get() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets {@code heartbeat.preferred} of pair {@code pair} in the inventory's lines: rewrites the
   * value where the key is written (keeping its comment), else adds it under {@code heartbeat:},
   * else adds {@code heartbeat:} under {@code mikrotik:}.
   *
   * @return false when the pair's section was not found
   */
  static boolean setPreferred(List<String> lines, String pair, String value) {
    Optional<Integer> at = preferredLine(lines, pair);
    if (at.isPresent()) {
      String line = lines.get(at.get());
      int colon = line.indexOf("preferred:");
      String rest = line.substring(colon + "preferred:".length());
      int comment = rest.indexOf(" #");
      while (comment > 0 && rest.charAt(comment - 1) == ' ') {
        comment--;
      }
      lines.set(at.get(), line.substring(0, colon) + "preferred: " + value + (comment >= 0 ? rest.substring(comment) : ""));
      return true;
    }
    Optional<Integer> hb = keyLine(lines, pair, "heartbeat:");
    if (hb.isPresent()) {
      String l = lines.get(hb.get());
      lines.add(hb.get() + 1, " ".repeat(l.length() - l.stripLeading().length() + 2) + "preferred: " + value);
      return true;
    }
    Optional<Integer> mk = keyLine(lines, pair, "mikrotik:");
    if (mk.isPresent()) {
      String indent = " ".repeat(lines.get(mk.get()).length() - lines.get(mk.get()).stripLeading().length() + 2);
      lines.add(mk.get() + 1, indent + "heartbeat:");
      lines.add(mk.get() + 2, indent + "  preferred: " + value);
      return true;
    }
    return false;
  }

  /** The first line of pair {@code pair}'s block that starts with {@code key}. */
  private static Optional<Integer> keyLine(List<String> lines, String pair, String key) {
    int start = pairStart(lines, pair);
    if (start < 0) {
      return Optional.empty();
    }
    int pairIndent = lines.get(start).indexOf('-');
    for (int i = start + 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.strip().startsWith("#")) {
        continue;
      }
      if (l.length() - l.stripLeading().length() <= pairIndent) {
        break;
      }
      if (l.strip().startsWith(key)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static int pairStart(List<String> lines, String pair) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\s*-\\s*name:\\s*\"?" + java.util.regex.Pattern.quote(pair) + "\"?\\s*(#.*)?")) {
        return i;
      }
    }
    return -1;
  }

  /** The line of {@code preferred:} under the {@code heartbeat:} of pair {@code pair}. */
  static Optional<Integer> preferredLine(List<String> lines, String pair) {
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\s*-\\s*name:\\s*\"?" + java.util.regex.Pattern.quote(pair) + "\"?\\s*(#.*)?")) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return Optional.empty();
    }
    int pairIndent = lines.get(start).indexOf('-');
    boolean inHeartbeat = false;
    int hbIndent = -1;
    for (int i = start + 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.strip().startsWith("#")) {
        continue;
      }
      int indent = l.length() - l.stripLeading().length();
      if (indent <= pairIndent) {
        break;
      }
      if (l.strip().startsWith("heartbeat:")) {
        inHeartbeat = true;
        hbIndent = indent;
        continue;
      }
      if (inHeartbeat && indent <= hbIndent) {
        inHeartbeat = false;
      }
      if (inHeartbeat && l.strip().startsWith("preferred:")) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
