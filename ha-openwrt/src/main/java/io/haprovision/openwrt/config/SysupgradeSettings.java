package io.haprovision.openwrt.config;

import java.util.List;
import java.util.Objects;

/**
 * Paths kept across a firmware upgrade besides ha-provision's own ({@code sysupgrade:}).
 *
 * @param keep absolute paths added to {@code /etc/sysupgrade.conf} (a trailing {@code /}
 *     keeps a whole directory)
 * @param path key path of the section
 */
public record SysupgradeSettings(List<String> keep, String path) {
  /** Copies the list. */
  public SysupgradeSettings {
    keep = List.copyOf(keep);
    Objects.requireNonNull(path, "path");
  }

  /** Only ha-provision's own paths. */
  public static SysupgradeSettings none(String path) {
    return new SysupgradeSettings(List.of(), path);
  }
}
