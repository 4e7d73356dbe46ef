package io.haprovision.lab;

import io.haprovision.lab.debian.DebianPersonality;
import io.haprovision.lab.openwrt.OpenWrtPersonality;
import java.io.IOException;
import java.util.List;

/**
 * What the lab's nodes look like to a provisioner: the files and stand-in tools a
 * node gets on top of the host's root before it boots. A new instance serves one
 * lab (it may cache what it learned about the host).
 */
public interface Personality {

  /** The personality's name as given in {@link LabSpec#personality()}. */
  String name();

  /**
   * Writes this personality's files into a node's image before its first boot.
   *
   * @throws IOException when a file cannot be written
   */
  void prepare(NodeImage image) throws IOException;

  /**
   * The network settings this kind of router applies at boot, written by the lab into each
   * router node's namespace after the lab's own ({@link NamespaceSettings}); none by default.
   */
  default List<Sysctl> sysctls() {
    return List.of();
  }

  /** Every personality name there is. */
  static List<String> names() {
    return List.of(OpenWrtPersonality.NAME, DebianPersonality.NAME);
  }

  /**
   * A fresh personality by name.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  static Personality named(String name) {
    if (OpenWrtPersonality.NAME.equals(name)) {
      return new OpenWrtPersonality();
    }
    if (DebianPersonality.NAME.equals(name)) {
      return new DebianPersonality();
    }
    throw new IllegalArgumentException(
        "unknown lab personality '" + name + "'; known: " + String.join(", ", names()));
  }
}
