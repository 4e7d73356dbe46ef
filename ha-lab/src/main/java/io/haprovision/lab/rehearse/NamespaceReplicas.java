package io.haprovision.lab.rehearse;

import io.haprovision.engine.LiveCopy;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.ProbeSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.LabSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replicas of POSIX routers (OpenWrt): one lab pair of network namespaces per rehearsed pair,
 * with real sshd, keepalived, conntrackd and dnsmasq, reached with the lab's key, the lab's
 * LAN client as the probe host.
 */
final class NamespaceReplicas implements Replicas {
  private final Lab lab;
  private final boolean keep;

  private NamespaceReplicas(Lab lab, boolean keep) {
    this.lab = lab;
    this.keep = keep;
  }

  /** Throws {@link Misfit} for a pair no lab pair can stand in for; contacts nothing. */
  static void check(List<PairSpec> pairs, String personality) {
    Lab preview = Lab.planned(new LabSpec(pairs.size(), personality, Optional.empty()), 1);
    for (int i = 0; i < pairs.size(); i++) {
      AddressMap.of(pairs.get(i), preview.pair(i + 1), List.of());
    }
  }

  static NamespaceReplicas start(int pairs, String personality, boolean keep) {
    return new NamespaceReplicas(Lab.up(new LabSpec(pairs, personality, Optional.empty())), keep);
  }

  @Override
  public String id() {
    return lab.runId();
  }

  @Override
  public boolean canBeKept() {
    return true;
  }

  @Override
  public ReplicaMap map(int index, PairSpec pair, List<LiveCopy> copies, List<String> texts) {
    return AddressMap.of(pair, lab.pair(index + 1), texts);
  }

  @Override
  public PairSpec reach(int index, PairSpec p) {
    LabPair labPair = lab.pair(index + 1);
    List<NodeSpec> nodes = new ArrayList<>();
    for (NodeSpec n : p.nodes()) {
      String host = (n.role() == p.primary().role() ? labPair.a() : labPair.b()).managementAddress();
      nodes.add(new NodeSpec(n.name(), n.role(), host, labSsh(n.ssh()), n.interfaces(), n.path()));
    }
    return new PairSpec(p.name(), p.platform(), nodes, p.vrrp(), p.platformSection(), p.path(),
        p.verify().withProbe(new ProbeSpec(labPair.client(), labPair.clientManagementAddress(),
            labSsh(p.primary().ssh()), p.path() + ".verify.probe")),
        p.rollout());
  }

  @Override
  public List<String> seed(int index, PairSpec replica, ReplicaMap map, List<LiveCopy> copies) {
    ReplicaSeeder.seed(replica, map, copies);
    return List.of();
  }

  @Override
  public Optional<ClientPing> ping(int index) {
    return Optional.of(ClientPing.start(lab, lab.pair(index + 1)));
  }

  @Override
  public void close() {
    if (!keep) {
      lab.close();
    }
  }

  private SshSpec labSsh(SshSpec real) {
    return new SshSpec("root", 22, Optional.of(lab.identityFile()), false, Optional.empty(),
        Optional.of(lab.knownHostsFile()), HostKeyPolicy.STRICT, real.connectTimeout(), real.commandTimeout(), false);
  }
}
