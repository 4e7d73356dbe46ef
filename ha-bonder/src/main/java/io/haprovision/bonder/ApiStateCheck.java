package io.haprovision.bonder;

import io.haprovision.engine.verify.CheckResult;
import io.haprovision.inventory.NodeRole;
import io.haprovision.inventory.PairSpec;
import io.haprovision.spi.PairCheckContext;
import io.haprovision.spi.PlatformCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code api-state}: the management API agrees with keepalived. The MASTER bonder's bond has
 * every floating object enabled and the other bonder's bond has every one disabled, read from
 * the control host. Fails when the pair has no single MASTER (the core's {@code
 * single-master} check says why) or when any object disagrees, naming it.
 */
final class ApiStateCheck implements PlatformCheck {
  static final String NAME = "api-state";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<CheckResult> run(PairCheckContext context) {
    long start = System.nanoTime();
    PairSpec pair = context.pair();
    BonderSection section = pair.platformSection(BonderSection.class);
    if (context.master().isEmpty()) {
      return List.of(CheckResult.failed(NAME, "no bonder is MASTER of every instance while the other is BACKUP,"
          + " so the API cannot agree with keepalived (see single-master)", millis(start)));
    }
    String master = context.master().get();
    NodeRole role = pair.nodes().stream().filter(n -> n.name().equals(master)).findFirst().orElseThrow().role();
    ApiState state = ApiState.read(section, ApiClient.forControlHost(section.api()), section.api().timeout());
    List<String> wrong = state.disagreements(role);
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("objects", (double) state.objects().size());
    figures.put("objects_wrong", (double) wrong.size());
    if (!wrong.isEmpty()) {
      return List.of(new CheckResult(NAME, CheckResult.Status.FAILED, master + " is MASTER, but the management API"
          + " disagrees:\n" + String.join("\n", wrong), figures, millis(start)));
    }
    Bond own = section.bonds().of(role);
    return List.of(new CheckResult(NAME, CheckResult.Status.PASSED, master + " is MASTER and the API agrees: bond "
        + own.id() + " carries the floating objects (" + state.summary() + ")", figures, millis(start)));
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
