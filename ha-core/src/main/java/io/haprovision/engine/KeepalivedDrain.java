package io.haprovision.engine;

import io.haprovision.engine.probe.InstanceState;
import io.haprovision.engine.probe.VrrpReading.InstanceReading;
import io.haprovision.error.InternalException;
import io.haprovision.facts.VrrpRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.keepalived.DrainFile;
import io.haprovision.spi.ActionContext;
import io.haprovision.spi.ActionResult;
import io.haprovision.spi.DrainActions;
import io.haprovision.spi.Drainer;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.PlatformAction;
import io.haprovision.spi.Target;
import io.haprovision.spi.VrrpExpectations;
import io.haprovision.spi.VrrpExpectations.Instance;
import io.haprovision.transport.InstallOptions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * {@code drain PAIR NODE} and {@code undrain PAIR NODE} for every platform that runs keepalived
 * with a {@link DrainFile}: planned maintenance without an outage. One implementation, offered
 * by each such platform from {@link Target#actions()} through {@link #actions(Target)}.
 *
 * <p>Drain writes the node's drain file, and keepalived puts every instance there in FAULT. When
 * the node is MASTER it first lifts its peer to priority 254 (the peer's file), so that the
 * priority-0 advert the drained MASTER sends on leaving hands over within the peer's skew time,
 * about 8 ms, whether or not the pair preempts; the peer's file goes back to 0 once it holds
 * everything. The drained node stays FAULT across keepalived restarts and reboots (the file
 * persists and keepalived never overwrites it) and takes no VIP even when its peer fails,
 * until undrain writes 0. Each step is checked by its effect (the peer's effective priority,
 * the roles) and undone when it does not happen, so a node whose keepalived does not track the
 * file (applied by an older release) is reported, not half drained.
 */
public final class KeepalivedDrain implements Drainer {
  /** How long keepalived may take to act on a changed file (it watches it with inotify). */
  private static final Duration FILE_SEEN = Duration.ofSeconds(5);

  private final Target target;
  private final EngineClock clock;

  private KeepalivedDrain(Target target, EngineClock clock) {
    this.target = target;
    this.clock = clock;
  }

  /**
   * The {@code drain} and {@code undrain} actions of {@code target}, whose
   * {@link Target#keepalivedControl()} names its drain file.
   */
  public static List<PlatformAction> actions(Target target) {
    return DrainActions.of(new KeepalivedDrain(target, EngineClock.SYSTEM));
  }

  @Override
  public ActionResult drain(ActionContext context, String node, String peer) {
    return run(context, node, peer).drain();
  }

  @Override
  public ActionResult undrain(ActionContext context, String node, String peer) {
    return run(context, node, peer).undrain();
  }

  private Run run(ActionContext context, String node, String peer) {
    KeepalivedControl control = target.keepalivedControl();
    DrainFile file = control.drainFile().orElseThrow(() -> new InternalException("platform "
        + target.platform() + " drains through keepalived but names no drain file"));
    return new Run(context, context.pair(), node, peer, file, control, target.vrrpExpectations(context.pair()));
  }

  /** One drain or undrain of one node. */
  private final class Run {
    private final ActionContext context;
    private final PairSpec pair;
    private final String node;
    private final String peer;
    private final DrainFile file;
    private final KeepalivedControl control;
    private final VrrpExpectations exp;
    private final NodeReader reader = new NodeReader(io.haprovision.engine.probe.Framing::newNonce, clock);
    private final StringBuilder out = new StringBuilder();

    Run(ActionContext context, PairSpec pair, String node, String peer, DrainFile file, KeepalivedControl control,
        VrrpExpectations exp) {
      this.context = context;
      this.pair = pair;
      this.node = node;
      this.peer = peer;
      this.file = file;
      this.control = control;
      this.exp = exp;
    }

    ActionResult drain() {
      out.append("drain ").append(pair.name()).append(' ').append(node).append('\n');
      KeepalivedView n = view(node);
      KeepalivedView p = view(peer);
      if (n.keepalived().drained()) {
        return done(true, node + " is drained already; nothing was changed");
      }
      Optional<String> refusal = refusal(n, p);
      if (refusal.isPresent()) {
        return done(false, "refused, nothing was changed: " + refusal.get());
      }
      if (!n.keepalived().running()) {
        write(node, DrainFile.DRAINED);
        return done(true, "keepalived is not running on " + node + "; it will start drained (FAULT)."
            + " Undrain with `provision action INVENTORY undrain " + pair.name() + " " + node + "`");
      }
      boolean master = exp.instances().stream().anyMatch(i -> role(n, i) == VrrpRole.MASTER);
      if (!master) {
        write(node, DrainFile.DRAINED);
        Optional<String> wrong = await("every instance FAULT on " + node + " and " + peer + " still serving",
            FILE_SEEN, (a, b) -> allFault(a) && serving(b));
        if (wrong.isPresent()) {
          write(node, DrainFile.IN_SERVICE);
          return done(false, node + " did not go to FAULT: " + wrong.get() + ". Its drain file was reset to "
              + DrainFile.IN_SERVICE + "; if keepalived there does not track " + file.path() + " yet, run apply"
              + " first");
        }
        return done(true, node + " was BACKUP and is drained now (FAULT, MASTER of nothing); " + peer + " keeps serving."
            + persistence());
      }
      // The node serves: lift the peer first so the handover takes its skew time only.
      write(peer, DrainFile.TAKING_OVER);
      boolean lowered = false;
      try {
        Optional<String> lifted = await(peer + " at priority 254 in every instance", FILE_SEEN,
            (a, b) -> lifted(b));
        if (lifted.isPresent()) {
          return done(false, peer + "'s priority did not rise: " + lifted.get() + ". Nothing moved; if keepalived on "
              + peer + " does not track " + file.path() + " yet, run apply first");
        }
        long start = clock.nanoTime();
        write(node, DrainFile.DRAINED);
        Duration timeout = Timings.gateTimeout(maxAdvert());
        Optional<String> moved = await(peer + " MASTER of every instance and " + node + " FAULT", timeout,
            (a, b) -> allFault(a) && serving(b));
        long millis = clock.millisSince(start);
        if (moved.isPresent()) {
          write(node, DrainFile.IN_SERVICE);
          return done(false, "the VIPs did not move within " + timeout.toSeconds() + " s: " + moved.get() + ". " + node + "'s drain file was reset to "
              + DrainFile.IN_SERVICE + "; run verify");
        }
        out.append("  ").append(peer).append(" took every instance over ").append(millis)
            .append(" ms after ").append(node).append(" was drained\n");
        write(peer, DrainFile.IN_SERVICE);
        lowered = true;
        return done(true, node + " is drained (FAULT, MASTER of nothing); " + peer + " serves." + persistence());
      } finally {
        if (!lowered) {
          write(peer, DrainFile.IN_SERVICE);
        }
      }
    }

    ActionResult undrain() {
      out.append("undrain ").append(pair.name()).append(' ').append(node).append('\n');
      KeepalivedView n = view(node);
      if (!n.keepalived().drained()) {
        return done(true, node + " is not drained; nothing was changed");
      }
      write(node, DrainFile.IN_SERVICE);
      if (!n.keepalived().running()) {
        return done(true, "keepalived is not running on " + node + "; it will start in service");
      }
      Optional<String> wrong = await(node + " out of FAULT and one MASTER per instance, the preferred one where"
          + " the pair preempts", Timings.gateTimeout(maxAdvert()), (a, b) -> settled(a, b));
      if (wrong.isPresent()) {
        return done(false, node + " is undrained (its drain file says " + DrainFile.IN_SERVICE
            + ") but the pair did not settle: " + wrong.get() + "; run verify");
      }
      List<String> roles = new ArrayList<>();
      KeepalivedView now = view(node);
      for (Instance i : exp.instances()) {
        roles.add(i.name() + " " + role(now, i));
      }
      return done(true, node + " is back in service: " + String.join(", ", roles));
    }

    /** Why draining {@code n} would take the pair down, if it would. */
    private Optional<String> refusal(KeepalivedView n, KeepalivedView p) {
      if (p.keepalived().drained()) {
        return Optional.of(peer + " is drained too, so the pair would have no MASTER; undrain " + peer + " first");
      }
      if (!p.keepalived().running()) {
        return Optional.of("keepalived is not running on " + peer + ", which would have to take over");
      }
      for (Instance i : exp.instances()) {
        VrrpRole r = role(p, i);
        if (r != VrrpRole.MASTER && r != VrrpRole.BACKUP) {
          return Optional.of(peer + " is " + r + " in " + i.name() + " and could not take over");
        }
      }
      return Optional.empty();
    }

    private String persistence() {
      return " It stays drained across keepalived restarts and reboots (" + file.path() + " holds "
          + DrainFile.DRAINED + ") and takes no VIP even if " + peer + " fails, until `provision action INVENTORY"
          + " undrain " + pair.name() + " " + node + "`.";
    }

    private boolean allFault(KeepalivedView v) {
      return exp.instances().stream().allMatch(i -> role(v, i) == VrrpRole.FAULT);
    }

    private boolean serving(KeepalivedView v) {
      return exp.instances().stream().allMatch(i -> role(v, i) == VrrpRole.MASTER);
    }

    private boolean lifted(KeepalivedView v) {
      return v.dump().isPresent() && exp.instances().stream().allMatch(i -> v.dump().get().instance(i.name())
          .map(InstanceState::effectivePriority).orElse(0) == 254);
    }

    /** Undrained and settled: nobody FAULT, one MASTER per instance, the higher priority where it preempts. */
    private boolean settled(KeepalivedView n, KeepalivedView p) {
      for (Instance i : exp.instances()) {
        VrrpRole rn = role(n, i);
        VrrpRole rp = role(p, i);
        if (rn == VrrpRole.FAULT || rn == VrrpRole.UNKNOWN || (rn == VrrpRole.MASTER) == (rp == VrrpRole.MASTER)) {
          return false;
        }
        if (i.preempt() && !p.keepalived().drained() && i.priorityOf(node) > i.priorityOf(peer)
            && rn != VrrpRole.MASTER) {
          return false;
        }
      }
      return true;
    }

    /** Polls both nodes until {@code ok(node, peer)}; empty when it held, else what was seen last. */
    private Optional<String> await(String what, Duration timeout, BiPredicate<KeepalivedView, KeepalivedView> ok) {
      long deadline = clock.nanoTime() + timeout.toNanos();
      Duration poll = Duration.ofMillis(100);
      String last = "";
      while (true) {
        KeepalivedView n = view(node);
        KeepalivedView p = view(peer);
        if (ok.test(n, p)) {
          return Optional.empty();
        }
        last = describe(n) + "; " + describe(p);
        if (clock.nanoTime() > deadline) {
          return Optional.of("waited " + timeout.toSeconds() + " s for " + what + ", last seen " + last);
        }
        clock.sleep(poll);
      }
    }

    private String describe(KeepalivedView v) {
      List<String> roles = new ArrayList<>();
      for (Instance i : exp.instances()) {
        roles.add(i.name() + " " + role(v, i));
      }
      return v.key().node() + (v.keepalived().running() ? "" : " (keepalived not running)") + ": "
          + String.join(", ", roles);
    }

    private VrrpRole role(KeepalivedView v, Instance i) {
      return v.vrrp().instance(i.name()).map(InstanceReading::role).orElse(VrrpRole.UNKNOWN);
    }

    private KeepalivedView view(String name) {
      return reader.keepalived(new NodeKey(pair.name(), name), nodeContext(name).connection(), exp, control, true);
    }

    private NodeContext nodeContext(String name) {
      return context.connected().node(name);
    }

    /** Writes {@code value} to {@code name}'s drain file atomically. */
    private void write(String name, int value) {
      context.progress().accept(name + ": " + file.path() + " <- " + value);
      out.append("  ").append(name).append(": ").append(file.path()).append(" <- ").append(value).append('\n');
      nodeContext(name).files().install(file.path(), (value + "\n").getBytes(StandardCharsets.US_ASCII),
          InstallOptions.defaults());
    }

    private BigDecimal maxAdvert() {
      return exp.instances().stream().map(Instance::advertInt).reduce(BigDecimal.ONE, BigDecimal::max);
    }

    private ActionResult done(boolean ok, String message) {
      out.append(message).append('\n');
      return new ActionResult(ok, out.toString());
    }
  }
}
