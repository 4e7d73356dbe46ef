package io.haprovision.mikrotik.device;

import io.haprovision.engine.GateResult;
import io.haprovision.spi.ActionContext;
import io.haprovision.spi.ActionResult;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.PlatformAction;
import java.util.List;
import java.util.Optional;

/**
 * {@code sync-standby PAIR}: makes the standby's shared configuration (everything but each
 * router's own entries, see {@link SharedConfig}) equal to the active's. It shows the edits,
 * schedules a revert on the standby, applies them as one script, waits for the pair's health
 * gate and then removes the revert. Replaces ha-mikrotik's {@code $HASyncStandby} and
 * {@code $HAPushStandby} (export, binary backup, FTP upload and a reboot of the standby).
 */
public final class SyncStandby implements PlatformAction {
  @Override
  public String name() {
    return "sync-standby";
  }

  @Override
  public String usage() {
    return "";
  }

  @Override
  public String description() {
    return "copy the active router's shared configuration onto the standby (shows the edits, then applies them)";
  }

  @Override
  public ActionResult run(ActionContext context, List<String> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("sync-standby takes no arguments after the pair, got " + args);
    }
    PairSession s = new PairSession(context);
    if (s.refusal().isPresent()) {
      return new ActionResult(false, "sync-standby " + s.pair.name() + " refused, nothing was changed: "
          + s.refusal().get() + "\n");
    }
    Optional<String> active = s.active();
    if (active.isEmpty()) {
      return new ActionResult(false, "sync-standby " + s.pair.name() + ": no single router is master of "
          + s.section.heartbeat().name() + ", so there is no active router to copy from; run verify\n");
    }
    String standby = s.peerOf(active.get());
    int ros = s.section.routerOs();
    List<Edit> edits = SharedConfig.sync(
        SharedConfig.of(s.pair, s.spec(active.get()), s.routers.get(active.get()).export(), ros),
        SharedConfig.of(s.pair, s.spec(standby), s.routers.get(standby).export(), ros), ros);
    StringBuilder out = new StringBuilder("sync-standby " + s.pair.name() + ": " + active.get() + " is active, "
        + standby + " is the standby\n");
    if (edits.isEmpty()) {
      out.append("the standby's shared configuration already equals the active's: nothing to do\n");
      return new ActionResult(true, out.toString());
    }
    out.append(edits.size()).append(" edit(s) on ").append(standby).append(":\n");
    edits.forEach(e -> out.append("  ").append(e.shown()).append('\n'));
    context.progress().accept(out.toString().strip());
    NodeContext node = s.nodes.node(standby);
    String armed = s.protocol.arm(node, edits);
    context.progress().accept(armed);
    s.protocol.applyEdits(node, edits);
    GateResult gate = s.protocol.awaitHealthy(s.nodes, standby, Optional.empty());
    if (!gate.ok()) {
      out.append("health gate failed: ").append(gate.summary()).append('\n');
      return new ActionResult(false, out.toString());
    }
    out.append(s.protocol.afterHealthy(node)).append('\n');
    out.append("healthy: ").append(gate.summary()).append('\n');
    return new ActionResult(true, out.toString());
  }
}
