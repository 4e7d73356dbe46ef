package io.haprovision.lab;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kernel setting the lab writes inside one of its network namespaces, with the reason
 * the lab depends on it. Keys are {@code sysctl} names ({@code net.ipv4.ip_forward});
 * {@code net.*} keys are per network namespace, so writing one never touches the host.
 *
 * @param key   the sysctl name, dotted
 * @param value the value to write
 * @param why   why the lab sets it (the package documentation lists every reason)
 */
public record Sysctl(String key, String value, String why) {
  private static final Pattern KEY = Pattern.compile("net(\\.[A-Za-z0-9_-]+)+");
  private static final Pattern VALUE = Pattern.compile("[0-9A-Za-z_ ./:%-]+");

  public Sysctl {
    Objects.requireNonNull(why, "why");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a per-namespace sysctl key: " + key);
    }
    if (!VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("sysctl " + key + ": value not writable by the lab: " + value);
    }
  }

  /** A setting with its reason. */
  public static Sysctl of(String key, String value, String why) {
    return new Sysctl(key, value, why);
  }

  /**
   * Whether a kernel without this setting is fine: {@code net.bridge.*} exists only with
   * bridge netfilter and {@code net.netfilter.*} only with conntrack loaded; without them
   * there is nothing to set. Every other setting must exist.
   */
  public boolean ifPresent() {
    return key.startsWith("net.bridge.") || key.startsWith("net.netfilter.");
  }

  /** Its file below {@code /proc/sys}, as the namespace that reads it sees it. */
  public String path() {
    return "/proc/sys/" + key.replace('.', '/');
  }

  /** One line of {@code sh -e} that writes it (and fails naming the file when it cannot). */
  String shellLine() {
    String write = "echo '" + value + "' > " + path();
    return ifPresent() ? "[ ! -e " + path() + " ] || " + write : write;
  }
}
