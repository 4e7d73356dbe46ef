package io.haprovision.mikrotik.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison.Action;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.ContentChange;
import io.haprovision.resource.FileState;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Comparing a RouterOS entry with what the router prints, and the commands that follow. */
class RouterOsEntryTest {
  private static final RouterOsEntry HEARTBEAT = RouterOsEntry.owned("/interface vrrp", "name", "HA_VRRP")
      .set("interface", "bridge-ether8")
      .set("priority", "150")
      .set("interval", "1s")
      .set("preemption-mode", "yes")
      .set("on-master", "/system script run HA_ON_MASTER")
      .build();

  private static Optional<ResourceState> printed(Map<String, String> properties) {
    return Optional.of(RouterOsEntryState.present(properties));
  }

  private static Map<String, String> heartbeatAsPrinted() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", "HA_VRRP");
    p.put("interface", "bridge-ether8");
    p.put("priority", "150");
    p.put("interval", "00:00:01");
    p.put("preemption-mode", "true");
    p.put("on-master", "/system script run HA_ON_MASTER");
    p.put("mtu", "1500");            // not managed: ignored
    p.put("disabled", "yes");        // run-time state of the hooks: ignored
    return p;
  }

  @Test
  void missingEntryIsAddedWithEveryProperty() {
    Comparison c = HEARTBEAT.compare(Optional.empty());
    assertThat(c.action()).isEqualTo(Action.CREATE);
    assertThat(c.summary()).isEqualTo("add /interface vrrp name=HA_VRRP");
    assertThat(HEARTBEAT.commands(Optional.of(RouterOsEntryState.absent()))).containsExactly(
        "/interface vrrp add name=HA_VRRP interface=bridge-ether8 priority=150 interval=1s preemption-mode=yes"
            + " on-master=\"/system script run HA_ON_MASTER\"");
  }

  @Test
  void sameSettingsPrintedDifferentlyAreNoChange() {
    Comparison c = HEARTBEAT.compare(printed(heartbeatAsPrinted()));
    assertThat(c.action()).isEqualTo(Action.NONE);
    assertThat(HEARTBEAT.commands(printed(heartbeatAsPrinted()))).isEmpty();
  }

  @Test
  void changedPropertiesAreSetAloneOnTheFoundEntry() {
    Map<String, String> now = heartbeatAsPrinted();
    now.put("priority", "100");
    now.remove("on-master");
    Comparison c = HEARTBEAT.compare(printed(now));
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.summary()).isEqualTo("set /interface vrrp name=HA_VRRP: priority, on-master");
    assertThat(c.attributes()).extracting(a -> a.name() + ":" + a.before() + "->" + a.after())
        .containsExactly("priority:100->150", "on-master:(unset)->/system script run HA_ON_MASTER");
    assertThat(HEARTBEAT.commands(printed(now))).containsExactly(
        "/interface vrrp set [find name=HA_VRRP] priority=150 on-master=\"/system script run HA_ON_MASTER\"");
  }

  @Test
  void scriptSourceChangesShowAsALineDiff() {
    RouterOsEntry script = RouterOsEntry.owned("/system script", "name", "HA_ON_MASTER")
        .set("source", "/interface ethernet enable [find]\n/system identity set name=X_ACTIVE\n").build();
    Comparison same = script.compare(printed(Map.of("name", "HA_ON_MASTER",
        "source", "/interface ethernet enable [find]\r\n/system identity set name=X_ACTIVE\r\n")));
    assertThat(same.action()).isEqualTo(Action.NONE);

    Comparison changed = script.compare(printed(Map.of("name", "HA_ON_MASTER",
        "source", "/interface ethernet enable [find]\n/system identity set name=OLD\n")));
    assertThat(changed.action()).isEqualTo(Action.UPDATE);
    assertThat(changed.attributes()).isEmpty();
    ContentChange content = changed.content().orElseThrow();
    assertThat(((ContentChange.Known) content.before()).text()).contains("    /system identity set name=OLD\n");
    assertThat(((ContentChange.Known) content.after()).text()).contains("    /system identity set name=X_ACTIVE\n");
    assertThat(script.commands(printed(Map.of("name", "HA_ON_MASTER", "source", "x")))).containsExactly(
        "/system script set [find name=HA_ON_MASTER] source=\"/interface ethernet enable [find]\\n"
            + "/system identity set name=X_ACTIVE\\n\"");
  }

  @Test
  void entryToBeAbsentIsRemovedOnlyWhenThere() {
    RouterOsEntry gone = RouterOsEntry.absent("/ip address", Map.of("address", "192.0.2.1/32"));
    assertThat(gone.compare(Optional.empty()).action()).isEqualTo(Action.NONE);
    assertThat(gone.commands(Optional.empty())).isEmpty();
    Optional<ResourceState> there = printed(Map.of("address", "192.0.2.1/32", "interface", "LAN"));
    assertThat(gone.compare(there).action()).isEqualTo(Action.DELETE);
    assertThat(gone.commands(there)).containsExactly("/ip address remove [find address=192.0.2.1/32]");
  }

  @Test
  void builtInEntryIsSetByNameSoAMissingOneFailsOnTheRouter() {
    RouterOsEntry port = RouterOsEntry.builtIn("/interface ethernet", "ether7").set("comment", "HA_RESCUE").build();
    Comparison missing = port.compare(Optional.empty());
    assertThat(missing.action()).isEqualTo(Action.CREATE);
    assertThat(missing.summary()).contains("cannot add it");
    assertThat(port.commands(Optional.empty())).containsExactly("/interface ethernet set ether7 comment=HA_RESCUE");
    assertThat(port.commands(printed(Map.of("name", "ether7", "comment", "uplink"))))
        .containsExactly("/interface ethernet set ether7 comment=HA_RESCUE");
    assertThatThrownBy(() -> new RouterOsEntry("/interface ethernet", Map.of("name", "ether7"), Map.of(), Map.of(),
        io.haprovision.resource.Ensure.ABSENT, RouterOsEntry.Kind.BUILT_IN, List.of()))
        .isInstanceOf(InternalException.class);
  }

  @Test
  void secretPropertiesNeverLeaveForAnythingButTheRouter() {
    String marker = "s3cr3tXY";
    RouterOsEntry lan = RouterOsEntry.owned("/interface vrrp", "name", "LAN")
        .set("authentication", "simple").secret("password", Secret.of(marker, "env:VRRP_PASS")).build();
    assertThat(lan.sensitive()).isTrue();
    Optional<ResourceState> other = printed(Map.of("name", "LAN", "authentication", "simple", "password", "old"));
    Optional<ResourceState> hidden = printed(Map.of("name", "LAN", "authentication", "simple"));
    Comparison changed = lan.compare(other);
    assertThat(changed.action()).isEqualTo(Action.UPDATE);
    assertThat(lan.compare(hidden).action()).as("a hidden password cannot be compared").isEqualTo(Action.NONE);
    String shown = lan.describe() + lan + lan.reviewLine() + changed + lan.compare(Optional.empty())
        + ((ContentChange.Known) changed.content().orElseThrow().after()).text()
        + ((ContentChange.Known) changed.content().orElseThrow().before()).text()
        + RouterOsEntryState.present(Map.of("password", marker)).fingerprint()
        + RouterOsEntryState.present(Map.of("password", marker));
    assertThat(shown).doesNotContain(marker).doesNotContain("old");
    assertThat(lan.commands(other)).containsExactly("/interface vrrp set [find name=LAN] password=" + marker);
  }

  @Test
  void otherStateTypesAreABug() {
    Optional<ResourceState> file = Optional.of(FileState.absent());
    assertThatThrownBy(() -> HEARTBEAT.compare(file)).isInstanceOf(InternalException.class);
  }

  @Test
  void malformedEntriesAreRefused() {
    assertThatThrownBy(() -> RouterOsEntry.owned("interface vrrp", "name", "x").build())
        .isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> RouterOsEntry.owned("/interface vrrp", "name", "x").set("Bad Name", "y").build())
        .isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> RouterOsEntry.owned("/interface vrrp", "name", "x").set("name", "y").build())
        .isInstanceOf(InternalException.class);
  }

  @Test
  void valuesAreQuotedAndEscapedWhenNeeded() {
    assertThat(RouterOsSyntax.value("bridge-ether8")).isEqualTo("bridge-ether8");
    assertThat(RouterOsSyntax.value("192.0.2.1/24")).isEqualTo("192.0.2.1/24");
    assertThat(RouterOsSyntax.value("")).isEqualTo("\"\"");
    assertThat(RouterOsSyntax.value("a b")).isEqualTo("\"a b\"");
    assertThat(RouterOsSyntax.value("say \"$x\"? \\ done\n")).isEqualTo("\"say \\\"\\$x\\\"\\? \\\\ done\\n\"");
    assertThat(RouterOsSyntax.value("x; /system reboot")).isEqualTo("\"x; /system reboot\"");
  }

  @Test
  void timesAndBooleansCompareByMeaning() {
    assertThat(RouterOsValues.same("1s", "00:00:01")).isTrue();
    assertThat(RouterOsValues.same("100ms", "00:00:00.1")).isTrue();
    assertThat(RouterOsValues.same("1m30s", "90s")).isTrue();
    assertThat(RouterOsValues.same("yes", "true")).isTrue();
    assertThat(RouterOsValues.same("no", "yes")).isFalse();
    assertThat(RouterOsValues.same("1", "1s")).isFalse();
    assertThat(RouterOsValues.same("ether1", "ether2")).isFalse();
    assertThat(RouterOsValues.time(new java.math.BigDecimal("0.1"))).isEqualTo("100ms");
    assertThat(RouterOsValues.time(new java.math.BigDecimal("1.5"))).isEqualTo("1s500ms");
    assertThat(RouterOsValues.time(new java.math.BigDecimal("2"))).isEqualTo("2s");
  }
}
