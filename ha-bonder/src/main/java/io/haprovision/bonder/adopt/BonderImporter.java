package io.haprovision.bonder.adopt;

import io.haprovision.adopt.ConfNode;
import io.haprovision.adopt.InventoryText;
import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.InventoryText.Sequence;
import io.haprovision.adopt.KeepalivedAdoption;
import io.haprovision.adopt.KeepalivedAdoption.Adopted;
import io.haprovision.adopt.KeepalivedAdoption.NodeFiles;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.KeepalivedAdoption.SecretVariable;
import io.haprovision.adopt.KeepalivedConfReader;
import io.haprovision.bonder.BonderPaths;
import io.haprovision.engine.probe.AddressTable;
import io.haprovision.engine.probe.Framing;
import io.haprovision.engine.probe.ProbeSection;
import io.haprovision.error.TargetException;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.PlatformImporter;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a bonder pair built from Multapplied's swap-active-bond guide (api-examples,
 * swap-active-bond/README.md): /etc/keepalived/keepalived.conf (one instance on the private
 * link, priority 10 on the master bonder and 1..9 on the backup, a {@code chk_node} script,
 * {@code notify /usr/local/bin/swap-active-bond.py}) and /etc/bonding/swap-active-bond.conf (the
 * management server in {@code [bondingadmin]}, the bond and object ids in {@code [bond]}).
 * The password in that file is never read into the inventory: it becomes
 * {@code ${env:PAIR_API_PASSWORD}}.
 */
public final class BonderImporter implements PlatformImporter {
  /** Where the guide keeps the script's settings. */
  static final String SWAP_CONF = "/etc/bonding/swap-active-bond.conf";
  private static final String KEEPALIVED = "keepalived";
  private static final String ADDRESSES = "addresses";
  private static final String SWAP = "swap";
  private static final String HOOKS = "hooks";

  private record NodeRead(NodeContext node, List<ConfNode> conf, AddressTable addresses, Map<String, Map<String, String>> swap,
      List<String> hooks) {}

