package io.haprovision.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.NodeFacts;
import io.haprovision.facts.VrrpRole;
import io.haprovision.facts.VrrpWire;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Secret;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 point 4: a change of what VRRP puts on the wire, which the two nodes cannot both
 * speak while one is changed, is planned as such from what the node changed last runs.
 */
class WireChangePlanTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(StandardCharsets.UTF_8));

  private static VrrpWire wire(int vrid, int version, String advert, int auth, String password, boolean unicast) {
    return new VrrpWire(vrid, version, Optional.of(new BigDecimal(advert)), auth,
        password == null ? Optional.empty() : Optional.of(Secret.of(password, "test")), Optional.of(unicast));
  }

  private static final VrrpWire NOW = wire(51, 2, "1", VrrpWire.AUTH_PASS, "old-pass", true);

  private static Plan plan(VrrpWire wanted, VrrpWire onMaster, VrrpWire onBackup) {
    DesiredPair pair = new DesiredPair("office", new DesiredNode("office", "gw-a", List.of(), List.of()),
        new DesiredNode("office", "gw-b", List.of(), List.of()),
        Map.of("LAN", Map.of("gw-a", wanted, "gw-b", wanted)), List.of());
    NodeFacts a = NodeFacts.empty("gw-a").withVrrpRole(VrrpRole.MASTER).withWire(Map.of("LAN", onMaster));
    NodeFacts b = NodeFacts.empty("gw-b").withVrrpRole(VrrpRole.BACKUP).withWire(Map.of("LAN", onBackup));
    return Planner.plan(List.of(pair), FactsLookup.builder().add("office", a).add("office", b).build(), KEY);
  }

  @Test
  void eachKindOfWireChangeHoldsTheBackupWhileTheMasterChanges() {
    List<VrrpWire> changes = List.of(
        wire(51, 2, "1", VrrpWire.AUTH_NONE, null, true),
        wire(51, 2, "1", VrrpWire.AUTH_PASS, "new-pass", true),
        wire(51, 2, "2", VrrpWire.AUTH_PASS, "old-pass", true),
        wire(51, 3, "1", VrrpWire.AUTH_NONE, null, true),
        wire(51, 2, "1", VrrpWire.AUTH_PASS, "old-pass", false),
        wire(61, 2, "1", VrrpWire.AUTH_PASS, "old-pass", true));
    for (VrrpWire wanted : changes) {
      PairPlan p = plan(wanted, NOW, NOW).pair("office");
      assertThat(p.wireChange()).as("%s", wanted).isPresent();
      WireChange w = p.wireChange().get();
      assertThat(w.held()).isEqualTo("gw-b");
      assertThat(w.changedWhileHeld()).isEqualTo("gw-a");
      assertThat(p.warnings()).anySatisfy(s -> assertThat(s).contains("gw-b is held out of VRRP (keepalived stopped,"
          + " or its heartbeat disabled) while gw-a changes, so the pair runs without a standby for about"));
      assertThat(String.join("\n", p.warnings())).doesNotContain("old-pass").doesNotContain("new-pass");
    }
  }

  @Test
  void aNewVridOrTransportIsAnnouncedAsMovingTheVips() {
    PairPlan vrid = plan(wire(61, 2, "1", VrrpWire.AUTH_PASS, "old-pass", true), NOW, NOW).pair("office");
    assertThat(vrid.wireChange().orElseThrow().vipsMove()).containsExactly("LAN");
    assertThat(vrid.wireChange().orElseThrow().withoutVipsMillis()).isEqualTo(4000);
    assertThat(vrid.warnings()).anySatisfy(s -> assertThat(s).startsWith("moves the VIPs of LAN: expect about 4 s"
        + " without them"));
    PairPlan multicast = plan(wire(51, 2, "1", VrrpWire.AUTH_PASS, "old-pass", false), NOW, NOW).pair("office");
    assertThat(multicast.wireChange().orElseThrow().vipsMove()).containsExactly("LAN");
    PairPlan advert = plan(wire(51, 2, "2", VrrpWire.AUTH_PASS, "old-pass", true), NOW, NOW).pair("office");
    assertThat(advert.wireChange().orElseThrow().vipsMove()).isEmpty();
    assertThat(advert.warnings()).noneSatisfy(s -> assertThat(s).contains("moves the VIPs"));
  }

  @Test
  void noHoldWhenTheMasterAlreadySpeaksWhatIsWanted() {
    VrrpWire wanted = wire(51, 2, "2", VrrpWire.AUTH_PASS, "old-pass", true);
    // The BACKUP still runs the old wire (an earlier apply changed only the MASTER): changing it
    // brings the pair together, no hold needed.
    assertThat(plan(wanted, wanted, NOW).pair("office").wireChange()).isEmpty();
    assertThat(plan(NOW, NOW, NOW).pair("office").wireChange()).isEmpty();
    // A password only keepalived's dump would show differs in 8 octets at most.
    VrrpWire longer = wire(51, 2, "1", VrrpWire.AUTH_PASS, "old-pass-and-more", true);
    assertThat(plan(longer, NOW, NOW).pair("office").wireChange()).isEmpty();
  }

  @Test
  void aNewInstanceTheMasterDoesNotRunYetHoldsTheBackup() {
    DesiredPair pair = new DesiredPair("office", new DesiredNode("office", "gw-a", List.of(), List.of()),
        new DesiredNode("office", "gw-b", List.of(), List.of()),
        Map.of("LAN", Map.of("gw-a", NOW, "gw-b", NOW), "LAN2", Map.of("gw-a", NOW, "gw-b", NOW)),
        List.of("LAN", "LAN2"));
    NodeFacts a = NodeFacts.empty("gw-a").withVrrpRole(VrrpRole.MASTER).withWire(Map.of("LAN", NOW));
    NodeFacts b = NodeFacts.empty("gw-b").withVrrpRole(VrrpRole.BACKUP).withWire(Map.of("LAN", NOW));
    PairPlan p = Planner.plan(List.of(pair), FactsLookup.builder().add("office", a).add("office", b).build(), KEY)
        .pair("office");
    assertThat(p.wireChange().orElseThrow().changes()).containsExactly("LAN2: a new instance gw-a does not run yet");
    // Its sync group starts over on gw-a's reload: LAN's VIPs go for a master-down interval.
    assertThat(p.wireChange().orElseThrow().vipsMove()).containsExactly("LAN");
    assertThat(p.warnings()).anySatisfy(w -> assertThat(w).startsWith("moves the VIPs of LAN: expect about"));
    // A MASTER whose keepalived does not run (or gave no dump) is not held against.
    NodeFacts stopped = NodeFacts.empty("gw-a").withVrrpRole(VrrpRole.UNKNOWN);
    assertThat(Planner.plan(List.of(pair), FactsLookup.builder().add("office", stopped).add("office", b).build(), KEY)
        .pair("office").wireChange()).isEmpty();
  }

  @Test
  void unknownFieldsAreNotCountedAsChanges() {
    VrrpWire unknown = new VrrpWire(51, 0, Optional.empty(), VrrpWire.AUTH_UNKNOWN, Optional.empty(), Optional.empty());
    assertThat(unknown.differences(wire(51, 3, "2", VrrpWire.AUTH_NONE, null, false))).isEmpty();
    assertThat(NOW.differences(wire(52, 3, "2", VrrpWire.AUTH_AH, "x", false))).containsExactly(
        "VRID 51 -> 52", "VRRP version 2 -> 3", "advert_int 1 s -> 2 s", "authentication PASS -> AH",
        "unicast -> multicast");
    assertThat(NOW.toString()).doesNotContain("old-pass");
    assertThat(NOW.differences(wire(51, 2, "1.0", VrrpWire.AUTH_PASS, "new-pass", true)))
        .containsExactly("the authentication password");
  }

  @Test
  void theWireChangeRoundTripsThroughPlanJson() {
    Plan p = plan(wire(61, 2, "1", VrrpWire.AUTH_PASS, "old-pass", true), NOW, NOW);
    Plan back = PlanJson.read(PlanJson.write(p, io.haprovision.secret.Redactor.none()));
    assertThat(back.pair("office").wireChange()).isEqualTo(p.pair("office").wireChange());
    assertThat(PlanJson.write(p, io.haprovision.secret.Redactor.none())).doesNotContain("old-pass");
  }
}
