package io.haprovision.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The host's IPv4 networks (addresses and routes), so a lab never takes a subnet the host uses. */
final class HostRoutes {
  private static final Set<String> ROUTE_TYPES = Set.of(
      "unicast", "local", "broadcast", "multicast", "anycast", "unreachable", "blackhole", "prohibit",
      "throw", "nat");

  private HostRoutes() {}

  /** Every IPv4 network the host has an address in or a route to, as {start, end} (inclusive). */
  static List<long[]> ipv4Networks() {
    List<long[]> nets = new ArrayList<>();
    String routes = Cmd.run(List.of("ip", "-4", "route", "show", "table", "all"), Duration.ofSeconds(10)).stdout();
    for (String line : routes.split("\n")) {
      String[] tokens = line.strip().split("\\s+");
      int i = 0;
      if (i < tokens.length && ROUTE_TYPES.contains(tokens[i])) {
        i++;
      }
      if (i < tokens.length) {
        parse(tokens[i]).ifPresent(nets::add);
      }
    }
    String addrs = Cmd.run(List.of("ip", "-4", "-o", "addr", "show"), Duration.ofSeconds(10)).stdout();
    for (String line : addrs.split("\n")) {
      String[] tokens = line.strip().split("\\s+");
      for (int i = 0; i + 1 < tokens.length; i++) {
        if (tokens[i].equals("inet")) {
          parse(tokens[i + 1]).ifPresent(nets::add);
        }
      }
    }
    return nets;
  }

  /** True when {@code cidr} shares an address with any of {@code nets}. */
  static boolean overlapsAny(String cidr, List<long[]> nets) {
    long[] range = parse(cidr).orElseThrow();
    for (long[] net : nets) {
      if (range[0] <= net[1] && net[0] <= range[1]) {
        return true;
      }
    }
    return false;
  }

  /** {@code a.b.c.d[/n]} as an inclusive range; empty for anything else ({@code default} too). */
  static java.util.Optional<long[]> parse(String text) {
    String[] parts = text.split("/");
    String[] octets = parts[0].split("\\.");
    if (octets.length != 4) {
      return java.util.Optional.empty();
    }
    long address = 0;
    try {
      for (String octet : octets) {
        int value = Integer.parseInt(octet);
        if (value < 0 || value > 255) {
          return java.util.Optional.empty();
        }
        address = (address << 8) | value;
      }
      int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
      if (prefix < 0 || prefix > 32) {
        return java.util.Optional.empty();
      }
      long size = 1L << (32 - prefix);
      long start = address & ~(size - 1) & 0xFFFFFFFFL;
      return java.util.Optional.of(new long[] {start, start + size - 1});
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
