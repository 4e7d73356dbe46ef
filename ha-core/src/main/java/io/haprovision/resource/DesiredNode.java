package io.haprovision.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one node of a pair should have, in the order it should be applied
 * (packages before the files that configure them, files before the services that read
 * them), the handlers those resources may trigger, and why each resource is wanted.
 *
 * @param pair the pair's name
 * @param node the node's name
 * @param resources the resources, in apply order
 * @param handlers the handlers they may trigger
 * @param reasons why the platform wants a resource, by its id: the plan shows it with every
 *     change of that resource ({@code (why: ...)}); a resource without one shows none
 */
public record DesiredNode(String pair, String node, List<Resource> resources, List<Handler> handlers,
    Map<ResourceId, String> reasons) {
  /** Copies the collections. */
  public DesiredNode {
    resources = List.copyOf(resources);
    handlers = List.copyOf(handlers);
    reasons = Map.copyOf(reasons);
  }

  /** A node whose resources come without reasons. */
  public DesiredNode(String pair, String node, List<Resource> resources, List<Handler> handlers) {
    this(pair, node, resources, handlers, Map.of());
  }

  /** Why {@code id} is wanted, or {@code ""}. */
  public String reason(ResourceId id) {
    return reasons.getOrDefault(id, "");
  }

  /**
   * Collects reasons while a platform builds its resource list: {@link #since} gives every
   * resource added since a mark the same reason, so a block of related resources is explained
   * once. The first reason given for an id stays.
   */
  public static final class Reasons {
    private final Map<ResourceId, String> byId = new LinkedHashMap<>();

    /** Gives {@code reason} to {@code resources} from index {@code from} on. */
    public void since(List<? extends Resource> resources, int from, String reason) {
      for (int i = from; i < resources.size(); i++) {
        byId.putIfAbsent(resources.get(i).id(), reason);
      }
    }

    /** Gives {@code reason} to {@code resource}. */
    public void of(Resource resource, String reason) {
      byId.putIfAbsent(resource.id(), reason);
    }

    /** Adds {@code resource} to {@code resources}, in apply order, and gives it {@code reason}. */
    public void add(List<Resource> resources, Resource resource, String reason) {
      resources.add(resource);
      of(resource, reason);
    }

    /** The reasons so far. */
    public Map<ResourceId, String> map() {
      return Map.copyOf(byId);
    }
  }
}
