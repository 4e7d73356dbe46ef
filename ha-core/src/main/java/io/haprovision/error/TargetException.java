package io.haprovision.error;

/**
 * A device or the way to it failed: unreachable, refused, a command that exited
 * non-zero, a host key that does not match. {@link #target()} names the node as
 * {@code user@host:port} (or the pair) so the message can be acted on.
 */
public final class TargetException extends ProvisionException {
  private final String target;
  private final Kind kind;

  /** What kind of device failure this is; the CLI maps {@link #UNREACHABLE} to exit 69. */
  public enum Kind {
    /** Could not connect or authenticate, or the host key was refused. */
    UNREACHABLE,
    /** Connected, but the device did not do what it was asked. */
    FAILED
  }

  public TargetException(Kind kind, String target, String message, Throwable cause) {
    super(target + ": " + message, cause);
    this.target = target;
    this.kind = kind;
  }

  public TargetException(Kind kind, String target, String message) {
    this(kind, target, message, null);
  }

  /** The node ({@code user@host:port}) or pair this failure is about. */
  public String target() {
    return target;
  }

  public Kind kind() {
    return kind;
  }
}
