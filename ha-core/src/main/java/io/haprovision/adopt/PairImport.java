package io.haprovision.adopt;

import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.InventoryText.Sequence;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.KeepalivedAdoption.SecretVariable;
import io.haprovision.error.TargetException;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.PlatformImporter;
import io.haprovision.spi.Target;
import io.haprovision.spi.Targets;
import io.haprovision.transport.Connection;
import io.haprovision.transport.HostKeyPolicy;
import io.haprovision.transport.SshAuth;
import io.haprovision.transport.SshEndpoint;
import io.haprovision.transport.SshTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code provision import}: connects to both nodes of a hand-built pair, has the platform's
 * {@link PlatformImporter} read them (read-only) and writes the commented inventory. The
 * engine of the command and of {@code Provisioner.importPair}.
 */
public final class PairImport {
  private static final Pattern NODE = Pattern.compile("([a-z0-9][a-z0-9-]*)=(?:([^@\\s]+)@)?(\\[[^\\]]+\\]|[^:@\\s]+)(?::([0-9]{1,5}))?");

  private PairImport() {}

  /**
   * One node to read.
   *
   * @param name its name in the inventory
   * @param user the SSH user
   * @param host its address
   * @param port the SSH port
   */
  public record ImportNode(String name, String user, String host, int port) {
    /** Checks the fields. */
    public ImportNode {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " of node " + name + " is not 1..65535");
      }
    }

    /**
     * Parses {@code NAME=USER@HOST[:PORT]} (user default root, port 22).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static ImportNode parse(String text) {
      Matcher m = NODE.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("--node " + text + ": write NAME=USER@HOST[:PORT], such as"
            + " gw-a=root@192.0.2.2 (NAME: lower-case letters, digits and -)");
      }
      String host = m.group(3).startsWith("[") ? m.group(3).substring(1, m.group(3).length() - 1) : m.group(3);
      return new ImportNode(m.group(1), m.group(2) == null ? "root" : m.group(2), host,
          m.group(4) == null ? 22 : Integer.parseInt(m.group(4)));
    }
  }

  /**
   * What to import.
   *
   * @param platform the platform's name
   * @param pair the pair's name in the inventory
   * @param nodes exactly two nodes
   * @param identity the private key to log in with (else what ssh would use)
   * @param knownHosts the known_hosts file (else ~/.ssh/known_hosts)
   * @param hostKeyPolicy {@code strict} refuses unknown hosts; {@code accept-new} trusts them on first use
   */
  public record ImportRequest(String platform, String pair, List<ImportNode> nodes, Optional<Path> identity,
      Optional<Path> knownHosts, HostKeyPolicy hostKeyPolicy) {
    /** Checks there are two distinct nodes. */
    public ImportRequest {
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(pair, "pair");
      nodes = List.copyOf(nodes);
      if (nodes.size() != 2 || nodes.get(0).name().equals(nodes.get(1).name())) {
        throw new IllegalArgumentException("import reads one pair: give --node twice, with two different names");
      }
      if (!pair.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("pair name " + pair + ": use lower-case letters, digits and -");
      }
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(knownHosts, "knownHosts");
      Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    }
  }

  /**
   * The result.
   *
   * @param inventory the inventory text (YAML with comments)
   * @param notes what could not be expressed and the choices made
   * @param secrets the environment variables to set before validate
   * @param primary the node made primary
   * @param secondary the other one
   */
  public record ImportedPair(String inventory, List<Note> notes, List<SecretVariable> secrets, String primary,
      String secondary) {
    /** Copies the lists. */
    public ImportedPair {
      notes = List.copyOf(notes);
      secrets = List.copyOf(secrets);
    }

    /**
     * The inventory as records, loaded and validated as {@code provision validate} would, with
     * {@link #secrets()}' variables taken from {@code environment}.
     *
     * @throws io.haprovision.error.InventoryException listing every problem, as validate does
     */
    public io.haprovision.inventory.Inventory load(Targets targets, Map<String, String> environment) {
      return new io.haprovision.inventory.InventoryLoader().withTargets(targets).withEnvironment(environment)
          .load(inventory, "<import of " + primary + " and " + secondary + ">", Path.of("."));
    }
  }

  /**
   * Connects to both nodes, reads them and writes the inventory.
   *
   * @throws IllegalArgumentException for a platform that is not installed or cannot import
   * @throws TargetException when a node cannot be reached or read
   */
  public static ImportedPair run(Targets targets, ImportRequest request, Consumer<String> progress) {
    Target target = targets.find(request.platform()).orElseThrow(() -> new IllegalArgumentException(
        "no platform " + request.platform() + "; installed: " + String.join(", ",
            targets.all().stream().map(Target::platform).toList())));
    PlatformImporter importer = target.importer().orElseThrow(() -> new IllegalArgumentException(
        "platform " + request.platform() + " cannot import a pair yet"));
    SshTransport transport = new SshTransport();
    List<NodeContext> nodes = new ArrayList<>();
    try {
      for (ImportNode n : request.nodes()) {
        SshAuth auth = request.identity().map(SshAuth::ofIdentityFile).orElseGet(PairImport::defaultAuth);
        SshEndpoint e = new SshEndpoint(n.host(), n.port(), n.user(), auth,
            request.knownHosts().orElseGet(SshEndpoint::defaultKnownHosts), request.hostKeyPolicy(),
            SshEndpoint.DEFAULT_CONNECT_TIMEOUT, SshEndpoint.DEFAULT_COMMAND_TIMEOUT, false);
        progress.accept(n.name() + ": connecting to " + e.target());
        Connection c = transport.open(e);
        nodes.add(new NodeContext(request.pair(), n.name(), c));
      }
      PlatformImporter.Reading r = importer.read(new PlatformImporter.Context(request.pair(), nodes, progress));
      return new ImportedPair(write(request, r), r.notes(), r.secrets(), r.primary(), r.secondary());
    } finally {
      nodes.forEach(n -> n.connection().close());
    }
  }

  /** What ssh would log in with, as for an inventory node that names no key. */
  private static SshAuth defaultAuth() {
    Path dir = Path.of(System.getProperty("user.home"), ".ssh");
    for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
      if (java.nio.file.Files.isReadable(dir.resolve(name))) {
        return SshAuth.ofIdentityFile(dir.resolve(name));
      }
    }
    return SshAuth.ofAgent();
  }

  /** The inventory of the pair read: SSH settings, both nodes, the VRRP and platform sections, the notes. */
  static String write(ImportRequest request, PlatformImporter.Reading r) {
    Map<String, ImportNode> byName = new LinkedHashMap<>();
    request.nodes().forEach(n -> byName.put(n.name(), n));
    List<String> header = new ArrayList<>();
    header.add("Imported by `provision import " + request.platform() + "` from " + r.primary() + " ("
        + target(byName.get(r.primary())) + ") and " + r.secondary() + " (" + target(byName.get(r.secondary()))
        + "), read-only.");
    header.add("Read it before anything else: `provision validate`, then `provision plan` shows what adopting the");
    header.add("pair would change on the routers (nothing is changed until `provision apply`).");
    if (!r.secrets().isEmpty()) {
      header.add("");
      header.add("Set before validate (values are never written here):");
      r.secrets().forEach(s -> header.add("  " + s.variable() + ": " + s.what()));
    }
    if (!r.notes().isEmpty()) {
      header.add("");
      header.add("What import could not express, or chose (the ones about a key are also written at it):");
      for (Note n : r.notes()) {
        header.add("  - " + n.where() + ": " + n.text());
      }
    }

    Mapping ssh = InventoryText.map().put("user", InventoryText.text(byName.get(r.primary()).user()));
    request.identity().ifPresent(p -> ssh.put("identity_file", InventoryText.text(p.toString())));
    request.knownHosts().ifPresent(p -> ssh.put("known_hosts", InventoryText.text(p.toString())));
    ssh.put("host_key_policy", InventoryText.text(request.hostKeyPolicy() == HostKeyPolicy.STRICT ? "strict"
        : "accept-new"));
    Mapping root = InventoryText.map().put("version", InventoryText.number(1))
        .put("defaults", InventoryText.map().put("ssh", ssh));
    Mapping pair = InventoryText.map().put("name", InventoryText.text(request.pair()))
        .put("platform", InventoryText.text(request.platform()));
    Sequence nodes = InventoryText.list();
    for (String name : List.of(r.primary(), r.secondary())) {
      ImportNode n = byName.get(name);
      Mapping node = InventoryText.map().put("name", InventoryText.text(name))
          .put("role", InventoryText.text(name.equals(r.primary()) ? "primary" : "secondary"))
          .put("host", InventoryText.text(n.host()));
      Mapping nodeSsh = InventoryText.map();
      if (n.port() != 22) {
        nodeSsh.put("port", InventoryText.number(n.port()));
      }
      if (!n.user().equals(byName.get(r.primary()).user())) {
        nodeSsh.put("user", InventoryText.text(n.user()));
      }
      if (!nodeSsh.isEmpty()) {
        node.put("ssh", nodeSsh);
      }
      Mapping ifaces = r.interfaces().getOrDefault(name, InventoryText.map());
      if (!ifaces.isEmpty()) {
        node.put("interfaces", ifaces);
      }
      nodes.add(node);
    }
    pair.put("nodes", nodes);
    r.vrrp().ifPresent(v -> pair.put("vrrp", v));
    pair.put(request.platform(), r.platformSection());
    root.put("pairs", InventoryText.list().add(pair));
    return InventoryText.render(header, root);
  }

  private static String target(ImportNode n) {
    return n.user() + "@" + n.host() + (n.port() == 22 ? "" : ":" + n.port());
  }
}
