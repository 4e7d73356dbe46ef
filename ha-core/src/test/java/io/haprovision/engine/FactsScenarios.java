package io.haprovision.engine;

import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.ServiceResource;
import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.VrrpExpectations;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes whose real probe output is recorded under {@code src/test/resources/facts/}: a
 * keepalived pair in two network namespaces of the capture machine (Debian 12, keepalived
 * 2.2.7 with JSON), unicast VRRPv3 at 0.1 s, instances LAN (192.0.2.254/24) and LAN2
 * (192.0.2.253/24) on interface {@code lan}; gw-a has priority 140, gw-b 100. Each scenario
 * names the node, its state at capture time and the desired resources probed.
 * {@link FactsCapture} records them; {@link FactsGoldenTest} replays them.
 */
final class FactsScenarios {
  static final String NONCE = "0123456789abcdef";
  static final Path ROOT = Path.of("src", "test", "resources", "facts");
  /** Where the capture machine keeps the probed files (visible inside the namespaces). */
  static final String DIR = "/var/tmp/h8cap";

  /**
   * One recorded node.
   *
   * @param name folder under {@link #ROOT}
   * @param node the node's name
   * @param what the node's state at capture time
   */
  record Scenario(String name, String node, String what) {}

  static final List<Scenario> ALL = List.of(
      new Scenario("gw-a-master-json", "gw-a", "MASTER of both instances; JSON state dump"),
      new Scenario("gw-b-backup-data", "gw-b", "BACKUP of both; keepalived's --signum=JSON hidden, so the text dump"),
      new Scenario("gw-b-fault-json", "gw-b", "interface lan down: FAULT; JSON state dump"),
      new Scenario("gw-b-stopped", "gw-b", "keepalived installed, not running"),
      new Scenario("gw-b-not-installed", "gw-b", "no keepalived binary on the node"));

  private FactsScenarios() {}

  static Scenario scenario(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** The desired resources probed on every scenario node. */
  static DesiredNode desired(String node) {
    return new DesiredNode("lab", node, List.of(
        PackageResource.installed("keepalived"),
        PackageResource.installed("ha-provision-no-such-package"),
        FileResource.of(DIR + "/ka-" + node.substring(3) + ".conf", "# desired content differs from the node's\n")
            .withValidation("keepalived -t -f %s").notifying("reload keepalived"),
        FileResource.of(DIR + "/same.txt", "hello\n").withMode("0640"),
        FileResource.secret(DIR + "/secret.conf", "password=new\n"),
        FileResource.absent(DIR + "/gone.txt"),
        FileResource.of(DIR + "/no-such-dir/file.conf", "x\n"),
        LineInFile.present(DIR + "/sysupgrade.conf", "/etc/keepalived/"),
        LineInFile.present(DIR + "/sysupgrade.conf", "/etc/ha-provision/"),
        ServiceResource.enabledAndRunning("keepalived").withHandlers("reload keepalived", null)),
        List.of(new Handler("reload keepalived", Handler.Kind.RELOAD, "systemctl reload keepalived")));
  }

  static VrrpExpectations expectations() {
    Map<String, Integer> priorities = new LinkedHashMap<>();
    priorities.put("gw-a", 140);
    priorities.put("gw-b", 100);
    BigDecimal advert = new BigDecimal("0.1");
    return new VrrpExpectations(List.of(
        new VrrpExpectations.Instance("LAN", "lan", 51,
            List.of(new VrrpExpectations.Vip("192.0.2.254", 24, "lan")), priorities, advert, true),
        new VrrpExpectations.Instance("LAN2", "lan", 52,
            List.of(new VrrpExpectations.Vip("192.0.2.253", 24, "lan")), priorities, advert, true)));
  }

  static KeepalivedControl control() {
    return KeepalivedControl.systemd();
  }
}
