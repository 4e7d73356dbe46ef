package io.haprovision.yaml;

import com.google.common.base.CharMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Key paths: {@code pairs[0].vrrp.instances[1].virtual_router_id}. A key that is not a
 * plain word (an interface named {@code eth0.100}) is written {@code ["eth0.100"]} so
 * paths stay unambiguous.
 */
public final class YamlPath {
  /**
   * {@code [A-Za-z0-9_-]}: a key of only these is written plain. A character matcher, not a
   * regular expression: every key of a large inventory passes here, and a matcher object per
   * key was a good part of loading's garbage.
   */
  private static final CharMatcher PLAIN_KEY = CharMatcher.inRange('a', 'z').or(CharMatcher.inRange('A', 'Z'))
      .or(CharMatcher.inRange('0', '9')).or(CharMatcher.anyOf("_-")).precomputed();

  private YamlPath() {}

  /** The path of {@code key} under {@code parent}. */
  public static String child(String parent, String key) {
    String segment = isPlainKey(key) ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    if (parent == null || parent.isEmpty()) {
      return segment;
    }
    return segment.startsWith("[") ? parent + segment : parent + "." + segment;
  }

  /** The path of item {@code index} of the list at {@code parent}. */
  public static String index(String parent, int index) {
    return (parent == null ? "" : parent) + "[" + index + "]";
  }

  /** The path one level up; empty for a top-level key or the root. */
  public static String parent(String path) {
    List<Object> segments = segments(path);
    if (segments.isEmpty()) {
      return "";
    }
    return join(segments.subList(0, segments.size() - 1));
  }

  /** The segments of a path: {@link String} for keys, {@link Integer} for list indexes. */
  public static List<Object> segments(String path) {
    List<Object> out = new ArrayList<>();
    if (path == null) {
      return out;
    }
    int i = 0;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '[' && i + 1 < n && path.charAt(i + 1) == '"') {
        StringBuilder key = new StringBuilder();
        int j = i + 2;
        while (j < n && path.charAt(j) != '"') {
          if (path.charAt(j) == '\\' && j + 1 < n) {
            j++;
          }
          key.append(path.charAt(j++));
        }
        out.add(key.toString());
        i = Math.min(n, j + 2);
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          close = n;
        }
        String digits = path.substring(i + 1, close);
        out.add(isDigits(digits) ? (Object) Integer.valueOf(digits) : digits);
        i = close + 1;
      } else {
        int j = i;
        while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
          j++;
        }
        out.add(path.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  private static boolean isPlainKey(String key) {
    return !key.isEmpty() && PLAIN_KEY.matchesAllOf(key);
  }

  /** {@code [0-9]+}, short enough for an int (a list index). */
  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.length() <= 9 && CharMatcher.inRange('0', '9').matchesAllOf(text);
  }

  private static String join(List<Object> segments) {
    String out = "";
    for (Object s : segments) {
      out = s instanceof Integer idx ? index(out, idx) : child(out, (String) s);
    }
    return out;
  }
}
