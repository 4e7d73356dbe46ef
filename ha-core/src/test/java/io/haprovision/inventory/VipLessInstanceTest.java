package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.error.InventoryException;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.spi.TestPlatform;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Instances without {@code vips}: refused unless the pair's platform says it needs none ({@link Target#requiresVips()}). */
class VipLessInstanceTest {
  private static final Path BASE_DIR = Path.of("/nonexistent-inventory-dir");
  private static final String VIPS = "          vips:\n            - 198.51.100.1/24\n";
  private static final String WITHOUT_VIPS = change(BASE, VIPS, "");
  private static final String EMPTY_VIPS = change(BASE, VIPS, "          vips: []\n");

  /** The test platform, as a platform whose keepalived moves no address (like the bonders). */
  private static final Target VIP_LESS = new TestPlatform() {
    @Override
    public boolean requiresVips() {
      return false;
    }
  };

  private static InventoryLoader vipLessLoader() {
    return InventoryTesting.loader().withTargets(Targets.of(VIP_LESS));
  }

  @Test
  void theDefaultRequiresVips() {
    assertThat(new TestPlatform().requiresVips()).isTrue();
  }

  @Test
  void anInstanceWithoutVipsIsAcceptedWhenThePlatformNeedsNone() {
    VrrpInstanceSpec i = vipLessLoader().load(WITHOUT_VIPS, InventoryTesting.FILE, BASE_DIR)
        .pairs().get(0).vrrp().instances().get(0);
    assertThat(i.vips()).isEmpty();
    assertThat(i.name()).isEqualTo("LAN");
  }

  @Test
  void anEmptyVipListIsAcceptedWhenThePlatformNeedsNone() {
    VrrpInstanceSpec i = vipLessLoader().load(EMPTY_VIPS, InventoryTesting.FILE, BASE_DIR)
        .pairs().get(0).vrrp().instances().get(0);
    assertThat(i.vips()).isEmpty();
  }

  @Test
  void vipsThatAreGivenAreStillCheckedWhenThePlatformNeedsNone() {
    String yaml = change(BASE, "- 198.51.100.1/24", "- 198.51.100.1");
    InventoryException e = InventoryTesting.fail(vipLessLoader(), yaml, BASE_DIR);
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("vrrp.vip-no-prefix");
  }

  @Test
  void aMissingVipsKeyIsRefusedWhenThePlatformRequiresVips() {
    Problem p = assertSingleProblem(WITHOUT_VIPS, "key.missing", at(WITHOUT_VIPS, "name: LAN"),
        "pairs[0].vrrp.instances[0].vips");
    assertThat(p.message()).contains("`vips`");
  }

  @Test
  void anEmptyVipListIsRefusedWhenThePlatformRequiresVips() {
    Problem p = assertSingleProblem(EMPTY_VIPS, "vrrp.vips-empty", at(EMPTY_VIPS, "[]"),
        "pairs[0].vrrp.instances[0].vips");
    assertThat(p.fix()).contains("at least one virtual address");
  }

  @Test
  void anUnknownPlatformIsReportedAloneNotAsAMissingVips() {
    String yaml = change(WITHOUT_VIPS, "platform: test", "platform: tset");
    InventoryException e = InventoryTesting.fail(yaml);
    only(e, "pair.platform-unknown");
    assertThat(e.problems()).extracting(Problem::rule).doesNotContain("key.missing");
  }
}
