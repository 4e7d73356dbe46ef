package io.haprovision.lab.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator over a real SSH connection (JSch, strict host key checking, ed25519 user key). */
class RouterOsSshTest {
  private static SshClient client;
  private static RouterOsLab lab;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    client = new SshClient();
    lab = RouterOsLab.start(RouterOsLab.Spec.of(RouterOsDialect.V6, "6.44.6").pair("ssh")
        .authorizedKey(client.publicKeyLine).clockStart(LocalDateTime.of(2026, 11, 22, 5, 20, 11)));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  @Test
  void runsAScriptAndAnswersInRouterOsFormat() throws Exception {
    SshClient.Result result = client.exec(lab.a(),
        ":put \"@@hap:identity\"\n/system identity print\n:put \"@@hap:add\"\n"
            + "/interface bridge add name=bridge-ether8 protocol-mode=none comment=ha-provision; "
            + "/interface bridge print terse where name=\"bridge-ether8\"", dir);
    assertThat(result.exitStatus()).isZero();
    // the print number is the bridge's place among all bridges (other tests add some to this router)
    assertThat(result.output()).matches("@@hap:identity\r\n  name: MikroTik\r\n@@hap:add\r\n"
        + " +[0-9]+   name=bridge-ether8 fast-forward=yes protocol-mode=none comment=ha-provision disabled=no\r\n");
    assertThat(lab.a().commandLog()).contains("ssh: /system identity print");
  }

  @Test
  void syntaxErrorRunsNothingAndRuntimeErrorStopsTheScript() throws Exception {
    SshClient.Result syntax = client.exec(lab.b(),
        "/system identity set name=first\n/routing bgp connection print", dir);
    assertThat(syntax.output()).isEqualTo("bad command name connection (line 2 column 14)\r\n");
    assertThat(syntax.exitStatus()).isZero();
    assertThat(lab.b().console("/system identity print")).isEqualTo("  name: MikroTik\n");

    SshClient.Result runtime = client.exec(lab.b(),
        "/system identity set name=first\n/interface ethernet set ether99 comment=x\n/system identity set name=second", dir);
    assertThat(runtime.output()).isEqualTo("no such item\r\n");
    assertThat(lab.b().console("/system identity print")).isEqualTo("  name: first\n");
  }

  @Test
  void refusesAnotherKeyAndAnUnknownHostKey() throws Exception {
    SshClient stranger = new SshClient();
    assertThatThrownBy(() -> stranger.exec(lab.a(), "/system identity print", dir))
        .isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");

    JSch jsch = new JSch();
    Path knownHosts = dir.resolve("other_known_hosts");
    Files.writeString(knownHosts, lab.b().knownHostsLine().replace(":" + lab.b().port() + "]", ":" + lab.a().port() + "]") + "\n");
    jsch.setKnownHosts(knownHosts.toString());
    Session session = jsch.getSession(lab.a().user(), lab.a().host(), lab.a().port());
    session.setConfig("StrictHostKeyChecking", "yes");
    assertThatThrownBy(() -> session.connect(5000)).isInstanceOf(JSchException.class)
        .hasMessageContaining("HostKey");
  }

  @Test
  void aUserAddedAtTheConsoleLogsInWithItsKeyUntilTheKeyIsRemoved() throws Exception {
    SshClient operator = new SshClient();
    try (RouterOsLab factory = RouterOsLab.start(Sessions.spec(RouterOsDialect.V7).user("ha"))) {
      SimulatedRouter a = factory.a();
      assertThatThrownBy(() -> operator.exec(a, ":put hello", dir)).isInstanceOf(JSchException.class);
      // what a bootstrap script pasted at the console does on RouterOS 7
      a.console("/user ssh-keys add user=ha key=" + Values.quote(operator.publicKeyLine));
      assertThat(operator.exec(a, ":put hello", dir).output()).isEqualTo("hello\r\n");
      a.console("/user ssh-keys remove [find user=ha]");
      assertThatThrownBy(() -> operator.exec(a, ":put hello", dir)).isInstanceOf(JSchException.class);
    }
  }

  @Test
  void dropSessionClosesInsteadOfRunningTheMatchingLine() throws Exception {
    lab.a().dropSessionOn(line -> line.contains("name=dropped"));
    SshClient.Result result = client.exec(lab.a(),
        "/interface bridge add name=kept\n/interface bridge add name=dropped\n/interface bridge add name=never", dir);
    assertThat(result.closedByServer() || result.exitStatus() == -1).isTrue();
    String bridges = lab.a().console(":put [:len [/interface bridge find where name=\"kept\"]]\n"
        + ":put [:len [/interface bridge find where name=\"dropped\" or name=\"never\"]]");
    assertThat(bridges).isEqualTo("1\n0\n");
    // only the first match drops: the next session runs normally
    assertThat(client.exec(lab.a(), "/interface bridge add name=dropped", dir).output()).isEmpty();
  }

  @Test
  void powerOffRefusesConnectionsAndPowerOnListensOnTheSamePort() throws Exception {
    int port = lab.b().port();
    lab.b().powerOff();
    assertThatThrownBy(() -> client.exec(lab.b(), "/system identity print", dir)).isInstanceOf(JSchException.class);
    lab.b().powerOn();
    assertThat(lab.b().port()).isEqualTo(port);
    assertThat(client.exec(lab.b(), ":put ok", dir).output()).isEqualTo("ok\r\n");
  }
}