  @Override
  public Reading read(Context context) {
    List<NodeRead> reads = context.readEach("keepalived and swap-active-bond settings", BonderImporter::read);
    List<Note> notes = new ArrayList<>();
    // The guide's node check (its one vrrp_script) becomes bonder.track_command.
    java.util.Set<String> checks = new java.util.LinkedHashSet<>();
    nodeCheck(reads.get(0)).ifPresent(c -> checks.add(c.args().isEmpty() ? "" : c.args().get(0)));
    Adopted adopted = KeepalivedAdoption.adopt(context.pair(), files(reads.get(0)), files(reads.get(1)), checks);
    NodeRead p = reads.get(0).node().node().equals(adopted.primary()) ? reads.get(0) : reads.get(1);
    NodeRead s = p == reads.get(0) ? reads.get(1) : reads.get(0);
    List<SecretVariable> secrets = new ArrayList<>(adopted.secrets());
    Mapping vrrp = adopted.vrrp();
    notes.addAll(adopted.notes());
    if (!checks.isEmpty()) {
      notes.add(new Note("bonder.track_command", "vrrp_script " + String.join(", ", checks) + " becomes"
          + " bonder.track_command: ha-provision tracks it with its own script"));
    }
    Mapping section = InventoryText.map();
    Map<String, Map<String, String>> swap = p.swap().isEmpty() ? s.swap() : p.swap();
    if (swap.isEmpty()) {
      throw new TargetException(TargetException.Kind.FAILED, p.node().target(), SWAP_CONF + " is on neither bonder:"
          + " is this a pair built with swap-active-bond? ha-provision needs the bond and object ids it names");
    }
    if (!p.swap().equals(s.swap())) {
      notes.add(new Note("bonder", SWAP_CONF + " differs between the bonders (the guide copies it to both); "
          + (p.swap().isEmpty() ? s : p).node().node() + "'s is written"));
    }
    String variable = (context.pair() + "_API_PASSWORD").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    section.put("api", api(swap.getOrDefault("bondingadmin", Map.of()), variable, notes),
        List.of("from " + SWAP_CONF + " [bondingadmin]"), "");
    secrets.add(new SecretVariable(variable, "the passwd of [bondingadmin] in " + SWAP_CONF));
    Map<String, String> bond = swap.getOrDefault("bond", Map.of());
    section.put("bonds", InventoryText.map()
        .put("primary", bond(bond, "master", adopted.primary()))
        .put("secondary", bond(bond, "backup", adopted.secondary())),
        List.of("from " + SWAP_CONF + " [bond]: master_* follow " + adopted.primary() + ", backup_* "
            + adopted.secondary()), "");
    Optional<ConfNode> check = nodeCheck(p);
    check.flatMap(c -> c.value("script")).ifPresent(cmd -> section.put("track_command", InventoryText.text(cmd)));
    check.flatMap(c -> c.value("interval")).ifPresent(i -> section.put("track_interval",
        InventoryText.number(Long.parseLong(i))));
    boolean hook = !p.hooks().isEmpty() || !s.hooks().isEmpty();
    if (!hook) {
      section.put("keepalived_start", InventoryText.text("systemd"), List.of("systemd starts keepalived at boot, as"
          + " the guide sets it up; connected-ip-hook (keepalived only once the private IP exists) is safer: set it"
          + " with each bond's hook_connected_ip"), "");
    } else {
      notes.add(new Note("bonder.keepalived_start", "a bonding connected-IP hook for keepalived exists ("
          + String.join(", ", p.hooks()) + "): set keepalived_start: connected-ip-hook and each bond's"
          + " hook_connected_ip (the connected IP id on the private link); written as systemd until then"));
      section.put("keepalived_start", InventoryText.text("systemd"));
    }
    for (String command : adopted.notifyCommands()) {
      notes.add(new Note("vrrp.notify", "notify `" + command + "` is replaced by ha-provision's notify program ("
          + BonderPaths.NOTIFY_PROGRAM + "), which moves the same objects in the same order; once adopted, "
          + SWAP_CONF + " (it holds the API password in clear) and the script may be removed by hand"));
    }
    return new Reading(adopted.primary(), adopted.secondary(), adopted.interfaces(), Optional.of(vrrp), section,
        notes, secrets);
  }

  private static Optional<ConfNode> nodeCheck(NodeRead r) {
    return r.conf().stream().filter(c -> c.keyword().equals("vrrp_script")).findFirst();
  }

  private static Mapping api(Map<String, String> admin, String variable, List<Note> notes) {
    Mapping m = InventoryText.map();
    // The script puts host into https://HOST/api/...: a port may ride along (host:port).
    String host = admin.getOrDefault("host", "");
    java.util.regex.Matcher hp = java.util.regex.Pattern.compile("([^:\\[\\]]+):([0-9]{1,5})").matcher(host);
    m.put("host", InventoryText.text(hp.matches() ? hp.group(1) : host));
    if (hp.matches()) {
      m.put("port", InventoryText.number(Long.parseLong(hp.group(2))));
    }
    String user = admin.getOrDefault("user", "");
    m.put("user", InventoryText.text(user));
    m.put("password", InventoryText.env(variable));
    Optional.ofNullable(admin.get("verify_ssl")).ifPresent(v -> m.put("verify_tls",
        InventoryText.flag(!v.equalsIgnoreCase("false") && !v.equals("0") && !v.equalsIgnoreCase("no"))));
    seconds(admin.get("timeout")).ifPresent(v -> m.put("timeout", InventoryText.text(v)));
    Optional.ofNullable(admin.get("attempts")).filter(v -> v.matches("[0-9]+"))
        .ifPresent(v -> m.put("attempts", InventoryText.number(Long.parseLong(v))));
    seconds(admin.get("attempt_delay")).ifPresent(v -> m.put("attempt_delay", InventoryText.text(v)));
    // The guide's API calls speak v3; auto keeps them there while the server offers it.
    m.put("version", InventoryText.text("auto"));
    return m;
  }

