package io.haprovision.resource;

import java.util.List;

/**
 * Everything one node of a pair should have, in the order it should be applied
 * (packages before the files that configure them, files before the services that read
 * them), and the handlers those resources may trigger.
 */
public record DesiredNode(String pair, String node, List<Resource> resources, List<Handler> handlers) {
  public DesiredNode {
    resources = List.copyOf(resources);
    handlers = List.copyOf(handlers);
  }
}
