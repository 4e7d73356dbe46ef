/**
 * ha-provision's embedding API: the {@link io.haprovision.Provisioner} facade over the
 * engine (inventory, planner, transport, executor).
 *
 * <p>Validate an inventory and see every file each router would get, without contacting
 * anything:
 *
 * <pre>{@code
 * Provisioner provisioner = Provisioner.builder()
 *     .inventory(Path.of("inventories/openwrt-office.yml"))
 *     .limit(List.of("office"))          // optional: only these pairs
 *     .listener(event -> log.info("{}", event))
 *     .build();                          // throws InventoryException: file:line:col, key, fix
 *
 * Inventory inventory = provisioner.validate();
 * Rendering rendering = provisioner.render();
 * rendering.writeTo(Path.of("review"));  // review/PAIR/NODE/etc/keepalived/keepalived.conf ...
 *
 * // What a first install would change, as text or versioned JSON:
 * Plan plan = provisioner.plan(FactsLookup.offline());
 * System.out.println(PlanTextRenderer.plain(provisioner.redactor()).render(plan));
 * }</pre>
 *
 * <p>Converge and prove the pairs, over one SSH session per node for the whole run:
 *
 * <pre>{@code
 * try (EngineSession session = provisioner.connect()) {   // TargetException(UNREACHABLE) names user@host:port
 *   Plan plan = session.plan();                           // one round trip per node
 *   ApplyReport applied = session.apply(plan);            // BACKUP first, health gate, then MASTER
 *   VerifyReport verified = session.verify(VerifyOptions.defaults().withDrills(true));
 *   System.out.println(applied.toText(provisioner.redactor()) + verified.toText(provisioner.redactor()));
 * }
 * }</pre>
 *
 * <p>Every exception is a {@link io.haprovision.error.ProvisionException}; its subtype
 * says whose fault it is. Secrets print as {@code ******} everywhere.
 */
package io.haprovision;
