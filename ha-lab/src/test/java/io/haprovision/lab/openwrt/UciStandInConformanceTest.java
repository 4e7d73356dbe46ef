package io.haprovision.lab.openwrt;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.lab.LabHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab's {@code uci} stand-in against real uci. Each session script ran once with a uci
 * built from openwrt/uci's source (the transcript's first line says which); here it runs with
 * the stand-in, in a private mount namespace with an empty {@code /tmp} and {@code /etc/config}
 * as then, and the transcripts must be the same byte for byte: staging in {@code /tmp/.uci},
 * {@code -t}/{@code -P}/{@code -p} save directories, what {@code commit} applies and empties,
 * reads of the committed file by absolute path, anonymous section names, errors and exit codes.
 */
@Tag("lab")
class UciStandInConformanceTest {
  private static final String STAND_IN = "/io/haprovision/lab/openwrt/rootfs/sbin/uci";
  private static final String REAL = "/io/haprovision/lab/uci-real/";

  @BeforeAll
  static void needsRoot() {
    Optional<String> reason = LabHost.unavailableReason();
    reason.ifPresent(r -> System.out.println("skipping UciStandInConformanceTest: " + r));
    Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"uci-session", "uci-delta-paths"})
  void theStandInPrintsWhatRealUciPrinted(String session) throws Exception {
    // Not under /tmp: the session gets a fresh /tmp of its own.
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "uci-conformance-");
    try {
      run(session, dir);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void run(String session, Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path uci = bin.resolve("uci");
    copy(STAND_IN, uci);
    Files.setPosixFilePermissions(uci, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path script = dir.resolve(session + ".sh");
    copy(session.equals("uci-session") ? "/io/haprovision/lab/uci-session.sh" : REAL + session + ".sh", script);
    String expected = text(REAL + session + ".txt");
    assertThat(expected).startsWith("# Real output of uci from openwrt/uci @");
    expected = expected.substring(expected.indexOf('\n') + 1);

    ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "sh", "-c",
        "mount -t tmpfs none /tmp && mount -t tmpfs none /etc && mkdir -p /etc/config && PATH=" + bin
            + ":$PATH exec sh " + script).redirectErrorStream(true);
    Process p = pb.start();
    String actual = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the session ended").isTrue();
    assertThat(actual).as("%s with the stand-in, against real uci", session).isEqualTo(expected);
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = UciStandInConformanceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("resource %s", resource).isNotNull();
      Files.copy(in, to);
    }
  }

  private static String text(String resource) throws IOException {
    try (InputStream in = UciStandInConformanceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("resource %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
