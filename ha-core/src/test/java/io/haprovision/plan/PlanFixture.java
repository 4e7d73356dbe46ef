package io.haprovision.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.KeepalivedStatus;
import io.haprovision.facts.NodeFacts;
import io.haprovision.facts.VrrpRole;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.FileState;
import io.haprovision.resource.Handler;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.LineState;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ServiceResource;
import io.haprovision.resource.ServiceState;
import io.haprovision.resource.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A planner test case read from YAML: desired pairs (resources and handlers per node) and,
 * optionally, the facts per node. Facts give a file's current content and whether the probe
 * fetched it; the hash is computed from that content, as a probe would.
 */
record PlanFixture(List<DesiredPair> pairs, FactsLookup facts) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static PlanFixture load(Path file) {
    try {
      JsonNode root = YAML.readTree(file.toFile());
      List<DesiredPair> pairs = new ArrayList<>();
      for (JsonNode pair : root.path("pairs")) {
        String name = pair.path("name").asText();
        pairs.add(new DesiredPair(name, node(name, pair.path("primary")), node(name, pair.path("secondary"))));
      }
      JsonNode facts = root.path("facts");
      return new PlanFixture(pairs, facts.isMissingNode() ? FactsLookup.offline() : facts(facts));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DesiredNode node(String pair, JsonNode node) {
    List<Resource> resources = new ArrayList<>();
    for (JsonNode r : node.path("resources")) {
      resources.add(resource(r));
    }
    List<Handler> handlers = new ArrayList<>();
    for (JsonNode h : node.path("handlers")) {
      handlers.add(new Handler(h.path("name").asText(), Handler.Kind.valueOf(h.path("kind").asText()),
          h.path("command").asText()));
    }
    return new DesiredNode(pair, node.path("node").asText(), resources, handlers);
  }

  private static Resource resource(JsonNode r) {
    List<String> notifies = new ArrayList<>();
    r.path("notifies").forEach(n -> notifies.add(n.asText()));
    Ensure ensure = r.path("absent").asBoolean(false) ? Ensure.ABSENT : Ensure.PRESENT;
    if (r.has("file")) {
      String path = r.path("file").asText();
      if (ensure == Ensure.ABSENT) {
        return FileResource.absent(path).notifying(notifies.toArray(String[]::new));
      }
      boolean sensitive = r.path("sensitive").asBoolean(false);
      FileResource f = sensitive
          ? FileResource.secret(path, r.path("content").asText())
          : FileResource.of(path, r.path("content").asText()).withMode(r.path("mode").asText("0644"));
      f = f.withOwner(r.path("owner").asText("root"), r.path("group").asText("root"));
      if (r.has("validate")) {
        f = f.withValidation(r.path("validate").asText());
      }
      return f.notifying(notifies.toArray(String[]::new));
    }
    if (r.has("line_in")) {
      return new LineInFile(r.path("line_in").asText(), r.path("line").asText(), ensure, notifies);
    }
    if (r.has("package")) {
      return new PackageResource(r.path("package").asText(), ensure);
    }
    if (r.has("service")) {
      return new ServiceResource(r.path("service").asText(), r.path("enabled").asBoolean(true),
          r.path("running").asBoolean(true), optional(r, "reload"), optional(r, "restart"));
    }
    throw new IllegalArgumentException("unknown resource in fixture: " + r);
  }

  private static Optional<String> optional(JsonNode r, String field) {
    return r.has(field) ? Optional.of(r.path(field).asText()) : Optional.empty();
  }

  private static FactsLookup facts(JsonNode facts) {
    FactsLookup.Builder builder = FactsLookup.builder();
    for (Iterator<Map.Entry<String, JsonNode>> pairs = facts.fields(); pairs.hasNext(); ) {
      Map.Entry<String, JsonNode> pair = pairs.next();
      for (Iterator<Map.Entry<String, JsonNode>> nodes = pair.getValue().fields(); nodes.hasNext(); ) {
        Map.Entry<String, JsonNode> node = nodes.next();
        builder.add(pair.getKey(), nodeFacts(node.getKey(), node.getValue()));
      }
    }
    return builder.build();
  }

  private static NodeFacts nodeFacts(String name, JsonNode n) {
    NodeFacts facts = NodeFacts.empty(name)
        .withVrrpRole(VrrpRole.valueOf(n.path("vrrp_role").asText("UNKNOWN")))
        .withKeepalived(new KeepalivedStatus(n.path("keepalived").path("installed").asBoolean(false),
            n.path("keepalived").path("running").asBoolean(false)));
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("files").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode f = e.getValue();
      FileState state;
      if (f.path("exists").asBoolean(true)) {
        String content = f.path("content").asText();
        state = FileState.present(Sha256.of(content), f.path("mode").asText("0644"),
            f.path("owner").asText("root"), f.path("group").asText("root"));
        if (f.path("fetched").asBoolean(false)) {
          state = state.withContent(content);
        }
      } else {
        state = FileState.absent();
      }
      facts = facts.with(FileResource.absent(e.getKey()).id(), state);
    }
    for (JsonNode line : n.path("lines")) {
      facts = facts.with(LineInFile.present(line.path("path").asText(), line.path("line").asText()).id(),
          new LineState(line.path("present").asBoolean(true)));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("packages").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      facts = facts.with(PackageResource.installed(e.getKey()).id(),
          e.getValue().isNull() ? PackageState.missing() : PackageState.installed(e.getValue().asText()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("services").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      facts = facts.with(ServiceResource.enabledAndRunning(e.getKey()).id(),
          new ServiceState(e.getValue().path("enabled").asBoolean(), e.getValue().path("running").asBoolean()));
    }
    return facts;
  }
}
