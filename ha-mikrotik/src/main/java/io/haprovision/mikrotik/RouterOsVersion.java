package io.haprovision.mikrotik;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RouterOS version as numbers ({@code 6.44.6}, {@code 7.15.3}), read from what
 * {@code /system resource print} shows ({@code 6.44.6 (long-term)}, {@code 7.16rc2}).
 * Missing parts count as 0 when compared: {@code 7.15} equals {@code 7.15.0}.
 *
 * @param parts the numbers, at least one
 * @param text the version as it was written or printed
 */
public record RouterOsVersion(List<Integer> parts, String text) implements Comparable<RouterOsVersion> {
  private static final Pattern LEADING = Pattern.compile("\\s*([0-9]{1,4}(?:\\.[0-9]{1,4}){0,3})(.*)", Pattern.DOTALL);

  /** Copies the parts; requires at least one. */
  public RouterOsVersion {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a version has at least one number");
    }
  }

  /**
   * The version at the start of {@code text}: {@code 6.44.6 (long-term)} gives 6.44.6,
   * {@code 7.16rc2} gives 7.16; empty when {@code text} does not start with a number.
   */
  public static Optional<RouterOsVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = LEADING.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<Integer> parts = new ArrayList<>();
    for (String p : m.group(1).split("\\.")) {
      parts.add(Integer.parseInt(p));
    }
    return Optional.of(new RouterOsVersion(parts, text.strip()));
  }

  /** The major version: 6 or 7. */
  public int major() {
    return parts.get(0);
  }

  /** True for a pre-release ({@code 7.16rc2}, {@code 7.16beta4}): its numbers alone overstate it. */
  public boolean preRelease() {
    return text.matches("(?s)[0-9.]+\\s*(rc|beta|alpha).*");
  }

  /** This version cut to its first {@code count} numbers ({@code 6.44.6} to 2 gives 6.44). */
  public RouterOsVersion truncate(int count) {
    return new RouterOsVersion(parts.subList(0, Math.min(count, parts.size())), text);
  }

  @Override
  public int compareTo(RouterOsVersion other) {
    int n = Math.max(parts.size(), other.parts.size());
    for (int i = 0; i < n; i++) {
      int a = i < parts.size() ? parts.get(i) : 0;
      int b = i < other.parts.size() ? other.parts.get(i) : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }

  /** The numbers joined by dots. */
  public String numbers() {
    return String.join(".", parts.stream().map(String::valueOf).toList());
  }

  @Override
  public String toString() {
    return text;
  }
}
