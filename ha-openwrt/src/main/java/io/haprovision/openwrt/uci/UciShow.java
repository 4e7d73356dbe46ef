package io.haprovision.openwrt.uci;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.haprovision.error.TargetException;
import io.haprovision.spi.ProbeOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed output of {@code uci show [CONFIG]}: section lines
 * {@code config.section=type} and option lines {@code config.section.option='value'}
 * (lists print each element quoted, space separated; an embedded quote is written
 * {@code '\''}). Anonymous sections appear as {@code config.@type[N]}, which is also how
 * {@link UciOption} keys address them, so probes and resources meet on the same keys.
 *
 * @param sectionTypes section key ({@code dhcp.lan}) to type, in output order
 * @param options option key ({@code dhcp.lan.force}) to its values, in output order
 */
public record UciShow(Map<String, String> sectionTypes, Map<String, List<String>> options) {

  /** Copies the maps, keeping their order. */
  public UciShow {
    sectionTypes = Collections.unmodifiableMap(new LinkedHashMap<>(sectionTypes));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    options = Collections.unmodifiableMap(copy);
  }

  /**
   * Every UCI resource of a config reads the same probe output (one {@code uci show} per config
   * and node), dozens of them on a converged node: parsed once, not once per resource. Weak keys
   * compare by identity and let a parse go with its output.
   */
  private static final LoadingCache<ProbeOutput, UciShow> PARSED = CacheBuilder.newBuilder().weakKeys()
      .build(CacheLoader.from(out -> parse(out.stdout(), out.target())));

  /**
   * {@link #parse(String, String)} of a probe's standard output, parsed once however many
   * resources read it.
   *
   * @throws TargetException when a line is not in {@code uci show}'s format
   */
  public static UciShow of(ProbeOutput out) {
    try {
      return PARSED.getUnchecked(out);
    } catch (UncheckedExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Parses {@code uci show} output.
   *
   * @param output what the command printed on stdout
   * @param target the node it came from ({@code user@host:port}), for the error message
   * @throws TargetException when a line is not in {@code uci show}'s format
   */
  public static UciShow parse(String output, String target) {
    Map<String, String> sections = new LinkedHashMap<>();
    Map<String, List<String>> options = new LinkedHashMap<>();
    String[] lines = output.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw malformed(target, i + 1, "no `=`");
      }
      String key = line.substring(0, eq);
      String rest = line.substring(eq + 1);
      String[] parts = key.split("\\.", -1);
      if (parts.length == 2 && UciNames.isConfig(parts[0]) && UciNames.isSectionRef(parts[1])) {
        if (!UciNames.isName(rest)) {
          throw malformed(target, i + 1, "section type `" + rest + "` is not a word");
        }
        sections.put(key, rest);
      } else if (parts.length == 3 && UciNames.isConfig(parts[0]) && UciNames.isSectionRef(parts[1])
          && UciNames.isName(parts[2])) {
        options.put(key, values(rest, target, i + 1));
      } else {
        throw malformed(target, i + 1, "`" + key + "` is neither config.section nor config.section.option");
      }
    }
    return new UciShow(sections, options);
  }

  /** Reads {@code 'a' 'b\''c'} into its values. */
  private static List<String> values(String text, String target, int line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '\'') {
        throw malformed(target, line, "value does not start with a single quote at column " + (i + 1));
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (true) {
        int close = text.indexOf('\'', i);
        if (close < 0) {
          throw malformed(target, line, "unterminated quoted value");
        }
        value.append(text, i, close);
        i = close + 1;
        // '\'' closes the quote, adds a literal quote and reopens: the value goes on.
        if (text.startsWith("\\''", i)) {
          value.append('\'');
          i += 3;
          continue;
        }
        break;
      }
      out.add(value.toString());
      if (i < text.length()) {
        if (text.charAt(i) != ' ') {
          throw malformed(target, line, "expected a space between values at column " + (i + 1));
        }
        i++;
      }
    }
    if (out.isEmpty()) {
      throw malformed(target, line, "option without a value");
    }
    return out;
  }

  private static TargetException malformed(String target, int line, String why) {
    return new TargetException(TargetException.Kind.FAILED, target,
        "cannot read line " + line + " of `uci show` output: " + why
            + "; is `uci` the OpenWrt one? (run `uci show` on the node to see its output)");
  }

  /** The state of a named section ({@code config.name}). */
  public UciSectionState section(String sectionKey) {
    return new UciSectionState(Optional.ofNullable(sectionTypes.get(sectionKey)));
  }

  /** The state of an option ({@code config.section.option}), as far as {@code uci show} tells. */
  public UciOptionState option(String optionKey) {
    List<String> values = options.get(optionKey);
    return values == null ? UciOptionState.absent() : UciOptionState.shown(values);
  }
}
