package io.haprovision.lab.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a simulated node's commands from the recording: a facts probe that is, once renamed
 * back and given the recorded nonce, exactly the recorded script gets the recorded output,
 * renamed for the node, under the script's nonce, each probed file's hash recomputed over its
 * renamed content. Anything else is refused (exit 125) with the first line that differs.
 */
public final class ProbeReplay {
  /** Exit status of a refused command. */
  public static final int REFUSED = 125;

  /** The nonce the script's frame functions print (the probe's framing, as sent on the wire). */
  private static final Pattern NONCE = Pattern.compile("printf '@@ha-%s begin %s@@\\\\n' ([0-9a-f]{8,32}) ");
  /** A section of the script: its id and body. */
  private static final Pattern SECTION =
      Pattern.compile("(?m)^ha_begin (\\S+)\\n\\(\\n(.*?)\\n?\\) </dev/null\\nha_end \\1 ", Pattern.DOTALL);
  private static final Pattern FILE_VARIABLE = Pattern.compile("(?m)^f=(?:'([^']*)'|(\\S+))$");

  /** What a node answered. */
  public record Answer(String stdout, String stderr, int exit) {}

  private record Role(FleetRecording.RecordedNode node, String nonce, Map<String, String> hashedFiles) {}

  private final List<Role> roles;

  /** A replay of {@code recording}. */
  public ProbeReplay(FleetRecording recording) {
    this.roles = recording.nodes().stream().map(ProbeReplay::role).toList();
  }

  private static Role role(FleetRecording.RecordedNode node) {
    String nonce = nonceOf(node.script()).orElseThrow(
        () -> new IllegalArgumentException("the recorded script of " + node.name() + " has no probe nonce"));
    return new Role(node, nonce, hashedFiles(node.script()));
  }

  /**
   * The files a probe script hashes, by section id: the {@code f=PATH} of each section that
   * runs {@code sha256sum}.
   */
  static Map<String, String> hashedFiles(String script) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(script);
    while (m.find()) {
      String body = m.group(2);
      Matcher f = FILE_VARIABLE.matcher(body);
      if (body.contains("sha256sum") && f.find()) {
        files.put(m.group(1), f.group(1) != null ? f.group(1) : f.group(2));
      }
    }
    return files;
  }

  private static Optional<String> nonceOf(String script) {
    Matcher m = NONCE.matcher(script);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The answer of node {@code index} (0: primary, 1: secondary) of the pair {@code renaming}
   * describes to {@code command} with {@code stdin}.
   */
  public Answer answer(int index, Renaming renaming, String command, String stdin) {
    Role role = roles.get(index);
    if (!command.equals(role.node().command())) {
      return refused("command '" + command + "' was not recorded (recorded: '" + role.node().command() + "')");
    }
    Optional<String> nonce = nonceOf(stdin);
    if (nonce.isEmpty()) {
      return refused("the script has no probe nonce; only the recorded facts probe is answered");
    }
    String asRecorded = renaming.toRecorded(stdin.replace(nonce.get(), role.nonce()));
    if (!asRecorded.equals(role.node().script())) {
      return refused(firstDifference(asRecorded, role.node().script()));
    }
    String stdout = renaming.toVirtual(role.node().stdout());
    for (Map.Entry<String, String> f : role.hashedFiles().entrySet()) {
      String content = role.node().files().get(f.getValue());
      if (content != null) {
        stdout = withHash(stdout, role.nonce(), f.getKey(), sha256(renaming.toVirtual(content)));
      }
    }
    return new Answer(stdout.replace(role.nonce(), nonce.get()),
        renaming.toVirtual(role.node().stderr()).replace(role.nonce(), nonce.get()), role.node().exit());
  }

  /** {@code stdout} with the {@code sha256=} line of section {@code id} set to {@code hash}. */
  private static String withHash(String stdout, String nonce, String id, String hash) {
    String begin = "@@ha-" + nonce + " begin " + id + "@@\n";
    int from = stdout.indexOf(begin);
    int end = from < 0 ? -1 : stdout.indexOf("\n@@ha-" + nonce + " end " + id + " ", from);
    int line = from < 0 || end < 0 ? -1 : stdout.indexOf("\nsha256=", from + begin.length() - 1);
    if (line < 0 || line > end) {
      return stdout;
    }
    int lineEnd = stdout.indexOf('\n', line + 1);
    return stdout.substring(0, line + 1) + "sha256=" + hash + stdout.substring(lineEnd < 0 ? stdout.length() : lineEnd);
  }

  private static String firstDifference(String got, String recorded) {
    String[] a = got.split("\n", -1);
    String[] b = recorded.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "(end of script)";
      String y = i < b.length ? b[i] : "(end of script)";
      if (!x.equals(y)) {
        return "the script differs from the recorded one at line " + (i + 1) + ": got '" + x + "', recorded '" + y
            + "'; record the fleet again from a lab pair converged by this build";
      }
    }
    return "the script differs from the recorded one";
  }

  private static Answer refused(String why) {
    return new Answer("", "ha-provision fleet simulator: " + why + "\n", REFUSED);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
