package io.haprovision.engine;

import io.haprovision.error.TargetException;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Connection} to this machine: runs each command with {@code sh -c} (dash here), as
 * an SSH server runs it through the login shell, optionally inside another process's
 * namespaces ({@code nsenter -t PID -n -m}) and with extra environment. Lets tests run the
 * engine's real scripts, and lets {@link FactsCapture} record real output for fixtures.
 */
public final class LocalConnection implements Connection {
  private final List<String> prefix;
  private final Map<String, String> env;
  private final AtomicLong execs = new AtomicLong();

  public LocalConnection(List<String> prefix, Map<String, String> env) {
    this.prefix = List.copyOf(prefix);
    this.env = Map.copyOf(env);
  }

  /** Commands run directly on this machine. */
  public static LocalConnection here() {
    return new LocalConnection(List.of(), Map.of());
  }

  @Override
  public ExecResult exec(String command, byte[] stdin, Duration timeout) {
    execs.incrementAndGet();
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(List.of("sh", "-c", command));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // The command may exit without reading its stdin.
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new TargetException(TargetException.Kind.FAILED, target(), "command timed out: " + command);
      }
      return new ExecResult(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String target() {
    return "local" + (prefix.isEmpty() ? "" : " " + String.join(" ", prefix));
  }

  @Override
  public Duration commandTimeout() {
    return Duration.ofSeconds(60);
  }

  @Override
  public long execCount() {
    return execs.get();
  }

  @Override
  public void close() {}
}
