package io.haprovision.mikrotik;

import static io.haprovision.mikrotik.Inventories.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.corpus.Corpus;
import io.haprovision.mikrotik.device.EntryStates;
import io.haprovision.mikrotik.device.PrintedEntry;
import io.haprovision.mikrotik.device.RouterFacts;
import io.haprovision.mikrotik.routeros.RouterOsEntry;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.mikrotik.routeros.RouterOsOwnedSet;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A converged router in real RouterOS format plans nothing: a real export from the corpus, with
 * the entries ha-provision manages added the way that release prints them (written here by hand,
 * not by the platform: values quoted and escaped as RouterOS does, each newline inside a value
 * continued on the next line, a /32 address without its prefix, defaults left out, VRRP grouping
 * under the release's name).
 */
class CorpusIdempotenceTest {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._,:/@+-]+");
  /** Values RouterOS leaves out of an export because they are the defaults. */
  private static final Set<String> DEFAULTS = Set.of("vrid=1", "priority=100", "interval=1s", "version=3",
      "preemption-mode=yes", "authentication=none", "disabled=no");

  @ParameterizedTest(name = "{0} as RouterOS {1}")
  @CsvSource({"export-7.8-nagasaki.rsc, 7.8, group-master", "export-7.19.1-03-balanceador.rsc, 7.19.1, group-authority",
      "export-7.16-terse-vrrp.rsc, 7.16, group-authority", "export-7.2.1-bridge-vlan.rsc, 7.2.1, group-master",
      "export-6.48.6-ip-address.rsc, 6.48.6, ''", "export-7.7-terse-vrrp-pair-a.rsc, 7.7, group-master",
      "export-7.9-terse-vrrp-pair-a.rsc, 7.9, group-master", "export-7.12.1-terse-vrrp-pair-b.rsc, 7.12.1, group-authority",
      "export-7.18-terse-vrrp-pair-a.rsc, 7.18, group-authority"})
  void aConvergedRouterInTheReleasesFormatPlansNothing(String file, String version, String groupName) {
    int major = Integer.parseInt(version.substring(0, 1));
    String yaml = Inventories.example();
    if (major == 6) {
      yaml = replace(yaml, "routeros: 7 ", "routeros: 6 ").replace("versions: \"7.12..7\"", "versions: \"6.44..6.49\"");
    }
    PairSpec pair = Inventories.pair(yaml);
    NodeSpec node = pair.nodes().get(0);
    List<Resource> desired = MikrotikDesiredState.forNode(pair, node).resources();
    StringBuilder export = new StringBuilder(Corpus.file(file).text());
    List<String> ethernet = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      ethernet.add(" " + (i - 1) + " R  name=ether" + i + " default-name=ether" + i + " mtu=1500");
    }
    for (Resource r : desired) {
      if (r instanceof RouterOsEntry e) {
        export.append(exportLine(e, groupName, version)).append('\n');
      }
    }
    RouterFacts facts = new RouterFacts(Map.of("version", version), "x", Optional.empty(), List.of(),
        PrintedEntry.parseAll(String.join("\n", ethernet)), RouterOsExport.parse(export.toString()));
    List<String> changes = new ArrayList<>();
    for (Resource r : desired) {
      Optional<ResourceState> state = Optional.of(r instanceof RouterOsEntry e ? EntryStates.stateOf(e, facts, major)
          : EntryStates.marked((RouterOsOwnedSet) r, facts, major));
      Comparison c = r.compare(state);
      if (c.action() != Comparison.Action.NONE) {
        changes.add(c.summary());
      }
    }
    assertThat(changes).as(export.toString()).isEmpty();
  }

  /** The entry as this release's export prints it once ha-provision has added it. */
  private static String exportLine(RouterOsEntry e, String groupName, String version) {
    int major = Integer.parseInt(version.substring(0, 1));
    List<String> parts = new ArrayList<>();
    Map<String, String> all = new java.util.LinkedHashMap<>(e.key());
    all.putAll(e.properties());
    if (major == 6) {
      e.secrets().forEach((k, v) -> all.put(k, v.reveal()));
    }
    all.forEach((k, v) -> {
      String name = k.equals("group-master") ? groupName : k;
      String value = e.menu().equals("/ip address") && k.equals("address") && v.endsWith("/32")
          ? v.substring(0, v.length() - 3) : v;
      if (!DEFAULTS.contains(name + "=" + value) && !(e.menu().equals("/system scheduler") && name.equals("interval"))) {
        parts.add(name + "=" + quote(value));
      }
    });
    if (e.kind() == RouterOsEntry.Kind.BUILT_IN) {
      parts.removeIf(p -> p.startsWith("name="));
      return e.menu() + " set [ find default-name=" + e.key().get("name") + " ] " + String.join(" ", parts);
    }
    if (e.menu().equals("/system script")) {
      parts.add("dont-require-permissions=no");
      parts.add("owner=admin");
    }
    if (e.menu().equals("/interface vrrp") && !groupName.isEmpty() && !e.properties().containsKey("group-master")) {
      // The group's leader, when set as its own (`set [find] group-master=...`, as MikroTik's
      // manual does): 7.7 and 7.8 print its name, 7.9 on print self (FoxDenHome/router's exports).
      boolean self = RouterOsVersion.parse(version).orElseThrow().compareTo(RouterOsVersion.parse("7.9").orElseThrow()) >= 0;
      parts.add(groupName + "=" + (self ? "self" : e.key().get("name")));
    }
    parts.sort(null);
    return e.menu() + " add " + String.join(" ", parts);
  }

  private static String quote(String value) {
    if (!value.isEmpty() && PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '$' -> sb.append("\\$");
        case '?' -> sb.append("\\?");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\\n    \\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
