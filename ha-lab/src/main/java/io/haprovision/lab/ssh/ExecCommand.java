package io.haprovision.lab.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One exec channel of a simulated node: holds the streams and exit callback MINA SSHD hands a
 * {@link Command}, so that a simulator only says what running the command means
 * ({@link #start}).
 */
public abstract class ExecCommand implements Command {
  /** The command line the client asked to run. */
  protected final String command;
  /** The client's stdin. */
  protected InputStream in;
  /** Where stdout goes. */
  protected OutputStream out;
  /** Where stderr goes. */
  protected OutputStream err;
  /** Reports the exit status (and ends the channel). */
  protected ExitCallback exit;

  /** An exec of {@code command}. */
  protected ExecCommand(String command) {
    this.command = command;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void destroy(ChannelSession channel) {
    // the simulators' commands are short and run to their end
  }
}
