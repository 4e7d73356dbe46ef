package io.haprovision.error;

/** A bug in ha-provision: an invariant did not hold. Please report it with the message. */
public final class InternalException extends ProvisionException {
  public InternalException(String message) {
    super(message + " (this is a bug in ha-provision; please report it)", null);
  }

  public InternalException(String message, Throwable cause) {
    super(message + " (this is a bug in ha-provision; please report it)", cause);
  }
}
