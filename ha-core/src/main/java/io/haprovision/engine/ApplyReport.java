package io.haprovision.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haprovision.resource.Handler;
import io.haprovision.secret.Redactor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an apply did, pair by pair and node by node: the changes applied, the handlers run,
 * the health gate after each node, timings, and how many commands each node cost in the whole
 * session.
 *
 * @param pairs one result per pair of the plan, in plan order
 * @param execsPerNode commands run on each node ({@code pair/node}) in this session so far
 * @param handshakes SSH handshakes of this session so far
 * @param millis how long the apply took
 */
public record ApplyReport(List<PairResult> pairs, Map<String, Long> execsPerNode, long handshakes, long millis) {
  /** Copies the collections. */
  public ApplyReport {
    pairs = List.copyOf(pairs);
    execsPerNode = Map.copyOf(execsPerNode);
  }

  /** How a pair ended. */
  public enum PairStatus {
    /** The plan had nothing to do for it: nothing was touched. */
    UNCHANGED,
    /** Every change was applied and every gate passed. */
    APPLIED,
    /** A change, handler or gate failed; the rest of the pair was not touched. */
    FAILED,
    /** The plan was refused before anything was touched (stale facts, changed desired state). */
    REFUSED,
    /** Another run holds the pair's lock: nothing was touched. */
    LOCKED
  }

  /** How a node ended. */
  public enum NodeStatus {
    /** Nothing to do on it. */
    UNCHANGED,
    /** Its changes and handlers ran and its gate passed. */
    APPLIED,
    /** A change, handler or its gate failed. */
    FAILED,
    /** Its part of the plan was refused before it was touched. */
    REFUSED,
    /** Not touched because the pair stopped earlier. */
    NOT_TOUCHED
  }

  /**
   * One pair.
   *
   * @param pair the pair's name
   * @param status how it ended
   * @param rolloutOrder its nodes, first changed first
   * @param nodes one result per node, in rollout order
   * @param message one line: what happened, or what failed and what was left untouched
   * @param millis how long the pair took
   */
  public record PairResult(
      String pair, PairStatus status, List<String> rolloutOrder, List<NodeResult> nodes, String message, long millis) {
    /** Copies the lists; rejects nulls. */
    public PairResult {
      Objects.requireNonNull(pair, "pair");
      Objects.requireNonNull(status, "status");
      rolloutOrder = List.copyOf(rolloutOrder);
      nodes = List.copyOf(nodes);
      Objects.requireNonNull(message, "message");
    }

    /** The result of {@code node}. */
    public Optional<NodeResult> node(String node) {
      return nodes.stream().filter(n -> n.node().equals(node)).findFirst();
    }
  }

  /**
   * One node.
   *
   * @param node the node's name
   * @param status how it ended
   * @param changes the changes attempted, in order (the last one failed when the node failed
   *     in a change)
   * @param handlers the handlers run, in order
   * @param gate the health gate after it, when it got that far
   * @param message one line: what happened or why it failed
   * @param millis how long the node took
   * @param safetyNet what became of the node's safety net (commit-confirmed), one line per step:
   *     armed, confirmed and disarmed; or, after a failure, what the revert restored
   */
  public record NodeResult(
      String node, NodeStatus status, List<ChangeResult> changes, List<HandlerResult> handlers,
      Optional<GateResult> gate, String message, long millis, List<String> safetyNet) {
    /** Copies the lists; rejects nulls. */
    public NodeResult {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(status, "status");
      changes = List.copyOf(changes);
      handlers = List.copyOf(handlers);
      Objects.requireNonNull(gate, "gate");
      Objects.requireNonNull(message, "message");
      safetyNet = List.copyOf(safetyNet);
    }

    /** A result without safety-net lines. */
    public NodeResult(String node, NodeStatus status, List<ChangeResult> changes, List<HandlerResult> handlers,
        Optional<GateResult> gate, String message, long millis) {
      this(node, status, changes, handlers, gate, message, millis, List.of());
    }

    /** This result with {@code lines} as its safety-net lines and {@code text} as its message. */
    public NodeResult with(List<String> lines, String text) {
      return new NodeResult(node, status, changes, handlers, gate, text, millis, lines);
    }
  }

  /**
   * One change applied to a node.
   *
   * @param id the resource ({@code kind:key})
   * @param action create, update or delete
   * @param summary the plan's line for it
   * @param ok whether it succeeded
   * @param error why it failed, or empty
   * @param millis how long it took
   */
  public record ChangeResult(String id, String action, String summary, boolean ok, String error, long millis) {}

  /**
   * One handler run on a node.
   *
   * @param name the handler
   * @param kind reload, restart or run
   * @param command what ran
   * @param ok whether it exited 0
   * @param error why it failed, or empty
   * @param millis how long it took
   */
  public record HandlerResult(String name, Handler.Kind kind, String command, boolean ok, String error, long millis) {}

  /** True when no pair failed or was refused. */
  public boolean ok() {
    return pairs.stream().noneMatch(p -> p.status() == PairStatus.FAILED || p.status() == PairStatus.REFUSED
        || p.status() == PairStatus.LOCKED);
  }

