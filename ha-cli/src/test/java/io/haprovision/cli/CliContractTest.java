package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and the key output lines of validate and render, for good and bad input. */
class CliContractTest {
  static final String MARKER = "Mk7xQ2pz";   // a unique secret value: must never be printed

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** A small valid OpenWrt pair whose VRRP password comes from a file holding MARKER. */
  private Path goodInventory() throws IOException {
    write("vrrp.pass", MARKER + "\n");
    return write("good.yml", """
        version: 1
        defaults:
          ssh: { user: root, identity_file: ./id_ed25519, known_hosts: ./known_hosts }
        pairs:
          - name: office
            platform: openwrt
            nodes:
              - name: gw-a
                role: primary
                host: 192.0.2.11
                interfaces: { br-lan: 198.51.100.2/24 }
              - name: gw-b
                role: secondary
                host: 192.0.2.12
                interfaces: { br-lan: 198.51.100.3/24 }
            vrrp:
              instances:
                - name: LAN
                  interface: br-lan
                  virtual_router_id: 51
                  vips: [198.51.100.1/24]
                  unicast: true
                  authentication: { type: PASS, password: "${file:vrrp.pass}" }
        """);
  }

  @Test
  void helpListsTheCommands() {
    CliRunner r = CliRunner.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("validate").contains("render").contains("rehearse").contains("Exit codes");
  }

