package io.haprovision.lab.rehearse;

import io.haprovision.engine.verify.PingResult;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import io.haprovision.lab.LabPair;
import java.time.Duration;

/**
 * The LAN client of a replica pair pinging the LAN VIP (5 per second) while the rollout runs:
 * what a user behind the pair would have seen of the change.
 */
final class ClientPing {
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final Lab lab;
  private final LabPair pair;
  private final String output;
  private final boolean answeredBefore;
  private final String pid;
  private PingDuringRollout result;

  private ClientPing(Lab lab, LabPair pair, String output, boolean answeredBefore, String pid) {
    this.lab = lab;
    this.pair = pair;
    this.output = output;
    this.answeredBefore = answeredBefore;
    this.pid = pid;
  }

  static ClientPing start(Lab lab, LabPair pair) {
    String vip = pair.lanVipAddress();
    boolean before = lab.exec(pair.client(), "ping -n -c 1 -W 1 " + vip + " >/dev/null 2>&1").ok();
    String output = lab.stateDir().resolve("rehearse-ping-" + pair.name() + ".txt").toString();
    ExecResult r = lab.exec(pair.client(),
        "ping -n -i 0.2 -W 1 " + vip + " >'" + output + "' 2>&1 </dev/null & echo $!");
    if (!r.ok() || !r.stdout().strip().matches("[0-9]+")) {
      throw new IllegalStateException("could not start pinging " + vip + " from " + pair.client() + ": " + r.describe());
    }
    return new ClientPing(lab, pair, output, before, r.stdout().strip());
  }

  /** Stops the ping (SIGINT: it prints its summary) and reads what it counted. */
  void stop() {
    lab.exec(pair.client(), "kill -INT " + pid + " 2>/dev/null; true");
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      ExecResult r = lab.exec(pair.client(), "cat '" + output + "' 2>/dev/null; true");
      text = r.stdout();
      if (PingResult.hasSummary(text)) {
        break;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!PingResult.hasSummary(text)) {
      throw new IllegalStateException("ping of " + pair.lanVipAddress() + " from " + pair.client()
          + " printed no summary within " + STOP_WAIT.toSeconds() + " s of SIGINT; it printed: " + text.strip());
    }
    PingResult counted = PingResult.parse(text, 0);
    result = new PingDuringRollout(pair.lanVipAddress(), answeredBefore, counted.sent(), counted.received());
  }

  PingDuringRollout result() {
    return result;
  }
}
