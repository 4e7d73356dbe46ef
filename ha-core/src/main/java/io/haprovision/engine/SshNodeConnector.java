package io.haprovision.engine;

import io.haprovision.error.TargetException;
import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.inventory.ProbeSpec;
import io.haprovision.inventory.SshSpec;
import io.haprovision.transport.Connection;
import io.haprovision.transport.HostKeyPolicy;
import io.haprovision.transport.SshAuth;
import io.haprovision.transport.SshEndpoint;
import io.haprovision.transport.SshTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens nodes over SSH with an {@link SshTransport}, from each node's inventory settings. */
public final class SshNodeConnector implements NodeConnector {
  private final SshTransport transport;

  /** Connects through {@code transport} (its handshake counter is this connector's). */
  public SshNodeConnector(SshTransport transport) {
    this.transport = transport;
  }

  /** Connects through a new {@link SshTransport}. */
  public SshNodeConnector() {
    this(new SshTransport());
  }

  @Override
  public Map<NodeKey, Connection> openAll(List<NodeTarget> nodes, int parallelism) {
    List<SshEndpoint> endpoints = new ArrayList<>();
    for (NodeTarget t : nodes) {
      endpoints.add(endpoint(t.node()));
    }
    Map<SshEndpoint, Connection> opened = transport.openAll(endpoints, parallelism);
    Map<NodeKey, Connection> out = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      out.put(nodes.get(i).key(), opened.get(endpoints.get(i)));
    }
    return out;
  }

  @Override
  public long handshakes() {
    return transport.handshakes();
  }

  /**
   * The SSH endpoint of a node from its inventory settings ({@code host} and the inherited
   * {@code ssh} map).
   *
   * @throws TargetException ({@code UNREACHABLE}) when no way to log in is configured
   */
  public static SshEndpoint endpoint(NodeSpec node) {
    return endpoint("node " + node.name(), node.host(), node.ssh());
  }

  /**
   * The SSH endpoint of a pair's probe host ({@code verify.probe}), its {@code ssh} settings
   * inherited like a node's.
   *
   * @throws TargetException ({@code UNREACHABLE}) when no way to log in is configured
   */
  public static SshEndpoint endpoint(ProbeSpec probe) {
    return endpoint("probe host " + probe.name(), probe.host(), probe.ssh());
  }

  @Override
  public Connection openProbe(PairSpec pair, ProbeSpec probe) {
    return transport.open(endpoint(probe));
  }

  private static SshEndpoint endpoint(String what, String host, SshSpec ssh) {
    SshAuth auth;
    try {
      auth = new SshAuth(ssh.identityFile().orElse(null), ssh.agent(), null, ssh.password().orElse(null));
    } catch (IllegalArgumentException e) {
      throw new TargetException(TargetException.Kind.UNREACHABLE, ssh.user() + "@" + host + ":" + ssh.port(),
          "no way to log in to " + what + ": set identity_file, agent: true or password under ssh");
    }
    HostKeyPolicy policy = ssh.hostKeyPolicy() == io.haprovision.inventory.HostKeyPolicy.ACCEPT_NEW
        ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
    return new SshEndpoint(host, ssh.port(), ssh.user(), auth,
        ssh.knownHosts().orElse(SshEndpoint.defaultKnownHosts()), policy, ssh.connectTimeout(),
        ssh.commandTimeout(), ssh.requireStrictKex());
  }

}
