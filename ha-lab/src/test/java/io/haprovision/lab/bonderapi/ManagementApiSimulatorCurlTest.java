package io.haprovision.lab.bonderapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator as the bonders' notify program talks to it: real curl (scripts/setup-debian.sh
 * installs it), trusting the PEM file with {@code --cacert}, credentials on standard input.
 */
class ManagementApiSimulatorCurlTest {
  private static final String USER = "ha-failover";
  private static final String PASSWORD = "pw \"quoted\" \\ back";

  private static ManagementApiSimulator api;

  /** curl's exit code, its stdout, its stderr. */
  private record Curl(int exit, String out, String err) {}

  @BeforeAll
  static void start() {
    api = ManagementApiSimulator.start(ManagementApiSimulator.Spec.loopback(USER, Secret.of(PASSWORD, "test")));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void fresh() {
    api.clearFaults();
    api.clearCalls();
    api.bond(12).connectedIp(101, "198.51.100.10", true).route(201, "203.0.113.0/29", true);
  }

  private static Curl curl(String stdin, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "10"));
    argv.addAll(List.of(args));
    Process process = new ProcessBuilder(argv).start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errReader = new Thread(() -> copy(process.getErrorStream(), err));
    errReader.start();
    copy(process.getInputStream(), out);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("curl finished").isTrue();
    errReader.join();
    return new Curl(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A curl config as the notify program writes it: values quoted, backslash and quote escaped. */
  private static String config(String user, String password, boolean verify) {
    String quoted = (user + ":" + password).replace("\\", "\\\\").replace("\"", "\\\"");
    return "user = \"" + quoted + "\"\n"
        + (verify ? "cacert = \"" + api.caPemFile() + "\"\n" : "insecure\n");
  }

  private static String url(String path) {
    return api.baseUrl() + path;
  }

  @Test
  void curlTrustingThePemFilePatchesWithCredentialsFromStdin() throws Exception {
    Curl result = curl(config(USER, PASSWORD, true), "--config", "-", "--request", "PATCH",
        "--header", "Content-Type: application/json", "--data", "{\"enabled\": false}",
        "--write-out", "\n%{http_code}", url("/api/v3/bonds/12/routes/201/"));

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).endsWith("\n200").contains("\"enabled\":false");
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isFalse();
    assertThat(api.calls()).singleElement().satisfies(c -> {
      assertThat(c.isPatchOf(ObjectKind.ROUTES, 12, 201)).isTrue();
      assertThat(c.body()).isEqualTo("{\"enabled\": false}");
      assertThat(c.user()).isEqualTo(USER);
    });
  }

  @Test
  void curlWithoutTheCaFileRefusesTheCertificateAndInsecureAccepts() throws Exception {
    Curl refused = curl(null, "--user", USER + ":" + PASSWORD, url("/api/v3/bonds/12/"));
    assertThat(refused.exit()).as("curl exit 60: peer certificate cannot be authenticated").isEqualTo(60);
    assertThat(api.calls()).isEmpty();

    Curl insecure = curl(config(USER, PASSWORD, false), "--config", "-", "--write-out", "\n%{http_code}",
        url("/api/v3/bonds/12/connected_ips/101/"));
    assertThat(insecure.exit()).as(insecure.err()).isZero();
    assertThat(insecure.out()).endsWith("\n200").contains("\"ip\":\"198.51.100.10\"");
  }

  @Test
  void curlSeesTheStatusesTheNotifyProgramActsOn() throws Exception {
    Curl wrong = curl(config(USER, "wrong", true), "--config", "-", "--output", "/dev/null",
        "--write-out", "%{http_code}", url("/api/v3/bonds/12/routes/201/"));
    assertThat(wrong.out()).isEqualTo("401");

    Curl unknown = curl(config(USER, PASSWORD, true), "--config", "-", "--output", "/dev/null",
        "--write-out", "%{http_code}", url("/api/v3/bonds/12/routes/999/"));
    assertThat(unknown.out()).isEqualTo("404");

    api.failNext(1, 503);
    Curl unavailable = curl(config(USER, PASSWORD, true), "--config", "-", "--request", "PATCH",
        "--header", "Content-Type: application/json", "--data", "{\"enabled\": false}", "--output", "/dev/null",
        "--write-out", "%{http_code}", url("/api/v3/bonds/12/routes/201/"));
    assertThat(unavailable.out()).isEqualTo("503");
    assertThat(api.enabled(ObjectKind.ROUTES, 12, 201)).isTrue();

    api.delayNext(1, Duration.ofSeconds(3));
    Curl slow = curl(config(USER, PASSWORD, true), "--config", "-", "--max-time", "1", "--output", "/dev/null",
        "--write-out", "%{http_code}", url("/api/v3/bonds/12/routes/201/"));
    assertThat(slow.exit()).as("curl exit 28: operation timed out").isEqualTo(28);
    assertThat(slow.out()).isEqualTo("000");
  }
}
