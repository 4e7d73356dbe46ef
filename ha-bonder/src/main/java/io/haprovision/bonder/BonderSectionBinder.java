package io.haprovision.bonder;

import com.google.common.net.InetAddresses;
import io.haprovision.inventory.PerNode;
import io.haprovision.inventory.SectionReader;
import io.haprovision.inventory.schema.ValueShape;
import io.haprovision.secret.Secret;
import io.haprovision.yaml.YamlList;
import io.haprovision.yaml.YamlNode;
import io.haprovision.yaml.YamlPath;
import io.haprovision.yaml.YamlScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a pair's {@code bonder:} map into a {@link BonderSection}, reporting every problem
 * with its key path and going on with defaults, so one run shows them all.
 */
final class BonderSectionBinder {
  static final List<String> TOP_KEYS = List.of(
      "api", "bonds", "track_command", "track_interval", "keepalived_start", "private_link_switched");
  static final List<String> API_KEYS = List.of(
      "host", "port", "user", "password", "verify_tls", "ca_file", "timeout", "attempts", "attempt_delay",
      "control_ca_file", "preflight", "version");
  static final List<String> BOND_KEYS = List.of("bond", "connected_ips", "routes", "cpe_nat_ips", "hook_connected_ip");
  private static final List<String> ROLES = List.of("primary", "secondary");
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
  /** {@link #ID} for the schema, blanks around allowed as {@link #idText} strips them. */
  private static final ValueShape ID_SHAPE =
      new ValueShape.Matching("^\\s*[1-9][0-9]{0,17}\\s*$", "the numeric id the management server shows, such as 101");
  private static final ValueShape ID_LIST_SHAPE =
      new ValueShape.Matching("^[0-9,\\s]*$", "ids separated by commas, such as \"101, 102\"");
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");
  private static final Pattern FILE_PATH = Pattern.compile("/[A-Za-z0-9._/+-]{1,255}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final SectionReader section;

  private BonderSectionBinder(SectionReader section) {
    this.section = section;
  }

  static BonderSection bind(SectionReader section) {
    return new BonderSectionBinder(section).bind();
  }

  private BonderSection bind() {
    if (!section.present()) {
      section.problems().add(section.path(), "bonder.section-missing",
          "a bonder pair needs a `bonder:` section: the management API and each bonder's bond",
          "add `bonder: { api: {...}, bonds: { primary: {...}, secondary: {...} } }` (see docs/platforms/bonder.md)");
    }
    section.allowOnly(TOP_KEYS);
    ManagementApi api = api(section.section("api"));
    PerNode<Bond> bonds = bonds();
    String track = section.string("track_command", BonderSection.DEFAULT_TRACK_COMMAND);
    if (track == null || track.isBlank() || CONTROL.matcher(track).find()) {
      section.problem("track_command", "bonder.track-command-invalid",
          "the track command must be one non-empty line", "write a single command such as `bondsh node ping`");
      track = BonderSection.DEFAULT_TRACK_COMMAND;
    }
    int interval = section.integer("track_interval", 1, 3600, 2);
    KeepalivedStart start = section.enumValue("keepalived_start", KeepalivedStart.class,
        KeepalivedStart.CONNECTED_IP_HOOK);
    boolean switched = section.bool("private_link_switched", false);
    if (start == KeepalivedStart.CONNECTED_IP_HOOK) {
      hookIds(bonds);
    }
    return new BonderSection(api, bonds, track, interval, start, switched, section.path());
  }

  private ManagementApi api(SectionReader api) {
    if (!section.has("api")) {
      section.problems().add(YamlPath.child(section.path(), "api"), "key.missing",
          "required key `api` is missing in `" + section.path() + "`",
          "add `api:` with host, user and password of the management server's API");
    }
    api.allowOnly(API_KEYS);
    String host = api.present() ? api.string("host") : null;
    if (host != null && !InetAddresses.isInetAddress(host) && !HOST_NAME.matcher(host).matches()) {
      api.problem("host", "bonder.api-host-invalid", "`" + host + "` is not a host name or IP address",
          "write the management server's name or address only, without https:// or a path");
      host = null;
    }
    int port = api.integer("port", 1, 65_535, 443);
    String user = api.present() ? api.string("user") : null;
    if (user != null && !USER.matcher(user).matches()) {
      api.problem("user", "bonder.api-user-invalid", "API user `" + user + "` holds characters Basic auth or the"
          + " notify program cannot carry (such as `:` or blanks)", "use letters, digits and . _ @ + -");
      user = null;
    }
    if (user != null && !user.contains("@")) {
      // Multapplied's documentation (6.6-6.8): applications log in with the account's email
      // address; login by username is deprecated since 2015.4 and announced for removal.
      api.warn("user", "bonder.api-user-not-email", "API user `" + user + "` is not an email address: the management"
              + " server deprecates logging in by user name (since 2015.4) and announces its removal",
          "set api.user to the email address of the API account");
    }
    Secret password = api.present() ? api.requiredSecret("password") : null;
    if (password != null && CONTROL.matcher(password.reveal()).find()) {
      // Never put the value in the message.
      api.problem("password", "bonder.api-password-invalid", "the API password (" + password.origin()
          + ") holds a line break or another control character", "use a password without control characters");
    }
    boolean verifyTls = api.bool("verify_tls", true);
    Optional<String> caFile = api.optionalString("ca_file").filter(path -> {
      boolean ok = FILE_PATH.matcher(path).matches();
      if (!ok) {
        api.problem("ca_file", "bonder.ca-file-invalid", "`" + path + "` is not an absolute path ha-provision accepts",
            "write the absolute path of the CA file on the bonders (letters, digits and . _ / + -)");
      }
      return ok;
    });
    Duration timeout = seconds(api, "timeout", ManagementApi.DEFAULT_TIMEOUT, 300);
    int attempts = api.integer("attempts", 1, 20, ManagementApi.DEFAULT_ATTEMPTS);
    Duration delay = seconds(api, "attempt_delay", ManagementApi.DEFAULT_ATTEMPT_DELAY, 300);
    // The control host's own CA file (ca_file is a path on the bonders); relative to the inventory.
    Optional<java.nio.file.Path> controlCaFile = api.path("control_ca_file").filter(file -> {
      boolean ok = java.nio.file.Files.isReadable(file) && java.nio.file.Files.isRegularFile(file);
      if (!ok) {
        api.problem("control_ca_file", "bonder.control-ca-file-unreadable", "CA file " + file
            + " cannot be read on this control host", "give the path of a PEM certificate file ha-provision can read"
            + " here (ca_file is the one on the bonders)");
      }
      return ok;
    });
    boolean preflight = api.bool("preflight", true);
    ApiVersion version = api.enumValue("version", ApiVersion.class, ApiVersion.AUTO);
    return new ManagementApi(host == null ? "" : host, port, user == null ? "" : user, password, verifyTls, caFile,
        timeout, attempts, delay, controlCaFile, preflight, version);
  }

  /** A duration of whole seconds in 1..max; the notify program sleeps and times out in seconds. */
  private static Duration seconds(SectionReader reader, String key, Duration fallback, int max) {
    Duration d = reader.duration(key, fallback);
    if (d.toMillis() % 1000 != 0 || d.getSeconds() < 1 || d.getSeconds() > max) {
      reader.problem(key, "bonder.seconds", "`" + key + "` must be whole seconds from 1s to " + max + "s",
          "write it as 1s..." + max + "s, such as " + fallback.getSeconds() + "s");
      return fallback;
    }
    return d;
  }

  private PerNode<Bond> bonds() {
    Bond empty = new Bond("", List.of(), List.of(), List.of(), Optional.empty());
    if (!section.has("bonds")) {
      section.problems().add(YamlPath.child(section.path(), "bonds"), "key.missing",
          "required key `bonds` is missing in `" + section.path() + "`",
          "add `bonds: { primary: { bond: ID, connected_ips: [...] }, secondary: {...} }`");
      return new PerNode<>(empty, empty);
    }
    SectionReader bonds = section.section("bonds");
    if (!bonds.present()) {
      return new PerNode<>(empty, empty);
    }
    bonds.allowOnly(ROLES);
    Bond primary = bond(bonds, "primary");
    Bond secondary = bond(bonds, "secondary");
    if (!primary.id().isEmpty() && primary.id().equals(secondary.id())) {
      bonds.section("secondary").problem("bond", "bonder.bond-duplicate", "both bonders are given bond "
          + primary.id(), "each bonder has its own bond; give the secondary's bond id");
    }
    for (ObjectKind kind : ObjectKind.values()) {
      Set<String> shared = new HashSet<>(primary.ids(kind));
      shared.retainAll(secondary.ids(kind));
      for (String id : shared) {
        bonds.section("secondary").problem(kind.path(), "bonder.object-shared", kind.path() + " " + id
            + " is listed for both bonds; an object belongs to one bond",
            "list each bond's own " + kind.path() + " ids (the API shows them under /api/VERSION/bonds/BOND/" + kind.path() + "/)");
      }
    }
    return new PerNode<>(primary, secondary);
  }

  private Bond bond(SectionReader bonds, String role) {
    if (!bonds.has(role)) {
      bonds.problem(role, "key.missing", "the " + role + " bonder's bond is missing",
          "add `" + role + ": { bond: ID, connected_ips: [...], routes: [...], cpe_nat_ips: [...] }`");
      return new Bond("", List.of(), List.of(), List.of(), Optional.empty());
    }
    SectionReader b = bonds.section(role);
    b.allowOnly(BOND_KEYS);
    String id = b.has("bond") ? id(b, b.node("bond")) : null;
    if (!b.has("bond")) {
      b.requireAll("bond");
    }
    List<String> connected = ids(b, ObjectKind.CONNECTED_IPS.path());
    List<String> routes = ids(b, ObjectKind.ROUTES.path());
    List<String> natIps = ids(b, ObjectKind.CPE_NAT_IPS.path());
    if (connected.isEmpty() && routes.isEmpty() && natIps.isEmpty()) {
      b.problems().add(b.path(), "bonder.bond-empty", "bond " + (id == null ? "" : id + " ")
          + "has no connected IP, route or CPE NAT IP, so a failover would move nothing",
          "list the ids of the objects that should follow the MASTER under connected_ips, routes or cpe_nat_ips");
    }
    Optional<String> hook = b.has("hook_connected_ip") ? Optional.ofNullable(id(b, b.node("hook_connected_ip")))
        : Optional.empty();
    return new Bond(id == null ? "" : id, connected, routes, natIps, hook);
  }

  /** An id list: a YAML list of ids or one comma-separated string (either may be empty). */
  private static List<String> ids(SectionReader b, String key) {
    List<String> out = new ArrayList<>();
    YamlNode node = b.node(key);
    if (node == null) {
      return out;
    }
    b.declare(node, ID_LIST_SHAPE);
    List<YamlNode> items = b.oneOrMany(key, "a numeric id");
    Set<String> seen = new HashSet<>();
    for (YamlNode item : items) {
      if (item instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && !(node instanceof YamlList)) {
        for (String part : s.text().split(",", -1)) {
          String t = part.strip();
          if (t.isEmpty() && s.text().isBlank()) {
            continue;
          }
          add(b, item, t, seen, out);
        }
      } else {
        String t = idText(b, item);
        if (t != null) {
          add(b, item, t, seen, out);
        }
      }
    }
    return out;
  }

  private static void add(SectionReader b, YamlNode where, String id, Set<String> seen, List<String> out) {
    if (!ID.matcher(id).matches()) {
      b.problems().add(where.path(), "bonder.id-invalid", "`" + id + "` is not an API object id",
          "write the numeric id the management server shows, such as 101");
    } else if (!seen.add(id)) {
      b.problems().add(where.path(), "bonder.id-duplicate", "id " + id + " is listed twice", "list each id once");
    } else {
      out.add(id);
    }
  }

  private static String idText(SectionReader b, YamlNode node) {
    b.declare(node, ID_SHAPE);
    if (node instanceof YamlScalar s && (s.type() == YamlScalar.Type.INTEGER || s.type() == YamlScalar.Type.STRING)) {
      return s.text().strip();
    }
    b.wrongType(node, "a numeric id");
    return null;
  }

  private static String id(SectionReader b, YamlNode node) {
    String t = idText(b, node);
    if (t == null) {
      return null;
    }
    if (!ID.matcher(t).matches()) {
      b.problems().add(node.path(), "bonder.id-invalid", "`" + t + "` is not an API object id",
          "write the numeric id the management server shows, such as 12");
      return null;
    }
    return t;
  }

  private void hookIds(PerNode<Bond> bonds) {
    SectionReader all = section.section("bonds");
    for (String role : ROLES) {
      Bond bond = role.equals("primary") ? bonds.primary() : bonds.secondary();
      if (bond.id().isEmpty()) {
        continue;
      }
      SectionReader b = all.section(role);
      Optional<String> hook = bond.hookConnectedIp();
      if (hook.isEmpty()) {
        b.problem("hook_connected_ip", "bonder.hook-connected-ip-missing", "keepalived_start is connected-ip-hook"
                + (section.has("keepalived_start") ? "" : " (the default)") + " but bond " + bond.id()
                + " names no connected IP whose hook starts keepalived",
            "set hook_connected_ip to the id of the bond's connected IP on the private link (the address keepalived"
                + " speaks VRRP from, enabled on both bonds), or set keepalived_start: systemd");
      } else if (bond.connectedIps().contains(hook.get())) {
        b.problem("hook_connected_ip", "bonder.hook-connected-ip-floating", "connected IP " + hook.get()
                + " floats (it is in connected_ips): disabled on the BACKUP's bond, its hook would stop keepalived"
                + " there and the BACKUP could never take over",
            "name the bond's connected IP on the private link, which stays enabled on both bonds");
      }
    }
  }

}
