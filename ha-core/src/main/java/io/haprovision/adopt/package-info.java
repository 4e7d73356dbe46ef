/**
 * Adopting a pair built by hand ({@code provision import}): reading what the routers run
 * today into an inventory that keeps today's behaviour. Read-only by construction: the
 * readers here parse text the platform fetched; nothing in this package writes to a node.
 *
 * <p>{@link io.haprovision.adopt.KeepalivedConfReader} parses keepalived.conf as keepalived
 * does (keywords, arguments, brace blocks, {@code #}/{@code !} comments, quoted strings);
 * {@link io.haprovision.adopt.KeepalivedAdoption} turns the files of both nodes into the
 * inventory's VRRP section, with a note for everything it cannot express and for every
 * choice it made where the hand-built pair breaks a rule of validate;
 * {@link io.haprovision.adopt.InventoryText} writes the commented inventory.
 */
package io.haprovision.adopt;
