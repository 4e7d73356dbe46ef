package io.haprovision.adopt;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses keepalived.conf the way keepalived reads it (keepalived.conf(5)): keywords with
 * arguments, one statement per line, blocks between {@code {} and {@code }} which may open on
 * the keyword's line or the next and may hold statements on the same line
 * ({@code unicast_peer { 192.0.2.3 }}), comments from {@code #} or {@code !} to the end of the
 * line, double-quoted strings as one word. Pure; never fails on unknown keywords (the adoption
 * reports them), only on braces that do not match.
 */
public final class KeepalivedConfReader {
  private KeepalivedConfReader() {}

  /** A brace that does not match: the file is not one keepalived would take. */
  public static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private record Token(String text, boolean quoted, int line) {
    boolean is(String s) {
      return !quoted && text.equals(s);
    }
  }

  /**
   * The top-level statements of {@code text}.
   *
   * @throws SyntaxError on an unmatched brace, naming the line
   */
  public static List<ConfNode> parse(String text) {
    List<List<Token>> lines = tokenize(text);
    int[] at = {0};
    List<ConfNode> out = block(lines, at, 0);
    if (at[0] < lines.size()) {
      throw new SyntaxError("line " + lines.get(at[0]).get(0).line() + ": '}' closes no block");
    }
    return out;
  }

  /** Statements until a line that starts with '}' (consumed by the caller) or the end. */
  private static List<ConfNode> block(List<List<Token>> lines, int[] at, int depth) {
    List<ConfNode> out = new ArrayList<>();
    while (at[0] < lines.size()) {
      List<Token> line = lines.get(at[0]);
      if (line.get(0).is("}")) {
        if (depth == 0) {
          return out;
        }
        // Closing this block: leave the rest of the line (rare: "} foo") to the parent.
        lines.set(at[0], line.subList(1, line.size()));
        if (lines.get(at[0]).isEmpty()) {
          at[0]++;
        }
        return out;
      }
      at[0]++;
      out.add(statement(line, lines, at, depth));
    }
    if (depth > 0) {
      throw new SyntaxError("a block is not closed: '}' missing at the end of the file");
    }
    return out;
  }

  private static ConfNode statement(List<Token> line, List<List<Token>> lines, int[] at, int depth) {
    String keyword = line.get(0).text();
    int lineNo = line.get(0).line();
    List<String> args = new ArrayList<>();
    int i = 1;
    while (i < line.size() && !line.get(i).is("{") && !line.get(i).is("}")) {
      args.add(line.get(i).text());
      i++;
    }
    boolean opens = i < line.size() && line.get(i).is("{");
    if (!opens && i == line.size() && at[0] < lines.size() && lines.get(at[0]).get(0).is("{")) {
      // The brace on the next line.
      List<Token> next = lines.get(at[0]);
      lines.set(at[0], next.subList(1, next.size()));
      if (lines.get(at[0]).isEmpty()) {
        at[0]++;
      }
      opens = true;
    } else if (opens) {
      List<Token> rest = line.subList(i + 1, line.size());
      if (!rest.isEmpty()) {
        lines.add(at[0], new ArrayList<>(rest));
      }
    } else if (i < line.size()) {
      // "}" after arguments on the same line: the block's end, for the caller.
      lines.add(at[0], new ArrayList<>(line.subList(i, line.size())));
    }
    if (!opens) {
      return new ConfNode(keyword, args, List.of(), lineNo);
    }
    List<ConfNode> children = block(lines, at, depth + 1);
    return new ConfNode(keyword, args, children, lineNo);
  }

  private static List<List<Token>> tokenize(String text) {
    List<List<Token>> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int n = 0; n < raw.length; n++) {
      String s = raw[n];
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '#' || c == '!') {
          break;
        }
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '{' || c == '}') {
          tokens.add(new Token(String.valueOf(c), false, n + 1));
          i++;
        } else if (c == '"') {
          int end = s.indexOf('"', i + 1);
          if (end < 0) {
            end = s.length();
          }
          tokens.add(new Token(s.substring(i + 1, end), true, n + 1));
          i = Math.min(s.length(), end + 1);
        } else {
          int start = i;
          while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "{}\"#!".indexOf(s.charAt(i)) < 0) {
            i++;
          }
          tokens.add(new Token(s.substring(start, i), false, n + 1));
        }
      }
      if (!tokens.isEmpty()) {
        lines.add(tokens);
      }
    }
    return lines;
  }
}
