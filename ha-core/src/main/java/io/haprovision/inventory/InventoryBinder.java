package io.haprovision.inventory;

import io.haprovision.inventory.schema.ValueShape;
import io.haprovision.secret.Secret;
import io.haprovision.spi.PlatformSection;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.yaml.YamlDocument;
import io.haprovision.yaml.YamlList;
import io.haprovision.yaml.YamlMap;
import io.haprovision.yaml.YamlNode;
import io.haprovision.yaml.YamlPath;
import io.haprovision.yaml.YamlScalar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a parsed inventory into records, applying inheritance, and records every
 * structural problem (unknown keys, missing keys, wrong types, duplicate names, roles).
 * The semantic VRRP rules run afterwards on the records ({@link VrrpRules}). One
 * instance per load.
 */
final class InventoryBinder {
  static final List<String> TOP_KEYS = List.of("version", "defaults", "pairs");
  static final List<String> DEFAULTS_KEYS = List.of("ssh", "vrrp", "verify", "rollout");
  static final List<String> ROLLOUT_KEYS = List.of("auto_revert", "revert_window");
  static final List<String> SSH_KEYS = List.of("user", "port", "identity_file", "agent", "password",
      "known_hosts", "host_key_policy", "connect_timeout", "command_timeout", "require_strict_kex");
  static final List<String> DEFAULT_VRRP_KEYS = List.of("advert_int", "version", "authentication", "garp", "preempt_delay");
  /** garp and preempt_delay are one value per instance, so a node cannot set its own. */
  static final List<String> NODE_VRRP_KEYS = List.of("advert_int", "version", "authentication");
  static final List<String> AUTH_KEYS = List.of("type", "password");
  static final List<String> GARP_KEYS = List.of("master_delay", "master_repeat", "master_refresh");
  static final List<String> PAIR_KEYS = List.of("name", "platform", "defaults", "nodes", "vrrp", "verify", "rollout");
  static final List<String> VERIFY_KEYS = List.of("probe", "keepalived_running", "single_master", "vip_answers",
      "ping_count");
  static final List<String> PROBE_KEYS = List.of("name", "host", "ssh");
  /** Most echo requests per VIP: more only slows verify down. */
  static final int MAX_PING_COUNT = 100;
  static final List<String> NODE_KEYS = List.of("name", "role", "host", "ssh", "vrrp", "interfaces");
  static final List<String> VRRP_KEYS = List.of("instances", "track_scripts", "sync_group");
  static final List<String> INSTANCE_KEYS = List.of("name", "interface", "virtual_router_id", "segment", "vips",
      "priority", "state", "advert_int", "version", "authentication", "unicast", "multicast", "nopreempt",
      "preempt_delay", "garp", "track_interfaces", "track_scripts", "virtual_routes", "notify");
  static final List<String> VIP_KEYS = List.of("address", "device", "label");
  static final List<String> NOTIFY_KEYS = List.of("master", "backup", "fault", "stop");
  static final List<String> TRACK_SCRIPT_KEYS = List.of("name", "script", "interval", "timeout", "weight", "fall", "rise");
  static final List<String> SYNC_GROUP_KEYS = List.of("name", "instances", "track_scripts", "notify");
  static final List<String> ROLE_KEYS = List.of("primary", "secondary");

