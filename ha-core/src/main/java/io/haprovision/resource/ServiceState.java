package io.haprovision.resource;

/**
 * A service's status on a node (init script or systemd unit).
 *
 * @param enabled starts at boot
 * @param running runs now
 */
public record ServiceState(boolean enabled, boolean running) implements ResourceState {
  @Override
  public String fingerprint() {
    return "service enabled=" + enabled + " running=" + running;
  }
}
