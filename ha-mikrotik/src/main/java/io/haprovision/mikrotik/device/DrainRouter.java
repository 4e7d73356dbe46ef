package io.haprovision.mikrotik.device;

import io.haprovision.engine.GateResult;
import io.haprovision.mikrotik.RoleHooks;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import io.haprovision.spi.ActionContext;
import io.haprovision.spi.ActionResult;
import io.haprovision.spi.DrainActions;
import io.haprovision.spi.Drainer;
import io.haprovision.spi.PlatformAction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code drain PAIR NODE} and {@code undrain PAIR NODE} on RouterOS: planned maintenance of one
 * router. A drained router's heartbeat is disabled, which RouterOS keeps across reboots, which
 * the startup guard leaves as it finds it, and which no plan changes (role state is not
 * planned); so the router stays a standby with its traffic ports down, even if its peer fails,
 * until undrain enables the heartbeat again.
 *
 * <p>Drain builds on {@link SwitchRole}: an active router hands over the way a switch without
 * preemption does (its heartbeat disabled, the peer master and its on-master hook run), then
 * runs its own on-backup hook (the ports go down), and the heartbeat stays disabled. Undrain
 * enables it: the router comes back as backup, or, preferred and preempting, takes the active
 * role back as it would after a reboot. Each ends with the pair's health gate.
 */
public final class DrainRouter implements Drainer {
  private static final Duration TAKEOVER = Duration.ofSeconds(15);

  private DrainRouter() {}

  /** The {@code drain} and {@code undrain} actions. */
  public static List<PlatformAction> actions() {
    return DrainActions.of(new DrainRouter());
  }

  @Override
  public ActionResult drain(ActionContext context, String node, String peer) {
    return withSession(context, "drain", node, (s, out) -> drain(context, s, node, out));
  }

  @Override
  public ActionResult undrain(ActionContext context, String node, String peer) {
    return withSession(context, "undrain", node, (s, out) -> undrain(context, s, node, out));
  }

  /** Reads both routers, then runs {@code step} unless either router is refused. */
  private static ActionResult withSession(ActionContext context, String verb, String node,
      java.util.function.BiFunction<PairSession, StringBuilder, ActionResult> step) {
    PairSession s = new PairSession(context);
    StringBuilder out = new StringBuilder(verb + " " + s.pair.name() + " " + node + "\n");
    return s.refusal().isPresent() ? done(out, false, "refused, nothing was changed: " + s.refusal().get())
        : step.apply(s, out);
  }

  private static ActionResult drain(ActionContext context, PairSession s, String node, StringBuilder out) {
    String peer = s.peerOf(node);
    String hb = s.section.heartbeat().name();
    List<String> drained = PairHealth.drained(s.section, s.routers);
    if (drained.contains(node)) {
      return done(out, true, node + " is drained already (" + hb + " disabled); nothing was changed");
    }
    if (drained.contains(peer)) {
      return done(out, false, "refused, nothing was changed: " + peer + " is drained too, so the pair would have no"
          + " active router; undrain " + peer + " first");
    }
    boolean peerReady = s.routers.get(peer).vrrp(hb).map(v -> v.master() || v.backup()).orElse(false);
    if (!peerReady) {
      return done(out, false, "refused, nothing was changed: " + peer + "'s " + hb + " is neither master nor backup,"
          + " so it could not take over");
    }
    boolean active = s.active().equals(Optional.of(node));
    String find = "[find name=" + RouterOsSyntax.value(hb) + "]";
    long start = System.nanoTime();
    step(s, context, out, node, "/interface vrrp disable " + find);
    if (active) {
      if (!SwitchRole.waitForMaster(s, peer, TAKEOVER)) {
        step(s, context, out, node, "/interface vrrp enable " + find);
        return done(out, false, peer + " did not become master of " + hb + " within " + TAKEOVER.toSeconds()
            + " s; " + node + "'s " + hb + " was enabled again; run verify");
      }
      out.append("  ").append(peer).append(" became active ").append((System.nanoTime() - start) / 1_000_000)
          .append(" ms after ").append(node).append("'s ").append(hb).append(" was disabled\n");
    }
    // A disabled heartbeat runs no hook: the router's own on-backup script sends its ports down.
    step(s, context, out, node, "/system script run " + RoleHooks.ON_BACKUP);
    GateResult gate = s.protocol.awaitHealthy(s.nodes, node, Optional.empty());
    if (!gate.ok()) {
      return done(out, false, node + " is drained (" + hb + " disabled) but the pair did not settle: "
          + gate.summary() + "; run verify");
    }
    return done(out, true, node + " is drained: a standby with " + hb + " disabled and its traffic ports down; "
        + peer + " is active (" + gate.summary() + "). It stays so across reboots and will not become active, even"
        + " if " + peer + " fails, until `provision action INVENTORY undrain " + s.pair.name() + " " + node + "`.");
  }

  private static ActionResult undrain(ActionContext context, PairSession s, String node, StringBuilder out) {
    String hb = s.section.heartbeat().name();
    if (!PairHealth.drained(s.section, s.routers).contains(node)) {
      return done(out, true, node + " is not drained; nothing was changed");
    }
    step(s, context, out, node, "/interface vrrp enable [find name=" + RouterOsSyntax.value(hb) + "]");
    GateResult gate = s.protocol.awaitHealthy(s.nodes, node, Optional.empty());
    s.reread();
    if (!gate.ok()) {
      return done(out, false, node + "'s " + hb + " is enabled again but the pair did not settle: " + gate.summary()
          + "; run verify");
    }
    return done(out, true, node + " is back in service; " + s.active().orElse("?") + " is active ("
        + gate.summary() + ")");
  }

  private static void step(PairSession s, ActionContext context, StringBuilder out, String node, String command) {
    context.progress().accept(node + ": " + command);
    out.append("  ").append(node).append(": ").append(command).append('\n');
    s.protocol.run(s.nodes.node(node), List.of(command), "draining", "run verify, then drain or undrain again");
  }

  private static ActionResult done(StringBuilder out, boolean ok, String message) {
    out.append(message).append('\n');
    return new ActionResult(ok, out.toString());
  }
}
