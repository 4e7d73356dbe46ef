package io.haprovision.openwrt.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InventoryException;
import io.haprovision.lab.rehearse.Rehearsal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pair a lab replica cannot stand in for is refused as an inventory problem naming the key
 * and the fix, before any router is contacted (the nodes' SSH port here is a listening socket
 * that must see no connection) and before any lab starts.
 */
class RehearsalRefusalTest {
  private static final Path EXAMPLE = Path.of("..", "inventories", "openwrt-office.yml");

  @Test
  void aPairWithInterfacesTheLabDoesNotHaveIsRefusedBeforeAnyConnection(@TempDir Path dir) throws Exception {
    try (ServerSocket router = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      String yaml = Files.readString(EXAMPLE)
          .replace("    user: root ", "    user: root\n    port: " + router.getLocalPort() + "\n    #")
          .replace("host: 192.0.2.2", "host: 127.0.0.1").replace("host: 192.0.2.3", "host: 127.0.0.1")
          .replace("          sync: 198.18.0.1/30", "          sync: 198.18.0.1/30\n          mgmt: 10.9.9.1/24")
          .replace("          sync: 198.18.0.2/30", "          sync: 198.18.0.2/30\n          mgmt: 10.9.9.2/24");
      Path inventory = Files.writeString(dir.resolve("four-networks.yml"), yaml);

      assertThatThrownBy(() -> Rehearsal.run(new Rehearsal.Options(inventory, List.of(), false,
          Map.of("OFFICE_VRRP_PASS", "s3cret"), e -> { }, line -> { })))
          .isInstanceOf(InventoryException.class)
          .hasMessageContaining("four-networks.yml")
          .hasMessageContaining("pairs[0].nodes")
          .hasMessageContaining("4 networks (br-lan, wan, sync, mgmt)")
          .hasMessageContaining("rehearse pairs whose nodes have at most three interfaces");
      router.setSoTimeout(200);
      assertThatThrownBy(router::accept).as("nothing connected to the routers").isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void anInterfaceNoLabLinkCanBeNamedAfterIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(EXAMPLE).replace("sync: 198.18.0.", "mgmt: 198.18.0.").replace("interface: sync", "interface: mgmt");
    assertThat(yaml).contains("mgmt: 198.18.0.1/30");
    Path inventory = Files.writeString(dir.resolve("mgmt.yml"), yaml);
    assertThatThrownBy(() -> Rehearsal.run(new Rehearsal.Options(inventory, List.of(), false,
        Map.of("OFFICE_VRRP_PASS", "s3cret"), e -> { }, line -> { })))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("interface 'mgmt' cannot be a replica's link name")
        .hasMessageContaining("rehearse pairs whose interfaces have Linux device names");
  }
}
