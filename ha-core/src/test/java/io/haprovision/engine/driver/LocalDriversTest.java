package io.haprovision.engine.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.engine.LocalConnection;
import io.haprovision.engine.probe.Framing;
import io.haprovision.engine.probe.ProbeSection;
import io.haprovision.error.TargetException;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.FileState;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.LineState;
import io.haprovision.resource.PackageResource;
import io.haprovision.resource.PackageState;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core drivers' real shell code, run by this machine's {@code sh} against a temporary
 * folder: what the probe reads, and what apply leaves behind.
 */
class LocalDriversTest {
  @TempDir
  Path dir;
  private String user;
  private String group;
  private Connection local;

  @BeforeEach
  void setUp() {
    local = LocalConnection.here();
    ExecResult id = local.exec("id -un; id -gn");
    String[] names = id.stdout().split("\n");
    user = names[0];
    group = names[1];
  }

  private <R extends Resource> ResourceState probe(ResourceDriver<R> driver, R resource, Connection c) {
    String nonce = Framing.newNonce();
    ExecResult r = c.exec(Framing.COMMAND, Framing.script(nonce, "", List.of(new ProbeSection("r0",
        driver.probe(resource)))).getBytes(StandardCharsets.UTF_8));
    ProbeOutput out = Framing.parse(nonce, c.target(), List.of("r0"), r).get("r0");
    ResourceState state = driver.parse(resource, out);
    Optional<String> detail = driver.detailProbe(resource, state);
    if (detail.isPresent()) {
      ExecResult d = c.exec(Framing.COMMAND, Framing.script(nonce, "", List.of(new ProbeSection("d0",
          detail.get()))).getBytes(StandardCharsets.UTF_8));
      state = driver.parseDetail(resource, state, Framing.parse(nonce, c.target(), List.of("d0"), d).get("d0"));
    }
    return state;
  }

  private <R extends Resource> ResourceState probe(ResourceDriver<R> driver, R resource) {
    return probe(driver, resource, local);
  }

  private NodeContext node() {
    return new NodeContext("lab", "gw-a", local);
  }

