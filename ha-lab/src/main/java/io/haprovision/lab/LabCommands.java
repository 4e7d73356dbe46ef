package io.haprovision.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code provision lab up|status|down} operations, returning the text to print.
 * ha-cli wires them to picocli; errors are thrown as by {@link Lab}.
 */
public final class LabCommands {
  private LabCommands() {}

  /**
   * {@code provision lab up --pairs N --personality P [--inventory-out FILE] [--run-id ID]}.
   *
   * @param inventoryOut where to write the lab's inventory, or null for none
   * @param runId        run id to use, or null for a random one
   * @return a summary: run id, nodes and addresses, inventory, how to SSH and remove it
   */
  public static String up(int pairs, String personality, Path inventoryOut, String runId) {
    LabSpec spec = new LabSpec(pairs, personality, Optional.ofNullable(runId));
    Lab lab = Lab.up(spec);
    if (inventoryOut == null || !lab.writesInventory()) {
      // A debian lab hosts bonder pairs, whose inventory names a management API the lab does not run.
      return describe(lab, null) + (inventoryOut == null ? "" : "inventory: none written (personality " + personality
          + " hosts bonder pairs, whose inventory names a management API: start from inventories/bonder-pair.yml)\n");
    }
    lab.writeInventory(inventoryOut);
    return describe(lab, inventoryOut);
  }

  /** {@link #up(int, String, Path, String)} with a random run id. */
  public static String up(int pairs, String personality, Path inventoryOut) {
    return up(pairs, personality, inventoryOut, null);
  }

  /** {@code provision lab status}: one line per lab on this machine. */
  public static String status() {
    List<LabStatus> labs = Lab.status();
    if (labs.isEmpty()) {
      return "no labs running\n";
    }
    StringBuilder out = new StringBuilder(String.format("%-8s  %-5s  %-11s  %-16s  %-5s  %s%n",
        "RUN ID", "PAIRS", "PERSONALITY", "MANAGEMENT", "NODES", "STATE"));
    for (LabStatus s : labs) {
      int alive = s.nodes().size() - s.deadNodes().size();
      String state = s.healthy() ? "running"
          : s.nodes().isEmpty() ? "broken (run `provision lab down " + s.runId() + "`)"
          : "degraded: " + String.join(", ", s.deadNodes()) + " down";
      out.append(String.format("%-8s  %-5d  %-11s  %-16s  %-5s  %s%n", s.runId(), s.pairs(),
          s.personality(), s.managementSubnet(), alive + "/" + s.nodes().size(), state));
    }
    return out.toString();
  }

  /**
   * {@code provision lab down [RUNID]}: removes one lab, or every lab when {@code runId} is null.
   */
  public static String down(String runId) {
    if (runId != null) {
      Lab.down(runId);
      return "lab " + runId + " removed\n";
    }
    List<String> ids = Lab.status().stream().map(LabStatus::runId).toList();
    Lab.downAll();
    return ids.isEmpty() ? "no labs to remove\n" : "removed labs: " + String.join(", ", ids) + "\n";
  }

  /** What {@link #up} prints for a lab. */
  static String describe(Lab lab, Path inventory) {
    StringBuilder out = new StringBuilder();
    out.append("lab ").append(lab.runId()).append(" up: ").append(lab.pairs().size())
        .append(lab.pairs().size() == 1 ? " pair" : " pairs").append(", personality ")
        .append(lab.personality()).append(", management ").append(lab.managementSubnet())
        .append(" (host ").append(lab.hostAddress()).append(")\n");
    for (LabPair p : lab.pairs()) {
      for (LabNode n : p.nodes()) {
        out.append(String.format("  %-7s %-9s %-15s br-lan %-16s wan %-17s sync %s%n", n.name(), n.role(),
            n.managementAddress(), n.lanAddress(), n.wanAddress(), n.syncAddress()));
      }
      out.append(String.format("  %-7s LAN VIP %s, WAN VIP %s, client %s (%s), upstream %s (%s)%n",
          p.name(), p.lanVip(), p.wanVip(), p.client(), p.clientAddress(), p.upstream(), p.upstreamAddress()));
    }
    if (inventory != null) {
      out.append("inventory: ").append(inventory.toAbsolutePath()).append('\n');
    }
    LabNode first = lab.pairs().get(0).a();
    out.append("ssh: ssh -i ").append(lab.identityFile()).append(" -o UserKnownHostsFile=")
        .append(lab.knownHostsFile()).append(" root@").append(first.managementAddress()).append('\n')
        .append("remove: provision lab down ").append(lab.runId()).append('\n');
    return out.toString();
  }
}
