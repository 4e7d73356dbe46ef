package io.haprovision.cli;

import io.haprovision.ProgressEvent;
import io.haprovision.ProvisionListener;
import io.haprovision.secret.Redactor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress of a long run on stderr (stdout stays for the report, and for --json only JSON):
 * every event as a line, and how far the run is: pairs done out of the total for the current
 * step (facts, apply, verify; {@link ProgressEvent.Phase#FINISHED} marks a pair done) and what
 * each unfinished pair is doing and for how long. On a terminal that is one status line kept
 * at the bottom, redrawn; elsewhere (CI, a pipe) a plain {@code progress:} line each time a
 * pair finishes.
 */
final class ProgressView implements ProvisionListener {
  private static final String CLEAR_LINE = "\r\u001b[K";
  private static final int MOST_SHOWN = 3;

  private final PrintWriter err;
  private final Supplier<Redactor> redactor;
  private final boolean color;
  private final boolean statusLine;
  private final List<String> pairs;
  private final LongSupplier millis;
  private String step = "";
  private final Set<String> finished = new LinkedHashSet<>();
  private final Map<String, String> doing = new LinkedHashMap<>();
  private final Map<String, Long> since = new LinkedHashMap<>();
  private boolean statusShown;

  /**
   * A view of a run over {@code pairs}.
   *
   * @param statusLine keep a redrawn status line (a terminal); false prints plain lines
   * @param millis the clock, in milliseconds
   */
  ProgressView(PrintWriter err, Supplier<Redactor> redactor, boolean color, boolean statusLine, List<String> pairs,
      LongSupplier millis) {
    this.err = err;
    this.redactor = redactor;
    this.color = color;
    this.statusLine = statusLine;
    this.pairs = List.copyOf(pairs);
    this.millis = millis;
  }

  @Override
  public synchronized void onEvent(ProgressEvent event) {
    String line = Terminal.line(event, redactor.get(), color);
    if (statusShown) {
      err.print(CLEAR_LINE);
      statusShown = false;
    }
    if (event.phase() == ProgressEvent.Phase.FINISHED) {
      String of = event.message().contains(":") ? event.message().substring(0, event.message().indexOf(':')) : "";
      if (!of.equals(step)) {
        step = of;
        finished.clear();
      }
      finished.add(event.pair());
      doing.remove(event.pair());
      since.remove(event.pair());
      if (!statusLine) {
        err.println(line);
        err.println("progress: " + step + " " + finished.size() + "/" + pairs.size() + " pairs done");
        err.flush();
        return;
      }
    } else if (pairs.contains(event.pair())) {
      String what = event.phase().name().toLowerCase(Locale.ROOT) + (event.node().isEmpty() ? "" : " " + event.node());
      if (!what.equals(doing.get(event.pair()))) {
        since.put(event.pair(), millis.getAsLong());
      }
      doing.put(event.pair(), what);
    }
    err.println(line);
    if (statusLine) {
      err.print(status());
      statusShown = true;
    }
    err.flush();
  }

  /** The status line: {@code [apply 3/20 pairs done] p4: gate p4-b 12 s; p5: facts 1 s; +2 more}. */
  String status() {
    StringBuilder s = new StringBuilder("[").append(step.isEmpty() ? "" : step + " ").append(finished.size())
        .append('/').append(pairs.size()).append(" pairs done]");
    List<String> busy = new ArrayList<>();
    long now = millis.getAsLong();
    doing.forEach((pair, what) -> {
      if (!finished.contains(pair)) {
        busy.add(pair + ": " + what + " " + (now - since.getOrDefault(pair, now)) / 1000 + " s");
      }
    });
    for (int i = 0; i < Math.min(MOST_SHOWN, busy.size()); i++) {
      s.append(i == 0 ? " " : "; ").append(busy.get(i));
    }
    if (busy.size() > MOST_SHOWN) {
      s.append("; +").append(busy.size() - MOST_SHOWN).append(" more");
    }
    return redactor.get().redact(s.toString());
  }

  /** Removes the status line (at the end of the run). */
  synchronized void close() {
    if (statusShown) {
      err.print(CLEAR_LINE);
      err.flush();
      statusShown = false;
    }
  }
}
