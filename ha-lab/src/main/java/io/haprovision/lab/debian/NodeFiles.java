package io.haprovision.lab.debian;

import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Puts files into lab nodes from the host without SSH, e.g. the management API simulator's
 * CA certificate ({@code ManagementApiSimulator.caPem()}) where a bonder's {@code ca_file}
 * points: the host's temporary files are not visible in a node (its {@code /tmp} and
 * {@code /run} are its own).
 */
public final class NodeFiles {
  private NodeFiles() {}

  /**
   * Writes {@code content} to {@code path} in lab member {@code member} with octal
   * {@code mode} (such as {@code "0644"}), creating parent directories; owner root.
   *
   * @throws IllegalStateException when the node refused (the message has its output)
   */
  public static void write(Lab lab, String member, String path, String content, String mode) {
    if (!path.startsWith("/") || path.contains("'") || !mode.matches("[0-7]{3,4}")) {
      throw new IllegalArgumentException("need an absolute path without quotes and an octal mode: " + path + " " + mode);
    }
    String encoded = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    // the mode is set before the content arrives, so a 0600 file is never readable by others
    String tmp = "'" + path + ".lab-tmp'";
    String command = "set -e; mkdir -p \"$(dirname '" + path + "')\"; "
        + ": > " + tmp + "; chown root:root " + tmp + "; chmod " + mode + " " + tmp + "; "
        + "printf '%s' '" + encoded + "' | base64 -d >> " + tmp + "; "
        + "mv -f " + tmp + " '" + path + "'";
    ExecResult result = lab.exec(member, command, Duration.ofSeconds(30));
    if (!result.ok()) {
      throw new IllegalStateException("cannot write " + path + " on " + member + ": " + result.describe());
    }
  }
}
