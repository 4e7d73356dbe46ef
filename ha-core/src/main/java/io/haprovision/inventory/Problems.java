package io.haprovision.inventory;

import io.haprovision.error.InventoryException;
import io.haprovision.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every {@link Problem} of an inventory in one pass, by key path: the location
 * is looked up in the YAML document (a path the file does not hold, such as a missing
 * key, points at its nearest ancestor). The same problem reported twice (a bad value in
 * {@code defaults} seen by both nodes) is kept once.
 *
 * <p>Not thread-safe; one instance per load.
 */
public final class Problems {
  private final YamlDocument document;
  private final Set<Problem> problems = new LinkedHashSet<>();
  private final Set<Problem> warnings = new LinkedHashSet<>();

  /** Problems about {@code document}. */
  public Problems(YamlDocument document) {
    this.document = document;
  }

  /** Problems about records built in code, with no file behind them. */
  public static Problems detached() {
    return new Problems(new YamlDocument(Location.UNKNOWN.file(), null));
  }

  /** The document problems are located in. */
  public YamlDocument document() {
    return document;
  }

  /**
   * Records a problem at {@code keyPath}. {@code rule} is the stable id of the check
   * ({@code vrrp.vrid-range}), {@code message} says what is wrong, {@code fix} what
   * would be right (may be empty). Never put a secret's value in either.
   */
  public void add(String keyPath, String rule, String message, String fix) {
    problems.add(new Problem(document.locate(keyPath), keyPath, rule, message, fix));
  }

  /** Records a problem at an explicit location (such as where a key itself was written). */
  public void add(Location location, String keyPath, String rule, String message, String fix) {
    problems.add(new Problem(location, keyPath, rule, message, fix));
  }

  /**
   * Records a warning at {@code keyPath}: the inventory stays valid, and every command that
   * loads it shows the warning (something that works today but will not for long, such as a
   * login the management server deprecates). Never put a secret's value in it.
   */
  public void warn(String keyPath, String rule, String message, String fix) {
    warnings.add(new Problem(document.locate(keyPath), keyPath, rule, message, fix));
  }

  /** Every warning, in file order. */
  public List<Problem> warnings() {
    return sorted(warnings);
  }

  /** Where {@code keyPath} was written, or its nearest ancestor. */
  public Location locate(String keyPath) {
    return document.locate(keyPath);
  }

  /**
   * {@code keyPath} and where it was written, for messages naming a value's origin:
   * {@code defaults.vrrp.advert_int (inv.yml:7:17)}, or {@code the built-in default}
   * when the file does not hold that path.
   */
  public String describe(String keyPath) {
    return document.find(keyPath).isPresent() ? keyPath + " (" + locate(keyPath) + ")" : "the built-in default";
  }

  /** True when nothing is wrong so far. */
  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** How many problems so far; compare before and after a step to know whether it found any. */
  public int size() {
    return problems.size();
  }

  /** Every problem, in file order (line, then column, then the order found). */
  public List<Problem> list() {
    return sorted(problems);
  }

  private static List<Problem> sorted(Set<Problem> problems) {
    List<Problem> out = new ArrayList<>(problems);
    out.sort(Comparator.comparing((Problem p) -> p.location().file())
        .thenComparingInt(p -> p.location().line())
        .thenComparingInt(p -> p.location().column()));
    return out;
  }

  /** Throws an {@link InventoryException} holding every problem, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InventoryException(list());
    }
  }
}
