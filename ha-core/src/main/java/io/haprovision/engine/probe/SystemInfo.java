package io.haprovision.engine.probe;

import java.util.Objects;

/**
 * What kind of system a node is, as its probe found it.
 *
 * @param os {@code openwrt}, or the {@code ID} of {@code /etc/os-release} ({@code debian}),
 *     or {@code unknown}
 * @param osVersion the release ({@code 24.10.4}, {@code 12}), or empty
 * @param osName a human name ({@code OpenWrt 24.10.4 r28959}), or empty
 * @param packageManager {@code opkg}, {@code apk}, {@code dpkg-query} or {@code none}
 * @param init {@code procd} (an {@code /etc/rc.common} system), {@code systemd} or {@code sysv}
 * @param kernel {@code uname -r}
 * @param hostname {@code uname -n}
 */
public record SystemInfo(
    String os, String osVersion, String osName, String packageManager, String init, String kernel,
    String hostname) {
  /** Rejects nulls. */
  public SystemInfo {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(packageManager, "packageManager");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(hostname, "hostname");
  }

  /** Nothing known (a node whose system section was not probed). */
  public static SystemInfo unknown() {
    return new SystemInfo("unknown", "", "", "none", "sysv", "", "");
  }
}
