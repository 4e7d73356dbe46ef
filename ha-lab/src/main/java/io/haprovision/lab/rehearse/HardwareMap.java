package io.haprovision.lab.rehearse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RouterOS replica's map: the simulated routers have no network of their own, so addresses
 * stay as they are, but each ethernet port's hardware address becomes the simulated port's
 * (the pair's routers are told apart by their HA port's {@code orig-mac-address}).
 */
final class HardwareMap implements ReplicaMap {
  private static final Pattern MAC = Pattern.compile("(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:])");

  private final Map<String, AddressMap.Mapping> byMac = new LinkedHashMap<>();

  /** Adds {@code node}'s port {@code port}: {@code real} becomes {@code simulated}. */
  void add(String node, String port, String real, String simulated) {
    byMac.putIfAbsent(real.toUpperCase(Locale.ROOT),
        new AddressMap.Mapping(real.toUpperCase(Locale.ROOT), simulated.toUpperCase(Locale.ROOT), node + " " + port));
  }

  @Override
  public List<AddressMap.Mapping> mappings() {
    return List.copyOf(byMac.values());
  }

  @Override
  public List<String> kept() {
    return List.of();
  }

  @Override
  public String title() {
    return "Hardware addresses, real -> replica (IP addresses stay as they are: simulated routers have no network of"
        + " their own)";
  }

  @Override
  public String apply(String text) {
    Matcher m = MAC.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      AddressMap.Mapping mapping = byMac.get(m.group().toUpperCase(Locale.ROOT));
      m.appendReplacement(out, Matcher.quoteReplacement(mapping == null ? m.group() : mapping.lab()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
