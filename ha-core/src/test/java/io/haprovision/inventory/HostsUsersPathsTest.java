package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.fail;
import static io.haprovision.inventory.InventoryTesting.load;
import static io.haprovision.inventory.InventoryTesting.only;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static io.haprovision.inventory.InventoryTesting.withSecondaryKeys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 4: hosts, SSH users and file paths are checked as what they are, each with
 * its own message, where they were written; before, `300.1.1.1`, a user `-oProxyCommand=x`
 * and a known_hosts path with a newline were all accepted.
 */
class HostsUsersPathsTest {
  @Test
  void aHostIsAnIpAddressOrAnRfc1123HostName() {
    String dotted = change(BASE, "host: 192.0.2.12", "host: 300.1.1.1");
    Problem p = only(fail(dotted), "value.invalid");
    assertThat(p.keyPath()).isEqualTo("pairs[0].nodes[1].host");
    assertThat(p.location()).isEqualTo(valueAt(dotted, "host: 300.1.1.1"));
    assertThat(p.message()).isEqualTo("`300.1.1.1` looks like an IPv4 address but is not one");

    String longLabel = change(BASE, "host: 192.0.2.12", "host: " + "a".repeat(64) + ".example.net");
    assertThat(only(fail(longLabel), "value.invalid").message()).contains("is neither an IP address nor a host name");
    String underscore = change(BASE, "host: 192.0.2.12", "host: gw_b.example.net");
    assertThat(only(fail(underscore), "value.invalid").fix()).contains("at most 63 characters each");

    for (String good : new String[] {"gw-b.example.net", "2001:db8::12", "10.0.0.1", "router7"}) {
      assertThat(load(change(BASE, "host: 192.0.2.12", "host: \"" + good + "\"")).pairs().get(0).secondary().host())
          .isEqualTo(good);
    }
  }

  @Test
  void anSshUserIsALoginName() {
    for (String bad : new String[] {"-oProxyCommand=touch /tmp/x", "ad min", "admin\\nroot", "", "a".repeat(65)}) {
      String yaml = withSecondaryKeys("        ssh: { user: \"" + bad + "\" }");
      Problem p = only(fail(yaml), "value.invalid");
      assertThat(p.keyPath()).as(bad).isEqualTo("pairs[0].nodes[1].ssh.user");
      assertThat(p.message()).as(bad).contains("is not an SSH user name").doesNotContain("\n");
    }
    String fromDefaults = change(BASE, "user: admin", "user: \"-l\"");
    Problem once = only(fail(fromDefaults), "value.invalid");
    assertThat(once.keyPath()).as("reported once, where it was written").isEqualTo("defaults.ssh.user");
    assertThat(load(withSecondaryKeys("        ssh: { user: ha-provision.bot@corp }")).pairs().get(0).secondary()
        .ssh().user()).isEqualTo("ha-provision.bot@corp");
  }

  @Test
  void aFilePathHasNoControlCharacters() {
    String yaml = withSecondaryKeys("        ssh: { known_hosts: \"/etc/ssh/known\\nhosts\" }");
    Problem p = only(fail(yaml), "value.path");
    assertThat(p.keyPath()).isEqualTo("pairs[0].nodes[1].ssh.known_hosts");
    assertThat(p.message()).contains("control character");
    String blank = change(BASE, "identity_file: ~/.ssh/id_ed25519", "identity_file: \" \"");
    assertThat(only(fail(blank), "value.path").keyPath()).isEqualTo("defaults.ssh.identity_file");
  }
}
