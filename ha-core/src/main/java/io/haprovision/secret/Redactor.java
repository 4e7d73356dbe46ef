package io.haprovision.secret;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks known secret values in any text about to leave the process (plans, diffs,
 * logs, exception messages, JSON). A second line of defence: code should not put a
 * secret into such text in the first place, and sensitive files are never diffed.
 */
public final class Redactor {
  private static final Redactor NONE = new Redactor(List.of());
  private final List<String> values;

  private Redactor(List<String> values) {
    this.values = values;
  }

  /** A redactor for these secrets; longer values are masked first so a prefix never leaks the rest. */
  public static Redactor of(Collection<Secret> secrets) {
    List<String> values = new ArrayList<>();
    for (Secret s : secrets) {
      if (!s.reveal().isEmpty() && !values.contains(s.reveal())) {
        values.add(s.reveal());
      }
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(values));
  }

  /**
   * This redactor, also masking each secret as scripts and protocols carry it: shell or UCI
   * single-quoted ({@code '\''} for a quote), backslash-escaped inside double quotes (shell,
   * RouterOS, JSON) and base64 (HTTP Basic auth). For text that holds what is sent to routers,
   * where a secret rarely appears as written in the inventory.
   */
  public Redactor withEscapedForms() {
    List<Secret> all = new ArrayList<>();
    for (String v : values) {
      all.add(Secret.of(v, "literal"));
      all.add(Secret.of(v.replace("'", "'\\''"), "literal"));
      all.add(Secret.of(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`"),
          "literal"));
      all.add(Secret.of(java.util.Base64.getEncoder().encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          "literal"));
    }
    return of(all);
  }

  /** A redactor that knows no secrets. */
  public static Redactor none() {
    return NONE;
  }

  /** The text with every known secret replaced by {@link Secret#MASK}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, Secret.MASK);
    }
    return out;
  }
}
