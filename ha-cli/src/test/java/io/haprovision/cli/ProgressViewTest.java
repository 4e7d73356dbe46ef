package io.haprovision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.ProgressEvent;
import io.haprovision.ProgressEvent.Phase;
import io.haprovision.secret.Redactor;
import io.haprovision.secret.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Progress of a long run: pairs done out of the total per step, what each unfinished pair does
 * and for how long; a redrawn status line on a terminal, plain lines elsewhere; secrets masked.
 */
class ProgressViewTest {
  private final StringWriter text = new StringWriter();
  private final AtomicLong now = new AtomicLong(1_000);
  private final Redactor redactor = Redactor.of(List.of(Secret.of("s3cret-pw", "test")));

  private ProgressView view(boolean statusLine) {
    return new ProgressView(new PrintWriter(text), () -> redactor, false, statusLine, List.of("p1", "p2", "p3"),
        now::get);
  }

  @Test
  void plainLinesCountPairsDonePerStep() {
    ProgressView v = view(false);
    v.onEvent(new ProgressEvent("p1", "p1-a", Phase.FACTS, "reading"));
    v.onEvent(new ProgressEvent("p1", "", Phase.FINISHED, "facts: both nodes read"));
    v.onEvent(new ProgressEvent("p2", "", Phase.FINISHED, "facts: both nodes read"));
    v.onEvent(new ProgressEvent("p1", "", Phase.FINISHED, "apply: applied"));
    String out = text.toString();
    assertThat(out).contains("progress: facts 1/3 pairs done\n").contains("progress: facts 2/3 pairs done\n")
        .contains("progress: apply 1/3 pairs done\n").doesNotContain("\u001b[K");
  }

  @Test
  void aTerminalKeepsOneStatusLineSayingWhatEachPairWaitsOnAndForHowLong() {
    ProgressView v = view(true);
    v.onEvent(new ProgressEvent("p1", "p1-b", Phase.GATE, "waiting for a healthy pair"));
    v.onEvent(new ProgressEvent("p2", "p2-a", Phase.APPLY, "set password s3cret-pw"));
    now.addAndGet(12_000);
    v.onEvent(new ProgressEvent("p3", "", Phase.FINISHED, "apply: applied"));
    assertThat(v.status()).isEqualTo("[apply 1/3 pairs done] p1: gate p1-b 12 s; p2: apply p2-a 12 s");
    assertThat(text.toString()).contains("\r\u001b[K").contains("p2/p2-a apply: set password ******")
        .doesNotContain("s3cret-pw");
    v.close();
    assertThat(text.toString()).endsWith("\r\u001b[K");
  }
}
