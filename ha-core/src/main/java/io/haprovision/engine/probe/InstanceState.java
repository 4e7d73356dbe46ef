package io.haprovision.engine.probe;

import io.haprovision.facts.VrrpWire;
import io.haprovision.secret.Secret;
import java.util.Optional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One VRRP instance as keepalived's own state dump reports it.
 *
 * @param name the instance name
 * @param state {@code MASTER}, {@code BACKUP}, {@code FAULT}, {@code INIT} or {@code STOP}
 * @param interfaceName the interface it runs on
 * @param virtualRouterId its VRID
 * @param basePriority the configured priority
 * @param effectivePriority the priority after track weights
 * @param advertInt the advert interval in seconds
 * @param version the VRRP version (2 or 3), 0 when the dump does not say
 * @param vips the virtual addresses as the dump prints them ({@code 192.0.2.254/24 dev lan ...})
 * @param becameMaster how often it became MASTER (JSON dump only)
 * @param releasedMaster how often it gave MASTER up (JSON dump only)
 * @param authType keepalived's authentication type (0 none, 1 PASS, 2 AH), -1 when the dump
 *     does not say
 * @param authData the password keepalived runs with, when the dump shows it (it does, for PASS)
 */
public record InstanceState(
    String name,
    String state,
    String interfaceName,
    int virtualRouterId,
    int basePriority,
    int effectivePriority,
    BigDecimal advertInt,
    int version,
    List<String> vips,
    OptionalLong becameMaster,
    OptionalLong releasedMaster,
    int authType,
    Optional<Secret> authData) {

  /** Copies the list; rejects nulls. */
  public InstanceState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(advertInt, "advertInt");
    vips = List.copyOf(vips);
    Objects.requireNonNull(becameMaster, "becameMaster");
    Objects.requireNonNull(releasedMaster, "releasedMaster");
    Objects.requireNonNull(authData, "authData");
  }

  /** An instance whose dump says nothing of its authentication. */
  public InstanceState(String name, String state, String interfaceName, int virtualRouterId, int basePriority,
      int effectivePriority, BigDecimal advertInt, int version, List<String> vips, OptionalLong becameMaster,
      OptionalLong releasedMaster) {
    this(name, state, interfaceName, virtualRouterId, basePriority, effectivePriority, advertInt, version, vips,
        becameMaster, releasedMaster, -1, Optional.empty());
  }

  /**
   * What this instance puts on the wire, with {@code unicast} from elsewhere (the dump does
   * not say in JSON).
   */
  public VrrpWire wire(Optional<Boolean> unicast) {
    int auth = authType >= 0 ? authType : version == 3 ? VrrpWire.AUTH_NONE : VrrpWire.AUTH_UNKNOWN;
    return new VrrpWire(virtualRouterId, version,
        advertInt.signum() > 0 ? Optional.of(advertInt) : Optional.empty(), auth, authData, unicast);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "InstanceState[" + name + " " + state + " on " + interfaceName + ", vrid " + virtualRouterId
        + ", priority " + basePriority + "/" + effectivePriority + ", advert " + advertInt.toPlainString()
        + " s, version " + version + ", vips " + vips + ", auth " + VrrpWire.authName(authType) + "]";
  }
}
