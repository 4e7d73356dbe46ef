package io.haprovision.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the shell script that builds a lab's network: namespaces, the switch
 * namespace's bridges ({@code mgmt}, {@code lanN}, {@code wanN}), every veth, the
 * sync links, addresses and routes. One {@code ip -batch} per namespace keeps it fast
 * (20 pairs are about 90 {@code ip} runs). Every namespace gets its kernel settings
 * ({@link NamespaceSettings}) before its first link and its veths lose transmit checksum
 * offload after the last. The script is kept in the state directory ({@code net-up.sh}) so
 * a broken lab can be inspected.
 */
final class Topology {
  private Topology() {}

  static String script(String runId, int slot, List<LabPair> pairs, Personality personality) {
    String sw = Lab.switchNamespace(runId);
    String hostLink = Lab.hostLink(runId);
    StringBuilder s = new StringBuilder()
        .append("# ha-provision lab ").append(runId).append(": network. Generated; run with sh -e.\n")
        .append("set -e\n");

    s.append("ip -batch - <<'EOF'\n");
    s.append("netns add ").append(sw).append('\n');
    for (LabPair p : pairs) {
      for (String member : List.of(p.a().name(), p.b().name(), p.client(), p.upstream())) {
        s.append("netns add ").append(Lab.namespacePrefix(runId)).append(member).append('\n');
      }
    }
    s.append("EOF\n");

    // each namespace's kernel settings, before any link exists there (links copy `default`)
    s.append("# kernel settings of each namespace (NamespaceSettings; ha-lab's package documentation)\n");
    settings(s, sw, NamespaceSettings.wire());
    List<Sysctl> router = NamespaceSettings.router(personality);
    for (LabPair p : pairs) {
      for (LabNode n : p.nodes()) {
        settings(s, n.namespace(), router);
      }
      settings(s, Lab.namespacePrefix(runId) + p.client(), NamespaceSettings.endHost());
      settings(s, Lab.namespacePrefix(runId) + p.upstream(), NamespaceSettings.endHost());
    }

    s.append("ip -batch - <<'EOF'\n");
    // the host's one veth into the management bridge; its peer is created in the switch
    s.append("link add ").append(hostLink).append(" type veth peer name uplink netns ").append(sw).append('\n');
    s.append("addr add ").append(AddressPlan.hostAddress(slot)).append("/24 dev ").append(hostLink).append('\n');
    s.append("link set ").append(hostLink).append(" up\n");
    s.append("EOF\n");

    // every veth end, by namespace, as it is made: their checksum offload goes off at the end
    Map<String, List<String>> veths = new LinkedHashMap<>();
    veths.computeIfAbsent(sw, k -> new ArrayList<>()).add("uplink");
    s.append("ip -n ").append(sw).append(" -batch - <<'EOF'\n");
    s.append("link set lo up\n");
    bridge(s, "mgmt");
    s.append("link set uplink master mgmt up\n");
    for (LabPair p : pairs) {
      int i = p.index();
      bridge(s, "lan" + i);
      bridge(s, "wan" + i);
      port(s, veths, sw, "m" + i + "a", "mgmt", "mgmt", p.a().namespace());
      port(s, veths, sw, "m" + i + "b", "mgmt", "mgmt", p.b().namespace());
      port(s, veths, sw, "l" + i + "a", "lan" + i, "br-lan", p.a().namespace());
      port(s, veths, sw, "l" + i + "b", "lan" + i, "br-lan", p.b().namespace());
      port(s, veths, sw, "l" + i + "c", "lan" + i, "eth0", Lab.namespacePrefix(runId) + p.client());
      port(s, veths, sw, "m" + i + "c", "mgmt", "mgmt", Lab.namespacePrefix(runId) + p.client());
      port(s, veths, sw, "w" + i + "a", "wan" + i, "wan", p.a().namespace());
      port(s, veths, sw, "w" + i + "b", "wan" + i, "wan", p.b().namespace());
      port(s, veths, sw, "w" + i + "u", "wan" + i, "eth0", Lab.namespacePrefix(runId) + p.upstream());
    }
    s.append("EOF\n");

    for (LabPair p : pairs) {
      String upstreamGateway = AddressPlan.withoutPrefix(p.upstreamAddress());
      for (LabNode n : p.nodes()) {
        s.append("ip -n ").append(n.namespace()).append(" -batch - <<'EOF'\n");
        s.append("link set lo up\n");
        if (n == p.a()) {
          // the dedicated sync link, a direct veth from A to B
          s.append("link add sync type veth peer name sync netns ").append(p.b().namespace()).append('\n');
          veths.computeIfAbsent(p.a().namespace(), k -> new ArrayList<>()).add("sync");
          veths.computeIfAbsent(p.b().namespace(), k -> new ArrayList<>()).add("sync");
        }
        address(s, n.managementAddress() + "/24", "mgmt");
        address(s, n.lanAddress(), "br-lan");
        address(s, n.wanAddress(), "wan");
        address(s, n.syncAddress(), "sync");
        s.append("route add default via ").append(upstreamGateway).append(" dev wan\n");
        s.append("EOF\n");
      }
      s.append("ip -n ").append(Lab.namespacePrefix(runId)).append(p.client()).append(" -batch - <<'EOF'\n")
          .append("link set lo up\n");
      address(s, p.clientAddress(), "eth0");
      address(s, p.clientManagementAddress() + "/24", "mgmt");
      s.append("route add default via ").append(p.lanVipAddress()).append(" dev eth0 onlink\n")
          .append("EOF\n");
      s.append("ip -n ").append(Lab.namespacePrefix(runId)).append(p.upstream()).append(" -batch - <<'EOF'\n")
          .append("link set lo up\n");
      address(s, p.upstreamAddress(), "eth0");
      // no route back to the LAN: the client reaches the upstream only through the nodes' NAT
      s.append("EOF\n");
    }

    s.append("# ").append(NamespaceSettings.OFFLOAD_WHY).append('\n');
    s.append(NamespaceSettings.offloadScript(List.of(hostLink)));
    veths.forEach((namespace, devices) -> inNamespace(s, namespace, NamespaceSettings.offloadScript(devices)));
    return s.toString();
  }

