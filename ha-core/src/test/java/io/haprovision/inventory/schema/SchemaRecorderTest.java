package io.haprovision.inventory.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haprovision.inventory.InventoryLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the binders record while they read (paths folded, free maps, one-or-many values,
 * requirements only from maps as written) and how the writer turns it into a schema (a key
 * required only where leaving it out is refused, a key never read is an error).
 */
class SchemaRecorderTest {
  private static final String INVENTORY = """
      version: 1
      defaults:
        ssh:
          user: admin
        vrrp:
          authentication:
            type: pass
      pairs:
        - name: office
          platform: test
          nodes:
            - name: gw-a
              role: primary
              host: 192.0.2.11
              interfaces:
                br-lan: 198.51.100.2/24
            - name: gw-b
              role: secondary
              host: 192.0.2.12
              interfaces:
                br-lan: 198.51.100.3/24
          vrrp:
            instances:
              - name: LAN
                interface: br-lan
                virtual_router_id: 51
                vips: [198.51.100.1/24]
                unicast: true
                authentication:
                  password: s3cret
      """;

  private static SchemaRecorder recorded() {
    SchemaRecorder recorder = new SchemaRecorder();
    new InventoryLoader().withEnvironment(Map.of()).load(INVENTORY, "inv.yml", null, recorder);
    return recorder;
  }

  private static List<String> path(String... segments) {
    return List.of(segments);
  }

  @Test
  void valuesAreRecordedWhereTheyStandWithListIndexesAndFreeKeysFolded() {
    SchemaRecorder r = recorded();
    assertThat(r.shapesAt(path("pairs", "[]", "nodes", "[]", "interfaces", "*")))
        .containsExactly(new ValueShape.Prefixed());
    assertThat(r.isFreeMap(path("pairs", "[]", "nodes", "[]", "interfaces"))).isTrue();
    assertThat(r.shapesAt(path("defaults", "ssh", "user"))).containsExactly(new ValueShape.Text());
    assertThat(r.keysAt(path("defaults", "ssh"))).contains("user", "port", "host_key_policy");
    assertThat(r.isList(path("pairs", "[]", "vrrp", "instances", "[]", "vips"))).isTrue();
    assertThat(r.narrowedAt(path("pairs", "[]", "vrrp", "instances", "[]", "virtual_router_id")))
        .isEqualTo(new ValueShape.Whole(1, 255));
    assertThat(r.shapesAt(path("pairs", "[]", "vrrp", "instances", "[]", "authentication")))
        .contains(new ValueShape.Word("none"));
  }

  @Test
  void aValueThatMayBeOneOrAListTakesTheSameShapeInBothForms() {
    SchemaRecorder r = new SchemaRecorder();
    r.oneOrMany("a.peers");
    r.value("a.peers[0]", new ValueShape.Address());
    r.oneOrMany("b.peers");
    r.value("b.peers", new ValueShape.Address());
    for (String key : List.of("a", "b")) {
      assertThat(r.isList(path(key, "peers"))).isTrue();
      assertThat(r.shapesAt(path(key, "peers"))).containsExactly(new ValueShape.Address());
      assertThat(r.shapesAt(path(key, "peers", "[]"))).containsExactly(new ValueShape.Address());
    }
  }

  @Test
  void requirementsComeOnlyFromMapsAsWrittenNotFromMapsMergedFromDefaults() {
    SchemaRecorder r = recorded();
    assertThat(r.requiredAt(path("pairs", "[]", "nodes", "[]"))).contains("name", "role", "host");
    // The password is required of the merged authentication (defaults' type + the instance's
    // password), never of either written map: each may stand without it.
    assertThat(r.requiredAt(path("defaults", "vrrp", "authentication"))).doesNotContain("password");
    assertThat(r.requiredAt(path("pairs", "[]", "vrrp", "instances", "[]", "authentication")))
        .doesNotContain("password");
  }

  @Test
  void aKeyIsRequiredOnlyWhereLeavingItOutIsRefused() {
    SchemaRecorder r = new SchemaRecorder();
    r.allowed("", true, List.of("a"));
    r.allowed("a", true, List.of("x", "y"));
    r.required("a", "x");
    r.required("a", "y");
    r.value("a.x", new ValueShape.Text());
    r.value("a.y", new ValueShape.Whole(1, 2));
    ObjectNode schema = JsonSchemaWriter.write(r, (map, key) -> key.equals("x"), "t", "d");
    JsonNode a = schema.at("/properties/a");
    assertThat(a.get("required").toString()).isEqualTo("[\"x\"]");
    assertThat(a.at("/properties/y/type").toString()).isEqualTo("[\"integer\",\"null\"]");
    assertThat(a.at("/properties/y/maximum").asInt()).isEqualTo(2);
    assertThat(a.at("/properties/x/type").toString()).isEqualTo("[\"string\",\"number\"]");
    assertThat(a.get("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void aKeyTheExemplarNeverReadsIsAnErrorNamingIt() {
    SchemaRecorder r = new SchemaRecorder();
    r.allowed("", true, List.of("a"));
    r.allowed("a", true, List.of("x", "never_read"));
    r.value("a.x", new ValueShape.Text());
    assertThatThrownBy(() -> JsonSchemaWriter.write(r, (map, key) -> true, "t", "d"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a.never_read");
  }

  @Test
  void choicesAreCaselessLikeTheBinder() {
    SchemaRecorder r = new SchemaRecorder();
    r.value("p", new ValueShape.Choice(List.of("accept-new", "strict"), true));
    r.allowed("", true, List.of("p"));
    String pattern = JsonSchemaWriter.write(r, (map, key) -> false, "t", "d")
        .at("/properties/p/anyOf/1/pattern").asText();
    assertThat("ACCEPT_NEW").matches(pattern.replace("^", "").replace("$", ""));
    assertThat(" Strict ").matches(pattern.replace("^", "").replace("$", ""));
    assertThat("accept").doesNotMatch(pattern.replace("^", "").replace("$", ""));
  }

  @Test
  void theLoaderMakesTheSchemaFromAnExemplarOrNamesWhatItLacks() {
    assertThatThrownBy(() -> new InventoryLoader().withEnvironment(Map.of())
        .schema(INVENTORY, "inv.yml", null, "t", "d"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("defaults.ssh.port")
        .hasMessageContaining("pairs[].nodes[].ssh");
  }
}
