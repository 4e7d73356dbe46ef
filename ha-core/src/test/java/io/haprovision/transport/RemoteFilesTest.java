package io.haprovision.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haprovision.error.TargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs, fetches and removes files through a real sshd. The sshd runs on this machine, so
 * the results are checked on the local file system, independently of the code under test.
 */
class RemoteFilesTest {
  @TempDir static Path serverDir;
  @TempDir Path tmp;

  static TestSshd sshd;
  static Connection connection;
  static RemoteFiles files;

  @BeforeAll
  static void connect() throws Exception {
    sshd = TestSshd.startIn(serverDir);
    Path kh = serverDir.resolve("known_hosts");
    Files.writeString(kh, sshd.knownHostsLine() + "\n");
    connection = new SshTransport().open(sshd.endpoint(kh));
    files = new RemoteFiles(connection);
  }

  @AfterAll
  static void disconnect() {
    if (connection != null) {
      connection.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void installWritesContentModeAndOwnerAndLeavesNoStagedFile() throws Exception {
    Path target = tmp.resolve("etc/app.conf");
    byte[] content = new byte[70_000];
    new Random(7).nextBytes(content);

    files.install(target.toString(), content,
        InstallOptions.defaults().withMode("0640").withOwner("nobody", "nogroup"));

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    PosixFileAttributes a = Files.readAttributes(target, PosixFileAttributes.class);
    assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-r-----");
    assertThat(a.owner().getName()).isEqualTo("nobody");
    assertThat(a.group().getName()).isEqualTo("nogroup");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.getParent())))
        .as("created parent directory").isEqualTo("rwxr-xr-x");
    assertNoStagedFiles(target.getParent());
  }

  @Test
  void installReplacesTheLiveFileByRenameNotByOverwrite() throws Exception {
    Path target = tmp.resolve("keepalived.conf");
    Files.writeString(target, "old\n");
    Object inodeBefore = Files.getAttribute(target, "unix:ino");

    files.install(target.toString(), "new\n".getBytes(StandardCharsets.UTF_8),
        InstallOptions.defaults().withMode("600"));

    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(Files.getAttribute(target, "unix:ino")).isNotEqualTo(inodeBefore);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
    assertNoStagedFiles(tmp);
  }

  @Test
  void aFailingValidatorKeepsTheLiveFileAndQuotesTheValidator() throws Exception {
    Path target = tmp.resolve("keepalived.conf");
    byte[] live = "vrrp_instance LAN { }\n".getBytes(StandardCharsets.UTF_8);
    Files.write(target, live);
    Object inodeBefore = Files.getAttribute(target, "unix:ino");
    String secretContent = "auth_pass s3cr3t-in-content\n";

    TargetException e = catchThrowableOfType(() -> files.install(target.toString(),
        secretContent.getBytes(StandardCharsets.UTF_8),
        InstallOptions.defaults().withValidation(
            "grep -q vrrp_instance %s || { echo \"Sync group G1 has only 1 virtual router(s)\" >&2;"
                + " exit 5; }")),
        TargetException.class);

    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED);
    assertThat(e.target()).isEqualTo(connection.target());
    assertThat(e.getMessage())
        .contains("installing " + target)
        .contains("exited 5")
        .contains("Sync group G1 has only 1 virtual router(s)")
        .contains("left unchanged")
        .doesNotContain("s3cr3t-in-content");
    assertThat(Files.readAllBytes(target)).isEqualTo(live);
    assertThat(Files.getAttribute(target, "unix:ino")).isEqualTo(inodeBefore);
    assertNoStagedFiles(tmp);
  }

  @Test
  void theValidatorSeesTheStagedFileWithItsFinalModeBeforeTheRename() throws Exception {
    Path target = tmp.resolve("checked.conf");
    String validator = "grep -q '^ok$' %s && [ \"$(stat -c %a %s)\" = 640 ] && [ ! -e "
        + ShellQuote.quote(target.toString()) + " ]";
    files.install(target.toString(), "ok\n".getBytes(StandardCharsets.UTF_8),
        InstallOptions.defaults().withMode("0640").withValidation(validator));
    assertThat(Files.readString(target)).isEqualTo("ok\n");
  }

  @Test
  void nastyPathsAreQuotedSafely() throws Exception {
    // Were any name expanded by the shell, the file would land under another name (or a
    // command would run) and the checks on the exact local path below would fail.
    List<String> names = List.of(
        "with space and it's \"quoted\"",
        "$(touch injected)",
        "`touch injected`;rm -rf x&y|z",
        "-rf",
        "star*and?glob[1]{a,b}~",
        "new\nline\tand\\backslash",
        "ünïcödé ✓ $HOME ${IFS}");
    Path dir = tmp.resolve("nasty dir $x 'q'");
    for (String name : names) {
      Path target = dir.resolve(name);
      String content = "content of " + name + "\n";
      files.install(target.toString(), content.getBytes(StandardCharsets.UTF_8),
          InstallOptions.defaults());
      assertThat(Files.readString(target)).as(name).isEqualTo(content);
      assertThat(files.fetch(target.toString())).as(name).contains(content);
      assertThat(files.remove(target.toString())).as(name).isTrue();
      assertThat(target).as(name).doesNotExist();
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void fetchAndRemoveTellAMissingFileApart() throws Exception {
    Path missing = tmp.resolve("missing.conf");
    assertThat(files.fetch(missing.toString())).isEmpty();
    assertThat(files.remove(missing.toString())).isFalse();

    Path link = tmp.resolve("dangling");
    Files.createSymbolicLink(link, tmp.resolve("nowhere"));
    assertThat(files.remove(link.toString())).isTrue();
    assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void aMissingDirectoryFailsWhenParentsAreNotToBeCreated() throws Exception {
    Path target = tmp.resolve("no/such/dir/file");
    TargetException e = catchThrowableOfType(() -> files.install(target.toString(),
        new byte[] {1}, InstallOptions.defaults().withCreateParents(false)),
        TargetException.class);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("directory").contains("does not exist");
    assertThat(tmp.resolve("no")).doesNotExist();
  }

  @Test
  void anUnknownOwnerFailsBeforeTheRename() throws Exception {
    Path target = tmp.resolve("owned");
    Files.writeString(target, "live\n");
    TargetException e = catchThrowableOfType(() -> files.install(target.toString(),
        "new\n".getBytes(StandardCharsets.UTF_8),
        InstallOptions.defaults().withOwner("no-such-user-h6", null)),
        TargetException.class);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("no-such-user-h6");
    assertThat(Files.readString(target)).isEqualTo("live\n");
    assertNoStagedFiles(tmp);
  }

  @Test
  void oneInstallIsOneCommand() throws Exception {
    long before = connection.execCount();
    files.install(tmp.resolve("counted").toString(), new byte[] {42},
        InstallOptions.defaults().withValidation("test -s %s"));
    assertThat(connection.execCount() - before).isEqualTo(1);
  }

  /** The end of stdin is also what a cut session looks like: a short or different read installs nothing. */
  @Test
  void contentThatDidNotArriveWholeIsNeverInstalled() throws Exception {
    Path target = tmp.resolve("keepalived.conf");
    Files.writeString(target, "live\n");
    byte[] content = "vrrp_instance LAN {\n  state BACKUP\n}\n".getBytes(StandardCharsets.UTF_8);
    String sha = io.haprovision.resource.Sha256.of(content);
    InstallOptions accepting = InstallOptions.defaults().withValidation("true %s");
    for (byte[] received : List.of(new byte[0], java.util.Arrays.copyOf(content, 10),
        "vrrp_instance WAN {\n  state BACKUP\n}\n".getBytes(StandardCharsets.UTF_8))) {
      String script = RemoteFiles.installScript(target.toString(), RemoteFiles.stagedPath(target.toString()), accepting,
          content.length, sha);
      ExecResult r = connection.exec(script, received);
      assertThat(r.exitCode()).as(r.stderr()).isEqualTo(RemoteFiles.EXIT_INCOMPLETE);
      assertThat(Files.readString(target)).isEqualTo("live\n");
      assertNoStagedFiles(tmp);
    }
    files.install(target.toString(), content, accepting);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  private static void assertNoStagedFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".ha-new."));
    }
  }
}
