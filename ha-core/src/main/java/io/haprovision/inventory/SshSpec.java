package io.haprovision.inventory;

import io.haprovision.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a node over SSH, after inheritance (top {@code defaults.ssh}, pair
 * {@code defaults.ssh}, node {@code ssh}). Paths have {@code ~} expanded and relative
 * paths resolved against the inventory's folder. An empty {@code knownHosts} means
 * the transport's default ({@code ~/.ssh/known_hosts}). {@code requireStrictKex}
 * ({@code require_strict_kex}, default false) refuses a server without strict key
 * exchange (the Terrapin fix); strict kex is used whenever the server offers it, but only
 * recent dropbear builds do, so requiring it is a per-host choice.
 */
public record SshSpec(
    String user,
    int port,
    Optional<Path> identityFile,
    boolean agent,
    Optional<Secret> password,
    Optional<Path> knownHosts,
    HostKeyPolicy hostKeyPolicy,
    Duration connectTimeout,
    Duration commandTimeout,
    boolean requireStrictKex) {

  /** Default user. */
  public static final String DEFAULT_USER = "root";
  /** Default port. */
  public static final int DEFAULT_PORT = 22;
  /** Default time to connect and authenticate. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time one command may run. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
}
