package io.haprovision.plan;

import io.haprovision.error.InternalException;
import io.haprovision.facts.FactsLookup;
import io.haprovision.facts.NodeFacts;
import io.haprovision.facts.VrrpWire;
import io.haprovision.facts.VrrpRole;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.DigestKey;
import io.haprovision.resource.DesiredPair;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ServiceResource;
import io.haprovision.resource.ServiceState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a {@link Plan} from desired pairs and the nodes' facts. A pure function: no I/O,
 * no clock, and the same input always gives the same plan.
 *
 * <p>Per node, every desired resource compares itself with its facts
 * ({@link Resource#compare}), in the desired order; changed resources trigger their
 * handlers, each run once. Per pair, the node that is BACKUP now goes first and the MASTER
 * last, so the VIP moves at most once; with no MASTER (first install) the secondary goes
 * first.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans every pair.
   *
   * @param desired the desired pairs, in inventory order (pair names unique)
   * @param facts the facts of every node of those pairs ({@link FactsLookup#offline()} to plan
   *     everything from scratch)
   * @param key keys the plan's digests ({@link DigestKey#local()} outside tests); apply must use
   *     the same key, so plans are bound to the machine that made them
   * @return the plan, pairs in the given order, nodes in rollout order
   * @throws InternalException when the desired state is inconsistent (duplicate resource ids,
   *     a resource notifying a handler the node does not declare): a platform bug
   */
  public static Plan plan(List<DesiredPair> desired, FactsLookup facts, DigestKey key) {
    Objects.requireNonNull(key, "key");
    Set<String> names = new HashSet<>();
    List<PairPlan> pairs = new ArrayList<>();
    for (DesiredPair pair : desired) {
      if (!names.add(pair.name())) {
        throw new InternalException("pair " + pair.name() + " is planned twice");
      }
      pairs.add(planPair(pair, facts, key));
    }
    return Plan.of(pairs);
  }

  /**
   * An HMAC-SHA256 under {@code key} over everything of {@code node}'s desired state that apply acts on, so a plan can
   * tell whether the inventory still asks for what was reviewed. Covers, per resource in order,
   * its id and a fingerprint: for a {@link FileResource} the hash of its content (never the
   * content, so a changed secret inside a sensitive file changes the digest without showing)
   * plus ensure, mode, owner, group, validation, sensitivity and handlers; for other kinds their
   * {@code toString()}, which must mask secrets as {@link io.haprovision.secret.Secret} does.
   * Then the handlers. Facts play no part. Keyed, so the content hashes of sensitive files
   * it covers give nothing to guess a secret from (see {@link DigestKey}).
   *
   * @param node the desired node
   * @param key the digest key ({@link DigestKey#local()} outside tests)
   * @return lowercase hex HMAC-SHA256
   */
  public static String desiredDigest(DesiredNode node, DigestKey key) {
    StringBuilder canonical = new StringBuilder();
    field(canonical, "pair", node.pair());
    field(canonical, "node", node.node());
    for (Resource resource : node.resources()) {
      field(canonical, "resource", resource.id().toString());
      field(canonical, "class", resource.getClass().getName());
      if (resource instanceof FileResource file) {
        field(canonical, "content_sha256", file.sha256());
        field(canonical, "ensure", file.ensure().name());
        field(canonical, "mode", file.mode());
        field(canonical, "owner", file.owner());
        field(canonical, "group", file.group());
        field(canonical, "validate", file.validateCommand().map(v -> "some " + v).orElse("none"));
      } else {
        field(canonical, "text", resource.toString());
      }
      field(canonical, "sensitive", Boolean.toString(resource.sensitive()));
      field(canonical, "notifies", String.join("\n", resource.notifies()));
    }
    for (Handler h : node.handlers()) {
      field(canonical, "handler", h.name());
      field(canonical, "kind", h.kind().name());
      field(canonical, "command", h.command());
    }
    return key.digest(canonical.toString());
  }

  // Length-prefixed, so no value can pass for a field boundary.
  private static void field(StringBuilder out, String name, String value) {
    out.append(name).append(' ').append(value.length()).append(':').append(value).append('\n');
  }

  private static PairPlan planPair(DesiredPair pair, FactsLookup facts, DigestKey key) {
    NodeFacts primaryFacts = facts.factsFor(pair.name(), pair.primary().node());
    NodeFacts secondaryFacts = facts.factsFor(pair.name(), pair.secondary().node());
    Rollout rollout = Rollout.decide(pair, primaryFacts.vrrpRole(), secondaryFacts.vrrpRole());
    List<NodePlan> nodes = new ArrayList<>();
    for (DesiredNode node : rollout.order()) {
      NodeFacts nodeFacts = node == pair.primary() ? primaryFacts : secondaryFacts;
      nodes.add(planNode(pair.roleOf(node), node, nodeFacts, key));
    }
    DesiredNode first = rollout.order().get(0);
    DesiredNode last = rollout.order().get(1);
    Optional<WireChange> wire = wireChange(pair, first, last, last == pair.primary() ? primaryFacts : secondaryFacts);
    List<String> warnings = new ArrayList<>(rollout.warnings());
    wire.ifPresent(w -> warnings.addAll(w.warnings()));
    return new PairPlan(pair.name(), nodes.stream().map(NodePlan::node).toList(), rollout.reason(),
        warnings, nodes, wire);
  }

  /**
   * The change of what VRRP puts on the wire that {@code first}, once changed, and {@code last},
   * as it runs now, would not both speak; empty when the node changed last already runs what
   * is wanted (or does not run keepalived) for every instance.
   */
  static Optional<WireChange> wireChange(DesiredPair pair, DesiredNode first, DesiredNode last, NodeFacts lastFacts) {
    List<String> changes = new ArrayList<>();
    List<String> vipsMove = new ArrayList<>();
    double masterDown = 0;
    double advert = 0;
    for (Map.Entry<String, Map<String, VrrpWire>> e : pair.wires().entrySet()) {
      VrrpWire want = e.getValue().get(last.node());
      VrrpWire runs = lastFacts.wire().get(e.getKey());
      if (want == null) {
        continue;
      }
      if (runs == null) {
        // A new instance: until the node changed last runs it too, the first one's copy hears
        // nobody and takes it over (and, in a sync group, the group with it).
        if (!lastFacts.wire().isEmpty()) {
          changes.add(e.getKey() + ": a new instance " + last.node() + " does not run yet");
          // A MASTER's sync group that gains a member on a reload goes to BACKUP until the new
          // member's election is over (measured in the lab with keepalived 2.2.7; upstream
          // keepalived issue 2715, fixed by pull request 2716 after 2.4.3): its VIPs go meanwhile.
          if (pair.syncGroup().contains(e.getKey())) {
            pair.syncGroup().stream().filter(i -> !i.equals(e.getKey()) && lastFacts.wire().containsKey(i))
                .filter(i -> !vipsMove.contains(i)).forEach(vipsMove::add);
          }
          double a = want.advertInt().orElse(java.math.BigDecimal.ONE).doubleValue();
          advert = Math.max(advert, a);
          masterDown = Math.max(masterDown, 3 * a + (want.version() == 3 || a < 1 ? a : 1));
        }
        continue;
      }
      List<String> differences = runs.differences(want);
      if (differences.isEmpty()) {
        continue;
      }
      changes.add(e.getKey() + ": " + String.join(", ", differences));
      if (runs.movesVips(want)) {
        vipsMove.add(e.getKey());
      }
      double a = want.advertInt().orElse(java.math.BigDecimal.ONE).doubleValue();
      advert = Math.max(advert, a);
      // keepalived's master-down interval at the lowest priority: 3 adverts plus the largest skew.
      masterDown = Math.max(masterDown, 3 * a + (want.version() == 3 || a < 1 ? a : 1));
    }
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    // The node changed while the other is held: its fresh read, its changes, then the gate's
    // master-down interval and settle time, and a margin for the reads.
    double settle = Math.min(2, Math.max(0.3, advert));
    long standby = Math.round((masterDown + settle + 3) * 1000);
    long vips = vipsMove.isEmpty() ? 0 : Math.round(masterDown * 1000);
    return Optional.of(new WireChange(first.node(), last.node(), changes, vipsMove, standby, vips));
  }

  private static NodePlan planNode(DesiredPair.Role role, DesiredNode node, NodeFacts facts, DigestKey key) {
    String where = "node " + node.node() + " of pair " + node.pair();
    Map<String, Handler> declared = new LinkedHashMap<>();
    for (Handler h : node.handlers()) {
      if (declared.put(h.name(), h) != null) {
        throw new InternalException(where + " declares handler " + h.name() + " twice");
      }
    }
    Set<ResourceId> seen = new HashSet<>();
    List<Change> changes = new ArrayList<>();
    Map<String, List<ResourceId>> triggered = new LinkedHashMap<>();
    for (Resource resource : node.resources()) {
      ResourceId id = resource.id();
      if (!seen.add(id)) {
        throw new InternalException(where + " has resource " + id + " twice");
      }
      Comparison comparison = resource.compare(facts.state(id));
      if (comparison == null) {
        throw new InternalException(resource.getClass().getName() + ".compare returned null for " + id);
      }
      Change change = toChange(resource, comparison, node.reason(id));
      changes.add(change);
      for (String handler : change.notifies()) {
        if (!declared.containsKey(handler)) {
          throw new InternalException(id + " on " + where + " notifies handler " + handler
              + ", which the node does not declare (declared: " + declared.keySet() + ")");
        }
        List<ResourceId> by = triggered.computeIfAbsent(handler, h -> new ArrayList<>());
        if (!by.contains(id)) {
          by.add(id);
        }
      }
    }
    List<String> notes = new ArrayList<>();
    Map<String, String> handlerNotes = settleHandlers(node, facts, triggered, notes);
    // Handlers an earlier apply changed things for but did not get to run: owed whatever the
    // files say now (HandlerLedger).
    for (String owed : facts.owedHandlers()) {
      if (declared.containsKey(owed) && !triggered.containsKey(owed)) {
        triggered.put(owed, new ArrayList<>());
        handlerNotes.put(owed, "owed by an earlier apply that did not get to run it");
      } else if (declared.containsKey(owed)) {
        handlerNotes.merge(owed, "also owed by an earlier apply", (a, b) -> a.isEmpty() ? b : a + "; " + b);
      }
    }
    List<PlannedHandler> handlers = new ArrayList<>();
    for (Handler h : declared.values()) {
      if (triggered.containsKey(h.name())) {
        handlers.add(new PlannedHandler(h.name(), h.kind(), h.command(), triggered.get(h.name()),
            handlerNotes.getOrDefault(h.name(), "")));
      }
    }
    return new NodePlan(node.node(), role, facts.vrrpRole(), facts.digest(key), desiredDigest(node, key), changes,
        handlers,
        notes);
  }

  /**
   * Drops triggered handlers that would be useless or redundant, saying why: those of a
   * daemon this plan starts (it reads the new files when it starts) or leaves stopped, and a
   * reload when a restart of the same daemon runs anyway. Returns notes for kept handlers.
   */
  private static Map<String, String> settleHandlers(
      DesiredNode node, NodeFacts facts, Map<String, List<ResourceId>> triggered, List<String> notes) {
    Map<String, String> handlerNotes = new LinkedHashMap<>();
    for (Resource resource : node.resources()) {
      if (!(resource instanceof ServiceResource service)) {
        continue;
      }
      boolean runningNow = facts.state(service.id())
          .filter(ServiceState.class::isInstance).map(s -> ((ServiceState) s).running()).orElse(false);
      List<String> ofService = service.handlerNames().stream().filter(triggered::containsKey).toList();
      if (ofService.isEmpty()) {
        continue;
      }
      if (!service.running() || !runningNow) {
        String why = service.running()
            ? "service " + service.name() + " is started by this plan and reads its new configuration then"
            : "service " + service.name() + " is to be stopped";
        for (String name : ofService) {
          triggered.remove(name);
          notes.add(name + " is not run: " + why);
        }
        continue;
      }
      if (service.reloadHandler().isPresent() && service.restartHandler().isPresent()
          && ofService.size() == 2) {
        String reload = service.reloadHandler().get();
        String restart = service.restartHandler().get();
        List<ResourceId> both = new ArrayList<>(triggered.get(restart));
        triggered.remove(reload).stream().filter(id -> !both.contains(id)).forEach(both::add);
        // Keep "triggered by" in plan order, as for any other handler.
        List<ResourceId> planOrder = node.resources().stream().map(Resource::id).toList();
        both.sort(java.util.Comparator.comparingInt(planOrder::indexOf));
        triggered.put(restart, both);
        handlerNotes.put(restart, "both " + reload + " and " + restart + " were triggered for " + service.name()
            + ": the restart covers the reload (a restart may move the VIP; a reload would not)");
      }
    }
    return handlerNotes;
  }

  /** The change, its summary ending with why the platform wants the resource, when it says. */
  private static Change toChange(Resource resource, Comparison comparison, String reason) {
    String diff = ContentDiff.render(resource, comparison);
    List<String> notifies = resource.notifies();
    String summary = reason.isEmpty() ? comparison.summary() : comparison.summary() + " (why: " + reason + ")";
    switch (comparison.action()) {
      case CREATE:
        return new Change.Create(resource.id(), summary, diff, notifies);
      case UPDATE:
        return new Change.Update(resource.id(), summary, diff, notifies);
      case DELETE:
        return new Change.Delete(resource.id(), summary, diff, notifies);
      case NONE:
        return new Change.NoOp(resource.id(), comparison.summary());
      default:
        throw new InternalException("unknown action " + comparison.action());
    }
  }

  /** The order in which a pair's nodes are changed, and why. */
  private record Rollout(List<DesiredNode> order, String reason, List<String> warnings) {
    static Rollout decide(DesiredPair pair, VrrpRole primaryRole, VrrpRole secondaryRole) {
      DesiredNode primary = pair.primary();
      DesiredNode secondary = pair.secondary();
      boolean primaryMaster = primaryRole == VrrpRole.MASTER;
      boolean secondaryMaster = secondaryRole == VrrpRole.MASTER;
      if (primaryMaster && secondaryMaster) {
        return new Rollout(List.of(secondary, primary),
            secondary.node() + " first: both nodes report MASTER now, so the secondary goes first",
            List.of("both " + primary.node() + " and " + secondary.node() + " report MASTER (split brain): "
                + "check the link between them before applying"));
      }
      if (primaryMaster || secondaryMaster) {
        DesiredNode master = primaryMaster ? primary : secondary;
        DesiredNode other = primaryMaster ? secondary : primary;
        VrrpRole otherRole = primaryMaster ? secondaryRole : primaryRole;
        return new Rollout(List.of(other, master),
            other.node() + " first: " + describe(otherRole) + "; " + master.node() + " last: it is MASTER now",
            List.of());
      }
      String why = primaryRole == VrrpRole.UNKNOWN && secondaryRole == VrrpRole.UNKNOWN
          ? "no node is MASTER now (first install, or roles unknown)"
          : "no node is MASTER now (" + primary.node() + " " + primaryRole + ", " + secondary.node() + " "
              + secondaryRole + ")";
      return new Rollout(List.of(secondary, primary),
          secondary.node() + " first: " + why + ", so the secondary goes first", List.of());
    }

    private static String describe(VrrpRole role) {
      return role == VrrpRole.UNKNOWN ? "its role is unknown" : "it is " + role + " now";
    }
  }
}
