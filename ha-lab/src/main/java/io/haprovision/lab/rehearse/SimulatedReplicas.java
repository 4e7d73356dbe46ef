package io.haprovision.lab.rehearse;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import io.haprovision.engine.LiveCopy;
import io.haprovision.inventory.HostKeyPolicy;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.inventory.VerifySpec;
import io.haprovision.lab.routeros.RouterOsDialect;
import io.haprovision.lab.routeros.RouterOsLab;
import io.haprovision.lab.routeros.SimulatedRouter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replicas of RouterOS routers: one simulated pair ({@link RouterOsLab}) per rehearsed pair, in
 * this process, of the version and port count the real routers have, seeded by running each
 * line of their export at the simulated console (lines the simulator does not model are listed,
 * not hidden). Reached over SSH on loopback with a key made for the rehearsal. They end with the
 * rehearsal: a simulator cannot be kept.
 */
final class SimulatedReplicas implements Replicas {
  private static final Pattern VERSION = Pattern.compile("(?m)^# ha-provision-copy routeros (\\S+)");
  private static final Pattern ETHER = Pattern.compile("(?m)^# ha-provision-copy ether (\\S+) (\\S+)");
  private static final int MOST_LINES_LISTED = 5;

  private final List<RouterOsLab> labs;
  private final Path keys;
  private final Path identity;
  private final Path knownHosts;

  private SimulatedReplicas(List<RouterOsLab> labs, Path keys) {
    this.labs = labs;
    this.keys = keys;
    this.identity = keys.resolve("id_ed25519");
    this.knownHosts = keys.resolve("known_hosts");
  }

  /**
   * Starts one simulated pair per pair: its version from the primary's copy, as many ethernet
   * ports as the routers have, the inventory's SSH user, a key made here.
   */
  static SimulatedReplicas start(List<PairSpec> pairs, List<LiveCopy> copies) {
    Path keys;
    try {
      keys = Files.createTempDirectory("ha-provision-rehearse-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for the rehearsal's SSH key", e);
    }
    List<RouterOsLab> labs = new ArrayList<>();
    SimulatedReplicas replicas = new SimulatedReplicas(labs, keys);
    try {
      String publicKey = makeKey(replicas.identity);
      StringBuilder known = new StringBuilder();
      for (PairSpec pair : pairs) {
        String copy = copyOf(copies, pair, pair.primary().name());
        String version = find(VERSION, copy).orElse("7.12.1");
        int ports = 1;
        Matcher m = ETHER.matcher(copy);
        while (m.find()) {
          if (m.group(1).matches("ether[0-9]+")) {
            ports = Math.max(ports, Integer.parseInt(m.group(1).substring(5)));
          }
        }
        RouterOsLab lab = RouterOsLab.start(RouterOsLab.Spec.of(version.startsWith("6") ? RouterOsDialect.V6
            : RouterOsDialect.V7, version).pair(pair.name()).user(pair.primary().ssh().user())
            .authorizedKey(publicKey).etherCount(Math.min(64, ports)));
        labs.add(lab);
        known.append(lab.a().knownHostsLine()).append('\n').append(lab.b().knownHostsLine()).append('\n');
      }
      Files.writeString(replicas.knownHosts, known.toString());
      return replicas;
    } catch (IOException | RuntimeException e) {
      replicas.close();
      throw e instanceof IOException io ? new UncheckedIOException("cannot start the simulated replicas", io)
          : (RuntimeException) e;
    }
  }

  @Override
  public String id() {
    return "simulated RouterOS routers in this process";
  }

  @Override
  public boolean canBeKept() {
    return false;
  }

  @Override
  public ReplicaMap map(int index, PairSpec pair, List<LiveCopy> copies, List<String> texts) {
    HardwareMap map = new HardwareMap();
    for (NodeSpec node : pair.nodes()) {
      SimulatedRouter router = router(index, pair, node);
      Map<String, String> simulated = router.hardwareAddresses();
      Matcher m = ETHER.matcher(copyOf(copies, pair, node.name()));
      while (m.find()) {
        String mine = simulated.get(m.group(1));
        if (mine != null) {
          map.add(node.name(), m.group(1), m.group(2), mine);
        }
      }
    }
    return map;
  }

