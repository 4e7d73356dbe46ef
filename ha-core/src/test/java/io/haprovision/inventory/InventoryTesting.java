package io.haprovision.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haprovision.error.InventoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Shared fixtures for inventory tests: a small valid inventory for the {@code test}
 * platform, loading with a fixed environment, and finding where a marker sits in the
 * text so tests compare the loader's locations with the text itself.
 */
final class InventoryTesting {
  private InventoryTesting() {}

  static final String FILE = "inv.yml";

  /** A valid one-pair inventory; tests change one thing in it. */
  static final String BASE = """
      version: 1
      defaults:
        ssh:
          user: admin
          identity_file: ~/.ssh/id_ed25519
        vrrp:
          advert_int: 1
          version: 2
      pairs:
        - name: office
          platform: test
          nodes:
            - name: gw-a
              role: primary
              host: 192.0.2.11
              interfaces:
                br-lan: 198.51.100.2/24
                wan: 203.0.113.2/29
            - name: gw-b
              role: secondary
              host: 192.0.2.12
              interfaces:
                br-lan: 198.51.100.3/24
                wan: 203.0.113.3/29
          vrrp:
            instances:
              - name: LAN
                interface: br-lan
                virtual_router_id: 51
                vips:
                  - 198.51.100.1/24
                unicast: true
      """;

  static final Map<String, String> ENV = Map.of("VRRP_PASS", "s3cret", "SSH_PASS", "hunter2hunter2");

  static InventoryLoader loader() {
    return new InventoryLoader().withEnvironment(ENV).withHomeDir(Path.of("/home/tester"));
  }

  static Inventory load(String yaml) {
    return loader().load(yaml, FILE, Path.of("/nonexistent-inventory-dir"));
  }

  /** Loading must fail; returns the exception. */
  static InventoryException fail(String yaml) {
    return fail(loader(), yaml, Path.of("/nonexistent-inventory-dir"));
  }

  static InventoryException fail(InventoryLoader loader, String yaml, Path baseDir) {
    InventoryException e = catchThrowableOfType(InventoryException.class, () -> loader.load(yaml, FILE, baseDir));
    assertThat(e).as("loading should fail:\n" + yaml).isNotNull();
    return e;
  }

  /** {@code original} with {@code from} replaced by {@code to}; fails when {@code from} is not there exactly once. */
  static String change(String original, String from, String to) {
    int at = original.indexOf(from);
    assertThat(at).as("fixture holds `" + from + "`").isGreaterThanOrEqualTo(0);
    assertThat(original.indexOf(from, at + 1)).as("fixture holds `" + from + "` once").isLessThan(0);
    return original.substring(0, at) + to + original.substring(at + from.length());
  }

  /** Where {@code marker} first appears in {@code text}, 1-based, as the loader should report it. */
  static Location at(String text, String marker) {
    return at(text, marker, 1);
  }

  /** Where the {@code occurrence}-th (1-based) {@code marker} appears in {@code text}. */
  static Location at(String text, String marker, int occurrence) {
    int index = -1;
    for (int i = 0; i < occurrence; i++) {
      index = text.indexOf(marker, index + 1);
      assertThat(index).as("text holds `" + marker + "` " + occurrence + " time(s)").isGreaterThanOrEqualTo(0);
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Location(FILE, line, index - lineStart + 1);
  }

  /**
   * Where the value of {@code keyAndValue} ({@code "virtual_router_id: 51"}) starts: the
   * {@code occurrence}-th such text, shifted past {@code ": "}.
   */
  static Location valueAt(String text, String keyAndValue, int occurrence) {
    Location key = at(text, keyAndValue, occurrence);
    return new Location(key.file(), key.line(), key.column() + keyAndValue.indexOf(": ") + 2);
  }

  /** As {@link #valueAt(String, String, int)} for the first occurrence. */
  static Location valueAt(String text, String keyAndValue) {
    return valueAt(text, keyAndValue, 1);
  }

  /** Lines joined with newlines, ending with one; indentation as written. */
  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /** BASE with keys added to the LAN instance (each line indented by 10 spaces already). */
  static String withInstanceKeys(String... instanceLines) {
    return BASE + lines(instanceLines);
  }

  /** BASE with lines inserted into node gw-b (indented by 8 spaces). */
  static String withSecondaryKeys(String... nodeLines) {
    return change(BASE, "        host: 192.0.2.12\n", "        host: 192.0.2.12\n" + lines(nodeLines));
  }

  /** BASE with lines inserted into node gw-a (indented by 8 spaces). */
  static String withPrimaryKeys(String... nodeLines) {
    return change(BASE, "        host: 192.0.2.11\n", "        host: 192.0.2.11\n" + lines(nodeLines));
  }

  /** BASE with lines added to the top-level {@code defaults.vrrp} (indented by 4 spaces). */
  static String withDefaultVrrp(String... vrrpLines) {
    return change(BASE, "    version: 2\n", "    version: 2\n" + lines(vrrpLines));
  }

  /** The one problem with {@code rule}; fails when there is none or several. */
  static Problem only(InventoryException e, String rule) {
    List<Problem> matching = e.problems().stream().filter(p -> p.rule().equals(rule)).toList();
    assertThat(matching).as("problems with rule " + rule + " in:\n" + e.getMessage()).hasSize(1);
    return matching.get(0);
  }

  /**
   * Loading {@code yaml} fails with exactly one problem, of {@code rule}, at
   * {@code marker}'s position and {@code keyPath}; returns it for checks of the message.
   */
  static Problem assertSingleProblem(String yaml, String rule, Location where, String keyPath) {
    InventoryException e = fail(yaml);
    assertThat(e.problems()).as("exactly one problem in:\n" + e.getMessage()).hasSize(1);
    Problem p = only(e, rule);
    assertThat(p.location()).as("location of " + rule).isEqualTo(where);
    assertThat(p.keyPath()).as("key path of " + rule).isEqualTo(keyPath);
    return p;
  }
}
