package io.haprovision.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.keepalived.Authentication;
import io.haprovision.keepalived.GlobalDefs;
import io.haprovision.keepalived.KeepalivedConf;
import io.haprovision.keepalived.KeepalivedRenderer;
import io.haprovision.keepalived.Notify;
import io.haprovision.keepalived.SyncGroup;
import io.haprovision.keepalived.TrackInterface;
import io.haprovision.keepalived.VirtualIp;
import io.haprovision.keepalived.VirtualRoute;
import io.haprovision.keepalived.VrrpInstance;
import io.haprovision.keepalived.VrrpScript;
import io.haprovision.keepalived.VrrpState;
import io.haprovision.secret.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Runs the real keepalived -t in throwaway namespaces; skips only without root or ip netns. */
@Tag("lab")
class KeepalivedCheckTest {
  private static final Map<String, String> GW_A_INTERFACES =
      Map.of("br-lan", "192.168.1.2/24", "wan", "203.0.113.2/29");

  private final KeepalivedCheck check = new KeepalivedCheck();

  @BeforeAll
  static void requireRootAndNetns() throws Exception {
    String uid = output("id", "-u").strip();
    if (!"0".equals(uid)) {
      skip("the keepalived check needs root (uid is " + uid + ")");
    }
    String probe = "kacheck-probe-" + ProcessHandle.current().pid();
    if (exit("ip", "netns", "add", probe) != 0) {
      skip("'ip netns add' does not work here");
    }
    exit("ip", "netns", "delete", probe);
  }

  private static void skip(String reason) {
    System.out.println("SKIPPED KeepalivedCheckTest: " + reason);
    Assumptions.abort(reason);
  }

  /** An OpenWrt-like pair node: unicast v2 with auth, sync group with track script and notify. */
  private static KeepalivedConf officeNode() {
    VrrpScript check = new VrrpScript("wan_check", "/bin/true", 2, OptionalInt.of(2), OptionalInt.of(-30),
        OptionalInt.of(2), OptionalInt.of(2));
    VrrpInstance lan = VrrpInstance.builder("LAN", "br-lan", 51)
        .state(VrrpState.MASTER)
        .priority(150)
        .authentication(Optional.of(new Authentication(Authentication.AuthType.PASS, Secret.of("pa55word", "literal"))))
        .unicast(Optional.of("192.168.1.2"), List.of("192.168.1.3"))
        .virtualIps(List.of(VirtualIp.of("192.168.1.1/24"),
            new VirtualIp("192.168.1.53/24", Optional.of("br-lan"), Optional.of("br-lan:dns"))))
        .trackInterfaces(List.of(TrackInterface.of("wan")))
        .build();
    VrrpInstance wan = VrrpInstance.builder("WAN", "wan", 52)
        .state(VrrpState.MASTER)
        .priority(150)
        .unicast(Optional.of("203.0.113.2"), List.of("203.0.113.3"))
        .virtualIps(List.of(VirtualIp.of("203.0.113.10/29")))
        .virtualRoutes(List.of(new VirtualRoute("198.18.0.0/15", Optional.of("203.0.113.1"), Optional.of("wan"),
            Optional.of("203.0.113.10"))))
        .build();
    Notify hook = new Notify(Optional.of("/usr/libexec/ha/role master"), Optional.of("/usr/libexec/ha/role backup"),
        Optional.of("/usr/libexec/ha/role fault"), Optional.of("/usr/libexec/ha/role stop"), Optional.empty());
    return new KeepalivedConf(new GlobalDefs("gw-a", Optional.empty(), Optional.empty(), true), List.of(check),
        List.of(lan, wan), Optional.of(new SyncGroup("OFFICE", List.of("LAN", "WAN"), List.of("wan_check"), hook)));
  }

  @Test
  void renderedPairNodePasses() {
    KeepalivedCheck.Result result = check.check(KeepalivedRenderer.render(officeNode()), GW_A_INTERFACES);

    assertThat(result.passed()).as("keepalived -t said: %s", result.stderr()).isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(KeepalivedCheck.namespaceExists(result.namespace())).isFalse();
  }

  @Test
  void renderedMulticastV3FastPasses() {
    VrrpInstance wan = VrrpInstance.builder("WAN", "wan", 52)
        .priority(100)
        .version(3)
        .advertInt(new BigDecimal("0.1"))
        .preemptDelay(10)
        .virtualIps(List.of(VirtualIp.of("203.0.113.10/29")))
        .build();
    KeepalivedConf conf = new KeepalivedConf(new GlobalDefs("gw-b", Optional.of("224.0.0.18"), Optional.empty(), false),
        List.of(), List.of(wan), Optional.empty());

    KeepalivedCheck.Result result = check.check(KeepalivedRenderer.render(conf), Map.of("wan", "203.0.113.3/29"));

    assertThat(result.passed()).as("keepalived -t said: %s", result.stderr()).isTrue();
  }

  @Test
  void oneInstanceSyncGroupFails() {
    // The model refuses a one-instance group, so take a good file and drop a member by hand.
    String good = KeepalivedRenderer.render(officeNode());
    String oneMember = good.replace("    group {\n        LAN\n        WAN\n    }\n", "    group {\n        LAN\n    }\n");
    assertThat(oneMember).isNotEqualTo(good);

    KeepalivedCheck.Result result = check.check(oneMember, GW_A_INTERFACES);

    assertThat(result.passed()).isFalse();
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("OFFICE").contains("only 1 virtual router");
    assertThat(KeepalivedCheck.namespaceExists(result.namespace())).isFalse();
  }

  @Test
  void interfaceTheNodeLacksFails() {
    KeepalivedCheck.Result result = check.check(KeepalivedRenderer.render(officeNode()),
        Map.of("br-lan", "192.168.1.2/24"));

    assertThat(result.passed()).isFalse();
    assertThat(result.stderr()).contains("wan");
    assertThat(KeepalivedCheck.namespaceExists(result.namespace())).isFalse();
  }

  @Test
  void scriptsWithoutScriptSecurityFail() {
    String good = KeepalivedRenderer.render(officeNode());
    String insecure = good.replace("    enable_script_security\n", "");
    assertThat(insecure).isNotEqualTo(good);

    KeepalivedCheck.Result result = check.check(insecure, GW_A_INTERFACES);

    assertThat(result.passed()).isFalse();
    assertThat(result.stderr()).contains("script_security");
  }

  @Test
  void namespacesDoNotLeak() throws Exception {
    String before = output("ip", "netns", "list");
    check.check(KeepalivedRenderer.render(officeNode()), GW_A_INTERFACES);
    check.check("this is { not keepalived\n", GW_A_INTERFACES);
    assertThat(output("ip", "netns", "list").lines().filter(l -> l.startsWith("kacheck-")).toList())
        .isEqualTo(before.lines().filter(l -> l.startsWith("kacheck-")).toList());
  }

  private static String output(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(20, TimeUnit.SECONDS);
    return out;
  }

  private static int exit(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
