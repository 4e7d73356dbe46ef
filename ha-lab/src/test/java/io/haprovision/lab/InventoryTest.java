package io.haprovision.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory a lab writes, against a golden file and structurally. */
class InventoryTest {

  @Test
  void twoPairInventoryMatchesGoldenFile(@TempDir Path dir) throws Exception {
    Lab lab = Lab.planned(LabSpec.openwrt(2).withRunId("golden1"), 7);
    Path file = lab.writeInventory(dir.resolve("lab.yml"));
    Golden.assertMatches("inventory-2-pairs.yml", Files.readString(file));
  }

  @Test
  void inventoryDescribesTheLabAsBuilt(@TempDir Path dir) throws Exception {
    Lab lab = Lab.planned(LabSpec.openwrt(3).withRunId("inv3"), 12);
    JsonNode inv = new ObjectMapper(new YAMLFactory()).readTree(lab.writeInventory(dir.resolve("x.yml")).toFile());
    assertThat(inv.path("version").asInt()).isEqualTo(1);
    JsonNode ssh = inv.path("defaults").path("ssh");
    assertThat(ssh.path("user").asText()).isEqualTo("root");
    assertThat(ssh.path("identity_file").asText()).isEqualTo(lab.identityFile().toString());
    assertThat(ssh.path("known_hosts").asText()).isEqualTo(lab.knownHostsFile().toString());
    assertThat(ssh.path("host_key_policy").asText()).isEqualTo("strict");
    assertThat(inv.path("pairs")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode pair = inv.path("pairs").get(i);
      LabPair expected = lab.pair(i + 1);
      assertThat(pair.path("platform").asText()).isEqualTo("openwrt");
      assertThat(pair.has("openwrt")).isFalse();
      assertThat(pair.path("nodes").get(0).path("host").asText()).isEqualTo(expected.a().managementAddress());
      assertThat(pair.path("nodes").get(1).path("role").asText()).isEqualTo("secondary");
      assertThat(pair.path("nodes").get(1).path("interfaces").path("wan").asText()).isEqualTo(expected.b().wanAddress());
      JsonNode instances = pair.path("vrrp").path("instances");
      assertThat(instances.get(0).path("interface").asText()).isEqualTo("br-lan");
      assertThat(instances.get(0).path("vips").get(0).asText()).isEqualTo(expected.lanVip());
      assertThat(instances.get(0).path("unicast").asBoolean()).isTrue();
      assertThat(instances.get(1).path("vips").get(0).asText()).isEqualTo(expected.wanVip());
      assertThat(pair.path("vrrp").path("sync_group").path("instances").toString()).isEqualTo("[\"LAN\",\"WAN\"]");
      JsonNode probe = pair.path("verify").path("probe");
      assertThat(probe.path("name").asText()).isEqualTo(expected.client());
      assertThat(probe.path("host").asText()).isEqualTo(expected.clientManagementAddress())
          .isEqualTo("198.18.12." + (50 + i + 1));
      assertThat(probe.has("ssh")).as("inherits the lab's defaults.ssh").isFalse();
    }
  }
}
