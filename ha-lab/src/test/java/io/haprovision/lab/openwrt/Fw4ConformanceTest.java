package io.haprovision.lab.openwrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab's fw4 stand-in ({@code firewall-uci-gen}) against firewall4's own test cases: for each
 * case's UCI input, the stand-in's ruleset must equal the one fw4 prints in everything that
 * decides a packet's fate.
 *
 * <p>Normalisation ({@link #fate}): chains compared by name, each chain's header (hook, priority,
 * policy) and its rules in order; dropped are comments, {@code counter}, whitespace, everything
 * outside chains (defines, includes, flowtables, ct helper objects), conntrack helper assignment
 * ({@code helper_*} chains, the jumps to them, {@code ct helper set}) and flow offloading (they
 * change which packets get related-tracking or a fast path, not any verdict), and chains left
 * empty with nothing to decide (an empty base chain with policy accept, an empty regular chain).
 */
class Fw4ConformanceTest {
  static final Path ROOTFS = Path.of("src", "main", "resources", "io", "haprovision", "lab", "openwrt", "rootfs");

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"01_configuration-01_ruleset.txt", "02_zones-01_policies.txt", "02_zones-02_masq.txt",
      "02_zones-04_masq_allow_invalid.txt", "03_rules-01_direction.txt", "03_rules-02_enabled.txt",
      "03_rules-04_icmp.txt", "04_forwardings-01_family_selections.txt"})
  void theStandInRendersWhatFw4Renders(String fixture) throws Exception {
    Fw4Case c = Fw4Case.read(fixture);
    String ours = render(dir, c.firewallUci(), c.networkUci());
    assertThat(fate(ours)).as("normalised stand-in ruleset vs fw4's (%s)\n--- ours ---\n%s", fixture, ours)
        .isEqualTo(fate(c.expected()));
  }

  @Test
  void theNormalisationKeepsWhatDecidesAVerdict() {
    String a = "table inet fw4 {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n"
        + "\t\tiifname \"wan\" jump input_wan comment \"!fw4: x\"\n\t}\n\tchain input_wan {\n"
        + "\t\tudp dport 68 counter accept\n\t\tjump reject_from_wan\n\t}\n}\n";
    assertThat(fate(a)).isEqualTo(fate(a.replace(" comment \"!fw4: x\"", "").replace("counter ", "")));
    assertThat(fate(a)).isNotEqualTo(fate(a.replace("dport 68", "dport 67")));
    assertThat(fate(a)).isNotEqualTo(fate(a.replace("policy drop", "policy accept")));
    assertThat(fate(a)).isNotEqualTo(fate(a.replace("jump reject_from_wan", "jump accept_from_wan")));
  }

  /** Runs the stand-in on a firewall and a network config; returns its ruleset. */
  static String render(Path dir, String firewall, String network) throws IOException, InterruptedException {
    Path conf = Files.createDirectories(dir.resolve("config"));
    Files.writeString(conf.resolve("firewall"), firewall, StandardCharsets.UTF_8);
    Files.writeString(conf.resolve("network"), network, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder("python3", ROOTFS.resolve("usr/libexec/lab/firewall-uci-gen").toString(),
        "-u", ROOTFS.resolve("sbin/uci").toString(), "-c", conf.toString()).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("firewall-uci-gen exit status; stderr: " + err).isZero();
    return out;
  }

  private static final Pattern CHAIN = Pattern.compile("^\\s*chain (\\S+) \\{\\s*$");
  private static final Pattern COMMENT = Pattern.compile(" comment \"(?:[^\"\\\\]|\\\\.)*\"");

  /** The ruleset reduced to what decides packets' fate (see the class comment), one chain per block. */
  static String fate(String ruleset) {
    Map<String, List<String>> chains = new TreeMap<>();
    String current = null;
    for (String raw : ruleset.split("\n")) {
      Matcher m = CHAIN.matcher(raw);
      if (m.matches()) {
        current = m.group(1);
        chains.put(current, new ArrayList<>());
        continue;
      }
      String line = raw.trim();
      if (current == null) {
        continue;
      }
      if (line.equals("}")) {
        current = null;
        continue;
      }
      line = COMMENT.matcher(line).replaceAll("").replace(" counter", "").replaceAll("^counter ?", "")
          .replaceAll("\\s+", " ").trim();
      if (line.isEmpty() || line.startsWith("#") || line.contains("jump helper_") || line.contains("ct helper set")
          || line.contains("flow offload")) {
        continue;
      }
      chains.get(current).add(line);
    }
    chains.keySet().removeIf(n -> n.startsWith("helper_"));
    chains.values().removeIf(rules -> rules.isEmpty() || rules.size() == 1 && rules.get(0).startsWith("type ")
        && rules.get(0).endsWith("policy accept;"));
    return chains.entrySet().stream().map(e -> "chain " + e.getKey() + "\n  " + String.join("\n  ", e.getValue()))
        .collect(Collectors.joining("\n"));
  }
}
