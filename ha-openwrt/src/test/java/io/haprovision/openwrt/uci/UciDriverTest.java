package io.haprovision.openwrt.uci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.TargetException;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UCI drivers' shell side, run by a local shell against a stub {@code uci} that answers
 * {@code show}/{@code get} from files (as OpenWrt's uci prints them) and records every other
 * call: probes parse into states, changes stage the right commands, and a run of changes
 * commits each config once.
 */
class UciDriverTest {
  @TempDir
  Path tmp;
  private NodeContext node;

  /** Runs commands with /bin/sh on this machine, the stub uci first on PATH. */
  private final class LocalConnection implements Connection {
    private final AtomicLong count = new AtomicLong();

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
      count.incrementAndGet();
      try {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        pb.environment().put("PATH", tmp.resolve("bin") + ":/usr/bin:/bin");
        pb.environment().put("UCI_DIR", tmp.toString());
        Process p = pb.start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return new ExecResult(p.exitValue(), out, err);
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public String target() {
      return "root@192.0.2.2:22";
    }

    @Override
    public Duration commandTimeout() {
      return Duration.ofSeconds(30);
    }

    @Override
    public long execCount() {
      return count.get();
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void setUp() throws IOException {
    Path uci = Files.createDirectories(tmp.resolve("bin")).resolve("uci");
    Files.writeString(uci, """
        #!/bin/sh
        # -t DIR: the private save directory, recorded as "-t DIR" (its name varies)
        t=
        while :; do
          case "$1" in
            -q) shift ;;
            -t) t="-t DIR "; [ -d "$2" ] || { echo "uci -t: no directory $2" >&2; exit 1; }; shift 2 ;;
            *) break ;;
          esac
        done
        case "$1" in
          show|get)
            # the committed file, named by its absolute path
            case "$2" in /etc/config/*) ;; *) echo "uci $1 of a staged value: $2" >&2; exit 2 ;; esac
            f="$UCI_DIR/$1/${2#/etc/config/}"
            [ -f "$f" ] || exit 1
            cat "$f"
            ;;
          changes)
            [ -f "$UCI_DIR/staged/$2" ] && cat "$UCI_DIR/staged/$2"
            ;;
          *)
            echo "uci $t$*" >> "$UCI_DIR/calls"
            [ "$1" = set ] && [ "$2" = "dhcp.broken.x=1" ] && { echo "uci: Invalid argument" >&2; exit 1; }
            ;;
        esac
        exit 0
        """, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(uci, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(tmp.resolve("show"));
    Files.createDirectories(tmp.resolve("get"));
    node = new NodeContext("office", "gw-a", new LocalConnection());
  }

  private ProbeOutput probe(String snippet) {
    ExecResult r = node.connection().exec(snippet);
    return new ProbeOutput("r1", node.target(), r.stdout(), r.stderr(), r.exitCode());
  }

  private List<String> calls() throws IOException {
    Path calls = tmp.resolve("calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void probesReadTheWholeConfigOnceAndEachResourceFindsItsPart() throws IOException {
    UciOptionDriver driver = new UciOptionDriver();
    UciSectionDriver sections = new UciSectionDriver();
    UciOption options = UciOption.list("dhcp", "lan", "dhcp_option", List.of("3,192.0.2.1", "6,192.0.2.1"));
    UciOption script = UciOption.set("dhcp", "@dnsmasq[0]", "dhcpscript", "/usr/libexec/ha-provision/lease-sync");
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    UciSection host = UciSection.of("dhcp", "ha_nas", "host");
    // One probe text for every option and section of config dhcp: the engine runs it once per node.
    assertThat(List.of(driver.probe(options), driver.probe(script), driver.probe(force), sections.probe(host)))
        .containsOnly("uci -q show /etc/config/dhcp\n");

    assertThat(driver.parse(force, probe(driver.probe(force)))).as("no config file: absent")
        .isEqualTo(UciOptionState.absent());
    assertThat(sections.parse(host, probe(sections.probe(host)))).isEqualTo(UciSectionState.absent());

    Files.writeString(tmp.resolve("show/dhcp"), """
        dhcp.@dnsmasq[0]=dnsmasq
        dhcp.@dnsmasq[0].domainneeded='1'
        dhcp.@dnsmasq[0].dhcpscript='/usr/libexec/ha-provision/lease-sync'
        dhcp.lan=dhcp
        dhcp.lan.interface='lan'
        dhcp.lan.dhcp_option='3,192.0.2.1' '6,192.0.2.1'
        dhcp.ha_nas=host
        dhcp.ha_nas.ip='192.0.2.22'
        """);
    assertThat(driver.parse(options, probe(driver.probe(options)))).isEqualTo(
        UciOptionState.list(List.of("3,192.0.2.1", "6,192.0.2.1")));
    assertThat(script.compare(Optional.of(driver.parse(script, probe(driver.probe(script))))).changes()).isFalse();
    assertThat(driver.parse(force, probe(driver.probe(force)))).isEqualTo(UciOptionState.absent());
    assertThat(sections.parse(host, probe(sections.probe(host)))).isEqualTo(UciSectionState.of("host"));
    assertThat(calls()).as("reads only").isEmpty();
  }

  @Test
  void anAnonymousSectionCountedFromTheEndIsReadOnItsOwn() throws IOException {
    UciOptionDriver driver = new UciOptionDriver();
    UciOption last = UciOption.set("firewall", "@rule[-1]", "name", "x");
    assertThat(driver.probe(last)).isEqualTo("uci -q show '/etc/config/firewall.@rule[-1].name'\n");
    Files.writeString(tmp.resolve("show/firewall.@rule[-1].name"), "firewall.@rule[7].name='x'\n");
    assertThat(driver.parse(last, probe(driver.probe(last)))).isEqualTo(UciOptionState.shown(List.of("x")));
  }

  @Test
  void nonsenseOutputIsATargetErrorNamingTheNode() {
    UciOptionDriver driver = new UciOptionDriver();
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    assertThatThrownBy(() -> driver.parse(force, new ProbeOutput("r1", node.target(), "", "sh: uci: not found\n", 127)))
        .isInstanceOf(TargetException.class).hasMessageContaining("root@192.0.2.2:22");
    assertThatThrownBy(() -> driver.parse(force,
        new ProbeOutput("r1", node.target(), "dhcp.lan=dhcp\ndhcp.lan.force='1\n", "", 0)))
        .isInstanceOf(TargetException.class).hasMessageContaining("cannot read line 2");
  }

  @Test
  void changesAreStagedThenEachConfigCommittedOnce() throws IOException {
    UciSectionDriver sections = new UciSectionDriver();
    UciOptionDriver options = new UciOptionDriver();
    UciSection lan = UciSection.of("dhcp", "lan", "dhcp");
    UciOption list = UciOption.list("dhcp", "lan", "dhcp_option", List.of("3,192.0.2.1", "6,192.0.2.1"));
    UciOption enabled = UciOption.set("keepalived", "globals", "enabled", "1");
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    long before = privateDirs();
    sections.apply(lan, Optional.empty(), node);
    sections.flush(List.of(lan), node);
    options.apply(list, Optional.empty(), node);
    options.apply(enabled, Optional.empty(), node);
    options.apply(force, Optional.empty(), node);
    options.flush(List.of(list, enabled, force), node);
    assertThat(calls()).as("each config staged in a private directory and committed in one command").containsExactly(
        "uci -t DIR set dhcp.lan=dhcp",
        "uci -t DIR commit dhcp",
        "uci -t DIR delete dhcp.lan.dhcp_option",
        "uci -t DIR add_list dhcp.lan.dhcp_option=3,192.0.2.1",
        "uci -t DIR add_list dhcp.lan.dhcp_option=6,192.0.2.1",
        "uci -t DIR set dhcp.lan.force=1",
        "uci -t DIR commit dhcp",
        "uci -t DIR set keepalived.globals.enabled=1",
        "uci -t DIR commit keepalived");
    assertThat(privateDirs()).as("the private directories are removed").isEqualTo(before);
  }

  private static long privateDirs() throws IOException {
    try (var all = Files.list(Path.of("/tmp"))) {
      return all.filter(p -> p.getFileName().toString().startsWith("ha-provision-uci.")).count();
    }
  }

  @Test
  void aConfigWithChangesStagedByOthersIsNotCommitted() throws IOException {
    Files.createDirectories(tmp.resolve("staged"));
    Files.writeString(tmp.resolve("staged/dhcp"), "dhcp.lan.start='50'\n");
    UciOption force = UciOption.set("dhcp", "lan", "force", "1");
    UciOptionDriver options = new UciOptionDriver();
    options.apply(force, Optional.empty(), node);
    assertThatThrownBy(() -> options.flush(List.of(force), node))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("uci config dhcp has 1 uncommitted change(s) staged outside ha-provision")
        .hasMessageContaining("uci changes dhcp");
    assertThat(calls()).as("nothing staged, nothing committed").isEmpty();
  }

  @Test
  void aRefusedChangeFailsWithUcisMessage() {
    UciOption broken = UciOption.set("dhcp", "broken", "x", "1");
    assertThatThrownBy(() -> new UciOptionDriver().flush(List.of(broken), node))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("staging and committing uci config dhcp")
        .hasMessageContaining("Invalid argument")
        .hasMessageContaining("gw-a");
  }
}
