package io.haprovision.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether tests that need root and network namespaces can run here, and why not. */
final class LabSupport {
  private LabSupport() {
  }

  static boolean canUseNetns() {
    return isRoot() && Files.isExecutable(Path.of("/usr/sbin/keepalived")) && hasIp();
  }

  static String reason() {
    if (!isRoot()) {
      return "skipped: needs root for network namespaces (CI runs as root)";
    }
    if (!hasIp()) {
      return "skipped: the ip command (iproute2) is missing";
    }
    return "skipped: /usr/sbin/keepalived is missing (Debian package keepalived; scripts/test.sh installs it)";
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean hasIp() {
    return Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
  }
}
