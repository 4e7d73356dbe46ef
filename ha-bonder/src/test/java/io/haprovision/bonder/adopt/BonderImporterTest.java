package io.haprovision.bonder.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guide's swap-active-bond.conf as Python's configparser reads it. */
class BonderImporterTest {
  @Test
  void theGuidesExampleFileReadsIntoItsSections() {
    // Multapplied api-examples swap-active-bond/swap-active-bond.example.conf (commit 2351b12), passwd left out
    // as the importer's read leaves it out.
    String text = "[bondingadmin]\nhost = bondingadmin.example.com\nuser = username or email\n#verify_ssl = true\n"
        + "#timeout = 10.0\n\n[bond]\n# Set the object IDs on which to operate. Multiple connected IPs, routes, or"
        + " CPE NAT IPs must\n# be separated by commas, eg: 1, 2, 3\nmaster_bond_id = 1\nmaster_connected_ip_ids = 1\n"
        + "master_route_ids = 1\nmaster_cpe_nat_ip_ids = 1\nbackup_bond_id = 2\nbackup_connected_ip_ids = 2\n"
        + "backup_route_ids = 2\nbackup_cpe_nat_ip_ids = 2\n; a comment\nmaster_cpe_nat_ip_ids: 1, 3\n";
    Map<String, Map<String, String>> ini = BonderImporter.ini(text);
    assertThat(ini.keySet()).containsExactly("bondingadmin", "bond");
    assertThat(ini.get("bondingadmin")).containsEntry("host", "bondingadmin.example.com")
        .containsEntry("user", "username or email").doesNotContainKey("verify_ssl");
    assertThat(ini.get("bond")).containsEntry("master_bond_id", "1").containsEntry("backup_route_ids", "2")
        .containsEntry("master_cpe_nat_ip_ids", "1, 3");
  }
}
