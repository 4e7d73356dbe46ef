package io.haprovision.bonder;

import io.haprovision.inventory.PerNode;
import io.haprovision.secret.Secret;
import io.haprovision.spi.PlatformSection;
import java.util.List;

/**
 * A pair's {@code bonder:} section, bound and checked by {@link BonderTarget}.
 *
 * @param api the management server's API
 * @param bonds each bonder's bond and floating objects, by role
 * @param trackCommand the node health check keepalived runs (a failure puts the bonder in
 *     FAULT), {@code bondsh node ping} by default
 * @param trackInterval seconds between two runs of the check, 2 by default
 * @param keepalivedStart what starts keepalived
 * @param privateLinkSwitched the inventory confirms the private link passes through a
 *     switch even though its subnet looks point-to-point
 * @param path key path of the section ({@code pairs[0].bonder})
 */
public record BonderSection(
    ManagementApi api,
    PerNode<Bond> bonds,
    String trackCommand,
    int trackInterval,
    KeepalivedStart keepalivedStart,
    boolean privateLinkSwitched,
    String path)
    implements PlatformSection {

  /** Default track command. */
  public static final String DEFAULT_TRACK_COMMAND = "bondsh node ping";

  /** The API password, so it is masked everywhere. */
  @Override
  public List<Secret> secrets() {
    return api.password() == null ? List.of() : List.of(api.password());
  }
}
