package io.haprovision.lab.debian;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.LabSpec;
import io.haprovision.lab.Personality;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab repository the debian personality builds from the host's installed packages (no lab needed). */
class DebianPersonalityTest {

  private static String run(String... argv) throws Exception {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0 ? out : "";
  }

  @Test
  void isSelectableByName() {
    assertThat(Personality.names()).contains(DebianPersonality.NAME);
    assertThat(Personality.named("debian")).isInstanceOf(DebianPersonality.class);
    assertThat(LabSpec.debian(2).personality()).isEqualTo("debian");
  }

  @Test
  void repositoryHoldsTheHostsInstalledVersionsWithAnIndexAptAccepts(@TempDir Path dir) throws Exception {
    Map<String, byte[]> repo = new DebianPersonality().repository();
    List<String> installed = new ArrayList<>();
    for (String pkg : DebianPersonality.REPOSITORY_PACKAGES) {
      if (run("dpkg-query", "-W", "-f", "${db:Status-Abbrev}", pkg).startsWith("ii")) {
        installed.add(pkg);
      }
    }
    assertThat(installed).as("setup-debian.sh installs keepalived and curl").contains("keepalived", "curl");

    String packages = new String(repo.get("Packages"), StandardCharsets.UTF_8);
    for (String pkg : installed) {
      String version = run("dpkg-query", "-W", "-f", "${Version}", pkg);
      String stanza = packages.substring(packages.indexOf("Package: " + pkg + "\n"));
      stanza = stanza.substring(0, stanza.indexOf("\n\n") + 1);
      assertThat(stanza).contains("Version: " + version + "\n");
      String file = stanza.lines().filter(l -> l.startsWith("Filename: ./")).findFirst().orElseThrow().substring(12);
      byte[] deb = repo.get(file);
      assertThat(deb).as(file).isNotNull();
      assertThat(stanza).contains("SHA256: " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(deb)));
      // a well-formed package whose files are the installed ones
      Path debFile = Files.write(dir.resolve(file), deb);
      assertThat(run("dpkg-deb", "-f", debFile.toString(), "Package", "Version"))
          .isEqualTo("Package: " + pkg + "\nVersion: " + version + "\n");
      String listed = run("dpkg-deb", "-c", debFile.toString());
      String firstFile = run("dpkg-query", "-L", pkg).lines()
          .filter(p -> p.startsWith("/usr/") && Files.isRegularFile(Path.of(p))).findFirst().orElseThrow();
      assertThat(listed).contains("." + firstFile);
    }
    assertThat(packages).doesNotContain("Status:");
    String release = new String(repo.get("Release"), StandardCharsets.UTF_8);
    assertThat(release).contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(repo.get("Packages")))
        + " " + repo.get("Packages").length + " Packages\n");
  }
}
