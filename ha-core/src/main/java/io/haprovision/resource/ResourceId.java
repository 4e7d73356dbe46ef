package io.haprovision.resource;

/** Identity of a resource on one node: its kind ({@code file}, {@code package}, ...) and key. */
public record ResourceId(String kind, String key) {
  @Override
  public String toString() {
    return kind + ":" + key;
  }
}
