package io.haprovision.bonder;

import io.haprovision.secret.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * How the bonders reach the management server's API ({@code bonder.api}).
 *
 * @param host the management server's host name or IP address
 * @param port its HTTPS port, 443 by default
 * @param user the API user; a dedicated one whose group can only change routing objects
 * @param password the API user's password
 * @param verifyTls check the server's certificate (on by default)
 * @param caFile a CA certificate file on the bonders that signed the server's certificate,
 *     when it is not in the system store
 * @param timeout the longest one API call may take, 10 s by default
 * @param attempts calls per object before giving up, 3 by default (a 4xx answer is final)
 * @param attemptDelay the pause between attempts, 5 s by default
 * @param controlCaFile a CA certificate file (PEM) on the control host that signed the
 *     server's certificate, for the preflight and verification calls ha-provision makes from
 *     there; empty: the control host's Java trust store
 * @param preflight check the API from the control host before a run touches a bonder (on by
 *     default); off only where the control host cannot reach the management server
 * @param version the API version spoken: {@link ApiVersion#AUTO} (the default) speaks v3, whose
 *     routing objects are documented, while the server offers it, and v4 once it does not
 */
public record ManagementApi(
    String host,
    int port,
    String user,
    Secret password,
    boolean verifyTls,
    Optional<String> caFile,
    Duration timeout,
    int attempts,
    Duration attemptDelay,
    Optional<java.nio.file.Path> controlCaFile,
    boolean preflight,
    ApiVersion version) {

  /** Default timeout of one call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Default number of attempts. */
  public static final int DEFAULT_ATTEMPTS = 3;
  /** Default pause between attempts. */
  public static final Duration DEFAULT_ATTEMPT_DELAY = Duration.ofSeconds(5);

  /** {@code https://host[:port]}, without a trailing slash; an IPv6 host in brackets. */
  public String baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "https://" + h + (port == 443 ? "" : ":" + port);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "ManagementApi[" + user + "@" + baseUrl() + ", verifyTls=" + verifyTls + ", timeout=" + timeout
        + ", attempts=" + attempts + ", attemptDelay=" + attemptDelay + ", preflight=" + preflight + ", version="
        + version.segment() + "]";
  }
}
