package io.haprovision.transport;

import io.haprovision.error.TargetException;
import io.haprovision.resource.Sha256;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files on a node, through exec channels only: OpenWrt's dropbear has no SFTP and OpenSSH 9's
 * scp needs it. Every script here is POSIX {@code sh} (busybox ash, dash, bash) and quotes
 * every path with {@link ShellQuote}.
 *
 * <p>{@link #install} is atomic: the content goes to a staged file next to the target, gets its
 * mode and owner, is synced and validated on the node, and only then renamed over the target,
 * all in one command. A reader sees the old file or the new one, never a mix.
 */
public final class RemoteFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern VALIDATION_EXIT =
      Pattern.compile("(?m)^ha-provision: validation exited (\\d+)\\s*\\z");
  /** Exit codes of the install script, one per step, so failures can be told apart. */
  static final int EXIT_NO_DIRECTORY = 90;
  static final int EXIT_WRITE = 91;
  static final int EXIT_ATTRIBUTES = 92;
  static final int EXIT_VALIDATION = 93;
  static final int EXIT_RENAME = 94;
  static final int EXIT_INCOMPLETE = 95;
  /** What {@link #fetch} and {@link #remove} exit with when the path does not exist. */
  static final int EXIT_MISSING = 44;

  private final Connection connection;

  /** Files on the node behind {@code connection}. */
  public RemoteFiles(Connection connection) {
    this.connection = connection;
  }

  /**
   * Installs {@code content} at {@code path} atomically (see the class comment). The staged
   * file is {@code .NAME.ha-new.RANDOM} in the target's directory and is removed on any
   * failure; the live file is then left untouched.
   *
   * @param path absolute path on the node
   * @param content the bytes to install; sent over stdin, never in a message
   * @throws TargetException ({@code FAILED}) naming the step that failed; for a failed
   *     validation the message quotes the validator's output
   */
  public void install(String path, byte[] content, InstallOptions options) {
    checkPath(path);
    String staged = stagedPath(path);
    ExecResult r = connection.exec(installScript(path, staged, options, content.length, Sha256.of(content)), content);
    if (r.ok()) {
      return;
    }
    String stderr = r.stderr().strip();
    String why;
    switch (r.exitCode()) {
      case EXIT_NO_DIRECTORY:
        why = "its directory is missing: " + stderr;
        break;
      case EXIT_WRITE:
        why = "writing the staged file failed (disk full? read-only file system?): " + stderr;
        break;
      case EXIT_ATTRIBUTES:
        why = "setting mode " + options.mode() + ownerText(options) + " failed: " + stderr;
        break;
      case EXIT_VALIDATION: {
        Matcher m = VALIDATION_EXIT.matcher(stderr);
        String code = m.find() ? m.group(1) : "non-zero";
        String output = m.replaceAll("").strip();
        why = "validation `" + options.validateCommand() + "` exited " + code
            + " and the live file was left unchanged. Validator output:\n"
            + (output.isEmpty() ? "(none)" : clip(output));
        break;
      }
      case EXIT_RENAME:
        why = "renaming the staged file over it failed: " + stderr;
        break;
      case EXIT_INCOMPLETE:
        why = "the content did not arrive whole (the session was cut while sending it?), so nothing was"
            + " installed: " + stderr;
        break;
      default:
        why = "the install command exited " + r.exitCode() + ": " + stderr;
    }
    throw new TargetException(TargetException.Kind.FAILED, connection.target(),
        "installing " + path + " failed: " + why);
  }

  /**
   * The content of a text file on the node, decoded as UTF-8, or empty when nothing exists at
   * {@code path}.
   *
   * @throws TargetException ({@code FAILED}) when the path exists but cannot be read
   */
  public Optional<String> fetch(String path) {
    checkPath(path);
    String p = ShellQuote.quote(path);
    ExecResult r = connection.exec("[ -e " + p + " ] || exit " + EXIT_MISSING + "; exec cat " + p);
    if (r.exitCode() == EXIT_MISSING) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, connection.target(),
          "reading " + path + " failed: " + r.stderr().strip());
    }
    return Optional.of(r.stdout());
  }

  /**
   * Removes the file (or symlink) at {@code path}.
   *
   * @return true if something was removed, false if nothing was there
   * @throws TargetException ({@code FAILED}) when it exists but cannot be removed
   */
  public boolean remove(String path) {
    checkPath(path);
    String p = ShellQuote.quote(path);
    ExecResult r = connection.exec(
        "{ [ -e " + p + " ] || [ -L " + p + " ]; } || exit " + EXIT_MISSING + "; rm -f " + p);
    if (r.exitCode() == EXIT_MISSING) {
      return false;
    }
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, connection.target(),
          "removing " + path + " failed: " + r.stderr().strip());
    }
    return true;
  }

  /**
   * The install script: one POSIX sh program, content on stdin. Visible for tests.
   *
   * <p>Order matters: write under umask 077 (a secret is never readable by others, even
   * briefly), refuse to write through an existing file ({@code set -C}), check that all
   * {@code length} bytes arrived and (where the node has {@code sha256sum}) that they are the
   * ones sent: the end of stdin is also what a cut session looks like, and an empty or short
   * file must never be installed, whatever a validator makes of it. Then set owner before mode
   * (chown may clear set-id bits), sync, validate, check the session is still there (a line
   * to it; a cut session makes that write fail), and only then rename. An EXIT trap removes
   * the staged file on every failure.
   */
  static String installScript(String path, String staged, InstallOptions o, long length, String sha256) {
    String dir = parent(path);
    StringBuilder s = new StringBuilder();
    s.append("p=").append(ShellQuote.quote(path)).append('\n');
    s.append("t=").append(ShellQuote.quote(staged)).append('\n');
    s.append("d=").append(ShellQuote.quote(dir)).append('\n');
    s.append("if [ ! -d \"$d\" ]; then\n");
    if (o.createParents()) {
      s.append("  (umask 022 && mkdir -p \"$d\") || exit ").append(EXIT_NO_DIRECTORY).append('\n');
    } else {
      s.append("  echo \"directory $d does not exist\" >&2; exit ").append(EXIT_NO_DIRECTORY)
          .append('\n');
    }
    s.append("fi\n");
    s.append("trap 'rm -f \"$t\"' EXIT\n");
    // PIPE too: a cut session kills the shell with SIGPIPE at its first write, which skips the EXIT trap.
    s.append("trap 'exit 129' HUP INT TERM PIPE\n");
    s.append("umask 077\n");
    s.append("set -C\n");
    s.append("cat > \"$t\" || exit ").append(EXIT_WRITE).append('\n');
    s.append("set +C\n");
    s.append("n=$(wc -c < \"$t\" | tr -d ' ')\n");
    s.append("if [ \"$n\" != ").append(length).append(" ]; then echo \"received $n of ").append(length)
        .append(" bytes\" >&2; exit ").append(EXIT_INCOMPLETE).append("; fi\n");
    s.append("if command -v sha256sum >/dev/null 2>&1; then\n");
    s.append("  h=$(sha256sum < \"$t\" | cut -d ' ' -f 1)\n"); // stdin: no name, so no escaped output
    s.append("  if [ \"$h\" != ").append(sha256).append(" ]; then echo \"received bytes whose SHA-256 is $h, not the ")
        .append("content's\" >&2; exit ").append(EXIT_INCOMPLETE).append("; fi\n");
    s.append("fi\n");
    if (o.owner() != null) {
      String who = o.group() != null ? o.owner() + ":" + o.group() : o.owner();
      s.append("chown ").append(ShellQuote.quote(who)).append(" \"$t\" || exit ")
          .append(EXIT_ATTRIBUTES).append('\n');
    } else if (o.group() != null) {
      s.append("chgrp ").append(ShellQuote.quote(o.group())).append(" \"$t\" || exit ")
          .append(EXIT_ATTRIBUTES).append('\n');
    }
    s.append("chmod ").append(o.mode()).append(" \"$t\" || exit ").append(EXIT_ATTRIBUTES)
        .append('\n');
    // busybox before 1.25 takes no file argument: fall back to a full sync.
    s.append("sync \"$t\" 2>/dev/null || sync\n");
    if (o.validateCommand() != null) {
      String cmd = o.validateCommand().replace("%s", "\"$t\"");
      // A subshell, so an `exit` in the validator cannot skip the cleanup and the marker.
      s.append("(\n").append(cmd).append("\n) </dev/null >&2\n");
      s.append("rc=$?\n");
      s.append("if [ \"$rc\" -ne 0 ]; then echo \"ha-provision: validation exited $rc\" >&2; exit ")
          .append(EXIT_VALIDATION).append("; fi\n");
    }
    // Never outlive the session: a line to the session first. Once the session is gone (its
    // sshd killed) the write fails with SIGPIPE, trapped above, and nothing is renamed, even
    // when the whole content was already in the pipe.
    s.append("echo ha-provision: renaming || exit 129\n");
    s.append("mv -f \"$t\" \"$p\" || exit ").append(EXIT_RENAME).append('\n');
    s.append("trap - EXIT\n");
    s.append("exit 0\n");
    return s.toString();
  }

  /** {@code DIR/.NAME.ha-new.RANDOM}: same directory (same file system, so rename is atomic). */
  static String stagedPath(String path) {
    String dir = parent(path);
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.length() > 200) {
      name = name.substring(0, 200); // stay under NAME_MAX (255) with the suffix
    }
    byte[] r = new byte[6];
    RANDOM.nextBytes(r);
    return (dir.equals("/") ? "" : dir) + "/." + name + ".ha-new." + HexFormat.of().formatHex(r);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  private static void checkPath(String path) {
    if (path == null || !path.startsWith("/") || path.endsWith("/") || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not an absolute file path: " + path);
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("not a file path: " + path);
    }
  }

  private static String ownerText(InstallOptions o) {
    if (o.owner() == null && o.group() == null) {
      return "";
    }
    return " and owner " + (o.owner() == null ? "" : o.owner())
        + (o.group() == null ? "" : ":" + o.group());
  }

  private static String clip(String text) {
    return text.length() > 4000 ? text.substring(0, 4000) + "\n[... truncated]" : text;
  }
}
