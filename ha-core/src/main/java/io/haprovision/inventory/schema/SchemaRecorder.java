package io.haprovision.inventory.schema;

import io.haprovision.yaml.YamlPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the binder did while it read one or more inventories: which keys each map allows
 * and requires, and what each value was converted to, by path with list indexes folded
 * ({@code pairs[].nodes[].ssh.port}) and the keys of free-form maps folded to {@code *}
 * ({@code pairs[].nodes[].interfaces.*}). Filled by {@code SectionReader} and the binders
 * when a {@link io.haprovision.inventory.LoadContext} carries one; read by {@link JsonSchemaWriter}.
 * Not thread-safe: one load at a time.
 */
public final class SchemaRecorder {
  /** The segment standing for every item of a list. */
  public static final String ITEM = "[]";
  /** The segment standing for every key of a free-form map. */
  public static final String ANY_KEY = "*";

  /** One pair of keys of a map: when {@code choiceKey} is {@code choice}, {@code sectionKey} may be present. */
  record ChoiceSection(String choiceKey, String choice, String sectionKey) {}

  private final Map<List<String>, Set<ValueShape>> shapes = new LinkedHashMap<>();
  private final Map<List<String>, ValueShape> narrowed = new LinkedHashMap<>();
  private final Map<List<String>, LinkedHashSet<String>> allowed = new LinkedHashMap<>();
  private final Map<List<String>, Set<String>> forbidden = new LinkedHashMap<>();
  /** Folded path -> the paths of the maps (as written) read there. */
  private final Map<List<String>, Set<String>> observed = new LinkedHashMap<>();
  /** Folded path -> key -> the paths of the maps (as written) whose reader required the key. */
  private final Map<List<String>, Map<String, Set<String>>> requiredBy = new LinkedHashMap<>();
  private final Set<List<String>> lists = new LinkedHashSet<>();
  private final Set<List<String>> freeMaps = new LinkedHashSet<>();
  private final Set<List<String>> oneOrMany = new LinkedHashSet<>();
  private final Map<List<String>, LinkedHashSet<ChoiceSection>> choiceSections = new LinkedHashMap<>();

  /**
   * The map at {@code mapPath} allows {@code keys}; {@code written}: the map is there as
   * written (not absent, not merged from defaults).
   */
  public void allowed(String mapPath, boolean written, List<String> keys) {
    List<String> at = fold(mapPath);
    allowed.computeIfAbsent(at, k -> new LinkedHashSet<>()).addAll(keys);
    if (written) {
      observe(at, mapPath);
    }
  }

  /** {@code key} of the map at {@code mapPath} is refused although written in its allowed keys (to say why). */
  public void forbidden(String mapPath, String key) {
    forbidden.computeIfAbsent(fold(mapPath), k -> new LinkedHashSet<>()).add(key);
  }

  /**
   * The binder requires {@code key} in the map at {@code mapPath}, a map as written (not one
   * merged from defaults: what is inherited may be written at another level). A key is
   * required in the schema only when every map seen at that path required it, and leaving it
   * out of each of them makes the inventory invalid (see {@link JsonSchemaWriter}).
   */
  public void required(String mapPath, String key) {
    List<String> at = fold(mapPath);
    observe(at, mapPath);
    requiredBy.computeIfAbsent(at, k -> new LinkedHashMap<>())
        .computeIfAbsent(key, k -> new LinkedHashSet<>()).add(mapPath);
  }

  /** The value at {@code path} was converted as {@code shape}. */
  public void value(String path, ValueShape shape) {
    List<String> at = fold(path);
    shapes.computeIfAbsent(at, k -> new LinkedHashSet<>()).add(shape);
    // One value or a list of them: what one form takes, the other takes too.
    if (oneOrMany.contains(at)) {
      shapes.computeIfAbsent(child(at, ITEM), k -> new LinkedHashSet<>()).add(shape);
    } else if (!at.isEmpty() && at.get(at.size() - 1).equals(ITEM) && oneOrMany.contains(at.subList(0, at.size() - 1))) {
      shapes.computeIfAbsent(at.subList(0, at.size() - 1), k -> new LinkedHashSet<>()).add(shape);
    }
  }

