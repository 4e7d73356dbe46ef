package io.haprovision.engine;

import io.haprovision.engine.driver.Drivers;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records a scenario's real probe output from a node of the capture machine (not a test; runs
 * only when asked). Usage, from ha-core:
 *
 * <pre>
 * mvn -o -Dbuild.dir.name=target-x -Dtest=FactsCapture -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfacts.capture=SCENARIO -Dfacts.prefix="nsenter -t PID -n -m" [-Dfacts.path=/dir/with/wrappers:] test
 * </pre>
 *
 * {@code facts.prefix} runs the commands inside a node's namespaces; {@code facts.path} is
 * put in front of PATH (a wrapper {@code keepalived} that refuses {@code --signum=JSON} records
 * the text dump of a build with JSON).
 */
class FactsCapture {
  @Test
  @EnabledIfSystemProperty(named = "facts.capture", matches = ".+")
  void capture() {
    FactsScenarios.Scenario s = FactsScenarios.scenario(System.getProperty("facts.capture"));
    String prefix = System.getProperty("facts.prefix", "");
    List<String> argv = prefix.isBlank() ? List.of() : Arrays.asList(prefix.trim().split("\\s+"));
    String path = System.getProperty("facts.path", "");
    Map<String, String> env = path.isEmpty() ? Map.of() : Map.of("PATH", path + System.getenv("PATH"));
    LocalConnection local = new LocalConnection(argv, env);
    List<Recording.Exec> execs = new ArrayList<>();
    Connection recording = new Connection() {
      @Override
      public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        ExecResult r = local.exec(command, stdin, timeout);
        execs.add(new Recording.Exec(command, new String(stdin, StandardCharsets.UTF_8), r));
        return r;
      }

      @Override
      public String target() {
        return "root@" + s.node() + ":22";
      }

      @Override
      public Duration commandTimeout() {
        return Duration.ofSeconds(60);
      }

      @Override
      public long execCount() {
        return execs.size();
      }

      @Override
      public void close() {}
    };
    NodeReader reader = new NodeReader(() -> FactsScenarios.NONCE, EngineClock.SYSTEM);
    NodeObservation o = reader.observe(new NodeKey("lab", s.node()), recording, FactsScenarios.desired(s.node()),
        Drivers.of("capture", Drivers.core()), FactsScenarios.expectations(), FactsScenarios.control(), true);
    new Recording(execs).write(FactsScenarios.ROOT.resolve(s.name()));
    System.out.println("recorded " + execs.size() + " command(s) of " + s.name() + ": role " + o.facts().vrrpRole()
       );
  }
}
