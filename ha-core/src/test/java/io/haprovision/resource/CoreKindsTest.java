package io.haprovision.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lines, packages and services compare with their facts. */
class CoreKindsTest {
  @Test
  void lineIsAddedOnlyWhenMissing() {
    LineInFile line = LineInFile.present("/etc/sysupgrade.conf", "/etc/keepalived/");
    assertThat(line.id()).isEqualTo(new ResourceId("line", "/etc/sysupgrade.conf:/etc/keepalived/"));
    assertThat(line.compare(Optional.empty()).action()).isEqualTo(Action.CREATE);
    assertThat(line.compare(Optional.of(new LineState(false))).summary())
        .isEqualTo("add line '/etc/keepalived/' to /etc/sysupgrade.conf");
    assertThat(line.compare(Optional.of(new LineState(true))).action()).isEqualTo(Action.NONE);
  }

  @Test
  void absentLineIsRemovedOnlyWhenThere() {
    LineInFile line = LineInFile.absent("/etc/sysupgrade.conf", "/etc/old/");
    assertThat(line.compare(Optional.of(new LineState(true))).action()).isEqualTo(Action.DELETE);
    assertThat(line.compare(Optional.of(new LineState(false))).action()).isEqualTo(Action.NONE);
    assertThat(line.compare(Optional.empty()).action()).isEqualTo(Action.NONE);
  }

  /**
   * Issue 16, point 5: a line holding quotes is shown so that it reads back as itself: each
   * {@code '} written {@code '\''}, as the UCI values of the same listing are; a shell given
   * the shown word prints exactly the line.
   */
  @Test
  void aLineWithQuotesIsShownUnambiguously() throws Exception {
    String odd = "/etc/x/'$(reboot)'";
    LineInFile line = LineInFile.present("/etc/sysupgrade.conf", odd);
    String shown = "'/etc/x/'\\''$(reboot)'\\'''";
    assertThat(line.describe()).isEqualTo("line " + shown + " in /etc/sysupgrade.conf");
    assertThat(line.compare(Optional.of(new LineState(false))).summary())
        .isEqualTo("add line " + shown + " to /etc/sysupgrade.conf");
    Process sh = new ProcessBuilder("sh", "-c", "printf %s " + shown).start();
    assertThat(new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(odd);
    assertThat(sh.waitFor()).isZero();
    assertThat(LineInFile.present("/etc/sysupgrade.conf", "/etc/keepalived/").describe())
        .isEqualTo("line '/etc/keepalived/' in /etc/sysupgrade.conf");
  }

  @Test
  void lineMustBeOneLine() {
    assertThatThrownBy(() -> LineInFile.present("/etc/x", "a\nb")).isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> LineInFile.present("/etc/x", "")).isInstanceOf(InternalException.class);
  }

  @Test
  void packageIsInstalledOrRemoved() {
    PackageResource keepalived = PackageResource.installed("keepalived");
    assertThat(keepalived.compare(Optional.empty()).summary()).isEqualTo("install package keepalived");
    assertThat(keepalived.compare(Optional.of(PackageState.missing())).action()).isEqualTo(Action.CREATE);
    assertThat(keepalived.compare(Optional.of(PackageState.installed("2.2.8-r1"))).summary())
        .isEqualTo("package keepalived is installed (2.2.8-r1)");
    Comparison removal = PackageResource.removed("keepalived").compare(Optional.of(PackageState.installed("2.2.8-r1")));
    assertThat(removal.action()).isEqualTo(Action.DELETE);
    assertThat(removal.summary()).isEqualTo("remove package keepalived (2.2.8-r1)");
    assertThat(PackageResource.removed("x").compare(Optional.empty()).action()).isEqualTo(Action.NONE);
  }

  @Test
  void serviceSaysWhichStepsItTakes() {
    ServiceResource keepalived = ServiceResource.enabledAndRunning("keepalived");
    assertThat(keepalived.compare(Optional.empty()).summary()).isEqualTo("enable and start service keepalived");
    assertThat(keepalived.compare(Optional.of(new ServiceState(true, false))).summary())
        .isEqualTo("start service keepalived");
    assertThat(keepalived.compare(Optional.of(new ServiceState(true, true))).action()).isEqualTo(Action.NONE);
    // Bonders: keepalived is started by the connected-IP hook, never at boot.
    ServiceResource bonder = new ServiceResource("keepalived", false, true, Optional.empty(), Optional.empty());
    Comparison c = bonder.compare(Optional.of(new ServiceState(true, true)));
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.summary()).isEqualTo("disable service keepalived");
  }

  @Test
  void serviceListsItsHandlersReloadFirst() {
    ServiceResource s = ServiceResource.enabledAndRunning("keepalived").withHandlers("reload-k", "restart-k");
    assertThat(s.handlerNames()).containsExactly("reload-k", "restart-k");
    assertThat(ServiceResource.enabledAndRunning("conntrackd").withHandlers(null, "restart-c").handlerNames())
        .containsExactly("restart-c");
  }

  @Test
  void desiredPairKnowsRoles() {
    DesiredNode a = new DesiredNode("office", "gw-a", java.util.List.of(), java.util.List.of());
    DesiredNode b = new DesiredNode("office", "gw-b", java.util.List.of(), java.util.List.of());
    DesiredPair pair = new DesiredPair("office", a, b);
    assertThat(pair.roleOf(a)).isEqualTo(DesiredPair.Role.PRIMARY);
    assertThat(pair.roleOf(b)).isEqualTo(DesiredPair.Role.SECONDARY);
    assertThatThrownBy(() -> new DesiredPair("branch", a, b)).isInstanceOf(InternalException.class);
    assertThatThrownBy(() -> new DesiredPair("office", a, a)).isInstanceOf(InternalException.class);
  }
}
