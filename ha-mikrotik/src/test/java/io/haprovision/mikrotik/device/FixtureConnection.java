package io.haprovision.mikrotik.device;

import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A connection that answers each script with what {@code answers} gives, and records the scripts. */
final class FixtureConnection implements Connection {
  final List<String> scripts = new ArrayList<>();
  private final Function<String, String> answers;

  FixtureConnection(Function<String, String> answers) {
    this.answers = answers;
  }

  /** Answers the read script with the fixture {@code name}, anything else with nothing. */
  static FixtureConnection reading(String name) {
    String text = fixture(name);
    return new FixtureConnection(script -> script.contains("/export terse") && script.contains("@@hap:resource") ? text : "");
  }

  static String fixture(String name) {
    try (InputStream in = FixtureConnection.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ExecResult exec(String command, byte[] stdin, Duration timeout) {
    scripts.add(command);
    return new ExecResult(0, answers.apply(command), "");
  }

  @Override
  public String target() {
    return "admin@198.51.100.200:22";
  }

  @Override
  public Duration commandTimeout() {
    return Duration.ofSeconds(10);
  }

  @Override
  public long execCount() {
    return scripts.size();
  }

  @Override
  public void close() {}
}
