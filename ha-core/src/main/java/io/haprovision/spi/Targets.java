package io.haprovision.spi;

import io.haprovision.error.InternalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The platforms installed: every {@link Target} on the class path, by name. */
public final class Targets {
  private final Map<String, Target> byName;

  private Targets(List<Target> targets) {
    Map<String, Target> map = new TreeMap<>();
    for (Target t : targets) {
      Target previous = map.put(t.platform(), t);
      if (previous != null && previous.getClass() != t.getClass()) {
        throw new InternalException("two platforms are named " + t.platform() + ": "
            + previous.getClass().getName() + " and " + t.getClass().getName());
      }
    }
    this.byName = Collections.unmodifiableMap(map);
  }

  /** Every platform found by {@link ServiceLoader} on this class's class loader. */
  public static Targets discover() {
    return discover(Targets.class.getClassLoader());
  }

  /** Every platform found by {@link ServiceLoader} on {@code loader}. */
  public static Targets discover(ClassLoader loader) {
    List<Target> found = new ArrayList<>();
    ServiceLoader.load(Target.class, loader).forEach(found::add);
    return new Targets(found);
  }

  /** Exactly these platforms (tests, embedding). */
  public static Targets of(Target... targets) {
    return new Targets(List.of(targets));
  }

  /** The platform with this name, if installed. */
  public Optional<Target> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Names of the installed platforms, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The installed platforms, sorted by name. */
  public List<Target> all() {
    return List.copyOf(byName.values());
  }
}
