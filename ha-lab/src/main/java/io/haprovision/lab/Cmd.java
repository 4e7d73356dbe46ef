package io.haprovision.lab;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands (ip, nsenter, ssh-keygen ...) with a timeout and captured output. */
final class Cmd {
  /** How long to keep reading output after the process ended (a background child may hold the pipe). */
  private static final long DRAIN_MILLIS = 2_000;

  private Cmd() {}

  static ExecResult run(List<String> argv, Duration timeout) {
    return run(argv, null, timeout);
  }

  /** Runs {@code argv}, feeding {@code stdin} (or nothing), and waits at most {@code timeout}. */
  static ExecResult run(List<String> argv, String stdin, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(argv);
    if (stdin == null) {
      builder.redirectInput(new File("/dev/null"));
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new ExecResult(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage() + "\n");
    }
    Drain out = new Drain(process.getInputStream());
    Drain err = new Drain(process.getErrorStream());
    out.start();
    err.start();
    if (stdin != null) {
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the command closed its input early; its exit code will tell
      }
    }
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    out.finish();
    err.finish();
    int code = finished ? process.exitValue() : ExecResult.TIMED_OUT;
    String stderr = err.text();
    if (!finished) {
      stderr += "(killed after " + timeout.toMillis() + " ms: " + String.join(" ", argv) + ")\n";
    }
    return new ExecResult(code, out.text(), stderr);
  }

  /** Reads one stream into memory on its own thread, so neither pipe can fill up. */
  private static final class Drain extends Thread {
    private final InputStream stream;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Drain(InputStream stream) {
      this.stream = stream;
      setDaemon(true);
      setName("lab-cmd-drain");
    }

    @Override
    public void run() {
      byte[] chunk = new byte[8192];
      try {
        int n;
        while ((n = stream.read(chunk)) >= 0) {
          synchronized (buffer) {
            buffer.write(chunk, 0, n);
          }
        }
      } catch (IOException e) {
        // the pipe broke: keep what was read
      }
    }

    void finish() {
      try {
        join(DRAIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // Still alive: a background child holds the pipe. Keep what was read and leave
      // the daemon thread; closing the stream could block on the reader's lock.
    }

    String text() {
      synchronized (buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
