package io.haprovision.engine.probe;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The addresses bound on a node's interfaces, from {@code ip -o addr show} (iproute2 or
 * busybox): one line per address, {@code IDX: IFNAME    inet ADDR/PREFIX ... }. Addresses are
 * kept in canonical form so a VIP written {@code 2001:DB8::1} matches {@code 2001:db8::1}.
 *
 * @param byInterface interface name to its addresses ({@code address/prefix}), in output order
 */
public record AddressTable(Map<String, List<String>> byInterface) {
  /** Copies the map. */
  public AddressTable {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    byInterface.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    byInterface = java.util.Collections.unmodifiableMap(copy);
  }

  /** No addresses known. */
  public static AddressTable empty() {
    return new AddressTable(Map.of());
  }

  /** Parses {@code ip -o addr show} output; lines that are not {@code inet}/{@code inet6} are skipped. */
  public static AddressTable parse(String ipOutput) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String raw : ipOutput.split("\n")) {
      String[] t = raw.trim().split("\\s+");
      if (t.length < 4 || !t[0].endsWith(":") || !(t[2].equals("inet") || t[2].equals("inet6"))) {
        continue;
      }
      String device = t[1];
      int at = device.indexOf('@');
      if (at > 0) {
        device = device.substring(0, at);
      }
      String cidr = t[3];
      // Point-to-point form: "inet 10.0.0.1 peer 10.0.0.2/32": the local address has no prefix.
      if (!cidr.contains("/")) {
        cidr = cidr + (t[2].equals("inet") ? "/32" : "/128");
      }
      String canonical = canonical(cidr);
      if (canonical != null) {
        map.computeIfAbsent(device, d -> new ArrayList<>()).add(canonical);
      }
    }
    return new AddressTable(map);
  }

  /** True when {@code address/prefix} is bound on {@code device}. */
  public boolean has(String device, String address, int prefix) {
    String want = canonical(address + "/" + prefix);
    return want != null && byInterface.getOrDefault(device, List.of()).contains(want);
  }

  /** True when {@code address} is bound on {@code device} with any prefix. */
  public boolean hasAddress(String device, String address) {
    String want = canonical(address + "/0");
    if (want == null) {
      return false;
    }
    String bare = want.substring(0, want.indexOf('/'));
    return byInterface.getOrDefault(device, List.of()).stream()
        .anyMatch(c -> c.substring(0, c.indexOf('/')).equals(bare));
  }

  /** The addresses of {@code device}, empty when it has none or does not exist. */
  public List<String> of(String device) {
    return byInterface.getOrDefault(Objects.requireNonNull(device), List.of());
  }

  private static String canonical(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String addr = cidr.substring(0, slash);
    if (!InetAddresses.isInetAddress(addr)) {
      return null;
    }
    return InetAddresses.toAddrString(InetAddresses.forString(addr)) + cidr.substring(slash);
  }
}
