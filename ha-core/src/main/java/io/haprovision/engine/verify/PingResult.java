package io.haprovision.engine.verify;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a ping from a probe host got back.
 *
 * @param sent echo requests sent
 * @param received replies received
 * @param avgMillis average round trip, when any reply came
 * @param output the ping command's output, for a failure message
 */
public record PingResult(int sent, int received, OptionalDouble avgMillis, String output) {
  private static final Pattern COUNTS = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
  private static final Pattern RTT = Pattern.compile("= [0-9.]+/([0-9.]+)/");

  /** Rejects nulls. */
  public PingResult {
    Objects.requireNonNull(avgMillis, "avgMillis");
    Objects.requireNonNull(output, "output");
  }

  /**
   * Reads the summary of iputils or busybox ping: {@code 3 packets transmitted, 3 received}
   * (busybox: {@code 3 packets received}) and {@code rtt min/avg/max/mdev = a/b/c/d ms}
   * (busybox: {@code round-trip min/avg/max = a/b/c ms}). Output without a summary (ping
   * missing, unknown host) reads as {@code requested} sent and none received.
   */
  public static PingResult parse(String output, int requested) {
    Matcher c = COUNTS.matcher(output);
    if (!c.find()) {
      return new PingResult(requested, 0, OptionalDouble.empty(), output);
    }
    Matcher r = RTT.matcher(output);
    OptionalDouble avg = r.find() ? OptionalDouble.of(Double.parseDouble(r.group(1))) : OptionalDouble.empty();
    return new PingResult(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)), avg, output);
  }

  /**
   * True when {@code output} holds ping's summary line: ping ended (a ping without a count prints
   * it when interrupted).
   */
  public static boolean hasSummary(String output) {
    return COUNTS.matcher(output).find();
  }

  /** True when at least one reply came. */
  public boolean answered() {
    return received > 0;
  }

  /** Lost requests in percent, 0..100. */
  public double lossPercent() {
    return sent == 0 ? 100 : 100.0 * (sent - received) / sent;
  }
}
