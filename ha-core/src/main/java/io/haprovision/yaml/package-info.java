/**
 * A YAML tree whose every node remembers where it was written ({@link
 * io.haprovision.inventory.Location}) and its key path, so that every inventory error
 * can name {@code file:line:column} and {@code pairs[0].vrrp.instances[1].virtual_router_id}.
 * Parsed with Jackson's YAML streaming parser by {@link io.haprovision.yaml.YamlParser}.
 */
package io.haprovision.yaml;
