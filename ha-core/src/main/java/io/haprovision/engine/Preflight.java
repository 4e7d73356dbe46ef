package io.haprovision.engine;

import io.haprovision.ProgressEvent;
import io.haprovision.ProvisionListener;
import io.haprovision.error.InternalException;
import io.haprovision.error.TargetException;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.PairSpec;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.PreflightProblem;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every pair's {@link Target#preflight} before a session opens any node: a problem
 * found there stops the run with nothing touched. All pairs are checked, so one run shows
 * every problem.
 */
final class Preflight {
  private Preflight() {}

  /**
   * Checks every pair of {@code inventory}.
   *
   * @throws TargetException listing every problem, kind {@code UNREACHABLE} when any problem
   *     is (a service unreachable or refusing the credentials), else {@code FAILED}
   */
  static void check(Inventory inventory, Targets targets, ProvisionListener listener, Redactor redactor) {
    List<String> lines = new ArrayList<>();
    List<String> pairs = new ArrayList<>();
    boolean unreachable = false;
    for (PairSpec pair : inventory.pairs()) {
      Target target = targets.find(pair.platform()).orElseThrow();
      List<PreflightProblem> found;
      try {
        found = target.preflight(pair);
      } catch (RuntimeException e) {
        if (e instanceof io.haprovision.error.ProvisionException) {
          throw e;
        }
        throw new InternalException("platform " + target.platform() + "'s preflight of pair " + pair.name()
            + " failed: " + redactor.redact(String.valueOf(e.getMessage())), e);
      }
      if (found == null || found.isEmpty()) {
        continue;
      }
      pairs.add(pair.name());
      for (PreflightProblem p : found) {
        unreachable |= p.kind() == TargetException.Kind.UNREACHABLE;
        String line = redactor.redact(p.toString());
        lines.add(line);
        listener.onEvent(new ProgressEvent(pair.name(), "", ProgressEvent.Phase.FAILED, "preflight: " + line));
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    String message = "preflight found " + (lines.size() == 1 ? "a problem" : lines.size() + " problems")
        + " before any node was contacted (nothing was changed):\n  " + String.join("\n  ", lines);
    throw new TargetException(unreachable ? TargetException.Kind.UNREACHABLE : TargetException.Kind.FAILED,
        "pair " + String.join(", ", pairs), message);
  }
}
