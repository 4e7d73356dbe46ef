package io.haprovision.openwrt.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges who serves DHCP: on every managed interface the MASTER must serve
 * ({@code dhcp.SECTION.ignore} {@code 0} or absent) and the BACKUP must not ({@code 1}),
 * and dnsmasq must run on the MASTER. Pure.
 */
public final class DhcpServing {
  private DhcpServing() {}

  /**
   * What is wrong, one line each naming the node and the interface; empty when DHCP is
   * served by the MASTER only.
   *
   * @param master the MASTER node's name
   * @param backup the BACKUP node's name
   * @param ignore per node, per DHCP section: the value {@code uci -q get dhcp.SECTION.ignore}
   *     printed, or empty when the option is not set
   * @param sections the managed DHCP sections, in inventory order
   * @param dnsmasqOnMaster whether dnsmasq runs on the MASTER
   */
  public static List<String> problems(String master, String backup, Map<String, Map<String, Optional<String>>> ignore,
      List<String> sections, boolean dnsmasqOnMaster) {
    List<String> out = new ArrayList<>();
    for (String section : sections) {
      Optional<String> m = ignore.get(master).get(section);
      if (m.isPresent() && !m.get().equals("0")) {
        out.add(master + " (MASTER) does not serve DHCP on " + section + ": dhcp." + section + ".ignore is '"
            + m.get() + "', expected 0 or unset");
      }
      Optional<String> b = ignore.get(backup).get(section);
      if (b.isEmpty() || !b.get().equals("1")) {
        out.add(backup + " (BACKUP) serves DHCP on " + section + ": dhcp." + section + ".ignore is "
            + b.map(v -> "'" + v + "'").orElse("unset") + ", expected 1");
      }
    }
    if (!dnsmasqOnMaster) {
      out.add(master + " (MASTER) runs no dnsmasq, so nobody serves DHCP");
    }
    return out;
  }
}
