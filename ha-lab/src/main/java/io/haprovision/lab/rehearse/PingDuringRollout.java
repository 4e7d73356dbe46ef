package io.haprovision.lab.rehearse;

/**
 * What the replica's LAN client saw of the rollout, pinging the LAN VIP 5 times a second.
 *
 * @param vip the VIP pinged
 * @param answeredBefore whether the VIP answered just before the rollout (on a first converge it
 *     does not exist yet, and the losses say nothing)
 * @param sent echo requests sent
 * @param received replies received
 */
public record PingDuringRollout(String vip, boolean answeredBefore, int sent, int received) {
  /** Requests that got no reply. */
  public int lost() {
    return sent - received;
  }
}
