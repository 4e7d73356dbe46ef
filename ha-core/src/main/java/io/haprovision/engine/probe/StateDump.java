package io.haprovision.engine.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haprovision.secret.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * keepalived's own view of its VRRP instances, read from its state dump: the text file
 * written on SIGUSR1 ({@code /tmp/keepalived.data}) or, on builds with JSON, the JSON file
 * written on the signal {@code keepalived --signum=JSON} names ({@code /tmp/keepalived.json};
 * state 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT).
 *
 * @param format {@code json} or {@code data}
 * @param instances the instances in dump order
 */
public record StateDump(String format, List<InstanceState> instances) {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Both dumps print the VRRP password in clear: it is held as a Secret from here on.
  private static final String DUMP_ORIGIN = "keepalived's state dump";
  private static final Pattern FIELD = Pattern.compile("^\\s+([A-Za-z][A-Za-z0-9 _/()-]*?) = (.*)$");
  private static final Pattern ADVERT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(sec|milli-sec|usec)?.*");

  /** Copies the list; rejects nulls. */
  public StateDump {
    Objects.requireNonNull(format, "format");
    instances = List.copyOf(instances);
  }

  /** The instance named {@code name}, if the dump has it. */
  public Optional<InstanceState> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /**
   * Parses the JSON dump: an array of {@code {"data": {...}, "stats": {...}}}.
   *
   * @throws IllegalArgumentException when it is not such JSON
   */
  public static StateDump parseJson(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("not a JSON array of instances");
    }
    List<InstanceState> out = new ArrayList<>();
    for (JsonNode entry : root) {
      JsonNode d = entry.path("data");
      JsonNode s = entry.path("stats");
      if (!d.has("iname")) {
        throw new IllegalArgumentException("an instance without iname");
      }
      List<String> vips = new ArrayList<>();
      d.path("vips").forEach(v -> vips.add(v.asText()));
      out.add(new InstanceState(
          d.path("iname").asText(),
          jsonState(d.path("state").asInt(-1)),
          d.path("ifp_ifname").asText(""),
          d.path("vrid").asInt(0),
          d.path("base_priority").asInt(0),
          d.path("effective_priority").asInt(0),
          d.path("adver_int").decimalValue().stripTrailingZeros(),
          d.path("version").asInt(0),
          vips,
          s.has("become_master") ? OptionalLong.of(s.path("become_master").asLong()) : OptionalLong.empty(),
          s.has("release_master") ? OptionalLong.of(s.path("release_master").asLong()) : OptionalLong.empty(),
          d.has("auth_type") ? d.path("auth_type").asInt(-1) : -1,
          d.hasNonNull("auth_data") ? Optional.of(Secret.of(d.path("auth_data").asText(), DUMP_ORIGIN))
              : Optional.empty()));
    }
    return new StateDump("json", out);
  }

  /**
   * Parses the text dump: the {@code VRRP Topology} part, one {@code VRRP Instance = NAME}
   * block per instance with indented {@code Key = value} lines.
   *
   * @throws IllegalArgumentException when the text has no VRRP topology part
   */
  public static StateDump parseData(String text) {
    List<InstanceState> out = new ArrayList<>();
    boolean topology = false;
    boolean seenTopology = false;
    Map<String, String> fields = null;
    List<String> vips = null;
    boolean inVips = false;
    String name = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("------<")) {
        if (name != null) {
          out.add(dataInstance(name, fields, vips));
          name = null;
        }
        topology = line.contains("VRRP Topology");
        seenTopology |= topology;
        continue;
      }
      if (!topology) {
        continue;
      }
      if (line.startsWith(" VRRP Instance = ")) {
        if (name != null) {
          out.add(dataInstance(name, fields, vips));
        }
        name = line.substring(" VRRP Instance = ".length()).trim();
        fields = new java.util.LinkedHashMap<>();
        vips = new ArrayList<>();
        inVips = false;
        continue;
      }
      if (line.length() > 1 && line.charAt(0) == ' ' && line.charAt(1) != ' ') {
        // Another top-level block (a sync group...): the current instance ends here.
        if (name != null) {
          out.add(dataInstance(name, fields, vips));
          name = null;
        }
        continue;
      }
      if (name == null) {
        continue;
      }
      if (line.matches("^   Virtual IP \\(\\d+\\):\\s*$")) {
        inVips = true;
        continue;
      }
      if (inVips && line.startsWith("     ")) {
        vips.add(line.trim());
        continue;
      }
      inVips = false;
      Matcher m = FIELD.matcher(line);
      // Only the instance's own fields (three spaces deep); deeper lines belong to sub-blocks.
      if (m.matches() && line.startsWith("   ") && !line.startsWith("    ")) {
        fields.putIfAbsent(m.group(1), m.group(2).trim());
      }
    }
    if (name != null) {
      out.add(dataInstance(name, fields, vips));
    }
    if (!seenTopology) {
      throw new IllegalArgumentException("no '------< VRRP Topology >------' part");
    }
    return new StateDump("data", out);
  }

  private static InstanceState dataInstance(String name, Map<String, String> f, List<String> vips) {
    return new InstanceState(
        name,
        f.getOrDefault("State", "UNKNOWN").toUpperCase(Locale.ROOT),
        f.getOrDefault("Interface", ""),
        intOf(f.get("Virtual Router ID")),
        intOf(f.get("Priority")),
        intOf(f.getOrDefault("Effective priority", f.get("Priority"))),
        advert(f.get("Advert interval")),
        intOf(f.get("VRRP Version")),
        vips,
        OptionalLong.empty(),
        OptionalLong.empty(),
        dataAuth(f.get("Authentication type")),
        f.containsKey("Password") ? Optional.of(Secret.of(f.get("Password"), DUMP_ORIGIN)) : Optional.empty());
  }

  /** keepalived prints {@code none}, {@code SIMPLE_PASSWORD} or {@code IPSEC_AH}; nothing for VRRPv3. */
  private static int dataAuth(String text) {
    if (text == null) {
      return -1;
    }
    return switch (text.trim()) {
      case "none" -> 0;
      case "SIMPLE_PASSWORD" -> 1;
      case "IPSEC_AH" -> 2;
      default -> -1;
    };
  }

  private static String jsonState(int state) {
    switch (state) {
      case 0:
        return "INIT";
      case 1:
        return "BACKUP";
      case 2:
        return "MASTER";
      case 3:
        return "FAULT";
      default:
        return "UNKNOWN";
    }
  }

  private static int intOf(String text) {
    if (text == null) {
      return 0;
    }
    try {
      return Integer.parseInt(text.trim().split("\\s+")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code 1 sec}, {@code 100 milli-sec} (VRRPv3), or {@code N usec} into seconds. */
  private static BigDecimal advert(String text) {
    if (text == null) {
      return BigDecimal.ZERO;
    }
    Matcher m = ADVERT.matcher(text.trim());
    if (!m.matches()) {
      return BigDecimal.ZERO;
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "sec" : m.group(2);
    switch (unit) {
      case "milli-sec":
        n = n.movePointLeft(3);
        break;
      case "usec":
        n = n.movePointLeft(6);
        break;
      default:
        break;
    }
    return n.stripTrailingZeros();
  }
}
