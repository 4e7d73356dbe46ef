package io.haprovision.engine.verify;

import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.ShellQuote;
import java.time.Duration;
import java.util.Objects;

/** A probe host reached over a {@link Connection}: runs {@code ping -c N -W S ADDRESS} there. */
public final class ShellProbeHost implements ProbeHost {
  private final String name;
  private final Connection connection;

  /** A probe host called {@code name}, pinging through {@code connection}. */
  public ShellProbeHost(String name, Connection connection) {
    this.name = Objects.requireNonNull(name, "name");
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PingResult ping(String address, int count, Duration timeout) {
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    String command = "ping -c " + count + " -W " + seconds + " " + ShellQuote.quote(address) + " 2>&1";
    ExecResult r = connection.exec(command, new byte[0], Duration.ofSeconds((count + 1) * (seconds + 1) + 5));
    return PingResult.parse(r.stdout() + r.stderr(), count);
  }

  /** Runs {@code command} over the probe host's connection. */
  @Override
  public ExecResult run(String command, Duration timeout) {
    return connection.exec(command, new byte[0], timeout);
  }
}
