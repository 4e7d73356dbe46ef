package io.haprovision.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.resource.DigestKey;
import io.haprovision.secret.Redactor;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Desired state and facts from {@code src/test/resources/plan/CASE/case.yml} in; plain text,
 * colored text and JSON out, each compared with its golden file in the same folder.
 * {@code -Dgolden.update=true} rewrites the golden files.
 */
class PlanGoldenTest {
  private static final DigestKey KEY = DigestKey.of("a fixed test key, 32 bytes long!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  /** Passwords in the fixtures' sensitive files; the renderings must hold none of them. */
  private static final String[] FIXTURE_SECRETS = {"Xy7pQ2wz", "Nw4Pass9", "OldPass1"};

  @ParameterizedTest
  @ValueSource(strings = {"first-install", "failover-update", "no-changes"})
  void rendersLikeGoldenFiles(String name) {
    Path dir = Golden.ROOT.resolve("plan").resolve(name);
    PlanFixture fixture = PlanFixture.load(dir.resolve("case.yml"));

    Plan plan = Planner.plan(fixture.pairs(), fixture.facts(), KEY);
    // No redactor: sensitive files must stay out of plans by themselves.
    String text = PlanTextRenderer.plain(Redactor.none()).render(plan);
    String colored = PlanTextRenderer.colored(Redactor.none()).render(plan);
    String json = PlanJson.write(plan, Redactor.none());

    Golden.assertMatches(dir.resolve("plan.txt"), text);
    Golden.assertMatches(dir.resolve("plan.ansi"), colored);
    Golden.assertMatches(dir.resolve("plan.json"), json);
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(colored.replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(text);
    for (String secret : FIXTURE_SECRETS) {
      assertThat(text).doesNotContain(secret);
      assertThat(json).doesNotContain(secret);
    }
  }
}
