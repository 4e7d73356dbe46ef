package io.haprovision.openwrt.lab;

import io.haprovision.engine.verify.PingResult;
import io.haprovision.engine.verify.ProbeHost;
import io.haprovision.lab.ExecResult;
import io.haprovision.lab.Lab;
import java.time.Duration;

/** A lab pair's LAN client as verify's probe host: pings and commands run in the client's namespace. */
final class LabProbeHost implements ProbeHost {
  private final Lab lab;
  private final String client;

  LabProbeHost(Lab lab, String client) {
    this.lab = lab;
    this.client = client;
  }

  @Override
  public String name() {
    return client;
  }

  @Override
  public PingResult ping(String address, int count, Duration timeout) {
    long seconds = Math.max(1, timeout.toSeconds());
    ExecResult r = lab.exec(client, "ping -c " + count + " -W " + seconds + " " + address + " 2>&1",
        Duration.ofSeconds((count + 1) * (seconds + 1) + 5));
    return PingResult.parse(r.stdout() + r.stderr(), count);
  }

  /** Runs {@code command} in the client's namespace (as the lab runs it, without SSH). */
  @Override
  public io.haprovision.transport.ExecResult run(String command, Duration timeout) {
    ExecResult r = lab.exec(client, command, timeout);
    return new io.haprovision.transport.ExecResult(r.exitCode(), r.stdout(), r.stderr());
  }
}
