package io.haprovision.spi;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.Problems;
import io.haprovision.inventory.SectionReader;
import io.haprovision.inventory.Unicast;
import io.haprovision.inventory.VrrpInstanceSpec;
import io.haprovision.resource.DesiredNode;
import io.haprovision.secret.Secret;
import java.util.List;
import java.util.Optional;

/**
 * A tiny platform named {@code test}, registered for core tests through
 * {@code src/test/resources/META-INF/services}, so inventory tests need no platform
 * module. Its section: {@code test: { flavor: plain|unicast-only, api_password: SECRET }};
 * with {@code unicast-only} every instance must use unicast ({@code test.unicast-only}).
 */
public class TestPlatform implements Target {

  /** The bound {@code test:} section. */
  public record Section(String flavor, Optional<Secret> apiPassword) implements PlatformSection {
    @Override
    public List<Secret> secrets() {
      return apiPassword.map(List::of).orElse(List.of());
    }
  }

  @Override
  public String platform() {
    return "test";
  }

  @Override
  public PlatformSection bindSection(SectionReader section, Problems problems) {
    section.allowOnly("flavor", "api_password");
    String flavor = section.string("flavor", "plain");
    if (!flavor.equals("plain") && !flavor.equals("unicast-only")) {
      section.problem("flavor", "test.flavor", "flavor `" + flavor + "` is unknown", "use plain or unicast-only");
    }
    return new Section(flavor, section.secret("api_password"));
  }

  @Override
  public void validatePair(PairSpec pair, Problems problems) {
    Section section = pair.platformSection(Section.class);
    if (!section.flavor().equals("unicast-only")) {
      return;
    }
    for (VrrpInstanceSpec instance : pair.vrrp().instances()) {
      if (!(instance.transport() instanceof Unicast)) {
        problems.add(instance.path(), "test.unicast-only",
            "instance " + instance.name() + " uses multicast, which the unicast-only flavor forbids",
            "add `unicast: true`");
      }
    }
  }

  @Override
  public DesiredNode desired(PairSpec pair, NodeSpec node) {
    return new DesiredNode(pair.name(), node.name(), List.of(), List.of());
  }
}
