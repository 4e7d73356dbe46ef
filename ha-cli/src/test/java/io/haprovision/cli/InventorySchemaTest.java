package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.haprovision.error.InventoryException;
import io.haprovision.inventory.InventoryLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, point 6: the inventory's JSON Schema is made from the binders (not kept beside
 * them), committed under docs/, named by every example, and agrees with {@code validate}:
 * never stricter (whatever validate accepts, the schema accepts), and as strict on what it
 * can say (unknown keys, wrong types, values out of a key's range or choices).
 */
class InventorySchemaTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  static final Path COMMITTED = Path.of("..", "docs", "inventory.schema.json");
  static final String SCHEMA_LINE = "# yaml-language-server: $schema=../docs/inventory.schema.json";

  /** {@code -Dgolden.update=true} writes the generated schema to docs/ instead. */
  @Test
  void theCommittedSchemaIsTheOneTheBindersMake() throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(COMMITTED, SchemaCheck.SCHEMA_TEXT);
    }
    assertThat(Files.readString(COMMITTED))
        .as(COMMITTED + " is what `provision schema` prints (run the test with -Dgolden.update=true to rewrite it)")
        .isEqualTo(SchemaCheck.SCHEMA_TEXT);
  }

  @Test
  void theSchemaIsAValidDraft202012Schema() {
    var meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    assertThat(meta.validate(SchemaCheck.SCHEMA_TEXT, InputFormat.JSON)).isEmpty();
  }

  @Test
  void everyExampleNamesTheSchemaAndPassesIt() throws IOException {
    for (Path example : ExampleInventoriesTest.examples()) {
      String text = Files.readString(example);
      assertThat(text.lines().filter(l -> l.startsWith("# yaml-language-server:")))
          .as(example + " names the schema for editors").containsExactly(SCHEMA_LINE);
      assertThat(SchemaCheck.errors(YAML.readTree(text))).as(example.toString()).isEmpty();
    }
  }

  @Test
  void theExemplarPassesItsOwnSchema() throws IOException {
    assertThat(SchemaCheck.errors(YAML.readTree(InventorySchemas.exemplar()))).isEmpty();
  }

  /** Every inventory file in the repository that validate accepts, the schema accepts. */
  @Test
  void everyValidInventoryInTheRepositoryPassesTheSchema() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(".."))) {
      files = walk.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
          .filter(f -> read(f).lines().anyMatch(l -> l.startsWith("pairs:")))
          .sorted().toList();
    }
    int valid = 0;
    for (Path f : files) {
      String text = read(f);
      if (refusedByValidate(text, f, ExampleInventoriesTest.environmentFor(f))) {
        continue;
      }
      valid++;
      assertThat(SchemaCheck.errors(YAML.readTree(text))).as(f.toString()).isEmpty();
    }
    assertThat(valid).as("valid inventories found among " + files).isGreaterThanOrEqualTo(4);
  }

  /**
   * Each example, changed one place at a time: an unknown key in every map, a map in place of
   * every value, and every scalar set to values of other types and ranges. Both must refuse the
   * first two; for the rest, whatever the schema refuses validate refuses too.
   */
  @ParameterizedTest
  @MethodSource("io.haprovision.cli.ExampleInventoriesTest#examples")
  void changedOnePlaceAtATimeTheSchemaIsNeverStricterThanValidate(Path example) throws IOException {
    Map<String, String> env = ExampleInventoriesTest.environmentFor(example);
    JsonNode original = YAML.readTree(Files.readString(example));
    List<String> failures = new ArrayList<>();
    int[] counts = new int[3]; // both refused, both accepted, only validate refused
    Consumer<Mutation> check = m -> {
      boolean validateRefuses = refusedByValidate(yaml(m.inventory()), example, env);
      List<String> schemaErrors = SchemaCheck.errors(m.inventory());
      if (!schemaErrors.isEmpty() && !validateRefuses) {
        failures.add(m.what() + ": validate accepts it, the schema refuses: " + schemaErrors);
      } else if (m.mustRefuse() && (schemaErrors.isEmpty() || !validateRefuses)) {
        failures.add(m.what() + ": " + (validateRefuses ? "the schema" : "validate") + " accepts it");
      }
      counts[validateRefuses && !schemaErrors.isEmpty() ? 0 : !validateRefuses ? 1 : 2]++;
    };
    mutations(original, original, "", check);
    System.out.println(example.getFileName() + ": both refused " + counts[0] + ", both accepted " + counts[1]
        + ", only validate refused " + counts[2] + " (rules across values, which the schema cannot say)");
    assertThat(failures).isEmpty();
    assertThat(counts[0]).isGreaterThan(100);
  }

  record Mutation(String what, JsonNode inventory, boolean mustRefuse) {}

  private static final List<JsonNode> OTHER_SCALARS = List.of(IntNode.valueOf(0), IntNode.valueOf(-1),
      IntNode.valueOf(70000), new DecimalNode(new BigDecimal("1.5")), BooleanNode.TRUE, TextNode.valueOf("word"),
      TextNode.valueOf("10s"), TextNode.valueOf("192.0.2.9/24"), NullNode.instance);

  private static void mutations(JsonNode root, JsonNode node, String path, Consumer<Mutation> check) {
    if (node.isObject()) {
      ObjectNode copy = root.deepCopy();
      ((ObjectNode) copy.at(path.isEmpty() ? "" : path)).put("zz_unknown", 1);
      check.accept(new Mutation(path + "/zz_unknown added", copy, true));
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        mutations(root, e.getValue(), path + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), check);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        mutations(root, node.get(i), path + "/" + i, check);
      }
    }
    if (path.isEmpty()) {
      return;
    }
    ObjectNode map = YAML.createObjectNode().put("zz", 1);
    check.accept(new Mutation(path + " = {zz: 1}", replaced(root, path, map), true));
    if (node.isValueNode()) {
      for (JsonNode other : OTHER_SCALARS) {
        check.accept(new Mutation(path + " = " + other, replaced(root, path, other), false));
      }
    }
  }

  private static JsonNode replaced(JsonNode root, String path, JsonNode value) {
    JsonNode copy = root.deepCopy();
    int slash = path.lastIndexOf('/');
    JsonNode parent = copy.at(path.substring(0, slash));
    String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
    }
    return copy;
  }

  static boolean refusedByValidate(String yaml, Path file, Map<String, String> env) {
    try {
      new InventoryLoader().withEnvironment(env).load(yaml, file.getFileName().toString(),
          file.toAbsolutePath().getParent());
      return false;
    } catch (InventoryException e) {
      return true;
    }
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
