package io.haprovision.lab.rehearse;

import io.haprovision.engine.LiveCopy;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.ProbeSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.error.TargetException;
import io.haprovision.facts.VrrpRole;
import io.haprovision.lab.AddressPlan;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.LabSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replicas of POSIX routers (OpenWrt): one lab pair of network namespaces per rehearsed pair,
 * with real sshd, keepalived, conntrackd and dnsmasq, reached with the lab's key, the lab's
 * LAN client as the probe host.
 */
final class NamespaceReplicas implements Replicas {
  private final Lab lab;
  private final boolean keep;
  private final Map<Integer, BonderApiReplica> apis = new java.util.TreeMap<>();
  private final Map<String, VrrpRole> realRoles;

  private NamespaceReplicas(Lab lab, boolean keep, Map<String, VrrpRole> realRoles) {
    this.lab = lab;
    this.keep = keep;
    this.realRoles = Map.copyOf(realRoles);
  }

  /** Throws {@link Misfit} for a pair no lab pair can stand in for; contacts nothing. */
  static void check(List<PairSpec> pairs, String personality) {
    Lab preview = Lab.planned(new LabSpec(pairs.size(), personality, Optional.empty()), 1);
    for (int i = 0; i < pairs.size(); i++) {
      AddressMap.of(pairs.get(i), preview.pair(i + 1), List.of());
    }
  }

  /**
   * Starts a lab of {@code pairs} pairs.
   *
   * @param realRoles the real nodes' VRRP roles by {@code pair/node} (a bonder pair's management
   *     server enables the real MASTER's objects)
   */
  static NamespaceReplicas start(int pairs, String personality, boolean keep, Map<String, VrrpRole> realRoles) {
    return new NamespaceReplicas(Lab.up(new LabSpec(pairs, personality, Optional.empty())), keep, realRoles);
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
    AddressMap map = AddressMap.of(pair, lab.pair(index + 1), texts);
    String yaml = texts.get(0);
    if (!BonderApiReplica.isBonderPair(yaml)) {
      return map;
    }
    BonderApiReplica api = BonderApiReplica.start(lab, pair, yaml, realRoles);
    apis.put(index, api);
    String host = BonderApiReplica.apiHost(yaml);
    return com.google.common.net.InetAddresses.isInetAddress(host)
        ? map.withOutside(host, api.host(), "the management server: the replica's API simulator") : map;
  }

  @Override
  public String retarget(int index, String yaml) {
    BonderApiReplica api = apis.get(index);
    return api == null ? yaml : api.retarget(yaml);
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
    LabPair pair = lab.pair(index + 1);
    for (Map.Entry<String, String> rename : ((AddressMap) map).renames().entrySet()) {
      for (LabNode node : pair.nodes()) {
        rename(node, rename.getKey(), rename.getValue(), pair);
      }
    }
    BonderApiReplica api = apis.get(index);
    ReplicaSeeder.seed(replica, map, copies, api == null ? Map.of() : Map.of(api.caOnNodes(), api.caPem()));
    if (api != null && api.inSystemStore()) {
      for (LabNode node : pair.nodes()) {
        ExecResult r = lab.exec(node.name(), "update-ca-certificates >/dev/null 2>&1");
        if (!r.ok()) {
          throw new TargetException(TargetException.Kind.FAILED, "lab " + lab.runId(),
              "adding the API simulator's CA to " + node.name() + "'s system store failed: " + r.describe());
        }
      }
    }
    return api == null ? List.of() : List.of("the management server is the lab's API simulator, holding every object "
        + "the inventory names, enabled on the real MASTER's bond (the real server was not read)");
  }

  /**
   * Renames {@code link} of {@code node} to {@code name}: the link goes down for the rename (which
   * drops its routes: the default route through the upstream is put back), its addresses stay;
   * the node's /etc/config/network names the new device and its firewall is rebuilt with it.
   */
  private void rename(LabNode node, String link, String name, LabPair pair) {
    String script = "set -e; ip link set dev " + link + " down; ip link set dev " + link + " name " + name
        + "; ip link set dev " + name + " up"
        + (link.equals("wan") ? "; ip route replace default via " + AddressPlan.withoutPrefix(pair.upstreamAddress())
            + " dev " + name : "")
        + "; if [ -f /etc/config/network ]; then sed -i \"s/option device '" + link + "'$/option device '" + name
        + "'/\" /etc/config/network; fi"
        + "; if [ -x /etc/init.d/firewall ]; then /etc/init.d/firewall restart >/dev/null 2>&1; fi";
    ExecResult r = lab.exec(node.name(), script);
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, "lab " + lab.runId(),
          "renaming " + node.name() + "'s " + link + " link to " + name + " failed: " + r.describe());
    }
  }

  @Override
  public Optional<ClientPing> ping(int index, PairSpec replica) {
    LabPair pair = lab.pair(index + 1);
    boolean lanVip = replica.vrrp().instances().stream().flatMap(i -> i.vips().stream())
        .anyMatch(v -> v.address().equals(pair.lanVipAddress()));
    return lanVip ? Optional.of(ClientPing.start(lab, pair)) : Optional.empty();
  }

  @Override
  public void close() {
    apis.values().forEach(BonderApiReplica::close);
    if (!keep) {
      lab.close();
    }
  }

  private SshSpec labSsh(SshSpec real) {
    return new SshSpec("root", 22, Optional.of(lab.identityFile()), false, Optional.empty(),
        Optional.of(lab.knownHostsFile()), HostKeyPolicy.STRICT, real.connectTimeout(), real.commandTimeout(), false);
  }
}
