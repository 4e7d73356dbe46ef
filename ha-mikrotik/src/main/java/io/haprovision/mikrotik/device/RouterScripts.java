package io.haprovision.mikrotik.device;

import io.haprovision.error.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RouterOS scripts ha-provision sends and how their output is cut apart. Every script is
 * one exec channel; its parts are framed by {@code :put "@@hap:NAME"} lines, since RouterOS
 * always ends a channel with exit status 0 and prints errors on standard output, so the
 * output alone says what ran and what failed.
 */
public final class RouterScripts {
  /** Frame marker prefix. */
  public static final String MARK = "@@hap:";
  static final String RESOURCE = "resource";
  static final String IDENTITY = "identity";
  static final String CLOCK = "clock";
  static final String VRRP = "vrrp";
  static final String ETHERNET = "ethernet";
  static final String EXPORT = "export";
  static final String END = "end";

  /** The messages RouterOS prints when a command fails (FACTS.md, the simulator contract). */
  private static final Pattern ERROR = Pattern.compile(
      "(failure: .*|no such item.*|input does not match any value.*|invalid value.*|expected .*|bad command name.*"
          + "|syntax error.*|ambiguous value.*|value of .* out of range.*|.*\\(line \\d+ column \\d+\\).*"
          + "|not enough permissions.*|interrupted.*|action cancelled.*)");
  private static final Pattern LINE = Pattern.compile("\\(line (\\d+) column (\\d+)\\)");

  private RouterScripts() {}

  /**
   * The read of a router in one script: resource, identity, clock, VRRP interfaces and
   * ethernet ports ({@code print terse}), then the export ({@code show-sensitive} on 7, where
   * secrets are hidden by default; 6 shows them by default).
   */
  public static String read(io.haprovision.mikrotik.RouterOsFormat format) {
    return String.join("\n",
        put(RESOURCE), "/system resource print",
        put(IDENTITY), "/system identity print",
        put(CLOCK), "/system clock print",
        put(VRRP), "/interface vrrp print terse",
        put(ETHERNET), "/interface ethernet print terse",
        put(EXPORT), format.exportHidesSecrets() ? "/export terse show-sensitive" : "/export terse",
        put(END)) + "\n";
  }

  /** The state the health gate and the checks poll: VRRP interfaces and ethernet ports. */
  public static String roles() {
    return String.join("\n", put(VRRP), "/interface vrrp print terse", put(ETHERNET),
        "/interface ethernet print terse", put(END)) + "\n";
  }

  /** {@code :put "@@hap:NAME"}. */
  public static String put(String name) {
    return ":put \"" + MARK + name + "\"";
  }

  /** The output cut at the frame markers: section name to its text (without the marker line). */
  public static Map<String, String> sections(String output) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    StringBuilder sb = new StringBuilder();
    for (String line : output.replace("\r", "").split("\n", -1)) {
      if (line.strip().startsWith(MARK)) {
        if (current != null) {
          out.put(current, sb.toString());
        }
        current = line.strip().substring(MARK.length());
        sb.setLength(0);
      } else if (current != null) {
        sb.append(line).append('\n');
      }
    }
    if (current != null) {
      out.put(current, sb.toString());
    }
    return out;
  }

  /** True when {@code line} is one of RouterOS's error messages. */
  public static boolean isError(String line) {
    return ERROR.matcher(line.strip()).matches();
  }

  /**
   * A change script: each command preceded by its frame ({@code c1}, {@code c2}, ...), ending
   * with {@code end}. Command {@code k} is on script line {@code 2k}.
   */
  public static String changes(List<String> commands) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      lines.add(put("c" + (i + 1)));
      lines.add(commands.get(i));
    }
    lines.add(put(END));
    return String.join("\n", lines) + "\n";
  }

  /**
   * What went wrong running {@link #changes}, from its output; empty when every command ran.
   *
   * @param commands the commands as sent
   * @return the failed command's index (0-based; -1 when unknown) and RouterOS's message
   */
  public static Optional<Failure> failure(String output, List<String> commands) {
    Map<String, String> sections = sections(output);
    if (sections.containsKey(END)) {
      for (int i = 0; i < commands.size(); i++) {
        String text = sections.getOrDefault("c" + (i + 1), "");
        for (String line : text.split("\n")) {
          if (isError(line)) {
            return Optional.of(new Failure(i, line.strip(), false));
          }
        }
      }
      return Optional.empty();
    }
    if (sections.isEmpty()) {
      // Nothing ran: RouterOS parses the whole script first and refuses it on a syntax error.
      String message = output.strip();
      Matcher m = LINE.matcher(message);
      int index = -1;
      if (m.find()) {
        int line = Integer.parseInt(m.group(1));
        index = line % 2 == 0 ? line / 2 - 1 : -1;
      }
      return Optional.of(new Failure(index, message.isEmpty() ? "no output at all" : firstLine(message), true));
    }
    int last = -1;
    for (String name : sections.keySet()) {
      if (name.startsWith("c")) {
        last = Integer.parseInt(name.substring(1)) - 1;
      }
    }
    String text = last >= 0 ? sections.get("c" + (last + 1)).strip() : "";
    return Optional.of(new Failure(last, text.isEmpty() ? "the script stopped without a message" : firstLine(text),
        false));
  }

  /**
   * A failed change script.
   *
   * @param index the failed command (0-based), -1 when unknown
   * @param message RouterOS's message
   * @param nothingRan the script was refused as a whole (syntax error), so no command ran
   */
  public record Failure(int index, String message, boolean nothingRan) {}

  private static String firstLine(String text) {
    for (String l : text.split("\n")) {
      if (isError(l)) {
        return l.strip();
      }
    }
    return text.split("\n")[0].strip();
  }

  /** {@code text} cut to 300 characters for a message. */
  public static String clip(String text) {
    String t = text.strip();
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
