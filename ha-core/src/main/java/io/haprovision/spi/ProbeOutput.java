package io.haprovision.spi;

import io.haprovision.error.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one probe snippet printed on a node, cut out of the framed output of the batched
 * probe command: its standard output and error exactly as printed (one framing newline
 * removed) and its exit status.
 *
 * @param section the section's id in the batched command (e.g. {@code r3})
 * @param target the node, {@code user@host:port}, for messages
 * @param stdout what the snippet wrote to standard output
 * @param stderr what it wrote to standard error
 * @param exitCode the snippet's exit status
 */
public record ProbeOutput(String section, String target, String stdout, String stderr, int exitCode) {
  /** Rejects nulls. */
  public ProbeOutput {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** Standard output split into lines, without line ends; empty output gives no lines. */
  public List<String> lines() {
    if (stdout.isEmpty()) {
      return List.of();
    }
    String text = stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    return out;
  }

  /**
   * The {@code key=value} lines of standard output, in order; other lines are ignored. The
   * value is everything after the first {@code =}. A later key wins.
   */
  public Map<String, String> keyValues() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : lines()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        map.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return map;
  }

  /** The value of {@code key} in {@link #keyValues()}, empty when missing or blank. */
  public Optional<String> value(String key) {
    String v = keyValues().get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /**
   * An exception saying this probe's output could not be understood, quoting what it printed
   * (clipped), so a parser can throw it: {@code throw output.unexpected("no hash line")}.
   */
  public TargetException unexpected(String why) {
    return new TargetException(TargetException.Kind.FAILED, target,
        "probe " + section + " printed something ha-provision does not understand (" + why + "; exit "
            + exitCode + "). stdout: " + clip(stdout) + (stderr.isBlank() ? "" : " stderr: " + clip(stderr)));
  }

  private static String clip(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return "(empty)";
    }
    return t.length() > 300 ? "'" + t.substring(0, 300) + "...'" : "'" + t + "'";
  }
}