  @Override
  public PairSpec reach(int index, PairSpec p) {
    List<NodeSpec> nodes = new ArrayList<>();
    for (NodeSpec n : p.nodes()) {
      SimulatedRouter router = router(index, p, n);
      nodes.add(new NodeSpec(n.name(), n.role(), router.host(), new SshSpec(router.user(), router.port(),
          Optional.of(identity), false, Optional.empty(), Optional.of(knownHosts), HostKeyPolicy.STRICT,
          n.ssh().connectTimeout(), n.ssh().commandTimeout(), false), n.interfaces(), n.path()));
    }
    VerifySpec verify = new VerifySpec(Optional.empty(), p.verify().keepalivedRunning(), p.verify().singleMaster(),
        p.verify().vipAnswers(), p.verify().pingCount());
    return new PairSpec(p.name(), p.platform(), nodes, p.vrrp(), p.platformSection(), p.path(), verify, p.rollout());
  }

  @Override
  public List<String> seed(int index, PairSpec replica, ReplicaMap map, List<LiveCopy> copies) {
    List<String> notes = new ArrayList<>();
    for (NodeSpec node : replica.nodes()) {
      SimulatedRouter router = router(index, replica, node);
      List<String> refused = new ArrayList<>();
      int lines = 0;
      for (String line : copyOf(copies, replica, node.name()).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        lines++;
        String out = router.console(map.apply(line));
        if (!out.isBlank()) {
          refused.add(menuOf(line) + ": " + out.strip().lines().findFirst().orElse(""));
        }
      }
      if (!refused.isEmpty()) {
        notes.add(node.name() + ": " + refused.size() + " of " + lines + " exported lines are not modelled by the "
            + "simulator and were left out (" + String.join("; ", refused.subList(0, Math.min(MOST_LINES_LISTED,
            refused.size()))) + (refused.size() > MOST_LINES_LISTED ? "; ..." : "") + ")");
      }
    }
    return notes;
  }

  @Override
  public Optional<ClientPing> ping(int index, PairSpec replica) {
    return Optional.empty();
  }

  @Override
  public String retarget(int index, String yaml) {
    return yaml;
  }

  @Override
  public void close() {
    labs.forEach(RouterOsLab::close);
    try (var files = Files.list(keys)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(keys);
    } catch (IOException e) {
      // a temporary folder left behind holds only a key the closed simulators accepted
    }
  }

  private SimulatedRouter router(int index, PairSpec pair, NodeSpec node) {
    RouterOsLab lab = labs.get(index);
    return node.role() == pair.primary().role() ? lab.a() : lab.b();
  }

  /** The menu a line is in, for saying what was left out without printing its values (secrets). */
  private static String menuOf(String line) {
    String[] words = line.strip().split("\\s+");
    StringBuilder menu = new StringBuilder();
    for (String w : words) {
      if (w.contains("=") || w.startsWith("[")) {
        break;
      }
      menu.append(menu.length() == 0 ? "" : " ").append(w);
    }
    return menu.toString();
  }

  private static String copyOf(List<LiveCopy> copies, PairSpec pair, String node) {
    return copies.stream().filter(c -> c.pair().equals(pair.name()) && c.node().equals(node)).findFirst()
        .flatMap(LiveCopy::configuration).orElse("");
  }

  private static Optional<String> find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String makeKey(Path identity) throws IOException {
    try {
      KeyPair key = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
      ByteArrayOutputStream pub = new ByteArrayOutputStream();
      key.writePublicKey(pub, "ha-provision-rehearse");
      ByteArrayOutputStream prv = new ByteArrayOutputStream();
      key.writeOpenSSHv1PrivateKey(prv, null);
      key.dispose();
      Files.write(identity, prv.toByteArray());
      Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
      return pub.toString(StandardCharsets.UTF_8).strip();
    } catch (JSchException e) {
      throw new IOException("cannot make an SSH key: " + e.getMessage(), e);
    }
  }
}
