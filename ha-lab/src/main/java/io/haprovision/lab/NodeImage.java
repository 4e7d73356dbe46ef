package io.haprovision.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A node's copy-on-write root before its first boot: files written here land in the
 * node's overlay upper directory and hide the host's file of the same path. Paths are
 * the paths the node will see; a path through a host symlink (such as {@code /sbin}
 * to {@code /usr/sbin}) is written to where the link points, so the link keeps working.
 * The node's {@code /root} is its own empty home (the host's dotfiles stay out), so
 * files under {@code /root} go there.
 */
public final class NodeImage {
  private static final Path HOST_ROOT = Path.of("/");

  /**
   * A personality's boot step: when the image has an executable file here, the lab runs it
   * as root inside the node (its namespaces and root) before the node's sshd starts; a
   * non-zero exit stops the node's boot.
   */
  public static final String BOOT_HOOK = "/usr/libexec/ha-provision-lab/boot";

  private final LabPair pair;
  private final LabNode node;
  private final Path upper;
  private final Path home;
  private final List<String> removals = new ArrayList<>();

  NodeImage(LabPair pair, LabNode node, Path upper, Path home) {
    this.pair = pair;
    this.node = node;
    this.upper = upper;
    this.home = home;
  }

  /** The pair the node belongs to. */
  public LabPair pair() {
    return pair;
  }

  /** The node. */
  public LabNode node() {
    return node;
  }

  /** The overlay upper directory (what the node changes on top of the host's root). */
  public Path upper() {
    return upper;
  }

  /**
   * Writes a file the node will see at {@code nodePath} with an octal {@code mode}
   * such as {@code "0755"}, creating parent directories with the host's modes.
   *
   * @throws IOException when it cannot be written
   */
  public void write(String nodePath, byte[] content, String mode) throws IOException {
    Path target = locate(nodePath);
    Files.write(target, content);
    Files.setPosixFilePermissions(target, permissions(mode));
  }

  /** {@link #write(String, byte[], String)} for UTF-8 text. */
  public void write(String nodePath, String content, String mode) throws IOException {
    write(nodePath, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  /**
   * Makes {@code nodePath} absent on the node from its first boot on (the host's file
   * stays in the read-only {@code /rom}). Used for programs of packages that are not
   * installed yet.
   */
  public void removeAtFirstBoot(String nodePath) {
    if (!nodePath.startsWith("/") || nodePath.contains("'") || nodePath.contains("..")) {
      throw new IllegalArgumentException("not a plain absolute path: " + nodePath);
    }
    removals.add(nodePath);
  }

  List<String> removals() {
    return List.copyOf(removals);
  }

  /** Where {@code nodePath} lives in the upper directory; parents are created. */
  Path locate(String nodePath) throws IOException {
    Path path = Path.of(nodePath);
    if (!path.isAbsolute() || path.getFileName() == null) {
      throw new IllegalArgumentException("node paths are absolute file paths: " + nodePath);
    }
    Path dir;
    Path hostDir;
    Path relative;
    if (path.startsWith("/root") && path.getNameCount() > 1) {
      dir = home;
      hostDir = Path.of("/nonexistent-home"); // new directories in the home get 0755
      relative = Path.of("/root").relativize(path.getParent());
    } else {
      dir = upper;
      hostDir = HOST_ROOT;
      relative = HOST_ROOT.relativize(hostRealParent(path.getParent()));
    }
    for (Path part : relative) {
      if (part.toString().isEmpty()) {
        continue;
      }
      dir = dir.resolve(part.toString());
      hostDir = hostDir.resolve(part.toString());
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(dir);
        Set<PosixFilePermission> mode = Files.isDirectory(hostDir)
            ? Files.getPosixFilePermissions(hostDir)
            : PosixFilePermissions.fromString("rwxr-xr-x");
        Files.setPosixFilePermissions(dir, mode);
      }
    }
    return dir.resolve(path.getFileName().toString());
  }

  /** The longest existing prefix of {@code dir} on the host, symlinks resolved, plus the rest. */
  private static Path hostRealParent(Path dir) throws IOException {
    Path existing = dir.normalize();
    Path rest = Path.of("");
    while (existing != null && !Files.exists(existing)) {
      rest = Path.of(existing.getFileName().toString()).resolve(rest);
      existing = existing.getParent();
    }
    Path real = existing == null ? HOST_ROOT : existing.toRealPath();
    return rest.toString().isEmpty() ? real : real.resolve(rest);
  }

  /** Permissions for an octal mode string such as {@code 0644}. */
  static Set<PosixFilePermission> permissions(String mode) {
    int bits = Integer.parseInt(mode, 8);
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      text.append((bits & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }
}
