/**
 * The engine beneath {@link io.haprovision.Provisioner}: everything that talks to nodes.
 *
 * <p>{@link io.haprovision.engine.Engine#open} opens one session per node for the whole run
 * (in parallel) and gives an {@link io.haprovision.engine.EngineSession}, which gathers
 * facts (all probes of a node in one command: {@link io.haprovision.engine.FactsReport}),
 * applies a {@link io.haprovision.plan.Plan} pair by pair behind a health gate
 * ({@link io.haprovision.engine.ApplyReport}), and verifies pairs with checks and drills
 * ({@link io.haprovision.engine.verify.VerifyReport}). Planning itself stays pure in
 * {@link io.haprovision.plan.Planner}.
 *
 * <p>Every platform's pairs are applied by one rollout, {@code PairRollout}: lock the pair, then
 * node by node in rollout order a fresh look, arm the revert, change, health gate, confirm over a
 * new connection, disarm. A kind of node brings only its {@code NodeSteps}: {@code ShellSteps}
 * for POSIX nodes (probes, resource drivers, handlers, a revert armed on the node by
 * {@code ShellRevert}), {@code ProtocolSteps} for a platform's own
 * {@link io.haprovision.spi.NodeProtocol}.
 */
package io.haprovision.engine;
