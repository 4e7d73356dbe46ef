package io.haprovision.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.resource.DigestKey;
import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.NodeFacts;
import io.haprovision.resource.AttributeChange;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.Comparison.Action;
import io.haprovision.resource.ContentChange;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Redactor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A platform brings its own resource kind, state and comparison without touching the core:
 * here a UCI-like option and a RouterOS-like menu whose text is diffed by the core.
 */
class CustomResourceKindTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  /** Test-only kind: one UCI option, as ha-openwrt would define it. */
  record UciOption(String key, String value, List<String> notifies) implements Resource {
    @Override
    public ResourceId id() {
      return new ResourceId("uci", key);
    }

    @Override
    public String describe() {
      return "uci " + key + "='" + value + "'";
    }

    @Override
    public Comparison compare(Optional<ResourceState> current) {
      Optional<UciState> now = ResourceState.expect(current, UciState.class, id());
      if (now.isEmpty()) {
        return Comparison.of(Action.CREATE, "set " + key + "='" + value + "'");
      }
      if (now.get().value().equals(value)) {
        return Comparison.none(key + " is '" + value + "'");
      }
      return new Comparison(Action.UPDATE, "set " + key + " '" + now.get().value() + "' -> '" + value + "'",
          List.of(new AttributeChange("value", now.get().value(), value)), Optional.empty());
    }
  }

  /** Test-only state of a UCI option, as ha-openwrt's probe would parse it. */
  record UciState(String value) implements ResourceState {
    @Override
    public String fingerprint() {
      return "uci value=" + value;
    }
  }

  /** Test-only kind: a RouterOS menu as text, compared line by line through the core's diff. */
  record MenuExport(String menu, String export) implements Resource {
    @Override
    public ResourceId id() {
      return new ResourceId("routeros", menu);
    }

    @Override
    public String describe() {
      return "routeros " + menu;
    }

    @Override
    public Comparison compare(Optional<ResourceState> current) {
      String now = ResourceState.expect(current, MenuState.class, id()).map(MenuState::export).orElse("");
      return now.equals(export)
          ? Comparison.none(menu + " is as desired")
          : new Comparison(Action.UPDATE, "change " + menu, List.of(),
              Optional.of(new ContentChange(menu, new ContentChange.Known(now), new ContentChange.Known(export))));
    }
  }

  /** Test-only state of a RouterOS menu. */
  record MenuState(String export) implements ResourceState {
    @Override
    public String fingerprint() {
      return "routeros export sha256=" + io.haprovision.resource.Sha256.of(export);
    }
  }

  private static final Handler RELOAD = new Handler("reload-keepalived", Handler.Kind.RELOAD,
      "/etc/init.d/keepalived reload");

  @Test
  void plannerComparesAKindItDoesNotKnow() {
    UciOption enabled = new UciOption("keepalived.globals.enabled", "1", List.of(RELOAD.name()));
    UciOption alt = new UciOption("keepalived.globals.alt_config_file", "/etc/keepalived/keepalived.conf", List.of());
    MenuExport vrrp = new MenuExport("/interface vrrp", "add name=HA_VRRP interface=bridge-ether8 priority=150\n");
    List<Resource> resources = List.of(enabled, alt, vrrp);
    DesiredPair pair = new DesiredPair("office",
        new DesiredNode("office", "gw-a", resources, List.of(RELOAD)),
        new DesiredNode("office", "gw-b", resources, List.of(RELOAD)));
    NodeFacts a = NodeFacts.empty("gw-a")
        .with(enabled.id(), new UciState("0"))
        .with(alt.id(), new UciState("/etc/keepalived/keepalived.conf"))
        .with(vrrp.id(), new MenuState("add name=HA_VRRP interface=bridge-ether8 priority=100\n"));

    Plan plan = Planner.plan(List.of(pair), FactsLookup.builder().add("office", a)
        .add("office", NodeFacts.empty("gw-b")).build(), KEY);

    NodePlan gwA = plan.pair("office").node("gw-a");
    assertThat(gwA.changes().get(0)).isEqualTo(new Change.Update(enabled.id(),
        "set keepalived.globals.enabled '0' -> '1'", "old value 0\nnew value 1", List.of("reload-keepalived")));
    assertThat(gwA.changes().get(1)).isInstanceOf(Change.NoOp.class);
    assertThat(gwA.changes().get(2).diff()).isEqualTo(String.join("\n",
        "--- a/interface vrrp", "+++ b/interface vrrp", "@@ -1,1 +1,1 @@",
        "-add name=HA_VRRP interface=bridge-ether8 priority=100",
        "+add name=HA_VRRP interface=bridge-ether8 priority=150"));
    assertThat(gwA.handlers()).extracting(PlannedHandler::name).containsExactly("reload-keepalived");
    assertThat(plan.pair("office").node("gw-b").changes().get(0)).isInstanceOf(Change.Create.class);

    // Platform kinds render and round-trip like core kinds.
    assertThat(PlanTextRenderer.plain(Redactor.none()).render(plan))
        .contains("  ~ set keepalived.globals.enabled '0' -> '1'")
        .contains("  + set keepalived.globals.enabled='1'");
    assertThat(PlanJson.read(PlanJson.write(plan, Redactor.none()))).isEqualTo(plan);
    // And their state counts in the facts digest.
    assertThat(a.with(enabled.id(), new UciState("1")).digest(KEY)).isNotEqualTo(a.digest(KEY));
  }
}
