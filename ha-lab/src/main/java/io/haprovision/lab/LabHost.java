package io.haprovision.lab;

import io.haprovision.error.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether this machine can host a lab: root, network namespaces, and the tools the lab runs. */
public final class LabHost {
  private static final List<String> TOOLS = List.of(
      "/usr/sbin/sshd", "ssh-keygen", "ip", "nsenter", "unshare", "setsid", "mount", "umount", "chroot",
      "ethtool");

  private LabHost() {}

  /**
   * Why a lab cannot run here at all, or empty when it can: not root, or network
   * namespaces unavailable. These are the only reasons lab tests skip.
   */
  public static Optional<String> unavailableReason() {
    if (!isRoot()) {
      return Optional.of("the lab needs root (network namespaces, mounts); this process is not root");
    }
    ExecResult probe = Cmd.run(List.of("unshare", "--net", "true"), Duration.ofSeconds(10));
    if (!probe.ok()) {
      return Optional.of("network namespaces are unavailable here (unshare --net failed: "
          + probe.stderr().strip() + ")");
    }
    if (!Cmd.run(List.of("ip", "netns", "list"), Duration.ofSeconds(10)).ok()) {
      return Optional.of("`ip netns` is unavailable here (install iproute2)");
    }
    return Optional.empty();
  }

  /** Tools the lab needs that this machine lacks (a broken setup, not a reason to skip). */
  public static List<String> missingTools() {
    List<String> missing = new ArrayList<>();
    for (String tool : TOOLS) {
      if (tool.startsWith("/")) {
        if (!Files.isExecutable(Path.of(tool))) {
          missing.add(tool);
        }
      } else if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    return missing;
  }

  /** Throws a {@link TargetException} saying what is missing unless a lab can run here. */
  static void require() {
    Optional<String> reason = unavailableReason();
    if (reason.isPresent()) {
      throw new TargetException(TargetException.Kind.FAILED, "lab", reason.get());
    }
    List<String> missing = missingTools();
    if (!missing.isEmpty()) {
      throw new TargetException(TargetException.Kind.FAILED, "lab",
          "missing " + String.join(", ", missing) + "; install the lab's Debian packages: "
              + "keepalived conntrackd conntrack openssh-server dnsmasq-base nftables iproute2 iputils-ping");
    }
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0"); // effective uid
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
