package io.haprovision.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.resource.DigestKey;
import io.haprovision.error.InternalException;
import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.NodeFacts;
import io.haprovision.facts.VrrpRole;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.FileState;
import io.haprovision.resource.Handler;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ServiceResource;
import io.haprovision.resource.ServiceState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private static final Handler RELOAD = new Handler("reload-keepalived", Handler.Kind.RELOAD,
      "/etc/init.d/keepalived reload");
  private static final Handler RESTART = new Handler("restart-keepalived", Handler.Kind.RESTART,
      "/etc/init.d/keepalived restart");
  private static final Handler RESTART_CONNTRACKD = new Handler("restart-conntrackd", Handler.Kind.RESTART,
      "/etc/init.d/conntrackd restart");
  private static final ServiceResource KEEPALIVED =
      ServiceResource.enabledAndRunning("keepalived").withHandlers(RELOAD.name(), RESTART.name());

  private static DesiredPair pair(List<Resource> resources, List<Handler> handlers) {
    return new DesiredPair("office", new DesiredNode("office", "gw-a", resources, handlers),
        new DesiredNode("office", "gw-b", resources, handlers));
  }

  private static FactsLookup facts(NodeFacts a, NodeFacts b) {
    return FactsLookup.builder().add("office", a).add("office", b).build();
  }

  private static NodePlan planA(List<Resource> resources, List<Handler> handlers, NodeFacts a) {
    return Planner.plan(List.of(pair(resources, handlers)), facts(a, NodeFacts.empty("gw-b")), KEY)
        .pair("office").node("gw-a");
  }

  /** gw-a with keepalived running and these files on it. */
  private static NodeFacts running(FileResource... files) {
    NodeFacts facts = NodeFacts.empty("gw-a").with(KEEPALIVED.id(), new ServiceState(true, true));
    for (FileResource f : files) {
      facts = facts.with(f.id(), FileState.present(f.sha256(), f.mode(), f.owner(), f.group()));
    }
    return facts;
  }

  @ParameterizedTest(name = "gw-a {0}, gw-b {1} -> {2} first")
  @CsvSource({
      "MASTER, BACKUP, gw-b, gw-b first: it is BACKUP now; gw-a last: it is MASTER now",
      "BACKUP, MASTER, gw-a, gw-a first: it is BACKUP now; gw-b last: it is MASTER now",
      "FAULT, MASTER, gw-a, gw-a first: it is FAULT now; gw-b last: it is MASTER now",
      "MASTER, UNKNOWN, gw-b, gw-b first: its role is unknown; gw-a last: it is MASTER now",
      "UNKNOWN, UNKNOWN, gw-b, 'gw-b first: no node is MASTER now (first install, or roles unknown), so the secondary goes first'",
      "BACKUP, BACKUP, gw-b, 'gw-b first: no node is MASTER now (gw-a BACKUP, gw-b BACKUP), so the secondary goes first'",
  })
  void backupFirstMasterLastSecondaryFirstWithoutMaster(VrrpRole a, VrrpRole b, String first, String reason) {
    PairPlan plan = Planner.plan(List.of(pair(List.of(), List.of())),
        facts(NodeFacts.empty("gw-a").withVrrpRole(a), NodeFacts.empty("gw-b").withVrrpRole(b)), KEY).pair("office");
    String last = first.equals("gw-a") ? "gw-b" : "gw-a";
    assertThat(plan.rolloutOrder()).containsExactly(first, last);
    assertThat(plan.nodes()).extracting(NodePlan::node).containsExactly(first, last);
    assertThat(plan.rolloutReason()).isEqualTo(reason);
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aChangeEndsWithWhyThePlatformWantsItAndAnUnchangedResourceDoesNot() {
    FileResource hook = FileResource.of("/usr/libexec/ha-provision/role-hook", "#!/bin/sh\n");
    FileResource conf = FileResource.of("/etc/keepalived/keepalived.conf", "vrrp_instance LAN {}\n");
    DesiredNode.Reasons why = new DesiredNode.Reasons();
    why.of(hook, "the role hook keepalived runs");
    why.of(conf, "keepalived's configuration");
    DesiredNode a = new DesiredNode("office", "gw-a", List.of(hook, conf), List.of(), why.map());
    DesiredPair pair = new DesiredPair("office", a, new DesiredNode("office", "gw-b", List.of(), List.of()));
    NodePlan plan = Planner.plan(List.of(pair), facts(running(conf), NodeFacts.empty("gw-b")), KEY)
        .pair("office").node("gw-a");
    assertThat(plan.changes()).filteredOn(Change::changes).singleElement()
        .satisfies(c -> assertThat(c.summary()).endsWith(" (why: the role hook keepalived runs)"));
    assertThat(plan.changes()).filteredOn(c -> !c.changes()).singleElement()
        .satisfies(c -> assertThat(c.summary()).doesNotContain("why"));
  }

  @Test
  void splitBrainIsWarnedAbout() {
    PairPlan plan = Planner.plan(List.of(pair(List.of(), List.of())),
        facts(NodeFacts.empty("gw-a").withVrrpRole(VrrpRole.MASTER),
            NodeFacts.empty("gw-b").withVrrpRole(VrrpRole.MASTER)), KEY).pair("office");
    assertThat(plan.rolloutOrder()).containsExactly("gw-b", "gw-a");
    assertThat(plan.warnings()).singleElement().asString().contains("split brain");
  }

  @Test
  void equalHashIsNoOpWithoutContentAndDigestIsRecorded() {
    FileResource conf = FileResource.of("/etc/keepalived/keepalived.conf", "vrrp_instance LAN {}\n")
        .notifying(RELOAD.name());
    NodeFacts facts = running(conf);
    NodePlan node = planA(List.of(conf, KEEPALIVED), List.of(RELOAD, RESTART), facts);
    assertThat(node.changes()).allMatch(c -> c instanceof Change.NoOp);
    assertThat(node.hasChanges()).isFalse();
    assertThat(node.handlers()).isEmpty();
    assertThat(node.factsDigest()).isEqualTo(facts.digest(KEY));
  }

  @Test
  void desiredDigestFollowsTheDesiredStateButNotTheFacts() {
    FileResource auth = FileResource.secret("/etc/keepalived/auth.conf", "auth_pass old-pass\n")
        .notifying(RELOAD.name());
    FileResource conf = FileResource.of("/etc/keepalived/keepalived.conf", "vrrp_instance LAN {}\n");
    List<Handler> handlers = List.of(RELOAD, RESTART);
    NodeFacts factsThen = running(auth, conf);
    NodePlan then = planA(List.of(auth, conf, KEEPALIVED), handlers, factsThen);
    assertThat(then.desiredDigest()).hasSize(64)
        .isEqualTo(Planner.desiredDigest(new DesiredNode("office", "gw-a", List.of(auth, conf, KEEPALIVED), handlers), KEY));

    // Other facts (the file changed on the node, another role): same desired digest, other facts digest.
    NodeFacts factsNow = running(conf).withVrrpRole(VrrpRole.MASTER)
        .with(auth.id(), FileState.present("cd".repeat(32), "0644", "root", "root"));
    NodePlan otherFacts = planA(List.of(auth, conf, KEEPALIVED), handlers, factsNow);
    assertThat(otherFacts.factsDigest()).isNotEqualTo(then.factsDigest());
    assertThat(otherFacts.desiredDigest()).isEqualTo(then.desiredDigest());

    // A new secret inside the sensitive file: the changes read the same, the digest does not.
    FileResource newSecret = FileResource.secret(auth.path(), "auth_pass new-pass\n").notifying(RELOAD.name());
    NodePlan secretChanged = planA(List.of(newSecret, conf, KEEPALIVED), handlers, NodeFacts.empty("gw-a"));
    NodePlan secretThen = planA(List.of(auth, conf, KEEPALIVED), handlers, NodeFacts.empty("gw-a"));
    assertThat(secretChanged.changes()).isEqualTo(secretThen.changes());
    assertThat(secretChanged.desiredDigest()).isNotEqualTo(then.desiredDigest())
        .doesNotContain("new-pass").doesNotContain(newSecret.sha256());

    // Mode, handlers and resource order count too.
    assertThat(planA(List.of(auth, conf.withMode("0640"), KEEPALIVED), handlers, factsThen).desiredDigest())
        .isNotEqualTo(then.desiredDigest());
    assertThat(planA(List.of(auth, conf, KEEPALIVED), List.of(RELOAD, RESTART, RESTART_CONNTRACKD), factsThen)
        .desiredDigest()).isNotEqualTo(then.desiredDigest());
    assertThat(planA(List.of(conf, auth, KEEPALIVED), handlers, factsThen).desiredDigest())
        .isNotEqualTo(then.desiredDigest());
  }

  @Test
  void unfetchedContentSaysSoInsteadOfADiff() {
    FileResource conf = FileResource.of("/etc/x", "new\n");
    NodeFacts facts = NodeFacts.empty("gw-a").with(conf.id(), FileState.present("ab".repeat(32), "0644", "root", "root"));
    Change change = planA(List.of(conf), List.of(), facts).changes().get(0);
    assertThat(change).isInstanceOf(Change.Update.class);
    assertThat(change.diff()).isEqualTo("content differs (current sha256 abababababab, desired sha256 "
        + conf.sha256().substring(0, 12) + "); the current content was not fetched, so no diff");
  }

  @Test
  void fetchedContentGivesUnifiedDiffWithModeHeader() {
    FileResource conf = FileResource.of("/etc/x", "a\nb\nc\n");
    NodeFacts facts = NodeFacts.empty("gw-a")
        .with(conf.id(), FileState.present("00", "0600", "root", "root").withContent("a\nB\nc\n"));
    Change change = planA(List.of(conf), List.of(), facts).changes().get(0);
    assertThat(change.summary()).isEqualTo("update file /etc/x: content, mode 0600 -> 0644");
    assertThat(change.diff()).isEqualTo(String.join("\n", "old mode 0600", "new mode 0644",
        "--- a/etc/x", "+++ b/etc/x", "@@ -1,3 +1,3 @@", " a", "-B", "+b", " c"));
  }

  @Test
  void missingFinalNewlineShowsAsGnuDiffDoes() {
    FileResource conf = FileResource.of("/etc/x", "a\nb\n");
    NodeFacts facts = NodeFacts.empty("gw-a")
        .with(conf.id(), FileState.present("00", "0644", "root", "root").withContent("a\nb"));
    assertThat(planA(List.of(conf), List.of(), facts).changes().get(0).diff()).isEqualTo(String.join("\n",
        "--- a/etc/x", "+++ b/etc/x", "@@ -1,2 +1,2 @@", " a", "-b", "\\ No newline at end of file", "+b"));
  }

  @Test
  void sensitiveContentIsNeverDiffedEvenWhenFetched() {
    FileResource secret = FileResource.secret("/etc/keepalived/auth.conf", "auth_pass Kp3nW7qa\n");
    NodeFacts facts = NodeFacts.empty("gw-a")
        .with(secret.id(), FileState.present("00", "0644", "root", "root").withContent("auth_pass Old9zz11\n"));
    Change change = planA(List.of(secret), List.of(), facts).changes().get(0);
    assertThat(change.summary()).isEqualTo("update file /etc/keepalived/auth.conf: content, mode 0644 -> 0600");
    assertThat(change.diff()).isEqualTo("old mode 0644\nnew mode 0600\n" + ContentDiff.SENSITIVE);
    Change created = planA(List.of(secret), List.of(), NodeFacts.empty("gw-a")).changes().get(0);
    assertThat(created.diff()).isEqualTo(ContentDiff.SENSITIVE);
  }

  @Test
  void handlersRunOnceInDeclarationOrderAndOnlyForRealChanges() {
    FileResource conf = FileResource.of("/etc/keepalived/keepalived.conf", "x\n").notifying(RELOAD.name());
    FileResource extra = FileResource.of("/etc/keepalived/extra.conf", "y\n").notifying(RELOAD.name());
    FileResource same = FileResource.of("/etc/conntrackd/conntrackd.conf", "z\n").notifying(RESTART_CONNTRACKD.name());
    NodeFacts facts = running(same);
    NodePlan node = planA(List.of(conf, extra, same, KEEPALIVED), List.of(RESTART_CONNTRACKD, RELOAD, RESTART), facts);
    assertThat(node.handlers()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("reload-keepalived");
      assertThat(h.kind()).isEqualTo(Handler.Kind.RELOAD);
      assertThat(h.triggeredBy()).containsExactly(conf.id(), extra.id());
      assertThat(h.note()).isEmpty();
    });
  }

  @Test
  void restartCoversAReloadOfTheSameDaemonAndSaysSo() {
    FileResource conf = FileResource.of("/etc/keepalived/keepalived.conf", "x\n").notifying(RELOAD.name());
    FileResource args = FileResource.of("/etc/default/keepalived", "ARGS\n").notifying(RESTART.name());
    NodePlan node = planA(List.of(conf, args, KEEPALIVED), List.of(RELOAD, RESTART), running());
    assertThat(node.handlers()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("restart-keepalived");
      assertThat(h.triggeredBy()).containsExactly(conf.id(), args.id());
      assertThat(h.note()).contains("reload-keepalived").contains("restart covers the reload");
    });
  }

  @Test
  void handlersOfADaemonThePlanStartsOrStopsAreDropped() {
    FileResource conf = FileResource.of("/etc/keepalived/keepalived.conf", "x\n").notifying(RELOAD.name());
    NodePlan starting = planA(List.of(conf, KEEPALIVED), List.of(RELOAD, RESTART), NodeFacts.empty("gw-a"));
    assertThat(starting.handlers()).isEmpty();
    assertThat(starting.notes()).containsExactly(
        "reload-keepalived is not run: service keepalived is started by this plan and reads its new configuration then");

    ServiceResource stopped = ServiceResource.disabledAndStopped("keepalived").withHandlers(RELOAD.name(), null);
    NodePlan stopping = planA(List.of(conf, stopped), List.of(RELOAD), running());
    assertThat(stopping.handlers()).isEmpty();
    assertThat(stopping.notes()).singleElement().asString().contains("is to be stopped");
  }

  @Test
  void handlersWithoutAServiceAreKept() {
    Handler reloadDnsmasq = new Handler("reload-dnsmasq", Handler.Kind.RELOAD, "/etc/init.d/dnsmasq reload");
    FileResource dhcp = FileResource.of("/etc/config/dhcp", "x\n").notifying(reloadDnsmasq.name());
    NodePlan node = planA(List.of(dhcp), List.of(reloadDnsmasq), NodeFacts.empty("gw-a"));
    assertThat(node.handlers()).extracting(PlannedHandler::name).containsExactly("reload-dnsmasq");
  }

  @Test
  void inconsistentDesiredStateIsABug() {
    FileResource conf = FileResource.of("/etc/x", "x\n").notifying("reload-nothing");
    assertThatThrownBy(() -> planA(List.of(conf), List.of(RELOAD), NodeFacts.empty("gw-a")))
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("reload-nothing").hasMessageContaining("file:/etc/x").hasMessageContaining("pair office");
    FileResource plain = FileResource.of("/etc/x", "x\n");
    assertThatThrownBy(() -> planA(List.of(plain, plain), List.of(), NodeFacts.empty("gw-a")))
        .isInstanceOf(InternalException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> planA(List.of(), List.of(RELOAD, RELOAD), NodeFacts.empty("gw-a")))
        .isInstanceOf(InternalException.class).hasMessageContaining("twice");
    DesiredPair pair = pair(List.of(), List.of());
    assertThatThrownBy(() -> Planner.plan(List.of(pair, pair), FactsLookup.offline(), KEY))
        .isInstanceOf(InternalException.class).hasMessageContaining("office");
  }

  @Test
  void sameInputSamePlan() {
    PlanFixture fixture = PlanFixture.load(Golden.ROOT.resolve("plan/failover-update/case.yml"));
    Plan first = Planner.plan(fixture.pairs(), fixture.facts(), KEY);
    Plan second = Planner.plan(fixture.pairs(), fixture.facts(), KEY);
    assertThat(second).isEqualTo(first);
    assertThat(first.counts()).isEqualTo(new PlanCounts(3, 6, 1, 6));
    assertThat(first.hasChanges()).isTrue();
    assertThat(first.factsDigests()).containsOnlyKeys("office/gw-b", "office/gw-a");
  }

  @Test
  void offlinePlanCreatesEverythingInDesiredOrder() {
    List<Resource> resources = List.of(PackageResource.installed("keepalived"),
        FileResource.of("/etc/keepalived/keepalived.conf", "x\n"), KEEPALIVED);
    Plan plan = Planner.plan(List.of(pair(resources, List.of(RELOAD, RESTART))), FactsLookup.offline(), KEY);
    NodePlan node = plan.pair("office").node("gw-a");
    assertThat(node.changes()).extracting(Change::id).containsExactly(
        resources.get(0).id(), resources.get(1).id(), resources.get(2).id());
    assertThat(node.changes()).extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Create", "Create", "Update");
    assertThat(plan.counts().summaryLine()).isEqualTo("Plan: 4 to create, 2 to update, 0 to delete");
  }
}
