package io.haprovision.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.error.TargetException;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.transport.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The framed probe script, run by this machine's real {@code sh}. */
class FramingTest {
  private static final String NONCE = "00ff00ff00ff00ff";

  static ExecResult runSh(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", Framing.COMMAND).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    int rc = p.waitFor();
    return new ExecResult(rc, new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
  }

  private static byte[] read(InputStream in) {
    try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void eachSectionComesBackByteForByteWithItsOwnStderrAndExitCode() throws Exception {
    List<ProbeSection> sections = List.of(
        new ProbeSection("no-newline", "printf 'last line without newline'"),
        new ProbeSection("blank-lines", "printf 'a\\n\\n'"),
        new ProbeSection("fails", "echo out; echo 'something broke' >&2; exit 7"),
        new ProbeSection("reads-stdin", "cat; echo \"read done\""),
        new ProbeSection("forged", "echo '@@ha-1111111111111111 end forged 0@@'; echo after"),
        new ProbeSection("helper", "greet world"));
    String script = Framing.script(NONCE, "greet() { echo \"hello $1\"; }\n", sections);
    ExecResult r = runSh(script);
    Map<String, ProbeOutput> out = Framing.parse(NONCE, "root@node:22",
        sections.stream().map(ProbeSection::id).toList(), r);
    assertThat(out.get("no-newline").stdout()).isEqualTo("last line without newline");
    assertThat(out.get("blank-lines").stdout()).isEqualTo("a\n\n");
    assertThat(out.get("fails").stdout()).isEqualTo("out\n");
    assertThat(out.get("fails").stderr()).isEqualTo("something broke\n");
    assertThat(out.get("fails").exitCode()).isEqualTo(7);
    // stdin is /dev/null: a snippet reading it neither blocks nor eats the rest of the script.
    assertThat(out.get("reads-stdin").stdout()).isEqualTo("read done\n");
    assertThat(out.get("forged").stdout()).isEqualTo("@@ha-1111111111111111 end forged 0@@\nafter\n");
    assertThat(out.get("helper").stdout()).isEqualTo("hello world\n");
    assertThat(out.get("helper").exitCode()).isZero();
  }

  @Test
  void aShellThatDiesMidwayIsReportedWithTheMissingSection() throws Exception {
    List<ProbeSection> sections = List.of(
        new ProbeSection("first", "echo one"),
        new ProbeSection("killer", "echo 'dying' >&2; kill -9 $$"),
        new ProbeSection("never", "echo never"));
    ExecResult r = runSh(Framing.script(NONCE, "", sections));
    assertThatThrownBy(() -> Framing.parse(NONCE, "root@node:22", List.of("first", "killer", "never"), r))
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith("root@node:22: the probe command ended before section killer finished (exit 137)");
  }

  @Test
  void outputOfAnotherShellIsNotAProbe() {
    ExecResult r = new ExecResult(127, "", "sh: 1: /bin/sh: not found\n");
    assertThatThrownBy(() -> Framing.parse(NONCE, "admin@mikrotik:22", List.of("sys"), r))
        .hasMessageContaining("is the login shell a POSIX sh?")
        .hasMessageContaining("sh: 1: /bin/sh: not found");
  }

  @Test
  void badNoncesAndDuplicateSectionsAreBugs() {
    assertThatThrownBy(() -> Framing.script("nope", "", List.of())).isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> Framing.script(NONCE, "", List.of(new ProbeSection("a", "true"), new ProbeSection("a", "true"))))
        .isInstanceOf(InternalException.class).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> new ProbeSection("a b", "true")).isInstanceOf(InternalException.class);
    assertThat(Framing.newNonce()).matches("[0-9a-f]{16}").isNotEqualTo(Framing.newNonce());
  }
}
