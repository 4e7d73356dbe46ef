package io.haprovision.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Key paths: {@code pairs[0].vrrp.instances[1].virtual_router_id}. A key that is not a
 * plain word (an interface named {@code eth0.100}) is written {@code ["eth0.100"]} so
 * paths stay unambiguous.
 */
public final class YamlPath {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private YamlPath() {}

  /** The path of {@code key} under {@code parent}. */
  public static String child(String parent, String key) {
    String segment = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
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
        out.add(digits.matches("[0-9]+") ? (Object) Integer.valueOf(digits) : digits);
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

  private static String join(List<Object> segments) {
    String out = "";
    for (Object s : segments) {
      out = s instanceof Integer idx ? index(out, idx) : child(out, (String) s);
    }
    return out;
  }
}