  /** How many changes were applied successfully, over every pair. */
  public int changesApplied() {
    return (int) pairs.stream().flatMap(p -> p.nodes().stream()).flatMap(n -> n.changes().stream())
        .filter(ChangeResult::ok).count();
  }

  /** How many handlers ran successfully, over every pair. */
  public int handlersRun() {
    return (int) pairs.stream().flatMap(p -> p.nodes().stream()).flatMap(n -> n.handlers().stream())
        .filter(HandlerResult::ok).count();
  }

  /** Plain text for humans, secrets masked. */
  public String toText(Redactor redactor) {
    StringBuilder s = new StringBuilder();
    for (PairResult p : pairs) {
      s.append("Pair ").append(p.pair()).append(": ").append(lower(p.status())).append(" (")
          .append(p.millis()).append(" ms) ").append(p.message()).append('\n');
      for (NodeResult n : p.nodes()) {
        s.append("  ").append(n.node()).append(": ").append(lower(n.status()).replace('_', ' '));
        boolean shownBelow = n.changes().stream().anyMatch(c -> !c.ok()) || n.handlers().stream().anyMatch(h -> !h.ok())
            || n.gate().filter(g -> !g.ok()).isPresent();
        if (!n.message().isEmpty() && !shownBelow) {
          s.append(" - ").append(n.message());
        }
        s.append('\n');
        for (ChangeResult c : n.changes()) {
          s.append("    ").append(c.ok() ? "done  " : "FAILED").append(' ').append(c.summary());
          if (!c.ok()) {
            s.append(": ").append(c.error());
          }
          s.append('\n');
        }
        for (HandlerResult h : n.handlers()) {
          s.append("    ").append(h.ok() ? "ran   " : "FAILED").append(' ').append(h.name()).append(" (")
              .append(lower(h.kind())).append(')');
          if (!h.ok()) {
            s.append(": ").append(h.error());
          }
          s.append('\n');
        }
        n.gate().ifPresent(g -> s.append("    gate ").append(lower(g.status())).append(": ").append(g.summary())
            .append(g.status() == GateResult.Status.SKIPPED ? "" : " (" + g.millis() + " ms)").append('\n'));
        n.safetyNet().forEach(line -> s.append("    revert: ").append(line).append('\n'));
      }
    }
    s.append(changesApplied()).append(" change(s) applied, ").append(handlersRun()).append(" handler(s) run in ")
        .append(millis).append(" ms; commands per node: ").append(execsLine(execsPerNode))
        .append("; SSH handshakes: ").append(handshakes).append('\n');
    return redactor.redact(s.toString());
  }

  /** JSON for machines, secrets masked. */
  public String toJson(Redactor redactor) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", "ha-provision-apply-report");
    root.put("version", 1);
    root.put("ok", ok());
    root.put("changes_applied", changesApplied());
    root.put("handlers_run", handlersRun());
    root.put("millis", millis);
    root.put("handshakes", handshakes);
    ObjectNode execs = root.putObject("execs_per_node");
    new java.util.TreeMap<>(execsPerNode).forEach(execs::put);
    ArrayNode pairsNode = root.putArray("pairs");
    for (PairResult p : pairs) {
      ObjectNode po = pairsNode.addObject();
      po.put("pair", p.pair());
      po.put("status", lower(p.status()));
      po.put("message", p.message());
      po.put("millis", p.millis());
      ArrayNode order = po.putArray("rollout_order");
      p.rolloutOrder().forEach(order::add);
      ArrayNode nodes = po.putArray("nodes");
      for (NodeResult n : p.nodes()) {
        ObjectNode no = nodes.addObject();
        no.put("node", n.node());
        no.put("status", lower(n.status()));
        no.put("message", n.message());
        no.put("millis", n.millis());
        ArrayNode changes = no.putArray("changes");
        for (ChangeResult c : n.changes()) {
          ObjectNode co = changes.addObject();
          co.put("id", c.id());
          co.put("action", c.action());
          co.put("summary", c.summary());
          co.put("ok", c.ok());
          if (!c.ok()) {
            co.put("error", c.error());
          }
          co.put("millis", c.millis());
        }
        ArrayNode handlers = no.putArray("handlers");
        for (HandlerResult h : n.handlers()) {
          ObjectNode ho = handlers.addObject();
          ho.put("name", h.name());
          ho.put("kind", lower(h.kind()));
          ho.put("command", h.command());
          ho.put("ok", h.ok());
          if (!h.ok()) {
            ho.put("error", h.error());
          }
          ho.put("millis", h.millis());
        }
        n.gate().ifPresent(g -> {
          ObjectNode go = no.putObject("gate");
          go.put("status", lower(g.status()));
          go.put("summary", g.summary());
          ArrayNode problems = go.putArray("problems");
          g.problems().forEach(problems::add);
          go.put("millis", g.millis());
          go.put("polls", g.polls());
        });
        if (!n.safetyNet().isEmpty()) {
          ArrayNode net = no.putArray("safety_net");
          n.safetyNet().forEach(net::add);
        }
      }
    }
    return redactor.redact(Json.write(root));
  }

  static String execsLine(Map<String, Long> execs) {
    if (execs.isEmpty()) {
      return "none";
    }
    StringBuilder s = new StringBuilder();
    new java.util.TreeMap<>(execs).forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return s.toString();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
