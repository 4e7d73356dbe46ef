package io.haprovision.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.openwrt.OpenWrtPersonality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The lab's namespaces carry the lab's kernel settings, not the host's: the host's IPv4
 * defaults, which a new namespace copies, are set to values that would change results
 * (strict reverse-path filtering, restrictive ARP) while a lab is built, and every
 * namespace must still show the values {@link NamespaceSettings} lists, on its links too.
 */
@Tag("lab")
class NamespaceSettingsLabTest {
  /** Host defaults a new namespace copies, each set to a value the lab must not inherit. */
  private static final Map<String, String> HOST_POISON = Map.of(
      "net.ipv4.conf.default.rp_filter", "1",
      "net.ipv4.conf.default.arp_ignore", "2",
      "net.ipv4.conf.default.arp_announce", "2");

  @BeforeAll
  static void needsLabHost() {
    Optional<String> reason = LabHost.unavailableReason();
    reason.ifPresent(r -> System.out.println("skipping NamespaceSettingsLabTest: " + r));
    Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
  }

  @Test
  void everyNamespaceHasTheLabsSettingsWhateverTheHostDefaultsAre() throws IOException {
    Map<String, String> saved = new LinkedHashMap<>();
    for (String key : HOST_POISON.keySet()) {
      saved.put(key, Files.readString(procPath(key)).strip());
    }
    Lab lab;
    try {
      HOST_POISON.forEach(NamespaceSettingsLabTest::writeHost);
      lab = Lab.up(LabSpec.openwrt(1));
    } finally {
      saved.forEach(NamespaceSettingsLabTest::writeHost);
    }
    try {
      String runId = lab.runId();
      LabPair p = lab.pair(1);
      List<Sysctl> router = NamespaceSettings.router(new OpenWrtPersonality());
      SoftAssertions soft = new SoftAssertions();
      expect(soft, Lab.switchNamespace(runId), NamespaceSettings.wire());
      for (LabNode n : p.nodes()) {
        expect(soft, n.namespace(), router);
        // links made after the defaults were set carry them; the effective value is max(all, link)
        for (String link : List.of("mgmt", "br-lan", "wan", "sync")) {
          soft.assertThat(read(n.namespace(), "net.ipv4.conf." + link + ".rp_filter")).as(n.name() + " " + link + " rp_filter")
              .isEqualTo("0");
          soft.assertThat(read(n.namespace(), "net.ipv4.conf." + link + ".arp_ignore")).as(n.name() + " " + link + " arp_ignore")
              .isEqualTo("1");
          soft.assertThat(read(n.namespace(), "net.ipv6.conf." + link + ".disable_ipv6")).as(n.name() + " " + link + " IPv6")
              .isEqualTo("1");
          soft.assertThat(txChecksumming(n.namespace(), link)).as(n.name() + " " + link + " tx checksumming").isEqualTo("off");
        }
      }
      expect(soft, Lab.namespacePrefix(runId) + p.client(), NamespaceSettings.endHost());
      expect(soft, Lab.namespacePrefix(runId) + p.upstream(), NamespaceSettings.endHost());
      soft.assertThat(read(Lab.namespacePrefix(runId) + p.client(), "net.ipv4.conf.eth0.rp_filter")).as("client eth0 rp_filter")
          .isEqualTo("0");
      soft.assertThat(txChecksumming(Lab.switchNamespace(runId), "l1c")).as("switch port l1c tx checksumming").isEqualTo("off");
      // OpenWrt's own defaults reached the router: one from each of its two files
      soft.assertThat(read(p.a().namespace(), "net.ipv4.tcp_keepalive_time")).isEqualTo("120");
      soft.assertThat(read(p.a().namespace(), "net.netfilter.nf_conntrack_checksum")).isEqualTo("0");
      soft.assertAll();
    } finally {
      Lab.down(lab.runId());
    }
  }

  @Test
  void aSettingTheKernelLacksFailsNamingItsFileUnlessItIsOptional() {
    Sysctl required = Sysctl.of("net.ipv4.no_such_setting", "1", "test");
    Sysctl optional = Sysctl.of("net.netfilter.no_such_setting", "1", "test");
    ExecResult fails = Cmd.run(List.of("sh", "-e", "-c", NamespaceSettings.script(List.of(required))), Duration.ofSeconds(10));
    assertThat(fails.ok()).isFalse();
    assertThat(fails.stderr()).contains("/proc/sys/net/ipv4/no_such_setting");
    assertThat(Cmd.run(List.of("sh", "-e", "-c", NamespaceSettings.script(List.of(optional))), Duration.ofSeconds(10)).ok())
        .isTrue();
  }

  private static void expect(SoftAssertions soft, String namespace, List<Sysctl> settings) {
    for (Sysctl s : settings) {
      String actual = read(namespace, s.key());
      if (s.ifPresent() && actual.isEmpty()) {
        continue;
      }
      soft.assertThat(actual).as(namespace + " " + s.key()).isEqualTo(s.value());
    }
  }

  /** A setting as {@code namespace} sees it, or empty when the kernel has no such file. */
  private static String read(String namespace, String key) {
    ExecResult r = Cmd.run(List.of("ip", "netns", "exec", namespace, "sh", "-c",
        "cat /proc/sys/" + key.replace('.', '/') + " 2>/dev/null || true"), Duration.ofSeconds(10));
    return r.stdout().strip();
  }

  private static String txChecksumming(String namespace, String link) {
    ExecResult r = Cmd.run(List.of("ip", "netns", "exec", namespace, "ethtool", "-k", link), Duration.ofSeconds(10));
    return r.stdout().lines().filter(l -> l.startsWith("tx-checksumming:")).map(l -> l.substring(l.indexOf(':') + 1).strip())
        .map(v -> v.split("\\s+")[0]).findFirst().orElse("(" + r.describe() + ")");
  }

  private static Path procPath(String key) {
    return Path.of("/proc/sys", key.replace('.', '/'));
  }

  private static void writeHost(String key, String value) {
    try {
      Files.writeString(procPath(key), value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot set the host's " + key + " for the test: " + e.getMessage(), e);
    }
  }
}
