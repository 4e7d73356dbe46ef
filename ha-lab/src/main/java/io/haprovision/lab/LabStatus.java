package io.haprovision.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * A lab found under {@code /run/ha-provision-lab}.
 *
 * @param runId             its run id
 * @param personality       the nodes' personality
 * @param pairs             number of pairs
 * @param managementSubnet  its management subnet (the one host route it owns)
 * @param nodes             every node name
 * @param deadNodes         nodes whose recorded process is gone (empty when healthy)
 * @param stateDir          its state directory
 */
public record LabStatus(
    String runId,
    String personality,
    int pairs,
    String managementSubnet,
    List<String> nodes,
    List<String> deadNodes,
    Path stateDir) {

  /** True when every node's process is alive. */
  public boolean healthy() {
    return deadNodes.isEmpty() && !nodes.isEmpty();
  }
}
