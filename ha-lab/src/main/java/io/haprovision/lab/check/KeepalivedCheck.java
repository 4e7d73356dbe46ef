package io.haprovision.lab.check;

import io.haprovision.error.InternalException;
import io.haprovision.error.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Runs the real {@code keepalived -t -f FILE} against a rendered keepalived.conf, inside
 * a throwaway network namespace that holds exactly the node's interfaces (name and
 * address), because keepalived checks interfaces against the host it runs on.
 *
 * <p>Each {@link #check} creates its own namespace (named with a run id, so parallel
 * checks and runs never collide), adds one link per interface, runs keepalived there and
 * deletes the namespace in every case. Links are {@code dummy} devices; where the kernel
 * lacks the dummy driver they are empty bridges, which keepalived accepts the same way.
 *
 * <p>Any non-zero exit is a failure: keepalived 2.2.x exits 4, 5 or 6 for fatal errors,
 * warnings and script-security errors (the man page says 3/4/5).
 */
public final class KeepalivedCheck {
  /** Where Debian's {@code keepalived} package installs the daemon. */
  public static final Path DEFAULT_KEEPALIVED = Path.of("/usr/sbin/keepalived");

  private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
  private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+/[0-9]{1,3}");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String RUN_ID = Long.toString(ProcessHandle.current().pid(), 36);
  private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);

  private final Path keepalived;
  private final Duration timeout;

  /** A check with Debian's keepalived and a 60 s limit per run. */
  public KeepalivedCheck() {
    this(DEFAULT_KEEPALIVED, Duration.ofSeconds(60));
  }

  /** A check with this keepalived binary, giving up on a run after {@code timeout}. */
  public KeepalivedCheck(Path keepalived, Duration timeout) {
    this.keepalived = Objects.requireNonNull(keepalived, "keepalived");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * What {@code keepalived -t} said.
   *
   * @param exitCode 0 when the file is fine; anything else means: do not install it
   * @param stderr keepalived's complaints (it writes them to stderr), may hold the file's
   *     text where keepalived quotes it
   * @param stdout anything keepalived printed on stdout (usually nothing)
   * @param namespace the namespace the check ran in (deleted again before returning)
   */
  public record Result(int exitCode, String stderr, String stdout, String namespace) {
    /** True when keepalived accepted the file: exit 0. */
    public boolean passed() {
      return exitCode == 0;
    }
  }

  /**
   * Checks {@code confText} as keepalived would on a node whose interfaces are
   * {@code interfaces} (name to {@code address/prefix}, such as
   * {@code br-lan -> 192.168.1.2/24}).
   *
   * @throws TargetException when the namespace or its links cannot be set up (not root,
   *     no {@code ip netns}) or keepalived cannot be started or does not finish in time
   */
  public Result check(String confText, Map<String, String> interfaces) {
    Objects.requireNonNull(confText, "confText");
    Map<String, String> links = new LinkedHashMap<>(interfaces);
    links.forEach(KeepalivedCheck::requireValidInterface);

    String namespace = "kacheck-" + RUN_ID + "-" + SEQUENCE.incrementAndGet();
    Path conf = null;
    try {
      ip(namespace, "netns", "add", namespace);
      ip(namespace, "-n", namespace, "link", "set", "lo", "up");
      String linkType = null;
      for (Map.Entry<String, String> link : links.entrySet()) {
        linkType = addLink(namespace, link.getKey(), linkType);
        ip(namespace, "-n", namespace, "addr", "add", link.getValue(), "dev", link.getKey());
        ip(namespace, "-n", namespace, "link", "set", link.getKey(), "up");
      }
      conf = writePrivate(confText);
      Run run = run(List.of(ipCommand(), "netns", "exec", namespace,
          keepalived.toString(), "-t", "-f", conf.toString()), timeout, namespace);
      return new Result(run.exitCode, run.stderr, run.stdout, namespace);
    } finally {
      deleteQuietly(conf);
      deleteNamespace(namespace);
    }
  }

  /** True when a namespace of this name exists (for tests that the check cleans up). */
  public static boolean namespaceExists(String namespace) {
    return Files.exists(Path.of("/run/netns", namespace));
  }

  private static void requireValidInterface(String name, String cidr) {
    if (name == null || !INTERFACE_NAME.matcher(name).matches()) {
      throw new InternalException("keepalived check: interface name '" + name
          + "' is not a Linux interface name (1..15 of letters, digits, _ . : @ -)");
    }
    if (cidr == null || !CIDR.matcher(cidr).matches()) {
      throw new InternalException("keepalived check: address '" + cidr + "' of interface " + name
          + " is not address/prefix");
    }
  }

  /** Adds one link, as dummy unless that already failed (or fails now for lack of the driver). */
  private String addLink(String namespace, String name, String knownType) {
    if (knownType != null) {
      ip(namespace, "-n", namespace, "link", "add", name, "type", knownType);
      return knownType;
    }
    Run dummy = run(List.of(ipCommand(), "-n", namespace, "link", "add", name, "type", "dummy"), IP_TIMEOUT,
        namespace);
    if (dummy.exitCode == 0) {
      return "dummy";
    }
    // No dummy driver in this kernel (seen on some CI kernels): an empty bridge is a link too.
    ip(namespace, "-n", namespace, "link", "add", name, "type", "bridge");
    return "bridge";
  }

  private static Path writePrivate(String text) {
    try {
      // 0600 from the start: the text may hold an auth_pass.
      Path file = Files.createTempFile("keepalived-check-", ".conf",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the keepalived.conf to check into a temporary file", e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A leftover 0600 temp file is harmless; the check's result matters more.
      }
    }
  }

  private static void deleteNamespace(String namespace) {
    Run run = run(List.of(ipCommand(), "netns", "delete", namespace), IP_TIMEOUT, namespace);
    if (run.exitCode != 0 && namespaceExists(namespace)) {
      throw new TargetException(TargetException.Kind.FAILED, "localhost netns " + namespace,
          "could not delete the check's network namespace: " + run.stderr.strip()
              + "; remove it with 'ip netns delete " + namespace + "'");
    }
  }

  private static void ip(String namespace, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ipCommand());
    command.addAll(List.of(args));
    Run run = run(command, IP_TIMEOUT, namespace);
    if (run.exitCode != 0) {
      throw new TargetException(TargetException.Kind.FAILED, "localhost netns " + namespace,
          "'" + String.join(" ", command) + "' exited " + run.exitCode + ": " + run.stderr.strip()
              + " (the keepalived check needs root and 'ip netns')");
    }
  }

  private static String ipCommand() {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      Path ip = Path.of(dir, "ip");
      if (Files.isExecutable(ip)) {
        return ip.toString();
      }
    }
    return "ip";
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  /** Runs a command to completion, its output in files so neither pipe can fill up and block it. */
  private static Run run(List<String> command, Duration limit, String namespace) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("kacheck-out-", ".txt");
      err = Files.createTempFile("kacheck-err-", ".txt");
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new TargetException(TargetException.Kind.FAILED, "localhost netns " + namespace,
            "'" + String.join(" ", command) + "' did not finish within " + limit.toSeconds() + " s");
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TargetException(TargetException.Kind.FAILED, "localhost netns " + namespace,
          "cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException(TargetException.Kind.FAILED, "localhost netns " + namespace,
          "interrupted while running '" + String.join(" ", command) + "'", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }
}
