package example.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.ProgressEvent;
import io.haprovision.Provisioner;
import io.haprovision.Rendering;
import io.haprovision.error.InventoryException;
import io.haprovision.error.ProvisionException;
import io.haprovision.facts.FactsLookup;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.inventory.VrrpSpec;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanJson;
import io.haprovision.plan.PlanTextRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uses ha-provision the way an embedding tool does: only public API, from a package of
 * its own, with the platforms found on the class path.
 */
class EmbeddingApiTest {
  static final String PASSWORD = "Zq8vT1wx";
  static final String INVENTORY = """
      version: 1
      defaults:
        ssh: { user: root }
        vrrp:
          authentication: { type: PASS, password: "${env:EMBED_VRRP}" }
      pairs:
        - name: branch-1
          platform: openwrt
          nodes:
            - { name: r1, role: primary, host: 192.0.2.21, interfaces: { br-lan: 198.51.100.2/24 } }
            - { name: r2, role: secondary, host: 192.0.2.22, interfaces: { br-lan: 198.51.100.3/24 } }
          vrrp:
            instances:
              - { name: LAN, interface: br-lan, virtual_router_id: 10, vips: [198.51.100.1/24], unicast: true }
        - name: branch-2
          platform: openwrt
          nodes:
            - { name: r1, role: primary, host: 192.0.2.31, interfaces: { br-lan: 203.0.113.2/24 } }
            - { name: r2, role: secondary, host: 192.0.2.32, interfaces: { br-lan: 203.0.113.3/24 } }
          vrrp:
            instances:
              - { name: LAN, interface: br-lan, virtual_router_id: 10, vips: [203.0.113.1/24], unicast: true }
      """;

  @Test
  void validateRenderAndPlanFromAString(@TempDir Path dir) throws Exception {
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    Provisioner provisioner = Provisioner.builder()
        .inventory(INVENTORY, "embedded.yml", dir)
        .environment(Map.of("EMBED_VRRP", PASSWORD))
        .parallelism(2)
        .listener(events::add)
        .build();

    Inventory inventory = provisioner.validate();
    assertThat(inventory.pairs()).extracting(p -> p.name()).containsExactly("branch-1", "branch-2");

    Rendering rendering = provisioner.render();
    assertThat(rendering.nodes()).hasSize(4);
    assertThat(rendering.files()).anyMatch(f -> f.path().equals("/etc/keepalived/keepalived.conf")
        && f.content().contains("auth_pass " + PASSWORD) && f.sensitive());
    List<Path> written = rendering.writeTo(dir.resolve("review"));
    assertThat(written).contains(dir.resolve("review/branch-2/r2/etc/keepalived/keepalived.conf"));
    assertThat(events).anyMatch(e -> e.pair().equals("branch-2") && e.node().equals("r2"));

    Plan plan = provisioner.plan(FactsLookup.offline());
    assertThat(plan.hasChanges()).isTrue();
    assertThat(plan.pairs()).hasSize(2);
    String text = PlanTextRenderer.plain(provisioner.redactor()).render(plan);
    String json = PlanJson.write(plan, provisioner.redactor());
    assertThat(text).contains("branch-1").doesNotContain(PASSWORD);
    assertThat(json).contains("\"version\"").doesNotContain(PASSWORD);
    assertThat(PlanJson.read(json).pairs()).hasSize(2);
    for (Path f : written) {
      assertThat(Files.readString(f)).doesNotContain(PASSWORD);
    }
  }

  @Test
  void limitSelectsPairsAndRefusesUnknownOnes() {
    Provisioner one = Provisioner.builder().inventory(INVENTORY, "embedded.yml", null)
        .environment(Map.of("EMBED_VRRP", PASSWORD)).limit(List.of("branch-2")).build();
    assertThat(one.validate().pairs()).extracting(p -> p.name()).containsExactly("branch-2");

    assertThatThrownBy(() -> Provisioner.builder().inventory(INVENTORY, "embedded.yml", null)
        .environment(Map.of("EMBED_VRRP", PASSWORD)).limit(List.of("branch-9")).build())
        .isInstanceOf(InventoryException.class).hasMessageContaining("branch-9").hasMessageContaining("branch-1");
  }

  @Test
  void recordsBuiltInCodeAreValidatedToo() {
    Inventory loaded = Provisioner.builder().inventory(INVENTORY, "embedded.yml", null)
        .environment(Map.of("EMBED_VRRP", PASSWORD)).build().validate();
    // Records are checked again when handed over directly, without a file behind them:
    // a second pair reusing branch-1's segment and VRID is refused, and so is a duplicate name.
    PairSpec first = loaded.pairs().get(0);
    VrrpInstanceSpec lan = first.vrrp().instances().get(0);
    VrrpInstanceSpec copy = new VrrpInstanceSpec(lan.name(), lan.interfaceName(), lan.virtualRouterId(),
        lan.segment(), lan.vips(), lan.nodes(), lan.transport(), lan.nopreempt(), lan.preemptDelay(), lan.garp(),
        lan.trackInterfaces(), lan.trackScripts(), lan.virtualRoutes(), lan.notifications(), "pairs[1].vrrp.instances[0]");
    PairSpec twin = new PairSpec("branch-1b", first.platform(), first.nodes(),
        new VrrpSpec(List.of(copy), first.vrrp().trackScripts(), first.vrrp().syncGroup()),
        first.platformSection(), "pairs[1]", first.verify());
    assertThatThrownBy(() -> Provisioner.builder().inventory(new Inventory(null, List.of(first, twin))).build())
        .isInstanceOf(InventoryException.class).hasMessageContaining("virtual_router_id 10 is already used");
    assertThatThrownBy(() -> Provisioner.builder().inventory(new Inventory(null, List.of(first, first))).build())
        .isInstanceOf(InventoryException.class).hasMessageContaining("two pairs named branch-1");
    assertThat(Provisioner.builder().inventory(loaded).build().render().nodes()).hasSize(4);
  }

  @Test
  void invalidInventoryTellsWhereAndNeverTheSecret() {
    String bad = INVENTORY.replace("virtual_router_id: 10, vips: [203.0.113.1/24]",
        "virtual_router_id: 10, vips: [203.0.113.1]");
    InventoryException e = (InventoryException) org.assertj.core.api.Assertions.catchThrowable(() ->
        Provisioner.builder().inventory(bad, "embedded.yml", null)
            .environment(Map.of("EMBED_VRRP", PASSWORD)).build());
    assertThat(e).isInstanceOf(ProvisionException.class);
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.location().toString()).startsWith("embedded.yml:");
      assertThat(p.keyPath()).startsWith("pairs[1].vrrp.instances[0].vips");
    });
    assertThat(e.getMessage()).doesNotContain(PASSWORD);
  }
}
