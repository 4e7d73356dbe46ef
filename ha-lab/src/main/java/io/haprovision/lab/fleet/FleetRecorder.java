package io.haprovision.lab.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.haprovision.Provisioner;
import io.haprovision.engine.NodeConnector;
import io.haprovision.engine.NodeKey;
import io.haprovision.engine.SshNodeConnector;
import io.haprovision.plan.Plan;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.ShellQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Records a {@link FleetRecording} from one converged pair: plans it through the real engine
 * over SSH, keeping each node's facts probe and its answer, then reads the files whose hashes
 * the probe took. Refuses a pair whose plan has changes (the fleet must be a no-op to measure
 * one).
 */
public final class FleetRecorder {
  private FleetRecorder() {}

  /**
   * Records pair {@code pair} of {@code inventory}.
   *
   * @throws IllegalStateException when the pair is not converged (its plan has changes)
   */
  public static FleetRecording record(Path inventory, String pair) throws IOException {
    Map<NodeKey, Recorder> recorders = new ConcurrentHashMap<>();
    SshNodeConnector ssh = new SshNodeConnector();
    NodeConnector connector = (nodes, parallelism) -> {
      Map<NodeKey, Connection> out = new LinkedHashMap<>();
      ssh.openAll(nodes, parallelism).forEach((key, c) -> {
        Recorder r = new Recorder(c);
        recorders.put(key, r);
        out.put(key, r);
      });
      return out;
    };
    Plan plan = Provisioner.builder().inventory(inventory).limit(List.of(pair)).connector(connector).build().plan();
    try {
      if (plan.hasChanges()) {
        throw new IllegalStateException("pair " + pair + " of " + inventory + " is not converged (its plan has changes);"
            + " apply it first: a fleet replays a no-op");
      }
      JsonNode tree = new YAMLMapper().readTree(inventory.toFile());
      JsonNode pairNode = null;
      for (JsonNode p : tree.path("pairs")) {
        if (pair.equals(p.path("name").asText())) {
          pairNode = p;
        }
      }
      if (pairNode == null) {
        throw new IllegalArgumentException(inventory + " has no pair " + pair);
      }
      List<FleetRecording.RecordedNode> nodes = new ArrayList<>();
      for (JsonNode n : pairNode.path("nodes")) {
        String name = n.path("name").asText();
        Recorder r = recorders.get(new NodeKey(pair, name));
        if (r == null || r.first == null) {
          throw new IllegalStateException("node " + name + " of pair " + pair + " was not probed");
        }
        nodes.add(new FleetRecording.RecordedNode(name, r.firstCommand, r.firstScript, r.first.stdout(),
            r.first.stderr(), r.first.exitCode(), r.files(List.copyOf(ProbeReplay.hashedFiles(r.firstScript).values()))));
      }
      TreeSet<String> subnets = new TreeSet<>();
      Matcher m = Renaming.IPV4.matcher(pairNode.toString());
      while (m.find()) {
        if (!m.group(1).startsWith("127.")) {
          subnets.add(m.group(1));
        }
      }
      ObjectNode both = new YAMLMapper().createObjectNode();
      both.set("defaults", tree.path("defaults"));
      both.set("pair", pairNode);
      String source = "recorded by ha-provision FleetRecorder " + LocalDate.now() + " from pair " + pair + " of "
          + inventory.getFileName() + ": real facts-probe output of " + nodes.get(0).name() + " and "
          + nodes.get(1).name();
      return new FleetRecording(source, pair, pairNode.path("vrrp").path("sync_group").path("name").asText(""),
          List.copyOf(subnets), nodes, both);
    } finally {
      recorders.values().forEach(Recorder::closeForReal);
    }
  }

  /** A connection that keeps its first command and its answer, and stays open after the plan. */
  private static final class Recorder implements Connection {
    private final Connection real;
    private volatile String firstCommand;
    private volatile String firstScript;
    private volatile ExecResult first;

    Recorder(Connection real) {
      this.real = real;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
      ExecResult r = real.exec(command, stdin, timeout);
      synchronized (this) {
        if (first == null) {
          firstCommand = command;
          firstScript = new String(stdin, StandardCharsets.UTF_8);
          first = r;
        }
      }
      return r;
    }

    Map<String, String> files(List<String> paths) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String path : paths) {
        ExecResult r = real.exec("cat " + ShellQuote.quote(path));
        if (r.ok()) {
          out.put(path, r.stdout());
        }
      }
      return out;
    }

    @Override
    public String target() {
      return real.target();
    }

    @Override
    public Duration commandTimeout() {
      return real.commandTimeout();
    }

    @Override
    public long execCount() {
      return real.execCount();
    }

    @Override
    public void close() {
      // kept open until the recorder has read the files too
    }

    void closeForReal() {
      real.close();
    }
  }
}
