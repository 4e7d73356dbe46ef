package io.haprovision.lab.rehearse;

/**
 * Why a pair does not fit a lab replica, for {@link Rehearsal} to report as an inventory
 * problem at {@code key}: the inventory is the user's to change.
 */
final class Misfit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String key;
  final String fix;

  Misfit(String key, String message, String fix) {
    super(message);
    this.key = key;
    this.fix = fix;
  }
}
