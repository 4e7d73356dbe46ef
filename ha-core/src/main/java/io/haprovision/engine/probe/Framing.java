package io.haprovision.engine.probe;

import io.haprovision.error.InternalException;
import io.haprovision.error.TargetException;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.transport.ExecResult;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Joins probe snippets into one POSIX sh script and cuts its output back into sections.
 *
 * <p>Each section runs as {@code ( SNIPPET ) </dev/null} between two frame lines written to
 * both stdout and stderr: {@code @@ha-NONCE begin ID@@} and {@code @@ha-NONCE end ID RC@@}.
 * The end line is preceded by a newline of its own, which the parser removes, so a section's
 * output comes back byte for byte, with or without a final newline. The nonce is random per
 * script, so no content can forge a frame line. The script is sent on stdin to {@code sh -s}
 * ({@link #COMMAND}): command lines are limited on some SSH servers (dropbear), stdin is not.
 */
public final class Framing {
  /** The command that runs a probe script sent on stdin. */
  public static final String COMMAND = "sh -s";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern NONCE = Pattern.compile("[0-9a-f]{8,32}");

  private Framing() {}

  /** A fresh random nonce (16 hex digits). */
  public static String newNonce() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * The script: a fixed environment ({@code LC_ALL=C}, sbin directories appended to PATH),
   * {@code preamble} (shell functions the snippets share), then each section framed.
   *
   * @throws InternalException on a malformed nonce or duplicate section ids
   */
  public static String script(String nonce, String preamble, List<ProbeSection> sections) {
    checkNonce(nonce);
    Set<String> ids = new HashSet<>();
    StringBuilder s = new StringBuilder();
    s.append("# ha-provision probe: ").append(sections.size()).append(" sections\n");
    s.append("LC_ALL=C; export LC_ALL\n");
    s.append("PATH=\"$PATH:/usr/sbin:/usr/bin:/sbin:/bin\"; export PATH\n");
    s.append("ha_begin() { printf '@@ha-%s begin %s@@\\n' ").append(nonce).append(" \"$1\";")
        .append(" printf '@@ha-%s begin %s@@\\n' ").append(nonce).append(" \"$1\" >&2; }\n");
    s.append("ha_end() { printf '\\n@@ha-%s end %s %s@@\\n' ").append(nonce).append(" \"$1\" \"$2\";")
        .append(" printf '\\n@@ha-%s end %s %s@@\\n' ").append(nonce).append(" \"$1\" \"$2\" >&2; }\n");
    if (!preamble.isEmpty()) {
      s.append(preamble);
      if (!preamble.endsWith("\n")) {
        s.append('\n');
      }
    }
    for (ProbeSection section : sections) {
      if (!ids.add(section.id())) {
        throw new InternalException("probe section " + section.id() + " appears twice");
      }
      s.append("ha_begin ").append(section.id()).append('\n');
      s.append("(\n").append(section.snippet());
      if (!section.snippet().endsWith("\n")) {
        s.append('\n');
      }
      s.append(") </dev/null\n");
      s.append("ha_end ").append(section.id()).append(" \"$?\"\n");
    }
    return s.toString();
  }

  /**
   * Cuts a probe command's output into its sections, by id, in output order.
   *
   * @param expected the section ids the script had; each must be present on stdout
   * @throws TargetException ({@code FAILED}) when a section is missing or unterminated (the
   *     shell died, or the node is not a POSIX system): the message quotes stderr
   */
  public static Map<String, ProbeOutput> parse(String nonce, String target, List<String> expected, ExecResult result) {
    checkNonce(nonce);
    Map<String, Frame> out = frames(nonce, result.stdout());
    Map<String, Frame> err = frames(nonce, result.stderr());
    Map<String, ProbeOutput> sections = new LinkedHashMap<>();
    for (String id : expected) {
      Frame frame = out.get(id);
      if (frame == null) {
        throw new TargetException(TargetException.Kind.FAILED, target,
            "the probe command ended before section " + id + " finished (exit " + result.exitCode()
                + "); is the login shell a POSIX sh? stderr: " + clip(unframed(nonce, result.stderr())));
      }
      Frame e = err.get(id);
      sections.put(id, new ProbeOutput(id, target, frame.text(), e == null ? "" : e.text(), frame.exitCode()));
    }
    return sections;
  }

  private record Frame(String text, int exitCode) {}

  // Plain string search, not regular expressions: a run over many nodes cuts thousands of
  // sections, and a pattern compiled per section was a visible share of the control host's CPU.
  private static Map<String, Frame> frames(String nonce, String stream) {
    String begin = "@@ha-" + nonce + " begin ";
    Map<String, Frame> frames = new LinkedHashMap<>();
    int from = 0;
    while (true) {
      int b = lineStart(stream, begin, from);
      if (b < 0) {
        break;
      }
      int close = stream.indexOf("@@\n", b + begin.length());
      String id = close < 0 ? null : stream.substring(b + begin.length(), close);
      if (id == null || !isSectionId(id)) {
        from = b + begin.length();
        continue;
      }
      int start = close + 3;
      String end = "\n@@ha-" + nonce + " end " + id + " ";
      int e = stream.indexOf(end, start);
      int codeEnd = e < 0 ? -1 : stream.indexOf("@@", e + end.length());
      Integer code = codeEnd < 0 ? null : exitCode(stream.substring(e + end.length(), codeEnd));
      int after = codeEnd + 2;
      if (code == null || (after < stream.length() && stream.charAt(after) != '\n')) {
        break; // unterminated: the section is reported missing
      }
      frames.put(id, new Frame(stream.substring(start, e), code));
      from = Math.min(after + 1, stream.length());
    }
    return frames;
  }

  /** Where {@code marker} next starts a line at or after {@code from}, or -1. */
  private static int lineStart(String stream, String marker, int from) {
    int i = stream.indexOf(marker, from);
    while (i > 0 && stream.charAt(i - 1) != '\n') {
      i = stream.indexOf(marker, i + 1);
    }
    return i;
  }

  private static boolean isSectionId(String id) {
    if (id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
          || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The exit code of an end line, or null when it is not an optionally signed decimal number. */
  private static Integer exitCode(String text) {
    int digits = text.startsWith("-") ? 1 : 0;
    if (text.length() == digits || text.length() > 11) {
      return null;
    }
    for (int i = digits; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Text outside every frame: what the shell itself said (a syntax error, a login banner). */
  private static String unframed(String nonce, String stream) {
    return stream.replaceAll("(?s)@@ha-" + nonce + " begin [^@]*@@\n.*?\n@@ha-" + nonce + " end [^@]*@@\n?", "")
        .replaceAll("(?m)^@@ha-" + nonce + " begin [^@]*@@\n", "");
  }

  private static void checkNonce(String nonce) {
    if (nonce == null || !NONCE.matcher(nonce).matches()) {
      throw new InternalException("probe nonce must be 8..32 lowercase hex digits, got '" + nonce + "'");
    }
  }

  private static String clip(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return "(empty)";
    }
    return t.length() > 500 ? t.substring(0, 500) + " [...]" : t;
  }
}