  /** Issue 16, point 7: each command's line in `provision --help` is a whole sentence. */
  @Test
  void commandSummariesAreWholeSentencesAndCompletionKnowsEveryCommand() {
    picocli.CommandLine cl = ProvisionCommand.commandLine();
    for (java.util.Map.Entry<String, picocli.CommandLine> c : cl.getSubcommands().entrySet()) {
      if (c.getKey().equals("help")) {
        continue;
      }
      String[] description = c.getValue().getCommandSpec().usageMessage().description();
      assertThat(description).as(c.getKey()).isNotEmpty();
      assertThat(description[0]).as(c.getKey()).endsWith(".").doesNotContain("\n");
    }
    CliRunner completion = CliRunner.run("completion", "bash");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).contains("complete -F").contains("plan").contains("rehearse").contains("--log-file");
    CliRunner fish = CliRunner.run("completion", "fish");
    assertThat(fish.exitCode()).isEqualTo(64);
    assertThat(fish.err()).contains("no completion for shell 'fish'");
    CliRunner help = CliRunner.run("plan", "--help");
    assertThat(help.out()).contains("-v, --verbose").contains("-q, --quiet").contains("--log-file=FILE");
  }

  @Test
  void watchRefusesABadListenAddressOrIntervalAsAUsageError() {
    CliRunner noPort = CliRunner.run("watch", "inv.yml", "--listen", "127.0.0.1");
    assertThat(noPort.exitCode()).isEqualTo(64);
    assertThat(noPort.err()).contains("--listen wants ADDR:PORT");
    CliRunner badPort = CliRunner.run("watch", "inv.yml", "--listen", "127.0.0.1:99999");
    assertThat(badPort.exitCode()).isEqualTo(64);
    assertThat(badPort.err()).contains("outside 0..65535");
    CliRunner fast = CliRunner.run("watch", "inv.yml", "--listen", "127.0.0.1:9815", "--interval", "10ms");
    assertThat(fast.exitCode()).isEqualTo(64);
    assertThat(fast.err()).contains("--interval must be at least 500ms");
  }

  @Test
  void labFleetAndLabUpRefuseBadArgumentsAsUsageErrors() {
    CliRunner neither = CliRunner.run("lab", "fleet", "--pairs", "5");
    assertThat(neither.exitCode()).isEqualTo(64);
    assertThat(neither.err()).contains("give either --from INVENTORY --pair PAIR (record) or --recording FILE");
    CliRunner both = CliRunner.run("lab", "fleet", "--pairs", "5", "--recording", "r.txt", "--from", "lab.yml",
        "--pair", "p1");
    assertThat(both.exitCode()).isEqualTo(64);
    CliRunner tooMany = CliRunner.run("lab", "fleet", "--pairs", "1024", "--recording", "r.txt");
    assertThat(tooMany.exitCode()).isEqualTo(64);
    assertThat(tooMany.err()).contains("--pairs must be 1..1023, got 1024");
    CliRunner lab = CliRunner.run("lab", "up", "--pairs", "51");
    assertThat(lab.exitCode()).isEqualTo(64);
    assertThat(lab.err()).contains("--pairs must be 1..50, got 51");
  }

  @Test
  void validateAcceptsAGoodInventory() throws IOException {
    Path inv = goodInventory();
    CliRunner r = CliRunner.run("validate", inv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(inv + ": valid: 1 pair, 2 nodes")
        .contains("office (openwrt): gw-a primary 192.0.2.11, gw-b secondary 192.0.2.12")
        .doesNotContain(MARKER);
  }

  @Test
  void invalidInventoryExits65WithFileLineColumnAndFix() throws IOException {
    Path inv = write("bad.yml", Files.readString(goodInventory()).replace("virtual_router_id: 51",
        "virtual_router_id: 300"));
    CliRunner r = CliRunner.run("validate", inv.toString());
    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("error: invalid inventory: 1 problem (nothing was contacted)")
        .contains(inv + ":20:")
        .contains("pairs[0].vrrp.instances[0].virtual_router_id")
        .contains("300")
        .doesNotContain(MARKER);
  }

  @Test
  void unknownKeyIsRefusedWithSuggestion() throws IOException {
    Path inv = write("typo.yml", Files.readString(goodInventory()).replace("virtual_router_id", "virtual_routerid"));
    CliRunner r = CliRunner.run("validate", inv.toString());
    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("virtual_routerid").contains("virtual_router_id");
  }

  @Test
  void yamlSyntaxErrorExits65() throws IOException {
    Path inv = write("syntax.yml", "pairs:\n  - name: [unclosed\n");
    CliRunner r = CliRunner.run("validate", inv.toString());
    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains(inv.toString() + ":");
  }

  @Test
  void missingFileExits65() {
    CliRunner r = CliRunner.run("validate", dir.resolve("nope.yml").toString());
    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("nope.yml");
  }

  @Test
  void missingSecretNamesTheVariableNotAValue() throws IOException {
    Path inv = write("env.yml", Files.readString(goodInventory())
        .replace("${file:vrrp.pass}", "${env:HA_PROVISION_TEST_UNSET_VARIABLE}"));
    CliRunner r = CliRunner.run("validate", inv.toString());
    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("HA_PROVISION_TEST_UNSET_VARIABLE");
  }

  @Test
  void rehearseRefusesAPairTheLabCannotReplicateWith65BeforeContactingIt() throws IOException {
    Path good = goodInventory();
    Path renamed = write("renamed.yml", Files.readString(good).replace("br-lan", "mgmt"));
    CliRunner r = CliRunner.run("rehearse", renamed.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INVENTORY);
    assertThat(r.err()).contains("renamed.yml").contains("interface 'mgmt' cannot be a replica's link name")
        .contains("rehearse pairs whose interfaces have Linux device names").doesNotContain(MARKER);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void usageErrorsExit64() {
    assertThat(CliRunner.run("validate").exitCode()).isEqualTo(64);
    assertThat(CliRunner.run("validate", "--bogus", "x.yml").exitCode()).isEqualTo(64);
    assertThat(CliRunner.run("frobnicate").exitCode()).isEqualTo(64);
    assertThat(CliRunner.run().exitCode()).isEqualTo(64);
    CliRunner noOut = CliRunner.run("render", "x.yml");
    assertThat(noOut.exitCode()).isEqualTo(64);
    assertThat(noOut.err()).contains("--out");
  }

  @Test
  void everyCommandThatContactsRoutersTakesOneParallelOptionWithOneDefault() {
    for (String command : new String[] {"plan", "apply", "verify", "facts"}) {
      CliRunner help = CliRunner.run(command, "--help");
      assertThat(help.out()).as(command).contains("--parallel=N").contains("Pairs worked on at once, default 4.");
      CliRunner zero = CliRunner.run(command, "x.yml", "--parallel", "0");
      assertThat(zero.exitCode()).as(command).isEqualTo(64);
      assertThat(zero.err()).as(command).contains("--parallel must be at least 1, got 0");
    }
  }

  @Test
  void unknownLimitIsAnInventoryError() throws IOException {
    CliRunner r = CliRunner.run("validate", goodInventory().toString(), "--limit", "nosuch");
    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("nosuch").contains("office");
  }

  @Test
  void renderWritesEveryFileWithSecretsMasked() throws IOException {
    Path out = dir.resolve("out");
    CliRunner r = CliRunner.run("render", goodInventory().toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("office/gw-a:").contains("rendered 2 nodes to " + out);
    Path conf = out.resolve("office/gw-a/etc/keepalived/keepalived.conf");
    assertThat(conf).exists();
    String text = Files.readString(conf);
    assertThat(text).contains("virtual_router_id 51").contains("auth_pass ******");
    assertThat(Files.getPosixFilePermissions(conf)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(out.resolve("office/gw-b/RESOURCES.txt")).exists();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(MARKER);
      }
    }
  }
}
