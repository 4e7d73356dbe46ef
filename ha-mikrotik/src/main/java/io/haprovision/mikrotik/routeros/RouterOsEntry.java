package io.haprovision.mikrotik.routeros;

import io.haprovision.error.InternalException;
import io.haprovision.resource.AttributeChange;
import io.haprovision.resource.Comparison;
import io.haprovision.resource.Comparison.Action;
import io.haprovision.resource.ContentChange;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.secret.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a RouterOS menu that ha-provision manages, such as the VRRP interface
 * {@code /interface vrrp name=HA_VRRP}: the menu, the properties that identify the entry
 * ({@code key}), and the properties it should have.
 *
 * <p>Only the properties listed are compared and set; every other property of the entry,
 * and every entry with another key, is left as the router has it. That is how entries
 * ha-provision does not own survive, and how state the role hooks change at run time
 * (an interface's {@code disabled}, the identity) stays out of plans.
 *
 * <p>{@link Kind#OWNED} entries are added when missing and removed when {@link Ensure#ABSENT};
 * {@link Kind#BUILT_IN} entries (an ethernet port) exist on the router anyway and are only
 * ever set, by name, so a missing one fails with RouterOS's own {@code no such item}.
 *
 * <p>Secret properties (a VRRP password) are held as {@link Secret}s apart from the others:
 * they never appear in {@link #describe()}, {@link #toString()}, a comparison or a review
 * script, only in {@link #commands}, which goes to the router.
 *
 * @param menu the menu path, e.g. {@code /interface vrrp}
 * @param key the identifying properties, e.g. {@code name=HA_VRRP}; at least one
 * @param properties the other properties to add or set, in the order they are written
 * @param secrets secret properties, compared when the router prints them
 * @param ensure present (add or set) or absent (remove)
 * @param kind whether ha-provision adds the entry or only sets an entry the router has
 * @param notifies handlers to run when the entry changes
 */
public record RouterOsEntry(
    String menu,
    Map<String, String> key,
    Map<String, String> properties,
    Map<String, Secret> secrets,
    Ensure ensure,
    Kind kind,
    List<String> notifies)
    implements Resource {

  /** The kind in {@link ResourceId}s of RouterOS entries. */
  public static final String KIND = "routeros";

  /** Who brings the entry into existence. */
  public enum Kind {
    /** ha-provision adds it when missing and removes it when it should be absent. */
    OWNED,
    /** The router has it anyway (an ethernet port); ha-provision only sets properties on it. */
    BUILT_IN
  }

  /** Validates names and the combination of kind, ensure and key; copies the maps. */
  public RouterOsEntry {
    Objects.requireNonNull(ensure, "ensure");
    Objects.requireNonNull(kind, "kind");
    if (!RouterOsSyntax.isMenu(menu)) {
      throw new InternalException("RouterOS menu must look like /interface vrrp, got '" + menu + "'");
    }
    key = copy(key, menu + " key");
    properties = copy(properties, menu + " property");
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    secrets.keySet().forEach(name -> {
      if (!RouterOsSyntax.isProperty(name)) {
        throw new InternalException(menu + ": '" + name + "' is not a RouterOS property name");
      }
    });
    notifies = List.copyOf(notifies);
    if (key.isEmpty()) {
      throw new InternalException(menu + ": an entry needs at least one identifying property");
    }
    for (String name : properties.keySet()) {
      if (key.containsKey(name) || secrets.containsKey(name)) {
        throw new InternalException(menu + ": property " + name + " is given twice");
      }
    }
    if (kind == Kind.BUILT_IN && (ensure == Ensure.ABSENT || !key.keySet().equals(java.util.Set.of("name")))) {
      throw new InternalException(menu + ": a built-in entry is identified by name alone and cannot be removed");
    }
    if (ensure == Ensure.ABSENT && (!properties.isEmpty() || !secrets.isEmpty())) {
      throw new InternalException(menu + " " + RouterOsSyntax.assignments(key)
          + ": an entry to remove has no properties to set");
    }
  }

  private static Map<String, String> copy(Map<String, String> map, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((name, value) -> {
      if (!RouterOsSyntax.isProperty(name)) {
        throw new InternalException(what + " '" + name + "' is not a RouterOS property name");
      }
      out.put(name, Objects.requireNonNull(value, what + " " + name));
    });
    return Collections.unmodifiableMap(out);
  }

  /** A builder for an entry ha-provision adds to {@code menu}, identified by {@code keyName=keyValue}. */
  public static Builder owned(String menu, String keyName, String keyValue) {
    return new Builder(menu, Kind.OWNED).key(keyName, keyValue);
  }

  /** A builder for an entry the router has anyway (an ethernet port), identified by its name. */
  public static Builder builtIn(String menu, String name) {
    return new Builder(menu, Kind.BUILT_IN).key("name", name);
  }

  /** An owned entry that must not exist. */
  public static RouterOsEntry absent(String menu, Map<String, String> key) {
    return new RouterOsEntry(menu, key, Map.of(), Map.of(), Ensure.ABSENT, Kind.OWNED, List.of());
  }

  @Override
  public ResourceId id() {
    return new ResourceId(KIND, menu + " " + RouterOsSyntax.assignments(key));
  }

  @Override
  public boolean sensitive() {
    return !secrets.isEmpty();
  }

  @Override
  public String describe() {
    String base = menu + " " + RouterOsSyntax.assignments(key);
    if (ensure == Ensure.ABSENT) {
      return base + " (absent)";
    }
    return kind == Kind.BUILT_IN ? base + " (built-in)" : base;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The state must list every property this entry sets ({@code print as-value}, or
   * {@code /export verbose}; a terse export leaves out values at their default): a
   * property the state lacks counts as different. A secret property the state lacks
   * (RouterOS 7 hides secrets without {@code show-sensitive}) counts as unchanged, since
   * it cannot be compared.
   */
  @Override
  public Comparison compare(Optional<ResourceState> current) {
    RouterOsEntryState now = ResourceState.expect(current, RouterOsEntryState.class, id())
        .orElse(RouterOsEntryState.absent());
    String what = describe();
    if (ensure == Ensure.ABSENT) {
      return now.exists()
          ? new Comparison(Action.DELETE, "remove " + menu + " " + RouterOsSyntax.assignments(key), List.of(),
              Optional.of(new ContentChange(what, new ContentChange.Known(view(withoutSource(now.properties()),
                  java.util.Set.of())),
                  new ContentChange.Absent())))
          : Comparison.none(what + " is absent");
    }
    if (!now.exists()) {
      String summary = kind == Kind.OWNED
          ? "add " + what
          : "set " + what + ": the router has no such entry and RouterOS cannot add it (check the name)";
      return new Comparison(Action.CREATE, summary, List.of(),
          Optional.of(new ContentChange(what, new ContentChange.Absent(), new ContentChange.Known(desiredView()))));
    }
    List<String> changed = changedProperties(now);
    if (changed.isEmpty()) {
      return Comparison.none(what + " is up to date");
    }
    List<AttributeChange> attributes = new ArrayList<>();
    for (String name : changed) {
      if (secrets.containsKey(name)) {
        attributes.add(new AttributeChange(name, Secret.MASK, Secret.MASK));
      } else if (!properties.get(name).contains("\n")) {
        attributes.add(new AttributeChange(name, now.properties().getOrDefault(name, "(unset)"), properties.get(name)));
      }
    }
    Map<String, String> before = new LinkedHashMap<>();
    for (String name : managedNames()) {
      if (now.properties().containsKey(name)) {
        before.put(name, now.properties().get(name));
      }
    }
    return new Comparison(Action.UPDATE, "set " + what + ": " + String.join(", ", changed), attributes,
        Optional.of(new ContentChange(what, new ContentChange.Known(view(before, secrets.keySet())),
            new ContentChange.Known(desiredView()))));
  }

  /**
   * The RouterOS command lines that bring the router from {@code current} to this entry;
   * empty when nothing changes. Secret values are revealed here, and only here: send the
   * lines to the router, never to a log.
   */
  public List<String> commands(Optional<ResourceState> current) {
    RouterOsEntryState now = ResourceState.expect(current, RouterOsEntryState.class, id())
        .orElse(RouterOsEntryState.absent());
    if (ensure == Ensure.ABSENT) {
      return now.exists() ? List.of(menu + " remove " + RouterOsSyntax.find(key)) : List.of();
    }
    if (!now.exists()) {
      return List.of(kind == Kind.OWNED
          ? menu + " add " + join(RouterOsSyntax.assignments(key), RouterOsSyntax.assignments(revealed(names())))
          : menu + " set " + RouterOsSyntax.value(key.get("name")) + " "
              + RouterOsSyntax.assignments(revealed(names())));
    }
    List<String> changed = changedProperties(now);
    if (changed.isEmpty()) {
      return List.of();
    }
    String target = kind == Kind.OWNED ? RouterOsSyntax.find(key) : RouterOsSyntax.value(key.get("name"));
    return List.of(menu + " set " + target + " " + RouterOsSyntax.assignments(revealed(changed)));
  }

  /**
   * The command that adds (or, for a built-in entry, sets) this entry, without the menu,
   * secrets shown as {@code ******}: a line of a review script, never sent to a router.
   */
  public String reviewLine() {
    Map<String, String> shown = new LinkedHashMap<>(properties);
    secrets.keySet().forEach(name -> shown.put(name, Secret.MASK));
    if (ensure == Ensure.ABSENT) {
      return "remove " + RouterOsSyntax.find(key);
    }
    return kind == Kind.OWNED
        ? join("add " + RouterOsSyntax.assignments(key), RouterOsSyntax.assignments(shown))
        : join("set " + RouterOsSyntax.value(key.get("name")), RouterOsSyntax.assignments(shown));
  }

  /**
   * A removed script's properties without its source, which may hold secrets ha-provision
   * cannot tell (ha-mikrotik's {@code ha_config_base} holds its FTP password): its length instead.
   */
  private static Map<String, String> withoutSource(Map<String, String> properties) {
    if (!properties.containsKey("source")) {
      return properties;
    }
    Map<String, String> out = new LinkedHashMap<>(properties);
    long lines = properties.get("source").lines().count();
    out.put("source", "(" + lines + (lines == 1 ? " line" : " lines") + ", not shown: a script may hold secrets)");
    return out;
  }

  private List<String> changedProperties(RouterOsEntryState now) {
    List<String> changed = new ArrayList<>();
    properties.forEach((name, value) -> {
      String has = now.properties().get(name);
      if (has == null || !RouterOsValues.same(has, value)) {
        changed.add(name);
      }
    });
    secrets.forEach((name, secret) -> {
      String has = now.properties().get(name);
      if (has != null && !has.equals(secret.reveal())) {
        changed.add(name);
      }
    });
    return changed;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>(properties.keySet());
    names.addAll(secrets.keySet());
    return names;
  }

  private List<String> managedNames() {
    List<String> names = new ArrayList<>(key.keySet());
    names.addAll(names());
    return names;
  }

  private Map<String, String> revealed(List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      out.put(name, secrets.containsKey(name) ? secrets.get(name).reveal() : properties.get(name));
    }
    return out;
  }

  private String desiredView() {
    Map<String, String> all = new LinkedHashMap<>(key);
    all.putAll(properties);
    secrets.keySet().forEach(name -> all.put(name, Secret.MASK));
    return view(all, secrets.keySet());
  }

  /**
   * One property per line for diffs; a multi-line value (a script source) follows its
   * name, indented, so a changed script line shows as one changed diff line.
   */
  private static String view(Map<String, String> values, java.util.Collection<String> masked) {
    StringBuilder sb = new StringBuilder();
    values.forEach((name, value) -> {
      String shown = masked.contains(name) || RouterOsEntryState.SECRET_PROPERTIES.contains(name) ? Secret.MASK : value;
      String text = shown.replace("\r\n", "\n");
      if (text.contains("\n")) {
        sb.append(name).append("=\n");
        text.lines().forEach(line -> sb.append("    ").append(line).append('\n'));
      } else {
        sb.append(name).append('=').append(text).append('\n');
      }
    });
    return sb.toString();
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a + " " + b;
  }

  /** Never prints secret values. */
  @Override
  public String toString() {
    return "RouterOsEntry[" + describe() + ", properties=" + properties + ", secrets=" + secrets.keySet()
        + ", kind=" + kind + ", notifies=" + notifies + "]";
  }

  /** Builds a {@link RouterOsEntry} property by property, in the order written. */
  public static final class Builder {
    private final String menu;
    private final Kind kind;
    private final Map<String, String> key = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final List<String> notifies = new ArrayList<>();

    private Builder(String menu, Kind kind) {
      this.menu = menu;
      this.kind = kind;
    }

    /** Adds an identifying property. */
    public Builder key(String name, String value) {
      key.put(name, value);
      return this;
    }

    /** Sets a property. */
    public Builder set(String name, String value) {
      properties.put(name, value);
      return this;
    }

    /** Sets a property holding a secret. */
    public Builder secret(String name, Secret value) {
      secrets.put(name, value);
      return this;
    }

    /** Names a handler to run when the entry changes. */
    public Builder notifying(String handler) {
      notifies.add(handler);
      return this;
    }

    /** The entry, present. */
    public RouterOsEntry build() {
      return new RouterOsEntry(menu, key, properties, secrets, Ensure.PRESENT, kind, notifies);
    }
  }
}