  private static void settings(StringBuilder s, String namespace, List<Sysctl> settings) {
    inNamespace(s, namespace, NamespaceSettings.script(settings));
  }

  /** Runs {@code script} with {@code sh -e} in {@code namespace}'s network namespace only. */
  private static void inNamespace(StringBuilder s, String namespace, String script) {
    s.append("nsenter --net=/run/netns/").append(namespace).append(" sh -e <<'EOF'\n").append(script).append("EOF\n");
  }

  private static void bridge(StringBuilder s, String name) {
    s.append("link add ").append(name).append(" type bridge stp_state 0 forward_delay 0 mcast_snooping 0\n");
    s.append("link set ").append(name).append(" up\n");
  }

  /** A veth: {@code port} on {@code bridge} in the switch, {@code peer} inside {@code namespace}; both ends recorded. */
  private static void port(StringBuilder s, Map<String, List<String>> veths, String sw, String port, String bridge,
      String peer, String namespace) {
    veths.computeIfAbsent(sw, k -> new ArrayList<>()).add(port);
    veths.computeIfAbsent(namespace, k -> new ArrayList<>()).add(peer);
    s.append("link add ").append(port).append(" type veth peer name ").append(peer)
        .append(" netns ").append(namespace).append('\n');
    s.append("link set ").append(port).append(" master ").append(bridge).append(" up\n");
  }

  private static void address(StringBuilder s, String cidr, String dev) {
    s.append("addr add ").append(cidr).append(" dev ").append(dev).append('\n');
    s.append("link set ").append(dev).append(" up\n");
  }
}
