package io.haprovision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.TargetException;
import io.haprovision.secret.Redactor;
import io.haprovision.secret.Secret;
import io.haprovision.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 7: the commands log has every command and its script, secrets masked, and
 * how it ended, but never what the router printed.
 */
class LoggedConnectionTest {
  @Test
  void logsCommandsAndScriptsMaskedButNeverOutput() {
    Redactor redactor = Redactor.of(List.of(Secret.of("s3cretpw", "env:VRRP_PASS")));
    ScriptedConnection router = new ScriptedConnection("root@gw-a:22",
        (command, stdin) -> command.startsWith("cat")
            ? new ExecResult(0, "auth_pass s3cretpw\nwifi_key other-secret\n", "")
            : new ExecResult(3, "", "sh: boom"));
    List<String> log = new ArrayList<>();
    LoggedConnection logged = new LoggedConnection(router, redactor, log::add);

    ExecResult r = logged.exec("cat /etc/keepalived/keepalived.conf", new byte[0]);
    assertThat(r.stdout()).contains("other-secret");
    logged.exec("sh -s", "printf '%s' 'auth_pass s3cretpw' > /tmp/x\n".getBytes(StandardCharsets.UTF_8));

    assertThat(log).hasSize(4);
    assertThat(log.get(0)).isEqualTo("root@gw-a:22 $ cat /etc/keepalived/keepalived.conf");
    assertThat(log.get(1)).startsWith("root@gw-a:22 exit 0 in ").endsWith(" ms (41 characters out, 0 on stderr)");
    assertThat(log.get(2)).isEqualTo("root@gw-a:22 $ sh -s  <<stdin (42 bytes)\nprintf '%s' 'auth_pass ******' > /tmp/x\n"
        + "stdin>>");
    assertThat(log.get(3)).startsWith("root@gw-a:22 exit 3 in ");
    assertThat(String.join("\n", log)).doesNotContain("s3cretpw").doesNotContain("other-secret")
        .doesNotContain("boom");
    assertThat(logged.execCount()).isEqualTo(2);

    router.close();
    assertThatThrownBy(() -> logged.exec("true", new byte[0])).isInstanceOf(TargetException.class);
    assertThat(log.get(4)).isEqualTo("root@gw-a:22 $ true");
    assertThat(log.get(5)).startsWith("root@gw-a:22 failed after ").endsWith("connection closed");
  }

  @Test
  void aSecretIsMaskedAlsoAsScriptsQuoteOrEncodeIt() {
    String secret = "pa'ss\"w$rd";
    Redactor redactor = Redactor.of(List.of(Secret.of(secret, "env:API_PASS"))).withEscapedForms();
    List<String> log = new ArrayList<>();
    LoggedConnection logged = new LoggedConnection(
        new ScriptedConnection("root@gw-a:22", (command, stdin) -> new ExecResult(0, "", "")), redactor, log::add);
    String script = "uci set x.y.z='pa'\\''ss\"w$rd'\n"
        + "/tool fetch password=\"pa'ss\\\"w\\$rd\"\n"
        + "curl -H 'Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(secret.getBytes(
            StandardCharsets.UTF_8)) + "'\n"
        + "echo " + secret + "\n";
    logged.exec("sh -s", script.getBytes(StandardCharsets.UTF_8));
    assertThat(log.get(0)).contains("x.y.z='******'").contains("password=\"******\"")
        .contains("Basic ******").contains("echo ******")
        .doesNotContain("ss\"w").doesNotContain("w$rd").doesNotContain("w\\$rd");
  }
}
