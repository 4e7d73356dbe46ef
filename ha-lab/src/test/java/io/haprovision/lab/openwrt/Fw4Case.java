package io.haprovision.lab.openwrt;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of firewall4's own test cases, as kept in the fixtures: its UCI firewall config (JSON, as
 * fw4's mock uci reads it), the networks' devices (fw4's mock of {@code ubus network.interface
 * dump}) and the ruleset fw4 must print. Read here into what the lab's stand-in reads:
 * {@code /etc/config/firewall} and {@code /etc/config/network} in UCI syntax.
 *
 * @param name the fixture's name
 * @param firewallJson the case's {@code uci/firewall.json}, or fw4's shared mock when it has none
 * @param networkJson the case's {@code ubus/network.interface~dump.json}, or the shared mock
 * @param expected the case's {@code Expect stdout}
 */
record Fw4Case(String name, String firewallJson, String networkJson, String expected) {
  static final Path DIR = Path.of("src", "test", "resources", "io", "haprovision", "lab", "openwrt", "fw4-cases");
  private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
  private static final Pattern BLOCK = Pattern.compile("(?ms)^-- (File (\\S+)|Expect stdout) --\\n(.*?)^-- End --$");

  /** Reads fixture {@code file} (its provenance line skipped). */
  static Fw4Case read(String file) {
    String text = body(file);
    Map<String, String> files = new LinkedHashMap<>();
    String expected = null;
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(2) != null) {
        files.put(m.group(2), m.group(3));
      } else {
        expected = m.group(3);
      }
    }
    if (expected == null) {
      throw new IllegalStateException(file + ": no Expect stdout block");
    }
    return new Fw4Case(file, Optional.ofNullable(files.get("uci/firewall.json")).orElseGet(
        () -> body("mock-uci-firewall.json.txt")), Optional.ofNullable(files.get("ubus/network.interface~dump.json"))
        .orElseGet(() -> body("mock-ubus-network-interface-dump.json.txt")), expected);
  }

  private static String body(String file) {
    try {
      String all = Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
      return all.substring(all.indexOf('\n') + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The firewall config in UCI syntax: each JSON section (object or list of them) in file order. */
  String firewallUci() {
    StringBuilder out = new StringBuilder();
    JsonNode root = parse(firewallJson);
    for (Iterator<Map.Entry<String, JsonNode>> types = root.fields(); types.hasNext(); ) {
      Map.Entry<String, JsonNode> type = types.next();
      Iterable<JsonNode> sections = type.getValue().isArray() ? type.getValue() : java.util.List.of(type.getValue());
      for (JsonNode section : sections) {
        out.append("\nconfig ").append(type.getKey()).append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> options = section.fields(); options.hasNext(); ) {
          Map.Entry<String, JsonNode> option = options.next();
          if (option.getKey().startsWith(".")) {
            continue;
          }
          if (option.getValue().isArray()) {
            option.getValue().forEach(v -> out.append("\tlist ").append(option.getKey()).append(' ')
                .append(quoted(v.asText())).append('\n'));
          } else {
            out.append("\toption ").append(option.getKey()).append(' ').append(quoted(option.getValue().asText()))
                .append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  /** The networks as UCI interfaces, each on the device fw4's mock reports (its l3_device). */
  String networkUci() {
    StringBuilder out = new StringBuilder();
    for (JsonNode iface : parse(networkJson).path("interface")) {
      String device = iface.hasNonNull("l3_device") ? iface.get("l3_device").asText() : iface.path("device").asText();
      if (!device.isEmpty()) {
        out.append("\nconfig interface ").append(quoted(iface.get("interface").asText())).append('\n')
            .append("\toption device ").append(quoted(device)).append('\n');
      }
    }
    return out.toString();
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
