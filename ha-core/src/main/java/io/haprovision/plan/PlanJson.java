package io.haprovision.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.haprovision.error.InternalException;
import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Location;
import io.haprovision.inventory.Problem;
import io.haprovision.secret.Redactor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A {@link Plan} as versioned JSON for machines ({@code provision plan --json},
 * {@code --out PLAN.json}):
 *
 * <pre>
 * {
 *   "format" : "ha-provision-plan",
 *   "version" : 1,
 *   "summary" : { "create" : 3, "update" : 1, "delete" : 0, "unchanged" : 5, "has_changes" : true },
 *   "pairs" : [ ... ]
 * }
 * </pre>
 *
 * {@code summary} is written for readers' convenience and ignored when read back. Every
 * string value passes through the {@link Redactor}; sensitive content is never in a plan
 * to begin with. Every node carries {@code facts_digest} and {@code desired_digest}, which apply
 * checks before touching it. Reading checks the format name and version first.
 */
public final class PlanJson {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "ha-provision-plan";

  // snake_case like the inventory, so one convention holds for every file a user handles.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      // Optional fields (a pair's wire change) as their value or null.
      .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  // What InternalException appends; an edited plan file is not a bug, so it is dropped there.
  private static final String BUG_SUFFIX = " (this is a bug in ha-provision; please report it)";

  private PlanJson() {}

  /** The plan as pretty-printed JSON ({@code \n} line ends, ending with one), secrets masked. */
  public static String write(Plan plan, Redactor redactor) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("version", plan.version());
    PlanCounts counts = plan.counts();
    ObjectNode summary = root.putObject("summary");
    summary.put("create", counts.create());
    summary.put("update", counts.update());
    summary.put("delete", counts.delete());
    summary.put("unchanged", counts.unchanged());
    summary.put("has_changes", plan.hasChanges());
    root.set("pairs", MAPPER.valueToTree(plan.pairs()));
    JsonNode redacted = redact(root, redactor);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(indenter).withArrayIndenter(indenter);
    try {
      return redactor.redact(MAPPER.writer(printer).writeValueAsString(redacted)) + "\n";
    } catch (JsonProcessingException e) {
      throw new InternalException("could not write the plan as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a plan written by {@link #write}; see {@link #read(String, String, Redactor)}. */
  public static Plan read(String json) {
    return read(json, "<plan>", Redactor.none());
  }

  /**
   * Reads a plan written by {@link #write}.
   *
   * @param json the JSON text
   * @param source where it came from (a file name), for error messages
   * @param redactor masks known secrets in error messages (a parser quotes the text it chokes on)
   * @throws InventoryException when it is not valid JSON, not an ha-provision plan, of another
   *     format version, or not shaped like a plan; the message names the place and what to do
   */
  public static Plan read(String json, String source, Redactor redactor) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw problem(source, e.getLocation(), "", "plan.json", "not valid JSON: "
          + redactor.redact(e.getOriginalMessage()), "write the plan again with provision plan --out");
    }
    if (root == null || !root.isObject()) {
      throw problem(source, null, "", "plan.format", "not a JSON object",
          "pass a file written by provision plan --out");
    }
    JsonNode format = root.get("format");
    if (format == null || !FORMAT.equals(format.asText())) {
      throw problem(source, null, "format", "plan.format", "not an ha-provision plan (format is "
          + (format == null ? "missing" : "'" + redactor.redact(format.asText()) + "'") + ", expected '"
          + FORMAT + "')", "pass a file written by provision plan --out");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.asInt() != Plan.FORMAT_VERSION) {
      throw problem(source, null, "version", "plan.version", "plan format version "
          + (version == null ? "missing" : redactor.redact(version.toString())) + " is not supported; this "
          + "ha-provision reads version " + Plan.FORMAT_VERSION,
          "make the plan again with this version of ha-provision");
    }
    JsonNode pairs = root.get("pairs");
    if (pairs == null || !pairs.isArray()) {
      throw problem(source, null, "pairs", "plan.shape", "the plan has no 'pairs' list",
          "pass a file written by provision plan --out");
    }
    for (JsonNode pair : pairs) {
      for (JsonNode node : pair.path("nodes")) {
        JsonNode digest = node.get("desired_digest");
        if (digest == null || !digest.isTextual()) {
          // Without it apply could not tell an edited inventory (a changed secret) from the reviewed one.
          throw problem(source, null, "pairs", "plan.shape", "node " + redactor.redact(node.path("node").asText("?"))
              + " of pair " + redactor.redact(pair.path("pair").asText("?")) + " has no desired_digest, so apply"
              + " could not check that the inventory is still the one planned from; this is not a valid plan",
              "write the plan again with provision plan --out");
        }
      }
    }
    try {
      List<PairPlan> list = MAPPER.readerForListOf(PairPlan.class).readValue(pairs);
      return new Plan(Plan.FORMAT_VERSION, list);
    } catch (java.io.IOException | IllegalArgumentException | NullPointerException | InternalException e) {
      InternalException rejected = rejectedBy(e);
      String detail = rejected != null
          // A record refused its data (e.g. nodes out of rollout order): the file was edited or damaged.
          ? "the plan is inconsistent (was it edited?): " + rejected.getMessage().replace(BUG_SUFFIX, "")
          : "the plan is not shaped as expected: "
              + (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage());
      throw problem(source, null, "pairs", "plan.shape", redactor.redact(detail),
          "write the plan again with provision plan --out");
    }
  }

  private static InternalException rejectedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InternalException internal) {
        return internal;
      }
    }
    return null;
  }

  private static InventoryException problem(
      String source, JsonLocation at, String keyPath, String rule, String message, String fix) {
    Location location = at == null || at.getLineNr() < 1
        ? new Location(source, 0, 0)
        : new Location(source, at.getLineNr(), Math.max(1, at.getColumnNr()));
    return new InventoryException(List.of(new Problem(location, keyPath, rule, message, fix)));
  }

  /** A copy of the tree with every string value (and field name) redacted. */
  private static JsonNode redact(JsonNode node, Redactor redactor) {
    if (node.isTextual()) {
      return TextNode.valueOf(redactor.redact(node.asText()));
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(redact(element, redactor)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(redactor.redact(field.getKey()), redact(field.getValue(), redactor));
      }
      return copy;
    }
    return node;
  }
}
