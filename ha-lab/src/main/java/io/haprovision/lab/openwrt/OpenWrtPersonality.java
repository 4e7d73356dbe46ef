package io.haprovision.lab.openwrt;

import io.haprovision.error.InternalException;
import io.haprovision.lab.AddressPlan;
import io.haprovision.lab.LabNode;
import io.haprovision.lab.LabPair;
import io.haprovision.lab.NodeImage;
import io.haprovision.lab.Personality;
import io.haprovision.lab.Sysctl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes a lab node look like an OpenWrt router to a provisioner: {@code /etc/openwrt_release},
 * UCI config files in {@code /etc/config}, and lab stand-ins for {@code uci}, {@code opkg},
 * {@code /etc/rc.common} with procd-style supervision, the procd init scripts of
 * keepalived, conntrackd and dnsmasq (its config generated from {@code /etc/config/dhcp}),
 * and {@code /etc/init.d/firewall} (fw4's ruleset rendered from {@code /etc/config/firewall}:
 * zone forwarding, {@code config nat} rules ahead of the wan masquerade; run by the lab at
 * node start). The stand-ins follow FACTS.md (OpenWrt section); each file
 * says in its header that it is a lab stand-in and what it covers.
 *
 * <p>Packages: the programs of keepalived, conntrackd and conntrack are removed from the
 * node at first boot (they stay in the read-only {@code /rom}) and {@code opkg install}
 * brings them back, so a first converge has to install them exactly as on a router.
 * dnsmasq and nftables start installed, as on OpenWrt. Versions are the host's.
 */
public final class OpenWrtPersonality implements Personality {
  /** The personality's name. */
  public static final String NAME = "openwrt";

  private static final String RESOURCES = "/io/haprovision/lab/openwrt/";

  /** A package of the lab feed: OpenWrt name, Debian package (for its version), files. */
  private record FeedPackage(String name, String debianPackage, List<String> files, boolean preinstalled) {}

  private static final List<FeedPackage> FEED = List.of(
      new FeedPackage("keepalived", "keepalived", List.of("/usr/sbin/keepalived"), false),
      new FeedPackage("conntrackd", "conntrackd", List.of("/usr/sbin/conntrackd"), false),
      new FeedPackage("conntrack", "conntrack", List.of("/usr/sbin/conntrack"), false),
      new FeedPackage("dnsmasq", "dnsmasq-base", List.of("/usr/sbin/dnsmasq"), true),
      new FeedPackage("nftables-json", "nftables", List.of("/usr/sbin/nft"), true),
      new FeedPackage("tcpdump", "tcpdump", List.of("/usr/bin/tcpdump"), false));

  /** OpenWrt base packages without files of their own in the lab. */
  private static final List<String> BASE = List.of(
      "base-files", "busybox", "dropbear", "firewall4", "fstools", "kernel", "libc", "logd",
      "netifd", "odhcpd-ipv6only", "opkg", "procd", "ubox", "ubus", "uci", "urandom-seed");

  private static final String BASE_VERSION = "24.10.4-lab";

  /** Debian's own files of the lab's packages that OpenWrt does not ship (no default conntrackd.conf). */
  private static final List<String> DEBIAN_ONLY = List.of(
      "/etc/conntrackd/conntrackd.conf", "/etc/default/conntrackd", "/etc/default/keepalived",
      "/etc/keepalived/keepalived.conf.sample");

  private Map<String, String> versions;

  /** Creates the personality; host package versions are read once, at first use. */
  public OpenWrtPersonality() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void prepare(NodeImage image) throws IOException {
    copyRootfs(image);
    image.write("/etc/config/network", network(image.pair(), image.node()), "0644");
    image.write("/etc/config/system", system(image.node()), "0644");
    List<FeedPackage> available = available();
    image.write("/usr/lib/opkg/lab-feed", feed(available), "0644");
    image.write("/usr/lib/opkg/status", status(available), "0644");
    for (FeedPackage pkg : available) {
      if (!pkg.preinstalled()) {
        pkg.files().forEach(image::removeAtFirstBoot);
      }
    }
    for (String path : DEBIAN_ONLY) {
      if (Files.exists(Path.of(path))) {
        image.removeAtFirstBoot(path);
      }
    }
  }

  /**
   * OpenWrt's own boot-time network settings ({@code /etc/sysctl.d/10-default.conf} and the
   * conntrack defaults), from {@code sysctl-defaults.conf}, whose first line names the source.
   */
  @Override
  public List<Sysctl> sysctls() {
    List<Sysctl> settings = new ArrayList<>();
    try {
      for (String line : resourceLines(RESOURCES + "sysctl-defaults.conf")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        String key = trimmed.substring(0, eq);
        String value = trimmed.substring(eq + 1);
        String why = "OpenWrt sets it at boot (" + SYSCTL_SOURCE + ")";
        settings.add(Sysctl.of(key, value, why));
      }
    } catch (IOException e) {
      throw new InternalException("lab resource sysctl-defaults.conf is unreadable: " + e.getMessage(), e);
    }
    return List.copyOf(settings);
  }

