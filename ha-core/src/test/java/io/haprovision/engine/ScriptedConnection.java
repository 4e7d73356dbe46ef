package io.haprovision.engine;

import io.haprovision.error.TargetException;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A fake node: each command is answered by a function of the command and its stdin (a
 * recorded result, or a small model of the node), and every command is logged, so tests can
 * assert what was run, in which order, and how many times.
 */
final class ScriptedConnection implements Connection {
  /** One command the engine ran. */
  record Call(String command, String stdin) {}

  private final String target;
  private final BiFunction<String, String, ExecResult> answer;
  private final List<Call> calls = new ArrayList<>();
  private boolean closed;

  ScriptedConnection(String target, BiFunction<String, String, ExecResult> answer) {
    this.target = target;
    this.answer = answer;
  }

  /** Replays {@code recording} in order, checking each command is the recorded one. */
  static ScriptedConnection replay(String target, Recording recording) {
    List<Recording.Exec> left = new ArrayList<>(recording.execs());
    return new ScriptedConnection(target, (command, stdin) -> {
      if (left.isEmpty()) {
        throw new AssertionError("more commands than recorded: " + command);
      }
      Recording.Exec next = left.remove(0);
      if (!next.command().equals(command)) {
        throw new AssertionError("recorded command " + next.command() + ", got " + command);
      }
      return next.result();
    });
  }

  @Override
  public synchronized ExecResult exec(String command, byte[] stdin, Duration timeout) {
    if (closed) {
      throw new TargetException(TargetException.Kind.FAILED, target, "connection closed");
    }
    String in = new String(stdin, StandardCharsets.UTF_8);
    calls.add(new Call(command, in));
    return answer.apply(command, in);
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public Duration commandTimeout() {
    return Duration.ofSeconds(60);
  }

  @Override
  public synchronized long execCount() {
    return calls.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  synchronized boolean closed() {
    return closed;
  }
}
