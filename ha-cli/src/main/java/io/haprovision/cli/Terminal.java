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
   * True when progress may keep a redrawn status line: a person at a terminal that understands
   * ANSI line clearing, and not CI.
   */
  static boolean statusLine() {
    String term = System.getenv("TERM");
    return interactive() && System.getenv("CI") == null && term != null && !term.equals("dumb");
  }

  /**
   * Progress as one line per event on {@code err} (stdout stays clean for --json), masked
   * with the redactor current at the time (the inventory's, once it is loaded).
   */
  static ProvisionListener progress(PrintWriter err, java.util.function.Supplier<Redactor> redactor, boolean color) {
    return new ProvisionListener() {
      @Override
      public synchronized void onEvent(ProgressEvent event) {
        err.println(line(event, redactor.get(), color));
        err.flush();
      }
    };
  }

  /** An event as one line, masked; red when it failed, green when done, on a color terminal. */
  static String line(ProgressEvent event, Redactor redactor, boolean color) {
    String line = redactor.redact(event.toString());
    if (color && event.phase() == ProgressEvent.Phase.FAILED) {
      return "\u001b[31m" + line + "\u001b[0m";
    }
    if (color && event.phase() == ProgressEvent.Phase.DONE) {
      return "\u001b[32m" + line + "\u001b[0m";
    }
    return line;
  }
}
