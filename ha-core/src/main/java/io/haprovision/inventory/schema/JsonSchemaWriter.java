package io.haprovision.inventory.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes what a {@link SchemaRecorder} saw as a JSON Schema (draft 2020-12). Each map is
 * an object that allows exactly the keys the binder allows; an optional key may be null
 * (the binder reads null as absent); a value read in several ways (a string or a map)
 * becomes an {@code anyOf}. The schema is never stricter than the binder: rules that
 * relate values (two nodes' priorities, VRIDs in one segment) are {@code validate}'s alone.
 */
public final class JsonSchemaWriter {
  /** The dialect written. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final SchemaRecorder recorder;
  private final RequiredCheck requiredCheck;
  private final List<String> gaps = new ArrayList<>();

  /** Whether leaving {@code key} out of the map written at {@code mapPath} makes the inventory invalid. */
  @FunctionalInterface
  public interface RequiredCheck {
    /** True when the inventory without that key is refused. */
    boolean refusedWithout(String mapPath, String key);
  }

  private JsonSchemaWriter(SchemaRecorder recorder, RequiredCheck requiredCheck) {
    this.recorder = recorder;
    this.requiredCheck = requiredCheck;
  }

  /**
   * The schema of everything {@code recorder} saw, titled {@code title}. A key the binder
   * asked for is required only where {@code requiredCheck} confirms, for every map written
   * at its place, that the inventory without it is refused: binders often ask for a key
   * only once another is there ({@code multicast.group}), and the schema must not be
   * stricter than {@code validate}.
   *
   * @throws IllegalStateException naming every allowed key whose value was never read (the
   *     exemplar the schema was recorded from must write each key at each place it may stand)
   */
  public static ObjectNode write(SchemaRecorder recorder, RequiredCheck requiredCheck, String title,
      String description) {
    JsonSchemaWriter writer = new JsonSchemaWriter(recorder, requiredCheck);
    ObjectNode root = JSON.objectNode();
    root.put("$schema", DIALECT);
    root.put("title", title);
    root.put("description", description);
    root.setAll(writer.schemaAt(List.of()));
    if (!writer.gaps.isEmpty()) {
      throw new IllegalStateException("the schema exemplar never reads these keys, so their type is unknown: "
          + String.join(", ", writer.gaps) + "; write each of them in the exemplar where it stands");
    }
    return root;
  }

  private ObjectNode schemaAt(List<String> path) {
    List<ObjectNode> alternatives = new ArrayList<>();
    ValueShape only = recorder.narrowedAt(path);
    if (only != null) {
      alternatives.add(shape(only));
    } else {
      for (ValueShape s : simplified(recorder.shapesAt(path))) {
        alternatives.add(shape(s));
      }
    }
    List<String> keys = recorder.keysAt(path);
    if (keys != null) {
      alternatives.add(object(path, keys));
    }
    if (recorder.isFreeMap(path)) {
      ObjectNode o = JSON.objectNode();
      o.put("type", "object");
      o.set("additionalProperties", schemaAt(SchemaRecorder.child(path, SchemaRecorder.ANY_KEY)));
      alternatives.add(o);
    }
    if (recorder.isList(path)) {
      ObjectNode a = JSON.objectNode();
      a.put("type", "array");
      a.set("items", schemaAt(SchemaRecorder.child(path, SchemaRecorder.ITEM)));
      alternatives.add(a);
    }
    if (alternatives.isEmpty()) {
      gaps.add(printable(path));
      return JSON.objectNode();
    }
    if (alternatives.size() == 1) {
      return alternatives.get(0);
    }
    ObjectNode any = JSON.objectNode();
    ArrayNode list = any.putArray("anyOf");
    alternatives.forEach(list::add);
    return any;
  }

  private ObjectNode object(List<String> path, List<String> keys) {
    ObjectNode o = JSON.objectNode();
    o.put("type", "object");
    ObjectNode properties = o.putObject("properties");
    List<String> required = recorder.requiredAt(path).stream()
        .filter(key -> recorder.writtenAt(path).stream().allMatch(map -> requiredCheck.refusedWithout(map, key)))
        .toList();
    for (String key : keys) {
      ObjectNode value = schemaAt(SchemaRecorder.child(path, key));
      properties.set(key, required.contains(key) ? value : nullable(value));
    }
    o.put("additionalProperties", false);
    if (!required.isEmpty()) {
      ArrayNode r = o.putArray("required");
      required.stream().filter(keys::contains).forEach(r::add);
    }
    List<SchemaRecorder.ChoiceSection> sections = recorder.choiceSectionsAt(path);
    if (!sections.isEmpty()) {
      ArrayNode all = o.putArray("allOf");
      for (SchemaRecorder.ChoiceSection c : sections) {
        ObjectNode rule = all.addObject();
        ObjectNode when = rule.putObject("if");
        when.putObject("properties").putObject(c.choiceKey()).put("const", c.choice());
        when.putArray("required").add(c.choiceKey());
        ObjectNode others = rule.putObject("then").putObject("properties");
        sections.stream().map(SchemaRecorder.ChoiceSection::sectionKey)
            .filter(k -> !k.equals(c.sectionKey()))
            .forEach(k -> others.put(k, false));
      }
    }
    return o;
  }

  /** A plain string already admits what an address, a prefix or a secret is written as. */
  private static Set<ValueShape> simplified(Set<ValueShape> shapes) {
    Set<ValueShape> out = new LinkedHashSet<>(shapes);
    if (out.contains(new ValueShape.Text())) {
      out.removeIf(s -> s instanceof ValueShape.Address || s instanceof ValueShape.Prefixed
          || s instanceof ValueShape.SecretValue);
    }
    return out;
  }

  private static ObjectNode shape(ValueShape shape) {
    ObjectNode o = JSON.objectNode();
    if (shape instanceof ValueShape.Text) {
      types(o, "string", "number");
    } else if (shape instanceof ValueShape.Whole w) {
      o.put("type", "integer");
      if (w.min() != Integer.MIN_VALUE) {
        o.put("minimum", w.min());
      }
      if (w.max() != Integer.MAX_VALUE) {
        o.put("maximum", w.max());
      }
    } else if (shape instanceof ValueShape.Decimal) {
      o.put("type", "number");
    } else if (shape instanceof ValueShape.Flag) {
      o.put("type", "boolean");
    } else if (shape instanceof ValueShape.Span) {
      types(o, "string", "number");
      o.put("pattern", "^\\s*" + io.haprovision.inventory.DurationText.SYNTAX + "\\s*$");
      o.put("exclusiveMinimum", 0);
      o.put("description", "a duration: 500ms, 10s, 2m, 1h, or a number of seconds");
    } else if (shape instanceof ValueShape.Choice c && !c.caseless()) {
      o.put("type", "string");
      ArrayNode names = o.putArray("enum");
      c.names().forEach(names::add);
    } else if (shape instanceof ValueShape.Choice c) {
      o.put("type", "string");
      ArrayNode any = o.putArray("anyOf");
      ArrayNode names = any.addObject().putArray("enum");
      c.names().forEach(names::add);
      // The binder ignores case and takes `_` for `-`: say the same, so both agree.
      any.addObject().put("pattern", "^\\s*(" + String.join("|", c.names().stream()
          .map(JsonSchemaWriter::caseless).toList()) + ")\\s*$");
    } else if (shape instanceof ValueShape.Word w) {
      o.put("const", w.word());
    } else if (shape instanceof ValueShape.SecretValue) {
      types(o, "string", "number");
      o.put("description", "a secret: ${env:NAME}, ${file:PATH} (relative to the inventory) or the value");
    } else if (shape instanceof ValueShape.Address) {
      o.put("type", "string");
      o.put("description", "an IPv4 or IPv6 address");
    } else if (shape instanceof ValueShape.Matching m) {
      types(o, "string", "integer");
      o.put("pattern", m.regex());
      o.put("description", m.description());
    } else if (shape instanceof ValueShape.Prefixed) {
      o.put("type", "string");
      o.put("pattern", "/\\s*[0-9]{1,3}\\s*$");
      o.put("description", "an address with its prefix length, such as 192.0.2.1/24");
    }
    return o;
  }

  private static void types(ObjectNode o, String... types) {
    ArrayNode t = o.putArray("type");
    for (String type : types) {
      t.add(type);
    }
  }

  /** The schema, also admitting null (the binder reads a key with no value as absent). */
  private static ObjectNode nullable(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      ObjectNode copy = schema.deepCopy();
      types(copy, type.asText(), "null");
      return copy;
    }
    if (type != null && type.isArray()) {
      ObjectNode copy = schema.deepCopy();
      ((ArrayNode) copy.get("type")).add("null");
      return copy;
    }
    ObjectNode any = JSON.objectNode();
    ArrayNode list = any.putArray("anyOf");
    list.addObject().put("type", "null");
    if (schema.size() == 1 && schema.has("anyOf")) {
      schema.get("anyOf").forEach(list::add);
    } else {
      list.add(schema);
    }
    return any;
  }

  /** {@code accept-new} as {@code [Aa][Cc]...[-_][Nn]...}. */
  private static String caseless(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (c == '-' || c == '_') {
        out.append("[-_]");
      } else if (Character.isLetter(c)) {
        out.append('[').append(Character.toUpperCase(c)).append(Character.toLowerCase(c)).append(']');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String printable(List<String> path) {
    StringBuilder out = new StringBuilder();
    for (String s : path) {
      if (s.equals(SchemaRecorder.ITEM)) {
        out.append(s);
      } else {
        out.append(out.length() == 0 ? "" : ".").append(s);
      }
    }
    return out.length() == 0 ? "(the top level)" : out.toString();
  }
}
