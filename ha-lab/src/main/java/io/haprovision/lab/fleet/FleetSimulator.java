package io.haprovision.lab.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.haprovision.lab.ssh.AuthorizedKeyAuth;
import io.haprovision.lab.ssh.ExecCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A fleet of simulated pairs in this process: one Apache MINA SSHD server listening on port
 * {@value #PORT} of one loopback address per node (the primary of pair {@code k} on
 * {@code 127.77.(k/256).(k%256)}, the secondary on {@code 127.78...}), public-key login with a
 * key it generates, and every exec answered by {@link ProbeReplay} for the node the client
 * connected to. It writes the fleet's inventory (the recorded pair's entry, renamed per pair),
 * client key and known_hosts under its directory.
 */
public final class FleetSimulator implements AutoCloseable {
  /** The port every simulated node listens on. */
  public static final int PORT = 2222;

  private final FleetRecording recording;
  private final int pairs;
  private final Path dir;
  private final ProbeReplay replay;
  private final List<Renaming> renamings = new ArrayList<>();
  private final AtomicLong execs = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final ExecutorService answers = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "fleet-answer");
    t.setDaemon(true);
    return t;
  });
  private final SshServer server;

  private FleetSimulator(FleetRecording recording, int pairs, Path dir) throws IOException {
    if (pairs < 1 || pairs > Renaming.MAX_PAIRS) {
      throw new IllegalArgumentException("a fleet has 1.." + Renaming.MAX_PAIRS + " pairs, not " + pairs);
    }
    if (recording.nodes().size() != 2) {
      throw new IllegalArgumentException("the recording has " + recording.nodes().size() + " nodes, not 2");
    }
    this.recording = recording;
    this.pairs = pairs;
    this.dir = dir;
    this.replay = new ProbeReplay(recording);
    for (int k = 1; k <= pairs; k++) {
      renamings.add(Renaming.of(recording, k));
    }
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path identity = keys.resolve("id_ed25519");
    Files.deleteIfExists(identity);
    Files.deleteIfExists(keys.resolve("id_ed25519.pub"));
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ha-provision-fleet",
        "-f", identity.toString()).redirectErrorStream(true).start();
    String keygenOutput = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (keygen.waitFor() != 0) {
        throw new IOException("ssh-keygen failed: " + keygenOutput.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating the fleet's key", e);
    }
    byte[] authorized = Base64.getDecoder().decode(
        Files.readString(keys.resolve("id_ed25519.pub")).strip().split("\\s+")[1]);
    KeyPair hostKey;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      hostKey = generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot generate the fleet's host key", e);
    }
    List<String> hosts = new ArrayList<>();
    StringBuilder knownHosts = new StringBuilder();
    String publicKey = PublicKeyEntry.toString(hostKey.getPublic());
    for (int k = 1; k <= pairs; k++) {
      for (int i = 0; i < 2; i++) {
        hosts.add(address(k, i));
        knownHosts.append('[').append(address(k, i)).append("]:").append(PORT).append(' ').append(publicKey).append('\n');
      }
    }
    Files.writeString(keys.resolve("known_hosts"), knownHosts.toString());
    writeInventory(identity, keys.resolve("known_hosts"));

    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(String.join(",", hosts));
    sshd.setPort(PORT);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setUserAuthFactories(List.of(AuthorizedKeyAuth.factory((user, blob) -> Arrays.equals(blob, authorized))));
    sshd.setCommandFactory((channel, command) -> new ReplayCommand(command));
    sshd.start();
    this.server = sshd;
  }

  /**
   * Starts a fleet of {@code pairs} pairs answering from {@code recording}, its files under
   * {@code dir} ({@code fleet.yml}, {@code keys/}).
   */
  public static FleetSimulator start(FleetRecording recording, int pairs, Path dir) throws IOException {
    return new FleetSimulator(recording, pairs, dir);
  }

  /** The address of node {@code index} (0 primary, 1 secondary) of simulated pair {@code k}. */
  public static String address(int k, int index) {
    return "127." + (77 + index) + "." + (k >> 8) + "." + (k & 255);
  }

  /** The fleet's inventory. */
  public Path inventory() {
    return dir.resolve("fleet.yml");
  }

  /** How many pairs it simulates. */
  public int pairs() {
    return pairs;
  }

  /** Commands answered so far, refused ones included. */
  public long execs() {
    return execs.get();
  }

  /** Commands refused so far (not the recorded probe). */
  public long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      // going away either way
    }
    answers.shutdownNow();
  }

  private void writeInventory(Path identity, Path knownHosts) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode root = yaml.createObjectNode();
    root.put("version", 1);
    ObjectNode defaults = recording.inventory().path("defaults").isObject()
        ? ((ObjectNode) recording.inventory().get("defaults")).deepCopy() : yaml.createObjectNode();
    ObjectNode ssh = defaults.with("ssh");
    ssh.put("port", PORT);
    ssh.put("identity_file", identity.toString());
    ssh.put("known_hosts", knownHosts.toString());
    ssh.put("host_key_policy", "strict");
    root.set("defaults", defaults);
    ArrayNode list = root.putArray("pairs");
    for (int k = 1; k <= pairs; k++) {
      Renaming renaming = renamings.get(k - 1);
      ObjectNode pair = (ObjectNode) renamed(recording.inventory().get("pair"), renaming);
      // Nothing in the fleet answers a probe host: verify is not what a fleet measures.
      pair.remove("verify");
      int i = 0;
      for (JsonNode node : pair.path("nodes")) {
        ObjectNode n = (ObjectNode) node;
        n.put("host", address(k, i++));
        n.remove("ssh");
        n.remove("port");
      }
      list.add(pair);
    }
    Files.writeString(dir.resolve("fleet.yml"), "# Inventory of a simulated fleet of " + pairs
        + " pairs (ha-provision FleetSimulator), " + recording.source() + "\n" + yaml.writeValueAsString(root));
  }

  private static JsonNode renamed(JsonNode node, Renaming renaming) {
    if (node.isTextual()) {
      return TextNode.valueOf(renaming.toVirtual(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode out = ((ObjectNode) node).objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.set(f.getKey(), renamed(f.getValue(), renaming));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = ((ArrayNode) node).arrayNode();
      node.forEach(e -> out.add(renamed(e, renaming)));
      return out;
    }
    return node.deepCopy();
  }

  /** One exec: reads stdin to its end, then answers for the node whose address was dialled. */
  private final class ReplayCommand extends ExecCommand {
    ReplayCommand(String command) {
      super(command);
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      SocketAddress local = channel.getSession().getIoSession().getLocalAddress();
      answers.submit(() -> run(local));
    }

    private void run(SocketAddress local) {
      int status = ProbeReplay.REFUSED;
      try {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        in.transferTo(stdin);
        ProbeReplay.Answer a = answerFor(local, stdin.toString(StandardCharsets.UTF_8));
        execs.incrementAndGet();
        if (a.exit() == ProbeReplay.REFUSED) {
          refused.incrementAndGet();
        }
        out.write(a.stdout().getBytes(StandardCharsets.UTF_8));
        out.flush();
        err.write(a.stderr().getBytes(StandardCharsets.UTF_8));
        err.flush();
        status = a.exit();
      } catch (IOException | RuntimeException e) {
        // the client went away or the answer failed: the exit status says so
      }
      exit.onExit(status);
    }

    private ProbeReplay.Answer answerFor(SocketAddress local, String stdin) {
      InetAddress a = ((InetSocketAddress) local).getAddress();
      byte[] b = a.getAddress();
      int index = (b[1] & 0xff) - 77;
      int k = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      if (b[0] != 127 || index < 0 || index > 1 || k < 1 || k > pairs) {
        return new ProbeReplay.Answer("", "ha-provision fleet simulator: no node at " + a.getHostAddress() + "\n",
            ProbeReplay.REFUSED);
      }
      return replay.answer(index, renamings.get(k - 1), command, stdin);
    }

  }
}
