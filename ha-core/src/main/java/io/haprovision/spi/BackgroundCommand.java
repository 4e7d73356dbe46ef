package io.haprovision.spi;

import io.haprovision.error.InternalException;
import io.haprovision.transport.ExecResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A node command running on a thread of its own while a drill watches something else: a
 * stop command may return only once keepalived has exited (procd and systemd wait for it),
 * which is after the handover, so a drill measures the handover while the stop still runs.
 *
 * <p>Each command gets its own daemon thread, never a shared pool, so pairs drilled at the
 * same time do not wait on each other.
 */
public final class BackgroundCommand {
  private final CompletableFuture<ExecResult> future;

  private BackgroundCommand(CompletableFuture<ExecResult> future) {
    this.future = future;
  }

  /**
   * Starts {@code command} on a new daemon thread named {@code threadName}.
   *
   * @param command runs the command (through a node's connection) and returns its result
   */
  public static BackgroundCommand start(String threadName, Supplier<ExecResult> command) {
    return new BackgroundCommand(CompletableFuture.supplyAsync(command, task -> {
      Thread thread = new Thread(task, threadName);
      thread.setDaemon(true);
      thread.start();
    }));
  }

  /** Whether the command has returned or thrown. */
  public boolean isDone() {
    return future.isDone();
  }

  /** True once the command has returned with a non-zero exit; rethrows what it threw. */
  public boolean failedAlready() {
    return future.isDone() && !result().ok();
  }

  /**
   * Waits up to {@code limit} of real time for the command, without looking at its result,
   * so a quick command ends before the caller's first look.
   */
  public void awaitQuietly(Duration limit) {
    try {
      future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // still running, or failed: the caller looks at it later
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalException("interrupted while a drill waited for a node command", e);
    }
  }

  /**
   * The command's result, waiting for it as long as it takes (the connection's command
   * timeout bounds it).
   *
   * @throws RuntimeException what the command threw (a {@link io.haprovision.error.TargetException}
   *     when the node could not be reached), as it was
   */
  public ExecResult result() {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * True when the command returned (whatever its exit code), false when it threw: whether
   * the node may have changed, so a drill knows whether to restore it.
   */
  public boolean ranToAnEnd() {
    try {
      future.join();
      return true;
    } catch (CompletionException e) {
      return false;
    }
  }
}
