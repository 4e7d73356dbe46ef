package io.haprovision.lab.debian;

import io.haprovision.error.InternalException;
import io.haprovision.error.TargetException;
import io.haprovision.lab.NodeImage;
import io.haprovision.lab.Personality;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes a lab node look like a Debian 12 host to a provisioner (a Multapplied bonder is one):
 *
 * <ul>
 *   <li><b>Packages:</b> the node's dpkg database is the host's (every host package counts as
 *       installed). apt's only source is the lab's offline repository at
 *       {@value #REPOSITORY_DIR}: the {@link #REPOSITORY_PACKAGES} that are installed on the
 *       host, packed again from their installed files at lab start (same versions, so their
 *       dependencies are satisfied). So {@code apt-get install} of an installed package does
 *       nothing, of a repository package removed with {@code dpkg -r} installs it again
 *       without network, and of anything else fails with "Unable to locate package". The
 *       host's sources and package lists are hidden; nothing contacts a mirror.</li>
 *   <li><b>Services:</b> a LAB STAND-IN {@code /usr/bin/systemctl} (start, stop, reload,
 *       restart, enable, disable, is-active, is-enabled, status, show ...) that runs a unit's
 *       ExecStart as its main process, with the enabled state in
 *       {@code /etc/systemd/system/*.wants} links as real systemctl keeps it.
 *       {@code /run/systemd/system} exists, so maintainer scripts and {@code service} use it.
 *       keepalived starts out as after a fresh install: enabled, not running (no config).</li>
 *   <li><b>Syslog:</b> busybox syslogd on the node's own {@code /dev/log} (the node gets a
 *       private {@code /dev}) writes {@code /var/log/syslog}, so {@code logger} lines and
 *       keepalived's messages can be read.</li>
 * </ul>
 *
 * <p>The boot step ({@link NodeImage#BOOT_HOOK}) sets up {@code /dev}, syslog and apt's lists
 * inside the node. The network is the lab's usual one: for a bonder pair the private link is
 * {@code br-lan} (through the switch's LAN bridge, not a cable between the two nodes) and the
 * management network reaches the host's address, where a management API simulator can listen.
 */
public final class DebianPersonality implements Personality {
  /** The personality's name. */
  public static final String NAME = "debian";

  /** Host packages the lab repository offers (those installed on the host). */
  public static final List<String> REPOSITORY_PACKAGES = List.of("keepalived", "curl", "conntrackd", "conntrack");

  /** Where the lab repository is inside a node. */
  public static final String REPOSITORY_DIR = "/var/lib/ha-provision-lab/apt";

  private static final String RESOURCES = "/io/haprovision/lab/debian/";

  /**
   * Host files a fresh node must not inherit: a policy that blocks service starts (container
   * hosts have one), a host keepalived.conf, and man-db's flag that makes every dpkg run
   * rebuild the manual page index (seconds per package on the overlay, nothing gained).
   */
  private static final List<String> HIDDEN_FILES = List.of(
      "/usr/sbin/policy-rc.d", "/etc/keepalived/keepalived.conf", "/var/lib/man-db/auto-update");

  private Map<String, byte[]> repository;

  /** Creates the personality; the lab repository is built once, at first use. */
  public DebianPersonality() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void prepare(NodeImage image) throws IOException {
    for (String path : HIDDEN_FILES) {
      if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
        image.removeAtFirstBoot(path);
      }
    }
    for (String source : hostSourceParts()) {
      image.removeAtFirstBoot(source);
    }
    copyRootfs(image);
    for (Map.Entry<String, byte[]> file : repository().entrySet()) {
      image.write(REPOSITORY_DIR + "/" + file.getKey(), file.getValue(), "0644");
    }
  }

  /** The files of the lab repository by name (debs, Packages, Packages.gz, Release). */
  synchronized Map<String, byte[]> repository() throws IOException {
    if (repository == null) {
      repository = buildRepository();
    }
    return repository;
  }

  private static Map<String, byte[]> buildRepository() throws IOException {
    Path work = Files.createTempDirectory("ha-provision-lab-apt-");
    try {
      Path script = work.resolve("build-apt-repo.sh");
      Files.write(script, resource(RESOURCES + "build-apt-repo.sh"));
      Path out = work.resolve("repo");
      List<String> argv = new ArrayList<>(List.of("sh", script.toString(), out.toString()));
      argv.addAll(REPOSITORY_PACKAGES);
      Process process = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try (InputStream in = process.getInputStream()) {
        in.transferTo(output);
      }
      boolean finished = process.waitFor(120, TimeUnit.SECONDS);
      if (!finished || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new TargetException(TargetException.Kind.FAILED, "lab",
            "cannot build the debian lab's package repository (needs dpkg-query, dpkg-deb, gzip on a Debian host; "
                + "run scripts/setup-debian.sh): " + output.toString(StandardCharsets.UTF_8).strip());
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (Stream<Path> list = Files.list(out)) {
        for (Path file : list.sorted().toList()) {
          files.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
      }
      return files;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException(TargetException.Kind.FAILED, "lab", "interrupted building the lab repository", e);
    } finally {
      deleteTree(work);
    }
  }

  /** The host's /etc/apt/sources.list.d entries (they would point a node at a mirror). */
  private static List<String> hostSourceParts() throws IOException {
    Path dir = Path.of("/etc/apt/sources.list.d");
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (!name.contains("'") && !name.contains("..")) {
            found.add(entry.toString());
          }
        }
      }
    }
    found.sort(Comparator.naturalOrder());
    return found;
  }

  private static void copyRootfs(NodeImage image) throws IOException {
    String list = new String(resource(RESOURCES + "rootfs.list"), StandardCharsets.UTF_8);
    for (String line : list.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      image.write(fields[0], resource(RESOURCES + "rootfs" + fields[0]), fields[1]);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DebianPersonality.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new InternalException("lab resource " + name + " is missing from the ha-lab jar");
      }
      return in.readAllBytes();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
