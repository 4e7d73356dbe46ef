package io.haprovision.lab.rehearse;

import java.util.List;

/**
 * How what identifies a real pair on its network (addresses, hardware addresses) becomes the
 * replica's, applied alike to the inventory and to everything copied from the routers.
 */
public interface ReplicaMap {
  /** Every real value and the replica's, with what it is. */
  List<AddressMap.Mapping> mappings();

  /** Values found that stay as they are, with why when it is not obvious. */
  List<String> kept();

  /** The heading the mappings are shown under. */
  String title();

  /** {@code text} with every mapped value replaced, in one pass. */
  String apply(String text);
}
