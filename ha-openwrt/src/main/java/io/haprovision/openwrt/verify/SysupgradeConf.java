package io.haprovision.openwrt.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /etc/sysupgrade.conf} read the way {@code sysupgrade -l} reads it: lines starting
 * with {@code #} and blank lines are dropped, every other line is split into words (the
 * shell passes the list unquoted to {@code find}), and each word names a file or a
 * directory whose whole tree is kept; shell wildcards ({@code *}, {@code ?}, {@code [..]})
 * match within one path component.
 *
 * @param entries the words that name kept paths, in file order
 */
public record SysupgradeConf(List<String> entries) {
  /** Copies the list. */
  public SysupgradeConf {
    entries = List.copyOf(entries);
  }

  /** Parses the file's text (empty text: nothing kept). */
  public static SysupgradeConf parse(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      // sysupgrade drops "^#" lines and blank ones only; an indented "#" is not a comment
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      for (String word : line.strip().split("\\s+")) {
        out.add(word);
      }
    }
    return new SysupgradeConf(out);
  }

  /** Whether a firmware upgrade keeps {@code path} (an absolute file path). */
  public boolean keeps(String path) {
    String p = trim(path);
    for (String entry : entries) {
      String e = trim(entry);
      if (e.equals("/") && p.startsWith("/")) {
        return true;
      }
      if (glob(e)) {
        Pattern re = Pattern.compile(toRegex(e) + "(/.*)?");
        if (re.matcher(p).matches()) {
          return true;
        }
      } else if (p.equals(e) || p.startsWith(e + "/")) {
        return true;
      }
    }
    return false;
  }

  /** The paths of {@code managed} that a firmware upgrade would lose, in the given order. */
  public List<String> lost(Collection<String> managed) {
    return managed.stream().filter(p -> !keeps(p)).toList();
  }

  private static String trim(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static boolean glob(String word) {
    return word.indexOf('*') >= 0 || word.indexOf('?') >= 0 || word.indexOf('[') >= 0;
  }

  private static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 1);
        if (end < 0) {
          re.append("\\[");
        } else {
          String set = glob.substring(i + 1, end);
          boolean negated = set.startsWith("!");
          re.append('[').append(negated ? "^" : "");
          for (char s : (negated ? set.substring(1) : set).toCharArray()) {
            re.append(Character.isLetterOrDigit(s) || s == '-' ? String.valueOf(s) : "\\" + s);
          }
          re.append(']');
          i = end;
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
