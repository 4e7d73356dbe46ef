/**
 * The inventory: immutable records of router pairs ({@link io.haprovision.inventory.Inventory},
 * {@link io.haprovision.inventory.PairSpec}, ...), loaded, bound and validated from YAML by
 * {@link io.haprovision.inventory.InventoryLoader}. Every problem is collected with its
 * {@code file:line:column} and key path ({@link io.haprovision.inventory.Problems}) before
 * anything is contacted.
 */
package io.haprovision.inventory;
