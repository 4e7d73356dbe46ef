package io.haprovision.error;

/**
 * Root of every exception ha-provision throws. The three subtypes say whose fault a
 * failure is: the user's input ({@link InventoryException}), a device or the network
 * ({@link TargetException}), or ha-provision itself ({@link InternalException}).
 *
 * <p>Messages say what failed, where, why and what to do; they never hold a secret.
 */
public abstract sealed class ProvisionException extends RuntimeException
    permits InventoryException, TargetException, InternalException {

  protected ProvisionException(String message, Throwable cause) {
    super(message, cause);
  }
}
