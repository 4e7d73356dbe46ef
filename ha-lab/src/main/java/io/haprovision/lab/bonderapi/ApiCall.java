package io.haprovision.lab.bonderapi;

import java.time.Instant;

/**
 * One request the simulator answered, in the order they arrived.
 *
 * @param received when the request arrived
 * @param method   the HTTP method
 * @param path     the request path (no query)
 * @param body     the request body as UTF-8 (empty for none)
 * @param status   the HTTP status answered
 * @param user     the Basic-auth user name the client sent, or empty (never the password)
 */
public record ApiCall(Instant received, String method, String path, String body, int status, String user) {

  /** True for a {@code PATCH} of {@code kind} object {@code id} of {@code bond}. */
  public boolean isPatchOf(ObjectKind kind, int bond, int id) {
    return "PATCH".equals(method) && path.equals(ManagementApiSimulator.objectPath(kind, bond, id));
  }

  /** {@code METHOD PATH -> STATUS}, for assertion messages. */
  @Override
  public String toString() {
    return method + " " + path + (body.isEmpty() ? "" : " " + body) + " -> " + status
        + (user.isEmpty() ? "" : " (" + user + ")") + " at " + received;
  }
}
