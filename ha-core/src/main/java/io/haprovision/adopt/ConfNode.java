package io.haprovision.adopt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of keepalived.conf: a keyword, its arguments and, when it opens a block, the
 * statements inside. List blocks ({@code virtual_ipaddress}, {@code unicast_peer},
 * {@code group}, ...) hold one statement per line, its first word as the keyword
 * ({@code 192.0.2.1/24} with arguments {@code dev br-lan}).
 *
 * @param keyword the first word
 * @param args the words after it, quotes removed
 * @param children the statements of its block; empty when it opens none
 * @param line where it starts, 1-based
 */
public record ConfNode(String keyword, List<String> args, List<ConfNode> children, int line) {
  /** Copies the lists. */
  public ConfNode {
    Objects.requireNonNull(keyword, "keyword");
    args = List.copyOf(args);
    children = List.copyOf(children);
  }

  /** The first child statement named {@code name}. */
  public Optional<ConfNode> child(String name) {
    return children.stream().filter(c -> c.keyword.equals(name)).findFirst();
  }

  /** Every child statement named {@code name}. */
  public List<ConfNode> all(String name) {
    return children.stream().filter(c -> c.keyword.equals(name)).toList();
  }

  /** The first argument of child {@code name}, when it has one. */
  public Optional<String> value(String name) {
    return child(name).filter(c -> !c.args.isEmpty()).map(c -> c.args.get(0));
  }

  /** Whether a child named {@code name} is there. */
  public boolean has(String name) {
    return child(name).isPresent();
  }

  /** The statement as one line of keepalived.conf, without its block. */
  public String text() {
    StringBuilder sb = new StringBuilder(keyword);
    for (String a : args) {
      sb.append(' ').append(a.isEmpty() || a.matches(".*\\s.*") ? "\"" + a + "\"" : a);
    }
    return sb.toString();
  }
}
