package io.haprovision.engine;

import io.haprovision.resource.DigestKey;
import java.util.Objects;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haprovision.engine.probe.VrrpReading.InstanceReading;
import io.haprovision.error.InternalException;
import io.haprovision.facts.FactsLookup;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Redactor;
import java.util.List;
import java.util.Map;

/**
 * The facts of every node of a run, with how many commands each node cost.
 *
 * @param nodes one observation per node, pairs in inventory order, primary first
 * @param execsPerNode commands run on each node ({@code pair/node}) in this session so far
 * @param handshakes SSH handshakes of this session so far
 * @param millis how long gathering took
 * @param digestKey keys the facts digests shown, the same key plans carry them under
 */
public record FactsReport(List<NodeObservation> nodes, Map<String, Long> execsPerNode, long handshakes, long millis,
    DigestKey digestKey) {
  /** Copies the collections. */
  public FactsReport {
    nodes = List.copyOf(nodes);
    execsPerNode = Map.copyOf(execsPerNode);
    Objects.requireNonNull(digestKey, "digestKey");
  }

  /** The facts for the planner. */
  public FactsLookup lookup() {
    FactsLookup.Builder b = FactsLookup.builder();
    nodes.forEach(n -> b.add(n.key().pair(), n.facts()));
    return b.build();
  }

  /** The observation of {@code node} in {@code pair}. */
  public NodeObservation node(String pair, String node) {
    return nodes.stream().filter(n -> n.key().pair().equals(pair) && n.key().node().equals(node)).findFirst()
        .orElseThrow(() -> new InternalException("no facts for " + pair + "/" + node));
  }

  private static final java.util.regex.Pattern RAW_SHA256 = java.util.regex.Pattern.compile("sha256=([0-9a-f]{64})");

  /**
   * A state as shown to people: a file's raw SHA-256 would let anyone holding the report
   * and the rest of the inventory guess a short secret inside it offline, so it is shown
   * as a keyed digest instead (still equal for equal content, on this machine).
   */
  private String shown(ResourceState state) {
    return RAW_SHA256.matcher(state.fingerprint())
        .replaceAll(m -> "content=" + digestKey.digest(m.group(1)).substring(0, 16));
  }

  /** Plain text for humans ({@code provision facts}), secrets masked. */
  public String toText(Redactor redactor) {
    StringBuilder s = new StringBuilder();
    String pair = null;
    for (NodeObservation n : nodes) {
      if (!n.key().pair().equals(pair)) {
        pair = n.key().pair();
        s.append("Pair ").append(pair).append('\n');
      }
      s.append("  ").append(n.key().node()).append(" (").append(n.target()).append("): ")
          .append(n.system().osName().isEmpty() ? n.system().os() : n.system().osName())
          .append(", packages: ").append(n.system().packageManager())
          .append(", init: ").append(n.system().init()).append('\n');
      s.append("    keepalived: ").append(keepalivedLine(n)).append('\n');
      s.append("    VRRP role: ").append(n.facts().vrrpRole()).append('\n');
      for (InstanceReading i : n.vrrp().instances()) {
        s.append("      ").append(i.describe()).append('\n');
      }
      for (Map.Entry<ResourceId, ResourceState> e : n.facts().resources().entrySet()) {
        s.append("    ").append(e.getKey()).append(": ").append(shown(e.getValue())).append('\n');
      }
      for (String note : n.notes()) {
        s.append("    note: ").append(note).append('\n');
      }
      s.append("    facts digest ").append(n.facts().digest(digestKey), 0, 12).append(", ")
          .append(n.millis()).append(" ms, ").append(execsPerNode.getOrDefault(n.key().toString(), 0L))
          .append(" command(s) so far\n");
    }
    return redactor.redact(s.toString());
  }

  /** JSON for machines ({@code provision facts --json}), secrets masked. */
  public String toJson(Redactor redactor) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", "ha-provision-facts");
    root.put("version", 1);
    root.put("handshakes", handshakes);
    root.put("millis", millis);
    ArrayNode arr = root.putArray("nodes");
    for (NodeObservation n : nodes) {
      ObjectNode o = arr.addObject();
      o.put("pair", n.key().pair());
      o.put("node", n.key().node());
      o.put("target", n.target());
      o.put("facts_digest", n.facts().digest(digestKey));
      o.put("execs", execsPerNode.getOrDefault(n.key().toString(), 0L));
      o.put("millis", n.millis());
      ObjectNode sys = o.putObject("system");
      sys.put("os", n.system().os());
      sys.put("os_version", n.system().osVersion());
      sys.put("os_name", n.system().osName());
      sys.put("package_manager", n.system().packageManager());
      sys.put("init", n.system().init());
      sys.put("kernel", n.system().kernel());
      sys.put("hostname", n.system().hostname());
      ObjectNode ka = o.putObject("keepalived");
      ka.put("probed", n.keepalivedProbed());
      ka.put("installed", n.keepalived().installed());
      ka.put("version", n.keepalived().version());
      ka.put("running", n.keepalived().running());
      if (n.keepalived().pid().isPresent()) {
        ka.put("pid", n.keepalived().pid().getAsLong());
      }
      n.keepalived().configFile().ifPresent(f -> ka.put("config_file", f));
      n.stateDump().ifPresent(d -> ka.put("state_dump", d.format()));
      ObjectNode vrrp = o.putObject("vrrp");
      vrrp.put("role", n.facts().vrrpRole().name());
      ArrayNode inst = vrrp.putArray("instances");
      for (InstanceReading i : n.vrrp().instances()) {
        ObjectNode io = inst.addObject();
        io.put("name", i.instance());
        io.put("role", i.role().name());
        io.put("vips_bound", i.vipsBound());
        io.put("vips_expected", i.vipsExpected());
        i.dumpState().ifPresent(v -> io.put("keepalived_state", v));
        i.basePriority().ifPresent(v -> io.put("priority", v));
        i.conflict().ifPresent(v -> io.put("conflict", v));
      }
      ObjectNode addrs = o.putObject("addresses");
      n.addresses().byInterface().forEach((dev, list) -> {
        ArrayNode a = addrs.putArray(dev);
        list.forEach(a::add);
      });
      ArrayNode res = o.putArray("resources");
      n.facts().resources().forEach((id, state) -> {
        ObjectNode r = res.addObject();
        r.put("id", id.toString());
        r.put("state", shown(state));
      });
      ArrayNode notes = o.putArray("notes");
      n.notes().forEach(notes::add);
    }
    return redactor.redact(Json.write(root));
  }

  private static String keepalivedLine(NodeObservation n) {
    if (!n.keepalivedProbed()) {
      return "not probed (the platform runs no keepalived instance)";
    }
    if (!n.keepalived().installed()) {
      return "not installed";
    }
    String v = n.keepalived().version().isEmpty() ? "installed" : n.keepalived().version();
    if (!n.keepalived().running()) {
      return v + ", not running";
    }
    return v + ", running (pid " + n.keepalived().pid().getAsLong() + n.keepalived().configFile()
        .map(f -> ", -f " + f).orElse("") + ")" + n.stateDump().map(d -> ", state dump " + d.format()).orElse("");
  }
}
