package io.haprovision.adopt;

import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.KeepalivedAdoption.NodeFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Small readings of parsed keepalived.conf blocks, for {@link KeepalivedAdoption}. Pure. */
final class ConfReadings {
  private ConfReadings() {}

  static int version(NodeFiles n, ConfNode c) {
    Optional<String> v = c.value("version");
    if (v.isEmpty()) {
      for (ConfNode g : n.conf()) {
        if (g.keyword().equals("global_defs")) {
          v = g.value("vrrp_version");
        }
      }
    }
    return v.map(Integer::parseInt).orElse(2);
  }

  /** The node's own address on {@code iface} (a bound address that is none of the instance's VIPs). */
  static Optional<String> own(NodeFiles n, String iface, ConfNode c) {
    Set<String> vips = new LinkedHashSet<>();
    c.child("virtual_ipaddress").map(ConfNode::children).orElse(List.of())
        .forEach(v -> vips.add(bareAddress(v.keyword())));
    Optional<String> src = c.value("unicast_src_ip");
    List<String> bound = n.addresses().of(iface).stream().filter(x -> !vips.contains(bareAddress(x)))
        .filter(x -> !x.startsWith("fe80:")).toList();
    if (src.isPresent()) {
      Optional<String> match = bound.stream().filter(x -> bareAddress(x).equals(src.get())).findFirst();
      if (match.isPresent()) {
        return match;
      }
    }
    return bound.stream().filter(x -> !x.contains(":")).findFirst().or(() -> bound.stream().findFirst());
  }

  /** Compares two IPv4 addresses ({@code a/len}) numerically; anything else compares equal. */
  static int compareAddresses(Optional<String> a, Optional<String> b) {
    if (a.isEmpty() || b.isEmpty() || a.get().contains(":") || b.get().contains(":")) {
      return 0;
    }
    return Long.compare(ipv4(bareAddress(a.get())), ipv4(bareAddress(b.get())));
  }

  static long ipv4(String address) {
    long v = 0;
    for (String part : address.split("\\.")) {
      v = v * 256 + Long.parseLong(part);
    }
    return v;
  }

  static void putOnce(Mapping m, String key, String value) {
    if (m.entries().stream().noneMatch(e -> e.key().equals(key))) {
      m.put(key, InventoryText.text(value));
    }
  }

  static String bareAddress(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? cidr : cidr.substring(0, slash);
  }

  static List<String> peers(ConfNode c) {
    List<String> out = new ArrayList<>();
    for (ConfNode x : c.child("unicast_peer").map(ConfNode::children).orElse(List.of())) {
      out.add(x.keyword());
    }
    return out;
  }

  static Map<String, ConfNode> instances(NodeFiles n) {
    return blocks(n, "vrrp_instance");
  }

  static Map<String, ConfNode> blocks(NodeFiles n, String keyword) {
    Map<String, ConfNode> out = new LinkedHashMap<>();
    for (ConfNode c : n.conf()) {
      if (c.keyword().equals(keyword) && !c.args().isEmpty()) {
        out.putIfAbsent(c.args().get(0), c);
      }
    }
    return out;
  }

  static int priority(ConfNode c) {
    return integer(c, "priority", 100);
  }

  static String state(ConfNode c) {
    return c.value("state").map(x -> x.toUpperCase(Locale.ROOT)).orElse("BACKUP");
  }

  static int integer(ConfNode c, String key, int otherwise) {
    return c.value(key).filter(v -> v.matches("-?[0-9]+")).map(Integer::parseInt).orElse(otherwise);
  }

  static String truncated(String pass) {
    return pass.length() > 8 ? pass.substring(0, 8) : pass;
  }

  /** {@code dev br-lan label x} as a map; a word without a value maps to "". */
  static Map<String, String> pairs(List<String> words) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i += 2) {
      out.put(words.get(i), i + 1 < words.size() ? words.get(i + 1) : "");
    }
    return out;
  }

}
