package io.haprovision.openwrt.lab;

import io.haprovision.lab.Lab;
import io.haprovision.lab.LabPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches which router of a pair holds the VIPs, about ten times a second, from the host: each
 * sample reads both routers' addresses ({@code ip -n NS addr}) and records how many of the
 * pair's VIPs each binds. Started before an apply, stopped after it; then counts the samples in
 * which both routers held a VIP (split brain) and those in which neither held the LAN VIP.
 */
final class VipSampler implements AutoCloseable {
  /** One look: nanoseconds since the epoch and the VIPs each router bound. */
  record Sample(long nanos, int onA, int onB, boolean lanOnEither) {}

  private final Process process;
  private final Path log;
  private final String lanVip;

  private VipSampler(Process process, Path log, String lanVip) {
    this.process = process;
    this.log = log;
    this.lanVip = lanVip;
  }

  /** Starts sampling pair {@code pair} into {@code log}. */
  static VipSampler start(Lab lab, LabPair pair, Path log) throws IOException {
    String a = lab.namespaceOf(pair.a().name());
    String b = lab.namespaceOf(pair.b().name());
    String lan = pair.lanVipAddress();
    String wan = pair.wanVip().substring(0, pair.wanVip().indexOf('/'));
    String count = "grep -c -e ' " + lan + "/' -e ' " + wan + "/'";
    String lanOnly = "grep -c ' " + lan + "/'";
    String script = "while :; do t=$(date +%s%N);"
        + " x=$(ip -n " + a + " -o -4 addr show); y=$(ip -n " + b + " -o -4 addr show);"
        + " echo \"$t $(echo \"$x\" | " + count + ") $(echo \"$y\" | " + count + ")"
        + " $(echo \"$x\" | " + lanOnly + ") $(echo \"$y\" | " + lanOnly + ")\"; sleep 0.1; done";
    Process p = new ProcessBuilder("sh", "-c", script).redirectOutput(log.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return new VipSampler(p, log, lan);
  }

  /** Stops sampling and returns the samples. */
  List<Sample> stop() throws IOException {
    close();
    List<Sample> out = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 5) {
        continue; // the line the stop cut short
      }
      out.add(new Sample(Long.parseLong(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
          Integer.parseInt(f[3]) + Integer.parseInt(f[4]) > 0));
    }
    return out;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Samples in which both routers held a VIP. */
  static long bothHolding(List<Sample> samples) {
    return samples.stream().filter(s -> s.onA() > 0 && s.onB() > 0).count();
  }

  /** Samples in which neither router held the LAN VIP. */
  static long lanVipNowhere(List<Sample> samples) {
    return samples.stream().filter(s -> !s.lanOnEither()).count();
  }

  /** The longest run of samples without the LAN VIP, in milliseconds (0 when none). */
  static long longestLanGapMillis(List<Sample> samples) {
    long longest = 0;
    Long since = null;
    for (Sample s : samples) {
      if (!s.lanOnEither()) {
        if (since == null) {
          since = s.nanos();
        }
        longest = Math.max(longest, (s.nanos() - since) / 1_000_000);
      } else if (since != null) {
        longest = Math.max(longest, (s.nanos() - since) / 1_000_000);
        since = null;
      }
    }
    return longest;
  }

  String lanVip() {
    return lanVip;
  }
}
