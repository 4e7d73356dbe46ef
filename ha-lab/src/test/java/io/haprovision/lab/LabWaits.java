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
      assertThat(System.nanoTime()).as("%s: no output from `%s` within %s; the last try: %s", member, command, timeout,
          result.describe()).isLessThan(deadline);
      sleep(POLL_MILLIS);
    }
  }

  /** Returns once {@code condition} holds. */
  static void awaitTrue(Supplier<Boolean> condition, Duration timeout, String what) {
    awaitTrue(condition, timeout, what, () -> "");
  }

  /** Returns once {@code condition} holds; a timeout fails with what was awaited and {@code state}. */
  static void awaitTrue(Supplier<Boolean> condition, Duration timeout, String what, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout + " for " + what + "\n" + state.get());
      }
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