  private static final String SYSCTL_SOURCE = "/etc/sysctl.d/10-default.conf, sysctl-nf-conntrack.conf";

  private static void copyRootfs(NodeImage image) throws IOException {
    for (String line : resourceLines(RESOURCES + "rootfs.list")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      image.write(fields[0], resource(RESOURCES + "rootfs" + fields[0]), fields[1]);
    }
  }

  /** Feed packages whose files exist on this host. */
  private List<FeedPackage> available() {
    List<FeedPackage> result = new ArrayList<>();
    for (FeedPackage pkg : FEED) {
      if (pkg.files().stream().allMatch(f -> Files.isRegularFile(Path.of(f)))) {
        result.add(pkg);
      }
    }
    return result;
  }

  private String feed(List<FeedPackage> available) {
    StringBuilder text = new StringBuilder();
    for (FeedPackage pkg : available) {
      text.append("Package: ").append(pkg.name()).append('\n')
          .append("Version: ").append(version(pkg)).append('\n')
          .append("Architecture: ").append(architecture()).append('\n')
          .append("Lab-Files: ").append(String.join(" ", pkg.files())).append('\n')
          .append('\n');
    }
    return text.toString();
  }

  private String status(List<FeedPackage> available) {
    Map<String, String> installed = new TreeMap<>();
    BASE.forEach(name -> installed.put(name, BASE_VERSION));
    for (FeedPackage pkg : available) {
      if (pkg.preinstalled()) {
        installed.put(pkg.name(), version(pkg));
      }
    }
    StringBuilder text = new StringBuilder();
    installed.forEach((name, version) -> text
        .append("Package: ").append(name).append('\n')
        .append("Version: ").append(version).append('\n')
        .append("Status: install user installed\n")
        .append("Architecture: ").append(architecture()).append('\n')
        .append('\n'));
    return text.toString();
  }

  private String version(FeedPackage pkg) {
    return hostVersions().getOrDefault(pkg.debianPackage(), BASE_VERSION);
  }

  /** Debian versions of the feed's packages on this host, epoch removed. */
  private synchronized Map<String, String> hostVersions() {
    if (versions != null) {
      return versions;
    }
    Map<String, String> found = new HashMap<>();
    List<String> argv = new ArrayList<>(List.of("dpkg-query", "-W", "-f", "${Package} ${Version}\\n"));
    FEED.forEach(p -> argv.add(p.debianPackage()));
    try {
      Process process = new ProcessBuilder(argv)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          String[] parts = line.trim().split(" ", 2);
          if (parts.length == 2 && !parts[1].isEmpty()) {
            String version = parts[1];
            int colon = version.indexOf(':');
            found.put(parts[0], colon >= 0 ? version.substring(colon + 1) : version);
          }
        }
      }
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no dpkg-query: every package gets the lab's base version
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    versions = found;
    return versions;
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch", "x86_64");
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64" -> "aarch64_generic";
      default -> arch;
    };
  }

  /** /etc/config/network describing the links the lab configured (no netifd runs). */
  static String network(LabPair pair, LabNode node) {
    return "\nconfig interface 'loopback'\n"
        + "\toption device 'lo'\n"
        + "\toption proto 'static'\n"
        + "\toption ipaddr '127.0.0.1'\n"
        + "\toption netmask '255.0.0.0'\n"
        + staticInterface("lan", "br-lan", node.lanAddress(), null)
        + staticInterface("wan", "wan", node.wanAddress(), AddressPlan.withoutPrefix(pair.upstreamAddress()))
        + staticInterface("sync", "sync", node.syncAddress(), null)
        + staticInterface("mgmt", "mgmt", node.managementAddress() + "/24", null)
        + "\n";
  }

  private static String staticInterface(String name, String device, String cidr, String gateway) {
    StringBuilder text = new StringBuilder()
        .append("\nconfig interface '").append(name).append("'\n")
        .append("\toption device '").append(device).append("'\n")
        .append("\toption proto 'static'\n")
        .append("\toption ipaddr '").append(AddressPlan.withoutPrefix(cidr)).append("'\n")
        .append("\toption netmask '").append(netmask(cidr)).append("'\n");
    if (gateway != null) {
      text.append("\toption gateway '").append(gateway).append("'\n");
    }
    return text.toString();
  }

  static String netmask(String cidr) {
    int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return ((mask >> 24) & 255) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "." + (mask & 255);
  }

  private static String system(LabNode node) {
    return "\nconfig system\n"
        + "\toption hostname '" + node.name() + "'\n"
        + "\toption timezone 'UTC'\n"
        + "\toption ttylogin '0'\n"
        + "\toption log_size '64'\n"
        + "\toption urandom_seed '0'\n"
        + "\n";
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = OpenWrtPersonality.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new InternalException("lab resource " + name + " is missing from the ha-lab jar");
      }
      return in.readAllBytes();
    }
  }

  private static List<String> resourceLines(String name) throws IOException {
    return new String(resource(name), StandardCharsets.UTF_8).lines().toList();
  }
}