  private static Optional<String> seconds(String value) {
    if (value == null || !value.matches("[0-9]+(\\.[0-9]+)?")) {
      return Optional.empty();
    }
    String v = new java.math.BigDecimal(value).stripTrailingZeros().toPlainString();
    return Optional.of(v + "s");
  }

  private static Mapping bond(Map<String, String> bond, String prefix, String node) {
    Mapping m = InventoryText.map();
    m.put("bond", InventoryText.number(Long.parseLong(bond.getOrDefault(prefix + "_bond_id", "0").strip())));
    for (String[] k : new String[][] {{"connected_ips", "_connected_ip_ids"}, {"routes", "_route_ids"},
        {"cpe_nat_ips", "_cpe_nat_ip_ids"}}) {
      List<String> ids = ids(bond.get(prefix + k[1]));
      if (!ids.isEmpty()) {
        Sequence s = InventoryText.list();
        ids.forEach(i -> s.add(InventoryText.number(Long.parseLong(i))));
        m.put(k[0], s);
      }
    }
    return m;
  }

  private static List<String> ids(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.split(",")) {
      if (part.strip().matches("[0-9]+")) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static NodeFiles files(NodeRead r) {
    return new NodeFiles(r.node().node(), r.conf(), r.addresses(), BonderPaths.KEEPALIVED_CONF);
  }

  private static NodeRead read(NodeContext n) {
    List<ProbeSection> sections = List.of(
        new ProbeSection(KEEPALIVED, "cat " + BonderPaths.KEEPALIVED_CONF + " 2>/dev/null\nexit 0\n"),
        new ProbeSection(ADDRESSES, "ip -o addr show\n"),
        // The settings without the passwd line: it is never read off the bonder.
        new ProbeSection(SWAP, "[ -r " + SWAP_CONF + " ] || exit 3\ngrep -v '^[[:space:]]*passwd' " + SWAP_CONF
            + "\nexit 0\n"),
        new ProbeSection(HOOKS, "grep -l keepalived /etc/bonding/connectedip.d/*/* 2>/dev/null\nexit 0\n"));
    String nonce = Framing.newNonce();
    ExecResult result = n.connection().exec(Framing.COMMAND,
        Framing.script(nonce, "", sections).getBytes(StandardCharsets.UTF_8));
    Map<String, ProbeOutput> out = Framing.parse(nonce, n.target(), sections.stream().map(ProbeSection::id).toList(),
        result);
    if (out.get(KEEPALIVED).stdout().isBlank()) {
      throw new TargetException(TargetException.Kind.FAILED, n.target(), BonderPaths.KEEPALIVED_CONF + " is empty or"
          + " missing: is this a bonder of a keepalived pair?");
    }
    List<ConfNode> conf;
    try {
      conf = KeepalivedConfReader.parse(out.get(KEEPALIVED).stdout());
    } catch (KeepalivedConfReader.SyntaxError e) {
      throw new TargetException(TargetException.Kind.FAILED, n.target(), BonderPaths.KEEPALIVED_CONF
          + " is not a file keepalived reads: " + e.getMessage());
    }
    return new NodeRead(n, conf, AddressTable.parse(out.get(ADDRESSES).stdout()),
        out.get(SWAP).exitCode() == 0 ? ini(out.get(SWAP).stdout()) : Map.of(),
        out.get(HOOKS).stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  /** The INI file Python's configparser reads: {@code [section]}, {@code key = value}, # and ; comments. */
  static Map<String, Map<String, String>> ini(String text) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = out.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (current != null && at > 0) {
        current.put(line.substring(0, at).strip().toLowerCase(Locale.ROOT), line.substring(at + 1).strip());
      }
    }
    return out;
  }
}
