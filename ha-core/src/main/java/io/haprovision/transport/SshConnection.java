package io.haprovision.transport;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.haprovision.error.TargetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Connection} over one authenticated JSch session; each command gets an exec channel. */
final class SshConnection implements Connection {
  private static final Logger LOG = LoggerFactory.getLogger(SshConnection.class);

  private final SshEndpoint endpoint;
  private final Session session;
  private final Runnable onClose;
  private final AtomicLong execs = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  SshConnection(SshEndpoint endpoint, Session session, Runnable onClose) {
    this.endpoint = endpoint;
    this.session = session;
    this.onClose = onClose;
  }

  @Override
  public ExecResult exec(String command, byte[] stdin, Duration timeout) {
    execs.incrementAndGet();
    String name = firstWord(command);
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    ChannelExec channel;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OutputStream toCommand;
    try {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command.getBytes(StandardCharsets.UTF_8));
      // No input stream for JSch to copy: it would start its copying thread only after
      // sending the exec request, and a command that ends before that (a quick `[`, on a
      // busy machine) has its channel closed by the session thread, which clears the thread
      // JSch is still setting up (NullPointerException in ChannelExec.start). Standard input
      // goes through the channel's own stream once the channel is open.
      channel.setInputStream(null);
      channel.setOutputStream(out, true);
      channel.setErrStream(err, true);
      channel.connect(millis(timeout));
      toCommand = channel.getOutputStream();
    } catch (JSchException | IOException e) {
      throw new TargetException(TargetException.Kind.FAILED, target(),
          "could not start command '" + name + "': " + e.getMessage()
              + (session.isConnected() ? "" : " (the SSH session is down; run again)"), e);
    }
    try {
      sendStdin(toCommand, stdin, name);
      waitForClose(channel, deadline, name, timeout);
    } finally {
      channel.disconnect();
    }
    if (channel.getExitStatus() == -1) {
      // No exit status: the command died of a signal, or the session is going down. JSch closes
      // the channels before it marks the session down: give that a moment to show.
      long settle = System.nanoTime() + 500_000_000L;
      while (session.isConnected() && System.nanoTime() - settle < 0) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (channel.getExitStatus() == -1 && !session.isConnected()) {
      // The session went down (keepalives unanswered, or the link cut) and took the channel
      // with it: the command's outcome is unknown, which is not an exit status.
      throw new TargetException(TargetException.Kind.FAILED, target(),
          "the SSH session broke while command '" + name + "' was running (the router stopped answering);"
              + " whether it finished is unknown: run again, which reads the router's state first");
    }
    ExecResult result = new ExecResult(channel.getExitStatus(),
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} exec {} -> exit {} in {} ms", target(), name, result.exitCode(),
          (System.nanoTime() - started) / 1_000_000);
    }
    return result;
  }

  /**
   * Sends {@code stdin} and then EOF. Nothing to send: EOF at once, here. Otherwise a
   * writer thread does it, since the write waits for the command to read (SSH flow
   * control) and the command's deadline is enforced by {@link #waitForClose}, whose
   * disconnect also ends a writer that still waits. A command that has already ended
   * needs nothing more: a failed write is then not an error.
   */
  private void sendStdin(OutputStream toCommand, byte[] stdin, String name) {
    if (stdin.length == 0) {
      closeQuietly(toCommand);
      return;
    }
    Thread writer = new Thread(() -> {
      try {
        toCommand.write(stdin);
        toCommand.flush();
      } catch (IOException e) {
        LOG.debug("{} exec {}: standard input not fully sent ({}); the command had ended or was stopped",
            target(), name, e.getMessage());
      } finally {
        closeQuietly(toCommand);
      }
    }, "ha-provision stdin " + target());
    writer.setDaemon(true);
    writer.start();
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // the channel is closed already: there is no EOF left to send
    }
  }

  /**
   * Polls for the channel's end: JSch delivers output into our streams from its session
   * thread and marks the channel closed after the exit status, so closed means complete.
   * The poll starts at 1 ms so a quick command costs no extra latency.
   */
  private void waitForClose(ChannelExec channel, long deadline, String name, Duration timeout) {
    long sleepMillis = 1;
    while (!channel.isClosed()) {
      if (System.nanoTime() - deadline > 0) {
        stop(channel);
        throw new TargetException(TargetException.Kind.FAILED, target(),
            "command '" + name + "' did not finish within " + human(timeout)
                + " and was stopped; raise command_timeout if it needs longer");
      }
      if (!session.isConnected()) {
        throw new TargetException(TargetException.Kind.FAILED, target(),
            "the SSH session broke while command '" + name + "' was running");
      }
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(channel);
        throw new TargetException(TargetException.Kind.FAILED, target(),
            "interrupted while command '" + name + "' was running", e);
      }
      sleepMillis = Math.min(sleepMillis * 2, 20);
    }
  }

  /** Best effort: ask the server to signal the command (OpenSSH and dropbear honour it). */
  private static void stop(ChannelExec channel) {
    try {
      channel.sendSignal("KILL");
    } catch (Exception ignored) {
      // closing the channel below is what matters
    }
    channel.disconnect();
  }

  @Override
  public String target() {
    return endpoint.target();
  }

  @Override
  public Duration commandTimeout() {
    return endpoint.commandTimeout();
  }

  @Override
  public long execCount() {
    return execs.get();
  }

  /** The endpoint this connection was opened for. */
  SshEndpoint endpoint() {
    return endpoint;
  }

  boolean isOpen() {
    return !closed.get() && session.isConnected();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      session.disconnect();
      onClose.run();
    }
  }

  @Override
  public String toString() {
    return "ssh " + target();
  }

  /** The command's first word, for messages and logs: never its arguments or stdin. */
  static String firstWord(String command) {
    String s = command.strip();
    int end = 0;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ';') {
      end++;
    }
    String word = s.substring(0, end);
    return word.length() > 60 ? word.substring(0, 60) + "..." : word;
  }

  static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
  }
}
