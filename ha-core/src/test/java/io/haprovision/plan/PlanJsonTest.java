package io.haprovision.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.resource.DigestKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Problem;
import io.haprovision.secret.Redactor;
import org.junit.jupiter.api.Test;

class PlanJsonTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Plan failoverPlan() {
    PlanFixture fixture = PlanFixture.load(Golden.ROOT.resolve("plan/failover-update/case.yml"));
    return Planner.plan(fixture.pairs(), fixture.facts(), KEY);
  }

  private static Problem problemOf(String json) {
    try {
      PlanJson.read(json, "saved.json", Redactor.none());
    } catch (InventoryException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().get(0);
    }
    throw new AssertionError("no InventoryException for " + json);
  }

  @Test
  void roundTripsEveryKindOfChange() throws Exception {
    Plan plan = failoverPlan();
    String json = PlanJson.write(plan, Redactor.none());
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    JsonNode tree = JSON.readTree(json);
    assertThat(tree.path("format").asText()).isEqualTo("ha-provision-plan");
    assertThat(tree.path("version").asInt()).isEqualTo(1);
    assertThat(tree.path("summary").path("create").asInt()).isEqualTo(3);
    assertThat(tree.path("summary").path("has_changes").asBoolean()).isTrue();
    JsonNode node = tree.path("pairs").path(0).path("nodes").path(0);
    assertThat(node.path("facts_digest").asText()).hasSize(64);
    assertThat(node.path("desired_digest").asText()).hasSize(64);
    assertThat(tree.path("pairs").path(0).path("rollout_order").toString()).isEqualTo("[\"gw-b\",\"gw-a\"]");
    assertThat(json).contains("\"action\" : \"no-op\"", "\"action\" : \"create\"", "\"action\" : \"update\"",
        "\"action\" : \"delete\"").endsWith("}\n");
  }

  @Test
  void refusesOtherFormatsAndVersions() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(PlanJson.write(failoverPlan(), Redactor.none()));
    tree.put("version", 2);
    Problem version = problemOf(tree.toString());
    assertThat(version.rule()).isEqualTo("plan.version");
    assertThat(version.message()).contains("version 2").contains("reads version 1");
    assertThat(version.location().file()).isEqualTo("saved.json");

    tree.put("version", 1).put("format", "terraform-plan");
    assertThat(problemOf(tree.toString()).message()).contains("not an ha-provision plan").contains("terraform-plan");
    assertThat(problemOf("[1, 2]").rule()).isEqualTo("plan.format");
  }

  @Test
  void invalidJsonNamesLineAndColumn() {
    Problem p = problemOf("{\n  \"format\": \"ha-provision-plan\",\n  oops\n}");
    assertThat(p.rule()).isEqualTo("plan.json");
    assertThat(p.location().line()).isEqualTo(3);
    assertThat(p.location().column()).isPositive();
    assertThat(p.toString()).startsWith("saved.json:3:");
  }

  @Test
  void wrongShapeOrEditedPlanIsRefused() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(PlanJson.write(failoverPlan(), Redactor.none()));
    ((ObjectNode) tree.path("pairs").path(0)).put("surprise", true);
    assertThat(problemOf(tree.toString()).rule()).isEqualTo("plan.shape");

    ObjectNode reordered = (ObjectNode) JSON.readTree(PlanJson.write(failoverPlan(), Redactor.none()));
    ((com.fasterxml.jackson.databind.node.ArrayNode) reordered.path("pairs").path(0).path("rollout_order"))
        .removeAll().add("gw-a").add("gw-b");
    Problem edited = problemOf(reordered.toString());
    assertThat(edited.message()).contains("inconsistent").contains("rollout order");
  }

  @Test
  void aPlanWithoutDesiredDigestIsNotAValidPlan() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(PlanJson.write(failoverPlan(), Redactor.none()));
    ObjectNode gwB = (ObjectNode) tree.path("pairs").path(0).path("nodes").path(0);
    gwB.remove("desired_digest");
    Problem missing = problemOf(tree.toString());
    assertThat(missing.rule()).isEqualTo("plan.shape");
    assertThat(missing.message()).contains("node gw-b of pair office has no desired_digest")
        .contains("not a valid plan");
    assertThat(missing.fix()).contains("provision plan --out");

    gwB.put("desired_digest", "not-a-digest");
    assertThat(problemOf(tree.toString()).message()).contains("inconsistent").contains("desired-state digest");
  }
}
