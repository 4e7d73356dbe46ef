package io.haprovision.inventory;

/**
 * One thing wrong with an inventory: where ({@code location}, {@code keyPath} such as
 * {@code pairs[0].vrrp.instances[1].virtual_router_id}), what is wrong, and what would
 * be right. {@code rule} is a stable identifier of the check (e.g.
 * {@code vrrp.vrid-range}) so tools and tests can tell problems apart.
 */
public record Problem(Location location, String keyPath, String rule, String message, String fix) {

  /** {@code file:line:col: key.path: message; fix} */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(location).append(": ");
    if (keyPath != null && !keyPath.isEmpty()) {
      sb.append(keyPath).append(": ");
    }
    sb.append(message);
    if (fix != null && !fix.isEmpty()) {
      sb.append("; ").append(fix);
    }
    return sb.toString();
  }
}
