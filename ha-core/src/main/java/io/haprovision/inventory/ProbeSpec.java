package io.haprovision.inventory;

/**
 * A host on a pair's LAN that {@code verify} pings the VIPs from ({@code verify.probe}):
 * reached over SSH like a node, its {@code ssh} settings inherited from the {@code defaults.ssh}
 * of the file and the pair. {@code path} is its key path ({@code pairs[0].verify.probe}).
 *
 * @param name how reports name it (defaults to {@code host})
 * @param host its SSH address
 * @param ssh how to log in, after inheritance
 * @param path where it is written in the inventory
 */
public record ProbeSpec(String name, String host, SshSpec ssh, String path) {
  /** {@code user@host:port}, as error messages name it. */
  public String target() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return ssh.user() + "@" + h + ":" + ssh.port();
  }
}