  @Test
  void filesAreCreatedFixedInPlaceFetchedForDiffsAndRemoved() throws IOException {
    FileDriver d = new FileDriver();
    String path = dir.resolve("etc/keepalived/keepalived.conf").toString();
    FileResource want = FileResource.of(path, "global_defs {\n}\n").withMode("0640").withOwner(user, group);
    assertThat(probe(d, want)).isEqualTo(FileState.absent());

    d.apply(want, Optional.of(FileState.absent()), node());
    FileState now = (FileState) probe(d, want);
    assertThat(now.sha256()).isEqualTo(want.sha256());
    assertThat(now.mode()).isEqualTo("0640");
    assertThat(now.owner()).isEqualTo(user);
    assertThat(now.content()).as("same hash: not fetched").isEmpty();
    assertThat(want.compare(Optional.of(now)).changes()).isFalse();

    FileResource stricter = want.withMode("0600");
    d.apply(stricter, Optional.of(now), node());
    assertThat(((FileState) probe(d, stricter)).mode()).isEqualTo("0600");
    try (var files = Files.list(dir.resolve("etc/keepalived"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("keepalived.conf");
    }

    FileResource other = FileResource.of(path, "something else\n").withOwner(user, group);
    FileState differs = (FileState) probe(d, other);
    assertThat(differs.content()).contains("global_defs {\n}\n");

    d.apply(FileResource.absent(path), Optional.of(differs), node());
    assertThat(Files.exists(Path.of(path))).isFalse();
  }

  @Test
  void aFileTheValidatorRejectsIsNeverInstalled() throws IOException {
    FileDriver d = new FileDriver();
    Path live = dir.resolve("keepalived.conf");
    Files.writeString(live, "old and good\n");
    FileResource bad = FileResource.of(live.toString(), "bad\n").withOwner(user, group)
        .withValidation("grep -q good %s || { echo 'line 1: bad config' >&2; exit 5; }");
    assertThatThrownBy(() -> d.apply(bad, Optional.of(FileState.absent()), node()))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("validation `grep -q good %s")
        .hasMessageContaining("exited 5 and the live file was left unchanged")
        .hasMessageContaining("line 1: bad config");
    assertThat(Files.readString(live)).isEqualTo("old and good\n");
    try (var files = Files.list(dir)) {
      assertThat(files.count()).as("no staged file left behind").isEqualTo(1);
    }
  }

  @Test
  void aDirectoryWhereAFileShouldBeIsAnError() throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    FileResource f = FileResource.of(dir.resolve("conf").toString(), "x\n");
    assertThatThrownBy(() -> probe(new FileDriver(), f)).isInstanceOf(TargetException.class)
        .hasMessageContaining("is a directory on the node");
  }

  @Test
  void aSecretFileIsNeverFetched() throws IOException {
    Path p = dir.resolve("secret");
    Files.writeString(p, "password=old\n");
    FileState s = (FileState) probe(new FileDriver(), FileResource.secret(p.toString(), "password=new\n"));
    assertThat(s.exists()).isTrue();
    assertThat(s.content()).isEmpty();
  }

  @Test
  void linesAreAddedAfterAMissingFinalNewlineAndRemovedKeepingMode() throws IOException {
    LineDriver d = new LineDriver();
    Path f = dir.resolve("sysupgrade.conf");
    Files.writeString(f, "# keep these\n/etc/config/", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    LineInFile add = LineInFile.present(f.toString(), "/etc/keepalived/");
    assertThat(probe(d, add)).isEqualTo(new LineState(false));
    d.apply(add, Optional.of(new LineState(false)), node());
    assertThat(Files.readString(f)).isEqualTo("# keep these\n/etc/config/\n/etc/keepalived/\n");
    assertThat(probe(d, add)).isEqualTo(new LineState(true));
    d.apply(add, Optional.of(new LineState(false)), node());
    assertThat(Files.readString(f)).as("adding twice adds once").isEqualTo("# keep these\n/etc/config/\n/etc/keepalived/\n");

    d.apply(LineInFile.absent(f.toString(), "/etc/config/"), Optional.of(new LineState(true)), node());
    assertThat(Files.readString(f)).isEqualTo("# keep these\n/etc/keepalived/\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");

    Path fresh = dir.resolve("new/dir/file");
    d.apply(LineInFile.present(fresh.toString(), "first"), Optional.empty(), node());
    assertThat(Files.readString(fresh)).isEqualTo("first\n");
  }

  @Test
  void opkgPackagesAreReadFromListInstalledAndInstalledAfterAnUpdate() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path state = dir.resolve("opkg-state");
    Files.writeString(state, "base-files - 1565-r28959\nkeepalived - 2.2.8-r1\n");
    // A stand-in with opkg's formats: lists are gone until `opkg update`, as after a reboot.
    Path opkg = bin.resolve("opkg");
    Files.writeString(opkg, "#!/bin/sh\n"
        + "S=" + state + "; L=" + dir.resolve("opkg-lists") + "\n"
        + "case \"$1\" in\n"
        + "list-installed) sort \"$S\" ;;\n"
        + "update) echo 'Downloading lists'; touch \"$L\" ;;\n"
        + "install) [ -f \"$L\" ] || { echo \"Unknown package '$2'.\" >&2; exit 255; }\n"
        + "  echo \"$2 - 1.0-r1\" >> \"$S\"; echo \"Installing $2 (1.0-r1)\" ;;\n"
        + "*) exit 1 ;;\n"
        + "esac\n");
    Files.setPosixFilePermissions(opkg, PosixFilePermissions.fromString("rwxr-xr-x"));
    Connection withOpkg = new LocalConnection(List.of(), Map.of("PATH", bin + ":" + System.getenv("PATH")));
    PackageDriver d = PackageDriver.auto();
    assertThat(probe(d, PackageResource.installed("keepalived"), withOpkg)).isEqualTo(PackageState.installed("2.2.8-r1"));
    assertThat(probe(d, PackageResource.installed("keepalived-doc"), withOpkg)).isEqualTo(PackageState.missing());

    d.apply(PackageResource.installed("conntrackd"), Optional.of(PackageState.missing()),
        new NodeContext("lab", "gw-a", withOpkg));
    assertThat(probe(d, PackageResource.installed("conntrackd"), withOpkg)).isEqualTo(PackageState.installed("1.0-r1"));
  }

  @Test
  void aPackageTheFeedLacksFailsWithTheManagersWords() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path opkg = bin.resolve("opkg");
    Files.writeString(opkg, "#!/bin/sh\ncase \"$1\" in install) echo \"Unknown package '$2'.\" >&2; exit 255;;"
        + " update) exit 0;; esac\n");
    Files.setPosixFilePermissions(opkg, PosixFilePermissions.fromString("rwxr-xr-x"));
    Connection withOpkg = new LocalConnection(List.of(), Map.of("PATH", bin + ":" + System.getenv("PATH")));
    assertThatThrownBy(() -> PackageDriver.of(PackageDriver.Manager.OPKG).apply(PackageResource.installed("nope"),
        Optional.empty(), new NodeContext("lab", "gw-b", withOpkg)))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("installing package nope failed on node gw-b (exit 255): Unknown package 'nope'.");
  }
}
