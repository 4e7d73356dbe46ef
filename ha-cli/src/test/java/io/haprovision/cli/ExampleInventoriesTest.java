package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.Provisioner;
import io.haprovision.Rendering;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.TrackInterfaceSpec;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VirtualRouteSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.keepalived.KeepalivedValidation;
import io.haprovision.lab.check.KeepalivedCheck;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Tag;

/**
 * Every example in {@code inventories/} loads, validates and renders, and every
 * keepalived.conf it renders passes the real {@code keepalived -t} inside a network
 * namespace holding the node's interfaces.
 */
class ExampleInventoriesTest {
  static final Path EXAMPLES = Path.of("..", "inventories");
  static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  static final Pattern SCRIPT = Pattern.compile("(?m)^(\\s*script \")([^\\s\"]+)");
  static final String KEEPALIVED_CONF = "keepalived.conf";

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  /** Demo values for every {@code ${env:NAME}} an example reads (at most 8 characters). */
  static Map<String, String> environmentFor(Path example) throws IOException {
    Map<String, String> env = new TreeMap<>();
    Matcher m = ENV.matcher(Files.readString(example));
    while (m.find()) {
      env.put(m.group(1), "ex" + Integer.toHexString(m.group(1).hashCode() & 0xfffff));
    }
    return env;
  }

  static Provisioner load(Path example) throws IOException {
    return Provisioner.builder().inventory(example).environment(environmentFor(example)).build();
  }

  @TestFactory
  Stream<DynamicTest> everyExampleValidatesAndRenders() throws IOException {
    List<Path> examples = examples();
    assertThat(examples).as("examples in " + EXAMPLES.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(examples.stream().map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.contains("openwrt")).anyMatch(n -> n.contains("mikrotik"))
        .anyMatch(n -> n.contains("bonder"));
    return examples.stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
      Provisioner provisioner = load(example);
      Inventory inventory = provisioner.validate();
      assertThat(inventory.pairs()).isNotEmpty();
      Rendering rendering = provisioner.render();
      assertThat(rendering.nodes()).hasSize(inventory.pairs().size() * 2);
      for (DesiredNode node : rendering.nodes()) {
        assertThat(node.resources()).as(node.pair() + "/" + node.node()).isNotEmpty();
      }
      assertThat(Files.readString(example)).as("examples are commented").contains("# ");
    }));
  }

  @org.junit.jupiter.api.Test
  void mikrotikRenderIncludesAReviewScriptPerRouter(@org.junit.jupiter.api.io.TempDir Path out) throws IOException {
    Path example = EXAMPLES.resolve("mikrotik-ccr.yml");
    Provisioner provisioner = load(example);
    provisioner.render().writeTo(out);
    for (NodeSpec node : provisioner.validate().pairs().get(0).nodes()) {
      Path rsc = out.resolve("ccr").resolve(node.name()).resolve("review").resolve(node.name() + ".rsc");
      assertThat(rsc).exists();
      assertThat(Files.readString(rsc)).contains("/interface vrrp").contains("HA_VRRP");
    }
  }

  @TestFactory
  @Tag("lab")
  Stream<DynamicTest> everyRenderedKeepalivedConfPassesKeepalivedTest() throws IOException {
    List<DynamicTest> tests = new java.util.ArrayList<>();
    for (Path example : examples()) {
      Provisioner provisioner = load(example);
      Rendering rendering = provisioner.render();
      for (PairSpec pair : provisioner.validate().pairs()) {
        for (NodeSpec node : pair.nodes()) {
          DesiredNode desired = rendering.nodes().stream()
              .filter(d -> d.pair().equals(pair.name()) && d.node().equals(node.name())).findFirst().orElseThrow();
          for (Resource r : desired.resources()) {
            if (r instanceof FileResource f && f.path().endsWith("/" + KEEPALIVED_CONF)) {
              boolean vipLess = !provisioner.targets().find(pair.platform()).orElseThrow().requiresVips();
              tests.add(DynamicTest.dynamicTest(example.getFileName() + " " + pair.name() + "/" + node.name(),
                  () -> check(f.content(), interfacesOf(pair, node), vipLess)));
            }
          }
        }
      }
    }
    assertThat(tests).as("the examples render keepalived.conf files").isNotEmpty();
    return tests.stream();
  }

  private static void check(String conf, Map<String, String> interfaces, boolean vipLess) {
    assumeTrue(LabSupport.canUseNetns(), LabSupport.reason());
    KeepalivedCheck.Result result = new KeepalivedCheck().check(withRunnableScripts(conf), interfaces);
    assertThat(KeepalivedValidation.accepts(result.exitCode(), result.stderr(), vipLess))
        .as("keepalived -t exit %d:%n%s%n--- conf ---%n%s", result.exitCode(), result.stderr(), conf)
        .isTrue();
  }

  /**
   * keepalived -t also checks that track scripts exist on the machine it runs on. This
   * machine is not the router: a script the router has (bondsh, say) is swapped for
   * /bin/true here, so the check is about the file, not about this machine's programs.
   */
  static String withRunnableScripts(String conf) {
    Matcher m = SCRIPT.matcher(conf);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String program = m.group(2);
      String replacement = Files.isExecutable(Path.of(program)) ? program : "/bin/true";
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Every interface the node's keepalived.conf names, with the node's address where known. */
  static Map<String, String> interfacesOf(PairSpec pair, NodeSpec node) {
    Map<String, String> links = new LinkedHashMap<>();
    node.interfaces().forEach((name, address) -> links.put(name, address.cidr()));
    int spare = 1;
    for (VrrpInstanceSpec i : pair.vrrp().instances()) {
      List<String> names = new java.util.ArrayList<>();
      names.add(i.interfaceName());
      i.vips().stream().map(VipSpec::device).flatMap(java.util.Optional::stream).forEach(names::add);
      i.trackInterfaces().stream().map(TrackInterfaceSpec::interfaceName).forEach(names::add);
      i.virtualRoutes().stream().map(VirtualRouteSpec::dev).flatMap(java.util.Optional::stream).forEach(names::add);
      for (String name : names) {
        if (!links.containsKey(name)) {
          links.put(name, "198.18.255." + spare++ + "/32");
        }
      }
    }
    return links;
  }

}
