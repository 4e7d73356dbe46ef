package io.haprovision.keepalived;

import io.haprovision.error.InternalException;
import io.haprovision.secret.Secret;
import java.util.Objects;

/**
 * The {@code authentication} block of a VRRPv2 instance. The password is revealed only
 * into the rendered file (which is therefore sensitive); it is never part of a message.
 *
 * @param type {@code auth_type}
 * @param password {@code auth_pass}: 1..8 printable characters without blanks, quotes,
 *     braces or comment characters (keepalived uses only 8 and {@code -t} flags longer ones)
 */
public record Authentication(AuthType type, Secret password) {
  /** {@code auth_type}. */
  public enum AuthType {
    /** Simple password; deprecated since RFC 3768 but what most setups use. */
    PASS,
    /** IPsec AH. */
    AH
  }

  /** Checks the password fits keepalived.conf without ever putting it in a message. */
  public Authentication {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(password, "password");
    // The message names where the secret came from, never its value.
    KeepalivedSyntax.passwordProblem(password.reveal()).ifPresent(why -> {
      throw new InternalException("keepalived.conf: auth_pass from " + password.origin() + " " + why);
    });
  }
}
