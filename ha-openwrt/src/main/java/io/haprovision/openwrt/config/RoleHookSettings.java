package io.haprovision.openwrt.config;

import java.util.List;
import java.util.Objects;

/**
 * What the role hook does besides DHCP and conntrackd ({@code role_hooks:}).
 *
 * @param vpnInterfaces OpenWrt networks ({@code wg0}) brought up on MASTER and down otherwise
 * @param master shell commands run, in order, after the MASTER steps
 * @param backup shell commands run after the BACKUP steps
 * @param fault shell commands run after the FAULT steps
 * @param path key path of the section
 */
public record RoleHookSettings(
    List<String> vpnInterfaces, List<String> master, List<String> backup, List<String> fault, String path) {

  /** Copies the lists. */
  public RoleHookSettings {
    vpnInterfaces = List.copyOf(vpnInterfaces);
    master = List.copyOf(master);
    backup = List.copyOf(backup);
    fault = List.copyOf(fault);
    Objects.requireNonNull(path, "path");
  }

  /** Nothing beyond DHCP and conntrackd. */
  public static RoleHookSettings none(String path) {
    return new RoleHookSettings(List.of(), List.of(), List.of(), List.of(), path);
  }
}
