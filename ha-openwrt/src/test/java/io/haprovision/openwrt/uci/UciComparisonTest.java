package io.haprovision.openwrt.uci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.FileState;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How UCI options and sections compare with what a node has: a table of desired
 * resource x probed state -> verdict, kept as a golden file so every case is reviewable,
 * plus the apply commands.
 */
class UciComparisonTest {

  private record Case(String label, Resource desired, Optional<ResourceState> state) {}

  private static List<Case> cases() {
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    UciOption options = UciOption.list("dhcp", "lan", "dhcp_option", List.of("3,192.0.2.1", "6,192.0.2.1"));
    UciOption one = UciOption.list("dhcp", "lan", "dhcp_option", List.of("3,192.0.2.1"));
    UciOption gone = UciOption.absent("dhcp", "lan", "ignore");
    UciSection host = UciSection.of("dhcp", "ha_printer", "host");
    List<Case> c = new ArrayList<>();
    c.add(new Case("option, nothing probed", force, Optional.empty()));
    c.add(new Case("option, absent", force, Optional.of(UciOptionState.absent())));
    c.add(new Case("option, same value", force, Optional.of(UciOptionState.option("1"))));
    c.add(new Case("option, same value as printed by uci show", force,
        Optional.of(UciOptionState.shown(List.of("1")))));
    c.add(new Case("option, other value", force, Optional.of(UciOptionState.option("0"))));
    c.add(new Case("option, but the node has a list", force, Optional.of(UciOptionState.list(List.of("1")))));
    c.add(new Case("list, absent", options, Optional.of(UciOptionState.absent())));
    c.add(new Case("list, same values", options,
        Optional.of(UciOptionState.shown(List.of("3,192.0.2.1", "6,192.0.2.1")))));
    c.add(new Case("list, other order", options,
        Optional.of(UciOptionState.list(List.of("6,192.0.2.1", "3,192.0.2.1")))));
    c.add(new Case("list, one extra value on the node", options,
        Optional.of(UciOptionState.list(List.of("3,192.0.2.1", "6,192.0.2.1", "42,192.0.2.5")))));
    c.add(new Case("one-element list, uci show prints one value", one,
        Optional.of(UciOptionState.shown(List.of("3,192.0.2.1")))));
    c.add(new Case("one-element list, the node has an option", one,
        Optional.of(UciOptionState.option("3,192.0.2.1"))));
    c.add(new Case("absent, set on the node", gone, Optional.of(UciOptionState.option("1"))));
    c.add(new Case("absent, absent", gone, Optional.of(UciOptionState.absent())));
    c.add(new Case("section, missing", host, Optional.of(UciSectionState.absent())));
    c.add(new Case("section, same type", host, Optional.of(UciSectionState.of("host"))));
    c.add(new Case("section, other type", host, Optional.of(UciSectionState.of("domain"))));
    return c;
  }

  @Test
  void verdictsMatchTheGoldenTable() {
    StringBuilder sb = new StringBuilder();
    for (Case c : cases()) {
      Comparison v = c.desired().compare(c.state());
      sb.append("## ").append(c.label()).append("\n");
      sb.append("desired: ").append(c.desired().describe()).append("\n");
      sb.append("node:    ").append(c.state().map(ResourceState::fingerprint).orElse("(not probed)")).append("\n");
      sb.append("action:  ").append(v.action()).append("\n");
      sb.append("summary: ").append(v.summary()).append("\n");
      v.attributes().forEach(a -> sb.append("  ").append(a.name()).append(": ").append(a.before())
          .append(" -> ").append(a.after()).append("\n"));
      if (v.changes()) {
        List<String> commands = c.desired() instanceof UciOption o ? o.applyCommands()
            : ((UciSection) c.desired()).applyCommands();
        commands.forEach(cmd -> sb.append("  $ ").append(cmd).append("\n"));
      }
      sb.append("\n");
    }
    io.haprovision.openwrt.GoldenAccess.assertMatches(sb.toString(), "uci/comparisons.txt");
  }

  @Test
  void sameStateIsNoChangeAndDifferentIsAChange() {
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    assertThat(force.compare(Optional.of(UciOptionState.option("1"))).changes()).isFalse();
    assertThat(force.compare(Optional.of(UciOptionState.option("0"))).action()).isEqualTo(Comparison.Action.UPDATE);
    assertThat(force.compare(Optional.empty()).action()).isEqualTo(Comparison.Action.CREATE);
    assertThat(force.id().toString()).isEqualTo("uci:dhcp.lan.force");
  }

  @Test
  void applyCommandsQuoteValuesForTheShell() {
    UciOption script = UciOption.set("dhcp", "@dnsmasq[0]", "dhcpscript", "/usr/libexec/x y");
    assertThat(script.applyCommands()).containsExactly("uci set 'dhcp.@dnsmasq[0].dhcpscript=/usr/libexec/x y'");
    UciOption quote = UciOption.set("system", "@system[0]", "description", "it's");
    assertThat(quote.applyCommands()).containsExactly("uci set 'system.@system[0].description=it'\\''s'");
    assertThat(quote.commitCommand()).isEqualTo("uci commit system");
  }

  @Test
  void refusesNamesUciWouldNotTake() {
    assertThatThrownBy(() -> UciOption.set("dhcp", "lan.x", "force", "1")).isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> UciOption.set("dhcp", "lan", "for ce", "1")).isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> UciOption.set("dh cp", "lan", "force", "1")).isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> UciOption.set("dhcp", "lan", "force", "1\n2")).isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> UciSection.of("dhcp", "@host[0]", "host")).isInstanceOf(InternalException.class);
  }

  @Test
  void aStateOfAnotherKindIsABug() {
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    assertThatThrownBy(() -> force.compare(Optional.of(FileState.absent()))).isInstanceOf(InternalException.class)
        .hasMessageContaining("uci:dhcp.lan.force");
  }
}
