package io.haprovision.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.haprovision.resource.DigestKey;
import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.NodeFacts;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.ContentChange;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.FileState;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Redactor;
import io.haprovision.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A unique marker is planted as a sensitive file's content (desired and, fetched, current)
 * and as a known secret; it must appear in no output: text, colored text, JSON, toString,
 * exception messages.
 */
class SecretMarkerTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private static final String MARKER = "S3cr3t-MARKER-91";
  /** A secret with characters JSON escapes, so masking cannot rely on the raw text. */
  private static final String QUOTED = "p\"w\\d-MARKER-92";
  private static final Redactor REDACTOR =
      Redactor.of(List.of(Secret.of(MARKER, "env:VRRP_PASS"), Secret.of(QUOTED, "literal")));
  private static final Handler RELOAD = new Handler("reload-keepalived", Handler.Kind.RELOAD,
      "/etc/init.d/keepalived reload");

  /** A careless platform kind that puts a secret into its summary and into diffable text. */
  record LeakyOption(String key, String value) implements Resource {
    @Override
    public ResourceId id() {
      return new ResourceId("leaky", key);
    }

    @Override
    public String describe() {
      return "leaky " + key;
    }

    @Override
    public Comparison compare(Optional<ResourceState> current) {
      return new Comparison(Comparison.Action.CREATE, "set " + key + "=" + value, List.of(),
          Optional.of(new ContentChange(key, new ContentChange.Absent(), new ContentChange.Known(value + "\n"))));
    }
  }

  private static DesiredPair pair(List<Resource> resources) {
    return new DesiredPair("office", new DesiredNode("office", "gw-a", resources, List.of(RELOAD)),
        new DesiredNode("office", "gw-b", resources, List.of(RELOAD)));
  }

  private static List<String> renderings(Plan plan, Redactor redactor) {
    List<String> out = new ArrayList<>();
    out.add(PlanTextRenderer.plain(redactor).render(plan));
    out.add(PlanTextRenderer.colored(redactor).render(plan));
    out.add(PlanJson.write(plan, redactor));
    return out;
  }

  @Test
  void sensitiveFileNeverShowsEvenWithoutARedactor() {
    FileResource auth = FileResource.secret("/etc/keepalived/auth.conf", "auth_pass " + MARKER + "\n")
        .notifying(RELOAD.name());
    NodeFacts gwA = NodeFacts.empty("gw-a").with(auth.id(),
        FileState.present("0123", "0600", "root", "root").withContent("auth_pass old-" + MARKER + "\n"));
    Plan plan = Planner.plan(List.of(pair(List.of(auth))),
        FactsLookup.builder().add("office", gwA).add("office", NodeFacts.empty("gw-b")).build(), KEY);

    List<String> outputs = new ArrayList<>(renderings(plan, Redactor.none()));
    outputs.addAll(renderings(plan, REDACTOR));
    outputs.add(plan.toString());
    outputs.add(auth.toString());
    outputs.add(gwA.toString());
    outputs.add(auth.compare(gwA.state(auth.id())).toString());
    assertThat(outputs).allSatisfy(o -> assertThat(o).doesNotContain(MARKER).doesNotContain("MARKER"));
    assertThat(outputs.get(0)).contains("content changed (sensitive, not shown)");

    // The desired digest commits to the secret without showing it: another secret, another digest.
    FileResource other = FileResource.secret(auth.path(), "auth_pass other-" + MARKER + "\n").notifying(RELOAD.name());
    Plan otherPlan = Planner.plan(List.of(pair(List.of(other))),
        FactsLookup.builder().add("office", gwA).add("office", NodeFacts.empty("gw-b")).build(), KEY);
    String json = PlanJson.write(plan, Redactor.none());
    String otherJson = PlanJson.write(otherPlan, Redactor.none());
    String digest = plan.pair("office").node("gw-a").desiredDigest();
    assertThat(json).contains("\"desired_digest\" : \"" + digest + "\"");
    assertThat(otherPlan.pair("office").node("gw-a").desiredDigest()).isNotEqualTo(digest);
    assertThat(otherJson).doesNotContain("MARKER");
  }

  @Test
  void redactorMasksASecretAPlatformLeakedIntoItsPlan() {
    Plan plan = Planner.plan(
        List.of(pair(List.of(new LeakyOption("keepalived.auth", MARKER), new LeakyOption("api.pass", QUOTED)))),
        FactsLookup.offline(), KEY);
    assertThat(PlanTextRenderer.plain(Redactor.none()).render(plan)).contains(MARKER); // the leak is real
    for (String output : renderings(plan, REDACTOR)) {
      assertThat(output).doesNotContain("MARKER").contains(Secret.MASK);
    }
    String json = PlanJson.write(plan, REDACTOR);
    assertThat(json).contains("set keepalived.auth=******");
  }

  @Test
  void exceptionMessagesHoldNoSecret() {
    FileResource auth = FileResource.secret("/etc/keepalived/auth.conf", "auth_pass " + MARKER + "\n")
        .notifying("no-such-handler");
    Throwable planning = catchThrowable(() -> Planner.plan(List.of(pair(List.of(auth))), FactsLookup.offline(), KEY));
    assertThat(planning).isNotNull();
    assertThat(planning.getMessage()).contains("no-such-handler").doesNotContain("MARKER");

    Throwable format = catchThrowable(() -> PlanJson.read(
        "{\"format\": \"" + MARKER + "\", \"version\": 1}", "plan.json", REDACTOR));
    Throwable shape = catchThrowable(() -> PlanJson.read(
        "{\"format\": \"ha-provision-plan\", \"version\": 1, \"pairs\": [{\"pair\": 1, \"" + MARKER + "\": 2}]}",
        "plan.json", REDACTOR));
    assertThat(List.of(format, shape)).allSatisfy(t -> {
      assertThat(t).isNotNull();
      assertThat(t.getMessage()).doesNotContain("MARKER");
    });
    assertThat(format.getMessage()).contains(Secret.MASK);
  }
}
