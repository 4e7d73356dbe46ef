package io.haprovision.openwrt.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabNode;
import java.time.Duration;

/** Steps the OpenWrt lab tests share: the role a router's role hook recorded, waiting for one, running a command. */
final class LabRoles {
  private LabRoles() {}

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
