package io.haprovision.inventory;

import static io.haprovision.inventory.InventoryTesting.BASE;
import static io.haprovision.inventory.InventoryTesting.assertSingleProblem;
import static io.haprovision.inventory.InventoryTesting.at;
import static io.haprovision.inventory.InventoryTesting.change;
import static io.haprovision.inventory.InventoryTesting.valueAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.resource.DesiredNode;
import io.haprovision.secret.Secret;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.spi.TestPlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the loader hands a pair's platform section to its platform, and the platform's own checks. */
class PlatformSectionTest {
  private static String withSection(String section) {
    return change(BASE, "    platform: test\n", "    platform: test\n    test: " + section + "\n");
  }

  @Test
  void absentSectionIsBoundFromAnEmptyReader() {
    PairSpec pair = InventoryTesting.load(BASE).pairs().get(0);
    assertThat(pair.platformSection(TestPlatform.Section.class).flavor()).isEqualTo("plain");
  }

  @Test
  void sectionIsBoundByThePlatformAndItsSecretsAreKnown() {
    PairSpec pair = InventoryTesting.load(withSection("{ flavor: unicast-only, api_password: \"${env:SSH_PASS}\" }"))
        .pairs().get(0);
    TestPlatform.Section s = pair.platformSection(TestPlatform.Section.class);
    assertThat(s.flavor()).isEqualTo("unicast-only");
    assertThat(InventoryTesting.load(withSection("{ api_password: \"${env:SSH_PASS}\" }")).secrets())
        .extracting(Secret::reveal).containsExactly("hunter2hunter2");
  }

  @Test
  void platformProblemsInTheSectionHaveTheSameQuality() {
    String yaml = withSection("{ flavour: plain }");
    Problem p = assertSingleProblem(yaml, "key.unknown", at(yaml, "flavour"), "pairs[0].test.flavour");
    assertThat(p.fix()).isEqualTo("did you mean `flavor`?");
  }

  @Test
  void thePlatformsOwnPairRuleRuns() {
    String yaml = change(withSection("{ flavor: unicast-only }"), "          unicast: true\n", "");
    assertSingleProblem(yaml, "test.unicast-only", at(yaml, "name: LAN"), "pairs[0].vrrp.instances[0]");
  }

  @Test
  void unknownPlatformListsTheInstalledOnesWithADidYouMean() {
    String yaml = change(BASE, "platform: test", "platform: tset");
    Problem p = assertSingleProblem(yaml, "pair.platform-unknown", valueAt(yaml, "platform: tset"), "pairs[0].platform");
    assertThat(p.fix()).contains("installed: test").contains("did you mean `test`?");
  }

  @Test
  void aSectionForAnotherPlatformIsAnUnknownKey() {
    String yaml = change(BASE, "    platform: test\n", "    platform: test\n    openwrt: {}\n");
    assertSingleProblem(yaml, "key.unknown", at(yaml, "openwrt"), "pairs[0].openwrt");
  }

  @Test
  void validatePairIsSkippedForAPairThatDidNotBind() {
    List<String> validated = new ArrayList<>();
    Target recording = new TestPlatform() {
      @Override
      public void validatePair(PairSpec pair, Problems problems) {
        validated.add(pair.name());
      }
    };
    InventoryLoader loader = InventoryTesting.loader().withTargets(Targets.of(recording));
    loader.load(BASE, "inv.yml", Path.of("/x"));
    assertThat(validated).containsExactly("office");
    validated.clear();
    InventoryTesting.fail(loader, change(BASE, "user: admin", "user: [admin]"), Path.of("/x"));
    assertThat(validated).isEmpty();
  }

  @Test
  void desiredComesFromThePlatform() {
    PairSpec pair = InventoryTesting.load(BASE).pairs().get(0);
    DesiredNode d = Targets.discover().find(pair.platform()).orElseThrow().desired(pair, pair.primary());
    assertThat(d.node()).isEqualTo("gw-a");
    PlatformSection section = pair.platformSection();
    assertThat(section.secrets()).isEmpty();
  }
}
