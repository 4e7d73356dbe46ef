package io.haprovision.cli;

import io.haprovision.ProgressEvent;
import io.haprovision.ProvisionListener;
import io.haprovision.secret.Redactor;
import java.io.PrintWriter;

/** What the CLI knows about where it writes: a terminal gets color and prompts, a pipe plain lines. */
final class Terminal {
  private Terminal() {
  }

  /** True when a person is at a terminal (stdin and stdout not redirected). */
  static boolean interactive() {
    return System.console() != null;
  }

  /**
   * Progress as one line per event on {@code err} (stdout stays clean for --json), masked
   * with the redactor current at the time (the inventory's, once it is loaded).
   */
  static ProvisionListener progress(PrintWriter err, java.util.function.Supplier<Redactor> redactor, boolean color) {
    return new ProvisionListener() {
      @Override
      public synchronized void onEvent(ProgressEvent event) {
        String line = redactor.get().redact(event.toString());
        if (color && event.phase() == ProgressEvent.Phase.FAILED) {
          line = "\u001b[31m" + line + "\u001b[0m";
        } else if (color && event.phase() == ProgressEvent.Phase.DONE) {
          line = "\u001b[32m" + line + "\u001b[0m";
        }
        err.println(line);
        err.flush();
      }
    };
  }
}
