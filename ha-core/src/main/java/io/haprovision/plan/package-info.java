/**
 * Planning: the pure {@link io.haprovision.plan.Planner} turns desired pairs and the nodes'
 * facts into a {@link io.haprovision.plan.Plan} (ordered changes with diffs, the handlers
 * they trigger, the rollout order of each pair), which renders as text
 * ({@link io.haprovision.plan.PlanTextRenderer}) or versioned JSON
 * ({@link io.haprovision.plan.PlanJson}). Every rendering passes through a
 * {@link io.haprovision.secret.Redactor}, and sensitive content is never diffed.
 */
package io.haprovision.plan;
