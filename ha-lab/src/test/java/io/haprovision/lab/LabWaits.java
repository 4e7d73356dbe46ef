package io.haprovision.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling for lab tests: wait for a condition or a command's output, failing with what was awaited. */
final class LabWaits {
  private static final long POLL_MILLIS = 100;

  private LabWaits() {
  }

  /** The stripped stdout of {@code command} on {@code member} once it succeeds with output. */
  static String awaitOutput(Lab lab, String member, String command, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ExecResult result = lab.exec(member, command);
      if (result.ok() && !result.stdout().isBlank()) {
        return result.stdout().strip();
      }
      assertThat(System.nanoTime()).as("%s: no output from `%s` within %s", member, command, timeout)
          .isLessThan(deadline);
      sleep(POLL_MILLIS);
    }
  }

  /** Returns once {@code condition} holds. */
  static void awaitTrue(Supplier<Boolean> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("waited %s for %s", timeout, what).isLessThan(deadline);
      sleep(POLL_MILLIS);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
