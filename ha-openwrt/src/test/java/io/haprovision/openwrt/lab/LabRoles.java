package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.engine.ApplyReport;
import io.haprovision.engine.Engine;
import io.haprovision.engine.EngineSession;
import io.haprovision.inventory.Inventory;
import io.haprovision.inventory.InventoryLoader;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import io.haprovision.spi.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Steps the OpenWrt lab tests share: the lab's inventory with a sync link, a converge, the role a
 * router's role hook recorded, waiting for one, running a command.
 */
final class LabRoles {
  static final DigestKey KEY =
      DigestKey.of("a fixed test key, 32 bytes long!".getBytes(StandardCharsets.UTF_8));

  private LabRoles() {}

  /**
   * Pair 1's lab inventory with each node's sync-link address and {@code openwrtLines} (indented
   * by 6 spaces) as its {@code openwrt:} section, written to {@code dir/inventory.yml}.
   */
  static Path inventoryWithSyncLink(Lab lab, Path dir, String openwrtLines) throws IOException {
    String yaml = Files.readString(lab.writeInventory(dir.resolve("lab.yml")));
    for (LabNode n : lab.pair(1).nodes()) {
      String wan = "          wan: " + n.wanAddress() + "\n";
      assertThat(yaml).contains(wan);
      yaml = yaml.replace(wan, wan + "          sync: " + n.syncAddress() + "\n");
    }
    assertThat(yaml).contains("    verify:\n");
    return Files.writeString(dir.resolve("inventory.yml"),
        yaml.replace("    verify:\n", "    openwrt:\n" + openwrtLines + "    verify:\n"));
  }

  /**
   * {@code yaml}, a lab inventory, with {@code rollout.auto_revert: false} for every pair: for
   * tests of what protects a node without the revert (the handler ledger, the hold of a wire
   * change), which a revert would otherwise undo.
   */
  static String withoutAutoRevert(String yaml) {
    String anchor = "    host_key_policy: strict\n";
    assertThat(yaml).contains(anchor);
    return yaml.replace(anchor, anchor + "  rollout:\n    auto_revert: false\n");
  }

  /** Plans and applies {@code inventory}; fails with the report unless the apply succeeded. */
  static void converge(Path inventory) {
    Inventory inv = new InventoryLoader().withTargets(Targets.discover()).load(inventory);
    Redactor redactor = Redactor.of(inv.secrets());
    try (EngineSession session = Engine.builder().targets(Targets.discover()).redactor(redactor).digestKey(KEY)
        .build().open(inv)) {
      ApplyReport report = session.apply(session.plan());
      assertThat(report.ok()).as(report.toText(redactor)).isTrue();
    }
  }

  /** What the role hook on {@code node} last recorded ({@code master}, {@code backup}, {@code fault}; empty before). */
  static String role(Lab lab, LabNode node) {
    return lab.exec(node.name(), "cat /var/run/ha-provision.role 2>/dev/null").stdout().strip();
  }

  /** Polls every 100 ms until {@code node} records {@code role}; fails after 15 s saying what it recorded and holds. */
  static void awaitRole(Lab lab, LabNode node, String role) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!role(lab, node).equals(role)) {
      assertThat(System.nanoTime()).as(() -> node.name() + " becomes " + role + "; it says "
          + lab.exec(node.name(), "cat /var/run/ha-provision.role 2>&1; ip -o -4 addr; pidof keepalived conntrackd").stdout())
          .isLessThan(deadline);
      sleep(100);
    }
  }

  /**
   * Polls {@code command} on {@code node} every 100 ms until its output contains {@code expected};
   * fails after 20 s saying what it waited for and what the command printed last.
   */
  static void awaitOutput(Lab lab, LabNode node, String command, String expected, String waitingFor) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    String last;
    while (!(last = lab.exec(node.name(), command).stdout()).contains(expected)) {
      String printed = last;
      assertThat(System.nanoTime()).as(() -> node.name() + ": " + waitingFor + "; `" + command + "` printed: " + printed)
          .isLessThan(deadline);
      sleep(100);
    }
  }

  /** Runs {@code command} on lab member {@code member}; fails unless it exits 0. */
  static String run(Lab lab, String member, String command) {
    ExecResult r = lab.exec(member, command, Duration.ofSeconds(30));
    assertThat(r.ok()).as(r.describe()).isTrue();
    return r.stdout();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
