package io.haprovision.mikrotik.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.Provisioner;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyOptions;
import io.haprovision.engine.verify.VerifyReport;
import java.util.List;
import java.util.stream.Collectors;

/** Steps the simulator tests share. */
final class SimSteps {
  private SimSteps() {}

  /** Applies the inventory and requires success. */
  static ApplyReport converge(SimPair sim) {
    Provisioner p = sim.provisioner();
    ApplyReport r = p.apply();
    assertThat(r.ok()).as(r.toText(p.redactor()) + "\n" + String.join("\n", sim.progress)).isTrue();
    return r;
  }

  /** Verifies the pair. */
  static VerifyReport verify(SimPair sim) {
    return sim.provisioner().verify(VerifyOptions.defaults());
  }

  /** Requires every check of the pair to pass. */
  static void assertHealthy(SimPair sim) {
    VerifyReport v = verify(sim);
    assertThat(v.pairs().get(0).checks()).as(v.toText(sim.provisioner().redactor()))
        .isNotEmpty().allMatch(c -> c.status() == CheckResult.Status.PASSED);
  }

  /** The failed checks' names and messages. */
  static String failed(VerifyReport v) {
    return v.pairs().get(0).checks().stream().filter(c -> c.status() == CheckResult.Status.FAILED)
        .map(c -> c.name() + ": " + c.message()).collect(Collectors.joining("\n"));
  }

  /** An export without its header comments (they carry the time of the export). */
  static String body(String export) {
    return export.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
  }

  /**
   * Checks that the run whose session dropped still gave its pair lock back on {@code router}:
   * the session was gone, a new connection was not.
   */
  static void assertLockGivenBack(io.haprovision.lab.routeros.SimulatedRouter router) {
    org.assertj.core.api.Assertions.assertThat(router.console(":put [:len [/system script find name="
        + "ha-provision-lock-ccr]]").strip()).as("the dropped run gave its pair lock back over a new connection")
        .isEqualTo("0");
  }

  /** The change commands sent over SSH (anything but the reads and the pair lock). */
  static List<String> changeCommands(List<String> log) {
    return log.stream().filter(l -> l.startsWith("ssh: "))
        // taking and giving back the pair lock changes nothing of the router's configuration
        .filter(l -> !l.contains("name=ha-provision-lock-"))
        .filter(l -> l.matches("ssh: /\\S.* (add|set|remove|enable|disable|run) .*")
            || l.matches("ssh: /\\S.* (add|set|remove|enable|disable)( \\[.*)?") || l.contains("file="))
        .toList();
  }
}
