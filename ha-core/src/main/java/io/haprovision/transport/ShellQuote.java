package io.haprovision.transport;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quotes words for a POSIX shell ({@code sh}, dash, busybox ash), so a path or argument
 * reaches the command exactly as given, whatever characters it holds.
 */
public final class ShellQuote {
  /** Characters no POSIX shell treats specially anywhere in a word. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /**
   * One shell word that expands to exactly {@code word}: left bare when it holds only safe
   * characters, otherwise single-quoted with each {@code '} written as {@code '\''}.
   *
   * @throws IllegalArgumentException if {@code word} holds a NUL character, which no shell
   *     word can carry
   */
  public static String quote(String word) {
    if (word.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a shell word cannot hold a NUL character");
    }
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The words quoted one by one and joined with single spaces: a command line. */
  public static String join(List<String> words) {
    return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  /** {@link #join(List)} for a fixed list of words. */
  public static String join(String... words) {
    return join(List.of(words));
  }
}
