package io.haprovision.mikrotik.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every {@code /export terse} in the corpus keeps, read here on their own: no code of
 * the platform's parser or of the simulator. {@link TerseExportRulesTest} holds every terse
 * corpus file to them (so a rule that real RouterOS breaks fails there first), and the simulator
 * tests hold the simulator's exports to them.
 *
 * <ol>
 *   <li>The first line is {@code # DATE TIME by RouterOS VERSION}, the date as that release
 *       prints dates ({@code aug/09/2020} before 7.10, {@code 2020-08-09} from 7.10).
 *   <li>Every other line is a comment, a command ({@code /menu words add|set ...}), or the
 *       continuation of a line that ended in {@code \}: four spaces, then {@code \n}. Terse
 *       exports break lines only at a newline inside a value, never at a width.
 *   <li>Within a command, the {@code key=value} properties are in alphabetical order.
 *   <li>An {@code /ip address} that is a single host has no {@code /32}: {@code address=}
 *       equals {@code network=}.
 *   <li>A {@code /system script} prints {@code dont-require-permissions=} and {@code owner=}.
 *   <li>VRRP grouping is {@code group-master} before 7.10 and {@code group-authority} from 7.10;
 *       a scheduler's {@code start-date=} is in the release's date format. (A 7.10 beta may print
 *       either grouping name: 7.10beta5 prints {@code group-master}, 7.10beta8 {@code group-authority}.)
 * </ol>
 */
public final class TerseExportRules {
  private static final Pattern HEADER = Pattern.compile("# (\\S+) (\\S+) by RouterOS ([0-9]+)\\.([0-9]+)(\\S*)");
  private static final Pattern COMMAND = Pattern.compile("(/[a-z0-9-]+(?: [a-z0-9-]+)*?) (add|set)((?: .*)?)");
  private static final Pattern MONTH_DATE = Pattern.compile("[a-z]{3}/[0-9]{2}/[0-9]{4}|---/--/----");
  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}|____-__-__");

  /**
   * One command of the export, continuation lines joined.
   *
   * @param lineNumber the line it starts on (1-based, the export's first line being 1)
   * @param menu the menu path, {@code /ip address}
   * @param keys the property names, in the order printed
   * @param values the properties, unquoted
   */
  public record Command(int lineNumber, String menu, List<String> keys, Map<String, String> values) {}

  private TerseExportRules() {}

  /** What in {@code export} breaks the rules, each naming its line; empty when it keeps them all. */
  public static List<String> violations(String export) {
    List<String> out = new ArrayList<>();
    String[] lines = export.split("\n", -1);
    Matcher header = HEADER.matcher(lines[0]);
    if (!header.matches()) {
      out.add("line 1: not an export header: " + lines[0]);
      return out;
    }
    int major = Integer.parseInt(header.group(3));
    int minor = Integer.parseInt(header.group(4));
    boolean isoDates = major > 7 || (major == 7 && minor >= 10);
    Pattern dates = isoDates ? ISO_DATE : MONTH_DATE;
    if (!dates.matcher(header.group(1)).matches()) {
      out.add("line 1: date " + header.group(1) + " is not as RouterOS " + major + "." + minor + " prints dates");
    }
    for (Command c : commands(lines, out)) {
      String at = "line " + c.lineNumber() + " (" + c.menu() + "): ";
      List<String> sorted = new ArrayList<>(c.keys());
      sorted.sort(null);
      if (!sorted.equals(c.keys())) {
        out.add(at + "properties not in alphabetical order: " + c.keys());
      }
      Map<String, String> v = c.values();
      if (c.menu().equals("/ip address")) {
        String address = v.getOrDefault("address", "");
        if (address.endsWith("/32")) {
          out.add(at + "a single host printed with /32: " + address);
        } else if (!address.contains("/") && !address.equals(v.get("network"))) {
          out.add(at + "a bare address whose network differs: " + address + " vs " + v.get("network"));
        }
      }
      if (c.menu().equals("/system script")
          && !(v.containsKey("dont-require-permissions") && v.containsKey("owner"))) {
        out.add(at + "a script without dont-require-permissions= and owner=");
      }
      if (c.menu().equals("/interface vrrp")) {
        // The rename happened during the 7.10 betas: a beta may print either name.
        boolean beta = header.group(5).contains("beta");
        String wrong = major == 6 || beta ? null : isoDates ? "group-master" : "group-authority";
        if (major == 6 && (v.containsKey("group-master") || v.containsKey("group-authority"))) {
          out.add(at + "RouterOS 6 has no VRRP grouping");
        } else if (wrong != null && v.containsKey(wrong)) {
          out.add(at + wrong + " is not what RouterOS " + major + "." + minor + " prints");
        }
      }
      if (c.menu().equals("/system scheduler") && v.containsKey("start-date")
          && !dates.matcher(v.get("start-date")).matches()) {
        out.add(at + "start-date " + v.get("start-date") + " is not as RouterOS " + major + "." + minor + " prints dates");
      }
    }
    return out;
  }

  /** The commands of an export's lines; what is neither a command, a comment nor a continuation goes to {@code problems}. */
  public static List<Command> commands(String[] lines, List<String> problems) {
    List<Command> out = new ArrayList<>();
    int i = 1;
    while (i < lines.length) {
      String line = lines[i];
      int start = i + 1;
      i++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith(" ")) {
        problems.add("line " + start + ": a continuation after a line that did not end in \\: " + line);
        continue;
      }
      StringBuilder joined = new StringBuilder(line);
      while (joined.length() > 0 && joined.charAt(joined.length() - 1) == '\\' && i < lines.length) {
        String next = lines[i];
        if (!next.startsWith("    \\n")) {
          problems.add("line " + (i + 1) + ": a continuation that is not four spaces and \\n: " + next);
        }
        joined.setLength(joined.length() - 1);
        joined.append(next.startsWith("    ") ? next.substring(4) : next);
        i++;
      }
      Matcher m = COMMAND.matcher(joined);
      if (!m.matches()) {
        problems.add("line " + start + ": neither a command nor a comment: " + line);
        continue;
      }
      List<String> keys = new ArrayList<>();
      Map<String, String> values = new TreeMap<>();
      properties(m.group(3), keys, values);
      out.add(new Command(start, m.group(1), keys, values));
    }
    return out;
  }

  /** The {@code key=value} pairs of a command's tail, skipping {@code [ find ... ]}, item numbers and bare words. */
  private static void properties(String tail, List<String> keys, Map<String, String> values) {
    int i = 0;
    int n = tail.length();
    while (i < n) {
      char c = tail.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '[') {
        int depth = 0;
        do {
          char d = tail.charAt(i);
          depth += d == '[' ? 1 : d == ']' ? -1 : 0;
          i++;
        } while (i < n && depth > 0);
      } else {
        int wordEnd = i;
        while (wordEnd < n && tail.charAt(wordEnd) != '=' && tail.charAt(wordEnd) != ' ') {
          wordEnd++;
        }
        if (wordEnd >= n || tail.charAt(wordEnd) == ' ') {
          i = wordEnd; // a bare word such as !keepalive or an item number
          continue;
        }
        String key = tail.substring(i, wordEnd);
        StringBuilder value = new StringBuilder();
        i = wordEnd + 1;
        if (i < n && tail.charAt(i) == '"') {
          i++;
          while (i < n && tail.charAt(i) != '"') {
            if (tail.charAt(i) == '\\' && i + 1 < n) {
              char e = tail.charAt(++i);
              value.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
            } else {
              value.append(tail.charAt(i));
            }
            i++;
          }
          i++;
        } else {
          while (i < n && tail.charAt(i) != ' ') {
            value.append(tail.charAt(i++));
          }
        }
        keys.add(key);
        values.put(key, value.toString());
      }
    }
  }

  /** Whether a corpus text is an {@code /export terse}: no line is a menu header on its own. */
  public static boolean isTerse(String text) {
    return text.lines().noneMatch(l -> l.matches("/[a-z0-9 -]+"));
  }
}
