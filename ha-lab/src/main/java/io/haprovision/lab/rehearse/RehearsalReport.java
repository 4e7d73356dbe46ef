package io.haprovision.lab.rehearse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.PairResult;
import io.haprovision.engine.GateResult;
import io.haprovision.engine.LiveCopy;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.engine.verify.VerifyReport;
import io.haprovision.plan.Change;
import io.haprovision.plan.NodePlan;
import io.haprovision.plan.PairPlan;
import io.haprovision.plan.Plan;
import io.haprovision.plan.PlanTextRenderer;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.ServiceState;
import io.haprovision.secret.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a rehearsal found: per pair, how addresses were mapped, what was copied from the
 * routers, what the real apply would do, whether the replica planned the same, how the
 * replica's rollout went (gate waits, revert armed and confirmed), what the LAN client saw,
 * and verify's checks and drills on the replica.
 *
 * @param pairs one entry per rehearsed pair
 * @param labRunId the replica lab's run id
 * @param labKept whether the replica was left running
 * @param redactor masks the inventory's secrets in everything printed
 * @param millis how long the whole rehearsal took
 */
public record RehearsalReport(List<PairRehearsal> pairs, String labRunId, boolean labKept, Redactor redactor,
    long millis) {
  /** Copies the list. */
  public RehearsalReport {
    pairs = List.copyOf(pairs);
  }

  /**
   * One rehearsed pair.
   *
   * @param pair its name
   * @param mapTitle what the mappings are (addresses, hardware addresses)
   * @param mappings its addresses and the replica's
   * @param kept addresses left as they are
   * @param copied per node, what was copied from the router (counts, never content)
   * @param realPlan what the real apply would do
   * @param differences where the replica's plan differed from the real one (empty: the same
   *     changes, addresses mapped); a difference means the copy missed something
   * @param applied the replica's rollout
   * @param ping what the replica's LAN client saw during the rollout (a simulated replica has none)
   * @param checks verify's checks and drills on the replica
   * @param realCommands commands run on each real router (all of them reads)
   * @param notes what makes the results less telling (the replica started from another state)
   */
  public record PairRehearsal(String pair, String mapTitle, List<AddressMap.Mapping> mappings, List<String> kept,
      Map<String, String> copied, PairPlan realPlan, List<String> differences, PairResult applied,
      Optional<PingDuringRollout> ping, List<CheckResult> checks, Map<String, Long> realCommands, List<String> notes) {
    /** Copies the collections. */
    public PairRehearsal {
      mappings = List.copyOf(mappings);
      kept = List.copyOf(kept);
      copied = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(copied));
      differences = List.copyOf(differences);
      checks = List.copyOf(checks);
      realCommands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(realCommands));
      notes = List.copyOf(notes);
    }

    static PairRehearsal of(String pair, ReplicaMap map, List<LiveCopy> copies, PairPlan realPlan,
        PairPlan replicaPlan, ApplyReport applied, Optional<PingDuringRollout> ping, VerifyReport verified,
        Map<String, Long> realCommands, List<String> notes) {
      Map<String, String> copied = new LinkedHashMap<>();
      for (LiveCopy c : copies) {
        long absent = c.files().stream().filter(f -> f.content().isEmpty()).count();
        long packages = c.states().values().stream().filter(s -> s instanceof PackageState).count();
        long services = c.states().values().stream().filter(s -> s instanceof ServiceState).count();
        if (c.configuration().isPresent()) {
          long commands = c.configuration().get().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
          copied.put(c.node(), "its configuration (" + commands + " exported commands)");
          continue;
        }
        copied.put(c.node(), (c.files().size() - absent) + " file(s)" + (absent > 0 ? " (" + absent
            + " more absent there, removed here)" : "") + ", " + packages + " package(s), " + services + " service(s)");
      }
      Map<String, Long> commands = new LinkedHashMap<>();
      realCommands.forEach((k, v) -> {
        if (k.startsWith(pair + "/")) {
          commands.put(k.substring(pair.length() + 1), v);
        }
      });
      PairResult result = applied.pairs().stream().filter(p -> p.pair().equals(pair)).findFirst().orElseThrow();
      List<CheckResult> checks = verified.pairs().stream().filter(p -> p.pair().equals(pair))
          .flatMap(p -> p.checks().stream()).toList();
      return new PairRehearsal(pair, map.title(), map.mappings(), map.kept(), copied, realPlan,
          RehearsalReport.differences(map, realPlan, replicaPlan), result, ping, checks, commands, notes);
    }

    /** True when the replica's rollout applied (or had nothing to do) and every check passed. */
    public boolean ok() {
      return (applied.status() == ApplyReport.PairStatus.APPLIED || applied.status() == ApplyReport.PairStatus.UNCHANGED)
          && checks.stream().noneMatch(c -> c.status() == CheckResult.Status.FAILED);
    }
  }

  /** True when every pair's rehearsal went well. */
  public boolean ok() {
    return pairs.stream().allMatch(PairRehearsal::ok);
  }

  /**
   * The changes each plan has that the other lacks, node by node, the real one's summaries with
   * {@code map} applied; empty when the replica would get exactly what the real pair would.
   */
  public static List<String> differences(ReplicaMap map, PairPlan real, PairPlan replica) {
    List<String> out = new ArrayList<>();
    for (NodePlan r : real.nodes()) {
      List<String> want = r.changes().stream().filter(Change::changes).map(c -> map.apply(c.summary())).toList();
      List<String> got = replica.node(r.node()).changes().stream().filter(Change::changes).map(Change::summary).toList();
      want.stream().filter(w -> !got.contains(w))
          .forEach(w -> out.add(r.node() + ": only the real routers would get: " + w));
      got.stream().filter(g -> !want.contains(g))
          .forEach(g -> out.add(r.node() + ": only the replica got: " + g));
    }
    return out;
  }

  /** Plain text for humans, secrets masked. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append("Rehearsal on replica ").append(labRunId).append(labKept
        ? " (still running: `provision lab down " + labRunId + "` removes it)" : " (removed)")
        .append(", ").append(millis / 1000).append(" s. The real routers were only read.\n");
    for (PairRehearsal p : pairs) {
      s.append("\nPair ").append(p.pair()).append(": ").append(p.ok() ? "the replica took the change and passed every check"
          : "the replica did NOT come through: see below").append('\n');
      s.append("  ").append(p.mapTitle()).append(":\n");
      int width = p.mappings().stream().mapToInt(m -> m.real().length()).max().orElse(0);
      for (AddressMap.Mapping m : p.mappings()) {
        s.append("    ").append(m.real()).append(" ".repeat(width - m.real().length())).append(" -> ").append(m.lab())
            .append("  (").append(m.what()).append(")\n");
      }
      p.kept().forEach(k -> s.append("    ").append(k).append(": kept as is\n"));
      s.append("  Copied from the routers (").append(commandsLine(p.realCommands())).append("):\n");
      p.copied().forEach((node, what) -> s.append("    ").append(node).append(": ").append(what).append('\n'));
      s.append("  What the real apply would do:\n");
      String plan = PlanTextRenderer.plain(redactor).render(Plan.of(List.of(p.realPlan())));
      plan.lines().forEach(line -> s.append("    ").append(line).append('\n'));
      if (p.differences().isEmpty()) {
        s.append("  The replica planned the same changes (addresses mapped).\n");
      } else {
        s.append("  The replica's plan differed (the copy missed something; the results below are less telling):\n");
        p.differences().forEach(d -> s.append("    ").append(d).append('\n'));
      }
      p.notes().forEach(n -> s.append("  Note: ").append(n).append('\n'));
      PairResult a = p.applied();
      s.append("  Rollout on the replica: ").append(lower(a.status())).append(" in ").append(seconds(a.millis()))
          .append(a.message().isEmpty() ? "" : " - " + a.message()).append('\n');
      for (NodeResult n : a.nodes()) {
        s.append("    ").append(n.node()).append(": ").append(lower(n.status()).replace('_', ' ')).append(", ")
            .append(n.changes().size()).append(" change(s), ").append(n.handlers().size()).append(" handler(s)");
        n.gate().ifPresent(g -> s.append(", gate ").append(lower(g.status()))
            .append(g.status() == GateResult.Status.SKIPPED ? "" : " after " + seconds(g.millis()) + " (" + g.polls()
                + " looks)"));
        s.append('\n');
        if (n.status() == ApplyReport.NodeStatus.FAILED && !n.message().isEmpty()) {
          s.append("      ").append(n.message()).append('\n');
        }
        n.safetyNet().forEach(line -> s.append("      revert: ").append(line).append('\n'));
      }
      p.ping().ifPresentOrElse(ping -> s.append("  LAN client pinging ").append(ping.vip())
          .append(" 5 times a second during the rollout: ").append(ping.sent()).append(" sent, ").append(ping.received())
          .append(" answered, ").append(ping.lost()).append(" lost")
          .append(ping.answeredBefore() ? "" : " (the VIP did not answer before the rollout)").append('\n'),
          () -> s.append("  No pings during the rollout: the replica has no LAN client (simulated routers) or the pair"
              + " no LAN VIP.\n"));
      s.append(p.checks().stream().anyMatch(c -> c.name().startsWith("drill")) ? "  Verify on the replica, with the drills:\n"
          : "  Verify on the replica (the platform has no drills: its checks only):\n");
      for (CheckResult c : p.checks()) {
        s.append("    ").append(c.status() == CheckResult.Status.PASSED ? "ok     " : c.status() == CheckResult.Status.FAILED
            ? "FAILED " : "skipped").append(' ').append(c.name());
        if (!c.figures().isEmpty()) {
          s.append(" (");
          List<String> figures = new ArrayList<>();
          c.figures().forEach((k, v) -> figures.add(k + " " + figure(v)));
          s.append(String.join(", ", figures)).append(')');
        }
        s.append('\n');
        if (c.status() != CheckResult.Status.PASSED && !c.message().isEmpty()) {
          c.message().lines().forEach(line -> s.append("            ").append(line).append('\n'));
        }
      }
    }
    return redactor.redact(s.toString());
  }

  /** JSON for machines, secrets masked. */
  public String toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", "ha-provision-rehearsal-report");
    root.put("version", 1);
    root.put("ok", ok());
    root.put("lab", labRunId);
    root.put("lab_kept", labKept);
    root.put("millis", millis);
    ArrayNode list = root.putArray("pairs");
    for (PairRehearsal p : pairs) {
      ObjectNode o = list.addObject();
      o.put("pair", p.pair());
      o.put("ok", p.ok());
      o.put("mapped", p.mapTitle());
      ArrayNode mappings = o.putArray("mappings");
      p.mappings().forEach(m -> mappings.addObject().put("real", m.real()).put("replica", m.lab()).put("what", m.what()));
      ArrayNode kept = o.putArray("kept");
      p.kept().forEach(kept::add);
      ObjectNode copied = o.putObject("copied");
      p.copied().forEach(copied::put);
      ObjectNode commands = o.putObject("real_commands");
      p.realCommands().forEach(commands::put);
      ObjectNode plan = o.putObject("real_plan");
      for (NodePlan n : p.realPlan().nodes()) {
        ArrayNode changes = plan.putArray(n.node());
        n.changes().stream().filter(Change::changes).forEach(c -> changes.add(c.summary()));
      }
      ArrayNode notes = o.putArray("notes");
      p.notes().forEach(notes::add);
      ArrayNode differences = o.putArray("plan_differences");
      p.differences().forEach(differences::add);
      ObjectNode rollout = o.putObject("replica_rollout");
      rollout.put("status", lower(p.applied().status()));
      rollout.put("message", p.applied().message());
      rollout.put("millis", p.applied().millis());
      ArrayNode nodes = rollout.putArray("nodes");
      for (NodeResult n : p.applied().nodes()) {
        ObjectNode no = nodes.addObject();
        no.put("node", n.node());
        no.put("status", lower(n.status()));
        no.put("changes", n.changes().size());
        no.put("handlers", n.handlers().size());
        n.gate().ifPresent(g -> no.putObject("gate").put("status", lower(g.status())).put("millis", g.millis())
            .put("looks", g.polls()).put("summary", g.summary()));
        ArrayNode net = no.putArray("safety_net");
        n.safetyNet().forEach(net::add);
      }
      p.ping().ifPresent(ping -> o.putObject("client_ping").put("vip", ping.vip())
          .put("answered_before", ping.answeredBefore()).put("sent", ping.sent()).put("received", ping.received())
          .put("lost", ping.lost()));
      ArrayNode checks = o.putArray("replica_checks");
      for (CheckResult c : p.checks()) {
        ObjectNode co = checks.addObject();
        co.put("name", c.name());
        co.put("status", lower(c.status()));
        co.put("message", c.message());
        ObjectNode figures = co.putObject("figures");
        c.figures().forEach(figures::put);
      }
    }
    return redactor.redact(root.toPrettyString());
  }

  private static String commandsLine(Map<String, Long> commands) {
    List<String> parts = new ArrayList<>();
    commands.forEach((node, n) -> parts.add(node + " " + n + " command(s)"));
    return parts.isEmpty() ? "no commands" : String.join(", ", parts) + ", all reads";
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static String figure(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
