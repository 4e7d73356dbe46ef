package io.haprovision.cli.watch;

import io.haprovision.engine.PairHealth;
import io.haprovision.engine.PairHealth.InstanceHealth;
import io.haprovision.engine.PairHealth.NodeHealth;
import io.haprovision.engine.verify.CheckResult;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.VipSpec;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of {@code provision watch}, in a registry of their own. Every name starts with
 * {@code haprovision_}; see docs/operations.md for each, and deploy/prometheus/ for the rules
 * built on them.
 */
public final class WatchMetrics {
  /** The RouterOS check whose result says the standby's configuration is the active's. */
  static final String ROUTEROS_STANDBY_SYNC = "routeros-shared-config";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, PairSpec> pairs = new HashMap<>();
  /** By pair/instance: when the latest change counted was seen. */
  private final Map<String, java.time.Instant> lastChange = new HashMap<>();

  private final Gauge masters = gauge("haprovision_instance_masters",
      "Nodes of the pair where the VRRP instance is MASTER (alert when not 1)", "pair", "instance");
  private final Gauge nodeMaster = gauge("haprovision_node_master",
      "1 when the instance is MASTER on the node", "pair", "instance", "node");
  private final Gauge vipHolder = gauge("haprovision_vip_holder",
      "1 when the node holds the instance's VIPs (all of them), alone", "pair", "instance", "node");
  private final Gauge vips = gauge("haprovision_instance_vips", "VIPs of the instance in the inventory",
      "pair", "instance");
  private final Gauge vipsAnswering = gauge("haprovision_instance_vips_answering",
      "VIPs of the instance that answered ping from the pair's probe host at the last audit", "pair", "instance");
  private final Gauge changeTime = gauge("haprovision_role_change_timestamp_seconds",
      "When the instance's sole MASTER last moved to another node (the look that saw it)", "pair", "instance");
  private final Gauge changeDuration = gauge("haprovision_role_change_duration_seconds",
      "How long the last move of the instance's sole MASTER took, at most (resolution: the watch interval)",
      "pair", "instance");
  private final Counter changes = Counter.builder().name("haprovision_role_changes")
      .help("Moves of the instance's sole MASTER seen by this watch").labelNames("pair", "instance")
      .register(registry);
  private final Gauge nodeUp = gauge("haprovision_node_up", "1 when the last probe of the node got an answer",
      "pair", "node");
  private final Gauge keepalived = gauge("haprovision_keepalived_running",
      "1 when keepalived runs on the node (nodes with their own protocol: the node answered)", "pair", "node");
  private final Gauge drained = gauge("haprovision_node_drained",
      "1 when the node is drained on purpose (provision action drain): it serves nothing until undrained",
      "pair", "node");
  private final Gauge probeSeconds = gauge("haprovision_probe_duration_seconds",
      "How long the last probe of the node took", "pair", "node");
  private final Counter probeFailures = Counter.builder().name("haprovision_probe_failures")
      .help("Probes of the node that got no answer").labelNames("pair", "node").register(registry);
  private final Gauge lookTime = gauge("haprovision_look_timestamp_seconds", "When the pair was last looked at",
      "pair");
  private final Gauge drift = gauge("haprovision_pair_drift_changes",
      "Changes a plan would make to bring the pair back to the inventory, at the last audit", "pair");
  private final Gauge auditOk = gauge("haprovision_audit_ok",
      "1 when the last audit (plan and verify without drills) could read the pair", "pair");
  private final Gauge auditTime = gauge("haprovision_audit_timestamp_seconds", "When the pair was last audited",
      "pair");
  private final Gauge standbyInSync = gauge("haprovision_standby_in_sync",
      "RouterOS pairs: 1 when the standby's configuration is the active's, at the last audit", "pair");

  /** Metrics of {@code watched}'s pairs. */
  public WatchMetrics(List<PairSpec> watched) {
    watched.forEach(p -> pairs.put(p.name(), p));
  }

  /** The registry to serve. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Records one look at one pair. */
  public synchronized void update(PairHealth health) {
    String pair = health.pair();
    lookTime.labelValues(pair).set(health.at().toEpochMilli() / 1000.0);
    for (NodeHealth n : health.nodes()) {
      nodeUp.labelValues(pair, n.node()).set(n.reached() ? 1 : 0);
      keepalived.labelValues(pair, n.node()).set(n.keepalivedRunning() ? 1 : 0);
      if (n.reached()) {
        drained.labelValues(pair, n.node()).set(n.drained() ? 1 : 0);
      }
      probeSeconds.labelValues(pair, n.node()).set(n.probeSeconds());
      probeFailures.labelValues(pair, n.node()).inc(n.reached() ? 0 : 1);
    }
    for (InstanceHealth i : health.instances()) {
      masters.labelValues(pair, i.instance()).set(i.masters().size());
      vips.labelValues(pair, i.instance()).set(i.vips());
      for (NodeHealth n : health.nodes()) {
        nodeMaster.labelValues(pair, i.instance(), n.node()).set(i.masters().contains(n.node()) ? 1 : 0);
        vipHolder.labelValues(pair, i.instance(), n.node())
            .set(i.vipHolder().map(n.node()::equals).orElse(false) ? 1 : 0);
      }
      changes.labelValues(pair, i.instance()).inc(0);
      i.lastChange().ifPresent(c -> {
        // Each look repeats the latest change; count it once.
        if (!c.at().equals(lastChange.put(pair + "/" + i.instance(), c.at()))) {
          changes.labelValues(pair, i.instance()).inc();
        }
        changeTime.labelValues(pair, i.instance()).set(c.at().toEpochMilli() / 1000.0);
        changeDuration.labelValues(pair, i.instance()).set(c.seconds());
      });
    }
  }

  /** Records one audit of one pair. */
  public synchronized void update(PairHealth.Audit audit) {
    String pair = audit.pair();
    auditTime.labelValues(pair).set(audit.at().toEpochMilli() / 1000.0);
    auditOk.labelValues(pair).set(audit.problem().isPresent() ? 0 : 1);
    audit.driftChanges().ifPresent(n -> drift.labelValues(pair).set(n));
    PairSpec spec = pairs.get(pair);
    if (spec == null || audit.checks().isEmpty()) {
      return;
    }
    for (VrrpInstanceSpec instance : spec.vrrp().instances()) {
      int answering = 0;
      boolean anyChecked = false;
      for (VipSpec vip : instance.vips()) {
        Optional<CheckResult> check = audit.checks().stream()
            .filter(c -> c.name().equals("vip-answers " + vip.address())).findFirst();
        if (check.isPresent() && check.get().status() != CheckResult.Status.SKIPPED) {
          anyChecked = true;
          answering += check.get().status() == CheckResult.Status.PASSED ? 1 : 0;
        }
      }
      if (anyChecked) {
        vipsAnswering.labelValues(pair, instance.name()).set(answering);
      }
    }
    audit.checks().stream().filter(c -> c.name().equals(ROUTEROS_STANDBY_SYNC)
            && c.status() != CheckResult.Status.SKIPPED)
        .findFirst().ifPresent(c -> standbyInSync.labelValues(pair).set(c.status() == CheckResult.Status.PASSED ? 1 : 0));
  }

  private Gauge gauge(String name, String help, String... labels) {
    return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
  }
}
