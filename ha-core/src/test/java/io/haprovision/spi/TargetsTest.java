package io.haprovision.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void discoversTheTestPlatformThroughServiceLoader() {
    Targets targets = Targets.discover();
    assertThat(targets.names()).contains("test");
    assertThat(targets.find("test")).get().isInstanceOf(TestPlatform.class);
    assertThat(targets.find("nope")).isEmpty();
  }

  @Test
  void ofHoldsExactlyTheGivenPlatformsSortedByName() {
    Target b = new TestPlatform() {
      @Override
      public String platform() {
        return "beta";
      }
    };
    Targets targets = Targets.of(b, new TestPlatform());
    assertThat(targets.names()).containsExactly("beta", "test");
    assertThat(targets.all()).extracting(Target::platform).containsExactly("beta", "test");
  }

  @Test
  void twoDifferentPlatformsWithOneNameAreABug() {
    Target impostor = new TestPlatform() {};
    assertThatThrownBy(() -> Targets.of(new TestPlatform(), impostor)).isInstanceOf(InternalException.class)
        .hasMessageContaining("two platforms are named test");
  }
}
