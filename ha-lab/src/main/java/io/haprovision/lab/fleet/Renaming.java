package io.haprovision.lab.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How simulated pair {@code k} differs from the recorded pair: its names (pair, nodes, sync
 * group: the recorded pair's name inside them becomes {@code fNNNN}) and its addresses (each
 * recorded /24 {@code j} becomes {@code 10.(4j + k/256).(k%256)}, the host part kept, so every
 * subnet, /29 and /30 keeps its shape). Applied as whole-word text substitution, both ways.
 */
public final class Renaming {
  /** Most simulated pairs: the address scheme has room for 1,023. */
  public static final int MAX_PAIRS = 1023;
  /** Most recorded /24s the address scheme has room for. */
  public static final int MAX_SUBNETS = 63;

  /** An IPv4 address written out: group 1 its first three numbers (its /24), group 2 the last. */
  static final Pattern IPV4 =
      Pattern.compile("(?<![0-9.])([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})\\.([0-9]{1,3})(?![0-9])");

  private final Map<String, String> namesOut = new LinkedHashMap<>();
  private final Map<String, String> namesBack = new LinkedHashMap<>();
  private final Map<String, String> prefixesOut = new LinkedHashMap<>();
  private final Map<String, String> prefixesBack = new LinkedHashMap<>();
  private final Pattern recordedNames;
  private final Pattern virtualNames;

  private Renaming(FleetRecording recording, int k) {
    if (k < 1 || k > MAX_PAIRS) {
      throw new IllegalArgumentException("simulated pair " + k + " is outside 1.." + MAX_PAIRS);
    }
    if (recording.subnets().size() > MAX_SUBNETS) {
      throw new IllegalArgumentException("the recording names " + recording.subnets().size() + " /24s; at most "
          + MAX_SUBNETS + " fit the fleet's address scheme");
    }
    String pair = recording.pair();
    String virtual = pairName(k);
    List<String> tokens = new ArrayList<>();
    tokens.add(pair);
    recording.nodes().forEach(n -> tokens.add(n.name()));
    if (!recording.syncGroup().isEmpty()) {
      tokens.add(recording.syncGroup());
    }
    for (String token : tokens) {
      String renamed = token.replace(pair, virtual)
          .replace(pair.toUpperCase(Locale.ROOT), virtual.toUpperCase(Locale.ROOT));
      if (renamed.equals(token)) {
        renamed = virtual + "-" + token;
      }
      namesOut.put(token, renamed);
      namesBack.put(renamed, token);
    }
    for (int j = 0; j < recording.subnets().size(); j++) {
      String prefix = "10." + (4 * j + (k >> 8)) + "." + (k & 255);
      prefixesOut.put(recording.subnets().get(j), prefix);
      prefixesBack.put(prefix, recording.subnets().get(j));
    }
    recordedNames = wordsPattern(namesOut.keySet());
    virtualNames = wordsPattern(namesBack.keySet());
  }

  /** The renaming of simulated pair {@code k} (1..{@value #MAX_PAIRS}). */
  public static Renaming of(FleetRecording recording, int k) {
    return new Renaming(recording, k);
  }

  /** The name of simulated pair {@code k}: {@code f0001}, {@code f0002}, ... */
  public static String pairName(int k) {
    return String.format(Locale.ROOT, "f%04d", k);
  }

  /** {@code text} as the simulated pair has it. */
  public String toVirtual(String text) {
    return replaceAddresses(replaceNames(text, recordedNames, namesOut), prefixesOut);
  }

  /** {@code text} from the simulated pair, as the recorded pair would have it. */
  public String toRecorded(String text) {
    return replaceAddresses(replaceNames(text, virtualNames, namesBack), prefixesBack);
  }

  private static Pattern wordsPattern(java.util.Set<String> words) {
    String alternatives = words.stream().sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote).collect(Collectors.joining("|"));
    return Pattern.compile("(?<![A-Za-z0-9_])(?:" + alternatives + ")(?![A-Za-z0-9_])");
  }

  private static String replaceNames(String text, Pattern pattern, Map<String, String> map) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(map.get(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replaceAddresses(String text, Map<String, String> prefixes) {
    Matcher m = IPV4.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    while (m.find()) {
      String to = prefixes.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(to == null ? m.group() : to + "." + m.group(2)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
