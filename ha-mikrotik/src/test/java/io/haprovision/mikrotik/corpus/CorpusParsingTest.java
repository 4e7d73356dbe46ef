package io.haprovision.mikrotik.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.mikrotik.RouterOsFormat;
import io.haprovision.mikrotik.RouterOsVersion;
import io.haprovision.mikrotik.device.PrintedEntry;
import io.haprovision.mikrotik.device.RouterFacts;
import io.haprovision.mikrotik.routeros.RouterOsExport;
import io.haprovision.mikrotik.routeros.RouterOsLine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The parsers read every corpus file without loss, and the version table agrees with each range's files. */
class CorpusParsingTest {

  @Test
  void everyFileNamesItsSourceAndTheCorpusSpansEightVersions() {
    List<Corpus.File> all = Corpus.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(20);
    assertThat(all).allSatisfy(f -> assertThat(f.source()).startsWith("# source: github.com/").contains("; RouterOS ")
        .contains("trimmed: "));
    Set<String> versions = all.stream().flatMap(f -> f.version().stream()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(versions).as("versions named").hasSizeGreaterThanOrEqualTo(8);
  }

  /** Every export: no {@code key=value} lost, and rendering it back in terse form parses to the same entries. */
  @TestFactory
  List<DynamicTest> exportsParseWithoutLossAndRoundTrip() {
    return Corpus.named("export-").stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      RouterOsExport export = RouterOsExport.parse(f.text());
      int in = assignments(f.text());
      int out = export.entries().stream().mapToInt(e -> e.properties().size()).sum();
      assertThat(out).as("key=value tokens in the file vs properties parsed").isEqualTo(in).isPositive();
      String rendered = export.entries().stream().map(e -> e.line().terse()).collect(Collectors.joining("\n"));
      RouterOsExport again = RouterOsExport.parse(rendered);
      assertThat(again.entries().stream().map(RouterOsExport.Entry::line).toList())
          .isEqualTo(export.entries().stream().map(RouterOsExport.Entry::line).toList());
    })).toList();
  }

  /**
   * The {@code key=} assignments in export text, counted by a reading of its own (not the
   * parser's): outside quotes, brackets and comment lines, an {@code =} after a key character;
   * inside quotes a backslash escapes the next character, a line end included, so a value
   * continued over lines stays one value.
   */
  static int assignments(String text) {
    int count = 0;
    boolean quoted = false;
    boolean comment = false;
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
      if (comment) {
        comment = c != '\n';
      } else if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (lineStart && c == '#') {
        comment = true;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == '=' && depth == 0 && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        count++;
      }
    }
    return count;
  }

  @Test
  void multiLineScriptSourcesKeepEveryLineAndThePropertiesAfterThem() {
    RouterOsExport v715 = RouterOsExport.parse(Corpus.file("export-7.15-scripts.rsc").text());
    Map<String, String> backup = v715.of("/system script").get(0).properties();
    assertThat(backup.get("name")).isEqualTo("exportbackup");
    assertThat(backup.get("owner")).isEqualTo("admin");
    assertThat(backup.get("source")).startsWith(":global replaceStringFunc\r\n").contains("dst-path=(")
        .endsWith("# :put \"Deleted\"");
    assertThat(backup.get("source").lines().count()).isGreaterThan(30);
    RouterOsExport monthly = RouterOsExport.parse(Corpus.file("export-scripts-monthly-backup.rsc").text());
    assertThat(monthly.of("/system script").get(0).properties().get("source"))
        .contains(":local flash \"flash/\"").endsWith("/system backup save name=( $flash . \"month-\" . $month ) ;\n");
    assertThat(monthly.of("/system scheduler").get(0).properties()).containsEntry("start-date", "dec/30/2024");
  }

  @Test
  void bareWordsOfSevenNineteenRoutesAreKept() {
    RouterOsExport export = RouterOsExport.parse(Corpus.file("export-7.19.1-03-balanceador.rsc").text());
    assertThat(export.of("/ip route")).anySatisfy(e -> assertThat(e.line().words()).contains("blackhole"));
  }

  @Test
  void printTerseFlagsAreColumnLettersAndValuesRunToTheNextKey() {
    List<PrintedEntry> old = PrintedEntry.parseAll(Corpus.file("print-terse-interface-pre7.10.txt").text());
    assertThat(old).hasSize(11);
    assertThat(old.get(9).flags()).containsExactlyInAnyOrder('D', 'X', 'S');
    assertThat(old.get(8).flags()).containsExactlyInAnyOrder('D', 'S');
    assertThat(old.get(2).flags()).isEmpty();
    assertThat(old.get(2).get("name")).isEqualTo("ether3 UniFi1");
    assertThat(old.get(0).get("last-link-up-time")).isEqualTo("aug/16/1970 13:05:43");
    List<PrintedEntry> seven = PrintedEntry.parseAll(Corpus.file("print-terse-interface-7.10plus.txt").text());
    assertThat(seven.get(0).get("comment")).isEqualTo("this is a comment");
    assertThat(seven.get(0).get("last-link-up-time")).isEqualTo("1970-01-01 01:02:03");
    List<PrintedEntry> routes = PrintedEntry.parseAll(Corpus.file("print-terse-ip-route.txt").text());
    // The log line RouterOS mixed into the output is no entry; the 7.x lines have no index.
    assertThat(routes).hasSize(12);
    assertThat(routes.get(1).flags()).containsExactlyInAnyOrder('D', 'b');
    assertThat(routes.get(8).flags()).containsExactlyInAnyOrder('D', 'A', 'c');
    assertThat(routes.get(0).get("gateway-status")).isEqualTo("23.90.232.243 reachable via  pppoe-out1");
  }

  @Test
  void aBareAddressIsReadAsTheSlash32() {
    // A real print of a single address: no prefix. An export prints a /32 /ip address the same way (FACTS.md).
    String bare = PrintedEntry.parseAll(Corpus.file("print-terse-address-list.txt").text()).get(5).get("address");
    assertThat(bare).isEqualTo("185.132.66.240");
    RouterOsExport export = RouterOsExport.parse("/ip address add address=" + bare + " interface=ether1 network=" + bare
        + "\n/ip firewall address-list add address=" + bare + " list=x");
    assertThat(export.of("/ip address").get(0).properties()).containsEntry("address", bare + "/32")
        .containsEntry("network", bare);
    assertThat(export.of("/ip address").get(0).line().properties()).containsEntry("address", bare);
    assertThat(export.added("/ip address", Map.of("address", bare + "/32"), 7)).isPresent();
    assertThat(export.of("/ip firewall address-list").get(0).properties()).containsEntry("address", bare);
  }

  private static final Pattern HEADER = Pattern.compile("^# (\\S+) [0-9:_-]+ by RouterOS ([0-9.]+)(\\S*)", Pattern.MULTILINE);
  private static final java.time.LocalDate ANY_DAY = java.time.LocalDate.of(2023, 5, 13);

  /**
   * An export with a header line.
   *
   * @param file the corpus file
   * @param date the header's date as printed (maybe masked)
   * @param version the release, as printed ({@code 7.10beta5})
   * @param format the version table's row for it
   */
  private record Headed(Corpus.File file, String date, String version, RouterOsFormat format) {
    boolean beta() {
      return version.contains("beta");
    }
  }

  private static List<Headed> headedExports() {
    List<Headed> out = new java.util.ArrayList<>();
    for (Corpus.File f : Corpus.named("export-")) {
      Matcher m = HEADER.matcher(f.text());
      if (m.find()) {
        out.add(new Headed(f, m.group(1), m.group(2) + m.group(3), RouterOsFormat.of(m.group(2), 7)));
      }
    }
    return out;
  }

  /**
   * The table's date column against every export header of every range: 6, 7.0-7.9 and 7.10 on.
   * Where the header's author masked the date ({@code ---/--/----}, {@code ____-__-__}), the mask
   * still has the shape of the release's format.
   */
  @Test
  void versionTableDatesMatchEveryExportHeader() {
    Set<String> rows = new TreeSet<>();
    for (Headed h : headedExports()) {
      Corpus.File f = h.file();
      RouterOsFormat format = h.format();
      String printed = h.date();
      if (printed.matches(".*[0-9].*")) {
        java.time.LocalDate date = RouterFacts.clock(Map.of("date", printed, "time", "00:00:00")).orElseThrow()
            .toLocalDate();
        assertThat(format.date(date)).as(f.name()).isEqualTo(printed);
      } else {
        String shape = format.monthNameDates() ? format.date(ANY_DAY).replaceAll("[a-z0-9]", "-")
            : format.date(ANY_DAY).replaceAll("[0-9]", "_");
        assertThat(printed).as(f.name() + " (masked)").isEqualTo(shape);
      }
      rows.add(format.range().toString());
    }
    assertThat(rows).containsExactlyInAnyOrder("6.0..6", "7.0..7.9", "7.10..7");
  }

  /**
   * The table's VRRP grouping column against every export that groups VRRP instances: the
   * release prints only the row's property, and a group's leader set as its own prints
   * {@code self} from 7.9 on (7.7 and 7.8 print its name).
   */
  @Test
  void versionTableGroupingMatchesEveryExportWithVrrp() {
    Set<String> rows = new TreeSet<>();
    for (Headed h : headedExports()) {
      Corpus.File f = h.file();
      RouterOsFormat format = h.format();
      List<RouterOsExport.Entry> vrrp = RouterOsExport.parse(f.text()).of("/interface vrrp");
      Set<String> grouping = vrrp.stream().flatMap(e -> e.line().properties().keySet().stream())
          .filter(k -> k.startsWith("group-")).collect(Collectors.toCollection(TreeSet::new));
      if (grouping.isEmpty()) {
        continue;
      }
      if (h.beta()) {
        // The rename happened between 7.10beta5 and 7.10beta8: a beta may print either, and is read either way.
        assertThat(vrrp).allSatisfy(e -> assertThat(format.toDesired("/interface vrrp", e.line().properties()))
            .doesNotContainKey("group-authority"));
        continue;
      }
      assertThat(grouping).as(f.name()).containsExactly(format.vrrpGroup());
      rows.add(format.range().toString());
      boolean selfPrinted = RouterOsVersion.parse(h.version()).orElseThrow()
          .compareTo(RouterOsVersion.parse("7.9").orElseThrow()) >= 0;
      for (RouterOsExport.Entry e : vrrp) {
        String leader = e.line().properties().get(format.vrrpGroup());
        if (leader != null && leader.equals(e.line().properties().get("name"))) {
          assertThat(selfPrinted).as(f.name() + ": a leader named by itself").isFalse();
        }
        if ("self".equals(leader)) {
          assertThat(selfPrinted).as(f.name() + ": self").isTrue();
        }
      }
    }
    assertThat(rows).containsExactlyInAnyOrder("7.0..7.9", "7.10..7");
  }

  @Test
  void versionTableRowsOfThePrintedResourceVersions() {
    for (Corpus.File f : Corpus.named("resource-")) {
      String version = RouterFacts.keyValues(f.text()).get("version");
      assertThat(version).as(f.name()).startsWith(f.version().orElseThrow());
      RouterOsFormat row = RouterOsFormat.of(version, 6);
      assertThat(row.range().lowest().major()).isEqualTo(Integer.parseInt(version.substring(0, 1)));
      assertThat(row.vrrpGroup()).isEqualTo(version.startsWith("6") ? "" : "group-authority");
    }
    assertThat(RouterFacts.clock(RouterFacts.keyValues(Corpus.file("clock-6.48.6.txt").text())))
        .hasValue(java.time.LocalDateTime.of(2023, 7, 21, 10, 0, 47));
  }
}