  /** The value at {@code path} may be one value or a list of values of the same kind. */
  public void oneOrMany(String path) {
    List<String> at = fold(path);
    oneOrMany.add(at);
    lists.add(at);
  }

  /** Whatever else was recorded at {@code path}, only {@code shape} is valid there (the binder checks it itself). */
  public void narrow(String path, ValueShape shape) {
    narrowed.put(fold(path), shape);
  }

  /** The value at {@code path} was read as a list. */
  public void list(String path) {
    lists.add(fold(path));
  }

  /** The value at {@code path} was read as a map whose keys are the user's (interface names, say). */
  public void freeMap(String path) {
    freeMaps.add(fold(path));
  }

  /** In the map at {@code mapPath}, {@code sectionKey} belongs to maps whose {@code choiceKey} is {@code choice}. */
  public void sectionFor(String mapPath, String choiceKey, String choice, String sectionKey) {
    choiceSections.computeIfAbsent(fold(mapPath), k -> new LinkedHashSet<>())
        .add(new ChoiceSection(choiceKey, choice, sectionKey));
  }

  // ---- read by the writer --------------------------------------------------------------

  Set<ValueShape> shapesAt(List<String> path) {
    return shapes.getOrDefault(path, Set.of());
  }

  ValueShape narrowedAt(List<String> path) {
    return narrowed.get(path);
  }

  /** The keys a map allows, in the order the binder first named them, without the forbidden ones; null when not a map. */
  List<String> keysAt(List<String> path) {
    LinkedHashSet<String> keys = allowed.get(path);
    if (keys == null) {
      return null;
    }
    List<String> out = new ArrayList<>(keys);
    out.removeAll(forbidden.getOrDefault(path, Set.of()));
    return out;
  }

  /** The keys every map seen at {@code path} required: candidates, each to be confirmed. */
  List<String> requiredAt(List<String> path) {
    Set<String> seen = observed.getOrDefault(path, Set.of());
    List<String> out = new ArrayList<>();
    requiredBy.getOrDefault(path, Map.of()).forEach((key, maps) -> {
      if (!seen.isEmpty() && maps.containsAll(seen)) {
        out.add(key);
      }
    });
    return out;
  }

  /** The paths, as written, of the maps read at {@code path}. */
  Set<String> writtenAt(List<String> path) {
    return observed.getOrDefault(path, Set.of());
  }

  boolean isList(List<String> path) {
    if (lists.contains(path)) {
      return true;
    }
    List<String> item = child(path, ITEM);
    return shapes.keySet().stream().anyMatch(p -> startsWith(p, item))
        || allowed.keySet().stream().anyMatch(p -> startsWith(p, item));
  }

  boolean isFreeMap(List<String> path) {
    return freeMaps.contains(path);
  }

  List<ChoiceSection> choiceSectionsAt(List<String> path) {
    return List.copyOf(choiceSections.getOrDefault(path, new LinkedHashSet<>()));
  }

  /** Every path a map was recorded at, for the writer's completeness check. */
  Set<List<String>> mapPaths() {
    return allowed.keySet();
  }

  static List<String> child(List<String> path, String segment) {
    List<String> out = new ArrayList<>(path);
    out.add(segment);
    return List.copyOf(out);
  }

  // ---- internals -----------------------------------------------------------------------

  private void observe(List<String> at, String mapPath) {
    observed.computeIfAbsent(at, k -> new LinkedHashSet<>()).add(mapPath);
  }

  /** {@code pairs[0].nodes[1].interfaces.br-lan} as {@code [pairs, [], nodes, [], interfaces, *]}. */
  private List<String> fold(String path) {
    List<String> out = new ArrayList<>();
    for (Object segment : YamlPath.segments(path)) {
      if (segment instanceof Integer) {
        out.add(ITEM);
      } else if (freeMaps.contains(out)) {
        out.add(ANY_KEY);
      } else {
        out.add((String) segment);
      }
    }
    return List.copyOf(out);
  }

  private static boolean startsWith(List<String> path, List<String> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }
}