  static final Pattern PAIR_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  /** keepalived names (router_id, instances, scripts, groups) are single words. */
  static final Pattern KEEPALIVED_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  /** Something written as an IPv4 address: four dot-separated numbers. */
  static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9]+(\\.[0-9]+){3}");
  static final Pattern SSH_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}");
  static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  static final int DEFAULT_PRIMARY_PRIORITY = 150;
  static final int DEFAULT_SECONDARY_PRIORITY = 100;
  /** Linux interface names are at most 15 bytes (IFNAMSIZ - 1); so are address labels. */
  static final int MAX_IFNAME = 15;

  /** A pair as bound: {@code spec} is null when its nodes could not be bound; {@code whole} when nothing structural was wrong. */
  record BoundPair(PairSpec spec, boolean whole, Target target) {}

  private final Problems problems;
  private final LoadContext context;
  private final Targets targets;

  InventoryBinder(Problems problems, LoadContext context, Targets targets) {
    this.problems = problems;
    this.context = context;
    this.targets = targets;
  }

  // ---- top level -----------------------------------------------------------------------

  List<BoundPair> bind(YamlDocument document) {
    YamlNode root = document.root();
    if (root == null) {
      problems.add("", "inventory.empty", "the inventory is empty", "describe at least one pair under `pairs:`");
      return List.of();
    }
    if (!(root instanceof YamlMap rootMap)) {
      problems.add("", "type.wrong", "the inventory must be a map with `pairs:`, found " + root.describe(),
          "start the file with `version: 1` and `pairs:`");
      return List.of();
    }
    SectionReader top = SectionReader.of(rootMap, problems, context);
    top.allowOnly(TOP_KEYS);
    if (top.has("version")) {
      top.narrow("version", new ValueShape.Whole(1, 1));
      Integer version = top.integerOf(top.node("version"), Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (version != null && version != 1) {
        top.problem("version", "inventory.version", "inventory format version " + version + " is not known",
            "this ha-provision reads `version: 1`");
      }
    }
    SectionReader defaults = top.section("defaults");
    defaults.allowOnly(DEFAULTS_KEYS);
    checkSshShape(defaults.section("ssh"));
    checkVrrpShape(defaults.section("vrrp"), DEFAULT_VRRP_KEYS);
    YamlMap topSsh = mapOf(defaults.section("ssh"));
    YamlMap topVrrp = mapOf(defaults.section("vrrp"));
    checkVerifyShape(defaults.section("verify"));
    YamlMap topVerify = mapOf(defaults.section("verify"));
    defaults.section("rollout").allowOnly(ROLLOUT_KEYS);
    YamlMap topRollout = mapOf(defaults.section("rollout"));

    if (!top.require("pairs", "a list of pairs")) {
      return List.of();
    }
    List<YamlNode> items = top.list("pairs");
    if (items.isEmpty() && top.node("pairs") instanceof YamlList) {
      top.problem("pairs", "inventory.no-pairs", "`pairs` is empty", "describe at least one pair");
    }
    List<BoundPair> out = new ArrayList<>();
    Map<String, String> pairNames = new HashMap<>();
    for (YamlNode item : items) {
      if (!(item instanceof YamlMap)) {
        top.wrongType(item, "a map (a pair with name, platform, nodes, vrrp)");
        continue;
      }
      BoundPair pair = bindPair(top.sectionOf(item), topSsh, topVrrp, topVerify, topRollout);
      String name = SectionReader.of((YamlMap) item, problems, context).optionalString("name").orElse(null);
      if (name != null) {
        String first = pairNames.putIfAbsent(name, item.path());
        if (first != null) {
          problems.add(YamlPath.child(item.path(), "name"), "pair.duplicate-name",
              "pair name `" + name + "` is already used by " + problems.describe(first),
              "give every pair its own name");
        }
      }
      out.add(pair);
    }
    return out;
  }

  // ---- pair ----------------------------------------------------------------------------

  private BoundPair bindPair(SectionReader p, YamlMap topSsh, YamlMap topVrrp, YamlMap topVerify,
      YamlMap topRollout) {
    int before = problems.size();
    String name = p.string("name");
    if (name != null && !PAIR_NAME.matcher(name).matches()) {
      p.problem("name", "pair.name-format", "pair name `" + name + "` is not allowed",
          "use lower-case letters, digits and `-`, starting with a letter or digit");
    }
    String platform = p.string("platform");
    p.narrow("platform", new ValueShape.Choice(targets.names(), false));
    Target target = null;
    if (platform != null) {
      target = targets.find(platform).orElse(null);
      if (target != null) {
        p.sectionFor("platform", platform, platform);
      }
      if (target == null) {
        p.problem("platform", "pair.platform-unknown", "platform `" + platform + "` is not installed",
            (targets.names().isEmpty() ? "no platform is installed" : "installed: " + String.join(", ", targets.names()))
                + Suggestions.didYouMean(platform, targets.names()));
      }
    }
    List<String> allowed = new ArrayList<>(PAIR_KEYS);
    if (platform != null) {
      allowed.add(platform);
    }
    p.allowOnly(allowed);

    SectionReader pairDefaults = p.section("defaults");
    pairDefaults.allowOnly(DEFAULTS_KEYS);
    checkSshShape(pairDefaults.section("ssh"));
    checkVrrpShape(pairDefaults.section("vrrp"), DEFAULT_VRRP_KEYS);
    YamlMap sshBase = YamlMap.merge(topSsh, mapOf(pairDefaults.section("ssh")));
    YamlMap vrrpBase = YamlMap.merge(topVrrp, mapOf(pairDefaults.section("vrrp")));
    checkVerifyShape(pairDefaults.section("verify"));
    SectionReader ownVerify = p.section("verify");
    checkVerifyShape(ownVerify);
    YamlMap verifyMap = YamlMap.merge(YamlMap.merge(topVerify, mapOf(pairDefaults.section("verify"))), mapOf(ownVerify));
    VerifySpec verify = bindVerify(reader(verifyMap, YamlPath.child(p.path(), "verify")), sshBase);
    pairDefaults.section("rollout").allowOnly(ROLLOUT_KEYS);
    SectionReader ownRollout = p.section("rollout");
    ownRollout.allowOnly(ROLLOUT_KEYS);
    YamlMap rolloutMap = YamlMap.merge(YamlMap.merge(topRollout, mapOf(pairDefaults.section("rollout"))),
        mapOf(ownRollout));
    RolloutSpec rollout = bindRollout(reader(rolloutMap, YamlPath.child(p.path(), "rollout")));

    // Nodes.
    List<NodeSpec> nodes = new ArrayList<>();
    Map<NodeRole, YamlMap> nodeVrrp = new EnumMap<>(NodeRole.class);
    boolean nodesWhole = bindNodes(p, sshBase, vrrpBase, nodes, nodeVrrp);

    // VRRP.
    SectionReader vrrp = p.section("vrrp");
    // Only an installed platform can waive service instances (see Target#requiresVrrpInstances).
    boolean instancesRequired = target == null || target.requiresVrrpInstances();
    if (!p.map().has("vrrp") && instancesRequired) {
      problems.add(YamlPath.child(p.path(), "vrrp"), "key.missing",
          "required key `vrrp` is missing in `" + p.path() + "`", "add `vrrp:` with at least one instance");
    }
    vrrp.allowOnly(VRRP_KEYS);
    List<TrackScriptSpec> scripts = bindTrackScripts(vrrp);
    PerNode<NodeSpec> byRole = nodesWhole ? roles(nodes) : null;
    // Only an installed platform can waive VIPs; with an unknown one the pair is refused
    // already, and demanding VIPs it may not need would only mislead.
    boolean vipsRequired = target != null && target.requiresVips();
    List<VrrpInstanceSpec> instances = bindInstances(vrrp, byRole, nodeVrrp, vrrpBase, scripts, vipsRequired,
        instancesRequired);
    Optional<SyncGroupSpec> syncGroup = bindSyncGroup(vrrp, instances, scripts);

    // The platform's own section.
    PlatformSection section = null;
    if (target != null) {
      SectionReader own = p.has(platform)
          ? p.section(platform)
          : SectionReader.empty(YamlPath.child(p.path(), platform), problems, context);
      section = target.bindSection(own, problems);
    }

    boolean whole = problems.size() == before && target != null && section != null;
    PairSpec spec = byRole == null || name == null || platform == null
        ? null
        : new PairSpec(name, platform, nodes, new VrrpSpec(instances, scripts, syncGroup), section, p.path(), verify,
            rollout);
    return new BoundPair(spec, whole && spec != null, target);
  }

  /** Binds the nodes into {@code out}; true when there are exactly two, complete, one of each role. */
  private boolean bindNodes(SectionReader p, YamlMap sshBase, YamlMap vrrpBase,
      List<NodeSpec> out, Map<NodeRole, YamlMap> nodeVrrp) {
    List<YamlNode> items = p.list("nodes");
    if (!p.require("nodes", "a list of two nodes")) {
      return false;
    }
    boolean whole = true;
    Map<String, String> names = new HashMap<>();
    for (YamlNode item : items) {
      if (!(item instanceof YamlMap)) {
        p.wrongType(item, "a map (a node with name, role, host, interfaces)");
        whole = false;
        continue;
      }
      SectionReader n = p.sectionOf(item);
      NodeSpec node = bindNode(n, sshBase, vrrpBase, nodeVrrp);
      if (node == null) {
        whole = false;
        continue;
      }
      String first = names.putIfAbsent(node.name(), node.path());
      if (first != null) {
        n.problem("name", "pair.duplicate-node-name",
            "node name `" + node.name() + "` is already used by " + problems.describe(first) + " in this pair",
            "give each node of a pair its own name (it becomes keepalived's router_id)");
        whole = false;
      }
      out.add(node);
    }
    if (items.size() != 2) {
      p.problem("nodes", "pair.node-count", "a pair has exactly two nodes, found " + items.size(),
          "list two nodes: one with `role: primary`, one with `role: secondary`");
      return false;
    }
    long primaries = out.stream().filter(x -> x.role() == NodeRole.PRIMARY).count();
    long secondaries = out.stream().filter(x -> x.role() == NodeRole.SECONDARY).count();
    if (whole && (primaries != 1 || secondaries != 1)) {
      p.problem("nodes", "pair.node-roles",
          "a pair needs one primary and one secondary node, found " + primaries + " primary and "
              + secondaries + " secondary",
          "set `role: primary` on one node and `role: secondary` on the other");
      return false;
    }
    return whole && out.size() == 2;
  }

  private NodeSpec bindNode(SectionReader n, YamlMap sshBase, YamlMap vrrpBase, Map<NodeRole, YamlMap> nodeVrrp) {
    n.allowOnly(NODE_KEYS);
    String name = n.string("name");
    if (name != null && !isKeepalivedName(name)) {
      n.problem("name", "node.name-format", "node name `" + printable(name) + "` is not allowed",
          "use letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most 64 (it becomes"
              + " keepalived's router_id)");
    }
    NodeRole role = n.require("role", "primary or secondary") ? n.enumValue("role", NodeRole.class, null) : null;
    String host = n.string("host");
    checkHost(n, host, "write the node's SSH address, such as 192.0.2.11 or gw-a.example.net");
    SectionReader ownSsh = n.section("ssh");
    checkSshShape(ownSsh);
    SshSpec ssh = bindSsh(reader(YamlMap.merge(sshBase, mapOf(ownSsh)), YamlPath.child(n.path(), "ssh")));
    SectionReader ownVrrp = n.section("vrrp");
    checkVrrpShape(ownVrrp, NODE_VRRP_KEYS);
    Map<String, InterfaceAddress> interfaces = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : n.entries("interfaces").entrySet()) {
      if (e.getKey().length() > MAX_IFNAME) {
        problems.add(e.getValue().path(), "node.interface-name",
            "interface name `" + e.getKey() + "` is longer than " + MAX_IFNAME + " characters",
            "use the interface's real name (Linux allows at most " + MAX_IFNAME + ")");
      }
      InterfaceAddress a = n.cidrOf(e.getValue());
      if (a != null) {
        interfaces.put(e.getKey(), a);
      }
    }
    if (name == null || role == null || host == null) {
      return null;
    }
    nodeVrrp.putIfAbsent(role, YamlMap.merge(vrrpBase, mapOf(ownVrrp)));
    return new NodeSpec(name, role, host, ssh, interfaces, n.path());
  }

  private SshSpec bindSsh(SectionReader s) {
    String user = s.string("user", SshSpec.DEFAULT_USER);
    checkUser(s, user);
    int port = s.integer("port", 1, 65535, SshSpec.DEFAULT_PORT);
    Optional<java.nio.file.Path> identity = s.path("identity_file");
    boolean agent = s.bool("agent", false);
    Optional<Secret> password = s.secret("password");
    Optional<java.nio.file.Path> knownHosts = s.path("known_hosts");
    HostKeyPolicy policy = s.enumValue("host_key_policy", HostKeyPolicy.class, HostKeyPolicy.STRICT);
    java.time.Duration connect = s.duration("connect_timeout", SshSpec.DEFAULT_CONNECT_TIMEOUT);
    java.time.Duration command = s.duration("command_timeout", SshSpec.DEFAULT_COMMAND_TIMEOUT);
    boolean requireStrictKex = s.bool("require_strict_kex", false);
    return new SshSpec(user == null ? SshSpec.DEFAULT_USER : user, port, identity, agent, password, knownHosts,
        policy, connect, command, requireStrictKex);
  }

  private static void checkHost(SectionReader s, String host, String fix) {
    if (host == null || com.google.common.net.InetAddresses.isInetAddress(host)) {
      return;
    }
    if (DOTTED_NUMBERS.matcher(host).matches()) {
      s.problem("host", "value.invalid", "`" + printable(host) + "` looks like an IPv4 address but is not one",
          "write four numbers 0..255 separated by dots, or a host name");
    } else if (!HOST_NAME.matcher(host).matches() || host.length() > 253
        || java.util.Arrays.stream(host.split("\\.")).anyMatch(l -> l.length() > 63)) {
      s.problem("host", "value.invalid", "`" + printable(host) + "` is neither an IP address nor a host name",
          fix + " (a host name: labels of letters, digits and inner `-`, at most 63 characters each and 253 in"
              + " all)");
    }
  }

  private static final String NAME_FIX =
      "use letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most 64 characters";

  /** A name keepalived.conf (and the platforms' files) can carry as one token. */
  private static boolean isKeepalivedName(String name) {
    return KEEPALIVED_NAME.matcher(name).matches()
        && io.haprovision.keepalived.KeepalivedSyntax.nameProblem(name).isEmpty();
  }

  /** An interface, device or label name: what keepalived.conf carries as one token. */
  private static void interfaceName(SectionReader s, String key, String value, String what) {
    if (value != null) {
      io.haprovision.keepalived.KeepalivedSyntax.nameProblem(value).ifPresent(why ->
          s.problem(key, "vrrp.name-format", what + " `" + printable(value) + "` " + why,
              "write the Linux name of the interface, such as br-lan or eth0.2"));
    }
  }

  /** A command keepalived runs (track script, notify): one line it can quote. */
  private static void command(SectionReader s, String key, String value, String what) {
    if (value != null) {
      io.haprovision.keepalived.KeepalivedSyntax.commandProblem(value).ifPresent(why ->
          s.problem(key, "vrrp.command-format", what + " `" + printable(value) + "` " + why,
              "write an absolute path and plain arguments, such as /usr/libexec/check-uplink eth0"));
    }
  }

  /** An SSH user name: no option-like leading `-`, no blanks or control characters. */
  private static void checkUser(SectionReader s, String user) {
    if (user != null && !SSH_USER.matcher(user).matches()) {
      s.problem("user", "value.invalid", "`" + printable(user) + "` is not an SSH user name",
          "write the login name: letters, digits, `_`, `.`, `@` and `-`, not starting with `-`, at most 64"
              + " characters");
    }
  }

  /** {@code text} with control characters shown as escapes, for a message on one line. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(80).forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return text.codePointCount(0, text.length()) > 80 ? out + "..." : out.toString();
  }

  // ---- rollout -------------------------------------------------------------------------

  /** The merged {@code rollout} section: the revert armed on each node before its change. */
  private RolloutSpec bindRollout(SectionReader r) {
    boolean on = r.bool("auto_revert", true);
    java.time.Duration window = r.duration("revert_window", RolloutSpec.DEFAULT_WINDOW);
    if (window.compareTo(RolloutSpec.MIN_WINDOW) < 0 || window.compareTo(RolloutSpec.MAX_WINDOW) > 0) {
      r.problem("revert_window", "value.range", "a revert window of " + window.toMillis() / 1000.0
          + " s is outside 15 s to 1 h", "write a window long enough for a node's changes, handlers, health gate"
          + " and a fresh SSH login (the default, 5m, suits most pairs), at most 1h");
      window = RolloutSpec.DEFAULT_WINDOW;
    }
    return new RolloutSpec(on, window);
  }

  // ---- verify --------------------------------------------------------------------------

  /** Unknown keys of one written {@code verify} section (not the merged one, so each is reported once, where it is). */
  private void checkVerifyShape(SectionReader verify) {
    verify.allowOnly(VERIFY_KEYS);
    if (verify.has("probe")) {
      SectionReader probe = verify.section("probe");
      probe.allowOnly(PROBE_KEYS);
      checkSshShape(probe.section("ssh"));
    }
  }

  /** The merged {@code verify} section; the probe's ssh settings inherit {@code sshBase} like a node's. */
  private VerifySpec bindVerify(SectionReader v, YamlMap sshBase) {
    Optional<ProbeSpec> probe = Optional.empty();
    if (v.has("probe")) {
      SectionReader pr = v.section("probe");
      if (pr.present()) {
        String host = pr.string("host");
        checkHost(pr, host, "write the SSH address of a host on the pair's LAN, such as 198.51.100.50");
        Optional<String> name = pr.optionalString("name");
        SshSpec ssh = bindSsh(reader(YamlMap.merge(sshBase, mapOf(pr.section("ssh"))), YamlPath.child(pr.path(), "ssh")));
        if (host != null) {
          probe = Optional.of(new ProbeSpec(name.orElse(host), host, ssh, pr.path()));
        }
      }
    }
    return new VerifySpec(probe, optionalBool(v, "keepalived_running"), optionalBool(v, "single_master"),
        optionalBool(v, "vip_answers"), v.optionalInteger("ping_count", 1, MAX_PING_COUNT));
  }

  private static Optional<Boolean> optionalBool(SectionReader s, String key) {
    YamlNode node = s.node(key);
    return node == null ? Optional.empty() : Optional.ofNullable(s.boolOf(node));
  }

  private void checkSshShape(SectionReader ssh) {
    ssh.allowOnly(SSH_KEYS);
  }

  private void checkVrrpShape(SectionReader vrrp, List<String> keys) {
    List<String> accepted = new ArrayList<>(keys);
    for (String k : List.of("garp", "preempt_delay")) {
      if (!keys.contains(k)) {
        accepted.add(k);
        vrrp.forbid(k);
        if (vrrp.map().has(k)) {
          // Not a typo: say why it is refused here (one value per instance).
          vrrp.problem(k, "node.vrrp-per-instance", "`" + k + "` cannot differ between the nodes of a pair",
              "set it on the instance, or in `defaults.vrrp` of the pair or the file");
        }
      }
    }
    vrrp.allowOnly(accepted);
    SectionReader auth = vrrp.map().get("authentication") instanceof YamlMap m
        ? SectionReader.of(m, problems, context) : null;
    if (auth != null) {
      auth.allowOnly(AUTH_KEYS);
    }
    if (vrrp.map().get("garp") instanceof YamlMap g && keys.contains("garp")) {
      SectionReader.of(g, problems, context).allowOnly(GARP_KEYS);
    }
  }

  private static PerNode<NodeSpec> roles(List<NodeSpec> nodes) {
    NodeSpec primary = nodes.stream().filter(n -> n.role() == NodeRole.PRIMARY).findFirst().orElseThrow();
    NodeSpec secondary = nodes.stream().filter(n -> n.role() == NodeRole.SECONDARY).findFirst().orElseThrow();
    return new PerNode<>(primary, secondary);
  }

  // ---- track scripts and sync group ----------------------------------------------------

  private List<TrackScriptSpec> bindTrackScripts(SectionReader vrrp) {
    List<TrackScriptSpec> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (SectionReader t : vrrp.sections("track_scripts")) {
      t.allowOnly(TRACK_SCRIPT_KEYS);
      String name = t.string("name");
      String script = t.string("script");
      int interval = t.integer("interval", 1, 3600, 1);
      Optional<Integer> timeout = t.optionalInteger("timeout", 1, 3600);
      int weight = t.integer("weight", -254, 254, 0);
      int fall = t.integer("fall", 1, 1000, 1);
      int rise = t.integer("rise", 1, 1000, 1);
      if (name != null && !isKeepalivedName(name)) {
        t.problem("name", "vrrp.name-format", "track script name `" + printable(name) + "` is not allowed",
            NAME_FIX);
      }
      command(t, "script", script, "track script");
      if (name != null) {
        String first = names.putIfAbsent(name, t.path());
        if (first != null) {
          t.problem("name", "vrrp.track-script-duplicate-name",
              "track script `" + name + "` is already defined at " + problems.describe(first),
              "give every track script of a pair its own name");
          continue;
        }
      }
      if (name != null && script != null) {
        out.add(new TrackScriptSpec(name, script, interval, timeout, weight, fall, rise, t.path()));
      }
    }
    return out;
  }

  private Optional<SyncGroupSpec> bindSyncGroup(SectionReader vrrp, List<VrrpInstanceSpec> instances,
      List<TrackScriptSpec> scripts) {
    if (!vrrp.has("sync_group")) {
      return Optional.empty();
    }
    SectionReader g = vrrp.section("sync_group");
    if (!g.present()) {
      return Optional.empty();
    }
    g.allowOnly(SYNC_GROUP_KEYS);
    String name = g.string("name");
    if (name != null && !isKeepalivedName(name)) {
      g.problem("name", "vrrp.name-format", "sync group name `" + printable(name) + "` is not allowed", NAME_FIX);
    }
    List<String> members;
    if (g.has("instances")) {
      members = g.stringList("instances");
      List<YamlNode> nodes = g.list("instances");
      Set<String> known = new HashSet<>();
      instances.forEach(i -> known.add(i.name()));
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < members.size(); i++) {
        String m = members.get(i);
        String path = i < nodes.size() ? nodes.get(i).path() : g.pathOf("instances");
        if (!seen.add(m)) {
          problems.add(path, "vrrp.sync-group-duplicate-instance",
              "instance `" + m + "` is listed twice in the sync group", "list each instance once");
        }
        if (!known.contains(m) && !rawInstanceNames(vrrp).contains(m)) {
          problems.add(path, "vrrp.sync-group-instance-unknown",
              "the sync group names instance `" + m + "`, which this pair does not have",
              "use one of: " + String.join(", ", rawInstanceNames(vrrp)) + Suggestions.didYouMean(m, rawInstanceNames(vrrp)));
        }
      }
    } else {
      members = rawInstanceNames(vrrp);
    }
    List<String> groupScripts = checkScriptRefs(g, "track_scripts", scripts);
    NotifySpec notify = bindNotify(g);
    if (name == null) {
      return Optional.empty();
    }
    return Optional.of(new SyncGroupSpec(name, members, groupScripts, notify, g.path()));
  }

  /** Names of the pair's instances as written (bound or not), so one broken instance does not cascade. */
  private List<String> rawInstanceNames(SectionReader vrrp) {
    List<String> out = new ArrayList<>();
    for (YamlNode item : vrrp.map().get("instances") instanceof YamlList l ? l.items() : List.<YamlNode>of()) {
      if (item instanceof YamlMap m && m.get("name") instanceof YamlScalar s && !s.isNull()) {
        out.add(s.text());
      }
    }
    return out;
  }

  private List<String> checkScriptRefs(SectionReader section, String key, List<TrackScriptSpec> scripts) {
    List<String> names = section.stringList(key);
    List<YamlNode> nodes = section.list(key);
    List<String> known = scripts.stream().map(TrackScriptSpec::name).toList();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (!known.contains(n)) {
        String path = i < nodes.size() ? nodes.get(i).path() : section.pathOf(key);
        problems.add(path, "vrrp.track-script-unknown",
            "track script `" + n + "` is not defined in this pair's `vrrp.track_scripts`",
            (known.isEmpty() ? "define it under vrrp.track_scripts" : "defined: " + String.join(", ", known))
                + Suggestions.didYouMean(n, known));
      }
    }
    return names;
  }

  private NotifySpec bindNotify(SectionReader parent) {
    if (!parent.has("notify")) {
      return NotifySpec.none();
    }
    SectionReader n = parent.section("notify");
    n.allowOnly(NOTIFY_KEYS);
    for (String key : NOTIFY_KEYS) {
      n.optionalString(key).ifPresent(c -> command(n, key, c, "notify command"));
    }
    return new NotifySpec(n.optionalString("master"), n.optionalString("backup"), n.optionalString("fault"),
        n.optionalString("stop"));
  }

  // ---- instances -----------------------------------------------------------------------

  private List<VrrpInstanceSpec> bindInstances(SectionReader vrrp, PerNode<NodeSpec> nodes,
      Map<NodeRole, YamlMap> nodeVrrp, YamlMap vrrpBase, List<TrackScriptSpec> scripts, boolean vipsRequired,
      boolean instancesRequired) {
    if (vrrp.present() && !vrrp.has("instances") && instancesRequired) {
      vrrp.require("instances", "a list of VRRP instances");
    } else if (instancesRequired && vrrp.has("instances") && vrrp.list("instances").isEmpty()
        && vrrp.node("instances") instanceof YamlList) {
      vrrp.problem("instances", "vrrp.no-instances", "`instances` is empty", "describe at least one VRRP instance");
    }
    List<VrrpInstanceSpec> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (SectionReader i : vrrp.sections("instances")) {
      VrrpInstanceSpec spec = bindInstance(i, nodes, nodeVrrp, vrrpBase, scripts, vipsRequired);
      String name = i.optionalString("name").orElse(null);
      if (name != null) {
        String first = names.putIfAbsent(name, i.path());
        if (first != null) {
          i.problem("name", "vrrp.instance-duplicate-name",
              "instance name `" + name + "` is already used by " + problems.describe(first),
              "give every instance of a pair its own name");
          continue;
        }
      }
      if (spec != null) {
        out.add(spec); // complete even if a value had a problem: the semantic rules still check it
      }
    }
    return out;
  }

  private VrrpInstanceSpec bindInstance(SectionReader i, PerNode<NodeSpec> nodes, Map<NodeRole, YamlMap> nodeVrrp,
      YamlMap vrrpBase, List<TrackScriptSpec> scripts, boolean vipsRequired) {
    i.allowOnly(INSTANCE_KEYS);
    String name = i.string("name");
    if (name != null && !isKeepalivedName(name)) {
      i.problem("name", "vrrp.name-format", "instance name `" + printable(name) + "` is not allowed", NAME_FIX);
    }
    String iface = i.string("interface");
    interfaceName(i, "interface", iface, "interface");
    // Its range is VrrpRules' (vrrp.vrid-range, a message of its own); the schema says it too.
    Integer vrid = i.requiredInteger("virtual_router_id", Integer.MIN_VALUE, Integer.MAX_VALUE);
    i.narrow("virtual_router_id", new ValueShape.Whole(1, 255));
    Optional<String> segment = i.optionalString("segment");
    List<VipSpec> vips = bindVips(i, iface, vipsRequired);

    SectionReader priority = i.section("priority");
    priority.allowOnly(ROLE_KEYS);
    int primaryPriority = priority.integer("primary", 1, 254, DEFAULT_PRIMARY_PRIORITY);
    int secondaryPriority = priority.integer("secondary", 1, 254, DEFAULT_SECONDARY_PRIORITY);
    boolean nopreempt = i.bool("nopreempt", false);
    SectionReader state = i.section("state");
    state.allowOnly(ROLE_KEYS);
    VrrpState primaryState = state.enumValue("primary", VrrpState.class, nopreempt ? VrrpState.BACKUP : VrrpState.MASTER);
    VrrpState secondaryState = state.enumValue("secondary", VrrpState.class, VrrpState.BACKUP);

    SectionReader inherited = reader(YamlMap.merge(vrrpBase, i.map()), i.path());
    int preemptDelay = inherited.integer("preempt_delay", 0, 1000, 0);
    GarpSpec garp = bindGarp(inherited.section("garp"));
    if (i.map().get("garp") instanceof YamlMap g) {
      SectionReader.of(g, problems, context).allowOnly(GARP_KEYS);
    }
    if (i.map().get("authentication") instanceof YamlMap a) {
      SectionReader.of(a, problems, context).allowOnly(AUTH_KEYS);
    }
    List<TrackInterfaceSpec> trackInterfaces = bindTrackInterfaces(i);
    List<String> trackScripts = checkScriptRefs(i, "track_scripts", scripts);
    List<VirtualRouteSpec> routes = bindVirtualRoutes(i);
    NotifySpec notify = bindNotify(i);

    // Per-node settings: the node's inherited vrrp map, with the instance's own values on top.
    Map<NodeRole, InstanceNodeSettings> settings = new EnumMap<>(NodeRole.class);
    for (NodeRole role : NodeRole.values()) {
      YamlMap base = nodeVrrp.getOrDefault(role, vrrpBase);
      SectionReader v = reader(YamlMap.merge(base, i.map()), i.path());
      int prio = role == NodeRole.PRIMARY ? primaryPriority : secondaryPriority;
      VrrpState st = role == NodeRole.PRIMARY ? primaryState : secondaryState;
      settings.put(role, new InstanceNodeSettings(prio, st, advertInt(v, i), version(v, i), auth(v, i)));
    }

    if (nodes == null || iface == null) {
      bindTransport(i, iface, nodes); // still check its shape
      return null;
    }
    boolean interfacesOk = true;
    for (NodeRole role : NodeRole.values()) {
      NodeSpec node = nodes.of(role);
      if (!node.interfaces().containsKey(iface)) {
        interfacesOk = false;
        i.problem("interface", "vrrp.interface-missing",
            "node " + node.name() + " has no address for interface `" + iface + "` under `interfaces`",
            "add `" + iface + ": ADDRESS/PREFIX` (the node's own address there) to " + node.path() + ".interfaces");
      }
    }
    String seg = segment.orElseGet(() -> nodes.primary().address(iface).map(InterfaceAddress::network).orElse(iface));
    VrrpTransport transport = bindTransport(i, iface, nodes);
    if (!interfacesOk || name == null || vrid == null || transport == null) {
      return null;
    }
    return new VrrpInstanceSpec(name, iface, vrid, seg, vips,
        new PerNode<>(settings.get(NodeRole.PRIMARY), settings.get(NodeRole.SECONDARY)),
        transport, nopreempt, preemptDelay, garp, trackInterfaces, trackScripts, routes, notify, i.path());
  }

  private Sourced<BigDecimal> advertInt(SectionReader v, SectionReader instance) {
    String path = v.has("advert_int") ? v.pathOf("advert_int") : instance.pathOf("advert_int");
    BigDecimal value = v.decimal("advert_int").orElse(BigDecimal.ONE);
    return new Sourced<>(value, path);
  }

  private Sourced<Integer> version(SectionReader v, SectionReader instance) {
    String path = v.has("version") ? v.pathOf("version") : instance.pathOf("version");
    YamlNode node = v.node("version");
    Integer value = node == null ? null : v.integerOf(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (value != null && value != 2 && value != 3) {
      problems.add(path, "vrrp.version", "VRRP version " + value + " does not exist", "use 2 or 3");
      value = null;
    }
    return new Sourced<>(value == null ? 2 : value, path);
  }

  private Sourced<Optional<VrrpAuth>> auth(SectionReader v, SectionReader instance) {
    YamlNode node = v.node("authentication");
    if (node == null) {
      return new Sourced<>(Optional.empty(), instance.pathOf("authentication"));
    }
    if (v.isWord(node, "none")) {
      return new Sourced<>(Optional.empty(), node.path());
    }
    if (!(node instanceof YamlMap)) {
      v.wrongType(node, "a map with `type` and `password`, or `none`");
      return new Sourced<>(Optional.empty(), node.path());
    }
    SectionReader a = v.sectionOf(node);
    AuthType type = a.enumValue("type", AuthType.class, AuthType.PASS);
    Secret password = a.requiredSecret("password");
    // Its length is VrrpRules' (it depends on nothing else); here what it holds. Never the value.
    if (password != null && password.reveal().length() <= VrrpRules.MAX_AUTH_PASS
        && io.haprovision.keepalived.KeepalivedSyntax.passwordProblem(password.reveal()).isPresent()) {
      a.problem("password", "vrrp.auth-characters", "the VRRP password (from " + password.origin() + ") holds a"
              + " blank, a quote, a backslash, a brace, # or ! or a control character such as a newline",
          "choose a password of printable characters without those");
    }
    return new Sourced<>(password == null ? Optional.empty() : Optional.of(new VrrpAuth(type, password)), node.path());
  }

  private GarpSpec bindGarp(SectionReader g) {
    return new GarpSpec(g.optionalInteger("master_delay", 0, 1000), g.optionalInteger("master_repeat", 0, 1000),
        g.optionalInteger("master_refresh", 0, 100000));
  }

  /** The instance's VIPs; {@code required}: absent or empty {@code vips} is a problem (see {@link Target#requiresVips()}). */
  private List<VipSpec> bindVips(SectionReader i, String iface, boolean required) {
    if (!i.has("vips")) {
      if (required) {
        i.require("vips", "a list of virtual addresses with prefix");
      }
      return List.of();
    }
    List<YamlNode> items = i.list("vips");
    if (required && items.isEmpty() && i.node("vips") instanceof YamlList) {
      i.problem("vips", "vrrp.vips-empty", "`vips` is empty", "list at least one virtual address with its prefix");
    }
    List<VipSpec> out = new ArrayList<>();
    for (YamlNode item : items) {
      YamlNode addressNode;
      Optional<String> device = Optional.empty();
      Optional<String> label = Optional.empty();
      if (item instanceof YamlMap m) {
        SectionReader v = SectionReader.of(m, problems, context);
        v.allowOnly(VIP_KEYS);
        addressNode = v.node("address");
        if (addressNode == null) {
          v.require("address", "the virtual address with its prefix");
          continue;
        }
        device = v.optionalString("device");
        label = v.optionalString("label");
        device.ifPresent(d -> interfaceName(v, "device", d, "VIP device"));
        label.ifPresent(l -> interfaceName(v, "label", l, "VIP label"));
        String dev = device.orElse(iface);
        if (label.isPresent() && dev != null) {
          String l = label.get();
          if (!l.startsWith(dev + ":") || l.length() > MAX_IFNAME) {
            v.problem("label", "vrrp.vip-label", "label `" + l + "` is not valid for device " + dev,
                "Linux wants `" + dev + ":NAME`, at most " + MAX_IFNAME + " characters in all");
          }
        }
      } else {
        addressNode = item;
      }
      String text = i.stringOf(addressNode);
      if (text == null) {
        continue;
      }
      String trimmed = text.trim();
      if (!trimmed.contains("/") && com.google.common.net.InetAddresses.isInetAddress(trimmed)) {
        problems.add(addressNode.path(), "vrrp.vip-no-prefix",
            "VIP " + trimmed + " has no prefix length (keepalived would add it as a /32 with no route)",
            "write it with the prefix of its network, such as " + trimmed + "/24");
        continue;
      }
      InterfaceAddress parsed = i.cidrOf(addressNode);
      if (parsed != null) {
        out.add(new VipSpec(parsed.address(), parsed.prefix(), device, label, item.path()));
      }
    }
    return out;
  }

  private List<TrackInterfaceSpec> bindTrackInterfaces(SectionReader i) {
    List<TrackInterfaceSpec> out = new ArrayList<>();
    for (YamlNode item : i.list("track_interfaces")) {
      if (item instanceof YamlMap m) {
        SectionReader t = SectionReader.of(m, problems, context);
        t.allowOnly("interface", "weight");
        String iface = t.string("interface");
        interfaceName(t, "interface", iface, "tracked interface");
        Optional<Integer> weight = t.optionalInteger("weight", -254, 254);
        if (iface != null) {
          out.add(new TrackInterfaceSpec(iface, weight));
        }
      } else {
        String iface = i.stringOf(item);
        if (iface != null && !isKeepalivedName(iface)) {
          problems.add(item.path(), "vrrp.name-format", "tracked interface `" + printable(iface) + "` is not allowed",
              NAME_FIX);
        }
        if (iface != null) {
          out.add(new TrackInterfaceSpec(iface, Optional.empty()));
        }
      }
    }
    return out;
  }

  private List<VirtualRouteSpec> bindVirtualRoutes(SectionReader i) {
    List<VirtualRouteSpec> out = new ArrayList<>();
    for (SectionReader r : i.sections("virtual_routes")) {
      r.allowOnly("to", "via", "dev", "src");
      InterfaceAddress to = r.cidr("to");
      Optional<String> via = r.optionalIpAddress("via");
      Optional<String> dev = r.optionalString("dev");
      dev.ifPresent(d -> interfaceName(r, "dev", d, "route device"));
      Optional<String> src = r.optionalIpAddress("src");
      if (to != null) {
        out.add(new VirtualRouteSpec(to.network(), via, dev, src));
      }
    }
    return out;
  }

  /** Unicast (resolved for both nodes) or multicast; null when it cannot be resolved (reported). */
  private VrrpTransport bindTransport(SectionReader i, String iface, PerNode<NodeSpec> nodes) {
    if (i.has("unicast") && i.has("multicast")) {
      i.problem("multicast", "vrrp.transport-conflict", "an instance has either `unicast` or `multicast`, not both",
          "remove one of them");
    }
    if (i.has("unicast")) {
      YamlNode u = i.node("unicast");
      if (u instanceof YamlScalar) {
        Boolean on = i.boolOf(u);
        if (on == null) {
          return null;
        }
        if (on) {
          return resolveUnicast(i, iface, nodes, null);
        }
        return Multicast.standard();
      }
      if (u instanceof YamlMap m) {
        return resolveUnicast(i, iface, nodes, SectionReader.of(m, problems, context));
      }
      i.wrongType(u, "true, or a map with `source` and `peers`");
      return null;
    }
    SectionReader m = i.section("multicast");
    m.allowOnly("group");
    if (!m.has("group")) {
      return Multicast.standard();
    }
    String group = m.ipAddress("group");
    if (group == null) {
      return null;
    }
    java.net.InetAddress addr = com.google.common.net.InetAddresses.forString(group);
    if (!addr.isMulticastAddress()) {
      m.problem("group", "vrrp.multicast-group", group + " is not a multicast address",
          "use 224.0.0.18 (the VRRP group) or another address in 224.0.0.0/4 (ff02::12 for IPv6)");
      return null;
    }
    return new Multicast(group);
  }

  private Unicast resolveUnicast(SectionReader i, String iface, PerNode<NodeSpec> nodes, SectionReader explicit) {
    Map<NodeRole, String> sources = new EnumMap<>(NodeRole.class);
    Map<NodeRole, List<String>> peers = new EnumMap<>(NodeRole.class);
    if (explicit != null) {
      explicit.allowOnly("source", "peers");
      SectionReader src = explicit.section("source");
      src.allowOnly(ROLE_KEYS);
      SectionReader prs = explicit.section("peers");
      prs.allowOnly(ROLE_KEYS);
      for (NodeRole role : NodeRole.values()) {
        src.optionalIpAddress(role.yamlName()).ifPresent(s -> sources.put(role, s));
        if (prs.map().has(role.yamlName())) { // even `primary:` with nothing: an empty list
          List<String> list = new ArrayList<>();
          List<YamlNode> items = prs.oneOrMany(role.yamlName(), "an IP address");
          for (YamlNode item : items) {
            String ip = prs.ipAddressOf(item);
            if (ip != null) {
              list.add(ip);
            }
          }
          peers.put(role, list);
        }
      }
    }
    if (nodes == null || iface == null) {
      return null;
    }
    // What is not given comes from the nodes' own addresses on the instance's interface.
    for (NodeRole role : NodeRole.values()) {
      if (!sources.containsKey(role)) {
        Optional<InterfaceAddress> own = nodes.of(role).address(iface);
        if (own.isEmpty()) {
          return null; // vrrp.interface-missing is reported by the rules
        }
        sources.put(role, own.get().address());
      }
    }
    for (NodeRole role : NodeRole.values()) {
      peers.computeIfAbsent(role, r -> List.of(sources.get(r.other())));
    }
    return new Unicast(new PerNode<>(sources.get(NodeRole.PRIMARY), sources.get(NodeRole.SECONDARY)),
        new PerNode<>(peers.get(NodeRole.PRIMARY), peers.get(NodeRole.SECONDARY)));
  }

  // ---- helpers -------------------------------------------------------------------------

  private static YamlMap mapOf(SectionReader section) {
    return section.present() ? section.map() : null;
  }

  private SectionReader reader(YamlMap map, String absentPath) {
    return map == null ? SectionReader.empty(absentPath, problems, context)
        : SectionReader.inherited(map, problems, context);
  }
}
