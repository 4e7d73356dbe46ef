package io.haprovision.bonder;

import io.haprovision.lab.bonderapi.ManagementApiSimulator;
import io.haprovision.secret.Secret;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management API simulator (ha-lab) holding the example inventory's bonds: bond 12
 * (bonder-a's) with every floating object enabled, bond 13 (bonder-b's) with every one
 * disabled, as a pair looks while bonder-a is MASTER, and each bond's connected IP on the
 * private link (105, 106: the hook's), enabled on both. The accepted password is
 * {@link Inventories#PASSWORD}.
 */
public final class ApiFixture {
  private ApiFixture() {}

  /** A simulator on {@code bindAddress} holding the example's objects, offering API v3 and v4. */
  static ManagementApiSimulator start(String bindAddress) {
    return start(bindAddress, "v3", "v4");
  }

  /** The same, offering only {@code versions} ({@code "v3"}: a server before 6.4). */
  static ManagementApiSimulator start(String bindAddress, String... versions) {
    ManagementApiSimulator api = ManagementApiSimulator.start(ManagementApiSimulator.Spec
        .loopback("ha-failover@example.net", Secret.of(Inventories.PASSWORD, "test")).withBindAddress(bindAddress)
        .withVersions(versions));
    api.bond(12).connectedIp(101, "198.51.100.10", true).connectedIp(102, "198.51.100.11", true)
        .route(201, "203.0.113.0/29", true).route(202, "203.0.113.8/29", true)
        .cpeNatIp(301, "203.0.113.20", true).connectedIp(PRIVATE.get(12), "198.18.20.2", true);
    api.bond(13).connectedIp(103, "198.51.100.12", false).connectedIp(104, "198.51.100.13", false)
        .route(203, "203.0.113.16/29", false).route(204, "203.0.113.24/29", false)
        .cpeNatIp(302, "203.0.113.21", false).connectedIp(PRIVATE.get(13), "198.18.20.3", true);
    return api;
  }

  /** Each bond's connected IP on the private link, never moved (the lab test's bonds use the same ids). */
  public static final java.util.Map<Integer, Integer> PRIVATE = java.util.Map.of(12, 105, 13, 106);

  /** True when every floating object of {@code bond} (all but its private connected IP) is {@code enabled}. */
  public static boolean floating(ManagementApiSimulator api, int bond, boolean enabled) {
    return api.objects().stream()
        .filter(o -> o.bond() == bond && !(o.kind() == io.haprovision.lab.bonderapi.ObjectKind.CONNECTED_IPS
            && o.id() == PRIVATE.get(bond)))
        .allMatch(o -> o.enabled() == enabled);
  }

  /**
   * Back to how {@link #start} left it: bond 12's objects enabled, bond 13's disabled, no
   * faults, an empty call log. Starting a simulator costs a certificate (seconds of
   * keytool); tests share one per class and reset it.
   */
  static void reset(ManagementApiSimulator api) {
    reset(api, 12);
  }

  /** As {@link #reset(ManagementApiSimulator)}, with bond {@code carrier} carrying the floating objects. */
  static void reset(ManagementApiSimulator api, int carrier) {
    api.clearFaults();
    for (io.haprovision.lab.bonderapi.ApiObject o : api.objects()) {
      boolean isPrivate = o.kind() == io.haprovision.lab.bonderapi.ObjectKind.CONNECTED_IPS
          && PRIVATE.containsValue(o.id());
      api.setEnabled(o.kind(), o.bond(), o.id(), o.bond() == carrier || isPrivate);
    }
    api.clearCalls();
  }

  /**
   * The example inventory pointed at {@code api}: its host and port, the control host
   * trusting {@code controlCaFile} (null: the key is left out), {@code caFile} as the
   * bonders' CA file (null: left out), and short timings ({@code timeout} 2 s, {@code
   * attempt_delay} 1 s) so retries stay quick.
   */
  static String inventory(ManagementApiSimulator api, String controlCaFile, String caFile) {
    String yaml = Inventories.example();
    yaml = replaceValue(yaml, "host: 198.51.100.20", "host: " + api.host());
    yaml = replaceValue(yaml, "port: 443", "port: " + api.port());
    yaml = replaceValue(yaml, "timeout: 10s", "timeout: 2s");
    yaml = replaceValue(yaml, "attempt_delay: 5s", "attempt_delay: 1s");
    String extra = (controlCaFile == null ? "" : "        control_ca_file: " + controlCaFile + "\n")
        + (caFile == null ? "" : "        ca_file: " + caFile + "\n");
    return Inventories.replace(yaml, "        verify_tls: true", extra + "        verify_tls: true");
  }

  /** {@code yaml} with the first line holding {@code from} (its comment kept) holding {@code to} instead. */
  static String replaceValue(String yaml, String from, String to) {
    Matcher m = Pattern.compile("(?m)^(\\s*)" + Pattern.quote(from) + "\\b").matcher(yaml);
    if (!m.find()) {
      throw new AssertionError("test inventory does not contain: " + from);
    }
    return yaml.substring(0, m.start()) + m.group(1) + to + yaml.substring(m.end());
  }
}
