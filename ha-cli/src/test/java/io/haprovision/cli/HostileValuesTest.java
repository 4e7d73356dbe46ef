package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.haprovision.Provisioner;
import io.haprovision.Rendering;
import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Problem;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 16, point 1: validate is the whole truth. Every string value of each example inventory
 * (OpenWrt, RouterOS, bonder), and every name it uses in several places (renamed everywhere at
 * once), is set to
 * each of a set of hostile values (newlines, quotes, braces, `;`, `#`, `!`, `$()`, backticks,
 * blanks, non-ASCII, very long). Each inventory is either refused by validation, every problem
 * with its line and column, or rendered: never a failure of the renderers ("a bug in
 * ha-provision", exit 70), and every rendered file keeps the line structure of the example's
 * (a value that brought its own newline or brace would have changed it). Every inventory
 * validate accepts must also pass the JSON Schema ({@code provision schema}, issue 16 point 6).
 */
class HostileValuesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  static final List<String> HOSTILE = List.of("a\nb", "a\rb", "x\"y", "x'y", "x{y", "x}", "x;y", "x#y", "x!y",
      "$(touch /tmp/pwned)", "`touch /tmp/pwned`", "a b", " lead", "", "\t", "gr\u00fcn", "x\\y", "x".repeat(300),
      "nul\u0000", "x:y", "x,y", "- x", "x\u2028y");
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("io.haprovision.cli.ExampleInventoriesTest#examples")
  void everyStringIsRefusedWithAPositionOrRenderedWithoutBreakingItsFile(Path file) throws Exception {
    Map<String, String> env = ExampleInventoriesTest.environmentFor(file);
    JsonNode example = YAML.readTree(Files.readString(file));
    Map<String, Integer> baseline = lineCounts(render(YAML.writeValueAsString(example), file, env));
    List<String> paths = new ArrayList<>();
    strings(example, "", paths);
    assertThat(paths).hasSizeGreaterThan(15);
    // every name used twice or more, as a value or a key (nodes, interfaces, instances, scripts...)
    Map<String, Integer> uses = new LinkedHashMap<>();
    countNames(example, uses);
    List<String> names = uses.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();

    List<String> failures = new ArrayList<>();
    int refused = 0;
    int rendered = 0;
    for (String value : HOSTILE) {
      for (String path : paths) {
        JsonNode copy = example.deepCopy();
        set(copy, path, value);
        int outcome = check(copy, path + " = " + show(value), baseline, failures, file, env);
        refused += outcome == 0 ? 1 : 0;
        rendered += outcome == 1 ? 1 : 0;
      }
      for (String name : names) {
        int outcome = check(renamed(example, name, value), "every `" + name + "` = " + show(value), baseline,
            failures, file, env);
        refused += outcome == 0 ? 1 : 0;
        rendered += outcome == 1 ? 1 : 0;
      }
    }
    System.out.println(file.getFileName() + ": hostile values in " + paths.size() + " strings and " + names.size()
        + " names: " + (refused + rendered + failures.size()) + " inventories, " + refused
        + " refused by validation, " + rendered + " rendered, " + failures.size() + " failures");
    assertThat(failures).isEmpty();
    assertThat(refused).isGreaterThan(HOSTILE.size() * paths.size() / 2);
  }

  /** 0 refused with positions, 1 rendered in place, 2 a failure (recorded). */
  private static int check(JsonNode inventory, String what, Map<String, Integer> baseline, List<String> failures,
      Path file, Map<String, String> env) throws Exception {
    String yaml = YAML.writeValueAsString(inventory);
    Rendering r;
    try {
      r = render(yaml, file, env);
    } catch (InventoryException e) {
      for (Problem p : e.problems()) {
        if (p.location().line() <= 0 || p.location().column() <= 0) {
          failures.add(what + ": refused without a position: " + p);
          return 2;
        }
      }
      return 0;
    } catch (RuntimeException e) {
      failures.add(what + ": validate accepted it, render failed: " + e);
      return 2;
    }
    List<String> schemaErrors = SchemaCheck.errors(inventory);
    if (!schemaErrors.isEmpty()) {
      failures.add(what + ": validate accepted it, the JSON Schema refuses it: " + schemaErrors);
      return 2;
    }
    Map<String, Integer> lines = lineCounts(r);
    for (Map.Entry<String, Integer> f : lines.entrySet()) {
      Integer before = baseline.get(f.getKey());
      if (before != null && !before.equals(f.getValue())) {
        failures.add(what + ": " + f.getKey() + " has " + f.getValue() + " lines instead of " + before);
        return 2;
      }
    }
    return 1;
  }

  private static Rendering render(String yaml, Path example, Map<String, String> env) {
    return Provisioner.builder().inventory(yaml, "hostile.yml", example.toAbsolutePath().getParent())
        .environment(env).build().render();
  }

  /** Line count of every rendered file, by node index and path (node names may be what changed). */
  private static Map<String, Integer> lineCounts(Rendering r) {
    Map<String, Integer> out = new LinkedHashMap<>();
    int n = 0;
    for (DesiredNode node : r.nodes()) {
      for (Resource res : node.resources()) {
        if (res instanceof FileResource f && f.content() != null) {
          out.put(n + ":" + f.path(), (int) f.content().chars().filter(c -> c == '\n').count());
        }
      }
      n++;
    }
    return out;
  }

  private static void countNames(JsonNode node, Map<String, Integer> uses) {
    if (node.isTextual()) {
      String v = node.asText();
      if (!v.contains("${") && !v.contains("/") && !v.contains(" ") && !v.isEmpty()) {
        uses.merge(v, 1, Integer::sum);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        uses.merge(e.getKey(), 1, Integer::sum);
        countNames(e.getValue(), uses);
      }
    } else if (node.isArray()) {
      node.forEach(e -> countNames(e, uses));
    }
  }

  private static void strings(JsonNode node, String path, List<String> out) {
    if (node.isTextual()) {
      out.add(path);
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        strings(e.getValue(), path + "/" + e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        strings(node.get(i), path + "/" + i, out);
      }
    }
  }

  private static void set(JsonNode root, String path, String value) {
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String last = path.substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      o.put(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), TextNode.valueOf(value));
    }
  }

  /** {@code node} with every key and string equal to {@code name} replaced by {@code value}. */
  private static JsonNode renamed(JsonNode node, String name, String value) {
    if (node.isTextual()) {
      return node.asText().equals(name) ? TextNode.valueOf(value) : node.deepCopy();
    }
    if (node.isObject()) {
      ObjectNode out = YAML.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey().equals(name) ? value : e.getKey(), renamed(e.getValue(), name, value));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = YAML.createArrayNode();
      node.forEach(e -> out.add(renamed(e, name, value)));
      return out;
    }
    return node.deepCopy();
  }

  private static String show(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().limit(40).forEach(c -> out.append(c < 0x20 || c > 0x7e
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return out.append(value.length() > 40 ? "...\"" : "\"").toString();
  }
}
