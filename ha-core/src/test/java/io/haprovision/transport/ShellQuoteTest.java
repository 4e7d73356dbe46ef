package io.haprovision.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quoted words must reach a real POSIX shell unchanged. */
class ShellQuoteTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "", "plain", "/etc/config/network", "with space", "it's", "''", "'\\''", "\"double\"",
      "$(id)", "`id`", "${HOME}", "$HOME", "a;b", "a&&b", "a|b", "a>b", "<in", "*", "?", "[ab]",
      "~", "~root", "-rf", "--", "#comment", "new\nline", "tab\there", "back\\slash", "\\",
      "ünïcödé ✓", "!", "!!", "a=b c", "{a,b}", "%s", "\r\n", " leading", "trailing "})
  void aQuotedWordReachesTheShellUnchanged(String word) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    Process p = new ProcessBuilder("/bin/sh", "-c", "printf %s " + ShellQuote.quote(word))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo(word);
  }

  @Test
  void safeWordsStayBareAndOthersAreSingleQuoted() {
    assertThat(ShellQuote.quote("/etc/keepalived/keepalived.conf"))
        .isEqualTo("/etc/keepalived/keepalived.conf");
    assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuote.quote("")).isEqualTo("''");
    assertThat(ShellQuote.join(List.of("rm", "-f", "a b"))).isEqualTo("rm -f 'a b'");
  }

  @Test
  void aNulCannotBeQuoted() {
    assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }
}
