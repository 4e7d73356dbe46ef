package io.haprovision.cli;

import io.haprovision.error.InternalException;
import io.haprovision.error.InventoryException;
import io.haprovision.error.TargetException;

/** The exit codes of the CLI contract (DESIGN.md), in one place. */
public final class ExitCodes {
  /** Success; for {@code plan}, also "no changes". */
  public static final int OK = 0;
  /** Apply or verification failed, or another run-time failure. */
  public static final int FAILED = 1;
  /** {@code plan --detailed-exitcode} found changes. */
  public static final int CHANGES = 2;
  /** Usage error: unknown option, missing argument (sysexits EX_USAGE). */
  public static final int USAGE = 64;
  /** Invalid inventory; nothing was contacted (sysexits EX_DATAERR). */
  public static final int INVALID_INVENTORY = 65;
  /** A target was unreachable (sysexits EX_UNAVAILABLE). */
  public static final int UNREACHABLE = 69;
  /** Another run holds a pair's lock; nothing of that pair was touched (sysexits EX_TEMPFAIL). */
  public static final int LOCKED = 75;
  /** A bug in ha-provision (sysexits EX_SOFTWARE). */
  public static final int INTERNAL = 70;

  private ExitCodes() {
  }

  /** The exit code for an exception that ended a command. */
  public static int of(Throwable e) {
    if (e instanceof InventoryException) {
      return INVALID_INVENTORY;
    }
    if (e instanceof TargetException t) {
      return t.kind() == TargetException.Kind.UNREACHABLE ? UNREACHABLE : FAILED;
    }
    if (e instanceof InternalException) {
      return INTERNAL;
    }
    return FAILED;
  }
}
